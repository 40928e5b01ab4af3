"""`storyline quotes` lists stored quotes from a real SQLite file."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from storyline.cli import app
from storyline.models import Article, ArticleAnalysis, Quote, make_article_id
from storyline.store.sqlite import SQLiteStore

runner = CliRunner()
TEXT = "“The bridge is safe,” Idris Halloway said. Wenna Ostrova called it “a <risky> gamble”."


def _db(tmp_path: Path) -> str:
    path = tmp_path / "q.db"
    aid = make_article_id(TEXT)
    store = SQLiteStore(path)
    store.add_articles([Article(article_id=aid, source="x.txt", text=TEXT)])
    start = TEXT.index("a <risky>")
    quotes = (
        Quote(
            article_id=aid,
            text="The bridge is safe,",
            start=1,
            end=20,
            kind="direct",
            speaker="Idris Halloway",
            cue="said",
        ),
        Quote(
            article_id=aid,
            text="a <risky> gamble",
            start=start,
            end=start + 16,
            kind="partial",
            speaker="Wenna Ostrova",
            cue="called",
        ),
    )
    for q in quotes:
        assert TEXT[q.start : q.end] == q.text
    store.save_analyses([ArticleAnalysis(article_id=aid, quotes=quotes)])
    store.close()
    return str(path)


def test_quotes_command_lists_all(tmp_path: Path) -> None:
    db = _db(tmp_path)
    result = runner.invoke(app, ["quotes", "--db", db], catch_exceptions=False)
    assert result.exit_code == 0
    assert "Idris Halloway" in result.output and "The bridge is safe," in result.output
    assert "a <risky> gamble" in result.output  # printed as text, not read as markup


def test_quotes_command_filters_by_speaker_as_json(tmp_path: Path) -> None:
    db = _db(tmp_path)
    result = runner.invoke(app, ["quotes", "--db", db, "--speaker", "wenna ostrova", "--json"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert [(r["speaker"], r["text"], r["kind"]) for r in rows] == [
        ("Wenna Ostrova", "a <risky> gamble", "partial")
    ]


def test_quotes_command_unknown_article_is_empty(tmp_path: Path) -> None:
    db = _db(tmp_path)
    result = runner.invoke(app, ["quotes", "--db", db, "--article", "nope", "--json"])
    assert result.exit_code == 0
    assert result.stdout.strip() == ""

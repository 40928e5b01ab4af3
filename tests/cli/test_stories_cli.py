"""`storyline stories`: the listing (whole ids at 80 columns, JSON), merge and split."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from typer.testing import CliRunner

from storyline.cli import app
from storyline.models import Article, ArticleAnalysis, Story, make_article_id
from storyline.store.sqlite import SQLiteStore

runner = CliRunner()


def _art(text: str, outlet: str, day: str) -> Article:
    return Article(
        article_id=make_article_id(text, outlet),
        source=outlet,
        text=text,
        title="A very long headline about the Varn island ferry council and its night crossing vote",
        outlet=outlet,
        published=date.fromisoformat(day),
    )


def _db(tmp_path: Path) -> tuple[str, list[Article]]:
    arts = [
        _art("The Varn island ferry council voted to restore the night crossing.", "Ledger", "2031-03-02"),
        _art("Night crossings to Varn island return after the ferry council vote.", "Echo", "2031-03-04"),
        _art("Miners at the Orsk copper pit walked out over unpaid wages.", "Ledger", "2031-03-02"),
    ]
    db = str(tmp_path / "s.db")
    with SQLiteStore(db) as store:
        store.add_articles(arts)
        store.save_analyses([ArticleAnalysis(article_id=a.article_id) for a in arts])
        store.update_stories(
            [
                Story(
                    story_id="s-ferry-000001",
                    title=arts[0].title or "",
                    article_ids=(arts[0].article_id, arts[1].article_id),
                ),
                Story(story_id="s-mine-0000002", title="Orsk strike", article_ids=(arts[2].article_id,)),
            ]
        )
    return db, arts


def test_stories_lists_whole_ids_at_80_columns(tmp_path: Path) -> None:
    db, _ = _db(tmp_path)
    result = runner.invoke(app, ["stories", "--db", db], env={"COLUMNS": "80"}, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "s-ferry-000001" in result.stdout and "s-mine-0000002" in result.stdout
    assert "2031-03-02..03-04" in result.stdout
    assert all(len(line) <= 80 for line in result.stdout.splitlines())


def test_stories_json_has_dates_outlets_and_sources(tmp_path: Path) -> None:
    db, _ = _db(tmp_path)
    result = runner.invoke(app, ["stories", "--db", db, "--json"], catch_exceptions=False)
    rows = {r["story_id"]: r for r in json.loads(result.stdout)}
    ferry = rows["s-ferry-000001"]
    assert (ferry["first"], ferry["last"], ferry["articles"]) == ("2031-03-02", "2031-03-04", 2)
    assert ferry["outlets"] == ["Echo", "Ledger"] and ferry["independent_sources"] == 2


def test_stories_merge_and_split_from_the_command_line(tmp_path: Path) -> None:
    db, arts = _db(tmp_path)
    result = runner.invoke(app, ["stories", "merge", "s-ferry-000001", "s-mine-0000002", "--db", db])
    assert result.exit_code == 0, result.output
    with SQLiteStore(db) as store:
        (story,) = store.stories()
        assert story.story_id == "s-ferry-000001" and len(story.article_ids) == 3
    result = runner.invoke(app, ["stories", "split", "s-ferry-000001", arts[2].article_id, "--db", db])
    assert result.exit_code == 0, result.output
    with SQLiteStore(db) as store:
        parts = {s.story_id: set(s.article_ids) for s in store.stories()}
        kinds = [d.kind for d in store.decisions()]
    assert parts["s-ferry-000001"] == {arts[0].article_id, arts[1].article_id}
    assert len(parts) == 2 and kinds == ["merge", "split"]
    result = runner.invoke(app, ["stories", "merge", "s-ferry-000001", "s-nope", "--db", db])
    assert result.exit_code == 2 and "no story" in result.output

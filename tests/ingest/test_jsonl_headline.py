"""A JSONL record's text is the body its producer gave: its first line is kept."""

from __future__ import annotations

import json
from pathlib import Path

from storyline.ingest import read_inputs
from storyline.models import Article
from storyline.settings import load_settings


def test_jsonl_text_keeps_a_first_line_that_repeats_the_title(tmp_path: Path) -> None:
    body = "Ferry service to Lisk resumes on Monday\nThe harbour office said boats would sail at dawn."
    rec = {"id": "r1", "title": "Ferry service to Lisk resumes on Monday", "text": body}
    f = tmp_path / "in.jsonl"
    f.write_text(json.dumps(rec) + "\n", encoding="utf-8")
    (art,) = list(read_inputs([f], load_settings()))
    assert isinstance(art, Article)
    assert art.text.startswith("Ferry service to Lisk resumes on Monday")
    assert art.title == "Ferry service to Lisk resumes on Monday"


def test_jsonl_title_only_record_becomes_an_article_with_a_note(tmp_path: Path) -> None:
    rec = {"id": "r2", "title": "Harbour strike ends after nine days", "published": "2026-02-01"}
    f = tmp_path / "in.jsonl"
    f.write_text(json.dumps(rec) + "\n" + json.dumps({"id": "r3"}) + "\n", encoding="utf-8")
    items = list(read_inputs([f], load_settings()))
    art, problem = items
    assert isinstance(art, Article)
    assert art.text == "Harbour strike ends after nine days"
    assert any("title is the article text" in n for n in art.notes)
    assert not isinstance(problem, Article) and problem.line == 2

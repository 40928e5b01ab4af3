"""Event-data exports: GDELT-2.0-shaped tables, POLECAT-shaped JSONL, CSV / Parquet files."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

import pyarrow.parquet as pq

from storyline.export.csv import to_csv
from storyline.export.events import (
    EVENT_COLUMNS,
    EVENT_TABLES,
    MENTION_COLUMNS,
    POLECAT_COLUMNS,
    extract_event,
    gdelt_event_rows,
    gdelt_mention_rows,
    polecat_jsonl,
    polecat_rows,
    write_event_exports,
)
from storyline.models import Article, Event, EventMention, Story, StoryEvent


def _story() -> tuple[Story, dict[str, Article]]:
    text = "=Marshal Oren Vask shelled Dunmere near Kharkiv on Monday."
    art = Article(
        article_id="a1", source="a.txt", text=text, outlet="Northern Post", url="https://example.invalid/a1"
    )
    copy = Article(article_id="a2", source="b.txt", text=text, outlet="Harbour Times")
    s = text.index("shelled")
    mentions = tuple(
        EventMention(
            event_id="ev1",
            article_id=a.article_id,
            outlet=a.outlet,
            published=date(2031, 5, 14),
            text="shelled",
            start=s,
            end=s + 7,
            sentence_start=0,
            sentence_end=len(text),
            confidence=0.9,
            copy_of="a1" if a.article_id == "a2" else None,
        )
        for a in (art, copy)
    )
    ev = StoryEvent(
        event_id="ev1",
        event_type="ASSAULT",
        quad_class="material_conflict",
        cameo="18",
        actor="=Oren Vask",
        actor_country="VLT",
        actor_sector="MIL",
        target="Dunmere",
        when="2031-05-12",
        when_basis="time expression",
        where="Kharkiv",
        where_country="UKR",
        where_region="UA.07",
        where_lat=50.0,
        where_lon=36.2,
        article_count=1,
        source_count=1,
        mentions=mentions,
    )
    return Story(story_id="s1", title="t", article_ids=("a1", "a2"), events=(ev,)), {"a1": art, "a2": copy}


def test_gdelt_event_row_counts_the_happening_once() -> None:
    story, arts = _story()
    (row,) = list(gdelt_event_rows([story], arts))
    assert set(row) == {c for c, _ in EVENT_COLUMNS}
    assert (row["Day"], row["EventRootCode"], row["QuadClass"]) == ("20310512", "18", 4)
    assert (row["NumMentions"], row["NumArticles"], row["NumSources"]) == (2, 1, 1)
    assert (row["ActionGeo_CountryCode"], row["ActionGeo_Type"]) == ("UKR", 4)
    assert row["SourceURL"] == "https://example.invalid/a1"


def test_gdelt_mention_rows_point_at_the_trigger() -> None:
    story, arts = _story()
    rows = list(gdelt_mention_rows([story], arts))
    assert [set(r) == {c for c, _ in MENTION_COLUMNS} for r in rows] == [True, True]
    for r in rows:
        text = arts[r["ArticleID"]].text
        assert text[r["ActionCharOffset"] : r["ActionCharEnd"]] == r["Text"] == "shelled"
        assert r["Confidence"] == 90
    assert [r["CopyOf"] for r in rows] == [None, "a1"]


def test_polecat_jsonl_is_one_record_per_event_with_mentions() -> None:
    story, arts = _story()
    (line,) = list(polecat_jsonl([story], arts))
    rec = json.loads(line)
    assert set(rec) == {c for c, _ in POLECAT_COLUMNS} | {"mentions"}
    assert (rec["event_type"], rec["actor_country"], rec["country"]) == ("assault", "VLT", "UKR")
    assert len(rec["mentions"]) == 2
    (flat,) = list(polecat_rows([story], arts))
    assert flat["contexts"] == ""


def test_event_tables_write_as_csv_with_formula_guard() -> None:
    story, arts = _story()
    columns, rows_of = EVENT_TABLES["gdelt_events"]
    data = to_csv(rows_of([story], arts), [c for c, _ in columns])
    (row,) = list(csv.DictReader(io.StringIO(data.decode())))
    assert row["Actor1Name"] == "'=Oren Vask"  # a spreadsheet must not run it


def test_write_event_exports_writes_csv_jsonl_and_parquet(tmp_path: Path) -> None:
    story, arts = _story()
    paths = write_event_exports(tmp_path, [story], arts.values())
    names = sorted(p.name for p in paths)
    assert names == [
        "events.csv",
        "events.parquet",
        "events.polecat.jsonl",
        "mentions.csv",
        "mentions.parquet",
    ]
    table = pq.read_table(tmp_path / "mentions.parquet")
    assert table.num_rows == 2 and table.column_names == [c for c, _ in MENTION_COLUMNS]


def test_write_event_exports_of_no_events_still_has_headers(tmp_path: Path) -> None:
    write_event_exports(tmp_path, [Story(story_id="s", title="t", article_ids=("a",))])
    header = (tmp_path / "events.csv").read_text().splitlines()[0]
    assert header.split(",") == [c for c, _ in EVENT_COLUMNS]
    assert (tmp_path / "events.polecat.jsonl").read_text() == ""


def test_extract_event_nests_source_target_time_and_place() -> None:
    e = Event(
        article_id="a1",
        text="shelled",
        start=18,
        end=25,
        event_type="ASSAULT",
        actor="Oren Vask",
        actor_text="Marshal Oren Vask",
        actor_start=0,
        actor_end=17,
        actor_country="VLT",
        when="2031-05-12",
        where="Kharkiv",
        where_country="UKR",
    )
    rec = extract_event(e)
    assert rec["source"]["country"] == "VLT" and rec["target"] is None
    assert rec["when"]["value"] == "2031-05-12"
    assert rec["where"]["country"] == "UKR"

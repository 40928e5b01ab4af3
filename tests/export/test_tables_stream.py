"""Every table streams from the store a page at a time, and every shape has one definition."""

from __future__ import annotations

import io
import json
from collections.abc import Sequence
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from sample_store import OUTLETS
from storyline.export import parquet, records, tables
from storyline.export.contract import to_extract_record
from storyline.export.tables import TABLES, table_rows
from storyline.export.writers import export_bytes, write_rows, write_table
from storyline.models import Article, ArticleAnalysis, Quote
from storyline.store import _records as store_records
from storyline.store.sqlite import SQLiteStore


class CountingStore(SQLiteStore):
    """Records how many articles each page read asked for."""

    pages: list[int]

    def articles(self, *, limit: int = 100, offset: int = 0, story_id: str | None = None) -> list[Article]:
        self.pages.append(limit)
        return super().articles(limit=limit, offset=offset, story_id=story_id)

    def analyses(self, article_ids: Sequence[str] | None = None) -> list[ArticleAnalysis]:
        assert article_ids is not None, "a table read every analysis at once"
        return super().analyses(article_ids)


@pytest.mark.parametrize("name", list(TABLES))
def test_tables_have_rows_with_exactly_their_columns(sample_db: Path, name: str) -> None:
    with SQLiteStore(sample_db) as store:
        rows = list(table_rows(store, name))
    assert rows, name
    assert all(list(r) == TABLES[name].column_names for r in rows)


def test_tables_stream_a_page_of_articles_at_a_time(sample_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tables, "PAGE", 1)
    store = CountingStore(sample_db)
    store.pages = []
    try:
        rows = tables.iter_analysed(store, page=1)
        assert store.pages == []  # nothing read before the first row is asked for
        first = next(rows)
        assert store.pages == [1]
        rest = list(rows)
        assert store.pages == [1, 1, 1]  # two articles, then an empty page that ends it
        assert [a.article_id for a, _ in [first, *rest]] == [a.article_id for a in store.iter_articles()]
    finally:
        store.close()


def test_parquet_is_written_a_row_group_at_a_time(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parquet, "ROW_GROUP", 2)
    rows = ({"story_id": "s", "when": f"2031-06-0{i}", "kind": "happening"} for i in range(1, 6))
    sink = io.BytesIO()
    assert write_rows(rows, "timeline", "parquet", sink) == 5
    meta = pq.ParquetFile(io.BytesIO(sink.getvalue())).metadata
    assert (meta.num_rows, meta.num_row_groups) == (5, 3)


def test_write_table_counts_rows_and_web_bytes_are_the_same_file(sample_db: Path) -> None:
    with SQLiteStore(sample_db) as store:
        sink = io.BytesIO()
        assert write_table(store, "quotes", "jsonl", sink) == 2
        assert export_bytes(store, "quotes", "jsonl") == sink.getvalue()
    rows = [json.loads(line) for line in sink.getvalue().decode("utf-8").splitlines()]
    assert [r["outlet"] for r in rows] == OUTLETS


def test_records_article_shape_is_shared(sample_db: Path) -> None:
    from storyline.web.views import ArticleSummary as WebSummary

    assert WebSummary is records.ArticleSummary
    with SQLiteStore(sample_db) as store:
        article = store.iter_articles().__next__()
    row = records.article_row(article)
    assert row["n_chars"] == len(article.text) and row["n_removed"] == 1
    assert list(row) == TABLES["articles"].column_names
    assert set(records.article_row(article, text=False)) == set(records.ArticleSummary.model_fields)


def test_records_quote_row_has_every_quote_field_and_its_source() -> None:
    q = Quote(article_id="a1", text="soon", start=1, end=5, kind="direct", speaker="Odile Vance")
    row = records.quote_row(q)
    assert set(Quote.model_fields) | {"outlet", "published", "title"} == set(row)
    assert list(row) == TABLES["quotes"].column_names


def test_records_store_keeps_every_quote_field() -> None:
    stored = {store_records.QUOTE_RENAMES.get(f, f) for f in Quote.model_fields}
    assert stored | {"ord"} == set(store_records.QUOTE_COLUMNS)
    q = Quote(article_id="a1", text="soon", start=1, end=5, kind="partial", cue="said", paragraph=2)
    (row,) = store_records.quote_rows(ArticleAnalysis(article_id="a1", quotes=(q,)))
    assert store_records.quote_from_row(row) == q


def test_records_extract_contract_keeps_its_fields(sample_db: Path) -> None:
    with SQLiteStore(sample_db) as store:
        article = next(store.iter_articles())
        analysis = store.analysis(article.article_id)
    record = to_extract_record(article, analysis, "s1")
    assert list(record) == [
        "source",
        "article_id",
        "title",
        "byline",
        "outlet",
        "published",
        "language",
        "url",
        "text",
        "removed",
        "quotes",
        "entities",
        "figures",
        "timexes",
        "events",
        "story",
    ]
    assert record["removed"] == [{"text": "SHARE THIS", "reason": "share-links"}]
    assert set(record["quotes"][0]) == {
        "text",
        "start",
        "end",
        "kind",
        "speaker",
        "speaker_text",
        "speaker_start",
        "speaker_end",
        "cue",
    }
    assert record["entities"][0] == {
        "name": "Odile Vance",
        "type": "person",
        "roles": ["harbourmaster"],
        "mentions": [{"text": "Odile Vance", "start": 14, "end": 25}],
    }
    assert list(record["entities"][0]) == ["name", "type", "roles", "mentions"]
    assert set(record["figures"][0]) == {"text", "start", "end", "value", "unit", "about", "qualifier"}
    assert set(record["timexes"][0]) == {"text", "start", "end", "type", "value"}
    assert record["events"][0]["type"] == "REJECT"
    json.dumps(record)

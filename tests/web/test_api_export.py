"""Export endpoints: every table, every format, the whole store or one story."""

from __future__ import annotations

import csv
import io
import json

import pyarrow.parquet as pq
import pytest
from fastapi.testclient import TestClient
from web_records import STORY_ID

from storyline.export.tables import TABLES
from storyline.models import Article


@pytest.mark.parametrize("table", ["articles", "quotes", "utterances", "facts", "timeline", "actors"])
def test_api_export_formats_agree(client: TestClient, table: str) -> None:
    jsonl = client.get(f"/api/export/{table}", params={"format": "jsonl"})
    assert jsonl.status_code == 200
    rows = [json.loads(line) for line in jsonl.text.splitlines()]
    assert rows, table
    csv_rows = list(
        csv.DictReader(io.StringIO(client.get(f"/api/export/{table}", params={"format": "csv"}).text))
    )
    parquet = pq.read_table(
        io.BytesIO(client.get(f"/api/export/{table}", params={"format": "parquet"}).content)
    )
    assert len(rows) == len(csv_rows) == parquet.num_rows
    assert "attachment" in jsonl.headers["content-disposition"]


def test_api_export_quotes_point_into_articles(client: TestClient, articles: list[Article]) -> None:
    texts = {a.article_id: a.text for a in articles}
    rows = [json.loads(line) for line in client.get("/api/export/quotes").text.splitlines()]
    assert len(rows) == 4
    for r in rows:
        assert texts[r["article_id"]][r["start"] : r["end"]] == r["text"]


def test_api_export_one_story(client: TestClient) -> None:
    r = client.get("/api/export/articles", params={"format": "csv", "story_id": STORY_ID})
    assert len(list(csv.DictReader(io.StringIO(r.text)))) == 3
    assert client.get("/api/export/articles", params={"story_id": "missing"}).status_code == 404


def test_api_export_rejects_unknown_table_and_format(client: TestClient) -> None:
    assert client.get("/api/export/secrets").status_code == 422
    assert client.get("/api/export/quotes", params={"format": "xlsx"}).status_code == 422


@pytest.mark.parametrize("table", list(TABLES))
def test_api_export_every_table_with_its_columns(client: TestClient, table: str) -> None:
    r = client.get(f"/api/export/{table}", params={"format": "csv"})
    assert r.status_code == 200
    assert next(csv.reader(io.StringIO(r.text))) == TABLES[table].column_names

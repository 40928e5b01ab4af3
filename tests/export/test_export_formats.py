"""The exporters write every table in JSONL, CSV and Parquet with fixed columns."""

from __future__ import annotations

import csv
import io
import json

import pyarrow.parquet as pq
import pytest

from storyline.export.csv import to_csv
from storyline.export.jsonl import to_jsonl
from storyline.export.parquet import to_parquet
from storyline.export.tables import COLUMNS, TABLES

ROWS = [
    {
        "article_id": "a1",
        "start": 3,
        "end": 9,
        "kind": "direct",
        "speaker": "Ilse Marrow",
        "speaker_text": None,
        "cue": "said",
        "text": "corridor \u201copen\u201d, \n soon",
    },
    {
        "article_id": "a2",
        "start": 0,
        "end": 4,
        "kind": "partial",
        "speaker": None,
        "speaker_text": "she",
        "cue": None,
        "text": '=HYPERLINK("http://evil.example")',
    },
]


def test_export_jsonl_one_object_per_line() -> None:
    lines = to_jsonl(ROWS).decode("utf-8").splitlines()
    assert [json.loads(line) for line in lines] == ROWS


def test_export_csv_has_header_and_round_trips() -> None:
    columns = [c for c, _ in COLUMNS["quotes"]]
    rows = list(csv.DictReader(io.StringIO(to_csv(ROWS, columns).decode("utf-8"))))
    assert list(rows[0]) == columns
    assert rows[0]["text"] == ROWS[0]["text"]
    assert rows[0]["speaker_text"] == ""


def test_export_csv_defuses_formulas() -> None:
    columns = [c for c, _ in COLUMNS["quotes"]]
    rows = list(csv.DictReader(io.StringIO(to_csv(ROWS, columns).decode("utf-8"))))
    assert rows[1]["text"].startswith("'=")


def test_export_parquet_keeps_types() -> None:
    table = pq.read_table(io.BytesIO(to_parquet(ROWS, COLUMNS["quotes"])))
    assert table.column_names == [c for c, _ in COLUMNS["quotes"]]
    assert table.column("start").to_pylist() == [3, 0]
    assert table.column("speaker").to_pylist() == ["Ilse Marrow", None]


@pytest.mark.parametrize("table", TABLES)
def test_export_empty_tables_keep_their_columns(table: str) -> None:
    columns = COLUMNS[table]
    assert to_csv([], [c for c, _ in columns]).decode().strip() == ",".join(c for c, _ in columns)
    assert pq.read_table(io.BytesIO(to_parquet([], columns))).column_names == [c for c, _ in columns]
    assert to_jsonl([]) == b""

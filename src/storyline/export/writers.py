"""Write a table in one of the export formats: what ``storyline export``, the web export
endpoints and the Python API share."""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator
from typing import IO, Literal

from storyline.errors import ConfigError
from storyline.export.csv import csv_chunks
from storyline.export.jsonl import jsonl_lines
from storyline.export.parquet import write_parquet
from storyline.export.records import Row
from storyline.export.tables import table, table_rows
from storyline.store.base import Store

Format = Literal["jsonl", "csv", "parquet"]
#: Media type and file name extension of each format.
FORMATS: dict[str, tuple[str, str]] = {
    "jsonl": ("application/x-ndjson", "jsonl"),
    "csv": ("text/csv; charset=utf-8", "csv"),
    "parquet": ("application/vnd.apache.parquet", "parquet"),
}


class _Counted:
    """Rows passed through, counted."""

    def __init__(self, rows: Iterable[Row]) -> None:
        self.rows = rows
        self.n = 0

    def __iter__(self) -> Iterator[Row]:
        for row in self.rows:
            self.n += 1
            yield row


def write_rows(rows: Iterable[Row], name: str, fmt: str, sink: IO[bytes]) -> int:
    """Write rows of table ``name`` to ``sink`` in ``fmt``; returns how many were written.

    RAISES ConfigError: an unknown table or format, or Parquet without pyarrow.
    """
    spec = table(name)
    if fmt == "parquet":
        return write_parquet(rows, spec.columns, sink)
    counted = _Counted(rows)
    if fmt == "jsonl":
        chunks: Iterable[bytes] = jsonl_lines(counted)
    elif fmt == "csv":
        chunks = csv_chunks(counted, spec.column_names)
    else:
        raise ConfigError(f"no export format {fmt!r}; the formats are {', '.join(FORMATS)}", code="SL142")
    for chunk in chunks:
        sink.write(chunk)
    return counted.n


def write_table(store: Store, name: str, fmt: str, sink: IO[bytes], story_id: str | None = None) -> int:
    """Stream table ``name`` (the whole store's, or one story's) from the store into ``sink``.

    RAISES NotFound: ``story_id`` names no story. ConfigError: unknown table or format.
    """
    return write_rows(table_rows(store, name, story_id), name, fmt, sink)


def export_bytes(store: Store, name: str, fmt: str, story_id: str | None = None) -> bytes:
    """The whole export file of one table, in memory."""
    sink = io.BytesIO()
    write_table(store, name, fmt, sink, story_id)
    return sink.getvalue()


def export_filename(name: str, fmt: str, story_id: str | None = None) -> str:
    """A safe download name: ``storyline-TABLE[-STORY].EXT``."""
    base = f"storyline-{name}{'-' + story_id if story_id else ''}.{FORMATS[fmt][1]}"
    return "".join(c if c.isalnum() or c in "-_." else "_" for c in base)

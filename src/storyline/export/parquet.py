"""Parquet export (needs the ``parquet`` extra: pyarrow), written a row group at a time."""

from __future__ import annotations

import io
import itertools
from collections.abc import Iterable, Sequence
from typing import IO, Any

from storyline.errors import ConfigError
from storyline.export.records import Row

_TYPES = {"str": "string", "int": "int64", "float": "float64", "bool": "bool_"}
#: Rows held in memory at a time: one Parquet row group.
ROW_GROUP = 10_000


def _pyarrow() -> Any:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as e:  # pragma: no cover - depends on the environment
        raise ConfigError(
            "Parquet export needs pyarrow: pip install 'storyline[parquet]'", code="SL140"
        ) from e
    return pa, pq


def arrow_schema(columns: Sequence[tuple[str, str]]) -> Any:
    pa, _ = _pyarrow()
    return pa.schema([(name, getattr(pa, _TYPES[kind])()) for name, kind in columns])


def arrow_batches(rows: Iterable[Row], columns: Sequence[tuple[str, str]]) -> Any:
    """The rows as pyarrow tables of at most :data:`ROW_GROUP` rows each (at least one)."""
    pa, _ = _pyarrow()
    schema = arrow_schema(columns)
    names = [name for name, _ in columns]
    it = iter(rows)
    first = True
    while True:
        chunk = list(itertools.islice(it, ROW_GROUP))
        if not chunk and not first:
            return
        first = False
        yield pa.Table.from_pylist([{n: row.get(n) for n in names} for row in chunk], schema=schema)
        if len(chunk) < ROW_GROUP:
            return


def write_parquet(rows: Iterable[Row], columns: Sequence[tuple[str, str]], sink: IO[bytes]) -> int:
    """Write the rows to ``sink`` as one Parquet file; returns how many were written."""
    _, pq = _pyarrow()
    n = 0
    with pq.ParquetWriter(sink, arrow_schema(columns)) as writer:
        for batch in arrow_batches(rows, columns):
            writer.write_table(batch)
            n += batch.num_rows
    return n


def to_parquet(rows: Iterable[Row], columns: Sequence[tuple[str, str]]) -> bytes:
    """The rows as one Parquet file; ``columns`` is (name, kind) with kind str/int/float/bool."""
    sink = io.BytesIO()
    write_parquet(rows, columns, sink)
    return sink.getvalue()

"""Parquet export (needs the ``parquet`` extra: pyarrow)."""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from typing import Any

from storyline.errors import ConfigError
from storyline.export.tables import Row

_TYPES = {"str": "string", "int": "int64", "float": "float64", "bool": "bool_"}


def _pyarrow() -> Any:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as e:  # pragma: no cover - depends on the environment
        raise ConfigError(
            "Parquet export needs pyarrow: pip install 'storyline[parquet]'", code="SL140"
        ) from e
    return pa, pq


def to_parquet(rows: Iterable[Row], columns: Sequence[tuple[str, str]]) -> bytes:
    """The rows as one Parquet file; ``columns`` is (name, kind) with kind str/int/float/bool."""
    pa, pq = _pyarrow()
    schema = pa.schema([(name, getattr(pa, _TYPES[kind])()) for name, kind in columns])
    table = pa.Table.from_pylist(
        [{name: row.get(name) for name, _ in columns} for row in rows], schema=schema
    )
    sink = io.BytesIO()
    pq.write_table(table, sink)
    return sink.getvalue()

"""JSON Lines export: one JSON object per row."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator

from storyline.export.records import Row


def jsonl_lines(rows: Iterable[Row]) -> Iterator[bytes]:
    """Each row as one UTF-8 line of JSON, newline-terminated."""
    for row in rows:
        yield (json.dumps(row, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


def to_jsonl(rows: Iterable[Row]) -> bytes:
    return b"".join(jsonl_lines(rows))

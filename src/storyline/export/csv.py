"""CSV export: a header row, then one line per row, with fixed columns.

Cells that a spreadsheet would read as a formula (starting with ``=``, ``+``, ``-``, ``@``, tab
or carriage return) are prefixed with a single quote: article text is untrusted.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from storyline.export.records import Row

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def csv_chunks(rows: Iterable[Row], columns: Sequence[str]) -> Iterator[bytes]:
    """The CSV file in UTF-8 chunks of about 64 KiB."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row.get(c)) for c in columns])
        if buf.tell() > 65_536:
            yield buf.getvalue().encode("utf-8")
            buf.seek(0)
            buf.truncate()
    yield buf.getvalue().encode("utf-8")


def to_csv(rows: Iterable[Row], columns: Sequence[str]) -> bytes:
    return b"".join(csv_chunks(rows, columns))

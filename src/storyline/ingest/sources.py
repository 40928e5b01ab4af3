"""Who published an article and when, as the user states it: ``--outlet``, ``--published`` and
a per-file mapping (``--sources FILE.csv|json``).

What the user states wins over what the inputs say. A mapping entry names an input by its
path as given, its file name, the article's ``source`` (a JSONL record's id, a feed entry's
URL) or its URL; its outlet and date win over ``--outlet`` and ``--published`` for the
articles it names.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path, PurePath

from storyline.errors import ConfigError
from storyline.ingest.article import parse_published
from storyline.models import Article, IngestProblem

__all__ = ["SourceInfo", "apply_sources", "load_sources", "parse_sources"]

MAX_SOURCES_BYTES = 5_000_000
MAX_OUTLET_CHARS = 300
_NAME_KEYS = ("file", "source", "name", "path", "url", "id")


@dataclass(frozen=True)
class SourceInfo:
    """The outlet and publication date the user gives for one input (either may be None)."""

    outlet: str | None = None
    published: date | None = None


def _clean_outlet(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    text = " ".join(value.split())[:MAX_OUTLET_CHARS]
    return text or None


def _date(value: object, where: str) -> date | None:
    if value in (None, ""):
        return None
    found = parse_published(value)
    if found is None:
        raise ConfigError(f"{where}: not a date (YYYY-MM-DD): {str(value)[:40]!r}", code="SL121")
    return found


def _entry(record: Mapping[str, object], where: str) -> tuple[str, SourceInfo] | None:
    name = next((record[k] for k in _NAME_KEYS if isinstance(record.get(k), str) and record[k]), None)
    if not isinstance(name, str):
        return None
    info = SourceInfo(
        outlet=_clean_outlet(record.get("outlet")),
        published=_date(record.get("published") or record.get("date"), where),
    )
    return name.strip(), info


def parse_sources(text: str, *, kind: str) -> dict[str, SourceInfo]:
    """A mapping from input names to :class:`SourceInfo`, from CSV or JSON text.

    CSV: a header naming ``file`` (or ``source``, ``name``, ``path``, ``url``, ``id``),
    ``outlet`` and ``published`` (or ``date``). JSON: ``{"name": {"outlet": ..., "published":
    ...}}`` or a list of records with the CSV's fields.
    RAISES ConfigError: the text is not of that form.
    """
    out: dict[str, SourceInfo] = {}
    records: Iterable[tuple[Mapping[str, object], str]]
    if kind == "json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as e:
            raise ConfigError(f"sources file is not JSON: {e}", code="SL121") from e
        if isinstance(data, dict):
            records = [
                ({"file": k, **v} if isinstance(v, dict) else {"file": k, "outlet": v}, f"entry {k[:80]!r}")
                for k, v in data.items()
            ]
        elif isinstance(data, list):
            records = [(r, f"record {n + 1}") for n, r in enumerate(data) if isinstance(r, dict)]
        else:
            raise ConfigError("sources JSON must be an object or a list of records", code="SL121")
    else:
        reader = csv.DictReader(io.StringIO(text))
        fields = {f.strip().lower() for f in reader.fieldnames or ()}
        if not fields & set(_NAME_KEYS):
            raise ConfigError("sources CSV needs a header with a 'file' column", code="SL121")
        records = [
            ({(k or "").strip().lower(): (v or "").strip() for k, v in row.items()}, f"line {n + 2}")
            for n, row in enumerate(reader)
        ]
    for record, where in records:
        found = _entry(record, where)
        if found is not None:
            out[found[0]] = found[1]
    return out


def load_sources(path: str | Path) -> dict[str, SourceInfo]:
    """Read a ``--sources`` file (``.json`` is JSON, anything else CSV)."""
    p = Path(path)
    try:
        if p.stat().st_size > MAX_SOURCES_BYTES:
            raise ConfigError(f"sources file {p} is over {MAX_SOURCES_BYTES} bytes", code="SL121")
        text = p.read_text(encoding="utf-8-sig")
    except OSError as e:
        raise ConfigError(f"cannot read the sources file {p}: {e.strerror or e}", code="SL121") from e
    return parse_sources(text, kind="json" if p.suffix.lower() == ".json" else "csv")


def _lookup(article: Article, sources: Mapping[str, SourceInfo]) -> SourceInfo | None:
    for key in (article.source, article.url):
        if key and key in sources:
            return sources[key]
    name = PurePath(article.source).name
    return sources.get(name) if name else None


def apply_sources(
    items: Iterable[Article | IngestProblem],
    *,
    outlet: str | None = None,
    published: date | None = None,
    sources: Mapping[str, SourceInfo] | None = None,
) -> Iterator[Article | IngestProblem]:
    """``items`` with the outlet and date the user stated set on each article."""
    outlet = _clean_outlet(outlet)
    for item in items:
        if isinstance(item, Article):
            info = _lookup(item, sources) if sources else None
            new_outlet = (info.outlet if info else None) or outlet
            new_date = (info.published if info else None) or published
            update: dict[str, object] = {}
            if new_outlet and new_outlet != item.outlet:
                update["outlet"] = new_outlet
            if new_date and new_date != item.published:
                update["published"] = new_date
            if update:
                item = item.model_copy(update=update)
        yield item

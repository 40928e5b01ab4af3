"""Event-data exports: GDELT-2.0-shaped event and mention tables, POLECAT-shaped records.

One function per table, each yielding plain rows with the fixed columns of
:data:`EVENT_COLUMNS` / :data:`MENTION_COLUMNS` / :data:`POLECAT_COLUMNS` (name, kind), so
that the CSV and Parquet writers of :mod:`storyline.export` (``to_csv``, ``to_parquet``)
write them as they write every other table, and a table registry can list them.

Where storyline differs from GDELT (docs/events.md has the full mapping): actor and place
countries are ISO 3166 alpha-3 (GDELT uses CAMEO actor codes and FIPS place codes), the event
code is the CAMEO two-digit root cross-walked from the PLOVER type, dates are the happening's
own (from its time expressions; empty when the text gives none), and there is no Goldstein
score or tone.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from storyline.models import Article, Event, Story, StoryEvent

__all__ = [
    "EVENT_COLUMNS",
    "EVENT_TABLES",
    "MENTION_COLUMNS",
    "POLECAT_COLUMNS",
    "QUAD_CLASSES",
    "extract_event",
    "gdelt_event_rows",
    "gdelt_mention_rows",
    "polecat_jsonl",
    "polecat_rows",
    "write_event_exports",
]

Row = dict[str, Any]
QUAD_CLASSES = {
    "verbal_cooperation": 1,
    "material_cooperation": 2,
    "verbal_conflict": 3,
    "material_conflict": 4,
}

EVENT_COLUMNS: tuple[tuple[str, str], ...] = (
    ("GlobalEventID", "str"),
    ("Day", "str"),
    ("Actor1Name", "str"),
    ("Actor1CountryCode", "str"),
    ("Actor1Type1Code", "str"),
    ("Actor2Name", "str"),
    ("Actor2CountryCode", "str"),
    ("Actor2Type1Code", "str"),
    ("IsRootEvent", "bool"),
    ("EventCode", "str"),
    ("EventBaseCode", "str"),
    ("EventRootCode", "str"),
    ("QuadClass", "int"),
    ("NumMentions", "int"),
    ("NumSources", "int"),
    ("NumArticles", "int"),
    ("ActionGeo_Type", "int"),
    ("ActionGeo_FullName", "str"),
    ("ActionGeo_CountryCode", "str"),
    ("ActionGeo_ADM1Code", "str"),
    ("ActionGeo_Lat", "float"),
    ("ActionGeo_Long", "float"),
    ("DateAdded", "str"),
    ("SourceURL", "str"),
    ("StoryID", "str"),
    ("PloverType", "str"),
    ("PloverMode", "str"),
    ("Modality", "str"),
    ("Negated", "bool"),
    ("DateBasis", "str"),
)
MENTION_COLUMNS: tuple[tuple[str, str], ...] = (
    ("GlobalEventID", "str"),
    ("EventTimeDate", "str"),
    ("MentionTimeDate", "str"),
    ("MentionType", "int"),
    ("MentionSourceName", "str"),
    ("MentionIdentifier", "str"),
    ("SentenceStart", "int"),
    ("SentenceEnd", "int"),
    ("ActionCharOffset", "int"),
    ("ActionCharEnd", "int"),
    ("Confidence", "int"),
    ("ArticleID", "str"),
    ("CopyOf", "str"),
    ("StoryID", "str"),
    ("Text", "str"),
)
POLECAT_COLUMNS: tuple[tuple[str, str], ...] = (
    ("event_id", "str"),
    ("event_date", "str"),
    ("event_type", "str"),
    ("event_mode", "str"),
    ("quad_code", "int"),
    ("contexts", "str"),
    ("actor_name", "str"),
    ("actor_country", "str"),
    ("actor_sector", "str"),
    ("recipient_name", "str"),
    ("recipient_country", "str"),
    ("recipient_sector", "str"),
    ("placename", "str"),
    ("country", "str"),
    ("province", "str"),
    ("latitude", "float"),
    ("longitude", "float"),
    ("feature_type", "str"),
    ("source", "str"),
    ("publication_date", "str"),
    ("num_mentions", "int"),
    ("num_sources", "int"),
    ("story_id", "str"),
    ("cameo_root", "str"),
    ("modality", "str"),
)
# name -> (columns, row function), for a table registry
EVENT_TABLES: dict[str, tuple[tuple[tuple[str, str], ...], Any]] = {}


def _day(value: str | None) -> str | None:
    """GDELT's YYYYMMDD from a TIMEX3 value that names a day (coarser values stay as they are)."""
    if not value:
        return None
    if len(value) >= 10 and value[4] == "-" and value[7] == "-" and value[:10].replace("-", "").isdigit():
        return value[:10].replace("-", "")
    return value


def _geo_type(e: StoryEvent) -> int | None:
    if e.where_country is None:
        return None
    return 1 if e.where_region is None else 4  # GDELT: 1 country, 4 world city


def _first_url(e: StoryEvent, articles: Mapping[str, Article]) -> str | None:
    for m in sorted(e.mentions, key=lambda m: (m.published is None, m.published, m.article_id)):
        a = articles.get(m.article_id)
        if a is not None and a.url:
            return a.url
    return e.mentions[0].article_id if e.mentions else None


def gdelt_event_rows(
    stories: Iterable[Story], articles: Mapping[str, Article] | None = None
) -> Iterator[Row]:
    """One row per story event (a happening counted once), GDELT 2.0 events-table shaped."""
    articles = articles or {}
    for s in stories:
        for e in s.events:
            published = [m.published for m in e.mentions if m.published is not None]
            yield {
                "GlobalEventID": e.event_id,
                "Day": _day(e.when),
                "Actor1Name": e.actor,
                "Actor1CountryCode": e.actor_country,
                "Actor1Type1Code": e.actor_sector,
                "Actor2Name": e.target,
                "Actor2CountryCode": e.target_country,
                "Actor2Type1Code": e.target_sector,
                "IsRootEvent": any(m.sentence_start is not None for m in e.mentions),
                "EventCode": e.cameo,
                "EventBaseCode": e.cameo,
                "EventRootCode": e.cameo,
                "QuadClass": QUAD_CLASSES.get(e.quad_class or ""),
                "NumMentions": len(e.mentions),
                "NumSources": e.source_count,
                "NumArticles": e.article_count,
                "ActionGeo_Type": _geo_type(e),
                "ActionGeo_FullName": e.where,
                "ActionGeo_CountryCode": e.where_country,
                "ActionGeo_ADM1Code": e.where_region,
                "ActionGeo_Lat": e.where_lat,
                "ActionGeo_Long": e.where_lon,
                "DateAdded": min(published).isoformat() if published else None,
                "SourceURL": _first_url(e, articles),
                "StoryID": s.story_id,
                "PloverType": e.event_type,
                "PloverMode": e.mode,
                "Modality": e.modality,
                "Negated": e.negated,
                "DateBasis": e.when_basis,
            }


def gdelt_mention_rows(
    stories: Iterable[Story], articles: Mapping[str, Article] | None = None
) -> Iterator[Row]:
    """One row per article report of a story event, GDELT 2.0 mentions-table shaped."""
    articles = articles or {}
    for s in stories:
        for e in s.events:
            for m in e.mentions:
                a = articles.get(m.article_id)
                yield {
                    "GlobalEventID": e.event_id,
                    "EventTimeDate": _day(e.when),
                    "MentionTimeDate": m.published.isoformat() if m.published else None,
                    "MentionType": 1,  # web
                    "MentionSourceName": m.outlet,
                    "MentionIdentifier": (a.url if a is not None and a.url else None) or m.article_id,
                    "SentenceStart": m.sentence_start,
                    "SentenceEnd": m.sentence_end,
                    "ActionCharOffset": m.start,
                    "ActionCharEnd": m.end,
                    "Confidence": round(m.confidence * 100),
                    "ArticleID": m.article_id,
                    "CopyOf": m.copy_of,
                    "StoryID": s.story_id,
                    "Text": m.text,
                }


def _polecat(s: Story, e: StoryEvent, articles: Mapping[str, Article]) -> Row:
    published = [m.published for m in e.mentions if m.published is not None]
    return {
        "event_id": e.event_id,
        "event_date": e.when,
        "event_type": e.event_type.lower(),
        "event_mode": e.mode,
        "quad_code": QUAD_CLASSES.get(e.quad_class or ""),
        "contexts": "; ".join(e.contexts),
        "actor_name": e.actor,
        "actor_country": e.actor_country,
        "actor_sector": e.actor_sector,
        "recipient_name": e.target,
        "recipient_country": e.target_country,
        "recipient_sector": e.target_sector,
        "placename": e.where,
        "country": e.where_country,
        "province": e.where_region,
        "latitude": e.where_lat,
        "longitude": e.where_lon,
        "feature_type": None
        if e.where_country is None
        else ("country" if e.where_region is None else "city"),
        "source": _first_url(e, articles),
        "publication_date": min(published).isoformat() if published else None,
        "num_mentions": len(e.mentions),
        "num_sources": e.source_count,
        "story_id": s.story_id,
        "cameo_root": e.cameo,
        "modality": e.modality,
    }


def polecat_rows(stories: Iterable[Story], articles: Mapping[str, Article] | None = None) -> Iterator[Row]:
    """One flat row per story event, with POLECAT's field names (for CSV / Parquet)."""
    articles = articles or {}
    for s in stories:
        for e in s.events:
            yield _polecat(s, e, articles)


def polecat_jsonl(stories: Iterable[Story], articles: Mapping[str, Article] | None = None) -> Iterator[str]:
    """POLECAT-shaped JSON lines: the flat fields, the contexts as a list, and the mentions."""
    articles = articles or {}
    for s in stories:
        for e in s.events:
            record = _polecat(s, e, articles)
            record["contexts"] = list(e.contexts)
            record["mentions"] = [
                {
                    "article_id": m.article_id,
                    "outlet": m.outlet,
                    "start": m.start,
                    "end": m.end,
                    "text": m.text,
                    "confidence": m.confidence,
                    "copy_of": m.copy_of,
                }
                for m in e.mentions
            ]
            yield json.dumps(record, ensure_ascii=False) + "\n"


EVENT_TABLES.update(
    {
        "gdelt_events": (EVENT_COLUMNS, gdelt_event_rows),
        "gdelt_mentions": (MENTION_COLUMNS, gdelt_mention_rows),
        "polecat": (POLECAT_COLUMNS, polecat_rows),
    }
)


def write_event_exports(
    out_dir: Path, stories: Iterable[Story], articles: Iterable[Article] = ()
) -> list[Path]:
    """Write the event tables beside a dossier: ``events.csv`` and ``mentions.csv``
    (GDELT-2.0-shaped), ``events.polecat.jsonl``, and the same tables as Parquet when
    pyarrow is installed. Returns the paths written."""
    from storyline.errors import ConfigError
    from storyline.export.csv import csv_chunks
    from storyline.export.parquet import to_parquet

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    stories = list(stories)
    by_id = {a.article_id: a for a in articles}
    written = []
    tables = (
        ("events", EVENT_COLUMNS, list(gdelt_event_rows(stories, by_id))),
        ("mentions", MENTION_COLUMNS, list(gdelt_mention_rows(stories, by_id))),
    )
    for name, columns, rows in tables:
        path = out_dir / f"{name}.csv"
        path.write_bytes(b"".join(csv_chunks(rows, [c for c, _ in columns])))
        written.append(path)
    path = out_dir / "events.polecat.jsonl"
    path.write_text("".join(polecat_jsonl(stories, by_id)), encoding="utf-8")
    written.append(path)
    for name, columns, rows in tables:
        try:
            data = to_parquet(rows, columns)
        except ConfigError:
            break  # no pyarrow: CSV and JSONL only
        path = out_dir / f"{name}.parquet"
        path.write_bytes(data)
        written.append(path)
    return written


def _side(name: str | None, text: str | None, start: int | None, end: int | None, country: str | None,
          sector: str | None, basis: str | None) -> Row | None:  # fmt: skip
    if start is None and name is None:
        return None
    return {
        "name": name,
        "text": text,
        "start": start,
        "end": end,
        "country": country,
        "sector": sector,
        "basis": basis,
    }


def extract_event(e: Event) -> Row:
    """One article event as the ``events`` field of ``storyline extract`` (docs/events.md)."""
    return {
        "type": e.event_type,
        "quad_class": e.quad_class,
        "cameo": e.cameo,
        "mode": e.mode,
        "act": e.act,
        "modality": e.modality,
        "negated": e.negated,
        "contexts": list(e.contexts),
        "text": e.text,
        "start": e.start,
        "end": e.end,
        "sentence_start": e.sentence_start,
        "sentence_end": e.sentence_end,
        "source": _side(
            e.actor, e.actor_text, e.actor_start, e.actor_end, e.actor_country, e.actor_sector, e.actor_basis
        ),
        "target": _side(
            e.target,
            e.target_text,
            e.target_start,
            e.target_end,
            e.target_country,
            e.target_sector,
            e.target_basis,
        ),
        "when": None
        if e.when is None
        else {"value": e.when, "start": e.when_start, "end": e.when_end, "basis": e.when_basis},
        "where": None
        if e.where_country is None
        else {
            "text": e.where,
            "start": e.where_start,
            "end": e.where_end,
            "country": e.where_country,
            "region": e.where_region,
            "lat": e.where_lat,
            "lon": e.where_lon,
            "basis": e.where_basis,
        },
    }

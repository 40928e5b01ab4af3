"""Flat tables of stored records, the rows every exporter (JSONL, CSV, Parquet) writes.

Each table has fixed columns (:data:`COLUMNS`) so that an empty export still has a header and
a schema. Values are plain JSON types: str, int, float, bool or None.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any, Literal

from storyline.models import Article, Quote, Story

Table = Literal["articles", "quotes", "utterances", "facts", "timeline", "actors"]
Row = dict[str, Any]

COLUMNS: dict[str, tuple[tuple[str, str], ...]] = {
    "articles": (
        ("article_id", "str"),
        ("source", "str"),
        ("input_kind", "str"),
        ("url", "str"),
        ("title", "str"),
        ("byline", "str"),
        ("outlet", "str"),
        ("published", "str"),
        ("language", "str"),
        ("text", "str"),
        ("n_removed", "int"),
    ),
    "quotes": (
        ("article_id", "str"),
        ("start", "int"),
        ("end", "int"),
        ("kind", "str"),
        ("speaker", "str"),
        ("speaker_text", "str"),
        ("cue", "str"),
        ("text", "str"),
    ),
    "utterances": (
        ("story_id", "str"),
        ("utterance_id", "str"),
        ("speaker", "str"),
        ("canonical_text", "str"),
        ("article_id", "str"),
        ("outlet", "str"),
        ("published", "str"),
        ("start", "int"),
        ("end", "int"),
        ("relation", "str"),
        ("similarity", "float"),
        ("text", "str"),
        ("earliest", "bool"),
    ),
    "facts": (
        ("story_id", "str"),
        ("fact_id", "str"),
        ("about", "str"),
        ("unit", "str"),
        ("status", "str"),
        ("article_id", "str"),
        ("outlet", "str"),
        ("start", "int"),
        ("end", "int"),
        ("value", "float"),
        ("qualifier", "str"),
        ("text", "str"),
    ),
    "timeline": (
        ("story_id", "str"),
        ("when", "str"),
        ("kind", "str"),
        ("article_id", "str"),
        ("start", "int"),
        ("end", "int"),
        ("text", "str"),
    ),
    "actors": (
        ("story_id", "str"),
        ("entity_id", "str"),
        ("name", "str"),
        ("type", "str"),
        ("roles", "str"),
        ("aliases", "str"),
        ("country", "str"),
        ("n_mentions", "int"),
    ),
}
TABLES: tuple[str, ...] = tuple(COLUMNS)


def article_rows(articles: Iterable[Article]) -> Iterator[Row]:
    for a in articles:
        yield {
            "article_id": a.article_id,
            "source": a.source,
            "input_kind": a.input_kind,
            "url": a.url,
            "title": a.title,
            "byline": a.byline,
            "outlet": a.outlet,
            "published": a.published.isoformat() if a.published else None,
            "language": a.language,
            "text": a.text,
            "n_removed": len(a.removed),
        }


def quote_rows(quotes: Iterable[Quote]) -> Iterator[Row]:
    for q in quotes:
        yield {
            "article_id": q.article_id,
            "start": q.start,
            "end": q.end,
            "kind": q.kind,
            "speaker": q.speaker,
            "speaker_text": q.speaker_text,
            "cue": q.cue,
            "text": q.text,
        }


def utterance_rows(stories: Iterable[Story]) -> Iterator[Row]:
    for s in stories:
        for u in s.utterances:
            for r in u.renderings:
                yield {
                    "story_id": s.story_id,
                    "utterance_id": u.utterance_id,
                    "speaker": u.speaker,
                    "canonical_text": u.canonical_text,
                    "article_id": r.article_id,
                    "outlet": r.outlet,
                    "published": r.published.isoformat() if r.published else None,
                    "start": r.quote_start,
                    "end": r.quote_end,
                    "relation": r.relation,
                    "similarity": r.similarity,
                    "text": r.text,
                    "earliest": r.article_id == u.earliest_article_id,
                }


def fact_rows(stories: Iterable[Story]) -> Iterator[Row]:
    for s in stories:
        for f in s.facts:
            for v in f.values:
                yield {
                    "story_id": s.story_id,
                    "fact_id": f.fact_id,
                    "about": f.about,
                    "unit": f.unit,
                    "status": f.status,
                    "article_id": v.article_id,
                    "outlet": v.outlet,
                    "start": v.start,
                    "end": v.end,
                    "value": v.value,
                    "qualifier": v.qualifier,
                    "text": v.text,
                }


def timeline_rows(stories: Iterable[Story]) -> Iterator[Row]:
    for s in stories:
        for t in s.timeline:
            yield {
                "story_id": s.story_id,
                "when": t.when,
                "kind": t.kind,
                "article_id": t.article_id,
                "start": t.start,
                "end": t.end,
                "text": t.text,
            }


def actor_rows(stories: Iterable[Story]) -> Iterator[Row]:
    for s in stories:
        for e in s.actors:
            yield {
                "story_id": s.story_id,
                "entity_id": e.entity_id,
                "name": e.name,
                "type": e.type,
                "roles": "; ".join(e.roles),
                "aliases": "; ".join(e.aliases),
                "country": e.country,
                "n_mentions": len(e.mentions),
            }

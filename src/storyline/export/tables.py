"""Flat tables of stored records, the rows every exporter (JSONL, CSV, Parquet) and the
Python API read.

Each table is one entry of :data:`TABLES`: its fixed columns (so that an empty export still
has a header and a schema) and a function that streams its rows from a store, for the whole
store or one story, a page of articles at a time. Values are plain JSON types: str, int,
float, bool or None. A new table is one more entry.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from storyline.errors import ConfigError
from storyline.export.events import EVENT_TABLES
from storyline.export.records import (
    ArticleSummary,
    QuoteRow,
    Row,
    StorySummary,
    article_row,
    columns_of,
    quote_row,
    story_row,
)
from storyline.models import Article, ArticleAnalysis, Event, Figure, Story, Timex
from storyline.store.base import Store

#: Articles read from the store at a time while a table streams.
PAGE = 500
#: Streams a table's rows from a store, for the whole store or one story (by id).
RowSource = Callable[[Store, str | None], Iterator[Row]]

#: Columns of the tables that are read from stories.
STORY_COLUMNS: dict[str, tuple[tuple[str, str], ...]] = {
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


# ---- streaming from a store -------------------------------------------------------------------


def iter_articles(store: Store, story_id: str | None = None, page: int = PAGE) -> Iterator[Article]:
    """Every stored article (or one story's, in story order), ``page`` at a time.

    RAISES NotFound: ``story_id`` names no story.
    """
    if story_id is None:
        yield from store.iter_articles(page)
        return
    store.story(story_id)
    offset = 0
    while True:
        batch = store.articles(limit=page, offset=offset, story_id=story_id)
        yield from batch
        if len(batch) < page:
            return
        offset += len(batch)


def iter_analysed(
    store: Store, story_id: str | None = None, page: int = PAGE
) -> Iterator[tuple[Article, ArticleAnalysis]]:
    """Each stored article that has an analysis, with it; a page of articles at a time."""
    batch: list[Article] = []

    def flush() -> Iterator[tuple[Article, ArticleAnalysis]]:
        found = {an.article_id: an for an in store.analyses([a.article_id for a in batch])}
        for a in batch:
            if a.article_id in found:
                yield a, found[a.article_id]

    for article in iter_articles(store, story_id, page):
        batch.append(article)
        if len(batch) >= page:
            yield from flush()
            batch = []
    if batch:
        yield from flush()


def iter_stories(store: Store, story_id: str | None = None) -> Iterator[Story]:
    if story_id is not None:
        yield store.story(story_id)
        return
    yield from store.stories()


def _articles(store: Store, story_id: str | None) -> Iterator[Row]:
    return (article_row(a) for a in iter_articles(store, story_id))


def _quotes(store: Store, story_id: str | None) -> Iterator[Row]:
    for a, an in iter_analysed(store, story_id):
        for q in an.quotes:
            yield quote_row(q, a)


def _per_article(part: Callable[[ArticleAnalysis], Iterable[Row]]) -> RowSource:
    def rows(store: Store, story_id: str | None) -> Iterator[Row]:
        for _, an in iter_analysed(store, story_id):
            yield from part(an)

    return rows


def _mentions(an: ArticleAnalysis) -> Iterator[Row]:
    for e in an.entities:
        for m in e.mentions:
            yield {
                "article_id": an.article_id,
                "entity_id": e.entity_id,
                "name": e.name,
                "type": e.type,
                "start": m.start,
                "end": m.end,
                "text": m.text,
            }


def _event_row(e: Event) -> Row:
    """An event as a flat row: its PLOVER contexts joined into one text column."""
    return {**e.model_dump(mode="json"), "contexts": "; ".join(e.contexts)}


def _per_story(build: Callable[[Iterable[Story]], Iterator[Row]]) -> RowSource:
    def rows(store: Store, story_id: str | None) -> Iterator[Row]:
        return build(iter_stories(store, story_id))

    return rows


def _story_summaries(stories: Iterable[Story]) -> Iterator[Row]:
    return (story_row(s) for s in stories)


@dataclass(frozen=True)
class TableSpec:
    """One exportable table: its name, what a row is, its columns, and where its rows come from."""

    name: str
    help: str
    columns: tuple[tuple[str, str], ...]
    rows: RowSource

    @property
    def column_names(self) -> list[str]:
        return [name for name, _ in self.columns]


_SPECS = (
    TableSpec(
        "stories",
        "one row per story, with its counts",
        columns_of(StorySummary),
        _per_story(_story_summaries),
    ),
    TableSpec(
        "articles",
        "one row per article, with its clean text",
        columns_of(ArticleSummary, ("text", "str")),
        _articles,
    ),
    TableSpec(
        "quotes",
        "one row per quote, with its article's outlet, date and title",
        columns_of(QuoteRow),
        _quotes,
    ),
    TableSpec("actors", "one row per actor of each story", STORY_COLUMNS["actors"], _per_story(actor_rows)),
    TableSpec(
        "utterances",
        "one row per outlet's rendering of an utterance",
        STORY_COLUMNS["utterances"],
        _per_story(utterance_rows),
    ),
    TableSpec(
        "facts",
        "one row per outlet's value of a compared fact",
        STORY_COLUMNS["facts"],
        _per_story(fact_rows),
    ),
    TableSpec(
        "timeline",
        "one row per dated entry of each story's timeline",
        STORY_COLUMNS["timeline"],
        _per_story(timeline_rows),
    ),
    TableSpec(
        "figures",
        "one row per figure found in an article",
        columns_of(Figure),
        _per_article(lambda an: (f.model_dump(mode="json") for f in an.figures)),
    ),
    TableSpec(
        "timexes",
        "one row per temporal expression in an article",
        columns_of(Timex),
        _per_article(lambda an: (t.model_dump(mode="json") for t in an.timexes)),
    ),
    TableSpec(
        "events",
        "one row per event (who did what to whom) in an article",
        columns_of(Event),
        _per_article(lambda an: (_event_row(e) for e in an.events)),
    ),
    TableSpec(
        "mentions",
        "one row per mention of an actor in an article",
        (
            ("article_id", "str"),
            ("entity_id", "str"),
            ("name", "str"),
            ("type", "str"),
            ("start", "int"),
            ("end", "int"),
            ("text", "str"),
        ),
        _per_article(_mentions),
    ),
)
_EVENT_SPECS = tuple(
    TableSpec(name, help_text, EVENT_TABLES[name][0], _per_story(EVENT_TABLES[name][1]))
    for name, help_text in (
        ("gdelt_events", "one row per story event (a happening counted once), GDELT 2.0 shaped"),
        ("gdelt_mentions", "one row per article's report of a story event, GDELT 2.0 shaped"),
        ("polecat", "one row per story event, POLECAT shaped"),
    )
)
#: Every table, by name, in the order the help lists them.
TABLES: dict[str, TableSpec] = {t.name: t for t in (*_SPECS, *_EVENT_SPECS)}
COLUMNS: dict[str, tuple[tuple[str, str], ...]] = {name: t.columns for name, t in TABLES.items()}


def table(name: str) -> TableSpec:
    """RAISES ConfigError: no table of this name."""
    try:
        return TABLES[name]
    except KeyError:
        raise ConfigError(f"no table {name!r}; the tables are {', '.join(TABLES)}", code="SL141") from None


def table_rows(store: Store, name: str, story_id: str | None = None) -> Iterator[Row]:
    """The rows of table ``name`` (all of them, or one story's), streamed from the store."""
    return table(name).rows(store, story_id)

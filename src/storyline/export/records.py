"""The one outward shape of each record: what the CLI, the Python API, the exports, the web
views and the dossier show of an article, a quote, a story.

The field names are those of the records in :mod:`storyline.models` (``article_id``,
``published``, ``start``, ``end``, ...); counts are named ``n_<what>`` everywhere
(``n_chars``, ``n_removed``). Every place that shows an article or a quote builds it here,
so that a field is added, renamed or dropped in one place.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any, get_args

from pydantic import BaseModel, ConfigDict

from storyline.models import ARTICLE_META, Article, Quote, Story

Row = dict[str, Any]


class ArticleSummary(BaseModel):
    """An article without its text: metadata, size and how many lines cleaning removed."""

    model_config = ConfigDict(frozen=True)

    article_id: str
    source: str
    input_kind: str
    url: str | None
    title: str | None
    byline: str | None
    outlet: str | None
    published: date | None
    language: str | None
    n_chars: int
    n_removed: int


def summarise_article(article: Article) -> ArticleSummary:
    return ArticleSummary(
        **article.model_dump(include=set(ARTICLE_META)),
        n_chars=len(article.text),
        n_removed=len(article.removed),
    )


def article_row(article: Article, *, text: bool = True) -> Row:
    """An article as one flat JSON-ready row: its summary, plus its clean text."""
    row = summarise_article(article).model_dump(mode="json")
    if text:
        row["text"] = article.text
    return row


class QuoteRow(BaseModel):
    """A quote with the article it came from (outlet, date, title): one row of ``quotes``."""

    model_config = ConfigDict(frozen=True)

    article_id: str
    outlet: str | None
    published: date | None
    title: str | None
    start: int
    end: int
    kind: str
    speaker: str | None
    speaker_text: str | None
    cue: str | None
    text: str
    speaker_id: str | None
    speaker_start: int | None
    speaker_end: int | None
    cue_start: int | None
    cue_end: int | None
    paragraph: int | None


def quote_row(quote: Quote, article: Article | ArticleSummary | None = None) -> Row:
    """A quote as one flat JSON-ready row: every field of the quote, and its article's outlet,
    date and title."""
    return QuoteRow(
        **quote.model_dump(),
        outlet=article.outlet if article else None,
        published=article.published if article else None,
        title=article.title if article else None,
    ).model_dump(mode="json")


class StorySummary(BaseModel):
    """A story with its counts, without its members."""

    model_config = ConfigDict(frozen=True)

    story_id: str
    title: str
    first_seen: datetime | None
    n_articles: int
    n_duplicates: int
    n_actors: int
    n_utterances: int
    n_renderings: int
    n_facts: int
    n_facts_differ: int
    n_timeline: int


def summarise_story(s: Story) -> StorySummary:
    return StorySummary(
        story_id=s.story_id,
        title=s.title,
        first_seen=s.first_seen,
        n_articles=len(s.article_ids),
        n_duplicates=len(s.duplicate_of),
        n_actors=len(s.actors),
        n_utterances=len(s.utterances),
        n_renderings=sum(len(u.renderings) for u in s.utterances),
        n_facts=len(s.facts),
        n_facts_differ=sum(f.status == "differ" for f in s.facts),
        n_timeline=len(s.timeline),
    )


def story_row(story: Story) -> Row:
    return summarise_story(story).model_dump(mode="json")


# ---- column types for the tables -------------------------------------------------------------

_KINDS: Mapping[Any, str] = {
    str: "str",
    int: "int",
    float: "float",
    bool: "bool",
    date: "str",
    datetime: "str",
}


def columns_of(model: type[BaseModel], *extra: tuple[str, str]) -> tuple[tuple[str, str], ...]:
    """(name, kind) for each field of a row model, kind one of str/int/float/bool; dates are
    ISO strings in rows, so they are ``str`` columns."""
    out: list[tuple[str, str]] = []
    for name, info in model.model_fields.items():
        types = [t for t in (get_args(info.annotation) or (info.annotation,)) if t is not type(None)]
        out.append((name, _KINDS.get(types[0], "str")))
    return (*out, *extra)

"""What the pages and the JSON API show, assembled from the store once for both."""

from __future__ import annotations

from collections import OrderedDict
from datetime import date
from typing import Generic, TypeVar

from pydantic import BaseModel

from storyline.errors import NotFound
from storyline.export.records import ArticleSummary as ArticleSummary  # the one shape, re-exported
from storyline.export.records import StorySummary as StorySummary
from storyline.export.records import summarise_article as summarise_article
from storyline.export.records import summarise_story
from storyline.models import Article, ArticleAnalysis, Entity, Quote, Story, Utterance
from storyline.store.base import Store

T = TypeVar("T")
MAX_LIMIT = 500
MAX_OFFSET = 1_000_000


class Page(BaseModel, Generic[T]):
    """One page of a longer list. ``total`` is None when the store cannot count cheaply."""

    items: list[T]
    limit: int
    offset: int
    total: int | None = None


class ArticleDetail(BaseModel):
    article: Article
    analysis: ArticleAnalysis | None


class SourcedQuote(BaseModel):
    """A quote with the article it came from."""

    quote: Quote
    title: str | None
    outlet: str | None
    published: date | None


class ActorView(BaseModel):
    name: str
    entity: Entity | None
    story_ids: list[str]
    quotes: Page[SourcedQuote]
    utterances: list[Utterance]


def story_summaries(store: Store, limit: int, offset: int) -> Page[StorySummary]:
    stories = store.stories()
    stories.sort(key=lambda s: (-len(s.article_ids), s.title))
    items = [summarise_story(s) for s in stories[offset : offset + limit]]
    return Page[StorySummary](items=items, limit=limit, offset=offset, total=len(stories))


def story_articles(store: Store, story: Story, limit: int, offset: int) -> Page[ArticleSummary]:
    articles = store.articles(story_id=story.story_id, limit=limit, offset=offset)
    return Page[ArticleSummary](
        items=[summarise_article(a) for a in articles],
        limit=limit,
        offset=offset,
        total=len(story.article_ids),
    )


def article_detail(store: Store, article_id: str) -> ArticleDetail:
    article = store.article(article_id)
    try:
        analysis: ArticleAnalysis | None = store.analysis(article_id)
    except NotFound:
        analysis = None
    return ArticleDetail(article=article, analysis=analysis)


def by_outlet(articles: list[ArticleSummary]) -> OrderedDict[str, list[ArticleSummary]]:
    """Articles grouped by outlet (outlets by their earliest article), each group by time."""
    groups: dict[str, list[ArticleSummary]] = {}
    for a in articles:
        groups.setdefault(a.outlet or "(unknown outlet)", []).append(a)
    for items in groups.values():
        items.sort(key=lambda a: (a.published or date.max, a.title or ""))
    ordered = sorted(groups.items(), key=lambda kv: (kv[1][0].published or date.max, kv[0]))
    return OrderedDict(ordered)


def by_speaker(utterances: tuple[Utterance, ...]) -> OrderedDict[str, list[Utterance]]:
    """Who said what: utterances grouped by speaker, the most quoted speaker first."""
    groups: dict[str, list[Utterance]] = {}
    for u in utterances:
        groups.setdefault(u.speaker or "(unattributed)", []).append(u)
    ordered = sorted(groups.items(), key=lambda kv: (-sum(len(u.renderings) for u in kv[1]), kv[0]))
    return OrderedDict(ordered)


def find_actor(stories: list[Story], key: str) -> tuple[str, Entity | None, list[str]]:
    """The actor named or identified by ``key``: its canonical name, entity and stories."""
    entity: Entity | None = None
    story_ids: list[str] = []
    for s in stories:
        for e in s.actors:
            if key in (e.entity_id, e.name) or key in e.aliases:
                entity = entity or e
                story_ids.append(s.story_id)
                break
    return (entity.name if entity else key), entity, story_ids


def actor_view(store: Store, key: str, limit: int, offset: int) -> ActorView:
    stories = store.stories()
    name, entity, story_ids = find_actor(stories, key)
    quotes = store.quotes(speaker=name, limit=limit, offset=offset)
    utterances = [u for s in stories for u in s.utterances if u.speaker == name]
    if entity is None and not quotes and not utterances:
        raise NotFound(f"no actor {key!r}: nobody of that name or id is quoted or listed", code="SL404")
    meta: dict[str, Article] = {}
    sourced: list[SourcedQuote] = []
    for q in quotes:
        if q.article_id not in meta:
            meta[q.article_id] = store.article(q.article_id)
        a = meta[q.article_id]
        sourced.append(SourcedQuote(quote=q, title=a.title, outlet=a.outlet, published=a.published))
    sourced.sort(key=lambda sq: (sq.published or date.max, sq.outlet or "", sq.quote.start))
    return ActorView(
        name=name,
        entity=entity,
        story_ids=story_ids,
        quotes=Page[SourcedQuote](items=sourced, limit=limit, offset=offset),
        utterances=utterances,
    )

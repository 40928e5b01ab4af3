"""Story events and mentions in their own tables (migration 5), on every backend."""

from __future__ import annotations

from datetime import date
from typing import Any

from storyline.models import Article, EventMention, Story, StoryEvent
from storyline.store._sql import SqlStore


def _with_events(story: Story, article_id: str) -> Story:
    mention = EventMention(
        event_id="ev1",
        article_id=article_id,
        published=date(2031, 5, 14),
        text="shelled",
        start=0,
        end=7,
        confidence=0.8,
    )
    event = StoryEvent(
        event_id="ev1",
        event_type="ASSAULT",
        cameo="18",
        actor="Oren Vask",
        actor_country="VLT",
        where_lat=50.5,
        where_lon=36.25,
        article_count=1,
        source_count=1,
        mentions=(mention,),
    )
    return story.model_copy(update={"events": (event,)})


def _rows(store: SqlStore, sql: str) -> list[Any]:
    with store._reading() as db:
        return list(store._run(db, sql).fetchall())


def test_store_writes_events_and_mentions_with_the_story(
    store: SqlStore, articles: list[Article], story: Story
) -> None:
    store.add_articles(articles)
    story = _with_events(story, articles[0].article_id)
    store.save_stories([story])
    store.save_stories([story])  # saving again replaces, never doubles
    (ev,) = _rows(
        store, "SELECT event_id, event_type, actor_country, where_lat, article_count FROM story_events"
    )
    assert tuple(ev) == ("ev1", "ASSAULT", "VLT", 50.5, 1)
    (m,) = _rows(store, "SELECT event_id, article_id, start_char, confidence FROM event_mentions")
    assert tuple(m) == ("ev1", articles[0].article_id, 0, 0.8)
    assert store.story(story.story_id).events == story.events  # the story keeps them too


def test_store_replacing_stories_clears_their_events(
    store: SqlStore, articles: list[Article], story: Story
) -> None:
    store.add_articles(articles)
    store.save_stories([_with_events(story, articles[0].article_id)])
    store.replace_stories([story])  # the same story, now without events
    assert _rows(store, "SELECT COUNT(*) FROM story_events")[0][0] == 0
    assert _rows(store, "SELECT COUNT(*) FROM event_mentions")[0][0] == 0

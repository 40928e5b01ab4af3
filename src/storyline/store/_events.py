"""Rows of the story-event and event-mention tables (migration 5), for both backends.

The whole story (its events included) stays in ``stories.data``; these two tables repeat the
events and their mentions in columns, so that SQL can count and filter them (GDELT-style).
"""

from __future__ import annotations

import json
from typing import Any

from storyline.models import Story

__all__ = ["EVENT_COLUMNS", "MENTION_COLUMNS", "event_rows", "mention_rows"]

EVENT_COLUMNS: tuple[str, ...] = (
    "event_id",
    "story_id",
    "event_type",
    "quad_class",
    "cameo",
    "modality",
    "actor",
    "actor_country",
    "actor_sector",
    "target",
    "target_country",
    "target_sector",
    "when_value",
    "when_basis",
    "where_name",
    "where_country",
    "where_lat",
    "where_lon",
    "article_count",
    "source_count",
    "data",
)
MENTION_COLUMNS: tuple[str, ...] = (
    "event_id",
    "story_id",
    "article_id",
    "start_char",
    "end_char",
    "sentence_start",
    "sentence_end",
    "confidence",
    "copy_of",
)


def event_rows(story: Story) -> list[list[Any]]:
    return [
        [
            e.event_id,
            story.story_id,
            e.event_type,
            e.quad_class,
            e.cameo,
            e.modality,
            e.actor,
            e.actor_country,
            e.actor_sector,
            e.target,
            e.target_country,
            e.target_sector,
            e.when,
            e.when_basis,
            e.where,
            e.where_country,
            e.where_lat,
            e.where_lon,
            e.article_count,
            e.source_count,
            json.dumps(e.model_dump(mode="json", exclude={"mentions"}), ensure_ascii=False),
        ]
        for e in story.events
    ]


def mention_rows(story: Story) -> list[list[Any]]:
    return [
        [
            m.event_id,
            story.story_id,
            m.article_id,
            m.start,
            m.end,
            m.sentence_start,
            m.sentence_end,
            m.confidence,
            m.copy_of,
        ]
        for e in story.events
        for m in e.mentions
    ]

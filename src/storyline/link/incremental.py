"""placeholder"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from storyline.link.duplicates import find_duplicates
from storyline.link.stories import cluster_articles
from storyline.models import Article, ArticleAnalysis, Story
from storyline.settings import LinkSettings


@dataclass
class Assignment:
    stories: list[tuple[str, list[str]]]
    copies: dict[str, str] = field(default_factory=dict)


def assign_stories(
    articles: Sequence[Article],
    analyses: Mapping[str, ArticleAnalysis],
    *,
    existing: Sequence[Story] = (),
    params: LinkSettings | None = None,
) -> Assignment:
    copies = find_duplicates(articles)
    originals = [a for a in articles if a.article_id not in copies]
    clusters = cluster_articles(originals, analyses, params=params)
    story_of = {aid: sid for sid, m in clusters for aid in m}
    out = {sid: list(m) for sid, m in clusters}
    for c, o in copies.items():
        if o in story_of:
            out[story_of[o]].append(c)
    return Assignment(list(out.items()), copies)

"""Cross-article linking: stories, copies, actors, utterances, facts and timelines.

Pure functions over the records of :mod:`storyline.models`; nothing here sees a spaCy Doc.
"""

from __future__ import annotations

from storyline.link.build import build_stories, link_story
from storyline.link.duplicates import find_duplicates
from storyline.link.facts import compare_figures
from storyline.link.stories import ClusterParams, StoryClusterer, cluster_articles
from storyline.link.timeline import build_timeline
from storyline.link.utterances import group_utterances, relation, word_diff

__all__ = [
    "ClusterParams",
    "StoryClusterer",
    "build_stories",
    "build_timeline",
    "cluster_articles",
    "compare_figures",
    "find_duplicates",
    "group_utterances",
    "link_story",
    "relation",
    "word_diff",
]

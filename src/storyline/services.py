"""The use-cases that the CLI, the web app and the Dask runner call.

Each function takes records and returns records; none of them prints. Progress is reported
through an optional callback so that callers choose how to show it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from storyline.models import Article, ArticleAnalysis, IngestProblem, Story
from storyline.settings import Settings

Progress = Callable[[int], None]


def read_articles(
    inputs: Sequence[str | Path],
    settings: Settings,
    *,
    fetch: bool = False,
    published: date | None = None,
) -> Iterator[Article | IngestProblem]:
    """Read every input (files, directories, ``-`` for stdin, URL lists) into clean articles.

    Problems are yielded as :class:`IngestProblem` records in input order; nothing raises for
    a bad input, so one broken file never stops a run.
    """
    from storyline.ingest import read_inputs

    yield from read_inputs(inputs, settings, fetch=fetch, published=published)


def analyse_articles(
    articles: Iterable[Article], settings: Settings, *, progress: Progress | None = None
) -> Iterator[ArticleAnalysis]:
    """Run the NLP pipeline over articles (``nlp.pipe`` with batching), in input order."""
    from storyline.nlp import analyse

    yield from analyse(articles, settings, progress=progress)


def build_stories(
    articles: Sequence[Article], analyses: Sequence[ArticleAnalysis], *, existing: Sequence[Story] = ()
) -> list[Story]:
    """Cluster articles into stories and link them: actors, utterances, facts, timeline."""
    from storyline.link import build_stories as _build

    return _build(articles, analyses, existing=existing)


def extract_record(
    article: Article, analysis: ArticleAnalysis | None = None, story_id: str | None = None
) -> dict[str, Any]:
    """One article in the output contract of ``storyline extract`` (see docs/extract.md)."""
    from storyline.export.contract import to_extract_record

    return to_extract_record(article, analysis, story_id)

"""What every store offers. SQLite (default) and PostgreSQL implement it; only store/ writes.

Reads raise :class:`~storyline.errors.NotFound` for an unknown id, never return None in its
place. Writes are idempotent: the same article (content hash + URL) stored twice is one row.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from datetime import date
from typing import Any, Protocol

from storyline.models import Article, ArticleAnalysis, Quote, SearchHit, Story, StoryDecision


class Store(Protocol):
    def add_articles(self, articles: Sequence[Article]) -> list[bool]:
        """Store articles in one transaction; True for each one that was new."""

    def save_analyses(self, analyses: Sequence[ArticleAnalysis]) -> None:
        """Store (replace) the analyses of stored articles, in one transaction."""

    def save_stories(self, stories: Sequence[Story]) -> None:
        """Store (replace) stories and their cross-article links."""

    def has_analysis(self, article_id: str, pipeline_version: str | None = None) -> bool: ...

    def article(self, article_id: str) -> Article: ...

    def articles(
        self, *, limit: int = 100, offset: int = 0, story_id: str | None = None
    ) -> list[Article]: ...

    def count_articles(self) -> int: ...

    def analysis(self, article_id: str) -> ArticleAnalysis: ...

    def quotes(
        self,
        *,
        speaker: str | None = None,
        article_id: str | None = None,
        limit: int = 100,
        offset: int = 0,
    ) -> list[Quote]: ...

    def stories(self) -> list[Story]: ...

    def story(self, story_id: str) -> Story: ...

    def search(self, query: str, *, limit: int = 20, offset: int = 0) -> list[SearchHit]: ...

    def close(self) -> None: ...

    # ---- batch look-ups for the analyze use-case and the web app ----

    def known_ids(self, article_ids: Sequence[str]) -> set[str]:
        """Those of ``article_ids`` that are stored."""

    def analysed_ids(self, article_ids: Sequence[str], pipeline_version: str | None = None) -> set[str]:
        """Those of ``article_ids`` that have an analysis (by ``pipeline_version`` when given)."""

    def iter_articles(self, batch_size: int = 500) -> Iterator[Article]:
        """Every stored article, in storage order."""

    def analyses(self, article_ids: Sequence[str] | None = None) -> list[ArticleAnalysis]:
        """The stored analyses of ``article_ids`` (those that have one), or all of them."""

    def replace_stories(self, stories: Sequence[Story]) -> None:
        """Make ``stories`` the whole set of stored stories, in one transaction."""

    def stats(self) -> dict[str, int]:
        """Row counts: articles, analyses, quotes, stories."""

    def schema_version(self) -> int: ...

    def record_run(self, started_at: str, pipeline_version: str, summary: Mapping[str, Any]) -> None:
        """Keep what one analyze run did."""

    def runs(self, limit: int = 20) -> list[dict[str, Any]]:
        """The latest analyze runs, newest first."""

    def save_job(self, job_id: str, data: Mapping[str, Any], keep: int = 100) -> None:
        """Keep the state of a web ingest job, and only the ``keep`` latest jobs."""

    def job(self, job_id: str) -> dict[str, Any]:
        """A web ingest job's last saved state. RAISES NotFound."""

    # ---- the link scope (storyline.link.incremental) and the user's story decisions ----

    def unassigned_ids(self) -> list[str]:
        """Ids of the stored articles that are in no story."""

    def articles_by_ids(self, article_ids: Sequence[str]) -> list[Article]:
        """The stored articles among ``article_ids``, in that order."""

    def similar_article_ids(
        self, words: Sequence[str], spans: Sequence[tuple[date, date] | None], limit: int
    ) -> list[str]:
        """Up to ``limit`` articles per span sharing the most of ``words`` (full-text)."""

    def latest_published(self) -> date | None: ...

    def stories_of(self, article_ids: Sequence[str]) -> list[Story]:
        """The stored stories holding any of ``article_ids``."""

    def story_ids_among(self, story_ids: Sequence[str]) -> set[str]: ...

    def update_stories(self, save: Sequence[Story], delete: Sequence[str] = ()) -> None:
        """Store (replace) ``save`` and delete ``delete``, in one transaction."""

    def save_copy_keys(self, keys: Mapping[str, Sequence[str]]) -> None: ...

    def articles_with_copy_keys(self, keys: Sequence[str]) -> set[str]: ...

    def ids_without_copy_keys(self, limit: int = 1000) -> list[str]: ...

    def save_decision(self, decision: StoryDecision) -> None:
        """Keep a user's merge or split of stories, with its time."""

    def decisions(self) -> list[StoryDecision]:
        """The user's story decisions, oldest first."""


def open_store(url: str) -> Store:
    """Open (and migrate) the store at ``url``: a SQLite path, or ``postgresql://...``."""
    if url.startswith(("postgresql://", "postgres://")):
        from storyline.store.postgres import PostgresStore

        return PostgresStore(url)
    from storyline.store.sqlite import SQLiteStore

    return SQLiteStore(url)


class LinkStore(Protocol):
    """The store queries a linking run uses (SQLite and PostgreSQL stores have them)."""

    def unassigned_ids(self) -> list[str]: ...
    def articles_by_ids(self, article_ids: Sequence[str]) -> list[Article]: ...
    def analyses(self, article_ids: Sequence[str] | None = None) -> list[ArticleAnalysis]: ...
    def similar_article_ids(
        self, words: Sequence[str], spans: Sequence[tuple[date, date] | None], limit: int
    ) -> list[str]: ...
    def latest_published(self) -> date | None: ...
    def stories_of(self, article_ids: Sequence[str]) -> list[Story]: ...
    def story_ids_among(self, story_ids: Sequence[str]) -> set[str]: ...
    def update_stories(self, save: Sequence[Story], delete: Sequence[str] = ()) -> None: ...
    def save_copy_keys(self, keys: Mapping[str, Sequence[str]]) -> None: ...
    def articles_with_copy_keys(self, keys: Sequence[str]) -> set[str]: ...
    def ids_without_copy_keys(self, limit: int = 1000) -> list[str]: ...
    def decisions(self) -> list[StoryDecision]: ...

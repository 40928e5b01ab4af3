"""Store fixtures: the same tests run against SQLite and (when a server is up) PostgreSQL."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest
from store_factories import sample_articles, sample_story

from storyline.models import Article, Story
from storyline.store._sql import SqlStore
from storyline.store.sqlite import SQLiteStore


@pytest.fixture
def articles() -> list[Article]:
    return sample_articles()


@pytest.fixture
def story(articles: list[Article]) -> Story:
    return sample_story(articles)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[SqlStore]:
    """A fresh, empty store of each backend."""
    if request.param == "sqlite":
        s: SqlStore = SQLiteStore(tmp_path_factory.mktemp("db") / "store.db")
        yield s
        s.close()
        return
    url = request.getfixturevalue("pg_url")
    from storyline.store.postgres import PostgresStore, drop_schema

    schema = "t_" + uuid.uuid4().hex[:12]
    s = PostgresStore(url, schema=schema)
    try:
        yield s
    finally:
        s.close()
        drop_schema(url, schema)

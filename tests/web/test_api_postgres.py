"""The same pages and API over a PostgreSQL store (runs when a server is up)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from web_records import SPEAKER, STORY_ID

from storyline.models import Article, ArticleAnalysis, Story
from storyline.settings import Settings
from storyline.web import create_app

pytestmark = pytest.mark.postgres


@pytest.fixture
def pg_client(
    pg_url: str, settings: Settings, articles: list[Article], analyses: list[ArticleAnalysis], story: Story
) -> Iterator[TestClient]:
    from storyline.store.postgres import PostgresStore, drop_schema

    schema = "w_" + uuid.uuid4().hex[:12]
    store = PostgresStore(pg_url, schema=schema)
    try:
        store.add_articles(articles)
        store.save_analyses(analyses)
        store.save_stories([story])
        with TestClient(create_app(store, settings)) as c:
            yield c
    finally:
        store.close()
        drop_schema(pg_url, schema)


def test_api_postgres_reads_and_pages(pg_client: TestClient) -> None:
    assert pg_client.get("/api/stories").json()["items"][0]["n_articles"] == 3
    assert len(pg_client.get("/api/quotes", params={"speaker": SPEAKER}).json()["items"]) == 3
    assert pg_client.get("/api/search", params={"q": "miracles"}).json()["items"]
    assert pg_client.get(f"/stories/{STORY_ID}").status_code == 200
    assert pg_client.get("/api/export/quotes", params={"format": "csv"}).status_code == 200

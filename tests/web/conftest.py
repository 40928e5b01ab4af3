"""Web fixtures: a SQLite store seeded with hand-built fictional records, the app, a client."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from web_records import sample_analyses, sample_articles, sample_story

from storyline.models import Article, ArticleAnalysis, Story
from storyline.settings import Settings, load_settings
from storyline.store.base import open_store

pytest.importorskip("fastapi", reason="the web extra is not installed")

from fastapi import FastAPI
from starlette.exceptions import StarletteDeprecationWarning

with warnings.catch_warnings():
    # starlette asks for httpx2 instead of httpx; the client works the same with httpx
    warnings.simplefilter("ignore", StarletteDeprecationWarning)
    from fastapi.testclient import TestClient

from storyline.web import create_app


@pytest.fixture
def articles() -> list[Article]:
    return sample_articles()


@pytest.fixture
def analyses(articles: list[Article]) -> list[ArticleAnalysis]:
    return sample_analyses(articles)


@pytest.fixture
def story(articles: list[Article], analyses: list[ArticleAnalysis]) -> Story:
    return sample_story(articles, analyses)


@pytest.fixture
def db_path(tmp_path: Path, articles: list[Article], analyses: list[ArticleAnalysis], story: Story) -> str:
    """A SQLite store file holding the sample story."""
    path = str(tmp_path / "web.db")
    store = open_store(path)
    try:
        store.add_articles(articles)
        store.save_analyses(analyses)
        store.save_stories([story])
    finally:
        store.close()
    return path


@pytest.fixture
def settings() -> Settings:
    return load_settings()


@pytest.fixture
def app(db_path: str, settings: Settings) -> FastAPI:
    return create_app(db_path, settings)


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app) as c:
        yield c


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """A headless Chromium (the Debian package), driven by Playwright."""
    from browser_support import CHROMIUM
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield b
        b.close()


@pytest.fixture
def page(browser: Any) -> Iterator[tuple[Any, Any]]:
    """A fresh page in its own context, with a :class:`browser_support.Watch` on it."""
    from browser_support import Watch

    context = browser.new_context(viewport={"width": 1280, "height": 900})
    p = context.new_page()
    watch = Watch(p)
    yield p, watch
    context.close()

"""One error handler, one pinned JSON error shape; HTML pages get an error page."""

from __future__ import annotations

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from storyline.errors import (
    ConfigError,
    ExtractionError,
    FetchError,
    IngestError,
    InputTooLarge,
    NotFound,
    StoreError,
    StorylineError,
)
from storyline.settings import Settings
from storyline.web import create_app
from storyline.web.app import status_of
from storyline.web.security import Forbidden, Unauthorized


@pytest.mark.parametrize(
    ("error", "status"),
    [
        (NotFound("x"), 404),
        (InputTooLarge("x"), 413),
        (IngestError("x"), 422),
        (ExtractionError("x"), 422),
        (FetchError("x"), 400),
        (Unauthorized("x"), 401),
        (Forbidden("x"), 403),
        (ConfigError("x"), 500),
        (StoreError("x"), 500),
        (StorylineError("x"), 500),
    ],
)
def test_app_errors_status_of(error: StorylineError, status: int) -> None:
    assert status_of(error) == status


def _raising_app(db_path: str, settings: Settings, error: Exception) -> FastAPI:
    app = create_app(db_path, settings)

    @app.get("/api/boom")
    def boom_api() -> None:
        raise error

    @app.get("/boom")
    def boom_page() -> None:
        raise error

    return app


def test_app_errors_json_shape_is_pinned(db_path: str, settings: Settings) -> None:
    app = _raising_app(db_path, settings, FetchError("refusing <b>that</b>", code="SL504"))
    with TestClient(app) as c:
        r = c.get("/api/boom")
    assert r.status_code == 400
    assert r.headers["content-type"].startswith("application/json")
    assert r.json() == {
        "error": {"status": 400, "code": "SL504", "type": "FetchError", "message": "refusing <b>that</b>"}
    }


def test_app_errors_page_is_html_and_escaped(db_path: str, settings: Settings) -> None:
    app = _raising_app(db_path, settings, NotFound("no article <script>x</script>"))
    with TestClient(app) as c:
        r = c.get("/boom")
    assert r.status_code == 404
    assert r.headers["content-type"].startswith("text/html")
    assert "<script>x" not in r.text
    assert "&lt;script&gt;x" in r.text


def test_app_errors_unknown_route_uses_the_shape(client: TestClient) -> None:
    r = client.get("/api/no/such/thing")
    assert r.status_code == 404
    assert set(r.json()["error"]) == {"status", "code", "type", "message"}


def test_app_errors_not_found_article(client: TestClient) -> None:
    r = client.get("/api/articles/0000000000000000")
    assert r.status_code == 404
    assert r.json()["error"]["code"] == "SL404"
    assert client.get("/articles/0000000000000000").status_code == 404

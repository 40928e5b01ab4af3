"""Writes: a token when configured, no cross-site posts, upload limits, fetching only when on."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from storyline.settings import Settings, load_settings
from storyline.web import create_app

TOKEN = "s3cret-token-for-tests"


@pytest.fixture
def guarded(db_path: str, settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(db_path, settings, token=TOKEN)) as c:
        yield c


def _upload(client: TestClient, headers: dict[str, str] | None = None, body: bytes = b"some words") -> int:
    r = client.post("/api/ingest", files={"files": ("note.txt", body, "text/plain")}, headers=headers or {})
    return r.status_code


def test_security_writes_need_the_token(guarded: TestClient) -> None:
    assert _upload(guarded) == 401
    assert _upload(guarded, {"Authorization": "Bearer wrong"}) == 403
    r = guarded.post("/api/ingest/urls", json={"urls": ["https://example.org/a"]})
    assert r.status_code == 401
    assert r.headers["www-authenticate"] == "Bearer"


def test_security_reads_need_no_token(guarded: TestClient) -> None:
    assert guarded.get("/api/stories").status_code == 200


def test_security_cross_site_post_is_refused(client: TestClient) -> None:
    assert _upload(client, {"Origin": "https://evil.example"}) == 403
    assert _upload(client, {"Origin": "null"}) == 403


def test_security_upload_over_limit_is_413(db_path: str) -> None:
    small = load_settings(**{"web.max_upload_bytes": 1000})
    with TestClient(create_app(db_path, small)) as c:
        r = c.post("/api/ingest", files={"files": ("big.txt", b"x" * 5000, "text/plain")})
        assert r.status_code == 413
        assert r.json()["error"]["type"] == "InputTooLarge"


def test_security_body_over_hard_cap_is_refused_before_parsing(db_path: str) -> None:
    small = load_settings(**{"web.max_upload_bytes": 10})
    with TestClient(create_app(db_path, small)) as c:
        r = c.post("/api/ingest", files={"files": ("big.txt", b"x" * 2_000_000, "text/plain")})
        assert r.status_code == 413


def test_security_fetch_is_off_by_default(client: TestClient) -> None:
    r = client.post("/api/ingest/urls", json={"urls": ["https://example.org/a"]})
    assert r.status_code == 403
    assert "enable-fetch" in r.json()["error"]["message"]


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "file:///etc/passwd", "ftp://example.org/x", "/etc/passwd"]
)
def test_security_fetch_takes_only_http_urls(db_path: str, settings: Settings, url: str) -> None:
    with TestClient(create_app(db_path, settings, enable_fetch=True)) as c:
        r = c.post("/api/ingest/urls", json={"urls": [url]})
        assert r.status_code == 400
        assert r.json()["error"]["type"] == "FetchError"


def test_security_untrusted_host_header_is_refused(db_path: str, settings: Settings) -> None:
    app = create_app(db_path, settings, allowed_hosts=["127.0.0.1", "localhost"])
    with TestClient(app, base_url="http://rebound.example") as c:
        assert c.get("/api/stories").status_code == 400
    with TestClient(app, base_url="http://127.0.0.1:8000") as c:
        assert c.get("/api/stories").status_code == 200


def test_security_json_body_over_limit_is_413_not_a_parse_error(db_path: str) -> None:
    small = load_settings(**{"web.max_upload_bytes": 10})
    with TestClient(create_app(db_path, small)) as c:
        urls = [f"https://example.org/{n}" for n in range(60_000)]
        r = c.post("/api/ingest/urls", json={"urls": urls})
        assert r.status_code == 413
        assert r.json()["error"]["type"] == "InputTooLarge"
        assert r.headers["x-content-type-options"] == "nosniff"


def test_security_streamed_json_body_over_limit_is_413(db_path: str) -> None:
    small = load_settings(**{"web.max_upload_bytes": 10})

    def chunks():  # type: ignore[no-untyped-def]
        yield b'{"urls": ['
        for n in range(60_000):
            yield f'"https://example.org/{n}",'.encode()
        yield b'"https://example.org/end"]}'

    with TestClient(create_app(db_path, small)) as c:
        r = c.post("/api/ingest/urls", content=chunks(), headers={"content-type": "application/json"})
        assert r.status_code == 413
        assert r.json()["error"]["type"] == "InputTooLarge"

"""The ingest form's token is checked before the upload is read; the spec lists every error status."""

from __future__ import annotations

import asyncio
from typing import Any

from fastapi.testclient import TestClient

from storyline.settings import Settings
from storyline.web import create_app

BOUNDARY = "lisk-boundary"
CHUNK = b"x" * 65_536


def _part(name: str, value: bytes, filename: str | None = None) -> bytes:
    disp = f'form-data; name="{name}"' + (f'; filename="{filename}"' if filename else "")
    return f"--{BOUNDARY}\r\nContent-Disposition: {disp}\r\n\r\n".encode() + value + b"\r\n"


def _post(app: Any, head: bytes, chunks: int) -> tuple[int, int]:
    """POST /ingest with ``head`` then ``chunks`` chunks of a file; (status, chunks read)."""
    body = [head, *([CHUNK] * chunks), f"\r\n--{BOUNDARY}--\r\n".encode()]
    read = 0
    sent: list[int] = []

    async def receive() -> dict[str, Any]:
        nonlocal read
        if read < len(body):
            read += 1
            return {"type": "http.request", "body": body[read - 1], "more_body": read < len(body)}
        return {"type": "http.disconnect"}

    async def send(message: dict[str, Any]) -> None:
        if message["type"] == "http.response.start":
            sent.append(message["status"])

    scope = {
        "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "POST",
        "scheme": "http", "path": "/ingest", "raw_path": b"/ingest", "query_string": b"",
        "root_path": "", "client": ("127.0.0.1", 1), "server": ("127.0.0.1", 80),
        "headers": [(b"host", b"127.0.0.1"), (b"content-type", f"multipart/form-data; boundary={BOUNDARY}".encode())],
    }  # fmt: skip
    asyncio.run(app(scope, receive, send))
    return sent[0], read


def test_form_with_a_wrong_token_is_refused_before_the_files_are_read(
    db_path: str, settings: Settings
) -> None:
    app = create_app(db_path, settings, token="s3cret")
    head = _part("token", b"wrong") + (
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="files"; filename="a.txt"\r\n\r\n'.encode()
    )
    status, read = _post(app, head, chunks=200)
    assert status == 403
    assert read <= 2  # the head only: none of the 200 file chunks


def test_form_that_sends_files_before_the_token_is_refused_early(db_path: str, settings: Settings) -> None:
    app = create_app(db_path, settings, token="s3cret")
    head = f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="files"; filename="a.txt"\r\n\r\n'.encode()
    status, read = _post(app, head, chunks=200)
    assert status == 401 and read <= 2


def test_form_with_the_right_token_first_is_read_whole(db_path: str, settings: Settings) -> None:
    app = create_app(db_path, settings, token="s3cret")
    with TestClient(app) as client:
        r = client.post(
            "/ingest",
            data={"token": "s3cret"},
            files=[("files", ("a.txt", b"The pier of Lisk opened on Monday.", "text/plain"))],
            follow_redirects=False,
        )
    assert r.status_code == 303 and r.headers["location"].startswith("/jobs/")


def test_openapi_lists_the_error_statuses_the_api_returns(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    assert "Error" in spec["components"]["schemas"]
    for path, ops in spec["paths"].items():
        if not path.startswith("/api/"):
            continue
        for method, op in ops.items():
            codes = set(op["responses"])
            assert {"404", "422", "500"} <= codes, (method, path)
            if method == "post":
                assert {"400", "401", "403", "413"} <= codes, (method, path)
            assert op["responses"]["422"]["content"]["application/json"]["schema"]["$ref"].endswith("/Error")

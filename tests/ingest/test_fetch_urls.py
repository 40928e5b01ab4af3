"""URL fetching against a local HTTP server, and the refusals that keep it safe."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest

from storyline.errors import FetchError
from storyline.ingest import read_inputs
from storyline.ingest.fetch import fetch_url
from storyline.models import Article, IngestProblem
from storyline.settings import Settings, load_settings


class _Handler(BaseHTTPRequestHandler):
    page = b""

    def do_GET(self) -> None:
        routes: dict[str, tuple[int, str, bytes, dict[str, str]]] = {
            "/article": (200, "text/html; charset=utf-8", self.page, {}),
            "/big": (200, "text/html", b"<p>" + b"x" * 300_000 + b"</p>", {}),
            "/image": (200, "image/png", b"\x89PNG\r\n\x1a\n" + b"\0" * 64, {}),
            "/redirect": (302, "text/html", b"", {"Location": "/article"}),
            "/missing": (404, "text/html", b"gone", {}),
        }
        status, ctype, body, headers = routes.get(self.path, routes["/missing"])
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in headers.items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def server(make_html: Callable[..., str]) -> Iterator[str]:
    _Handler.page = make_html().encode()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join()


@pytest.fixture
def local_cfg() -> Settings:
    return load_settings(**{"ingest.allow_private_addresses": True, "ingest.fetch_max_bytes": 100_000})


def test_fetch_url_list_with_fetch_reads_articles(
    server: str, local_cfg: Settings, tmp_path: Path, paragraphs: list[str]
) -> None:
    urls = tmp_path / "list.urls"
    urls.write_text(f"# articles to read\n{server}/article\n{server}/redirect\n")
    items = list(read_inputs([urls], local_cfg, fetch=True))
    assert all(isinstance(i, Article) for i in items), items
    first = items[0]
    assert isinstance(first, Article)
    assert first.source == f"{server}/article" and first.input_kind == "url"
    assert first.url == f"{server}/article"
    assert paragraphs[0] in first.text
    second = items[1]
    assert isinstance(second, Article) and second.url == f"{server}/article"


def test_fetch_url_list_without_fetch_is_skipped(server: str, local_cfg: Settings, tmp_path: Path) -> None:
    urls = tmp_path / "list.txt"
    urls.write_text(f"{server}/article\n")
    [problem] = list(read_inputs([urls], local_cfg))
    assert isinstance(problem, IngestProblem) and problem.severity == "skipped"
    assert "--fetch" in problem.problem


def test_fetch_refuses_loopback_unless_allowed(server: str, cfg: Settings) -> None:
    with pytest.raises(FetchError, match="private or reserved"):
        fetch_url(f"{server}/article", cfg.ingest)
    [problem] = list(read_inputs([f"{server}/article"], cfg, fetch=True))
    assert isinstance(problem, IngestProblem) and "private or reserved" in problem.problem


@pytest.mark.parametrize("url", ["http://10.1.2.3/x", "http://[::1]/x", "http://169.254.169.254/latest"])
def test_fetch_refuses_private_addresses(url: str, cfg: Settings) -> None:
    with pytest.raises(FetchError, match="private or reserved"):
        fetch_url(url, cfg.ingest)


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://127.0.0.1/x", "gopher://127.0.0.1/"])
def test_fetch_refuses_other_schemes(url: str, local_cfg: Settings) -> None:
    with pytest.raises(FetchError, match="only http and https"):
        fetch_url(url, local_cfg.ingest)
    [problem] = list(read_inputs([url], local_cfg, fetch=True))
    assert isinstance(problem, IngestProblem) and "only http and https" in problem.problem


def test_fetch_refuses_oversize_wrong_type_and_errors(server: str, local_cfg: Settings) -> None:
    with pytest.raises(FetchError, match="limit"):
        fetch_url(f"{server}/big", local_cfg.ingest)
    with pytest.raises(FetchError, match="content type image/png"):
        fetch_url(f"{server}/image", local_cfg.ingest)
    with pytest.raises(FetchError, match="HTTP 404"):
        fetch_url(f"{server}/missing", local_cfg.ingest)


def test_fetch_url_given_without_fetch_is_not_fetched(server: str, local_cfg: Settings) -> None:
    [problem] = list(read_inputs([f"{server}/article"], local_cfg))
    assert isinstance(problem, IngestProblem) and "fetching is off" in problem.problem


def test_fetch_refuses_redirect_to_private_address(monkeypatch: pytest.MonkeyPatch, cfg: Settings) -> None:
    addresses = {"news.example": "93.184.216.34", "intranet.example": "192.168.1.20"}

    def fake_getaddrinfo(host: str, port: object, *args: object, **kw: object) -> list[tuple[object, ...]]:
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (addresses[host], 80))]

    monkeypatch.setattr(socket, "getaddrinfo", fake_getaddrinfo)
    seen: list[tuple[str, str]] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append((str(request.url), request.headers["host"]))
        return httpx.Response(302, headers={"Location": "http://intranet.example/admin"})

    with (
        httpx.Client(transport=httpx.MockTransport(handler)) as client,
        pytest.raises(FetchError, match="private or reserved"),
    ):
        fetch_url("http://news.example/story", cfg.ingest, client=client)
    # the request went to the checked address, naming the host in its Host header
    assert seen == [("http://93.184.216.34/story", "news.example")]


def test_fetch_streams_body_past_a_missing_length(
    monkeypatch: pytest.MonkeyPatch, local_cfg: Settings
) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        chunks = (b"<p>" + b"y" * 50_000 + b"</p>" for _ in range(5))
        return httpx.Response(200, headers={"Content-Type": "text/html"}, content=chunks)

    with (
        httpx.Client(transport=httpx.MockTransport(handler)) as client,
        pytest.raises(FetchError, match="limit"),
    ):
        fetch_url("http://127.0.0.1/stream", local_cfg.ingest, client=client)


def test_fetch_gives_up_on_a_body_that_trickles() -> None:
    cfg = load_settings(**{"ingest.allow_private_addresses": True, "ingest.fetch_timeout": 0.01})

    def trickle() -> Iterator[bytes]:
        for _ in range(100):
            time.sleep(0.005)
            yield b"<p>a few words</p>"

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, headers={"Content-Type": "text/html"}, content=trickle())

    with (
        httpx.Client(transport=httpx.MockTransport(handler)) as client,
        pytest.raises(FetchError, match="longer than"),
    ):
        fetch_url("http://127.0.0.1/slow", cfg.ingest, client=client)


@pytest.mark.parametrize("address", ["64:ff9b::a00:1", "2002:c0a8:0101::1", "::ffff:127.0.0.1"])
def test_fetch_refuses_private_ipv4_inside_ipv6(
    monkeypatch: pytest.MonkeyPatch, cfg: Settings, address: str
) -> None:
    def fake_getaddrinfo(host: str, port: object, *args: object, **kw: object) -> list[tuple[object, ...]]:
        return [(socket.AF_INET6, socket.SOCK_STREAM, 6, "", (address, 80, 0, 0))]

    monkeypatch.setattr(socket, "getaddrinfo", fake_getaddrinfo)
    with pytest.raises(FetchError, match="private or reserved"):
        fetch_url("http://news.example/story", cfg.ingest)

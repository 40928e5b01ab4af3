"""Hostile article fields are shown as text: nothing in any page can run, no script links."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from html_checks import scan
from web_records import HOSTILE_SPEAKER, STORY_ID

from storyline.models import Article
from storyline.web.render import path_part
from storyline.web.security import CSP


def _pages(articles: list[Article]) -> list[str]:
    return [
        "/",
        f"/stories/{STORY_ID}",
        "/articles",
        *(f"/articles/{a.article_id}" for a in articles),
        f"/articles/{articles[2].article_id}?hl=0-40",
        "/actors/ilse-marrow",
        f"/actors/{path_part(HOSTILE_SPEAKER)}",
        "/search?q=alert",
        "/search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E",
        "/ingest",
        "/articles/%3Cscript%3Ealert(1)%3C%2Fscript%3E",
    ]


def test_security_pages_run_nothing_from_article_text(client: TestClient, articles: list[Article]) -> None:
    for url in _pages(articles):
        r = client.get(url)
        assert r.status_code in (200, 404), url
        found = scan(r.text)
        assert found.inline_scripts == [], url
        assert all(src.startswith("/static/") for src in found.script_srcs), url
        assert found.handlers == [], url
        assert found.bad_urls == [], url
        assert found.style_attrs == [], url
        assert "img" not in found.tags and "b" not in found.tags, url


def test_security_hostile_fields_appear_as_text(client: TestClient, articles: list[Article]) -> None:
    hostile = articles[2]
    html = client.get(f"/articles/{hostile.article_id}").text
    assert "&lt;script&gt;alert(&#34;title&#34;)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(&#34;outlet&#34;)&gt;Evil Outlet" in html
    assert "&lt;a href=&#34;javascript:alert(2)&#34;&gt;" in html
    # the article's own javascript: URL is shown as text, never as a link
    assert 'href="javascript:' not in html
    story = client.get(f"/stories/{STORY_ID}").text
    assert "&lt;script&gt;alert(&#34;speaker&#34;)&lt;/script&gt;Mallory" in story


@pytest.mark.parametrize(
    "url", ["/", f"/stories/{STORY_ID}", "/api/stories", "/static/style.css", "/api/nothing", "/nothing"]
)
def test_security_headers_on_every_response(client: TestClient, url: str) -> None:
    r = client.get(url)
    assert r.headers["content-security-policy"] == CSP
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["referrer-policy"] == "no-referrer"
    assert r.headers["cross-origin-resource-policy"] == "same-origin"
    assert "frame-ancestors 'none'" in r.headers["content-security-policy"]


def test_security_csp_forbids_inline_script() -> None:
    directives = dict(d.strip().split(" ", 1) for d in CSP.split(";"))
    assert directives["script-src"] == "'self'"
    assert "unsafe-inline" not in CSP and "unsafe-eval" not in CSP
    assert directives["default-src"] == "'self'"
    assert directives["object-src"] == "'none'"

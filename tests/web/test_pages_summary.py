"""The story page's summary, explained renderings, counts and search filters (server-side)."""

from __future__ import annotations

from fastapi.testclient import TestClient
from web_records import STORY_ID


def test_story_page_opens_with_the_summary_and_explains_renderings(client: TestClient) -> None:
    html = client.get(f"/stories/{STORY_ID}").text
    assert html.index('id="summary"') < html.index('id="timeline"')
    assert "First reported by" in html and "Who said what" in html and "What is disputed" in html
    assert '<ul class="notes"><li>' in html  # each rendering's diff in words
    assert 'src="/static/lists.js"' in html and 'class="list sortable" id="story-articles"' in html
    assert client.get("/static/lists.js").headers["content-type"].startswith("text/javascript")


def test_search_filters_by_kind_and_outlet(client: TestClient) -> None:
    every = client.get("/search", params={"q": "weather"}).text
    quotes = client.get("/search", params={"q": "weather", "kind": "quote"}).text
    assert 'class="hit hit-quote"' in quotes and 'class="hit hit-article"' not in quotes
    nowhere = client.get("/search", params={"q": "weather", "outlet": "No Such Outlet"}).text
    assert "0 results" in nowhere and "0 results" not in every
    assert client.get("/search", params={"q": "weather", "kind": "poem"}).status_code == 422


def test_story_summary_counts_statements_by_articles_and_outlets(client: TestClient) -> None:
    html = client.get(f"/stories/{STORY_ID}").text
    start = html.index('id="summary"')
    summary = html[start : html.index("</section>", start)]
    assert " articles from " in summary and " independent source" in summary
    assert "statement" in summary and ", in " in summary and "(, in" not in summary

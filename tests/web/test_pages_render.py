"""Pages show the story, and every claim links to the exact span of its article."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from fastapi.testclient import TestClient
from html_checks import scan
from web_records import SPEAKER, STORY_ID

from storyline.models import Article, ArticleAnalysis, Story
from storyline.settings import Settings
from storyline.store.base import open_store
from storyline.web import create_app
from storyline.web.pages import UTTERANCES_PER_SPEAKER

SPAN_LINK = re.compile(r"^/articles/([0-9a-f]+)\?hl=(\d+)-(\d+)#(q|hl|f|t)-(\d+)-(\d+)$")


def test_pages_stories_list_links_the_story(client: TestClient) -> None:
    html = client.get("/").text
    assert f'href="/stories/{STORY_ID}"' in html
    assert "Velmora grain corridor talks" in html


def test_pages_story_has_every_section(client: TestClient) -> None:
    html = client.get(f"/stories/{STORY_ID}").text
    for anchor in ("timeline", "who-said-what", "facts", "actors", "articles"):
        assert f'id="{anchor}"' in html
    assert "<svg" in html and "<circle" in html
    assert "The Kestrel Ledger" in html and "Orlav Daily Post" in html
    assert 'class="status status-differ"' in html


def test_pages_story_word_diff_marks_added_words(client: TestClient) -> None:
    html = client.get(f"/stories/{STORY_ID}").text
    assert '<ins class="w-add">if the weather holds.</ins>' in html


def test_pages_story_claims_link_to_exact_spans(
    client: TestClient, articles: list[Article], analyses: list[ArticleAnalysis]
) -> None:
    texts = {a.article_id: a.text for a in articles}
    links = [
        link
        for link in scan(client.get(f"/stories/{STORY_ID}").text).links
        if link.startswith("/articles/") and "#" in link
    ]
    assert len(links) >= 6  # renderings, fact values, timeline entries
    for link in links:
        m = SPAN_LINK.match(link)
        assert m, link
        article_id, s, e = m.group(1), int(m.group(2)), int(m.group(3))
        assert 0 <= s < e <= len(texts[article_id])
        page = scan(client.get(link.split("#")[0]).text)
        assert urlsplit(link).fragment in page.ids, f"{link} points at nothing"


def test_pages_article_marks_quotes_figures_dates(client: TestClient, articles: list[Article]) -> None:
    a = articles[0]
    html = client.get(f"/articles/{a.article_id}").text
    q_start = a.text.index("the grain corridor")
    assert f'id="q-{q_start}-{q_start + len("the grain corridor will open within ten days")}"' in html
    assert 'class="fig"' in html and 'class="tx"' in html
    assert f'href="/actors/{SPEAKER.replace(" ", "%20")}"' in html
    assert '<details class="removed">' in html and "related-teaser" in html


def test_pages_article_highlights_requested_span(client: TestClient, articles: list[Article]) -> None:
    a = articles[1]
    s, e = 5, 30
    html = client.get(f"/articles/{a.article_id}", params={"hl": f"{s}-{e}"}).text
    assert f'<mark class="hl" id="hl-{s}-{e}"' in html
    # the highlight wraps exactly the requested characters (inner marks aside)
    inner = html.split(f'id="hl-{s}-{e}" title="linked passage">', 1)[1].split("</mark>", 1)[0]
    assert re.sub(r"<[^>]+>", "", inner) == a.text[s:e]


def test_pages_article_ignores_a_bad_highlight(client: TestClient, articles: list[Article]) -> None:
    a = articles[1]
    for hl in ("x-y", "9-3", "0-999999999"):
        r = client.get(f"/articles/{a.article_id}", params={"hl": hl})
        assert r.status_code == 200
        assert 'class="hl"' not in r.text


def test_pages_actor_lists_quotes_across_outlets(client: TestClient) -> None:
    html = client.get("/actors/ilse-marrow").text
    assert html.count('class="quote-link"') == 3
    assert "The Kestrel Ledger" in html and "Orlav Daily Post" in html


def test_pages_search_links_hits_to_spans(client: TestClient) -> None:
    page = scan(client.get("/search", params={"q": "weather"}).text)
    hits = [link for link in page.links if link.startswith("/articles/")]
    assert hits
    assert all(SPAN_LINK.match(h) for h in hits)


def test_pages_search_without_query_shows_the_form(client: TestClient) -> None:
    r = client.get("/search")
    assert r.status_code == 200
    assert 'name="q"' in r.text


def test_pages_story_caps_utterances_per_speaker(db_path: str, story: Story, settings: Settings) -> None:
    many = tuple(
        u.model_copy(update={"utterance_id": f"u1-{i}"}) for i in range(9) for u in story.utterances[:1]
    )
    store = open_store(db_path)
    store.save_stories([story.model_copy(update={"utterances": many})])
    store.close()
    with TestClient(create_app(db_path, settings)) as c:
        html = c.get(f"/stories/{STORY_ID}").text
    assert html.count('class="utterance"') == UTTERANCES_PER_SPEAKER
    assert "all 9 utterances of Ilse Marrow" in html

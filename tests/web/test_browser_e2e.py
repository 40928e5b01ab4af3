"""End to end in a real headless Chromium: open a story, follow a quote to its source span,
search, upload; nothing from the hostile fixtures runs, and the CSP holds.

Screenshots land in test-artifacts/ (kept by CI, ignored by git).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser_support import CHROMIUM, ROOT, Watch, serve, shot
from web_records import STORY_ID, sample_analyses, sample_articles, sample_story

from storyline.settings import load_settings
from storyline.store.base import open_store

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not Path(CHROMIUM).exists(), reason=f"no headless Chromium at {CHROMIUM} (apt-get install chromium)"
    ),
]


@pytest.fixture(scope="module")
def fixture_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    db = str(tmp_path_factory.mktemp("browser") / "fixture.db")
    articles = sample_articles()
    analyses = sample_analyses(articles)
    store = open_store(db)
    store.add_articles(articles)
    store.save_analyses(analyses)
    store.save_stories([sample_story(articles, analyses)])
    store.close()
    yield from serve(db)


@pytest.fixture(scope="module")
def corpus_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from storyline import services

    corpus = ROOT / "examples" / "corpus"
    if not corpus.is_dir():
        pytest.skip("the sample corpus is not in examples/corpus")
    db = str(tmp_path_factory.mktemp("browser") / "corpus.db")
    store = open_store(db)
    try:
        summary = services.analyze([str(corpus)], load_settings(), store)  # type: ignore[arg-type]
    finally:
        store.close()
    assert summary.read >= 5
    yield from serve(db)


@pytest.fixture
def empty_server(tmp_path: Path) -> Iterator[str]:
    """A server over a store of its own: uploads must not change the other tests' story."""
    yield from serve(str(tmp_path / "upload.db"))


def test_browser_story_quote_to_source_span(fixture_server: str, page: tuple[Any, Watch]) -> None:
    p, watch = page
    p.goto(fixture_server + "/")
    p.click(f"a[href='/stories/{STORY_ID}']")
    p.wait_for_selector("#who-said-what")
    assert p.locator("svg.timeline-chart circle").count() == 3
    assert p.locator("td.diff ins.w-add").first.inner_text() == "if the weather holds."
    shot(p, "story")
    # follow the second outlet's rendering of the utterance to its source
    p.locator("#u-u1 a.source-link").nth(1).click()
    p.wait_for_load_state()
    fragment = p.evaluate("location.hash").lstrip("#")
    assert fragment.startswith("q-")
    target = p.locator(":target")
    assert target.count() == 1
    assert target.inner_text() == "The grain corridor will open within ten days, if the weather holds."
    assert p.locator("mark.hl").inner_text() == target.inner_text()
    assert p.evaluate("document.querySelector(':target').getBoundingClientRect().top") < 900
    shot(p, "article-highlight")
    watch.assert_clean()


def test_browser_hostile_article_runs_nothing(fixture_server: str, page: tuple[Any, Watch]) -> None:
    p, watch = page
    p.goto(fixture_server + f"/stories/{STORY_ID}")
    p.locator("a.article-link", has_text="Protest").click()
    p.wait_for_selector("article.article")
    assert "<script>" in p.locator("h1.article-title").inner_text()
    assert p.locator("article img").count() == 0
    p.locator("details.removed summary").click()
    assert "<script>alert(9)</script>" in p.locator("details.removed").inner_text()
    p.locator(".article-text").hover()
    shot(p, "article-hostile")
    watch.assert_clean()


def test_browser_search_finds_and_links(fixture_server: str, page: tuple[Any, Watch]) -> None:
    p, watch = page
    p.goto(fixture_server + "/")
    p.fill("header input[name=q]", "weather")
    p.press("header input[name=q]", "Enter")
    p.wait_for_selector("ol.hits li")
    shot(p, "search")
    p.locator("a.hit-link").first.click()
    p.wait_for_load_state()
    assert "weather" in p.locator(":target").inner_text()
    watch.assert_clean()


@pytest.mark.slow
def test_browser_corpus_articles_and_search(corpus_server: str, page: tuple[Any, Watch]) -> None:
    p, watch = page
    p.goto(corpus_server + "/articles")
    n = p.locator("a.article-link").count()
    assert n >= 5
    p.locator("a.article-link").first.click()
    p.wait_for_selector(".article-text")
    quotes = p.locator("details.quotes-list li a")
    if quotes.count():
        p.locator("details.quotes-list summary").click()
        href = quotes.first.get_attribute("href")
        quotes.first.click()
        assert p.locator(":target").count() == 1
        assert p.evaluate("location.hash") == href
    shot(p, "corpus-article")
    word = p.locator(".article-text").inner_text().split()[5].strip(".,;:\u201c\u201d\"'")
    p.goto(corpus_server + f"/search?q={word}")
    assert p.locator("ol.hits li").count() >= 1
    p.goto(corpus_server + "/")
    stories = p.locator("a.story-link")
    if stories.count():
        stories.first.click()
        p.wait_for_selector("#who-said-what")
        shot(p, "corpus-story")
        shot(p, "corpus-story-top", full_page=False)
        p.locator("#who-said-what").scroll_into_view_if_needed()
        shot(p, "corpus-story-who-said-what", full_page=False)
    watch.assert_clean()


@pytest.mark.slow
def test_browser_upload_shows_progress(empty_server: str, page: tuple[Any, Watch], tmp_path: Path) -> None:
    from playwright.sync_api import expect

    p, watch = page
    upload = tmp_path / "velmora-saturday.txt"
    upload.write_text(
        "Talks in Velmora resumed on Saturday.\n\n\u201cThe inspectors are ready to board the first ships,\u201d "
        "said port director Tomas Vell, adding that 15 vessels had already been cleared.",
        encoding="utf-8",
    )
    p.goto(empty_server + "/ingest")
    p.set_input_files("#upload-form input[type=file]", str(upload))
    p.click("#upload-form button")
    # (wait_for_function would evaluate a string: the CSP refuses that, as it should)
    expect(p.locator("#progress-text")).to_have_text(re.compile(r"^done"), timeout=120_000)
    shot(p, "ingest-done")
    assert "1 read" in p.locator("#progress-text").inner_text()
    p.goto(empty_server + "/articles")
    assert p.locator("a.article-link").count() == 1
    watch.assert_clean()

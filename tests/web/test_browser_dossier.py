"""The dossier and the story views in a real headless Chromium, on the sample corpus with its
outlets given (examples/sources.csv): summary, navigation, chart, sortable and filterable
lists, facts and search, all CSP-clean.

Screenshots land in test-artifacts/ (ignored by git): dossier-*.png and web-*.png.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser_support import CHROMIUM, ROOT, Watch, serve, shot

from storyline.ingest.sources import load_sources
from storyline.settings import load_settings
from storyline.store.base import open_store

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"no headless Chromium at {CHROMIUM}"),
]


@pytest.fixture(scope="module")
def analysed(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    from storyline import services

    corpus = ROOT / "examples" / "corpus"
    if not corpus.is_dir():
        pytest.skip("the sample corpus is not in examples/corpus")
    folder = tmp_path_factory.mktemp("dossier")
    db = str(folder / "corpus.db")
    store = open_store(db)
    try:
        services.analyze(
            [str(corpus)],
            load_settings(),
            store,  # type: ignore[arg-type]
            sources=load_sources(ROOT / "examples" / "sources.csv"),
            out_dir=folder / "out",
        )
    finally:
        store.close()
    return db, folder / "out" / "dossier.html"


@pytest.fixture(scope="module")
def server(analysed: tuple[str, Path]) -> Iterator[str]:
    yield from serve(analysed[0])


def _visible_text(p: Any) -> str:
    return str(p.evaluate("document.body.innerText"))


def test_browser_dossier_reads_as_a_document(analysed: tuple[str, Path], page: tuple[Any, Watch]) -> None:
    p, watch = page
    p.goto(analysed[1].as_uri())
    # the summary comes first: who reported first, who said what, what is disputed
    summary = p.locator("details[id$='-summary']").first
    assert summary.get_attribute("open") is not None
    text = summary.inner_text()
    assert "First reported by" in text and "Who said what" in text and "What is disputed" in text
    assert "troops" in text  # 18,000 against 20,000
    shot(p, "dossier-summary", full_page=False)
    assert "unknown outlet" not in p.content()
    # the table of contents opens a collapsed section
    actors = p.locator("details[id$='-actors']").first
    assert actors.get_attribute("open") is None
    p.locator("nav.toc a[href$='-actors']").first.click()
    assert actors.get_attribute("open") is not None
    rows = actors.locator("tbody tr")
    assert rows.count() > 5
    mentions = [int(x) for x in actors.locator("tbody td:nth-child(5)").all_inner_texts()]
    assert max(mentions) > 1 and sorted(mentions, reverse=True) == mentions
    shot(p, "dossier-actors", full_page=False)
    # the timeline chart: every dot leads to its entry in the list
    chart = p.locator("details[id$='-timeline'] svg.chart").first
    assert chart.locator("circle").count() >= 10
    assert chart.locator("text").count() > 6  # ticks and labels
    chart.scroll_into_view_if_needed()
    shot(p, "dossier-timeline", full_page=False)
    href = chart.locator("a").nth(3).get_attribute("href")
    assert href and re.fullmatch(r"#s0-tl\d+", href)
    chart.locator("a").nth(3).click()
    assert p.locator(":target").count() == 1 and p.locator(":target").evaluate("e => e.tagName") == "LI"
    # a fact value opens its article and shows the very words
    facts = p.locator("details[id$='-facts']").first
    link = facts.locator("td a", has_text="20,000").first
    want = link.inner_text()
    link.click()
    target = p.locator(":target")
    assert target.count() == 1 and want in target.inner_text()
    assert target.evaluate("e => e.closest('details').open")
    shot(p, "dossier-source-span", full_page=False)
    watch.assert_clean()


def test_browser_dossier_article_list_sorts_and_filters(
    analysed: tuple[str, Path], page: tuple[Any, Watch]
) -> None:
    p, watch = page
    p.goto(analysed[1].as_uri() + "#all-articles")
    table = p.locator("#article-list")
    dates = table.locator("tbody td:nth-child(3)")
    table.locator("thead th:nth-child(3) button").click()
    got = dates.all_inner_texts()
    assert got == sorted(got, key=lambda d: "9999" if d == "undated" else d)
    table.locator("thead th:nth-child(3) button").click()
    assert next(d for d in dates.all_inner_texts() if d != "undated") == "2026-03-14"
    form = p.locator("form.filter[data-table='article-list']")
    assert form.is_visible()
    form.locator("input[data-col='1']").fill("eastgate")
    visible = table.locator("tbody tr:not([hidden])")
    assert visible.count() == 1 and "Eastgate Radio" in visible.inner_text()
    shot(p, "dossier-articles-filtered", full_page=False)
    watch.assert_clean()


def test_browser_story_page_summary_chart_and_lists(server: str, page: tuple[Any, Watch]) -> None:
    p, watch = page
    p.goto(server + "/")
    p.locator("a[href^='/stories/']").first.click()
    p.wait_for_selector("#summary")
    assert "First reported by" in p.locator("#summary").inner_text()
    shot(p, "web-story-summary", full_page=False)
    chart = p.locator("svg.timeline-chart")
    assert chart.locator("text.chart-label").count() >= 2  # the busiest days are labelled
    dots = chart.locator("a:not(.chart-more)")
    labels = [dots.nth(i).get_attribute("aria-label") or "" for i in range(3)]
    assert all(re.match(r"\d{4}", x) for x in labels)
    more = chart.locator("a.chart-more")
    if more.count():  # "N earlier" leads to the first entry of the list
        more.first.click()
        assert p.locator(":target").evaluate("e => e.id") == "tl-0"
    chart.locator("circle").nth(2).click()
    assert p.evaluate("location.hash").startswith("#tl-")
    chart.scroll_into_view_if_needed()
    shot(p, "web-timeline", full_page=False)
    # renderings are explained in words
    notes = p.locator("table.renderings ul.notes li")
    assert notes.count() > 0
    assert any(t.startswith(("cut", "added", "changed", "word for word")) for t in notes.all_inner_texts())
    p.locator("#who-said-what").scroll_into_view_if_needed()
    shot(p, "web-who-said-what", full_page=False)
    # the story's article list filters by outlet
    p.locator("form.filter[data-table='story-articles'] input[data-col='0']").fill("daily")
    shown = p.locator("#story-articles tbody tr:not([hidden])")
    assert shown.count() == 2  # The Daily Clarion and Lakeshore Daily
    watch.assert_clean()


def test_browser_articles_page_and_search_fold_copies(server: str, page: tuple[Any, Watch]) -> None:
    p, watch = page
    p.goto(server + "/articles")
    table = p.locator("#article-list")
    table.locator("thead th:nth-child(2) button").click()
    outlets = table.locator("tbody td:nth-child(2)").all_inner_texts()
    assert outlets == sorted(outlets, key=str.lower)
    assert "unknown outlet" not in outlets
    p.locator("form.filter input[data-col='2']").fill("2026-03-09")
    assert table.locator("tbody tr:not([hidden])").count() == 3
    shot(p, "web-articles-filtered", full_page=False)
    p.goto(server + "/search?q=buffer+zone&kind=article")
    p.wait_for_selector("ol.hits li")
    assert p.locator("ol.hits li.hit-quote").count() == 0
    folded = p.locator("details.copies summary")
    assert folded.count() >= 1 and "Lakeshore Daily" in folded.first.inner_text()
    outlets = p.locator("ol.hits > li > div.muted").all_inner_texts()
    assert not any("Lakeshore Daily" in o for o in outlets)  # the copy is folded, not repeated
    shot(p, "web-search-folded", full_page=False)
    watch.assert_clean()

"""Both backends: full-text search over articles and quotes, with offsets into the text."""

from __future__ import annotations

from store_factories import make_analysis, quote_in

from storyline.models import Article
from storyline.store._sql import SqlStore


def _seed(store: SqlStore, articles: list[Article]) -> None:
    store.add_articles(articles)
    a, b = articles[0], articles[1]
    store.save_analyses(
        [
            make_analysis(a, (quote_in(a, "We are not walking away from the table,", "Oriel Vantz"),)),
            make_analysis(
                b,
                (quote_in(b, "Nothing has been signed and nothing will be signed this week,", "Mara Ilves"),),
            ),
        ]
    )


def test_store_search_finds_article_passage_with_offsets(store: SqlStore, articles: list[Article]) -> None:
    _seed(store, articles)
    hits = store.search("grain provinces")
    assert [h.kind for h in hits] == ["article"]
    hit = hits[0]
    assert hit.article_id == articles[2].article_id
    assert hit.title == "Grain prices up"
    text = articles[2].text
    assert text[hit.start : hit.end].lower() in {"grain", "provinces"}
    assert "grain prices" in hit.snippet


def test_store_search_stems_words(store: SqlStore, articles: list[Article]) -> None:
    _seed(store, articles)
    hits = [h for h in store.search("walk") if h.kind == "quote"]
    assert len(hits) == 1
    assert hits[0].speaker == "Oriel Vantz"
    article = store.article(hits[0].article_id)
    assert article.text[hits[0].start : hits[0].end] == "We are not walking away from the table,"


def test_store_search_quotes_and_articles_together(store: SqlStore, articles: list[Article]) -> None:
    _seed(store, articles)
    hits = store.search("signed")
    assert {h.kind for h in hits} == {"quote", "article"}
    assert all(h.article_id == articles[1].article_id for h in hits)
    art = next(h for h in hits if h.kind == "article")
    assert articles[1].text[art.start : art.end] == "signed"
    assert len(store.search("signed", limit=1)) == 1
    assert store.search("signed", limit=1, offset=1) == hits[1:2]


def test_store_search_phrase_and_all_words(store: SqlStore, articles: list[Article]) -> None:
    _seed(store, articles)
    assert [h.article_id for h in store.search('"Kestrel Bay" deal') if h.kind == "article"] == [
        articles[1].article_id
    ]
    assert store.search('"bay kestrel"') == []


def test_store_search_hostile_or_empty_query_is_harmless(store: SqlStore, articles: list[Article]) -> None:
    _seed(store, articles)
    for query in ["", "   ", '"', "AND OR NOT", "*", "NEAR(", "harbour' OR 1=1 --", "col:text", "^x"]:
        for hit in store.search(query):
            text = store.article(hit.article_id).text
            assert 0 <= hit.start <= hit.end <= len(text)
    assert store.search("") == []

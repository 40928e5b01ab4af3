"""Both backends: records go in and come back the same; writes are idempotent and atomic."""

from __future__ import annotations

import contextlib

import pytest
from store_factories import make_analysis, make_article, quote_in

from storyline.errors import NotFound, StoreError
from storyline.models import Article, Story, content_hash
from storyline.store._sql import SqlStore


def test_store_article_roundtrip_keeps_everything(store: SqlStore, articles: list[Article]) -> None:
    assert store.add_articles(articles) == [True, True, True]
    for a in articles:
        got = store.article(a.article_id)
        assert got == a.model_copy(update={"content_hash": content_hash(a.text)})
        assert got.removed[0].reason == "share-furniture"
        assert got.raw[got.offset_map[0].raw_start :] == got.text


def test_store_same_article_twice_is_one_row(store: SqlStore, articles: list[Article]) -> None:
    assert store.add_articles([articles[0], articles[0]]) == [True, False]
    assert store.add_articles(articles) == [False, True, True]
    # Same text and URL under another id and source is still the same article.
    again = articles[1].model_copy(update={"article_id": "other-id", "source": "copy.txt"})
    assert store.add_articles([again]) == [False]
    assert store.count_articles() == 3
    # The same text at another URL is another article.
    moved = make_article(articles[0].text, url="https://elsewhere.example/x")
    assert store.add_articles([moved]) == [True]
    assert store.count_articles() == 4


def test_store_articles_listing_order_and_paging(store: SqlStore, articles: list[Article]) -> None:
    store.add_articles(articles)
    ids = [a.article_id for a in articles]
    assert [a.article_id for a in store.articles()] == ids
    assert [a.article_id for a in store.articles(limit=1, offset=1)] == ids[1:2]
    assert [a.article_id for a in store.iter_articles(batch_size=2)] == ids
    with pytest.raises(StoreError):
        store.articles(limit=-1)


def test_store_unknown_ids_raise_not_found(store: SqlStore, articles: list[Article]) -> None:
    store.add_articles(articles[:1])
    with pytest.raises(NotFound):
        store.article("no-such-article")
    with pytest.raises(NotFound):
        store.analysis(articles[0].article_id)
    with pytest.raises(NotFound):
        store.story("no-such-story")


def test_store_analysis_roundtrip_and_replace(store: SqlStore, articles: list[Article]) -> None:
    store.add_articles(articles)
    a, b = articles[0], articles[1]
    first = make_analysis(a, (quote_in(a, "We are not walking away from the table,", "Oriel Vantz"),))
    store.save_analyses([first, make_analysis(b)])
    assert store.analysis(a.article_id) == first
    assert store.has_analysis(a.article_id)
    assert store.has_analysis(a.article_id, "1")
    assert not store.has_analysis(a.article_id, "2")
    assert not store.has_analysis(articles[2].article_id)
    assert store.analysed_ids([x.article_id for x in articles], "1") == {a.article_id, b.article_id}

    second = make_analysis(a, (), version="2")
    store.save_analyses([second])
    assert store.analysis(a.article_id) == second
    assert store.quotes(article_id=a.article_id) == []
    assert [x.article_id for x in store.analyses()] == [a.article_id, b.article_id]


def test_store_analysis_of_unknown_article_saves_nothing(store: SqlStore, articles: list[Article]) -> None:
    store.add_articles(articles[:1])
    orphan = make_analysis(articles[1])
    with pytest.raises(NotFound):
        store.save_analyses([make_analysis(articles[0]), orphan])
    assert not store.has_analysis(articles[0].article_id)


def test_store_quotes_by_speaker_and_article(store: SqlStore, articles: list[Article]) -> None:
    store.add_articles(articles)
    a, b = articles[0], articles[1]
    qa = quote_in(a, "We are not walking away from the table,", "Oriel Vantz")
    qb = quote_in(b, "Nothing has been signed and nothing will be signed this week,", "Mara Ilves")
    qb2 = quote_in(b, "the ferry dispute remained open", "Mara Ilves", kind="indirect")
    store.save_analyses([make_analysis(a, (qa,)), make_analysis(b, (qb, qb2))])
    assert store.quotes() == [qa, qb, qb2]
    assert store.quotes(speaker="mara ilves") == [qb, qb2]
    assert store.quotes(speaker="Mara Ilves", article_id=a.article_id) == []
    assert store.quotes(article_id=a.article_id) == [qa]
    assert store.quotes(limit=1, offset=2) == [qb2]
    for q in store.quotes():
        assert store.article(q.article_id).text[q.start : q.end] == q.text


def test_store_stories_roundtrip_and_links(store: SqlStore, articles: list[Article], story: Story) -> None:
    store.add_articles(articles)
    store.save_stories([story])
    assert store.story("s1") == story
    assert store.stories() == [story]
    assert [a.article_id for a in store.articles(story_id="s1")] == list(story.article_ids)
    bigger = story.model_copy(update={"article_ids": (*story.article_ids, articles[2].article_id)})
    store.save_stories([bigger])
    assert store.stories() == [bigger]
    assert len(store.articles(story_id="s1")) == 3
    other = Story(story_id="s2", title="Grain", article_ids=(articles[2].article_id,))
    store.replace_stories([other])
    assert store.stories() == [other]
    assert store.articles(story_id="s1") == []


def test_store_failed_batch_leaves_nothing(store: SqlStore, articles: list[Article]) -> None:
    class Boom(Exception):
        pass

    with pytest.raises(Boom), store._transaction() as db:
        store._run(db, "DELETE FROM articles")
        raise Boom
    store.add_articles(articles[:1])
    with pytest.raises(Boom), store._transaction() as db:
        store._run(db, "DELETE FROM articles")
        raise Boom
    assert store.count_articles() == 1


def test_store_stats_and_schema_version(store: SqlStore, articles: list[Article]) -> None:
    store.add_articles(articles)
    store.save_analyses([make_analysis(articles[0], (quote_in(articles[0], "talks", None),))])
    assert store.stats() == {"articles": 3, "analyses": 1, "quotes": 1, "stories": 0}
    assert store.schema_version() == store.migrations[-1].version


def test_store_hostile_text_keeps_its_length(store: SqlStore) -> None:
    text = "Line one with a NUL \x00 inside, <script>alert(1)</script> and 'quotes'; DROP TABLE articles; --"
    article = make_article(text, title="\x00 title")
    assert store.add_articles([article]) == [True]
    got = store.article(article.article_id)
    assert len(got.text) == len(text)
    assert got.text.replace("\ufffd", "\x00") == text
    assert store.count_articles() == 1


def test_store_many_articles_in_one_batch(store: SqlStore) -> None:
    batch = [make_article(f"Item number {i} about the harbour levy vote.") for i in range(1200)]
    flags = store.add_articles([*batch, batch[0]])
    assert flags == [True] * 1200 + [False]
    store.save_analyses([make_analysis(a, (quote_in(a, "harbour levy", "Clerk"),)) for a in batch])
    assert store.stats() == {"articles": 1200, "analyses": 1200, "quotes": 1200, "stories": 0}
    assert len(store.analysed_ids([a.article_id for a in batch])) == 1200


def test_store_records_runs_newest_first(store: SqlStore) -> None:
    store.record_run("2031-01-01T00:00:00+00:00", "1", {"read": 3, "new": 3})
    store.record_run("2031-01-02T00:00:00+00:00", "1", {"read": 3, "new": 0})
    runs = store.runs()
    assert [r["summary"]["new"] for r in runs] == [0, 3]
    assert runs[0]["pipeline_version"] == "1"


def test_store_records_jobs_last_state_and_only_the_latest(store: SqlStore) -> None:
    store.save_job("j1", {"status": "running", "read": 1})
    store.save_job("j1", {"status": "done", "read": 3})
    assert store.job("j1") == {"status": "done", "read": 3}
    for n in range(5):
        store.save_job(f"k{n}", {"n": n}, keep=3)
    kept = []
    for job_id in ["j1", "k0", "k1", "k2", "k3", "k4"]:
        with contextlib.suppress(NotFound):
            kept.append(store.job(job_id)["n"])
    assert kept == [2, 3, 4]

"""The store queries a linking run uses, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, date, datetime

from storyline.models import Article, ArticleAnalysis, Story, StoryDecision, make_article_id
from storyline.store._sql import SqlStore


def _art(text: str, day: str | None) -> Article:
    return Article(
        article_id=make_article_id(text),
        source="x",
        text=text,
        title=text[:30],
        published=date.fromisoformat(day) if day else None,
    )


def _fill(store: SqlStore) -> list[Article]:
    arts = [
        _art("The Varn island ferry council restored the night crossing.", "2031-03-02"),
        _art("Night ferry crossings to Varn island return next week.", "2031-03-03"),
        _art("Miners at the Orsk copper pit walked out over unpaid wages.", "2031-09-01"),
        _art("An undated note about the Varn island ferry timetable.", None),
    ]
    store.add_articles(arts)
    store.save_analyses([ArticleAnalysis(article_id=a.article_id) for a in arts])
    return arts


def test_store_similar_articles_keep_to_the_window(store: SqlStore) -> None:
    arts = _fill(store)
    march = [(date(2031, 2, 1), date(2031, 4, 1))]
    found = store.similar_article_ids(["ferry", "Varn island"], march, 10)
    assert set(found) == {arts[0].article_id, arts[1].article_id}  # not the undated one
    assert arts[3].article_id in store.similar_article_ids(["ferry"], [None], 10)
    assert store.similar_article_ids(["ferry"], march, 1) in ([arts[0].article_id], [arts[1].article_id])
    assert store.latest_published() == date(2031, 9, 1)


def test_store_stories_of_and_update(store: SqlStore) -> None:
    arts = _fill(store)
    a, b, c, d = (x.article_id for x in arts)
    store.update_stories(
        [
            Story(story_id="s1", title="t", article_ids=(a, b)),
            Story(story_id="s2", title="m", article_ids=(c,)),
        ]
    )
    assert store.unassigned_ids() == [d]
    assert [s.story_id for s in store.stories_of([b])] == ["s1"]
    assert store.story_ids_among(["s1", "s9"]) == {"s1"}
    store.update_stories([Story(story_id="s3", title="t", article_ids=(a, b, c))], ["s1", "s2"])
    assert [s.story_id for s in store.stories()] == ["s3"]
    assert [x.article_id for x in store.articles_by_ids([c, a])] == [c, a]


def test_store_copy_keys_and_decisions(store: SqlStore) -> None:
    arts = _fill(store)
    a, b = arts[0].article_id, arts[1].article_id
    assert set(store.ids_without_copy_keys()) == {x.article_id for x in arts}
    store.save_copy_keys({a: ["0:aa", "1:bb"], b: []})
    assert store.articles_with_copy_keys(["1:bb", "2:cc"]) == {a}
    assert a not in store.ids_without_copy_keys() and b not in store.ids_without_copy_keys()
    when = datetime(2031, 3, 4, tzinfo=UTC)
    store.save_decision(
        StoryDecision(kind="split", story_id="s1", article_ids=(a,), rest_ids=(b,), made_at=when)
    )
    (d,) = store.decisions()
    assert d.kind == "split" and d.made_at == when and d.article_ids == (a,)

from __future__ import annotations

from link_builders import event_article

from storyline.link import cluster_articles
from storyline.link.stories import story_id_for
from storyline.models import Story


def _partition(stories: list[tuple[str, list[str]]]) -> set[frozenset[str]]:
    return {frozenset(m) for _, m in stories}


def test_stories_separates_events_and_groups_reports() -> None:
    events = ("flood", "election", "mine")
    by_event = {ev: [event_article(ev, n) for n in range(4)] for ev in events}
    arts = [by_event[ev][n] for n in range(4) for ev in events]  # interleaved
    stories = cluster_articles(arts)
    assert _partition(stories) == {frozenset(a.article_id for a in by_event[ev]) for ev in events}


def test_stories_incremental_batch_joins_existing_without_moving_members() -> None:
    first = [event_article(ev, n) for n in range(3) for ev in ("flood", "election")]
    stories = cluster_articles(first)
    existing = [Story(story_id=sid, title="t", article_ids=tuple(m)) for sid, m in stories]
    second = [event_article("flood", 5), event_article("mine", 1), event_article("mine", 2)]
    after = cluster_articles(first + second, existing=existing)
    old_ids = {s.story_id for s in existing}
    after_map = dict(after)
    for s in existing:  # every earlier member stays in its story, under the same id
        assert set(s.article_ids) <= set(after_map[s.story_id])
    flood_story = next(sid for sid, m in after if first[0].article_id in m)
    assert second[0].article_id in after_map[flood_story]
    mine_stories = [sid for sid, m in after if second[1].article_id in m]
    assert mine_stories and mine_stories[0] not in old_ids
    assert second[2].article_id in after_map[mine_stories[0]]


def test_stories_incremental_matches_one_batch_partition() -> None:
    arts = [event_article(ev, n) for n in range(4) for ev in ("flood", "election", "mine")]
    whole = _partition(cluster_articles(arts))
    half = cluster_articles(arts[:6])
    existing = [Story(story_id=sid, title="t", article_ids=tuple(m)) for sid, m in half]
    assert _partition(cluster_articles(arts, existing=existing)) == whole


def test_stories_existing_story_without_its_articles_can_still_grow() -> None:
    old = event_article("election", 0)
    existing = [Story(story_id="s-old", title=old.title or "", article_ids=(old.article_id,))]
    new = [event_article("election", 3), event_article("flood", 1)]
    after = dict(cluster_articles(new, existing=existing))
    assert set(after["s-old"]) == {old.article_id, new[0].article_id}
    assert len(after) == 2


def test_stories_ids_are_stable() -> None:
    arts = [event_article("mine", n) for n in range(3)]
    ((sid, members),) = cluster_articles(arts)
    assert sid == story_id_for(members[0])
    assert cluster_articles(arts)[0][0] == sid


def test_stories_time_window_splits_far_apart_reports() -> None:
    a = event_article("flood", 0, published="2031-01-05")
    b = event_article("flood", 1, published="2031-01-06")
    c = event_article("flood", 2, published="2034-06-01")
    stories = cluster_articles([a, b, c])
    assert _partition(stories) == {frozenset({a.article_id, b.article_id}), frozenset({c.article_id})}

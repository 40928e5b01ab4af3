from __future__ import annotations

from link_builders import analysis, event_article

from storyline.link import build_stories
from storyline.models import Article


def _copy(art: Article, outlet: str) -> Article:
    text = art.text + " This report was distributed by a news agency."
    return Article(article_id=art.article_id + "c", source=outlet, text=text, title=art.title, outlet=outlet)


def test_build_stories_copy_joins_its_original_and_counts_once() -> None:
    arts = [event_article("mine", n, published="2031-04-0" + str(n + 1)) for n in range(3)]
    arts.append(event_article("flood", 1, published="2031-04-02"))
    copy = _copy(arts[0], "Echo Wire")
    stories = build_stories([*arts, copy], [])
    mine = next(s for s in stories if arts[0].article_id in s.article_ids)
    assert copy.article_id in mine.article_ids
    assert mine.duplicate_of == {copy.article_id: arts[0].article_id}
    assert len(stories) == 2


def test_build_stories_incremental_keeps_ids_and_members() -> None:
    first = [event_article("election", n, published="2031-05-01") for n in range(3)]
    a0 = first[0]
    stories = build_stories(first, [analysis(a0)])
    later = [
        event_article("election", 5, published="2031-05-03"),
        event_article("mine", 2, published="2031-05-03"),
    ]
    again = build_stories(first + later, [analysis(a0)], existing=stories)
    old = {s.story_id: s for s in stories}
    for s in again:
        if s.story_id in old:
            assert set(old[s.story_id].article_ids) <= set(s.article_ids)
    election = next(s for s in again if a0.article_id in s.article_ids)
    assert election.story_id in old
    assert later[0].article_id in election.article_ids
    assert later[1].article_id not in election.article_ids

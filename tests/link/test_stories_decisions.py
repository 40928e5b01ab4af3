"""Stories kept in a store: incremental runs, the user's merges and splits, membership reasons."""

from __future__ import annotations

from pathlib import Path

from link_builders import article

from storyline.link import incremental
from storyline.link.stories import cluster_articles
from storyline.models import Article, ArticleAnalysis
from storyline.store.sqlite import SQLiteStore

EVENTS = {
    "ferry": (
        "The Varn island ferry council voted on {d} to restore the night crossing from Pellan harbour.",
        "Captain Oda Merrin said the night ferry to Varn island would sail again from Pellan harbour.",
        "Residents of Varn island welcomed the council vote on the Pellan harbour night ferry.",
    ),
    "strike": (
        "Miners at the Orsk copper pit walked out on {d} over unpaid wages, union leader Tal Brek said.",
        "The Orsk copper pit strike over unpaid wages spread to the smelter, Tal Brek said.",
        "Tal Brek told the Orsk miners the copper pit strike would go on until wages were paid.",
    ),
    "bridge": (
        "Engineers closed the old Saltmere bridge on {d} after cracks were found in its river piers.",
        "Drivers were sent round the closed Saltmere bridge while engineers checked the cracked piers.",
        "The Saltmere council said the cracked river piers of the old bridge would take weeks to mend.",
    ),
}


def reports(event: str, day: str, n: int = 3) -> list[Article]:
    return [
        article(
            EVENTS[event][k].format(d=day),
            title=f"{event} report {k}",
            outlet=f"{event} desk {k}",
            published=day,
        )
        for k in range(n)
    ]


def _store(tmp_path: Path, arts: list[Article]) -> SQLiteStore:
    store = SQLiteStore(tmp_path / "s.db")
    add(store, arts)
    return store


def add(store: SQLiteStore, arts: list[Article]) -> None:
    store.add_articles(arts)
    store.save_analyses([ArticleAnalysis(article_id=a.article_id, pipeline_version="t") for a in arts])


def partition(store: SQLiteStore) -> set[frozenset[str]]:
    return {frozenset(s.article_ids) for s in store.stories()}


def ids(arts: list[Article]) -> frozenset[str]:
    return frozenset(a.article_id for a in arts)


def test_stories_store_run_groups_events(tmp_path: Path) -> None:
    ferry, strike = reports("ferry", "2031-03-02"), reports("strike", "2031-03-02")
    with _store(tmp_path, ferry + strike) as store:
        result = incremental.link_run(store, [a.article_id for a in ferry + strike])
        assert result is not None and result.scope_articles == 6
        assert partition(store) == {ids(ferry), ids(strike)}


def test_stories_incremental_runs_equal_one_batch(tmp_path: Path) -> None:
    arts = reports("ferry", "2031-03-02") + reports("strike", "2031-03-03") + reports("bridge", "2031-03-03")
    whole = {frozenset(m) for _, m in cluster_articles(arts)}
    with _store(tmp_path, arts[:4]) as store:  # the first run sees four of the nine
        incremental.link_run(store, [a.article_id for a in arts[:4]])
        add(store, arts[4:])
        incremental.link_run(store, [a.article_id for a in arts[4:]])
        assert partition(store) == whole
        assert whole == {ids(arts[:3]), ids(arts[3:6]), ids(arts[6:])}


def test_stories_membership_names_links_and_shared_terms(tmp_path: Path) -> None:
    strike = reports("strike", "2031-03-02")
    with _store(tmp_path, strike) as store:
        incremental.link_run(store, [a.article_id for a in strike])
        (story,) = store.stories()
    assert {m.article_id for m in story.membership} == ids(strike)
    for m in story.membership:
        assert m.links and all(link.article_id in ids(strike) and link.similarity > 0 for link in m.links)
        assert m.score > 0
        assert any(term in ("Tal Brek", "Orsk") for term in m.shared)


def test_stories_merge_survives_a_later_run(tmp_path: Path) -> None:
    ferry, strike = reports("ferry", "2031-03-02"), reports("strike", "2031-03-02")
    with _store(tmp_path, ferry + strike) as store:
        incremental.link_run(store, [a.article_id for a in ferry + strike])
        sid_f = next(s.story_id for s in store.stories() if ferry[0].article_id in s.article_ids)
        sid_s = next(s.story_id for s in store.stories() if strike[0].article_id in s.article_ids)
        incremental.merge_stored(store, sid_f, sid_s)
        assert partition(store) == {ids(ferry + strike)}
        (decision,) = store.decisions()
        assert decision.kind == "merge" and decision.made_at is not None
        later = reports("strike", "2031-03-04", n=2)
        add(store, later)
        incremental.link_run(store, [a.article_id for a in later])  # the run re-cuts the window
        stories = {s.story_id: frozenset(s.article_ids) for s in store.stories()}
    assert stories[sid_f] >= ids(ferry + strike)
    merged = next(s for s in store_stories(tmp_path) if s.story_id == sid_f)
    assert {m.decision for m in merged.membership if m.article_id in ids(ferry)} == {"merged"}


def store_stories(tmp_path: Path) -> list:  # type: ignore[type-arg]
    with SQLiteStore(tmp_path / "s.db") as store:
        return store.stories()


def test_stories_split_survives_a_later_run(tmp_path: Path) -> None:
    strike = reports("strike", "2031-03-02", n=3)
    with _store(tmp_path, strike) as store:
        incremental.link_run(store, [a.article_id for a in strike])
        (story,) = store.stories()
        incremental.split_stored(store, story.story_id, [strike[2].article_id])
        assert partition(store) == {ids(strike[:2]), ids(strike[2:])}
        assert any(
            s.story_id == story.story_id and strike[0].article_id in s.article_ids for s in store.stories()
        )
        later = reports("strike", "2031-03-03", n=2)
        add(store, later)
        incremental.link_run(store, [a.article_id for a in later])
        holding = [s for s in store.stories() if strike[2].article_id in s.article_ids]
    assert len(holding) == 1 and not set(holding[0].article_ids) & ids(strike[:2])


def test_stories_split_refuses_an_article_not_in_the_story(tmp_path: Path) -> None:
    import pytest

    from storyline.errors import NotFound

    strike, ferry = reports("strike", "2031-03-02"), reports("ferry", "2031-03-02")
    with _store(tmp_path, strike + ferry) as store:
        incremental.link_run(store, [a.article_id for a in strike + ferry])
        sid = next(s.story_id for s in store.stories() if strike[0].article_id in s.article_ids)
        with pytest.raises(NotFound):
            incremental.split_stored(store, sid, [ferry[0].article_id])
        assert store.decisions() == []


def test_stories_store_finds_a_late_copy_by_its_keys(tmp_path: Path) -> None:
    ferry = reports("ferry", "2031-01-02")
    text = " ".join(EVENTS["ferry"]).format(d="2031-01-02") + " The council meets again in spring."
    original = article(text, title="Ferry", outlet="Ledger", published="2031-01-02")
    with _store(tmp_path, [*ferry, original]) as store:
        incremental.link_run(store, [a.article_id for a in [*ferry, original]])
        copy = article(
            text + " Distributed by the Ledger.", title="Ferry", outlet="Echo", published="2031-09-01"
        )
        add(store, [copy])
        result = incremental.link_run(store, [copy.article_id])
        assert result is not None and result.copies == {copy.article_id: original.article_id}
        holding = [s for s in store.stories() if copy.article_id in s.article_ids]
    assert len(holding) == 1 and original.article_id in holding[0].article_ids


def test_stories_a_run_reads_only_what_may_join_its_articles(tmp_path: Path) -> None:
    ferry, strike, bridge = (reports(e, "2031-03-02") for e in ("ferry", "strike", "bridge"))
    with _store(tmp_path, ferry + strike + bridge) as store:
        incremental.link_run(store, [a.article_id for a in ferry + strike + bridge])
        undated = article(
            "Tal Brek said the Orsk copper pit strike over unpaid wages was over.", outlet="Late desk"
        )
        add(store, [undated])
        result = incremental.link_run(store, [undated.article_id])
        assert result is not None and result.scope_stories == 1 and result.scope_articles == 4
        holding = next(s for s in store.stories() if undated.article_id in s.article_ids)
    assert set(holding.article_ids) == ids(strike) | {undated.article_id}


def test_stories_a_run_skips_candidates_sharing_only_common_words(tmp_path: Path) -> None:
    ferry, strike, bridge = (reports(e, "2031-03-02") for e in ("ferry", "strike", "bridge"))
    with _store(tmp_path, ferry + strike + bridge) as store:
        incremental.link_run(store, [a.article_id for a in ferry + strike + bridge])
        late = article(
            "Tal Brek said the Orsk copper pit strike over unpaid wages would reach the council.",
            outlet="Late desk",
            published="2031-03-03",
        )
        add(store, [late])
        # the full-text index offers the ferry and bridge reports too (they say "council")
        found = store.similar_article_ids(["council", "Orsk", "Brek"], [None], 20)
        assert ids(ferry) & set(found) and ids(bridge) & set(found)
        result = incremental.link_run(store, [late.article_id])
        assert result is not None and result.scope_stories == 1 and result.scope_articles == 4
    assert [set(s.article_ids) for s in result.saved] == [ids(strike) | {late.article_id}]


def test_stories_a_run_writes_only_the_stories_it_changes(tmp_path: Path) -> None:
    ferry, strike = reports("ferry", "2031-03-02"), reports("strike", "2031-03-02")
    with _store(tmp_path, ferry + strike) as store:
        incremental.link_run(store, [a.article_id for a in ferry + strike])
        before = {s.story_id: s for s in store.stories()}
        late = reports("strike", "2031-03-03", n=1)[0].model_copy(
            update={"article_id": "late-strike", "source": "late-strike", "outlet": "Late desk"}
        )
        add(store, [late])
        result = incremental.link_run(store, [late.article_id])
        assert result is not None
        after = {s.story_id: s for s in store.stories()}
    (changed,) = result.saved
    assert set(changed.article_ids) == ids(strike) | {"late-strike"}
    assert all(after[sid] == s for sid, s in before.items() if sid != changed.story_id)

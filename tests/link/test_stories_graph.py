"""Story clustering by neighbour graph and modularity: similar events, re-cuts, stable ids."""

from __future__ import annotations

import os
import random
import subprocess
import sys
from pathlib import Path

from link_builders import article

from storyline.link import cluster_articles
from storyline.link.stories import ClusterParams, StoryClusterer, story_id_for, vectorise
from storyline.link.terms import TermStats, cosine
from storyline.models import Article, Story

# Two fictional floods told with the same vocabulary: only the names and places differ.
SENTENCES = (
    "Floodwater swept through {town} after the {river} burst its banks overnight.",
    "Mayor {mayor} said rescue boats had reached the lower streets of {town}.",
    "Volunteers filled sandbags outside the {town} market hall as the rain went on.",
    "{mayor} asked residents near the {river} to move to higher ground.",
    "The regional rescue service said the {river} was still rising on the bridge gauges.",
    "Schools in {town} stayed closed and the railway line along the {river} was shut.",
    "Engineers from {agency} inspected the embankment below {town}.",
    "{agency} warned that more rain was expected across the valley.",
)
EVENTS = {
    "north": {
        "town": "Osterby",
        "river": "Kell",
        "mayor": "Ilse Varnholt",
        "agency": "the Dunmark Water Board",
    },
    "south": {
        "town": "Caramel Bay",
        "river": "Sorrin",
        "mayor": "Tomas Quell",
        "agency": "the Pellan Coast Office",
    },
}


def flood_report(event: str, n: int, published: str | None = None) -> Article:
    names = EVENTS[event]
    picks = [SENTENCES[(n + k * 3) % len(SENTENCES)].format(**names) for k in range(5)]
    title = f"Flooding in {names['town']} as the {names['river']} rises"
    return article(" ".join(picks), title=title, outlet=f"{event} desk {n}", published=published)


def _partition(stories: list[tuple[str, list[str]]]) -> set[frozenset[str]]:
    return {frozenset(m) for _, m in stories}


def _ids(arts: list[Article]) -> frozenset[str]:
    return frozenset(a.article_id for a in arts)


def test_similar_events_are_two_stories_although_their_reports_are_linked() -> None:
    north = [flood_report("north", n) for n in range(6)]
    south = [flood_report("south", n) for n in range(6)]
    arts = north + south
    vectors = vectorise(arts, {}, TermStats())
    cross = max(cosine(vectors[a.article_id], vectors[b.article_id]) for a in north for b in south)
    # the two floods are similar enough to be linked in the graph: the cut is what splits them
    assert cross >= ClusterParams().edge_threshold
    assert _partition(cluster_articles(arts)) == {_ids(north), _ids(south)}


def test_stories_do_not_depend_on_input_order() -> None:
    arts = [flood_report(ev, n) for n in range(5) for ev in EVENTS]
    expected = _partition(cluster_articles(arts))
    for seed in range(3):
        shuffled = arts[:]
        random.Random(seed).shuffle(shuffled)
        assert _partition(cluster_articles(shuffled)) == expected


def test_recent_story_is_recut_and_keeps_its_id_with_most_of_its_members() -> None:
    north = [flood_report("north", n, "2031-03-02") for n in range(6)]
    south = [flood_report("south", n, "2031-03-03") for n in range(6)]
    # an earlier run put two south reports into the north story (too few to tell them apart then)
    mixed = Story(
        story_id="s-north", title="t", article_ids=tuple(a.article_id for a in north[:3] + south[:2])
    )
    after = dict(cluster_articles(north + south, existing=[mixed]))
    assert set(after["s-north"]) == set(_ids(north))
    others = [set(m) for sid, m in after.items() if sid != "s-north"]
    assert others == [set(_ids(south))]


def test_members_outside_the_window_or_not_passed_never_move() -> None:
    old_south = flood_report("south", 0, "2030-01-10")  # a year before the batch
    unseen = "a-not-in-this-run"
    north = [flood_report("north", n, "2031-03-02") for n in range(4)]
    story = Story(
        story_id="s-old", title="t", article_ids=(old_south.article_id, north[0].article_id, unseen)
    )
    after = dict(cluster_articles([old_south, *north], existing=[story]))
    assert old_south.article_id in after["s-old"] and unseen in after["s-old"]
    assert set(_ids(north)) <= set(after["s-old"])  # the recent north report drew its peers in


def test_a_new_story_never_takes_the_id_of_an_existing_one() -> None:
    north = [flood_report("north", n) for n in range(4)]
    south = [flood_report("south", n) for n in range(4)]
    # the existing story's id comes from a north report, but most of its members are south ones
    sid = story_id_for(north[0].article_id)
    story = Story(
        story_id=sid, title="t", article_ids=(north[0].article_id, *(a.article_id for a in south[:3]))
    )
    after = dict(cluster_articles(north + south, existing=[story]))
    assert set(after[sid]) == set(_ids(south))
    assert sum(set(m) == set(_ids(north)) for m in after.values()) == 1
    assert len(after) == 2


_HASH_SCRIPT = """
import json, random, sys
sys.path.insert(0, {tests!r})
from link_builders import article
from storyline.link import cluster_articles
rng = random.Random(5)
shared = ["harbour", "council", "budget", "strike", "vote", "bridge", "court", "storm", "fire", "march"]
syllables = ("kel", "mor", "tan", "vis", "rud", "pal", "sen")
pools = [[f"{{w}}{{e}}" for w in syllables] for e in ("ax", "ub", "os", "ir", "el", "um")]
arts = []
for n in range(120):  # six loosely separated groups: a graph whose cut depends on node order
    pool = pools[n % 6] + pools[(n + 1) % 6][:3]
    words = [rng.choice(pool + shared) for _ in range(40)]
    arts.append(article(" ".join(words), title=" ".join(words[:4]), outlet=f"desk {{n}}"))
print(json.dumps(sorted(cluster_articles(arts))))
"""


def test_stories_are_the_same_whatever_the_string_hash_seed() -> None:
    # Louvain depends on node order; sets of article ids iterate in a per-process hash order
    script = _HASH_SCRIPT.format(tests=str(Path(__file__).parent))
    outputs = set()
    for seed in ("0", "1", "2", "3"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run(
            [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True
        )
        outputs.add(done.stdout)
    assert len(outputs) == 1


def test_build_stories_recut_leaves_each_article_in_one_story() -> None:
    from storyline.link import build_stories

    north = [flood_report("north", n, "2031-03-02") for n in range(6)]
    south = [flood_report("south", n, "2031-03-03") for n in range(6)]
    mixed = Story(
        story_id="s-north", title="t", article_ids=tuple(a.article_id for a in north[:3] + south[:2])
    )
    built = build_stories(north + south, [], existing=[mixed])
    members = [aid for s in built for aid in s.article_ids]
    assert sorted(members) == sorted(a.article_id for a in north + south)
    assert {frozenset(s.article_ids) for s in built} == {_ids(north), _ids(south)}


def test_a_second_batch_sees_the_first() -> None:
    first = [flood_report(ev, n, "2031-03-02") for n in range(3) for ev in EVENTS]
    later = [flood_report(ev, n, "2031-03-04") for n in range(3, 6) for ev in EVENTS]
    clusterer = StoryClusterer()
    vectors = vectorise(first + later, {}, clusterer.stats)
    dates = {a.article_id: a.published for a in first + later}
    clusterer.add_batch([a.article_id for a in first], vectors, dates)
    # three reports each were too few to tell the floods apart; passed again, they are re-cut
    assert len(clusterer.stories()) == 1
    clusterer.add_batch([a.article_id for a in first + later], vectors, dates)
    members = [aid for _, m in clusterer.stories() for aid in m]
    assert sorted(members) == sorted(dates)  # each article in exactly one story
    by_event = {
        ev: {a.article_id for a in first + later if a.outlet and a.outlet.startswith(ev)} for ev in EVENTS
    }
    assert {frozenset(m) for _, m in clusterer.stories()} == {frozenset(v) for v in by_event.values()}


def test_an_undated_article_does_not_reopen_old_stories() -> None:
    old = [flood_report(ev, n, "2030-01-10") for n in range(3) for ev in EVENTS]
    mixed = Story(story_id="s-old", title="t", article_ids=tuple(a.article_id for a in old))
    recent = flood_report("north", 7, "2031-05-01")
    first = dict(cluster_articles([*old, recent], existing=[mixed]))
    assert set(first["s-old"]) == set(_ids(old))  # a year away: final
    undated = flood_report("south", 8)
    existing = [Story(story_id=sid, title="t", article_ids=tuple(m)) for sid, m in first.items()]
    after = dict(cluster_articles([*old, recent, undated], existing=existing))
    assert set(after["s-old"]) == set(_ids(old))


def test_same_day_stories_do_not_depend_on_input_order() -> None:
    arts = [flood_report(ev, n, f"2031-03-0{1 + n % 3}") for n in range(9) for ev in EVENTS]
    expected = sorted(cluster_articles(arts))
    for seed in range(3):
        shuffled = arts[:]
        random.Random(seed).shuffle(shuffled)
        assert sorted(cluster_articles(shuffled)) == expected  # same ids and members


def test_neighbours_outside_the_window_do_not_crowd_out_those_inside() -> None:
    old = [
        article(f"{_FLOOD_TEXT} Report {n}.", outlet=f"old {n}", published="2029-04-01") for n in range(45)
    ]
    new = [article(f"{_FLOOD_TEXT} Update {n}.", outlet=f"new {n}", published="2031-04-01") for n in range(2)]
    stories = _partition(cluster_articles(old + new))
    assert _ids(new) in stories


def test_a_term_in_very_many_articles_still_links_them() -> None:
    arts = [
        article(f"{_FLOOD_TEXT} Report {n}.", outlet=f"desk {n}", published="2031-04-01") for n in range(450)
    ]
    assert len(cluster_articles(arts)) == 1


def test_a_large_story_without_an_inner_divide_stays_whole() -> None:
    rng = random.Random(3)
    bank = [s.format(**EVENTS["north"]) for s in SENTENCES] + [
        "Farmers upstream moved cattle away from the flooded meadows.",
        "Insurers said claims would run into the millions.",
        "The army sent trucks to help clear the roads.",
        "Power was cut to parts of the old town.",
        "Forecasters expect the river to peak on Thursday.",
    ]
    arts = [article(" ".join(rng.sample(bank, 5)), title="Flood", outlet=f"desk {n}") for n in range(300)]
    assert len(cluster_articles(arts)) == 1


_FLOOD_TEXT = " ".join(s.format(**EVENTS["north"]) for s in SENTENCES)


def test_a_copy_stored_by_an_earlier_run_stays_with_its_original_only() -> None:
    from storyline.link import build_stories

    north = [flood_report("north", n, "2031-03-02") for n in range(6)]
    south = [flood_report("south", n, "2031-03-03") for n in range(6)]
    copy = article(
        south[0].text + " Distributed by south desk 0.", outlet="Copy Desk", published="2031-03-03"
    )
    ids = (*(a.article_id for a in north[:3] + south[:2]), copy.article_id)
    mixed = Story(
        story_id="s-north", title="t", article_ids=ids, duplicate_of={copy.article_id: south[0].article_id}
    )
    built = build_stories([*north, *south, copy], [], existing=[mixed])
    holding = [s for s in built if copy.article_id in s.article_ids]
    assert len(holding) == 1 and south[0].article_id in holding[0].article_ids
    assert all(len(s.article_ids) == len(set(s.article_ids)) for s in built)


def test_a_tie_between_stories_goes_to_the_one_linked_more_strongly() -> None:
    north = Story(
        story_id="s-b", title="Flooding in Osterby as the Kell rises", article_ids=("x1", "x2", "x3")
    )
    south = Story(
        story_id="s-z", title="Flooding in Caramel Bay as the Sorrin rises", article_ids=("y1", "y2")
    )
    new = flood_report("south", 9, "2031-01-01")
    for a, b in ((north, south), (north.model_copy(update={"story_id": "s-zz"}), south)):
        after = dict(cluster_articles([new], existing=[a, b]))
        assert new.article_id in after[b.story_id]  # not decided by the order of the ids


def test_the_context_is_the_window_around_each_new_article() -> None:
    clusterer = StoryClusterer()
    old = {m: [flood_report("north", n + 10 * m, f"2029-{m:02d}-10") for n in range(3)] for m in range(1, 13)}
    stored = [a for arts in old.values() for a in arts]
    new = [flood_report("south", 1, "2029-01-12"), flood_report("south", 2, "2029-12-12")]
    vectors = vectorise(stored + new, {}, clusterer.stats)
    dates = {a.article_id: a.published for a in stored + new}
    for m, arts in old.items():
        clusterer.seed(
            Story(story_id=f"s{m}", title="t", article_ids=tuple(a.article_id for a in arts)), vectors, dates
        )
    clusterer.add_batch([a.article_id for a in stored + new], vectors, dates)
    moved_or_joined = {sid for sid, m in clusterer.stories() if any(a.article_id in m for a in new)}
    months_in_window = {1, 2, 3, 4, 10, 11, 12}  # within 90 days of 12 January or 12 December
    # stories of the months in between were not even looked at: they keep exactly their members
    for m, arts in old.items():
        if m not in months_in_window:
            assert dict(clusterer.stories())[f"s{m}"] == [a.article_id for a in arts]
    assert moved_or_joined

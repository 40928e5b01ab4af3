"""Incremental linking over a store: what one run must read, link again and write.

A run *touches* the articles it analysed and the stored articles that are in no story yet.
Only these are read in full, with what they may join, found through store queries:

1. **Copies.** Each stored article keeps its MinHash band keys (:func:`copy_keys`); the stored
   articles sharing a key with a touched one are its copy candidates, however far apart in
   time. Copies are found once per run, over the whole scope (step 3), and passed to the build.
2. **Candidates.** For each touched article, the store's full-text index gives the
   ``scope_candidates`` articles published within ``window_days`` of it that share the most of
   its heaviest words (an undated article is placed in the window before the latest stored
   date). Of these, only those that could link with it in the clustering are kept
   (:func:`related_candidates`): the index ranks by shared words, and in a dense store most
   of what it returns shares only common words. So the scope does not grow with the store: a
   store ten times as dense gives as many candidates, not ten times as many, and undated
   stored articles are never pulled in.
3. **Scope.** The stories holding a candidate, a copy candidate or a touched article, and all
   their members. These are clustered again with the touched articles
   (:func:`storyline.link.build.build_stories`); only the stories whose members change, or
   that hold a touched article, are linked again. Every other stored story stays as it is.
4. **Write.** The stories that changed are saved, the scope stories they took over are
   deleted, in one transaction.

The user's merges and splits (:class:`~storyline.models.StoryDecision`) become constraints of
the clustering (:func:`decision_constraints`): articles merged stay together, articles split
apart are never joined again, whatever later runs bring.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Protocol

from storyline.link.build import build_stories
from storyline.link.duplicates import copy_keys, find_duplicates
from storyline.link.membership import _label
from storyline.link.stories import Constraints, cluster_with_vectors, link_similarity, vectorise
from storyline.link.terms import TermStats, article_years
from storyline.models import Article, ArticleAnalysis, Story, StoryDecision
from storyline.settings import LinkSettings
from storyline.store.base import LinkStore

QUERY_WORDS = 12  # heaviest words of a touched article asked of the full-text index
BACKFILL_BATCH = 500


@dataclass
class LinkResult:
    """What one linking run did: the stories it saved and deleted, and the size of its scope."""

    saved: list[Story] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)
    scope_articles: int = 0
    scope_stories: int = 0
    copies: dict[str, str] = field(default_factory=dict)
    cpu: dict[str, float] = field(default_factory=dict)  # CPU seconds of each step


class _StoredIds:
    """Story ids held by the store outside the scope (asked of the store one at a time)."""

    def __init__(self, store: LinkStore, scope: set[str]) -> None:
        self.store, self.scope = store, scope

    def __contains__(self, story_id: object) -> bool:
        if not isinstance(story_id, str) or story_id in self.scope:
            return False
        return bool(self.store.story_ids_among([story_id]))


def merge_stories(existing: Sequence[Story], built: Sequence[Story]) -> list[Story]:
    """The stories after a build: the built ones, plus existing ones the build did not touch.

    An existing story is dropped when the build returned it (by id) or took over any of its
    articles, so that each article is in at most one stored story.
    """
    built_ids = {s.story_id for s in built}
    claimed = {a for s in built for a in s.article_ids}
    kept = [s for s in existing if s.story_id not in built_ids and not claimed.intersection(s.article_ids)]
    return [*kept, *built]


def decision_constraints(decisions: Iterable[StoryDecision]) -> tuple[Constraints, dict[str, str]]:
    """The clustering constraints of the user's decisions (later ones override earlier ones),
    and for each article the decision holding it ("merged" or "split")."""
    groups: list[set[str]] = []
    group_of: dict[str, int] = {}
    apart: set[tuple[int, int]] = set()
    decided: dict[str, str] = {}

    def new_group(ids: Iterable[str]) -> int:
        n = len(groups)
        groups.append(set())
        for aid in ids:
            old = group_of.get(aid)
            if old is not None:
                groups[old].discard(aid)
            groups[n].add(aid)
            group_of[aid] = n
        return n

    for d in sorted(decisions, key=lambda d: d.made_at):
        if d.kind == "merge":
            ids = set(d.article_ids)
            for aid in list(ids):  # what the merged articles were held with comes along
                if aid in group_of:
                    ids |= groups[group_of[aid]]
            joined = {group_of[a] for a in ids if a in group_of}
            n = new_group(sorted(ids))
            apart = {(a, b) for a, b in apart if not (a in joined and b in joined)}
            apart = {(n if a in joined else a, n if b in joined else b) for a, b in apart}
            decided.update(dict.fromkeys(ids, "merged"))
        else:
            moved = new_group(d.article_ids)
            rest = new_group(a for a in d.rest_ids if a not in set(d.article_ids))
            apart.add((moved, rest))
            decided.update(dict.fromkeys(d.article_ids, "split"))
            decided.update(dict.fromkeys(d.rest_ids, "split"))
    together = [frozenset(g) for g in groups]
    return (
        Constraints(
            together=[g for g in together if g],
            apart=[(together[a], together[b]) for a, b in sorted(apart) if together[a] and together[b]],
        ),
        decided,
    )


def _backfill_copy_keys(store: LinkStore, params: LinkSettings) -> None:
    """Keep the copy keys of every stored article that has none yet (once per article)."""
    while True:
        ids = store.ids_without_copy_keys(BACKFILL_BATCH)
        if not ids:
            return
        arts = store.articles_by_ids(ids)
        store.save_copy_keys({a.article_id: copy_keys(a, threshold=params.copy_threshold) for a in arts})
        if len(ids) < BACKFILL_BATCH:
            return


def _query_words(
    articles: Sequence[Article], analyses: Mapping[str, ArticleAnalysis]
) -> dict[str, list[str]]:
    """Each article's heaviest words as it writes them (names as phrases)."""
    vectors = vectorise(articles, analyses, TermStats())
    by_id = {a.article_id: a for a in articles}
    out: dict[str, list[str]] = {}
    for aid, vec in vectors.items():
        top = sorted(vec.items(), key=lambda kv: (-kv[1], kv[0]))[:QUERY_WORDS]
        out[aid] = list(dict.fromkeys(_label(t, by_id[aid]) for t, _ in top))
    return out


class _Read:
    """The stored articles and analyses a run has read, each read once."""

    def __init__(
        self, store: LinkStore, articles: Iterable[Article], analyses: Mapping[str, ArticleAnalysis]
    ) -> None:
        self.store = store
        self.articles = {a.article_id: a for a in articles}
        self.analyses = dict(analyses)

    def fetch(self, ids: Iterable[str]) -> None:
        wanted = sorted(set(ids) - self.articles.keys())
        if wanted:
            self.articles.update((a.article_id, a) for a in self.store.articles_by_ids(wanted))
            self.analyses.update((an.article_id, an) for an in self.store.analyses(wanted))


def related_candidates(asked: Mapping[str, Sequence[str]], read: _Read, params: LinkSettings) -> set[str]:
    """Of the stored articles the full-text index gave for each touched article (``asked``:
    touched id -> candidate ids), those that could link with it in the clustering: their link
    similarity (:func:`~storyline.link.stories.link_similarity`, TF-IDF over the touched
    articles and their candidates) reaches ``edge_threshold``.

    The index ranks by shared words only, so in a dense store most of the ``scope_candidates``
    it returns are reports of other events that share common words; reading their stories
    would make the scope grow with the store.
    """
    read.fetch(c for cs in asked.values() for c in cs)
    ids = sorted({*asked, *(c for cs in asked.values() for c in cs)} & read.articles.keys())
    arts = [read.articles[aid] for aid in ids]
    vectors = vectorise(arts, read.analyses, TermStats())
    days = {a.article_id: a.published.toordinal() if a.published else None for a in arts}
    years = {a.article_id: article_years(a) for a in arts}
    out: set[str] = set()
    for aid, found in asked.items():
        if aid not in vectors:
            continue
        for c in found:
            if c in out or c not in vectors:
                continue
            sim = link_similarity(
                vectors[aid], vectors[c], (days[aid], days[c]), (years[aid], years[c]), params
            )
            if sim >= params.edge_threshold:
                out.add(c)
    return out


def _span(day: date, window: int) -> tuple[date, date]:
    """The days within ``window`` of ``day``, clipped to the calendar (a date such as
    9999-12-31 is not an error)."""
    n = day.toordinal()
    return (
        date.fromordinal(max(n - window, date.min.toordinal())),
        date.fromordinal(min(n + window, date.max.toordinal())),
    )


def link_run(
    store: LinkStore, analysed: Iterable[str], params: LinkSettings | None = None
) -> LinkResult | None:
    """Link the articles a run touched (``analysed`` ones and those in no story) into the
    stored stories; returns None when nothing was touched."""
    params = params or LinkSettings()
    cpu: dict[str, float] = {}
    clock = [time.process_time()]

    def lap(step: str) -> None:
        now = time.process_time()
        cpu[step] = cpu.get(step, 0.0) + now - clock[0]
        clock[0] = now

    touched = set(analysed) | set(store.unassigned_ids())
    if not touched:
        return None
    _backfill_copy_keys(store, params)
    lap("copy keys")
    touched_arts = store.articles_by_ids(sorted(touched))
    touched = {a.article_id for a in touched_arts}
    touched_an = {an.article_id: an for an in store.analyses(sorted(touched))}
    keys = [k for a in touched_arts for k in copy_keys(a, threshold=params.copy_threshold)]
    kin = store.articles_with_copy_keys(keys) - touched
    lap("copy candidates")

    latest = store.latest_published()
    words = _query_words(touched_arts, touched_an)
    asked: dict[str, list[str]] = {}
    for a in touched_arts:
        span: tuple[date, date] | None = None  # undated, in an undated store: any time
        if a.published is not None:
            span = _span(a.published, params.window_days)
        elif latest is not None:
            span = (_span(latest, params.window_days)[0], latest)
        found = store.similar_article_ids(words.get(a.article_id, []), [span], params.scope_candidates)
        asked[a.article_id] = [c for c in found if c not in touched]
    read = _Read(store, touched_arts, touched_an)
    candidates = related_candidates(asked, read, params)
    lap("candidates")
    stories = store.stories_of(sorted(touched | kin | candidates))
    scope_ids = sorted(touched | kin | {aid for s in stories for aid in s.article_ids})
    read.fetch(scope_ids)
    articles = [read.articles[aid] for aid in scope_ids if aid in read.articles]
    analyses = [read.analyses[aid] for aid in scope_ids if aid in read.analyses]
    lap("read scope")
    copies = find_duplicates(articles, threshold=params.copy_threshold)
    constraints, decided = decision_constraints(store.decisions())
    reserved = _StoredIds(store, {s.story_id for s in stories})
    lap("copies")
    built = build_stories(
        articles,
        analyses,
        existing=stories,
        params=params,
        reserved=reserved,
        copies=copies,
        constraints=constraints,
        decided=decided,
        fresh=touched,
    )
    lap("build")
    kept = {s.story_id for s in merge_stories(stories, built)}
    deleted = [s.story_id for s in stories if s.story_id not in kept]
    prior = {s.story_id: s for s in stories}
    changed = [s for s in built if prior.get(s.story_id) != s]  # the unchanged stay as stored
    store.update_stories(changed, deleted)
    lap("write")
    return LinkResult(changed, deleted, len(articles), len(stories), copies, cpu)


@dataclass
class Assignment:
    """The stories of a set of articles: (story id, member ids) pairs, and copy -> original."""

    stories: list[tuple[str, list[str]]]
    copies: dict[str, str] = field(default_factory=dict)


def assign_stories(
    articles: Sequence[Article],
    analyses: Mapping[str, ArticleAnalysis],
    *,
    existing: Sequence[Story] = (),
    params: LinkSettings | None = None,
) -> Assignment:
    """Only the story membership :func:`build_stories` gives (copies follow their original),
    without linking each story: what the accuracy harness measures."""
    params = params or LinkSettings()
    copies = find_duplicates(articles, threshold=params.copy_threshold)
    originals = [a for a in articles if a.article_id not in copies]
    clusters, _ = cluster_with_vectors(originals, analyses, existing=existing, params=params)
    story_of = {aid: sid for sid, m in clusters for aid in m}
    out = {sid: list(m) for sid, m in clusters}
    for c, o in copies.items():
        if o in story_of:
            out[story_of[o]].append(c)
    return Assignment(list(out.items()), copies)


class DecisionStore(LinkStore, Protocol):
    def story(self, story_id: str) -> Story: ...
    def save_decision(self, decision: StoryDecision) -> None: ...


def _relink(store: LinkStore, stories: Sequence[Story], params: LinkSettings) -> list[Story]:
    """Cluster and link the members of ``stories`` again, under every decision kept."""
    ids = list(dict.fromkeys(a for s in stories for a in s.article_ids))
    articles = store.articles_by_ids(ids)
    analyses = store.analyses(ids)
    constraints, decided = decision_constraints(store.decisions())
    built = build_stories(
        articles,
        analyses,
        existing=stories,
        params=params,
        reserved=_StoredIds(store, {s.story_id for s in stories}),
        constraints=constraints,
        decided=decided,
    )
    return built


def _rename(built: list[Story], holding: str, story_id: str) -> list[Story]:
    """Give the story that holds article ``holding`` the id ``story_id`` (swapping ids)."""
    target = next((s for s in built if holding in s.article_ids), None)
    if target is None or target.story_id == story_id:
        return built
    out = []
    for s in built:
        if s is target:
            out.append(s.model_copy(update={"story_id": story_id}))
        elif s.story_id == story_id:
            out.append(s.model_copy(update={"story_id": target.story_id}))
        else:
            out.append(s)
    return out


def merge_stored(
    store: DecisionStore, story_id: str, other_id: str, params: LinkSettings | None = None
) -> list[Story]:
    """Merge stored story ``other_id`` into ``story_id`` and keep the decision, so that later
    runs keep their articles together. RAISES NotFound: no such story."""
    first, other = store.story(story_id), store.story(other_id)
    if first.story_id == other.story_id:
        return [first]
    members = tuple(dict.fromkeys((*first.article_ids, *other.article_ids)))
    store.save_decision(
        StoryDecision(
            kind="merge", story_id=story_id, other_story_id=other_id, article_ids=members, made_at=_now()
        )
    )
    built = _rename(_relink(store, [first, other], params or LinkSettings()), members[0], story_id)
    store.update_stories(
        built, [s.story_id for s in (first, other) if s.story_id not in {b.story_id for b in built}]
    )
    return built


def split_stored(
    store: DecisionStore, story_id: str, article_ids: Sequence[str], params: LinkSettings | None = None
) -> list[Story]:
    """Split ``article_ids`` out of stored story ``story_id`` into a story of their own, and
    keep the decision, so that later runs never join them again. RAISES NotFound: no such
    story, or an article that is not in it."""
    from storyline.errors import NotFound

    story = store.story(story_id)
    moved = tuple(dict.fromkeys(article_ids))
    missing = [a for a in moved if a not in story.article_ids]
    if missing:
        raise NotFound(f"article {missing[0]!r} is not in story {story_id!r}")
    rest = tuple(a for a in story.article_ids if a not in set(moved))
    store.save_decision(
        StoryDecision(kind="split", story_id=story_id, article_ids=moved, rest_ids=rest, made_at=_now())
    )
    built = _relink(store, [story], params or LinkSettings())
    if rest:
        built = _rename(built, rest[0], story_id)
    store.update_stories(built, [] if any(s.story_id == story_id for s in built) else [story_id])
    return built


def _now() -> datetime:
    return datetime.now(UTC)

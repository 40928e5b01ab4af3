"""Incremental story clustering: single-pass centroid assignment with blocking.

Each article is a TF-IDF vector (:mod:`storyline.link.terms`). Articles are taken in time
order; each one is compared only with the stories that share one of its heaviest terms (an
inverted index over the stories' centroid terms: a term found in more than ``common_postings``
stories is too common to block on and is skipped, and of the others only the ``max_postings``
stories that took the term last are looked at) and whose dates lie within ``window_days`` of
its own. It joins the most
similar story when the cosine with that story's centroid, less ``year_penalty`` times the
story's year conflict, reaches ``threshold``, and opens a new story otherwise. The year conflict
is 0 when most of the story's members that name a year name one of the article's years (or
either side names none) and grows to 1 when none does: similar events (two earthquakes in one
region, two arrests of one person) share their vocabulary and are told apart by their years. A second pass lets each article of the batch move to a better story, and
stories of the batch whose centroids are close enough merge. Stories that existed before the
batch keep their members: a new batch only adds to them, so the corpus is never re-clustered.

Cost: one pass over the batch, each article scoring at most ``max_candidates`` centroids, so
time and memory grow linearly with the number of articles.
"""

from __future__ import annotations

import hashlib
import heapq
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from storyline.link.terms import (
    TermStats,
    Vector,
    article_terms,
    article_years,
    cosine,
    normalise,
    tfidf,
)
from storyline.models import Article, ArticleAnalysis, Story

# Parameters chosen on the ECB+ train split (see benchmarks/ and the module docs).
Years = frozenset[int]
_NO_YEARS: Years = frozenset()

THRESHOLD = 0.28
MERGE_THRESHOLD = 0.45
WINDOW_DAYS = 90
CENTROID_TERMS = 300
QUERY_TERMS = 25
MAX_POSTINGS = 20
COMMON_POSTINGS = 1000
MAX_CANDIDATES = 25
PASSES = 2  # refinement passes over a batch
YEAR_PENALTY = 0.1  # taken off the cosine when an article's years are not its story's


@dataclass
class ClusterParams:
    threshold: float = THRESHOLD
    merge_threshold: float = MERGE_THRESHOLD
    window_days: int = WINDOW_DAYS
    centroid_terms: int = CENTROID_TERMS
    query_terms: int = QUERY_TERMS
    max_postings: int = MAX_POSTINGS
    common_postings: int = COMMON_POSTINGS
    max_candidates: int = MAX_CANDIDATES
    refine: bool = True
    passes: int = PASSES
    year_penalty: float = YEAR_PENALTY


@dataclass
class _Cluster:
    key: int
    story_id: str | None  # set for stories that existed before this batch
    members: list[str] = field(default_factory=list)
    total: dict[str, float] = field(default_factory=dict)
    centroid: Vector = field(default_factory=dict)
    first: date | None = None
    last: date | None = None
    alive: bool = True
    indexed: set[str] = field(default_factory=set)  # terms under which the index lists it
    years: Counter[int] = field(default_factory=Counter)  # members naming each year
    dated: int = 0  # members naming any year

    def add(self, vec: Vector, when: date | None, sign: float = 1.0, years: Years = frozenset()) -> None:
        if years:
            self.dated += 1 if sign > 0 else -1
            self.years.update({y: 1 if sign > 0 else -1 for y in years})
            self.years = +self.years
        for t, v in vec.items():
            nv = self.total.get(t, 0.0) + sign * v
            if nv > 1e-9:
                self.total[t] = nv
            else:
                self.total.pop(t, None)
        if when is not None and sign > 0:
            self.first = when if self.first is None else min(self.first, when)
            self.last = when if self.last is None else max(self.last, when)

    def conflict(self, years: Years) -> float:
        """How far ``years`` are from this story's: 0 when most members name one of them, up
        to 1 when none does (0 too when either side names no year)."""
        if not years or self.dated <= 0:
            return 0.0
        return 1.0 - max(self.years.get(y, 0) for y in years) / self.dated

    def main_years(self) -> Years:
        """The years at least half of the members name."""
        return frozenset(y for y, n in self.years.items() if 2 * n >= self.dated)

    def refresh(self, n_terms: int) -> None:
        items = self.total.items()
        if len(self.total) > n_terms:
            items = sorted(items, key=lambda kv: -kv[1])[:n_terms]  # type: ignore[assignment]
        self.centroid = normalise(dict(items))


def _within(cluster: _Cluster, when: date | None, window: int) -> bool:
    if when is None or cluster.first is None or cluster.last is None:
        return True
    return (cluster.first - when).days <= window and (when - cluster.last).days <= window


def story_id_for(first_article_id: str) -> str:
    return "s" + hashlib.sha256(first_article_id.encode("utf-8")).hexdigest()[:12]


class StoryClusterer:
    """Holds the stories seen so far; :meth:`add_batch` assigns a new batch to them."""

    def __init__(self, params: ClusterParams | None = None) -> None:
        self.params = params or ClusterParams()
        self.stats = TermStats()
        self.clusters: list[_Cluster] = []
        self.index: dict[str, list[int]] = defaultdict(list)
        self.assignment: dict[str, int] = {}
        self.vectors: dict[str, Vector] = {}
        self.years: dict[str, Years] = {}

    # -- index ----------------------------------------------------------------------------
    def _index(self, c: _Cluster, top: int | None = None) -> None:
        n = top or self.params.query_terms
        for t, _ in heapq.nlargest(n, c.centroid.items(), key=lambda kv: kv[1]):
            if t not in c.indexed:
                c.indexed.add(t)
                self.index[t].append(c.key)

    def _candidates(self, vec: Vector, when: date | None) -> list[_Cluster]:
        p = self.params
        seen: dict[int, float] = {}
        for t, w in heapq.nlargest(p.query_terms, vec.items(), key=lambda kv: kv[1]):
            plist = self.index.get(t)
            # a term in the centroids of too many stories blocks nothing: skip it; of the others,
            # look only at the stories that took the term most recently
            if not plist or len(plist) > p.common_postings:
                continue
            for key in plist[-p.max_postings :]:
                seen[key] = seen.get(key, 0.0) + w
        ranked = heapq.nlargest(p.max_candidates, seen.items(), key=lambda kv: kv[1])
        out = []
        for key, _ in ranked:
            c = self.clusters[key]
            if c.alive and _within(c, when, p.window_days):
                out.append(c)
        return out

    def _sim(self, vec: Vector, years: Years, c: _Cluster) -> float:
        return cosine(vec, c.centroid) - self.params.year_penalty * c.conflict(years)

    def _best(
        self, vec: Vector, when: date | None, years: Years = _NO_YEARS, exclude: int | None = None
    ) -> tuple[_Cluster | None, float]:
        best, best_sim = None, 0.0
        for c in self._candidates(vec, when):
            if c.key == exclude:
                continue
            s = self._sim(vec, years, c)
            if s > best_sim:
                best, best_sim = c, s
        return best, best_sim

    def _new_cluster(self, story_id: str | None = None) -> _Cluster:
        c = _Cluster(key=len(self.clusters), story_id=story_id)
        self.clusters.append(c)
        return c

    # -- public ---------------------------------------------------------------------------
    def seed(
        self,
        story: Story,
        vectors: Mapping[str, Vector],
        dates: Mapping[str, date | None],
        years: Mapping[str, Years] | None = None,
    ) -> None:
        """Register an existing story (its members stay where they are)."""
        c = self._new_cluster(story.story_id)
        for aid in story.article_ids:
            c.members.append(aid)
            self.assignment[aid] = c.key
            vec = vectors.get(aid)
            if vec is not None:
                c.add(vec, dates.get(aid), years=(years or {}).get(aid, _NO_YEARS))
        c.refresh(self.params.centroid_terms)
        self._index(c, self.params.centroid_terms)

    def add_batch(
        self,
        ids: Sequence[str],
        vectors: Mapping[str, Vector],
        dates: Mapping[str, date | None],
        years: Mapping[str, Years] | None = None,
    ) -> None:
        p = self.params
        self.years.update(years or {})
        order = sorted(range(len(ids)), key=lambda i: (dates.get(ids[i]) or date.max, i))
        batch: list[str] = []
        for i in order:
            aid = ids[i]
            if aid in self.assignment:
                continue
            vec = vectors[aid]
            when = dates.get(aid)
            ys = self.years.get(aid, _NO_YEARS)
            best, sim = self._best(vec, when, ys)
            if best is None or sim < p.threshold:
                best = self._new_cluster()
            best.members.append(aid)
            best.add(vec, when, years=ys)
            best.refresh(p.centroid_terms)
            self._index(best)
            self.assignment[aid] = best.key
            batch.append(aid)
        if p.refine:
            self._refine(batch, vectors, dates)

    def _refine(
        self, batch: list[str], vectors: Mapping[str, Vector], dates: Mapping[str, date | None]
    ) -> None:
        """Move batch articles to a clearly better story; merge close new stories."""
        p = self.params
        for aid in batch * p.passes:
            cur = self.clusters[self.assignment[aid]]
            vec, when = vectors[aid], dates.get(aid)
            ys = self.years.get(aid, _NO_YEARS)
            # similarity to its own story without itself
            cur.add(vec, None, sign=-1.0, years=ys)
            cur.refresh(p.centroid_terms)
            own = self._sim(vec, ys, cur) if len(cur.members) > 1 else 0.0
            best, sim = self._best(vec, when, ys, exclude=cur.key)
            if best is not None and sim > own and sim >= p.threshold:
                cur.members.remove(aid)
                if not cur.members and cur.story_id is None:
                    cur.alive = False
                best.members.append(aid)
                best.add(vec, when, years=ys)
                best.refresh(p.centroid_terms)
                self._index(best)
                self.assignment[aid] = best.key
            else:
                cur.add(vec, None, years=ys)
                cur.refresh(p.centroid_terms)
        # merge new stories into close stories
        new = [c for c in self.clusters if c.alive and c.story_id is None and c.members]
        new.sort(key=lambda c: len(c.members))
        for c in new:
            if not c.alive:
                continue
            target, sim = None, 0.0
            for other in self._candidates(c.centroid, c.first):
                if other.key == c.key or not other.alive:
                    continue
                s = self._sim(c.centroid, c.main_years(), other)
                if s > sim:
                    target, sim = other, s
            if target is not None and sim >= p.merge_threshold:
                for aid in c.members:
                    self.assignment[aid] = target.key
                    target.members.append(aid)
                    target.add(vectors[aid], dates.get(aid), years=self.years.get(aid, _NO_YEARS))
                target.refresh(p.centroid_terms)
                self._index(target)
                c.members = []
                c.alive = False

    def stories(self) -> list[tuple[str, list[str]]]:
        """(story id, member article ids) of every non-empty story."""
        out = []
        for c in self.clusters:
            if not c.alive or not c.members:
                continue
            sid = c.story_id or story_id_for(c.members[0])
            out.append((sid, list(c.members)))
        return out


def vectorise(
    articles: Sequence[Article],
    analyses: Mapping[str, ArticleAnalysis],
    stats: TermStats,
    centroid_terms: int = CENTROID_TERMS,
) -> dict[str, Vector]:
    """TF-IDF vectors for ``articles``; ``stats`` is updated with their terms first."""
    tfs = {a.article_id: article_terms(a, analyses.get(a.article_id)) for a in articles}
    for tf in tfs.values():
        stats.add(tf.keys())
    return {aid: tfidf(tf, stats, max_terms=centroid_terms) for aid, tf in tfs.items()}


def cluster_articles(
    articles: Sequence[Article],
    analyses: Mapping[str, ArticleAnalysis] | None = None,
    *,
    existing: Sequence[Story] = (),
    params: ClusterParams | None = None,
) -> list[tuple[str, list[str]]]:
    """Group articles into stories; returns (story id, article ids) pairs.

    Articles already in an ``existing`` story stay there (they feed its centroid when passed in
    ``articles``); the others join an existing story or form new ones.
    """
    clusterer = StoryClusterer(params)
    analyses = analyses or {}
    vectors = vectorise(articles, analyses, clusterer.stats, clusterer.params.centroid_terms)
    dates = {a.article_id: a.published for a in articles}
    years = {a.article_id: article_years(a) for a in articles}
    known = {a.article_id for a in articles}
    for story in existing:
        # members not among ``articles`` are represented by the story's title
        missing = [aid for aid in story.article_ids if aid not in known]
        vecs = {aid: vectors[aid] for aid in story.article_ids if aid in vectors}
        if missing and story.title:
            tf = article_terms(Article(article_id="_", source="_", text=story.title, title=story.title))
            clusterer.stats.add(tf.keys(), weight=len(missing))
            if not vecs:
                vecs[missing[0]] = tfidf(tf, clusterer.stats)
        clusterer.seed(story, vecs, dates, years)
    clusterer.add_batch([a.article_id for a in articles], vectors, dates, years)
    return clusterer.stories()

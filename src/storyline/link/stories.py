"""Incremental story clustering: a nearest-neighbour graph of articles, cut into communities.

Each article is a TF-IDF vector (:mod:`storyline.link.terms`). A batch of new articles is
clustered together with the members of existing stories that lie within ``window_days`` of it
(the *context*), in three steps:

1. **Neighbour graph.** Each article is linked to its ``neighbours`` most similar articles
   whose cosine reaches ``edge_threshold`` (less ``year_penalty`` when the two name years and
   share none). Candidates come from an inverted index over each article's heaviest terms and
   must lie within ``window_days`` of the article; of a term found in more than
   ``max_postings`` articles only the ``common_postings`` nearest in time are looked at, and
   only the ``max_candidates`` best candidates are compared, so no article is compared with
   the whole corpus.
2. **Communities.** Each connected component of the graph is cut into communities by
   modularity (Louvain at ``resolution``, seeded, over nodes in time and id order: the same
   input gives the same stories, whatever its order). A community is cut again while its own
   best cut reaches ``split_modularity``. Modularity also cuts a large story with no inner
   divide into arbitrary parts, so linked communities are joined again when the links between
   them are on average as strong as those inside one of them (``merge_ratio``) or strong
   outright (``merge_similarity``); two similar events are joined by weaker links than their
   own reports are.
3. **Story ids.** A community keeps the id of the existing story most of its members come from
   (each id once, the largest share first) and is a new story otherwise. So a new batch joins
   the stories it belongs to, and a recent story made from too few articles to tell two similar
   events apart is cut again once more reports arrive. Members outside the window, and members
   whose articles were not passed, never move: older stories are final, and the corpus is never
   re-clustered as a whole.

Why a graph and not centroids: two reports of one event are each other's nearest neighbours far
more reliably than they are close to a running average, and two similar events (two arrests of
one person, two earthquakes in one region) form two dense groups joined by a few edges, which is
what modularity separates. On ECB+ (train, where the parameters were chosen) B-cubed F1 went
from 0.894 with single-pass centroids to 0.952, and the result no longer depends on input order.

Cost: each article looks at most ``query_terms`` × ``max_postings`` postings and computes
``max_candidates`` cosines; the graph has at most ``neighbours`` edges per article, and Louvain
runs in time near-linear in the edges: time and memory grow linearly with the batch and its
context.
"""

from __future__ import annotations

import bisect
import hashlib
import heapq
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

import networkx as nx

from storyline.link.terms import (
    TermStats,
    Vector,
    article_terms,
    article_years,
    cosine,
    tfidf,
)
from storyline.models import Article, ArticleAnalysis, Story

Years = frozenset[int]
_NO_YEARS: Years = frozenset()

# Parameters chosen on the ECB+ train split (see the module docs and docs/architecture.md).
NEIGHBOURS = 5
EDGE_THRESHOLD = 0.1
RESOLUTION = 0.5
SPLIT_MODULARITY = 0.4
WINDOW_DAYS = 90
CENTROID_TERMS = 300
QUERY_TERMS = 25
MAX_POSTINGS = 100
COMMON_POSTINGS = 20  # of a term in more articles, only the nearest in time
MERGE_RATIO = 1.0  # links between two communities at least as strong as inside one: join
MERGE_SIMILARITY = 0.6  # or links this strong on average (reports of one event told alike)
MAX_CANDIDATES = 40
YEAR_PENALTY = 0.0
SEED = 7  # Louvain visits nodes in a seeded random order: the same input gives the same stories


@dataclass
class ClusterParams:
    neighbours: int = NEIGHBOURS
    edge_threshold: float = EDGE_THRESHOLD
    resolution: float = RESOLUTION
    split_modularity: float = SPLIT_MODULARITY
    window_days: int = WINDOW_DAYS
    centroid_terms: int = CENTROID_TERMS
    query_terms: int = QUERY_TERMS
    max_postings: int = MAX_POSTINGS
    common_postings: int = COMMON_POSTINGS
    merge_ratio: float = MERGE_RATIO
    merge_similarity: float = MERGE_SIMILARITY
    max_candidates: int = MAX_CANDIDATES
    year_penalty: float = YEAR_PENALTY
    seed: int = SEED


def story_id_for(first_article_id: str) -> str:
    return "s" + hashlib.sha256(first_article_id.encode("utf-8")).hexdigest()[:12]


def near_any(days: Sequence[int], day: int, window: int) -> bool:
    """Is ``day`` within ``window`` days of one of ``days`` (sorted day ordinals)?"""
    at = bisect.bisect_left(days, day)  # only the nearest days on either side can be close
    return any(abs(days[k] - day) <= window for k in (at - 1, at) if 0 <= k < len(days))


def _top_terms(vec: Vector, n: int) -> list[tuple[str, float]]:
    return heapq.nlargest(n, vec.items(), key=lambda kv: kv[1])


def _induced(graph: nx.Graph, nodes: set[str], order: Mapping[str, int]) -> nx.Graph:
    """The subgraph on ``nodes``, built in ``order`` (a networkx view would iterate the set, whose
    order changes from run to run with string hashing, and Louvain depends on node order)."""
    ordered = sorted(nodes, key=order.__getitem__)
    sub = nx.Graph()
    sub.add_nodes_from(ordered)
    for u in ordered:
        for v, data in graph.adj[u].items():
            if v in nodes and order[u] < order[v]:
                sub.add_edge(u, v, weight=data["weight"])
    return sub


class StoryClusterer:
    """Holds the stories seen so far; :meth:`add_batch` adds a batch of new articles to them."""

    def __init__(self, params: ClusterParams | None = None) -> None:
        self.params = params or ClusterParams()
        self.stats = TermStats()
        self._stories: dict[str, list[str]] = {}  # story id -> members, existing stories first
        self._story_of: dict[str, str] = {}
        self._vectors: dict[str, Vector] = {}  # of every member whose vector is known
        self._dates: dict[str, date | None] = {}
        self._years: dict[str, Years] = {}
        self.reserved: set[str] = set()  # ids of stories kept elsewhere: a new story never takes one

    def seed(
        self,
        story: Story,
        vectors: Mapping[str, Vector],
        dates: Mapping[str, date | None] | None = None,
        years: Mapping[str, Years] | None = None,
    ) -> None:
        """Register an existing story. ``vectors`` holds those of its members that are known
        (a member without one stays in the story whatever happens). A member already in an
        earlier story stays there."""
        members = [aid for aid in dict.fromkeys(story.article_ids) if aid not in self._story_of]
        self._stories[story.story_id] = members
        for aid in members:
            self._story_of[aid] = story.story_id
            if aid in vectors:
                self._remember(aid, vectors[aid], (dates or {}).get(aid), (years or {}).get(aid, _NO_YEARS))

    def _remember(self, aid: str, vec: Vector, when: date | None, years: Years) -> None:
        self._vectors[aid] = vec
        self._dates[aid] = when
        self._years[aid] = years

    def add_batch(
        self,
        ids: Sequence[str],
        vectors: Mapping[str, Vector],
        dates: Mapping[str, date | None],
        years: Mapping[str, Years] | None = None,
    ) -> None:
        """Cluster the articles of ``ids`` that are in no story yet, with the members of the
        existing stories that lie within the time window of the batch.

        Those members take part in the cut: a community keeps the id of the existing story most
        of its members come from, and may gain or lose recent members; members outside the
        window, and members of which only ``vectors`` (not ``ids``) is known, never move.
        """
        years = years or {}
        for aid in ids:  # members passed again: their vectors and dates as given now
            if aid in self._story_of and aid in vectors:
                self._remember(aid, vectors[aid], dates.get(aid), years.get(aid, _NO_YEARS))
        present = set(ids)
        new = [aid for aid in dict.fromkeys(ids) if aid not in self._story_of]
        if not new:
            return
        for aid in new:
            self._remember(aid, vectors[aid], dates.get(aid), years.get(aid, _NO_YEARS))
        nodes = sorted({*self._context(new), *new}, key=self._order_key)
        graph = self._neighbour_graph(nodes)
        communities = self._merge_close(self._communities(graph), graph)
        self._assign(communities, present | set(new), graph)

    def _order_key(self, aid: str) -> tuple[date, str]:
        """Time order, then article id (a hash of the text): independent of input order."""
        return (self._dates.get(aid) or date.max, aid)

    def _context(self, new: list[str]) -> list[str]:
        """Members of existing stories close enough in time to the batch to share a story.

        The window is taken from the batch's dated articles; a batch with none is placed among
        the most recent stories. Undated members are always in the context.
        """
        window = self.params.window_days
        known = sorted(d.toordinal() for aid in new if (d := self._dates.get(aid)) is not None)
        if not known:
            stored = [d for aid, d in self._dates.items() if d is not None and aid in self._story_of]
            known = [max(stored).toordinal()] if stored else []
        out = []
        for aid in self._vectors:
            if aid not in self._story_of:
                continue
            d = self._dates.get(aid)
            if d is None or not known:
                out.append(aid)  # undated: it may belong anywhere
                continue
            if near_any(known, d.toordinal(), window):
                out.append(aid)
        return out

    def _neighbour_graph(self, ids: list[str]) -> nx.Graph:
        """Each article linked to its nearest neighbours (``ids`` in time order)."""
        p = self.params
        vectors, years = self._vectors, self._years
        days = [d.toordinal() if (d := self._dates.get(aid)) is not None else None for aid in ids]
        postings: dict[str, list[int]] = defaultdict(list)
        queries = [_top_terms(vectors[aid], p.query_terms) for aid in ids]
        for i, query in enumerate(queries):
            for t, _ in query:
                postings[t].append(i)
        graph = nx.Graph()
        graph.add_nodes_from(ids)
        for i, aid in enumerate(ids):
            overlap: dict[int, float] = defaultdict(float)
            day = days[i]
            for t, w in queries[i]:
                plist = postings[t]
                if len(plist) > p.max_postings:
                    # a common term: only the articles nearest in time that share it
                    at = bisect.bisect_left(plist, i)
                    half = p.common_postings // 2
                    plist = plist[max(0, at - half) : at + half + 1]
                for j in plist:
                    if j == i:
                        continue
                    when = days[j]
                    if day is not None and when is not None and abs(day - when) > p.window_days:
                        continue
                    overlap[j] += w
            vec, ys = vectors[aid], years.get(aid, _NO_YEARS)
            scored = []
            for j, _ in heapq.nlargest(p.max_candidates, overlap.items(), key=lambda kv: kv[1]):
                other = ids[j]
                sim = cosine(vec, vectors[other])
                oys = years.get(other, _NO_YEARS)
                if ys and oys and not ys & oys:
                    sim -= p.year_penalty
                if sim >= p.edge_threshold:
                    scored.append((sim, j))
            for sim, j in heapq.nlargest(p.neighbours, scored):
                graph.add_edge(aid, ids[j], weight=sim)
        return graph

    def _merge_close(self, communities: list[list[str]], graph: nx.Graph) -> list[list[str]]:
        """Join linked communities whose links to each other are on average as strong as the
        links inside one of them (times ``merge_ratio``): modularity cuts a large story that
        has no inner divide into arbitrary parts, while two similar events are joined by weaker
        links than their own reports are."""
        if len(communities) < 2:
            return communities
        community_of = {aid: n for n, c in enumerate(communities) for aid in c}
        inner = [[0.0, 0] for _ in communities]
        cross: dict[tuple[int, int], list[float]] = {}
        for u, v, w in graph.edges(data="weight"):
            a, b = community_of[u], community_of[v]
            acc = inner[a] if a == b else cross.setdefault((min(a, b), max(a, b)), [0.0, 0])
            acc[0] += w
            acc[1] += 1
        parent = list(range(len(communities)))

        def root(x: int) -> int:
            while parent[x] != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        for (a, b), (total, n) in sorted(cross.items()):
            means = [inner[c][0] / inner[c][1] for c in (a, b) if inner[c][1]]
            mean = total / n
            if means and (
                mean >= self.params.merge_ratio * min(means) or mean >= self.params.merge_similarity
            ):
                ra, rb = root(a), root(b)
                parent[max(ra, rb)] = min(ra, rb)
        merged: dict[int, list[str]] = {}
        for n, c in enumerate(communities):
            merged.setdefault(root(n), []).extend(c)
        order = {aid: n for n, aid in enumerate(graph.nodes)}
        return sorted((sorted(c, key=order.__getitem__) for c in merged.values()), key=lambda c: order[c[0]])

    def _communities(self, graph: nx.Graph) -> list[list[str]]:
        """Communities of ``graph``, each in node order, in the order of their first node."""
        p = self.params
        order = {aid: n for n, aid in enumerate(graph.nodes)}
        out: list[list[str]] = []
        for component in nx.connected_components(graph):
            if len(component) < 3:
                out.append(list(component))
                continue
            sub = _induced(graph, component, order)
            for part in nx.community.louvain_communities(
                sub, weight="weight", resolution=p.resolution, seed=p.seed
            ):
                self._split(graph, part, order, out)
        ordered = [sorted(c, key=order.__getitem__) for c in out]
        return sorted(ordered, key=lambda c: order[c[0]])

    def _split(
        self, graph: nx.Graph, nodes: set[str], order: Mapping[str, int], out: list[list[str]]
    ) -> None:
        """Cut ``nodes`` again while the cut is clearly two-sided (modularity at the bar)."""
        sub = _induced(graph, nodes, order)
        if len(nodes) >= 4 and sub.number_of_edges() > 0:
            parts = nx.community.louvain_communities(sub, weight="weight", seed=self.params.seed)
            if (
                len(parts) > 1
                and nx.community.modularity(sub, parts, weight="weight") >= self.params.split_modularity
            ):
                for part in parts:
                    self._split(graph, part, order, out)
                return
        out.append(list(nodes))

    def _assign(self, communities: list[list[str]], present: set[str], graph: nx.Graph) -> None:
        """Give each community a story id: that of the existing story with most members in it
        (each id once, largest share first; on a tie, the story its members are linked to most
        strongly inside the community), or a new one."""
        shares = []
        for n, community in enumerate(communities):
            inside = set(community)
            held: Counter[str] = Counter()
            pull: dict[str, float] = defaultdict(float)
            for aid in community:
                sid = self._story_of.get(aid)
                if sid is None:
                    continue
                held[sid] += 1
                for other, edge in graph.adj[aid].items():
                    if other in inside:
                        pull[sid] += edge["weight"]
            shares += [(-count, -pull[sid], n, sid) for sid, count in held.items()]
        claimed: dict[int, str] = {}
        taken: set[str] = set()
        for _, _, n, sid in sorted(shares):
            if n not in claimed and sid not in taken:
                claimed[n] = sid
                taken.add(sid)
        for n, community in enumerate(communities):
            movable = [aid for aid in community if aid not in self._story_of or aid in present]
            if not movable:
                continue
            sid = claimed.get(n) or self._fresh_id(movable)
            members = self._stories.setdefault(sid, [])
            for aid in movable:
                old = self._story_of.get(aid)
                if old == sid:
                    continue
                if old is not None:
                    self._stories[old].remove(aid)
                members.append(aid)
                self._story_of[aid] = sid

    def _fresh_id(self, members: list[str]) -> str:
        """A new story's id, from its first member (stable across runs) unless that is taken."""
        for n in range(len(members) + 1):
            sid = story_id_for(members[0] if n == 0 else f"{members[0]}#{n}")
            if not self._stories.get(sid) and sid not in self.reserved:
                return sid
        raise AssertionError("unreachable")  # pragma: no cover

    def stories(self) -> list[tuple[str, list[str]]]:
        """(story id, member article ids) of every non-empty story."""
        return [(sid, list(members)) for sid, members in self._stories.items() if members]


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
    reserved: Iterable[str] = (),
) -> list[tuple[str, list[str]]]:
    """Group articles into stories; returns (story id, article ids) pairs.

    The articles in no ``existing`` story are new; they are cut into stories with the members
    of existing stories that are passed in ``articles`` and lie within the time window (which
    may move between stories); other members stay where they are. ``reserved``: ids of stories
    kept outside this call, which no new story may take.
    """
    clusterer = StoryClusterer(params)
    clusterer.reserved.update(reserved)
    analyses = analyses or {}
    vectors = vectorise(articles, analyses, clusterer.stats, clusterer.params.centroid_terms)
    dates = {a.article_id: a.published for a in articles}
    years = {a.article_id: article_years(a) for a in articles}
    known = {a.article_id for a in articles}
    owned: set[str] = set()
    for story in existing:
        # members not among ``articles`` are represented by the story's title
        missing = [aid for aid in story.article_ids if aid not in known and aid not in owned]
        owned.update(story.article_ids)
        vecs = {aid: vectors[aid] for aid in story.article_ids if aid in vectors}
        if missing and story.title:
            tf = article_terms(Article(article_id="_", source="_", text=story.title, title=story.title))
            clusterer.stats.add(tf.keys(), weight=len(missing))
            if not vecs:
                vecs[missing[0]] = tfidf(tf, clusterer.stats)
        clusterer.seed(story, vecs, dates, years)
    clusterer.add_batch([a.article_id for a in articles], vectors, dates, years)
    return clusterer.stories()

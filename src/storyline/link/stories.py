"""Incremental story clustering: average-link agglomeration over a sparse neighbour graph.

Each article is a TF-IDF vector (:mod:`storyline.link.terms`). A batch of new articles is
clustered together with the members of existing stories that lie within ``window_days`` of it
(the *context*), in three steps:

1. **Candidates.** Each article is linked to its ``neighbours`` most similar articles within
   ``window_days``. Candidates come from an inverted index over each article's heaviest
   terms; of a term found in more than ``max_postings`` articles only the ``common_postings``
   nearest in time are looked at, and only the ``max_candidates`` best are compared, so no
   article is compared with the whole corpus. A link's strength is the cosine less a time
   penalty (:func:`link_similarity`): ``time_weight`` times log2(1 + gap / ``time_scale_days``),
   the gap in days counted up to ``time_cap_days``: reports of one event come close together,
   and two similar events (two arrests of one person, two votes on one bill) are told apart
   by their dates. The links only say which groups may be joined; the graph is cut into
   communities (Louvain), and a join never crosses two of them.
2. **Average-link agglomeration.** Starting from single articles (and the groups a user put
   together), the two linked groups whose members are on average the most similar are joined,
   again and again, while that average reaches ``link_threshold``. The average of all member
   pairs is exact and cheap: the cosine of normalised vectors is a dot product, so it is the
   dot product of the two groups' vector sums over the product of their sizes. A story's
   members must be mutually close, not merely chained: one report that resembles two stories
   does not glue them together. Groups the user split apart are never joined.
3. **Story ids.** A group keeps the id of the existing story most of its members come from
   (each id once, the largest share first) and is a new story otherwise. So a new batch joins
   the stories it belongs to, and a recent story made from too few articles is cut again once
   more reports arrive. Members outside the window, and members whose articles were not
   passed, never move: older stories are final, and the corpus is never re-clustered whole.

The joins are taken best first with ties broken by time and article id order, so the same
input gives the same stories whatever its order; a batch added to stories within its window
gives the stories one batch of everything would.

Cost: each article looks at most ``query_terms`` x ``max_postings`` postings and computes
``max_candidates`` cosines; each join recomputes the averages with the joined groups' linked
neighbours only: time and memory grow linearly with the batch and its context.
"""

from __future__ import annotations

import bisect
import hashlib
import heapq
import math
from collections import Counter, defaultdict
from collections.abc import Container, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
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
from storyline.settings import LinkSettings

Years = frozenset[int]
_NO_YEARS: Years = frozenset()
ClusterParams = LinkSettings  # the clustering parameters are the ``[link]`` settings
CENTROID_TERMS = LinkSettings().centroid_terms
WINDOW_DAYS = LinkSettings().window_days
Edges = dict[tuple[str, str], float]


@dataclass
class Constraints:
    """What a user decided: groups of articles kept together, pairs of groups kept apart."""

    together: list[frozenset[str]] = field(default_factory=list)
    apart: list[tuple[frozenset[str], frozenset[str]]] = field(default_factory=list)
    # article -> the story it cannot leave: groups held in two different stories never join
    anchors: dict[str, str] = field(default_factory=dict)


def story_id_for(first_article_id: str) -> str:
    return "s" + hashlib.sha256(first_article_id.encode("utf-8")).hexdigest()[:12]


def near_any(days: Sequence[int], day: int, window: int) -> bool:
    """Is ``day`` within ``window`` days of one of ``days`` (sorted day ordinals)?"""
    at = bisect.bisect_left(days, day)  # only the nearest days on either side can be close
    return any(abs(days[k] - day) <= window for k in (at - 1, at) if 0 <= k < len(days))


def _top_terms(vec: Vector, n: int) -> list[tuple[str, float]]:
    return heapq.nlargest(n, vec.items(), key=lambda kv: kv[1])


def time_penalty(gap_days: float, params: LinkSettings) -> float:
    """What ``gap_days`` between two dated reports takes off their link: ``time_weight``
    times log2(1 + gap / ``time_scale_days``), the gap counted up to ``time_cap_days``."""
    if gap_days <= 0 or params.time_weight <= 0:
        return 0.0
    gap = min(gap_days, params.time_cap_days)
    return params.time_weight * math.log2(1.0 + gap / max(params.time_scale_days, 1e-9))


def link_similarity(
    a: Mapping[str, float],
    b: Mapping[str, float],
    days: tuple[int | None, int | None],
    years: tuple[Years, Years],
    params: LinkSettings,
) -> float:
    """The strength of a link between two articles: the cosine of their vectors, less the
    year penalty when they name different years and the time penalty of their gap in days."""
    sim = cosine(a, b)
    if years[0] and years[1] and not years[0] & years[1]:
        sim -= params.year_penalty
    if days[0] is not None and days[1] is not None:
        sim -= time_penalty(abs(days[0] - days[1]), params)
    return sim


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


@dataclass
class _Group:
    members: list[int]
    total: dict[str, float]  # the sum of the members' vectors
    days: list[int]  # sorted day ordinals of the dated members
    years: set[int]
    marks: set[int]  # user groups (together) it holds: two marked apart never join
    anchor: str | None = None  # the story its fixed members are held in
    community: int | None = None
    version: int = 0

    def cohesion(self) -> float | None:
        """The average similarity of the member pairs (None for one member)."""
        n = len(self.members)
        if n < 2:
            return None
        return (self.norm() ** 2 - n) / (n * (n - 1))

    def norm(self) -> float:
        return math.sqrt(sum(v * v for v in self.total.values()))


def _nearest_gap(a: Sequence[int], b: Sequence[int]) -> int | None:
    """Days between the closest dates of two sorted lists (None when one is empty)."""
    if not a or not b:
        return None
    if len(a) > len(b):
        a, b = b, a
    best = None
    for d in a:
        at = bisect.bisect_left(b, d)
        for k in (at - 1, at):
            if 0 <= k < len(b):
                gap = abs(b[k] - d)
                best = gap if best is None or gap < best else best
    return best


def _add_into(total: dict[str, float], vec: Mapping[str, float]) -> None:
    for t, v in vec.items():
        total[t] = total.get(t, 0.0) + v


def agglomerate(
    ids: Sequence[str],
    vectors: Mapping[str, Vector],
    days: Sequence[int | None],
    years: Sequence[Years],
    edges: Iterable[tuple[int, int]],
    params: LinkSettings,
    constraints: Constraints | None = None,
    community: Sequence[int] | None = None,
) -> list[list[int]]:
    """Average-link agglomeration of ``ids`` (in time order) over the linked pairs ``edges``;
    returns groups of positions, each in order, in the order of their first member. With
    ``community`` (a label per position), only groups of one community are joined."""
    constraints = constraints or Constraints()
    position = {aid: n for n, aid in enumerate(ids)}
    mark_of: dict[int, int] = {}
    first_of: dict[int, int] = {}
    for m, group in enumerate(constraints.together):
        for aid in group:
            pos = position.get(aid)
            if pos is not None and pos not in mark_of:
                mark_of[pos] = m
                first_of[m] = min(first_of.get(m, pos), pos)
    banned: dict[int, set[int]] = defaultdict(set)
    marks = {frozenset(g): m for m, g in enumerate(constraints.together)}
    for left, right in constraints.apart:
        ma, mb = marks.get(left), marks.get(right)
        if ma is not None and mb is not None:
            banned[ma].add(mb)
            banned[mb].add(ma)

    groups: dict[int, _Group] = {}
    root: dict[int, int] = {}
    for n, aid in enumerate(ids):
        mark = mark_of.get(n)
        key = n if mark is None else first_of[mark]
        root[n] = key
        g = groups.get(key)
        if g is None:
            g = groups[key] = _Group([], {}, [], set(), set() if mark is None else {mark})
        g.members.append(n)
        g.anchor = g.anchor or constraints.anchors.get(aid)
        if community is not None and g.community is None:
            g.community = community[n]
        _add_into(g.total, vectors[aid])
        day = days[n]
        if day is not None:
            bisect.insort(g.days, day)
        g.years.update(years[n])
    neighbours: dict[int, set[int]] = defaultdict(set)
    for i, j in edges:
        a, b = root[i], root[j]
        if a != b:
            neighbours[a].add(b)
            neighbours[b].add(a)

    def score(a: int, b: int) -> float | None:
        ga, gb = groups[a], groups[b]
        if ga.anchor is not None and gb.anchor is not None and ga.anchor != gb.anchor:
            return None
        if ga.community != gb.community:
            return None
        if any(banned.get(m, set()) & gb.marks for m in ga.marks):
            return None
        small, big = (ga.total, gb.total) if len(ga.total) <= len(gb.total) else (gb.total, ga.total)
        dot = sum(v * big.get(t, 0.0) for t, v in small.items())
        sim = dot / (len(ga.members) * len(gb.members))
        gap = _nearest_gap(ga.days, gb.days)
        if gap is not None and gap > params.window_days:
            return None
        if params.year_penalty and ga.years and gb.years and not ga.years & gb.years:
            sim -= params.year_penalty
        return sim

    heap: list[tuple[float, int, int, int, int]] = []

    def push(a: int, b: int) -> None:
        a, b = min(a, b), max(a, b)
        s = score(a, b)
        if s is not None and s >= params.link_threshold:
            heapq.heappush(heap, (-round(s, 12), a, b, groups[a].version, groups[b].version))

    for a in sorted(neighbours):
        for b in sorted(neighbours[a]):
            if a < b:
                push(a, b)
    while heap:
        _, a, b, va, vb = heapq.heappop(heap)
        if a not in groups or b not in groups or groups[a].version != va or groups[b].version != vb:
            continue  # one of them has changed since: its averages were pushed again
        ga, gb = groups[a], groups.pop(b)
        ga.members = sorted(ga.members + gb.members)
        _add_into(ga.total, gb.total)
        for d in gb.days:
            bisect.insort(ga.days, d)
        ga.years |= gb.years
        ga.marks |= gb.marks
        ga.anchor = ga.anchor or gb.anchor
        ga.version += 1
        joined = (neighbours.pop(a, set()) | neighbours.pop(b, set())) - {a, b}
        for c in joined:
            neighbours[c].discard(b)
            neighbours[c].add(a)
        neighbours[a] = joined
        for c in sorted(joined):
            push(a, c)
    return [groups[k].members for k in sorted(groups)]


class StoryClusterer:
    """Holds the stories seen so far; :meth:`add_batch` adds a batch of new articles to them."""

    def __init__(self, params: LinkSettings | None = None) -> None:
        self.params = params or LinkSettings()
        self.stats = TermStats()
        self.constraints = Constraints()
        self._stories: dict[str, list[str]] = {}  # story id -> members, existing stories first
        self._story_of: dict[str, str] = {}
        self._vectors: dict[str, Vector] = {}  # of every member whose vector is known
        self._dates: dict[str, date | None] = {}
        self._years: dict[str, Years] = {}
        self.reserved: Container[str] = set()  # ids of stories kept elsewhere: never taken anew
        self.edges: Edges = {}  # the candidate links of the last batch, with their cosines

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

        Those members take part in the cut: a group keeps the id of the existing story most
        of its members come from, and may gain or lose recent members; members outside the
        window, and members of which only ``vectors`` (not ``ids``) is known, never move.
        """
        years = years or {}
        for aid in ids:  # members passed again: their vectors and dates as given now
            if aid in self._story_of and aid in vectors:
                self._remember(aid, vectors[aid], dates.get(aid), years.get(aid, _NO_YEARS))
        present = set(ids)
        new = [aid for aid in dict.fromkeys(ids) if aid not in self._story_of]
        if not new and not any(g & present for g in self.constraints.together):
            return  # nothing new, and no decision of the user's to apply: nothing to cut
        for aid in new:
            self._remember(aid, vectors[aid], dates.get(aid), years.get(aid, _NO_YEARS))
        nodes = sorted({*self._context(new or list(present)), *new}, key=self._order_key)
        movable = present | set(new)
        constraints = self._pinned(nodes, movable)
        days = [d.toordinal() if (d := self._dates.get(aid)) is not None else None for aid in nodes]
        graph = self._neighbour_graph(nodes)
        communities = self._merge_close(self._communities(graph), graph)
        community = {aid: n for n, c in enumerate(communities) for aid in c}
        position = {aid: n for n, aid in enumerate(nodes)}
        self.edges = {
            (u, v) if position[u] < position[v] else (v, u): w for u, v, w in graph.edges(data="weight")
        }
        groups = agglomerate(
            nodes,
            self._vectors,
            days,
            [self._years.get(aid, _NO_YEARS) for aid in nodes],
            [(position[u], position[v]) for u, v in self.edges],
            self.params,
            constraints,
            [community[aid] for aid in nodes],
        )
        self._assign([[nodes[i] for i in g] for g in groups], movable)

    def _pinned(self, nodes: Sequence[str], movable: set[str]) -> Constraints:
        """The user's constraints, plus: the members of a story that cannot move (outside the
        window, or not passed) hold their story's movable members together with them."""
        together = list(self.constraints.together)
        fixed: dict[str, list[str]] = defaultdict(list)
        for aid in nodes:
            sid = self._story_of.get(aid)
            if sid is not None and aid not in movable:
                fixed[sid].append(aid)
        for sid in sorted(fixed):
            together.append(frozenset(fixed[sid]))
        anchors = {aid: sid for sid, members in fixed.items() for aid in members}
        return Constraints(together, list(self.constraints.apart), anchors)

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
                sim = link_similarity(
                    vec, vectors[other], (day, days[j]), (ys, years.get(other, _NO_YEARS)), p
                )
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

    def _assign(self, communities: list[list[str]], present: set[str]) -> None:
        """Give each group a story id: that of the existing story with most members in it
        (each id once, largest share first; on a tie, the story its members are linked to most
        strongly inside the group), or a new one."""
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
            for (u, v), w in self.edges.items():
                if u in inside and v in inside:
                    for x in (u, v):
                        sid = self._story_of.get(x)
                        if sid is not None:
                            pull[sid] += w
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
    params: LinkSettings | None = None,
    reserved: Container[str] = (),
    constraints: Constraints | None = None,
) -> list[tuple[str, list[str]]]:
    """Group articles into stories; returns (story id, article ids) pairs.

    The articles in no ``existing`` story are new; they are cut into stories with the members
    of existing stories that are passed in ``articles`` and lie within the time window (which
    may move between stories); other members stay where they are. ``reserved``: ids of stories
    kept outside this call, which no new story may take. ``constraints``: the user's decisions.
    """
    return cluster_with_vectors(
        articles, analyses, existing=existing, params=params, reserved=reserved, constraints=constraints
    )[0]


def cluster_with_vectors(
    articles: Sequence[Article],
    analyses: Mapping[str, ArticleAnalysis] | None = None,
    *,
    existing: Sequence[Story] = (),
    params: LinkSettings | None = None,
    reserved: Container[str] = (),
    constraints: Constraints | None = None,
) -> tuple[list[tuple[str, list[str]]], dict[str, Vector]]:
    """:func:`cluster_articles`, and the articles' vectors (to explain the stories with)."""
    clusterer = StoryClusterer(params)
    clusterer.reserved = reserved
    if constraints is not None:
        clusterer.constraints = constraints
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
    return clusterer.stories(), vectors

"""The actor clusters of one article and lookups over them (shared by the clustering stages).

A :class:`Cluster` is an actor while it is being built: its mentions, forms, roles and role
keys. :func:`cluster_at` finds the cluster a span falls in; :func:`find_or_add` returns the
cluster of a given type and name, creating it when the article has none yet.
"""

from __future__ import annotations

import bisect
from collections import Counter
from dataclasses import dataclass, field

from storyline.nlp.actors.gazetteer import Gazetteer, Office, fold
from storyline.nlp.actors.names import role_keys
from storyline.nlp.vocabulary import Vocabulary

__all__ = ["Cluster", "cluster_at", "find_or_add"]


@dataclass
class Cluster:
    type: str
    name: str
    mentions: list[tuple[int, int]] = field(default_factory=list)
    forms: Counter[str] = field(default_factory=Counter)
    roles: list[str] = field(default_factory=list)
    keys: set[str] = field(default_factory=set)
    country: str | None = None
    aliases: set[str] = field(default_factory=set)
    first: str | None = None
    last: str | None = None
    offices: list[Office] = field(default_factory=list)
    gazetteer_name: bool = False
    given: set[str] = field(default_factory=set)  # folded given names of its full forms

    def add_role(self, role: str, titles: Vocabulary, gaz: Gazetteer) -> None:
        if role and role not in self.roles:
            self.roles.append(role)
        if role and role not in titles.honorifics:
            self.keys |= role_keys(role, titles, gaz)

    def first_start(self) -> int:
        return min((s for s, _ in self.mentions), default=0)


def cluster_at(clusters: list[Cluster], s: int, e: int, types: set[str] | None = None) -> Cluster | None:
    """The cluster with a mention overlapping ``s:e`` the most (of ``types`` if given)."""
    return _index_for(clusters).find(s, e, types)


class _MentionIndex:
    """Mentions sorted by start; clusters only ever gain mentions while it is in use."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.items: list[tuple[int, int, Cluster]] = []
        self.counts: dict[int, int] = {}
        self.maxlen = 0

    def sync(self, clusters: list[Cluster]) -> None:
        for c in clusters:
            n = self.counts.get(id(c), 0)
            if len(c.mentions) <= n:
                continue
            for ms, me in c.mentions[n:]:
                i = bisect.bisect_left(self.starts, ms)
                self.starts.insert(i, ms)
                self.items.insert(i, (ms, me, c))
                self.maxlen = max(self.maxlen, me - ms)
            self.counts[id(c)] = len(c.mentions)

    def find(self, s: int, e: int, types: set[str] | None) -> Cluster | None:
        best: tuple[int, Cluster] | None = None
        j = bisect.bisect_left(self.starts, e) - 1
        while j >= 0 and self.starts[j] >= s - self.maxlen:
            ms, me, c = self.items[j]
            overlap = min(me, e) - max(ms, s)
            wanted = types is None or c.type in types
            if overlap > 0 and wanted and (best is None or overlap >= best[0]):
                best = (overlap, c)
            j -= 1
        return best[1] if best is not None else None


_INDEXES: dict[int, tuple[list[Cluster], _MentionIndex]] = {}


def _index_for(clusters: list[Cluster]) -> _MentionIndex:
    hit = _INDEXES.get(id(clusters))
    if hit is None or hit[0] is not clusters:
        if len(_INDEXES) >= 8:
            _INDEXES.pop(next(iter(_INDEXES)))
        hit = (clusters, _MentionIndex())
        _INDEXES[id(clusters)] = hit
    hit[1].sync(clusters)
    return hit[1]


def find_or_add(clusters: list[Cluster], type_: str, name: str, country: str | None) -> Cluster:
    for c in clusters:
        if c.type == type_ and fold(c.name) == fold(name):
            return c
    c = Cluster(type_, name, country=country)
    clusters.append(c)
    return c

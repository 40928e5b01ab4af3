"""Near-duplicate and syndicated copies, found with MinHash and LSH (no all-pairs comparison).

Each article's clean text becomes a set of word shingles; LSH buckets bring together the
articles whose estimated Jaccard similarity may reach ``threshold``, and only those candidates
are compared. A group of copies is represented by its original: the earliest article by
publication date; among articles of the same day, one whose outlet another member names (a
syndicated copy credits its source, "distributed by ...", often in a line cleaning removed, so
the text before cleaning is searched), then a news agency (agencies are what outlets
syndicate), then the first in input order. Every other member maps
to it, and counts as the same independent source.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Sequence
from datetime import date

from datasketch import MinHash, MinHashLSH

from storyline.models import Article

THRESHOLD = 0.7
NUM_PERM = 64
SHINGLE = 5
MAX_CHARS = 50_000  # a copy is a copy in its first pages already
MIN_WORDS = 8  # too short to call anything a copy

_WORD = re.compile(r"\w+", re.UNICODE)


def shingles(text: str, k: int = SHINGLE) -> set[bytes]:
    toks = [t.lower() for t in _WORD.findall(text[:MAX_CHARS])]
    if len(toks) < k:
        return {" ".join(toks).encode("utf-8")} if toks else set()
    return {" ".join(toks[i : i + k]).encode("utf-8") for i in range(len(toks) - k + 1)}


_TEMPLATE = MinHash(num_perm=NUM_PERM, seed=7, hashfunc=zlib.crc32)


def _signature(sh: set[bytes]) -> MinHash:
    # crc32 is a fast, stable 32-bit hash; the permutations are drawn once and shared
    m = MinHash(
        num_perm=NUM_PERM, hashfunc=zlib.crc32, permutations=_TEMPLATE.permutations, scheme=_TEMPLATE.scheme
    )
    m.update_batch(list(sh))
    return m


def find_duplicates(articles: Sequence[Article], *, threshold: float = THRESHOLD) -> dict[str, str]:
    """Map each copy's article id to the id of the original it copies."""
    lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
    order = sorted(range(len(articles)), key=lambda i: (articles[i].published or date.max, i))
    parent: dict[str, str] = {}

    def root(x: str) -> str:
        while parent.get(x, x) != x:
            x = parent[x]
        return x

    sigs: dict[str, MinHash] = {}
    for i in order:
        art = articles[i]
        aid = art.article_id
        if aid in sigs:
            continue
        sh = shingles(art.text)
        if len(sh) < MIN_WORDS:
            continue
        sig = _signature(sh)
        for other in lsh.query(sig):
            if sig.jaccard(sigs[other]) >= threshold:
                ra, ro = root(aid), root(other)
                if ra != ro:
                    parent[ra] = ro  # the earlier article stays the root
                break
        lsh.insert(aid, sig)
        sigs[aid] = sig
    groups: dict[str, list[int]] = {}
    index = {a.article_id: i for i, a in reversed(list(enumerate(articles)))}
    for aid in parent:
        groups.setdefault(root(aid), []).append(index[aid])
    out: dict[str, str] = {}
    for r, members in groups.items():
        members = sorted({index[r], *members})
        original = articles[min(members, key=lambda i: _original_rank(articles, members, i))].article_id
        out.update({articles[i].article_id: original for i in members if articles[i].article_id != original})
    return out


MIN_OUTLET_CHARS = 4


_AGENCY = re.compile(
    r"\b(?:agency|agence|agenzia|wire|press association|news service)\b"
    r"|^(?:reuters|ap|afp|dpa|efe|ansa|upi|pa media|xinhua|kyodo|tass|anadolu)$",
    re.IGNORECASE,
)


def _original_rank(articles: Sequence[Article], members: list[int], i: int) -> tuple[date, int, int, int]:
    """Sort key of a group member: the original comes first."""
    art = articles[i]
    outlet = (art.outlet or "").strip().lower()
    credited = len(outlet) >= MIN_OUTLET_CHARS and any(
        j != i
        and articles[j].outlet != art.outlet
        and outlet in (articles[j].raw or articles[j].text).lower()
        for j in members
    )
    agency = bool(outlet and _AGENCY.search(outlet))
    return (art.published or date.max, 0 if credited else 1, 0 if agency else 1, i)

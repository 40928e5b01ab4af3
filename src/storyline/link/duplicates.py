"""Near-duplicate and syndicated copies, found with MinHash and LSH (no all-pairs comparison).

Each article's clean text becomes a set of word shingles; LSH buckets bring together the
articles whose estimated Jaccard similarity may reach ``threshold``, and only those candidates
are compared. A group of copies is represented by its original: the earliest article by
publication date; among articles of the same day, one whose outlet another member names (a
syndicated copy credits its source, "distributed by ...", often in a line cleaning removed, so
the text before cleaning is searched; or its wire dateline names the source, "TOWN (MPA) —",
by name or initials), then a news agency (agencies are what outlets
syndicate), then by article id (a hash of the text: not input order). Every other member maps
to it, and counts as the same independent source.
"""

from __future__ import annotations

import hashlib
import re
import zlib
from collections.abc import Sequence
from datetime import date
from functools import lru_cache

from datasketch import MinHash, MinHashLSH

from storyline.ingest.credits import wire_dateline
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


def copy_keys(article: Article, *, threshold: float = THRESHOLD) -> list[str]:
    """The LSH band keys of an article: two articles whose estimated Jaccard similarity may
    reach ``threshold`` share at least one (a store keeps them, to find a new article's copies
    among all it holds without reading them). None for a text too short to call a copy."""
    sh = shingles(article.text)
    if len(sh) < MIN_WORDS:
        return []
    sig = _signature(sh)
    bands, rows = _bands(threshold)
    values = sig.hashvalues
    return [
        f"{band}:"
        + hashlib.blake2b(values[band * rows : (band + 1) * rows].tobytes(), digest_size=8).hexdigest()
        for band in range(bands)
    ]


@lru_cache(maxsize=8)
def _bands(threshold: float) -> tuple[int, int]:
    lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
    return int(lsh.b), int(lsh.r)


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
        group = [articles[i] for i in members]
        credited = _credited(group)
        original = min(range(len(group)), key=lambda n: _original_rank(group[n], n in credited))
        out.update({a.article_id: group[original].article_id for n, a in enumerate(group) if n != original})
    return out


MAX_CREDITS = 50  # credit phrases read per article end
CREDIT_CHARS = 3_000  # how far into the head and the end of a page credits are looked for
_CREDIT = re.compile(
    r"(?:distributed|syndicated|supplied|provided|reprinted|republished|reproduced)\s+(?:by|from)"
    r"|(?:originally|first)\s+(?:published|appeared)\s+(?:by|in|on)"
    r"|courtesy\s+of|copyright|\(c\)|©|\bvia\b|\bsource:",
    re.IGNORECASE,
)
_NAME_WORD = re.compile(r"[^\W_](?:[\w&'’.-]*[\w&])?")  # no trailing dot, quote or dash
_YEAR_OR_MARK = re.compile(r"^(?:(?:19|20)\d\d|c|all|rights|reserved)$")

_AGENCY = re.compile(
    r"\b(?:agency|agence|agenzia|wire|press association|news service)\b"
    r"|^(?:reuters|ap|afp|dpa|efe|ansa|upi|pa media|xinhua|kyodo|tass|anadolu)$",
    re.IGNORECASE,
)


def _name_words(text: str) -> list[str]:
    """The words of a name, lower-cased, without a leading "the"."""
    words = [w.lower() for w in _NAME_WORD.findall(text)]
    return words[1:] if words[:1] == ["the"] else words


def _outlet_key(name: str) -> str:
    return " ".join(_name_words(name))


def _credited(group: Sequence[Article]) -> set[int]:
    """Members whose outlet another member (of another outlet) credits: "distributed by X",
    "via X", "© X". The head and the end of the text before cleaning are read, where credit
    lines are (and cleaning often removes them)."""
    outlets: dict[str, list[int]] = {}
    for n, a in enumerate(group):
        key = _outlet_key(a.outlet or "")
        if key:
            outlets.setdefault(key, []).append(n)
    longest = max((len(k.split()) for k in outlets), default=0)
    initials: dict[str, list[int]] = {}
    for key, members in outlets.items():
        if len(key.split()) > 1:
            initials.setdefault("".join(w[0] for w in key.split()), []).extend(members)
    out: set[int] = set()
    for a in group:
        raw = a.raw or a.text
        own = _outlet_key(a.outlet or "")
        wire = wire_dateline(a.text)
        if wire is not None and wire.outlet:  # "TOWN (Some Wire) —": the wire wrote it
            key = _outlet_key(wire.outlet)
            if key != own:
                out.update(outlets.get(key, ()) or initials.get(key.replace(" ", ""), ()))
        for text in {raw[:CREDIT_CHARS], raw[-CREDIT_CHARS:]}:  # credit lines head or end a page
            for k, m in enumerate(_CREDIT.finditer(text)):
                if k >= MAX_CREDITS:
                    break
                # "Copyright 2031 Echo Post", "© (c) The Echo Post": a year or mark may come first
                words = [w for w in _name_words(text[m.end() : m.end() + 120]) if not _YEAR_OR_MARK.match(w)]
                words = _name_words(" ".join(words))[:longest]
                for size in range(1, len(words) + 1):
                    name = " ".join(words[:size])
                    if name != own:
                        out.update(outlets.get(name, ()))
    return out


def _original_rank(art: Article, credited: bool) -> tuple[date, int, int, str]:
    """Sort key of a group member: the original comes first (the article id, a hash of the
    text, settles the rest, so that the choice does not follow input order)."""
    agency = bool(art.outlet and _AGENCY.search(art.outlet.strip()))
    return (art.published or date.max, 0 if credited else 1, 0 if agency else 1, art.article_id)

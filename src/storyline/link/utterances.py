"""The same spoken words as each outlet rendered them.

Quotes from different articles are grouped when their speakers are compatible (the same
corpus actor, or one side unknown) and their words align: at least ``MIN_SHARED`` words in the
same order, covering ``MIN_OVERLAP`` of the shorter quote. Candidates come from an inverted
index over the quotes' rarer words, so a story with many quotes is not compared all-pairs.

Each group gets a canonical text (the longest rendering that is not an outlier in length,
preferring the best supported), and each rendering a relation to it:

- ``verbatim``: the same words (case and punctuation aside);
- ``trimmed``: a contiguous sub-span of the canonical text, most of it;
- ``partial``: a fragment, much shorter than the canonical text (or a quoted fragment);
- ``merged``: contains the canonical words and other words besides;
- ``reworded``: mostly the same words, in a different wording.
"""

from __future__ import annotations

import hashlib
import re
import statistics
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from difflib import SequenceMatcher
from typing import Literal

from rapidfuzz.distance import Indel, LCSseq

from storyline.models import Article, Quote, Rendering, Utterance

Relation = Literal["verbatim", "trimmed", "reworded", "merged", "partial"]

MIN_SHARED = 3
MIN_OVERLAP = 0.6
PARTIAL_RATIO = 0.5  # a rendering under half the canonical length is a fragment
MERGED_RATIO = 1.15  # one this much longer that still holds the canonical words is merged
CANONICAL_OUTLIER = 1.6  # renderings longer than this times the median are not canonical
MAX_POSTINGS = 300
MAX_QUOTE_WORDS = 400

_TOKEN = re.compile(r"[\w'’]+", re.UNICODE)
_COMMON_TEXT = (
    "the a an and or but of to in on at for with by from is are was were be been it its this that "
    "we i you he she they our my your his her their not no will would have has had do does did "
    "as so if than then there here what which who all can could should may"
)
_COMMON = frozenset(_COMMON_TEXT.split())


def tokens(text: str) -> list[str]:
    """Lower-cased words, with curly apostrophes made straight."""
    return [t.lower().replace("’", "'") for t in _TOKEN.findall(text)][:MAX_QUOTE_WORDS]


def word_diff(canonical: str, rendering: str) -> list[tuple[str, str, str]]:
    """Word-level differences: (op, canonical words, rendering words), op as in difflib."""
    a, b = canonical.split(), rendering.split()
    norm_a = [_norm(w) for w in a]
    norm_b = [_norm(w) for w in b]
    out: list[tuple[str, str, str]] = []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, norm_a, norm_b, autojunk=False).get_opcodes():
        out.append((op, " ".join(a[i1:i2]), " ".join(b[j1:j2])))
    return out


def _norm(word: str) -> str:
    return "".join(_TOKEN.findall(word.lower().replace("’", "'")))


@dataclass
class _Alignment:
    matched: int
    blocks: int
    len_a: int
    len_b: int


def _matched(a: Sequence[str], b: Sequence[str]) -> int:
    """Words of ``a`` found in ``b`` in the same order (longest common subsequence)."""
    return int(LCSseq.similarity(a, b))


def _align(a: Sequence[str], b: Sequence[str]) -> _Alignment:
    ops = [op for op in Indel.opcodes(a, b) if op.tag == "equal"]
    matched = sum(op.src_end - op.src_start for op in ops)
    return _Alignment(matched, len(ops), len(a), len(b))


def relation(rendering: Sequence[str], canonical: Sequence[str], kind: str | None = None) -> Relation:
    """How a rendering's words relate to the canonical words."""
    if list(rendering) == list(canonical):
        return "verbatim"
    al = _align(rendering, canonical)
    if not al.len_a or not al.len_b:
        return "reworded"
    cov_r = al.matched / al.len_a  # how much of the rendering is canonical words
    cov_c = al.matched / al.len_b  # how much of the canonical text the rendering holds
    if cov_c >= 0.9 and al.len_a >= MERGED_RATIO * al.len_b:
        return "merged"
    if cov_r >= 0.999 and al.blocks == 1:
        short = al.len_a < PARTIAL_RATIO * al.len_b
        return "partial" if short or kind == "partial" else "trimmed"
    if cov_r >= 0.8 and (al.len_a < PARTIAL_RATIO * al.len_b or kind == "partial"):
        return "partial"
    return "reworded"


def _similar(a: Sequence[str], b: Sequence[str], same_speaker: bool) -> bool:
    """Enough words in the same order; a fragment shorter than MIN_SHARED words needs the
    same known speaker and every one of its words."""
    short = min(len(a), len(b))
    if short == 0:
        return False
    matched = _matched(a, b)
    if short < MIN_SHARED:
        return same_speaker and matched == short
    return matched >= MIN_SHARED and matched / short >= MIN_OVERLAP


def _compatible(x: str | None, y: str | None) -> bool:
    return x is None or y is None or x == y


def _pick_canonical(members: list[int], toks: Mapping[int, list[str]]) -> int:
    lengths = [len(toks[m]) for m in members]
    med = statistics.median(lengths)
    eligible = [m for m in members if len(toks[m]) <= CANONICAL_OUTLIER * med] or members
    support: Counter[int] = Counter()
    for m in eligible:
        for o in members:
            if o != m and _matched(toks[o], toks[m]) >= 0.8 * max(1, len(toks[o])):
                support[m] += 1
    return max(eligible, key=lambda m: (len(toks[m]), support[m], -m))


def group_utterances(
    quotes: Sequence[Quote],
    articles: Mapping[str, Article],
    speaker_key: Callable[[Quote], str | None],
    *,
    speaker_name: Callable[[str | None, Quote], str | None] | None = None,
) -> list[Utterance]:
    """Group quotes of the same words by the same speaker; one Utterance per group."""
    toks = {i: tokens(q.text) for i, q in enumerate(quotes)}
    keys = {i: speaker_key(q) for i, q in enumerate(quotes)}
    # inverted index over rarer words
    df: Counter[str] = Counter()
    for t in toks.values():
        df.update(set(t))
    index: dict[str, list[int]] = defaultdict(list)
    parent = list(range(len(quotes)))
    group_key: dict[int, str | None] = dict(keys)  # a group's speaker (roots only)

    def root(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i in range(len(quotes)):
        if not toks[i]:
            continue
        words = {w for w in toks[i] if w not in _COMMON} or set(toks[i])
        ranked = sorted(words, key=lambda w: (df[w], w))[:8]
        cands: set[int] = set()
        for w in ranked:
            cands.update(index[w][-MAX_POSTINGS:])
        for j in sorted(cands):
            ri, rj = root(i), root(j)
            if ri == rj or not _compatible(group_key[ri], group_key[rj]):
                continue
            same = keys[i] is not None and keys[i] == keys[j]
            if _similar(toks[i], toks[j], same):
                parent[ri] = rj
                group_key[rj] = group_key[rj] or group_key[ri]
        for w in ranked:
            index[w].append(i)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(quotes)):
        if toks[i]:
            groups[root(i)].append(i)
    pos = {aid: n for n, aid in enumerate(articles)}
    out: list[Utterance] = []
    for members in groups.values():
        canon = _pick_canonical(members, toks)
        cq = quotes[canon]
        renderings = []
        for m in sorted(members, key=lambda m: _when(quotes[m], articles, pos)):
            q = quotes[m]
            art = articles.get(q.article_id)
            sim = 2 * _matched(toks[m], toks[canon]) / max(1, len(toks[m]) + len(toks[canon]))
            renderings.append(
                Rendering(
                    article_id=q.article_id,
                    outlet=art.outlet if art else None,
                    published=art.published if art else None,
                    quote_start=q.start,
                    quote_end=q.end,
                    text=q.text,
                    relation="verbatim" if m == canon else relation(toks[m], toks[canon], q.kind),
                    similarity=round(sim, 3),
                )
            )
        key = next((keys[m] for m in members if keys[m]), None)
        name = speaker_name(key, cq) if speaker_name else None
        if name is None:
            name = next((quotes[m].speaker for m in members if quotes[m].speaker), None)
        earliest = renderings[0]
        uid = hashlib.sha256(f"{cq.article_id}:{cq.start}:{cq.end}".encode()).hexdigest()[:12]
        out.append(
            Utterance(
                utterance_id="u" + uid,
                speaker=name,
                canonical_text=cq.text,
                renderings=tuple(renderings),
                earliest_article_id=earliest.article_id,
                earliest_outlet=earliest.outlet,
            )
        )
    out.sort(key=lambda u: (-len({r.article_id for r in u.renderings}), u.speaker or "", u.utterance_id))
    return out


def _when(q: Quote, articles: Mapping[str, Article], pos: Mapping[str, int]) -> tuple[date, int, int]:
    art = articles.get(q.article_id)
    return (art.published if art and art.published else date.max, pos.get(q.article_id, 0), q.start)

"""The same spoken words as each outlet rendered them.

Quotes are grouped when their speakers are compatible (the same corpus actor, or one side
unknown; a group never holds two different known speakers) and their words align: at least
``MIN_SHARED`` words in the same order, covering ``MIN_OVERLAP`` of the shorter quote.
Candidates come from an inverted index over the quotes' rarer words, so a story with many
quotes is not compared all-pairs.

A group's canonical text is the fullest wording one article gives: the article's quotes in the
group, in text order (a statement split by "she said" is joined again), taking the wording that
holds most of the others' words, then the longest. Each quote is then related to it, comparing words with
case and punctuation ignored:

- ``verbatim``: one or more whole sentences of the canonical text, word for word;
- ``trimmed``: a contiguous part cut inside a sentence;
- ``partial``: a fragment quoted inside the reporter's own sentence (a ``partial`` quote);
- ``merged``: canonical words from different sentences joined, or the canonical words with
  other words around them;
- ``reworded``: words changed.
"""

from __future__ import annotations

import hashlib
import itertools
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence
from datetime import date
from difflib import SequenceMatcher
from typing import Literal

from rapidfuzz.distance import Indel, LCSseq

from storyline.models import Article, DiffOp, Quote, Rendering, Utterance

Relation = Literal["verbatim", "trimmed", "reworded", "merged", "partial"]

MIN_SHARED = 3
MIN_OVERLAP = 0.6
SAME_SPEAKER_OVERLAP = 0.5  # a known speaker's own words may be paraphrased more freely
PARTIAL_RATIO = 0.5  # a rendering under half the canonical length is a fragment
MERGED_COVERAGE = 0.9  # pieces joined: this much of the rendering is canonical words
MERGED_RATIO = 1.15  # one this much longer that still holds the canonical words is merged
MAX_POSTINGS = 300
SPLIT_GAP = 40  # characters between two pieces of one statement ("," she said. ")
QUERY_WORDS = 8  # a quote looks for others under its rarest words
INDEX_WORDS = 60  # and is found under this many of its words
MAX_QUOTE_WORDS = 400

_TOKEN = re.compile(r"[\w'’]+", re.UNICODE)
_COMMON_TEXT = (
    "the a an and or but of to in on at for with by from is are was were be been it its this that "
    "we i you he she they our my your his her their not no will would have has had do does did "
    "as so if than then there here what which who all can could should may"
)
_COMMON = frozenset(_COMMON_TEXT.split())


def tokens(text: str) -> list[str]:
    """Lower-cased words, apostrophes made straight and stripped at the edges (quote marks)."""
    out = []
    for t in _TOKEN.findall(text):
        w = t.lower().replace("’", "'").strip("'")
        if w:
            out.append(w)
    return out[:MAX_QUOTE_WORDS]


_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+")


def sentence_bounds(text: str) -> frozenset[int]:
    """Token positions at which a sentence of ``text`` starts or ends."""
    bounds = {0}
    n = 0
    for sent in _SENTENCE_END.split(text):
        n += len(tokens(sent))
        bounds.add(n)
    return frozenset(bounds)


def word_diff(canonical: str, rendering: str) -> list[tuple[str, str, str]]:
    """Word-level differences: (op, canonical words, rendering words), op as in difflib."""
    a, b = canonical.split(), rendering.split()
    norm_a = [_norm(w) for w in a]
    norm_b = [_norm(w) for w in b]
    out: list[tuple[str, str, str]] = []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, norm_a, norm_b, autojunk=False).get_opcodes():
        out.append((op, " ".join(a[i1:i2]), " ".join(b[j1:j2])))
    return out


def diff_ops(canonical: str, rendering: str) -> tuple[DiffOp, ...]:
    """:func:`word_diff` as records, to store on a rendering."""
    return tuple(DiffOp(op=op, canonical=a, rendering=b) for op, a, b in word_diff(canonical, rendering))


NOTE_WORDS = 12  # words of a cut or added passage quoted in a note; longer ones are counted


def _words(text: str) -> str:
    words = text.split()
    if len(words) <= NOTE_WORDS:
        return f"“{text}”"
    return f"“{' '.join(words[:NOTE_WORDS])} …” ({len(words)} words)"


def explain(ops: Sequence[DiffOp]) -> tuple[str, ...]:
    """A word diff in words: what this rendering cut, added or changed."""
    notes: list[str] = []
    changed = [o for o in ops if o.op != "equal"]
    if not changed:
        return ("word for word",) if ops else ()
    for n, o in enumerate(ops):
        edge = n == 0 or n == len(ops) - 1
        if o.op == "delete":
            where = "cut at the start" if n == 0 else "cut at the end" if edge else "cut"
            notes.append(f"{where}: {_words(o.canonical)}")
        elif o.op == "insert":
            notes.append(f"added: {_words(o.rendering)}")
        elif o.op == "replace":
            notes.append(f"changed: {_words(o.canonical)} → {_words(o.rendering)}")
    return tuple(notes)


def rendering_diff(canonical: str, r: Rendering) -> tuple[tuple[DiffOp, ...], tuple[str, ...]]:
    """A rendering's stored diff and notes (computed for renderings stored without them)."""
    if r.diff:
        return r.diff, r.notes or explain(r.diff)
    ops = diff_ops(canonical, r.text)
    return ops, explain(ops)


def _norm(word: str) -> str:
    return "".join(tokens(word))


def _matched(a: Sequence[str], b: Sequence[str]) -> int:
    """Words of ``a`` found in ``b`` in the same order (longest common subsequence)."""
    return int(LCSseq.similarity(a, b))


def _occurrences(needle: list[str], hay: list[str]) -> list[tuple[int, int]]:
    """Where ``needle`` occurs in ``hay`` as a contiguous run of words."""
    n = len(needle)
    first = needle[0]
    return [
        (i, i + n) for i, w in enumerate(hay[: len(hay) - n + 1]) if w == first and hay[i : i + n] == needle
    ]


def relation(
    rendering: Sequence[str],
    canonical: Sequence[str],
    kind: str | None = None,
    bounds: frozenset[int] | None = None,
) -> Relation:
    """How a rendering's words relate to the canonical words.

    bounds: token positions where the canonical sentences start and end (default: the whole
    canonical text is one sentence).
    """
    rendering, canonical = list(rendering), list(canonical)
    bounds = bounds if bounds is not None else frozenset({0, len(canonical)})
    if not rendering or not canonical:
        return "reworded"
    blocks = [op for op in Indel.opcodes(rendering, canonical) if op.tag == "equal"]
    matched = sum(op.src_end - op.src_start for op in blocks)
    cov_r = matched / len(rendering)  # how much of the rendering is canonical words
    cov_c = matched / len(canonical)  # how much of the canonical text the rendering holds
    if kind == "partial" and cov_r >= 0.5:
        return "partial"
    spans = _occurrences(rendering, canonical)
    if spans:
        return "verbatim" if any(a in bounds and b in bounds for a, b in spans) else "trimmed"
    if cov_r == 1.0 and len(blocks) == 1:
        b = blocks[0]
        if b.dest_start in bounds and b.dest_end in bounds:
            return "verbatim"
        return "trimmed"
    if cov_r >= MERGED_COVERAGE and len(blocks) > 1:
        first, last = blocks[0].dest_start, blocks[-1].dest_end
        if any(first < x < last for x in bounds):
            return "merged"
        if cov_r == 1.0:
            return "trimmed"  # words cut from inside one sentence
    if cov_c >= 0.9 and len(rendering) >= MERGED_RATIO * len(canonical):
        return "merged"
    if kind != "direct" and cov_r >= 0.8 and len(rendering) < PARTIAL_RATIO * len(canonical):
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
    need = SAME_SPEAKER_OVERLAP if same_speaker else MIN_OVERLAP
    return matched >= MIN_SHARED and matched / short >= need


def _compatible(x: str | None, y: str | None) -> bool:
    return x is None or y is None or x == y


def _join(pieces: Sequence[str]) -> str:
    """One wording from an article's pieces of a statement, in text order."""
    out = ""
    for piece in pieces:
        piece = piece.strip()
        if not out:
            out = piece
            continue
        if out[-1] not in ".!?…" and piece[:1].isupper():
            out = out.rstrip(",;:—–- ") + "."
        out += " " + piece
    return out


def _article_wordings(
    members: list[int], quotes: Sequence[Quote], toks: Mapping[int, list[str]]
) -> list[str]:
    """Per article, its quotes of the group joined in text order (repeats left out)."""
    by_article: dict[str, list[int]] = defaultdict(list)
    for m in members:
        by_article[quotes[m].article_id].append(m)
    wordings = []
    for ms in by_article.values():
        ms.sort(key=lambda m: quotes[m].start)
        kept: list[int] = []
        for m in sorted(ms, key=lambda m: -len(toks[m])):
            if not any(_matched(toks[m], toks[k]) == len(toks[m]) for k in kept):
                kept.append(m)
        kept.sort(key=lambda m: quotes[m].start)
        wordings.append(_join([quotes[m].text for m in kept]))
    return wordings


def _pick_canonical(wordings: list[str]) -> str:
    """The wording that holds most of the others (then the longest, then the first)."""
    toks = [tokens(w) for w in wordings]
    support: Counter[int] = Counter()
    for i in range(len(toks)):
        for j, t in enumerate(toks):
            if j != i and _matched(t, toks[i]) >= 0.8 * max(1, len(t)):
                support[i] += 1
    best = max(range(len(toks)), key=lambda i: (support[i], len(toks[i]), -i))
    return wordings[best]


def group_utterances(
    quotes: Sequence[Quote],
    articles: Mapping[str, Article],
    speaker_key: Callable[[Quote], str | None],
    *,
    speaker_name: Callable[[str | None, Quote], str | None] | None = None,
    duplicate_of: Mapping[str, str] | None = None,
) -> list[Utterance]:
    """Group quotes of the same words by the same speaker; one Utterance per group.

    Indirect quotes (reported speech) are left out: they carry no words of the speaker's own.
    Renderings are ordered by publication date, an original before a copy of the same day, so
    that the earliest outlet is never a copy of a later-listed original.
    """
    copies = duplicate_of or {}
    quotes = [q for q in quotes if q.kind != "indirect"]  # reported speech has no words to compare
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

    # pieces of one statement split by an attribution ("..., she said. ...") belong together
    by_article: dict[str, list[int]] = defaultdict(list)
    for i, q in enumerate(quotes):
        if toks[i] and q.kind in ("direct", "mixed"):
            by_article[q.article_id].append(i)
    for ms in by_article.values():
        ms.sort(key=lambda i: quotes[i].start)
        for a, b in itertools.pairwise(ms):
            qa, qb = quotes[a], quotes[b]
            art = articles.get(qa.article_id)
            gap = art.text[qa.end : qb.start] if art is not None else "\n"
            if keys[a] is not None and keys[a] == keys[b] and len(gap) <= SPLIT_GAP and "\n" not in gap:
                ra, rb = root(a), root(b)
                if ra != rb:
                    parent[ra] = rb
    for i in range(len(quotes)):
        if not toks[i]:
            continue
        words = {w for w in toks[i] if w not in _COMMON} or set(toks[i])
        ranked = sorted(words, key=lambda w: (df[w], w))
        cands: set[int] = set()
        for w in ranked[:QUERY_WORDS]:
            cands.update(index[w][-MAX_POSTINGS:])
        for j in sorted(cands):
            ri, rj = root(i), root(j)
            if ri == rj or not _compatible(group_key[ri], group_key[rj]):
                continue
            same = keys[i] is not None and keys[i] == keys[j]
            if _similar(toks[i], toks[j], same):
                parent[ri] = rj
                group_key[rj] = group_key[rj] or group_key[ri]
        for w in ranked[:INDEX_WORDS]:
            index[w].append(i)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(quotes)):
        if toks[i]:
            groups[root(i)].append(i)
    pos = {aid: n for n, aid in enumerate(articles)}
    out: list[Utterance] = []

    def when(m: int) -> tuple[date, bool, int, int]:
        day, n, start = _when(quotes[m], articles, pos)
        return (day, quotes[m].article_id in copies, n, start)

    for members in groups.values():
        canonical = _pick_canonical(_article_wordings(members, quotes, toks))
        ctoks = tokens(canonical)
        bounds = sentence_bounds(canonical)
        first = min(members, key=when)
        cq = quotes[first]
        renderings = []
        for m in sorted(members, key=when):
            q = quotes[m]
            art = articles.get(q.article_id)
            sim = 2 * _matched(toks[m], ctoks) / max(1, len(toks[m]) + len(ctoks))
            ops = diff_ops(canonical, q.text)
            renderings.append(
                Rendering(
                    article_id=q.article_id,
                    outlet=art.outlet if art else None,
                    published=art.published if art else None,
                    quote_start=q.start,
                    quote_end=q.end,
                    text=q.text,
                    relation=relation(toks[m], ctoks, q.kind, bounds),
                    similarity=round(sim, 3),
                    diff=ops,
                    notes=explain(ops),
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
                canonical_text=canonical,
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

"""A story's timeline: who said or did what, when, and which outlets report it.

Stages, each testable alone:

1. :func:`article_entries`: per article, its dated entries.
   - A quote is a *statement* by its speaker, dated by a date in its sentence when that date
     is a plausible time of speaking (:func:`speaking_date`: on or before the publication and
     at most ``SPEAKING_WINDOW_DAYS`` before it), else by the publication date. "In 2019 the
     accord was signed", said on Monday, is a statement of Monday, not of 2019.
   - A sentence with a resolved DATE and no quote is a *happening*, checked against its tense
     (:func:`tense_agrees`): a sentence only in the past tense is not placed after its
     publication, one only in the future not before it. A date that opens a span ("since
     March") says when something began, not when the sentence's event happened, and is passed
     over. The happening's actor is the event actor the sentence names, if any. A statement
     of what is planned for a later date ("exchanges are due to start on 20 March") is also a
     happening on that date.
   - Each dated article adds a *publication* entry (its title, by its outlet).
2. :func:`merge_entries`: the renderings of one utterance are one statement; the same reported
   speech by the same speaker on the same date is one statement; happenings of the same date
   whose words overlap (``MERGE_OVERLAP``) are one happening. Copies are left out and counted
   with their original: ``n_sources`` counts independent sources.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Literal

from storyline.link.terms import STOP_WORDS
from storyline.models import OPEN_TIMEX_MODS, Article, ArticleAnalysis, TimelineEntry, Utterance

_SENT_BREAK = re.compile(r"(?<=[.!?…])[\"'”’)\]]*\s+|\n+")
_DATE_VALUE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_WEEK_VALUE = re.compile(r"^(\d{4})-W(\d{2})$")
_TIME_VALUE = re.compile(r"^\d{4}-\d{2}-\d{2}T")
MAX_SENTENCE = 400
KIND_ORDER = {"happening": 0, "statement": 1, "publication": 2}
SPEAKING_WINDOW_DAYS = 14  # a statement dated in its sentence is at most this old at publication
MERGE_OVERLAP = 0.25  # share of the shorter happening's content words the other one holds
MIN_SHARED_WORDS = 2

_SPAN_START = re.compile(r"(?i)\b(?:since|from|after|until|till|by)\s+(?:the\s+)?$")
_FUTURE = re.compile(
    r"(?i)\b(?:will|shall|is|are)\s+(?:due|expected|set|scheduled|going)\b|\bwill\b|\bto\s+begin\b|\bplans?\s+to\b"
    r"|\bnext\s+(?:week|month|year)\b|\bexpire[sd]?\b|\bopens\b|\bstarts\b|\bbegins\b"
)
_PAST = re.compile(
    r"(?i)\b(?:was|were|had|did|said|told|agreed|announced|began|fell|killed|hit|took|came|broke|reported|last)\b"
    r"|\b\w{3,}ed\b"
)
_WORD = re.compile(r"[^\W\d_][\w'’-]+", re.UNICODE)
_DATE_TEXT = (
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june "
    "july august september october november december last next week month year day today yesterday "
    "tomorrow night morning said says"
)
_STOP = STOP_WORDS | frozenset(_DATE_TEXT.split())


def sentence_bounds(text: str) -> list[int]:
    """Start offsets of the sentences of ``text`` (a simple, bounded splitter)."""
    starts = [0]
    for m in _SENT_BREAK.finditer(text):
        if m.end() < len(text):
            starts.append(m.end())
    return starts


def date_value(value: str | None) -> str | None:
    """A sortable YYYY[-MM[-DD]] form of a TIMEX3 DATE value; None for anything else."""
    if not value:
        return None
    if _DATE_VALUE.match(value):
        return value
    m = _WEEK_VALUE.match(value)
    if m:
        try:
            return date.fromisocalendar(int(m.group(1)), int(m.group(2)), 1).isoformat()
        except ValueError:
            return None
    return None


def _first_day(value: str) -> date | None:
    m = _DATE_VALUE.match(value)
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1))
    except ValueError:
        return None


def _last_day(value: str) -> date | None:
    m = _DATE_VALUE.match(value)
    if not m:
        return None
    y, mo, d = int(m.group(1)), m.group(2), m.group(3)
    try:
        if d:
            return date(y, int(mo), int(d))
        if mo:
            nxt = date(y + (mo == "12"), 1 if mo == "12" else int(mo) + 1, 1)
            return nxt - timedelta(days=1)
        return date(y, 12, 31)
    except ValueError:
        return None


def _sentence(text: str, starts: list[int], offset: int) -> tuple[int, int]:
    i = bisect_right(starts, offset) - 1
    s = starts[max(i, 0)]
    e = starts[i + 1] if i + 1 < len(starts) else len(text)
    while e > s and text[e - 1].isspace():
        e -= 1
    if e - s > MAX_SENTENCE:
        e = s + MAX_SENTENCE
    return s, e


def _inside_others(spans: list[tuple[int, int]]) -> set[int]:
    """Indexes of spans that lie inside a longer span of the list."""
    order = sorted(range(len(spans)), key=lambda i: (spans[i][0], -spans[i][1]))
    out: set[int] = set()
    reach, owner = -1, None
    for i in order:
        end = spans[i][1]
        if owner is not None and end <= reach and spans[owner] != spans[i]:
            out.add(i)
        elif end > reach:
            reach, owner = end, i
    return out


def speaking_date(value: str, published: date | None) -> bool:
    """Whether a date in a statement's sentence can be when it was said: on or before the
    publication, and no more than SPEAKING_WINDOW_DAYS before it (undated articles: any)."""
    if published is None:
        return True
    first, last = _first_day(value), _last_day(value)
    if first is None or last is None:
        return False
    return first <= published and last >= published - timedelta(days=SPEAKING_WINDOW_DAYS)


def tense_agrees(sentence: str, value: str, published: date | None) -> bool:
    """False when a sentence only in the past is dated after its publication, or one only in
    the future before it: the date was resolved against the wrong anchor or names another time."""
    if published is None:
        return True
    first, last = _first_day(value), _last_day(value)
    if first is None or last is None:
        return False
    future, past = bool(_FUTURE.search(sentence)), bool(_PAST.search(sentence))
    if first > published and past and not future:
        return False
    return not (last < published and future and not past)


@dataclass
class _Candidate:
    entry: TimelineEntry
    words: frozenset[str]
    group: str | None = None  # an utterance id, for statements of one utterance
    members: list[str] = field(default_factory=list)


def _content_words(text: str) -> frozenset[str]:
    return frozenset(w.lower() for w in _WORD.findall(text) if w.lower() not in _STOP)


def _dates_of_sentences(text: str, starts: list[int], analysis: ArticleAnalysis) -> dict[int, str]:
    """Sentence start -> the first resolved DATE in it that is not the start of a span."""
    dated: dict[int, str] = {}
    for tx in sorted(analysis.timexes, key=lambda t: t.start):
        v = date_value(tx.value) if tx.type == "DATE" else None
        if tx.type == "TIME" and tx.value and _TIME_VALUE.match(tx.value):
            v = date_value(tx.value[:10])  # "at midnight on 10 March": its day
        if v is None or not (0 <= tx.start < len(text)) or tx.mod in OPEN_TIMEX_MODS:
            continue  # "the pre-2014 borders": a time before or after, not the event's
        s, _ = _sentence(text, starts, tx.start)
        if _SPAN_START.search(text[max(s, tx.start - 12) : tx.start]):
            continue  # "since March 2023": when something began, not the sentence's event
        dated.setdefault(s, v)
    return dated


def _actor_of(analysis: ArticleAnalysis, s: int, e: int) -> str | None:
    for ev in analysis.events:
        inside = ev.sentence_start is not None and s <= ev.sentence_start < e
        if (inside or s <= ev.start < e) and ev.actor:
            return ev.actor
    return None


def article_entries(
    art: Article,
    analysis: ArticleAnalysis,
    utterance_of: Mapping[tuple[str, int], Utterance],
) -> list[_Candidate]:
    """Stage 1: one article's dated statements, happenings and its publication."""
    aid, text = art.article_id, art.text
    starts = sentence_bounds(text)
    dated = _dates_of_sentences(text, starts, analysis)
    published = art.published.isoformat() if art.published else None
    out: list[_Candidate] = []
    quoted: set[int] = set()
    inner = _inside_others([(q.start, q.end) for q in analysis.quotes])
    for n, q in enumerate(analysis.quotes):
        s, _ = _sentence(text, starts, q.start)
        quoted.add(s)
        if n in inner or text[q.start : q.end] != q.text:
            continue
        when = dated.get(s)
        dated_by: Literal["sentence", "publication"] = "sentence"
        if when is None or not speaking_date(when, art.published):
            when, dated_by = published, "publication"
        if when is None:
            continue
        u = utterance_of.get((aid, q.start))
        said = dated.get(s)
        # "exchanges are due to start on 20 March": what is planned is a happening of that date
        if said and said != when and said > (published or "") and _FUTURE.search(q.text):
            planned = TimelineEntry(
                when=said,
                article_id=aid,
                text=q.text,
                start=q.start,
                end=q.end,
                kind="happening",
                who=(u.speaker if u else None) or q.speaker,
            )
            out.append(_Candidate(planned, _content_words(q.text)))
        entry = TimelineEntry(
            when=when,
            article_id=aid,
            text=q.text,
            start=q.start,
            end=q.end,
            kind="statement",
            who=(u.speaker if u else None) or q.speaker,
            dated_by=dated_by,
            reported=q.kind == "indirect",
        )
        out.append(_Candidate(entry, _content_words(q.text), u.utterance_id if u else None))
    for s, when in dated.items():
        if s in quoted:
            continue
        s0, e0 = _sentence(text, starts, s)
        if e0 <= s0 or not tense_agrees(text[s0:e0], when, art.published):
            continue
        entry = TimelineEntry(
            when=when,
            article_id=aid,
            text=text[s0:e0],
            start=s0,
            end=e0,
            kind="happening",
            who=_actor_of(analysis, s0, e0),
        )
        out.append(_Candidate(entry, _content_words(text[s0:e0])))
    if published and text:
        s0, e0 = _sentence(text, starts, 0)
        if e0 > s0:
            entry = TimelineEntry(
                when=published,
                article_id=aid,
                text=text[s0:e0],
                start=s0,
                end=e0,
                kind="publication",
                who=art.outlet,
                dated_by="publication",
            )
            out.append(_Candidate(entry, frozenset()))
    return out


def _same(a: _Candidate, b: _Candidate) -> bool:
    ea, eb = a.entry, b.entry
    if ea.kind != eb.kind or ea.kind == "publication":
        return False
    if ea.when == eb.when and " ".join(ea.text.lower().split()) == " ".join(eb.text.lower().split()):
        return True  # the same words on the same day (a copy, or speakers told apart wrongly)
    if ea.kind == "statement":
        if a.group is not None or b.group is not None:
            return a.group == b.group
        if ea.who != eb.who or ea.when != eb.when:
            return False
    elif ea.when != eb.when:
        return False
    shared = len(a.words & b.words)
    short = min(len(a.words), len(b.words))
    return short > 0 and shared >= min(MIN_SHARED_WORDS, short) and shared / short >= MERGE_OVERLAP


def merge_entries(
    candidates: list[_Candidate],
    articles: Mapping[str, Article],
    duplicate_of: Mapping[str, str],
) -> list[TimelineEntry]:
    """Stage 2: one entry per statement or happening, with every article that reports it."""
    merged: list[_Candidate] = []
    by_key: dict[tuple[str, str], list[_Candidate]] = {}
    for c in candidates:
        key = (c.entry.kind, c.group or c.entry.when)
        pool = by_key.setdefault(key, [])
        target = next((m for m in pool if _same(m, c)), None)
        if target is None:
            c.members = [c.entry.article_id]
            pool.append(c)
            merged.append(c)
        else:
            target.members.append(c.entry.article_id)
            target.words = target.words | c.words
            if target.entry.who is None and c.entry.who:
                target.entry = target.entry.model_copy(update={"who": c.entry.who})
    out = []
    for m in merged:
        ids = tuple(dict.fromkeys(m.members))
        outlets = tuple(dict.fromkeys(o for a in ids if (o := articles[a].outlet) is not None))
        sources = {duplicate_of.get(a, a) for a in ids}
        out.append(
            m.entry.model_copy(update={"article_ids": ids, "outlets": outlets, "n_sources": len(sources)})
        )
    return out


def build_timeline(
    article_ids: Sequence[str],
    articles: Mapping[str, Article],
    analyses: Mapping[str, ArticleAnalysis],
    utterances: Sequence[Utterance] = (),
    duplicate_of: Mapping[str, str] | None = None,
) -> list[TimelineEntry]:
    duplicate_of = duplicate_of or {}
    utterance_of = {(r.article_id, r.quote_start): u for u in utterances for r in u.renderings}
    pos = {aid: n for n, aid in enumerate(article_ids)}

    def first_report(aid: str) -> tuple[bool, date, int]:
        art = articles[aid]
        return (aid in duplicate_of, art.published or date.max, pos.get(aid, 0))

    candidates: list[_Candidate] = []
    for aid in sorted((a for a in article_ids if a in articles), key=first_report):
        art = articles[aid]
        analysis = analyses.get(aid) or ArticleAnalysis(article_id=aid)
        found = article_entries(art, analysis, utterance_of)
        if aid in duplicate_of:  # a copy adds its outlet to what its original reports, nothing else
            found = [c for c in found if c.entry.kind != "publication"]
        candidates.extend(found)
    # a copy's entries join their original's; an entry only a copy reports is kept as well
    entries = merge_entries(candidates, articles, duplicate_of)
    entries.sort(key=lambda e: (e.when, KIND_ORDER[e.kind], pos.get(e.article_id, 0), e.start))
    return entries

"""A story's timeline: dated statements and happenings, in order, each with its source.

- A quote is a *statement*, dated by a resolved DATE timex in its sentence, else by its
  article's publication date. Quotes grouped into one utterance appear once, at the rendering
  published first; a quote inside another (the quoted words of a reported sentence) appears
  only as part of it.
- A sentence with a resolved DATE timex and no quote is a *happening* on that date.
- Each dated article adds a *publication* entry (its first sentence).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Mapping, Sequence
from datetime import date

from storyline.models import Article, ArticleAnalysis, TimelineEntry, Utterance

_SENT_BREAK = re.compile(r"(?<=[.!?…])[\"'”’)\]]*\s+|\n+")
_DATE_VALUE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_WEEK_VALUE = re.compile(r"^(\d{4})-W(\d{2})$")
MAX_SENTENCE = 400
KIND_ORDER = {"happening": 0, "statement": 1, "publication": 2}


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


def build_timeline(
    article_ids: Sequence[str],
    articles: Mapping[str, Article],
    analyses: Mapping[str, ArticleAnalysis],
    utterances: Sequence[Utterance] = (),
    duplicate_of: Mapping[str, str] | None = None,
) -> list[TimelineEntry]:
    duplicate_of = duplicate_of or {}
    skip: set[tuple[str, int]] = set()
    for u in utterances:
        for r in u.renderings[1:]:
            skip.add((r.article_id, r.quote_start))
    entries: list[TimelineEntry] = []
    for aid in article_ids:
        art = articles.get(aid)
        if art is None or aid in duplicate_of:
            continue
        text = art.text
        analysis = analyses.get(aid) or ArticleAnalysis(article_id=aid)
        starts = sentence_bounds(text)
        dated: dict[int, str] = {}
        for tx in analysis.timexes:
            v = date_value(tx.value) if tx.type == "DATE" else None
            if v is None or not (0 <= tx.start < len(text)):
                continue
            s, _ = _sentence(text, starts, tx.start)
            dated.setdefault(s, v)
        quoted: set[int] = set()
        published = art.published.isoformat() if art.published else None
        inner = _inside_others([(q.start, q.end) for q in analysis.quotes])
        for n, q in enumerate(analysis.quotes):
            s, _ = _sentence(text, starts, q.start)
            quoted.add(s)
            if (aid, q.start) in skip or n in inner:
                continue
            when = dated.get(s) or published
            if when is None or text[q.start : q.end] != q.text:
                continue
            entries.append(
                TimelineEntry(
                    when=when, article_id=aid, text=q.text, start=q.start, end=q.end, kind="statement"
                )
            )
        for s, when in dated.items():
            if s in quoted:
                continue
            s0, e0 = _sentence(text, starts, s)
            if e0 > s0:
                entries.append(
                    TimelineEntry(
                        when=when, article_id=aid, text=text[s0:e0], start=s0, end=e0, kind="happening"
                    )
                )
        if published and text:
            s0, e0 = _sentence(text, starts, 0)
            if e0 > s0:
                entries.append(
                    TimelineEntry(
                        when=published, article_id=aid, text=text[s0:e0], start=s0, end=e0, kind="publication"
                    )
                )
    pos = {aid: n for n, aid in enumerate(article_ids)}
    entries.sort(key=lambda e: (e.when, KIND_ORDER[e.kind], pos.get(e.article_id, 0), e.start))
    return entries

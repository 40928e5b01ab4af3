"""A story's title: the headline of its articles that says most of what the others say.

Scraped titles are often not headlines at all: a dateline ("Updated: 11 November 2031 20:09"),
a section label in capitals ("WORLD NEWS"), or a whole lead paragraph. Those are passed over;
among the real headlines (of the first ``MAX_CANDIDATES`` reports) the one that shares most
words with the others is chosen (ties: the earlier article, then the shorter title). With no headline, the first line of
the earliest article stands in.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import date

from storyline.link.terms import words
from storyline.models import Article

MAX_TITLE = 150  # longer is a lead paragraph, not a headline
MIN_WORDS = 3
LEAD_CHARS = 100
MAX_CANDIDATES = 50  # headlines compared with each other (the cost grows with the square)

_ZONE = r"(?:[ap]\.?m\.?|ist|gmt|utc|bst|cet|[ecmp][sd]t)\b"
# "20:09", or "8.15 pm" (a dotted number is a time only with am/pm or a zone: "2.25 percent")
_CLOCK = re.compile(rf"\b\d{{1,2}}:\d{{2}}\b|\b\d{{1,2}}\.\d{{2}}\s*{_ZONE}", re.IGNORECASE)
_DAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)"
_MONTH = r"(?:january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)"
_STAMP = re.compile(
    r"^\W*(?:updated|published|posted|last modified|modified)\b"
    rf"|^\W*{_DAY}\b\.?,?\s+\w+\.?\s+\d"
    rf"|^\W*{_MONTH}\b\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}",
    re.IGNORECASE,
)


def is_headline(title: str | None) -> bool:
    """Could ``title`` be a headline (not a timestamp, a label in capitals or a lead)?"""
    if not title:
        return False
    t = title.strip()
    if len(t) > MAX_TITLE or len(t.split()) < MIN_WORDS:
        return False
    if not any(c.islower() for c in t):
        return False  # "THE WHITE HOUSE", "BREAKING"
    return not (_STAMP.search(t) or _CLOCK.search(t))


def story_title(present: Sequence[str], articles: Mapping[str, Article]) -> str:
    """The title for a story of the articles ``present`` (in their story order)."""
    candidates = [(n, articles[a]) for n, a in enumerate(present) if is_headline(articles[a].title)]
    candidates = candidates[:MAX_CANDIDATES]  # the first reports (the story order is by date)
    if not candidates:
        ordered = sorted(enumerate(present), key=lambda na: (articles[na[1]].published or date.max, na[0]))
        return _lead(articles[ordered[0][1]].text) if ordered else ""
    terms = [set(words(art.title or "")) for _, art in candidates]

    def score(i: int) -> tuple[float, date, int, int]:
        n, art = candidates[i]
        shared = sum(
            len(terms[i] & terms[j]) / (len(terms[i] | terms[j]) or 1) for j in range(len(terms)) if j != i
        )
        return (-shared, art.published or date.max, len(art.title or ""), n)

    best = min(range(len(candidates)), key=score)
    return (candidates[best][1].title or "").strip()


def _lead(text: str, limit: int = LEAD_CHARS) -> str:
    line = text.strip().split("\n", 1)[0]
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"

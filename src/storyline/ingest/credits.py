"""The outlet and date a story states of itself: a wire dateline and credit lines.

- A wire dateline opens the body: ``TOWN, 3 June 2026 (Some Wire) —``, ``TOWN, Region (Wire) —``,
  ``TOWN (Wire) -``. Its parenthesis names the outlet that wrote the story, its date the day
  it was filed.
- A credit line heads or ends the page: ``© 2026 Some Outlet``, ``Copyright Some Outlet``,
  ``Follow Some Outlet on social media``: the outlet that published this copy.

Both are read only where the reader found no outlet or date of its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from storyline.clean import rules as R
from storyline.clean.cleaner import parse_date

__all__ = ["Dateline", "credit_outlet", "wire_dateline"]

DATELINE_CHARS = 200  # a dateline opens the story
CREDIT_CHARS = 2_000  # credit lines head or end a page
MAX_NAME_WORDS = 6

_PLACE = r"[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}"
_WIRE_DATELINE = re.compile(
    rf"^\s*(?P<place>{_PLACE})"
    rf"(?:,\s*(?P<date>{R.DATE_EXPR.pattern.replace('(?ix)', '')})|,\s*(?P<region>{_PLACE}))?"
    r"\s*\((?P<outlet>[^()\n]{2,60})\)\s*[—–-]{1,2}\s",
    re.IGNORECASE | re.VERBOSE,
)
_COPYRIGHT = re.compile(
    r"(?im)^\s*(?:©|\(c\)|copyright)\s*(?:©|\(c\))?\s*(?:(?:19|20)\d\d\s*)?(?P<name>[A-Z][^\n|]{1,80}?)"
    r"\s*(?:[,.]?\s*all rights reserved\.?)?\s*$"
)
_FOLLOW = re.compile(
    r"(?im)^\s*follow\s+(?P<name>[A-Z][\w&'’. -]{1,60}?)\s+on\s+"
    r"(?:social media|twitter|x|facebook|instagram|bluesky|mastodon|threads|linkedin|tiktok|youtube)\b"
)
_NOT_NAME = re.compile(r"(?i)^(?:us|me|him|her|them|this|the author|our|all)\b")


@dataclass(frozen=True)
class Dateline:
    place: str
    outlet: str | None
    published: date | None


def wire_dateline(text: str) -> Dateline | None:
    """The wire dateline that opens ``text``, if there is one."""
    m = _WIRE_DATELINE.match(text[:DATELINE_CHARS])
    if m is None:
        return None
    place = m.group("place")
    if not (place.isupper() or place.istitle()):
        return None
    outlet = " ".join(m.group("outlet").split())
    if len(outlet.split()) > MAX_NAME_WORDS or not outlet[:1].isupper():
        outlet = ""
    published = None
    if m.group("date"):
        dm = R.DATE_EXPR.match(m.group("date"))
        published = parse_date(dm) if dm else None
    return Dateline(place=place, outlet=outlet or None, published=published)


def _name(value: str) -> str | None:
    name = " ".join(value.strip(" .,;:-–—").split())
    if not name or _NOT_NAME.match(name) or len(name.split()) > MAX_NAME_WORDS:
        return None
    return name


def credit_outlet(raw: str) -> str | None:
    """The outlet a copyright or "follow us" line at the head or end of ``raw`` names."""
    head, tail = raw[:CREDIT_CHARS], raw[-CREDIT_CHARS:]
    for pattern in (_COPYRIGHT, _FOLLOW):
        for part in (tail, head):
            for m in pattern.finditer(part):
                name = _name(m.group("name"))
                if name:
                    return name
    return None

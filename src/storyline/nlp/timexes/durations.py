"""Handlers for durations, sets, weekends, holidays and clock times (see
:mod:`storyline.nlp.timexes.handlers` for the calendar-date handlers and the shared context).

Each handler takes a regex match and the running context and returns ``(type, value,
resolution)``, a list of sub-spans, or None to reject the match.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

from dateutil.easter import easter

from storyline.nlp.numbers import CARDINAL_WORD, parse_number
from storyline.nlp.timexes.handlers import (
    _FOLLOWING_DATE,
    _GRAN,
    _PART_CODES,
    Context,
    Resolution,
    Result,
    _cap,
    _day,
    _month,
    _pieces,
    _unit,
    _unresolved,
    _valid,
    _weekday,
    lexicon,
)
from storyline.nlp.timexes.resolve import (
    ago_value,
    duration_value,
    format_at,
    shift,
    weekday_date,
    year_for_month,
)


def _count(word: str | None) -> float | None:
    if word is None:
        return None
    w = re.sub(r"\s+", " ", word.lower()).strip()
    if w in ("a", "an", "one", "a single", "single"):
        return 1.0
    if w in ("half a", "half an"):
        return 0.5
    if re.fullmatch(r"(?:a\s+)?(?:couple(?:\s+of)?)", w):
        return 2.0
    return parse_number(w)


def h_ago(m: re.Match[str], ctx: Context) -> Result | None:
    unit = _unit(m["u"])
    n = _count(m["n"])
    word = m["w"].lower()
    if n is None:
        return ("DATE", "PAST_REF" if word in ("ago", "earlier") else "FUTURE_REF", "unresolved")
    anchor = ctx.dct if word == "ago" else (ctx.ref or ctx.dct)
    if anchor is None:
        return ("DATE", None, "unresolved")
    if word == "later":
        moved = ago_value(anchor, -n, unit) if n == int(n) else None
        return ("DATE", moved, "relative")
    return ("DATE", ago_value(anchor, n, unit), "relative")


_SINGULAR_DURATION_CUES = (
    "for",
    "in",
    "within",
    "after",
    "over",
    "than",
    "about",
    "nearly",
    "almost",
    "just",
    "only",
    "least",
    "half",
    "lasting",
    "spent",
    "take",
    "takes",
    "took",
)


def h_duration(m: re.Match[str], ctx: Context) -> Result | list[tuple[int, int, Result]] | None:
    unit = _unit(m["u"])
    n_text = m["n"]
    n = None if re.fullmatch(rf"{_pieces()['VAGUE']}", n_text, re.IGNORECASE) else _count(n_text)
    if n is None and not re.fullmatch(rf"{_pieces()['VAGUE']}", n_text, re.IGNORECASE):
        return None
    low = n_text.lower()
    unit_word = m["u"].lower()
    nxt = ctx.after(m.end(), 12)
    if (
        unit_word == "second"
        and re.match(r"\s+[a-z]", nxt)
        and not re.match(r"\s+(?:ago|later|earlier|or|and)\b", nxt)
    ):
        return None  # "a second consecutive day": an ordinal
    if (
        unit_word in ("quarter", "quarters")
        and not m["mod"]
        and (re.match(r"\s*(?:,|of\b)", nxt) or low in ("a", "an"))
    ):
        return None  # "about a quarter of its dealers": a fraction
    if low in ("a", "an") and not (m["tail"] or m["mod"]):
        prev = re.findall(r"[a-z]+", ctx.before(m.start(), 14))
        cue_after = re.match(r"\s*(?:long|old|after|before|later|earlier)\b", nxt)
        if not (prev and prev[-1] in _SINGULAR_DURATION_CUES) and not cue_after and not m["qual"]:
            return None
    if low == "one" and m["u"].lower() in ("day",) and not m["qual"]:
        prev = re.findall(r"[a-z]+", ctx.before(m.start(), 14))
        if not (prev and prev[-1] in _SINGULAR_DURATION_CUES):
            return None  # "one day, ..."
    value = duration_value(n, unit)
    return ("DURATION", value, "explicit" if n is not None else "unresolved")


def h_duration_range(m: re.Match[str], ctx: Context) -> list[tuple[int, int, Result]] | None:
    unit = _unit(m["u"])
    a, b = _count(m["a"]), _count(m["b"])
    if a is None or b is None:
        return None
    return [
        (m.start("a"), m.end("a"), ("DURATION", duration_value(a, unit), "explicit")),
        (m.start("b"), m.end(), ("DURATION", duration_value(b, unit), "explicit")),
    ]


def h_bare_units(m: Any, ctx: Context) -> list[tuple[int, int, Result]] | None:
    unit = _unit(m["u"])
    group = "span" if m["span"] else 0
    return [(m.start(group), m.end(group), ("DURATION", duration_value(None, unit), "unresolved"))]


def h_set_word(m: re.Match[str], ctx: Context) -> Result | None:
    return ("SET", str(lexicon()["sets"][m["w"].lower()]), "explicit")


def h_set_every(m: re.Match[str], ctx: Context) -> Result | None:
    head = m["h"].lower()
    if head in ("a", "an"):
        prev = ctx.before(m.start(), 20)
        if not re.search(
            r"(?:\d|\b(?:once|twice|times|" + CARDINAL_WORD + r"|bn|m|billion|million))\s*$", prev
        ):
            return None
    unit_word = m["u"].lower()
    if unit_word in lexicon()["weekdays"]:
        return ("SET", f"XXXX-WXX-{_weekday(unit_word)}", "explicit")
    if unit_word in _PART_CODES:
        return ("SET", f"TXX{_PART_CODES[unit_word]}" if unit_word != "night" else "TNI", "explicit")
    n = _count(m["n"]) if m["n"] else 1.0
    if m["other"]:
        n = 2.0
    return ("SET", duration_value(n, _unit(unit_word)), "explicit")


_ZONES = {"utc": "Z", "gmt": "Z", "z": "Z"}


def h_weekend(m: re.Match[str], ctx: Context) -> Result | None:
    """ "the weekend": the one just past, unless the clause looks ahead or it is the weekend now."""
    if ctx.dct is None:
        return ("DATE", "XXXX-WXX-WE", "unresolved")
    if ctx.dct.isoweekday() >= 6 or ctx.tense(m.start()) == "future":
        return ("DATE", format_at(ctx.dct, "WE"), "relative")
    return ("DATE", format_at(shift(ctx.dct, "W", -1), "WE"), "relative")


def h_holiday(m: re.Match[str], ctx: Context) -> Result | None:
    """Named days: "Christmas", "New Year's Eve", "Easter" (dated by tense when no year is given)."""
    if not _cap(m["h"]):
        return None
    spec = str(lexicon()["holidays"][re.sub(r"\s+", " ", m["h"].lower())])
    if m["y"]:
        year = int(m["y"])
        res: Resolution = "explicit"
    elif ctx.dct is not None:
        month, day = (int(x) for x in spec.split("-")) if spec[0].isdigit() else (4, 1)
        year = year_for_month(ctx.dct, month, ctx.tense(m.start()), day)
        res = "relative"
    else:
        return ("DATE", f"XXXX-{spec}" if spec[0].isdigit() else "XXXX-XX-XX", "unresolved")
    if spec[0].isdigit():
        return ("DATE", f"{year:04d}-{spec}", res)
    offset = int(spec[len("EASTER") :] or 0)
    return ("DATE", (easter(year) + timedelta(days=offset)).isoformat(), res)


def h_clock(m: re.Match[str], ctx: Context) -> Result | None:
    hh = int(m["hh"])
    mm = int(m["mm"] or 0)
    ampm = (m["ampm"] or "").lower().replace(".", "").strip()
    if ampm == "pm" and hh < 12:
        hh += 12
    elif ampm == "am" and hh == 12:
        hh = 0
    if hh > 24 or mm > 59:
        return None
    if not m["mm"] and not ampm:
        return None
    if m["sep"] == "." and not ampm:
        return None  # "3.45" alone is a number, not a time
    zone = _ZONES.get((m["tz"] or "").lower().strip(), "")
    if not (ampm or zone or m["tail"]):
        prev = re.findall(r"[a-z]+", ctx.before(m.start(), 12))
        if not prev or prev[-1] not in (
            "at",
            "by",
            "from",
            "until",
            "till",
            "before",
            "after",
            "around",
            "about",
            "since",
        ):
            return None  # "1:37" alone: a video length or a score
    day: date | None = ctx.ref or ctx.dct
    tail = (m["tail"] or "").strip(" ,").lower()
    if tail and ctx.dct is not None:
        if tail in ("today", "tonight"):
            day = ctx.dct
        elif tail == "yesterday":
            day = shift(ctx.dct, "D", -1)
        elif tail == "tomorrow":
            day = shift(ctx.dct, "D", 1)
        elif tail in lexicon()["weekdays"]:
            tense = ctx.tense(m.start())
            day = weekday_date(ctx.dct, _weekday(tail), "future" if tense == "future" else "past")
    following = _FOLLOWING_DATE.match(ctx.text, m.end())
    mon_word = following and (following["mon"] or following["mon2"])
    if following and mon_word and ctx.dct is not None and _cap(mon_word):
        month, dd = _month(mon_word), _day(following["d"] or following["d2"])
        if _valid(2000, month, dd):
            year = year_for_month(ctx.dct, month, ctx.tense(m.start()), dd)
            day = date(year, month, dd) if _valid(year, month, dd) else day
    base = day.isoformat() if day else "XXXX-XX-XX"
    return ("TIME", f"{base}T{hh:02d}:{mm:02d}{zone}", "relative" if day else "unresolved")


def h_military(m: re.Match[str], ctx: Context) -> Result | None:
    hh, mm = int(m["t"][:2]), int(m["t"][2:])
    if hh > 24 or mm > 59:
        return None
    zone = _ZONES.get(m["tz"].lower(), "")
    day = ctx.ref or ctx.dct
    base = day.isoformat() if day else "XXXX-XX-XX"
    return ("TIME", f"{base}T{hh:02d}:{mm:02d}{zone}", "relative" if day else "unresolved")


def h_noon(m: re.Match[str], ctx: Context) -> Result | None:
    day = ctx.ref or ctx.dct
    base = day.isoformat() if day else "XXXX-XX-XX"
    clock = "00:00" if m["w"].lower() == "midnight" else "12:00"
    return ("TIME", f"{base}T{clock}", "relative" if day else "unresolved")


def h_ref(m: re.Match[str], ctx: Context) -> Result | None:
    word = re.sub(r"\s+", " ", m["w"].lower())
    if word in ("current", "recent", "ongoing"):
        nxt = re.match(r"\s+([a-z]+)", ctx.text[m.end() : m.end() + 20].lower())
        if not nxt or nxt.group(1) in ("of", "and", "or", "to", "in"):
            return None
    return ("DATE", str(lexicon()["refs"][word]), "unresolved")


def h_year_edge(m: re.Match[str], ctx: Context) -> Result | None:
    """ "the end of the year", "the beginning of the month" (the publication's year/month)."""
    unit = m["u"].lower()
    gran = _GRAN[unit]
    if ctx.dct is None:
        return ("DATE", _unresolved(gran), "unresolved")
    return ("DATE", format_at(ctx.dct, gran), "relative")


class GroupView:
    """A match view that merges alternative group names ("u"/"u2") into the first."""

    def __init__(self, m: re.Match[str], unit_groups: tuple[str, ...] = ("u", "u2")) -> None:
        self._m = m
        self._units = unit_groups

    def __getitem__(self, key: str) -> str | None:
        gd = self._m.groupdict()
        if key == "u":
            return next((gd[g] for g in self._units if gd.get(g)), None)
        if key == "w":
            return gd.get("w") or gd.get("w2")
        return gd.get(key)

    def start(self, group: int | str = 0) -> int:
        return self._m.start(group)

    def end(self, group: int | str = 0) -> int:
        return self._m.end(group)

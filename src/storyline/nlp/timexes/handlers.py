"""Handlers that turn one matched temporal expression into a TIMEX3 type and value.

Used by :mod:`storyline.nlp.timexes.rules`, which holds the patterns and the cascade. Each
handler takes a regex match and the running context (publication date, tense lookup, the last
day the text mentioned) and returns ``(type, value, resolution)``, a list of sub-spans, or None
to reject the match.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from importlib import resources
from typing import Any, Literal

from storyline.nlp.numbers import CARDINAL_WORD
from storyline.nlp.timexes.resolve import (
    Tense,
    decade_prefix,
    duration_value,
    expand_two_digit_year,
    format_at,
    shift,
    weekday_date,
    year_for_month,
    year_for_quarter,
    year_for_season,
)

TimexKind = Literal["DATE", "TIME", "DURATION", "SET"]
Resolution = Literal["explicit", "relative", "unresolved"]
TenseAt = Callable[[int], Tense | None]
MAX_TEXT_CHARS = 2_000_000


@dataclass(frozen=True)
class TimexSpan:
    """One temporal expression: ``text == source[start:end]``."""

    start: int
    end: int
    text: str
    type: TimexKind
    value: str | None
    resolution: Resolution
    mod: str | None = None  # TIMEX3 mod: BEFORE ("pre-2014"), AFTER, START ("early"), MID, END


# the modifier words the MOD pattern matches, as TIMEX3 mod values ("earlier" / "later" set none)
MODS = {"pre": "BEFORE", "post": "AFTER", "early": "START", "mid": "MID", "late": "END"}


def timex_mod(word: str | None) -> str | None:
    """The TIMEX3 ``mod`` of a matched modifier ("pre-", "early ", "mid-")."""
    return MODS.get((word or "").strip(" -").lower())


@lru_cache(maxsize=1)
def lexicon() -> dict[str, Any]:
    raw = resources.files("storyline.nlp").joinpath("data/timex_lexicon.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(raw)
    return data


def _alt(words: list[str] | dict[str, Any]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


# ---- patterns -------------------------------------------------------------------------------

_B = r"\b(?<![\w'’.,/:-])"  # start of a word that is not part of a number or a longer word
_B_MARK = r"(?<![\w'’.,/:-])"  # the same, where the match may open with an apostrophe
_E = r"(?![\w-]|[.,:/]\d)"  # end of a word not glued to more digits or letters


@lru_cache(maxsize=1)
def _pieces() -> dict[str, str]:
    lx = lexicon()
    full_months = [m for m in lx["months"] if len(m) > 4 or m in ("may", "june", "july")]
    abbr_months = [m for m in lx["months"] if m not in full_months]
    weekdays = [w for w in lx["weekdays"] if len(w) > 5]
    units = _alt(lx["units"])
    vague = _alt(lx["vague_counts"])
    p = {
        "MONTH": rf"(?:{_alt(full_months)}|(?:{_alt(abbr_months)})\.?)",
        "MONTH_FULL": rf"(?:{_alt(full_months)})",
        "WEEKDAY": rf"(?:{_alt(weekdays)})",
        "DAY": r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?",
        "YEAR": r"(?:1[6-9]\d\d|20\d\d)",
        "UNITS": rf"(?:{units})",
        "VAGUE": rf"(?:{vague})",
        "SEASON": rf"(?:{_alt(lx['seasons'])})",
        "REFS": rf"(?:{_alt(lx['refs'])})",
        "HOLIDAYS": rf"(?:{_alt(lx['holidays'])})",
        "PART": rf"(?:{_alt(lx['parts_of_day'])})",
        "NUM": rf"(?:\d+(?:\.\d+)?|{CARDINAL_WORD}(?:[\s-]+(?:and\s+)?{CARDINAL_WORD})*(?:\s+and\s+a\s+half)?)",
        "QUAL": r"(?:(?:about|around|roughly|nearly|almost|approximately|some|more\s+than|less\s+than|"
        r"fewer\s+than|over|under|at\s+least|at\s+most|up\s+to|just|only|another|a\s+further|"
        r"the\s+(?:past|last|next|first|previous|following|coming|final|remaining|last\s+few|past\s+few|"
        r"next\s+few))\s+)",
        "EDGE": r"(?:(?:the\s+)?(?:end|beginning|start|middle|close|turn)\s+of\s+)",
        "MOD": r"(?:(?:early|mid|late|earlier|later)(?:\s+|-)|(?:pre|post)-)",
    }
    return p


class _LazyPattern:
    """A pattern compiled on first use (the word lists load lazily)."""

    def __init__(self, source: str) -> None:
        self.source = source
        self._compiled: re.Pattern[str] | None = None

    def match(self, text: str, pos: int) -> re.Match[str] | None:
        if self._compiled is None:
            self._compiled = compile_rule(self.source)
        return self._compiled.match(text, pos)


_FOLLOWING_DATE = _LazyPattern(
    r",?\s+(?:on\s+)?(?:(?:{WEEKDAY}),?\s+)?(?:(?P<mon>{MONTH})\s+(?P<d>{DAY})|(?P<d2>{DAY})\s+(?:of\s+)?(?P<mon2>{MONTH})){E}"
)


def compile_rule(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern.format(**_pieces(), B=_B, BM=_B_MARK, E=_E), re.IGNORECASE)


@dataclass
class Context:
    text: str
    dct: date | None
    tense_at: TenseAt
    ref: date | None = None  # the last day the text mentioned (for "the same day", clock times)
    ref_year: int | None = None  # the last year the text mentioned (for "the year before")
    ref_value: str | None = None  # the last calendar DATE value (for "the same month last year")
    out: list[TimexSpan] = field(default_factory=list)

    def tense(self, pos: int) -> Tense | None:
        return self.tense_at(pos)

    def before(self, pos: int, n: int = 24) -> str:
        return self.text[max(0, pos - n) : pos].lower()

    def after(self, pos: int, n: int = 24) -> str:
        return self.text[pos : pos + n].lower()


Result = tuple[TimexKind, str | None, Resolution]
Handler = Callable[[Any, Context], Result | list[tuple[int, int, Result]] | None]


def _cap(word: str | None) -> bool:
    return bool(word) and word[0].isupper()  # type: ignore[index]


def _month(word: str) -> int:
    return int(lexicon()["months"][word.lower().rstrip(".")])


def _weekday(word: str) -> int:
    return int(lexicon()["weekdays"][word.lower()])


def _unit(word: str) -> str:
    return str(lexicon()["units"][re.sub(r"\s+", " ", word.lower())])


def _day(word: str) -> int:
    return int(re.sub(r"\D", "", word))


def _valid(y: int, m: int, d: int) -> bool:
    try:
        date(y, m, d)
    except ValueError:
        return False
    return True


def _day_value(y: int, m: int, d: int) -> str | None:
    return f"{y:04d}-{m:02d}-{d:02d}" if _valid(y, m, d) else None


# ---- handlers -------------------------------------------------------------------------------


def h_iso(m: re.Match[str], ctx: Context) -> Result | None:
    v = _day_value(int(m["y"]), int(m["m"]), int(m["d"]))
    return ("DATE", v, "explicit") if v else None


def h_slash(m: re.Match[str], ctx: Context) -> Result | None:
    a, b, yy = int(m["a"]), int(m["b"]), m["y"]
    year = int(yy) if len(yy) == 4 else expand_two_digit_year(int(yy), ctx.dct)
    month, day = (a, b) if a <= 12 else (b, a)
    v = _day_value(year, month, day)
    return ("DATE", v, "explicit") if v else None


def h_full(m: re.Match[str], ctx: Context) -> Result | None:
    if not _cap(m["mon"]):
        return None
    v = _day_value(int(m["y"]), _month(m["mon"]), _day(m["d"]))
    return ("DATE", v, "explicit") if v else None


def h_month_day(m: re.Match[str], ctx: Context) -> Result | None:
    if not _cap(m["mon"]):
        return None
    month, day = _month(m["mon"]), _day(m["d"])
    if m["d"].isdigit() and len(m["d"]) == 1 and m["mon"].lower() == "may" and not m["wd"]:
        pass
    if not _valid(2000, month, day):
        return None
    if ctx.dct is None:
        return ("DATE", f"XXXX-{month:02d}-{day:02d}", "unresolved")
    year = year_for_month(ctx.dct, month, ctx.tense(m.start()), day)
    return ("DATE", _day_value(year, month, day), "relative")


def h_month_year(m: re.Match[str], ctx: Context) -> Result | None:
    if not _cap(m["mon"]):
        return None
    return ("DATE", f"{int(m['y']):04d}-{_month(m['mon']):02d}", "explicit")


_REL_YEAR = {"this": 0, "last": -1, "next": 1, "the": 0, "the previous": -1, "the following": 1}


def h_month(m: re.Match[str], ctx: Context) -> Result | None:
    mon = m["mon"]
    if not _cap(mon):
        return None
    month = _month(mon)
    rel = (m["rel"] or "").lower()
    suffix = re.sub(r"\s+", " ", (m["ofy"] or "").lower())
    if mon.lower() == "may" and not (rel or m["mod"] or m["edge"] or suffix):
        prev = re.findall(r"[a-z]+", ctx.before(m.start(), 12))
        if not prev or prev[-1] not in (
            "in",
            "since",
            "until",
            "till",
            "by",
            "of",
            "from",
            "through",
            "during",
        ):
            return None
    if ctx.dct is None:
        return ("DATE", f"XXXX-{month:02d}", "unresolved")
    if suffix:
        shift_years = _REL_YEAR.get(suffix.split(" year")[0].replace("of ", "").strip(), 0)
        return ("DATE", f"{ctx.dct.year + shift_years:04d}-{month:02d}", "relative")
    if rel == "last":
        year = ctx.dct.year if month < ctx.dct.month else ctx.dct.year - 1
    elif rel == "next":
        year = ctx.dct.year if month > ctx.dct.month else ctx.dct.year + 1
    elif rel == "this":
        year = ctx.dct.year
    else:
        year = year_for_month(ctx.dct, month, ctx.tense(m.start()))
    return ("DATE", f"{year:04d}-{month:02d}", "relative")


def h_year(m: re.Match[str], ctx: Context) -> Result | None:
    year = int(m["y"])
    before = ctx.before(m.start(), 16)
    after = ctx.after(m.end(), 30)
    if re.search(
        r"[$£€¥#]\s*$|\d[\s,.]*$|\b(?:no|nos|number|page|pp?|flight|route|room|rule|article|section)\.?\s*$",
        before,
    ):
        return None
    if re.match(
        r"\s*(?:%|percent|per\s+cent|[a-z]*\s*(?:km|kg|mph|mw|gw|kw|miles|metres|meters|feet|acres|tonnes|tons))",
        after,
    ):
        return None
    nxt = re.match(r"\s+([A-Za-z]+)", ctx.text[m.end() : m.end() + 30])
    if nxt and not m["mod"] and not m["edge"]:
        word = nxt.group(1)
        prev_words = re.findall(r"[a-z]+", before)
        prev = prev_words[-1] if prev_words else ""
        if (
            word.islower()
            and word.endswith("s")
            and not word.endswith("ss")
            and prev
            not in ("in", "since", "by", "until", "of", "from", "before", "after", "during", "the", "to")
        ):
            return None  # "2000 troops"
    if ctx.dct is not None and year > ctx.dct.year + 60:
        return None
    if (
        not m["mod"]
        and not m["edge"]
        and _after_name(ctx, m.start())
        and re.match(r"\s+[A-Z]", ctx.text[m.end() : m.end() + 3])
    ):
        return None  # a name with a number in it: "the Acme 2000 Index"
    return ("DATE", f"{year:04d}", "explicit")


def h_two_digit_year(m: re.Match[str], ctx: Context) -> Result | None:
    prev = re.findall(r"[a-z]+", ctx.before(m.start(), 12))
    if not prev or prev[-1] not in (
        "in",
        "since",
        "until",
        "of",
        "from",
        "to",
        "class",
        "by",
        "before",
        "after",
    ):
        return None
    return ("DATE", f"{expand_two_digit_year(int(m['yy']), ctx.dct):04d}", "explicit")


def h_decade(m: re.Match[str], ctx: Context) -> Result | None:
    v = decade_prefix(m["dd"], ctx.dct)
    if v is None:
        return None
    return ("DATE", v, "explicit" if len(m["dd"]) == 4 else "relative")


_PART_CODES = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}


def _with_part(d: date | None, part: str | None, res: Resolution) -> Result:
    if d is None:
        base = "XXXX-XX-XX"
        res = "unresolved"
    else:
        base = d.isoformat()
    if part:
        return ("TIME", f"{base}T{_PART_CODES[part.lower()]}", res)
    return ("DATE", base, res)


_OPEN_MARKS = "“‘«"
_CLOSE_MARKS = "”’»"


def inside_quote(text: str, pos: int) -> bool:
    """True when ``pos`` is inside quotation marks within its paragraph."""
    para = text[text.rfind("\n", 0, pos) + 1 : pos]
    para = para.replace("``", "“").replace("''", "”")
    depth = sum(para.count(c) for c in "“«") - sum(para.count(c) for c in "”»")
    if depth > 0:
        return True
    return para.count('"') % 2 == 1


def speech_anchor(ctx: Context, pos: int) -> date | None:
    """The day deictic words ("today", "tonight") refer to at ``pos``.

    Outside quotes: the publication date. Inside a quote: the day the text last mentioned, when
    that is in the week before publication (words quoted from a speech given then).
    """
    if ctx.dct is None:
        return None
    if ctx.ref is not None and 0 < (ctx.dct - ctx.ref).days <= 7 and inside_quote(ctx.text, pos):
        return ctx.ref
    return ctx.dct


def h_relday(m: re.Match[str], ctx: Context) -> Result | None:
    word = m["w"].lower()
    offset = {"today": 0, "yesterday": -1, "tomorrow": 1, "tonight": 0}[word]
    pre = re.sub(r"\s+", " ", (m["pre"] or "").lower())
    if "before" in pre:
        offset -= 1
    elif "after" in pre:
        offset += 1
    anchor = speech_anchor(ctx, m.start())
    d = shift(anchor, "D", offset) if anchor else None
    if d is not None:
        ctx.ref = d
    part = "night" if word == "tonight" else m["part"]
    return _with_part(d, part, "relative")


def h_this_part(m: re.Match[str], ctx: Context) -> Result | None:
    rel = m["rel"].lower()
    d = speech_anchor(ctx, m.start())
    if d is not None and rel == "last":
        d = shift(d, "D", -1)
    return _with_part(d, m["part"], "relative")


_LEAD_WORDS = frozenset(
    [
        "on",
        "by",
        "until",
        "till",
        "since",
        "from",
        "before",
        "after",
        "last",
        "next",
        "this",
        "early",
        "late",
        "every",
        "each",
        "and",
        "or",
        "but",
        "the",
        "a",
        "an",
        "in",
        "at",
        "of",
        "for",
        "to",
        "said",
        "says",
    ]
)


def _after_name(ctx: Context, pos: int) -> bool:
    """True when the word before ``pos`` is a capitalised name word, not a sentence opener."""
    m = re.search(r"([.!?:;\"“”‘’(\n]\s*)?\b([A-Z][\w’'-]*)\s+$", ctx.text[max(0, pos - 40) : pos])
    if not m or m.group(1) is not None:
        return False
    word = m.group(2)
    if word.lower() in _LEAD_WORDS or word.lower() in lexicon()["months"] or word.isupper():
        return False
    start = pos - len(m.group(0))
    return not re.search(r"(?:^|[.!?:;\"“”‘’(\n])\s*$", ctx.text[max(0, start - 3) : start])


def h_weekday(m: re.Match[str], ctx: Context) -> Result | None:
    wd_word = m["wd"]
    if not _cap(wd_word):
        return None
    wd = _weekday(wd_word)
    rel = re.sub(r"\s+", " ", (m["rel"] or "").lower()).strip()
    if ctx.dct is None:
        return ("DATE" if not m["part"] else "TIME", f"XXXX-WXX-{wd}", "unresolved")
    if rel in ("last", "past", "previous"):
        d = weekday_date(ctx.dct, wd, "last")
    elif rel == "next":
        d = weekday_date(ctx.dct, wd, "next")
    elif rel in ("this coming", "coming"):
        d = weekday_date(ctx.dct, wd, "future")
    elif rel == "this":
        d = weekday_date(ctx.dct, wd, "this")
    else:
        tense = ctx.tense(m.start())
        d = weekday_date(ctx.dct, wd, "future" if tense == "future" else "past")
    ctx.ref = d
    return _with_part(d, m["part"], "relative")


def h_weekdays_set(m: re.Match[str], ctx: Context) -> Result | None:
    if not _cap(m["wd"]):
        return None
    return ("SET", f"XXXX-WXX-{_weekday(m['wd'])}", "explicit")


_REL_SHIFT = {
    "this": 0,
    "the current": 0,
    "current": 0,
    "last": -1,
    "past": -1,
    "previous": -1,
    "the previous": -1,
    "the last": -1,
    "the past": -1,
    "next": 1,
    "coming": 1,
    "the coming": 1,
    "the next": 1,
    "the following": 1,
}
_GRAN = {
    "week": "W",
    "weekend": "WE",
    "month": "M",
    "year": "Y",
    "quarter": "Q",
    "decade": "DE",
    "century": "CE",
}


def h_relunit(m: re.Match[str], ctx: Context) -> Result | None:
    rel = re.sub(r"\s+", " ", m["rel"].lower())
    unit = m["u"].lower()
    gran = _GRAN[unit]
    n = _REL_SHIFT[rel]
    if (rel in ("the past", "the last") and unit in ("decade", "century")) or (
        rel == "the past" and unit != "weekend"
    ):
        return ("DURATION", duration_value(1, "DE" if unit == "decade" else gran), "explicit")
    anchor = ctx.dct
    if rel in ("the previous", "the following"):
        anchor = ctx.ref or ctx.dct
    if anchor is None:
        return ("DATE", None if gran == "WE" else _unresolved(gran), "unresolved")
    step = "W" if gran == "WE" else gran
    return ("DATE", format_at(shift(anchor, step, n), gran), "relative")


def _unresolved(gran: str) -> str:
    return {"W": "XXXX-WXX", "M": "XXXX-XX", "Q": "XXXX-QX", "Y": "XXXX", "DE": "XXX", "CE": "XX"}.get(
        gran, "XXXX-XX-XX"
    )


def h_unit_relative(m: Any, ctx: Context) -> Result | None:
    """ "the year before", "the day after", "the previous day" (anchored on the last date)."""
    unit = m["u"].lower()
    word = (m["w"] or "").lower()
    if word in ("before", "after") and re.match(
        r"\s+(?:\w+ing|the|a|an|his|her|its|their|he|she|it|they)\b", ctx.after(m.end(), 16)
    ):
        return None  # "the day after falling ...", "the day before the vote": anchored on an event
    n = -1 if word in ("before", "earlier", "previous", "prior", "preceding") else 1
    anchor = ctx.ref or ctx.dct
    if unit == "year" and ctx.ref_year is not None:
        return ("DATE", f"{ctx.ref_year + n:04d}", "relative")
    gran = {"day": "D", **_GRAN}[unit]
    if anchor is None:
        return ("DATE", _unresolved(gran), "unresolved")
    d = shift(anchor, "W" if gran == "WE" else gran, n)
    if gran == "D":
        ctx.ref = d
    return ("DATE", format_at(d, gran), "relative")


def h_same_period(m: re.Match[str], ctx: Context) -> Result | None:
    """ "the same month last year", "the same period a year earlier": the last period, a year back."""
    back = ctx.ref_value
    if back is None or not re.match(r"\d{4}", back):
        if ctx.dct is None:
            return ("DATE", "XXXX", "unresolved")
        return ("DATE", f"{ctx.dct.year - 1:04d}", "relative")
    return ("DATE", f"{int(back[:4]) - 1:04d}{back[4:]}", "relative")


def h_whole_period(m: re.Match[str], ctx: Context) -> Result | None:
    """ "the entire year": the year (month, week) the text is about."""
    unit = m["u"].lower()
    gran = _GRAN[unit]
    if unit == "year" and ctx.ref_year is not None:
        return ("DATE", f"{ctx.ref_year:04d}", "relative")
    anchor = ctx.ref or ctx.dct
    if anchor is None:
        return ("DATE", _unresolved(gran), "unresolved")
    return ("DATE", format_at(anchor, gran), "relative")


def h_streak(m: re.Match[str], ctx: Context) -> Result | None:
    """ "for a second consecutive day": the day (week, ...) the text is about."""
    gran = {"day": "D", "week": "W", "month": "M", "year": "Y", "quarter": "Q"}[m["u"].lower()]
    anchor = ctx.ref or ctx.dct
    if anchor is None:
        return ("DATE", _unresolved(gran), "unresolved")
    return ("DATE", format_at(anchor, gran), "relative")


def h_anaphor(m: re.Match[str], ctx: Context) -> Result | None:
    anchor = ctx.ref or ctx.dct
    if anchor is None:
        return ("DATE", "XXXX-XX-XX", "unresolved")
    return ("DATE", anchor.isoformat(), "relative")


_Q_WORDS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}


def h_quarter(m: re.Match[str], ctx: Context) -> Result | None:
    word = (m["q"] or "").lower()
    if m["qn"]:
        q = int(m["qn"])
    elif word in ("final", "last") and not m["ofy"] and ctx.dct is not None:
        prev = shift(ctx.dct, "Q", -1)
        if word == "final":
            return ("DATE", f"{ctx.dct.year:04d}-Q4", "relative")
        return ("DATE", format_at(prev, "Q"), "relative")
    else:
        q = _Q_WORDS.get(word, 4)
    ofy = re.sub(r"\s+", " ", (m["ofy"] or "").lower())
    year_m = re.search(r"\d{4}", ofy)
    if year_m:
        return ("DATE", f"{year_m.group()}-Q{q}", "explicit")
    if ctx.dct is None:
        return ("DATE", f"XXXX-Q{q}", "unresolved")
    if ofy:
        n = -1 if "last" in ofy or "previous" in ofy else 1 if "next" in ofy else 0
        return ("DATE", f"{ctx.dct.year + n:04d}-Q{q}", "relative")
    return ("DATE", f"{year_for_quarter(ctx.dct, q, ctx.tense(m.start())):04d}-Q{q}", "relative")


def h_season(m: re.Match[str], ctx: Context) -> Result | None:
    season_word = m["s"].lower()
    code = str(lexicon()["seasons"][season_word])
    rel = (m["rel"] or "").lower()
    prev = re.findall(r"[a-z]+", ctx.before(m.start(), 12))
    if m["y"]:
        return ("DATE", f"{m['y']}-{code}", "explicit")
    if season_word == "fall" and rel not in ("this", "last", "next"):
        return None
    if not rel and not (prev and prev[-1] in ("in", "during", "by", "until", "since", "through", "over")):
        return None
    if ctx.dct is None:
        return ("DATE", f"XXXX-{code}", "unresolved")
    cur = ctx.dct.year
    if rel == "last":
        year = cur - 1
    elif rel == "next":
        year = cur + 1
    elif rel == "this":
        year = cur
    else:
        year = year_for_season(ctx.dct, code, ctx.tense(m.start()))
    return ("DATE", f"{year:04d}-{code}", "relative")

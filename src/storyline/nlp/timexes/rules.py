"""Find temporal expressions in text and normalise them to TIMEX3 values.

A cascade of regular-expression rules built from the word lists in ``data/timex_lexicon.json``:

1. every rule proposes spans (dates, times, durations, sets, vague references);
2. overlapping proposals are settled longest first (ties: the earlier rule);
3. the kept spans are resolved left to right against the publication date, and anaphoric
   ones ("the same day", a clock time) against the last day the text mentioned.

Pure text in, plain spans out: :func:`find_timexes` never needs spaCy. The spaCy component
passes a ``tense_at`` callback (the governing verb's tense) to choose between the last and the
next Monday; without it a small cue-word heuristic is used.
"""

from __future__ import annotations

import bisect
import re
from datetime import date
from functools import lru_cache

from storyline.nlp.timexes.durations import (
    GroupView,
    h_ago,
    h_bare_units,
    h_clock,
    h_duration,
    h_duration_range,
    h_holiday,
    h_military,
    h_noon,
    h_ref,
    h_set_every,
    h_set_word,
    h_weekend,
    h_year_edge,
)
from storyline.nlp.timexes.handlers import (
    MAX_TEXT_CHARS,
    Context,
    Handler,
    Result,
    TenseAt,
    TimexSpan,
    compile_rule,
    h_anaphor,
    h_decade,
    h_full,
    h_iso,
    h_month,
    h_month_day,
    h_month_year,
    h_quarter,
    h_relday,
    h_relunit,
    h_same_period,
    h_season,
    h_slash,
    h_streak,
    h_this_part,
    h_two_digit_year,
    h_unit_relative,
    h_weekday,
    h_weekdays_set,
    h_whole_period,
    h_year,
    lexicon,
    timex_mod,
)
from storyline.nlp.timexes.resolve import Tense, parse_iso_date

# Order matters only for ties in length: the earlier rule wins.
_RULE_SOURCES: list[tuple[str, str, Handler]] = [
    ("iso", r"{B}(?P<y>{YEAR})-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?!\d)", h_iso),
    ("slash", r"{B}(?P<a>[01]?\d|[0-3]\d)/(?P<b>[0-3]?\d)/(?P<y>\d{{4}}|\d{{2}}){E}", h_slash),
    (
        "mdy",
        r"{B}(?:(?P<wd>{WEEKDAY}),?\s+)?(?P<mon>{MONTH})\s+(?P<d>{DAY})(?:,\s*|\s+)(?P<y>{YEAR}){E}",
        h_full,
    ),
    (
        "dmy",
        r"{B}(?:(?P<wd>{WEEKDAY}),?\s+)?(?:the\s+)?(?P<d>{DAY})\s+(?:of\s+)?(?P<mon>{MONTH}),?\s+(?P<y>{YEAR}){E}",
        h_full,
    ),
    ("md", r"{B}(?:(?P<wd>{WEEKDAY}),?\s+)?(?P<mon>{MONTH})\s+(?P<d>{DAY}){E}(?!\s*\d)", h_month_day),
    (
        "dm",
        r"{B}(?:(?P<wd>{WEEKDAY}),?\s+)?(?:the\s+)?(?P<d>{DAY})\s+(?:of\s+)?(?P<mon>{MONTH}){E}",
        h_month_day,
    ),
    ("my", r"{B}(?:{EDGE})?(?:{MOD})?(?P<mon>{MONTH}),?\s+(?:of\s+)?(?P<y>{YEAR}){E}", h_month_year),
    (
        "month",
        r"{B}(?P<edge>{EDGE})?(?P<mod>{MOD})?(?:(?P<rel>last|next|this)\s+)?(?P<mon>{MONTH_FULL}){E}(?!\s+\d)"
        r"(?P<ofy>\s+of\s+(?:this|last|next|the\s+previous|the\s+following)\s+year)?",
        h_month,
    ),
    ("year", r"{B}(?P<edge>{EDGE})?(?P<mod>{MOD})?(?P<y>{YEAR}){E}(?!\s*[-–]\s*\d)(?!,\d)", h_year),
    ("yy", r"(?<![\w'’])['’](?P<yy>\d\d){E}(?!s)", h_two_digit_year),
    (
        "decade",
        r"{BM}(?:the\s+)?(?:(?:early|mid|late)[\s-]+)?['’]?(?P<dd>(?:1[6-9]|20)\d0|\d0)['’]?s{E}",
        h_decade,
    ),
    (
        "relday",
        r"{B}(?P<pre>the\s+day\s+(?:before|after)\s+|(?:earlier|later)\s+)?(?P<w>today|yesterday|tomorrow|tonight)"
        r"(?:\s+(?P<part>{PART}))?{E}",
        h_relday,
    ),
    ("this_part", r"{B}(?P<rel>this|last)\s+(?P<part>morning|afternoon|evening|night){E}", h_this_part),
    (
        "weekday",
        r"{B}(?:(?P<rel>last|next|this\s+coming|this|coming|past|previous)\s+)?(?P<wd>{WEEKDAY})"
        r"(?:\s+(?P<part>{PART}))?{E}",
        h_weekday,
    ),
    ("weekdays", r"{B}(?:on\s+)?(?P<wd>{WEEKDAY})s{E}", h_weekdays_set),
    (
        "relunit",
        r"{B}(?:{EDGE})?(?:(?:earlier|later|early|late)\s+)?(?P<rel>this|last|next|coming|past|previous|"
        r"the\s+current|the\s+previous|the\s+last|the\s+past|the\s+coming|the\s+next|the\s+following)\s+"
        r"(?P<u>week|weekend|month|year|quarter|decade|century){E}",
        h_relunit,
    ),
    (
        "unit_relative",
        r"{B}(?:the\s+(?P<u>day|week|month|year)\s+(?P<w>before|after|earlier|later|previous|prior)"
        r"|the\s+(?P<w2>previous|preceding|following|next)\s+(?P<u2>day))(?!\s+(?:yesterday|tomorrow)){E}",
        lambda m, ctx: h_unit_relative(GroupView(m), ctx),
    ),
    (
        "anaphor",
        r"{B}(?:(?:the\s+)?(?:start|end|beginning|rest|remainder)\s+of\s+)?(?:the\s+same|that|the)\s+day{E}"
        r"(?!\s+(?:before|after|when|of|that|on))",
        h_anaphor,
    ),
    (
        "year_edge",
        r"{B}(?:the\s+)?(?:end|beginning|start|middle|turn|rest|remainder)\s+of\s+the\s+(?P<u>year|month|week){E}",
        h_year_edge,
    ),
    (
        "quarter",
        r"{B}(?:the\s+)?(?:(?P<q>first|second|third|fourth|final|last|1st|2nd|3rd|4th)[\s-]+quarter|Q(?P<qn>[1-4]))"
        r"(?P<ofy>\s+(?:of\s+)?(?:{YEAR}|this\s+year|last\s+year|next\s+year|the\s+previous\s+year))?{E}",
        h_quarter,
    ),
    (
        "season",
        r"{B}(?:(?P<rel>this|last|next|early|late|mid)[\s-]+)?(?P<s>{SEASON})(?:\s+(?:of\s+)?(?P<y>{YEAR}))?{E}",
        h_season,
    ),
    (
        "ago",
        r"{B}(?:{QUAL})?(?P<n>{NUM}|an?|{VAGUE}|half\s+an?)\s+(?P<u>{UNITS})\s+(?P<w>ago|earlier|later){E}",
        h_ago,
    ),
    (
        "duration_range",
        r"{B}(?:between\s+|from\s+)?(?P<a>{NUM})\s*(?:-|–|to|and|or)\s*(?P<b>{NUM})[\s-]+(?P<u>{UNITS}){E}",
        h_duration_range,
    ),
    (
        "duration",
        r"{B}(?P<qual>{QUAL})?(?P<n>{NUM}|an?|{VAGUE}|half\s+an?|(?:a\s+)?single)(?:\s+|-)"
        r"(?P<mod>(?:straight|consecutive|successive|trading|working|business|calendar|full|more|long|whole)\s+)?"
        r"(?P<u>{UNITS})(?P<tail>-long|-old|\s+long)?{E}",
        h_duration,
    ),
    (
        "bare_units",
        r"{B}(?:for|in|within|over|after)\s+(?:just\s+|only\s+|mere\s+)?(?P<span>(?:the\s+)?(?:(?:past|last|recent|coming|next)\s+)?"
        r"(?P<u>years|decades|months|weeks|days|hours|minutes|centuries)(?:-long)?){E}|"
        r"{B}(?:over\s+the|recent)\s+(?P<u2>years|decades|months|weeks){E}|"
        r"{B}(?P<u3>years|decades|months|weeks)-long{E}",
        lambda m, ctx: h_bare_units(GroupView(m, unit_groups=("u", "u2", "u3")), ctx),
    ),
    (
        "set_word",
        r"{B}(?P<w>hourly|daily|nightly|weekly|fortnightly|monthly|quarterly|yearly|annually|annual){E}",
        h_set_word,
    ),
    (
        "set_every",
        r"{B}(?P<h>every|each|per|an?)\s+(?P<other>other\s+)?(?P<n>{NUM}\s+)?"
        r"(?P<u>second|minute|hour|day|week|fortnight|month|quarter|year|decade|{WEEKDAY}|morning|night){E}",
        h_set_every,
    ),
    (
        "clock",
        r"{B}(?P<hh>[01]?\d|2[0-4])(?=[:.][0-5]\d|\s?[ap]\.?\s?m\b)(?:(?P<sep>[:.])(?P<mm>[0-5]\d))?\s*(?P<ampm>[ap]\.?\s?m\.?(?![a-z]))?"
        r"(?:\s*(?P<tz>UTC|GMT|Z)\b)?(?:\s*\(?GMT\s*[+-]\s*\d{{1,2}}\)?)?"
        r"(?P<tail>,?\s+(?:today|tonight|yesterday|tomorrow|{WEEKDAY})\b)?",
        h_clock,
    ),
    ("military", r"{B}(?P<t>[0-2]\d[0-5]\d)\s*(?P<tz>UTC|GMT){E}", h_military),
    (
        "same_period",
        r"{B}the\s+same\s+(?:period|month|quarter|week|day|time|season)\s+(?:of\s+)?(?:last\s+year|the\s+last\s+year|"
        r"a\s+year\s+(?:ago|earlier|before)|the\s+(?:previous|prior|preceding)\s+year){E}",
        h_same_period,
    ),
    ("whole_period", r"{B}the\s+(?:entire|whole|full)\s+(?P<u>year|month|week){E}", h_whole_period),
    (
        "streak",
        r"{B}(?:a|the)\s+(?:second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d+(?:st|nd|rd|th))\s+"
        r"(?:straight|consecutive|successive)\s+(?P<u>day|week|month|year|quarter){E}",
        h_streak,
    ),
    ("weekend", r"{B}the\s+weekend{E}", h_weekend),
    ("holiday", r"{B}(?P<h>{HOLIDAYS})(?:\s+(?P<y>{YEAR}))?{E}", h_holiday),
    ("noon", r"{B}(?P<w>noon|midday|midnight){E}", h_noon),
    (
        "ref",
        r"{B}(?P<w>{REFS}){E}",
        h_ref,
    ),
]


# A cheap test per rule: a paragraph holding none of these words (or no such characters) cannot
# hold a match, so the rule's full pattern is not run on it.
_UNIT_WORDS = (
    "second seconds minute minutes hour hours day days night nights week weeks fortnight fortnights "
    "month months quarter quarters year years decade decades century centuries"
)
_WORD_TRIGGERS: dict[str, str] = {
    "mdy": "@months",
    "dmy": "@months",
    "md": "@months",
    "dm": "@months",
    "my": "@months",
    "month": "@months",
    "relday": "today yesterday tomorrow tonight",
    "this_part": "morning afternoon evening night",
    "weekday": "@weekdays",
    "relunit": "week weekend month year quarter decade century",
    "unit_relative": "day week month year",
    "anaphor": "day",
    "year_edge": "year month week",
    "quarter": "quarter q1 q2 q3 q4",
    "season": "@seasons",
    "ago": "ago earlier later",
    "duration_range": _UNIT_WORDS,
    "duration": _UNIT_WORDS,
    "bare_units": "years decades months weeks days hours minutes centuries",
    "set_word": "@sets",
    "set_every": "every each per a an",
    "same_period": "same",
    "whole_period": "entire whole full",
    "streak": "straight consecutive successive",
    "weekend": "weekend",
    "holiday": "christmas boxing new halloween valentine easter good",
    "noon": "noon midday midnight",
    "ref": "now currently nowadays present days being recently recent past soon future term",
}
_CHAR_TRIGGERS: dict[str, str] = {
    "iso": r"\d-\d",
    "slash": r"\d/\d",
    "year": r"\d\d\d\d",
    "yy": r"['’]\d",
    "decade": r"\d0['’]?s",
    "clock": r"\d[:.]\d|\d\s?[aApP]\.?\s?[mM]",
    "military": r"\d\s*(?:UTC|GMT|utc|gmt)",
    "weekdays": r"days\b",
}
_WORD = re.compile(r"[a-z0-9]+")


def _trigger_words(spec: str) -> frozenset[str]:
    if spec.startswith("@"):
        words = {w for key in lexicon()[spec[1:]] for w in re.findall(r"[a-z0-9]+", key.lower())}
        return frozenset(words)
    return frozenset(spec.split())


@lru_cache(maxsize=1)
def _triggers() -> list[frozenset[str] | re.Pattern[str] | None]:
    out: list[frozenset[str] | re.Pattern[str] | None] = []
    for name, _src, _h in _RULE_SOURCES:
        if name in _WORD_TRIGGERS:
            out.append(_trigger_words(_WORD_TRIGGERS[name]))
        elif name in _CHAR_TRIGGERS:
            out.append(re.compile(_CHAR_TRIGGERS[name]))
        else:
            out.append(None)
    return out


@lru_cache(maxsize=1)
def _rules() -> list[tuple[str, re.Pattern[str], Handler]]:
    return [(name, compile_rule(src), handler) for name, src, handler in _RULE_SOURCES]


_FUTURE_CUES = re.compile(
    r"\b(?:will|won't|shall|'ll|going\s+to|plans?\s+to|planned|intends?\s+to|is\s+to|are\s+to|to\s+be|"
    r"scheduled|due|expected\s+to|set\s+to|next|upcoming|would|should|could|may|might)\b",
    re.IGNORECASE,
)
_PAST_CUES = re.compile(r"\b(?:was|were|had|did|said|told|ago|last|\w{3,}ed)\b", re.IGNORECASE)


def heuristic_tense(text: str) -> TenseAt:
    """A tense guess from cue words in the same sentence (used when no parse is available)."""

    def tense_at(pos: int) -> Tense | None:
        left = text[max(0, pos - 120) : pos]
        cut = max(left.rfind(". "), left.rfind("\n"), left.rfind("? "), left.rfind("! "))
        left = left[cut + 1 :]
        word = re.match(r"[\w'’-]*", text[pos : pos + 30])
        skip = pos + (word.end() if word else 0)  # the expression's own first word is no cue
        right = text[skip : skip + 60]
        cut_r = min((i for i in (right.find(". "), right.find("\n")) if i >= 0), default=len(right))
        right = right[:cut_r]
        best: tuple[int, Tense] | None = None
        for pattern, tense in ((_FUTURE_CUES, "future"), (_PAST_CUES, "past")):
            for m in pattern.finditer(left):
                dist = len(left) - m.end()
                if best is None or dist < best[0]:
                    best = (dist, tense)  # type: ignore[assignment]
            m2 = pattern.search(right)
            if m2 is not None and (best is None or m2.start() < best[0]):
                best = (m2.start(), tense)  # type: ignore[assignment]
        return best[1] if best else None

    return tense_at


def find_timexes(
    text: str, published: str | date | None = None, tense_at: TenseAt | None = None
) -> list[TimexSpan]:
    """Every temporal expression in ``text``, normalised against ``published``.

    published: the reference date (the article's publication date) as a date or YYYY-MM-DD.
    tense_at: a function from a character offset to the tense of the clause there.
    RETURNS: spans in text order, non-overlapping, with ``text[start:end] == span.text``.
    """
    if len(text) > MAX_TEXT_CHARS:
        text = text[:MAX_TEXT_CHARS]
    dct = published if isinstance(published, date) else parse_iso_date(published)
    ctx = Context(text=text, dct=dct, tense_at=tense_at or heuristic_tense(text))
    candidates: list[tuple[int, int, int, re.Match[str], Handler]] = []
    triggers = _triggers()
    for p_start, p_end in _paragraphs(text):
        words = set(_WORD.findall(text[p_start:p_end].lower()))
        for priority, (_name, pattern, handler) in enumerate(_rules()):
            trigger = triggers[priority]
            if isinstance(trigger, frozenset):
                if trigger.isdisjoint(words):
                    continue
            elif trigger is not None and not trigger.search(text, p_start, p_end):
                continue
            for m in pattern.finditer(text, p_start, p_end):
                if m.end() > m.start():
                    candidates.append((m.start(), m.end(), priority, m, handler))
    candidates.sort(key=lambda c: (-(c[1] - c[0]), c[2], c[0]))
    probe = Context(text=text, dct=dct, tense_at=lambda _pos: None)  # acceptance never needs tense
    taken: list[tuple[int, int, int, re.Match[str], Handler]] = []
    starts: list[int] = []  # starts of the taken spans, sorted (they never overlap)
    ends: list[int] = []
    for cand in candidates:
        i = bisect.bisect_right(starts, cand[0])
        if (i > 0 and ends[i - 1] > cand[0]) or (i < len(starts) and starts[i] < cand[1]):
            continue
        if _resolved(cand[4], cand[3], probe) is None:
            continue
        starts.insert(i, cand[0])
        ends.insert(i, cand[1])
        taken.append(cand)
    taken.sort(key=lambda c: c[0])
    out: list[TimexSpan] = []
    for start, end, _p, m, handler in taken:
        result = _resolved(handler, m, ctx)
        if result is None:
            continue
        parts = result if isinstance(result, list) else [(start, end, result)]
        mod = timex_mod(m.groupdict().get("mod")) if len(parts) == 1 else None
        for s, e, (kind, value, resolution) in parts:
            s, e = _trim(text, s, e)
            if e <= s:
                continue
            out.append(TimexSpan(s, e, text[s:e], kind, value, resolution, mod))
            if kind == "DATE" and value and re.fullmatch(r"\d{4}-\d\d-\d\d", value):
                ctx.ref = date.fromisoformat(value)
            if kind == "DATE" and value and re.match(r"\d{4}(?:$|-)", value):
                ctx.ref_year = int(value[:4])
                ctx.ref_value = value
    return out


def _resolved(
    handler: Handler, m: re.Match[str], ctx: Context
) -> Result | list[tuple[int, int, Result]] | None:
    """The handler's value, or None when date arithmetic leaves the calendar (a reference date
    such as 9999-12-31 plus "next year" raises OverflowError or ValueError)."""
    try:
        return handler(m, ctx)
    except (OverflowError, ValueError):
        return None


def _paragraphs(text: str, size: int = 600) -> list[tuple[int, int]]:
    """Line-bounded windows of about ``size`` characters (rules never match across a newline)."""
    out: list[tuple[int, int]] = []
    start = 0
    while start < len(text):
        end = text.find("\n", start + size)
        end = len(text) if end < 0 else end + 1
        out.append((start, end))
        start = end
    return out


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in " ,\t\n":
        start += 1
    while end > start and text[end - 1] in " ,\t\n":
        end -= 1
    return start, end


__all__ = ["TimexSpan", "find_timexes", "heuristic_tense", "lexicon"]

"""Find figures in text: numbers with their qualifier, currency or unit, and a normalised value.

Pure text in, plain spans out (no spaCy). The spaCy component refines what each figure counts
(``about``) from the dependency parse; :func:`find_figures` gives a word-based guess.

    >>> [f.text for f in find_figures("More than 30 countries pledged £3billion.")]
    ['More than 30 countries', '£3billion']
"""

from __future__ import annotations

import bisect
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from storyline.nlp.numbers import NUMBER, SCALE_ABBREVIATIONS, SCALES, parse_number
from storyline.nlp.timexes.handlers import lexicon as timex_lexicon

MAX_TEXT_CHARS = 2_000_000


@dataclass(frozen=True)
class FigureSpan:
    """One figure: ``source[start:end] == text``; ``number_start/number_end`` bound the number."""

    start: int
    end: int
    text: str
    value: float | None
    value_max: float | None = None
    unit: str | None = None
    about: str | None = None
    qualifier: str | None = None
    number_start: int = 0
    number_end: int = 0
    core_end: int = 0  # end of the figure without the counted noun


@lru_cache(maxsize=1)
def units() -> dict[str, Any]:
    raw = resources.files("storyline.nlp").joinpath("data/figures_units.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(raw)
    return data


def _alt(words: Iterable[str]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern[str]:
    u = units()
    qual = _alt(u["qualifiers"])
    cur = _alt(u["currency_prefixes"])
    curw = _alt(u["currency_words"])
    pct = r"%|\s?per\s?cent\b|\s?percent\b|\s?percentage\s+points?\b"
    measure = _alt(u["measures"])
    src = (
        rf"(?<![\w.,$£€¥'’/-])(?:(?P<qual>{qual})\s+)?(?:(?P<between>between|from)\s+)?"
        rf"(?P<cur>(?:{cur})\s?)?(?P<num>{NUMBER})"
        rf"(?:\s*(?P<conn>-|–|to|and)\s*(?P<cur2>(?:{cur})\s?)?(?P<num2>{NUMBER}))?"
        rf"(?:(?<=\d)(?P<glued>{_alt(u['glued_measures'])}))?"
        rf"(?![\w$£€]|[.,]\d|:\d)"
        rf"(?P<pct>{pct})?"
        rf"(?:\s+(?P<curw>{curw})\b)?"
        rf"(?:(?P<dash>-)(?P<hunit>{measure})(?:-(?:old|long))?\b)?"
        rf"(?:\s+(?P<measure>{measure})\b)?"
    )
    return re.compile(src, re.IGNORECASE)


_FUNCTION_WORDS = frozenset(
    [
        "of",
        "the",
        "a",
        "an",
        "and",
        "or",
        "but",
        "to",
        "in",
        "on",
        "at",
        "for",
        "by",
        "with",
        "from",
        "as",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "has",
        "have",
        "had",
        "that",
        "this",
        "these",
        "those",
        "it",
        "its",
        "their",
        "his",
        "her",
        "our",
        "your",
        "my",
        "which",
        "who",
        "whom",
        "what",
        "when",
        "where",
        "than",
        "then",
        "so",
        "if",
        "into",
        "over",
        "under",
        "about",
        "after",
        "before",
        "per",
        "each",
        "every",
    ]
)
_SENTENCE_STARTERS = frozenset(
    [
        "all",
        "both",
        "just",
        "only",
        "nearly",
        "almost",
        "around",
        "about",
        "another",
        "some",
        "over",
        "under",
        "more",
        "less",
        "fewer",
        "up",
        "at",
        "those",
        "these",
        "its",
        "their",
        "his",
        "her",
        "our",
    ]
)
_NOT_COUNTED = frozenset(
    [
        "percent",
        "per",
        "until",
        "since",
        "would",
        "will",
        "could",
        "should",
        "might",
        "may",
        "must",
        "can",
        "did",
        "do",
        "does",
        "not",
        "also",
        "still",
        "more",
        "less",
        "fewer",
        "times",
        "while",
        "because",
        "although",
        "though",
    ]
)
_PER = re.compile(r"\s+(?:a|per|each|every)\s+(?:year|month|week|day|hour|annum)\b", re.IGNORECASE)
_NAME_NUMBER = re.compile(r"\b\w*[A-Z][\w'’.-]*\s$")  # "Boeing 737", "iPhone 4"
_SENTENCE_END = re.compile(r"(?:^|[.!?:;\"“”‘’(\[\n])\s*$")


def _opens_count(word: str) -> bool:
    """A capitalised word that may stand before a count: "The 30", "On Monday 3,000", "In May 40"."""
    low = word.lower().rstrip(",")
    lx = timex_lexicon()
    return low in _FUNCTION_WORDS or low in _SENTENCE_STARTERS or low in lx["months"] or low in lx["weekdays"]


def _singular(word: str) -> str:
    w = word.lower()
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 3 and w.endswith(("ses", "xes", "ches", "shes")):
        return w[:-2]
    if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        return w[:-1]
    return w


def _scale_of(text: str) -> float:
    low = text.lower()
    for word, scale in SCALES.items():
        if low.endswith(word):
            return scale
    for abbr, scale in SCALE_ABBREVIATIONS.items():
        if re.search(rf"\d\s?{abbr}$", low):
            return scale
    return 1.0


def _currency(prefix: str | None, word: str | None) -> str | None:
    u = units()
    if prefix:
        key = prefix.strip()
        for k, code in u["currency_prefixes"].items():
            if k.lower() == key.lower():
                return str(code)
    if word:
        return str(u["currency_words"].get(re.sub(r"\s+", " ", word.lower()), "")) or None
    return None


class _Lines:
    """Word counts of the lines of a text, computed once per line."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.counts: dict[int, int] = {}

    def words_at(self, pos: int) -> int:
        i = bisect.bisect_right(self.starts, pos) - 1
        if i not in self.counts:
            end = self.starts[i + 1] if i + 1 < len(self.starts) else len(self.text)
            self.counts[i] = len(self.text[self.starts[i] : end].split())
        return self.counts[i]


def find_figures(text: str, skip: Iterable[tuple[int, int]] = ()) -> list[FigureSpan]:
    """Every figure in ``text`` except those overlapping a ``skip`` span (dates and times).

    RETURNS: figures in text order, non-overlapping, with ``text[start:end] == figure.text``.
    """
    text = text[:MAX_TEXT_CHARS]
    skips = sorted(skip)
    out: list[FigureSpan] = []
    pattern = _pattern()
    lines = _Lines(text)
    skip_starts = [s for s, _e in skips]
    pos = 0
    while pos < len(text):
        m = pattern.search(text, pos)
        if m is None:
            break
        fig = _figure(text, m, lines)
        if fig is None or m.end() == m.start():
            pos = max(m.end(), pos + 1)
            continue
        pos = max(fig.end, pos + 1)  # a range that was not one ("$42 to four cents") is read again
        k = bisect.bisect_left(skip_starts, fig.number_end)
        if any(skips[j][1] > fig.number_start for j in range(max(0, k - 3), k)):
            continue  # the number is part of a date or a time
        out.append(fig)
    return out


def _figure(text: str, m: re.Match[str], lines: _Lines) -> FigureSpan | None:
    num_text = m["num"]
    value = parse_number(num_text)
    if value is None:
        return None
    has_digit = any(c.isdigit() for c in num_text)
    start, end = m.start(), m.end()
    num_start, num_end = m.start("num"), m.end("num")
    value_max: float | None = None
    if m["num2"]:
        v2 = parse_number(m["num2"])
        conn = m["conn"].lower()
        if v2 is not None and conn in ("-", "–") and v2 <= value and has_digit:
            return None  # a score or an identifier: "2-1", "7-5"
        if v2 is None or (conn == "and" and not m["between"]) or v2 <= value:
            # not a range: keep the first number only
            end = m.end("num")
            return _figure_single(text, m, value, start, end, num_start, num_end, lines)
        scale2 = _scale_of(m["num2"])
        if scale2 > 1 and _scale_of(num_text) == 1 and value < v2 / scale2 + 1:
            value *= scale2
        value_max = v2
        num_end = m.end("num2")
    elif m["between"]:
        # "between 5" / "from 5" without a second number: the figure starts at the number
        start = m.start() if m["qual"] else (m.start("cur") if m["cur"] else num_start)
    return _finish(text, m, value, value_max, start, end, num_start, num_end, has_digit, lines)


def _figure_single(
    text: str,
    m: re.Match[str],
    value: float,
    start: int,
    end: int,
    num_start: int,
    num_end: int,
    lines: _Lines,
) -> FigureSpan | None:
    if m["between"]:
        start = m.start("cur") if m["cur"] else num_start
    has_digit = any(c.isdigit() for c in m["num"])
    return _finish(text, m, value, None, start, end, num_start, num_end, has_digit, lines, single=True)


def _finish(
    text: str,
    m: re.Match[str],
    value: float,
    value_max: float | None,
    start: int,
    end: int,
    num_start: int,
    num_end: int,
    has_digit: bool,
    lines: _Lines,
    single: bool = False,
) -> FigureSpan | None:
    num_word = m["num"]
    pct = None if single else m["pct"]
    curw = None if single else m["curw"]
    hunit = None if single else m["hunit"]
    measure = None if single else m["measure"]
    unit: str | None = None
    currency = _currency(m["cur"], curw)
    if currency:
        unit = currency
    elif pct:
        unit = "percentage point" if "point" in pct.lower() else "percent"
    elif m["glued"]:
        unit = str(units()["glued_measures"][m["glued"].lower()])
    elif hunit:
        unit = str(units()["measures"][hunit.lower()])
    elif measure:
        unit = str(units()["measures"][re.sub(r"\s+", " ", measure.lower())])
    before = text[max(0, num_start - 40) : num_start] if not m["qual"] and not m["cur"] else ""
    name = _NAME_NUMBER.search(before) if before else None
    if name and not _opens_count(name.group().strip()):
        return None  # "World War Two", "Boeing 737", "Section 5"
    glued = text[num_end : num_end + 1] == "-" and not hunit and not m["num2"]
    if glued and not has_digit:
        return None  # "half-hearted", "one-sided"
    if num_word.lower() == "one" and not (m["qual"] or m["cur"] or m["pct"] or m["glued"] or m["hunit"]):
        return None  # "one of them", "one thing": a pronoun or an article, not a count
    if (
        has_digit
        and not unit
        and re.search(r"\b[A-Z][\w'’-]+,\s$", text[max(0, num_start - 30) : num_start])
        and re.match(r",", text[num_end : num_end + 1])
        and value < 130
    ):
        # an age after a name: "Jane Doe, 54, said"
        return FigureSpan(
            start, num_end, text[start:num_end], value, None, "year", "age", None, num_start, num_end, num_end
        )
    if num_word.lower() == "one" and re.search(
        r"\b(?:no|any|every|some|the|each|this|that|which)\s+$", before.lower()
    ):
        return None  # "no one", "the one"
    if num_word[:1].isupper() and not has_digit and before and not _SENTENCE_END.search(before):
        return None
    if lines.words_at(num_start) < 4 and not unit:
        return None  # page furniture: counters, lone numbers
    if single:
        end = num_end
    # "a year" after money: "£3billion a year"
    if unit and unit.isupper() and len(unit) == 3:
        per = _PER.match(text, end)
        if per:
            end = per.end()
    core_end = end
    about, about_end = _about_guess(text, end)
    if unit and _PER.match(text, num_end if single else m.end()):
        about, about_end = None, 0
    fraction = re.search(r"(?:half|th|ths|thirds?|quarters?)$", num_word.lower())
    if about is None and not unit and not has_digit and not fraction:
        return None  # "one" as a pronoun, "a dozen" with nothing counted
    if about_end:
        end = about_end
    qualifier = units()["qualifiers"].get(re.sub(r"\s+", " ", m["qual"].lower())) if m["qual"] else None
    return FigureSpan(
        start=start,
        end=end,
        text=text[start:end],
        value=value,
        value_max=value_max,
        unit=unit,
        about=about,
        qualifier=qualifier,
        number_start=num_start,
        number_end=num_end,
        core_end=core_end,
    )


_NEXT_WORD = re.compile(r"(?:\s+of\s+(?:the\s+|its\s+|their\s+|his\s+|her\s+)?|\s+)([A-Za-z][A-Za-z'’-]*)")


def _about_guess(text: str, pos: int) -> tuple[str | None, int]:
    """The counted noun right after the number ("30 countries" -> "country"), by words only."""
    nm = _NEXT_WORD.match(text, pos)
    if not nm:
        return None, 0
    word = nm.group(1)
    if word.lower() in _FUNCTION_WORDS or word.lower() in _NOT_COUNTED or word.lower() in ("other", "others"):
        return None, 0
    if word.islower() and (word.endswith("ed") or word.endswith("ly")):
        return None, 0
    if word[0].isupper() and " of " not in nm.group(0):
        # "five Ukrainian regions": a capitalised modifier, then the counted noun
        after = re.match(r"\s+([a-z][a-z'’-]*)", text[nm.end() : nm.end() + 40])
        if (
            after
            and after.group(1) not in _FUNCTION_WORDS | _NOT_COUNTED
            and not after.group(1).endswith(("ed", "ly"))
        ):
            return _singular(after.group(1)), nm.end() + after.end()
        return None, 0
    return _singular(word) if word.islower() else word, nm.end()

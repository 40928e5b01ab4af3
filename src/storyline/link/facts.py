"""Figures about the same thing compared across outlets: agree, differ, or single.

Figures are keyed by what they count (the ``about`` noun, lightly stemmed; a name such as "the
Sarn Valley" by its head noun when no other name among the figures shares it, so that "North
Korea" and "South Korea" stay apart; words of one class in ``data/counted_nouns.json``, such as
"truce" and "ceasefire", by the class) and their unit; a
figure without ``about`` is keyed by the first content word after it in its sentence, or, when
none follows, by its unit alone (a distance, a sum of money, a share). A fraction ("two-fifths
of the valley") is compared as a percentage ("40 per cent of the valley"). Within
a key, the values each independent source reports (copies of one article count once) are
compared: all within ``REL_TOLERANCE`` with compatible qualifiers is ``agree``, anything else
``differ``, and a key only one source reports is ``single``. Values more than ``MAX_SPREAD``
times apart under one key are taken as different facts.

Stages, each testable alone:

1. :func:`worth_checking` leaves out trivia: ages, page counts, counts under ``MIN_COUNT``
   ("two neighbours"), time spans that count nothing ("three years"), and bare numbers that
   say neither a unit nor what they count;
2. keys: a sum of money or a distance is keyed by its unit alone (one story rarely holds two
   sums of the same size: ``MAX_SPREAD`` splits the rest), other figures as above;
3. :func:`fact_label` names each fact by a readable noun phrase taken from the reports'
   own words ("troops", "share of the valley", "length of the truce", "sum of money");
4. :func:`is_series`: a count that moves over the days ("killed", "displaced", "so far"),
   each value dated and growing (or falling) with the date, is ``changed``, not ``differ``;
5. a copy whose value differs from its original's is flagged (``copy_differs``).
"""

from __future__ import annotations

import hashlib
import itertools
import json
import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from datetime import date
from functools import cache
from importlib import resources
from typing import Literal

from storyline.link.terms import STOP_WORDS, stem
from storyline.models import Article, FactComparison, FactValue, Figure

REL_TOLERANCE = 0.01
MAX_SPREAD = 3.0
ABS_TOLERANCE = 1e-9
MIN_COUNT = 3  # "two neighbours", "one thing": counts below this are not facts worth checking
SERIES_WINDOW = 160  # characters around a figure searched for words of a count that moves

MEASURE_UNITS = {"USD", "GBP", "EUR", "JPY", "CNY", "INR", "RUB", "CHF", "km", "mile", "m"}
TIME_UNITS = {"second", "minute", "hour", "day", "week", "month", "year", "decade"}
UNIT_NOUNS = {
    "USD": "sum of money", "GBP": "sum of money", "EUR": "sum of money", "JPY": "sum of money",
    "CNY": "sum of money", "INR": "sum of money", "RUB": "sum of money", "CHF": "sum of money",
    "km": "distance", "mile": "distance", "m": "distance", "percent": "share",
}  # fmt: skip
TRIVIA_NOUNS = {"page", "paragraph", "chapter", "word", "line", "sentence", "photo", "picture", "minute"}
_AGE = re.compile(r"(?i)\b(?:years?[- ]old|aged|age of)\b")
_SERIES_CUE = re.compile(
    r"(?i)\b(?:killed|dead|deaths?|died|toll|displaced|fled|fleeing|injured|wounded|arrested|detained"
    r"|missing|evacuated|cases|infected|so far|to date|has risen|have risen|rose|climbed|grown|now)\b"
)

_WORD = re.compile(r"[^\W\d_][\w'’\-]*", re.UNICODE)
_SENTENCE_END = re.compile(r"[.!?\n]")

# qualifiers that bound a value from below / above; the rest are approximate or exact
_LOWER = {"more than", "over", "at least", "above", "upwards of", "in excess of", "nearly"}
_UPPER = {"up to", "less than", "under", "fewer than", "below", "at most", "no more than"}


@cache
def _synonyms() -> dict[str, str]:
    """Stemmed counted noun -> the stemmed name of its class."""
    raw = resources.files("storyline.link").joinpath("data/counted_nouns.json").read_text("utf-8")
    out: dict[str, str] = {}
    for words in json.loads(raw)["classes"]:
        keys = [" ".join(stem(w) for w in word.split()) for word in words]
        for key in keys:
            out[key] = keys[0]
    return out


def canonical(key: str) -> str:
    """``key`` with a counted noun of a synonym class replaced by the class name."""
    synonyms = _synonyms()
    if key in synonyms:
        return synonyms[key]
    *head, last = key.split()
    return " ".join([*head, synonyms.get(last, last)])


def _key(words: list[str]) -> str:
    return " ".join(stem(w) for w in words)


def about_key(fig: Figure, text: str) -> str | None:
    """What a figure counts, stemmed (before synonyms: see :func:`canonical`); None when nothing
    says."""
    if fig.about:
        found = _WORD.findall(fig.about)
        words = [w for w in found if w.lower() not in STOP_WORDS] or found
        if words:
            return _key([w.lower() for w in words[-2:]])
    after = text[fig.end : fig.end + 80]
    cut = _SENTENCE_END.search(after)
    if cut:
        after = after[: cut.start()]
    for w in _WORD.findall(after):
        low = w.lower()
        if low not in STOP_WORDS and len(low) > 2:
            return _key([low])
    return None


def _name_key(fig: Figure) -> str | None:
    """The whole name a figure counts in ("upper sarn valley"), when ``about`` is a name."""
    words = [w for w in _WORD.findall(fig.about or "") if w.lower() not in STOP_WORDS]
    if len(words) > 1 and all(w[:1].isupper() for w in words):
        return _key([w.lower() for w in words])
    return None


_FRACTION = re.compile(
    r"\b(?:half|halves|thirds?|quarters?|fourths?|fifths?|sixths?|sevenths?|eighths?|ninths?|tenths?)\b",
    re.IGNORECASE,
)


def measured(fig: Figure) -> tuple[float | None, str | None]:
    """The value and unit a figure is compared by: a fraction of something as a percentage."""
    number = fig.text
    if fig.about and fig.about in number:
        number = number[: number.index(fig.about)]  # the fraction word, not the counted noun
    if fig.unit is None and fig.value is not None and 0 < fig.value < 1 and _FRACTION.search(number):
        return round(fig.value * 100, 6), "percent"
    return fig.value, fig.unit


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= max(ABS_TOLERANCE, REL_TOLERANCE * max(abs(a), abs(b)))


def _qualifiers_compatible(qs: set[str | None]) -> bool:
    kinds = set()
    for q in qs:
        if q is None:
            continue
        q = q.lower().strip()
        kinds.add("lower" if q in _LOWER else "upper" if q in _UPPER else "approx")
    return not ({"lower", "upper"} <= kinds)


def compare_figures(
    figures: Sequence[Figure],
    articles: Mapping[str, Article],
    duplicate_of: Mapping[str, str] | None = None,
) -> list[FactComparison]:
    """One FactComparison per thing counted (about + unit) in these figures."""
    duplicate_of = duplicate_of or {}
    groups: dict[tuple[str, str | None], list[Figure]] = defaultdict(list)
    said: dict[tuple[str, int], str] = {}
    keyed: list[tuple[Figure, str, str | None]] = []
    names_by_head: dict[str, set[str]] = defaultdict(set)
    for fig in figures:
        art = articles.get(fig.article_id)
        if fig.value is None or art is None:
            continue
        value, unit = measured(fig)
        if (value, unit) != (fig.value, fig.unit):
            fig = fig.model_copy(update={"value": value, "unit": unit})
        if not worth_checking(fig, art.text):
            continue
        key = "" if fig.unit in MEASURE_UNITS else about_key(fig, art.text)
        if key is None:
            if fig.unit is None:
                continue
            key = ""  # a measure with a unit and nothing counted: compared by its unit alone
        name = _name_key(fig) if key else None
        keyed.append((fig, key, name))
        if name:
            names_by_head[name.split()[-1]].add(name)
    for fig, key, name in keyed:
        if name:  # the only "... Valley" among the figures is "the valley" too; others stay whole
            head = name.split()[-1]
            key = head if len(names_by_head[head]) == 1 else name
        groups[(canonical(key) if key else key, fig.unit)].append(fig)
        said[fig.article_id, fig.start] = key
    out: list[FactComparison] = []
    for (_, unit), group in groups.items():
        for figs in _by_magnitude(group):
            # shown under the word most of its reports use ("troops" even where one says "soldiers")
            about = Counter(said[f.article_id, f.start] for f in figs).most_common(1)[0][0]
            label = fact_label(figs, unit, articles)
            out.append(_compare(about, unit, figs, articles, duplicate_of, label))
    out = _distinct_labels(out, articles)
    rank = {"differ": 0, "changed": 1, "agree": 2, "single": 3}
    out.sort(key=lambda c: (rank[c.status], not c.copy_differs, -len(c.values), c.about))
    return out


def _distinct_labels(facts: list[FactComparison], articles: Mapping[str, Article]) -> list[FactComparison]:
    """Facts that share a label ("people" killed, "people" displaced) get the word their
    reports most often follow the figure with."""
    seen = Counter(f.label for f in facts)
    out = []
    for f in facts:
        if seen[f.label] > 1:
            words: Counter[str] = Counter()
            for v in f.values:
                art = articles.get(v.article_id)
                after = art.text[v.end : v.end + 80] if art else ""
                cut = _SENTENCE_END.search(after)
                found: list[str] = _WORD.findall(after[: cut.start()] if cut else after)
                word = next((w.lower() for w in found if w.lower() not in STOP_WORDS and len(w) > 2), None)
                if word:
                    words[word] += 1
            if words:
                f = f.model_copy(update={"label": f"{f.label} {words.most_common(1)[0][0]}"})
        out.append(f)
    return out


def worth_checking(fig: Figure, text: str) -> bool:
    """False for trivia: an age, a page count, a count under MIN_COUNT, a time span or a bare
    number that says nothing of what it counts."""
    if fig.value is None:
        return False
    around = text[max(0, fig.start - 12) : fig.end + 12]
    if _AGE.search(fig.text) or _AGE.search(around):
        return False
    about = (fig.about or "").lower()
    if about and stem(about.split()[-1]) in {stem(w) for w in TRIVIA_NOUNS}:
        return False
    name = fig.about or ""
    if name[:1].isupper() and " " not in name and name not in fig.text and fig.unit is None:
        return False  # a bare number next to a name ("200,000, Marr said") counts no name
    if fig.unit is None:
        small = float(fig.value).is_integer() and abs(fig.value) < MIN_COUNT  # "two neighbours"
        return (bool(about) or _adjacent_noun(fig, text) is not None) and not small
    if fig.unit in TIME_UNITS:
        return bool(about)  # "a 30-day truce" is a fact; "three years" a time span
    return True


_NEXT_WORD = re.compile(r"\s+([^\W\d_][\w'’\-]*)", re.UNICODE)
_NOT_NOUN = re.compile(r"(?i)(?:ed|ing|ly)$")


def _adjacent_noun(fig: Figure, text: str) -> str | None:
    """The word right after a bare number when it looks like what it counts ("300 houses"),
    not a verb, an adverb or a name ("400 arrived", "200,000 Marr")."""
    m = _NEXT_WORD.match(text, fig.end)
    if m is None:
        return None
    word = m.group(1)
    if word.lower() in STOP_WORDS or len(word) < 3 or _NOT_NOUN.search(word) or word[:1].isupper():
        return None  # a verb, an adverb, or a name the number stands next to
    return word


_SURFACE = re.compile(r"[^\W\d_][\w'’\-]*", re.UNICODE)


def _surface(fig: Figure) -> str | None:
    """The words ``about`` stands for as this report writes them ("troops" for "troop")."""
    if not fig.about:
        return None
    words = fig.about.split()
    head = words[-1].lower()
    for w in _SURFACE.findall(fig.text):
        low = w.lower()
        if low != head and low.startswith(head[: max(3, len(head) - 1)]) and len(low) - len(head) <= 3:
            return " ".join([*words[:-1], w if w[:1].isupper() and head[:1].isupper() else low])
    return fig.about if fig.about[:1].isupper() else fig.about.lower()


def _next_noun(fig: Figure, text: str) -> str | None:
    """The content word after a figure in its sentence ("40 per cent of the valley")."""
    after = text[fig.end : fig.end + 80]
    cut = _SENTENCE_END.search(after)
    words: list[str] = _WORD.findall(after[: cut.start()] if cut else after)
    for w in words:
        if w.lower() not in STOP_WORDS and len(w) > 2:
            return w if w[:1].isupper() else w.lower()
    return None


def fact_label(figs: Sequence[Figure], unit: str | None, articles: Mapping[str, Article]) -> str:
    """A readable noun phrase for a fact, from the words most of its reports use."""
    if unit in MEASURE_UNITS:
        return UNIT_NOUNS.get(unit or "", "measure")
    nouns: Counter[str] = Counter()
    for f in figs:
        noun = _surface(f)
        art = articles.get(f.article_id)
        if noun is None and art is not None:
            noun = _next_noun(f, art.text) if unit == "percent" else _adjacent_noun(f, art.text)
        if noun:
            nouns[noun] += 1
    noun = nouns.most_common(1)[0][0] if nouns else None
    if unit == "percent":
        return f"share of the {noun}" if noun else "share"
    if unit in TIME_UNITS:
        return f"length of the {noun}" if noun else "length of time"
    return noun or UNIT_NOUNS.get(unit or "", "count")


def is_series(figs: Sequence[Figure], articles: Mapping[str, Article]) -> bool:
    """True when the values are one count moving over the days: every report dated and worded
    as a running count, and the values ordered by their dates (same-day reports agreeing)."""
    by_day: dict[date, set[float]] = defaultdict(set)
    for f in figs:
        art = articles.get(f.article_id)
        if art is None or art.published is None or f.value is None:
            return False
        lo = max(0, f.start - SERIES_WINDOW)
        if not _SERIES_CUE.search(art.text[lo : f.end + SERIES_WINDOW]):
            return False
        by_day[art.published].add(f.value)
    if len(by_day) < 2:
        return False
    days = sorted(by_day)
    firsts = []
    for d in days:
        vals = sorted(by_day[d])
        if not all(_close(vals[0], v) for v in vals[1:]):
            return False
        firsts.append(vals[0])
    steps = [b - a for a, b in itertools.pairwise(firsts)]
    return all(s >= 0 for s in steps) or all(s <= 0 for s in steps)


def _by_magnitude(figs: list[Figure]) -> list[list[Figure]]:
    """Split figures whose values are far apart: six dead and 9,000 dead are two facts, while
    outlets that disagree on one number rarely differ by more than ``MAX_SPREAD`` times."""
    figs = sorted(figs, key=lambda f: f.value or 0.0)
    runs: list[list[Figure]] = [[figs[0]]]
    for f in figs[1:]:
        prev = runs[-1][-1].value or 0.0
        cur = f.value or 0.0
        if prev > 0 and cur / prev > MAX_SPREAD:
            runs.append([f])
        else:
            runs[-1].append(f)
    return runs


def _copy_differs(figs: Sequence[Figure], duplicate_of: Mapping[str, str]) -> bool:
    """A copy reports a value that its original does not (where the original reports one)."""
    by_article: dict[str, list[float]] = defaultdict(list)
    for f in figs:
        if f.value is not None:
            by_article[f.article_id].append(f.value)
    for copy, original in duplicate_of.items():
        mine, theirs = by_article.get(copy), by_article.get(original)
        if mine and theirs and any(not any(_close(v, w) for w in theirs) for v in mine):
            return True
    return False


def _compare(
    about: str,
    unit: str | None,
    figs: list[Figure],
    articles: Mapping[str, Article],
    duplicate_of: Mapping[str, str],
    label: str = "",
) -> FactComparison:
    sources: dict[str, list[Figure]] = defaultdict(list)
    for f in figs:
        sources[duplicate_of.get(f.article_id, f.article_id)].append(f)
    originals = [f for f in figs if f.article_id not in duplicate_of] or figs
    values = [f.value for f in originals if f.value is not None]
    status: Literal["agree", "differ", "single", "changed"]
    if len(sources) < 2:
        status = "single"
    elif all(_close(values[0], v) for v in values[1:]) and _qualifiers_compatible(
        {f.qualifier for f in figs}
    ):
        status = "agree"
    elif is_series(originals, articles):
        status = "changed"
    else:
        status = "differ"

    def order(f: Figure) -> tuple[object, ...]:
        published = articles[f.article_id].published
        return (published or date.max, f.article_id, f.start)

    fvs = tuple(
        FactValue(
            article_id=f.article_id,
            outlet=articles[f.article_id].outlet,
            text=f.text,
            start=f.start,
            end=f.end,
            value=f.value,
            qualifier=f.qualifier,
            published=articles[f.article_id].published,
            copy_of=duplicate_of.get(f.article_id),
        )
        for f in sorted(figs, key=order)
    )
    first = min(figs, key=lambda f: (f.article_id, f.start))
    fid = hashlib.sha256(f"{about}|{unit}|{first.article_id}|{first.start}".encode()).hexdigest()[:12]
    return FactComparison(
        fact_id="f" + fid,
        about=about,
        unit=unit,
        status=status,
        values=fvs,
        label=label or about,
        copy_differs=_copy_differs(figs, duplicate_of),
    )

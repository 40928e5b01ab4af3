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
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from functools import cache
from importlib import resources

from storyline.link.terms import STOP_WORDS, stem
from storyline.models import Article, FactComparison, FactValue, Figure

REL_TOLERANCE = 0.01
MAX_SPREAD = 3.0
ABS_TOLERANCE = 1e-9

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
        key = about_key(fig, art.text)
        if key is None:
            if fig.unit is None:
                continue
            key = ""  # a measure with a unit and nothing counted: compared by its unit alone
        name = _name_key(fig)
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
            out.append(_compare(about, unit, figs, articles, duplicate_of))
    rank = {"differ": 0, "agree": 1, "single": 2}
    out.sort(key=lambda c: (rank[c.status], -len(c.values), c.about))
    return out


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


def _compare(
    about: str,
    unit: str | None,
    figs: list[Figure],
    articles: Mapping[str, Article],
    duplicate_of: Mapping[str, str],
) -> FactComparison:
    sources: dict[str, list[Figure]] = defaultdict(list)
    for f in figs:
        sources[duplicate_of.get(f.article_id, f.article_id)].append(f)
    values = [f.value for f in figs if f.value is not None]
    if len(sources) < 2:
        status = "single"
    elif all(_close(values[0], v) for v in values[1:]) and _qualifiers_compatible(
        {f.qualifier for f in figs}
    ):
        status = "agree"
    else:
        status = "differ"
    fvs = tuple(
        FactValue(
            article_id=f.article_id,
            outlet=articles[f.article_id].outlet,
            text=f.text,
            start=f.start,
            end=f.end,
            value=f.value,
            qualifier=f.qualifier,
        )
        for f in sorted(figs, key=lambda f: (f.article_id, f.start))
    )
    fid = hashlib.sha256(f"{about}|{unit}|{fvs[0].article_id}|{fvs[0].start}".encode()).hexdigest()[:12]
    return FactComparison(fact_id="f" + fid, about=about, unit=unit, status=status, values=fvs)

"""Turn records into safe HTML fragments: marked-up article text, word diffs, a timeline chart.

Article text is attacker-controlled. Everything here escapes every character of it through
:func:`markupsafe.escape`; the only markup emitted is built from constants and integers.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from difflib import SequenceMatcher
from typing import Literal
from urllib.parse import quote

from markupsafe import Markup, escape

from storyline.models import ArticleAnalysis

N_SPEAKER_COLOURS = 8


@dataclass(frozen=True)
class Mark:
    """One span of text to wrap in an element.

    priority (int): lower wraps outside higher; a mark is only ever split by marks of the same
        or a lower priority, so the most important span (the one a link points at) stays whole.
    """

    start: int
    end: int
    priority: int
    classes: str
    anchor: str | None = None
    title: str | None = None
    tag: str = "span"


def _open(mark: Mark, first: bool) -> str:
    attrs = [f'class="{escape(mark.classes)}"']
    if first and mark.anchor:
        attrs.append(f'id="{escape(mark.anchor)}"')
    if mark.title:
        attrs.append(f'title="{escape(mark.title)}"')
    return f"<{mark.tag} {' '.join(attrs)}>"


def render_marked(text: str, marks: Iterable[Mark]) -> Markup:
    """``text`` escaped, with each mark's span wrapped in its element, properly nested.

    Marks that cross each other are split into pieces; only the first piece carries the anchor.
    Marks outside the text or empty are dropped.
    """
    n = len(text)
    ordered = sorted(
        (m for m in marks if 0 <= m.start < m.end <= n),
        key=lambda m: (m.priority, m.start, -m.end, m.classes),
    )
    rank = {id(m): i for i, m in enumerate(ordered)}
    bounds = sorted({0, n, *(m.start for m in ordered), *(m.end for m in ordered)})
    out: list[str] = []
    stack: list[Mark] = []
    opened: set[int] = set()
    # marks sorted by start let each segment scan only the candidates that have begun
    by_start = sorted(ordered, key=lambda m: m.start)
    live: list[Mark] = []
    nxt = 0
    for a, b in itertools.pairwise(bounds):
        while nxt < len(by_start) and by_start[nxt].start <= a:
            live.append(by_start[nxt])
            nxt += 1
        live = [m for m in live if m.end > a]
        desired = sorted((m for m in live if m.end >= b), key=lambda m: rank[id(m)])
        k = 0
        while k < len(stack) and k < len(desired) and stack[k] is desired[k]:
            k += 1
        for m in reversed(stack[k:]):
            out.append(f"</{m.tag}>")
        del stack[k:]
        for m in desired[k:]:
            out.append(_open(m, id(m) not in opened))
            opened.add(id(m))
            stack.append(m)
        out.append(str(escape(text[a:b])))
    for m in reversed(stack):
        out.append(f"</{m.tag}>")
    return Markup("".join(out))


def speaker_colours(names: Iterable[str | None]) -> dict[str, int]:
    """A colour index per speaker, in order of first appearance."""
    colours: dict[str, int] = {}
    for name in names:
        if name and name not in colours:
            colours[name] = len(colours) % N_SPEAKER_COLOURS
    return colours


def article_marks(
    analysis: ArticleAnalysis, colours: dict[str, int], highlight: tuple[int, int] | None = None
) -> list[Mark]:
    """Marks for an article page: the linked span, quotes by speaker, speaker mentions,
    figures and dates."""
    marks: list[Mark] = []
    if highlight is not None:
        s, e = highlight
        marks.append(Mark(s, e, 0, "hl", f"hl-{s}-{e}", "linked passage", tag="mark"))
    for q in analysis.quotes:
        colour = colours.get(q.speaker or "")
        cls = f"q q-{q.kind}" + (f" sp-{colour}" if colour is not None else " sp-none")
        who = q.speaker or "unattributed"
        marks.append(Mark(q.start, q.end, 1, cls, f"q-{q.start}-{q.end}", f"{who} ({q.kind} quote)"))
        if q.speaker_start is not None and q.speaker_end is not None:
            scls = "spk" + (f" sp-{colour}" if colour is not None else "")
            marks.append(Mark(q.speaker_start, q.speaker_end, 2, scls, None, f"speaker: {who}"))
    for f in analysis.figures:
        bits = [f"value {f.value:g}" if f.value is not None else "figure"]
        if f.unit:
            bits.append(f.unit)
        if f.about:
            bits.append(f"of {f.about}")
        marks.append(Mark(f.start, f.end, 3, "fig", f"f-{f.start}-{f.end}", " ".join(bits)))
    for t in analysis.timexes:
        marks.append(Mark(t.start, t.end, 3, "tx", f"t-{t.start}-{t.end}", f"{t.type} {t.value or '?'}"))
    return marks


_PUNCT = "".join(chr(c) for c in range(0x2000, 0x206F)) + "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~\u00ab\u00bb"


def _norm(word: str) -> str:
    """A word for comparison: case and surrounding punctuation do not count."""
    return word.casefold().strip(_PUNCT)


def word_diff(base: str, variant: str) -> Markup:
    """``variant`` word by word against ``base``: added words in <ins>, dropped words in <del>."""
    if base == variant:
        return Markup(escape(variant))
    a, b = base.split(), variant.split()
    sm = SequenceMatcher(a=[_norm(w) for w in a], b=[_norm(w) for w in b], autojunk=False)
    out: list[str] = []
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag == "equal":
            out.append(str(escape(" ".join(b[j1:j2]))))
            continue
        if tag in ("delete", "replace"):
            out.append(f'<del class="w-del">{escape(" ".join(a[i1:i2]))}</del>')
        if tag in ("insert", "replace"):
            out.append(f'<ins class="w-add">{escape(" ".join(b[j1:j2]))}</ins>')
    return Markup(" ".join(out))


_PLAIN = re.compile(r"[A-Za-z0-9_.~-]+")


def path_part(value: str) -> str:
    """Quote ``value`` for use as one URL path segment."""
    if _PLAIN.fullmatch(value) and value not in (".", ".."):
        return value
    return quote(value, safe="")


_WHEN = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")


def parse_when(value: str | None) -> date | None:
    """The first day a TIMEX3 value (YYYY, YYYY-MM or YYYY-MM-DD, possibly longer) names."""
    m = _WHEN.match(value or "")
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1))
    except ValueError:
        return None


@dataclass(frozen=True)
class ChartPoint:
    x: float
    y: float
    label: str
    when: str
    href: str
    kind: str


@dataclass(frozen=True)
class Tick:
    x: float
    label: str


@dataclass(frozen=True)
class ChartNote:
    x: float
    y: float
    text: str
    anchor: Literal["start", "middle", "end"] = "middle"


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    axis_y: float
    points: tuple[ChartPoint, ...]
    ticks: tuple[Tick, ...]
    notes: tuple[ChartNote, ...] = ()


def _window(days: list[date]) -> tuple[date, date]:
    """The range of dates to draw: all of them, unless a few outliers (a war that began years
    before, a deadline far ahead) would squeeze the rest into a sliver of the axis."""
    first, last = days[0], days[-1]
    if len(days) < 5:
        return first, last
    lo, hi = days[len(days) // 10], days[-(len(days) // 10) - 1]
    pad = timedelta(days=max(2, (hi - lo).days // 6))
    if (last - first).days <= 3 * max((hi - lo).days, 1) + 2 * pad.days:
        return first, last
    return max(first, lo - pad), min(last, hi + pad)


def timeline_chart(
    entries: Sequence[tuple[str, str, str, str]],
    *,
    width: int = 860,
    row: int = 14,
    max_stack: int = 10,
    max_points: int = 2000,
) -> Chart | None:
    """Geometry for an SVG timeline: one dot per dated entry, stacked on the same day.

    entries: (when, label, href, kind) tuples; entries whose ``when`` is not a date are left out.
    Dates far outside where most entries lie are counted at the ends instead of drawn; a day
    with more than ``max_stack`` entries shows that many dots and a "+N" label.
    """
    dated = [(d, label, href, kind, when) for when, label, href, kind in entries if (d := parse_when(when))]
    dated.sort(key=lambda t: t[0])
    dated = dated[:max_points]
    if not dated:
        return None
    first, last = _window([t[0] for t in dated])
    earlier = sum(t[0] < first for t in dated)
    later = sum(t[0] > last for t in dated)
    span = max((last - first).days, 1)
    left, right = 40, width - 40
    stack: dict[date, int] = {}
    raw: list[tuple[float, int, str, str, str, str]] = []
    xs: dict[date, float] = {}
    for d, label, href, kind, when in dated:
        if d < first or d > last:
            continue
        level = stack.get(d, 0)
        stack[d] = level + 1
        x = left + (right - left) * ((d - first).days / span) if first != last else (left + right) / 2
        xs[d] = x
        if level < max_stack:
            raw.append((x, level, label, when, href, kind))
    levels = min(max(stack.values(), default=1), max_stack)
    height = 40 + levels * row + 16
    axis_y = height - 30
    points = tuple(
        ChartPoint(round(x, 1), axis_y - 8 - level * row, label, when, href, kind)
        for x, level, label, when, href, kind in raw
    )
    notes = [
        ChartNote(round(xs[d], 1), axis_y - 8 - max_stack * row + 2, f"+{n - max_stack}")
        for d, n in stack.items()
        if n > max_stack
    ]
    if earlier:
        notes.append(ChartNote(left - 30, 14, f"← {earlier} earlier", "start"))
    if later:
        notes.append(ChartNote(right + 30, 14, f"{later} later →", "end"))
    n_ticks = min(6, span + 1) if first != last else 1
    ticks: list[Tick] = []
    for i in range(n_ticks):
        frac = i / (n_ticks - 1) if n_ticks > 1 else 0.5
        day = first.toordinal() + round(span * frac) if first != last else first.toordinal()
        x = left + (right - left) * frac if first != last else (left + right) / 2
        ticks.append(Tick(round(x, 1), date.fromordinal(day).isoformat()))
    return Chart(width, height, axis_y, points, tuple(ticks), tuple(notes))


_TERM = re.compile(r"\w+", re.UNICODE)


def highlight_terms(text: str, query: str, *, max_terms: int = 12) -> Markup:
    """``text`` escaped, with the words that begin with one of the query's words marked."""
    terms = sorted({t for t in _TERM.findall(query.lower()) if len(t) > 1}, key=len, reverse=True)[:max_terms]
    if not terms:
        return Markup(escape(text))
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(t) for t in terms) + r")\w*", re.IGNORECASE)
    marks = [Mark(m.start(), m.end(), 0, "term", tag="mark") for m in pattern.finditer(text)]
    return render_marked(text, marks)

"""HTML fragments both the static dossier and the web app show, built in one place.

Article text is attacker-controlled. Everything here escapes every character of it through
:func:`markupsafe.escape`; the only markup emitted is built from constants and integers.

- :func:`render_marked`: text with spans wrapped in elements, properly nested (the one
  span-marking helper: article texts, search snippets);
- :func:`diff_html`: a rendering's stored word diff (:class:`~storyline.models.DiffOp`);
- :func:`timeline_chart`: the geometry of the SVG timeline.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from markupsafe import Markup, escape

from storyline.models import DiffOp


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


def diff_html(ops: Sequence[DiffOp]) -> Markup:
    """A rendering word by word against the canonical words: added words in <ins>, dropped
    words in <del>; words cut at either end of a fragment shown as an ellipsis."""
    out: list[str] = []
    for n, d in enumerate(ops):
        if d.op == "equal":
            out.append(str(escape(d.rendering)))
        elif d.op == "delete" and (n == 0 or n == len(ops) - 1):
            out.append('<span class="w-cut" title="not in this rendering">…</span>')
        elif d.op == "delete":
            out.append(f'<del class="w-del">{escape(d.canonical)}</del>')
        elif d.op == "insert":
            out.append(f'<ins class="w-add">{escape(d.rendering)}</ins>')
        else:
            out.append(
                f'<del class="w-del">{escape(d.canonical)}</del> <ins class="w-add">{escape(d.rendering)}</ins>'
            )
    return Markup(" ".join(out))


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
    """A text on the chart; with ``href`` a link (the "N earlier" note goes to the first of them)."""

    x: float
    y: float
    text: str
    anchor: Literal["start", "middle", "end"] = "middle"
    href: str | None = None


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    axis_y: float
    points: tuple[ChartPoint, ...]
    ticks: tuple[Tick, ...]
    notes: tuple[ChartNote, ...] = ()
    labels: tuple[ChartNote, ...] = ()  # a short visible label over the busiest days


LABEL_CHARS = 24
LABEL_GAP = 150  # pixels between two labels on one row
LABEL_ROWS = 2


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= LABEL_CHARS else text[: LABEL_CHARS - 1].rstrip() + "…"


def _labels(points: Sequence[ChartPoint], width: int) -> tuple[ChartNote, ...]:
    """One label per day (its top dot's), busiest days first, placed where it fits."""
    tops: dict[float, ChartPoint] = {}
    count: dict[float, int] = {}
    for p in points:
        count[p.x] = count.get(p.x, 0) + 1
        if p.x not in tops or p.y < tops[p.x].y:
            tops[p.x] = p
    placed: list[list[float]] = [[] for _ in range(LABEL_ROWS)]
    out = []
    for x in sorted(tops, key=lambda x: (-count[x], x)):
        p = tops[x]
        for row, xs in enumerate(placed):
            if all(abs(x - other) >= LABEL_GAP for other in xs):
                xs.append(x)
                anchor: Literal["start", "middle", "end"] = (
                    "start" if x < LABEL_GAP / 2 else "end" if x > width - LABEL_GAP / 2 else "middle"
                )
                out.append(ChartNote(x, p.y - 10 - 12 * row, _short(p.label), anchor, p.href))
                break
    return tuple(out)


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
    height = 40 + LABEL_ROWS * 12 + levels * row + 16
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
        notes.append(ChartNote(left - 30, 14, f"← {earlier} earlier", "start", dated[0][2]))
    if later:
        notes.append(ChartNote(right + 30, 14, f"{later} later →", "end", dated[-1][2]))
    n_ticks = min(6, span + 1) if first != last else 1
    ticks: list[Tick] = []
    for i in range(n_ticks):
        frac = i / (n_ticks - 1) if n_ticks > 1 else 0.5
        day = first.toordinal() + round(span * frac) if first != last else first.toordinal()
        x = left + (right - left) * frac if first != last else (left + right) / 2
        ticks.append(Tick(round(x, 1), date.fromordinal(day).isoformat()))
    return Chart(width, height, axis_y, points, tuple(ticks), tuple(notes), _labels(points, width))

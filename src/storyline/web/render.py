"""Turn records into safe HTML fragments: marked-up article text, word diffs, a timeline chart.

Article text is attacker-controlled. Everything here escapes every character of it through
:func:`markupsafe.escape`; the only markup emitted is built from constants and integers.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import quote

from markupsafe import Markup, escape

from storyline.link.utterances import diff_ops
from storyline.models import ArticleAnalysis
from storyline.report.markup import (
    Chart,
    ChartNote,
    ChartPoint,
    Mark,
    Tick,
    diff_html,
    parse_when,
    render_marked,
    timeline_chart,
)

__all__ = [
    "Chart",
    "ChartNote",
    "ChartPoint",
    "Mark",
    "Tick",
    "article_marks",
    "diff_html",
    "highlight_terms",
    "parse_when",
    "path_part",
    "render_marked",
    "speaker_colours",
    "timeline_chart",
    "word_diff",
]

N_SPEAKER_COLOURS = 8


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


def word_diff(base: str, variant: str) -> Markup:
    """``variant`` word by word against ``base`` (the diff of :mod:`storyline.link.utterances`,
    drawn by :func:`~storyline.report.markup.diff_html`)."""
    if base == variant:
        return Markup(escape(variant))
    return diff_html(diff_ops(base, variant))


_PLAIN = re.compile(r"[A-Za-z0-9_.~-]+")


def path_part(value: str) -> str:
    """Quote ``value`` for use as one URL path segment."""
    if _PLAIN.fullmatch(value) and value not in (".", ".."):
        return value
    return quote(value, safe="")


_TERM = re.compile(r"\w+", re.UNICODE)


def highlight_terms(text: str, query: str, *, max_terms: int = 12) -> Markup:
    """``text`` escaped, with the words that begin with one of the query's words marked."""
    terms = sorted({t for t in _TERM.findall(query.lower()) if len(t) > 1}, key=len, reverse=True)[:max_terms]
    if not terms:
        return Markup(escape(text))
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(t) for t in terms) + r")\w*", re.IGNORECASE)
    marks = [Mark(m.start(), m.end(), 0, "term", tag="mark") for m in pattern.finditer(text)]
    return render_marked(text, marks)

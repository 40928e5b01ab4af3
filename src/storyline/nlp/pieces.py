"""Long articles analysed in pieces: cut at paragraph or sentence ends, results put back together.

spaCy refuses a text over ``nlp.max_length`` (1,000,000 characters, error E088) and its parser
needs about 1 GB per 100,000 characters, so an article longer than ``nlp.piece_chars`` (a long
transcript, a live blog) is cut into pieces of at most that many characters, each analysed as a
text of its own. Pieces end at a paragraph break where there is one in the second half of the
piece, else at a line break, else after a sentence, else at a space, else (a run of characters
with no space at all) anywhere. Every offset in a piece's records is then moved by the piece's
start, so the merged analysis points into the whole text; actors found in several pieces are
one entity (their ids are a hash of type and name). Where no sentence is cut, the merged
records are those of one pass over the whole text, except what needs context across the cut
(a pronoun whose antecedent is in the previous piece).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any, TypeVar

from pydantic import BaseModel

from storyline.models import ArticleAnalysis, Entity, Event, Figure, Mention, Quote, Timex

_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*\s+")
_SPACE = re.compile(r"\s+")
R = TypeVar("R", bound=BaseModel)


def cut_pieces(text: str, size: int) -> list[tuple[int, int]]:
    """(start, end) of consecutive pieces of at most ``size`` characters covering ``text``."""
    if size < 1:
        raise ValueError("piece size must be at least 1")
    out: list[tuple[int, int]] = []
    start = 0
    while len(text) - start > size:
        end = _cut(text, start, start + size)
        out.append((start, end))
        start = end
    if start < len(text) or not out:
        out.append((start, len(text)))
    return out


def _cut(text: str, start: int, limit: int) -> int:
    """Where the piece that starts at ``start`` ends (after a boundary, at most ``limit``)."""
    floor = start + (limit - start) // 2
    for sep in ("\n\n", "\n"):
        at = text.rfind(sep, floor, limit)
        if at >= 0:
            return at + len(sep)
    best = -1
    for pattern in (_SENTENCE_END, _SPACE):
        for m in pattern.finditer(text, floor, limit):
            best = m.end()
        if best > start:
            return min(best, limit)
    return limit


def shift(record: R, offset: int, paragraphs: int = 0) -> R:
    """``record`` with every character offset moved by ``offset`` (and paragraph index by
    ``paragraphs``); an Entity's mentions are moved too."""
    if offset == 0 and paragraphs == 0:
        return record
    update: dict[str, Any] = {}
    for name in type(record).model_fields:
        value = getattr(record, name)
        if isinstance(value, int) and not isinstance(value, bool):
            if name in ("start", "end") or name.endswith(("_start", "_end")):
                update[name] = value + offset
            elif name == "paragraph":
                update[name] = value + paragraphs
    if isinstance(record, Entity):
        update["mentions"] = tuple(shift(m, offset) for m in record.mentions)
    return record.model_copy(update=update)


def _count_paragraphs(text: str) -> int:
    """Non-blank lines, as the quote finder numbers paragraphs."""
    return sum(1 for line in text.split("\n") if line.strip())


def merge(text: str, article_id: str, parts: Sequence[tuple[int, ArticleAnalysis]]) -> ArticleAnalysis:
    """One analysis of ``text`` from the analyses of its pieces, given with their start offsets."""
    if len(parts) == 1 and parts[0][0] == 0:
        return parts[0][1]
    quotes: list[Quote] = []
    figures: list[Figure] = []
    timexes: list[Timex] = []
    events: list[Event] = []
    entities: dict[str, Entity] = {}
    version = ""
    for offset, part in parts:
        paras = _count_paragraphs(text[:offset]) if offset else 0
        version = version or part.pipeline_version
        quotes.extend(shift(q, offset, paras) for q in part.quotes)
        figures.extend(shift(f, offset) for f in part.figures)
        timexes.extend(shift(t, offset) for t in part.timexes)
        events.extend(shift(e, offset) for e in part.events)
        for ent in part.entities:
            moved = shift(ent, offset)
            seen = entities.get(moved.entity_id)
            entities[moved.entity_id] = moved if seen is None else _join(seen, moved)
    return ArticleAnalysis(
        article_id=article_id,
        quotes=tuple(quotes),
        entities=tuple(entities.values()),
        figures=tuple(figures),
        timexes=tuple(timexes),
        events=tuple(events),
        pipeline_version=version,
    )


def _join(a: Entity, b: Entity) -> Entity:
    """One entity from its records in two pieces: mentions, roles and aliases of both."""
    mentions: dict[tuple[int, int], Mention] = {(m.start, m.end): m for m in (*a.mentions, *b.mentions)}
    return a.model_copy(
        update={
            "mentions": tuple(mentions[k] for k in sorted(mentions)),
            "roles": tuple(dict.fromkeys((*a.roles, *b.roles))),
            "aliases": tuple(dict.fromkeys((*a.aliases, *b.aliases))),
            "country": a.country or b.country,
        }
    )

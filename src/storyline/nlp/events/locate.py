"""Where and when an event happened, from its own sentence.

``choose_location``: among the sentence's geocoded place mentions, the ones under a locative
preposition ("in", "at", "near", "outside" ...) are candidates; the most specific wins (a city
over a country), then the one closest to the trigger. In order: a place that hangs off the
trigger itself ("talks in X"); else a place inside the source or target phrase ("police in
Jericho confiscated ...", "met their counterparts in X"); else a place that hangs off another
verb of the sentence. No candidate, no location: the event keeps its country codes but gets
no place.

``choose_time``: the temporal expression of the sentence with a resolved calendar value
closest to the trigger, cut to the day (basis "sentence"); a sentence with none takes the
nearest one before it in its paragraph ("On 3 May the envoys met. They signed ...": basis
"paragraph"), unless its verb is in the past perfect ("had signed": an earlier time). The
publication date is never used in its place.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from spacy.tokens import Doc, Span

from storyline.models import OPEN_TIMEX_MODS
from storyline.nlp.places.mentions import PlaceMention

__all__ = ["LOCATIVE_PREPS", "choose_location", "choose_time", "paragraph_bounds"]

LOCATIVE_PREPS = frozenset(
    {"in", "at", "near", "outside", "inside", "around", "across", "throughout", "within", "on"}
)


CLAUSE_CLIMB = 8  # head steps from a place up to its event's trigger


def _inside(span: tuple[int, int] | None, start: int, end: int) -> bool:
    return span is not None and span[0] <= start and end <= span[1]


def _locative(doc: Doc, start: int, end: int) -> bool:
    """The mention hangs off a locative preposition (possibly through "the town of X")."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    node = span.root
    for _ in range(4):
        if node.dep_ == "pobj" and node.head.lower_ in LOCATIVE_PREPS:
            return True
        if node.dep_ not in ("pobj", "prep", "compound", "poss", "appos", "conj") or node.head.i == node.i:
            return False
        node = node.head
    return False


def choose_location(
    doc: Doc,
    sent: Span | None,
    trigger: tuple[int, int],
    participants: Sequence[tuple[int, int] | None],
    places: Sequence[PlaceMention],
) -> tuple[PlaceMention, str] | None:
    if sent is None:
        return None
    in_sentence = [p for p in places if sent.start_char <= p.start and p.end <= sent.end_char]
    if not in_sentence:
        return None

    def rank(p: PlaceMention) -> tuple[bool, int]:
        return (p.place.kind == "city", -abs(p.start - trigger[0]))

    free = [p for p in in_sentence if not any(_inside(s, p.start, p.end) for s in participants)]
    located = [p for p in free if _locative(doc, p.start, p.end)]
    own = [p for p in located if _in_trigger_clause(doc, p.start, p.end, trigger)]
    if own:
        return max(own, key=rank), "place under a locative preposition in the event's clause"
    inner = [p for p in in_sentence if p not in free and _locative(doc, p.start, p.end)]
    if inner:
        return max(inner, key=rank), "place under a locative preposition inside a participant phrase"
    if located:
        return max(located, key=rank), "place under a locative preposition in the event's sentence"
    return None


def _in_trigger_clause(doc: Doc, start: int, end: int, trigger: tuple[int, int]) -> bool:
    """Does the place's phrase hang off the trigger itself, through nouns and prepositions
    only ("talks in X", "fighting near X")? A place that hangs off another verb of the
    sentence ("ruled out putting troops in X as delegates held talks") belongs to that verb."""
    span = doc.char_span(start, end, alignment_mode="expand")
    head = doc.char_span(trigger[0], trigger[1], alignment_mode="expand")
    if span is None or head is None:
        return False
    node, target = span.root, head.root
    for _ in range(CLAUSE_CLIMB):
        if node.i == target.i:
            return True
        if node.head.i == node.i or (node is not span.root and node.pos_ in ("VERB", "AUX")):
            return False
        node = node.head
    return node.i == target.i


def _is_date(value: str) -> bool:
    """A calendar value (YYYY, YYYY-MM, YYYY-MM-DD, YYYY-Www), not PAST_REF and the like."""
    return len(value) >= 4 and value[:4].isdigit()


def paragraph_bounds(text: str, at: int) -> tuple[int, int]:
    """The paragraph (non-blank line) of ``text`` that holds offset ``at``."""
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    return start, len(text) if end < 0 else end


def _past_perfect(doc: Doc, trigger: tuple[int, int]) -> bool:
    """The trigger's verb (or a noun's governing verb) has "had" as its auxiliary."""
    span = doc.char_span(trigger[0], trigger[1], alignment_mode="expand")
    if span is None:
        return False
    verb = span.root if span.root.pos_ in ("VERB", "AUX") else span.root.head
    return any(c.dep_ == "aux" and c.lower_ in ("had", "'d") for c in verb.children)


def choose_time(
    sent: Span | None,
    trigger: tuple[int, int],
    timexes: Sequence[dict[str, Any]],
    paragraph: tuple[int, int] | None = None,
) -> dict[str, Any] | None:
    """The event's time expression with the basis it was chosen on ("sentence", "paragraph")."""
    if sent is None:
        return None
    dated = [
        t
        for t in timexes
        if t.get("value")
        and _is_date(t["value"])
        and t.get("type") in ("DATE", "TIME")
        and t.get("mod") not in OPEN_TIMEX_MODS  # "the pre-2014 borders" did not happen in 2014
    ]
    inside = [t for t in dated if sent.start_char <= t["start"] and t["end"] <= sent.end_char]
    if inside:
        best, basis = min(inside, key=lambda t: abs(t["start"] - trigger[0])), "sentence"
    else:
        before = (
            []
            if paragraph is None
            else [t for t in dated if paragraph[0] <= t["start"] and t["end"] <= sent.start_char]
        )
        if not before or _past_perfect(sent.doc, trigger):
            return None
        best, basis = max(before, key=lambda t: t["start"]), "paragraph"
    value = best["value"]
    return {**best, "value": value[:10] if value[10:11] == "T" else value, "basis": basis}  # the day

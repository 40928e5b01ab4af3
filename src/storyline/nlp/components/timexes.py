"""storyline_timexes: temporal expressions normalised as TIMEX3 values.

Matching lives in :mod:`storyline.nlp.timexes.rules` (pure text rules); this component adds what
the parse knows: the tense of the verb that governs each expression, which decides whether a
bare "on Sunday" or "in March" points back or ahead from the publication date.
"""

from __future__ import annotations

import bisect
import dataclasses
from collections.abc import Callable
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Token

from storyline.models import Timex
from storyline.nlp import extensions as _extensions  # noqa: F401
from storyline.nlp.timexes.resolve import Tense
from storyline.nlp.timexes.rules import TimexSpan, find_timexes, heuristic_tense

_FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo", "going", "should", "may", "might", "could", "would"})


def clause_tense(token: Token) -> Tense | None:
    """The tense of the verb governing ``token``: past, future, present, or None if unknown.

    Climbs the parse to the nearest verb. A bare participle ("closed until Friday") defers to
    the verb above it, except in a reduced relative ("plans announced in January": past).
    Present-tense intention verbs with an infinitive ("wants to cut ... by June") look ahead.
    """
    t = token
    for _ in range(8):
        if t.pos_ in ("VERB", "AUX") and t.dep_ not in ("aux", "auxpass"):
            aux = [c for c in t.children if c.dep_ in ("aux", "auxpass")]
            if t.tag_ == "VBN" and not aux:
                if t.dep_ in ("acl", "amod", "relcl"):
                    return "past"
                if t.head is not t and t.dep_ in ("ccomp", "xcomp", "conj", "advcl", "oprd"):
                    t = t.head
                    continue
            return _verb_tense(t, aux)
        if t.head is t:
            return None
        t = t.head
    return None


def _verb_tense(t: Token, aux: list[Token]) -> Tense | None:
    if any(c.lower_ in _FUTURE_AUX for c in aux):
        return "future"
    if any(c.lower_ == "to" for c in aux):
        return "future"  # "to be held on", "plans to meet on"
    if any(c.tag_ == "VBD" for c in aux) or t.tag_ == "VBD":
        return "past"
    if t.tag_ == "VBN" and any(c.lemma_ == "have" for c in aux):
        return "past"
    if t.tag_ in ("VBZ", "VBP") or any(c.tag_ in ("VBZ", "VBP") for c in aux):
        if any(c.dep_ == "xcomp" and any(a.lower_ == "to" for a in c.children) for c in t.children):
            return "future"  # "wants to", "plans to", "aims to"
        return "present"
    return None


def tense_from_doc(doc: Doc) -> Callable[[int], Tense | None]:
    """A ``tense_at(offset)`` function: the parse's tense, else a cue-word guess."""
    starts = [t.idx for t in doc]
    fallback = heuristic_tense(doc.text)
    has_parse = doc.has_annotation("DEP")

    def tense_at(pos: int) -> Tense | None:
        guess = fallback(pos)
        if not has_parse or not starts:
            return guess
        i = max(0, bisect.bisect_right(starts, pos) - 1)
        tense = clause_tense(doc[i])
        if tense in ("past", "future"):
            return tense
        return guess

    return tense_at


class TimexFinder:
    """Finds temporal expressions and stores them on ``doc._.sl_timexes``.

    The extension holds plain dicts (the fields of :class:`TimexSpan`) so that Docs travel
    between processes (``nlp.pipe(n_process=...)`` serialises extensions with msgpack).
    """

    def __init__(self, nlp: Language, name: str, use_parse: bool = True) -> None:
        self.name = name
        self.use_parse = use_parse

    def match(self, doc: Doc) -> list[TimexSpan]:
        tense_at = tense_from_doc(doc) if self.use_parse else None
        return find_timexes(doc.text, doc._.sl_published, tense_at)

    def __call__(self, doc: Doc) -> Doc:
        doc._.sl_timexes = [dataclasses.asdict(s) for s in self.match(doc)]
        return doc


@Language.factory(
    "storyline_timexes",
    assigns=["doc._.sl_timexes"],
    default_config={"use_parse": True},
)
def make_timexes(nlp: Language, name: str, use_parse: bool) -> TimexFinder:
    return TimexFinder(nlp, name, use_parse=use_parse)


def to_records(doc: Doc, article_id: str) -> tuple[Timex, ...]:
    spans: list[dict[str, Any]] = doc._.sl_timexes or []
    return tuple(
        Timex(
            article_id=article_id,
            text=s["text"],
            start=s["start"],
            end=s["end"],
            type=s["type"],
            value=s["value"],
            resolution=s["resolution"],
            mod=s.get("mod"),
        )
        for s in spans
    )

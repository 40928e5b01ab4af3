"""storyline_figures: numbers with their unit, qualifier and what they count.

Matching lives in :mod:`storyline.nlp.figures.rules` (pure text rules); this component uses the
dependency parse to find what a number counts: the noun it modifies ("30,000 troops"), or the
object of "of" after a percentage or fraction ("5% of GDP", "one-fifth of the country").
Numbers that are dates or clock times (found by the temporal rules) are not figures.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from storyline.models import Figure
from storyline.nlp import extensions as _extensions  # noqa: F401
from storyline.nlp.figures.rules import FigureSpan, find_figures, units
from storyline.nlp.timexes.rules import find_timexes

# Nouns that are part of the number or its unit, never what it counts.
_NUMBER_NOUNS = frozenset(
    [
        "%",
        "percent",
        "cent",
        "point",
        "points",
        "hundred",
        "thousand",
        "million",
        "billion",
        "trillion",
        "bn",
        "m",
        "k",
        "dozen",
        "dozens",
        "half",
        "third",
        "thirds",
        "quarter",
        "quarters",
        "fifth",
        "fifths",
        "sixth",
        "sixths",
        "tenth",
        "tenths",
    ]
)
_MAX_ABOUT_DISTANCE = 6


def _is_unitish(token: Token) -> bool:
    low = token.lower_
    return low in _NUMBER_NOUNS or low in units()["measures"] or low in units()["currency_words"]


def _of_object(token: Token) -> Token | None:
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            for obj in child.children:
                if obj.dep_ == "pobj" and obj.pos_ in ("NOUN", "PROPN"):
                    return obj
    return None


def counted_noun(number: Span) -> Token | None:
    """The noun a number counts, from the parse (None when the parse names none)."""
    root = number.root
    seen: set[int] = set()
    t = root
    for _ in range(4):
        if t.i in seen:
            break
        seen.add(t.i)
        if t.i not in range(number.start, number.end) and t.pos_ in ("NOUN", "PROPN") and not _is_unitish(t):
            return t
        of = _of_object(t)
        if of is not None and not _is_unitish(of):
            return of
        if t.dep_ in ("nummod", "quantmod", "compound", "amod", "npadvmod", "nmod", "det") or (
            t.i in range(number.start, number.end) or _is_unitish(t)
        ):
            if t.head is t or t.head.i < number.start:
                break
            t = t.head
            continue
        break
    return None


_PATH_WORDS = frozenset({"of", "-", "the", "its", "their", "his", "her", "our", "a", "an", "this", "that"})


def _modifier_token(t: Token) -> bool:
    """Tokens allowed between a number and the noun it counts."""
    if t.lower_ in _PATH_WORDS or t.lower_ in _NUMBER_NOUNS or _is_unitish(t):
        return True
    return (
        t.pos_ in ("ADJ", "NOUN", "PROPN", "NUM") and not t.is_punct and not any(c.isdigit() for c in t.text)
    )


def _about_text(noun: Token) -> str:
    """A common noun's lemma ("troops" -> "troop"); a name with its compound parts ("Sarn Valley")."""
    if noun.pos_ == "PROPN":
        parts = [c for c in noun.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"]
        if parts and all(p.i == noun.i - len(parts) + k for k, p in enumerate(parts)):
            return noun.doc[parts[0].i : noun.i + 1].text
        return noun.text
    if noun.text.isupper():
        return noun.text
    first = noun
    while (
        first.i > 0
        and not noun.doc[first.i - 1].whitespace_
        and (noun.doc[first.i - 1].text == "-" or noun.doc[first.i - 1].is_alpha)
    ):
        first = noun.doc[first.i - 1]
    if first.i < noun.i and noun.doc[first.i].text != "-":
        return noun.doc[first.i : noun.i].text.lower() + noun.lemma_.lower()  # "sell-off"
    return noun.lemma_.lower()


class FigureFinder:
    """Finds figures and stores them on ``doc._.sl_figures`` as plain dicts (msgpack-safe)."""

    def __init__(self, nlp: Language, name: str, use_parse: bool = True) -> None:
        self.name = name
        self.use_parse = use_parse

    def _date_spans(self, doc: Doc) -> list[tuple[int, int]]:
        found: list[dict[str, Any]] | None = doc._.sl_timexes
        if found is None:
            spans = find_timexes(doc.text, doc._.sl_published)
            return [(t.start, t.end) for t in spans if t.type in ("DATE", "TIME")]
        return [(t["start"], t["end"]) for t in found if t["type"] in ("DATE", "TIME")]

    def match(self, doc: Doc) -> list[FigureSpan]:
        text = doc.text  # spaCy joins every token again on each access: once only
        found = find_figures(text, skip=self._date_spans(doc))
        if not self.use_parse or not doc.has_annotation("DEP"):
            return found
        return [f for f in (self._refine(doc, text, f) for f in found) if f is not None]

    def _refine(self, doc: Doc, text: str, fig: FigureSpan) -> FigureSpan | None:
        if fig.about == "age":
            return fig  # "Jane Doe, 54,": the rules already know what it counts
        number = doc.char_span(fig.number_start, fig.number_end, alignment_mode="expand")
        if number is None or len(number) == 0:
            return fig
        noun = counted_noun(number)
        has_digit = any(c.isdigit() for c in text[fig.number_start : fig.number_end])
        if noun is None:
            if fig.unit is None and not has_digit and fig.about is not None:
                return None  # a word number that counts nothing: "one of them"
            return dataclasses.replace(fig, about=None, end=fig.core_end, text=text[fig.start : fig.core_end])
        end = fig.core_end
        if noun.i >= number.end:
            path = doc[number.end : noun.i]
            if noun.i - number.end >= _MAX_ABOUT_DISTANCE or not all(_modifier_token(t) for t in path):
                # "$42 to four cents", "2 of the company's new jets": not a clean noun phrase
                return dataclasses.replace(fig, about=None, end=end, text=text[fig.start : end])
            if noun.idx >= fig.core_end:
                end = noun.idx + len(noun.text)
        about = _about_text(noun)
        return dataclasses.replace(fig, about=about, end=end, text=text[fig.start : end])

    def __call__(self, doc: Doc) -> Doc:
        doc._.sl_figures = [dataclasses.asdict(f) for f in self.match(doc)]
        return doc


@Language.factory(
    "storyline_figures",
    assigns=["doc._.sl_figures"],
    default_config={"use_parse": True},
)
def make_figures(nlp: Language, name: str, use_parse: bool) -> FigureFinder:
    return FigureFinder(nlp, name, use_parse=use_parse)


def to_records(doc: Doc, article_id: str) -> tuple[Figure, ...]:
    spans: list[dict[str, Any]] = doc._.sl_figures or []
    return tuple(
        Figure(
            article_id=article_id,
            text=f["text"],
            start=f["start"],
            end=f["end"],
            value=f["value"],
            unit=f["unit"],
            about=f["about"],
            qualifier=f["qualifier"],
            value_max=f["value_max"],
        )
        for f in spans
    )

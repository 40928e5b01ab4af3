"""Place mentions of a Doc: spaCy's GPE / LOC / FAC entities, geocoded in the article's context.

A name the entity recogniser labelled otherwise (a group, a body, a person) counts too when it
is the object of a preposition ("outside the village of <X>", "in <X>"), is no nationality word,
and the gazetteer knows it as a city: the recogniser often mistakes a foreign town's name.

The context is the set of countries the text names outright (country names, not adjectives),
so "Tripoli" in an article about Lebanon resolves to the Lebanese city.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span

from storyline.nlp.places.gazetteer import PlaceGazetteer, load_places
from storyline.nlp.places.geocode import Place, geocode

__all__ = ["PLACE_LABELS", "PlaceMention", "find_places"]

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
MISLABELLED = frozenset({"NORP", "ORG", "PERSON"})  # labels a place name is often given by mistake


@dataclass(frozen=True)
class PlaceMention:
    start: int
    end: int
    text: str
    place: Place


def find_places(doc: Doc, gaz: PlaceGazetteer | None = None) -> list[PlaceMention]:
    """Every geocoded place mention of ``doc``, in text order."""
    gaz = gaz or load_places()
    ents = [e for e in doc.ents if e.label_ in PLACE_LABELS]
    context = {code for e in ents if (code := gaz.country_of_name(e.text)) is not None}
    out = []
    for e in doc.ents:
        if e.label_ in PLACE_LABELS:
            place = geocode(e.text, context, gaz)
        elif e.label_ in MISLABELLED and _mislabelled_place(e, gaz):
            place = geocode(e.text, context, gaz)
            place = place if place is not None and place.kind == "city" else None
        else:
            continue
        if place is not None:
            out.append(PlaceMention(e.start_char, e.end_char, e.text, place))
    return out


def _mislabelled_place(ent: Span, gaz: PlaceGazetteer) -> bool:
    """An entity of another label that stands where a place does: a preposition's object,
    not a nationality word."""
    root = ent.root
    return root.dep_ == "pobj" and gaz.country_of_adjective(ent.text) is None

"""Place mentions of a Doc: spaCy's GPE / LOC / FAC entities, geocoded in the article's context.

The context is the set of countries the text names outright (country names, not adjectives),
so "Tripoli" in an article about Lebanon resolves to the Lebanese city.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc

from storyline.nlp.places.gazetteer import PlaceGazetteer, load_places
from storyline.nlp.places.geocode import Place, geocode

__all__ = ["PLACE_LABELS", "PlaceMention", "find_places"]

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})


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
    for e in ents:
        place = geocode(e.text, context, gaz)
        if place is not None:
            out.append(PlaceMention(e.start_char, e.end_char, e.text, place))
    return out

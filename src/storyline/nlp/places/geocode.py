"""Geocoding one place mention against the packaged gazetteer, with the choice explained.

Stages (``geocode``):

1. ``as_country``: the mention names a country ("Britain", "the Ivory Coast"): the country,
   drawn at its capital;
2. ``as_city``: the mention names GeoNames cities: among the candidates, one in a country the
   article names wins over one elsewhere, then the most populous (a capital breaks a tie);
3. nothing: the mention is left ungeocoded (never guessed).

Every answer says in ``basis`` which stage decided and how many candidates there were.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from storyline.nlp.places.gazetteer import City, PlaceGazetteer, load_places

__all__ = ["MIN_CITY_POPULATION", "Place", "geocode"]

MIN_CITY_POPULATION = 15_000  # smaller places are not in the packaged gazetteer


@dataclass(frozen=True)
class Place:
    name: str  # the gazetteer's name
    kind: str  # country | city
    country: str  # ISO 3166 alpha-3
    region: str | None
    lat: float | None
    lon: float | None
    basis: str


def _strip(text: str) -> str:
    text = text.strip().strip(".,;:'\"()").strip()
    for prefix in ("the ", "The "):
        if text.startswith(prefix):
            text = text[len(prefix) :]
    if text.endswith("'s") or text.endswith("’s"):
        text = text[:-2]
    return text


def as_country(text: str, gaz: PlaceGazetteer) -> Place | None:
    code = gaz.country_of_name(text)
    if code is None:
        return None
    info = gaz.countries.get(code)
    capital = gaz.capital(code)
    name = info.name if info else text
    where = f", drawn at its capital {capital.name}" if capital else ""
    return Place(
        name,
        "country",
        code,
        None,
        capital.lat if capital else None,
        capital.lon if capital else None,
        f"country name{where}",
    )


def _rank(city: City, context: Collection[str], gaz: PlaceGazetteer) -> tuple[bool, int, bool]:
    capital = gaz.capital(city.country)
    return (
        city.country in context,
        city.population,
        capital is not None and capital.geonameid == city.geonameid,
    )


def as_city(text: str, context: Collection[str], gaz: PlaceGazetteer) -> Place | None:
    candidates = gaz.cities_named(text)
    if not candidates:
        return None
    best = max(candidates, key=lambda c: _rank(c, context, gaz))
    countries = sorted({c.country for c in candidates})
    if len(candidates) == 1:
        why = "the only city of that name"
    elif best.country in context and len(countries) > 1:
        why = f"of {len(candidates)} cities of that name ({', '.join(countries[:6])}), the one in a country the text names"
    else:
        why = f"of {len(candidates)} cities of that name ({', '.join(countries[:6])}), the most populous"
    return Place(
        best.name,
        "city",
        best.country,
        gaz.region_name(best),
        best.lat,
        best.lon,
        f"GeoNames city {best.geonameid} (population {best.population:,}): {why}",
    )


def geocode(text: str, context: Collection[str] = (), gaz: PlaceGazetteer | None = None) -> Place | None:
    """The place ``text`` names, or None. ``context``: alpha-3 codes of countries the text names."""
    gaz = gaz or load_places()
    name = _strip(text)
    if not name or len(name) > 80:
        return None
    return as_country(name, gaz) or as_city(name, context, gaz)

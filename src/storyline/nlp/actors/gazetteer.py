"""Packaged reference data for actors: countries, office holders, seats of government, titles.

The data files live in ``storyline/nlp/data/``; every office-holder row names its source.
``officeholders.jsonl`` rows come in three kinds:

- ``office``: a person who held an office from ``start`` to ``end`` (ISO dates; ``end`` null
  when the file records no end), with the role words that describe the office
  ("prime minister", "chancellor") and the country (ISO 3166 alpha-2, null for international
  bodies);
- ``seat``: a place name that stands for an institution ("<seat> said ..."), with the office it
  speaks for;
- ``institution``: a body with its usual aliases.
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from importlib import resources
from typing import Any

from storyline.nlp.vocabulary import Vocabulary, vocabulary

__all__ = [
    "Country",
    "Gazetteer",
    "Institution",
    "Office",
    "Seat",
    "fold",
    "load_gazetteer",
]


@lru_cache(maxsize=8192)
def fold(text: str) -> str:
    """Case- and accent-insensitive key: 'Zoë' ~ 'zoe', 'Élan' ~ 'ELAN'."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(stripped.replace("’", "'").casefold().split())


@dataclass(frozen=True)
class Country:
    code: str
    name: str
    aliases: tuple[str, ...]
    adjectives: tuple[str, ...]
    demonyms: tuple[str, ...]


@dataclass(frozen=True)
class Office:
    person: str
    aliases: tuple[str, ...]
    office: str
    roles: tuple[str, ...]
    country: str | None
    start: date | None
    end: date | None
    source: str

    def held_on(self, when: date | None) -> bool:
        if when is None:
            return self.end is None
        if self.start is not None and when < self.start:
            return False
        return self.end is None or when <= self.end


@dataclass(frozen=True)
class Seat:
    name: str
    aliases: tuple[str, ...]
    institution: str
    office: str | None
    country: str | None
    source: str


@dataclass(frozen=True)
class Institution:
    name: str
    aliases: tuple[str, ...]
    country: str | None
    source: str


@dataclass
class Gazetteer:
    countries: list[Country] = field(default_factory=list)
    offices: list[Office] = field(default_factory=list)
    seats: list[Seat] = field(default_factory=list)
    institutions: list[Institution] = field(default_factory=list)
    titles: Vocabulary | None = None  # the shared vocabulary (titles, roles, bodies)
    _country_by_key: dict[str, Country] = field(default_factory=dict)
    _adjective: dict[str, Country] = field(default_factory=dict)
    _demonym: dict[str, Country] = field(default_factory=dict)
    _offices_by_name: dict[str, list[Office]] = field(default_factory=dict)
    _offices_by_surname: dict[str, list[Office]] = field(default_factory=dict)
    _seat_by_key: dict[str, Seat] = field(default_factory=dict)
    _inst_by_key: dict[str, Institution] = field(default_factory=dict)
    _offices_by_role: dict[str, list[Office]] = field(default_factory=dict)

    def index(self) -> None:
        for c in self.countries:
            for alias in (c.name, *c.aliases):
                self._country_by_key.setdefault(fold(alias), c)
            for adj in c.adjectives:
                self._adjective.setdefault(fold(adj), c)
            for dem in c.demonyms:
                self._demonym.setdefault(fold(dem), c)
        for o in self.offices:
            for key in {self.role_key(r) for r in o.roles}:
                self._offices_by_role.setdefault(key, []).append(o)
            for alias in (o.person, *o.aliases):
                self._offices_by_name.setdefault(fold(alias), []).append(o)
                self._offices_by_surname.setdefault(fold(alias.split()[-1]), []).append(o)
        for s in self.seats:
            for alias in (s.name, *s.aliases):
                self._seat_by_key.setdefault(fold(alias), s)
        for i in self.institutions:
            for alias in (i.name, *i.aliases):
                self._inst_by_key.setdefault(fold(alias), i)

    # ---- countries -----------------------------------------------------------------------
    def country(self, text: str) -> Country | None:
        """The country a name ('UK', 'Britain') or code ('GB') denotes."""
        key = fold(_strip_the(text))
        hit = self._country_by_key.get(key)
        if hit is None and len(text) == 2 and text.isupper():
            hit = next((c for c in self.countries if c.code == text), None)
        return hit

    def country_of_adjective(self, text: str) -> Country | None:
        key = fold(text)
        return self._adjective.get(key) or self._demonym.get(key)

    def country_of_word(self, text: str) -> Country | None:
        """A country named, or qualified by adjective or demonym ('Russian', 'Britons')."""
        return self.country(text) or self.country_of_adjective(text)

    def country_by_code(self, code: str | None) -> Country | None:
        if code is None:
            return None
        return next((c for c in self.countries if c.code == code), None)

    # ---- people and offices --------------------------------------------------------------
    def offices_of(self, name: str) -> list[Office]:
        return list(self._offices_by_name.get(fold(name), ()))

    def offices_by_surname(self, surname: str) -> list[Office]:
        return list(self._offices_by_surname.get(fold(surname), ()))

    def holders(self, role: str, when: date | None, country: str | None) -> list[Office]:
        """Offices described by role key ``role`` held on ``when`` (in ``country`` if given)."""
        out = []
        for o in self._offices_by_role.get(role, ()):
            if country is not None and o.country != country:
                continue
            if o.held_on(when):
                out.append(o)
        return out

    def role_key(self, role: str) -> str:
        words = fold(role)
        if self.titles is None:
            return words
        return self.titles.synonyms.get(words, words)

    # ---- seats and institutions ----------------------------------------------------------
    def seat(self, text: str) -> Seat | None:
        return self._seat_by_key.get(fold(_strip_the(text)))

    def seat_for_office(self, office: str) -> Seat | None:
        return next((s for s in self.seats if s.office == office), None)

    def institution(self, text: str) -> Institution | None:
        return self._inst_by_key.get(fold(_strip_the(text)))

    def surface_forms(self) -> list[str]:
        """Every seat, institution and country name as written, for text matching."""
        forms: list[str] = []
        for s in self.seats:
            forms.extend((s.name, *s.aliases))
        for i in self.institutions:
            forms.extend((i.name, *i.aliases))
        for c in self.countries:
            forms.extend((c.name, *c.aliases))
        return [f for f in forms if len(f) > 1]


def _strip_the(text: str) -> str:
    t = text.strip()
    return t[4:] if t[:4].lower() == "the " else t


def _date(value: Any) -> date | None:
    return date.fromisoformat(value) if isinstance(value, str) and value else None


def _read_lines(name: str) -> list[dict[str, Any]]:
    text = resources.files("storyline.nlp").joinpath("data", name).read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines() if line.strip()]


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The packaged gazetteer, read once per process."""
    gaz = Gazetteer()
    for row in _read_lines("countries.jsonl"):
        gaz.countries.append(
            Country(
                code=row["code"],
                name=row["name"],
                aliases=tuple(row.get("aliases", ())),
                adjectives=tuple(row.get("adjectives", ())),
                demonyms=tuple(row.get("demonyms", ())),
            )
        )
    for row in _read_lines("officeholders.jsonl"):
        kind = row.get("kind")
        if kind == "office":
            gaz.offices.append(
                Office(
                    person=row["person"],
                    aliases=tuple(row.get("aliases", ())),
                    office=row["office"],
                    roles=tuple(row.get("roles", ())),
                    country=row.get("country"),
                    start=_date(row.get("start")),
                    end=_date(row.get("end")),
                    source=row["source"],
                )
            )
        elif kind == "seat":
            gaz.seats.append(
                Seat(
                    name=row["name"],
                    aliases=tuple(row.get("aliases", ())),
                    institution=row["institution"],
                    office=row.get("office"),
                    country=row.get("country"),
                    source=row["source"],
                )
            )
        elif kind == "institution":
            gaz.institutions.append(
                Institution(
                    name=row["name"],
                    aliases=tuple(row.get("aliases", ())),
                    country=row.get("country"),
                    source=row["source"],
                )
            )
    gaz.titles = vocabulary()
    gaz.index()
    return gaz

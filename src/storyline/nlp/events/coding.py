"""Actor codes for an event's source and target: a country (ISO 3166 alpha-3, or IGO / NGO)
and a sector (GOV, MIL, COP, REB, OPP, LEG, JUD, CVL, REF, EDU, MED, JRN, BUS, LAB, REL, CRM),
in the manner of the PLOVER / CAMEO actor codebooks, each with how it was decided.

Country stages (``code_country``), first answer wins:

0. the phrase is itself a country's name ("the United States", "Britain");
1. ``from_body``: an international body named in the phrase ("the U.N. envoy") is IGO / NGO;
2. ``from_actor``: the article's actor for the phrase has a country (the officeholder
   gazetteer, a seat of government such as "the Kremlin", an institution);
3. ``from_words``: the leftmost country name, adjective or demonym in the phrase
   ("Russian officials", "Poland's parliament", "rebels in the Ivory Coast"); a nationality
   word after "ethnic" names a people, which event coders place where it lives, so it is
   passed over ("ethnic <adjective> villagers in <country>" codes as that country);
4. ``from_city``: the phrase's head names a city or seat of government ("Moscow said",
   "Downing Street"), or a big city follows "from" / "of" / "in" inside it ("envoys from
   <capital>", "the mayor of <city>"), coded with the city's country;
5. ``from_misspelling``: the phrase is a long capitalised name a letter or so off a
   country's name ("Phillipines").

Sector (``code_sector``): the phrase's role words (its head first, then the rest) and then
the actor's roles against ``nlp/data/event_actors.json``; a bare country has no sector.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from storyline.nlp.actors.gazetteer import fold, load_gazetteer
from storyline.nlp.places.gazetteer import PlaceGazetteer, alpha3, load_places

__all__ = [
    "ActorCode",
    "ActorLexicon",
    "code_actor",
    "code_country",
    "code_sector",
    "is_role_word",
    "load_actor_lexicon",
]

MAX_WORDS = 4  # longest country / body name matched in a phrase, in words
MIN_ACTOR_CITY_POPULATION = 100_000  # a city standing for its government ("Moscow said") is a big one
MIN_ALIAS_CITY_POPULATION = 1_000_000  # matched by one of its other names only when it is very big
COMPOUND_TAILS = frozenset(
    {"led", "backed", "based", "born", "run", "owned", "sponsored", "funded", "allied"}
)
PLACE_NOUNS = frozenset(
    {"border", "borders", "frontier", "coast", "region", "province", "capital", "territory", "waters"}
)
ETHNIC_MARKERS = frozenset({"ethnic"})  # the nationality word after it names a people, not a state
CITY_PREPS = frozenset({"from", "of", "in"})  # "officials from <city>": whose, from inside the phrase
_WORD = re.compile(r"[A-Za-z][A-Za-z.\-'’]*[A-Za-z.]|[A-Za-z]")


@dataclass(frozen=True)
class ActorCode:
    country: str | None
    sector: str | None
    basis: str


@dataclass(frozen=True)
class ActorLexicon:
    sectors: dict[str, str]  # folded role word or phrase -> sector
    bodies: dict[str, str]  # body name as written -> IGO | NGO (acronyms are case-sensitive)
    folded_bodies: dict[str, str]  # folded name -> IGO | NGO, for the names that are not acronyms


@lru_cache(maxsize=1)
def load_actor_lexicon() -> ActorLexicon:
    raw = json.loads(resources.files("storyline.nlp").joinpath("data/event_actors.json").read_text("utf-8"))
    sectors = {fold(w): kind for kind, words in raw["sectors"].items() for w in words}
    bodies = {name: "IGO" for name in raw["igo"]} | {name: "NGO" for name in raw["ngo"]}
    folded: dict[str, str] = {}
    for name, kind in bodies.items():
        if not name.isupper():
            folded.setdefault(fold(name), kind)
    return ActorLexicon(sectors, bodies, folded)


def _words(text: str) -> list[str]:
    return [m.group(0).rstrip("’'").removesuffix("'s").removesuffix("’s") for m in _WORD.finditer(text)]


def _ngrams(words: list[str]) -> list[tuple[int, str]]:
    """(position, phrase) for every run of up to MAX_WORDS words, longest first at a position."""
    out = []
    for i in range(len(words)):
        for n in range(min(MAX_WORDS, len(words) - i), 0, -1):
            out.append((i, " ".join(words[i : i + n])))
    return out


def from_body(text: str, lex: ActorLexicon) -> tuple[str, str] | None:
    for _, phrase in _ngrams(_words(text)):
        kind = lex.bodies.get(phrase) or lex.bodies.get(phrase.rstrip("."))
        if kind is None and not phrase.isupper():
            kind = lex.folded_bodies.get(fold(phrase))
        if kind is not None:
            return kind, f"names the body {phrase!r}"
    return None


def from_actor(country: str | None, name: str | None) -> tuple[str, str] | None:
    code = alpha3(country)
    if code is None:
        return None
    return code, f"the article's actor {name!r} belongs to {code}"


def _compound_country(word: str, places: PlaceGazetteer) -> str | None:
    """ "US-led", "Syrian-backed": the country that leads or backs ("pro-" / "anti-" are not)."""
    head, _, tail = word.partition("-")
    if tail.lower() not in COMPOUND_TAILS:
        return None
    return places.country_of_name(head) or places.country_of_adjective(head)


def from_words(text: str, places: PlaceGazetteer) -> tuple[str, str] | None:
    words = _words(text)
    for i, phrase in _ngrams(words):
        if phrase[:1].islower():
            continue
        n = len(phrase.split())
        if i + n < len(words) and words[i + n].lower() in PLACE_NOUNS:
            continue  # "on the Thai border": where, not whose
        code = places.country_of_name(phrase)
        if code is not None:
            return code, f"names the country {phrase!r}"
        code = places.country_of_adjective(phrase)
        if code is not None and i and words[i - 1].lower() in ETHNIC_MARKERS:
            continue  # "ethnic <adjective> villagers": a people, not the state of that name
        if code is not None:
            return code, f"nationality word {phrase!r}"
        if n == 1 and (code := _compound_country(phrase, places)) is not None:
            return code, f"compound {phrase!r}"
    return None


def from_city(text: str, places: PlaceGazetteer) -> tuple[str, str] | None:
    seat = load_gazetteer().seat(text)
    if seat is not None and seat.country:
        code = alpha3(seat.country)
        if code:
            return code, f"seat of government {seat.name!r}"
    words = _words(text)
    if words and words[0].lower() in ("the", "a", "an"):
        words = words[1:]
    starts = [0] + [i + 1 for i, w in enumerate(words) if w.lower() in CITY_PREPS and i + 1 < len(words)]
    for start in starts:  # "Khartoum government": the leading name; "envoys from <city>"
        for n in range(min(MAX_WORDS, len(words) - start), 0, -1):
            if start + n < len(words) and words[start + n].lower() in PLACE_NOUNS:
                continue
            found = _big_city(" ".join(words[start : start + n]), places)
            if found is not None:
                return found
    return None


def _big_city(phrase: str, places: PlaceGazetteer) -> tuple[str, str] | None:
    if not phrase[:1].isupper():
        return None
    cities = [
        c
        for c in places.cities_named(phrase)
        if c.population
        >= (MIN_ACTOR_CITY_POPULATION if fold(c.name) == fold(phrase) else MIN_ALIAS_CITY_POPULATION)
    ]
    if not cities:
        return None
    best = max(cities, key=lambda c: c.population)
    return best.country, f"city {best.name!r} (most populous of {len(cities)} of that name)"


def from_misspelling(text: str, places: PlaceGazetteer) -> tuple[str, str] | None:
    """The phrase is a capitalised name one letter or so off a country's ("Phillipines")."""
    name = text.strip()
    if not name[:1].isupper() or len(name.split()) > 2:
        return None
    code = places.country_of_misspelling(name)
    return (code, f"close to a country's name: {name!r}") if code is not None else None


@lru_cache(maxsize=16384)  # the same entity texts come back in every sentence of an article
def code_country(
    text: str,
    actor_country: str | None = None,
    actor_name: str | None = None,
    places: PlaceGazetteer | None = None,
) -> tuple[str | None, str]:
    places = places or load_places()
    lex = load_actor_lexicon()
    whole = places.country_of_name(text.strip())
    if whole is not None:  # the phrase is a country's name: nothing outranks it
        return whole, f"names the country {text.strip()!r}"
    for found in (
        from_body(text, lex),
        from_actor(actor_country, actor_name),
        from_words(text, places),
        from_city(text, places),
        from_misspelling(text, places),
    ):
        if found is not None:
            return found
    return None, "no country in the phrase or its actor"


def code_sector(text: str, head: str | None = None, roles: tuple[str, ...] = ()) -> tuple[str | None, str]:
    lex = load_actor_lexicon()
    words = [fold(w) for w in _words(text)]
    ordered = (
        ([fold(head)] if head else []) + [" ".join(words[i : i + 2]) for i in range(len(words) - 1)] + words
    )
    for word in ordered:
        sector = lex.sectors.get(word)
        if sector is not None:
            return sector, f"role word {word!r}"
    for role in roles:
        sector = lex.sectors.get(fold(role)) or next(
            (lex.sectors[w] for w in fold(role).split() if w in lex.sectors), None
        )
        if sector is not None:
            return sector, f"the actor's role {role!r}"
    return None, "no role word"


def code_actor(
    text: str,
    head: str | None = None,
    actor_country: str | None = None,
    actor_name: str | None = None,
    roles: tuple[str, ...] = (),
) -> ActorCode:
    """The codes of one participant phrase (and the article actor it resolved to)."""
    country, why_country = code_country(text, actor_country, actor_name)
    sector, why_sector = code_sector(text, head, roles)
    if country in ("IGO", "NGO") and sector == "GOV":
        sector = None  # "U.N. officials": the body is the actor
    if sector is None and why_country.startswith("seat of government"):
        sector, why_sector = "GOV", "a seat of government speaks for its government"
    return ActorCode(country, sector, f"country: {why_country}; sector: {why_sector}")


def is_role_word(word: str) -> bool:
    """A word that names a kind of actor ("rebels", "ministry", "students")."""
    return fold(word) in load_actor_lexicon().sectors

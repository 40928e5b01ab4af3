"""Stage 1 of the actor layer: the name mentions of a Doc (entities, gazetteer matches and
title-led names), trimmed, typed by vote and with their title prefixes.

Used by :mod:`storyline.nlp.actors.cluster`, which clusters them into actors.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from rapidfuzz import fuzz
from spacy.tokens import Doc

from storyline.nlp.actors.gazetteer import Gazetteer, fold
from storyline.nlp.actors.names import (
    LABEL_TYPES,
    NameMention,
    clean_name_tokens,
    name_char_span,
    sent_start,
    title_prefix,
)
from storyline.nlp.vocabulary import Vocabulary


def collect_names(doc: Doc, gaz: Gazetteer, full: str) -> list[NameMention]:
    """Cleaned entity mentions plus gazetteer names NER missed."""
    titles = gaz.titles
    assert titles is not None
    out: list[NameMention] = []
    lower_words = {t.lower_ for t in doc if t.is_lower}
    for ent in doc.ents:
        if ent.label_ not in LABEL_TYPES:
            continue
        s, e, hon, bare = clean_name_tokens(doc, ent, titles)
        if s >= e:
            continue
        start, end = name_char_span(doc, s, e, full)
        start, end = _trim_name(full, start, end, gaz)
        if end <= start:
            continue
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            continue
        s, e = span.start, span.end
        text = full[start:end]
        if text[:1].islower():
            continue  # not a name: a body phrase NER took for one ("defence ministry")
        type_ = _retype(LABEL_TYPES[ent.label_], text, gaz)
        if type_ == "person" and (
            (e < len(doc) and doc[e].lower_ in titles.org_nouns)
            or (e - s > 1 and doc[e - 1].lower_ in titles.org_nouns | titles.body_words)
        ):
            type_ = "organization"  # "the <Name> brigade", "<Name> Relief Mission"
        if type_ in {"person", "organization"} and e - s == 1:
            tok = doc[s]
            if tok.tag_.startswith("VB"):
                continue
            if _starts_sentence(doc, s) and (text.lower() in lower_words or tok.tag_ not in _PROPER):
                continue  # a capitalised common word at the start of a sentence
            if tok.lower_ in titles.role_modifiers or tok.lower_ in titles.role_heads:
                continue  # a piece of a title ("Secretary of Defense")
        m = NameMention(start, end, s, e, type_, text, roles=[b.lower() for b in bare])
        if type_ == "person":
            add_prefix(doc, m, gaz, titles, hon)
        out.append(m)
    out.extend(_gazetteer_matches(doc, gaz, out, full))
    _vote_types(doc, out)
    return out


_PROPER = {"NNP", "NNPS"}
_HYPHEN_PREFIX = re.compile(r"^[a-z]+-")


def _starts_sentence(doc: Doc, i: int) -> bool:
    """First word of its sentence (opening quotes and brackets ignored)."""
    start = sent_start(doc[i])
    return all(doc[k].is_punct for k in range(start, i))


def _trim_name(text: str, start: int, end: int, gaz: Gazetteer) -> tuple[int, int]:
    """Cut a name at a line break, drop a 'pro-' style prefix, keep a trailing known body."""
    name = text[start:end]
    if "\n" in name:
        end = start + name.index("\n")
        name = text[start:end].rstrip()
        end = start + len(name)
    m = _HYPHEN_PREFIX.match(name)
    if m:
        start += m.end()
        name = text[start:end]
    words = name.split(" ")
    if len(words) > 1 and not (gaz.seat(name) or gaz.institution(name) or gaz.country(name)):
        for k in range(1, len(words)):
            tail = " ".join(words[k:])
            if gaz.seat(tail) or gaz.institution(tail):
                return end - len(tail), end
    return start, end


def add_prefix(doc: Doc, m: NameMention, gaz: Gazetteer, titles: Vocabulary, hon: list[str]) -> None:
    hon2, roles, country, tstart = title_prefix(doc, m.tok_start, titles, gaz)
    m.honorifics = hon2 + hon
    m.roles = m.roles + roles
    m.role_country = country
    m.title_start = tstart


def _retype(type_: str, text: str, gaz: Gazetteer) -> str:
    if gaz.seat(text) or gaz.institution(text):
        return "organization"
    if gaz.country(text):
        return "place"
    if gaz.country_of_adjective(text) and type_ != "group":
        return "group"
    return type_


@lru_cache(maxsize=4)
def _surface_regex(gaz_id: int, forms: tuple[str, ...]) -> re.Pattern[str]:
    alts = sorted(set(forms), key=len, reverse=True)
    return re.compile(r"(?<![\w.])(" + "|".join(re.escape(f) for f in alts) + r")(?![\w])")


def _gazetteer_matches(doc: Doc, gaz: Gazetteer, found: list[NameMention], full: str) -> list[NameMention]:
    """Seats, institutions and countries written as the gazetteer spells them, NER missed."""
    rx = _surface_regex(id(gaz), tuple(gaz.surface_forms()))
    taken = Occupancy(len(full), [(m.start, m.end) for m in found])
    out = []
    for match in rx.finditer(full):
        s, e = match.span()
        if taken.overlaps(s, e):
            continue
        span = doc.char_span(s, e, alignment_mode="expand")
        if span is None:
            continue
        text = match.group(1)
        type_ = _retype("organization", text, gaz)
        out.append(NameMention(s, e, span.start, span.end, type_, text))
    return out


def _vote_types(doc: Doc, mentions: list[NameMention]) -> None:
    """Give one-word names a consistent type: by their other tags, and by the list they're in."""
    votes: dict[str, Counter[str]] = {}
    for m in mentions:
        votes.setdefault(fold(m.text), Counter())[m.type] += 1
    by_tok = {m.tok_start: m for m in mentions}
    by_end = {m.tok_end: m for m in mentions}
    nationalities = {
        fold(m.text)
        for m in mentions
        if m.type == "group" or (m.type == "organization" and " " not in m.text)
    }
    place_keys = {fold(m.text) for m in mentions if m.type == "place" and len(m.text) >= 4}
    for m in mentions:
        if m.honorifics or len(m.text.split()) > 1 or m.type not in {"person", "organization"}:
            continue
        v = votes[fold(m.text)]
        if v["place"] >= v["person"] + v["organization"] and v["place"]:
            m.type = "place"
            continue
        key = fold(m.text)
        # the text also uses it as a nationality ('Koldar' and 'Koldari'): a country
        if (
            m.type == "person"
            and not m.roles
            and len(key) >= 4
            and any(g != key and g.startswith(key) and len(g) - len(key) <= 3 for g in nationalities)
        ):
            m.type = "place"
            continue
        if m.type == "organization" and any(
            g != key and key.startswith(g) and len(key) - len(g) <= 3 for g in place_keys
        ):
            m.type = "group"  # 'Koldari' beside the place 'Koldar': a nationality
            continue
        if (
            m.type == "person"
            and not m.roles
            and len(key) >= 6
            and any(fuzz.ratio(key, p) >= 90 for p in place_keys)
        ):
            m.type = "place"  # a misspelt place name ('Dravensk' beside 'Dravenosk')
            continue
        siblings = _list_siblings(doc, m, by_tok, by_end)
        if len(siblings) >= 3:
            places = sum(1 for x in siblings if x.type == "place")
            people = sum(1 for x in siblings if x.type == "person" and len(x.text.split()) > 1)
            if places >= 2 and places > people:
                m.type = "place"
    # a known capital or big city is a place, unless the text gives person evidence for it
    named_people = _person_evidence(mentions)
    for m in mentions:
        if (
            m.type == "person"
            and " " not in m.text
            and fold(m.text) not in named_people
            and _known_city(m.text)
        ):
            m.type = "place"
    # one surface, one type: a word shown to be a place in one list is a place everywhere
    placed = {fold(m.text) for m in mentions if m.type == "place"}
    for m in mentions:
        if (
            m.type in {"person", "organization"}
            and not (m.honorifics or m.roles)
            and " " not in m.text
            and fold(m.text) in placed
            and votes[fold(m.text)]["person"] < 2
        ):
            m.type = "place"


BIG_CITY = 1_000_000  # a one-word "person" this populous a city is taken for the city


def _known_city(text: str) -> bool:
    """The packaged place gazetteer knows the name as a country's capital or a big city."""
    from storyline.nlp.places.gazetteer import load_places

    places = load_places()
    for city in places.cities_named(text):
        capital = places.capital(city.country)
        if city.population >= BIG_CITY or (capital is not None and capital.geonameid == city.geonameid):
            return True
    return False


def _person_evidence(mentions: list[NameMention]) -> set[str]:
    """One-word names the text shows to be people: written with a title or honorific, or a
    word of a longer person name it gives ("Jan Lima" makes "Lima" a person)."""
    out: set[str] = set()
    for m in mentions:
        if m.type != "person":
            continue
        words = m.text.split()
        if len(words) > 1:
            out |= {fold(w) for w in words}
        elif m.honorifics or m.roles:
            out.add(fold(m.text))
    return out


def _list_siblings(
    doc: Doc, m: NameMention, by_tok: dict[int, NameMention], ends: dict[int, NameMention]
) -> list[NameMention]:
    """The other items of a comma/and list that ``m`` is in."""
    out: list[NameMention] = []
    i = m.tok_start
    while i >= 2 and doc[i - 1].text in {",", "and", "or"}:
        prev = ends.get(i - 1)
        if prev is None:
            break
        out.append(prev)
        i = prev.tok_start
    j = m.tok_end
    while j + 1 < len(doc) and doc[j].text in {",", "and", "or"}:
        nxt = by_tok.get(j + 1)
        if nxt is None:
            break
        out.append(nxt)
        j = nxt.tok_end
    return out


class Occupancy:
    """Which characters of a text some mention already covers (O(length) overlap checks)."""

    def __init__(self, size: int, spans: list[tuple[int, int]]) -> None:
        self.cells = bytearray(size + 1)
        for s, e in spans:
            self.add(s, e)

    def add(self, s: int, e: int) -> None:
        self.cells[s:e] = b"\x01" * (e - s)

    def overlaps(self, s: int, e: int) -> bool:
        return any(self.cells[s:e])

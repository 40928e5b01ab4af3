"""Bodies named by what they are: "Arvenia's defence ministry", 'the government'.

A phrase headed by a body noun is linked to the organisation the article already names with
the same words ("the relief mission" -> "Halden Relief Mission"), or becomes an organisation
of its own when it carries a proper qualifier; a government is named after its country
("Government of Arvenia"); a bare "the government" is the government last named, else the
government of the country the article is most about.
"""

from __future__ import annotations

from collections import Counter
from datetime import date

from storyline.nlp.actors.clusters import Cluster, cluster_at, find_or_add
from storyline.nlp.actors.gazetteer import Gazetteer, fold
from storyline.nlp.actors.names import BodyPhrase
from storyline.nlp.vocabulary import vocabulary

_SKIP_WORDS = {"the", "of", "and", "for", "'s", "s", "a", "an", "its", "their", "his", "her"}
_THE_COUNTRY = ("united ", "republic", "kingdom", "emirates", "netherlands", "philippines")


def government_name(country: str) -> str:
    low = country.lower()
    article = "the " if low.startswith(_THE_COUNTRY[0]) or low.endswith(_THE_COUNTRY[1:]) else ""
    return f"Government of {article}{country}"


def _words(text: str) -> list[str]:
    return [w for w in fold(text).replace("'s", " ").replace("'", " ").split() if w not in _SKIP_WORDS]


def _word_match(a: str, b: str) -> bool:
    return a == b or (min(len(a), len(b)) >= 4 and (a.startswith(b) or b.startswith(a)))


def _names_same_body(phrase: str, name: str) -> bool:
    pw, nw = _words(phrase), _words(name)
    return bool(pw) and all(any(_word_match(p, n) for n in nw) for p in pw)


def _country_name(qualifier: str, clusters: list[Cluster], gaz: Gazetteer) -> tuple[str, str | None]:
    """The country a qualifier names ('UK', 'Arvenian' -> the place 'Arvenia' of the article)."""
    c = gaz.country_of_word(qualifier)
    if c is not None:
        return c.name, c.code
    q = fold(qualifier).removesuffix("'s")
    places = [p for p in clusters if p.type == "place"]
    for p in sorted(places, key=lambda p: -len(p.mentions)):
        if _word_match(fold(p.name), q):
            return p.name, p.country
    return qualifier, None


def dominant_country(clusters: list[Cluster], gaz: Gazetteer) -> tuple[str, str | None] | None:
    """The country the article is most about: gazetteer countries first, else a place the
    article also uses as a nationality ('Arvenia' and 'Arvenian')."""
    counts: Counter[str] = Counter()
    for c in clusters:
        if c.country and c.type in {"place", "group", "organization"}:
            counts[c.country] += len(c.mentions)
    if counts:
        code = counts.most_common(1)[0][0]
        country = gaz.country_by_code(code)
        if country is not None:
            return country.name, code
    groups = [fold(g.name) for g in clusters if g.type == "group"]
    places = [p for p in clusters if p.type == "place" and not p.country]
    nations = [p for p in places if any(_word_match(fold(p.name), g) for g in groups)]
    if nations:
        best = max(nations, key=lambda p: len(p.mentions))
        return best.name, best.country
    return None


def _country_in_sentence(
    p: BodyPhrase, clusters: list[Cluster], gaz: Gazetteer
) -> tuple[str, str | None] | None:
    """The last country (or nationality) named before ``p`` in its sentence."""
    best: tuple[int, tuple[str, str | None]] | None = None
    for c in clusters:
        if c.type not in {"place", "group"}:
            continue
        spans = [s for s, _ in c.mentions if p.sent_start <= s < p.start]
        if not spans:
            continue
        if c.type == "group" or not c.country:
            name, code = _country_name(c.name, [x for x in clusters if x is not c], gaz)
            if code is None and fold(name) == fold(c.name) and c.type == "group":
                continue  # a nationality with no country in the article
        else:
            country = gaz.country_by_code(c.country)
            if country is None or fold(country.name) != fold(c.name):
                continue  # a city or region, not a country
            name, code = country.name, country.code
        if best is None or max(spans) > best[0]:
            best = (max(spans), (name, code))
    return best[1] if best is not None else None


def link_bodies(
    full: str,
    phrases: list[BodyPhrase],
    clusters: list[Cluster],
    gaz: Gazetteer,
    published: date | None,
) -> None:
    """Attach each body phrase to its organisation (found or created)."""
    for p in phrases:
        if any(
            c.type == "organization" and any(s < p.head_end and p.head_start < e for s, e in c.mentions)
            for c in clusters
        ):
            continue  # NER already named this body
        target = _body_for(p, full, clusters, gaz, published)
        if target is not None:
            target.mentions.append((p.start, p.end))


def _body_for(
    p: BodyPhrase, full: str, clusters: list[Cluster], gaz: Gazetteer, published: date | None
) -> Cluster | None:
    text = full[p.name_start : p.end]
    if p.possessor is not None:
        owner = cluster_at(clusters, p.start, full.find("'", p.start, p.end) if "'" in text else p.end)
        if owner is not None and owner.type == "person":
            if p.head == "office":
                for o in owner.offices or gaz.offices_of(owner.name):
                    seat = gaz.seat_for_office(o.office) if o.held_on(published) else None
                    if seat is not None:
                        return find_or_add(clusters, "organization", seat.name, seat.country)
                return find_or_add(clusters, "organization", f"{owner.name}'s office", owner.country)
            return None
    if p.head in vocabulary().government_words:
        if p.qualifier is not None:
            name, code = _country_name(p.qualifier, clusters, gaz)
            return find_or_add(clusters, "organization", government_name(name), code)
        near = _country_in_sentence(p, clusters, gaz)
        if near is not None:
            return find_or_add(clusters, "organization", government_name(near[0]), near[1])
        before = [
            c
            for c in clusters
            if c.type == "organization"
            and c.name.startswith("Government of")
            and any(e <= p.start for _, e in c.mentions)
        ]
        if before:
            return max(before, key=lambda c: max(e for _, e in c.mentions if e <= p.start))
        dom = dominant_country(clusters, gaz)
        if dom is None:
            return None
        return find_or_add(clusters, "organization", government_name(dom[0]), dom[1])
    orgs = [c for c in clusters if c.type == "organization" and _names_same_body(text, c.name)]
    if len(orgs) == 1:
        return orgs[0]
    if p.qualifier is None or orgs or p.head not in vocabulary().naming_words:
        return None
    owner = cluster_at(clusters, p.start, p.end)
    if owner is not None and owner.type == "person":
        return None  # "the <Name> administration" is not a body name of its own
    code = None
    if p.qualifier:
        _, code = _country_name(p.qualifier, clusters, gaz)
    return find_or_add(clusters, "organization", text, code)

"""Cluster name mentions into actors and link descriptions and spokespeople to them.

Used by :mod:`storyline.nlp.components.actors`; works on a parsed Doc and the gazetteer.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from datetime import date

from rapidfuzz import fuzz
from spacy.tokens import Doc

from storyline.nlp.actors.bodies import government_name, link_bodies
from storyline.nlp.actors.clusters import Cluster, cluster_at, find_or_add
from storyline.nlp.actors.gazetteer import Gazetteer, Office, fold
from storyline.nlp.actors.mentions import Occupancy, add_prefix, collect_names
from storyline.nlp.actors.names import (
    POSSESSIVE,
    Description,
    NameMention,
    find_body_phrases,
    find_descriptions,
)

SURNAME_FUZZ = 88  # rapidfuzz ratio for spelling variants of a surname ("Marandt" / "Marrandt")
FIRST_FUZZ = 85


# ---- stage 2: clusters ------------------------------------------------------------------


def _same_person(a_first: str, a_last: str, b_first: str, b_last: str) -> bool:
    if fold(a_last) != fold(b_last) and (
        min(len(a_last), len(b_last)) < 5 or fuzz.ratio(fold(a_last), fold(b_last)) < SURNAME_FUZZ
    ):
        return False
    fa, fb = fold(a_first), fold(b_first)
    if fa == fb or fuzz.ratio(fa, fb) >= FIRST_FUZZ:
        return True
    return (len(fa.rstrip(".")) == 1 and fb.startswith(fa[0])) or (
        len(fb.rstrip(".")) == 1 and fa.startswith(fb[0])
    )


def cluster_people(doc: Doc, mentions: list[NameMention], gaz: Gazetteer) -> list[Cluster]:
    titles = gaz.titles
    assert titles is not None
    people: list[Cluster] = []
    members: dict[int, list[NameMention]] = {}
    full = [m for m in mentions if m.type == "person" and len(m.text.split()) >= 2]
    single = [m for m in mentions if m.type == "person" and len(m.text.split()) == 1]
    by_block: dict[str, list[Cluster]] = defaultdict(list)  # surname's first letters
    for m in sorted(full, key=lambda x: x.start):
        parts = m.text.split()
        first, last = parts[0], parts[-1]
        block = by_block[fold(last)[:3]]
        given = {fold(p) for p in parts[:-1]}
        target = next(
            (
                c
                for c in block
                if _same_person(first, last, c.first or "", c.last or "")
                or (fold(last) == fold(c.last or "") and given & c.given)
            ),
            None,
        )
        if target is None:
            target = Cluster("person", m.text, first=first, last=last)
            people.append(target)
            block.append(target)
        target.given |= given
        members.setdefault(id(target), []).append(m)
    by_last: dict[str, list[Cluster]] = defaultdict(list)
    by_first: dict[str, list[Cluster]] = defaultdict(list)
    for c in people:
        by_last[fold(c.last or "")].append(c)
        by_first[fold(c.first or "")].append(c)
    # other-typed one-word names that are a known person's surname: NER mis-typed them
    for m in mentions:
        if (
            m.type in {"organization", "place"}
            and len(m.text.split()) == 1
            and (fold(m.text) in by_last or fold(m.text) in by_first)
        ):
            m.type = "person"
            add_prefix(doc, m, gaz, titles, [])
            single.append(m)
    singles: dict[str, Cluster] = {}
    for m in sorted(single, key=lambda x: x.start):
        key = fold(m.text)
        lasts = by_last.get(key, [])
        if not lasts and len(key) >= 6:
            lasts = [c for c in by_block.get(key[:3], []) if fuzz.ratio(fold(c.last or ""), key) >= 92]
        firsts = by_first.get(key, [])
        first_hon = bool(set(m.honorifics) & titles.first_name_honorifics)
        cands = firsts if first_hon and firsts else lasts or (firsts if first_hon else [])
        if not cands:
            target = singles.get(key)
            if target is None:
                target = singles[key] = Cluster("person", m.text, last=m.text)
                people.append(target)
        else:
            target = surname_referent(doc, cands, members, m)
        members.setdefault(id(target), []).append(m)
    for c in people:
        for m in members.get(id(c), []):
            c.mentions.append((m.start, m.end))
            c.aliases.add(m.text)
            if len(m.text.split()) >= 2:
                c.forms[m.text] += 1
            for h in m.honorifics:
                c.add_role(h, titles, gaz)
            for r in m.roles:
                c.add_role(r, titles, gaz)
            if m.role_country and c.country is None:
                c.country = m.role_country
        if c.forms:
            c.name = max(c.forms.items(), key=lambda kv: (kv[1], len(kv[0])))[0]
    return people


def surname_referent(
    doc: Doc, cands: list[Cluster], members: dict[int, list[NameMention]], m: NameMention
) -> Cluster:
    """Which of several people a name said alone ("Varga") stands for: the one named in full
    in its own or the sentence before, else the one named in full most often before it (the
    article's principal: a relative or namesake named once does not take over every later
    "Varga"), the nearest such mention breaking a tie. Only full names count, so one
    resolution never decides the next."""
    context_start = m.tok_start  # without sentence bounds, only the most often named counts
    if doc.has_annotation("SENT_START") or doc.has_annotation("DEP"):
        sent = doc[m.tok_start].sent
        context_start = doc[sent.start - 1].sent.start if sent.start > 0 else sent.start

    def full_before(c: Cluster) -> list[NameMention]:
        return [f for f in members.get(id(c), []) if f.start < m.start and len(f.text.split()) >= 2]

    near = [c for c in cands if any(f.tok_start >= context_start for f in full_before(c))]
    if len(near) == 1:
        return near[0]
    pool = near or cands
    return max(pool, key=lambda c: (len(full_before(c)), max((f.start for f in full_before(c)), default=-1)))


def cluster_others(mentions: list[NameMention], gaz: Gazetteer) -> list[Cluster]:
    out: dict[tuple[str, str], Cluster] = {}
    for m in sorted(mentions, key=lambda x: x.start):
        if m.type == "person":
            continue
        name, country = _canonical_other(m.type, m.text, gaz)
        folded = fold(name)
        key = (m.type, folded[:-1] if m.type == "group" and folded.endswith("s") else folded)
        c = out.get(key)
        if c is None:
            c = out[key] = Cluster(m.type, name, country=country)
        c.mentions.append((m.start, m.end))
        c.aliases.add(m.text)
    return list(out.values())


def _canonical_other(type_: str, text: str, gaz: Gazetteer) -> tuple[str, str | None]:
    seat = gaz.seat(text)
    if seat is not None:
        return seat.name, seat.country
    inst = gaz.institution(text)
    if inst is not None:
        return inst.name, inst.country
    country = gaz.country(text)
    if country is not None:
        return country.name, country.code
    if type_ == "group":
        c = gaz.country_of_adjective(text)
        if c is not None:
            plural = [d for d in c.demonyms if d.endswith("s")]
            return (plural[0] if plural else c.adjectives[0]), c.code
    t = text.strip()
    if t[:4].lower() == "the ":
        t = t[4:]
    return t, None


def _known_people_in_others(full: str, people: list[Cluster], others: list[Cluster]) -> None:
    """A caption or credit NER tagged as a body but holding a known full name."""
    forms = {fold(f): c for c in people for f in c.forms}
    for o in list(others):
        keep = []
        for s, e in o.mentions:
            text = fold(full[s:e])
            hit = next((f for f in forms if f != text and f in text), None)
            if hit is None:
                keep.append((s, e))
                continue
            i = text.find(hit)
            forms[hit].mentions.append((s + i, s + i + len(hit)))
        o.mentions = keep
        if not keep:
            others.remove(o)


def add_missing_mentions(full: str, people: list[Cluster], taken: list[tuple[int, int]]) -> None:
    """Mentions of a known person NER did not tag (or tagged as something else)."""
    surnames = Counter(fold(c.last or "") for c in people if c.last)
    patterns: list[tuple[str, Cluster]] = []
    for c in people:
        for f in c.forms:
            patterns.append((f, c))
        if c.last and surnames[fold(c.last)] == 1:
            patterns.append((c.last, c))
    if not patterns:
        return
    by_form: dict[str, Cluster] = {}
    for form, c in patterns:
        by_form.setdefault(form, c)
    alts = sorted(by_form, key=len, reverse=True)
    rx = re.compile(r"(?<![\w])(" + "|".join(re.escape(f) for f in alts) + r")(?![\w])")
    used = Occupancy(len(full), taken)
    for match in rx.finditer(full):
        s, e = match.span()
        if used.overlaps(s, e):
            continue
        by_form[match.group(1)].mentions.append((s, e))
        used.add(s, e)


def enrich_people(people: list[Cluster], gaz: Gazetteer, published: date | None) -> None:
    """Canonical names, roles and countries from the gazetteer of office holders."""
    titles = gaz.titles
    assert titles is not None
    for c in people:
        offices: list[Office] = []
        for form in [c.name, *c.forms]:
            offices = gaz.offices_of(form)
            if offices:
                break
        if not offices and not c.forms and c.last:
            cands = [o for o in gaz.offices_by_surname(c.last) if o.held_on(published)]
            if len({o.person for o in cands}) == 1:
                offices = gaz.offices_of(cands[0].person)
        if not offices:
            continue
        c.name = offices[0].person
        c.gazetteer_name = True
        c.offices = offices
        current = [o for o in offices if o.held_on(published)]
        for o in current:
            c.keys |= {gaz.role_key(r) for r in o.roles}
            if o.office not in c.roles:
                c.roles.append(o.office)
        country = next((o.country for o in current or offices if o.country), None)
        if country:
            c.country = country


def _merge_same_names(people: list[Cluster]) -> list[Cluster]:
    """Clusters the gazetteer gave one canonical name ('Recep Tayyip X' and 'Tayyip X')."""
    out: dict[str, Cluster] = {}
    for c in people:
        key = fold(c.name)
        keep = out.get(key)
        if keep is None or not (keep.gazetteer_name and c.gazetteer_name):
            out.setdefault(key if keep is None else f"{key}\0{id(c)}", c)
            continue
        keep.mentions.extend(c.mentions)
        keep.forms.update(c.forms)
        keep.aliases |= c.aliases
        keep.keys |= c.keys
        keep.roles.extend(r for r in c.roles if r not in keep.roles)
        keep.country = keep.country or c.country
    return list(out.values())


# ---- stage 3: descriptions and bodies ---------------------------------------------------


def _dominant_country(clusters: list[Cluster]) -> str | None:
    """The country most of the article's places, groups and bodies belong to, or None.

    Only a country with more than half of those mentions counts: an article about several
    countries has no country of its own, and "the prime minister" in it is not resolved to
    whoever leads the one mentioned most.
    """
    counts: Counter[str] = Counter()
    for c in clusters:
        if c.country and c.type in {"place", "group", "organization"}:
            counts[c.country] += len(c.mentions)
    if not counts:
        return None
    code, n = counts.most_common(1)[0]
    return code if 2 * n > sum(counts.values()) else None


def _span_of(doc: Doc, d: Description, toks: tuple[int, int]) -> tuple[int, int]:
    return doc[toks[0]].idx, doc[toks[1] - 1].idx + len(doc[toks[1] - 1].text)


def link_appositions(
    doc: Doc,
    descs: list[Description],
    people_mentions: list[NameMention],
    clusters: list[Cluster],
    gaz: Gazetteer,
) -> set[int]:
    """'X, the foreign minister,' and "Y's envoy, X": the description is X's role."""
    titles = gaz.titles
    assert titles is not None
    used: set[int] = set()
    by_end = {m.tok_end: m for m in people_mentions}
    by_start = {m.tok_start: m for m in people_mentions}
    for n, d in enumerate(descs):
        m = None
        if d.tok_start >= 2 and doc[d.tok_start - 1].text == ",":
            k = d.tok_start - 1
            if k >= 3 and doc[k - 1].like_num and doc[k - 2].text == ",":
                k -= 2  # "X, 54, a former minister"
            m = by_end.get(k) or (by_end.get(k - 1) if doc[k - 1].text in POSSESSIVE else None)
        if m is None and d.tok_end + 1 < len(doc) and doc[d.tok_end].text == ",":
            m = by_start.get(d.tok_end + 1)
            if m is None and doc[d.tok_end + 1].text in titles.honorifics:
                m = by_start.get(d.tok_end + 2)
        if m is None:
            continue
        c = cluster_at(clusters, m.start, m.end)
        if c is None or c.type != "person":
            continue
        c.add_role(d.role, titles, gaz)
        if d.spokes:
            continue  # a spokesperson's words count as the body's: the phrase stays the body's
        c.mentions.append((d.start, d.end))
        if d.country and c.country is None:
            c.country = d.country
        used.add(n)
    return used


def resolve_description(
    d: Description,
    doc: Doc,
    clusters: list[Cluster],
    gaz: Gazetteer,
    published: date | None,
    allow_gazetteer: bool = True,
) -> Cluster | None:
    """The actor a definite description refers to, or None."""
    principal = None
    if d.possessor is not None:
        s, e = _span_of(doc, d, d.possessor)
        principal = cluster_at(clusters, s, e)
    else:
        for i in range(d.tok_start, d.head):
            t = doc[i]
            principal = cluster_at(clusters, t.idx, t.idx + len(t.text), {"person"})
            if principal is not None:
                break
    country = d.country or (principal.country if principal is not None else None)
    people = [c for c in clusters if c.type == "person" and c is not principal]
    cands = [c for c in people if d.key in c.keys and (country is None or c.country in {None, country})]
    if cands:
        if not d.definite and len(cands) > 1:
            return None  # "an official": only when the article has exactly one
        return _closest(cands, d.start)
    if not allow_gazetteer or not d.definite:
        return None
    country = country or _dominant_country(clusters)
    holders = gaz.holders(d.key, published, country)
    if country is None:
        # no country to go by: only an international office ("the NATO secretary general") is
        # known without one; a national role held by one person in the list ("the king") is not
        holders = [o for o in holders if o.country is None]
    persons = {o.person for o in holders}
    if len(persons) != 1:
        return None
    office = holders[0]
    c = find_or_add(clusters, "person", office.person, office.country)
    c.gazetteer_name = True
    c.keys |= {gaz.role_key(r) for r in office.roles}
    if office.office not in c.roles:
        c.roles.append(office.office)
    return c


def _closest(cands: list[Cluster], at: int) -> Cluster:
    def rank(c: Cluster) -> tuple[int, int]:
        before = [e for s, e in c.mentions if e <= at]
        if before:
            return (1, max(before))
        return (0, -min((s for s, _ in c.mentions), default=10**9))

    return max(cands, key=rank)


SPOKES_WINDOW = 400  # chars back to look for the body a bare "a spokesman" speaks for


def _nearest_preceding(clusters: list[Cluster], types: set[str], at: int, window: int) -> Cluster | None:
    best: tuple[int, Cluster] | None = None
    for c in clusters:
        if c.type not in types:
            continue
        ends = [e for _, e in c.mentions if at - window <= e <= at]
        if ends and (best is None or max(ends) > best[0]):
            best = (max(ends), c)
    return best[1] if best is not None else None


def resolve_body(
    d: Description, doc: Doc, clusters: list[Cluster], gaz: Gazetteer, published: date | None
) -> Cluster | None:
    """The body a spokesperson phrase speaks for: "X's spokesman", 'a spokeswoman for Y'."""
    inner = [
        c
        for i in range(d.tok_start, d.tok_end)
        if i != d.head
        for c in [cluster_at(clusters, doc[i].idx, doc[i].idx + len(doc[i].text))]
        if c is not None
    ]
    order = {"organization": 0, "person": 1, "place": 2, "group": 3}
    target = min(inner, key=lambda c: order.get(c.type, 9)) if inner else None
    if target is None:
        # "A spokesman said" / "Its spokesman": the body (or, for "his", the person) just named
        first = doc[d.tok_start].lower_
        wanted = {"person"} if first in {"his", "her"} else {"organization"}
        target = _nearest_preceding(clusters, wanted, d.start, SPOKES_WINDOW)
    if target is None:
        return None
    if target.type == "person":
        for o in target.offices or gaz.offices_of(target.name):
            if not o.held_on(published):
                continue
            seat = gaz.seat_for_office(o.office)
            if seat is not None:
                return find_or_add(clusters, "organization", seat.name, seat.country)
        return find_or_add(clusters, "organization", f"{target.name}'s office", target.country)
    if target.type in {"place", "group"} and target.country:
        country = gaz.country_by_code(target.country)
        if country is not None:
            name = government_name(country.name)
            return find_or_add(clusters, "organization", name, country.code)
    if target.type == "organization":
        return target
    return None


def build_actors(doc: Doc, gaz: Gazetteer, published: date | None) -> list[Cluster]:
    """All actors of ``doc``, in order of first mention."""
    titles = gaz.titles
    assert titles is not None
    full = doc.text
    names = collect_names(doc, gaz, full)
    people = cluster_people(doc, names, gaz)
    others = cluster_others(names, gaz)
    _known_people_in_others(full, people, others)
    taken = [span for c in people + others for span in c.mentions]
    add_missing_mentions(full, people, taken)
    enrich_people(people, gaz, published)
    people = _merge_same_names(people)
    clusters = people + others
    link_bodies(full, find_body_phrases(doc, titles), clusters, gaz, published)
    descs = find_descriptions(doc, titles, gaz)
    person_mentions = [m for m in names if m.type == "person"]
    used = link_appositions(doc, descs, person_mentions, clusters, gaz)
    for n, d in enumerate(descs):
        if n in used:
            continue
        target = (
            resolve_body(d, doc, clusters, gaz, published)
            if d.spokes
            else resolve_description(d, doc, clusters, gaz, published)
            if d.definite
            else None
        )
        if target is not None:
            target.mentions.append((d.start, d.end))
            if d.role and d.key not in target.keys and not d.spokes:
                target.add_role(d.role, titles, gaz)
    for c in clusters:
        c.mentions = sorted(set(c.mentions))
    return sorted((c for c in clusters if c.mentions), key=Cluster.first_start)

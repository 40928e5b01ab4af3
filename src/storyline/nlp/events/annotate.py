"""Everything an event carries beyond its matching: codes, place, time, CAMEO root, contexts.

``annotate`` turns the pure matches of :mod:`storyline.nlp.events.triggers` into the plain
dicts stored on ``doc._.sl_events`` (plain so that Docs travel between processes).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from spacy.tokens import Doc, Span

from storyline.nlp.events.coding import code_actor, code_country
from storyline.nlp.events.lexicon import Lexicon, load_lexicon
from storyline.nlp.events.locate import choose_location, choose_time, paragraph_bounds
from storyline.nlp.events.triggers import EventMatch
from storyline.nlp.places.gazetteer import load_places
from storyline.nlp.places.mentions import PlaceMention, find_places

__all__ = ["annotate", "cameo_root", "contexts_of"]


def cameo_root(match: EventMatch, lex: Lexicon, mode: str | None = None) -> str | None:
    """The CAMEO two-digit root of a PLOVER type (a demand is CAMEO 10, not 02; an
    investigation 09, not 11)."""
    if match.modality == "demand" or (
        match.event_type == "REQUEST" and match.act is None and mode == "demand"
    ):
        return "10"
    if match.event_type == "ACCUSE" and mode == "investigate":
        return "09"
    return lex.cameo.get(match.event_type)


def plover_mode(m: EventMatch, doc: Doc, sent: Span | None, lex: Lexicon) -> str | None:
    """The PLOVER mode: a threat's mode from the act threatened (violence, restrict, relations);
    else the first mode of the type whose cue lemma is the trigger or in its sentence."""
    if m.event_type == "THREATEN" and m.act in lex.threat_modes:
        return lex.threat_modes[m.act]
    table = lex.modes.get(m.event_type)
    if not table:
        return None
    trigger = doc.char_span(m.trigger[0], m.trigger[1], alignment_mode="expand")
    first = (
        {t.lemma_.lower() for t in trigger} | {t.lower_ for t in trigger} if trigger is not None else set()
    )
    around = {t.lemma_.lower() for t in sent} | {t.lower_ for t in sent} if sent is not None else set()
    for words in (first, around):
        for mode, cues in table.items():
            if mode != "default" and words & set(cues):
                return str(mode)
    default = table.get("default")
    return str(default) if default else None


def contexts_of(sentence: str, lex: Lexicon) -> list[str]:
    words = {w.strip(".,;:'\"()").lower() for w in sentence.split()}
    return sorted({ctx for ctx, cues in lex.contexts.items() if words & cues})


def _sentence(doc: Doc, start: int) -> Span | None:
    if not doc.has_annotation("SENT_START") or not len(doc):
        return None
    span = doc.char_span(start, start + 1, alignment_mode="expand")
    return span.sent if span is not None else None


def _with_apposition(doc: Doc, text: str, span: tuple[int, int]) -> str:
    """The phrase plus its apposition: "Jane Roe, the [Norland] envoy" codes as Norland's.
    ``text`` is ``doc.text`` (spaCy joins every token again on each access)."""
    found = doc.char_span(span[0], span[1], alignment_mode="expand")
    if found is None:
        return text[span[0] : span[1]]
    appos = [c for c in found.root.children if c.dep_ == "appos"]
    end = max([span[1], *(c.right_edge.idx + len(c.right_edge.text) for c in appos)])
    return text[span[0] : end]


def _sentence_country(
    sent: Span | None,
    exclude: tuple[int, int],
    other: str | None = None,
    other_span: tuple[int, int] | None = None,
) -> tuple[str | None, str]:
    """The one country the rest of the sentence names: places, nationalities, and bodies
    with a country (a seat of government, a national institution); the other participant's
    own phrase (``other_span``) is not the rest of the sentence. When it names several,
    the other participant's country if it is one of them (an unqualified party is taken to be
    on the same side of a border as the other, the commonest case in the news); else none."""
    if sent is None:
        return None, ""
    skip = [exclude, *([other_span] if other_span else [])]
    ents = [
        e
        for e in sent.ents
        if e.label_ in ("GPE", "NORP", "ORG", "FAC")
        and not any(a <= e.start_char and e.end_char <= b for a, b in skip)
    ]
    codes = {c for e in ents if (c := code_country(e.text)[0]) is not None and c not in ("IGO", "NGO")}
    codes |= _country_words(sent, exclude)
    if len(codes) == 1:
        return next(iter(codes)), "the only country the rest of the sentence names"
    if other is not None and other in codes:
        return other, "the other participant's country, among those the sentence names"
    return None, ""


def _country_words(sent: Span, exclude: tuple[int, int]) -> set[str]:
    """Countries the sentence names in single capitalised words the entity recogniser left
    out ("the <Country> Anti-Corruption Commission"): country names and nationality words."""
    places = load_places()
    out = set()
    for t in sent:
        if exclude[0] <= t.idx < exclude[1] or not t.is_title or t.pos_ not in ("PROPN", "ADJ"):
            continue
        code = places.country_of_name(t.text) or places.country_of_adjective(t.text)
        if code is not None:
            out.add(code)
    return out


def _names_an_act(head: Any) -> bool:
    """The phrase names an act, not an actor ("an air strike"): its doers are unknown."""
    return head.pos_ == "NOUN" and load_lexicon().noun_type(head.lemma_.lower(), head.lower_) is not None


def _organisation(head: Any) -> bool:
    """A named organisation: its own identity, not on the other participant's side of a border."""
    return bool(head is not None and head.ent_type_ == "ORG")


def _covers(mentions: Sequence[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in mentions)


def _code(
    doc: Doc,
    text: str,
    span: tuple[int, int] | None,
    sent: Span | None,
    other: str | None = None,
    other_span: tuple[int, int] | None = None,
    where: str | None = None,
) -> dict[str, Any]:
    """The codes of one participant; ``other``: the other participant's country (and
    ``other_span`` its phrase); ``where``: the country of the event's location."""
    if span is None:
        return _unnamed_party(sent, where, other, other_span)
    from storyline.nlp.components.actors import actor_for_span

    phrase = _with_apposition(doc, text, span)
    head_span = doc.char_span(span[0], span[1], alignment_mode="expand")
    head = head_span.root if head_span is not None else None
    actor = actor_for_span(doc, span[0], span[1])
    inside = actor is not None and _covers(actor.mentions, span[0], span[1])
    if inside and head is not None and not _covers(actor.mentions, head.idx, head.idx + len(head)):  # type: ignore[union-attr]
        actor = None  # the actor named only inside the phrase ("aid to the war against X") is not it
    found = antecedent(doc, text, span) if actor is None else None
    if found is not None:
        name, known = found
        code = code_actor(name, actor_country=known or None, actor_name=name)
        return {
            "country": code.country,
            "sector": code.sector,
            "basis": f"pronoun for {name!r}; {code.basis}",
            "name": name,
        }
    code = code_actor(
        phrase,
        head=head.text if head is not None else None,
        actor_country=actor.country if actor else None,
        actor_name=actor.name if actor else None,
        roles=tuple(actor.roles) if actor else (),
    )
    country: str | None = code.country
    basis = code.basis
    act = head is not None and _names_an_act(head)  # "an air strike killed ...": no actor named
    named = (
        head is not None
        and not act
        and (head.ent_type_ == "PERSON" or head.pos_ == "PROPN" or code.sector is not None)
    )
    why = ""
    if country is None and where is not None:
        # a party the text gives no country acts where the event happened ("students rioted
        # on a campus in <city>", "arrested twelve"), as event coders code domestic actors
        country, why = where, "the country where the event happened"
    if country is None and named:  # a person, body or office holder the text gives no country
        side = other if other not in ("IGO", "NGO") and not _organisation(head) else None
        country, why = _sentence_country(sent, span, side)
    if country is not None and why:
        basis = basis.replace("country: no country in the phrase or its actor", f"country: {why}")
    return {"country": country, "sector": code.sector, "basis": basis, "name": actor.name if actor else None}


def _unnamed_party(
    sent: Span | None,
    where: str | None,
    other: str | None,
    other_span: tuple[int, int] | None,
) -> dict[str, Any]:
    """The country of a participant the sentence does not name ("an attempt to kill the
    deputy governor was foiled", "refused to resign despite pressure"): as event coders code
    an unnamed party, the country where the event happened, else the one country the rest of
    the sentence names (or the other participant's, among several). No span, no sector, no name."""
    country, why = (where, "the country where the event happened") if where is not None else (None, "")
    if country is None and other_span is not None:
        side = other if other not in ("IGO", "NGO") else None
        country, why = _sentence_country(sent, other_span, side)
    basis = f"no participant named; country: {why}" if country is not None else None
    return {"country": country, "sector": None, "basis": basis, "name": None}


QUOTED_KINDS = frozenset({"direct", "partial"})
ANTECEDENT_WINDOW = 400  # characters back to look for a pronoun's antecedent
PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})
BODY_PRONOUNS = frozenset({"it", "they", "them", "its", "their"})


def quoted_spans(doc: Doc) -> list[tuple[int, int]]:
    """The spans of quoted words: an act said inside quotation marks stays a quote."""
    return [(q["start"], q["end"]) for q in doc._.sl_quotes or [] if q.get("kind") in QUOTED_KINDS]


def antecedent(doc: Doc, text: str, span: tuple[int, int] | None) -> tuple[str, str] | None:
    """(name, country) of the actor a participant pronoun refers to: the nearest preceding
    mention of a person ("he", "she") or of a body, place or group ("it", "they"). ``text``
    is ``doc.text``."""
    if span is None:
        return None
    word = text[span[0] : span[1]].strip().lower()
    if word not in PERSON_PRONOUNS | BODY_PRONOUNS:
        return None
    from storyline.nlp.components.actors import actors_of

    wanted = {"person"} if word in PERSON_PRONOUNS else {"organization", "place", "group"}
    best: tuple[int, str, str] | None = None
    for actor in actors_of(doc):
        if actor.type not in wanted:
            continue
        for _, e in actor.mentions:
            if e <= span[0] and span[0] - e <= ANTECEDENT_WINDOW and (best is None or e > best[0]):
                best = (e, actor.name, actor.country or "")
    return (best[1], best[2]) if best is not None else None


def unquoted(doc: Doc, matches: Sequence[EventMatch]) -> list[EventMatch]:
    """The matches whose trigger lies outside every quotation of ``doc``."""
    quoted = quoted_spans(doc)
    return [m for m in matches if not any(s <= m.trigger[0] and m.trigger[1] <= e for s, e in quoted)]


def annotate(doc: Doc, matches: Sequence[EventMatch], lex: Lexicon) -> list[dict[str, Any]]:
    matches = unquoted(doc, matches)
    places: list[PlaceMention] = find_places(doc) if matches else []
    timexes: list[dict[str, Any]] = doc._.sl_timexes or []
    text = doc.text
    out = []
    for m in matches:
        sent = _sentence(doc, m.trigger[0])
        where = choose_location(doc, sent, m.trigger, (m.source, m.target), places)
        when = choose_time(sent, m.trigger, timexes, paragraph_bounds(text, m.trigger[0]))
        mode = plover_mode(m, doc, sent, lex)
        at = where[0].place.country if where is not None else None
        src = _code(doc, text, m.source, sent, None, m.target, at)
        tgt = _code(doc, text, m.target, sent, src["country"], m.source, at)
        if src["country"] is None and tgt["country"] is not None:
            src = _code(doc, text, m.source, sent, tgt["country"], m.target, at)
        item: dict[str, Any] = {
            "type": m.event_type,
            "trigger": list(m.trigger),
            "mode": mode,
            "act_lemma": m.mode,
            "modality": m.modality,
            "negated": m.negated,
            "act": m.act,
            "cameo": cameo_root(m, lex, mode),
            "contexts": contexts_of(sent.text if sent is not None else "", lex),
            "source": list(m.source) if m.source else None,
            "target": list(m.target) if m.target else None,
            "source_code": src,
            "target_code": tgt,
            "source_name": src.pop("name", None),
            "target_name": tgt.pop("name", None),
            "where": None,
            "when": None,
        }
        if where is not None:
            pm, why = where
            p = pm.place
            item["where"] = {
                "span": [pm.start, pm.end],
                "country": p.country,
                "region": p.region,
                "lat": p.lat,
                "lon": p.lon,
                "basis": f"{why}; {p.basis}",
            }
        if when is not None:
            item["when"] = {
                "span": [when["start"], when["end"]],
                "value": when["value"],
                "basis": when["basis"],
            }
        out.append(item)
    return out

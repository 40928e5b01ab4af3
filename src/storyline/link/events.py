"""Story events, then mentions, in the manner of GDELT 2.0's event and mentions tables.

``build_events`` takes the per-article events of one story and returns one
:class:`~storyline.models.StoryEvent` per real-world happening, each with the
:class:`~storyline.models.EventMention` of every article that reports it. Stages:

1. ``participant_key``: the source and target of each article event resolved to the story's
   canonical actor (through the article's entity mention at the phrase's head, or the name the
   event coder resolved it to, and the corpus actor map), else to its country and sector code,
   else to no key (GDELT's empty actor); a report with neither key names nobody the story can
   count and is left out. A modifier inside the phrase is not its actor: "Norlandic
   politicians" is not the group "Norlandic", "envoys from the capital" not the city;
2. type, source, target and date make one happening; reports that agree on type and
   participants but where one gives no date join the dated one;
3. ``unify_codes``: a report keyed by a country and sector code on one side joins the one
   happening of the same type whose canonical actor there has that code, the other side
   agreeing ("the Norland envoy rejected the truce" in one outlet, "<the envoy's name>
   rejected the truce" in another); with two or more such actors it stays apart;
4. per happening: the date is the one its reports' time expressions give (the most reported
   value; ties to the earliest), never the publication date unless ``date_fallback`` says so;
   the place is the most reported geocoded one; copies of an article (``duplicate_of``) add a
   mention flagged ``copy_of`` but count neither as an article nor as a source.

Mention confidence (0..1) is a transparent score, not a probability: 0.4 for the trigger,
+0.2 for a source, +0.2 for a target, +0.1 for a date, +0.1 for a place, halved for a negated
or merely intended / threatened act.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from storyline.models import Article, ArticleAnalysis, Entity, Event, EventMention, Story, StoryEvent

if TYPE_CHECKING:
    from storyline.nlp.places.gazetteer import PlaceGazetteer

__all__ = [
    "DATE_FALLBACKS",
    "PlacePoint",
    "build_events",
    "mention_confidence",
    "participant_key",
    "story_places",
]

DATE_FALLBACKS = ("none", "publication")
_SPACE = re.compile(r"\s+")
_UNREAL = frozenset({"intent", "threat", "refusal", "demand", "negated"})
# a participant left as one of these words names nobody the story can count
PRONOUN_NAMES = frozenset(
    {"he", "she", "it", "they", "we", "i", "you", "him", "her", "them", "us", "who", "which", "that",
     "what", "whom", "this", "these", "those", "some", "others", "nobody", "everyone", "all"}
)  # fmt: skip


def _fold(text: str) -> str:
    return _SPACE.sub(" ", text).strip().lower().removeprefix("the ")


# words that end a noun phrase's head and open its post-modifier ("envoys [from] X")
POSTMODIFIERS = frozenset(
    {"from", "of", "in", "at", "on", "with", "for", "to", "by", "who", "which", "that", "whose",
     "near", "inside", "outside", "under", "over", "against", "across", "behind", "and"}
)  # fmt: skip
_TOKEN = re.compile(r"[^\s,;:()]+")
MIN_ENTITY_OVERLAP = 0.3  # share of the participant phrase an entity mention must cover


def head_offsets(text: str, start: int) -> tuple[int, int]:
    """The offsets of a phrase's head word, read as English noun phrases are built: the last
    word before a post-modifier ("their Norlandic counterparts [in] the capital" ->
    "counterparts"); a possessive's owner is not the head ("Vask's spokesman" -> "spokesman")."""
    words = [(m.start(), m.end(), m.group(0)) for m in _TOKEN.finditer(text)]
    head: tuple[int, int, str] | None = None
    for i, w in enumerate(words):
        if i and w[2].lower() in POSTMODIFIERS:
            break
        head = w
    if head is None:
        return start, start + len(text)
    return start + head[0], start + head[1]


def _entity_at(
    entities: Sequence[Entity], start: int, end: int, text: str | None = None, name: str | None = None
) -> Entity | None:
    """The article entity a participant phrase names: a mention covering the phrase's head (or
    the whole phrase when its text is not known), or the entity the event coder resolved the
    phrase to (``name``)."""
    head = head_offsets(text, start) if text and len(text) == end - start else (start, end)
    best: tuple[float, Entity] | None = None
    for ent in entities:
        for m in ent.mentions:
            overlap = min(m.end, end) - max(m.start, start)
            if overlap <= 0:
                continue
            at_head = m.start < head[1] and head[0] < m.end
            if not at_head and not (name is not None and _fold(ent.name) == _fold(name)):
                continue
            score = overlap / (max(m.end, end) - min(m.start, start))
            if best is None or score > best[0]:
                best = (score, ent)
    return best[1] if best is not None and best[0] >= MIN_ENTITY_OVERLAP else None


@dataclass(frozen=True)
class Participant:
    key: str | None
    name: str | None
    actor_id: str | None
    country: str | None = None  # a canonical person's own country, when the gazetteer gives one


def _alpha3(code: str | None) -> str | None:
    from storyline.nlp.places.gazetteer import alpha3

    return alpha3(code)


def participant_key(
    name: str | None,
    span: tuple[int | None, int | None],
    country: str | None,
    entities: Sequence[Entity],
    article_id: str,
    actor_map: Mapping[tuple[str, str], str],
    corpus: Mapping[str, Entity],
    sector: str | None = None,
    text: str | None = None,
    by_name: Mapping[str, str] | None = None,
) -> Participant:
    """The story-wide identity of one event participant, as GDELT keys actors: the canonical
    actor, else its country and sector code; a phrase with neither ("the plan", "experts")
    keeps its name for display but no key, so "dismissed the plan" and "dismissed the
    proposal" by one actor on one day are one happening. ``text``: the phrase as written;
    ``by_name``: folded canonical names of the story's actors -> their ids, for a participant
    the event coder resolved to an actor the article's entities do not list."""
    start, end = span
    cid: str | None = None
    if start is not None and end is not None:
        resolved = name if name and text and _fold(name) != _fold(text) else None
        ent = _entity_at(entities, start, end, text, resolved)
        if ent is not None:
            cid = actor_map.get((article_id, ent.entity_id))
    if (cid is None or cid not in corpus) and by_name and name and text and _fold(name) != _fold(text):
        cid = by_name.get(_fold(name))
    if cid is not None and cid in corpus:
        ent = corpus[cid]
        # a person's country comes from the office-holder gazetteer: it outranks the
        # sentence-level guesses of the event coder
        own = _alpha3(ent.country) if ent.type == "person" else None
        return Participant(f"actor:{cid}", ent.name, cid, own)
    if name and _fold(name) in PRONOUN_NAMES:
        return Participant(None, None, None)
    if country or sector:
        return Participant(f"code:{country or ''}:{sector or ''}", name, None)
    return Participant(None, name, None)


def mention_confidence(e: Event) -> float:
    score = 0.4 + 0.2 * (e.actor_start is not None) + 0.2 * (e.target_start is not None)
    score += 0.1 * (e.when is not None) + 0.1 * (e.where_country is not None)
    if e.negated or e.modality in _UNREAL:
        score /= 2
    return round(score, 2)


@dataclass
class _Report:
    event: Event
    source: Participant
    target: Participant
    article: Article


def _event_id(story_id: str, key: tuple[str, str | None, str | None, str | None]) -> str:
    digest = hashlib.sha1("\0".join([story_id, *(k or "" for k in key)]).encode()).hexdigest()
    return digest[:16]


def _most_common(values: Sequence[str | None]) -> str | None:
    counted = Counter(v for v in values if v)
    return counted.most_common(1)[0][0] if counted else None


def build_events(
    story_id: str,
    present: Sequence[str],
    articles: Mapping[str, Article],
    analyses: Mapping[str, ArticleAnalysis],
    corpus: Mapping[str, Entity],
    actor_map: Mapping[tuple[str, str], str],
    duplicate_of: Mapping[str, str],
    *,
    date_fallback: str = "none",
) -> list[StoryEvent]:
    """The story's happenings, most reported first, each with its mentions."""
    names = Counter(_fold(e.name) for e in corpus.values())
    by_name = {_fold(e.name): cid for cid, e in corpus.items() if names[_fold(e.name)] == 1}
    reports: list[_Report] = []
    for aid in present:
        an = analyses.get(aid)
        if an is None or aid not in articles:
            continue
        for e in an.events:
            src = participant_key(
                e.actor,
                (e.actor_start, e.actor_end),
                e.actor_country,
                an.entities,
                aid,
                actor_map,
                corpus,
                e.actor_sector,
                e.actor_text,
                by_name,
            )
            tgt = participant_key(
                e.target,
                (e.target_start, e.target_end),
                e.target_country,
                an.entities,
                aid,
                actor_map,
                corpus,
                e.target_sector,
                e.target_text,
                by_name,
            )
            if src.key is None and tgt.key is None:
                continue  # no participant the story can name: not a countable happening
            reports.append(_Report(e, src, tgt, articles[aid]))
    groups: dict[tuple[str, str | None, str | None], list[_Report]] = defaultdict(list)
    for r in reports:
        groups[(r.event.event_type, r.source.key, r.target.key)].append(r)
    groups = unify_codes(groups, corpus)
    out: list[StoryEvent] = []
    for (etype, skey, tkey), members in groups.items():
        by_date: dict[str | None, list[_Report]] = defaultdict(list)
        for r in members:
            by_date[r.event.when].append(r)
        dated = [d for d in by_date if d]
        if len(dated) == 1 and None in by_date:  # an undated report joins the one dated happening
            by_date[dated[0]].extend(by_date.pop(None))
        for when, group in by_date.items():
            out.append(_happening(story_id, etype, skey, tkey, when, group, duplicate_of, date_fallback))
    out.sort(key=lambda ev: (-ev.article_count, -len(ev.mentions), ev.first_seen or date.max, ev.event_id))
    return out


GroupKey = tuple[str, str | None, str | None]


def _actor_codes(
    groups: Mapping[GroupKey, Sequence[_Report]], corpus: Mapping[str, Entity]
) -> dict[str, set[str]]:
    """Every 'country:sector' code each canonical actor is given in the story's reports."""
    codes: dict[str, set[str]] = defaultdict(set)
    for members in groups.values():
        for r in members:
            for p, country, sector in (
                (r.source, r.event.actor_country, r.event.actor_sector),
                (r.target, r.event.target_country, r.event.target_sector),
            ):
                if p.actor_id is None:
                    continue
                own = (
                    p.country
                    or country
                    or _alpha3(corpus[p.actor_id].country if p.actor_id in corpus else None)
                )
                if own:
                    codes[p.actor_id].add(f"{own}:{sector or ''}")
    return codes


def _fits(code_key: str | None, actor_key: str | None, codes: Mapping[str, set[str]]) -> bool:
    """A side keyed by code ``code:C:S`` fits a side keyed by a canonical actor that the story
    codes C (and S, when both name a sector); equal keys always fit."""
    if code_key == actor_key:
        return True
    if not (code_key and actor_key and code_key.startswith("code:") and actor_key.startswith("actor:")):
        return False
    country, _, sector = code_key.removeprefix("code:").partition(":")
    if not country:
        return False  # "officials" of no country fit anybody: too loose to join
    for known in codes.get(actor_key.removeprefix("actor:"), ()):
        c, _, s = known.partition(":")
        if c == country and (not sector or not s or s == sector):
            return True
    return False


def unify_codes(
    groups: Mapping[GroupKey, list[_Report]], corpus: Mapping[str, Entity]
) -> dict[GroupKey, list[_Report]]:
    """Stage 3: a group keyed by a code on one side (or both) joins the one group of the same
    type whose canonical actors there carry that code; with several candidates it stays."""
    codes = _actor_codes(groups, corpus)
    out: dict[GroupKey, list[_Report]] = {k: list(v) for k, v in groups.items()}
    for key in sorted(groups, key=lambda k: (k[0], k[1] or "", k[2] or "")):
        etype, skey, tkey = key
        coded = any(k is not None and k.startswith("code:") for k in (skey, tkey))
        if not coded or key not in out:
            continue
        candidates = [
            other
            for other in out
            if other != key
            and other[0] == etype
            and any(k is not None and k.startswith("actor:") for k in other[1:])
            and _fits(skey, other[1], codes)
            and _fits(tkey, other[2], codes)
        ]
        if len(candidates) == 1:
            out[candidates[0]].extend(out.pop(key))
    return out


def _happening(
    story_id: str,
    etype: str,
    skey: str | None,
    tkey: str | None,
    when: str | None,
    group: Sequence[_Report],
    duplicate_of: Mapping[str, str],
    date_fallback: str,
) -> StoryEvent:
    event_id = _event_id(story_id, (etype, skey, tkey, when))
    mentions = tuple(
        EventMention(
            event_id=event_id,
            article_id=r.event.article_id,
            outlet=r.article.outlet,
            published=r.article.published,
            text=r.event.text,
            start=r.event.start,
            end=r.event.end,
            sentence_start=r.event.sentence_start,
            sentence_end=r.event.sentence_end,
            confidence=mention_confidence(r.event),
            copy_of=duplicate_of.get(r.event.article_id),
        )
        for r in group
    )
    originals = [r for r in group if r.event.article_id not in duplicate_of]
    published = [r.article.published for r in group if r.article.published is not None]
    first_seen = min(published) if published else None
    basis = "undated"
    if when:
        own = any(r.event.when == when and r.event.when_basis != "paragraph" for r in group)
        basis = "time expression" if own else "paragraph time expression"
    if when is None and date_fallback == "publication" and first_seen is not None:
        when, basis = first_seen.isoformat(), "publication date"
    best = max(group, key=lambda r: mention_confidence(r.event))
    e = best.event
    placed = [r.event for r in group if r.event.where_country]
    where = Counter((p.where, p.where_country) for p in placed).most_common(1)[0][0] if placed else None
    place = next((p for p in placed if (p.where, p.where_country) == where), None)
    return StoryEvent(
        event_id=event_id,
        event_type=etype,
        quad_class=e.quad_class,
        cameo=e.cameo,
        mode=e.mode,
        modality=_most_common([r.event.modality for r in group]),
        negated=all(r.event.negated for r in group),
        contexts=tuple(sorted({c for r in group for c in r.event.contexts})),
        actor=best.source.name,
        actor_id=best.source.actor_id,
        actor_country=best.source.country or _most_common([r.event.actor_country for r in group]),
        actor_sector=_most_common([r.event.actor_sector for r in group]),
        target=best.target.name,
        target_id=best.target.actor_id,
        target_country=best.target.country or _most_common([r.event.target_country for r in group]),
        target_sector=_most_common([r.event.target_sector for r in group]),
        when=when,
        when_basis=basis,
        where=place.where if place else None,
        where_country=place.where_country if place else None,
        where_region=place.where_region if place else None,
        where_lat=place.where_lat if place else None,
        where_lon=place.where_lon if place else None,
        first_seen=first_seen,
        article_count=len({r.event.article_id for r in originals}),
        source_count=len({r.article.outlet or r.event.article_id for r in originals}),
        mentions=mentions,
    )


def _names_a_state(name: str, gaz: PlaceGazetteer) -> bool:
    """The name is a country's, or a national capital's (the capital GeoNames records)."""
    if gaz.country_of_name(name) is not None:
        return True
    return any(
        (capital := gaz.capital(c.country)) is not None and capital.geonameid == c.geonameid
        for c in gaz.cities_named(name)
    )


@dataclass(frozen=True)
class PlacePoint:
    """A place of the story on the map: where its events happened, or a place it names."""

    name: str
    country: str
    region: str | None
    lat: float
    lon: float
    events: int  # story events located there
    mentions: int  # mentions of the place actor in the story's articles
    basis: str


def story_places(story: Story) -> list[PlacePoint]:
    """The story's places with coordinates: event locations first, then place actors.

    Place actors are geocoded against the packaged gazetteer, with the countries the story
    names as context; a name the gazetteer does not know is left off the map. An actor of
    another type whose name is a country's or a national capital's is a place too: a capital
    standing for its government ("<capital> said") is often recognised as a body or a person.
    """
    from storyline.nlp.places import geocode, load_places

    gaz = load_places()

    points: dict[tuple[str, str], PlacePoint] = {}
    for e in story.events:
        if e.where and e.where_country and e.where_lat is not None and e.where_lon is not None:
            key = (_fold(e.where), e.where_country)
            old = points.get(key)
            n = (old.events if old else 0) + 1
            points[key] = PlacePoint(
                e.where, e.where_country, e.where_region, e.where_lat, e.where_lon, n, 0, "event location"
            )
    places = [a for a in story.actors if a.type == "place" or _names_a_state(a.name, gaz)]
    if not places:
        return list(points.values())
    context = {c for a in places if (c := gaz.country_of_name(a.name)) is not None}
    for a in places:
        found = geocode(a.name, context, gaz)
        if found is None or found.lat is None or found.lon is None:
            continue
        key = (_fold(a.name), found.country)
        old = points.get(key)
        if old is not None:
            points[key] = PlacePoint(
                old.name,
                old.country,
                old.region,
                old.lat,
                old.lon,
                old.events,
                a.mention_count or len(a.mentions),
                old.basis,
            )
        else:
            points[key] = PlacePoint(
                a.name,
                found.country,
                found.region,
                found.lat,
                found.lon,
                0,
                a.mention_count or len(a.mentions),
                found.basis,
            )
    return sorted(points.values(), key=lambda p: (-p.events, -p.mentions, p.name))

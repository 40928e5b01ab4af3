"""The actors of a Doc, built from its clusters, and their conversion into Entity records."""

from __future__ import annotations

from collections import Counter

from spacy.tokens import Doc

from storyline.models import Entity, EntityType, Mention
from storyline.nlp.actors.cluster import build_actors
from storyline.nlp.actors.gazetteer import load_gazetteer
from storyline.nlp.actors.index import Actor, actors_of, make_actor_id, published_of

__all__ = ["find_actors", "to_records"]


def find_actors(doc: Doc) -> list[Actor]:
    """The actors of a parsed Doc (tagger, parser and NER), in order of first mention."""
    clusters = build_actors(doc, load_gazetteer(), published_of(doc))
    actors = []
    for c in clusters:
        actors.append(
            Actor(
                actor_id=make_actor_id(c.type, c.name),
                name=c.name,
                type=c.type,
                roles=list(c.roles),
                mentions=sorted(set(c.mentions)),
                country=c.country,
                aliases=sorted(c.aliases - {c.name}),
            )
        )
    return _dedupe_ids(actors)


def _dedupe_ids(actors: list[Actor]) -> list[Actor]:
    seen: Counter[str] = Counter()
    for a in actors:
        seen[a.actor_id] += 1
        if seen[a.actor_id] > 1:
            a.actor_id = f"{a.actor_id}-{seen[a.actor_id]}"
    return actors


def to_records(doc: Doc, article_id: str) -> tuple[Entity, ...]:
    """The actors of ``doc`` as :class:`Entity` records (mentions reproduce the text)."""
    out = []
    full = doc.text
    for a in actors_of(doc):
        mentions = tuple(
            Mention(text=full[s:e], start=s, end=e)
            for s, e in sorted(set(a.mentions))
            if 0 <= s < e <= len(full)
        )
        type_: EntityType = a.type if a.type in _TYPES else "other"  # type: ignore[assignment]
        out.append(
            Entity(
                entity_id=a.actor_id,
                name=a.name,
                type=type_,
                mentions=mentions,
                roles=tuple(a.roles),
                aliases=tuple(a.aliases),
                country=a.country,
                article_id=article_id,
            )
        )
    return tuple(out)


_TYPES = {"person", "organization", "place", "group", "other"}

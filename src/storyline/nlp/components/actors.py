"""storyline_actors: the people, bodies, places and groups of one article.

Stages (each a function below):

1. ``collect_names``: spaCy's entities, cleaned (possessives, honorifics and titles cut off and
   kept as roles, scrape-glued words split), re-typed where cheap and general (a name used as
   a surname elsewhere is a person; a seat of government is a body; a list of places is places);
2. ``cluster_names``: full names, surnames and honorific + first name merged into one actor;
   missed mentions of a known name added by text matching;
3. ``attach_descriptions``: appositions ("X, the foreign minister"), definite descriptions
   ("the envoy", "the Russian president") resolved to the actor the article (or, failing that,
   the gazetteer at the article's date, in the country the article is mostly about) gives that
   role; spokespeople resolved to their body.

Results: ``doc._.sl_actors`` (a list of :class:`Actor`), read back with :func:`actors_of`,
:func:`actor_for_span` and :func:`to_records`.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

import srsly
from spacy.language import Language
from spacy.tokens import Doc

from storyline.models import Entity, EntityType, Mention
from storyline.nlp import extensions as _extensions  # noqa: F401
from storyline.nlp.actors.cluster import build_actors
from storyline.nlp.actors.gazetteer import load_gazetteer

__all__ = ["Actor", "ActorFinder", "actor_for_span", "actors_of", "make_actors", "to_records"]


@dataclass
class Actor:
    """One actor in one article.

    actor_id (str): stable within the article (a short hash of type and canonical name).
    name (str): canonical name, without honorifics or titles.
    type (str): person | organization | place | group | other.
    roles (list[str]): honorifics and roles ("Sir", "chancellor", "opposition leader").
    mentions (list[tuple[int, int]]): char spans of every mention, descriptions included.
    country (str | None): ISO 3166 alpha-2 code where known.
    aliases (list[str]): other names the article uses for the actor.
    """

    actor_id: str
    name: str
    type: str
    roles: list[str] = field(default_factory=list)
    mentions: list[tuple[int, int]] = field(default_factory=list)
    country: str | None = None
    aliases: list[str] = field(default_factory=list)


def make_actor_id(type_: str, name: str) -> str:
    return hashlib.sha1(f"{type_}\0{name}".encode()).hexdigest()[:12]


# Actors travel inside Doc.user_data when nlp.pipe runs with n_process > 1: teach msgpack them.
_MARK = "__sl_actor__"


def _encode_actor(obj: Any, chain: Any = None) -> Any:
    if isinstance(obj, Actor):
        return {_MARK: True, **asdict(obj)}
    return obj if chain is None else chain(obj)


def _decode_actor(obj: Any, chain: Any = None) -> Any:
    if isinstance(obj, dict) and obj.get(_MARK):
        data = {k: v for k, v in obj.items() if k != _MARK}
        data["mentions"] = [tuple(m) for m in data.get("mentions", [])]
        return Actor(**data)
    return obj if chain is None else chain(obj)


srsly.msgpack_encoders.register("storyline_actor", func=_encode_actor)
srsly.msgpack_decoders.register("storyline_actor", func=_decode_actor)


class ActorFinder:
    """Find and cluster the actors of a Doc (needs the tagger, parser and NER)."""

    def __init__(self, nlp: Language, name: str, max_chars: int = 200_000) -> None:
        self.name = name
        self.max_chars = max_chars

    def __call__(self, doc: Doc) -> Doc:
        if len(doc.text) > self.max_chars:
            doc._.sl_actors = []
            return doc
        doc._.sl_actors = self.find(doc)
        return doc

    def find(self, doc: Doc) -> list[Actor]:
        published = _published(doc)
        clusters = build_actors(doc, load_gazetteer(), published)
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


def _published(doc: Doc) -> date | None:
    value = doc._.sl_published
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


@Language.factory(
    "storyline_actors",
    assigns=["doc._.sl_actors"],
    requires=["doc.ents"],
    default_config={"max_chars": 200_000},
)
def make_actors(nlp: Language, name: str, max_chars: int) -> ActorFinder:
    return ActorFinder(nlp, name, max_chars=max_chars)


def actors_of(doc: Doc) -> list[Actor]:
    """The actors storyline_actors stored on ``doc`` (empty when it did not run)."""
    value = doc._.sl_actors or []
    out = []
    for a in value:
        if isinstance(a, Actor):
            out.append(a)
        elif isinstance(a, dict):
            decoded = _decode_actor({_MARK: True, **a})
            if isinstance(decoded, Actor):
                out.append(decoded)
    return out


def actor_for_span(doc: Doc, start_char: int, end_char: int) -> Actor | None:
    """The actor whose mention covers or overlaps ``doc.text[start_char:end_char]``.

    The span may be a name, a title + name ("Chancellor Jane Roe"), a description ("the
    envoy") or a spokesperson phrase; the best-overlapping mention wins. A description the
    component did not link is resolved on the fly. Pronouns are left to the caller.
    """
    if end_char <= start_char:
        return None
    head_s, head_e = _last_word(doc, start_char, end_char)
    best: tuple[tuple[bool, float, int], Actor] | None = None
    for actor in actors_of(doc):
        for s, e in actor.mentions:
            overlap = min(e, end_char) - max(s, start_char)
            if overlap <= 0:
                continue
            covers_head = s < head_e and head_s < e
            if not covers_head and overlap / (end_char - start_char) < 0.5:
                continue  # only a modifier: "a [Freedonian] official"
            union = max(e, end_char) - min(s, start_char)
            rank = (covers_head, overlap / union, -(e - s))
            if best is None or rank > best[0]:
                best = (rank, actor)
    if best is not None:
        return best[1]
    from storyline.nlp.actors.cluster import resolve_description_span

    name = resolve_description_span(doc, start_char, end_char, load_gazetteer(), _published(doc))
    if name is None:
        return None
    return next((a for a in actors_of(doc) if a.name == name), None)


def _last_word(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Char span of the last word of the span (a possessive or punctuation skipped)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return start, end
    for tok in reversed(span):
        if tok.is_alpha or tok.like_num or (tok.is_title and not tok.is_punct):
            return tok.idx, tok.idx + len(tok.text)
    return start, end


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

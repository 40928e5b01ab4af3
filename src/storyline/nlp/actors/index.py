"""The actors of one article as ``storyline_actors`` leaves them, and the index over them.

``doc._.sl_actors`` holds a list of :class:`Actor` (plain data: it travels inside
``Doc.user_data`` between processes). :class:`ActorIndex` is the typed view other layers look
actors up in: by character span, a name, a title + name, a description or a spokesperson phrase
(a description the clustering did not link is resolved on the fly).
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

import srsly
from spacy.tokens import Doc

from storyline.nlp import extensions as _extensions  # noqa: F401
from storyline.nlp.actors.cluster import resolve_description
from storyline.nlp.actors.clusters import Cluster
from storyline.nlp.actors.gazetteer import load_gazetteer
from storyline.nlp.actors.names import find_descriptions

__all__ = ["Actor", "ActorIndex", "actor_for_span", "actors_of", "make_actor_id", "published_of"]


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


def published_of(doc: Doc) -> date | None:
    value = doc._.sl_published
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


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


class ActorIndex:
    """The actors of one Doc, looked up by the character span of a mention.

    doc (Doc): the Doc ``storyline_actors`` annotated.
    actors (list[Actor]): its actors (:func:`actors_of`).
    """

    def __init__(self, doc: Doc, actors: list[Actor]) -> None:
        self.doc = doc
        self.actors = actors

    @classmethod
    def of(cls, doc: Doc) -> ActorIndex:
        """The index over what ``storyline_actors`` stored on ``doc`` (empty when it did not run)."""
        return cls(doc, actors_of(doc))

    def __len__(self) -> int:
        return len(self.actors)

    def for_span(self, start_char: int, end_char: int) -> Actor | None:
        """The actor whose mention covers or overlaps ``doc.text[start_char:end_char]``.

        The span may be a name, a title + name ("Chancellor Jane Roe"), a description ("the
        envoy") or a spokesperson phrase; the best-overlapping mention wins. A description the
        component did not link is resolved on the fly. Pronouns are left to the caller.
        """
        if end_char <= start_char:
            return None
        doc = self.doc
        head_s, head_e = _last_word(doc, start_char, end_char)
        best: tuple[tuple[bool, float, int], Actor] | None = None
        for actor in self.actors:
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
        name = self._description_name(start_char, end_char)
        if name is None:
            return None
        return next((a for a in self.actors if a.name == name), None)

    def _description_name(self, start: int, end: int) -> str | None:
        """Canonical name for a description span no stored mention covers (best effort)."""
        doc = self.doc
        gaz = load_gazetteer()
        published = published_of(doc)
        titles = gaz.titles
        assert titles is not None
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or all(t.pos_ == "PRON" or t.is_punct for t in span):
            return None
        found = find_descriptions(doc, titles, gaz, within=(span.start, span.end))
        descs = [d for d in found if d.start < end and start < d.end]
        if not descs:
            return None
        clusters = []
        for a in self.actors:
            c = Cluster(a.type, a.name, mentions=list(a.mentions), country=a.country)
            for r in a.roles:
                c.add_role(r, titles, gaz)
            for o in gaz.offices_of(a.name):
                if o.held_on(published):
                    c.keys |= {gaz.role_key(r) for r in o.roles}
            clusters.append(c)
        d = descs[0]
        target = resolve_description(d, doc, clusters, gaz, published, allow_gazetteer=False)
        return target.name if target is not None else None


def actor_for_span(doc: Doc, start_char: int, end_char: int) -> Actor | None:
    """The actor of ``doc`` for the mention ``doc.text[start_char:end_char]`` (see
    :meth:`ActorIndex.for_span`)."""
    return ActorIndex.of(doc).for_span(start_char, end_char)


def _last_word(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Char span of the last word of the span (a possessive or punctuation skipped)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return start, end
    for tok in reversed(span):
        if tok.is_alpha or tok.like_num or (tok.is_title and not tok.is_punct):
            return tok.idx, tok.idx + len(tok.text)
    return start, end

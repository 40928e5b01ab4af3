"""storyline_actors: placeholder frame; the full component replaces this module."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from storyline.models import Entity
from storyline.nlp import extensions as _extensions  # noqa: F401


class ActorFinder:
    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        doc._.sl_actors = []
        return doc


@Language.factory("storyline_actors", assigns=["doc._.sl_actors"])
def make_actors(nlp: Language, name: str) -> ActorFinder:
    return ActorFinder(nlp, name)


def to_records(doc: Doc, article_id: str) -> tuple[Entity, ...]:
    return ()

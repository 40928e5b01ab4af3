"""storyline_quotes: placeholder frame; the full component replaces this module."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from storyline.models import Entity, Quote
from storyline.nlp import extensions as _extensions  # noqa: F401


class QuoteFinder:
    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        doc._.sl_quotes = []
        return doc


@Language.factory("storyline_quotes", assigns=["doc._.sl_quotes"])
def make_quotes(nlp: Language, name: str) -> QuoteFinder:
    return QuoteFinder(nlp, name)


def to_records(doc: Doc, article_id: str, entities: tuple[Entity, ...] = ()) -> tuple[Quote, ...]:
    return ()

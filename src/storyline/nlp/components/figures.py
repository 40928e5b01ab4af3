"""storyline_figures: placeholder frame; the full component replaces this module."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from storyline.models import Figure
from storyline.nlp import extensions as _extensions  # noqa: F401


class FigureFinder:
    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        doc._.sl_figures = []
        return doc


@Language.factory("storyline_figures", assigns=["doc._.sl_figures"])
def make_figures(nlp: Language, name: str) -> FigureFinder:
    return FigureFinder(nlp, name)


def to_records(doc: Doc, article_id: str) -> tuple[Figure, ...]:
    return ()

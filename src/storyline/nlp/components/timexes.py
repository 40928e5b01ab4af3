"""storyline_timexes: placeholder frame; the full component replaces this module."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from storyline.models import Timex
from storyline.nlp import extensions as _extensions  # noqa: F401


class TimexFinder:
    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        doc._.sl_timexes = []
        return doc


@Language.factory("storyline_timexes", assigns=["doc._.sl_timexes"])
def make_timexes(nlp: Language, name: str) -> TimexFinder:
    return TimexFinder(nlp, name)


def to_records(doc: Doc, article_id: str) -> tuple[Timex, ...]:
    return ()

"""storyline_events: the spaCy component that writes ``doc._.sl_events``.

The matching lives in :mod:`storyline.nlp.events` (triggers, modality, participants); this
module only registers the factory and stores the matches on the Doc.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from storyline.nlp import extensions as _extensions  # noqa: F401
from storyline.nlp.events import EventMatch, Lexicon, find_events, load_lexicon, to_records
from storyline.nlp.events.annotate import annotate

__all__ = ["EventFinder", "EventMatch", "Lexicon", "load_lexicon", "make_events", "to_records"]


class EventFinder:
    def __init__(self, nlp: Language, name: str, max_per_doc: int) -> None:
        self.name = name
        self.max_per_doc = max_per_doc

    def __call__(self, doc: Doc) -> Doc:
        lex = load_lexicon()
        matches = find_events(doc, lex)[: self.max_per_doc]
        doc._.sl_events = annotate(doc, matches, lex)
        return doc


@Language.factory(
    "storyline_events",
    assigns=["doc._.sl_events"],
    requires=["token.dep", "token.lemma"],
    default_config={"max_per_doc": 500},
)
def make_events(nlp: Language, name: str, max_per_doc: int) -> EventFinder:
    return EventFinder(nlp, name, max_per_doc)

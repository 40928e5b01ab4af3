"""Political events: PLOVER triggers, modality, participants, and their records."""

from storyline.nlp.events.lexicon import Lexicon, load_lexicon
from storyline.nlp.events.records import to_records
from storyline.nlp.events.triggers import EventMatch, find_events, find_participants

__all__ = ["EventMatch", "Lexicon", "find_events", "find_participants", "load_lexicon", "to_records"]

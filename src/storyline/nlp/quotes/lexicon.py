"""The cue lexicon (``storyline/nlp/data/cues.json``) as typed, cached sets."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources


@dataclass(frozen=True)
class Lexicon:
    """Word lists that drive quote attribution; loaded once from the packaged data file.

    speech_verbs: lemmas of verbs that attribute speech ("say", "insist", "describe").
    phrasal: lemmas that attribute only with a particle ("point" + "out").
    weak_verbs: cues too common to license a one-word quotation on their own.
    phrases: multi-word cues whose object is the speaker ("according to").
    speaker_nouns: heads of descriptions that can denote a speaker ("envoy", "official").
    spokes_nouns: nouns for people who speak for a body ("spokesman").
    body_nouns: heads of descriptions of bodies ("office", "ministry").
    name_heads: heads of names of plans and initiatives ("coalition", "plan", "deal").
    male / female / titles: honorifics and titles stripped from canonical names.
    label_markers: words that announce a label rather than speech ("so-called", "dubbed").
    org_words: words that make a proper name a body's ("Ministry", "Times", "Party").
    """

    speech_verbs: frozenset[str]
    phrasal: dict[str, frozenset[str]]
    weak_verbs: frozenset[str]
    phrases: tuple[tuple[str, ...], ...]
    speaker_nouns: frozenset[str]
    spokes_nouns: frozenset[str]
    body_nouns: frozenset[str]
    name_heads: frozenset[str]
    male: frozenset[str]
    female: frozenset[str]
    titles: frozenset[str]
    label_markers: frozenset[str]
    org_words: frozenset[str] = frozenset()


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    raw = json.loads(resources.files("storyline").joinpath("nlp/data/cues.json").read_text("utf-8"))
    hon = raw["honorifics"]
    return Lexicon(
        speech_verbs=frozenset(raw["speech_verbs"]),
        phrasal={k: frozenset(v) for k, v in raw["phrasal"].items()},
        weak_verbs=frozenset(raw["weak_verbs"]),
        phrases=tuple(tuple(p) for p in raw["phrases"]),
        speaker_nouns=frozenset(raw["speaker_nouns"]),
        spokes_nouns=frozenset(raw["spokes_nouns"]),
        body_nouns=frozenset(raw["body_nouns"]),
        name_heads=frozenset(raw["name_heads"]),
        male=frozenset(hon["male"]),
        female=frozenset(hon["female"]),
        titles=frozenset(hon["male"] + hon["female"] + hon["neutral"]),
        label_markers=frozenset(raw["label_markers"]),
        org_words=frozenset(raw.get("org_words", ())),
    )

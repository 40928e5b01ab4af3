"""The PLOVER trigger lexicon (``nlp/data/plover_lexicon.json``), loaded once."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

__all__ = ["Lexicon", "load_lexicon"]


@dataclass(frozen=True)
class Lexicon:
    verbs: dict[str, str]
    particles: dict[tuple[str, str], str]
    objects: dict[tuple[str, str], str]  # (verb, object lemma) -> type: "sign a treaty" is SUPPORT
    nouns: dict[str, str]
    light_verbs: frozenset[str]
    intent: frozenset[str]
    threat: frozenset[str]
    refusal: frozenset[str]
    cooperative: frozenset[str]
    hostile: frozenset[str]
    quad_class: dict[str, str]
    modal_threat: frozenset[str]
    conditional_modals: frozenset[str]
    known_verbs: frozenset[str]  # every verb lemma the lexicon names, for lemma repair
    modes: dict[str, dict[str, Any]]  # type -> mode -> cue lemmas (and 'default')
    threat_modes: dict[str, str]  # a threatened act's type -> THREATEN's mode
    demand_modals: frozenset[str]
    speech_verbs: frozenset[str]
    cameo: dict[str, str]
    contexts: dict[str, frozenset[str]]
    verbal_light_verbs: frozenset[str] = frozenset()  # "levelled an attack": criticism, not force
    verbal_modifiers: frozenset[str] = frozenset()  # "a blistering attack"
    occurrence_verbs: frozenset[str] = frozenset()  # "[clashes] erupted": the noun is the event
    circumstance_preps: frozenset[str] = frozenset()  # "threw stones [during] protests"
    nominal_suffixes: tuple[tuple[str, str], ...] = ()  # noun ending -> verb ending ("-al" -> "")
    speech_nouns: frozenset[str] = frozenset()  # "remarks": what was said, never who acts
    abstract_suffixes: tuple[str, ...] = ()  # "-ence" ("presence"): a state, never who acts
    announced_types: frozenset[str] = frozenset()  # "will resign": the act itself, not an AGREE

    def noun_type(self, lemma: str, form: str = "") -> str | None:
        """The PLOVER type a noun names: from the noun list, else as the nominalisation of a
        trigger verb ("withdrawal", "deployment", "expulsion")."""
        found = self.nouns.get(lemma) or (self.nouns.get(form) if form else None)
        if found is not None:
            return found
        verb = nominalised_verb(lemma, self)
        return self.verbs.get(verb) if verb is not None else None


def nominalised_verb(noun: str, lex: Lexicon) -> str | None:
    """The trigger verb ``noun`` is derived from by one of the lexicon's suffixes, if any: the
    noun's ending replaced by the verb's, with a doubled final consonant undone."""
    for noun_end, verb_end in lex.nominal_suffixes:
        if not noun.endswith(noun_end) or len(noun) - len(noun_end) < MIN_STEM:
            continue
        stem = noun[: len(noun) - len(noun_end)]
        candidates = [stem + verb_end]
        if not verb_end and len(stem) > 1 and stem[-1] == stem[-2]:
            candidates.append(stem[:-1])  # "cancellation" -> "cancel"
        for verb in candidates:
            if verb != noun and verb in lex.verbs:
                return verb
    return None


MIN_STEM = 3  # a derived noun keeps at least this much of its verb ("aid" is not "a-id")


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    raw: dict[str, Any] = json.loads(
        resources.files("storyline.nlp").joinpath("data/plover_lexicon.json").read_text("utf-8")
    )

    def invert(table: dict[str, list[str]]) -> dict[str, str]:
        return {word: kind for kind, words in table.items() for word in words}

    return Lexicon(
        verbs=invert(raw["verbs"]),
        particles={(v, p): kind for kind, pairs in raw["particles"].items() for v, p in pairs},
        objects={
            (v, o): e["type"] for e in raw.get("object_phrases", ()) for v in e["verbs"] for o in e["objects"]
        },
        nouns=invert(raw["nouns"]),
        light_verbs=frozenset(raw["light_verbs"]),
        intent=frozenset(raw["intent_markers"]),
        threat=frozenset(raw["threat_markers"]),
        refusal=frozenset(raw["refusal_markers"]),
        cooperative=frozenset(raw["cooperative_types"]),
        hostile=frozenset(raw["hostile_types"]),
        quad_class=dict(raw["quad_class"]),
        modal_threat=frozenset(raw["modal_threat"]),
        conditional_modals=frozenset(raw["conditional_modals"]),
        modes=dict(raw["modes"]),
        threat_modes=dict(raw["threat_modes"]),
        known_verbs=frozenset(
            {w for words in raw["verbs"].values() for w in words}
            | {v for pairs in raw["particles"].values() for v, _ in pairs}
            | {v for e in raw.get("object_phrases", ()) for v in e["verbs"]}
            | set(raw["light_verbs"])
            | set(raw["intent_markers"])
            | set(raw["threat_markers"])
            | set(raw["refusal_markers"])
            | set(raw["speech_verbs"])
            | set(raw.get("occurrence_verbs", ()))
        ),
        demand_modals=frozenset(raw["demand_modals"]),
        speech_verbs=frozenset(raw["speech_verbs"]),
        cameo=dict(raw["cameo"]),
        contexts={k: frozenset(v) for k, v in raw["contexts"].items()},
        verbal_light_verbs=frozenset(raw.get("verbal_light_verbs", ())),
        verbal_modifiers=frozenset(raw.get("verbal_modifiers", ())),
        occurrence_verbs=frozenset(raw.get("occurrence_verbs", ())),
        circumstance_preps=frozenset(raw.get("circumstance_preps", ())),
        nominal_suffixes=tuple((a, b) for a, b in raw.get("nominal_suffixes", ())),
        speech_nouns=frozenset(raw.get("speech_nouns", ())),
        abstract_suffixes=tuple(raw.get("abstract_suffixes", ())),
        announced_types=frozenset(raw.get("announced_types", ())),
    )

"""The one vocabulary of the actor and quote layers (``storyline/nlp/data/vocabulary.json``).

Titles, role words and body words are tables in the data file: each word once, with tags that
say what it is used for, so that the actor layer and the quote layer read the same entry.

``titles`` (lower-case, as written, dots kept):
    ``strip``: cut from the front of a canonical speaker name ("Mr", "prime", "the");
    ``male`` / ``female``: an honorific that tells the gender;
    ``honorific``: written capitalised before a name, dropped from it and kept as a role;
    ``first_name``: an honorific used with the first name ("Sir Anton");
    ``before_name``: a title written capitalised before a name ("President", "Gen.").
``roles``:
    ``speaker``: heads a description that can denote a speaker ("envoy", "official");
    ``head``: heads a title or role ("minister", "spokesman");
    ``modifier``: a word inside a title ("foreign", "prime", "deputy");
    ``time``: a qualifier of time or rank that does not change the office ("former", "acting");
    ``male`` / ``female``: a role word that tells the gender ("spokeswoman", "father").
``bodies``:
    ``speaker``: heads a description of a body that speaks ("the ministry said");
    ``phrase``: heads a phrase the actor layer links to an organisation ("the government");
    ``names``: with a proper qualifier, names a body of its own ("Arvenia's defence ministry");
    ``government``: stands for a country's government;
    ``owner``: ends the body a spokesperson speaks for ("a spokesman for the ministry");
    ``in_name``: inside a capitalised name, makes it a body's ("Times", "Ministry");
    ``unit``: after or ending a person-tagged name, makes it a body ("the <Name> brigade").

Lists: ``spokespeople`` (people who speak for a body), ``speech_verbs`` (lemmas), ``phrasal``
(a verb that attributes only with its particle), ``weak_verbs`` (too common to license a
one-word quotation), ``phrases`` (multi-word cues whose object is the speaker),
``document_nouns`` (a document that speaks for its author), ``addressee_verbs`` (whose
passive subject is the one spoken to or of, never the speaker: "was told", "was accused"),
``speech_nouns`` (what a speaker makes, continues or repeats: "continued his remarks"),
``quantity_nouns`` (a share of a group that speaks as the group: "a majority of the
farmers said"), ``raising_verbs`` (whose subject belongs to what they report: "Kolbe seems
to waver"), ``glued_cues`` (reporting words a bad scrape glues onto a name, "Roesaid"), ``name_heads`` (heads of names of plans), and
``label_markers`` (words that announce a label, not speech). ``role_synonyms`` maps a role to
the key roles are compared by.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

__all__ = ["Vocabulary", "vocabulary"]

RESOURCE = "nlp/data/vocabulary.json"


@dataclass(frozen=True)
class Vocabulary:
    """The word lists, as typed sets (see the module docstring for each)."""

    # titles and honorifics
    title_words: frozenset[str]
    male: frozenset[str]
    female: frozenset[str]
    honorifics: frozenset[str]  # as written before a name ("Mr.", "Sir")
    first_name_honorifics: frozenset[str]
    bare_titles: frozenset[str]  # as written before a name ("President", "Gen.")
    # roles
    speaker_nouns: frozenset[str]
    role_heads: frozenset[str]
    role_modifiers: frozenset[str]
    time_words: frozenset[str]
    male_nouns: frozenset[str]
    female_nouns: frozenset[str]
    synonyms: dict[str, str]
    # bodies and spokespeople
    body_nouns: frozenset[str]
    body_words: frozenset[str]
    naming_words: frozenset[str]
    government_words: frozenset[str]
    owner_words: frozenset[str]
    org_words: frozenset[str]
    org_nouns: frozenset[str]
    spokes_nouns: frozenset[str]
    # speech
    speech_verbs: frozenset[str]
    phrasal: dict[str, frozenset[str]]
    weak_verbs: frozenset[str]
    phrases: tuple[tuple[str, ...], ...]
    document_nouns: frozenset[str]
    addressee_verbs: frozenset[str]
    quantity_nouns: frozenset[str]
    raising_verbs: frozenset[str]
    speech_nouns: frozenset[str]
    glued_cues: tuple[str, ...]
    name_heads: frozenset[str]
    label_markers: frozenset[str]


def _capitalised(word: str) -> str:
    """A title as written before a name: "mr." -> "Mr.", "prime minister" -> "Prime Minister"."""
    return " ".join(w[:1].upper() + w[1:] for w in word.split(" "))


def _tagged(table: dict[str, list[str]], tag: str) -> frozenset[str]:
    return frozenset(word for word, tags in table.items() if tag in tags)


def from_data(raw: dict[str, Any]) -> Vocabulary:
    """The vocabulary a parsed data file describes."""
    titles: dict[str, list[str]] = raw["titles"]
    roles: dict[str, list[str]] = raw["roles"]
    bodies: dict[str, list[str]] = raw["bodies"]
    return Vocabulary(
        title_words=_tagged(titles, "strip"),
        male=_tagged(titles, "male"),
        female=_tagged(titles, "female"),
        honorifics=frozenset(_capitalised(w) for w in _tagged(titles, "honorific")),
        first_name_honorifics=frozenset(_capitalised(w) for w in _tagged(titles, "first_name")),
        bare_titles=frozenset(_capitalised(w) for w in _tagged(titles, "before_name")),
        speaker_nouns=_tagged(roles, "speaker"),
        role_heads=_tagged(roles, "head"),
        role_modifiers=_tagged(roles, "modifier"),
        time_words=_tagged(roles, "time"),
        male_nouns=_tagged(roles, "male"),
        female_nouns=_tagged(roles, "female"),
        synonyms=dict(raw["role_synonyms"]),
        body_nouns=_tagged(bodies, "speaker"),
        body_words=_tagged(bodies, "phrase"),
        naming_words=_tagged(bodies, "names"),
        government_words=_tagged(bodies, "government"),
        owner_words=_tagged(bodies, "owner"),
        org_words=_tagged(bodies, "in_name"),
        org_nouns=_tagged(bodies, "unit"),
        spokes_nouns=frozenset(raw["spokespeople"]),
        speech_verbs=frozenset(raw["speech_verbs"]),
        phrasal={k: frozenset(v) for k, v in raw["phrasal"].items()},
        weak_verbs=frozenset(raw["weak_verbs"]),
        phrases=tuple(tuple(p) for p in raw["phrases"]),
        document_nouns=frozenset(raw["document_nouns"]),
        addressee_verbs=frozenset(raw["addressee_verbs"]),
        quantity_nouns=frozenset(raw["quantity_nouns"]),
        raising_verbs=frozenset(raw["raising_verbs"]),
        speech_nouns=frozenset(raw["speech_nouns"]),
        glued_cues=tuple(raw["glued_cues"]),
        name_heads=frozenset(raw["name_heads"]),
        label_markers=frozenset(raw["label_markers"]),
    )


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    """The packaged vocabulary, read once per process."""
    return from_data(json.loads(resources.files("storyline").joinpath(RESOURCE).read_text("utf-8")))

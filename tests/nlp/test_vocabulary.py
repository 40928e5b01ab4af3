"""The one vocabulary of the actor and quote layers: each word once, every tag known."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

import pytest

from storyline.nlp.actors.gazetteer import load_gazetteer
from storyline.nlp.vocabulary import RESOURCE, from_data, vocabulary

TAGS = {
    "titles": {"strip", "male", "female", "honorific", "first_name", "before_name"},
    "roles": {"speaker", "head", "modifier", "time", "male", "female"},
    "bodies": {"speaker", "phrase", "names", "government", "owner", "in_name", "unit"},
}
LISTS = (
    "spokespeople",
    "speech_verbs",
    "weak_verbs",
    "document_nouns",
    "glued_cues",
    "name_heads",
    "label_markers",
)


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    keys = [k for k, _ in pairs]
    dupes = sorted({k for k in keys if keys.count(k) > 1})
    assert not dupes, f"listed twice: {dupes}"
    return dict(pairs)


def _raw() -> dict[str, Any]:
    text = resources.files("storyline").joinpath(RESOURCE).read_text("utf-8")
    data: dict[str, Any] = json.loads(text, object_pairs_hook=_no_duplicate_keys)
    return data


def test_vocabulary_lists_each_word_once_with_known_tags() -> None:
    raw = _raw()
    for table, known in TAGS.items():
        for word, tags in raw[table].items():
            assert word == word.lower(), word
            assert tags and len(tags) == len(set(tags)), (table, word)
            assert set(tags) <= known, (table, word, set(tags) - known)
    for name in LISTS:
        assert len(raw[name]) == len(set(raw[name])), name


def test_vocabulary_the_actor_layer_reads_the_same_vocabulary() -> None:
    assert load_gazetteer().titles is vocabulary()


def test_vocabulary_tags_make_the_sets() -> None:
    vocab = from_data(
        {
            **_raw(),
            "titles": {"sir": ["strip", "male", "honorific", "first_name"], "gen.": ["before_name"]},
            "roles": {"spokeswoman": ["speaker", "head", "female"], "former": ["time"]},
            "bodies": {"ministry": ["speaker", "phrase", "names"], "herald": ["in_name"]},
        }
    )
    assert vocab.honorifics == {"Sir"} and vocab.first_name_honorifics == {"Sir"}
    assert vocab.bare_titles == {"Gen."} and vocab.title_words == {"sir"} and vocab.male == {"sir"}
    assert vocab.female_nouns == {"spokeswoman"} and vocab.time_words == {"former"}
    assert vocab.body_nouns == vocab.body_words == vocab.naming_words == {"ministry"}
    assert vocab.org_words == {"herald"} and vocab.org_nouns == frozenset()


def test_vocabulary_a_word_listed_twice_is_caught() -> None:
    with pytest.raises(AssertionError, match="listed twice"):
        json.loads(
            '{"roles": {"envoy": ["head"], "envoy": ["speaker"]}}', object_pairs_hook=_no_duplicate_keys
        )

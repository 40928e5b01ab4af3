"""Property tests: on any text, quotes never crash and their offsets reproduce their text."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.language import Language

from storyline.nlp.components import actors
from storyline.nlp.components import quotes as quotes_component
from storyline.nlp.pipeline import FALLBACK_MODELS, cached_nlp

pytestmark = pytest.mark.slow

WORDS = [
    "Ostrova",
    "said",
    "told",
    "he",
    "she",
    "the",
    "envoy",
    "Mr",
    "Halloway",
    "that",
    "dam",
    "is",
    "safe",
]
PIECES = st.one_of(
    st.sampled_from(WORDS),
    st.sampled_from(["“", "”", "‘", "’", '"', "'", "«", "»", ":", ",", ".", " - ", "\n", "\n\n", "  "]),
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=6),
)


@pytest.fixture(scope="session")
def quotes_nlp() -> Language:
    return cached_nlp(FALLBACK_MODELS[0])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(PIECES, max_size=40).map(" ".join))
def test_quotes_offsets_reproduce_text_on_arbitrary_input(quotes_nlp: Language, text: str) -> None:
    doc = quotes_nlp(text)
    found = quotes_component.to_records(doc, "p", actors.to_records(doc, "p"))
    for q in found:
        assert 0 <= q.start < q.end <= len(text)
        assert text[q.start : q.end] == q.text
        if q.speaker_start is not None:
            assert q.speaker_end is not None and 0 <= q.speaker_start < q.speaker_end <= len(text)
            assert text[q.speaker_start : q.speaker_end] == q.speaker_text
        if q.cue_start is not None:
            assert q.cue_end is not None and text[q.cue_start : q.cue_end] == q.cue

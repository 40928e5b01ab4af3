"""The learned reported-speech stage, doubled-apostrophe quotes and the mixed-span setting
(all names and places are fictional)."""

from __future__ import annotations

import pytest
from spacy.language import Language

from storyline.models import Quote
from storyline.nlp.components import actors
from storyline.nlp.components import quotes as quotes_component
from storyline.nlp.pipeline import FALLBACK_MODELS, build_nlp, cached_nlp
from storyline.nlp.quotes.learned import LinearModel, load_model
from storyline.nlp.quotes.marks import find_quote_spans

pytestmark = pytest.mark.slow


@pytest.fixture(scope="session")
def quotes_nlp() -> Language:
    return cached_nlp(FALLBACK_MODELS[0])


def run(nlp: Language, text: str) -> list[Quote]:
    doc = nlp(text)
    found = list(quotes_component.to_records(doc, "a1", actors.to_records(doc, "a1")))
    for q in found:  # the offset invariant
        assert text[q.start : q.end] == q.text
        if q.speaker_start is not None and q.speaker_end is not None:
            assert text[q.speaker_start : q.speaker_end] == q.speaker_text
    return found


def test_doubled_apostrophes_pair_as_double_marks() -> None:
    text = "''Tell me what comes next,'' he said. It was ''a mess.'' And ``fine'' too."
    spans = [text[q.start : q.end] for q in find_quote_spans(text)]
    assert spans == ["Tell me what comes next,", "a mess.", "fine"]


def test_doubled_apostrophe_quote_is_a_direct_quote_with_its_speaker(quotes_nlp: Language) -> None:
    found = run(quotes_nlp, "''We will rebuild the bridge by spring,'' said Mayor Ilse Varnow.")
    assert [(q.kind, q.text, q.speaker) for q in found] == [
        ("direct", "We will rebuild the bridge by spring,", "Ilse Varnow")
    ]


def test_shipped_model_loads_with_thresholds() -> None:
    model = load_model()
    assert model is not None
    assert 0 < model.cue.threshold < 1 and 0 < model.content.threshold < 1
    assert model.cue.weights and model.content.weights


def test_linear_model_is_a_logistic_over_its_features() -> None:
    m = LinearModel({"bias": -1.0, "a": 2.0}, threshold=0.5)
    assert m.prob(["bias"]) < 0.5 < m.prob(["bias", "a"])
    assert m.prob(["bias", "unknown"]) == m.prob(["bias"])


def test_a_belief_is_reported_speech(quotes_nlp: Language) -> None:
    found = run(quotes_nlp, "Councillor Dario Fenn believes the tunnel will never open.")
    assert [(q.kind, q.text, q.cue) for q in found] == [
        ("indirect", "the tunnel will never open", "believes")
    ]
    assert found[0].speaker_text == "Councillor Dario Fenn"


def test_a_finding_of_a_document_is_reported_speech(quotes_nlp: Language) -> None:
    found = run(quotes_nlp, "A new survey by the Orlo Institute found that most residents oppose the toll.")
    assert [(q.kind, q.text, q.cue) for q in found] == [
        ("indirect", "that most residents oppose the toll", "found")
    ]
    assert found[0].speaker_text is not None and "survey" in found[0].speaker_text


def test_relative_pronoun_is_the_mention_and_resolves_to_its_antecedent(quotes_nlp: Language) -> None:
    found = run(quotes_nlp, "Dario Fenn, who said the budget was sound, left the hall early.")
    assert [(q.text, q.speaker_text, q.speaker) for q in found] == [
        ("the budget was sound", "who", "Dario Fenn")
    ]


def test_quoted_fragment_in_reported_speech_stays_partial_by_default(quotes_nlp: Language) -> None:
    found = run(quotes_nlp, "Fenn said the plan was \u201ca costly mistake\u201d for the town.")
    assert sorted((q.kind, q.text) for q in found) == [
        ("indirect", "the plan was \u201ca costly mistake\u201d for the town"),
        ("partial", "a costly mistake"),
    ]


def test_mixed_span_clause_makes_one_mixed_quote() -> None:
    nlp = build_nlp(components=("storyline_actors",))
    nlp.add_pipe("storyline_quotes", config={"mixed_span": "clause"})
    found = run(nlp, "Fenn said the plan was \u201ca costly mistake\u201d for the town.")
    assert [(q.kind, q.text, q.speaker) for q in found] == [
        ("mixed", "the plan was \u201ca costly mistake\u201d for the town", "Fenn")
    ]


def test_mixed_span_setting_is_checked() -> None:
    nlp = build_nlp(components=())
    with pytest.raises(ValueError):
        nlp.add_pipe("storyline_quotes", config={"mixed_span": "sentence"})


def test_without_the_model_only_rules_report_speech() -> None:
    nlp = build_nlp(components=("storyline_actors",))
    nlp.add_pipe("storyline_quotes", config={"use_model": False})
    assert run(nlp, "A new survey by the Orlo Institute found that most residents oppose the toll.") == []


def test_a_common_noun_outside_the_lexicon_speaks_a_direct_quote(quotes_nlp: Language) -> None:
    found = run(quotes_nlp, "\u201cWhere did the money go?\u201d the cyclist asked the council.")
    assert [(q.kind, q.speaker_text) for q in found] == [("direct", "the cyclist")]

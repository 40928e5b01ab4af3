"""The learned reported-speech stage, doubled-apostrophe quotes and the mixed-span setting
(all names and places are fictional)."""

from __future__ import annotations

import pytest
from spacy.language import Language

from storyline.models import Quote
from storyline.nlp.components import actors
from storyline.nlp.components import quotes as quotes_component
from storyline.nlp.pipeline import FALLBACK_MODELS, build_nlp, cached_nlp
from storyline.nlp.quotes.learned import (
    LinearModel,
    ReportedModel,
    content_candidates,
    cue_features,
    find_learned,
    load_model,
)
from storyline.nlp.quotes.marks import find_quote_spans
from storyline.nlp.quotes.syntax import QuotedDoc

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


def _candidates(nlp: Language, text: str, cue: str) -> tuple[dict[str, str], list[str]]:
    doc = nlp(text)
    qd = QuotedDoc(doc, find_quote_spans(text), text)
    tok = next(t for t in doc if t.text == cue)
    cands = {c.how: doc[c.i : c.j + 1].text for c in content_candidates(qd, tok)}
    return cands, cue_features(qd, tok)


def test_a_copula_cue_reads_its_complement_and_offers_its_clause(quotes_nlp: Language) -> None:
    cands, feats = _candidates(quotes_nlp, "Mayor Tova Brenn is willing to reopen the ferry.", "is")
    assert cands["acomp-xcomp"] == "to reopen the ferry"
    assert "comp+l=willing|xcomp|to" in feats and "l+cl=be|acomp|willing" in feats


def test_content_candidates_for_objects_and_coordinated_contents(quotes_nlp: Language) -> None:
    cands, feats = _candidates(
        quotes_nlp, "Brenn said the ferry is safe, but that the pier needs work.", "said"
    )
    assert cands["ccomp-first"] == "the ferry is safe"
    assert "l+cs=say|ccomp|1" in feats  # the complement has a subject of its own
    cands, _ = _candidates(quotes_nlp, "Brenn made allegations against the harbour board.", "made")
    assert cands["dobj-prep"] == "against the harbour board"


def _toy_model(content: dict[str, float]) -> ReportedModel:
    return ReportedModel(
        cue=LinearModel({"bias": -5.0, "l=say": 10.0}, 0.5),
        content=LinearModel({"bias": -5.0, **content}, 0.5),
        version="toy",
    )


def test_find_learned_drops_a_subject_content_and_may_add_a_second_one(quotes_nlp: Language) -> None:
    text = "The ferry, Brenn said, will not sail again."
    doc = quotes_nlp(text)
    qd = QuotedDoc(doc, find_quote_spans(text), text)
    hows = {c.how for c in content_candidates(qd, next(t for t in doc if t.text == "said"))}
    assert {"head-left", "head-right", "nsubj"} <= hows

    def found(model: ReportedModel, second: float) -> list[str]:
        return [doc[r.i : r.j + 1].text for r in find_learned(qd, model, frozenset({"nsubj"}), second)]

    both = _toy_model({"how=head-left": 9.0, "how=head-right": 8.0})
    assert found(both, 1.0) == ["The ferry"]
    assert found(both, 0.7) == ["The ferry", "will not sail again"]
    weak = _toy_model({"how=head-left": 9.0, "how=head-right": 5.5})  # 0.62 < 0.7
    assert found(weak, 0.7) == ["The ferry"]
    subject = _toy_model({"how=nsubj": 12.0, "how=head-left": 9.0})
    assert found(subject, 0.7) == []  # the best content is the cue's own subject

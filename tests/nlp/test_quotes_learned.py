"""The learned reported-speech stage, doubled-apostrophe quotes and the mixed-span setting
(all names and places are fictional)."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language
from spacy.tokens import Token

from storyline.models import Quote
from storyline.nlp.components import actors
from storyline.nlp.components import quotes as quotes_component
from storyline.nlp.pipeline import FALLBACK_MODELS, build_nlp, cached_nlp
from storyline.nlp.quotes.learned import (
    ContentCandidate,
    LinearModel,
    content_candidates,
    content_features,
    finite_clause,
    load_model,
)
from storyline.nlp.quotes.marks import find_quote_spans
from storyline.nlp.quotes.syntax import QuotedDoc
from storyline.settings import load_settings

pytestmark = pytest.mark.slow


@pytest.fixture(scope="session")
def quotes_nlp() -> Language:
    return cached_nlp(FALLBACK_MODELS[0])


@pytest.fixture(scope="module")
def clause_nlp() -> Language:
    """The pipeline with PolNeAR's convention for quoted words in reported speech."""
    nlp = build_nlp(components=("storyline_actors",))
    nlp.add_pipe("storyline_quotes", config={"settings": {"mixed_span": "clause"}})
    return nlp


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


def test_mixed_span_clause_makes_one_mixed_quote(clause_nlp: Language) -> None:
    found = run(clause_nlp, "Fenn said the plan was \u201ca costly mistake\u201d for the town.")
    assert [(q.kind, q.text, q.speaker) for q in found] == [
        ("mixed", "the plan was \u201ca costly mistake\u201d for the town", "Fenn")
    ]


def test_mixed_span_comes_from_the_quotes_settings(tmp_path: Path) -> None:
    config = tmp_path / "polnear.toml"
    config.write_text('[quotes]\nmixed_span = "clause"\n', encoding="utf-8")
    settings = load_settings(config)
    assert settings.quotes.mixed_span == "clause"
    nlp = build_nlp(settings, components=("storyline_actors", "storyline_quotes"))
    found = run(nlp, "Fenn said the plan was \u201ca costly mistake\u201d for the town.")
    assert [q.kind for q in found] == ["mixed"]
    assert load_settings().quotes.mixed_span == "fragment"


def test_mixed_span_setting_is_checked() -> None:
    nlp = build_nlp(components=())
    with pytest.raises(ValueError):
        nlp.add_pipe("storyline_quotes", config={"settings": {"mixed_span": "sentence"}})


def test_without_the_model_only_rules_report_speech() -> None:
    nlp = build_nlp(components=("storyline_actors",))
    nlp.add_pipe("storyline_quotes", config={"use_model": False})
    assert run(nlp, "A new survey by the Orlo Institute found that most residents oppose the toll.") == []


def test_a_common_noun_outside_the_lexicon_speaks_a_direct_quote(quotes_nlp: Language) -> None:
    found = run(quotes_nlp, "\u201cWhere did the money go?\u201d the cyclist asked the council.")
    assert [(q.kind, q.speaker_text) for q in found] == [("direct", "the cyclist")]


def _candidates(nlp: Language, text: str, cue: str) -> tuple[QuotedDoc, Token, list[ContentCandidate]]:
    doc = nlp(text)
    qd = QuotedDoc(doc, find_quote_spans(text), text)
    tok = next(t for t in doc if t.text == cue)
    return qd, tok, content_candidates(qd, tok)


def test_a_content_candidate_knows_whether_it_is_a_clause_of_its_own(quotes_nlp: Language) -> None:
    qd, _, cands = _candidates(
        quotes_nlp, "The port authority informed residents the ferry would stop running.", "informed"
    )
    finite = {qd.doc[c.i : c.j + 1].text: finite_clause(qd.doc[c.i : c.j + 1], c.i, c.j) for c in cands}
    assert finite["the ferry would stop running"] is True
    assert finite["residents"] is False


def test_a_content_candidate_is_weighed_against_the_cues_other_candidates(quotes_nlp: Language) -> None:
    qd, tok, cands = _candidates(
        quotes_nlp, "Mayor Lina Osk told the council the bridge would close in May.", "told"
    )
    hows = [c.how for c in cands]
    addressee = next(c for c in cands if qd.doc[c.i : c.j + 1].text == "the council")
    feats = content_features(qd, tok, addressee, hows)
    assert f"how+rival={addressee.how}|ccomp" in feats
    assert "fin=0" in feats
    assert not any(f.startswith("how+rival=") for f in content_features(qd, tok, addressee))
    # the shipped weights prefer the clause to the addressee
    model = load_model()
    assert model is not None
    best = max(cands, key=lambda c: model.content.prob(content_features(qd, tok, c, hows)))
    assert qd.doc[best.i : best.j + 1].text == "the bridge would close in May"


def test_the_clause_not_the_addressee_is_the_reported_content(quotes_nlp: Language) -> None:
    found = run(quotes_nlp, "Councillor Ravi Oduya warned the board that the reservoir was nearly empty.")
    assert [(q.kind, q.text, q.speaker_text) for q in found] == [
        ("indirect", "that the reservoir was nearly empty", "Councillor Ravi Oduya")
    ]


def test_a_passive_that_names_its_agent_reports_its_subject(quotes_nlp: Language) -> None:
    found = run(quotes_nlp, "The new tariff was criticized by several farmers' groups.")
    assert [(q.kind, q.text, q.speaker_text) for q in found] == [
        ("indirect", "The new tariff", "several farmers' groups")
    ]


@pytest.mark.parametrize(
    "text", ["The new tariff was criticized on Monday.", "The new tariff was widely criticized."]
)
def test_a_passive_without_its_agent_reports_no_subject(quotes_nlp: Language, text: str) -> None:
    assert [q.text for q in run(quotes_nlp, text) if q.kind == "indirect"] == []


@pytest.mark.parametrize(
    "text",
    [
        "The plan, announced on Monday by Mayor Tova Lind, takes effect in May.",
        "The new tariff, criticized by several farmers' groups, will double the price of feed.",
    ],
)
def test_the_noun_a_participle_cue_modifies_is_not_its_content(quotes_nlp: Language, text: str) -> None:
    # the writer's sentence says something else of the noun ("takes effect in May")
    assert [q.text for q in run(quotes_nlp, text) if q.kind == "indirect"] == []


@pytest.mark.parametrize(
    ("text", "subject", "complement"),
    [
        (
            "Senator Ivo Rask is expected to win the vote in Vellmark.",
            "Senator Ivo Rask",
            "to win the vote in Vellmark",
        ),
        (
            "Rask appears to have learned the wrong lessons from the flood.",
            "Rask",
            "to have learned the wrong lessons from the flood",
        ),
    ],
)
def test_a_raised_subject_is_a_piece_of_the_content_and_no_speaker(
    quotes_nlp: Language, text: str, subject: str, complement: str
) -> None:
    # nobody is said to have said it: the subject belongs to what the sentence reports
    found = [q for q in run(quotes_nlp, text) if q.kind == "indirect"]
    assert [(q.text, q.speaker, q.speaker_text) for q in found] == [
        (subject, None, None),
        (complement, None, None),
    ]


def test_raised_subject_needs_a_raising_cue_and_a_complement(quotes_nlp: Language) -> None:
    from storyline.nlp.quotes.stages import raised_subject

    text = "Rask appears to waver. Rask wants to waver. Rask was seen by voters as weak."
    qd = QuotedDoc(quotes_nlp(text), find_quote_spans(text), text)
    appears, wants, seen = (next(t for t in qd.doc if t.lower_ == w) for w in ("appears", "wants", "seen"))
    raised = raised_subject(qd, appears, "xcomp")
    assert raised is not None and raised.text == "Rask"
    assert raised_subject(qd, wants, "xcomp") is None  # wanting is Rask's own
    assert raised_subject(qd, seen, "prep") is None  # the agent is named: the voters see it
    assert raised_subject(qd, appears, "ccomp") is None


def test_a_raised_complement_that_speaks_keeps_its_subject_the_speaker(quotes_nlp: Language) -> None:
    from storyline.nlp.quotes.stages import raised_subject

    text = "Rask was quoted as saying the dam was safe."
    qd = QuotedDoc(quotes_nlp(text), find_quote_spans(text), text)
    quoted = next(t for t in qd.doc if t.lower_ == "quoted")
    assert raised_subject(qd, quoted, "prep") is None


def test_the_writers_first_person_view_is_reported_but_not_an_aside(quotes_nlp: Language) -> None:
    found = run(quotes_nlp, "I think the harbour fees are too high.")
    assert [(q.kind, q.text, q.speaker_text, q.speaker) for q in found] == [
        ("indirect", "the harbour fees are too high", "I", None)
    ]
    assert run(quotes_nlp, "The fees, I think, are too high.") == []


def test_mixed_span_clause_takes_the_quoted_complement_of_its_object(clause_nlp: Language) -> None:
    found = run(clause_nlp, "Mayor Tova Lind called the new harbour fees \u201ca tax on fishermen.\u201d")
    assert [(q.kind, q.text, q.speaker) for q in found] == [
        ("mixed", "the new harbour fees \u201ca tax on fishermen.\u201d", "Tova Lind")
    ]


def test_looking_to_do_something_raises_no_subject(quotes_nlp: Language) -> None:
    from storyline.nlp.quotes.stages import raised_subject

    text = "Rask is looking to run again. Rask looks like a winner."
    qd = QuotedDoc(quotes_nlp(text), find_quote_spans(text), text)
    looking, looks = (next(t for t in qd.doc if t.lower_ == w) for w in ("looking", "looks"))
    assert raised_subject(qd, looking, "xcomp") is None
    assert raised_subject(qd, looks, "prep") is not None


def test_doubled_marks_are_whole_at_both_ends_of_a_span() -> None:
    text = "He said: ''Tell me what comes next,'' then left."
    (q,) = find_quote_spans(text)
    assert text[q.open_pos : q.start] == "''" and text[q.end : q.close_pos + 1] == "''"
    assert text[: q.open_pos] == "He said: " and text[q.close_pos + 1 :] == " then left."


def test_reported_clause_keeps_a_doubled_closing_mark(quotes_nlp: Language, clause_nlp: Language) -> None:
    text = "Ona Vell said the new ferry timetable left the islanders ''stranded.''"
    reported = [q.text for q in run(quotes_nlp, text) if q.kind == "indirect"]
    assert reported == ["the new ferry timetable left the islanders ''stranded.''"]
    assert [(q.kind, q.text) for q in run(clause_nlp, text)] == [
        ("mixed", "the new ferry timetable left the islanders ''stranded.''")
    ]


def test_a_paragraph_in_doubled_marks_goes_on_with_the_quote_before(quotes_nlp: Language) -> None:
    text = (
        "''Politics was never gentle,'' said Jon Mirel, the author of ''Power and Place,'' a biography.\n"
        "''What this campaign teaches is that the habits of the past count for little now.''"
    )
    found = [q for q in run(quotes_nlp, text) if q.kind == "direct"]
    assert [q.speaker for q in found] == ["Jon Mirel", "Jon Mirel"]

"""storyline_events: PLOVER-style events on sentences written for these tests (fiction)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.language import Language

from storyline.models import Event
from storyline.nlp.events import load_lexicon, to_records

pytestmark = pytest.mark.slow


@pytest.fixture(scope="session")
def events_nlp() -> Language:
    from storyline.nlp.pipeline import build_nlp

    return build_nlp(components=("storyline_actors", "storyline_events"))


def _events(nlp: Language, text: str) -> list[Event]:
    return list(to_records(nlp(text), "a1"))


@pytest.mark.parametrize(
    ("text", "kind", "actor", "target"),
    [
        (
            "Police in Ostrava arrested four students on Monday.",
            "COERCE",
            "Police in Ostrava",
            "four students",
        ),
        (
            "The Veltrian army launched an attack on the village of Dunmere.",
            "ASSAULT",
            "The Veltrian army",
            "the village of Dunmere",
        ),
        (
            "Foreign Minister Ilse Varga condemned the raid.",
            "ACCUSE",
            "Foreign Minister Ilse Varga",
            "the raid",
        ),
        (
            "The council rejected the proposal from the mayor.",
            "REJECT",
            "The council",
            "the mayor",
        ),
        ("The two delegations met in Lisk.", "CONSULT", "The two delegations", None),
    ],
)
def test_events_finds_type_and_participants(
    events_nlp: Language, text: str, kind: str, actor: str, target: str | None
) -> None:
    events = _events(events_nlp, text)
    assert [e.event_type for e in events] == [kind]
    assert events[0].actor_text == actor
    assert events[0].target_text == target


def test_events_intent_to_cooperate_is_agree(events_nlp: Language) -> None:
    (e,) = _events(events_nlp, "Marovia pledged to withdraw its artillery from the border.")
    assert (e.event_type, e.text, e.act) == ("AGREE", "pledged", "withdraw")


def test_events_threat_of_hostile_act_is_threaten(events_nlp: Language) -> None:
    (e,) = _events(events_nlp, "The premier threatened to impose sanctions on Veltria.")
    assert (e.event_type, e.act, e.target_text) == ("THREATEN", "impose", "Veltria")


def test_events_refusal_is_reject(events_nlp: Language) -> None:
    (e,) = _events(events_nlp, "The rebels refused to meet the mediator.")
    assert (e.event_type, e.text, e.act) == ("REJECT", "refused", "meet")


def test_events_reported_demand_is_request(events_nlp: Language) -> None:
    events = _events(events_nlp, "The envoy said that Veltria must release the prisoners.")
    assert [(e.event_type, e.text) for e in events] == [("REQUEST", "said")]


def test_events_passive_agent_is_the_source(events_nlp: Language) -> None:
    (e,) = _events(events_nlp, "The attaché was expelled by the Marovian government.")
    assert (e.event_type, e.actor_text, e.target_text) == (
        "SANCTION",
        "the Marovian government",
        "The attaché",
    )


def test_events_speech_alone_is_no_event(events_nlp: Language) -> None:
    assert _events(events_nlp, "The spokesman said the weather was fine.") == []


def test_events_lexicon_maps_every_type_to_a_quad_class() -> None:
    lex = load_lexicon()
    assert set(lex.verbs.values()) <= set(lex.quad_class)
    assert set(lex.nouns.values()) <= set(lex.quad_class)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet="abcdefgh ATKQ.,\n", max_size=120).map(lambda s: "Troops attacked the town. " + s))
def test_events_offsets_reproduce_text(events_nlp: Language, text: str) -> None:
    for e in _events(events_nlp, text):
        assert text[e.start : e.end] == e.text
        if e.actor_start is not None and e.actor_end is not None:
            assert text[e.actor_start : e.actor_end] == e.actor_text
        if e.target_start is not None and e.target_end is not None:
            assert text[e.target_start : e.target_end] == e.target_text


def test_events_lexicon_names_each_trigger_word_once() -> None:
    import json
    from importlib import resources

    raw = json.loads(resources.files("storyline.nlp").joinpath("data/plover_lexicon.json").read_text("utf-8"))
    for table in ("verbs", "nouns"):
        words = [w for kind in raw[table].values() for w in kind]
        assert len(words) == len(set(words)), sorted(w for w in set(words) if words.count(w) > 1)
    lex = load_lexicon()
    assert lex.verbs["endorse"] == "SUPPORT"  # the codebook's type for expressing approval


@pytest.mark.parametrize(
    ("text", "kind", "target"),
    [
        ("Marovia and Veltria signed a fishing treaty in Lisk.", "SUPPORT", None),
        ("The Veltrian army declared a truce along the river.", "RETREAT", None),
        ("The governor lifted the curfew in Dunmere on Sunday.", "RETREAT", None),
        ("The junta imposed a blockade on Marovia.", "COERCE", "Marovia"),
        ("A curfew was imposed by the junta.", "COERCE", None),
        ("Marovia allowed the delivery of grain to the besieged town.", "RETREAT", "the besieged town"),
        ("Veltria suspended aid to the Marovian government.", "SANCTION", "the Marovian government"),
    ],
)
def test_events_verb_coded_by_its_object(
    events_nlp: Language, text: str, kind: str, target: str | None
) -> None:
    """The codebook codes some verbs by what they act on: signing an agreement is support,
    declaring a truce or easing a curfew a retreat, imposing a curfew coercion."""
    (e,) = _events(events_nlp, text)
    assert e.event_type == kind
    assert e.target_text == target


def test_events_object_phrase_leaves_other_objects_to_the_verb(events_nlp: Language) -> None:
    # "impose" with an object the codebook does not name keeps the verb's own type
    (e,) = _events(events_nlp, "The council imposed sanctions on Veltria.")
    assert e.event_type == "SANCTION"
    assert load_lexicon().objects[("sign", "treaty")] == "SUPPORT"

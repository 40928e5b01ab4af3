"""Event records with their codes, places, times and modality, on invented sentences."""

from __future__ import annotations

import pytest
from spacy.language import Language

from storyline.models import Event
from storyline.nlp.events import to_records

pytestmark = pytest.mark.slow


@pytest.fixture(scope="session")
def full_nlp() -> Language:
    from storyline.nlp.pipeline import build_nlp

    return build_nlp()


def _events(nlp: Language, text: str, published: str = "2031-05-14") -> list[Event]:
    doc = nlp.make_doc(text)
    doc._.sl_published = published
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    return list(to_records(doc, "a1"))


def test_event_offsets_reproduce_the_text(full_nlp: Language) -> None:
    text = "Egyptian police arrested six Veltrian students in Cairo on Tuesday."
    (e,) = _events(full_nlp, text)
    assert text[e.start : e.end] == e.text == "arrested"
    assert e.actor_text is not None and text[e.actor_start : e.actor_end] == e.actor_text  # type: ignore[misc]
    assert e.where is not None and text[e.where_start : e.where_end] == e.where  # type: ignore[misc]


def test_event_codes_actor_place_time_and_cameo(full_nlp: Language) -> None:
    (e,) = _events(full_nlp, "Egyptian police arrested six Veltrian students in Cairo on Tuesday.")
    assert (e.event_type, e.cameo, e.quad_class) == ("COERCE", "17", "material_conflict")
    assert (e.actor_country, e.actor_sector) == ("EGY", "COP")
    assert e.target_sector == "EDU"
    assert (e.where, e.where_country) == ("Cairo", "EGY")
    assert e.where_lat is not None and 29 < e.where_lat < 31
    assert e.where_basis is not None and "locative preposition" in e.where_basis
    assert e.when == "2031-05-13"  # the Tuesday before the publication date


def test_event_threat_under_unless_keeps_its_modality(full_nlp: Language) -> None:
    (e,) = _events(
        full_nlp, "The Norland council will impose sanctions on Freedonia unless the border reopens."
    )
    assert (e.event_type, e.modality, e.cameo) == ("THREATEN", "threat", "13")


def test_event_refusal_and_demand_are_kept(full_nlp: Language) -> None:
    (e,) = _events(full_nlp, "The rebels refused to meet the mediator.")
    assert (e.event_type, e.modality) == ("REJECT", "refusal")
    (d,) = _events(full_nlp, "The minister said that the militia must disarm.")
    assert (d.event_type, d.modality, d.cameo) == ("REQUEST", "demand", "10")


def test_event_inside_quotation_marks_stays_a_quote(full_nlp: Language) -> None:
    events = _events(full_nlp, '"We will attack the bridge at dawn," the commander said.')
    assert events == []


def test_backgrounded_participle_is_not_an_event(full_nlp: Language) -> None:
    events = _events(full_nlp, "The rebels returned the trucks seized from the convoy last year.")
    assert [e.text for e in events] == ["returned"]


def test_pronoun_source_names_the_speaker_subject(full_nlp: Language) -> None:
    (e,) = _events(full_nlp, "Hungary said it would expel two Veltrian diplomats.")
    assert e.actor == "Hungary"
    assert e.actor_country == "HUN"


def test_event_without_a_place_gets_none(full_nlp: Language) -> None:
    (e,) = _events(full_nlp, "The Veltrian army attacked the rebels.")
    assert e.where is None and e.where_country is None


def test_event_time_is_a_calendar_value_only() -> None:
    from storyline.nlp.events.locate import choose_time

    class Sent:
        start_char, end_char = 0, 100

    near = {"start": 10, "end": 20, "type": "DATE", "value": "PAST_REF"}
    day = {"start": 40, "end": 50, "type": "TIME", "value": "2031-05-13TNI"}
    assert choose_time(Sent(), (12, 15), [near]) is None  # type: ignore[arg-type]
    assert choose_time(Sent(), (12, 15), [near, day])["value"] == "2031-05-13"  # type: ignore[arg-type,index]


def test_striking_a_deal_is_an_agreement(full_nlp: Language) -> None:
    (e,) = _events(full_nlp, "Norland and Freedonia struck a deal on fishing rights on Monday.")
    assert (e.event_type, e.text) == ("AGREE", "struck")

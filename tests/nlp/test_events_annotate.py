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


def test_an_attack_in_words_is_an_accusation(full_nlp: Language) -> None:
    (e,) = _events(full_nlp, "Mayor Lina Osk levelled a blistering attack at the Veltrian council.")
    assert e.event_type == "ACCUSE"
    (f,) = _events(full_nlp, "Veltrian rebels launched an attack on the garrison on Monday.")
    assert f.event_type == "ASSAULT"


def test_an_attempt_to_act_reports_the_act(full_nlp: Language) -> None:
    events = _events(full_nlp, "Police in Dunmere foiled a bid to kill Mayor Lina Osk on Friday.")
    assert [e.event_type for e in events] == ["ASSAULT"]
    assert events[0].actor_text is None  # the police foiled it: they are not its doers


def test_the_subject_of_a_light_verb_behind_a_preposition_is_the_source(full_nlp: Language) -> None:
    (e,) = _events(
        full_nlp, "The Veltrian militia has been engaged in heavy fighting with border guards for a week."
    )
    assert e.event_type == "ASSAULT"
    assert e.actor_text == "The Veltrian militia" and e.target_text == "border guards"


def test_a_purpose_clause_shares_the_main_subject(full_nlp: Language) -> None:
    events = _events(
        full_nlp, "Thousands of Ivorian teachers gathered in Abidjan to protest the new pay law."
    )
    protest = next(e for e in events if e.event_type == "PROTEST")
    assert protest.actor_text is not None and "teachers" in protest.actor_text
    assert protest.actor_country == "CIV"


def test_a_group_without_a_country_takes_the_events_location(full_nlp: Language) -> None:
    (e,) = _events(full_nlp, "Angry students rioted across Lisbon overnight.")
    assert (e.event_type, e.where_country) == ("PROTEST", "PRT")
    assert e.actor_country == "PRT"
    assert e.actor_basis is not None and "where the event happened" in e.actor_basis


def test_a_thing_sought_in_a_country_makes_the_country_the_target(full_nlp: Language) -> None:
    (e,) = _events(full_nlp, "Veltrian families sought shelter in Portugal after the floods.")
    assert (e.event_type, e.target_text, e.target_country) == ("REQUEST", "Portugal", "PRT")


def test_a_place_name_under_a_preposition_is_a_place_whatever_its_entity_label() -> None:
    import spacy

    from storyline.nlp.places import find_places

    nlp = spacy.blank("en")
    doc = nlp("Troops camped near the town of Lisbon.")
    doc = spacy.tokens.Doc(
        nlp.vocab,
        words=[t.text for t in doc],
        heads=[1, 1, 1, 4, 2, 4, 5, 1],
        deps=["nsubj", "ROOT", "prep", "det", "pobj", "prep", "pobj", "punct"],
        ents=["O", "O", "O", "O", "O", "O", "B-NORP", "O"],
    )
    assert [(p.text, p.place.country) for p in find_places(doc)] == [("Lisbon", "PRT")]
    doc.ents = []
    assert find_places(doc) == []


def test_a_passive_act_done_in_an_attack_has_the_attack_as_its_source(full_nlp: Language) -> None:
    (e,) = _events(full_nlp, "A Veltrian reporter was killed in a bombing in Lisbon on Monday.")
    assert e.event_type == "ASSAULT" and e.actor_text == "a bombing in Lisbon"
    assert e.actor_country == "PRT"  # the unknown bombers: where it happened


def test_a_pronoun_under_quoted_as_saying_is_the_quoted_one(full_nlp: Language) -> None:
    events = _events(
        full_nlp,
        "Governor Tomas Reyk was quoted as saying on Friday that he is prepared to hold talks with the strikers.",
    )
    agree = next(e for e in events if e.event_type == "AGREE")
    assert agree.actor_text == "Governor Tomas Reyk"


def test_a_participant_the_sentence_does_not_name_takes_the_events_country(full_nlp: Language) -> None:
    (e,) = _events(full_nlp, "The Velmar Front threatened on Monday to resume bombings in Egypt.")
    assert e.target_text is None
    assert e.target_country == "EGY"


def test_any_party_without_a_country_takes_the_events_location(full_nlp: Language) -> None:
    (e,) = _events(full_nlp, "Thousands rioted outside the stadium in Alexandria on Sunday.")
    assert (e.actor_text, e.actor_country) == ("Thousands", "EGY")


def test_an_unnamed_party_without_any_place_stays_uncoded(full_nlp: Language) -> None:
    (e,) = _events(full_nlp, "Thousands rioted outside the stadium on Sunday.")
    assert e.target_text is None and e.target_country is None


def test_a_nominalised_trigger_verb_under_a_light_verb_is_an_event(full_nlp: Language) -> None:
    from storyline.nlp.events.lexicon import load_lexicon, nominalised_verb

    lex = load_lexicon()
    assert nominalised_verb("cancellation", lex) == "cancel"
    assert nominalised_verb("dismissal", lex) == "dismiss"
    assert nominalised_verb("station", lex) is None  # too little of a verb left
    assert "evacuation" not in lex.nouns
    (e,) = _events(full_nlp, "The Velmar army completed the evacuation of the border villages on Friday.")
    assert (e.event_type, e.text) == ("AID", "completed")  # the light verb carries the act


def test_an_event_noun_under_a_preposition_of_circumstance_is_reported(full_nlp: Language) -> None:
    (e,) = _events(full_nlp, "Norland students took to hurling bricks during marches against the fuel tax.")
    assert e.event_type == "PROTEST"
    assert e.actor_text == "Norland students"  # the gerund's subject is the main verb's


def test_an_event_noun_as_the_subject_of_a_verb_of_occurring_is_reported(full_nlp: Language) -> None:
    events = _events(
        full_nlp, "Heavy clashes between Velmar rebels and the army erupted in Garvin on Monday."
    )
    assert [e.event_type for e in events] == ["ASSAULT"]


def test_a_verb_modifying_a_noun_does_not_report_the_event_noun_under_it(full_nlp: Language) -> None:
    events = _events(full_nlp, "The Velmar court freed a guard involved in a shooting last year.")
    assert [e.event_type for e in events] == ["CONCEDE"]


def test_the_source_spans_its_apposition(full_nlp: Language) -> None:
    (e,) = _events(full_nlp, "Jane Roe, the Norland envoy, demanded that the Velmar army withdraw.")
    assert e.actor_text == "Jane Roe, the Norland envoy"
    (e,) = _events(full_nlp, "The Velmar Liberation Front (VLF) announced it will release the hostages.")
    assert e.actor_text == "The Velmar Liberation Front (VLF)"


def test_an_event_noun_whose_light_verb_is_backgrounded_is_not_reported(full_nlp: Language) -> None:
    events = _events(
        full_nlp, "Norland said it will back a resolution that aims to tighten sanctions on Velmar."
    )
    assert [e.event_type for e in events] == ["AGREE"]
    (e,) = _events(full_nlp, "The Velmar army launched an offensive in the north on Monday.")
    assert e.event_type == "ASSAULT"


def test_a_place_of_another_verb_gives_way_to_one_in_the_events_own_phrases(full_nlp: Language) -> None:
    text = (
        "The council ruled out putting troops in Portugal as envoys held talks with their "
        "counterparts in Cairo."
    )
    talks = next(e for e in _events(full_nlp, text) if e.text == "held")
    assert (talks.where, talks.where_country) == ("Cairo", "EGY")
    (e,) = _events(full_nlp, "Envoys held talks in Lisbon with their counterparts from Cairo.")
    assert (e.where, e.where_country) == ("Lisbon", "PRT")
    assert e.where_basis is not None and "in the event's clause" in e.where_basis


def test_a_sentence_without_a_date_takes_the_one_before_it_in_its_paragraph(full_nlp: Language) -> None:
    text = (
        "The Norland envoys met their Vedran counterparts in Port Ellis on 3 May 2031. "
        "They signed a truce.\n"
        "The Vedran army shelled the border town.\n"
        "On 9 May 2031 the rebels seized a depot. They had attacked a convoy."
    )
    events = {e.text: e for e in _events(full_nlp, text)}
    met, signed = events["met"], events["signed"]
    assert (met.when, met.when_basis) == ("2031-05-03", "sentence")
    assert (signed.when, signed.when_basis) == ("2031-05-03", "paragraph")
    assert signed.when_start == met.when_start  # the paragraph's own expression, not a new one
    assert (events["shelled"].when, events["shelled"].when_basis) == (
        None,
        None,
    )  # its own paragraph has none
    assert events["seized"].when == "2031-05-09"
    assert events["attacked"].when is None  # the past perfect tells of an earlier time


def test_an_event_or_speech_noun_is_not_a_source(full_nlp: Language) -> None:
    (talks,) = [
        e for e in _events(full_nlp, "Peace talks aimed at ending the war are expected to bring a truce.")
    ]
    assert talks.actor_text is None
    (said,) = _events(full_nlp, "Remarks by the Vedran foreign minister condemned the raid on Dunmere.")
    assert (said.event_type, said.actor_text) == ("ACCUSE", "the Vedran foreign minister")
    (named,) = _events(full_nlp, "Norland's remarks condemned the raid on Dunmere.")
    assert named.actor_text == "Norland's"
    (state,) = _events(full_nlp, "The presence of Vedran troops threatens the truce.")
    assert state.actor_text == "Vedran troops"


def test_an_attack_of_the_events_own_type_stands_for_its_doers(full_nlp: Language) -> None:
    (killed,) = _events(full_nlp, "A car bombing killed three soldiers in Port Ellis on Sunday.")
    assert (killed.event_type, killed.actor_text) == ("ASSAULT", "A car bombing")


def test_the_passive_subject_of_a_raising_verb_does_the_act(full_nlp: Language) -> None:
    events = _events(full_nlp, "The hearing closed, and the two unions are expected to sign the wage deal.")
    agree = [e for e in events if e.event_type == "AGREE"]
    assert [e.actor_text for e in agree] == ["the two unions"]


def test_an_act_before_or_without_its_doing_is_not_an_event(full_nlp: Language) -> None:
    events = _events(
        full_nlp, "The militia demanded guarantees before releasing the drivers it held in Dunmere."
    )
    assert [e.event_type for e in events] == ["REQUEST"]
    assert _events(full_nlp, "The militia left the town without releasing the hostages.") == []


def test_a_demanded_act_under_a_backgrounded_saying_is_no_event(full_nlp: Language) -> None:
    events = _events(
        full_nlp, "Nurses marched through Port Ellis against the hospital board, saying its chair must quit."
    )
    assert [e.event_type for e in events] == ["PROTEST"]


def test_an_announced_retreat_is_the_retreat_and_its_subject_is_shared(full_nlp: Language) -> None:
    events = _events(
        full_nlp, "The Norland prime minister was fined by a court for tax fraud and will step down."
    )
    (retreat,) = [e for e in events if e.event_type == "RETREAT"]
    assert retreat.actor_text == "The Norland prime minister"
    (visit,) = _events(full_nlp, "The Norland prime minister will visit Lisk next week.")
    assert visit.event_type == "AGREE"  # any other cooperative act announced is an intent


def test_an_act_in_a_clause_of_its_own_under_before_did_happen(full_nlp: Language) -> None:
    events = _events(full_nlp, "The mayor praised the bid a day before the council condemned it.")
    assert sorted(e.event_type for e in events) == ["ACCUSE", "SUPPORT"]


def test_talks_that_begin_are_not_their_own_source(full_nlp: Language) -> None:
    events = _events(
        full_nlp, "Wage talks opened in Lisk on Monday, and the two unions are expected to sign a deal."
    )
    assert all(e.actor_text is None or "talks" not in e.actor_text for e in events)
    assert [e.actor_text for e in events if e.event_type == "AGREE"] == ["the two unions"]

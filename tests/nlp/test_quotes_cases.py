"""storyline_quotes on the hard cases, one sentence set per case (all names are fictional)."""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language

from storyline.models import Quote
from storyline.nlp.components import quotes as quotes_component
from storyline.nlp.pipeline import FALLBACK_MODELS, cached_nlp
from storyline.nlp.quotes.marks import find_quote_spans
from storyline.nlp.quotes.syntax import QuotedDoc

pytestmark = pytest.mark.slow


@pytest.fixture(scope="session")
def quotes_nlp() -> Language:
    return cached_nlp(FALLBACK_MODELS[0])


def run(nlp: Language, text: str) -> list[Quote]:
    doc = nlp(text)
    from storyline.nlp.components import actors

    entities = actors.to_records(doc, "a1")
    found = list(quotes_component.to_records(doc, "a1", entities))
    for q in found:
        assert text[q.start : q.end] == q.text
        if q.speaker_start is not None and q.speaker_end is not None:
            assert text[q.speaker_start : q.speaker_end] == q.speaker_text
    return found


def quoted(found: list[Quote]) -> list[Quote]:
    return [q for q in found if q.kind != "indirect"]


def speaker_of(found: list[Quote], words: str) -> str | None:
    for q in found:
        if words in q.text:
            return q.speaker
    raise AssertionError(f"no quote contains {words!r}: {[q.text for q in found]}")


def test_quotes_direct_with_attribution_after(quotes_nlp: Language) -> None:
    found = quoted(run(quotes_nlp, "“We will rebuild every bridge,” Mayor Idris Halloway said."))
    assert len(found) == 1
    q = found[0]
    assert q.kind == "direct" and q.text == "We will rebuild every bridge,"
    assert q.speaker is not None and q.speaker.endswith("Halloway")
    assert q.cue == "said"


def test_quotes_colon_attribution(quotes_nlp: Language) -> None:
    found = quoted(run(quotes_nlp, "Idris Halloway said: “The river will not beat this town.”"))
    assert [(q.kind, q.text) for q in found] == [("direct", "The river will not beat this town.")]
    assert found[0].speaker == "Idris Halloway"


def test_quotes_split_by_he_said(quotes_nlp: Language) -> None:
    text = (
        "Idris Halloway walked along the broken levee on Monday.\n"
        "“The water came faster than anyone expected,” he said. “We lost the old mill within an hour.”"
    )
    found = quoted(run(quotes_nlp, text))
    assert len(found) == 2
    assert speaker_of(found, "water came") == "Idris Halloway"
    assert speaker_of(found, "old mill") == "Idris Halloway"


def test_quotes_speaker_named_sentences_earlier_by_pronoun(quotes_nlp: Language) -> None:
    text = (
        "Councillor Wenna Ostrova visited the reservoir on Tuesday.\n"
        "The inspection lasted three hours.\n"
        "She said: “The spillway needs work before the autumn rains arrive.”"
    )
    assert speaker_of(quoted(run(quotes_nlp, text)), "spillway") == "Wenna Ostrova"


def test_quotes_pronoun_agrees_in_gender(quotes_nlp: Language) -> None:
    text = (
        "Mrs Ostrova spoke at the hearing, and Mr Halloway answered questions afterwards.\n"
        "Mr Halloway met Mrs Ostrova again on Friday.\n"
        "She said: “Our budget covers the pumps but not the staff to run them.”"
    )
    assert speaker_of(quoted(run(quotes_nlp, text)), "pumps") == "Ostrova"


def test_quotes_speaker_by_surname_and_title(quotes_nlp: Language) -> None:
    text = (
        "Wenna Ostrova, the regional envoy, arrived in Lethport on Sunday.\n"
        "Ostrova described the talks as “painfully slow”.\n"
        "The envoy later said: “Nobody in this room wants another winter of floods.”"
    )
    found = quoted(run(quotes_nlp, text))
    assert speaker_of(found, "painfully slow") == "Wenna Ostrova"
    assert speaker_of(found, "another winter") == "Wenna Ostrova"
    partial = next(q for q in found if q.text == "painfully slow")
    assert partial.kind == "partial" and partial.cue == "described"


def test_quotes_spokesman_counts_as_the_body(quotes_nlp: Language) -> None:
    text = "A spokesman for the Valmark Ministry of Works said the budget was “entirely adequate”."
    q = next(q for q in run(quotes_nlp, text) if q.kind == "partial")
    assert q.text == "entirely adequate"
    assert q.speaker is not None and "Ministry of Works" in q.speaker
    assert q.speaker_text is not None and "spokesman" in q.speaker_text


def test_quotes_multi_paragraph_quote(quotes_nlp: Language) -> None:
    text = (
        "Idris Halloway said: “The first wall gave way at dawn.\n"
        "“By noon the second one was gone as well, and the square was under water.”\n"
        "Repairs are expected to take a year."
    )
    found = quoted(run(quotes_nlp, text))
    assert [q.text for q in found] == [
        "The first wall gave way at dawn.",
        "By noon the second one was gone as well, and the square was under water.",
    ]
    assert all(q.speaker == "Idris Halloway" and q.kind == "direct" for q in found)
    assert found[1].speaker_start == found[0].speaker_start  # the continuation keeps its attribution


def test_quotes_nested_quote_is_part_of_the_outer_one(quotes_nlp: Language) -> None:
    text = "Wenna Ostrova said: “They call it a ‘temporary’ levy, but nobody in the valley believes that.”"
    found = quoted(run(quotes_nlp, text))
    assert [q.text for q in found] == [
        "They call it a ‘temporary’ levy, but nobody in the valley believes that."
    ]


@pytest.mark.parametrize(
    "text",
    [
        '"We are ready for the next flood," Wenna Ostrova said.',
        "'We are ready for the next flood,' Wenna Ostrova said.",
        "“We are ready for the next flood,” Wenna Ostrova said.",
        "‘We are ready for the next flood,’ Wenna Ostrova said.",
    ],
)
def test_quotes_straight_and_curly_marks(quotes_nlp: Language, text: str) -> None:
    found = quoted(run(quotes_nlp, text))
    assert [q.text for q in found] == ["We are ready for the next flood,"]
    assert found[0].speaker == "Wenna Ostrova"


def test_quotes_dash_attributed_pull_quote(quotes_nlp: Language) -> None:
    text = (
        "Engineers began work on the levee.\n"
        "The valley will be green again by the spring, whatever the sceptics say - Idris Halloway\n"
        "Work continued through the night."
    )
    found = quoted(run(quotes_nlp, text))
    assert len(found) == 1
    assert found[0].text == "The valley will be green again by the spring, whatever the sceptics say"
    assert found[0].speaker == "Idris Halloway" and found[0].kind == "direct"


def test_quotes_bad_scrape_missing_spaces(quotes_nlp: Language) -> None:
    text = "Mayor Idris Hallowaydefended the “emergency levy” at the council meeting."
    found = quoted(run(quotes_nlp, text))
    assert [q.text for q in found] == ["emergency levy"]
    assert found[0].speaker == "Idris Halloway"
    assert found[0].speaker_text == "Mayor Idris Halloway"
    assert found[0].cue == "defended"


def test_quotes_bad_scrape_no_space_after_colon(quotes_nlp: Language) -> None:
    text = "Wenna Ostrova said:“Nobody will be left behind in this valley.”"
    found = quoted(run(quotes_nlp, text))
    assert [q.text for q in found] == ["Nobody will be left behind in this valley."]
    assert found[0].speaker == "Wenna Ostrova"


@pytest.mark.parametrize(
    "text",
    [
        "The council unveiled its “Clean Rivers Pledge” on Monday, promising new filters.",
        "Three towns have signed up to the “alliance of the drowned valleys” since March.",
        "The overflow channel works as a ‘safety valve’ for the reservoir in wet years.",
        "Residents gathered at the town hall to watch “The Long Flood”, a film about 1953.",
        "The so-called “rescue budget” passed with a majority of four.",
        "Local farmers back the “river first” plan, which was drafted last year.",
    ],
)
def test_quotes_names_titles_and_scare_quotes_are_not_speech(quotes_nlp: Language, text: str) -> None:
    assert quoted(run(quotes_nlp, text)) == []


def test_quotes_partial_inside_reporters_sentence(quotes_nlp: Language) -> None:
    text = "Wenna Ostrova insisted the repairs were “on schedule and on budget” despite the delays."
    found = run(quotes_nlp, text)
    partial = [q for q in found if q.kind == "partial"]
    assert [q.text for q in partial] == ["on schedule and on budget"]
    assert partial[0].speaker == "Wenna Ostrova" and partial[0].cue == "insisted"


@pytest.mark.parametrize(
    ("text", "content", "cue"),
    [
        (
            "Wenna Ostrova insisted that the dam was not at risk this year.",
            "the dam was not at risk",
            "insisted",
        ),
        (
            "According to Idris Halloway, the levy will raise four million crowns.",
            "the levy will raise",
            "According to",
        ),
        (
            "Idris Halloway told the Valley Gazette he would not resign over the floods.",
            "he would not resign",
            "told",
        ),
        (
            "The pumps will be replaced by the summer, Wenna Ostrova said.",
            "The pumps will be replaced",
            "said",
        ),
    ],
)
def test_quotes_indirect_reported_speech(quotes_nlp: Language, text: str, content: str, cue: str) -> None:
    indirect = [q for q in run(quotes_nlp, text) if q.kind == "indirect"]
    assert len(indirect) == 1
    assert content in indirect[0].text
    assert indirect[0].cue == cue
    assert indirect[0].speaker in ("Wenna Ostrova", "Idris Halloway")


def test_quotes_no_supported_speaker_is_null(quotes_nlp: Language) -> None:
    text = "The flood reached the square by noon.\n“Nobody knows what comes next.”"
    found = quoted(run(quotes_nlp, text))
    assert [q.text for q in found] == ["Nobody knows what comes next."]
    assert found[0].speaker is None and found[0].speaker_text is None


def test_quotes_component_in_a_users_own_pipeline() -> None:
    nlp = spacy.load(FALLBACK_MODELS[0])
    nlp.add_pipe("storyline_quotes")
    doc = nlp("“The bridge is safe,” Idris Halloway said.")
    found = quotes_component.to_records(doc, "x")
    assert [(q.text, q.speaker) for q in found] == [("The bridge is safe,", "Idris Halloway")]


def test_quotes_pull_quote_repeating_the_body_is_not_counted_twice(quotes_nlp: Language) -> None:
    text = (
        "A dam is only as strong as its weakest gate - Idris Halloway\n"
        "Idris Halloway said: “A dam is only as strong as its weakest gate, and ours are old.”"
    )
    found = quoted(run(quotes_nlp, text))
    assert [q.text for q in found] == ["A dam is only as strong as its weakest gate, and ours are old."]


def test_quotes_nested_quote_attributed_inside_the_outer_one(quotes_nlp: Language) -> None:
    text = "“The ministry calls this a ‘temporary inconvenience’, but our cellars are flooded,” Ostrova said."
    found = quoted(run(quotes_nlp, text))
    inner = [q for q in found if q.text == "temporary inconvenience"]
    assert len(inner) == 1 and inner[0].speaker is not None and "ministry" in inner[0].speaker.lower()
    outer = [q for q in found if q.text.startswith("The ministry")]
    assert len(outer) == 1 and outer[0].speaker is not None and outer[0].speaker.endswith("Ostrova")


def test_quotes_its_spokesman_speaks_for_the_body_just_named(quotes_nlp: Language) -> None:
    text = (
        "The Valmark water authority rejected the report.\n"
        "Its spokesman, Piet Lorran, said the figures were “simply wrong”."
    )
    q = next(q for q in run(quotes_nlp, text) if q.kind == "partial")
    assert q.speaker is not None and "water authority" in q.speaker.lower()


def test_quotes_second_half_after_a_mid_sentence_attribution(quotes_nlp: Language) -> None:
    text = "Tamsin Reyes chairs the flood board.\n“We are,” she said, “not going anywhere.”"
    found = quoted(run(quotes_nlp, text))
    assert [(q.text, q.kind) for q in found] == [("We are,", "direct"), ("not going anywhere.", "direct")]
    assert all(q.speaker == "Tamsin Reyes" for q in found)


def test_quotes_colon_after_a_bare_name(quotes_nlp: Language) -> None:
    found = quoted(run(quotes_nlp, "Reyes: “We will not be silenced by anyone.”"))
    assert [(q.text, q.speaker) for q in found] == [("We will not be silenced by anyone.", "Reyes")]


def test_quotes_group_of_people_as_speaker(quotes_nlp: Language) -> None:
    found = quoted(run(quotes_nlp, "Critics called the scheme “a vanity project” on Monday."))
    assert [(q.text, q.speaker, q.cue) for q in found] == [("a vanity project", "Critics", "called")]


def test_quotes_fragment_continuing_reported_speech(quotes_nlp: Language) -> None:
    text = (
        "Twelve towns have joined the flood pact, the Valmark Ministry of Works said on Monday.\n"
        "This includes a “handful of villages” that had refused to sign last year."
    )
    q = next(q for q in run(quotes_nlp, text) if q.text == "handful of villages")
    assert q.speaker is not None and "Ministry of Works" in q.speaker


def test_quotes_fragment_after_reported_speech_without_anaphora_is_not_speech(quotes_nlp: Language) -> None:
    text = (
        "Twelve towns have joined the flood pact, the Valmark Ministry of Works said on Monday.\n"
        "Farmers downstream fear the “dry season tax” will follow."
    )
    assert quoted(run(quotes_nlp, text)) == []


@pytest.mark.parametrize(
    ("text", "content", "speaker"),
    [
        (
            "The Valmark water authority said in a statement that the reservoir was half full.",
            "the reservoir was half full",
            "water authority",
        ),
        (
            "Mayor Idris Hallowayinsisted the levy would end next year.",
            "the levy would end next year",
            "Idris Halloway",
        ),
    ],
)
def test_quotes_indirect_hung_on_a_noun_or_glued(
    quotes_nlp: Language, text: str, content: str, speaker: str
) -> None:
    indirect = [q for q in run(quotes_nlp, text) if q.kind == "indirect"]
    assert len(indirect) == 1 and content in indirect[0].text
    assert indirect[0].speaker is not None and speaker in indirect[0].speaker


def test_quotes_spokesperson_named_by_a_body_noun(quotes_nlp: Language) -> None:
    text = (
        "The Lethport hospital trust said emergency care would continue.\n"
        "A trust spokesperson said: “We have plans in place for every ward.”"
    )
    q = next(q for q in run(quotes_nlp, text) if q.kind == "direct")
    assert q.speaker is not None and "hospital trust" in q.speaker


def test_quotes_multi_paragraph_quote_attributed_at_its_end(quotes_nlp: Language) -> None:
    text = (
        "The mayor spoke after the vote.\n"
        "“The first wall gave way at dawn, and nobody had warned us.\n"
        "“By noon the second one had gone.\n"
        "“Now the square is a lake,” said Idris Halloway, the mayor of Orlo.\n"
        "Repairs are expected to take a year."
    )
    found = quoted(run(quotes_nlp, text))
    assert len(found) == 3
    assert [q.speaker for q in found] == ["Idris Halloway"] * 3
    assert len({q.speaker_start for q in found}) == 1  # all point at the one attribution


def test_quotes_open_paragraph_without_a_following_quote_stays_unattributed(quotes_nlp: Language) -> None:
    text = "Residents were angry.\n“Nobody warned us about the wall at all.\nThe council met on Friday."
    found = quoted(run(quotes_nlp, text))
    assert [q.speaker for q in found] == [None]


def test_quotes_accused_of_doing_is_reported_speech(quotes_nlp: Language) -> None:
    text = "Opposition leader Mara Kolbe accused the mayor of hiding the flood report from the council."
    found = [q for q in run(quotes_nlp, text) if q.kind == "indirect"]
    assert [(q.text, q.speaker) for q in found] == [
        ("hiding the flood report from the council", "Mara Kolbe")
    ]


def test_quotes_passive_accusation_without_a_clause_is_not_speech(quotes_nlp: Language) -> None:
    assert run(quotes_nlp, "The mayor was accused of fraud last year.") == []


def test_quotes_subject_the_parser_hung_on_an_earlier_phrase(quotes_nlp: Language) -> None:
    text = "Speaking to Radio Osk, council leader Jan Smit said the plan was dead."
    found = [(q.text, q.speaker) for q in run(quotes_nlp, text)]
    assert found == [("the plan was dead", "Jan Smit")]


def test_quotes_a_question_put_to_the_speaker_is_not_their_speech(quotes_nlp: Language) -> None:
    text = "Asked whether he would resign, council leader Jan Smit said: \u201cNo.\u201d"
    found = [(q.text, q.kind, q.speaker) for q in run(quotes_nlp, text)]
    assert found == [("No.", "direct", "Jan Smit")]


def test_quotes_attribution_as_an_aside_inside_the_claim(quotes_nlp: Language) -> None:
    found = [(q.text, q.kind, q.speaker) for q in run(quotes_nlp, "The vote, Mara Kolbe said, was a farce.")]
    # the content is reported in two pieces, around the aside that attributes it
    assert found == [("The vote", "indirect", "Mara Kolbe"), ("was a farce", "indirect", "Mara Kolbe")]


def test_quotes_aside_ends_before_a_joined_clause_and_needs_a_speaker(quotes_nlp: Language) -> None:
    text = "The vote, Mara Kolbe said, was a farce, but Jan Smit said it was fair."
    found = [(q.text, q.speaker) for q in run(quotes_nlp, text)]
    assert found == [("The vote", "Mara Kolbe"), ("was a farce", "Mara Kolbe"), ("it was fair", "Jan Smit")]
    assert run(quotes_nlp, "The plan, I think, was a mistake.") == []


def test_quotes_clause_stops_before_a_speaker_hung_inside_it(quotes_nlp: Language) -> None:
    text = "Williams was pulled over on the freeway outside downtown Orlo, the Varn Highway Patrol said."
    (q,) = run(quotes_nlp, text)
    assert (q.text, q.speaker) == (
        "Williams was pulled over on the freeway outside downtown Orlo",
        "Varn Highway Patrol",
    )


def test_quotes_paragraph_breaks_start_sentences(quotes_nlp: Language) -> None:
    doc = quotes_nlp("Dam holds after record rain\nMayor Idris Halloway said the walls were sound.")
    assert [s.text.strip() for s in doc.sents] == [
        "Dam holds after record rain",
        "Mayor Idris Halloway said the walls were sound.",
    ]


def test_quotes_one_word_label_with_an_unrelated_cue_is_not_speech(quotes_nlp: Language) -> None:
    text = "Ostrova, who has long argued for talks, arrived at the “summit” on Monday."
    assert quoted(run(quotes_nlp, text)) == []


def test_quotes_passive_cue_takes_its_agent(quotes_nlp: Language) -> None:
    text = "The mood was summed up by councillor Piet Lorran: “We are tired, and we are wet.”"
    found = quoted(run(quotes_nlp, text))
    assert [(q.text, q.speaker) for q in found] == [("We are tired, and we are wet.", "Piet Lorran")]


def test_quotes_national_office_is_not_guessed_from_the_last_speaker(quotes_nlp: Language) -> None:
    text = (
        "Wenna Ostrova said: “The dam will hold through the winter.”\n"
        "The Valmarian prime minister later said the army was “ready to help”."
    )
    q = next(q for q in run(quotes_nlp, text) if q.text == "ready to help")
    assert q.speaker != "Wenna Ostrova"


def test_quotes_according_to_a_statement_from_a_body(quotes_nlp: Language) -> None:
    text = "“The dam is safe,” according to a statement from the Valmark water authority."
    found = quoted(run(quotes_nlp, text))
    assert len(found) == 1 and found[0].speaker is not None and "water authority" in found[0].speaker
    assert found[0].cue == "according to"


def test_quotes_colon_introduction_beats_a_reaction_in_the_next_sentence(quotes_nlp: Language) -> None:
    text = 'Defence minister Ana Loria said on Tuesday: "We will not give up the harbour." Critics disagreed.'
    (q,) = quoted(run(quotes_nlp, text))
    assert q.speaker == "Ana Loria"
    assert q.cue == "said"


def test_quotes_next_sentence_cue_is_not_an_attribution(quotes_nlp: Language) -> None:
    text = 'Nobody spoke for a minute. "We will not give up the harbour." Critics disagreed.'
    (q,) = quoted(run(quotes_nlp, text))
    assert q.speaker is None


def test_quotes_subjectless_cue_takes_the_speaker_of_the_verb_governing_it(quotes_nlp: Language) -> None:
    text = "Councillor Dario Fenn stirred anger with a claim that the dam was unsafe."
    qd = QuotedDoc(quotes_nlp(text), find_quote_spans(text), text)
    subj = qd.governing_subject(next(t for t in qd.doc if t.lower_ == "claim"))
    assert subj is not None and subj.text == "Fenn"
    text = "It was a claim that the dam was unsafe."
    qd = QuotedDoc(quotes_nlp(text), find_quote_spans(text), text)
    assert qd.governing_subject(next(t for t in qd.doc if t.lower_ == "claim")) is None


def test_quotes_title_running_on_into_its_sentence_is_no_quote(quotes_nlp: Language) -> None:
    text = "The show had a bad year.\n“Night Harbour Nights” star Ana Osk left the cast on Monday."
    assert [q for q in run(quotes_nlp, text) if q.kind != "indirect"] == []
    found = run(quotes_nlp, "“We Will Win,” he said.")
    assert [(q.kind, q.text, q.speaker_text) for q in found] == [("direct", "We Will Win,", "he")]


@pytest.mark.parametrize(
    ("text", "words"),
    [
        # "Mrs. Marsh" makes Helen Marsh female; her husband, who shares the surname, is not
        (
            "Helen Marsh opened the rally. Mrs. Marsh thanked the crowd. David Marsh, her husband, "
            'smiled. "It was a long day," he said later.',
            "long day",
        ),
        # the subject is "Her husband"; the name in apposition to it is who "he" is
        (
            "Senator Helen Marsh spoke first in Dunmere. Her husband, David Marsh, stood beside her. "
            '"We will win this," he said.',
            "win this",
        ),
    ],
)
def test_quotes_he_after_a_namesake_is_the_man_named(quotes_nlp: Language, text: str, words: str) -> None:
    assert speaker_of(quoted(run(quotes_nlp, text)), words) == "David Marsh"


def test_quotes_a_document_speaks_for_the_author_its_phrase_names(quotes_nlp: Language) -> None:
    found = run(quotes_nlp, "A report by the Marovian central bank said inflation would rise.")
    assert [(q.kind, q.speaker, q.speaker_text) for q in found] == [
        ("indirect", "Marovian central bank", "A report")
    ]
    found = run(quotes_nlp, "The central bank's report said inflation would rise.")
    assert [q.speaker for q in found] == ["central bank"]


def test_quotes_impersonal_passive_names_no_speaker(quotes_nlp: Language) -> None:
    found = run(quotes_nlp, "It was announced on Monday that the bridge would close.")
    assert [(q.kind, q.speaker, q.speaker_text) for q in found] == [("indirect", None, None)]


def test_quotes_possessor_mention_has_no_possessive_marker(quotes_nlp: Language) -> None:
    found = run(quotes_nlp, "The senator's claim that the vote was rigged drew criticism.")
    assert [(q.speaker_text, q.speaker) for q in found] == [("The senator", "senator")]


def test_quotes_unnamed_source_keeps_the_phrase_that_qualifies_it(quotes_nlp: Language) -> None:
    found = run(quotes_nlp, "Sources close to the minister said she would resign in June.")
    assert [q.speaker_text for q in found] == ["Sources close to the minister"]


def test_quotes_share_of_a_group_is_written_with_its_group(quotes_nlp: Language) -> None:
    found = run(quotes_nlp, "Two of the five judges said the new tax was void.")
    assert [(q.kind, q.speaker_text) for q in found] == [("indirect", "Two of the five judges")]
    found = run(quotes_nlp, "A majority of the farmers in Vellmark said the dam should be delayed.")
    assert [q.speaker_text for q in found] == ["A majority of the farmers in Vellmark"]


def test_quotes_name_inside_a_group_is_not_the_speaker(quotes_nlp: Language) -> None:
    found = run(quotes_nlp, "Two of Senator Ivo Rask's aides said the senator would resign.")
    assert [q.speaker_text for q in found] == ["Two of Senator Ivo Rask's aides"]
    assert found[0].speaker != "Ivo Rask"


def test_quotes_transcript_lines_take_their_labels_speakers(quotes_nlp: Language) -> None:
    text = (
        "On Sunday the host, Mara Quill, questioned Senator Ivo Rask about the dam.\n"
        "Partial transcript as follows:\n"
        "“QUILL: Let us start with the vote. Why did you change your mind?\n"
        "“(CROSSTALK.)\n"
        "“RASK: I listened to the farmers in my state, and they were right.\n"
        "“QUILL: Will you vote for it again?"
    )
    found = quoted(run(quotes_nlp, text))
    assert [q.text for q in found] == [
        "Let us start with the vote. Why did you change your mind?",
        "I listened to the farmers in my state, and they were right.",
        "Will you vote for it again?",
    ]
    assert [q.speaker for q in found] == ["Mara Quill", "Ivo Rask", "Mara Quill"]
    assert [q.speaker_text for q in found] == ["QUILL", "RASK", "QUILL"]


def test_quotes_listing_signed_on_the_next_line(quotes_nlp: Language) -> None:
    text = (
        "The debate produced several claims worth checking.\n"
        "“The plan would double the harbour fees for every boat in the bay.”\n"
        "- Dana Pell.\n"
        "The fees would in fact rise by a tenth.\n"
        "“We built the new pier in a single year.”\n"
        "- Mayor Ivo Rask, at the launch.\n"
        "It took three."
    )
    found = quoted(run(quotes_nlp, text))
    assert speaker_of(found, "double the harbour") == "Dana Pell"
    assert speaker_of(found, "new pier") == "Ivo Rask"


@pytest.mark.parametrize(
    "text",
    [
        "The mayor was accused of hiding the audit from the council.",
        "The envoy was told that the talks had ended.",
    ],
)
def test_quotes_the_one_spoken_to_or_of_is_not_the_speaker(quotes_nlp: Language, text: str) -> None:
    assert [q.speaker_text for q in run(quotes_nlp, text) if q.kind == "indirect"] == [None]


def test_quotes_a_passive_that_quotes_its_subject_keeps_it_as_speaker(quotes_nlp: Language) -> None:
    found = run(quotes_nlp, "The senator was quoted as saying the bill was dead.")
    assert [q.speaker_text for q in found] == ["The senator"]


def test_quotes_inverted_cue_the_tagger_took_for_a_name(quotes_nlp: Language) -> None:
    # the small tagger reads "joked Beck" as one name; a lower-case word is no name
    found = quoted(run(quotes_nlp, "\u201cAmen, brother!\u201d joked Beck."))
    assert [(q.text, q.speaker, q.cue) for q in found] == [("Amen, brother!", "Beck", "joked")]


@pytest.mark.parametrize(
    ("text", "mention"),
    [
        ("\u201cWe will rebuild,\u201d said 81-year-old Parker Oren, a farmer.", "81-year-old Parker Oren"),
        ("The 57-year-old scientist said the dam was safe.", "The 57-year-old scientist"),
    ],
)
def test_quotes_a_hyphenated_word_stays_whole_in_the_mention(
    quotes_nlp: Language, text: str, mention: str
) -> None:
    assert [q.speaker_text for q in run(quotes_nlp, text)] == [mention]


def test_quotes_listing_signed_after_a_dash_glued_to_the_closing_mark(quotes_nlp: Language) -> None:
    text = (
        "Three Vellmark voters on the harbour tax.\n"
        "\u201cThe tax will ruin the fishermen. We cannot pay it.\u201d \u2015 Ana Osk\n"
        "\u201cI voted for the mayor, and I regret it now.\u201d\u2015 Ivo Tarr\n"
        "\u201cThe council never listens to the north shore.\u201d \u2015 Lia Morn"
    )
    assert [q.speaker for q in quoted(run(quotes_nlp, text))] == ["Ana Osk", "Ivo Tarr", "Lia Morn"]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "Lia Morn, the party's spokeswoman, said in a statement. \u201cThere are no ballots to recount.\u201d",
            "Lia Morn",
        ),
        ("Ivo Rask told reporters on Tuesday. \u201cThere are no ballots to recount.\u201d", "Ivo Rask"),
        ("Lia Morn said the vote was close. \u201cThere are no ballots to recount.\u201d", "Lia Morn"),
    ],
)
def test_quotes_a_quote_after_a_sentence_of_speech_is_its_speakers(
    quotes_nlp: Language, text: str, speaker: str
) -> None:
    found = quoted(run(quotes_nlp, text))
    assert [(q.text, q.speaker) for q in found] == [("There are no ballots to recount.", speaker)]


def test_quotes_a_sentence_that_is_no_speech_act_introduces_no_quote(quotes_nlp: Language) -> None:
    text = "The council met on Monday to vote on the tax. \u201cNobody in this town likes paying for the harbour.\u201d"
    found = quoted(run(quotes_nlp, text))
    assert [(q.text, q.speaker) for q in found] == [
        ("Nobody in this town likes paying for the harbour.", None)
    ]


def test_quotes_a_no_break_space_between_colon_and_quote(quotes_nlp: Language) -> None:
    text = "TURNOUT IN VELLMARK RISES - Ana Osk:\u00a0\u201cThe contests have started, and we see the first numbers.\u201d"
    assert [q.speaker for q in quoted(run(quotes_nlp, text))] == ["Ana Osk"]


def test_quotes_a_cue_opening_the_sentence_takes_the_name_after_it(quotes_nlp: Language) -> None:
    found = quoted(run(quotes_nlp, "Said Ellis: \u201cI do not think she cares.\u201d"))
    assert [(q.speaker, q.cue) for q in found] == [("Ellis", "Said")]


def test_quotes_a_quote_after_remarks_continued_is_the_speakers(quotes_nlp: Language) -> None:
    text = "Ivo Howart continued his remarks.\n\u201cEight years ago she was the favourite, and then a fellow came along.\u201d"
    assert [q.speaker for q in quoted(run(quotes_nlp, text))] == ["Ivo Howart"]

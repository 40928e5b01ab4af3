"""The quote finder's stages and attribution steps, each run alone on invented sentences.

Every name, place and outlet here is fictional. A stage is run on a fresh
:class:`~storyline.nlp.quotes.run.QuoteRun` after the stages it reads from, so that each test
shows what that one stage adds.
"""

from __future__ import annotations

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from storyline.nlp.actors.index import ActorIndex
from storyline.nlp.pipeline import FALLBACK_MODELS, cached_nlp
from storyline.nlp.quotes import attribution, finder, stages
from storyline.nlp.quotes.attribution import Verdict
from storyline.nlp.quotes.classify import classify, is_label
from storyline.nlp.quotes.learned import load_model
from storyline.nlp.quotes.marks import QuoteSpan
from storyline.nlp.quotes.run import Attribution, Candidate, QuoteRun, attributed
from storyline.settings import QuotesSettings

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def nlp() -> Language:
    return cached_nlp(FALLBACK_MODELS[0])


def make_run(nlp: Language, text: str, **settings: object) -> QuoteRun:
    doc: Doc = nlp(text)
    return QuoteRun.start(doc, ActorIndex.of(doc), None, QuotesSettings.model_validate(settings))


def texts(run: QuoteRun, kind: str | None = None) -> list[str]:
    return [run.text[c.start : c.end] for c in run.candidates if kind is None or c.kind == kind]


def cue_of(run: QuoteRun, c: Candidate) -> str | None:
    a = c.attribution
    return run.text[a.cue[0] : a.cue[1]] if a is not None and a.cue is not None else None


def mention_of(run: QuoteRun, c: Candidate) -> str | None:
    a = c.attribution
    return run.text[a.mention[0] : a.mention[1]] if a is not None and a.mention is not None else None


def head_of(c: Candidate) -> str | None:
    return c.attribution.head.text if c.attribution is not None and c.attribution.head is not None else None


def span_of(run: QuoteRun, words: str) -> tuple[QuoteSpan, Candidate]:
    q = next(q for q in run.qd.spans if words in run.text[q.start : q.end])
    return q, Candidate(q.start, q.end, classify(run, q), q.paragraph)


# ---- the order -----------------------------------------------------------------------------------


def test_quotes_stages_run_in_the_order_the_finder_documents() -> None:
    names = [name for name, _ in stages.STAGES]
    doc = finder.__doc__ or ""
    positions = [doc.find(f"``{name}``") for name in names]
    assert all(p >= 0 for p in positions), names
    assert positions == sorted(positions)
    assert [n for n, _ in attribution.DIRECT_STEPS] == [
        "drop_stage_direction",
        "drop_subheading",
        "transcript_label",
        "glued_before",
        "zone",
        "paragraph_introduction",
        "dash_line_after",
        "statement_before",
        "inherit_direct",
        "drop_short_label",
        "drop_unattributed",
    ]


# ---- 1-3: reported speech ------------------------------------------------------------------------


def test_quotes_stage_reported_clauses(nlp: Language) -> None:
    run = make_run(nlp, "Mayor Tilda Ormsby said the bridge would reopen in May.")
    stages.reported_clauses(run)
    assert texts(run, "indirect") == ["the bridge would reopen in May"]
    assert head_of(run.candidates[0]) == "Ormsby"
    assert run.by_sentence[0] is run.candidates[0]


def test_quotes_stage_reported_clauses_needs_a_speaker(nlp: Language) -> None:
    run = make_run(nlp, "This said the bridge would reopen in May.")
    stages.reported_clauses(run)
    assert run.candidates == []


@pytest.mark.parametrize(
    ("text", "pieces", "speaker"),
    [
        # an aside that attributes the clause splits it: the words before it and after it
        (
            "The new ferry, Councillor Ines Varga said, would carry two hundred cars.",
            ["The new ferry", "would carry two hundred cars"],
            "Varga",
        ),
        (
            "The harbour works, according to the port authority, will cost nine million.",
            ["The harbour works", "will cost nine million"],
            "authority",
        ),
    ],
)
def test_quotes_stage_reported_clauses_around_an_aside(
    nlp: Language, text: str, pieces: list[str], speaker: str
) -> None:
    run = make_run(nlp, text)
    stages.reported_clauses(run)
    assert texts(run, "indirect") == pieces
    assert [head_of(c) for c in run.candidates] == [speaker, speaker]


@pytest.mark.parametrize(
    ("text", "clause"),
    [
        # a speech act of the speaker's own joined after the clause is not part of it
        ("Mayor Tilda Ormsby said the bridge would reopen in May and added that tolls would rise.",
         "the bridge would reopen in May"),
        # a dash left open starts the writer's comment ...
        ("Mayor Tilda Ormsby said the old ferries would be sold - a decision that angered the crews.",
         "the old ferries would be sold"),
        # ... as does a description the writer appends after a comma
        ("Mayor Tilda Ormsby said the old ferries would be sold, a decision that angered the crews.",
         "the old ferries would be sold"),
        # ... a pair of dashes sets off an aside inside the clause
        ("Ormsby said the three ferries \u2013 all of them old \u2013 would be sold next year.",
         "the three ferries \u2013 all of them old \u2013 would be sold next year"),
        # a quotation opened inside the clause runs to its closing mark
        ("Mayor Tilda Ormsby said the ferries were \u201ctoo old to repair. We have no choice.\u201d",
         "the ferries were \u201ctoo old to repair. We have no choice.\u201d"),
    ],
)  # fmt: skip
def test_quotes_stage_reported_clauses_where_the_clause_ends(nlp: Language, text: str, clause: str) -> None:
    run = make_run(nlp, text)
    stages.reported_clauses(run)
    assert texts(run, "indirect")[0] == clause
    assert head_of(run.candidates[0]) == "Ormsby"


def test_quotes_stage_reported_clauses_without_the_conjunction_before_an_aside(nlp: Language) -> None:
    # "But, Vell added, ...": the conjunction joins the writer's sentences, it is not reported
    run = make_run(nlp, "The ferry will run on Sunday. But, Ona Vell added, the fares will rise in May.")
    stages.reported_clauses(run)
    assert texts(run, "indirect") == ["the fares will rise in May"]


@pytest.mark.parametrize(
    ("text", "cue", "speaker"),
    [
        # a subject-less cue under a preposition: the subject of the participle it hangs from
        ("Mayor Tilda Ormsby is opening the session by recalling that the bridge fell.", "recalling", "Ormsby"),
        # a nominal cue: the author after "from", a name compounded before it
        ("A complaint from the harbour union that the ferries were unsafe reached the council.", "complaint", "union"),
        ("Varga pledge to cut ferry fares draws praise.", "pledge", "Varga"),
    ],
)  # fmt: skip
def test_quotes_learned_attribution_speaker_of_a_cue(
    nlp: Language, text: str, cue: str, speaker: str
) -> None:
    run = make_run(nlp, text)
    tok = next(t for t in run.doc if t.text == cue)
    a = stages.learned_attribution(run, tok)
    assert a.head is not None and a.head.text == speaker
    assert a.mention is not None and speaker in run.text[a.mention[0] : a.mention[1]]


def test_quotes_stage_reported_clauses_relative_pronoun_through_a_conjunct(nlp: Language) -> None:
    # the cue continues a relative clause: the mention as written is the pronoun, its head the name
    text = "Ines Varga, who left the board and warned that the ferries were unsafe, resigned."
    run = make_run(nlp, text)
    stages.reported_clauses(run)
    assert texts(run, "indirect") == ["that the ferries were unsafe"]
    a = run.candidates[0].attribution
    assert a is not None and a.written is not None and head_of(run.candidates[0]) == "Varga"
    assert run.text[a.written[0] : a.written[1]] == "who"
    # the record keeps the pronoun as the mention and the name as what it refers to, so that
    # the actor layer can name the speaker when the resolver could not
    (rec,) = run.records()
    assert run.text[rec["speaker_start"] : rec["speaker_end"]] == "who"
    assert rec["referent_start"] is not None and rec["referent_end"] is not None
    assert run.text[rec["referent_start"] : rec["referent_end"]] in ("Varga", "Ines Varga")


def test_quotes_stage_glued_reported(nlp: Language) -> None:
    run = make_run(nlp, "Councillor Ida Marrowinsisted the old dam was safe.")
    stages.glued_reported(run)
    assert texts(run, "indirect") == ["the old dam was safe"]
    a = run.candidates[0].attribution
    assert a is not None and a.glued
    assert cue_of(run, run.candidates[0]) == "insisted"


def test_quotes_stage_learned_reported_needs_the_model_and_skips_what_rules_found(nlp: Language) -> None:
    text = (
        "Ormsby said the bridge would reopen in May. The senator's claim that the vote was rigged drew scorn."
    )
    run = make_run(nlp, text)
    stages.reported_clauses(run)
    found = len(run.candidates)
    stages.learned_reported(run)
    assert len(run.candidates) == found  # no model, nothing added
    run.model = load_model()
    stages.learned_reported(run)
    assert texts(run)[found:] == ["that the vote was rigged"]  # the clause the rules found is not repeated
    assert head_of(run.candidates[-1]) == "senator"
    run = make_run(nlp, text, learned_overlap=1.0)
    run.model = load_model()
    stages.reported_clauses(run)
    stages.learned_reported(run)
    assert texts(run)[found:] == ["the bridge would reopen in May", "that the vote was rigged"]


@pytest.mark.parametrize(
    ("text", "cue", "pieces"),
    [
        # the cue is an aside inside the clause it reports: the words before and after it
        ("The new tariff, economists believe, would hurt farmers in the valley.", "believe",
         ["The new tariff", "would hurt farmers in the valley"]),
        # an attributing aside inside the content the model chose splits it the same way
        ("Economists fear that the new tariff, according to a study by the Brisk Institute, would hurt farmers.",
         "fear", ["that the new tariff", "would hurt farmers"]),
        # what the writer appends after a comma is not the content: an appositive, a relative
        # clause on "which" / "who", a participle
        ("The mayor criticized the new budget, a plan that cuts the library hours.", "criticized",
         ["the new budget"]),
        ("The governor praised the volunteers, who worked through the night.", "praised", ["the volunteers"]),
        ("Critics fear the dam will flood the valley, ruining the farms along the river.", "fear",
         ["the dam will flood the valley"]),
        # a quotation opened inside the content runs to its closing mark
        ("Residents of Pellham believe the dam is \u201ca danger to every home in the valley and to every farm.\u201d",
         "believe", ["the dam is \u201ca danger to every home in the valley and to every farm.\u201d"]),
    ],
)  # fmt: skip
def test_quotes_stage_learned_reported_takes_the_bounds_of_the_rules(
    nlp: Language, text: str, cue: str, pieces: list[str]
) -> None:
    run = make_run(nlp, text)
    run.model = load_model()
    stages.learned_reported(run)
    mine = [c for c in run.candidates if c.attribution is not None and c.attribution.cue is not None]
    mine = [c for c in mine if run.text[c.attribution.cue[0] : c.attribution.cue[1]] == cue]
    assert [run.text[c.start : c.end] for c in mine] == pieces
    assert len({id(c.attribution) for c in mine}) == 1  # one attribution, in pieces


# ---- 4: each quoted span, its kind and its ladder ------------------------------------------------


def test_quotes_classify_direct_partial_mixed(nlp: Language) -> None:
    text = (
        "“The harbour will stay open,” said Nadia Pell.\n"
        "Pell called the plan “a costly detour” on Tuesday.\n"
        "Pell said the vote was “a farce from start to finish. Nobody believed it.”"
    )
    run = make_run(nlp, text)
    kinds = {run.text[q.start : q.end][:12]: classify(run, q) for q in run.qd.spans}
    assert kinds == {"The harbour ": "direct", "a costly det": "partial", "a farce from": "mixed"}
    run = make_run(nlp, text, mixed_min_words=50)
    assert [classify(run, q) for q in run.qd.spans][2] == "partial"


def test_quotes_step_glued_before(nlp: Language) -> None:
    run = make_run(nlp, "Nadia Pell said:“We will not move the market.”")
    q, c = span_of(run, "We will not")
    assert attribution.step_glued_before(run, q, c) is Verdict.KEEP
    assert cue_of(run, c) == "said"
    assert head_of(c) == "Pell"
    run = make_run(nlp, "Nadia Pell said: “We will not move the market.”")
    q, c = span_of(run, "We will not")
    assert attribution.step_glued_before(run, q, c) is Verdict.NEXT


@pytest.mark.parametrize(
    ("text", "head", "cue"),
    [
        ("“We will rebuild the pier,” Orla Fenwick said on Monday.", "Fenwick", "said"),
        ("Orla Fenwick told reporters: “We will rebuild the pier.”", "Fenwick", "told"),
        ("Orla Fenwick put it bluntly: “We will rebuild the pier.”", "Fenwick", "put"),
        ("Fenwick: “We will rebuild the pier.”", "Fenwick", None),
        ("“We will rebuild the pier.” – Orla Fenwick", "Fenwick", None),
    ],
)
def test_quotes_step_zone(nlp: Language, text: str, head: str, cue: str | None) -> None:
    run = make_run(nlp, text)
    q, c = span_of(run, "We will rebuild")
    assert attribution.step_zone(run, q, c) is Verdict.KEEP
    assert head_of(c) == head
    assert cue_of(run, c) == cue


@pytest.mark.parametrize(
    ("text", "mention", "cue"),
    [
        # any finite verb in the short clause after a quote that goes on past its marks
        ("“Vote for the harbour and vote for the future,” read the leaflet.", "the leaflet", "read"),
        ("“Go back to your office!” Orla Venn barked.", "Orla Venn", "barked"),
        # a heading, a spaced dash, then the name that introduces the quote
        (
            "Turnout held up in the north - Ivo Rask: “The coastal towns voted in numbers we have not seen.”",
            "Ivo Rask",
            None,
        ),
        # the quotation dash (a horizontal bar) signs a quote like any dash
        ("“We will rebuild the pier before the winter.” ― Orla Fenwick", "Orla Fenwick", None),
        # a hyphen inside a word is no such dash: the clause's own speaker stays
        (
            "Rask gave the mayor a back-handed compliment: “She is never boring, and never right.”",
            "Rask",
            "gave",
        ),
        # the words a participle on a sent message gives are the sender's
        (
            "Her campaign sent out an email to supporters saying, “We won the county and will win the state.”",
            "Her campaign",
            "saying",
        ),
        (
            "Mr. Varga, who claimed last month that the panel was unfair to him, issued a statement"
            " on Friday saying, “The ruling was wrong and I will appeal it.”",
            "Mr. Varga",
            "saying",
        ),
    ],
)
def test_quotes_step_zone_finds_the_speaker_the_parse_misses(
    nlp: Language, text: str, mention: str, cue: str | None
) -> None:
    run = make_run(nlp, text)
    q = run.qd.spans[0]
    c = Candidate(q.start, q.end, classify(run, q), q.paragraph)
    assert attribution.step_zone(run, q, c) is Verdict.KEEP
    assert mention_of(run, c) == mention
    assert cue_of(run, c) == cue


@pytest.mark.parametrize(
    ("text", "mention"),
    [
        ("“We were wrong to wait so long,” Tomas Brel, 58, told the Gazette on Monday.", "Tomas Brel"),
        (
            "“We were wrong,” Tomas Brel, the long-serving chairman of the trust, said at a dinner.",
            "Tomas Brel",
        ),
        ("“We were wrong,” the harbour master said at a dinner.", "the harbour master"),
    ],
)
def test_quotes_speaker_before_a_cue_without_a_subject(nlp: Language, text: str, mention: str) -> None:
    run = make_run(nlp, text)
    q = run.qd.spans[0]
    after = attribution.zone_tokens(run, q, after=True)
    verb = next(t for t in after if t.lower_ in ("told", "said"))
    bare = Attribution(None, None, (verb.idx, verb.idx + len(verb)), 0)
    found = attribution.speaker_before_cue(run, after, verb, bare)
    assert found.mention is not None and run.text[found.mention[0] : found.mention[1]] == mention
    assert found.cue == bare.cue
    # a clause with a verb of its own before the cue is no speaker's name
    run = make_run(nlp, "“We were wrong,” as the mayor admitted, said Brel.")
    q = run.qd.spans[0]
    after = attribution.zone_tokens(run, q, after=True)
    verb = next(t for t in after if t.lower_ == "said")
    bare = Attribution(None, None, (verb.idx, verb.idx + len(verb)), 0)
    assert attribution.speaker_before_cue(run, after, verb, bare) is bare


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("In a statement to the Courier, her senior adviser, Jan Smit, said the treaty was vital.", "Smit"),
        ("Of the plan, Ada Vell, who has advised three mayors, said it was reckless.", "Vell"),
        ("In a call on May 2, Ansel Varga, an army spokesman in Tarrow, said the raid was over.", "Varga"),
        ("In Tarrow, on a wet Monday, said the notice.", None),
        # an aside that opens the text has no name before it (not the text's last word)
        (", an envoy of the council, said the talks were over, according to Ansel Varga", None),
    ],
)
def test_quotes_name_before_an_aside(nlp: Language, text: str, name: str | None) -> None:
    run = make_run(nlp, text)
    verb = next(t for t in run.doc if t.lower_ == "said")
    found = run.qd.name_before_aside(verb)
    assert (found.text if found is not None else None) == name


def test_quotes_step_zone_a_verb_with_its_own_object_opens_a_new_sentence(nlp: Language) -> None:
    run = make_run(nlp, "“Why did nobody warn us?” Orla Venn put her house up for sale a week later.")
    q, c = span_of(run, "Why did nobody")
    assert attribution.step_zone(run, q, c) is Verdict.NEXT


def test_quotes_step_fragment_a_quoted_sentence_is_its_verbs_subjects(nlp: Language) -> None:
    run = make_run(
        nlp,
        "After Ivo Rask criticized the mayor during a debate, Orla Venn shot back, "
        "“I could have stayed quiet, but I chose to speak.”",
    )
    q, c = span_of(run, "I could have")
    assert attribution.step_fragment(run, q, c) is Verdict.KEEP
    assert mention_of(run, c) == "Orla Venn"
    assert cue_of(run, c) == "shot"


def test_quotes_step_drop_stage_direction(nlp: Language) -> None:
    run = make_run(nlp, "QUILL: Why now?\n“(CROSSTALK.)\n“RASK: Because the farmers asked.")
    q, c = span_of(run, "CROSSTALK")
    assert attribution.step_drop_stage_direction(run, q, c) is Verdict.DROP
    q, c = span_of(run, "Because the farmers")
    assert attribution.step_drop_stage_direction(run, q, c) is Verdict.NEXT


@pytest.mark.parametrize(
    ("text", "label"),
    [
        # the label names a person the article names
        (
            "The host, Mara Quill, spoke to the senator.\n“QUILL: Let us start with the vote.\nThe end.",
            "QUILL",
        ),
        # the label takes turns with another, as in a transcript
        ("Partial transcript:\n“HOST: Let us start with the vote.\n“GUEST: Fine.\n“HOST: Why?", "HOST"),
    ],
)
def test_quotes_step_transcript_label(nlp: Language, text: str, label: str) -> None:
    run = make_run(nlp, text)
    q, c = span_of(run, "Let us start")
    assert attribution.step_transcript_label(run, q, c) is Verdict.KEEP
    assert mention_of(run, c) == label
    assert run.text[c.start : c.end] == "Let us start with the vote."


def test_quotes_step_transcript_label_needs_a_known_speaker(nlp: Language) -> None:
    run = make_run(nlp, "The vote was held on Monday.\n“UPDATE: The count will resume on Friday.\nThe end.")
    q, c = span_of(run, "The count")
    assert attribution.step_transcript_label(run, q, c) is Verdict.NEXT
    run = make_run(nlp, "The host, Mara Quill, spoke.\nShe said: “QUILL: it is late.”")
    q, c = span_of(run, "it is late")
    assert attribution.step_transcript_label(run, q, c) is Verdict.NEXT  # not at its line's start


def test_quotes_step_drop_subheading(nlp: Language) -> None:
    text = (
        "“The trains will run again by spring,” Ana Osk said.\n‘A long way from home.’\nThe station reopened."
    )
    run = make_run(nlp, text)
    q, c = span_of(run, "A long way")
    assert attribution.step_drop_subheading(run, q, c) is Verdict.DROP
    # a line of dialogue, with another quoted line after it, stays
    run = make_run(nlp, text.replace("The station reopened.", "‘And back again.’"))
    q, c = span_of(run, "A long way")
    assert attribution.step_drop_subheading(run, q, c) is Verdict.NEXT
    # double marks are not a subheading's
    run = make_run(nlp, text.replace("‘A long way from home.’", "“A long way from home.”"))
    q, c = span_of(run, "A long way")
    assert attribution.step_drop_subheading(run, q, c) is Verdict.NEXT
    # the text's last line heads no section below it
    run = make_run(nlp, text.replace("\nThe station reopened.", ""))
    q, c = span_of(run, "A long way")
    assert attribution.step_drop_subheading(run, q, c) is Verdict.NEXT


def test_quotes_step_dash_line_after(nlp: Language) -> None:
    text = (
        "The debate produced claims worth checking.\n"
        "“The plan would double the harbour fees for every boat in the bay.”\n"
        "- Dana Pell, at the debate.\n"
        "The fees would in fact rise by a tenth."
    )
    run = make_run(nlp, text)
    q, c = span_of(run, "The plan would")
    assert attribution.step_zone(run, q, c) is Verdict.NEXT
    assert attribution.step_dash_line_after(run, q, c) is Verdict.KEEP
    assert mention_of(run, c) == "Dana Pell"
    run = make_run(nlp, text.replace("- Dana Pell, at the debate.", "Dana Pell was at the debate."))
    q, c = span_of(run, "The plan would")
    assert attribution.step_dash_line_after(run, q, c) is Verdict.NEXT


def test_quotes_step_statement_before(nlp: Language) -> None:
    run = make_run(nlp, "Ivo Rask said in a statement. “We checked every wall last spring.”")
    q, c = span_of(run, "We checked")
    assert attribution.step_zone(run, q, c) is Verdict.NEXT
    assert attribution.step_statement_before(run, q, c) is Verdict.KEEP
    assert mention_of(run, c) == "Ivo Rask" and cue_of(run, c) == "said"
    # a sentence of reported speech before it: its speaker goes on
    run = make_run(nlp, "Ivo Rask said the dam would hold. “We checked every wall last spring.”")
    stages.reported_clauses(run)
    q, c = span_of(run, "We checked")
    assert attribution.step_statement_before(run, q, c) is Verdict.KEEP
    assert c.inherit is not None and head_of(c.inherit) == "Rask"
    # a statement ending the paragraph before
    run = make_run(nlp, "Ivo Rask said in a statement.\n“We checked every wall last spring.”")
    q, c = span_of(run, "We checked")
    assert attribution.step_statement_before(run, q, c) is Verdict.KEEP
    assert mention_of(run, c) == "Ivo Rask"
    # reported speech in the paragraph before (inherit_direct's), or no speech act
    for text in (
        "Ivo Rask said the dam would hold.\n“We checked every wall last spring.”",
        "The council met on Monday. “We checked every wall last spring.”",
        "Ivo Rask said in a statement.\nBy then, “we checked every wall last spring.”",
    ):
        run = make_run(nlp, text)
        stages.reported_clauses(run)
        q, c = span_of(run, "checked every")
        assert attribution.step_statement_before(run, q, c) is Verdict.NEXT, text


def test_quotes_step_inherit_direct_after_attributed_fragments(nlp: Language) -> None:
    run = make_run(
        nlp,
        "The mayor said the repairs were “well under way and nearly finished.”\n"
        "“We will open the pier by June, and the market after that.”\nCritics doubted it.",
    )
    stages.quoted_spans(run)
    fragment, speech = [c for c in run.candidates if c.kind != "indirect"]
    assert fragment.kind == "partial" and head_of(fragment) == "mayor"
    assert speech.kind == "direct" and speech.inherit is fragment


def test_quotes_step_inherit_direct_after_a_paragraph_of_reported_speech(nlp: Language) -> None:
    text = (
        "Ivo Rask said the dam would hold for another decade.\n“We checked every wall last spring.”\nThe end."
    )
    run = make_run(nlp, text)
    stages.reported_clauses(run)
    stages.quoted_spans(run)
    reported = next(c for c in run.candidates if c.kind == "indirect")
    speech = next(c for c in run.candidates if c.kind == "direct")
    assert head_of(reported) == "Rask"
    assert speech.attribution is None and speech.inherit is reported
    # without the reported speech before it, nothing attributes the quote
    run = make_run(nlp, text)
    stages.quoted_spans(run)
    speech = next(c for c in run.candidates if c.kind == "direct")
    assert speech.attribution is None and speech.inherit is None


def test_quotes_step_zone_leaves_the_next_sentence_alone(nlp: Language) -> None:
    run = make_run(nlp, "The pier had a crowd. “We will rebuild the pier.” Critics disagreed with the plan.")
    q, c = span_of(run, "We will rebuild")
    assert attribution.step_zone(run, q, c) is Verdict.NEXT


@pytest.mark.parametrize(
    ("intro", "head"),
    [
        ("Ansel Brook told the crowd at the mill:", "Brook"),
        ("Continued Brook:", "Brook"),
        ("The harbour board issued a short statement:", "board"),
    ],
)
def test_quotes_step_paragraph_introduction(nlp: Language, intro: str, head: str) -> None:
    run = make_run(nlp, f"{intro}\n“We will rebuild the mill before the winter.”")
    q, c = span_of(run, "We will rebuild")
    assert attribution.step_zone(run, q, c) is Verdict.NEXT
    assert attribution.step_paragraph_introduction(run, q, c) is Verdict.KEEP
    assert head_of(c) == head
    run = make_run(nlp, f"{intro.rstrip(':')}.\n“We will rebuild the mill before the winter.”")
    q, c = span_of(run, "We will rebuild")
    assert attribution.step_paragraph_introduction(run, q, c) is Verdict.NEXT


def test_quotes_step_paragraph_introduction_needs_a_name_for_a_bare_colon(nlp: Language) -> None:
    run = make_run(nlp, "Full text below:\n“We will rebuild the mill before the winter.”")
    q, c = span_of(run, "We will rebuild")
    assert attribution.step_paragraph_introduction(run, q, c) is Verdict.NEXT


def test_quotes_step_inherit_direct(nlp: Language) -> None:
    run = make_run(nlp, "“We will rebuild the pier,” Orla Fenwick said. “It will take two years.”")
    stages.quoted_spans(run)
    first, second = run.candidates
    assert head_of(first) == "Fenwick"
    assert second.attribution is None and second.inherit is first


def test_quotes_step_drop_short_label(nlp: Language) -> None:
    run = make_run(nlp, "“Blue Horizon” opened in 1998. Blue Horizon later moved to Tarrow.")
    q, c = span_of(run, "Blue Horizon")
    assert c.kind == "direct"
    assert attribution.step_drop_short_label(run, q, c) is Verdict.DROP
    run = make_run(
        nlp, "“Blue Horizon” opened in 1998. Blue Horizon later moved to Tarrow.", label_max_words=1
    )
    q, c = span_of(run, "Blue Horizon")
    assert attribution.step_drop_short_label(run, q, c) is Verdict.NEXT


@pytest.mark.parametrize("mark", ["“”", "''"])
def test_quotes_classify_a_list_of_quoted_titles_opens_no_sentence(nlp: Language, mark: str) -> None:
    o, c = (mark[0], mark[1]) if mark == "“”" else (mark, mark)
    text = f"The station revived {o}Harbor Nights,{c} {o}Tin Roof{c} and {o}Lamplight Lane.{c}"
    run = make_run(nlp, text)
    for words in ("Harbor Nights", "Tin Roof", "Lamplight Lane"):
        assert span_of(run, words)[1].kind == "partial", words
    run = make_run(nlp, f"{o}We sold the boat.{c} {o}Then we bought two more.{c} Ansel Brook laughed.")
    assert span_of(run, "Then we bought")[1].kind == "direct"


@pytest.mark.parametrize(
    ("intro", "cue"),
    [
        ("Vera Osk said,", "said"),
        ("At the meeting, Vera Osk ended by saying,", "saying"),
        ("Vera Osk spoke only of the future, adding,", "adding"),
        ("At the hearing, Vera Osk smiled,", "smiled"),
    ],
)
def test_quotes_a_clause_and_a_comma_introduce_a_direct_quote(nlp: Language, intro: str, cue: str) -> None:
    # not the first paragraph: the clause is read in the quote's own paragraph
    run = make_run(nlp, f"The mill closed in May.\n{intro} “We will open it again next spring.”")
    q, c = span_of(run, "We will open")
    assert c.kind == "direct"
    assert attribution.step_zone(run, q, c) is Verdict.KEEP
    assert head_of(c) == "Osk"
    assert cue_of(run, c) == cue


def test_quotes_step_zone_takes_the_verb_a_closing_comma_hangs_on(nlp: Language) -> None:
    run = make_run(nlp, "“We are not going to sell the mill,” Ansel Brook fumed on Tuesday.")
    q, c = span_of(run, "not going to sell")
    assert attribution.step_zone(run, q, c) is Verdict.KEEP
    assert head_of(c) == "Brook"
    assert cue_of(run, c) == "fumed"
    run = make_run(nlp, "“We want our jobs back,” the crowd chanted.")
    q, c = span_of(run, "jobs back")
    assert attribution.step_zone(run, q, c) is Verdict.KEEP
    assert (head_of(c), cue_of(run, c)) == ("crowd", "chanted")  # whatever voices the words
    run = make_run(nlp, "“We are not going to sell the mill.” Ansel Brook fumed on Tuesday.")
    q, c = span_of(run, "not going to sell")
    assert attribution.step_zone(run, q, c) is Verdict.NEXT  # a new sentence: his reaction


@pytest.mark.parametrize(
    ("text", "mention"),
    [
        ("“We treat newcomers like family,” said master of ceremonies Ivo Rask, an engineer.", "Ivo Rask"),
        (
            "“We treat newcomers like family,” said one of the organisers, who asked not to be named.",
            "one of the organisers",
        ),
        ("“We treat newcomers like family,” said on Monday the council.", None),
    ],
)
def test_quotes_inverted_speaker_reads_the_phrase_after_the_cue(
    nlp: Language, text: str, mention: str | None
) -> None:
    run = make_run(nlp, text)
    said = next(t for t in run.doc if t.text == "said")
    bare = Attribution(None, None, (said.idx, said.idx + len(said)), 0)
    attr = attribution.inverted_speaker(run, said, bare)
    got = run.text[attr.mention[0] : attr.mention[1]] if attr.mention is not None else None
    assert got == mention


def test_quotes_step_drop_unattributed(nlp: Language) -> None:
    text = "The council sat until dawn. “Enough.” “Nobody in Tarrow had ever seen such a long queue.”"
    run = make_run(nlp, text)
    stages.quoted_spans(run)
    assert texts(run) == ["Nobody in Tarrow had ever seen such a long queue."]
    run = make_run(nlp, text, unattributed_max_words=0)
    stages.quoted_spans(run)
    assert "Enough." in texts(run)


def test_quotes_step_drop_unattributed_keeps_a_quote_left_open(nlp: Language) -> None:
    run = make_run(nlp, "“Not this year.\n“We will wait for the spring,” Ansel Brook said.")
    for _, stage in stages.STAGES[:5]:
        stage(run)
    assert "Not this year." in texts(run)
    first = next(c for c in run.candidates if run.text[c.start : c.end] == "Not this year.")
    assert first.inherit is not None


def test_quotes_step_drop_label(nlp: Language) -> None:
    run = make_run(nlp, "Residents rejected the so-called “harbour renewal” and the “Clean Quays” scheme.")
    for words in ("harbour renewal", "Clean Quays"):
        q, c = span_of(run, words)
        assert is_label(run, q)
        assert attribution.step_drop_label(run, q, c) is Verdict.DROP


@pytest.mark.parametrize(
    ("text", "words", "label"),
    [
        (
            "FERRIES—“Fares to rise on the northern line,” by Gazette's Ina Holm: the council voted.",
            "Fares",
            True,
        ),
        ("“Fares to rise on the northern line”, by Ina Holm, ran on Monday.", "Fares", True),
        ("“We will not raise the fares,” said Ina Holm on Monday.", "We will", False),
        ("The fares were called “a burden on every family” by Mayor Rask.", "a burden", False),
        (
            "The ferry cuts were called “a betrayal of the islands,” by Ona Vell, who chairs the board.",
            "a betrayal",
            False,
        ),
        ("“We will have the quay rebuilt,” by March, the mayor said.", "We will", False),
    ],
)
def test_quotes_a_title_with_its_byline_is_a_label(nlp: Language, text: str, words: str, label: bool) -> None:
    run = make_run(nlp, text)
    q, _ = span_of(run, words)
    assert is_label(run, q) is label


def test_quotes_label_marker_stays_in_its_own_clause(nlp: Language) -> None:
    run = make_run(nlp, "The council backed a plan known as “the long road” on Friday.")
    assert is_label(run, span_of(run, "the long road")[0])
    text = "Milo, as he was known, “never liked the work at the mill,” Vera Osk said."
    run = make_run(nlp, text)
    q, c = span_of(run, "never liked the work")
    assert not is_label(run, q)
    assert attribution.step_drop_label(run, q, c) is Verdict.NEXT


def test_quotes_step_fragment(nlp: Language) -> None:
    run = make_run(nlp, "Nadia Pell called the plan “a costly detour” on Tuesday.")
    q, c = span_of(run, "costly detour")
    assert attribution.step_fragment(run, q, c) is Verdict.KEEP
    assert head_of(c) == "Pell"


def test_quotes_step_mixed_zone_only_for_mixed(nlp: Language) -> None:
    run = make_run(nlp, "“We will rebuild the pier,” Orla Fenwick said.")
    q, c = span_of(run, "We will rebuild")
    c.kind = "partial"
    assert attribution.step_mixed_zone(run, q, c) is Verdict.NEXT
    c.kind = "mixed"
    assert attribution.step_mixed_zone(run, q, c) is Verdict.KEEP


def test_quotes_step_continue_reported(nlp: Language) -> None:
    text = (
        "Orla Fenwick said the pier would close in June. This includes the “old ferry landing” by the square."
    )
    run = make_run(nlp, text)
    stages.reported_clauses(run)
    source = run.candidates[0]
    q, c = span_of(run, "old ferry landing")
    assert attribution.step_continue_reported(run, q, c) is Verdict.KEEP
    assert c.inherit is source
    assert texts(run, "indirect")[-1] == "This includes the “old ferry landing” by the square"
    run = make_run(nlp, text, continuation_paragraphs=0, fragment_min_words=4)
    stages.reported_clauses(run)
    q, c = span_of(run, "old ferry landing")
    assert attribution.step_continue_reported(run, q, c) is Verdict.DROP


# ---- 5-8 -----------------------------------------------------------------------------------------


def test_quotes_stage_inherit_forward(nlp: Language) -> None:
    run = make_run(
        nlp, "“The first part of the plan runs on.\n“And the second part ends here,” said Orla Fenwick."
    )
    stages.quoted_spans(run)
    first, second = run.candidates
    assert first.attribution is None and first.inherit is None
    stages.inherit_forward(run)
    assert first.inherit is second


def test_quotes_stage_nested_quotes(nlp: Language) -> None:
    run = make_run(nlp, "“They call this a ‘strategic pause’, but it is a retreat,” said Orla Fenwick.")
    stages.nested_quotes(run)
    assert texts(run) == ["strategic pause"]
    assert run.candidates[0].kind == "partial" and head_of(run.candidates[0]) == "They"
    run = make_run(
        nlp, "“They call this a ‘strategic pause’, but it is a retreat,” said Orla Fenwick.", nested_climb=0
    )
    stages.nested_quotes(run)
    assert run.candidates == []


def test_quotes_stage_pull_quotes(nlp: Language) -> None:
    text = "The council met on Monday.\nWe will never abandon the harbour to the developers – Orla Fenwick"
    run = make_run(nlp, text)
    stages.pull_quotes(run)
    assert texts(run, "direct") == ["We will never abandon the harbour to the developers"]
    assert mention_of(run, run.candidates[0]) == "Orla Fenwick"
    run = make_run(nlp, text, pull_quote_min_words=20)
    stages.pull_quotes(run)
    assert run.candidates == []


def test_quotes_stage_merge_mixed(nlp: Language) -> None:
    text = "Orla Fenwick said the plan was “a costly detour” for the town."
    run = make_run(nlp, text)
    stages.reported_clauses(run)
    stages.quoted_spans(run)
    before = sorted((c.kind, run.text[c.start : c.end]) for c in run.candidates)
    stages.merge_mixed(run)
    assert sorted((c.kind, run.text[c.start : c.end]) for c in run.candidates) == before
    run.settings = run.settings.model_copy(update={"mixed_span": "clause"})
    stages.merge_mixed(run)
    assert [(c.kind, run.text[c.start : c.end]) for c in run.candidates] == [
        ("mixed", "the plan was “a costly detour” for the town")
    ]


def test_quotes_stage_merge_mixed_takes_a_fragment_to_its_closing_mark(nlp: Language) -> None:
    # a clause the parse ends inside the quotation still holds the fragment opened in it
    text = "Orla Fenwick said the ferry was “late again and half empty” on Sunday."
    run = make_run(nlp, text, mixed_span="clause")
    _, fragment = span_of(run, "late again")
    clause = Candidate(text.index("the ferry"), text.index(" and half"), "indirect", 0)
    run.candidates = [clause, fragment]
    stages.merge_mixed(run)
    assert [(c.kind, run.text[c.start : c.end]) for c in run.candidates] == [
        ("mixed", "the ferry was “late again and half empty”")
    ]
    # a fragment opened after the clause, past the words that follow it, stays apart
    _, fragment = span_of(run, "late again")
    run.candidates = [Candidate(text.index("the ferry"), text.index(" was"), "indirect", 0), fragment]
    stages.merge_mixed(run)
    assert sorted(c.kind for c in run.candidates) == ["indirect", "partial"]


def merged(nlp: Language, text: str, rules: bool = False, extra: tuple[Candidate, ...] = ()) -> QuoteRun:
    """The run after merge_mixed under the clause convention, from the quoted spans (and the
    rule-found reported clauses with ``rules``) plus ``extra`` candidates."""
    run = make_run(nlp, text, mixed_span="clause")
    if rules:
        stages.reported_clauses(run)
    stages.quoted_spans(run)
    run.candidates.extend(extra)
    stages.merge_mixed(run)
    return run


def kinds_and_texts(run: QuoteRun) -> list[tuple[str, str]]:
    return [(c.kind, run.text[c.start : c.end]) for c in run.candidates]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # no reported clause holds the fragment: the words its cue verb governs make the mixed quote
        ("Mayor Ivo Rask called the island voters “reckless” for staying home.",
         [("mixed", "the island voters “reckless” for staying home")]),
        # two fragments under one verb are one quote
        ("Mayor Ivo Rask called the island voters “reckless” and “lazy” for staying home.",
         [("mixed", "the island voters “reckless” and “lazy” for staying home")]),
        # it stays in its paragraph and ends at the first clause break after the quotation
        ("Mayor Ivo Rask called the voters “reckless”\nfor staying home.", [("mixed", "the voters “reckless”")]),
        ("Mayor Ivo Rask called the voters “reckless”, then left for the harbour.",
         [("mixed", "the voters “reckless”")]),
    ],
)  # fmt: skip
def test_quotes_stage_merge_mixed_takes_what_the_cue_verb_reports(
    nlp: Language, text: str, expected: list[tuple[str, str]]
) -> None:
    run = merged(nlp, text, rules=True)
    assert kinds_and_texts(run) == expected
    assert all(head_of(c) == "Rask" for c in run.candidates)


def test_quotes_stage_merge_mixed_hands_on_what_a_merged_fragment_gave(nlp: Language) -> None:
    # the quote of the next paragraph inherited from a fragment: it inherits from the merged quote
    text = "Mayor Ivo Rask called the island voters “reckless” and “lazy” for staying home.\n“They will regret it.”"
    mixed, direct = merged(nlp, text).candidates
    assert (mixed.kind, direct.kind) == ("mixed", "direct") and attributed(direct) is mixed


def test_quotes_stage_merge_mixed_leaves_a_fragment_whose_words_are_not_its_own(nlp: Language) -> None:
    # words that would cut into another clause leave the fragment as it was
    text = "Mayor Ivo Rask called the voters “reckless” for saying they would stay home. Nobody came."
    crossing = Candidate(text.index("would"), len(text) - 1, "indirect", 0)
    assert ("partial", "reckless") in kinds_and_texts(merged(nlp, text, extra=(crossing,)))
    # nor does another speaker's clause join it
    run = merged(
        nlp,
        "Rask called them “reckless” in a speech that Vell said was “a disgrace” to the island.",
        rules=True,
    )
    found = {(c.kind, run.text[c.start : c.end], head_of(c)) for c in run.candidates}
    assert {("partial", "reckless", "Rask"), ("mixed", "was “a disgrace” to the island", "Vell")} <= found
    # a quotation that is all the verb reports stays what it is
    text = "Ona Vell says “we kept the ferry running all winter.”"
    run = make_run(nlp, text, mixed_span="clause")
    stages.quoted_spans(run)
    before = kinds_and_texts(run)
    assert kinds_and_texts(merged(nlp, text)) == before


# ---- 9: speakers ---------------------------------------------------------------------------------


def test_quotes_stage_resolve_speakers(nlp: Language) -> None:
    run = make_run(nlp, "Orla Fenwick spoke first at the quay. “We will rebuild the pier,” she said.")
    stages.quoted_spans(run)
    a = run.candidates[0].attribution
    assert a is not None and a.resolved is None
    stages.resolve_speakers(run)
    assert a.resolved is not None and a.resolved.name == "Orla Fenwick"


def test_quotes_stage_resolve_speakers_pronoun_window(nlp: Language) -> None:
    text = (
        "Orla Fenwick spoke first at the quay. The tide came in. The gulls left. The boats rocked. "
        "“We will rebuild the pier,” she said."
    )
    run = make_run(nlp, text)
    stages.quoted_spans(run)
    stages.resolve_speakers(run)
    assert run.candidates[0].attribution.resolved.name == "Orla Fenwick"  # type: ignore[union-attr]
    run = make_run(nlp, text, pronoun_person_sentences=1)
    stages.quoted_spans(run)
    stages.resolve_speakers(run)
    assert run.candidates[0].attribution.resolved is None  # type: ignore[union-attr]


def test_quotes_stage_drop_cue_repeats(nlp: Language) -> None:
    run = make_run(nlp, "“The ferry will run again,” Orla Fenwick said.")
    stages.quoted_spans(run)
    (direct,) = run.candidates
    assert direct.attribution is not None
    same_cue = Candidate(0, 10, "indirect", 0, direct.attribution)
    other = Candidate(0, 10, "indirect", 0, None)
    run.candidates.extend([same_cue, other])
    stages.drop_cue_repeats(run)
    assert run.candidates == [direct, other]


# ---- settings reach the component ----------------------------------------------------------------


def test_quotes_component_takes_its_settings_from_the_config(nlp: Language) -> None:
    import spacy

    blank = spacy.blank("en")
    pipe = blank.add_pipe(
        "storyline_quotes", config={"settings": {"mixed_min_words": 11}, "use_model": False}
    )
    assert pipe.settings.mixed_min_words == 11  # type: ignore[attr-defined]
    assert pipe.settings.label_max_words == QuotesSettings().label_max_words  # type: ignore[attr-defined]
    with pytest.raises(ValueError):
        spacy.blank("en").add_pipe("storyline_quotes", config={"settings": {"no_such_threshold": 1}})
    assert nlp.get_pipe("storyline_quotes").settings == QuotesSettings()  # type: ignore[attr-defined]


def test_quotes_speakers_resolve_through_the_actor_index_passed_in(nlp: Language) -> None:
    doc = nlp(
        "Special envoy Marten Holloway arrived in Quillon on Monday. The envoy said the talks would resume."
    )
    index = ActorIndex.of(doc)
    holloway = next(a for a in index.actors if a.name == "Marten Holloway")
    for actors, want_id in ((index, holloway.actor_id), (None, None)):
        run = QuoteRun.start(doc, actors)
        stages.reported_clauses(run)
        stages.resolve_speakers(run)
        (c,) = run.candidates
        assert mention_of(run, c) == "The envoy"
        assert c.attribution is not None and c.attribution.resolved is not None
        assert c.attribution.resolved.actor_id == want_id

"""Who each quoted stretch is attributed to: two ladders of named steps, tried in order.

A step looks at one quote and says what to do with it: ``KEEP`` it (it found the attribution,
or the quote it inherits one from), ``DROP`` it (a label, not speech), or try the ``NEXT`` step.
A quote that comes out of its ladder with ``NEXT`` is kept, unattributed.

Direct quotes (:data:`DIRECT_STEPS`):

1. ``drop_stage_direction``: a quote that is all one parenthesis ("(CROSSTALK)"), a note in a
   transcript;
2. ``drop_subheading``: a short single-quoted line standing alone, a subheading;
3. ``transcript_label``: a line that opens with a speaker's label in capitals ("“QUILL: ...");
4. ``glued_before``: a cue glued to the opening mark by a bad scrape (said:“...);
5. ``zone``: the reporter's text just before and after the marks, in its paragraph ("he
   said", "X said:", "Kolbe: “...”", "“...” – Anna Kolbe", "“...!” Kolbe barked"). Its rules,
   in order: a verb before the quote that the parse hangs the quote on
   (:func:`governing_verb_before`), a cue introducing a quote that ends its sentence
   (:func:`cue_before`), a cue right after the quote with the phrase before the cue as its
   speaker when the parse gives none (:func:`speaker_before_cue`), a cue before the quote, a
   verb after the quote that the parse hangs the quote on (:func:`governing_verb_after`), the
   first finite verb after a quote ending in a comma, whatever the parse says
   (:func:`verb_after`), a clause ending in a comma before the quote, a colon;
6. ``paragraph_introduction``: a paragraph before that ends in a colon ("X told the crowd:");
7. ``dash_line_after``: a quote that ends its paragraph, signed on the next line ("– Anna Kolbe");
8. ``statement_before``: a quote that opens its sentence after a sentence whose speech verb
   says nothing of its own ("Kolbe said in a statement. “...”"), or after a sentence of
   reported speech, whose speaker goes on ("Kolbe said the vote was close. “...”");
9. ``inherit_direct``: the quote before it in the paragraph, or the quote that ends the
   paragraph before when this one opens its own (split and multi-paragraph quotes, and speech
   after a paragraph of attributed fragments or of reported speech);
10. ``drop_short_label``: a short quote with nothing to go on that reads as a label;
11. ``drop_unattributed``: a short quote no step attributed is a term, a name or a scare quote
    the reporter writes in marks, not speech (a quote left open at its paragraph's end stays:
    ``inherit_forward`` may still attribute it).

Fragments, partial and mixed (:data:`FRAGMENT_STEPS`):

1. ``drop_label``: names, titles and scare quotes;
2. ``fragment``: the verb a quoted sentence is the object of when its subject is a person,
   else the speech verb that governs the fragment in the parse, else a cue in its sentence,
   else a name with a cue glued on;
3. ``mixed_glued_before`` and ``mixed_zone``: a mixed quote is read like a direct one;
4. ``continue_reported``: a sentence that goes on with the reported speech of the sentence
   before ("X said ... . This includes a “fragment” ..."), else the fragment is dropped.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from enum import Enum

from spacy.tokens import Token

from storyline.nlp.quotes.classify import introducing_verb, is_label
from storyline.nlp.quotes.marks import DOUBLE_EITHER, DOUBLE_OPEN, SINGLE_EITHER, SINGLE_OPEN, QuoteSpan
from storyline.nlp.quotes.run import NOT_SPEAKERS, Attribution, Candidate, QuoteRun, attributed
from storyline.nlp.quotes.syntax import DASHES, RELATIVE_PRONOUNS, SENTENCE_END, cue_forms
from storyline.nlp.vocabulary import vocabulary

# a line that opens on a dash and a name: "– Anna Kolbe, at the rally"
_DASH_LINE = re.compile(r"[ \t]*[-–—―]+[ \t]*([A-Z][\w'’.-]*(?:[ \t]+[A-Z][\w'’.-]*)*)")
QUOTE_OPENERS = frozenset(DOUBLE_OPEN + DOUBLE_EITHER + SINGLE_OPEN + SINGLE_EITHER)
NOT_SPEAKER_ENTS = frozenset({"DATE", "TIME", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"})
ANAPHORIC_OPENINGS = frozenset({"this", "that", "these", "those", "it", "they", "such", "he", "she"})


class Verdict(Enum):
    KEEP = "keep"
    DROP = "drop"
    NEXT = "next"


Step = Callable[[QuoteRun, QuoteSpan, Candidate], Verdict]


def _found(c: Candidate, attr: Attribution | None) -> Verdict:
    if attr is None:
        return Verdict.NEXT
    c.attribution = attr
    return Verdict.KEEP


# ---- direct quotes ------------------------------------------------------------------------------

_LABEL = re.compile(r"([A-Z][A-Z'’.-]+(?: [A-Z][A-Z'’.-]+)*):[ \t\u00a0]+(?=\S)")


def transcript_label(run: QuoteRun, q: QuoteSpan) -> tuple[Attribution, int] | None:
    """“KOLBE: We will rebuild.”: a quote that opens its paragraph with a speaker's name in
    capitals and a colon is a line of a transcript. The label is its speaker when the article
    names that person elsewhere ("Anna Kolbe") or the label opens several paragraphs, as the
    speakers of a transcript take turns; the quote's words start after the label. Returns
    the attribution and where the words start."""
    cfg = run.settings
    lo, _ = run.para_bounds(q.paragraph)
    if run.text[lo : q.open_pos].strip():
        return None
    m = _LABEL.match(run.text, q.start, q.end)
    if m is None or len(m.group(1).split()) > cfg.transcript_label_max_words:
        return None
    last = m.group(1).split()[-1].strip("'’.-").title()
    known = last in run.named_words() or run.labels().get(m.group(1), 0) >= cfg.transcript_label_repeats
    if len(last) < 2 or not known:
        return None
    doc, qd = run.doc, run.qd
    head = doc[qd.token_at(m.end(1) - 1)]
    return Attribution(head, (m.start(1), m.end(1)), None, qd.sent_of[head.i], glued=True), m.end()


def is_stage_direction(run: QuoteRun, q: QuoteSpan) -> bool:
    """“(CROSSTALK)”, “(Applause.)”: a quote that is all one parenthesis is a note in a
    transcript, not speech."""
    words = run.text[q.start : q.end].strip().rstrip(".")
    return words.startswith("(") and words.endswith(")") and words.count("(") == 1


def glued_before(run: QuoteRun, q: QuoteSpan) -> Attribution | None:
    """A cue glued to the opening mark (said:“...) with no space between: the cue sits in the
    same token as the opening mark."""
    doc, qd = run.doc, run.qd
    tok = doc[qd.token_at(q.open_pos)]
    prefix = run.text[tok.idx : q.open_pos]
    word = prefix.rstrip(" :,;-–—")
    if not word or word.lower() not in cue_forms():
        return None
    cue = (tok.idx, tok.idx + len(word))
    j = tok.i - 1
    if j < 0 or doc[j].pos_ not in ("PROPN", "PRON", "NOUN") or qd.quoted(doc[j]):
        return Attribution(None, None, cue, qd.sent_of[tok.i])
    head = doc[j]
    return Attribution(head, qd.mention_bounds(head), cue, qd.sent_of[head.i])


def zone_tokens(run: QuoteRun, q: QuoteSpan, after: bool) -> list[Token]:
    """The reporter's tokens right after the closing mark (to the sentence end) or right before
    the opening mark (from the sentence start), within the paragraph and outside quotes."""
    doc, qd = run.doc, run.qd
    lo, hi = run.para_bounds(q.paragraph)
    toks: list[Token] = []
    if after:
        if q.close_pos is None:
            return toks
        i = qd.token_at(q.close_pos) + 1
        while i < len(doc) and doc[i].idx < hi:
            t = doc[i]
            if qd.quoted(t):
                break
            if t.is_space:  # a run of spaces the tokenizer keeps ("\u00a0")
                i += 1
                continue
            toks.append(t)
            if t.text in SENTENCE_END:
                break
            i += 1
        return toks
    i = qd.token_at(q.open_pos) - 1
    while i >= 0 and doc[i].idx >= lo:
        t = doc[i]
        if qd.quoted(t) or t.text in SENTENCE_END:
            break
        if not t.is_space:
            toks.append(t)
        i -= 1
    toks.reverse()
    return toks


def zone(run: QuoteRun, q: QuoteSpan) -> Attribution | None:
    """The attribution in the reporter's text around a quote, by these rules in order."""
    qd, cfg = run.qd, run.settings
    after = zone_tokens(run, q, after=True)
    before = zone_tokens(run, q, after=False)
    # the tokenizer may glue a dash to the closing mark ("”― Anna Kolbe")
    glued_dash = (
        bool(after) and q.close_pos is not None and run.text[q.close_pos + 1 : after[0].idx].strip() in DASHES
    )
    # a verb right before the quote that governs it, when no cue follows the quote
    if not any(qd.cue_at(t) is not None for t in after[: cfg.cue_after_tokens]):
        governing = governing_verb_before(run, q, before)
        if governing is not None:
            return governing
    # A quote that ends its own sentence ("... harbour.”) and is introduced by a cue or a
    # colon belongs to that introduction, not to a cue in the next sentence ("Critics
    # disagreed."), so the introduction is tried first.
    if before and run.text[q.start : q.end].rstrip().endswith((".", "!", "?")):
        introduced = cue_before(run, before)
        if introduced is not None:
            return introduced
    # After a full stop inside the marks, a capitalised word opens a new sentence: its cue
    # ("Critics disagreed.") is someone else's reaction, not this quote's attribution.
    ends = run.text[q.start : q.end].rstrip().endswith(".")
    if after and ends and after[0].text[:1].isupper() and not glued_dash:
        after = []
    # a cue in a relative clause ("X, who asked not to be named, told ...") comes last
    near_after = sorted(after[: cfg.cue_after_tokens], key=lambda t: (t.dep_ in ("relcl", "acl"), t.i))
    for t in near_after:
        cue = qd.cue_at(t)
        if cue is not None and (t.i - after[0].i < cfg.relative_cue_tokens or t.dep_ not in ("relcl", "acl")):
            attr = run.attr_for(t, cue)
            if t.i == after[0].i:
                return inverted_speaker(run, t, attr)
            return speaker_before_cue(run, after, t, attr)
    introduced = cue_before(run, before)
    if introduced is not None:
        return introduced
    governing = governing_verb_after(run, q, after)
    if governing is not None:
        return governing
    placed = verb_after(run, q, after)
    if placed is not None:
        return placed
    # a clause of the reporter's ending in a comma: "Kolbe smiled, “...”"
    verb = introducing_verb(run, before[-2]) if len(before) >= 2 and before[-1].text == "," else None
    if verb is not None:
        subj = qd.subject_of(verb)
        if subj is not None:
            return said_by(run, subj, verb)
    introduced = colon_introduction(run, before)
    if introduced is not None:
        return introduced
    # dash attribution after a pull quote: "“...” – Anna Kolbe"
    if after and (after[0].text in DASHES or glued_dash):
        signed = after if glued_dash else after[1:]
        names = [t for t in signed[: cfg.dash_name_tokens] if t.pos_ == "PROPN"]
        if names and len(after) <= cfg.dash_max_tokens:
            head = names[-1]
            s0 = signed[0].idx
            return Attribution(head, (s0, head.idx + len(head)), None, qd.sent_of[head.i], glued=True)
    for t in after[cfg.far_cue_tokens :]:
        cue = qd.cue_at(t)
        if cue is not None:
            return speaker_before_cue(run, after, t, run.attr_for(t, cue))
    return None


def with_aside(run: QuoteRun, verb: Token, attr: Attribution) -> Attribution:
    """A cue whose subject the parse misses or gets wrong after an aside ("In a call, Jan Smit,
    the envoy, said: “...”"): the name before the aside (:meth:`QuotedDoc.name_before_aside`)."""
    if attr.head is not None:
        return attr
    qd = run.qd
    name = qd.name_before_aside(verb)
    if name is None:
        return attr
    return Attribution(name, qd.mention_bounds(name), attr.cue, qd.sent_of[name.i])


def said_by(run: QuoteRun, subj: Token, verb: Token) -> Attribution:
    """The attribution to ``subj`` with ``verb`` for its cue (a verb outside the cue vocabulary)."""
    qd = run.qd
    return Attribution(subj, qd.mention_bounds(subj), (verb.idx, verb.idx + len(verb)), qd.sent_of[subj.i])


def cue_before(run: QuoteRun, before: list[Token]) -> Attribution | None:
    """The attribution of the nearest cue before a quote that has a speaker: its own subject,
    else the subject of the verb it hangs from ("Kolbe ended by saying, “...”", "adding,
    “...”"), else, for a cue opening the sentence, the name after it ("Said Ellis: “...”"); a
    cue without any only when no cue before it has one."""
    qd = run.qd
    first: Attribution | None = None
    for t in reversed(before):
        cue = qd.cue_at(t)
        if cue is None:
            continue
        attr = with_aside(run, t, run.attr_for(t, cue))
        if attr.head is None:
            subj = qd.governing_subject(t)
            if subj is not None and qd.speaker_like(subj):
                attr = Attribution(subj, qd.mention_bounds(subj), cue, qd.sent_of[subj.i])
        if attr.head is None and t.i == before[0].i:
            attr = inverted_speaker(run, t, attr)  # "Said Ellis: “...”", the parse hangs the cue on the name
        if attr.head is not None:
            return attr
        first = first or attr
    return first


def colon_introduction(run: QuoteRun, before: list[Token], loose_names: bool = True) -> Attribution | None:
    """The attribution of a reporter's clause that ends in a colon and introduces a quote: its
    cue ("Kolbe told the crowd:", "Continued Kolbe:"), else a verb with a speaker for a subject
    ("Kolbe put it bluntly:"), else a bare name ("Kolbe:"): a proper noun or a named entity, or
    with ``loose_names`` any capitalised word."""
    qd, cfg = run.qd, run.settings
    if not before or before[-1].text != ":":
        return None
    # a heading, a dash, then the name: "Turnout held up - Ivo Rask: “...”"
    dash = max((k for k, t in enumerate(before) if _spaced_dash(run, t)), default=-1)
    named = [t for t in before[dash + 1 :] if not t.is_punct]
    if (
        dash >= 0
        and 0 < len(named) <= cfg.colon_name_max_words
        and not any(t.pos_ in ("VERB", "AUX") for t in named)
    ):
        before = before[dash + 1 :]
    for t in reversed(before):
        cue = qd.cue_at(t)
        if cue is not None:
            attr = with_aside(run, t, run.attr_for(t, cue))
            return inverted_speaker(run, t, attr) if t.i == before[0].i else attr
    # colon after a clause: "Kolbe put it bluntly: “...”"
    for t in reversed(before):
        if t.pos_ in ("VERB", "AUX"):
            subj = qd.subject_of(t)
            if subj is not None and qd.speaker_like(subj) and subj.idx >= before[0].idx:
                return said_by(run, subj, t)
    # colon attribution without a verb: "Kolbe: “...”"
    words = [t for t in before if not t.is_punct]
    if 0 < len(words) <= cfg.colon_name_max_words:
        names = [
            t for t in words if t.pos_ == "PROPN" or t.ent_type_ or (loose_names and t.text[:1].isupper())
        ]
        if names:
            head = names[-1]
            return Attribution(head, qd.mention_bounds(head), None, qd.sent_of[head.i], glued=True)
    return None


def _spaced_dash(run: QuoteRun, t: Token) -> bool:
    """A dash standing between spaces ("heading - name"), not a hyphen inside a word."""
    return t.text in DASHES and t.i > 0 and bool(run.doc[t.i - 1].whitespace_) and bool(t.whitespace_)


def paragraph_introduction(run: QuoteRun, q: QuoteSpan) -> Attribution | None:
    """A quote that opens its paragraph after a paragraph ending in a colon ("Kolbe told the
    crowd: / “...”"): the attribution of that colon's clause."""
    lo, _ = run.para_bounds(q.paragraph)
    if q.paragraph == 0 or run.text[lo : q.open_pos].strip():
        return None
    plo, phi = run.para_bounds(q.paragraph - 1)
    prev = run.text[plo:phi].rstrip()
    if not prev.endswith(":"):
        return None
    doc, qd = run.doc, run.qd
    toks: list[Token] = []
    i = qd.token_at(plo + len(prev) - 1)
    while i >= 0 and doc[i].idx >= plo:
        t = doc[i]
        if qd.quoted(t) or t.text in SENTENCE_END:
            break
        if not t.is_space:
            toks.append(t)
        i -= 1
    toks.reverse()
    # a paragraph of its own ("Full text below:") names a speaker only by a name
    return colon_introduction(run, toks, loose_names=False)


def dash_line_after(run: QuoteRun, q: QuoteSpan) -> Attribution | None:
    """“...” / – Anna Kolbe, at the rally: a quote that ends its paragraph, with the next
    paragraph opening on a dash and a name, is that name's (a listing of quotes, each signed
    on the line below)."""
    cfg = run.settings
    if q.close_pos is None or q.paragraph + 1 >= len(run.paras):
        return None
    _, hi = run.para_bounds(q.paragraph)
    if run.text[q.close_pos + 1 : hi].strip(" .\t"):
        return None
    nlo, nhi = run.para_bounds(q.paragraph + 1)
    m = _DASH_LINE.match(run.text, nlo, nhi)
    if m is None:
        return None
    name = m.group(1).rstrip(".")
    if not name or len(name.split()) > cfg.dash_name_tokens:
        return None
    qd = run.qd
    end = m.start(1) + len(name)
    head = run.doc[qd.token_at(end - 1)]
    if qd.quoted(head) or not (head.pos_ == "PROPN" or head.ent_type_):
        return None
    return Attribution(head, (m.start(1), end), None, qd.sent_of[head.i], glued=True)


# what a speech verb says when it has one of these: the statement is its own, not the next one
OWN_CONTENT_DEPS = frozenset({"ccomp", "xcomp", "dobj", "attr", "oprd", "advcl", "prep"})


def statement_before(run: QuoteRun, q: QuoteSpan) -> Attribution | Candidate | None:
    """Kolbe said in a statement. “...” / Kolbe said the vote was close. “...”: a quote that
    opens its sentence right after a sentence of the same paragraph, without quotations, that
    is a speech act: a speech verb heading it with a speaker and nothing said of its own ("told
    reporters", "said in a statement", "continued his remarks" still wait for their words),
    whose attribution it takes, or a sentence of reported speech, whose speaker goes on (the
    candidate returned). A quote that opens its paragraph takes a statement that ends the
    paragraph before."""
    doc, qd = run.doc, run.qd
    lo, _ = run.para_bounds(q.paragraph)
    i = qd.token_at(q.open_pos) - 1
    while i >= 0 and doc[i].is_space:
        i -= 1
    if i < 0 or doc[i].text != "." or qd.quoted(doc[i]) or not qd.sents or q.close_pos is None:
        return None  # a quote left open waits for its own attribution at its end
    # the paragraph before, when the quote opens its own: only a statement that waits for its
    # words (reported speech there is inherit_direct's)
    own = doc[i].idx >= lo
    if not own and (q.paragraph == 0 or run.text[lo : q.open_pos].strip()):
        return None
    plo, _ = run.para_bounds(q.paragraph if own else q.paragraph - 1)
    n = qd.sent_of[i]
    sent = qd.sents[n]
    if sent.start < qd.token_at(plo) or any(qd.quoted(t) for t in sent):
        return None
    reported = run.by_sentence.get(n)
    if own and reported is not None and reported.kind == "indirect" and attributed(reported) is not None:
        return reported
    verb = sent.root
    cue = qd.cue_at(verb)
    if cue is None:
        return None
    lex = vocabulary()
    addressed = verb.lemma_.lower() in lex.addressee_verbs
    for c in verb.children:
        if c.dep_ not in OWN_CONTENT_DEPS:
            continue
        said = c.lemma_.lower()
        if c.dep_ == "dobj" and (addressed or said in lex.speech_nouns or said in lex.document_nouns):
            continue  # "told reporters", "continued his remarks", "issued a statement"
        if c.dep_ == "prep" and not any(g.dep_ == "pcomp" for g in c.children):
            continue  # "in a statement", "on Tuesday"; "about raising taxes" says something
        return None
    attr = run.attr_for(verb, cue)
    return attr if attr.head is not None else None


def inverted_speaker(run: QuoteRun, verb: Token, attr: Attribution) -> Attribution:
    """“...,” said Ivo Rask, an engineer: when the parse gives a cue no subject, the noun phrase
    right after it is the speaker (the parser often tags a name after an inverted cue as an
    adverb or object). The phrase ends at punctuation, a relative pronoun or a phrase of the
    verb's own ("said on Monday"); its last name, else its last noun, heads the mention."""
    if attr.head is not None:
        return attr
    qd = run.qd
    toks: list[Token] = []
    for t in run.doc[verb.i + 1 : verb.i + 1 + run.settings.inverted_speaker_tokens]:
        if qd.quoted(t) or t.is_punct or t.is_space or t.lower_ in RELATIVE_PRONOUNS:
            break
        if (t.dep_ == "prep" and t.head.i == verb.i) or t.ent_type_ in NOT_SPEAKER_ENTS:
            break
        toks.append(t)
    names = [t for t in toks if t.is_alpha and t.text[:1].isupper()]
    nouns = [t for t in toks if t.pos_ in ("NOUN", "PROPN")]
    head = names[-1] if names else nouns[-1] if nouns else None
    if head is None:
        return attr
    # a name: the capitalised run that ends in it ("Ivo Rask"); a description: the whole phrase
    lo = toks.index(head) if names else 0
    while names and lo > 0 and toks[lo - 1].text[:1].isupper():
        lo -= 1
    mention = (toks[lo].idx, head.idx + len(head))
    return Attribution(head, mention, attr.cue, qd.sent_of[head.i], glued=bool(names))


def speaker_before_cue(run: QuoteRun, after: list[Token], verb: Token, attr: Attribution) -> Attribution:
    """“...,” Ivo Rask, 58, told the paper: when the parse gives a cue after a quote no subject,
    the phrase that opens the reporter's text after the quote is the speaker, when a comma or
    the cue itself ends it (the parser often hangs a name followed by an apposition on the
    quote's words). Its last name, else its last noun, heads the mention."""
    if attr.head is not None:
        return attr
    qd, cfg = run.qd, run.settings
    toks: list[Token] = []
    for t in after[: cfg.speaker_before_cue_tokens + 1]:
        if t.i >= verb.i or t.is_punct or t.lower_ in RELATIVE_PRONOUNS:
            break
        toks.append(t)
    end = after[len(toks)] if len(toks) < len(after) else None
    if (
        not toks
        or len(toks) > cfg.speaker_before_cue_tokens
        or end is None
        or not (end.text == "," or end.i == verb.i)
    ):
        return attr
    if any(t.pos_ in ("VERB", "AUX") or t.ent_type_ in NOT_SPEAKER_ENTS for t in toks):
        return attr
    names = [t for t in toks if t.is_alpha and t.text[:1].isupper() and t.pos_ == "PROPN"]
    nouns = [t for t in toks if t.pos_ in ("NOUN", "PROPN")]
    head = names[-1] if names else nouns[-1] if nouns else None
    if head is None or head.lower_ in NOT_SPEAKERS:
        return attr
    mention = (toks[0].idx, head.idx + len(head))
    return Attribution(head, mention, attr.cue, qd.sent_of[head.i], glued=bool(names))


def governing_verb_before(run: QuoteRun, q: QuoteSpan, before: list[Token]) -> Attribution | None:
    """Ivo Rask shot back, “...”: the verb right before a quote that the parse hangs the quote
    on speaks it, whatever the verb, when it has a speaker for a subject in the reporter's text
    before the quote (a cue further back is another clause's: "When Kolbe said ..., Rask
    yelled “...”"). A cue is left to the cue rules, which know its passives and relatives."""
    qd, cfg = run.qd, run.settings
    near = {t.i for t in before[-cfg.governing_before_tokens :]} if cfg.governing_before_tokens else set()
    if not near:
        return None
    i0, i1 = qd.token_at(q.start), qd.token_at(max(q.start, q.end - 1))
    heads = [t.head for t in run.doc[i0 : i1 + 1] if not (i0 <= t.head.i <= i1)]
    verb = next((h for h in heads if h.i in near), None)
    if verb is None or verb.pos_ != "VERB" or qd.cue_at(verb) is not None:
        return None
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subj is None or subj.i < before[0].i or qd.quoted(subj):
        return None
    plain = subj.pos_ in ("NOUN", "PROPN") and subj.lower_ not in NOT_SPEAKERS
    if not (qd.speaker_like(subj) or plain):
        return None
    return said_by(run, subj, verb)


FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP"})
OBJECT_DEPS = frozenset({"dobj", "ccomp", "xcomp", "attr", "acomp", "oprd", "dative"})
PHRASE_POS = frozenset({"DET", "ADJ", "NOUN", "PROPN", "NUM", "PART", "ADP", "PUNCT"})


def verb_after(run: QuoteRun, q: QuoteSpan, after: list[Token]) -> Attribution | None:
    """“...,” the leaflet read / “...!” Kolbe barked / “...,” read the leaflet: a quote that
    ends on a comma, a question or an exclamation mark goes on in the reporter's short clause
    right after it, so a finite verb there speaks it, whatever the verb and however the parse
    hangs it: its noun phrase before it, else the one right after it. (Unlike
    :func:`governing_verb_after`, which needs the parse to hang the quote on the verb.)"""
    qd, cfg = run.qd, run.settings
    if not after or not run.text[q.start : q.end].rstrip().endswith((",", "?", "!")):
        return None
    k = next(
        (k for k, t in enumerate(after[: cfg.speaker_before_cue_tokens + 1]) if t.pos_ in ("VERB", "AUX")),
        None,
    )
    if k is None or after[k].pos_ != "VERB" or after[k].tag_ not in FINITE_TAGS:
        return None
    verb = after[k]
    # a verb with an object of its own opens a sentence of the reporter's ("“...?” Kolbe put
    # her house up for sale"): the words it speaks are the quote's
    if k > 0 and any(c.dep_ in OBJECT_DEPS for c in verb.children):
        return None
    cue = (verb.idx, verb.idx + len(verb))
    if k == 0:
        attr = inverted_speaker(run, verb, Attribution(None, None, cue, qd.sent_of[verb.i]))
        return attr if attr.head is not None else None
    phrase = after[:k]
    if any(t.pos_ not in PHRASE_POS for t in phrase) or phrase[0].pos_ in ("ADP", "PUNCT", "PART"):
        return None
    # the noun phrase before its first preposition or comma: "a voice-over in the ad"
    cut = next((j for j, t in enumerate(phrase) if t.pos_ == "ADP" or t.text == ","), len(phrase))
    names = [t for t in phrase[:cut] if t.pos_ == "PROPN" and t.text[:1].isupper()]
    nouns = [t for t in phrase[:cut] if t.pos_ in ("NOUN", "PROPN", "NUM")]
    head = names[-1] if names else nouns[-1] if nouns else None
    if head is None or head.lower_ in NOT_SPEAKERS:
        return None
    return Attribution(
        head, (phrase[0].idx, head.idx + len(head)), cue, qd.sent_of[head.i], glued=bool(names)
    )


def governing_verb_after(run: QuoteRun, q: QuoteSpan, after: list[Token]) -> Attribution | None:
    """“...,” Kolbe fumed: a quote that ends on a comma, a question or an exclamation mark is
    the object of the verb right after it, whatever the verb (a speech verb outside the
    vocabulary), when the parse hangs the quote on that verb and the verb has a speaker for a
    subject after the quote. :func:`verb_after`, tried next, goes by position alone for when
    the parse hangs the quote elsewhere."""
    qd, cfg = run.qd, run.settings
    if not after or not run.text[q.start : q.end].rstrip().endswith((",", "?", "!")):
        return None
    near = {t.i for t in after[: cfg.cue_after_tokens]}
    i0, i1 = qd.token_at(q.start), qd.token_at(max(q.start, q.end - 1))
    heads = [t.head for t in run.doc[i0 : i1 + 1] if not (i0 <= t.head.i <= i1)]
    verb = next((h for h in heads if h.i in near), None)
    if verb is None or verb.pos_ != "VERB" or (verb.tag_ in ("VBG", "VBN") and verb.dep_ != "ROOT"):
        return None
    subj = next((c for c in verb.children if c.dep_ == "nsubj" and c.i in near), None)
    # whatever writes or shows the words speaks them too ("the sign read", "the ad says")
    plain = subj is not None and subj.pos_ in ("NOUN", "PROPN", "NUM") and subj.lower_ not in NOT_SPEAKERS
    if subj is None or not (qd.speaker_like(subj) or plain):
        return None
    return said_by(run, subj, verb)


def inherit_direct(run: QuoteRun, q: QuoteSpan) -> Candidate | None:
    """The quote a direct quote without attribution goes on from: the last quote kept in its
    paragraph, or, when it opens its paragraph, a direct or mixed quote ending the one before."""
    same = run.last_in_para.get(q.paragraph)
    if same is not None and same.kind != "indirect":
        return same
    lo, _ = run.para_bounds(q.paragraph)
    if run.text[lo : q.open_pos].strip():
        return None
    prev = run.last_in_para.get(q.paragraph - 1)
    if prev is None:
        # a paragraph of speech after one of reported speech goes on with its speaker ("X
        # said the plan would fail. / “...”"); a quote left open waits for its own attribution
        # at the end of the quotation (``inherit_forward``)
        if q.close_pos is None:
            return None
        reported = [c for c in run.candidates if c.kind == "indirect" and c.paragraph == q.paragraph - 1]
        last = max(reported, key=lambda c: c.end, default=None)
        return last if last is not None and attributed(last) is not None else None
    if prev.kind not in ("direct", "mixed", "partial"):
        return None
    # a paragraph of speech after one that reports the speaker's words in fragments goes on
    # with that speaker ("X said they are “...” / “...”"), when the fragment has one
    if prev.kind == "partial" and attributed(prev) is None:
        return None
    return prev


def step_drop_stage_direction(run: QuoteRun, q: QuoteSpan, c: Candidate) -> Verdict:
    return Verdict.DROP if is_stage_direction(run, q) else Verdict.NEXT


def step_transcript_label(run: QuoteRun, q: QuoteSpan, c: Candidate) -> Verdict:
    found = transcript_label(run, q)
    if found is None:
        return Verdict.NEXT
    c.attribution, c.start = found
    return Verdict.KEEP


def is_subheading(run: QuoteRun, q: QuoteSpan) -> bool:
    """‘A long way from home.’ alone on its line, in single marks: a subheading that quotes
    words of the section below it, not a quotation of its own (a line of dialogue is followed
    by another quoted line; the text's last line heads no section)."""
    if not q.single or q.close_pos is None or len(run.words(q)) > run.settings.subheading_max_words:
        return False
    if q.paragraph + 1 >= len(run.paras):
        return False
    lo, hi = run.para_bounds(q.paragraph)
    if run.text[lo : q.open_pos].strip() or run.text[q.close_pos + 1 : hi].strip(" .\t"):
        return False
    nlo, nhi = run.para_bounds(q.paragraph + 1)
    return run.text[nlo:nhi].lstrip()[:1] not in QUOTE_OPENERS


def step_drop_subheading(run: QuoteRun, q: QuoteSpan, c: Candidate) -> Verdict:
    return Verdict.DROP if is_subheading(run, q) else Verdict.NEXT


def step_glued_before(run: QuoteRun, q: QuoteSpan, c: Candidate) -> Verdict:
    return _found(c, glued_before(run, q))


def step_zone(run: QuoteRun, q: QuoteSpan, c: Candidate) -> Verdict:
    return _found(c, zone(run, q))


def step_paragraph_introduction(run: QuoteRun, q: QuoteSpan, c: Candidate) -> Verdict:
    return _found(c, paragraph_introduction(run, q))


def step_dash_line_after(run: QuoteRun, q: QuoteSpan, c: Candidate) -> Verdict:
    return _found(c, dash_line_after(run, q))


def step_statement_before(run: QuoteRun, q: QuoteSpan, c: Candidate) -> Verdict:
    found = statement_before(run, q)
    if isinstance(found, Candidate):
        c.inherit = found
        return Verdict.KEEP
    return _found(c, found)


def step_inherit_direct(run: QuoteRun, q: QuoteSpan, c: Candidate) -> Verdict:
    c.inherit = inherit_direct(run, q)
    return Verdict.NEXT if c.inherit is None else Verdict.KEEP


def step_drop_short_label(run: QuoteRun, q: QuoteSpan, c: Candidate) -> Verdict:
    if len(run.words(q)) <= run.settings.label_max_words and is_label(run, q):
        return Verdict.DROP
    return Verdict.NEXT


def step_drop_unattributed(run: QuoteRun, q: QuoteSpan, c: Candidate) -> Verdict:
    if q.close_pos is not None and len(run.words(q)) <= run.settings.unattributed_max_words:
        return Verdict.DROP
    return Verdict.NEXT


DIRECT_STEPS: tuple[tuple[str, Step], ...] = (
    ("drop_stage_direction", step_drop_stage_direction),
    ("drop_subheading", step_drop_subheading),
    ("transcript_label", step_transcript_label),
    ("glued_before", step_glued_before),
    ("zone", step_zone),
    ("paragraph_introduction", step_paragraph_introduction),
    ("dash_line_after", step_dash_line_after),
    ("statement_before", step_statement_before),
    ("inherit_direct", step_inherit_direct),
    ("drop_short_label", step_drop_short_label),
    ("drop_unattributed", step_drop_unattributed),
)


# ---- fragments ----------------------------------------------------------------------------------


def sentence_tokens(run: QuoteRun, q: QuoteSpan) -> list[Token]:
    """The tokens of the sentences a quote lies in, within its paragraph."""
    lo, hi = run.para_bounds(q.paragraph)
    first = run.qd.sent_of[run.qd.token_at(q.start)]
    last = run.qd.sent_of[run.qd.token_at(max(q.start, q.end - 1))]
    toks: list[Token] = []
    for n in range(first, last + 1):
        toks.extend(t for t in run.qd.sents[n] if lo <= t.idx < hi)
    return toks


def fragment(run: QuoteRun, q: QuoteSpan) -> Attribution | None:
    """The speech verb that governs a quoted fragment; else a cue in its sentence (before it,
    nearest first, then after it); else a name with a cue glued on."""
    doc, qd, cfg = run.doc, run.qd, run.settings
    n_words = len(run.words(q))
    i0 = qd.token_at(q.start)
    i1 = qd.token_at(max(q.start, q.end - 1))
    inside = range(i0, i1 + 1)
    heads = [t.head for t in doc[i0 : i1 + 1] if t.head.i not in inside]
    own = own_verb(run, q, heads[0]) if heads else None
    if own is not None:
        return own
    for h in heads[: cfg.fragment_heads]:
        for _ in range(cfg.fragment_climb):
            cue = qd.cue_at(h)
            if cue is not None and (n_words >= cfg.fragment_min_words or not qd.is_weak(h)):
                attr = with_aside(run, h, run.attr_for(h, cue))
                if attr.head is not None:
                    return attr
            if h.head.i == h.i:
                break
            h = h.head
    sent = sentence_tokens(run, q)
    cues = [(t, c) for t in sent if (c := qd.cue_at(t)) is not None]
    # a one-word quotation needs a speech verb that governs it; a cue elsewhere in the
    # sentence does not make a label into speech
    cues = [(t, c) for t, c in cues if n_words >= cfg.fragment_min_words]
    before = [tc for tc in cues if tc[0].idx < q.start]
    after = [tc for tc in cues if tc[0].idx >= q.end]
    for t, c in [*reversed(before), *after]:
        attr = with_aside(run, t, run.attr_for(t, c))
        if attr.head is not None:
            return attr
    for t in sent:
        glued_attr = run.glued_attribution(t)
        if glued_attr is not None:
            return glued_attr
    return None


def own_verb(run: QuoteRun, q: QuoteSpan, verb: Token) -> Attribution | None:
    """Ivo Rask yelled “Stay there!”: a quoted sentence (a capital, and a sentence end inside
    the marks) that is the object of a verb outside the cue vocabulary, with a person for its
    subject, is that person's words, not those of a cue further up the sentence ("when Kolbe
    said ..., Rask yelled “...”")."""
    qd = run.qd
    words = run.text[q.start : q.end].strip()
    if not words[:1].isupper() or not words.endswith((".", "!", "?")):
        return None
    if verb.pos_ != "VERB" or qd.quoted(verb) or qd.cue_at(verb) is not None:
        return None
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subj is None or qd.quoted(subj) or not qd.person_like(subj):
        return None
    return said_by(run, subj, verb)


def continue_reported(run: QuoteRun, q: QuoteSpan) -> Candidate | None:
    """The reported speech of the sentence before, when the fragment's sentence goes on with
    it (an anaphoric opening says so: "X said ... . This includes a “fragment” ...")."""
    qd, cfg = run.qd, run.settings
    sent = qd.sent_of[qd.token_at(q.start)]
    first = next((t for t in qd.sents[sent] if not t.is_punct and not t.is_space), None)
    src = run.by_sentence.get(sent - 1)
    if (
        src is None
        or len(run.words(q)) < cfg.fragment_min_words
        or src.paragraph < q.paragraph - cfg.continuation_paragraphs
        or first is None
        or first.lower_ not in ANAPHORIC_OPENINGS
    ):
        return None
    return src


def step_drop_label(run: QuoteRun, q: QuoteSpan, c: Candidate) -> Verdict:
    return Verdict.DROP if is_label(run, q) else Verdict.NEXT


def step_fragment(run: QuoteRun, q: QuoteSpan, c: Candidate) -> Verdict:
    return _found(c, fragment(run, q))


def step_mixed_glued_before(run: QuoteRun, q: QuoteSpan, c: Candidate) -> Verdict:
    return _found(c, glued_before(run, q)) if c.kind == "mixed" else Verdict.NEXT


def step_mixed_zone(run: QuoteRun, q: QuoteSpan, c: Candidate) -> Verdict:
    return _found(c, zone(run, q)) if c.kind == "mixed" else Verdict.NEXT


def step_continue_reported(run: QuoteRun, q: QuoteSpan, c: Candidate) -> Verdict:
    """Inherit the sentence before's reported speech, and report this sentence too."""
    src = continue_reported(run, q)
    if src is None:
        return Verdict.DROP
    c.inherit = src
    sent = run.qd.sent_of[run.qd.token_at(q.start)]
    words = [t for t in run.qd.sents[sent] if not (t.is_punct or t.is_space)]
    span = (words[0].idx, words[-1].idx + len(words[-1]))
    if span not in run.continued:
        run.continued.add(span)
        run.candidates.append(Candidate(*span, "indirect", q.paragraph, inherit=src))
    return Verdict.KEEP


FRAGMENT_STEPS: tuple[tuple[str, Step], ...] = (
    ("drop_label", step_drop_label),
    ("fragment", step_fragment),
    ("mixed_glued_before", step_mixed_glued_before),
    ("mixed_zone", step_mixed_zone),
    ("continue_reported", step_continue_reported),
)


def attribute(run: QuoteRun, q: QuoteSpan, c: Candidate) -> bool:
    """Run the quote's ladder; True when it is kept."""
    steps = DIRECT_STEPS if c.kind == "direct" else FRAGMENT_STEPS
    for _, step in steps:
        verdict = step(run, q, c)
        if verdict is Verdict.DROP:
            return False
        if verdict is Verdict.KEEP:
            return True
    return True

"""The stages of the quote finder, in the order :data:`STAGES` runs them.

Each stage is a function of a :class:`~storyline.nlp.quotes.run.QuoteRun`: it reads what the
stages before it found (``run.candidates`` and the run's bookkeeping) and adds to it or refines
it. They can be run one by one on a run (the tests do).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from spacy.tokens import Token

from storyline.nlp.quotes.attribution import attribute
from storyline.nlp.quotes.classify import classify, is_label
from storyline.nlp.quotes.learned import LearnedReport, find_learned
from storyline.nlp.quotes.marks import DOUBLE_EITHER, DOUBLE_OPEN, SINGLE_EITHER, SINGLE_OPEN, QuoteSpan
from storyline.nlp.quotes.reported import find_reported, inside_one_quote, received, shape_learned
from storyline.nlp.quotes.run import MAX_CHAIN, Attribution, Candidate, QuoteRun, attributed
from storyline.nlp.quotes.speakers import Resolved
from storyline.nlp.quotes.syntax import DASHES, RELATIVE_PRONOUNS, WRITER_SUBJECTS, QuotedDoc, cue_forms
from storyline.nlp.vocabulary import vocabulary

SUBJECT_CONTENT = frozenset({"nsubj", "nsubjpass"})
RAISED_COMPLEMENTS = frozenset({"xcomp", "oprd", "acomp", "prep"})
REPORTER_VOICE = WRITER_SUBJECTS | {"me", "us"}
OPENING_MARKS = " \t\u00a0`" + DOUBLE_OPEN + DOUBLE_EITHER + SINGLE_OPEN + SINGLE_EITHER
_CAPITAL_WORD = re.compile(r"\b[A-Z][a-z]+[a-z]{3,}\b")
_PULL_QUOTE = re.compile(
    r"^(?P<q>\S.*\S)\s+[-–—―]{1,2}\s*(?P<name>[A-Z][\w’'.-]+(?:\s+[A-Z][\w’'.-]+){0,3})\s*$"
)


# ---- 1-3: reported speech without quotation marks --------------------------------------------


def reported_clauses(run: QuoteRun) -> None:
    """A speech verb's clausal complement, or the clause "according to X" modifies
    (:mod:`.reported`), when the verb has a subject that can be a speaker."""
    for start, end, verb, cue, para in find_reported(run.qd):
        attr = run.attr_for(verb, cue)
        if attr.head is None:
            continue
        c = Candidate(start, end, "indirect", para, attr)
        run.candidates.append(c)
        run.by_sentence.setdefault(run.qd.sent_of[verb.i], c)


def glued_reported(run: QuoteRun) -> None:
    """Reported speech after a cue glued to a name: the rest of its sentence ("Roeinsisted the
    dam was safe")."""
    doc, qd = run.doc, run.qd
    forms = cue_forms()
    for m in _CAPITAL_WORD.finditer(run.text):
        word = m.group(0)
        if not any(word[k - 1].islower() and word[k:] in forms for k in range(2, len(word) - 3)):
            continue
        t = doc[qd.token_at(m.start())]
        attr = run.glued_attribution(t)
        sent = qd.sents[qd.sent_of[t.i]] if qd.sents else None
        if attr is None or sent is None or any(qd.cue_at(x) for x in sent):
            continue
        rest = [x for x in sent if x.i > t.i]
        while rest and (rest[-1].is_punct or rest[-1].is_space):
            rest.pop()
        if len(rest) >= 3 and not qd.quoted(rest[0]):
            c = Candidate(rest[0].idx, rest[-1].idx + len(rest[-1]), "indirect", qd.para_of(t), attr)
            run.candidates.append(c)
            run.by_sentence.setdefault(attr.sent, c)


def learned_attribution(run: QuoteRun, tok: Token) -> Attribution:
    """The speaker of a cue the model found, as written: its subject (a relative pronoun
    stays the mention, its antecedent is what it resolves to), the agent of a passive, the
    owner of a nominal cue ("the senator's claim")."""
    qd = run.qd
    cue = (tok.idx, tok.idx + len(tok))
    sent = qd.sent_of[tok.i]
    for c in tok.children:
        if c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in RELATIVE_PRONOUNS and tok.dep_ == "relcl":
            ante = tok.head
            if qd.quoted(ante):
                break
            return Attribution(ante, qd.mention_bounds(ante), cue, sent, written=(c.idx, c.idx + len(c)))
        if c.dep_ == "poss" and tok.pos_ == "NOUN" and not qd.quoted(c):
            return Attribution(c, qd.mention_bounds(c), cue, sent)
    if tok.pos_ == "NOUN":
        owner = qd.nominal_owner(tok)
        if owner is not None:
            return Attribution(owner, qd.mention_bounds(owner), cue, sent)
    subj = qd.subject_of(tok) or qd.governing_subject(tok)
    if subj is None or (qd.quoted(subj) and not qd.quoted(tok)):
        return Attribution(None, None, cue, sent)
    return Attribution(subj, qd.mention_bounds(subj), cue, sent, written=run.relative_pronoun(tok, subj))


def _named_agent(cue: Token) -> bool:
    """Does a passive cue name who acted ("was criticized [by the union]")?"""
    return any(c.dep_ == "agent" and any(g.dep_ == "pobj" for g in c.children) for c in cue.children)


def _modified_noun(r: LearnedReport) -> bool:
    """Is the content the noun a participle cue modifies ("the plan, announced by Kolbe, takes
    effect ...")? The participle sets the noun in the writer's own sentence, which says
    something else of it."""
    cue = r.cue
    return cue.dep_ == "acl" and cue.tag_ == "VBN" and r.i <= cue.head.i <= r.j and r.j < cue.i


def raised_subject(qd: QuotedDoc, cue: Token, how: str) -> Token | None:
    """The subject a cue raises out of what it reports, which is then the content's first
    piece and no speaker: "Kolbe seems [to waver]", "the plan is expected [to pass]", "Kolbe
    is seen [as the favourite]" (a raising verb, or a passive without its agent, whose content
    is the complement: ``how`` a non-finite clause, a predicate, or an "as" / "like" phrase).
    A complement that is itself a speech act keeps the subject its speaker ("was quoted as
    saying ...", "seemed to suggest ...")."""
    if how not in RAISED_COMPLEMENTS:
        return None
    lemma = cue.lemma_.lower()
    if lemma in ("look", "sound") and how == "xcomp":
        return None  # "looking to run" is an aim of the subject's own, "looks like" is not
    comps = [c for c in cue.children if c.dep_ == how]
    if how == "prep":
        comps = [
            g for c in comps if c.lower_ in ("as", "like") for g in c.children if g.dep_ in ("pobj", "pcomp")
        ]
        if not comps:
            return None
    if any(qd.cue_at(c) is not None for c in comps):
        return None
    for c in cue.children:
        if c.dep_ == "nsubj" and lemma in vocabulary().raising_verbs:
            return c
        if c.dep_ == "nsubjpass" and not _named_agent(cue):
            return c
    return None


def learned_reported(run: QuoteRun) -> None:
    """Reported speech the shipped cue and content models find that no rule found."""
    if run.model is None:
        return
    taken = [(c.start, c.end) for c in run.candidates]
    share = run.settings.learned_overlap
    out: list[Candidate] = []
    for r in find_learned(run.qd, run.model):
        # the content is the quotation's (a direct quote), the cue's own subject ("the mayor
        # was accused"), or a question put to the subject ("asked whether ..."); the subject of
        # a passive whose agent is named is what that agent spoke of ("the plan was criticized
        # by the union"), but not the noun a participle cue modifies
        if inside_one_quote(run.qd, r.i, r.j) or received(r.cue) or _modified_noun(r):
            continue
        if r.how in SUBJECT_CONTENT and not (r.how == "nsubjpass" and _named_agent(r.cue)):
            continue
        para = run.qd.para_of(r.cue)
        pieces = shape_learned(run.qd, r.cue, r.i, r.j, run.para_bounds(para))
        if not pieces:
            continue
        start, end = pieces[0][0], pieces[-1][1]
        if any(min(end, e) - max(start, s) > share * min(end - start, e - s) for s, e in taken):
            continue
        attr = learned_attribution(run, r.cue)
        raised = raised_subject(run.qd, r.cue, r.how)
        if raised is not None and not run.qd.quoted(raised):
            # the raised subject is reported too, as a piece of its own, and nobody is named
            attr = Attribution(None, None, (r.cue.idx, r.cue.idx + len(r.cue)), run.qd.sent_of[r.cue.i])
            lo, hi = raised.left_edge.i, raised.right_edge.i
            if hi < r.cue.i and run.qd.para_of(raised) == para:
                pieces = [(run.doc[lo].idx, run.doc[hi].idx + len(run.doc[hi]), lo, hi), *pieces]
        if attr.head is not None and attr.head.lower_ in REPORTER_VOICE and r.cue.dep_ == "parataxis":
            continue  # "the plan, I think, ...": an aside in the writer's own voice
        if attr.head is not None and any(i <= attr.head.i <= j for _, _, i, j in pieces):
            continue  # the span names the speaker ("“...,” said Ana Osk, an economist")
        taken.append((start, end))
        out.extend(Candidate(s, e, "indirect", para, attr) for s, e, _, _ in pieces)
    run.candidates.extend(out)


# ---- 4-5: quotations ------------------------------------------------------------------------


def quoted_spans(run: QuoteRun) -> None:
    """Every quoted stretch, in text order: classified (:mod:`.classify`), then attributed by
    its ladder (:mod:`.attribution`), or dropped as a label."""
    for q in run.qd.spans:
        c = Candidate(q.start, q.end, classify(run, q), q.paragraph)
        if attribute(run, q, c):
            run.keep(c, q)


def inherit_forward(run: QuoteRun) -> None:
    """A paragraph whose quote is left open (news style for a quotation that runs over
    several paragraphs) takes its speaker from the quote that opens the next paragraph,
    when nothing before it gave one: "“... paragraph one. / “... two,” she said."""
    opener: dict[int, Candidate] = {}
    for c, q in run.built:
        lo, _ = run.para_bounds(q.paragraph)
        if c.kind in ("direct", "mixed") and not run.text[lo : q.open_pos].strip():
            opener.setdefault(q.paragraph, c)
    for c, q in reversed(run.built):
        if q.close_pos is not None or attributed(c) is not None:
            continue
        nxt = opener.get(q.paragraph + 1)
        src = attributed(nxt) if nxt is not None and nxt is not c else None
        if src is not None:
            c.inherit = src


def _inner_cue(tok: Token) -> bool:
    vocab = vocabulary()
    lemma = tok.lemma_.lower()
    return tok.pos_ in ("VERB", "AUX") and lemma in vocab.speech_verbs and lemma not in vocab.weak_verbs


def nested_quotes(run: QuoteRun) -> None:
    """A quote inside a quote is speech only when the outer speaker attributes it with a
    speech verb that governs it ("they call this a ‘pause’"); otherwise it is a scare quote
    or a title inside the outer words."""
    doc, qd = run.doc, run.qd
    out = []
    for q in qd.nested:
        if len(run.words(q)) < run.settings.fragment_min_words or is_label(run, q):
            continue
        i0 = qd.token_at(q.start)
        i1 = qd.token_at(max(q.start, q.end - 1))
        outer = qd.quote_of[i0]
        heads = [t for t in doc[i0 : i1 + 1] if not (i0 <= t.head.i <= i1)]
        if not heads or outer == -1:
            continue
        h, via = heads[0], heads[0]
        for _ in range(run.settings.nested_climb):
            if h.head.i == h.i or qd.quote_of[h.head.i] != outer:
                break
            via, h = h, h.head
            if _inner_cue(h) and via.dep_ not in ("nsubj", "nsubjpass"):
                subj = next((c for c in h.children if c.dep_ in ("nsubj", "nsubjpass")), None)
                if subj is None or subj.lower_ in WRITER_SUBJECTS:
                    break
                attr = Attribution(subj, qd.mention_bounds(subj), (h.idx, h.idx + len(h)), qd.sent_of[subj.i])
                out.append(Candidate(q.start, q.end, "partial", q.paragraph, attr))
                break
    run.candidates.extend(out)


def pull_quotes(run: QuoteRun) -> None:
    """Paragraphs without marks that end in a dash and a name: "... - Anna Kolbe". A pull
    quote that repeats words quoted in the body is the same utterance shown twice: the body
    quote stands for it."""
    cfg = run.settings
    body = [
        set(re.findall(r"\w+", run.text[c.start : c.end].lower()))
        for c in run.candidates
        if c.kind != "indirect"
    ]
    out = []
    quoted_paras = {q.paragraph for q in run.qd.spans}
    for para, (lo, hi) in enumerate(run.paras):
        if para in quoted_paras or hi - lo > cfg.pull_quote_max_chars:
            continue
        m = _PULL_QUOTE.match(run.text[lo:hi])
        if (
            m is None
            or len(m.group("q").split()) < cfg.pull_quote_min_words
            or len(m.group("name").split()) < cfg.pull_quote_name_min_words
        ):
            continue
        n0, n1 = lo + m.start("name"), lo + m.end("name")
        head = run.doc[run.qd.token_at(n1 - 1)]
        if not (head.ent_type_ == "PERSON" or head.pos_ == "PROPN"):
            continue
        words = set(re.findall(r"\w+", m.group("q").lower()))
        if any(len(words & b) >= cfg.pull_quote_repeat * len(words) for b in body):
            continue
        attr = Attribution(head, (n0, n1), None, run.qd.sent_of[head.i])
        out.append(Candidate(lo + m.start("q"), lo + m.end("q"), "direct", para, attr))
    run.candidates.extend(out)


def _runs_into(run: QuoteRun, clause: Candidate, fragment: Candidate) -> bool:
    """Does ``fragment`` follow ``clause`` with nothing between them but spaces and its
    opening mark?"""
    if fragment.start < clause.end or fragment.paragraph != clause.paragraph:
        return False
    return not run.text[clause.end : fragment.start].strip(OPENING_MARKS)


def _through_close(spans: dict[tuple[int, int], QuoteSpan], fragment: Candidate) -> int:
    """Where ``fragment`` ends with its closing mark (its own end when the quotation runs on)."""
    q = spans.get((fragment.start, fragment.end))
    return q.close_pos + 1 if q is not None and q.close_pos is not None else fragment.end


# dependents after a cue verb that are not what it reports: its own coordination, its subject
# put after it, time adjuncts ("said Friday"), asides
_NOT_REPORTED = frozenset({"punct", "cc", "conj", "nsubj", "nsubjpass", "npadvmod", "advmod", "parataxis"})
_CLAUSE_BREAKS = frozenset({",", ";", ":", "("}) | (DASHES - {"-", "--"})  # no hyphen, one-token dashes
_TRAILING = " \t\n\u00a0,;:-–—―"


def _governed_clause(
    run: QuoteRun, fragment: Candidate, span: QuoteSpan, others: list[Candidate]
) -> tuple[int, int] | None:
    """The words a cue verb reports when the quoted fragment (``span``) hangs under it ("called
    the voters “reckless” for staying home": what follows the verb, its objects and
    complements), in the fragment's paragraph and up to the first clause break after it; None
    for a fragment inside another quotation, one whose cue does not govern it, one the verb's
    words do not go beyond, or one whose words would cut into another quote or clause of
    ``others``."""
    a = fragment.attribution
    if a is None or a.cue is None or span.nested or span.close_pos is None:
        return None
    qd, doc = run.qd, run.doc
    verb = doc[qd.token_at(a.cue[0])]
    tok = doc[qd.token_at(fragment.start)]
    for _ in range(run.settings.fragment_climb):
        if tok.i == verb.i or tok.head.i == tok.i:
            break
        tok = tok.head
    deps = [c for c in verb.children if c.i > verb.i and c.dep_ not in _NOT_REPORTED]
    if tok.i != verb.i or not deps:
        return None
    para_lo, para_hi = run.para_bounds(fragment.paragraph)
    close = span.close_pos + 1
    hi = doc[max(c.right_edge.i for c in deps)]
    start = max(doc[min(c.left_edge.i for c in deps)].idx, para_lo)
    end = min(max(hi.idx + len(hi), close), para_hi)
    for t in doc[qd.token_at(close) : hi.i + 1]:
        if t.idx >= close and t.text in _CLAUSE_BREAKS and not qd.quoted(t):
            end = min(end, t.idx)
            break
    for o in others:
        if o.start < end and start < o.end and not _joins(fragment, o, start, end):
            return None  # it would cut into another quote or clause
    end = max(close, start + len(run.text[start:end].rstrip(_TRAILING)))
    outside = run.text[start : span.open_pos] + run.text[close:end]
    if start > span.open_pos or not any(ch.isalnum() for ch in outside):
        return None
    return start, end


def _joins(fragment: Candidate, other: Candidate, start: int, end: int) -> bool:
    """Does ``other`` become part of the quote ``fragment`` makes of characters start..end? A
    fragment opened inside it does ("as “reckless” and “a disgrace”"), and so does a reported
    clause inside it with the same speaker or none; another speaker's words do not ("...
    in a speech that Vell said was “a disgrace”")."""
    if other.kind == "partial":
        return start <= other.start < end
    if other.kind not in ("indirect", "mixed") or not (start <= other.start and other.end <= end):
        return False
    mine, theirs = fragment.attribution, other.attribution
    if theirs is None or theirs.head is None:
        return True
    return mine is not None and mine.head is not None and mine.head.i == theirs.head.i


def merge_mixed(run: QuoteRun) -> None:
    """A reported clause that holds a quoted fragment is one mixed quote (PolNeAR's
    convention, ``mixed_span="clause"``): the clause takes the fragment's place, with the
    clause's speaker; a fragment no clause holds takes the words its cue verb reports
    (:func:`_governed_clause`). By default (``"fragment"``) the quoted words stay a partial
    quote and the clause around them stays reported speech. A quote that inherited its
    speaker from a fragment merged away inherits it from the merged quote."""
    if run.settings.mixed_span != "clause":
        return
    cands = run.candidates
    spans = {(q.start, q.end): q for q in run.qd.spans}
    fragments = [c for c in cands if c.kind in ("partial", "mixed")]
    merged_into: dict[int, Candidate] = {}
    for c in cands:
        if c.kind != "indirect":
            continue
        for f in fragments:
            if id(f) not in merged_into and _runs_into(run, c, f):
                c.end = f.end  # "called the plan “a trap”": the object and its quoted complement
        # a fragment opened inside the clause belongs to it, to its closing mark ("made him
        # ''smart.''" where the clause ends on the word)
        inside = [f for f in fragments if c.start <= f.start < c.end and id(f) not in merged_into]
        if not inside:
            continue
        c.end = max(c.end, *(_through_close(spans, f) for f in inside))
        c.kind = "mixed"
        if c.attribution is None or c.attribution.head is None:
            c.attribution, c.inherit = inside[0].attribution, inside[0].inherit
        merged_into.update((id(f), c) for f in inside)
    # a fragment no reported clause holds: the words its cue verb reports around it
    for f in fragments:
        span = spans.get((f.start, f.end))
        if id(f) in merged_into or f.kind != "partial" or span is None:
            continue
        others = [c for c in cands if c is not f and id(c) not in merged_into]
        clause = _governed_clause(run, f, span, others)
        if clause is None:
            continue
        f.start, f.end = clause
        f.kind = "mixed"
        # the reported words it holds, and the verb's other fragments ("as “reckless” and
        # “a disgrace”"), are this one quote
        for c in others:
            if c.start < f.end and f.start < c.end and _joins(f, c, f.start, f.end):
                merged_into[id(c)] = f
    kept = [c for c in cands if id(c) not in merged_into]
    for c in kept:
        for _ in range(MAX_CHAIN):
            if c.inherit is None or id(c.inherit) not in merged_into:
                break
            c.inherit = merged_into[id(c.inherit)]
    run.candidates = kept


# ---- 6: speakers --------------------------------------------------------------------------------


def _sentence_subject(run: QuoteRun, sent: Any, n: int) -> Resolved | None:
    root = sent.root
    if run.qd.quoted(root):
        return None
    vocab = vocabulary()
    for c in root.children:
        if c.dep_ not in ("nsubj", "nsubjpass") or run.qd.quoted(c):
            continue
        # "Her husband, Tom Roe, stood by": the name in apposition is who the subject is
        head = next((a for a in c.children if a.dep_ == "appos" and a.ent_type_ == "PERSON"), c)
        body = c.ent_type_ in ("ORG", "NORP") or (c.lemma_.lower() in vocab.body_nouns and c.pos_ == "NOUN")
        if head is not c or run.qd.person_like(c) or body:
            s, e = run.qd.mention_bounds(head)
            return run.resolver.resolve(head, s, e, n)
    return None


def resolve_speakers(run: QuoteRun) -> None:
    """Every speaker mention resolved in document order (:mod:`.speakers`), so that pronouns
    and descriptions see the context before them: the subjects and speakers of the sentences
    already read."""
    resolver = run.resolver
    attrs = [
        c.attribution for c in run.candidates if c.attribution is not None and c.attribution.head is not None
    ]
    attrs.sort(key=lambda a: a.mention[0] if a.mention else 0)
    by_sent: dict[int, list[Attribution]] = {}
    for a in attrs:
        by_sent.setdefault(a.sent, []).append(a)
    done: dict[tuple[int, int], Resolved | None] = {}
    for n, sent in enumerate(run.qd.sents):
        subject: Resolved | None = None
        for a in by_sent.get(n, []):
            assert a.head is not None and a.mention is not None
            if a.mention not in done:
                ref: Resolved | None
                if a.glued:
                    ref = resolver.named(*a.mention)
                else:
                    ref = resolver.resolve(a.head, a.mention[0], a.mention[1], n)
                done[a.mention] = ref
                if ref is not None:
                    resolver.note_speaker(ref, a.head.lower_)
            a.resolved = done[a.mention]
            if a.head.dep_ in ("nsubj", "nsubjpass") and a.head.head == sent.root:
                subject = subject or a.resolved
        subject = subject or _sentence_subject(run, sent, n)
        if subject is None:
            subject = next((a.resolved for a in by_sent.get(n, []) if a.resolved is not None), None)
        if subject is not None:
            resolver.note_subject(n, subject)


Stage = Callable[[QuoteRun], None]


def drop_cue_repeats(run: QuoteRun) -> None:
    """A cue that attributes a direct quote reports that quote, not also another span of its
    clause as reported speech. After speakers are resolved, so that a quote inheriting its
    speaker from the dropped span keeps it."""
    cues = {c.attribution.cue for c in run.candidates if c.kind == "direct" and c.attribution is not None}
    run.candidates[:] = [
        c
        for c in run.candidates
        if c.kind != "indirect" or c.attribution is None or c.attribution.cue not in cues
    ]


STAGES: tuple[tuple[str, Stage], ...] = (
    ("reported_clauses", reported_clauses),
    ("glued_reported", glued_reported),
    ("learned_reported", learned_reported),
    ("quoted_spans", quoted_spans),
    ("inherit_forward", inherit_forward),
    ("nested_quotes", nested_quotes),
    ("pull_quotes", pull_quotes),
    ("merge_mixed", merge_mixed),
    ("resolve_speakers", resolve_speakers),
    ("drop_cue_repeats", drop_cue_repeats),
)

"""Reported speech without quotation marks: what a speech verb's clause or "according to" says.

"Kolbe said (that) the talks had failed" -> the complement clause of a speech verb whose
subject can be a speaker; "the talks had failed, Kolbe said" -> the same clause before the
verb; "the talks, Kolbe said, had failed" -> the clause in two pieces, the words before and
after the aside (likewise "the talks, according to Kolbe, had failed"); "Kolbe accused the
mayor of hiding the report" -> the gerund clause an accusing or judging verb takes through
"of" / "for"; "according to Kolbe, the talks had failed" -> the clause the phrase modifies. A clause
that lies mostly inside a quotation is the quotation's business, not reported speech.
"""

from __future__ import annotations

from spacy.tokens import Token

from storyline.nlp.quotes.marks import DOUBLED_MARKS, paragraphs
from storyline.nlp.quotes.syntax import DASHES, WRITER_SUBJECTS, QuotedDoc

Reported = tuple[int, int, Token, tuple[int, int], int]
MIN_TOKENS = 3
THAT_VERBS = frozenset(
    {"say", "tell", "add", "write", "state", "announce", "insist", "claim", "warn", "confirm"}
)
# verbs whose content is a gerund clause after "of" / "for": "accused him of lying"
GERUND_VERBS = {"accuse": "of", "blame": "for", "criticise": "for", "criticize": "for", "praise": "for"}


def _gerund_clause(verb: Token) -> Token | None:
    prep = GERUND_VERBS.get(verb.lemma_.lower())
    objects = [c for c in verb.children if c.dep_ == "dobj"]  # the parser may hang "of" on it
    for c in [*verb.children, *(t for o in objects for t in o.children)]:
        if c.dep_ == "prep" and c.lower_ == prep:
            for g in c.children:
                if g.dep_ == "pcomp" and g.tag_ == "VBG":
                    return g
    return None


def _paragraph_of(paras: list[tuple[int, int]], char: int) -> tuple[int, tuple[int, int]]:
    for n, (lo, hi) in enumerate(paras):
        if lo <= char <= hi:
            return n, (lo, hi)
    return -1, (0, 0)


def _mark(tok: Token, marks: str) -> bool:
    """Is ``tok`` one of ``marks``, or a doubled mark (``''``) of newspaper archives?"""
    return (len(tok.text) == 1 and tok.text in marks) or tok.text in DOUBLED_MARKS


def _trim(qd: QuotedDoc, i: int, j: int) -> tuple[int, int]:
    """doc[i..j] without the punctuation at its ends, quotation marks kept."""
    doc = qd.doc
    while i < j and (doc[i].is_punct or doc[i].is_space) and not _mark(doc[i], "“‘\"'"):
        i += 1
    while j > i and (doc[j].is_punct or doc[j].is_space) and not _mark(doc[j], "”’\"'"):
        j -= 1
    return i, j


def inside_one_quote(qd: QuotedDoc, i: int, j: int) -> bool:
    """Do the words of doc[i..j] all lie inside one quotation (a quote, not reported speech)?"""
    owners = {qd.quote_of[k] for k in range(i, j + 1) if not qd.doc[k].is_punct}
    return len(owners) == 1 and -1 not in owners


def _hangs_on(tok: Token, verb: Token) -> bool:
    """Is ``verb`` the first verb above ``tok`` in the parse?"""
    h = tok.head
    for _ in range(6):
        if h.i == verb.i:
            return True
        if h.pos_ in ("VERB", "AUX") or h.head.i == h.i:
            return False
        h = h.head
    return False


Pieces = list[tuple[int, int]]  # token ranges of one content: two when an aside splits it


def _spaced_dash(t: Token) -> bool:
    """A dash between spaces ("the plan - and its cost"), not a hyphen inside a word."""
    if t.text != "-":
        return t.text in DASHES
    return bool(t.whitespace_) and t.i > 0 and bool(t.nbor(-1).whitespace_)


def _clause_end(qd: QuotedDoc, i: int, j: int) -> int:
    """Where a reported clause doc[i..j] ends: before a speech act of the speaker's own
    coordinated after it ("... and added that ...", which the parser often hangs inside the
    clause), and before a dash that opens an aside the clause does not close."""
    doc = qd.doc
    for t in doc[i + 1 : j + 1]:
        if t.dep_ != "conj" or not (i <= t.head.i < t.i) or t.pos_ not in ("VERB", "AUX") or qd.quoted(t):
            continue
        cc = [c for c in t.head.children if c.dep_ == "cc" and t.head.i < c.i < t.i]
        if not cc or any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children) or qd.cue_at(t) is None:
            continue
        if any(c.dep_ == "ccomp" for c in t.children) or t.lemma_.lower() in THAT_VERBS:
            j = min(j, cc[-1].i - 1)
    # dashes in pairs set off an aside inside the clause ("the leaders -- all three of them --
    # stayed away"); one left open starts the writer's comment
    dashes = [t.i for t in doc[i + 1 : j + 1] if _spaced_dash(t) and not qd.quoted(t)]
    if len(dashes) % 2 == 1:
        j = min(j, dashes[-1] - 1)
    return j


def _writer_tail(qd: QuotedDoc, i: int, j: int) -> int:
    """Where doc[i..j] ends before what the writer appends after a comma or a dash: an
    appositive ("..., a plan that ..."), a relative clause on "which" / "who", a participle
    ("..., ruining the farms")."""
    doc = qd.doc
    for t in doc[i + 1 : j + 1]:
        if t.right_edge.i != j or t.left_edge.i <= i + 1:
            continue
        before = doc[t.left_edge.i - 1]
        if before.text != "," and not _spaced_dash(before):
            continue
        relative = t.dep_ == "relcl" and doc[t.left_edge.i].lower_ in ("which", "who")
        if t.dep_ == "appos" or relative or (t.dep_ in ("advcl", "acl") and t.tag_ == "VBG"):
            return t.left_edge.i - 2
    return j


def _to_quote_close(qd: QuotedDoc, i: int, j: int) -> int:
    """A quotation opened inside the clause runs on to its closing mark (in the paragraph)."""
    last = qd.quote_of[j]
    if last == -1 or qd.quote_of[i] == last:
        return j
    q = qd.spans[last]
    k = qd.token_at(q.close_pos if q.close_pos is not None else q.end - 1)
    return max(j, k) if qd.para_of(qd.doc[k]) == qd.para_of(qd.doc[j]) else j


def _around(i: int, j: int, lo: int, hi: int) -> Pieces:
    """doc[i..j] without the aside doc[lo..hi] inside it: the words before and after."""
    return [(a, b) for a, b in ((i, lo - 1), (hi + 1, j)) if a <= b]


def _clause_span(qd: QuotedDoc, verb: Token) -> Pieces | None:
    comps = [c for c in verb.children if c.dep_ == "ccomp"]
    gerund = _gerund_clause(verb) if not comps else None
    if gerund is not None:
        return [(gerund.left_edge.i, gerund.right_edge.i)]
    if not comps:
        # "said in a statement that ...": the parser hangs the clause on the noun
        that_clauses = [
            t
            for t in verb.subtree
            if t.i > verb.i
            and t.dep_ in ("acl", "advcl")
            and any(c.dep_ == "mark" and c.lower_ == "that" for c in t.children)
            and _hangs_on(t, verb)
        ]
        if that_clauses and verb.lemma_.lower() in THAT_VERBS:
            comps = that_clauses[:1]
        elif verb.dep_ == "parataxis" and verb.head.i < verb.i:
            # "the talks failed, Kolbe said, after ...": the parser hangs the cue off the clause
            subj_start = min(
                [c.left_edge.i for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")] or [verb.i]
            )
            return [(verb.head.left_edge.i, subj_start - 1)]
        elif verb.dep_ == "parataxis" and verb.head.left_edge.i < verb.left_edge.i:
            # "the plan, Smit argued, would cost less": the cue sits inside the clause it reports,
            # which is reported in two pieces around the aside, up to a clause joined after it
            # ("..., but Kolbe said ..."); "I think" and the like are no attribution
            subj = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
            if not subj or subj[0].lower_ in WRITER_SUBJECTS:
                return None
            head = verb.head
            j = head.right_edge.i
            for c in head.children:
                if c.i > verb.i and c.dep_ in ("cc", "conj"):
                    j = min(j, c.left_edge.i - 1)
            return _around(head.left_edge.i, j, verb.left_edge.i, verb.right_edge.i)
        else:
            return None
    comp = comps[0]
    i, j = comp.left_edge.i, comp.right_edge.i
    if comp.dep_ != "ccomp":
        j = max(j, max(t.i for t in comp.subtree))
    if i <= verb.i <= j:
        # "the plan, Smit said, would cost less" parsed with the cue on top: the clause's words
        # around the cue's own (its subject, the commas)
        members = {t.i for t in comp.subtree}
        lo = hi = verb.i
        while lo - 1 >= i and lo - 1 not in members:
            lo -= 1
        while hi + 1 <= j and hi + 1 not in members:
            hi += 1
        return _around(i, j, lo, hi)
    for c in verb.children:
        if c.dep_ == "conj" and c.i > j and any(g.dep_ == "mark" for g in c.children):
            j = max(j, c.right_edge.i)
    # a speech act of its own inside the clause ("..., pointing out that ...") ends it
    for t in qd.doc[i : j + 1]:
        if t.dep_ == "advcl" and t.i > i and qd.cue_at(t) is not None:
            j = min(j, t.left_edge.i - 1)
    return [(i, _to_quote_close(qd, i, _clause_end(qd, i, _writer_tail(qd, i, j))))]


def _according_span(qd: QuotedDoc, according: Token) -> Pieces | None:
    sent = qd.sents[qd.sent_of[according.i]]
    words = [t for t in sent if not (t.is_punct or t.is_space)]
    if not words:
        return None
    first, last = words[0].i, words[-1].i
    prep_lo, prep_hi = according.left_edge.i, according.right_edge.i
    if according.i + 1 < len(qd.doc):
        prep_hi = max(prep_hi, qd.doc[according.i + 1].right_edge.i)
    if prep_lo <= first:
        return [(prep_hi + 1, last)]
    if prep_hi >= last:
        return [(first, prep_lo - 1)]
    # "the plan, according to Kolbe, would cost less": the words on either side
    return _around(first, last, prep_lo, prep_hi)


def received(verb: Token) -> bool:
    """A passive participle heading a clause ("Asked whether he would resign, Kolbe said ...",
    "Told of the vote, ..."): its clause is what was said *to* the subject, not by them."""
    return (
        verb.tag_ == "VBN"
        and verb.dep_ in ("advcl", "acl")
        and not any(c.dep_ in ("agent", "nsubj", "nsubjpass") for c in verb.children)
    )


def bounded(
    qd: QuotedDoc,
    tok: Token,
    span: Pieces,
    para: tuple[int, int],
    min_tokens: int = MIN_TOKENS,
) -> list[tuple[int, int, int, int]]:
    """The pieces of one content of cue ``tok`` as records: (start, end) characters and tokens
    of each piece, kept inside the cue's paragraph, before a speaker the parser hung inside the
    clause, without the punctuation at their ends; none when they hold fewer than
    ``min_tokens`` tokens in all."""
    doc = qd.doc
    lo, hi = para
    subj = qd.subject_of(tok) if tok.lower_ != "according" else None
    pieces = []
    for i, j in span:
        if subj is not None and subj.head.i != tok.i and i <= subj.i <= j:
            # a speaker the parser hung inside the clause ("..., the Highway Patrol said"):
            # the clause ends before the speaker's phrase
            j = min(j, subj.left_edge.i - 1)
        while i < j and doc[i].idx < lo:
            i += 1
        while j > i and doc[j].idx >= hi:
            j -= 1
        i, j = _trim(qd, i, j)
        if j >= i and doc[i].dep_ == "cc":  # "But, Kolbe added, ...": it joins the sentences
            i, j = _trim(qd, i + 1, j) if i < j else (i + 1, j)
        if j >= i and doc[i].idx < hi and not (doc[i].is_punct and i == j):
            pieces.append((i, j))
    if sum(j - i + 1 for i, j in pieces) < min_tokens:
        return []
    out = []
    for i, j in pieces:
        start = doc[i].idx
        end = min(doc[j].idx + len(doc[j]), hi)
        if end > start and not inside_one_quote(qd, i, j):
            out.append((start, end, i, j))
    return out


def find_reported(qd: QuotedDoc) -> list[Reported]:
    """(start, end, cue verb, cue span, paragraph) for every stretch of reported speech."""
    paras = paragraphs(qd.text)
    out: list[Reported] = []
    for tok in qd.cue_candidates():
        cue = qd.cue_at(tok)
        if cue is None or received(tok):
            continue
        span = _according_span(qd, tok) if tok.lower_ == "according" else _clause_span(qd, tok)
        if span is None:
            continue
        para, bounds = _paragraph_of(paras, tok.idx)
        if para < 0:
            continue
        for start, end, _, _ in bounded(qd, tok, span, bounds):
            out.append((start, end, tok, cue, para))
    return out


def _aside_in(qd: QuotedDoc, i: int, j: int) -> tuple[int, int] | None:
    """An attributing aside inside doc[i..j]: "the plan, Kolbe said, would ..." or "..., according
    to Kolbe, ..." with words of the content on both sides."""
    doc = qd.doc
    for t in doc[i + 1 : j]:
        if qd.quoted(t):
            continue
        if t.lower_ == "according" and t.i + 1 < len(doc):
            lo, hi = t.left_edge.i, max(t.right_edge.i, doc[t.i + 1].right_edge.i)
        elif (
            t.dep_ == "parataxis"
            and qd.cue_at(t) is not None
            and any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ not in WRITER_SUBJECTS for c in t.children)
        ):
            lo, hi = t.left_edge.i, t.right_edge.i
        else:
            continue
        if i < lo and hi < j and doc[lo - 1].is_punct and doc[hi + 1].is_punct:
            return lo, hi
    return None


def shape_learned(
    qd: QuotedDoc, tok: Token, i: int, j: int, para: tuple[int, int]
) -> list[tuple[int, int, int, int]]:
    """The bounds the rules give a clause, for the content doc[i..j] a model chose for cue
    ``tok`` in paragraph ``para`` (characters): without what the writer appends to it, in two
    pieces around an attributing aside (the cue's own, "the plan, critics fear, ...", or one
    inside the content), running on to the close of a quotation opened inside it (see
    :func:`bounded` for what is returned)."""
    j = _writer_tail(qd, i, j)
    span: Pieces = [(i, j)]
    if tok.lower_ == "according" or tok.dep_ == "parataxis":
        rule = _according_span(qd, tok) if tok.lower_ == "according" else _clause_span(qd, tok)
        if rule is not None and len(rule) == 2 and any(a <= j and i <= b for a, b in rule):
            span = rule
    aside = _aside_in(qd, i, j) if len(span) == 1 else None
    if aside is not None:
        span = _around(i, j, *aside)
    span = [(a, _to_quote_close(qd, a, b)) for a, b in span]
    return bounded(qd, tok, span, para, min_tokens=1)

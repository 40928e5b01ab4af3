"""The learned stage of reported speech: which words are attribution cues, and which of a
cue's clauses is the content it reports.

Two linear models over parse features, trained by ``scripts/train_quotes.py`` (see
``model/MODEL_CARD.md``) and shipped as plain JSON weights in ``model/reported.json``:

* the **cue model** scores a token as the head of an attribution cue ("said", "according",
  "believes", "criticized", "expected", "poll" ...);
* the **content model** scores each candidate span a cue can report (one of its dependents'
  subtrees, or the rest of the sentence before or after it) and the best one above its
  threshold is the reported content.

Feature extraction lives here, once, so training and run time read a Doc the same way. The
weights are a dict of feature string to float: no pickled objects are ever loaded.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from spacy.parts_of_speech import IDS as POS_IDS
from spacy.tokens import Token

from storyline.nlp.quotes.syntax import QuotedDoc

MODEL_RESOURCE = "nlp/quotes/model/reported.json"
# parts of speech a cue head can have; the rest of the Doc is never scored
CUE_POS = frozenset({"VERB", "NOUN", "ADJ", "AUX", "ADP", "ADV"})
# dependents of a cue that can hold its content
CONTENT_DEPS = frozenset(
    {
        "ccomp",
        "xcomp",
        "dobj",
        "prep",
        "advcl",
        "acl",
        "attr",
        "oprd",
        "pcomp",
        "conj",
        "npadvmod",
        "dative",
        "acomp",
        "relcl",
        "nsubj",
        "nsubjpass",
        "pobj",
        "appos",
    }
)
MAX_SPAN_TOKENS = 200  # a reported clause longer than this is cut by its sentence anyway


@dataclass(frozen=True)
class ContentCandidate:
    """Tokens ``i..j`` (inclusive) that a cue may report; ``how`` names where they come from."""

    i: int
    j: int
    how: str


def _bucket(n: int) -> str:
    for edge in (1, 2, 3, 5, 8, 13, 21, 34):
        if n <= edge:
            return str(edge)
    return "many"


def _word(tok: Token) -> str:
    return tok.lower_ if tok.pos_ in ("PRON", "DET", "ADP", "SCONJ", "AUX", "PART", "CCONJ") else tok.pos_


def cue_pos_ok(tok: Token) -> bool:
    return tok.pos_ in CUE_POS and not tok.is_punct


def cue_features(qd: QuotedDoc, tok: Token) -> list[str]:
    """Features of ``tok`` as a possible cue head."""
    lemma = tok.lemma_.lower()
    head = tok.head
    doc = qd.doc
    feats = [
        "bias",
        f"l={lemma}",
        f"w={tok.lower_}",
        f"p={tok.pos_}",
        f"t={tok.tag_}",
        f"d={tok.dep_}",
        f"l+t={lemma}|{tok.tag_}",
        f"l+d={lemma}|{tok.dep_}",
        f"hl={head.lemma_.lower()}",
        f"hp={head.pos_}|{tok.dep_}",
        f"q={int(qd.quoted(tok))}",
        f"l+q={lemma}|{int(qd.quoted(tok))}",
    ]
    prev = doc[tok.i - 1] if tok.i > 0 else None
    nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    feats.append(f"pw={prev.lower_ if prev is not None else '<s>'}")
    feats.append(f"nw={nxt.lower_ if nxt is not None else '</s>'}")
    feats.append(f"l+nw={lemma}|{nxt.lower_ if nxt is not None else '</s>'}")
    feats.append(f"l+pw={lemma}|{prev.lower_ if prev is not None else '<s>'}")
    for c in tok.children:
        dep = c.dep_
        feats.append(f"c={dep}")
        feats.append(f"l+c={lemma}|{dep}")
        if dep in ("nsubj", "nsubjpass", "poss"):
            kind = c.ent_type_ or (c.lower_ if c.pos_ == "PRON" else c.pos_)
            feats.append(f"subj={dep}|{kind}")
            feats.append(f"l+subj={lemma}|{kind}")
        if dep in ("ccomp", "advcl", "acl", "xcomp"):
            marks = [g.lower_ for g in c.children if g.dep_ in ("mark", "aux") and g.i < c.i]
            feats.append(f"cm={dep}|{marks[0] if marks else '-'}")
            feats.append(f"l+cm={lemma}|{dep}|{marks[0] if marks else '-'}")
            if qd.quoted(c):
                feats.append(f"cq={dep}")
        if dep == "prep":
            feats.append(f"l+prep={lemma}|{c.lower_}")
    return feats


def content_candidates(qd: QuotedDoc, tok: Token) -> list[ContentCandidate]:
    """The spans ``tok`` may report: its dependents' subtrees, and the rest of its sentence."""
    sent = qd.sents[qd.sent_of[tok.i]] if qd.sents else tok.sent
    lo, hi = sent.start, sent.end - 1
    out: list[ContentCandidate] = []
    seen: set[tuple[int, int]] = set()

    def add(i: int, j: int, how: str) -> None:
        i, j = max(i, lo), min(j, hi)
        doc = qd.doc
        while i <= j and (doc[i].is_punct or doc[i].is_space) and doc[i].text not in "“‘\"'":
            i += 1
        while j >= i and (doc[j].is_punct or doc[j].is_space) and doc[j].text not in "”’\"'":
            j -= 1
        if i > j or j - i + 1 > MAX_SPAN_TOKENS or (i, j) in seen or i <= tok.i <= j:
            return
        seen.add((i, j))
        out.append(ContentCandidate(i, j, how))

    for c in tok.children:
        if c.dep_ not in CONTENT_DEPS:
            continue
        add(c.left_edge.i, c.right_edge.i, c.dep_)
        if c.dep_ == "prep":
            for g in c.children:
                if g.dep_ in ("pobj", "pcomp"):
                    add(g.left_edge.i, g.right_edge.i, f"prep-{g.dep_}")
    if tok.lower_ == "according":
        for g in tok.children:
            if g.dep_ == "prep":
                for p in g.children:
                    if p.dep_ == "pobj":
                        add(lo, tok.left_edge.i - 1, "acc-left")
                        add(p.right_edge.i + 1, hi, "acc-right")
    left, right = tok.left_edge.i, tok.right_edge.i
    head = tok.head
    if head.i != tok.i:
        # the clause the cue hangs from: "the talks failed, Kolbe said" (parataxis), "... in
        # the poll" (prep), "the plan, which critics call a trap" (relcl)
        hl, hr = head.left_edge.i, head.right_edge.i
        if hl < left:
            add(hl, left - 1, "head-left")
        if hr > right:
            add(right + 1, hr, "head-right")
    add(lo, left - 1, "sent-left")
    add(right + 1, hi, "sent-right")
    return out


def finite_clause(span: Iterable[Token], i: int, j: int) -> bool:
    """Does doc[i..j] hold a clause of its own: a verb with its subject inside the span?"""
    return any(
        t.dep_ in ("nsubj", "nsubjpass", "expl") and i <= t.head.i <= j and t.head.pos_ in ("VERB", "AUX")
        for t in span
    )


def content_features(
    qd: QuotedDoc, tok: Token, cand: ContentCandidate, rivals: Iterable[str] = ()
) -> list[str]:
    """Features of ``cand`` as the content ``tok`` reports; ``rivals`` are where the cue's other
    candidates come from (a direct object weighs less beside a clausal complement)."""
    doc = qd.doc
    lemma = tok.lemma_.lower()
    first, last = doc[cand.i], doc[cand.j]
    span = doc[cand.i : cand.j + 1]
    heads = [t for t in span if not (cand.i <= t.head.i <= cand.j)]
    top = heads[0] if heads else first
    has_verb = any(t.pos_ in ("VERB", "AUX") for t in span)
    n_quoted = sum(1 for t in span if qd.quoted(t))
    share = n_quoted / len(span)
    side = "before" if cand.j < tok.i else "after"
    finite = int(finite_clause(span, cand.i, cand.j))
    gap = cand.i - tok.i - 1 if side == "after" else tok.i - cand.j - 1
    return [
        *(f"how+rival={cand.how}|{r}" for r in sorted(set(rivals)) if r != cand.how),
        f"fin={finite}",
        f"how+fin={cand.how}|{finite}",
        f"l+fin={lemma}|{finite}",
        f"how+tag={cand.how}|{top.tag_}",
        f"l+side={lemma}|{side}",
        f"gap={_bucket(gap)}",
        f"how+gap={cand.how}|{_bucket(gap)}",
        f"lastw={_word(last)}",
        f"l+top={lemma}|{top.pos_}|{top.dep_}",
        "bias",
        f"how={cand.how}",
        f"l+how={lemma}|{cand.how}",
        f"side={side}",
        f"side+how={side}|{cand.how}",
        f"first={_word(first)}",
        f"how+first={cand.how}|{_word(first)}",
        f"l+first={lemma}|{_word(first)}",
        f"last={last.pos_}",
        f"len={_bucket(len(span))}",
        f"how+len={cand.how}|{_bucket(len(span))}",
        f"top={top.pos_}|{top.dep_}",
        f"how+top={cand.how}|{top.pos_}",
        f"verb={int(has_verb)}",
        f"how+verb={cand.how}|{int(has_verb)}",
        f"quoted={round(share * 4)}",
        f"tok={tok.pos_}|{tok.dep_}",
        f"tok+how={tok.pos_}|{tok.dep_}|{cand.how}",
        f"heads={min(len(heads), 3)}",
    ]


class LinearModel:
    """Logistic regression over sparse binary features: P = sigmoid(sum of their weights)."""

    def __init__(self, weights: dict[str, float], threshold: float) -> None:
        self.weights = weights
        self.threshold = threshold

    def prob(self, feats: Iterable[str]) -> float:
        w = self.weights
        z = sum(w.get(f, 0.0) for f in feats)
        if z < -30:
            return 0.0
        return 1.0 / (1.0 + math.exp(-z))


@dataclass(frozen=True)
class ReportedModel:
    cue: LinearModel
    content: LinearModel
    version: str


@lru_cache(maxsize=1)
def load_model() -> ReportedModel | None:
    """The shipped weights, or None when the package was built without them."""
    path = resources.files("storyline").joinpath(MODEL_RESOURCE)
    if not path.is_file():
        return None
    raw = json.loads(path.read_text("utf-8"))
    return ReportedModel(
        cue=LinearModel(raw["cue"]["weights"], float(raw["cue"]["threshold"])),
        content=LinearModel(raw["content"]["weights"], float(raw["content"]["threshold"])),
        version=str(raw.get("version", "")),
    )


@dataclass(frozen=True)
class LearnedReport:
    """One reported stretch the models found: content tokens ``i..j`` and the cue token."""

    i: int
    j: int
    how: str
    cue: Token
    cue_prob: float
    content_prob: float


def find_learned(qd: QuotedDoc, model: ReportedModel) -> Iterator[LearnedReport]:
    """Every cue the cue model accepts, with the best content candidate the content model
    accepts."""
    doc = qd.doc
    pos = doc.to_array("POS").tolist() if len(doc) else []
    wanted = {POS_IDS[p] for p in CUE_POS}
    for k, p in enumerate(pos):
        if p not in wanted:
            continue
        tok = doc[k]
        if tok.is_punct:
            continue
        pc = model.cue.prob(cue_features(qd, tok))
        if pc < model.cue.threshold:
            continue
        best: tuple[float, ContentCandidate] | None = None
        cands = content_candidates(qd, tok)
        hows = [c.how for c in cands]
        for cand in cands:
            pk = model.content.prob(content_features(qd, tok, cand, hows))
            if best is None or pk > best[0]:
                best = (pk, cand)
        if best is not None and best[0] >= model.content.threshold:
            yield LearnedReport(best[1].i, best[1].j, best[1].how, tok, pc, best[0])

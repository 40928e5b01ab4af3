"""The state one run of the quote finder shares between its stages.

A :class:`QuoteRun` holds the parsed Doc with its quoted stretches, the candidates found so far
(each with its :class:`Attribution` or the candidate it inherits one from), the bookkeeping the
later stages read (the first attributed candidate of each sentence, the last quote of each
paragraph), the speaker resolver and the thresholds (:class:`QuotesSettings`). The stages are
functions of a run (:mod:`.stages`, :mod:`.attribution`); this module has what several of them
need.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc, Token

from storyline.nlp.actors.index import ActorIndex
from storyline.nlp.quotes.learned import ReportedModel
from storyline.nlp.quotes.marks import QuoteSpan, find_quote_spans, paragraphs
from storyline.nlp.quotes.speakers import Resolved, SpeakerResolver
from storyline.nlp.quotes.syntax import RELATIVE_PRONOUNS, QuotedDoc
from storyline.settings import QuotesSettings

NOT_SPEAKERS = frozenset({"this", "that", "what", "which", "there", "here", "nothing", "everything"})
# a paragraph that opens with a label in capitals and a colon: "KOLBE: ..." (a transcript's turn)
LABEL_LINE = re.compile(r"^\W{0,2}([A-Z][A-Z'’.-]+(?: [A-Z][A-Z'’.-]+)*):[ \t\u00a0]", re.MULTILINE)
MAX_CHAIN = 50  # inheritance links followed at most (a guard, the chains are short)
MAX_CONJUNCTS = 4  # coordinated verbs climbed to the relative clause they continue


@dataclass
class Attribution:
    """Who a quote is attributed to, as the text says it: mention head and cue spans."""

    head: Token | None
    mention: tuple[int, int] | None
    cue: tuple[int, int] | None
    sent: int
    resolved: Resolved | None = None
    glued: bool = False  # the mention is a bare name: resolve it by its text, not its parse
    written: tuple[int, int] | None = None  # the mention as written when it is a relative pronoun


@dataclass
class Candidate:
    """A quote or reported clause found so far (character offsets into the text)."""

    start: int
    end: int
    kind: str
    paragraph: int
    attribution: Attribution | None = None
    inherit: Candidate | None = None


def attributed(c: Candidate) -> Candidate | None:
    """The candidate whose attribution ``c`` ends up with (itself, or one it inherits from)."""
    seen = 0
    while c.attribution is None and c.inherit is not None and seen < MAX_CHAIN:
        c = c.inherit
        seen += 1
    return c if c.attribution is not None else None


@dataclass
class QuoteRun:
    """One run over one Doc. Build it with :meth:`start`; the stages fill ``candidates``."""

    doc: Doc
    qd: QuotedDoc
    resolver: SpeakerResolver
    settings: QuotesSettings
    model: ReportedModel | None = None
    text: str = ""
    paras: list[tuple[int, int]] = field(default_factory=list)
    candidates: list[Candidate] = field(default_factory=list)
    by_sentence: dict[int, Candidate] = field(default_factory=dict)  # first attributed, per sentence
    last_in_para: dict[int, Candidate] = field(default_factory=dict)  # last quote kept, per paragraph
    built: list[tuple[Candidate, QuoteSpan]] = field(default_factory=list)  # quotes kept, in order
    continued: set[tuple[int, int]] = field(default_factory=set)  # sentences added as continuations
    low: str = ""
    recurs: dict[str, bool] = field(default_factory=dict)  # phrase -> found outside quotation marks
    span_index: dict[int, int] = field(default_factory=dict)
    _named_words: frozenset[str] | None = None
    _labels: dict[str, int] | None = None

    @classmethod
    def start(
        cls,
        doc: Doc,
        actors: ActorIndex | None = None,
        model: ReportedModel | None = None,
        settings: QuotesSettings | None = None,
        max_chars: int = 200_000,
    ) -> QuoteRun:
        text = doc.text
        spans = find_quote_spans(text) if len(text) <= max_chars else []
        qd = QuotedDoc(doc, spans, text)
        cfg = settings or QuotesSettings()
        run = cls(doc, qd, SpeakerResolver(qd, actors, cfg), cfg, model, text, paragraphs(text))
        run.low = text.lower()
        run.span_index = {id(q): k for k, q in enumerate(qd.spans)}
        return run

    # ---- helpers the stages share -------------------------------------------------------------

    def para_bounds(self, para: int) -> tuple[int, int]:
        return self.paras[para] if 0 <= para < len(self.paras) else (0, len(self.text))

    def words(self, q: QuoteSpan) -> list[str]:
        return re.findall(r"\w+", self.text[q.start : q.end])

    def named_words(self) -> frozenset[str]:
        """The words of proper names the reporter writes outside quotation marks."""
        if self._named_words is None:
            self._named_words = frozenset(
                t.text for t in self.doc if t.pos_ == "PROPN" and t.is_alpha and not self.qd.quoted(t)
            )
        return self._named_words

    def labels(self) -> dict[str, int]:
        """How many paragraphs each label in capitals opens ("KOLBE: ..."), a transcript's turns."""
        if self._labels is None:
            self._labels = {}
            for m in LABEL_LINE.finditer(self.text):
                self._labels[m.group(1)] = self._labels.get(m.group(1), 0) + 1
        return self._labels

    def attr_for(self, verb: Token, cue: tuple[int, int]) -> Attribution:
        """The attribution a cue verb gives: its subject when that can be a speaker."""
        subj = self.qd.subject_of(verb)
        if subj is not None and not (self.qd.speaker_like(subj) or self._plain_speaker(subj)):
            subj = None
        mention = self.qd.mention_bounds(subj) if subj is not None else None
        sent = self.qd.sent_of[subj.i] if subj is not None else self.qd.sent_of[verb.i]
        return Attribution(subj, mention, cue, sent, written=self.relative_pronoun(verb, subj))

    def _plain_speaker(self, subj: Token) -> bool:
        """A common noun outside the vocabulary can speak too ("the 43-year-old asked", "a local
        user tweeted"): any unquoted noun subject of a cue, but not a demonstrative or a
        question word."""
        return subj.pos_ in ("NOUN", "PROPN") and not self.qd.quoted(subj) and subj.lower_ not in NOT_SPEAKERS

    def relative_pronoun(self, verb: Token, subj: Token | None) -> tuple[int, int] | None:
        """ "Kolbe, who said ...", "Kolbe, who left and said ...": the mention as written is
        "who" (it resolves to Kolbe)."""
        clause = verb
        for _ in range(MAX_CONJUNCTS):
            if clause.dep_ != "conj" or clause.head.i == clause.i:
                break
            clause = clause.head
        if subj is None or clause.dep_ != "relcl" or clause.head.i != subj.i:
            return None
        rel = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if rel is None or rel.lower_ not in RELATIVE_PRONOUNS:
            return None
        return (rel.idx, rel.idx + len(rel))

    def glued_attribution(self, t: Token) -> Attribution | None:
        """A name and its cue glued together by a bad scrape: "Mayor Ann Roesaid ..."."""
        glued = self.qd.glued_cue(t)
        if glued is None:
            return None
        j = t.i
        while j > 0 and self.doc[j - 1].pos_ == "PROPN" and not self.qd.quoted(self.doc[j - 1]):
            j -= 1
        return Attribution(t, (self.doc[j].idx, glued[0]), glued, self.qd.sent_of[t.i], glued=True)

    def keep(self, c: Candidate, q: QuoteSpan) -> None:
        """Keep the quote ``c`` found for the quoted stretch ``q`` (in document order)."""
        self.candidates.append(c)
        self.built.append((c, q))
        self.last_in_para[q.paragraph] = c
        if c.attribution is not None and c.attribution.head is not None:
            self.by_sentence.setdefault(c.attribution.sent, c)

    # ---- the result ---------------------------------------------------------------------------

    def records(self) -> list[dict[str, Any]]:
        """The candidates as plain dicts for ``doc._.sl_quotes``, in text order."""
        return [_record(self.qd, c) for c in sorted(self.candidates, key=lambda c: (c.start, c.end))]


def _record(qd: QuotedDoc, c: Candidate) -> dict[str, Any]:
    src = c
    seen = 0
    while src.attribution is None and src.inherit is not None and seen < MAX_CHAIN:
        src = src.inherit
        seen += 1
    a = src.attribution
    rec: dict[str, Any] = {
        "start": c.start,
        "end": c.end,
        "kind": c.kind,
        "paragraph": c.paragraph,
        "speaker": None,
        "speaker_id": None,
        "speaker_start": None,
        "speaker_end": None,
        "referent_start": None,  # the words the speaker was resolved from (see records.py)
        "referent_end": None,
        "cue_start": None,
        "cue_end": None,
    }
    if a is None:
        return rec
    if a.cue is not None:
        rec["cue_start"], rec["cue_end"] = a.cue
    if a.written is not None:  # a relative pronoun ("who") is the mention as written
        rec["speaker_start"], rec["speaker_end"] = a.written
    elif a.mention is not None:
        rec["speaker_start"], rec["speaker_end"] = (
            a.mention if a.glued or a.head is None else qd.with_group(a.head, a.mention)
        )
    if a.mention is not None:  # what the speaker was resolved from: for "who", its antecedent
        rec["referent_start"], rec["referent_end"] = a.mention
    if a.resolved is not None:
        rec["speaker"] = a.resolved.name
        rec["speaker_id"] = a.resolved.actor_id
    return rec

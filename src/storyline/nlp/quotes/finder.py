"""Find quotations and reported speech in a parsed Doc, with their cues and speakers.

The stages, in order:

1. pair quotation marks (:mod:`.marks`) into quoted stretches, paragraph by paragraph;
2. classify each stretch: ``direct`` (whole sentences, opened at a sentence start or after a
   colon), ``partial`` (a fragment inside the reporter's sentence), ``mixed`` (a fragment that
   runs on into whole sentences); drop names, titles and scare quotes;
3. attribute: for direct quotes the reporter's text just before and after the marks ("he said",
   "X said:"), for fragments the speech verb that governs them in the parse; otherwise inherit
   from the quote or reported sentence it continues (split quotes, multi-paragraph quotes);
4. reported speech without marks (``indirect``): a speech verb's clausal complement, or the
   clause an "according to X" modifies (:mod:`.reported`);
5. resolve every speaker mention in document order (:mod:`.speakers`), so that pronouns and
   descriptions see the context before them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc, Token

from storyline.nlp.actors.index import ActorIndex
from storyline.nlp.quotes.learned import ReportedModel, find_learned
from storyline.nlp.quotes.marks import QuoteSpan, find_quote_spans, paragraphs
from storyline.nlp.quotes.reported import find_reported, inside_one_quote, received
from storyline.nlp.quotes.speakers import Resolved, SpeakerResolver
from storyline.nlp.quotes.syntax import SENTENCE_END, QuotedDoc, cue_forms
from storyline.nlp.vocabulary import vocabulary

SUBJECT_CONTENT = frozenset({"nsubj", "nsubjpass"})
NOT_SPEAKERS = frozenset({"this", "that", "what", "which", "there", "here", "nothing", "everything"})
RELATIVE_PRONOUNS = frozenset({"who", "that", "which"})
REPORTER_VOICE = frozenset({"i", "we", "you", "me", "us"})
ANAPHORIC_OPENINGS = frozenset({"this", "that", "these", "those", "it", "they", "such", "he", "she"})
_CAPITAL_WORD = re.compile(r"\b[A-Z][a-z]+[a-z]{3,}\b")
DASHES = frozenset({"-", "–", "—", "--"})
POSSESSIVE_DETS = frozenset({"the", "his", "her", "its", "their", "our", "my", "your", "this", "that"})
_SENTENCE_INSIDE = re.compile(r"[.!?…][”’\"']?\s+[“‘\"']?[A-Z]")
_PULL_QUOTE = re.compile(
    r"^(?P<q>\S.*\S)\s+[-–—]{1,2}\s*(?P<name>[A-Z][\w’'.-]+(?:\s+[A-Z][\w’'.-]+){0,3})\s*$"
)


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
    start: int
    end: int
    kind: str
    paragraph: int
    attribution: Attribution | None = None
    inherit: Candidate | None = None


def _attributed(c: Candidate) -> Candidate | None:
    """The candidate whose attribution ``c`` ends up with (itself, or one it inherits from)."""
    seen = 0
    while c.attribution is None and c.inherit is not None and seen < 50:
        c = c.inherit
        seen += 1
    return c if c.attribution is not None else None


class QuoteFinder:
    """One run over one Doc; :meth:`run` returns plain dicts for ``doc._.sl_quotes``."""

    def __init__(
        self,
        doc: Doc,
        actors: ActorIndex | None = None,
        max_chars: int = 200_000,
        model: ReportedModel | None = None,
        mixed_span: str = "fragment",
    ) -> None:
        self.doc = doc
        self.model = model
        self.mixed_span = mixed_span
        self.text = doc.text
        self.paras = paragraphs(self.text)
        spans = find_quote_spans(self.text) if len(self.text) <= max_chars else []
        self.qd = QuotedDoc(doc, spans, self.text)
        self.resolver = SpeakerResolver(self.qd, actors)
        self._low = self.text.lower()
        self._recurs: dict[str, bool] = {}  # phrase -> found outside quotation marks
        self._span_index = {id(q): k for k, q in enumerate(self.qd.spans)}

    # ---- helpers -------------------------------------------------------------------------------

    def _para_bounds(self, para: int) -> tuple[int, int]:
        return self.paras[para] if 0 <= para < len(self.paras) else (0, len(self.text))

    def _words(self, q: QuoteSpan) -> list[str]:
        return re.findall(r"\w+", self.text[q.start : q.end])

    def _attr_for(self, verb: Token, cue: tuple[int, int]) -> Attribution:
        subj = self.qd.subject_of(verb)
        if subj is not None and not (self.qd.speaker_like(subj) or self._plain_speaker(subj)):
            subj = None
        mention = self.qd.mention_bounds(subj) if subj is not None else None
        sent = self.qd.sent_of[subj.i] if subj is not None else self.qd.sent_of[verb.i]
        return Attribution(subj, mention, cue, sent, written=self._relative_pronoun(verb, subj))

    def _plain_speaker(self, subj: Token) -> bool:
        """A common noun outside the lexicon can speak too ("the 43-year-old asked", "a local
        user tweeted"): any unquoted noun subject of a cue, but not a demonstrative or a
        question word."""
        return subj.pos_ in ("NOUN", "PROPN") and not self.qd.quoted(subj) and subj.lower_ not in NOT_SPEAKERS

    def _relative_pronoun(self, verb: Token, subj: Token | None) -> tuple[int, int] | None:
        """ "Kolbe, who said ...": the mention as written is "who" (it resolves to Kolbe)."""
        if subj is None or verb.dep_ != "relcl" or verb.head.i != subj.i:
            return None
        rel = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if rel is None or rel.lower_ not in RELATIVE_PRONOUNS:
            return None
        return (rel.idx, rel.idx + len(rel))

    # ---- classification ------------------------------------------------------------------------

    def _opens_sentence(self, q: QuoteSpan) -> bool:
        lo, _ = self._para_bounds(q.paragraph)
        before = self.text[lo : q.open_pos].rstrip()
        if not before:
            return True
        last = before[-1]
        if last in ":.!?…–—-”’\"'»" or before.endswith("--"):
            return True
        if last == ",":
            tok = self.doc[self.qd.token_at(len(before) - 1)]
            prev = self.doc[tok.i - 1] if tok.i > 0 else tok
            return self.qd.cue_at(prev) is not None
        return False

    def _classify(self, q: QuoteSpan) -> str:
        content = self.text[q.start : q.end]
        first = next((c for c in content if c.isalnum()), "")
        if self._opens_sentence(q) and (first.isupper() or first.isdigit()):
            return "direct"
        if self._resumes_after_attribution(q):
            return "direct"
        if len(self._words(q)) >= 8 and _SENTENCE_INSIDE.search(content):
            return "mixed"
        return "partial"

    def _resumes_after_attribution(self, q: QuoteSpan) -> bool:
        """“We are,” he said, “not going anywhere.”: the second part goes on the first's sentence."""
        last = self._last_closed_before(q)
        if last is None or self.text[last[1] - 1] != ",":
            return False
        between = list(self.doc[self.qd.token_at(last[0]) + 1 : self.qd.token_at(q.open_pos)])
        return 0 < len(between) <= 8 and between[-1].text == "," and any(self.qd.cue_at(t) for t in between)

    def _last_closed_before(self, q: QuoteSpan) -> tuple[int, int] | None:
        """(close_pos, end) of the last span in ``q``'s paragraph closed before ``q`` opens.

        Spans later in the list start after ``q`` and so close after it opens: the search runs
        back from ``q``, which stops at once in the usual case (scanning every span for every
        quote cost quadratic time on a text of many fragments).
        """
        spans = self.qd.spans
        k = self._span_index.get(id(q))
        if k is None:
            k = len(spans)
        for j in range(k - 1, -1, -1):
            p = spans[j]
            if p.paragraph < q.paragraph:
                break
            if p.paragraph == q.paragraph and p.close_pos is not None and p.close_pos < q.open_pos:
                return p.close_pos, p.end
        return None

    def _is_label(self, q: QuoteSpan) -> bool:
        """Names, titles and scare quotes: quotation marks that do not report speech."""
        lex = vocabulary()
        words = self._words(q)
        if not words:
            return True
        i0 = self.qd.token_at(q.open_pos)
        prev = [t for t in self.doc[max(0, i0 - 3) : i0] if not t.is_punct]
        if any(t.lower_ in lex.label_markers for t in prev[-2:]):
            return True
        lead = self.text[max(0, q.open_pos - 24) : q.open_pos].lower().split()
        if lead and lead[-1] in lex.label_markers:
            return True  # "so-called", which the tokenizer splits
        long_words = [w for w in words if len(w) > 3 and w.isalpha()]
        title_case = len(words) >= 2 and long_words and all(w[0].isupper() for w in long_words)
        if title_case and not self._opens_sentence(q):
            return True
        toks = [t for t in self.doc[i0 : self.qd.token_at(q.end - 1) + 1] if q.start <= t.idx < q.end]
        heads = [t for t in toks if not (q.start <= t.head.idx < q.end)]
        head = heads[0] if heads else None
        if head is not None and len(words) >= 2:
            if head.dep_ == "compound" and head.head.idx >= q.end:
                return True  # the quoted phrase names the thing after it: the "X" plan
            if head.lemma_.lower() in lex.name_heads:
                det = prev[-1] if prev else None
                if det is not None and (det.lower_ in POSSESSIVE_DETS or det.tag_ == "POS"):
                    return True
                if " of the " in self.text[q.start : q.end].lower():
                    return True
        return bool(len(words) >= 2 and self._recurs_unquoted(q))

    def _recurs_unquoted(self, q: QuoteSpan) -> bool:
        phrase = self.text[q.start : q.end].strip(" ,.;:!?").lower()
        if len(phrase) < 6:
            return False
        if phrase not in self._recurs:  # the answer depends on the phrase only
            self._recurs[phrase] = self._found_unquoted(phrase)
        return self._recurs[phrase]

    def _found_unquoted(self, phrase: str) -> bool:
        low = self._low
        pos = low.find(phrase)
        while pos != -1:
            tok = self.doc[self.qd.token_at(pos)]
            if not self.qd.quoted(tok):
                return True
            pos = low.find(phrase, pos + 1)
        return False

    # ---- attribution of direct quotes --------------------------------------------------------

    def _zone(self, q: QuoteSpan, after: bool) -> list[Token]:
        lo, hi = self._para_bounds(q.paragraph)
        toks: list[Token] = []
        if after:
            if q.close_pos is None:
                return toks
            i = self.qd.token_at(q.close_pos) + 1
            while i < len(self.doc) and self.doc[i].idx < hi:
                t = self.doc[i]
                if self.qd.quoted(t):
                    break
                toks.append(t)
                if t.text in SENTENCE_END:
                    break
                i += 1
            return toks
        i = self.qd.token_at(q.open_pos) - 1
        while i >= 0 and self.doc[i].idx >= lo:
            t = self.doc[i]
            if self.qd.quoted(t) or t.text in SENTENCE_END:
                break
            toks.append(t)
            i -= 1
        toks.reverse()
        return toks

    def _glued_before(self, q: QuoteSpan) -> Attribution | None:
        """A cue glued to the opening mark (said:“...) with no space between: the cue sits in the same token as the opening mark."""
        tok = self.doc[self.qd.token_at(q.open_pos)]
        prefix = self.text[tok.idx : q.open_pos]
        word = prefix.rstrip(" :,;-–—")
        if not word or word.lower() not in cue_forms():
            return None
        cue = (tok.idx, tok.idx + len(word))
        j = tok.i - 1
        if j < 0 or self.doc[j].pos_ not in ("PROPN", "PRON", "NOUN") or self.qd.quoted(self.doc[j]):
            return Attribution(None, None, cue, self.qd.sent_of[tok.i])
        head = self.doc[j]
        return Attribution(head, self.qd.mention_bounds(head), cue, self.qd.sent_of[head.i])

    def _zone_attribution(self, q: QuoteSpan) -> Attribution | None:
        glued = self._glued_before(q)
        if glued is not None:
            return glued
        after = self._zone(q, after=True)
        before = self._zone(q, after=False)
        # A quote that ends its own sentence ("... harbour.”) and is introduced by a cue or a
        # colon belongs to that introduction, not to a cue in the next sentence ("Critics
        # disagreed."), so the introduction is tried first.
        if before and self.text[q.start : q.end].rstrip().endswith((".", "!", "?")):
            for t in reversed(before):
                cue = self.qd.cue_at(t)
                if cue is not None:
                    return self._attr_for(t, cue)
        # After a full stop inside the marks, a capitalised word opens a new sentence: its cue
        # ("Critics disagreed.") is someone else's reaction, not this quote's attribution.
        if after and self.text[q.start : q.end].rstrip().endswith(".") and after[0].text[:1].isupper():
            after = []
        # a cue in a relative clause ("X, who asked not to be named, told ...") comes last
        near_after = sorted(after[:12], key=lambda t: (t.dep_ in ("relcl", "acl"), t.i))
        for t in near_after:
            cue = self.qd.cue_at(t)
            if cue is not None and (t.i - after[0].i < 8 or t.dep_ not in ("relcl", "acl")):
                return self._attr_for(t, cue)
        for t in reversed(before):
            cue = self.qd.cue_at(t)
            if cue is not None:
                return self._attr_for(t, cue)
        # colon after a clause: "Kolbe put it bluntly: “...”"
        if before and before[-1].text == ":":
            for t in reversed(before):
                if t.pos_ in ("VERB", "AUX"):
                    subj = self.qd.subject_of(t)
                    if subj is not None and self.qd.speaker_like(subj) and subj.idx >= before[0].idx:
                        return Attribution(
                            subj,
                            self.qd.mention_bounds(subj),
                            (t.idx, t.idx + len(t)),
                            self.qd.sent_of[subj.i],
                        )
        # colon attribution without a verb: "Kolbe: “...”"
        words = [t for t in before if not t.is_punct]
        if before and before[-1].text == ":" and 0 < len(words) <= 6:
            names = [t for t in words if t.pos_ == "PROPN" or t.ent_type_ or t.text[:1].isupper()]
            if names:
                head = names[-1]
                return Attribution(
                    head, self.qd.mention_bounds(head), None, self.qd.sent_of[head.i], glued=True
                )
        # dash attribution after a pull quote: "“...” – Anna Kolbe"
        if after and after[0].text in DASHES:
            names = [t for t in after[1:7] if t.pos_ == "PROPN"]
            if names and len(after) <= 8:
                head = names[-1]
                s0 = after[1].idx
                return Attribution(
                    head, (s0, head.idx + len(head)), None, self.qd.sent_of[head.i], glued=True
                )
        for t in after[8:]:
            cue = self.qd.cue_at(t)
            if cue is not None:
                return self._attr_for(t, cue)
        return None

    # ---- attribution of fragments -------------------------------------------------------------

    def _sentence_tokens(self, q: QuoteSpan) -> list[Token]:
        lo, hi = self._para_bounds(q.paragraph)
        first = self.qd.sent_of[self.qd.token_at(q.start)]
        last = self.qd.sent_of[self.qd.token_at(max(q.start, q.end - 1))]
        toks: list[Token] = []
        for n in range(first, last + 1):
            toks.extend(t for t in self.qd.sents[n] if lo <= t.idx < hi)
        return toks

    def _fragment_attribution(self, q: QuoteSpan, n_words: int) -> Attribution | None:
        i0 = self.qd.token_at(q.start)
        i1 = self.qd.token_at(max(q.start, q.end - 1))
        inside = range(i0, i1 + 1)
        heads = [t.head for t in self.doc[i0 : i1 + 1] if t.head.i not in inside]
        for h in heads[:2]:
            for _ in range(10):
                cue = self.qd.cue_at(h)
                if cue is not None and (n_words >= 2 or not self.qd.is_weak(h)):
                    attr = self._attr_for(h, cue)
                    if attr.head is not None:
                        return attr
                if h.head.i == h.i:
                    break
                h = h.head
        sent = self._sentence_tokens(q)
        cues = [(t, c) for t in sent if (c := self.qd.cue_at(t)) is not None]
        # a one-word quotation needs a speech verb that governs it; a cue elsewhere in the
        # sentence does not make a label into speech
        cues = [(t, c) for t, c in cues if n_words >= 2]
        before = [tc for tc in cues if tc[0].idx < q.start]
        after = [tc for tc in cues if tc[0].idx >= q.end]
        for t, c in [*reversed(before), *after]:
            attr = self._attr_for(t, c)
            if attr.head is not None:
                return attr
        for t in sent:
            glued_attr = self._glued_attribution(t)
            if glued_attr is not None:
                return glued_attr
        return None

    def _glued_attribution(self, t: Token) -> Attribution | None:
        """A name and its cue glued together by a bad scrape: "Mayor Ann Roesaid ..."."""
        glued = self.qd.glued_cue(t)
        if glued is None:
            return None
        j = t.i
        while j > 0 and self.doc[j - 1].pos_ == "PROPN" and not self.qd.quoted(self.doc[j - 1]):
            j -= 1
        return Attribution(t, (self.doc[j].idx, glued[0]), glued, self.qd.sent_of[t.i], glued=True)

    def _glued_reported(self) -> list[Candidate]:
        """Reported speech after a glued cue: the rest of its sentence ("Roeinsisted the dam
        was safe")."""
        out = []
        forms = cue_forms()
        for m in _CAPITAL_WORD.finditer(self.text):
            word = m.group(0)
            if not any(word[k - 1].islower() and word[k:] in forms for k in range(2, len(word) - 3)):
                continue
            t = self.doc[self.qd.token_at(m.start())]
            attr = self._glued_attribution(t)
            sent = self.qd.sents[self.qd.sent_of[t.i]] if self.qd.sents else None
            if attr is None or sent is None or any(self.qd.cue_at(x) for x in sent):
                continue
            rest = [x for x in sent if x.i > t.i]
            while rest and (rest[-1].is_punct or rest[-1].is_space):
                rest.pop()
            if len(rest) >= 3 and not self.qd.quoted(rest[0]):
                out.append(
                    Candidate(rest[0].idx, rest[-1].idx + len(rest[-1]), "indirect", self.qd.para_of(t), attr)
                )
        return out

    # ---- learned reported speech -------------------------------------------------------------

    def _learned_attr(self, tok: Token) -> Attribution:
        """The speaker of a cue the model found, as written: its subject (a relative pronoun
        stays the mention, its antecedent is what it resolves to), the agent of a passive, the
        owner of a nominal cue ("the senator's claim")."""
        cue = (tok.idx, tok.idx + len(tok))
        sent = self.qd.sent_of[tok.i]
        for c in tok.children:
            if (
                c.dep_ in ("nsubj", "nsubjpass")
                and c.lower_ in ("who", "that", "which")
                and tok.dep_ == "relcl"
            ):
                ante = tok.head
                if self.qd.quoted(ante):
                    break
                return Attribution(
                    ante, self.qd.mention_bounds(ante), cue, sent, written=(c.idx, c.idx + len(c))
                )
            if c.dep_ == "poss" and tok.pos_ == "NOUN" and not self.qd.quoted(c):
                return Attribution(c, self.qd.mention_bounds(c), cue, sent)
        subj = self.qd.subject_of(tok)
        if subj is None or (self.qd.quoted(subj) and not self.qd.quoted(tok)):
            return Attribution(None, None, cue, sent)
        return Attribution(subj, self.qd.mention_bounds(subj), cue, sent)

    def _learned_reported(self, rules: list[Candidate]) -> list[Candidate]:
        """Reported speech the cue and content models find that no rule found."""
        if self.model is None:
            return []
        taken = [(c.start, c.end) for c in rules]
        out = []
        for r in find_learned(self.qd, self.model):
            # the content is the quotation's (a direct quote), the cue's own subject ("the mayor
            # was accused"), or a question put to the subject ("asked whether ...")
            if inside_one_quote(self.qd, r.i, r.j) or r.how in SUBJECT_CONTENT or received(r.cue):
                continue
            start, end = self.doc[r.i].idx, self.doc[r.j].idx + len(self.doc[r.j])
            if any(min(end, e) - max(start, s) > 0.5 * min(end - start, e - s) for s, e in taken):
                continue
            attr = self._learned_attr(r.cue)
            if attr.head is not None and attr.head.lower_ in REPORTER_VOICE and not self.qd.quoted(r.cue):
                continue  # "the plan, I think, ...": the writer's own voice
            taken.append((start, end))
            out.append(Candidate(start, end, "indirect", self.qd.para_of(r.cue), attr))
        return out

    def _merge_mixed(self, cands: list[Candidate]) -> list[Candidate]:
        """A reported clause that holds a quoted fragment is one mixed quote (PolNeAR's
        convention, ``mixed_span="clause"``): the clause takes the fragment's place, with the
        clause's speaker. By default (``"fragment"``) the quoted words stay a partial quote and the
        clause around them stays reported speech."""
        if self.mixed_span != "clause":
            return cands
        fragments = [c for c in cands if c.kind in ("partial", "mixed")]
        drop: set[int] = set()
        for c in cands:
            if c.kind != "indirect":
                continue
            inside = [f for f in fragments if c.start <= f.start and f.end <= c.end and id(f) not in drop]
            if not inside:
                continue
            c.kind = "mixed"
            if c.attribution is None or c.attribution.head is None:
                c.attribution, c.inherit = inside[0].attribution, inside[0].inherit
            drop.update(id(f) for f in inside)
        return [c for c in cands if id(c) not in drop]

    # ---- the run -----------------------------------------------------------------------------

    def run(self) -> list[dict[str, Any]]:
        reported = find_reported(self.qd)
        by_sentence: dict[int, Candidate] = {}
        cands: list[Candidate] = []
        for start, end, verb, cue, para in reported:
            attr = self._attr_for(verb, cue)
            if attr.head is None:
                continue
            c = Candidate(start, end, "indirect", para, attr)
            cands.append(c)
            by_sentence.setdefault(self.qd.sent_of[verb.i], c)
        for c in self._glued_reported():
            cands.append(c)
            if c.attribution is not None:
                by_sentence.setdefault(c.attribution.sent, c)
        cands.extend(self._learned_reported(cands))
        last_in_para: dict[int, Candidate] = {}
        continued: set[tuple[int, int]] = set()
        built: list[tuple[Candidate, QuoteSpan]] = []
        for q in self.qd.spans:
            kind = self._classify(q)
            n_words = len(self._words(q))
            c = Candidate(q.start, q.end, kind, q.paragraph)
            if kind == "direct":
                c.attribution = self._zone_attribution(q)
                if c.attribution is None:
                    c.inherit = self._inherit_direct(q, last_in_para)
                    if c.inherit is None and n_words <= 6 and self._is_label(q):
                        continue
            else:
                if self._is_label(q):
                    continue
                c.attribution = self._fragment_attribution(q, n_words)
                if c.attribution is None and kind == "mixed":
                    c.attribution = self._zone_attribution(q)
                if c.attribution is None:
                    sent = self.qd.sent_of[self.qd.token_at(q.start)]
                    # "X said ... . This includes a “fragment” ...": the sentence goes on with
                    # the reported speech before it (an anaphoric opening says so)
                    first = next((t for t in self.qd.sents[sent] if not t.is_punct and not t.is_space), None)
                    src = by_sentence.get(sent - 1)
                    if (
                        src is None
                        or n_words < 2
                        or src.paragraph < q.paragraph - 1
                        or first is None
                        or first.lower_ not in ANAPHORIC_OPENINGS
                    ):
                        continue
                    c.inherit = src
                    words = [t for t in self.qd.sents[sent] if not (t.is_punct or t.is_space)]
                    span = (words[0].idx, words[-1].idx + len(words[-1]))
                    if span not in continued:
                        continued.add(span)
                        cands.append(Candidate(*span, "indirect", q.paragraph, inherit=src))
            cands.append(c)
            built.append((c, q))
            last_in_para[q.paragraph] = c
            if c.attribution is not None and c.attribution.head is not None:
                by_sentence.setdefault(c.attribution.sent, c)
        self._inherit_forward(built)
        cands.extend(self._nested_quotes())
        cands.extend(self._pull_quotes(cands))
        cands = self._merge_mixed(cands)
        self._resolve(cands)
        return [self._record(c) for c in sorted(cands, key=lambda c: (c.start, c.end))]

    def _inherit_direct(self, q: QuoteSpan, last_in_para: dict[int, Candidate]) -> Candidate | None:
        same = last_in_para.get(q.paragraph)
        if same is not None and same.kind != "indirect":
            return same
        lo, _ = self._para_bounds(q.paragraph)
        if self.text[lo : q.open_pos].strip():
            return None
        prev = last_in_para.get(q.paragraph - 1)
        if prev is None or prev.kind not in ("direct", "mixed"):
            return None
        return prev

    def _inherit_forward(self, built: list[tuple[Candidate, QuoteSpan]]) -> None:
        """A paragraph whose quote is left open (news style for a quotation that runs over
        several paragraphs) takes its speaker from the quote that opens the next paragraph,
        when nothing before it gave one: "“... paragraph one. / “... two,” she said."""
        opener: dict[int, Candidate] = {}
        for c, q in built:
            lo, _ = self._para_bounds(q.paragraph)
            if c.kind in ("direct", "mixed") and not self.text[lo : q.open_pos].strip():
                opener.setdefault(q.paragraph, c)
        for c, q in reversed(built):
            if q.close_pos is not None or _attributed(c) is not None:
                continue
            nxt = opener.get(q.paragraph + 1)
            src = _attributed(nxt) if nxt is not None and nxt is not c else None
            if src is not None:
                c.inherit = src

    def _nested_quotes(self) -> list[Candidate]:
        """A quote inside a quote is speech only when the outer speaker attributes it with a
        speech verb that governs it ("they call this a ‘pause’"); otherwise it is a scare quote
        or a title inside the outer words."""
        out = []
        for q in self.qd.nested:
            if len(self._words(q)) < 2 or self._is_label(q):
                continue
            i0 = self.qd.token_at(q.start)
            i1 = self.qd.token_at(max(q.start, q.end - 1))
            outer = self.qd.quote_of[i0]
            heads = [t for t in self.doc[i0 : i1 + 1] if not (i0 <= t.head.i <= i1)]
            if not heads or outer == -1:
                continue
            h, via = heads[0], heads[0]
            for _ in range(6):
                if h.head.i == h.i or self.qd.quote_of[h.head.i] != outer:
                    break
                via, h = h, h.head
                if self._inner_cue(h) and via.dep_ not in ("nsubj", "nsubjpass"):
                    subj = next((c for c in h.children if c.dep_ in ("nsubj", "nsubjpass")), None)
                    if subj is None or subj.lower_ in ("i", "we", "you"):
                        break
                    attr = Attribution(
                        subj, self.qd.mention_bounds(subj), (h.idx, h.idx + len(h)), self.qd.sent_of[subj.i]
                    )
                    out.append(Candidate(q.start, q.end, "partial", q.paragraph, attr))
                    break
        return out

    def _inner_cue(self, tok: Token) -> bool:
        lex = vocabulary()
        lemma = tok.lemma_.lower()
        return tok.pos_ in ("VERB", "AUX") and lemma in lex.speech_verbs and lemma not in lex.weak_verbs

    def _pull_quotes(self, found: list[Candidate]) -> list[Candidate]:
        """Paragraphs without marks that end in a dash and a name: "... - Anna Kolbe". A pull
        quote that repeats words quoted in the body is the same utterance shown twice: the body
        quote stands for it."""
        body = [
            set(re.findall(r"\w+", self.text[c.start : c.end].lower())) for c in found if c.kind != "indirect"
        ]
        out = []
        quoted_paras = {q.paragraph for q in self.qd.spans}
        for para, (lo, hi) in enumerate(self.paras):
            if para in quoted_paras or hi - lo > 2000:
                continue
            m = _PULL_QUOTE.match(self.text[lo:hi])
            if m is None or len(m.group("q").split()) < 6 or len(m.group("name").split()) < 2:
                continue
            n0, n1 = lo + m.start("name"), lo + m.end("name")
            head = self.doc[self.qd.token_at(n1 - 1)]
            if not (head.ent_type_ == "PERSON" or head.pos_ == "PROPN"):
                continue
            words = set(re.findall(r"\w+", m.group("q").lower()))
            if any(len(words & b) >= 0.8 * len(words) for b in body):
                continue
            attr = Attribution(head, (n0, n1), None, self.qd.sent_of[head.i])
            out.append(Candidate(lo + m.start("q"), lo + m.end("q"), "direct", para, attr))
        return out

    def _resolve(self, cands: list[Candidate]) -> None:
        attrs = [c.attribution for c in cands if c.attribution is not None and c.attribution.head is not None]
        attrs.sort(key=lambda a: a.mention[0] if a.mention else 0)
        by_sent: dict[int, list[Attribution]] = {}
        for a in attrs:
            by_sent.setdefault(a.sent, []).append(a)
        done: dict[tuple[int, int], Resolved | None] = {}
        for n, sent in enumerate(self.qd.sents):
            subject: Resolved | None = None
            for a in by_sent.get(n, []):
                assert a.head is not None and a.mention is not None
                if a.mention not in done:
                    ref: Resolved | None
                    if a.glued:
                        ref = self.resolver.named(*a.mention)
                    else:
                        ref = self.resolver.resolve(a.head, a.mention[0], a.mention[1], n)
                    done[a.mention] = ref
                    if ref is not None:
                        self.resolver.note_speaker(ref, a.head.lower_)
                a.resolved = done[a.mention]
                if a.head.dep_ in ("nsubj", "nsubjpass") and a.head.head == sent.root:
                    subject = subject or a.resolved
            subject = subject or self._sentence_subject(sent, n)
            if subject is None:
                subject = next((a.resolved for a in by_sent.get(n, []) if a.resolved is not None), None)
            if subject is not None:
                self.resolver.note_subject(n, subject)

    def _sentence_subject(self, sent: Any, n: int) -> Resolved | None:
        root = sent.root
        if self.qd.quoted(root):
            return None
        lex = vocabulary()
        for c in root.children:
            body = c.ent_type_ in ("ORG", "NORP") or (c.lemma_.lower() in lex.body_nouns and c.pos_ == "NOUN")
            if (
                c.dep_ in ("nsubj", "nsubjpass")
                and not self.qd.quoted(c)
                and (self.qd.person_like(c) or body)
            ):
                s, e = self.qd.mention_bounds(c)
                return self.resolver.resolve(c, s, e, n)
        return None

    def _record(self, c: Candidate) -> dict[str, Any]:
        src = c
        seen = 0
        while src.attribution is None and src.inherit is not None and seen < 50:
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
            "cue_start": None,
            "cue_end": None,
        }
        if a is None:
            return rec
        if a.cue is not None:
            rec["cue_start"], rec["cue_end"] = a.cue
        if a.written is not None:
            rec["speaker_start"], rec["speaker_end"] = a.written
        elif a.mention is not None:
            rec["speaker_start"], rec["speaker_end"] = a.mention
        if a.resolved is not None:
            rec["speaker"] = a.resolved.name
            rec["speaker_id"] = a.resolved.actor_id
        return rec


def find_quotes(
    doc: Doc,
    actors: ActorIndex | None = None,
    model: ReportedModel | None = None,
    mixed_span: str = "fragment",
) -> list[dict[str, Any]]:
    """Quotes and reported speech in ``doc`` as plain dicts (offsets into ``doc.text``)."""
    return QuoteFinder(doc, actors, model=model, mixed_span=mixed_span).run()

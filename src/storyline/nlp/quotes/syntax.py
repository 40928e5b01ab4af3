"""Token-level helpers over a parsed Doc: which tokens are quoted, cues, subjects, mentions."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from storyline.nlp.quotes.marks import QuoteSpan, paragraphs
from storyline.nlp.vocabulary import vocabulary

PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i", "him", "her", "them", "one"})
PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "i", "we"})
SUBJECT_DEPS = ("nsubj", "nsubjpass")
MENTION_DEPS = frozenset({"compound", "amod", "det", "poss", "nmod", "nummod", "case", "flat", "quantmod"})
CLIMB_DEPS = frozenset({"advcl", "xcomp", "conj", "acl", "pcomp", "ccomp", "relcl"})
BODY_ENTS = frozenset({"ORG", "GPE", "FAC", "NORP"})
SENTENCE_END = frozenset({".", "!", "?", "…"})
DASHES = frozenset({"-", "–", "—", "―", "--"})  # a dash that sets off a name or an aside
RELATIVE_PRONOUNS = frozenset({"who", "that", "which"})
WRITER_SUBJECTS = frozenset({"i", "we", "you"})  # "the plan, I think, ...": no attribution
# relations through which a subject-less cue takes the speaker of the verb that governs it
GOVERNED_DEPS = frozenset({"dobj", "pobj", "prep", "conj", "attr", "xcomp", "advcl", "pcomp", "npadvmod"})
GOVERNOR_STEPS = 4
ASIDE_TOKENS = 12  # the longest comma-delimited aside between a name and its verb
HYPHENS = frozenset({"-", "\u2010", "\u2011"})
_GLUE = re.compile(r"^([A-Z][a-z]+)([a-z]{3,})$")


@lru_cache(maxsize=1)
def cue_forms() -> frozenset[str]:
    """Inflected forms of the speech verbs (for finding a cue glued to a name by a bad scrape)."""
    forms: set[str] = {"said", "says", "told", "tells", "wrote", "writes", "spoke", "thought", "felt"}
    for lemma in vocabulary().speech_verbs - vocabulary().weak_verbs:
        if lemma in vocabulary().phrasal:
            continue
        stem = lemma[:-1] if lemma.endswith("e") else lemma
        forms.update({stem + "ed", lemma + "s", lemma + "es"})
        if lemma.endswith("y"):
            forms.update({lemma[:-1] + "ied", lemma[:-1] + "ies"})
    return frozenset(f for f in forms if len(f) >= 4)


def _spoken_to_or_of(subject: Token, verb: Token, cue: Token) -> bool:
    """A passive subject that is not the speaker: the "it" of "it was announced that ...",
    which stands for the clause, and whoever a verb of addressing or accusing acts on ("the
    mayor was told / accused ..."; the agent, when named, was read before)."""
    if subject.lower_ == "it" and any(k.dep_ == "ccomp" for k in verb.children):
        return True
    return verb.i == cue.i and cue.lemma_.lower() in vocabulary().addressee_verbs


class QuotedDoc:
    """A Doc with its quoted stretches: which tokens lie inside quotation marks."""

    def __init__(self, doc: Doc, spans: list[QuoteSpan], text: str | None = None) -> None:
        self.doc = doc
        self.text = doc.text if text is None else text  # Doc.text joins every token: once only
        self.spans = [q for q in spans if not q.nested]
        self.nested = [q for q in spans if q.nested]
        self.starts: list[int] = doc.to_array("IDX").tolist() if len(doc) else []
        self.quote_of: list[int] = [-1] * len(doc)
        for k, q in enumerate(self.spans):
            last = q.close_pos if q.close_pos is not None else q.end - 1
            for i in range(self.token_at(q.open_pos), self.token_at(last) + 1):
                if self.quote_of[i] == -1:
                    self.quote_of[i] = k
        self.para_starts = [lo for lo, _ in paragraphs(self.text)] or [0]
        # token indices that start a paragraph: a sentence never runs across a line break
        breaks = sorted({bisect_left(self.starts, p) for p in self.para_starts[1:]})
        self.sent_of: list[int] = [0] * len(doc)
        self.sents: list[Span] = []
        for sent in doc.sents if len(doc) else ():
            a = sent.start
            for b in breaks[bisect_right(breaks, sent.start) : bisect_left(breaks, sent.end)]:
                if b > a:
                    self.sents.append(doc[a:b])
                a = b
            if sent.end > a:
                self.sents.append(doc[a : sent.end])
        for n, span in enumerate(self.sents):
            self.sent_of[span.start : span.end] = [n] * (span.end - span.start)

        self.ents: list[Span] = list(doc.ents)
        self.person_words = frozenset(
            w
            for ent in self.ents
            if ent.label_ == "PERSON"
            for w in ent.text.split()
            if w[:1].isupper() and w.lower().rstrip(".") not in vocabulary().title_words
        )

    def para_of(self, tok: Token) -> int:
        return bisect_right(self.para_starts, tok.idx) - 1

    def cue_candidates(self) -> list[Token]:
        """Tokens that may be cues (by lemma), without building every Token object."""
        if not len(self.doc):
            return []
        lex = vocabulary()
        strings = self.doc.vocab.strings
        wanted = {strings.add(w) for w in lex.speech_verbs | set(lex.phrasal) | {"according"}}
        lemmas = self.doc.to_array("LEMMA").tolist()
        lowers = self.doc.to_array("LOWER").tolist()
        according = strings.add("according")
        return [
            self.doc[i]
            for i, (lm, lw) in enumerate(zip(lemmas, lowers, strict=True))
            if lm in wanted or lw == according
        ]

    def token_at(self, char: int) -> int:
        """Index of the token containing (or last starting before) ``char``."""
        return max(0, bisect_right(self.starts, char) - 1)

    def quoted(self, tok: Token) -> bool:
        return self.quote_of[tok.i] != -1

    # ---- cues ----------------------------------------------------------------------------------

    def cue_at(self, tok: Token) -> tuple[int, int] | None:
        """The cue's character span when ``tok`` is an attributing verb or phrase outside quotes."""
        if self.quoted(tok):
            return None
        lex = vocabulary()
        low = tok.lower_
        if low == "according" and tok.i + 1 < len(self.doc) and self.doc[tok.i + 1].lower_ == "to":
            nxt = self.doc[tok.i + 1]
            return tok.idx, nxt.idx + len(nxt)
        if tok.pos_ == "PROPN" and tok.text.islower() and tok.text in cue_forms():
            # a lower-case word tagged a name is the tagger's slip: "“...!” joked Beck"
            return tok.idx, tok.idx + len(tok)
        if not (tok.tag_.startswith("VB") or tok.pos_ in ("VERB", "AUX")):
            return None
        lemma = tok.lemma_.lower()
        if lemma in lex.phrasal:
            for c in tok.children:
                if c.dep_ == "prt" and c.lower_ in lex.phrasal[lemma]:
                    return tok.idx, max(tok.idx + len(tok), c.idx + len(c))
            return None
        if lemma in lex.speech_verbs:
            return tok.idx, tok.idx + len(tok)
        return None

    def is_weak(self, tok: Token) -> bool:
        return tok.lemma_.lower() in vocabulary().weak_verbs

    def glued_cue(self, tok: Token) -> tuple[int, int] | None:
        """A name with a cue verb glued on by a bad scrape ("Roedefended"): the verb's span."""
        if self.quoted(tok):
            return None
        m = _GLUE.match(tok.text)
        if not m:
            return None
        word = tok.text
        forms = cue_forms()
        for k in range(2, len(word) - 3):
            if word[k - 1].islower() and word[k:] in forms:
                return tok.idx + k, tok.idx + len(word)
        return None

    # ---- subjects and mentions -----------------------------------------------------------------

    def subject_of(self, verb: Token) -> Token | None:
        """The speaker of a cue verb: its subject, the subject it shares with the verb it hangs
        from (participles, coordinated verbs), or a name after it ("said Kolbe")."""
        if verb.lower_ == "according":
            to = self.doc[verb.i + 1] if verb.i + 1 < len(self.doc) else None
            if to is not None:
                for c in to.children:
                    if c.dep_ == "pobj" and not self.quoted(c):
                        return self._behind_document(c)
            return None
        for c in verb.children:
            # passive: "was summed up by Kolbe", "was described by Kolbe as ..."
            if c.dep_ == "agent":
                by = next((g for g in c.children if g.dep_ == "pobj" and not self.quoted(g)), None)
                if by is not None:
                    return by
        h = verb
        for _ in range(5):
            for c in h.children:
                if c.dep_ in SUBJECT_DEPS and not self.quoted(c) and self.para_of(c) == self.para_of(verb):
                    if c.dep_ == "nsubjpass" and _spoken_to_or_of(c, h, verb):
                        return None
                    if c.lower_ in RELATIVE_PRONOUNS and h.dep_ == "relcl":
                        return h.head
                    return c
            if h.dep_ == "acl" and h.head.pos_ in ("NOUN", "PROPN") and not self.quoted(h.head):
                sender = self._sender(h.head)
                if sender is not None:
                    return sender
                return h.head  # "an official, speaking on Monday, said" / "an official called it"
            if h.dep_ in CLIMB_DEPS and h.head.i != h.i:
                if h.dep_ == "ccomp" and self.cue_at(h.head) is None:
                    break
                # a verb the parser hung inside a quotation ("said “...” and accused X of")
                # still shares the subject of the verb outside it
                h = h.head
                if h.dep_ == "ccomp" and h.head.i != h.i and self.cue_at(h.head) is not None:
                    h = h.head  # a cue coordinated into another cue's complement: the outer speaker
            else:
                break
        prev = self.doc[verb.i - 1] if verb.i > 0 else None
        if (
            prev is not None
            and prev.dep_ in ("appos", "conj", "pobj", "dobj")
            and prev.head.i < prev.i
            and not self.quoted(prev)
            and (prev.pos_ == "PROPN" or prev.ent_type_ in ("PERSON", *BODY_ENTS))
        ):
            # "Speaking to Radio Osk, leader Jan Smit said ...": the parser hung the name that
            # ends right before the verb on an earlier phrase; it is the subject
            return prev
        aside = self.name_before_aside(verb)
        if aside is not None:
            return aside
        for c in verb.children:
            # "“...,” said Kolbe": a name right after the verb
            if (
                verb.i < c.i <= verb.i + 4
                and c.dep_ in ("attr", "npadvmod", "oprd", "nsubj", "dobj")
                and not self.quoted(c)
                and (c.dep_ != "dobj" or verb.lemma_.lower() in ("say", "add", "write", "continue"))
                and (c.pos_ == "PROPN" or c.ent_type_ in ("PERSON", *BODY_ENTS))
            ):
                return c
        return None

    def name_before_aside(self, verb: Token) -> Token | None:
        """ "In a call to X, Jan Smit, the envoy, said", "Smit, who chairs the panel, said": a
        verb after a comma-delimited aside, with no subject in the parse, is said by the name
        before the aside (or by the aside when it is the name itself)."""
        doc = self.doc
        j = verb.i - 1
        if j < 1 or doc[j].text != ",":
            return None
        k = j - 1
        while k > 0 and j - k <= ASIDE_TOKENS and doc[k].text != "," and not self.quoted(doc[k]):
            k -= 1
        if doc[k].text != "," or k < 1 or k == j - 1 or self.sent_of[k] != self.sent_of[verb.i]:
            return None
        aside = doc[k + 1 : j]
        if any(self.quoted(t) for t in aside):
            return None
        if all(t.pos_ == "PROPN" for t in aside) and self.person_like(aside[-1]):
            return aside[-1]  # "her adviser, Jan Smit, said"
        name = doc[k - 1]
        descriptive = aside[0].lower_ in RELATIVE_PRONOUNS or aside.root.pos_ in ("NOUN", "NUM")
        if descriptive and name.pos_ == "PROPN" and not self.quoted(name) and self.person_like(name):
            return name
        return None

    def nominal_owner(self, cue: Token) -> Token | None:
        """Who a nominal cue without a possessor belongs to: a name compounded before it (a
        headline's "Roe vows ..." tagged as a noun phrase, "the Roe pledge") or the author
        after "from" / "by" ("a complaint from the mayor")."""
        for c in cue.children:
            if (
                c.dep_ == "compound"
                and c.i < cue.i
                and c.pos_ == "PROPN"
                and c.ent_type_ in ("PERSON", *BODY_ENTS)
                and not self.quoted(c)
            ):
                return c
        for c in cue.children:
            if c.dep_ == "prep" and c.lower_ in ("from", "by") and c.i > cue.i:
                by = next((g for g in c.children if g.dep_ == "pobj"), None)
                if by is not None and not self.quoted(by) and self.speaker_like(by):
                    return by
        return None

    def _sender(self, noun: Token) -> Token | None:
        """ "Kolbe issued a statement saying", "Kolbe sent an email to donors saying": a
        participle on the message a verb sends, or on the people it is sent to, gives the
        words of that verb's subject, not of the message or of its readers."""
        verb = noun.head
        if noun.dep_ == "pobj" and verb.dep_ in ("prep", "dative") and verb.lower_ == "to":
            verb = verb.head
        elif noun.dep_ != "dobj" or self.person_like(noun):
            return None
        if verb.pos_ != "VERB" or self.cue_at(verb) is not None:
            return None
        subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subj is None or self.quoted(subj) or self.para_of(subj) != self.para_of(noun):
            return None
        return subj

    def governing_subject(self, cue: Token) -> Token | None:
        """The speaker of a cue with no subject of its own, taken from the verb that governs it:
        "Kolbe stirred anger with [a claim] that ...", "Kolbe kept [the belief] that ...",
        "Kolbe spent the week [railing] against ...". Climbs through objects, prepositions,
        coordination and non-finite clauses to the first finite verb, and takes its speaker."""
        h = cue
        for _ in range(GOVERNOR_STEPS):
            if h.dep_ not in GOVERNED_DEPS or h.head.i == h.i:
                return None
            h = h.head
            # a participle with a subject of its own is finite ("Kolbe is opening ... by ...")
            own = any(c.dep_ in SUBJECT_DEPS for c in h.children)
            if h.pos_ in ("VERB", "AUX") and (h.tag_ not in ("VBG", "VBN") or own):
                subj = self.subject_of(h)
                if subj is None or self.quoted(subj) or subj.lower_ in ("it", "there", "this", "that"):
                    return None
                return subj
        return None

    def _behind_document(self, tok: Token) -> Token:
        """ "a statement from the ministry" speaks for the ministry."""
        return self.document_author(tok) or tok

    def document_author(self, tok: Token) -> Token | None:
        """Whoever a document noun speaks for, when the phrase names them: "a statement [from]
        the ministry", "a report [by] the bank", "[the bank's] report"; else None."""
        if tok.lemma_.lower() not in vocabulary().document_nouns:
            return None
        for c in tok.children:
            if (
                c.dep_ == "poss"
                and not self.quoted(c)
                and c.lower_ not in ("its", "their", "his", "her", "our", "my")
            ):
                return c
            if c.dep_ == "prep" and c.lower_ in ("from", "by", "of", "issued"):
                author = next((g for g in c.children if g.dep_ == "pobj"), None)
                if author is not None and not self.quoted(author):
                    return author
        return None

    def mention_bounds(self, head: Token) -> tuple[int, int]:
        """Character span of the noun phrase headed by ``head``, without clauses or appositions."""
        toks = [head]
        stack = [head]
        para = self.para_of(head)
        while stack:
            t = stack.pop()
            for c in t.children:
                if (
                    c.dep_ in MENTION_DEPS
                    and not self.quoted(c)
                    and self.para_of(c) == para
                    and "\n" not in c.text
                ):
                    toks.append(c)
                    stack.append(c)
                    if c.dep_ == "amod" and c.i > t.i and any(g.dep_ == "prep" for g in c.children):
                        # "officials familiar with the talks": the adjective keeps its phrase
                        toks.extend(g for g in c.subtree if g.i != c.i and not self.quoted(g))
        # only the words joined to the head without a gap (a bad parse can reach far)
        member = {t.i for t in toks}
        lo = hi = head.i
        while lo - 1 in member or self._hyphen_before(lo):
            # a hyphenated word the parser splits is the mention's whole ("the 81-year-old mayor")
            lo -= 1 if lo - 1 in member else 2
        while hi + 1 in member:
            hi += 1
        while lo < hi and self.doc[lo].is_punct:
            lo += 1
        while hi > lo and self.doc[hi].is_punct:
            hi -= 1
        if hi > lo and self.doc[hi].dep_ == "case" and self.doc[hi].head.i == head.i:
            hi -= 1  # "the senator['s] claim": the possessor is the mention, without its marker
        return self.doc[lo].idx, self.doc[hi].idx + len(self.doc[hi])

    def _hyphen_before(self, i: int) -> bool:
        """Is token ``i`` joined to the word before it by a hyphen, without spaces ("year-old")?"""
        if i < 2:
            return False
        dash, word = self.doc[i - 1], self.doc[i - 2]
        return dash.text in HYPHENS and not dash.whitespace_ and not word.whitespace_ and not word.is_punct

    def with_group(self, head: Token, bounds: tuple[int, int]) -> tuple[int, int]:
        """``bounds`` of the mention headed by ``head`` widened by the group a share or a number
        speaks for: "two [of the judges]", "a majority [of the farmers]", "[about] 4 [in 10
        voters]". The mention as written; its referent is still resolved without the group (a
        name inside it is not the speaker)."""
        group = self._group_of(head)
        if not group:
            return bounds
        lo = min(bounds[0], *(t.idx for t in group))
        hi = max(bounds[1], *(t.idx + len(t) for t in group))
        return lo, hi

    def _group_of(self, head: Token) -> list[Token]:
        quantity = (
            head.pos_ in ("NUM", "PRON", "DET", "ADJ") or head.lemma_.lower() in vocabulary().quantity_nouns
        )
        if not quantity:
            return []
        para = self.para_of(head)
        words = ("of", "in") if head.pos_ == "NUM" else ("of",)
        out: list[Token] = []
        for c in head.children:
            if c.dep_ == "prep" and c.i == head.i + 1 and c.lower_ in words:
                out.extend(t for t in c.subtree if not self.quoted(t) and self.para_of(t) == para)
            elif c.dep_ in ("advmod", "quantmod") and c.i == head.i - 1 and head.pos_ == "NUM":
                out.append(c)  # "about", "nearly"
        return out

    def name_run(self, head: Token) -> list[Token]:
        """The run of capitalised proper-noun tokens ending at ``head`` (titles included)."""
        run = [head]
        i = head.i - 1
        while i >= 0 and len(run) < 6:
            t = self.doc[i]
            if not self._namey(t) or self.quoted(t) or "\n" in t.whitespace_:
                break
            run.insert(0, t)
            i -= 1
        return run

    @staticmethod
    def _namey(t: Token) -> bool:
        """A capitalised word the tagger took for a proper noun, or for a singular common
        noun (invented and foreign names often get NN)."""
        if not t.text[:1].isupper() or not t.is_alpha:
            return False
        return t.pos_ == "PROPN" or (
            t.tag_ == "NN" and t.is_oov and not t.is_sent_start and t.lower_ not in vocabulary().speaker_nouns
        )

    def looks_like_person_name(self, head: Token) -> bool:
        """A proper name shaped like a person's whatever the entity tagger thought: a title or
        honorific before it ("Councillor Ann Roe"), or two to four capitalised words none of
        which names a body ("Ann Roe", not "Roe Ministry")."""
        if not (head.pos_ == "PROPN" or (head.tag_ == "NN" and head.text[:1].isupper())) or self.quoted(head):
            return False
        lex = vocabulary()
        run = self.name_run(head)
        if head.pos_ != "PROPN" and not any(t.pos_ == "PROPN" for t in run):
            return False
        if any(t.lower_.rstrip(".") in lex.org_words or t.lemma_.lower() in lex.body_nouns for t in run):
            return False
        before = self.doc[run[0].i - 1] if run[0].i > 0 else None
        titled = [t for t in run if t.lower_.rstrip(".") in lex.title_words]
        names = [t for t in run if t.lower_.rstrip(".") not in lex.title_words]
        if not names:
            return False
        if titled or (
            before is not None and before.lower_.rstrip(".") in lex.title_words and before.is_title
        ):
            return True
        return 2 <= len(names) <= 4 and all(t.is_alpha for t in names)

    def person_like(self, tok: Token) -> bool:
        if tok.lower_ in PERSON_PRONOUNS:
            return True
        if tok.ent_type_ == "PERSON" or (tok.pos_ == "PROPN" and tok.text in self.person_words):
            return True
        if self.looks_like_person_name(tok):
            return True
        return tok.lemma_.lower() in vocabulary().speaker_nouns and tok.pos_ in ("NOUN", "PROPN")

    def speaker_like(self, tok: Token) -> bool:
        """Can this token head a mention of a speaker (person, body, pronoun, description)?"""
        if self.person_like(tok) or tok.lower_ in ("they", "it"):
            return True
        if tok.ent_type_ in BODY_ENTS:
            return True
        lemma = tok.lemma_.lower()
        lex = vocabulary()
        return (
            tok.pos_ == "PROPN"
            or lemma in lex.body_nouns
            or lemma in lex.spokes_nouns
            or lemma in lex.org_words
        )

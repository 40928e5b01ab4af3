"""Resolve a speaker mention to the canonical person or body it denotes, within one article.

Order of evidence, strongest first:

1. the actor index ``storyline_actors`` builds (:class:`~storyline.nlp.actors.index.ActorIndex`,
   passed in by the component) maps names, surnames, titles and descriptions ("the envoy",
   "Sir Anton") to one canonical actor;
2. for pronouns, the chain of context: the subject of a recent sentence or the last speaker,
   agreeing in gender where the article tells it (honorifics, "spokeswoman", earlier "she");
3. a spokesman counts as the body it speaks for;
4. otherwise the mention itself, with honorifics and titles stripped, expanded to the fullest
   form of the same name found in the article.

A mention that nothing supports resolves to None.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Token

from storyline.nlp.actors.index import ActorIndex
from storyline.nlp.quotes.syntax import BODY_ENTS, PRONOUNS, QuotedDoc
from storyline.nlp.vocabulary import vocabulary
from storyline.settings import QuotesSettings

FEMALE_WORDS = frozenset({"she", "her"}) | vocabulary().female_nouns
MALE_WORDS = frozenset({"he", "him"}) | vocabulary().male_nouns


_TITLES = frozenset(t.rstrip(".") for t in vocabulary().title_words) | vocabulary().title_words
_MALE = frozenset(h.rstrip(".") for h in vocabulary().male)
_FEMALE = frozenset(h.rstrip(".") for h in vocabulary().female)
_FIRST_NAME = frozenset(h.lower() for h in vocabulary().first_name_honorifics)  # "Sir Anton"
_HONORIFIC = re.compile(
    r"\b("
    + "|".join(sorted((re.escape(h.capitalize()) for h in _MALE | _FEMALE), key=len, reverse=True))
    + r")\.?\s+([A-Z][\w'’-]+)"
)


@dataclass
class Resolved:
    """A mention's referent: canonical name, actor id when the actor layer knows it, its sort."""

    name: str | None
    actor_id: str | None = None
    sort: str = "person"  # "person" | "body" | "other"
    gender: str | None = None
    named: bool = True
    persona: bool = False  # a body speaking through a person ("its spokesman"): "he" may refer to it
    plural: bool = False
    sent: int = -1  # the sentence it was last mentioned in


def _strip_titles(words: list[str]) -> list[str]:
    out = list(words)
    while len(out) > 1 and out[0].lower().rstrip(".") in _TITLES:
        out.pop(0)
    while out and out[-1] in ("’s", "'s", "’", "'"):
        out.pop()
    return out


def _without_article(text: str) -> str:
    """A description as written, without its article: "the UK prime minister" -> "UK prime minister"."""
    words = text.split()
    if len(words) > 1 and words[0].lower() in ("the", "a", "an"):
        words = words[1:]
    return " ".join(words)


def _clean_name(text: str) -> str:
    text = text.replace("’s ", " ").replace("'s ", " ")
    if text.endswith(("’s", "'s")):
        text = text[:-2]
    words = _strip_titles(text.split())
    return " ".join(words).strip(" ,.;:")


class SpeakerResolver:
    """Resolve mentions in document order, keeping the context pronouns need."""

    def __init__(
        self, qd: QuotedDoc, actors: ActorIndex | None = None, settings: QuotesSettings | None = None
    ) -> None:
        self.qd = qd
        self.settings = settings or QuotesSettings()
        self.doc = qd.doc
        self.actors = actors
        self.subjects: list[tuple[int, Resolved]] = []  # (sentence index, referent)
        self.speakers: list[Resolved] = []
        self.genders: dict[str, str] = {}
        self.descriptions: dict[str, Resolved] = {}
        self.person_names = self._person_names()
        self.roles: dict[str, list[tuple[int, str]]] = {}
        self._learn_roles()
        self._learn_honorific_genders()

    # ---- names -----------------------------------------------------------------------------

    def _person_names(self) -> list[list[str]]:
        names = []
        for ent in self.qd.ents:
            if ent.label_ == "PERSON" and not self.qd.quoted(ent[0]):
                words = _strip_titles(_clean_name(ent.text.split("\n")[-1]).split())
                if words and all(w[:1].isupper() for w in words):
                    names.append(words)
        pos = self.doc.to_array("POS").tolist() if len(self.doc) else []
        propn = self.doc.vocab.strings["PROPN"]
        for i, p in enumerate(pos):
            if p != propn or (i + 1 < len(pos) and pos[i + 1] == propn):
                continue
            tok = self.doc[i]
            if self.qd.looks_like_person_name(tok):
                words = _strip_titles([t.text for t in self.qd.name_run(tok)])
                if len(words) >= 2:
                    names.append(words)
        return names

    def _learn_roles(self) -> None:
        """Role words the article gives a named person: "Finance Minister Ann Roe", "Ann Roe,
        the envoy", "the envoy, Ann Roe" -> {"minister": [(pos, "Ann Roe")], "envoy": [...]}."""
        lex = vocabulary()
        pos = self.doc.to_array("POS").tolist() if len(self.doc) else []
        propn = self.doc.vocab.strings["PROPN"]
        for i in (i for i, p in enumerate(pos) if p == propn):
            tok = self.doc[i]
            if self.qd.quoted(tok) or not self.qd.person_like(tok):
                continue
            if tok.i + 1 < len(self.doc) and self.doc[tok.i + 1].pos_ == "PROPN":
                continue
            run = self.qd.name_run(tok)
            words = [t.text for t in run if t.lower_.rstrip(".") not in lex.title_words]
            if not words:
                continue
            name = self.full_name(words)
            roles = [t.lemma_.lower() for t in run if t.lower_.rstrip(".") in lex.title_words]
            roles += [t.lemma_.lower() for t in tok.children if t.dep_ == "compound" and t.i < run[0].i]
            if tok.dep_ == "appos" and tok.head.pos_ == "NOUN":
                roles.append(tok.head.lemma_.lower())
            roles += [c.lemma_.lower() for c in tok.children if c.dep_ == "appos" and c.pos_ == "NOUN"]
            for role in roles:
                if role in lex.speaker_nouns or role in lex.title_words:
                    self.roles.setdefault(role, []).append((tok.idx, name))

    def _learn_honorific_genders(self) -> None:
        """ "Mrs. Roe" tells Ann Roe's gender: it is kept under the person the actor index
        names for the mention, so a namesake ("Mr. Roe", her husband) keeps his own."""
        for m in _HONORIFIC.finditer(self.qd.text):
            word = m.group(1).lower()
            gender = "m" if word in _MALE else ("f" if word in _FEMALE else None)
            if gender is None:
                continue
            actor = self.actors.for_span(m.start(2), m.end(2)) if self.actors is not None else None
            name = actor.name if actor is not None and actor.type == "person" and actor.name else m.group(2)
            self._note_gender(name, gender)

    def _note_gender(self, name: str, gender: str) -> None:
        self.genders.setdefault(name, gender)
        if not self._shared_surname(name):
            self.genders.setdefault(name.split()[-1], gender)

    def full_name(self, words: list[str], honorific: str | None = None) -> str:
        """The fullest form of a person's name in the article ("Kolbe" -> "Anna Kolbe")."""
        if not words:
            return ""
        best = words
        for cand in self.person_names:
            if len(cand) <= len(best):
                continue
            if (cand[-1] == words[-1] and cand[: len(words) - 1] == words[:-1][: len(cand) - 1]) or (
                len(words) == 1 and honorific in _FIRST_NAME and cand[0] == words[0]
            ):
                best = cand
        return " ".join(best)

    def gender_of(self, name: str | None) -> str | None:
        """The gender the article gives ``name``: its own, else its surname's when no other
        person of the article shares that surname."""
        if not name:
            return None
        if name in self.genders:
            return self.genders[name]
        words = name.split()
        surname = words[-1]
        if surname in self.genders and not self._shared_surname(name):
            return self.genders[surname]
        return None

    def _shared_surname(self, name: str) -> bool:
        """Do the article's full names give this name's surname to another person (or, for a
        surname alone, to two people)?"""
        words = name.split()
        firsts = {other[0] for other in self.person_names if len(other) >= 2 and other[-1] == words[-1]}
        return len(firsts - {words[0]}) >= (1 if len(words) >= 2 else 2)

    # ---- resolution --------------------------------------------------------------------------

    def _actor(self, start: int, end: int) -> Resolved | None:
        """The actor the index ``storyline_actors`` built names for this mention, if any."""
        if self.actors is None:
            return None
        actor = self.actors.for_span(start, end)
        if actor is None or not actor.name:
            return None
        sort = (
            "person"
            if actor.type == "person"
            else ("body" if actor.type in ("organization", "place", "group") else "other")
        )
        return Resolved(actor.name, actor.actor_id or None, sort, self.gender_of(actor.name))

    def resolve(self, head: Token, start: int, end: int, sent: int) -> Resolved | None:
        """The referent of the mention ``doc.text[start:end]`` headed by ``head``."""
        ref = self._resolve(head, start, end, sent)
        if ref is not None:
            if head.tag_ in ("NNS", "NNPS") and ref.sort == "person" and not ref.named:
                ref.plural = True
            ref.sent = sent
        return ref

    def _resolve(self, head: Token, start: int, end: int, sent: int) -> Resolved | None:
        low = head.lower_
        if low in PRONOUNS:
            return self._pronoun(low, sent, head)
        author = self.qd.document_author(head)
        if author is not None:  # "a report by the bank said": the bank speaks through it
            a0, a1 = self.qd.mention_bounds(author)
            return self._resolve(author, a0, a1, sent)
        span_toks = [t for t in self.doc[self.qd.token_at(start) : self.qd.token_at(end - 1) + 1]]
        lemmas = {t.lemma_.lower() for t in span_toks}
        lex = vocabulary()
        spokes = lemmas & lex.spokes_nouns
        if spokes or ("press" in lemmas and "secretary" in lemmas):
            return self._spokes(head, span_toks, sent)
        found = self._actor(start, end)
        surname = head.pos_ == "PROPN" and any(len(n) > 1 and n[-1] == head.text for n in self.person_names)
        if found is not None and found.sort != "person" and (surname or self.qd.looks_like_person_name(head)):
            mine = self._by_mention(head, span_toks, start, end, sent)
            if mine is not None and mine.name:
                return Resolved(mine.name, found.actor_id, "person", mine.gender)
        if found is not None:
            return found
        return self._by_mention(head, span_toks, start, end, sent)

    def _by_mention(self, head: Token, toks: list[Token], start: int, end: int, sent: int) -> Resolved | None:
        lex = vocabulary()
        appos = [c for c in head.children if c.dep_ == "appos" and c.ent_type_ == "PERSON"]
        if appos:
            a0, a1 = self.qd.mention_bounds(appos[0])
            return self._name(self.qd.text[a0:a1], None)
        if not self._personal(head) and (
            self.qd.looks_like_person_name(head)
            or any(len(n) > 1 and n[-1] == head.text for n in self.person_names)
        ):
            run = [t for t in self.qd.name_run(head) if t.i >= toks[0].i]
            return self._name(self.qd.text[run[0].idx : head.idx + len(head)], None)
        persons = [t for t in toks if self._personal(t)]
        if persons and (self._personal(head) or head.pos_ == "PROPN"):
            first, last = persons[0], persons[-1]
            while first.i > toks[0].i and self._personal(self.doc[first.i - 1]):
                first = self.doc[first.i - 1]
            hon = self.doc[first.i - 1].lower_.rstrip(".") if first.i > toks[0].i else None
            text = self.qd.text[first.idx : last.idx + len(last)]
            return self._name(text, hon)
        if head.ent_type_ in BODY_ENTS or (
            head.pos_ == "PROPN" and head.lemma_.lower() not in lex.speaker_nouns
        ):
            text = self.qd.text[start:end]
            if head.ent_type_ in BODY_ENTS or not any(t.ent_type_ == "PERSON" for t in toks):
                words = text.split()
                if words and words[0].lower() == "the":
                    words = words[1:]
                name = " ".join(words).replace("’s", "").replace("'s", "")
                if self._personal(head):
                    return self._name(name, None)
                if head.ent_type_ in BODY_ENTS:
                    ent = next((e for e in self.qd.ents if e.start <= head.i < e.end), None)
                    if ent is not None and "\n" not in ent.text:
                        name = ent.text.removeprefix("the ").removeprefix("The ")
                return Resolved(name, None, "body" if head.ent_type_ in BODY_ENTS else "other", None)
        first_word = toks[0].lower_ if toks else ""
        indefinite = first_word in ("a", "an", "one", "some", "several", "two", "three", "many")
        lemma = head.lemma_.lower()
        gender = "f" if lemma in FEMALE_WORDS else ("m" if lemma in MALE_WORDS else None)
        if lemma in lex.body_nouns:
            return Resolved(_clean_name(self.qd.text[start:end]), None, "body", None, named=False)
        if lemma in lex.speaker_nouns and not indefinite and head.tag_ != "NNS":
            # a definite description ("the envoy"): whoever it denoted before, else the last
            # named person who spoke, else the last person named before it
            key = _clean_name(self.qd.text[start:end]).lower().removeprefix("the ")
            if key in self.descriptions:
                return self.descriptions[key]
            # a description tied to a country ("the UK prime minister") names an office the
            # last speaker need not hold: only the article's own role words may resolve it
            national = any(t.ent_type_ in ("GPE", "NORP") and t.i < head.i for t in toks)
            ref = self._description(start, gender, sent, lemma, guess=not national)
            if ref.name is None:
                return Resolved(
                    _without_article(self.qd.text[start:end]),
                    None,
                    "person",
                    gender,
                    named=False,
                )
            self.descriptions[key] = ref
            return ref
        if lemma in lex.speaker_nouns:
            text = self.qd.text[start:end]
            words = text.split()
            if words and words[0].lower() in ("a", "an", "the"):
                words = words[1:]
            return Resolved(" ".join(words), None, "person", gender, named=False)
        return None

    def _description(
        self, start: int, gender: str | None, sent: int, role: str = "", guess: bool = True
    ) -> Resolved:
        holders = [name for pos, name in self.roles.get(role, []) if pos < start]
        if holders:
            return self._name(holders[-1], None)
        if not guess:
            return Resolved(None)
        same = {r.name for r in self.speakers if r.sent == sent}
        same |= {r.name for n, r in self.subjects if n == sent}
        for r in reversed(self.speakers):
            if (
                r.sort == "person"
                and r.named
                and r.name not in same
                and (gender is None or r.gender in (None, gender))
            ):
                return r
        if self.speakers:
            return Resolved(None)
        lo = self.qd.sents[sent].start if 0 <= sent < len(self.qd.sents) else 0
        before = [n for n in self.qd.ents if n.label_ == "PERSON" and n.end_char <= start and n.end <= lo]
        before = [n for n in before if not self.qd.quoted(n[0])]
        if before:
            return self._name(before[-1].text.split("\n")[-1], None)
        return Resolved(None, None, "person", gender, named=False)

    def _personal(self, tok: Token) -> bool:
        if tok.ent_type_ == "PERSON":
            return tok.text.lower().rstrip(".") not in vocabulary().title_words
        return tok.pos_ == "PROPN" and tok.text in self.qd.person_words

    def named(self, start: int, end: int) -> Resolved:
        """A name as written (no parse to lean on, e.g. glued to a verb by a bad scrape)."""
        text = self.qd.text[start:end]
        # a name written in capitals ("KOLBE", a transcript's label) is the same name
        mine = self._name(text.title() if text.isupper() else text, None)
        found = self._actor(start, end)
        if found is not None:
            mine.actor_id = found.actor_id
        return mine

    def _name(self, text: str, honorific: str | None) -> Resolved:
        words = _strip_titles(_clean_name(text).split())
        name = self.full_name(words, honorific)
        return Resolved(name, None, "person", self.gender_of(name))

    def _pronoun(self, low: str, sent: int, head: Token | None = None) -> Resolved | None:
        if low in ("i", "we", "one"):
            return None
        if head is not None and low in ("he", "she"):
            earlier = self._same_sentence_subject(head, sent)
            if earlier is not None:
                return earlier
        want = "f" if low in ("she", "her") else ("m" if low in ("he", "him") else None)
        if low in ("they", "it"):
            for n, r in reversed(self.subjects):
                if sent - n > self.settings.pronoun_body_sentences:
                    break
                if n < sent and r.sort == "body":
                    return r
            return None
        for n, r in reversed(self.subjects):
            if sent - n > self.settings.pronoun_person_sentences:
                break
            if n < sent and (r.sort == "person" or r.persona) and r.gender in (None, want) and not r.plural:
                return r
        for r in reversed(self.speakers):
            if (r.sort == "person" or r.persona) and r.gender in (None, want) and not r.plural:
                return r
        return None

    def _same_sentence_subject(self, pron: Token, sent: int) -> Resolved | None:
        """A named person who is the subject of an earlier clause of the same sentence."""
        span = self.qd.sents[sent] if 0 <= sent < len(self.qd.sents) else None
        if span is None:
            return None
        for tok in reversed(span[: max(0, pron.i - span.start)]):
            if tok.dep_ in ("nsubj", "nsubjpass") and not self.qd.quoted(tok) and self._personal(tok):
                s, e = self.qd.mention_bounds(tok)
                return self.resolve(tok, s, e, sent)
        return None

    def _spokes(self, head: Token, toks: list[Token], sent: int) -> Resolved | None:
        """A spokesperson speaks for a body: "a spokesman for the ministry", "Palace
        spokesman X", "its spokeswoman", or, with no owner named, the body just mentioned."""
        lex = vocabulary()
        spoke = next((t for t in toks if t.lemma_.lower() in lex.spokes_nouns), head)
        owner: Token | None = None
        for t in toks:
            if t.i < spoke.i and t.ent_type_ in BODY_ENTS and not self._personal(t):
                owner = t
        for c in spoke.children:
            if c.dep_ == "poss" or (c.dep_ == "compound" and c.ent_type_ in BODY_ENTS):
                owner = c
            elif c.dep_ == "compound" and c.pos_ == "NOUN" and c.lemma_.lower() in lex.body_nouns:
                # "a trust spokesperson": the trust the article named before, or the word itself
                named = self._recent_body(sent, spoke.idx, lemma=c.lemma_.lower())
                if named is not None:
                    return Resolved(named.name, named.actor_id, "body", None, named.named, persona=True)
                owner = c
            elif c.dep_ == "prep" and c.lower_ in ("for", "of", "at"):
                owner = next((g for g in c.children if g.dep_ == "pobj"), owner)
        if owner is not None and owner.lower_ in ("its", "their"):
            body = self._recent_body(sent, spoke.idx)
            if body is not None:
                return Resolved(body.name, body.actor_id, "body", None, body.named, persona=True)
            owner = None
        if owner is not None:
            o0, o1 = self.qd.mention_bounds(owner)
            if not self._personal(owner) and (
                owner.ent_type_ in BODY_ENTS or owner.lemma_.lower() in lex.body_nouns
            ):
                found = self._actor(o0, o1)
                if found is not None:
                    return Resolved(found.name, found.actor_id, "body", None, persona=True)
                return Resolved(
                    _clean_name(self.qd.text[o0:o1]).removeprefix("the "), None, "body", persona=True
                )
        else:
            body = self._recent_body(sent, spoke.idx)
            if body is not None:
                return Resolved(body.name, body.actor_id, "body", None, body.named, persona=True)
        for r in reversed(self.speakers):
            if r.sort in ("body", "other"):
                return Resolved(r.name, r.actor_id, "body", r.gender, r.named, persona=True)
        if owner is not None:
            o0, o1 = self.qd.mention_bounds(owner)
            return self.resolve(owner, o0, o1, sent)
        return None

    def _recent_body(self, sent: int, before: int, lemma: str | None = None) -> Resolved | None:
        """The last body named in this or the two sentences before (its subject or not)."""
        lex = vocabulary()
        lo = max(0, sent - 2)
        for n in range(sent, lo - 1, -1):
            if not 0 <= n < len(self.qd.sents):
                continue
            for tok in reversed(self.qd.sents[n]):
                if tok.idx >= before or self.qd.quoted(tok) or self._personal(tok):
                    continue
                is_body = tok.ent_type_ in ("ORG",) or (
                    tok.pos_ == "NOUN"
                    and tok.lemma_.lower() in lex.body_nouns
                    and tok.tag_ == "NN"
                    and any(c.dep_ in ("det", "poss") for c in tok.children)
                )
                if (
                    not is_body
                    or tok.dep_ == "compound"
                    or (lemma is not None and tok.lemma_.lower() != lemma)
                ):
                    continue
                b0, b1 = self.qd.mention_bounds(tok)
                found = self._actor(b0, b1)
                if found is not None and found.sort == "body":
                    return found
                name = _clean_name(self.qd.text[b0:b1])
                if name:
                    return Resolved(name, None, "body")
        return None

    # ---- context -----------------------------------------------------------------------------

    def note_subject(self, sent: int, ref: Resolved) -> None:
        self.subjects.append((sent, ref))

    def note_speaker(self, ref: Resolved, pronoun: str | None = None) -> None:
        if pronoun in ("she", "her") and ref.name:
            ref.gender = ref.gender or "f"
            self._note_gender(ref.name, "f")
        elif pronoun in ("he", "him") and ref.name:
            ref.gender = ref.gender or "m"
            self._note_gender(ref.name, "m")
        self.speakers.append(ref)

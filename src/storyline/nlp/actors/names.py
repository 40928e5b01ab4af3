"""Name mentions for storyline_actors: cleaning NER spans, titles, honorifics, descriptions.

Pure functions over a parsed Doc; :mod:`storyline.nlp.components.actors` clusters what these
find into actors.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from storyline.nlp.actors.gazetteer import Gazetteer, fold
from storyline.nlp.vocabulary import Vocabulary, vocabulary

LABEL_TYPES = {
    "PERSON": "person",
    "ORG": "organization",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
    "NORP": "group",
}
POSSESSIVE = {"'s", "’s", "'", "’", "s'", "s’"}
DETERMINERS = {"the", "this", "that"}
INDEFINITE = {"a", "an", "one", "another", "some", "any"}
POSS_PRONOUNS = {"his", "her", "their", "its"}
FUNCTION_WORDS = {"of", "the", "and", "for", "to"}
# A scrape that drops the space after a name glues the next word on ("Smithsaid"): split
# a capitalised token when it ends in one of the vocabulary's glued reporting words.
_GLUED = re.compile(r"^([A-Z][a-z]{2,}?)(" + "|".join(vocabulary().glued_cues) + r")$")
_NAME_TRIM = "\"'“”‘’[](){}<>«»*_,.;:!?-–— \t\n"


@dataclass
class NameMention:
    """A name as the text writes it, with what surrounds it."""

    start: int  # char offsets of the name proper (no title, honorific or possessive)
    end: int
    tok_start: int
    tok_end: int
    type: str  # person | organization | place | group | other
    text: str
    honorifics: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    role_country: str | None = None
    title_start: int | None = None  # char offset where a title prefix starts


@dataclass
class Description:
    """A noun phrase that describes an actor by role: 'the prime minister', 'X's envoy'."""

    start: int
    end: int
    tok_start: int
    tok_end: int
    head: int  # token index of the role head
    key: str  # role key after synonyms: 'prime minister', 'envoy'
    role: str  # the role words as written (lower-cased)
    definite: bool
    country: str | None = None
    possessor: tuple[int, int] | None = None  # token span of a possessor ('X's envoy')
    spokes: bool = False  # a spokesperson phrase: it stands for a body


def clean_name_tokens(doc: Doc, ent: Span, titles: Vocabulary) -> tuple[int, int, list[str], list[str]]:
    """Token bounds of the name proper inside ``ent``, its honorifics and bare titles."""
    s, e = ent.start, ent.end
    honorifics: list[str] = []
    bare: list[str] = []
    while s < e:
        t = doc[s]
        if t.text.strip(_NAME_TRIM) == "" or t.lower_ == "the":
            s += 1
        elif t.text in titles.honorifics:
            honorifics.append(t.text.rstrip("."))
            s += 1
        elif ent.label_ == "PERSON" and t.text in titles.bare_titles and s + 1 < e:
            bare.append(t.text)
            s += 1
        else:
            break
    while e > s and (doc[e - 1].text in POSSESSIVE or doc[e - 1].text.strip(_NAME_TRIM) == ""):
        e -= 1
    return s, e, honorifics, bare


def name_char_span(doc: Doc, s: int, e: int, full: str) -> tuple[int, int]:
    """Char span of tokens s..e, with a trailing possessive and glued word cut off."""
    start = doc[s].idx
    last = doc[e - 1]
    end = last.idx + len(last.text)
    text = last.text
    for suffix in ("’s", "'s"):
        if text.endswith(suffix) and len(text) > len(suffix):
            end -= len(suffix)
            text = text[: -len(suffix)]
    m = _GLUED.match(text)
    if m and e - s >= 2:
        end -= len(m.group(2))
    while end > start and full[end - 1] in _NAME_TRIM:
        end -= 1
    while start < end and full[start] in _NAME_TRIM:
        start += 1
    return start, end


def is_role_head(tok: Token, titles: Vocabulary) -> bool:
    return tok.lower_ in titles.role_heads and not tok.is_stop


def title_prefix(
    doc: Doc, tok_start: int, titles: Vocabulary, gaz: Gazetteer
) -> tuple[list[str], list[str], str | None, int | None]:
    """Honorifics and a title written before a name: 'Health Secretary', 'Sir', 'Mr'.

    RETURNS (honorifics, roles, country code of the role, char start of the prefix).
    """
    honorifics: list[str] = []
    j = tok_start - 1
    while j >= 0 and doc[j].text in titles.honorifics:
        honorifics.insert(0, doc[j].text.rstrip("."))
        j -= 1
    end_role = j
    collected: list[int] = []
    while j >= 0 and end_role - j < 8:
        t = doc[j]
        if t.is_space or (t.is_punct and t.text not in POSSESSIVE and t.text != "-"):
            break
        lower = t.lower_
        if not collected and not (
            (is_role_head(t, titles) and t.pos_ in {"NOUN", "PROPN"}) or t.text in titles.bare_titles
        ):
            break
        if is_role_head(t, titles) or t.text in titles.bare_titles or lower in titles.role_modifiers:
            if lower in {"the", "and", "for", "to"}:
                break
            collected.insert(0, j)
        elif _qualifier_token(doc, j, bool(collected), gaz):
            collected.insert(0, j)
        else:
            break
        j -= 1
    while collected and doc[collected[0]].lower_ in FUNCTION_WORDS:
        collected.pop(0)
    if not collected:
        return honorifics, [], None, None
    country: str | None = None
    words: list[str] = []
    skip_until = -1
    # a possessive qualifier ("Ukraine's President") gives the country, not a role word
    for pos, i in enumerate(collected):
        if doc[i].text in POSSESSIVE:
            owner = " ".join(doc[k].text for k in collected[:pos])
            c = gaz.country_of_word(owner)
            if c is not None:
                country = c.code
                words = []
                skip_until = i
                continue
    for i in collected:
        if i <= skip_until:
            continue
        t = doc[i]
        c = gaz.country_of_word(t.text)
        if c is not None and country is None:
            country = c.code
        words.append(_role_word(t, titles) + t.whitespace_)
    role = "".join(words).strip()
    if " " not in role and role.endswith("s") and role in titles.synonyms:
        role = titles.synonyms[role]  # "Presidents X and Y"
    start = doc[collected[0]].idx
    return honorifics, [role] if role else [], country, start


def sent_start(tok: Token) -> int:
    """Index of the first token of ``tok``'s sentence (0 when nothing set sentence bounds)."""
    doc = tok.doc
    if not (doc.has_annotation("SENT_START") or doc.has_annotation("DEP")):
        return 0
    return int(tok.sent.start)


def _role_word(t: Token, titles: Vocabulary) -> str:
    """A word of a role as stored: common words lower-cased, names and acronyms as written."""
    if t.is_upper and len(t.text) > 1:
        return t.text
    if is_role_head(t, titles) or t.lower_ in titles.role_modifiers:
        return t.lower_
    return t.text


def _qualifier_token(doc: Doc, j: int, have_role: bool, gaz: Gazetteer) -> bool:
    """A token that may qualify a title: possessive, hyphen, proper name, 'pro-' style prefix."""
    t = doc[j]
    if t.is_title and (gaz.institution(t.text) or gaz.seat(t.text) or gaz.country_of_word(t.text)):
        return True
    if t.text in POSSESSIVE:
        return j > 0 and have_role
    if t.text == "-":
        return j > 0 and not t.whitespace_ and not doc[j - 1].whitespace_
    if (t.ent_type_ in {"NORP", "GPE", "ORG", "PERSON"} or t.pos_ == "PROPN") and (t.is_title or t.is_upper):
        return True
    return j + 1 < len(doc) and doc[j + 1].text == "-" and not t.whitespace_


def role_key(role: str, titles: Vocabulary, gaz: Gazetteer) -> str:
    """Comparable key of a role: qualifiers dropped, synonyms applied ('PM' -> 'prime minister')."""
    words = [w for w in fold(role).replace("'s", "").split() if w]
    kept = [
        w
        for w in words
        if w not in titles.time_words
        and w not in DETERMINERS | POSS_PRONOUNS | INDEFINITE
        and gaz.country_of_word(w) is None
        and not w.isdigit()
    ]
    while kept and kept[0] in FUNCTION_WORDS:
        kept.pop(0)
    key = " ".join(kept) or " ".join(words)
    for cand in (key, " ".join(kept[-2:]), " ".join(kept[-1:])):
        if cand in titles.synonyms:
            return titles.synonyms[cand]
    return key


def role_keys(role: str, titles: Vocabulary, gaz: Gazetteer) -> set[str]:
    """The key of a role and of its head word ('foreign minister' -> also 'minister')."""
    key = role_key(role, titles, gaz)
    out = {key}
    parts = key.split()
    if len(parts) > 1:
        out.add(titles.synonyms.get(parts[-1], parts[-1]))
        out.add(" ".join(parts[-2:]))
    return out


def find_descriptions(
    doc: Doc, titles: Vocabulary, gaz: Gazetteer, within: tuple[int, int] | None = None
) -> list[Description]:
    """Role noun phrases: 'the prime minister', "Roe's special envoy", 'a spokesman for X'.

    within (tuple[int, int] | None): only heads among these tokens (default: the whole Doc).
    """
    out: list[Description] = []
    for tok in doc[within[0] : within[1]] if within is not None else doc:
        lower = tok.lower_
        spokes = lower in titles.spokes_nouns or (
            lower == "office" and tok.i > 0 and doc[tok.i - 1].text in POSSESSIVE
        )
        if not (is_role_head(tok, titles) or spokes):
            continue
        if tok.tag_ in {"NNS", "NNPS"} and not spokes:
            continue
        # a title before a name is handled with the name ("Chancellor Jane Roe")
        nxt = tok.i + 1
        if nxt < len(doc) and is_role_head(doc[nxt], titles) and not spokes:
            continue  # "chief executive": the last word heads the role
        if nxt < len(doc) and (doc[nxt].ent_type_ == "PERSON" or doc[nxt].text in titles.honorifics):
            continue
        # multiword heads ("secretary of state") stay whole
        end = tok.i + 1
        if end + 1 < len(doc) and doc[end].lower_ == "of" and doc[end + 1].lower_ in {"state"}:
            end += 2
        start = tok.i
        possessor: tuple[int, int] | None = None
        definite = False
        country: str | None = None
        sent0 = sent_start(tok)
        j = tok.i - 1
        while j >= sent0 and tok.i - j < 10:
            t = doc[j]
            tl = t.lower_
            if tl in DETERMINERS or tl in POSS_PRONOUNS:
                start = j
                definite = True
                break
            if tl in INDEFINITE:
                start = j
                break
            if t.text in POSSESSIVE and j > sent0:
                # possessor: a name or a nested description before "'s"
                k = j - 1
                while k > sent0 and doc[k].ent_iob_ == "I":
                    k -= 1
                if doc[k].ent_type_ or doc[k].pos_ == "PROPN" or is_role_head(doc[k], titles):
                    if is_role_head(doc[k], titles):
                        while k > sent0 and (
                            doc[k - 1].lower_ in titles.role_modifiers
                            or doc[k - 1].ent_type_ in {"NORP", "GPE"}
                            or doc[k - 1].lower_ in DETERMINERS
                        ):
                            k -= 1
                            if doc[k].lower_ in DETERMINERS:
                                break
                    while k > sent0 and (
                        doc[k - 1].text in titles.honorifics or doc[k - 1].text in titles.bare_titles
                    ):
                        k -= 1
                    possessor = (k, j)
                    start = k
                    definite = True
                    break
                break
            if (
                tl in titles.role_modifiers
                or is_role_head(t, titles)
                or t.ent_type_ in {"NORP", "GPE", "ORG", "PERSON"}
                or t.pos_ in {"ADJ", "PROPN"}
                or (t.text == "-" and not t.whitespace_)
                or (t.pos_ == "NOUN" and t.dep_ == "compound")
                or (t.like_num and j > 0 and doc[j - 1].is_title)
                or (t.is_title and not t.is_sent_start)
            ):
                start = j
                j -= 1
                continue
            break
        if not definite and spokes:
            definite = True
        for i in range(start, tok.i):
            if possessor is not None and possessor[0] <= i < possessor[1] + 1:
                continue
            c = gaz.country_of_word(doc[i].text)
            if c is not None:
                country = c.code
                break
        role_toks = [
            doc[i]
            for i in range(start, end)
            if (possessor is None or i > possessor[1])
            and doc[i].lower_ not in DETERMINERS | POSS_PRONOUNS | INDEFINITE
        ]
        role = "".join(_role_word(t, titles) + t.whitespace_ for t in role_toks).strip()
        if spokes:
            end = _extend_spokes(doc, tok.i, end)
        s_char = doc[start].idx
        e_char = doc[end - 1].idx + len(doc[end - 1].text)
        out.append(
            Description(
                start=s_char,
                end=e_char,
                tok_start=start,
                tok_end=end,
                head=tok.i,
                key=role_key(role, titles, gaz),
                role=role,
                definite=definite,
                country=country,
                possessor=possessor,
                spokes=spokes,
            )
        )
    return out


def _extend_spokes(doc: Doc, head: int, end: int) -> int:
    """'a spokesman for X' / 'a spokeswoman for X's office': include the 'for ...' part."""
    if end < len(doc) and doc[end].lower_ in {"for", "at", "of"}:
        k = end + 1
        limit = min(len(doc), k + 8)
        last = None
        while k < limit:
            t = doc[k]
            if t.ent_type_ or t.pos_ in {"PROPN", "DET"} or t.text in POSSESSIVE:
                last = k
            elif t.lower_ in vocabulary().owner_words:
                last = k
                break
            else:
                break
            k += 1
        if last is not None:
            return last + 1
    return end


@dataclass
class BodyPhrase:
    """A phrase that names a body by what it is: "Arvenia's defence ministry", 'the government'."""

    start: int  # char span, determiner included
    end: int
    name_start: int  # char where the name proper starts (after the determiner)
    tok_start: int
    tok_end: int
    head: str  # the body noun, lower-cased
    qualifier: str | None  # the proper word that qualifies it ("Arvenia", "Koldari")
    possessor: tuple[int, int] | None
    definite: bool
    sent_start: int = 0  # char where its sentence starts
    head_start: int = 0  # char span of the body noun
    head_end: int = 0


def find_body_phrases(doc: Doc, titles: Vocabulary) -> list[BodyPhrase]:
    out: list[BodyPhrase] = []
    for tok in doc:
        head = tok.lower_
        if head not in titles.body_words or tok.tag_ in {"NNS", "NNPS"}:
            continue
        if tok.pos_ not in {"NOUN", "PROPN"}:
            continue
        start = tok.i
        end = tok.i + 1
        qualifier: str | None = None
        possessor: tuple[int, int] | None = None
        definite = False
        # "the government of Arvenia"
        if end + 1 < len(doc) and doc[end].lower_ == "of" and doc[end + 1].ent_type_ == "GPE":
            k = end + 1
            while k < len(doc) and doc[k].ent_type_ == "GPE" and doc[k].ent_iob_ != "O":
                k += 1
                if k < len(doc) and doc[k].ent_iob_ == "B":
                    break
            qualifier = doc[end + 1 : k].text
            end = k
        sent0 = sent_start(tok)
        j = tok.i - 1
        while j >= sent0 and tok.i - j < 8:
            t = doc[j]
            tl = t.lower_
            if tl in DETERMINERS or tl in POSS_PRONOUNS:
                start, definite = j, True
                break
            if tl in INDEFINITE:
                start = j
                break
            if t.text in POSSESSIVE and j > sent0:
                k = j - 1
                while k > sent0 and doc[k].ent_iob_ == "I":
                    k -= 1
                if doc[k].ent_type_ or doc[k].pos_ == "PROPN":
                    possessor = (k, j)
                    qualifier = qualifier or doc[k:j].text
                    start, definite = k, True
                break
            if (
                t.pos_ in {"ADJ", "PROPN"}
                or (t.pos_ == "NOUN" and t.dep_ == "compound")
                or t.ent_type_ in {"NORP", "GPE"}
                or tl in titles.role_modifiers
            ) and not t.is_punct:
                if (
                    qualifier is None
                    and (t.ent_type_ in {"NORP", "GPE", "PERSON"} or t.is_title)
                    and not (t.is_sent_start and t.pos_ == "ADJ")
                ):
                    qualifier = t.text
                start = j
                j -= 1
                continue
            break
        if not definite and qualifier is None:
            continue
        name_start = doc[start].idx
        if doc[start].lower_ in DETERMINERS | POSS_PRONOUNS | INDEFINITE:
            name_start = doc[start + 1].idx if start + 1 < len(doc) else doc[start].idx
        out.append(
            BodyPhrase(
                start=doc[start].idx,
                end=doc[end - 1].idx + len(doc[end - 1].text),
                name_start=name_start,
                tok_start=start,
                tok_end=end,
                head=head,
                qualifier=qualifier,
                possessor=possessor,
                definite=definite,
                sent_start=doc[sent0].idx,
                head_start=tok.idx,
                head_end=tok.idx + len(tok.text),
            )
        )
    return out

"""Finding events in a parsed Doc: who did what to whom, as PLOVER-style matches.

Stages:

1. ``find_triggers``: verbs (and nouns under a light verb: "held talks", "launched an attack")
   whose lemma is in the PLOVER trigger lexicon (``nlp/data/plover_lexicon.json``);
2. ``apply_modality``: a cooperative act under an intent marker ("will provide aid", "pledged
   to withdraw") is an AGREE; a hostile act under a threat marker ("threatened to impose
   sanctions") a THREATEN; an act under a refusal marker or negation ("refused to meet") a
   REJECT. The marker's trigger absorbs the embedded one, so each act yields one event. An
   announced retreat ("will resign") stays a RETREAT (the lexicon's ``announced_types``);
3. ``find_participants``: the source is the trigger's subject (the agent in a passive), the
   target its object or the object of "against / on / with / to"; both are expanded to their
   noun phrase and named by the article's actors when storyline_actors ran.

Speech verbs ("said") are never events themselves: what is said is (the quote layer covers it).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Token

from storyline.nlp.events.lexicon import Lexicon

__all__ = ["EventMatch", "find_events", "find_participants"]

SUBJECTS = {"nsubj", "csubj"}
PASSIVE_SUBJECTS = {"nsubjpass", "csubjpass"}
OBJECTS = {"dobj", "obj", "attr"}
TARGET_PREPS = frozenset(
    {"against", "on", "with", "to", "into", "at", "from", "toward", "towards", "among", "between"}
)
NOUN_PREPS = frozenset({"of", "by"})  # a noun's own actor: "the withdrawal [of] X", "an admission [by] X"
LIGHT_PREPS = frozenset({"in"})  # a light verb's event noun behind a preposition: "engaged in talks"
ATTEMPT_NOUNS = frozenset({"attempt", "bid", "plot", "try"})  # "an attempt to <act>" reports the act
OWN = frozenset({"its", "their", "his", "her", "our"})  # "withdraw [their] troops": the source's own


@dataclass
class EventMatch:
    """One event found in a Doc (character offsets into ``doc.text``)."""

    event_type: str
    trigger: tuple[int, int]
    mode: str | None = None
    source: tuple[int, int] | None = None
    target: tuple[int, int] | None = None
    negated: bool = False
    modality: str | None = None  # intent | threat | refusal | demand | negated
    act: str | None = None  # the PLOVER type of the act itself, before modality


def _negated(tok: Token) -> bool:
    return any(c.dep_ == "neg" for c in tok.children)


def verb_lemma(tok: Token, known: Collection[str]) -> str:
    """The verb's lemma, or the regular stem of its form when the lemmatiser's guess is not a
    word the lexicon knows but the stem is ("staged" -> "stage", not "stag")."""
    lemma = tok.lemma_.lower()
    if lemma in known or not tok.tag_.startswith("VB"):
        return lemma
    form = tok.lower_
    for stem in (form[:-1], form[:-2], form[:-3], form[:-3] + "e", form[:-2] + "e"):
        if len(stem) > 2 and stem in known:
            return stem
    return lemma


def phrase_type(lemma: str, child: Token, lex: Lexicon) -> str | None:
    """The type of the phrase the verb ``lemma`` makes with its dependent ``child``: a
    particle or fixed object ("pull [out]", "open [fire]"), or an object the codebook codes the
    verb by ("signed a [treaty]", "a [curfew] was imposed")."""
    if child.dep_ in ("prt", "dobj", "prep") and (kind := lex.particles.get((lemma, child.lower_))):
        return kind
    if child.dep_ in ("dobj", "nsubjpass"):
        return lex.objects.get((lemma, child.lemma_.lower()))
    return None


def _trigger_type(tok: Token, lex: Lexicon) -> str | None:
    lemma = verb_lemma(tok, lex.known_verbs)
    if tok.pos_ in ("VERB", "AUX") or tok.tag_.startswith("VB"):
        for child in tok.children:
            if kind := phrase_type(lemma, child, lex):
                return kind
        return lex.verbs.get(lemma)
    if tok.pos_ == "NOUN" and (kind := lex.noun_type(lemma, tok.lower_)) is not None:
        verb = _light_verb(tok, lex)
        if verb is not None and _trigger_type(verb, lex) is None:
            return "ACCUSE" if kind == "ASSAULT" and _verbal(tok, verb, lex) else kind
    return None


def _verbal(noun: Token, verb: Token, lex: Lexicon) -> bool:
    """An attack made in words: under a verbal light verb ("levelled an attack at X") or with a
    verbal modifier ("launched a blistering attack")."""
    if verb_lemma(verb, lex.known_verbs) in lex.verbal_light_verbs:
        return True
    return any(c.dep_ == "amod" and c.lower_ in lex.verbal_modifiers for c in noun.children)


def _light_verb(tok: Token, lex: Lexicon) -> Token | None:
    """The light verb governing an event noun: "held [talks]", "sent tons of [aid]"; or the
    verb of its frame (``_frame_verb``)."""
    frame = _frame_verb(tok, lex)
    if frame is not None:
        return frame
    node = tok
    for _ in range(4):
        if node.dep_ in OBJECTS and verb_lemma(node.head, lex.known_verbs) in lex.light_verbs:
            return node.head
        if (
            node.dep_ == "prep"
            and node.lower_ in LIGHT_PREPS
            and verb_lemma(node.head, lex.known_verbs) in lex.light_verbs
        ):
            return node.head  # "engaged [in] fighting"
        if node.dep_ not in ("pobj", "prep", "conj", "compound") or node.head.i == node.i:
            return None
        node = node.head
    return None


def _frame_verb(tok: Token, lex: Lexicon) -> Token | None:
    """The verb an event noun reports through its syntactic frame, with no light verb: the
    subject of a verb of occurring ("[clashes] erupted", "[talks] began"), or the object of a
    preposition of circumstance under a verb ("threw stones [during] [protests]"). A verb that
    itself modifies a noun ("a guard involved in a shooting") reports nothing."""
    head = tok.head
    if (
        tok.dep_ in SUBJECTS
        and head.pos_ == "VERB"
        and verb_lemma(head, lex.known_verbs) in lex.occurrence_verbs
    ):
        return head
    if tok.dep_ == "pobj" and head.lower_ in lex.circumstance_preps and head.head.i != head.i:
        verb = head.head
        if verb.pos_ == "VERB" and verb.dep_ not in ("amod", "acl", "relcl"):
            return verb
    return None


def _phrase(tok: Token) -> tuple[int, int]:
    """The noun phrase headed by ``tok``, without relative clauses, appositions or conjuncts."""
    cut = {"relcl", "appos", "acl", "advcl", "conj", "cc", "punct"}
    excluded = {t.i for c in tok.children if c.dep_ in cut for t in c.subtree}
    keep = [t for t in tok.subtree if t.i not in excluded]
    left, right = keep[0], keep[-1]
    doc = tok.doc
    while left.i < tok.i and (left.is_punct or left.dep_ == "cc"):
        left = doc[left.i + 1]
    while right.i > tok.i and (right.is_punct or right.dep_ == "cc"):
        right = doc[right.i - 1]
    return left.idx, right.idx + len(right.text)


def _with_apposition(tok: Token) -> tuple[int, int]:
    """The subject's phrase through its apposition, which names the same actor: "[Jane Roe,
    the Norland envoy,] demanded ..."."""
    start, end = _phrase(tok)
    appos = [c for c in tok.children if c.dep_ == "appos" and c.i > tok.i]
    if appos:
        last = appos[-1].right_edge
        while last.i > tok.i and last.is_punct and not last.is_right_punct:
            last = tok.doc[last.i - 1]
        doc = tok.doc
        opened = any(t.is_left_punct for t in doc[tok.i : appos[-1].i])
        if opened and last.i + 1 < len(doc) and doc[last.i + 1].is_right_punct:
            last = doc[last.i + 1]  # "the Front (VLF)": the bracket closes
        end = max(end, last.idx + len(last.text))
    return start, end


def _governor(tok: Token) -> Token:
    """The verb whose subject is also ``tok``'s: through xcomp / conj / ccomp chains, an
    adjectival complement ("ready to host"), and a subjectless participle clause ("opened fire,
    killing two"), and a gerund under a verb's preposition ("resorted to [throwing] stones")."""
    while tok.head.i != tok.i:
        gerund = (
            tok.dep_ == "pcomp"
            and tok.tag_ == "VBG"
            and tok.head.dep_ == "prep"
            and tok.head.head.pos_ in ("VERB", "AUX")
        )
        shares = tok.dep_ in ("xcomp", "conj", "ccomp", "acomp") or (
            tok.dep_ == "advcl" and (tok.tag_ == "VBG" or _purpose(tok))
        )
        if not (shares or gerund) or any(c.dep_ in SUBJECTS for c in tok.children):
            break
        tok = tok.head.head if gerund else tok.head
    return tok


def _raised_subject(verb: Token) -> Token | None:
    """The passive subject of the verb an infinitive complements or a conjunct shares: "[X]
    was asked to withdraw", "and [the two unions] are expected to sign", "[X] was fined and
    will step down": X does the act."""
    node = verb
    while node.dep_ in ("xcomp", "conj") and node.head.i != node.i:
        if any(c.dep_ in SUBJECTS for c in node.children):
            return None
        node = node.head
        passive = next((c for c in node.children if c.dep_ in PASSIVE_SUBJECTS), None)
        if passive is not None:
            named = passive.pos_ in ("NOUN", "PROPN", "PRON") and passive.lower_ not in RELATIVES
            return passive if named else None  # "how many would be asked to leave": no actor
        if any(c.dep_ in SUBJECTS for c in node.children):
            return None
    return None


def _purpose(tok: Token) -> bool:
    """A purpose clause ("gathered [to protest] X"): its subject is the main clause's."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)


def _pobj(prep: Token) -> Token | None:
    """The object of a preposition (or of the "by" of a passive agent)."""
    return next((g for g in prep.children if g.dep_ == "pobj"), None)


NOT_PARTICIPANTS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY"})
ACTOR_ENTS = frozenset({"PERSON", "NORP", "ORG", "GPE", "LOC", "FAC"})
PRONOUNS = frozenset({"it", "they", "he", "she", "we", "them", "him", "her", "its", "their"})
RELATIVES = frozenset({"who", "which", "that", "whom"})


def _is_time(tok: Token) -> bool:
    return tok.ent_type_ in NOT_PARTICIPANTS or tok.dep_ == "npadvmod"


def _actorish(tok: Token) -> bool:
    """The noun phrase headed by ``tok`` can name an actor: a name, a nationality, a person
    pronoun, or a head noun that is a role word ("rebels", "the government")."""
    from storyline.nlp.events.coding import is_role_word

    if tok.lower_ in PRONOUNS or tok.ent_type_ in ACTOR_ENTS or tok.pos_ == "PROPN":
        return True
    if is_role_word(tok.lemma_) or is_role_word(tok.lower_):
        return True
    return any(
        c.ent_type_ in ("NORP", "GPE") or c.pos_ == "PROPN"
        for c in tok.children
        if c.dep_ in ("amod", "compound", "poss", "nmod")
    )


def _prep_object(tok: Token, actors_only: bool = False, preps: frozenset[str] = TARGET_PREPS) -> Token | None:
    for c in sorted(tok.children, key=lambda c: (c.lower_ not in NOUN_PREPS, c.i)):
        if c.dep_ in ("prep", "dative", "agent") and c.lower_ in preps:
            pobj = _pobj(c)
            if pobj is not None and not _is_time(pobj) and (not actors_only or _actorish(pobj)):
                return pobj
    return None


def _of_relative(tok: Token) -> bool:
    """A part of a relative's antecedent: "[most] of whom", "[some] of which"."""
    return any(
        c.dep_ == "prep" and c.lower_ == "of" and any(g.lower_ in RELATIVES for g in c.children)
        for c in tok.children
    )


def _antecedent(tok: Token) -> Token:
    """A subject pronoun under a speech verb stands for that verb's subject: "[Norland] said
    [it] would withdraw"; a relative pronoun for the noun its clause modifies; otherwise the
    pronoun itself (the annotation step looks for its antecedent)."""
    if tok.lower_ in RELATIVES and tok.head.dep_ == "relcl" and tok.head.head.i != tok.head.i:
        return tok.head.head  # "the ministers [who] met ..." -> the ministers
    if _of_relative(tok) and tok.head.dep_ == "relcl" and tok.head.head.i != tok.head.i:
        return tok.head.head  # "the ministers, [most of whom] backed ..." -> the ministers
    if tok.lower_ not in PRONOUNS:
        return tok
    node = tok.head
    for _ in range(5):  # "[X] was quoted as saying that [she] ...": through "as" too
        if node.dep_ not in ("ccomp", "xcomp", "conj", "advcl", "pcomp", "prep") or node.head.i == node.i:
            break
        node = node.head
        subj = next((c for c in node.children if c.dep_ in SUBJECTS | PASSIVE_SUBJECTS and c.i < tok.i), None)
        if subj is not None and subj.lower_ not in PRONOUNS:
            return subj
    return tok


@lru_cache(maxsize=1)
def _body_and_document_nouns() -> tuple[frozenset[str], frozenset[str]]:
    """The vocabulary's body words (they name actors) and document nouns (what was said)."""
    from storyline.nlp.vocabulary import vocabulary

    words = vocabulary()
    return words.body_words | words.body_nouns | words.org_nouns, words.document_nouns


def _names_no_actor(tok: Token, lex: Lexicon) -> bool:
    """A common noun that names an act, a saying or an abstract state, not who acts: an event
    noun ("talks", "withdrawal"), a speech or document noun ("remarks", "statement"), or an
    abstract derivation ("presence", "reluctance"). Role and body words name actors."""
    from storyline.nlp.events.coding import is_role_word

    if tok.pos_ not in ("NOUN", "VERB"):  # a subject tagged VERB is a noun; a name is an actor
        return False
    lemma, form = tok.lemma_.lower(), tok.lower_
    bodies, documents = _body_and_document_nouns()
    if is_role_word(lemma) or is_role_word(form) or lemma in bodies or form in bodies:
        return False
    sayings = documents | lex.speech_nouns
    if lex.noun_type(lemma, form) is not None or lemma in sayings or form in sayings:
        return True
    return any(lemma.endswith(end) and len(lemma) > len(end) + 3 for end in lex.abstract_suffixes)


def _source_actor(tok: Token, lex: Lexicon, kind: str | None = None) -> Token | None:
    """The actor a subject names: itself, or for a noun that names no actor ("[Norland's]
    remarks", "[Norland] attacks", "remarks [by the envoy]", a state "[of] X": "the presence
    of X") the actor it is of; else none ("peace talks were meant to ...": talks are not a
    source). A hostile act of the event's own type stands for its unnamed doers ("a bombing
    killed two": the bombing is the source)."""
    if not _names_no_actor(tok, lex):
        return tok
    if kind in lex.hostile and lex.noun_type(tok.lemma_.lower(), tok.lower_) == kind:
        return tok
    for c in tok.children:
        if c.dep_ == "poss" and c.lower_ not in OWN:
            return c
        if c.dep_ in ("amod", "compound", "nmod") and (c.ent_type_ in ACTOR_ENTS or c.pos_ == "PROPN"):
            return c
    agent = _prep_object(tok, actors_only=True, preps=frozenset({"by"}))
    if agent is None and lex.noun_type(tok.lemma_.lower(), tok.lower_) is None:
        agent = _prep_object(tok, actors_only=True, preps=frozenset({"of"}))  # "the presence [of] X"
    return agent


def _own(c: Token) -> bool:
    return any(p.dep_ == "poss" and p.lower_ in OWN for p in c.children)


def _acted_by(c: Token) -> Token | None:
    """The agent of an act noun's participle: "the demonstration staged [by students]"."""
    for acl in c.children:
        if acl.dep_ == "acl":
            for agent in acl.children:
                if agent.dep_ == "agent" and (pobj := _pobj(agent)) is not None and _actorish(pobj):
                    return pobj
    return None


def _object_target(c: Token, verb: Token, lex: Lexicon) -> Token:
    """The target an object gives: the object itself when it can name an actor; else the
    actor it points on to ("impose [sanctions] on X", "rejected a call from X", "demanded the
    withdrawal of X", "prevented the march staged by X"); else the object as it stands. The
    source's own ("withdraw their troops from X") points on too."""
    names_act = lex.noun_type(c.lemma_.lower(), c.lower_) is not None
    if not names_act and not _own(c) and _actorish(c):
        return c
    inner = (
        _acted_by(c)
        or _prep_object(c, actors_only=True, preps=TARGET_PREPS | NOUN_PREPS)
        or _prep_object(verb, actors_only=True)
    )
    if inner is None and not _passive(verb):  # "protested the arrests ... [by] X": their agent
        inner = _prep_object(verb, actors_only=True, preps=frozenset({"by"}))
    if inner is not None:
        return inner
    return c


def _passive(verb: Token) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)


def _clause_subject(verb: Token, lex: Lexicon) -> Token | None:
    """The subject of an infinitive that modifies an event noun ("a rally [to protest] X"):
    the one who does what the noun names, the subject of the clause the noun is in ("X
    gathered for a rally to denounce Y"). Other nouns do not pass it on ("foiled a bid to
    <act>": the foiler is not the doer)."""
    if verb.dep_ not in ("relcl", "acl") or not _purpose(verb) or verb.head.i == verb.i:
        return None
    noun = verb.head
    if lex.noun_type(noun.lemma_.lower(), noun.lower_) is None:
        return None
    node = noun
    for _ in range(3):
        if node.dep_ in ("pobj", "prep", *OBJECTS) and node.head.i != node.i:
            node = node.head
            continue
        break
    if node.pos_ not in ("VERB", "AUX"):
        return None
    return next((c for c in _governor(node).children if c.dep_ in SUBJECTS), None)


def find_participants(
    trigger: Token, lex: Lexicon, kind: str | None = None
) -> tuple[tuple[int, int] | None, tuple[int, int] | None]:
    """The source and target spans of the event ``trigger`` reports (``kind``: its type, when
    the caller knows it)."""
    verb = (_light_verb(trigger, lex) or trigger.head) if trigger.pos_ == "NOUN" else trigger
    source = target = None
    gov = _governor(verb)
    kind = kind or _trigger_type(trigger, lex)
    raised = _raised_subject(verb)
    if raised is not None:
        gov = raised.head
    for c in gov.children:
        if c.dep_ in SUBJECTS or (raised is not None and c.i == raised.i):
            actor = _source_actor(_antecedent(c), lex, kind)
            source = _with_apposition(actor) if actor is not None else None
            break
    if source is None and (subj := _clause_subject(verb, lex)) is not None:
        actor = _source_actor(_antecedent(subj), lex, kind)
        source = _phrase(actor) if actor is not None else None
    if source is None:  # passive: "the envoy was expelled by the ministry"
        for c in verb.children:
            if c.dep_ == "agent":
                pobj = _pobj(c)
                if pobj is not None:
                    source = _phrase(pobj)
    if source is None and _passive(verb):  # "was killed in an air strike": the strike's doers
        for c in verb.children:
            pobj = _pobj(c) if c.dep_ == "prep" and c.lower_ in ("in", "by") else None
            if pobj is None or pobj.i == trigger.i:  # "engaged in [fighting]": the act itself
                continue
            if lex.noun_type(pobj.lemma_.lower(), pobj.lower_) is not None:
                source = _phrase(pobj)
                break
    through_prep = trigger.pos_ == "NOUN" and trigger.head.dep_ == "prep" and trigger.head.head.i == verb.i
    if source is None and through_prep:  # "X [were engaged] in fighting": the subject is the agent
        subj = next((c for c in verb.children if c.dep_ in PASSIVE_SUBJECTS), None)
        if subj is not None:
            source = _phrase(_antecedent(subj))
    if trigger.pos_ == "NOUN":  # "an attack [on the town]"
        pobj = _prep_object(trigger)
        if pobj is not None:
            return source, _phrase(pobj)
    head: Token | None = None
    lemma = verb_lemma(verb, lex.known_verbs)
    for c in verb.children:
        if c.dep_ in PASSIVE_SUBJECTS:
            # "a [curfew] was imposed": the object the verb is coded by is no target
            head = None if through_prep or phrase_type(lemma, c, lex) is not None else c
        elif c.dep_ in OBJECTS and head is None and all(t.i != trigger.i for t in c.subtree):
            if phrase_type(lemma, c, lex) is not None:
                # the object is part of the trigger ("opened [fire] on X", "imposed a [curfew]
                # on X"): its own actor is the target
                head = _prep_object(c, actors_only=True, preps=TARGET_PREPS | NOUN_PREPS)
                continue
            head = _object_target(c, verb, lex)
    if head is None:
        head = _prep_object(trigger) or _prep_object(verb)
    if head is None or not _actorish(head):  # a thing, or nothing: the act it governs may name X
        head = _complement_target(verb, lex) or head
    if head is not None and not _actorish(head):  # "sought shelter [in] <country>": the host
        head = _host_country(verb) or head
    if head is not None:
        target = _phrase(head)
    return source, target


def _host_country(verb: Token) -> Token | None:
    """A country under the verb's "in", for an act whose object is a thing: who it is sought
    from or done in ("sought shelter in <country>"); a city stays a place."""
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ == "in":
            pobj = _pobj(c)
            if pobj is not None and pobj.ent_type_ == "GPE" and _country_name(pobj):
                return pobj
    return None


def _country_name(tok: Token) -> bool:
    from storyline.nlp.places.gazetteer import load_places

    ent = next((e for e in tok.doc.ents if e.start <= tok.i < e.end), None)
    return ent is not None and load_places().country_of_name(ent.text) is not None


def _conditioned(verb: Token) -> Token | None:
    """Who a conditional act is aimed at: the subject of its "unless" / "if" clause ("will
    strike unless [the council] yields")."""
    for node in (verb, *(c for c in verb.children if c.dep_ in ("xcomp", "ccomp"))):
        for c in node.children:
            if c.dep_ == "advcl" and any(
                m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in c.children
            ):
                subj = next((x for x in c.children if x.dep_ in SUBJECTS), None)
                if subj is not None and subj.lower_ not in PRONOUNS and _actorish(subj):
                    return subj
    return None


def _complement_target(verb: Token, lex: Lexicon) -> Token | None:
    """A marker's target from the act it governs: "threatened to break ties [with X]", "demanded
    that [X] withdraw", "began a strike to protest [X]'s decision"; or the one a condition is
    put to."""
    for comp in verb.children:
        purpose = comp.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in comp.children)
        if comp.dep_ not in ("xcomp", "ccomp") and not purpose:
            continue
        subj = next((c for c in comp.children if c.dep_ in SUBJECTS), None)
        if comp.dep_ == "ccomp" and subj is not None and subj.lower_ not in PRONOUNS and _actorish(subj):
            return subj
        for c in comp.children:
            if c.dep_ in OBJECTS:
                t = _object_target(c, comp, lex)
                if _actorish(t):
                    return t
        pobj = _prep_object(comp, actors_only=True)
        if pobj is not None:
            return pobj
    return _conditioned(verb)


def _condition(act: Token) -> str | None:
    """The conditional marker ("if", "unless") of an adverbial clause under ``act``."""
    for c in act.children:
        if c.dep_ == "advcl":
            for m in c.children:
                if m.dep_ == "mark" and m.lower_ in ("if", "unless"):
                    return m.lower_
    return None


CONTENT_HEADS = frozenset({"REQUEST", "REJECT", "ACCUSE"})  # their complement is what they are about


UNREALISED = frozenset({"before", "without", "instead"})  # "[before] allowing": not (yet) done


def _unrealised(tok: Token) -> bool:
    """An act the sentence says has not happened: a gerund under "before", "without" or
    "instead of" ("wanted a pledge before [opening] the border"). A clause with a subject of its
    own tells of something that did happen ("a day before the council [rejected] the bid")."""
    if tok.dep_ == "pcomp" and tok.head.lower_ in UNREALISED:
        return True
    if tok.dep_ == "pcomp" and tok.head.lower_ == "of" and tok.head.head.lower_ in UNREALISED:
        return True
    if tok.dep_ != "advcl" or tok.tag_ != "VBG" or any(c.dep_ in SUBJECTS for c in tok.children):
        return False
    return any(c.dep_ == "mark" and c.lower_ in UNREALISED for c in tok.children)


def _in_relative_under_event(tok: Token, heads: set[int]) -> bool:
    node = tok
    for _ in range(4):
        if node.dep_ == "relcl":
            noun = node.head
            return noun.i in heads or (noun.head.i != noun.i and noun.head.i in heads)
        if node.dep_ not in ("xcomp", "conj", "ccomp") or node.head.i == node.i:
            return False
        node = node.head
    return False


def _backgrounded(tok: Token, kinds: dict[int, str], heads: set[int], markers: frozenset[str]) -> bool:
    """A verb trigger that is not the sentence's own report of an act.

    - a participle or infinitive modifying a noun ("equipment [seized] last year");
    - the content of a noun ("a proposal for [signing] a pact", "an agreement on [carrying]
      out a march");
    - a participle or purpose clause under another event ("opened fire, [killing] two",
      "began a hunger strike to [demand] ...");
    - the condition of another event ("will strike unless the council [accepts] ...");
    - the content of a request, rejection or accusation ("demanded that the militia
      [disarm]"), unless the head is a modality marker the two merge under ("refused to meet");
    - a relative clause on a participant of another event ("backed a resolution that [imposes]
      sanctions");
    - a conjunct of an event of the same type ("killed one and [wounded] two");
    - an act the sentence says is not (yet) done ("wanted a pledge [before] opening ...",
      "left [without] releasing ...").
    """
    if tok.pos_ not in ("VERB", "AUX") or tok.head.i == tok.i:
        return False
    head = tok.head
    if tok.dep_ in ("amod", "acl"):
        return not (tok.dep_ == "acl" and head.lemma_.lower() in ATTEMPT_NOUNS and _purpose(tok))
    if _in_relative_under_event(tok, heads):
        return True
    if tok.dep_ == "pcomp" and head.dep_ == "prep" and head.head.pos_ in ("NOUN", "PROPN"):
        return True
    if _unrealised(tok):
        return True
    if head.i not in heads:
        return False
    if tok.dep_ == "advcl":
        if any(m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in tok.children):
            return True
        participle = tok.tag_ == "VBG"
        purpose = any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)
        return participle or purpose
    if (
        tok.dep_ in ("ccomp", "xcomp")
        and kinds.get(head.i) in CONTENT_HEADS
        and head.lemma_.lower() not in markers
    ):
        return True
    return tok.dep_ == "conj" and kinds.get(head.i) == kinds.get(tok.i)


def _modality(act: Token, kind: str, lex: Lexicon) -> tuple[str, Token, str | None]:
    """The event type once markers are applied, the token that carries it, and the modality
    (intent, threat, refusal, negated) the marker expressed."""
    head = act.head if act.dep_ in ("xcomp", "ccomp", "advcl") and act.head.i != act.i else None
    head_lemma = head.lemma_.lower() if head is not None else ""
    modals = {c.lower_ for c in act.children if c.dep_ == "aux"}
    has_will = bool(modals & lex.modal_threat)
    condition = _condition(act)
    if condition == "unless" and modals & lex.conditional_modals:  # "will walk out unless ..."
        return "THREATEN", act, "threat"
    if condition == "if" and modals & lex.conditional_modals:  # "may halt talks if ..."
        if kind in lex.hostile or kind in ("SANCTION", "REJECT"):
            return "THREATEN", act, "threat"
        if kind in lex.cooperative:
            return "AGREE", act, "intent"
    if head is not None and head_lemma in lex.refusal:
        return "REJECT", head, "refusal"
    if _negated(act) and kind in lex.cooperative:
        return "REJECT", act, "negated"
    if head is not None and head_lemma in lex.threat and kind in lex.hostile:
        return "THREATEN", head, "threat"
    if kind in lex.cooperative and head is not None and head_lemma in lex.intent:
        return "AGREE", head, "intent"
    if kind in lex.cooperative and has_will:
        return (kind if kind in lex.announced_types else "AGREE"), act, "intent"
    if kind in lex.hostile and has_will:
        return "THREATEN", act, "threat"
    return kind, act, ("negated" if _negated(act) else None)


def _demand(tok: Token, lex: Lexicon) -> Token | None:
    """The speech verb of a reported demand: "X said that Y must <act>"."""
    if tok.dep_ != "ccomp" or tok.head.lemma_.lower() not in lex.speech_verbs:
        return None
    if any(c.dep_ == "aux" and c.lower_ in lex.demand_modals for c in tok.children):
        return tok.head
    return None


def find_events(doc: Doc, lex: Lexicon) -> list[EventMatch]:
    """Every event in ``doc``: pure matching, nothing is written to the Doc.

    A marker that also fires on its own ("agreed", "warned") is kept once, as the combined
    event: the embedded act comes later in the sentence and replaces the marker's entry.
    """
    found: dict[int, EventMatch] = {}
    kinds = {tok.i: k for tok in doc if (k := _trigger_type(tok, lex)) is not None}
    # an event noun's light verb stands for it ("[staged] rallies, saying ...")
    heads = set(kinds) | {
        lv.i for i in kinds if doc[i].pos_ == "NOUN" and (lv := _light_verb(doc[i], lex)) is not None
    }
    markers = lex.refusal | lex.intent | lex.threat
    # the verb that reports each event: a noun's light verb, else the trigger itself
    reporters = {i: (_light_verb(doc[i], lex) or doc[i]) if doc[i].pos_ == "NOUN" else doc[i] for i in kinds}
    reported = dict(kinds) | {r.i: kinds[i] for i, r in reporters.items()}
    for tok in doc:
        kind = kinds.get(tok.i)
        if _backgrounded(tok, kinds, heads, markers):
            continue
        light = reporters[tok.i] if kind is not None and tok.pos_ == "NOUN" else tok
        if light.i != tok.i and _backgrounded(light, reported, heads, markers):
            continue  # "backed a resolution that aims to [tighten] sanctions"
        speech = _demand(tok, lex) if tok.pos_ in ("VERB", "AUX") else None
        if speech is not None and _backgrounded(speech, kinds, heads, markers):
            continue  # "marched on the square, saying she must quit": the demanded act is no event either
        if speech is not None and speech.i not in found:
            source, target = find_participants(speech, lex)
            found[speech.i] = EventMatch(
                event_type="REQUEST",
                trigger=(speech.idx, speech.idx + len(speech.text)),
                mode=tok.lemma_.lower(),
                source=source,
                target=_phrase(next((c for c in tok.children if c.dep_ in SUBJECTS), tok)),
                modality="demand",
                act=kind,
            )
            continue
        if kind is None:
            continue
        act = (_light_verb(tok, lex) or tok) if tok.pos_ == "NOUN" else tok
        new_kind, marker, modality = _modality(act, kind, lex)
        source, target = find_participants(tok, lex, kind)
        found[marker.i] = EventMatch(
            event_type=new_kind,
            trigger=(marker.idx, marker.idx + len(marker.text)),
            mode=None if new_kind == kind else tok.lemma_.lower(),
            source=source,
            target=target,
            negated=_negated(act),
            modality=modality,
            act=kind,
        )
    return [m for _, m in sorted(found.items())]

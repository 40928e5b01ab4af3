"""Stances: each actor's position towards the story's other actors and main proposals.

Two sources of evidence, both pointing at the characters they came from:

1. ``stances_from_events``: a story event says how its source stands towards its target
   (SUPPORT -> supports, REJECT -> rejects, ACCUSE -> criticises, THREATEN -> threatens, ...;
   ``EVENT_STANCES``). A target that names no actor but a thing ("the plan", "the truce")
   is a proposal. Both sides must be identified: a canonical actor, or coded by country or
   sector ("experts" hold no stance a reader can check);
2. ``stances_from_quotes``: a quote by a known speaker that carries a stance word ("we
   back", "reject", "welcome", "unacceptable"; ``QUOTE_CUES``) about something it can be
   pinned to, first found: one of the story's proposals named in the quote; one of the
   story's actors named just after the cue ("will keep supporting <X>"); for a partial quote
   inside the reporter's sentence, the proposal or actor the event reported in that sentence
   is aimed at ("rejected the plan, calling it 'dangerous'"). A negated cue ("will not accept")
   reverses support to rejects.

The story's main proposals are the non-actor targets its events name most (at most
``MAX_PROPOSALS``), reduced to their head noun phrase.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence

from storyline.models import Quote, Stance, StanceEvidence, StoryEvent, Utterance

__all__ = ["EVENT_STANCES", "MAX_PROPOSALS", "QUOTE_CUES", "build_stances", "main_proposals"]

EVENT_STANCES: dict[str, str] = {
    "SUPPORT": "supports",
    "AGREE": "agrees",
    "CONSULT": "engages",
    "COOPERATE": "cooperates",
    "AID": "aids",
    "CONCEDE": "yields",
    "RETREAT": "yields",
    "REQUEST": "demands",
    "ACCUSE": "criticises",
    "REJECT": "rejects",
    "THREATEN": "threatens",
    "PROTEST": "protests",
    "SANCTION": "sanctions",
    "MOBILIZE": "threatens",
    "COERCE": "coerces",
    "ASSAULT": "attacks",
}
QUOTE_CUES: dict[str, str] = {
    "support": "supports",
    "supports": "supports",
    "back": "supports",
    "backs": "supports",
    "welcome": "supports",
    "welcomes": "supports",
    "endorse": "supports",
    "accept": "supports",
    "reject": "rejects",
    "rejects": "rejects",
    "oppose": "rejects",
    "opposes": "rejects",
    "refuse": "rejects",
    "condemn": "criticises",
    "criticise": "criticises",
    "criticize": "criticises",
    "unacceptable": "rejects",
    "dangerous": "criticises",
}
NEGATIONS = frozenset({"not", "never", "no", "n't", "cannot", "won't"})
CUE_WINDOW = 4  # words after a cue in which the actor it is aimed at must be named
MAX_PROPOSALS = 5
PROPOSAL_HEADS = frozenset(
    {
        "plan", "proposal", "deal", "agreement", "accord", "ceasefire", "truce", "treaty",
        "resolution", "bill", "law", "offer", "initiative", "pact", "framework", "package",
        "sanctions", "force", "mission", "talks", "summit", "coalition", "referendum",
    }
)  # fmt: skip
_WORD = re.compile(r"[\w'’-]+")


def _proposal(text: str | None) -> str | None:
    """The proposal a target phrase names ("the peace plan for the north" -> "peace plan")."""
    if not text:
        return None
    words = [w.lower() for w in _WORD.findall(text)]
    for i, w in enumerate(words):
        if w in PROPOSAL_HEADS:
            start = max(0, i - 2)
            lead = [x for x in words[start:i] if x not in ("the", "a", "an", "its", "their", "his", "her")]
            return " ".join([*lead, w])
    return None


def main_proposals(events: Sequence[StoryEvent]) -> list[str]:
    counted = Counter(p for e in events if e.target_id is None and (p := _proposal(e.target)))
    return [p for p, _ in counted.most_common(MAX_PROPOSALS)]


def _event_evidence(e: StoryEvent) -> tuple[StanceEvidence, ...]:
    return tuple(
        StanceEvidence(article_id=m.article_id, kind="event", text=m.text, start=m.start, end=m.end)
        for m in e.mentions
        if m.copy_of is None
    )


def _identified(actor_id: str | None, country: str | None, sector: str | None) -> bool:
    """A participant the story can name: a canonical actor, or one coded by country or sector."""
    return actor_id is not None or country is not None or sector is not None


def stances_from_events(events: Sequence[StoryEvent]) -> list[Stance]:
    out = []
    for e in events:
        if not e.actor or not _identified(e.actor_id, e.actor_country, e.actor_sector):
            continue  # "experts", "both sides": nobody a reader can hold to a position
        stance = EVENT_STANCES.get(e.event_type)
        if stance is None:
            continue
        if e.negated and stance == "supports":
            stance = "rejects"
        proposal = _proposal(e.target) if e.target_id is None else None
        towards = proposal or e.target
        if not towards or (
            proposal is None and not _identified(e.target_id, e.target_country, e.target_sector)
        ):
            continue
        out.append(
            Stance(
                actor=e.actor,
                actor_id=e.actor_id,
                stance=stance,
                towards=towards,
                towards_kind="proposal" if proposal else "actor",
                evidence=_event_evidence(e),
            )
        )
    return out


def _cue_stance(words: Sequence[str], i: int, stance: str) -> str | None:
    """The stance of the cue at ``words[i]``, a negation just before it applied."""
    negated = any(x in NEGATIONS or x.endswith("n't") for x in words[max(0, i - 3) : i])
    if negated and stance == "supports":
        return "rejects"
    return None if negated else stance


def _cues(words: Sequence[str]) -> list[tuple[int, str]]:
    """(position, stance) of every stance word of a quote, negation applied."""
    return [
        (i, stance)
        for i, w in enumerate(words)
        if (cue := QUOTE_CUES.get(w)) is not None and (stance := _cue_stance(words, i, cue)) is not None
    ]


def _quote_stance(text: str, proposal: str) -> str | None:
    words = [w.lower() for w in _WORD.findall(text)]
    if proposal.split()[-1] not in words:
        return None
    cues = _cues(words)
    return cues[0][1] if cues else None


def _named_after(words: Sequence[str], i: int, name: str) -> bool:
    """``name``, whole or by its last word (a surname, "Vask"), within CUE_WINDOW words after
    the cue at ``words[i]``."""
    parts = [w.lower() for w in _WORD.findall(name)]
    if not parts:
        return False
    window = words[i + 1 : i + 1 + CUE_WINDOW + len(parts) - 1]
    whole = any(window[j : j + len(parts)] == parts for j in range(len(window)))
    return whole or parts[-1] in window[:CUE_WINDOW]


def _sentence_aims(events: Sequence[StoryEvent]) -> dict[tuple[str, int, int], tuple[str, str]]:
    """(article, sentence start, sentence end) -> what the event reported there is aimed at:
    (a proposal or actor name, its kind)."""
    out: dict[tuple[str, int, int], tuple[str, str]] = {}
    for e in events:
        proposal = _proposal(e.target) if e.target_id is None else None
        if proposal is not None:
            aim = (proposal, "proposal")
        elif e.target and _identified(e.target_id, e.target_country, e.target_sector):
            aim = (e.target, "actor")
        else:
            continue
        for m in e.mentions:
            if m.sentence_start is not None and m.sentence_end is not None:
                out.setdefault((m.article_id, m.sentence_start, m.sentence_end), aim)
    return out


def _stance(q: Quote, stance: str, towards: str, kind: str) -> Stance:
    evidence = StanceEvidence(article_id=q.article_id, kind="quote", text=q.text, start=q.start, end=q.end)
    return Stance(
        actor=q.speaker or "",
        actor_id=None,
        stance=stance,
        towards=towards,
        towards_kind="proposal" if kind == "proposal" else "actor",
        evidence=(evidence,),
    )


def stances_from_quotes(
    quotes: Sequence[Quote],
    proposals: Sequence[str],
    events: Sequence[StoryEvent] = (),
    actors: Sequence[str] = (),
) -> list[Stance]:
    """Stances a quote states (see the module's stage 2); ``events``: the story's events, whose
    sentences pin a partial quote to what they are aimed at; ``actors``: the story's actors."""
    aims = _sentence_aims(events)
    out = []
    for q in quotes:
        if not q.speaker:
            continue
        words = [w.lower() for w in _WORD.findall(q.text)]
        cues = _cues(words)
        if not cues:
            continue
        found = [(p, st) for p in proposals if (st := _quote_stance(q.text, p)) is not None]
        for p, st in found:
            out.append(_stance(q, st, p, "proposal"))
        if found:
            continue
        named = next(
            (
                (a, st)
                for i, st in cues
                for a in actors
                if a.lower() != q.speaker.lower() and _named_after(words, i, a)
            ),
            None,
        )
        if named is not None:
            out.append(_stance(q, named[1], named[0], "actor"))
            continue
        aim = next(
            (v for (aid, s, e), v in aims.items() if aid == q.article_id and s <= q.start and q.end <= e),
            None,
        )
        if aim is not None and q.kind == "partial":  # the reporter's sentence says what it is about
            out.append(_stance(q, cues[0][1], aim[0], aim[1]))
    return out


def build_stances(
    events: Sequence[StoryEvent],
    quotes: Sequence[Quote],
    utterances: Sequence[Utterance] = (),
    speaker_ids: Mapping[str, str] | None = None,
) -> list[Stance]:
    """Every stance of the story, one per (actor, stance, towards), evidence merged."""
    proposals = main_proposals(events)
    actors = sorted(
        {n for e in events for n, i in ((e.actor, e.actor_id), (e.target, e.target_id)) if n and i},
        key=lambda n: (-len(n), n),
    )
    found = stances_from_events(events) + stances_from_quotes(quotes, proposals, events, actors)
    merged: dict[tuple[str, str, str], list[Stance]] = defaultdict(list)
    for s in found:
        merged[(s.actor.lower(), s.stance, s.towards.lower())].append(s)
    out = []
    for group in merged.values():
        first = group[0]
        evidence = tuple(dict.fromkeys(ev for s in group for ev in s.evidence))
        actor_id = next((s.actor_id for s in group if s.actor_id), None)
        if actor_id is None and speaker_ids:
            actor_id = speaker_ids.get(first.actor.lower())
        out.append(first.model_copy(update={"evidence": evidence, "actor_id": actor_id}))
    out.sort(key=lambda s: (-len(s.evidence), s.actor, s.stance, s.towards))
    return out

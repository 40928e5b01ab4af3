"""Stances: each actor's position towards the story's other actors and main proposals.

Two sources of evidence, both pointing at the characters they came from:

1. ``stances_from_events``: a story event says how its source stands towards its target
   (SUPPORT -> supports, REJECT -> rejects, ACCUSE -> criticises, THREATEN -> threatens, ...;
   ``EVENT_STANCES``). A target that names no actor but a thing ("the plan", "the truce")
   is a proposal. Both sides must be identified: a canonical actor, or coded by country or
   sector ("experts" hold no stance a reader can check);
2. ``stances_from_quotes``: a quote by a known speaker that names one of the story's
   proposals and carries a stance word ("we back", "reject", "welcome") —
   ``QUOTE_CUES``; a negated cue ("will not accept") reverses to rejects.

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


def _quote_stance(text: str, proposal: str) -> str | None:
    words = [w.lower() for w in _WORD.findall(text)]
    if proposal.split()[-1] not in words:
        return None
    for i, w in enumerate(words):
        stance = QUOTE_CUES.get(w)
        if stance is None:
            continue
        negated = any(x in NEGATIONS or x.endswith("n't") for x in words[max(0, i - 3) : i])
        if negated and stance == "supports":
            return "rejects"
        if negated:
            return None
        return stance
    return None


def stances_from_quotes(quotes: Sequence[Quote], proposals: Sequence[str]) -> list[Stance]:
    out = []
    for q in quotes:
        if not q.speaker:
            continue
        for p in proposals:
            stance = _quote_stance(q.text, p)
            if stance is not None:
                evidence = StanceEvidence(
                    article_id=q.article_id, kind="quote", text=q.text, start=q.start, end=q.end
                )
                out.append(
                    Stance(
                        actor=q.speaker,
                        actor_id=None,
                        stance=stance,
                        towards=p,
                        towards_kind="proposal",
                        evidence=(evidence,),
                    )
                )
    return out


def build_stances(
    events: Sequence[StoryEvent],
    quotes: Sequence[Quote],
    utterances: Sequence[Utterance] = (),
    speaker_ids: Mapping[str, str] | None = None,
) -> list[Stance]:
    """Every stance of the story, one per (actor, stance, towards), evidence merged."""
    proposals = main_proposals(events)
    found = stances_from_events(events) + stances_from_quotes(quotes, proposals)
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

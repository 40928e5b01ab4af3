"""The quotes ``storyline_quotes`` left in ``doc._.sl_quotes`` as :class:`Quote` records."""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc

from storyline.models import Entity, Quote

__all__ = ["to_records"]


def _entity_for(entities: tuple[Entity, ...], start: int, end: int) -> Entity | None:
    for e in entities:
        for m in e.mentions:
            if m.start < end and start < m.end:
                return e
    return None


def _cue_text(text: str, start: int | None, end: int | None) -> str | None:
    if start is None or end is None:
        return None
    return text[start:end]


def to_records(doc: Doc, article_id: str, entities: tuple[Entity, ...] = ()) -> tuple[Quote, ...]:
    """The Doc's quotes as records. ``entities`` (the actor layer's records) name the speaker
    when the component could not, and give every speaker its entity id: the entity named by the
    words the speaker was resolved from (``referent_start`` / ``referent_end``: "two of the
    judges" is written, "two" resolved), else by the mention as written."""
    text = doc.text
    found: list[dict[str, Any]] = doc._.sl_quotes or []
    out = []
    for q in found:
        s0, s1 = q.get("speaker_start"), q.get("speaker_end")
        r0, r1 = q.get("referent_start", s0), q.get("referent_end", s1)
        speaker, speaker_id = q.get("speaker"), q.get("speaker_id")
        if r0 is not None and r1 is not None and entities:
            ent = _entity_for(entities, r0, r1)
            if ent is not None and speaker_id is None:
                speaker_id = ent.entity_id
                speaker = speaker or ent.name
        out.append(
            Quote(
                article_id=article_id,
                text=text[q["start"] : q["end"]],
                start=q["start"],
                end=q["end"],
                kind=q["kind"],
                speaker=speaker,
                speaker_id=speaker_id,
                speaker_text=text[s0:s1] if s0 is not None and s1 is not None else None,
                speaker_start=s0,
                speaker_end=s1,
                cue=_cue_text(text, q.get("cue_start"), q.get("cue_end")),
                cue_start=q.get("cue_start"),
                cue_end=q.get("cue_end"),
                paragraph=q.get("paragraph"),
            )
        )
    return tuple(out)

"""Events found on a Doc, as :class:`storyline.models.Event` records."""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc, Span

from storyline.models import Event
from storyline.nlp.events.lexicon import load_lexicon

__all__ = ["to_records"]


def _actor_name(doc: Doc, span: list[int] | None) -> str | None:
    if not span:
        return None
    from storyline.nlp.components.actors import actor_for_span

    actor = actor_for_span(doc, span[0], span[1])
    return actor.name if actor is not None else None


def _sentence(doc: Doc, start: int) -> Span | None:
    span = doc.char_span(start, start + 1, alignment_mode="expand")
    return span.sent if span is not None and doc.has_annotation("SENT_START") else None


def to_records(doc: Doc, article_id: str) -> tuple[Event, ...]:
    """The events of ``doc`` as :class:`Event` records (offsets reproduce the text)."""
    lex = load_lexicon()
    out = []
    text = doc.text
    for e in doc._.sl_events or []:
        s, t = e["trigger"]
        src, tgt = e.get("source"), e.get("target")
        sent = _sentence(doc, s)
        out.append(
            Event(
                article_id=article_id,
                text=text[s:t],
                start=s,
                end=t,
                event_type=e["type"],
                quad_class=lex.quad_class.get(e["type"]),
                mode=e.get("mode"),
                act=e.get("act_lemma"),
                actor=_name(doc, text, e, "source", src),
                actor_text=text[src[0] : src[1]] if src else None,
                actor_start=src[0] if src else None,
                actor_end=src[1] if src else None,
                target=_name(doc, text, e, "target", tgt),
                target_text=text[tgt[0] : tgt[1]] if tgt else None,
                target_start=tgt[0] if tgt else None,
                target_end=tgt[1] if tgt else None,
                sentence_start=sent.start_char if sent is not None else None,
                sentence_end=sent.end_char if sent is not None else None,
                **_coding(e, text),
            )
        )
    return tuple(out)


def _name(doc: Doc, text: str, e: dict[str, Any], side: str, span: list[int] | None) -> str | None:
    """The participant's canonical name: the actor the annotation step resolved (its head
    checked), else the phrase as written; events stored before that step ask the actors."""
    if not span:
        return None
    if f"{side}_code" in e:
        return e.get(f"{side}_name") or text[span[0] : span[1]]
    return _actor_name(doc, span) or text[span[0] : span[1]]


def _coding(e: dict[str, Any], text: str) -> dict[str, Any]:
    """The event-data fields of one stored event (older Docs may lack them)."""
    src = e.get("source_code") or {}
    tgt = e.get("target_code") or {}
    where = e.get("where") or {}
    when = e.get("when") or {}
    ws, we = where.get("span") or (None, None)
    ts, te = when.get("span") or (None, None)
    return {
        "cameo": e.get("cameo"),
        "modality": e.get("modality"),
        "negated": bool(e.get("negated")),
        "contexts": tuple(e.get("contexts") or ()),
        "actor_country": src.get("country"),
        "actor_sector": src.get("sector"),
        "actor_basis": src.get("basis"),
        "target_country": tgt.get("country"),
        "target_sector": tgt.get("sector"),
        "target_basis": tgt.get("basis"),
        "where": text[ws:we] if ws is not None else None,
        "where_start": ws,
        "where_end": we,
        "where_country": where.get("country"),
        "where_region": where.get("region"),
        "where_lat": where.get("lat"),
        "where_lon": where.get("lon"),
        "where_basis": where.get("basis"),
        "when": when.get("value"),
        "when_basis": when.get("basis") or ("sentence" if when.get("value") else None),
        "when_start": ts,
        "when_end": te,
    }

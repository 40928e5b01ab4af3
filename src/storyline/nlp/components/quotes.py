"""storyline_quotes: quotations and reported speech, each with its cue and speaker.

Add it to any English pipeline with a parser (``nlp.add_pipe("storyline_quotes")``). It resolves
speakers through the actor index ``storyline_actors`` leaves in ``doc._.sl_actors`` (by
``actor_for_span``) when that layer ran before it, and writes ``doc._.sl_quotes``: a list of plain dicts (so Docs travel between
processes) with character offsets into ``doc.text``. :func:`to_records` turns them into
:class:`storyline.models.Quote` records.
"""

from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from storyline.models import Entity, Quote
from storyline.nlp import extensions as _extensions  # noqa: F401
from storyline.nlp.components.actors import actor_for_span
from storyline.nlp.quotes import find_quotes
from storyline.nlp.quotes.learned import load_model
from storyline.nlp.quotes.speakers import ActorLookup

DEFAULT_MAX_CHARS = 200_000
MIXED_SPANS = ("fragment", "clause")


class QuoteFinder:
    """The ``storyline_quotes`` component.

    name (str): the component's name in the pipeline.
    max_chars (int): longer texts are not searched (the text is attacker-controlled).
    use_actors (bool): resolve speakers through the actor layer when it is in the pipeline.
    use_model (bool): add the reported speech the shipped cue and content models find.
    mixed_span (str): "fragment" keeps quoted words inside reported speech as a partial quote
        (the clause around them stays reported speech); "clause" makes the clause one mixed
        quote, as PolNeAR annotates it.
    """

    def __init__(
        self,
        nlp: Language,
        name: str,
        max_chars: int = DEFAULT_MAX_CHARS,
        use_actors: bool = True,
        use_model: bool = True,
        mixed_span: str = "fragment",
    ):
        if mixed_span not in MIXED_SPANS:
            raise ValueError(f"mixed_span must be one of {', '.join(MIXED_SPANS)}")
        self.mixed_span = mixed_span
        self.name = name
        self.max_chars = max_chars
        self.actor_lookup: ActorLookup | None = actor_for_span if use_actors else None
        self.model = load_model() if use_model else None

    def __call__(self, doc: Doc) -> Doc:
        size = doc[-1].idx + len(doc[-1].text_with_ws) if len(doc) else 0
        if size > self.max_chars or not doc.has_annotation("DEP"):
            doc._.sl_quotes = []
            return doc
        lookup = self.actor_lookup if doc._.sl_actors else None
        doc._.sl_quotes = find_quotes(doc, lookup, self.model, self.mixed_span)
        return doc


@Language.factory(
    "storyline_quotes",
    assigns=["doc._.sl_quotes"],
    requires=["token.dep", "token.lemma"],
    default_config={
        "max_chars": DEFAULT_MAX_CHARS,
        "use_actors": True,
        "use_model": True,
        "mixed_span": "fragment",
    },
)
def make_quotes(
    nlp: Language, name: str, max_chars: int, use_actors: bool, use_model: bool, mixed_span: str
) -> QuoteFinder:
    return QuoteFinder(
        nlp, name, max_chars=max_chars, use_actors=use_actors, use_model=use_model, mixed_span=mixed_span
    )


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
    when the component could not, and give every speaker its entity id."""
    text = doc.text
    found: list[dict[str, Any]] = doc._.sl_quotes or []
    out = []
    for q in found:
        s0, s1 = q.get("speaker_start"), q.get("speaker_end")
        speaker, speaker_id = q.get("speaker"), q.get("speaker_id")
        if s0 is not None and s1 is not None and entities:
            ent = _entity_for(entities, s0, s1)
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

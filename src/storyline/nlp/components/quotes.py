"""storyline_quotes: quotations and reported speech, each with its cue and speaker.

Add it to any English pipeline with a parser (``nlp.add_pipe("storyline_quotes")``). When
``storyline_actors`` ran before it, speakers are resolved through the
:class:`~storyline.nlp.actors.index.ActorIndex` over what that layer left in
``doc._.sl_actors``. It writes ``doc._.sl_quotes``: a list of plain dicts (so Docs travel
between processes) with character offsets into ``doc.text``; :func:`to_records` turns them
into :class:`storyline.models.Quote` records. The work is done in :mod:`storyline.nlp.quotes`.
"""

from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from storyline.nlp import extensions as _extensions  # noqa: F401
from storyline.nlp.actors.index import ActorIndex
from storyline.nlp.quotes import find_quotes
from storyline.nlp.quotes.learned import load_model
from storyline.nlp.quotes.records import to_records
from storyline.settings import QuotesSettings

__all__ = ["QuoteFinder", "make_quotes", "to_records"]

DEFAULT_MAX_CHARS = 200_000


class QuoteFinder:
    """The ``storyline_quotes`` component.

    name (str): the component's name in the pipeline.
    max_chars (int): longer texts are not searched (the text is attacker-controlled).
    use_actors (bool): resolve speakers through the actor layer when it is in the pipeline.
    use_model (bool): add the reported speech the shipped cue and content models find.
    settings (QuotesSettings | None): the thresholds of the finder's stages and its
        ``mixed_span`` convention (the ``[quotes]`` settings); the packaged defaults when None.
        ``mixed_span="fragment"`` keeps quoted words inside reported speech as a partial quote
        (the clause around them stays reported speech); ``"clause"`` makes the clause one mixed
        quote, as PolNeAR annotates it.
    """

    def __init__(
        self,
        nlp: Language,
        name: str,
        max_chars: int = DEFAULT_MAX_CHARS,
        use_actors: bool = True,
        use_model: bool = True,
        settings: QuotesSettings | None = None,
    ):
        self.name = name
        self.max_chars = max_chars
        self.use_actors = use_actors
        self.settings = settings or QuotesSettings()
        self.model = load_model() if use_model else None

    def __call__(self, doc: Doc) -> Doc:
        size = doc[-1].idx + len(doc[-1].text_with_ws) if len(doc) else 0
        if size > self.max_chars or not doc.has_annotation("DEP"):
            doc._.sl_quotes = []
            return doc
        actors = ActorIndex.of(doc) if self.use_actors and doc._.sl_actors else None
        doc._.sl_quotes = find_quotes(doc, actors, self.model, self.settings)
        return doc


@Language.factory(
    "storyline_quotes",
    assigns=["doc._.sl_quotes"],
    requires=["token.dep", "token.lemma"],
    default_config={
        "max_chars": DEFAULT_MAX_CHARS,
        "use_actors": True,
        "use_model": True,
        "settings": {},
    },
)
def make_quotes(
    nlp: Language,
    name: str,
    max_chars: int,
    use_actors: bool,
    use_model: bool,
    settings: dict[str, Any],
) -> QuoteFinder:
    """``settings``: keys of :class:`QuotesSettings` over its defaults (``build_nlp`` passes the
    ``[quotes]`` settings here). An unknown key or a value of the wrong type is an error."""
    return QuoteFinder(
        nlp,
        name,
        max_chars=max_chars,
        use_actors=use_actors,
        use_model=use_model,
        settings=QuotesSettings.model_validate(settings),
    )

"""Per-article analysis: the spaCy pipeline and its conversion into records."""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from spacy.tokens import Doc

from storyline.errors import AnalysisBudget
from storyline.models import Article, ArticleAnalysis
from storyline.nlp import extensions as _extensions  # noqa: F401  (registers Doc extensions)
from storyline.nlp.convert import doc_to_analysis
from storyline.nlp.pieces import cut_pieces, merge
from storyline.nlp.pipeline import PIPELINE_VERSION, build_nlp, cached_nlp
from storyline.settings import Settings

__all__ = ["PIPELINE_VERSION", "analyse", "build_nlp", "make_doc"]


def make_doc(nlp_vocab_owner: object, article: Article, text: str | None = None) -> Doc:
    """A tokenised Doc for ``article`` (or for ``text``, a piece of it) with its id and date."""
    doc: Doc = nlp_vocab_owner.make_doc(article.text if text is None else text)  # type: ignore[attr-defined]
    doc._.sl_article_id = article.article_id
    doc._.sl_published = article.published.isoformat() if article.published else None
    return doc


@dataclass
class _Piece:
    article: Article
    start: int
    last: bool
    started: float = 0.0


def analyse(
    articles: Iterable[Article],
    settings: Settings,
    *,
    progress: Callable[[int], None] | None = None,
) -> Iterator[ArticleAnalysis]:
    """Analyse articles with ``nlp.pipe`` (batched, ``n_process`` from settings), in order.

    An article longer than ``nlp.piece_chars`` is analysed in pieces (see :mod:`.pieces`),
    its records merged with offsets into its whole text.
    RAISES AnalysisBudget: a many-piece article ran over ``nlp.article_seconds`` (checked as
    each of its pieces is done, so no single piece is interrupted).
    """
    nlp = cached_nlp(settings.nlp.model)
    size = min(settings.nlp.piece_chars, nlp.max_length)
    budget = settings.nlp.article_seconds
    pending: deque[_Piece] = deque()

    def docs() -> Iterator[Doc]:
        for a in articles:
            spans = cut_pieces(a.text, size) if len(a.text) > size else [(0, len(a.text))]
            for i, (start, end) in enumerate(spans):
                pending.append(_Piece(a, start, i == len(spans) - 1, time.monotonic()))
                yield make_doc(nlp, a, a.text if len(spans) == 1 else a.text[start:end])

    parts: list[tuple[int, ArticleAnalysis]] = []
    clock = 0.0
    for doc in nlp.pipe(docs(), batch_size=settings.nlp.batch_size, n_process=settings.nlp.n_process):
        piece = pending.popleft()
        parts.append((piece.start, doc_to_analysis(doc, doc._.sl_article_id)))
        if not piece.last:
            if len(parts) == 1:
                clock = piece.started
            if time.monotonic() - clock > budget:
                raise AnalysisBudget(
                    f"analysis ran over its {budget:g}-second budget ({len(piece.article.text)} characters)",
                    article_id=piece.article.article_id,
                )
            continue
        article = piece.article
        yield merge(article.text, article.article_id, parts)
        parts = []
        if progress is not None:
            progress(1)

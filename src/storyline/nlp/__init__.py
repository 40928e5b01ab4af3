"""Per-article analysis: the spaCy pipeline and its conversion into records."""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from storyline.errors import AnalysisBudget
from storyline.models import Article, ArticleAnalysis
from storyline.nlp import extensions as _extensions  # noqa: F401  (registers Doc extensions)
from storyline.nlp.convert import doc_to_analysis
from storyline.nlp.pieces import cut_pieces, merge
from storyline.nlp.pipeline import PIPELINE_VERSION, build_nlp, pipeline_for
from storyline.settings import Settings

__all__ = ["PIPELINE_VERSION", "analyse", "build_nlp", "make_doc"]


def make_doc(nlp_vocab_owner: object, article: Article, text: str | None = None) -> Doc:
    """A tokenised Doc for ``article`` (or for ``text``, a piece of it) with its id and date."""
    doc: Doc = nlp_vocab_owner.make_doc(article.text if text is None else text)  # type: ignore[attr-defined]
    doc._.sl_article_id = article.article_id
    doc._.sl_published = article.published.isoformat() if article.published else None
    return doc


def _pipe(nlp: Language, docs: Iterator[Doc], settings: Settings) -> Iterator[Doc]:
    """``nlp.pipe`` over ``docs``, in order. In one process, batches hold at most
    ``nlp.batch_size`` docs and about ``nlp.piece_chars`` characters, so that the pieces of a
    long article are parsed one at a time and the memory for one batch stays bounded."""
    cfg = settings.nlp
    if cfg.n_process > 1:
        yield from nlp.pipe(docs, batch_size=cfg.batch_size, n_process=cfg.n_process)
        return
    batch: list[Doc] = []
    chars = 0
    for doc in docs:
        if batch and (len(batch) >= cfg.batch_size or chars + len(doc.text) > cfg.piece_chars):
            yield from nlp.pipe(batch, batch_size=len(batch))
            batch, chars = [], 0
        batch.append(doc)
        chars += len(doc.text)
    if batch:
        yield from nlp.pipe(batch, batch_size=len(batch))


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
    RAISES AnalysisBudget: a many-piece article took more than ``nlp.article_seconds`` of CPU
    time in this thread (checked as each of its pieces is done, so no piece is interrupted;
    CPU time, so that a busy machine does not make an article fail).
    """
    nlp = pipeline_for(settings)
    size = min(settings.nlp.piece_chars, nlp.max_length)
    budget = settings.nlp.article_seconds
    pending: deque[_Piece] = deque()

    def docs() -> Iterator[Doc]:
        for a in articles:
            spans = cut_pieces(a.text, size) if len(a.text) > size else [(0, len(a.text))]
            for i, (start, end) in enumerate(spans):
                pending.append(_Piece(a, start, i == len(spans) - 1, time.thread_time()))
                yield make_doc(nlp, a, a.text if len(spans) == 1 else a.text[start:end])

    parts: list[tuple[int, ArticleAnalysis]] = []
    clock = 0.0
    for doc in _pipe(nlp, docs(), settings):
        piece = pending.popleft()
        parts.append((piece.start, doc_to_analysis(doc, doc._.sl_article_id)))
        if not piece.last:
            if len(parts) == 1:
                clock = piece.started
            if time.thread_time() - clock > budget:
                raise AnalysisBudget(
                    f"analysis ran over its budget of {budget:g} CPU seconds ({len(piece.article.text)} characters)",
                    article_id=piece.article.article_id,
                )
            continue
        article = piece.article
        yield merge(article.text, article.article_id, parts)
        parts = []
        if progress is not None:
            progress(1)

"""Per-article analysis: the spaCy pipeline and its conversion into records."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from spacy.tokens import Doc

from storyline.models import Article, ArticleAnalysis
from storyline.nlp import extensions as _extensions  # noqa: F401  (registers Doc extensions)
from storyline.nlp.convert import doc_to_analysis
from storyline.nlp.pipeline import PIPELINE_VERSION, build_nlp, cached_nlp
from storyline.settings import Settings

__all__ = ["PIPELINE_VERSION", "analyse", "build_nlp", "make_doc"]


def make_doc(nlp_vocab_owner: object, article: Article) -> Doc:
    """A tokenised Doc for ``article`` carrying its id and reference date."""
    doc: Doc = nlp_vocab_owner.make_doc(article.text)  # type: ignore[attr-defined]
    doc._.sl_article_id = article.article_id
    doc._.sl_published = article.published.isoformat() if article.published else None
    return doc


def analyse(
    articles: Iterable[Article],
    settings: Settings,
    *,
    progress: Callable[[int], None] | None = None,
) -> Iterator[ArticleAnalysis]:
    """Analyse articles with ``nlp.pipe`` (batched, ``n_process`` from settings), in order."""
    nlp = cached_nlp(settings.nlp.model)
    docs = (make_doc(nlp, a) for a in articles)
    for doc in nlp.pipe(docs, batch_size=settings.nlp.batch_size, n_process=settings.nlp.n_process):
        yield doc_to_analysis(doc, doc._.sl_article_id)
        if progress is not None:
            progress(1)

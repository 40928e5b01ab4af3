"""Turn an annotated Doc into plain records. The only module that reads ``doc._``."""

from __future__ import annotations

from spacy.tokens import Doc

from storyline.models import ArticleAnalysis
from storyline.nlp.actors import records as actors
from storyline.nlp.components import events, figures, timexes
from storyline.nlp.pipeline import PIPELINE_VERSION
from storyline.nlp.quotes import records as quotes


def doc_to_analysis(doc: Doc, article_id: str) -> ArticleAnalysis:
    entities = actors.to_records(doc, article_id)
    return ArticleAnalysis(
        article_id=article_id,
        entities=entities,
        quotes=quotes.to_records(doc, article_id, entities),
        figures=figures.to_records(doc, article_id),
        timexes=timexes.to_records(doc, article_id),
        events=events.to_records(doc, article_id),
        pipeline_version=PIPELINE_VERSION,
    )

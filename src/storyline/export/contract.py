"""The JSON record `storyline extract` writes for one article (docs/extract.md).

Scorers read this record, so its fields do not change. Each part is a projection of the record
of the same name in :mod:`storyline.models`, under that record's own field names.
"""

from __future__ import annotations

from typing import Any

from storyline.export.events import extract_event
from storyline.models import Article, ArticleAnalysis

#: The fields of each record that the contract carries.
ARTICLE_FIELDS = ("source", "article_id", "title", "byline", "outlet", "published", "language", "url", "text")
REMOVAL_FIELDS = {"text", "reason"}
QUOTE_FIELDS = {
    "text",
    "start",
    "end",
    "kind",
    "speaker",
    "speaker_text",
    "speaker_start",
    "speaker_end",
    "cue",
}
ENTITY_FIELDS: dict[str, Any] = {
    "name": True,
    "type": True,
    "roles": True,
    "mentions": {"__all__": {"text", "start", "end"}},
}
ENTITY_ORDER = ("name", "type", "roles", "mentions")  # the contract's key order
FIGURE_FIELDS = {"text", "start", "end", "value", "unit", "about", "qualifier"}
TIMEX_FIELDS = {"text", "start", "end", "type", "value"}


def to_extract_record(
    article: Article, analysis: ArticleAnalysis | None = None, story_id: str | None = None
) -> dict[str, Any]:
    a = analysis or ArticleAnalysis(article_id=article.article_id)
    meta = article.model_dump(mode="json", include=set(ARTICLE_FIELDS))
    record: dict[str, Any] = {name: meta[name] for name in ARTICLE_FIELDS}
    record["removed"] = [r.model_dump(mode="json", include=REMOVAL_FIELDS) for r in article.removed]
    record["quotes"] = [q.model_dump(mode="json", include=QUOTE_FIELDS) for q in a.quotes]
    entities = (e.model_dump(mode="json", include=ENTITY_FIELDS) for e in a.entities)
    record["entities"] = [{k: e[k] for k in ENTITY_ORDER} for e in entities]
    record["figures"] = [f.model_dump(mode="json", include=FIGURE_FIELDS) for f in a.figures]
    record["timexes"] = [t.model_dump(mode="json", include=TIMEX_FIELDS) for t in a.timexes]
    record["events"] = [extract_event(e) for e in a.events]
    if story_id is not None:
        record["story"] = story_id
    return record

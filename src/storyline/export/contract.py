"""The JSON record `storyline extract` writes for one article."""

from __future__ import annotations

from typing import Any

from storyline.export.events import extract_event
from storyline.models import Article, ArticleAnalysis


def to_extract_record(
    article: Article, analysis: ArticleAnalysis | None = None, story_id: str | None = None
) -> dict[str, Any]:
    a = analysis or ArticleAnalysis(article_id=article.article_id)
    record: dict[str, Any] = {
        "source": article.source,
        "article_id": article.article_id,
        "title": article.title,
        "byline": article.byline,
        "outlet": article.outlet,
        "published": article.published.isoformat() if article.published else None,
        "language": article.language,
        "url": article.url,
        "text": article.text,
        "removed": [{"text": r.text, "reason": r.reason} for r in article.removed],
        "quotes": [
            {
                "text": q.text,
                "start": q.start,
                "end": q.end,
                "kind": q.kind,
                "speaker": q.speaker,
                "speaker_text": q.speaker_text,
                "speaker_start": q.speaker_start,
                "speaker_end": q.speaker_end,
                "cue": q.cue,
            }
            for q in a.quotes
        ],
        "entities": [
            {
                "name": e.name,
                "type": e.type,
                "roles": list(e.roles),
                "mentions": [{"text": m.text, "start": m.start, "end": m.end} for m in e.mentions],
            }
            for e in a.entities
        ],
        "figures": [
            {
                "text": f.text,
                "start": f.start,
                "end": f.end,
                "value": f.value,
                "unit": f.unit,
                "about": f.about,
                "qualifier": f.qualifier,
            }
            for f in a.figures
        ],
        "timexes": [
            {"text": t.text, "start": t.start, "end": t.end, "type": t.type, "value": t.value}
            for t in a.timexes
        ],
        "events": [extract_event(e) for e in a.events],
    }
    if story_id is not None:
        record["story"] = story_id
    return record

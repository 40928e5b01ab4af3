"""The dossier: ``dossier.json`` (schema in docs/dossier.schema.json) and ``dossier.html``.

``dossier_data`` turns stories, articles and analyses into plain JSON-ready data;
``write_dossier`` writes both files. The HTML page is one self-contained file rendered by
Jinja2 with autoescaping on: every piece of article-derived text goes through the template's
escaping, links only ever point inside the page or at an http(s) article URL.
"""

from __future__ import annotations

import itertools
import json
from collections import defaultdict
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape

from storyline.link.utterances import word_diff
from storyline.models import Article, ArticleAnalysis, Story
from storyline.report.links import safe_url

SCHEMA_VERSION = 1
MAX_HTML_TEXT = 200_000  # characters of one article's text shown in the page


def _date(d: Any) -> str | None:
    return d.isoformat() if d is not None else None


def article_data(article: Article) -> dict[str, Any]:
    return {
        "article_id": article.article_id,
        "source": article.source,
        "title": article.title,
        "outlet": article.outlet,
        "byline": article.byline,
        "published": _date(article.published),
        "url": article.url,
        "text": article.text,
    }


def story_data(
    story: Story, articles: Mapping[str, Article], analyses: Mapping[str, ArticleAnalysis]
) -> dict[str, Any]:
    present = [aid for aid in story.article_ids if aid in articles]
    by_speaker: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for aid in present:
        an = analyses.get(aid)
        for q in an.quotes if an else ():
            by_speaker[q.speaker or ""].append(
                {
                    "article_id": aid,
                    "outlet": articles[aid].outlet,
                    "start": q.start,
                    "end": q.end,
                    "text": q.text,
                    "kind": q.kind,
                    "cue": q.cue,
                    "speaker_text": q.speaker_text,
                }
            )
    speakers = sorted(by_speaker.items(), key=lambda kv: (kv[0] == "", -len(kv[1]), kv[0]))
    return {
        "story_id": story.story_id,
        "title": story.title,
        "first_seen": story.first_seen.isoformat() if story.first_seen else None,
        "article_ids": list(story.article_ids),
        "duplicate_of": dict(story.duplicate_of),
        "articles": [
            {
                "article_id": aid,
                "source": articles[aid].source,
                "outlet": articles[aid].outlet,
                "title": articles[aid].title,
                "published": _date(articles[aid].published),
                "duplicate_of": story.duplicate_of.get(aid),
                "why": _why(story, aid),
            }
            for aid in present
        ],
        "actors": [
            {
                "entity_id": e.entity_id,
                "name": e.name,
                "type": e.type,
                "roles": list(e.roles),
                "aliases": list(e.aliases),
                "country": e.country,
            }
            for e in story.actors
        ],
        "quotes_by_speaker": [{"speaker": s or None, "quotes": qs} for s, qs in speakers],
        "utterances": [
            {
                "utterance_id": u.utterance_id,
                "speaker": u.speaker,
                "canonical_text": u.canonical_text,
                "earliest_article_id": u.earliest_article_id,
                "earliest_outlet": u.earliest_outlet,
                "renderings": [
                    {
                        "article_id": r.article_id,
                        "outlet": r.outlet,
                        "published": _date(r.published),
                        "start": r.quote_start,
                        "end": r.quote_end,
                        "text": r.text,
                        "relation": r.relation,
                        "similarity": r.similarity,
                        "diff": [
                            {"op": op, "canonical": a, "rendering": b}
                            for op, a, b in word_diff(u.canonical_text, r.text)
                        ],
                    }
                    for r in u.renderings
                ],
            }
            for u in story.utterances
        ],
        "facts": [
            {
                "fact_id": f.fact_id,
                "about": f.about,
                "unit": f.unit,
                "status": f.status,
                "values": [v.model_dump() for v in f.values],
            }
            for f in story.facts
        ],
        "timeline": [t.model_dump() for t in story.timeline],
    }


def dossier_data(
    stories: Sequence[Story], articles: Sequence[Article], analyses: Sequence[ArticleAnalysis]
) -> dict[str, Any]:
    """The dossier as JSON-ready data (see docs/dossier.schema.json)."""
    arts = {a.article_id: a for a in articles}
    ans = {a.article_id: a for a in analyses}
    return {
        "schema_version": SCHEMA_VERSION,
        "generated": datetime.now(UTC).isoformat(timespec="seconds"),
        "stories": [story_data(s, arts, ans) for s in stories],
        "articles": [article_data(a) for a in arts.values()],
    }


# ---- HTML --------------------------------------------------------------------------------------


def _segments(text: str, marks: list[tuple[int, int, str, str]]) -> list[dict[str, Any]]:
    """Split ``text`` at every mark boundary; each piece lists the marks covering it.

    marks: (start, end, css class, anchor id). The first piece of each mark carries its anchor.
    """
    text = text[:MAX_HTML_TEXT]
    n = len(text)
    marks = [(max(0, s), min(n, e), c, a) for s, e, c, a in marks if 0 <= s < e and s < n]
    cuts = sorted({0, n, *(s for s, _, _, _ in marks), *(e for _, e, _, _ in marks)})
    starts: dict[int, list[tuple[int, int, str, str]]] = defaultdict(list)
    for m in marks:
        starts[m[0]].append(m)
    active: list[tuple[int, int, str, str]] = []
    seen: set[str] = set()
    out = []
    for a, b in itertools.pairwise(cuts):
        active = [m for m in active if m[1] > a] + starts.get(a, [])
        anchors = []
        for m in starts.get(a, []):
            if m[3] not in seen:
                seen.add(m[3])
                anchors.append(m[3])
        classes = sorted({m[2] for m in active})
        out.append({"text": text[a:b], "classes": " ".join(classes), "anchors": anchors})
    return out


def html_context(data: dict[str, Any], analyses: Mapping[str, ArticleAnalysis]) -> dict[str, Any]:
    """Template context: the JSON data plus per-article anchors and highlighted text."""
    anchor_of: dict[str, str] = {}
    views = []
    for n, art in enumerate(data["articles"]):
        anchor_of[art["article_id"]] = f"art{n}"
    extra: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for story in data["stories"]:
        for tl in story["timeline"]:
            extra[tl["article_id"]].append((tl["start"], tl["end"], "tl"))
    for art in data["articles"]:
        aid = art["article_id"]
        prefix = anchor_of[aid]
        an = analyses.get(aid)
        marks: list[tuple[int, int, str, str]] = []
        if an is not None:
            marks += [(q.start, q.end, "q", f"{prefix}-{q.start}-{q.end}") for q in an.quotes]
            marks += [(f.start, f.end, "fig", f"{prefix}-{f.start}-{f.end}") for f in an.figures]
            marks += [(t.start, t.end, "tx", f"{prefix}-{t.start}-{t.end}") for t in an.timexes]
        marks += [(s, e, c, f"{prefix}-{s}-{e}") for s, e, c in extra.get(aid, [])]
        views.append(
            {
                **art,
                "anchor": prefix,
                "safe_url": safe_url(art.get("url")),
                "segments": _segments(art["text"], marks),
                "truncated": len(art["text"]) > MAX_HTML_TEXT,
            }
        )
    for story in data["stories"]:
        for tl in story["timeline"]:
            tl.setdefault("kind", "happening")
    return {"data": data, "articles": views, "anchor_of": anchor_of}


def _env() -> Environment:
    return Environment(
        loader=PackageLoader("storyline.report", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render_html(data: dict[str, Any], analyses: Mapping[str, ArticleAnalysis]) -> str:
    env = _env()

    def link(aid: str, start: int | None = None, end: int | None = None) -> str:
        prefix = ctx["anchor_of"].get(aid)
        if prefix is None:
            return "#"
        return f"#{prefix}" if start is None else f"#{prefix}-{start}-{end}"

    ctx = html_context(data, analyses)
    env.globals["link"] = link
    return env.get_template("dossier.html.j2").render(**ctx)


def write_dossier(
    out_dir: Path, stories: Sequence[Story], articles: Sequence[Article], analyses: Sequence[ArticleAnalysis]
) -> list[Path]:
    """Write ``dossier.json`` and ``dossier.html`` into ``out_dir``; return their paths."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    data = dossier_data(stories, articles, analyses)
    json_path = out_dir / "dossier.json"
    json_path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    html_path = out_dir / "dossier.html"
    html_path.write_text(render_html(data, {a.article_id: a for a in analyses}), encoding="utf-8")
    return [json_path, html_path]


def _why(story: Story, article_id: str) -> dict[str, Any] | None:
    """Why an article is in its story: its strongest links, the names and terms it shares."""
    for m in story.membership:
        if m.article_id == article_id:
            return {
                "score": m.score,
                "links": [{"article_id": x.article_id, "similarity": x.similarity} for x in m.links],
                "shared": list(m.shared),
                "decision": m.decision,
            }
    return None

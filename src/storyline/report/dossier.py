"""The dossier: ``dossier.json`` (schema in docs/dossier.schema.json) and ``dossier.html``.

``dossier_data`` turns stories, articles and analyses into plain JSON-ready data;
``write_dossier`` writes both files. The HTML page is one self-contained file rendered by
Jinja2 with autoescaping on: every piece of article-derived text goes through the template's
escaping, links only ever point inside the page or at an http(s) article URL.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import tempfile
from collections import defaultdict
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from storyline.export.records import article_row, quote_row
from storyline.link.presentation import counted, fact_values_summary, source_label, story_digest
from storyline.link.utterances import rendering_diff
from storyline.models import Article, ArticleAnalysis, DiffOp, Story
from storyline.report.events import events_section
from storyline.report.links import safe_url
from storyline.report.markup import Mark, diff_html, render_marked, timeline_chart

SCHEMA_VERSION = 1
MAX_HTML_TEXT = 200_000  # characters of one article's text shown in the page

#: The sections of each story, in page order: ``templates/sections/NAME.html.j2`` renders one
#: with ``story`` (its data) and ``chart`` in scope. A new section is a template and a name here.
SECTIONS: list[tuple[str, str]] = [
    ("summary", "Summary"),
    ("timeline", "Timeline"),
    ("who", "Who said what"),
    ("words", "The same words, outlet by outlet"),
    ("facts", "Facts"),
    ("events", "Events"),
    ("actors", "Actors"),
    ("articles", "Articles"),
]
#: Sections shown open when the page loads; the others are one click away.
OPEN_SECTIONS = {"summary", "timeline", "facts"}


def _date(d: Any) -> str | None:
    return d.isoformat() if d is not None else None


ARTICLE_KEYS = ("article_id", "source", "title", "outlet", "byline", "published", "url", "text")
MEMBER_KEYS = ("article_id", "source", "outlet", "title", "published")
QUOTE_KEYS = ("article_id", "outlet", "start", "end", "text", "kind", "cue", "speaker_text")


def article_data(article: Article) -> dict[str, Any]:
    row = article_row(article)
    return {k: row[k] for k in ARTICLE_KEYS}


def story_data(
    story: Story, articles: Mapping[str, Article], analyses: Mapping[str, ArticleAnalysis]
) -> dict[str, Any]:
    present = [aid for aid in story.article_ids if aid in articles]
    by_speaker: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for aid in present:
        an = analyses.get(aid)
        for q in an.quotes if an else ():
            row = quote_row(q, articles[aid])
            by_speaker[q.speaker or ""].append({k: row[k] for k in QUOTE_KEYS})
    speakers = sorted(by_speaker.items(), key=lambda kv: (kv[0] == "", -len(kv[1]), kv[0]))
    return {
        "story_id": story.story_id,
        "title": story.title,
        "first_seen": story.first_seen.isoformat() if story.first_seen else None,
        "article_ids": list(story.article_ids),
        "duplicate_of": dict(story.duplicate_of),
        "articles": [
            {
                **{k: v for k, v in article_row(articles[aid], text=False).items() if k in MEMBER_KEYS},
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
                "mentions": e.mention_count,
                "articles": e.article_count,
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
                        "diff": [d.model_dump() for d in rendering_diff(u.canonical_text, r)[0]],
                        "notes": list(rendering_diff(u.canonical_text, r)[1]),
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
                "label": f.label or f.about,
                "status": f.status,
                "copy_differs": f.copy_differs,
                "values": [v.model_dump(mode="json") for v in f.values],
                "groups": [g.model_dump(mode="json") for g in fact_values_summary(f)],
            }
            for f in story.facts
        ],
        "timeline": [t.model_dump(mode="json") for t in story.timeline],
        "digest": story_digest(story, articles).model_dump(mode="json"),
        "events": events_section(story),
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


def _article_marks(
    prefix: str, analysis: ArticleAnalysis | None, extra: list[tuple[int, int, str]]
) -> list[Mark]:
    marks: list[Mark] = []
    if analysis is not None:
        for q in analysis.quotes:
            who = q.speaker or "unattributed"
            marks.append(
                Mark(q.start, q.end, 1, f"q q-{q.kind}", f"{prefix}-{q.start}-{q.end}", f"{who} ({q.kind})")
            )
        marks += [Mark(f.start, f.end, 2, "fig", f"{prefix}-{f.start}-{f.end}") for f in analysis.figures]
        marks += [
            Mark(t.start, t.end, 3, "tx", f"{prefix}-{t.start}-{t.end}", t.value) for t in analysis.timexes
        ]
    marks += [Mark(s, e, 0, c, f"{prefix}-{s}-{e}") for s, e, c in extra]
    return marks


def _article_text(text: str, marks: list[Mark]) -> Markup:
    """The article text with its marks; every anchor a link may point at exists, even where a
    mark of a lower priority split it."""
    shown = text[:MAX_HTML_TEXT]
    body = render_marked(shown, marks)
    have = {m.anchor for m in marks if m.anchor and 0 <= m.start < m.end <= len(shown)}
    lost = [m for m in marks if m.anchor and m.anchor not in have]
    return Markup("".join(f'<span id="{Markup.escape(m.anchor)}"></span>' for m in lost)) + body


def html_context(data: dict[str, Any], analyses: Mapping[str, ArticleAnalysis]) -> dict[str, Any]:
    """Template context: the JSON data plus per-article anchors, highlighted text and charts."""
    anchor_of: dict[str, str] = {}
    views = []
    for n, art in enumerate(data["articles"]):
        anchor_of[art["article_id"]] = f"art{n}"
    extra: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    story_of: dict[str, list[str]] = defaultdict(list)
    copy_of: dict[str, str] = {}
    for story in data["stories"]:
        for tl in story["timeline"]:
            extra[tl["article_id"]].append((tl["start"], tl["end"], "tl"))
        for a in story["articles"]:
            story_of[a["article_id"]].append(story["title"])
        copy_of.update(story["duplicate_of"])
        for ev in story.get("events", {}).get("events", []):
            for m in ev["mentions"]:
                extra[m["article_id"]].append((m["start"], m["end"], "ev"))
    for art in data["articles"]:
        aid = art["article_id"]
        prefix = anchor_of[aid]
        marks = _article_marks(prefix, analyses.get(aid), extra.get(aid, []))
        views.append(
            {
                **art,
                "anchor": prefix,
                "safe_url": safe_url(art.get("url")),
                "body": _article_text(art["text"], marks),
                "truncated": len(art["text"]) > MAX_HTML_TEXT,
                "stories": story_of.get(aid, []),
                "copy_of": copy_of.get(aid),
            }
        )
    charts = {}
    for n, story in enumerate(data["stories"]):
        entries = [
            (
                t["when"],
                f"{t.get('who') or t['kind']}: {t['text'][:140]}",
                f"#s{n}-tl{k}",
                t["kind"],
            )
            for k, t in enumerate(story["timeline"])
        ]
        charts[story["story_id"]] = timeline_chart(entries)
    return {"data": data, "articles": views, "anchor_of": anchor_of, "charts": charts}


def _env() -> Environment:
    return Environment(
        loader=PackageLoader("storyline.report", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )


def page_script() -> str:
    """The dossier's one inline script (sorting, filtering, opening a linked section)."""
    return resources.files("storyline.report").joinpath("templates/dossier.js").read_text("utf-8")


def csp_hash(script: str) -> str:
    """The Content-Security-Policy source that allows exactly this inline script."""
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def render_html(data: dict[str, Any], analyses: Mapping[str, ArticleAnalysis]) -> str:
    env = _env()

    def link(aid: str, start: int | None = None, end: int | None = None) -> str:
        prefix = ctx["anchor_of"].get(aid)
        if prefix is None:
            return "#"
        return f"#{prefix}" if start is None else f"#{prefix}-{start}-{end}"

    ctx = html_context(data, analyses)
    script = page_script()
    articles = {a["article_id"]: a for a in data["articles"]}

    def source_name(aid: str, outlet: str | None = None) -> str:
        """The outlet of a report, else the article's title or file name."""
        a = articles.get(aid, {})
        return source_label(outlet or a.get("outlet"), a.get("title"), a.get("source"))

    env.globals["link"] = link
    env.globals["source_name"] = source_name
    env.globals["counted"] = counted
    env.globals["diff_html"] = lambda ops: diff_html([_op(d) for d in ops])
    return env.get_template("dossier.html.j2").render(
        **ctx,
        sections=SECTIONS,
        open_sections=OPEN_SECTIONS,
        script=Markup(script),  # a file of the package, never article text
        script_hash=Markup(csp_hash(script)),  # base64 and quotes only
    )


def _op(d: dict[str, str]) -> DiffOp:
    return DiffOp.model_validate(d)


def write_dossier(
    out_dir: Path, stories: Sequence[Story], articles: Sequence[Article], analyses: Sequence[ArticleAnalysis]
) -> list[Path]:
    """Write ``dossier.json`` and ``dossier.html`` into ``out_dir``; return their paths."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    data = dossier_data(stories, articles, analyses)
    json_path = out_dir / "dossier.json"
    html_path = out_dir / "dossier.html"
    json_text = json.dumps(data, ensure_ascii=False, indent=1)
    html_text = render_html(data, {a.article_id: a for a in analyses})
    # Both are written in full beside their final names before either is renamed over the old
    # one: a run killed at any moment leaves each file whole (old or new), never cut short.
    staged = [_stage(json_path, json_text), _stage(html_path, html_text)]
    for tmp, final in zip(staged, (json_path, html_path), strict=True):
        os.replace(tmp, final)
    return [json_path, html_path]


def _stage(final: Path, text: str) -> Path:
    """Write ``text`` to a new temporary file next to ``final`` and flush it to disk."""
    fd, name = tempfile.mkstemp(dir=final.parent, prefix=f".{final.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(name, 0o644)
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise
    return Path(name)


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

"""Server-rendered pages. Every claim links to the exact span of its article."""

from __future__ import annotations

import re
import shutil
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from markupsafe import Markup

from storyline.errors import IngestError
from storyline.link.presentation import story_digest
from storyline.link.utterances import rendering_diff
from storyline.models import Rendering, SearchHit
from storyline.report.events import events_section
from storyline.report.markup import diff_html
from storyline.web.api import MAX_URLS, jobs_of, save_uploads, state_of, write_url_list
from storyline.web.render import (
    article_marks,
    highlight_terms,
    path_part,
    render_marked,
    speaker_colours,
    timeline_chart,
)
from storyline.web.security import Forbidden, check_write, form_token_first
from storyline.web.templating import render_page
from storyline.web.views import (
    MAX_OFFSET,
    ArticleSummary,
    Page,
    actor_view,
    article_detail,
    by_outlet,
    by_speaker,
    story_summaries,
    summarise_article,
)

router = APIRouter(include_in_schema=False)
STORY_PAGE_ARTICLES = 1000
UTTERANCES_PER_SPEAKER = 6  # on the story page; the actor page has them all
PER_PAGE = 100
_SPAN = re.compile(r"^(\d{1,9})-(\d{1,9})$")


def page(request: Request, name: str, status: int = 200, **context: object) -> HTMLResponse:
    return HTMLResponse(render_page(request, name, **context), status_code=status)


def span_link(article_id: str, start: int, end: int, prefix: str = "q") -> str:
    """The link to one span of an article: ``/articles/ID?hl=S-E#q-S-E``."""
    return f"/articles/{path_part(article_id)}?hl={start}-{end}#{prefix}-{start}-{end}"


@router.get("/", response_class=HTMLResponse)
def stories_page(request: Request, offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0) -> HTMLResponse:
    with state_of(request).stores.use() as store:
        stories = story_summaries(store, PER_PAGE, offset)
        n_articles = store.count_articles()
    return page(request, "stories.html", stories=stories, n_articles=n_articles)


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story_page(request: Request, story_id: str) -> HTMLResponse:
    with state_of(request).stores.use() as store:
        story = store.story(story_id)
        full = store.articles(story_id=story.story_id, limit=STORY_PAGE_ARTICLES, offset=0)
    articles = Page[ArticleSummary](
        items=[summarise_article(a) for a in full],
        limit=STORY_PAGE_ARTICLES,
        offset=0,
        total=len(story.article_ids),
    )
    titles = {a.article_id: a for a in articles.items}
    entries = [
        (t.when, f"{t.who or t.kind}: {t.text[:140]}", f"#tl-{k}", t.kind)
        for k, t in enumerate(story.timeline)
    ]
    speakers = by_speaker(story.utterances)
    colours = speaker_colours(speakers.keys())
    return page(
        request,
        "story.html",
        story=story,
        articles=articles,
        outlets=by_outlet(articles.items),
        titles=titles,
        speakers=speakers,
        per_speaker=UTTERANCES_PER_SPEAKER,
        colours=colours,
        chart=timeline_chart(entries),
        actors=sorted(story.actors, key=lambda e: (-e.mention_count, e.name)),
        digest=story_digest(story, {a.article_id: a for a in full}),
        rendering_view=rendering_view,
        span_link=span_link,
        ev=events_section(story),
    )


def rendering_view(canonical: str, r: Rendering) -> tuple[Markup, tuple[str, ...]]:
    """A rendering's stored word diff, drawn, and its notes in words."""
    ops, notes = rendering_diff(canonical, r)
    return diff_html(ops), notes


@router.get("/articles", response_class=HTMLResponse)
def articles_page(request: Request, offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0) -> HTMLResponse:
    with state_of(request).stores.use() as store:
        items = [summarise_article(a) for a in store.articles(limit=PER_PAGE, offset=offset)]
        total = store.count_articles()
        stories = store.stories()
    story_of = {aid: s for s in stories for aid in s.article_ids}
    return page(
        request,
        "articles.html",
        items=items,
        offset=offset,
        per_page=PER_PAGE,
        total=total,
        story_of=story_of,
    )


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article_page(
    request: Request, article_id: str, hl: Annotated[str | None, Query(max_length=40)] = None
) -> HTMLResponse:
    with state_of(request).stores.use() as store:
        detail = article_detail(store, article_id)
    highlight = None
    if hl and (m := _SPAN.match(hl)):
        highlight = (int(m.group(1)), int(m.group(2)))
    analysis = detail.analysis
    colours = speaker_colours(q.speaker for q in analysis.quotes) if analysis else {}
    body = render_marked(detail.article.text, article_marks(analysis, colours, highlight) if analysis else [])
    speakers: dict[str, int] = {}
    if analysis:
        for q in analysis.quotes:
            speakers[q.speaker or "(unattributed)"] = speakers.get(q.speaker or "(unattributed)", 0) + 1
    return page(
        request,
        "article.html",
        article=detail.article,
        analysis=analysis,
        body=body,
        colours=colours,
        speakers=speakers,
        span_link=span_link,
    )


@router.get("/actors/{key:path}", response_class=HTMLResponse)
def actor_page(
    request: Request, key: str, offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0
) -> HTMLResponse:
    with state_of(request).stores.use() as store:
        view = actor_view(store, key, PER_PAGE, offset)
    return page(
        request,
        "actor.html",
        view=view,
        span_link=span_link,
        rendering_view=rendering_view,
        per_page=PER_PAGE,
    )


@router.get("/search", response_class=HTMLResponse)
def search_page(
    request: Request,
    q: Annotated[str, Query(max_length=500)] = "",
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
    kind: Annotated[Literal["", "article", "quote"], Query()] = "",
    outlet: Annotated[str, Query(max_length=300)] = "",
) -> HTMLResponse:
    """Search results, filtered by kind and outlet, copies folded under their original."""
    hits: list[SearchHit] = []
    copies: dict[str, str] = {}
    if q.strip():
        with state_of(request).stores.use() as store:
            hits = store.search(q, limit=PER_PAGE, offset=offset)
            if hits:
                copies = {c: o for st in store.stories() for c, o in st.duplicate_of.items()}
    fetched = len(hits)
    want = outlet.strip().casefold()
    hits = [
        h for h in hits if (not kind or h.kind == kind) and (not want or want in (h.outlet or "").casefold())
    ]
    return page(
        request,
        "search.html",
        q=q,
        results=fold_copies(hits, copies),
        fetched=fetched,
        kind=kind,
        outlet=outlet,
        offset=offset,
        per_page=PER_PAGE,
        span_link=span_link,
        highlight_terms=highlight_terms,
    )


def fold_copies(hits: list[SearchHit], copy_of: dict[str, str]) -> list[tuple[SearchHit, list[SearchHit]]]:
    """Each hit with the hits of copies of its article folded under it (under the first hit of
    the original of the same kind); a copy whose original has no hit stands alone."""
    results: list[tuple[SearchHit, list[SearchHit]]] = []
    first: dict[tuple[str, str], int] = {}
    for h in hits:
        if h.article_id not in copy_of:
            first.setdefault((h.article_id, h.kind), len(results))
            results.append((h, []))
    for h in hits:
        if h.article_id in copy_of:
            at = first.get((copy_of[h.article_id], h.kind))
            if at is None:
                results.append((h, []))
            else:
                results[at][1].append(h)
    return results


@router.get("/ingest", response_class=HTMLResponse)
def ingest_page(request: Request) -> HTMLResponse:
    state = state_of(request)
    return page(
        request,
        "ingest.html",
        enable_fetch=state.enable_fetch,
        needs_token=state.token is not None,
        max_upload_bytes=state.settings.web.max_upload_bytes,
        max_urls=MAX_URLS,
    )


@router.post("/ingest")
async def ingest_form(request: Request) -> Response:
    """The form without JavaScript: files or URLs, then a redirect to the job's page."""
    state = state_of(request)
    runner = jobs_of(request)
    request = await form_token_first(request, state.token)  # before any file is read
    workdir, paths, _token, stated = await save_uploads(request, runner)
    if paths:
        job = runner.submit("upload", workdir, paths, fetch=False, stated=stated)
    else:
        shutil.rmtree(workdir, ignore_errors=True)
        raise IngestError("choose at least one file to upload", code="SL211")
    return RedirectResponse(f"/jobs/{job.job_id}", status_code=303)


@router.post("/ingest/urls")
async def ingest_urls_form(request: Request) -> Response:
    state = state_of(request)
    form = await request.form(max_files=0, max_fields=5)
    token = form.get("token")
    check_write(request, state.token, form_token=token if isinstance(token, str) else None)
    if not state.enable_fetch:
        raise Forbidden("URL fetching is not enabled on this server (storyline serve --enable-fetch)")
    text = form.get("urls")
    urls = [u.strip() for u in (text if isinstance(text, str) else "").splitlines() if u.strip()]
    if not urls or len(urls) > MAX_URLS:
        raise IngestError(f"paste between 1 and {MAX_URLS} URLs, one a line", code="SL212")
    runner = jobs_of(request)
    workdir, paths = write_url_list(runner, urls)
    job = runner.submit("urls", workdir, paths, fetch=True)
    return RedirectResponse(f"/jobs/{job.job_id}", status_code=303)


@router.get("/jobs/{job_id}", response_class=HTMLResponse)
def job_page(request: Request, job_id: str) -> HTMLResponse:
    job = jobs_of(request).get(job_id)
    return page(request, "job.html", job=job)

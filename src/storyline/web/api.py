"""The JSON API under ``/api/``: everything the pages show, paginated, plus ingest and export."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request
from fastapi import Path as PathParam
from fastapi.responses import Response
from pydantic import BaseModel, Field
from starlette.datastructures import UploadFile

from storyline.errors import FetchError, IngestError, InputTooLarge
from storyline.export import tables
from storyline.export.writers import FORMATS, export_bytes, export_filename
from storyline.ingest.article import parse_published
from storyline.ingest.sources import MAX_OUTLET_CHARS, SourceInfo
from storyline.library import find_story_events
from storyline.models import Quote, SearchHit, Story, StoryEvent
from storyline.report.links import safe_url
from storyline.web.jobs import Job, JobRunner, safe_filename
from storyline.web.security import Forbidden, check_write
from storyline.web.state import AppState
from storyline.web.views import (
    MAX_LIMIT,
    MAX_OFFSET,
    ActorView,
    ArticleDetail,
    ArticleSummary,
    Page,
    StorySummary,
    actor_view,
    article_detail,
    story_articles,
    story_summaries,
    summarise_article,
)

router = APIRouter(prefix="/api", tags=["api"])

Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="items per page")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="items to skip")]
MAX_UPLOAD_FILES = 200
MAX_URLS = 100
EXPORT_TABLES = "^(" + "|".join(tables.TABLES) + ")$"


def state_of(request: Request) -> AppState:
    state: AppState = request.app.state.storyline
    return state


def jobs_of(request: Request) -> JobRunner:
    jobs = state_of(request).jobs
    assert jobs is not None
    return jobs


@router.get("/stories", response_model=Page[StorySummary])
def list_stories(request: Request, limit: Limit = 50, offset: Offset = 0) -> Page[StorySummary]:
    """Every story with its counts, the largest first."""
    with state_of(request).stores.use() as store:
        return story_summaries(store, limit, offset)


@router.get("/stories/{story_id}", response_model=Story)
def get_story(request: Request, story_id: str) -> Story:
    """One story: actors, utterances with each outlet's rendering, facts, timeline."""
    with state_of(request).stores.use() as store:
        return store.story(story_id)


@router.get("/stories/{story_id}/articles", response_model=Page[ArticleSummary])
def list_story_articles(
    request: Request, story_id: str, limit: Limit = 50, offset: Offset = 0
) -> Page[ArticleSummary]:
    with state_of(request).stores.use() as store:
        return story_articles(store, store.story(story_id), limit, offset)


@router.get("/articles", response_model=Page[ArticleSummary])
def list_articles(request: Request, limit: Limit = 50, offset: Offset = 0) -> Page[ArticleSummary]:
    with state_of(request).stores.use() as store:
        items = [summarise_article(a) for a in store.articles(limit=limit, offset=offset)]
        return Page[ArticleSummary](items=items, limit=limit, offset=offset, total=store.count_articles())


@router.get("/articles/{article_id}", response_model=ArticleDetail)
def get_article(request: Request, article_id: str) -> ArticleDetail:
    """One article: clean text, what cleaning removed, and its quotes, figures, dates, actors."""
    with state_of(request).stores.use() as store:
        return article_detail(store, article_id)


@router.get("/quotes", response_model=Page[Quote])
def list_quotes(
    request: Request,
    speaker: Annotated[str | None, Query(max_length=500)] = None,
    article_id: Annotated[str | None, Query(max_length=200)] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Page[Quote]:
    """Who said what, optionally for one speaker or one article."""
    with state_of(request).stores.use() as store:
        items = store.quotes(speaker=speaker, article_id=article_id, limit=limit, offset=offset)
        return Page[Quote](items=items, limit=limit, offset=offset)


class StoryEventItem(StoryEvent):
    """A story event with the id of the story it belongs to."""

    story_id: str


@router.get("/events", response_model=Page[StoryEventItem])
def list_events(
    request: Request,
    story: Annotated[str | None, Query(max_length=200, description="only this story's events")] = None,
    type: Annotated[
        str | None, Query(max_length=40, description="a PLOVER type: AGREE, ASSAULT, ...")
    ] = None,
    actor: Annotated[
        str | None, Query(max_length=500, description="part of the source's or target's name")
    ] = None,
    country: Annotated[
        str | None, Query(max_length=10, description="ISO 3166 alpha-3 of a side or the place")
    ] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Page[StoryEventItem]:
    """Who did what to whom: each story event once, dated ones first (as `storyline events`)."""
    with state_of(request).stores.use() as store:
        found = find_story_events(store, story_id=story, event_type=type, actor=actor, country=country)
    items = [StoryEventItem(story_id=sid, **e.model_dump()) for sid, e in found[offset : offset + limit]]
    return Page[StoryEventItem](items=items, limit=limit, offset=offset, total=len(found))


@router.get("/actors/{key}", response_model=ActorView)
def get_actor(request: Request, key: str, limit: Limit = 100, offset: Offset = 0) -> ActorView:
    """Everything an actor (canonical name or entity id) was quoted as saying, across outlets."""
    with state_of(request).stores.use() as store:
        return actor_view(store, key, limit, offset)


@router.get("/search", response_model=Page[SearchHit])
def search(
    request: Request,
    q: Annotated[str, Query(min_length=1, max_length=500, description="words to find")],
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
    offset: Offset = 0,
) -> Page[SearchHit]:
    """Full-text search over quotes and article text."""
    with state_of(request).stores.use() as store:
        return Page[SearchHit](items=store.search(q, limit=limit, offset=offset), limit=limit, offset=offset)


# ---- ingest -------------------------------------------------------------------------------


class UrlsIn(BaseModel):
    urls: list[Annotated[str, Field(min_length=1, max_length=2048)]] = Field(
        min_length=1, max_length=MAX_URLS
    )


UPLOAD_BODY: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": ["files"],
                    "properties": {
                        "files": {"type": "array", "items": {"type": "string", "format": "binary"}},
                        "token": {"type": "string"},
                        "outlet": {"type": "string", "description": "outlet of every uploaded article"},
                        "published": {
                            "type": "string",
                            "format": "date",
                            "description": "their publication date",
                        },
                    },
                }
            }
        },
    }
}


async def save_uploads(
    request: Request, runner: JobRunner
) -> tuple[Path, list[Path], str | None, SourceInfo]:
    """Parse a multipart upload into a fresh job directory; returns (dir, files, form token,
    the outlet and date the form states)."""
    max_bytes = state_of(request).settings.web.max_upload_bytes
    try:
        form = await request.form(max_files=MAX_UPLOAD_FILES, max_fields=20)
    except InputTooLarge:
        raise
    except Exception as e:  # starlette raises its own errors for malformed multipart bodies
        raise IngestError(f"cannot read the upload: {e}", code="SL210") from e
    workdir = runner.new_dir()
    paths: list[Path] = []
    total = 0
    try:
        token = form.get("token")
        stated = _stated(form.get("outlet"), form.get("published"))
        for i, item in enumerate(form.getlist("files")):
            if not isinstance(item, UploadFile):
                continue
            data = await item.read()
            total += len(data)
            if total > max_bytes:
                raise InputTooLarge(f"upload is over the {max_bytes}-byte limit", code="SL202")
            path = workdir / safe_filename(item.filename, i)
            path.write_bytes(data)
            paths.append(path)
    except BaseException:
        shutil.rmtree(workdir, ignore_errors=True)
        raise
    finally:
        await form.close()
    return workdir, paths, token if isinstance(token, str) else None, stated


def _stated(outlet: object, published: object) -> SourceInfo:
    """The outlet and publication date typed into the upload form (empty fields: None)."""
    day = None
    if isinstance(published, str) and published.strip():
        day = parse_published(published.strip())
        if day is None:
            raise IngestError(f"not a date (YYYY-MM-DD): {published[:40]!r}", code="SL213")
    name = " ".join(outlet.split())[:MAX_OUTLET_CHARS] if isinstance(outlet, str) else ""
    return SourceInfo(outlet=name or None, published=day)


def write_url_list(runner: JobRunner, urls: list[str]) -> tuple[Path, list[Path]]:
    for url in urls:
        if safe_url(url) is None:
            raise FetchError(f"only absolute http and https URLs can be fetched: {url[:200]!r}", code="SL502")
    workdir = runner.new_dir()
    path = workdir / "urls.txt"
    path.write_text("".join(u.strip() + "\n" for u in urls), encoding="utf-8")
    return workdir, [path]


@router.post("/ingest", response_model=Job, status_code=202, openapi_extra=UPLOAD_BODY)
async def ingest_files(request: Request) -> Job:
    """Upload article files (any input kind the CLI reads); returns a job to poll."""
    state = state_of(request)
    check_write(request, state.token)
    runner = jobs_of(request)
    workdir, paths, _, stated = await save_uploads(request, runner)
    if not paths:
        shutil.rmtree(workdir, ignore_errors=True)
        raise IngestError("no files in the upload (use the form field 'files')", code="SL211")
    return runner.submit("upload", workdir, paths, fetch=False, stated=stated)


@router.post("/ingest/urls", response_model=Job, status_code=202)
def ingest_urls(request: Request, body: UrlsIn) -> Job:
    """Fetch and ingest article URLs (only when the server runs with --enable-fetch)."""
    state = state_of(request)
    check_write(request, state.token)
    if not state.enable_fetch:
        raise Forbidden("URL fetching is not enabled on this server (storyline serve --enable-fetch)")
    runner = jobs_of(request)
    workdir, paths = write_url_list(runner, body.urls)
    return runner.submit("urls", workdir, paths, fetch=True)


@router.get("/jobs/{job_id}", response_model=Job)
def get_job(request: Request, job_id: str) -> Job:
    """The progress of an ingest job."""
    return jobs_of(request).get(job_id)


# ---- export -------------------------------------------------------------------------------


@router.get(
    "/export/{table}",
    response_class=Response,
    responses={200: {"content": {t: {} for t, _ in FORMATS.values()}, "description": "the table"}},
)
def export(
    request: Request,
    table: Annotated[
        str, PathParam(pattern=EXPORT_TABLES, description="the table: " + ", ".join(tables.TABLES))
    ],
    format: Literal["jsonl", "csv", "parquet"] = "jsonl",
    story_id: Annotated[str | None, Query(max_length=200)] = None,
) -> Response:
    """A table of stored records as JSON Lines, CSV or Parquet (optionally one story's)."""
    with state_of(request).stores.use() as store:
        body = export_bytes(store, table, format, story_id)
    media, _ = FORMATS[format]
    name = export_filename(table, format, story_id)
    return Response(body, media_type=media, headers={"content-disposition": f'attachment; filename="{name}"'})

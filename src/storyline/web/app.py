"""``create_app``: the web app and JSON API over one store.

Errors: every :class:`~storyline.errors.StorylineError` (and every HTTP error) goes through one
handler, :func:`handle_error`, which picks the status from :data:`STATUS` and answers API
requests with the pinned JSON shape ``{"error": {"status", "code", "type", "message"}}`` and
page requests with an HTML error page.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from importlib import resources
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.trustedhost import TrustedHostMiddleware

from storyline import __version__
from storyline.errors import (
    ConfigError,
    ExtractionError,
    FetchError,
    IngestError,
    InputTooLarge,
    NotFound,
    StoreError,
    StorylineError,
)
from storyline.settings import Settings, load_settings
from storyline.store.base import Store, open_store
from storyline.web import api, pages
from storyline.web.jobs import JobRunner
from storyline.web.security import (
    BodyLimit,
    Forbidden,
    SecurityHeaders,
    Unauthorized,
    document_errors,
    error_body,
)
from storyline.web.state import AppState, Stores
from storyline.web.templating import render_page

# most specific first: the first class the error is an instance of decides the status
STATUS: tuple[tuple[type[StorylineError], int], ...] = (
    (NotFound, 404),
    (InputTooLarge, 413),
    (Unauthorized, 401),
    (Forbidden, 403),
    (FetchError, 400),
    (IngestError, 422),
    (ExtractionError, 422),
    (ConfigError, 500),
    (StoreError, 500),
    (StorylineError, 500),
)
_HTTP_CODES = {
    400: "SL600",
    401: "SL602",
    403: "SL601",
    404: "SL404",
    405: "SL605",
    413: "SL202",
    422: "SL622",
}


def status_of(error: StorylineError) -> int:
    for cls, status in STATUS:
        if isinstance(error, cls):
            return status
    return 500  # pragma: no cover - StorylineError is last in STATUS


def _message(exc: StorylineError) -> str:
    return str(exc.args[0]) if exc.args else exc.code


async def handle_error(request: Request, exc: Exception) -> Response:
    """The one error handler: StorylineError, HTTP errors and invalid requests."""
    details: Any = None
    headers: dict[str, str] | None = None
    if isinstance(exc, StorylineError):
        status, code, kind, message = status_of(exc), exc.code, type(exc).__name__, _message(exc)
    elif isinstance(exc, RequestValidationError):
        status, code, kind, message = 422, "SL622", "InvalidRequest", "the request's parameters are not valid"
        details = [{"loc": list(e.get("loc", ())), "msg": str(e.get("msg", ""))} for e in exc.errors()]
    elif isinstance(exc, StarletteHTTPException):
        status, kind, message = exc.status_code, "HTTPError", str(exc.detail)
        code = _HTTP_CODES.get(status, f"SL{status}")
        headers = dict(exc.headers) if exc.headers else None
    else:  # pragma: no cover - only registered for the types above
        status, code, kind, message = 500, "SL000", "InternalError", "internal error"
    if status == 401:
        headers = {**(headers or {}), "www-authenticate": "Bearer"}
    if request.url.path.startswith("/api/") or request.url.path == "/openapi.json":
        return JSONResponse(
            error_body(status, code, kind, message, details), status_code=status, headers=headers
        )
    html = render_page(request, "error.html", status=status, code=code, kind=kind, message=message)
    return HTMLResponse(html, status_code=status, headers=headers)


def create_app(
    store: Store | str | None = None,
    settings: Settings | None = None,
    *,
    token: str | None = None,
    enable_fetch: bool | None = None,
    allowed_hosts: Sequence[str] | None = None,
) -> FastAPI:
    """The storyline web app over ``store`` (a Store, or a store URL; default: settings).

    token: when set, write endpoints need ``Authorization: Bearer <token>``.
    enable_fetch: allow ingesting pasted URLs (default: ``settings.web.enable_fetch``).
    allowed_hosts: answer only requests whose Host header is one of these (guards a loopback
        server against DNS rebinding); None answers any.
    """
    settings = settings or load_settings()
    stores = Stores(store if store is not None else settings.store.url)

    def open_job_store() -> Store:
        if stores.url is None:
            raise StoreError("browser ingest needs a store URL, not a store object", code="SL410")
        return open_store(stores.url)

    state = AppState(
        settings=settings,
        stores=stores,
        token=token or None,
        enable_fetch=settings.web.enable_fetch if enable_fetch is None else enable_fetch,
    )
    state.jobs = JobRunner(settings, open_job_store)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        if state.jobs is not None:
            state.jobs.shutdown()
        stores.close()

    app = FastAPI(
        title="storyline",
        version=__version__,
        summary="Sourced dossiers of news stories: who said what, figures, dates, how each outlet told it.",
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.storyline = state
    spec = app.openapi
    app.openapi = lambda: document_errors(spec())  # type: ignore[method-assign]
    for exc_type in (StorylineError, RequestValidationError, StarletteHTTPException):
        app.add_exception_handler(exc_type, handle_error)

    app.include_router(api.router)
    app.include_router(pages.router)
    lists_js = resources.files("storyline.report").joinpath("templates/dossier.js").read_text("utf-8")

    @app.get("/static/lists.js", include_in_schema=False)
    def lists_script() -> Response:
        """The dossier's list script (sort, filter, open a linked section), served as a file."""
        return Response(lists_js, media_type="text/javascript")

    static = resources.files("storyline.web").joinpath("static")
    app.mount("/static", StaticFiles(directory=str(static)), name="static")
    app.add_middleware(BodyLimit, limit=settings.web.max_upload_bytes + 1_048_576)
    if allowed_hosts is not None:
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=list(allowed_hosts))
    app.add_middleware(SecurityHeaders)
    return app

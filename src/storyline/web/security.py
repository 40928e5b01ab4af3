"""HTTP hardening: security headers on every response, a request body cap, write protection.

Article text is attacker-controlled, so pages are served under a strict Content-Security-Policy
(scripts and styles from this server only, no inline script, no framing). Write endpoints check
a bearer token when one is configured (always when the server listens beyond loopback), and
refuse cross-site browser requests (an ``Origin`` that is not this server).
"""

from __future__ import annotations

import hmac
import re
from typing import Any
from urllib.parse import urlsplit

from fastapi import Request
from starlette.datastructures import MutableHeaders
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from storyline.errors import InputTooLarge, StorylineError

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "content-security-policy": CSP,
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
    "cross-origin-opener-policy": "same-origin",
    "cross-origin-resource-policy": "same-origin",
    "permissions-policy": "camera=(), microphone=(), geolocation=()",
}
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1", "[::1]"})


class Forbidden(StorylineError):
    """A write without the right token, or from another site."""

    code = "SL601"


class Unauthorized(StorylineError):
    code = "SL602"


class SecurityHeaders:
    """Adds :data:`SECURITY_HEADERS` to every HTTP response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for key, value in SECURITY_HEADERS.items():
                    headers[key] = value
            await send(message)

        await self.app(scope, receive, send_with_headers)


class BodyLimit:
    """Refuses request bodies over ``limit`` bytes, by declared length or while streaming.

    Over the limit, reading the body raises :class:`InputTooLarge` (HTTP 413 through the error
    handler), before more than ``limit`` bytes have been buffered.
    """

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.limit
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    raise InputTooLarge(f"request body is over the {limit}-byte upload limit", code="SL202")
            return message

        for key, value in scope.get("headers", []):
            if key == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    declared = 0
                if declared > limit:
                    if scope.get("path", "").startswith("/api/"):
                        # answer at once: a JSON route would turn the read error into a 400
                        await _too_large(limit)(scope, receive, send)
                        return
                    await self.app(scope, _refuse(limit), send)
                    return
        if scope.get("path", "").startswith("/api/") and _is_json(scope):
            # a JSON body is parsed whole anyway: read it here, so that going over the limit
            # while it streams in is a 413 too, not a parse error of the route
            try:
                body = await _read_json_body(receive, limit)
            except _ClientGone:
                return  # nobody to answer
            if body is None:
                await _too_large(limit)(scope, receive, send)
                return
            await self.app(scope, _replay(body, receive), send)
            return
        await self.app(scope, counted, send)


def _is_json(scope: Scope) -> bool:
    """Would a route parse this body as JSON? (FastAPI does for no content type too.)"""
    for key, value in scope.get("headers", []):
        if key == b"content-type":
            kind: bytes = value.split(b";")[0].strip().lower()
            return kind == b"application/json" or (
                kind.startswith(b"application/") and kind.endswith(b"+json")
            )
    return True


class _ClientGone(Exception):
    """The client disconnected before its body was all read."""


async def _read_json_body(receive: Receive, limit: int) -> bytes | None:
    """The whole request body, or None once it goes over ``limit`` bytes.

    RAISES _ClientGone: the client went away first."""
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] != "http.request":
            raise _ClientGone
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > limit:
            return None
        chunks.append(chunk)
        if not message.get("more_body", False):
            return b"".join(chunks)


def _replay(body: bytes, receive: Receive) -> Receive:
    sent = False

    async def replayed() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replayed


def error_body(status: int, code: str, kind: str, message: str, details: Any = None) -> dict[str, Any]:
    """The JSON body of every API error (the app's error handler and this middleware)."""
    body: dict[str, Any] = {"status": status, "code": code, "type": kind, "message": message}
    if details is not None:
        body["details"] = details
    return {"error": body}


def _too_large(limit: int) -> JSONResponse:
    message = f"request body is over the {limit}-byte upload limit"
    return JSONResponse(error_body(413, "SL202", "InputTooLarge", message), status_code=413)


def _refuse(limit: int) -> Receive:
    async def receive() -> Message:
        raise InputTooLarge(f"request body is over the {limit}-byte upload limit", code="SL202")

    return receive


def is_loopback(host: str) -> bool:
    return host.strip().lower() in LOOPBACK_HOSTS


def check_write(request: Request, token: str | None, form_token: str | None = None) -> None:
    """Allow a write request, or raise :class:`Forbidden` / :class:`Unauthorized`."""
    origin = request.headers.get("origin")
    if origin is not None:
        host = request.headers.get("host", "")
        parts = urlsplit(origin)
        if origin == "null" or parts.netloc.lower() != host.lower():
            raise Forbidden("cross-site write refused: the Origin is not this server")
    if token is None:
        return
    given = form_token or ""
    auth = request.headers.get("authorization", "")
    if auth[:7].lower() == "bearer ":
        given = auth[7:].strip()
    if not given:
        raise Unauthorized("this server needs a token for writes: send Authorization: Bearer TOKEN")
    if not hmac.compare_digest(given.encode("utf-8"), token.encode("utf-8")):
        raise Forbidden("wrong token")


#: How much of a form upload is read, at most, to find its token field (sent before the files).
TOKEN_PREFIX_BYTES = 65_536


async def form_token_first(request: Request, token: str | None) -> Request:
    """Check a multipart form's write token before its files are read; return a request that
    reads the whole body again.

    With a token configured, the form must send its ``token`` field first (the ingest page
    does): only the first part is read, at most ``TOKEN_PREFIX_BYTES``, and a wrong or missing
    token is refused before any file content is buffered. A bearer header is checked at once.
    RAISES Unauthorized / Forbidden: as :func:`check_write`.
    """
    if token is None or request.headers.get("authorization"):
        check_write(request, token)
        return request
    boundary = _boundary(request.headers.get("content-type", ""))
    chunks: list[bytes] = []
    more = True
    receive = request.receive
    value: str | None = None
    while more and sum(map(len, chunks)) <= TOKEN_PREFIX_BYTES:
        message = await receive()
        if message["type"] != "http.request":
            break
        chunks.append(message.get("body", b""))
        more = bool(message.get("more_body", False))
        found = _first_field(b"".join(chunks), boundary)
        if found is not None:
            value = found[1] if found[0] == "token" else ""
            break
    check_write(request, token, form_token=value)
    prefix = b"".join(chunks)
    sent = False

    async def replayed() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": prefix, "more_body": more}
        return await receive()

    return Request(request.scope, replayed)


def _boundary(content_type: str) -> bytes | None:
    m = re.search(r'boundary="?([^";]+)"?', content_type)
    return m.group(1).encode("latin-1", "replace") if m else None


def _first_field(head: bytes, boundary: bytes | None) -> tuple[str, str] | None:
    """(name, value) of the first part of a multipart body once it is complete in ``head``."""
    if boundary is None:
        return "", ""
    delim = b"--" + boundary
    start = head.find(delim)
    if start < 0:
        return None
    headers_end = head.find(b"\r\n\r\n", start)
    if headers_end < 0:
        return None
    headers = head[start:headers_end].decode("latin-1", "replace")
    m = re.search(r'name="([^"]*)"', headers)
    name = m.group(1) if m else ""
    if name != "token":
        return name, ""
    end = head.find(b"\r\n" + delim, headers_end + 4)
    if end < 0:
        return None
    return name, head[headers_end + 4 : end].decode("utf-8", "replace")


ERROR_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["error"],
    "properties": {
        "error": {
            "type": "object",
            "required": ["status", "code", "type", "message"],
            "properties": {
                "status": {"type": "integer"},
                "code": {"type": "string"},
                "type": {"type": "string"},
                "message": {"type": "string"},
                "details": {},
            },
        }
    },
}
#: The error statuses every API operation can answer, and those only writes can.
READ_ERRORS = {404: "not found", 422: "invalid request", 500: "the store failed"}
WRITE_ERRORS = {
    400: "a URL that may not be fetched",
    401: "a token is needed",
    403: "wrong token, a cross-site request, or fetching is off",
    413: "the body is over the upload limit",
}


def document_errors(schema: dict[str, Any]) -> dict[str, Any]:
    """Add the error responses the API returns (one JSON shape) to every operation in ``schema``."""
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    components["Error"] = ERROR_SCHEMA
    ref = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
    for path, operations in schema.get("paths", {}).items():
        if not path.startswith("/api/"):
            continue
        for method, op in operations.items():
            codes = dict(READ_ERRORS)
            if method.lower() in ("post", "put", "patch", "delete"):
                codes.update(WRITE_ERRORS)
            responses = op.setdefault("responses", {})
            for status, why in codes.items():
                responses.setdefault(str(status), {"description": why, "content": ref})
            if "422" in responses:
                responses["422"] = {"description": READ_ERRORS[422], "content": ref}
    return schema

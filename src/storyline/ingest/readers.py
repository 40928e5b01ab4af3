"""One reader per input kind. Each takes the input's bytes and yields articles or problems.

Readers never raise for bad input: a problem is yielded and the run goes on.
"""

from __future__ import annotations

import io
import json
import logging
import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from time import struct_time
from typing import Any, BinaryIO

import feedparser
from warcio.archiveiterator import ArchiveIterator

from storyline.errors import IngestError, UnreadableInput
from storyline.ingest.article import build_article, outlet_from_url, parse_published
from storyline.ingest.decode import decode_bytes, looks_binary
from storyline.ingest.guard import parser_errors
from storyline.ingest.html import extract_page, fragment_text
from storyline.models import Article, IngestProblem, InputKind
from storyline.settings import Settings

logging.getLogger("warcio").setLevel(logging.ERROR)


class _QuietArchiveIterator(ArchiveIterator):  # type: ignore[misc]
    """warcio's iterator without its own stderr warning on a record not followed by a blank line.

    warcio writes that warning straight to stderr and counts it in ``err_count``; the reader turns
    the count into one problem line instead, like every other damaged input.
    """

    INC_RECORD = ""


Item = Article | IngestProblem
URL_RE = re.compile(r"^https?://\S+$", re.I)
_CHARSET = re.compile(r"charset=([\w.:-]+)", re.I)


@dataclass(frozen=True)
class Context:
    """What every reader needs besides the bytes."""

    settings: Settings
    published: date | None = None  # the user's --published override
    fetch: bool = False


def read_text(data: bytes, source: str, ctx: Context) -> Iterator[Item]:
    """A scraped plain-text dump: decode, then clean."""
    if looks_binary(data):
        yield IngestProblem(source=source, problem="binary data, not text")
        return
    text, notes = decode_bytes(data)
    yield build_article(text, source=source, kind="text", published_override=ctx.published, notes=notes)


def html_article(
    data: bytes | str,
    source: str,
    ctx: Context,
    *,
    url: str | None = None,
    declared: str | None = None,
    kind: InputKind = "html",
    extra: dict[str, str | date | None] | None = None,
) -> Item:
    """One HTML page: trafilatura extracts body and metadata, then the text is cleaned."""
    notes: tuple[str, ...] = ()
    if isinstance(data, bytes):
        if looks_binary(data):
            return IngestProblem(source=source, problem="binary data, not HTML")
        if declared is None:
            m = _CHARSET.search(data[:2048].decode("ascii", "replace"))
            declared = m.group(1) if m else None
        html, notes = decode_bytes(data, declared)
    else:
        html = data
    if "<" not in html:
        return IngestProblem(source=source, problem="not HTML (no markup found)")
    page = extract_page(html, url)
    if page is None:
        return IngestProblem(source=source, problem="malformed HTML or no article text found in it")
    extra = extra or {}
    page_url = page.url or url
    item = build_article(
        page.text,
        source=source,
        kind=kind,
        url=page_url if page_url and URL_RE.match(page_url) else url,
        title=_str(extra.get("title")) or page.title,
        byline=page.author,
        outlet=_str(extra.get("outlet")) or page.sitename,
        published=_date(extra.get("published")) or page.published,
        published_override=ctx.published,
        notes=notes,
    )
    if isinstance(item, IngestProblem):
        return IngestProblem(source=source, problem="malformed HTML or no article text found in it")
    return item


def _str(value: object) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def _date(value: object) -> date | None:
    return parse_published(value)


def read_html(data: bytes, source: str, ctx: Context) -> Iterator[Item]:
    yield html_article(data, source, ctx)


def _json_records(text: str, source: str) -> Iterator[tuple[int, Any]]:
    """(line or item number, parsed value or IngestProblem) for JSON lines, or for a JSON array."""
    if text.lstrip().startswith("["):
        try:
            with parser_errors("JSON", (json.JSONDecodeError,)):
                items = json.loads(text)
        except (json.JSONDecodeError, UnreadableInput) as e:
            if not _first_line_whole(text):  # one broken JSON value, not JSON lines
                at = e.lineno if isinstance(e, json.JSONDecodeError) else None
                why = f"invalid JSON: {e.msg}" if isinstance(e, json.JSONDecodeError) else e.args[0]
                yield 0, IngestProblem(source=source, line=at, problem=why)
                return
            items = None  # not one array: JSON lines whose first line opens with "["
        if isinstance(items, list):
            for n, item in enumerate(items, 1):
                yield n, item
            return
    for n, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        try:
            with parser_errors("JSON", (json.JSONDecodeError,)):
                value = json.loads(line)
        except json.JSONDecodeError as e:
            yield (
                n,
                IngestProblem(source=source, line=n, problem=f"invalid JSON: {e.msg} at column {e.colno}"),
            )
        except UnreadableInput as e:
            yield n, IngestProblem(source=source, line=n, problem=e.args[0])
        else:
            yield n, value


def _first_line_whole(text: str) -> bool:
    """Whether the first line of ``text`` is a JSON value on its own (or too deep to tell):
    then the text is JSON lines, not one array across lines."""
    first, newline, rest = text.lstrip().partition("\n")
    if not newline or not rest.strip():
        return False
    try:
        with parser_errors("JSON", (json.JSONDecodeError,)):
            json.loads(first)
    except json.JSONDecodeError:
        return False
    except UnreadableInput:
        return True
    return True


def read_jsonl(data: bytes, source: str, ctx: Context) -> Iterator[Item]:
    """One article per line: ``{"id", "text" | "html", "url"?, "title"?, "published"?, "outlet"?}``.

    A file holding one JSON array of such objects is read too (``line`` is then the item number).
    """
    if looks_binary(data):
        yield IngestProblem(source=source, problem="binary data, not JSON lines")
        return
    text, notes = decode_bytes(data)
    count = 0
    for n, rec in _json_records(text, source):
        count += 1
        if isinstance(rec, IngestProblem):
            yield rec
            continue
        if not isinstance(rec, dict):
            yield IngestProblem(source=source, line=n, problem="not a JSON object")
            continue
        yield _json_article(rec, n, source, notes, ctx)
    if not count:
        yield IngestProblem(source=source, problem="no records in the JSON", severity="skipped")


def _json_article(rec: dict[str, Any], n: int, source: str, notes: tuple[str, ...], ctx: Context) -> Item:
    """One JSON record as an article, or the problem with it (naming the file and line)."""
    try:
        item = _json_item(rec, n, source, notes, ctx)
    except IngestError as e:
        return IngestProblem(source=source, line=n, problem=e.args[0])
    if isinstance(item, IngestProblem) and item.line is None:
        return IngestProblem(
            source=source, line=n, problem=f"{item.source}: {item.problem}", severity=item.severity
        )
    return item


def _json_item(rec: dict[str, Any], n: int, source: str, notes: tuple[str, ...], ctx: Context) -> Item:
    rid = rec.get("id")
    rsource = str(rid) if isinstance(rid, str | int) and str(rid) else f"{source}:{n}"
    url = _str(rec.get("url"))
    body, html = rec.get("text"), rec.get("html")
    if isinstance(body, str) and body.strip():
        item: Item = build_article(
            body,
            source=rsource,
            kind="jsonl",
            url=url,
            title=_str(rec.get("title")),
            byline=_str(rec.get("byline")) or _str(rec.get("author")),
            outlet=_str(rec.get("outlet")),
            published=_date(rec.get("published")),
            published_override=ctx.published,
            notes=notes,
            keep_headline=True,  # the record's text is the body as its producer gave it
        )
    elif isinstance(html, str) and html.strip():
        item = html_article(html, rsource, ctx, url=url, extra=rec, kind="jsonl")
    elif _str(rec.get("title")):
        # A headline-only record (common in wire and event datasets) is still an article:
        # its title is all the text there is, and the note says so.
        title = _str(rec.get("title")) or ""
        item = build_article(
            title,
            source=rsource,
            kind="jsonl",
            url=url,
            title=title,
            outlet=_str(rec.get("outlet")),
            published=_date(rec.get("published")),
            published_override=ctx.published,
            notes=(*notes, 'record has no "text" or "html": its title is the article text'),
            keep_headline=True,
        )
    else:
        return IngestProblem(source=source, line=n, problem='record has neither "text" nor "html"')
    return item


def gzip_complete(fh: BinaryIO) -> bool:
    """True when ``fh`` holds a run of complete gzip members (a cut-off download does not).

    Reads the stream in chunks and throws the output away, so memory stays small.
    """
    d: Any = None
    pending = b""
    while True:
        if not pending:
            pending = fh.read(1 << 20)
            if not pending:
                return d is None
        if d is None:
            if not pending.strip(b"\0 \r\n\t"):
                pending = b""  # padding after the last member
                continue
            d = zlib.decompressobj(16 + zlib.MAX_WBITS)
        try:
            d.decompress(pending, 1 << 16)
        except zlib.error:
            return False
        if d.eof:
            pending, d = d.unused_data, None
        else:
            pending = d.unconsumed_tail


def read_warc(data: bytes | BinaryIO, source: str, ctx: Context) -> Iterator[Item]:
    """HTML response records of a WARC / WARC.gz (bytes or a seekable file).

    The size limit applies to each record, not to the archive. A damaged or cut-off archive
    yields the records before the damage, then a problem.
    """
    fh: BinaryIO = io.BytesIO(data) if isinstance(data, bytes) else data
    count = 0
    cap = ctx.settings.ingest.max_bytes
    records = _QuietArchiveIterator(fh, arc2warc=True)
    try:
        for record in records:
            if record.rec_type != "response" or record.http_headers is None:
                continue
            ctype = record.http_headers.get_header("Content-Type") or ""
            if "html" not in ctype.lower():
                continue
            uri = record.rec_headers.get_header("WARC-Target-URI") or f"{source}#{count + 1}"
            payload = record.content_stream().read(cap + 1)
            if getattr(record.raw_stream, "limit", 0) and len(payload) <= cap:
                raise EOFError("record cut off before its declared length")
            count += 1
            if len(payload) > cap:
                yield IngestProblem(
                    source=uri, problem=f"record over the {cap}-byte limit", severity="skipped"
                )
                continue
            m = _CHARSET.search(ctype)
            url = uri if URL_RE.match(uri) else None
            yield html_article(payload, uri, ctx, url=url, declared=m.group(1) if m else None, kind="warc")
    except Exception as e:  # warcio raises many kinds of error on damaged input
        yield IngestProblem(source=source, problem=_warc_damage(e, count))
        return
    if records.err_count:
        yield IngestProblem(
            source=source,
            problem=f"{records.err_count} WARC record(s) not followed by a blank line (a Content-Length"
            " header may be wrong); the records around them may be cut or merged",
            severity="skipped",
        )
    fh.seek(0)
    if fh.read(2) == b"\x1f\x8b":
        fh.seek(0)
        if not gzip_complete(fh):
            yield IngestProblem(
                source=source, problem=f"truncated WARC.gz: read {count} records before the cut"
            )
            return
    if count == 0:
        yield IngestProblem(source=source, problem="no HTML response records in WARC", severity="skipped")


def _warc_damage(e: Exception, count: int) -> str:
    """What went wrong with an archive, in words (warcio's own message can be an AttributeError)."""
    if count == 0 and isinstance(e, AttributeError | TypeError | ValueError | IndexError | KeyError):
        return "not a WARC archive, or damaged from the start: its first record header is unreadable"
    if count == 0:
        return f"not a WARC archive, or damaged from the start ({type(e).__name__}: {e})"
    return f"truncated or damaged WARC after {count} records ({type(e).__name__}: {e})"


def _entry_date(entry: feedparser.FeedParserDict) -> date | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if isinstance(value, struct_time):
            try:
                return date(value.tm_year, value.tm_mon, value.tm_mday)
            except ValueError:
                continue
    return None


_XML_DECLARATION = re.compile(rb"^\s*<\?xml[^>]*\?>", re.I)


def _parse_feed(data: bytes) -> feedparser.FeedParserDict:
    """feedparser's reading of a feed. When it fails on the bytes as they are (a declared
    encoding it cannot decode, say), the feed is decoded by storyline and parsed again as UTF-8.

    RAISES UnreadableInput: feedparser fails on both.
    """
    try:
        with parser_errors("feed"):
            return feedparser.parse(data, sanitize_html=True, resolve_relative_uris=False)
    except UnreadableInput as first:
        text, _notes = decode_bytes(_XML_DECLARATION.sub(b"", data, count=1))
        utf8 = b'<?xml version="1.0" encoding="utf-8"?>' + text.encode("utf-8", "replace")
        try:
            with parser_errors("feed"):
                return feedparser.parse(utf8, sanitize_html=True, resolve_relative_uris=False)
        except UnreadableInput:
            raise first from None


def read_feed(data: bytes, source: str, ctx: Context) -> Iterator[Item]:
    """RSS/Atom: entries that carry content (or a long summary) become articles."""
    if looks_binary(data):
        yield IngestProblem(source=source, problem="binary data, not a feed")
        return
    parsed = _parse_feed(data)
    entries = parsed.get("entries") or []
    if not entries:
        why = parsed.get("bozo_exception")
        yield IngestProblem(source=source, problem=f"not a feed or no entries{f': {why}' if why else ''}")
        return
    feed_title = _str(parsed.get("feed", {}).get("title"))
    found = 0
    for n, entry in enumerate(entries, 1):
        html = ""
        for content in entry.get("content") or []:
            value = content.get("value") or ""
            if len(value) > len(html):
                html = value
        summary = entry.get("summary") or ""
        if not html and len(summary.split()) >= 40:
            html = summary
        if not html:
            continue
        found += 1
        link = _str(entry.get("link"))
        esource = link or _str(entry.get("id")) or f"{source}#{n}"
        yield build_article(
            fragment_text(html),
            source=esource,
            kind="feed",
            url=link if link and URL_RE.match(link) else None,
            title=_str(entry.get("title")),
            byline=_str(entry.get("author")),
            outlet=feed_title or outlet_from_url(link),
            published=_entry_date(entry),
            published_override=ctx.published,
        )
    if not found:
        yield IngestProblem(
            source=source, problem="feed entries carry no article content", severity="skipped"
        )


def url_list(text: str) -> list[str] | None:
    """The URLs of a URL-list file, or None when the text is not only URLs (and comments)."""
    urls = []
    for line in text.split("\n"):
        s = line.strip()
        if not s or s.startswith("#"):
            continue
        if not URL_RE.match(s):
            return None
        urls.append(s)
    return urls or None

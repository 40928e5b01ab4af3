"""Readers: files, directories, stdin and URLs into clean :class:`~storyline.models.Article` records.

``read_inputs`` walks its inputs in order (directories recursively, in sorted order), picks a
reader by file name and content (text dump, HTML, JSONL, WARC, RSS/Atom, URL list), and yields
an Article or an IngestProblem per article. Nothing raises for bad input.
"""

from __future__ import annotations

import gzip
import os
import stat
import sys
import zlib
from collections.abc import Callable, Iterator, Sequence
from datetime import date
from pathlib import Path

from storyline.errors import ConfigError, FetchError, IngestError, StoreError, UnreadableInput
from storyline.ingest.article import build_article
from storyline.ingest.decode import decode_bytes, looks_binary
from storyline.ingest.fetch import fetch_url
from storyline.ingest.guard import (
    display_name,
    file_kind,
    has_surrogates,
    link_problem,
    open_regular,
    scrub,
)
from storyline.ingest.readers import (
    Context,
    Item,
    html_article,
    read_feed,
    read_html,
    read_jsonl,
    read_text,
    read_warc,
    url_list,
)
from storyline.models import Article, IngestProblem
from storyline.settings import Settings

__all__ = ["detect_kind", "read_bytes", "read_inputs"]

WARC_SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")
#: How many directory levels below an input directory are read.
MAX_DEPTH = 32
Reader = Callable[[bytes, str, Context], Iterator[Item]]
_SUFFIX_KIND = {
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".shtml": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "jsonl",
    ".warc": "warc",
    ".arc": "warc",
    ".rss": "feed",
    ".atom": "feed",
    ".rdf": "feed",
    ".urls": "urls",
    ".txt": "text",
    ".text": "text",
    ".md": "text",
}


def detect_kind(name: str, head: bytes) -> str:
    """The reader for a file: by suffix (``.gz`` looked through), then by its first bytes."""
    lower = name.lower().removesuffix(".gz")
    suffix = Path(lower).suffix
    kind = _SUFFIX_KIND.get(suffix)
    sniff = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1024].lower()
    if kind in ("html", "jsonl", "warc", "feed", "urls"):
        return kind
    if sniff.startswith(b"warc/"):
        return "warc"
    if sniff.startswith(b"<"):
        if b"<rss" in sniff or b"<feed" in sniff or b"<rdf:rdf" in sniff:
            return "feed"
        if suffix == ".xml":
            return "feed"
        return "html"
    if sniff.startswith((b"{", b"[{")) and suffix != ".txt":
        return "jsonl"
    return "text"


def _gunzip(data: bytes, limit: int) -> bytes:
    """Decompress gzip data, refusing more than ``limit`` bytes of output (a gzip bomb)."""
    with gzip.GzipFile(fileobj=_BytesReader(data)) as gz:
        out = gz.read(limit + 1)
    if len(out) > limit:
        raise ValueError(f"decompresses to more than the {limit}-byte limit")
    return out


class _BytesReader:
    """Minimal file object over bytes for GzipFile (avoids a copy in BytesIO)."""

    def __init__(self, data: bytes) -> None:
        self._view = memoryview(data)
        self._pos = 0

    def read(self, n: int = -1) -> bytes:
        end = len(self._view) if n is None or n < 0 else min(len(self._view), self._pos + n)
        chunk = bytes(self._view[self._pos : end])
        self._pos = end
        return chunk

    def seek(self, pos: int, whence: int = 0) -> int:
        base = {0: 0, 1: self._pos, 2: len(self._view)}[whence]
        self._pos = max(0, min(len(self._view), base + pos))
        return self._pos

    def tell(self) -> int:
        return self._pos


def read_bytes(data: bytes, source: str, ctx: Context, *, name: str | None = None) -> Iterator[Item]:
    """Read one input's bytes (already size-checked) with the reader its name and content call for."""
    limit = ctx.settings.ingest.max_bytes
    name = name or source
    if not data.strip():
        yield IngestProblem(source=source, problem="empty input", severity="skipped")
        return
    is_warc = name.lower().endswith((".warc.gz", ".arc.gz"))
    if data[:2] == b"\x1f\x8b" and not is_warc:
        try:
            data = _gunzip(data, limit)
        except (OSError, EOFError, zlib.error, ValueError) as e:
            yield IngestProblem(source=source, problem=f"cannot decompress gzip: {e}")
            return
        if not data.strip():
            yield IngestProblem(source=source, problem="empty input", severity="skipped")
            return
    kind = "warc" if is_warc else detect_kind(name, data[:2048])
    if kind == "warc":
        yield from guarded(read_warc(data, source, ctx), source)
        return
    if kind in ("urls", "text") and not looks_binary(data):
        text, _notes = decode_bytes(data)
        urls = url_list(text)
        if urls is not None:
            yield from _read_urls(urls, source, ctx)
            return
        if kind == "urls":
            yield IngestProblem(source=source, problem="URL list holds lines that are not http(s) URLs")
            return
    readers: dict[str, Reader] = {
        "html": read_html,
        "jsonl": read_jsonl,
        "feed": read_feed,
        "text": read_text,
    }
    yield from guarded(readers.get(kind, read_text)(data, source, ctx), source)


def guarded(items: Iterator[Item], source: str) -> Iterator[Item]:
    """A reader's items, ending in one problem if the reader raises (what it yielded before stays).

    Readers translate their parsers' errors into IngestError; anything else that escapes is a
    flaw in storyline, still reported as one line so that the rest of the run goes on.
    """
    try:
        yield from items
    except IngestError as e:
        yield IngestProblem(source=source, problem=e.args[0])
    except (ConfigError, StoreError):
        raise
    except Exception as e:  # a reader's own flaw must not end the run either
        yield IngestProblem(source=source, problem=f"reader failed: {type(e).__name__}: {e}")


def _read_urls(urls: list[str], source: str, ctx: Context) -> Iterator[Item]:
    if not ctx.fetch:
        yield IngestProblem(
            source=source,
            problem=f"{len(urls)} URLs not fetched: fetching is off (pass --fetch)",
            severity="skipped",
        )
        return
    for url in urls:
        yield _fetch_one(url, ctx)


def _fetch_one(url: str, ctx: Context) -> Item:
    try:
        got = fetch_url(url, ctx.settings.ingest)
    except FetchError as e:
        return IngestProblem(source=url, problem=str(e))
    if got.content_type == "text/plain":
        text, notes = decode_bytes(got.content, got.charset)
        return build_article(
            text, source=url, kind="url", url=got.url, published_override=ctx.published, notes=notes
        )
    return html_article(got.content, url, ctx, url=got.url, declared=got.charset, kind="url")


def _walk(path: Path, root: Path | None = None, depth: int = 0) -> Iterator[Path | IngestProblem]:
    """Files under ``path`` in stable sorted order, skipping hidden files and directories.

    Symbolic links are followed only when they stay inside the directory the user named; a
    link pointing elsewhere is reported, not read. Directories nested deeper than
    ``MAX_DEPTH`` below it are reported, not read.
    """
    root = root or path.resolve()
    if depth > MAX_DEPTH:
        yield IngestProblem(
            source=display_name(path),
            problem=f"directory nested more than {MAX_DEPTH} levels deep: not read",
            severity="skipped",
        )
        return
    try:
        entries = sorted(path.iterdir(), key=lambda p: p.name)
    except OSError as e:
        yield IngestProblem(source=display_name(path), problem=f"cannot list directory: {e.strerror or e}")
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_symlink():
            broken = link_problem(entry)
            if broken is not None:
                yield IngestProblem(source=display_name(entry), problem=broken.args[0], severity="skipped")
                continue
            target = entry.resolve()
            if not target.is_relative_to(root):
                yield IngestProblem(
                    source=display_name(entry),
                    problem="symbolic link points outside the input directory",
                    severity="skipped",
                )
                continue
            if target.is_dir():
                continue  # linked directories could loop; their files are read where they live
        try:
            mode = entry.stat().st_mode
        except OSError as e:
            yield IngestProblem(source=display_name(entry), problem=f"cannot read: {e.strerror or e}")
            continue
        if stat.S_ISDIR(mode):
            yield from _walk(entry, root, depth + 1)
        elif stat.S_ISREG(mode):
            yield entry
        else:
            yield IngestProblem(
                source=display_name(entry),
                problem=f"{file_kind(mode)}, not a regular file: not read",
                severity="skipped",
            )


def _read_file(path: Path, source: str, ctx: Context) -> Iterator[Item]:
    limit = ctx.settings.ingest.max_bytes
    if path.name.lower().endswith(WARC_SUFFIXES):
        # An archive holds many pages: stream it, and apply the limit to each record.
        try:
            with open_regular(path) as fh:
                if not fh.read(1):
                    yield IngestProblem(source=source, problem="empty input", severity="skipped")
                    return
                fh.seek(0)
                yield from guarded(read_warc(fh, source, ctx), source)
        except UnreadableInput as e:
            yield IngestProblem(source=source, problem=e.args[0], severity="skipped")
        except OSError as e:
            yield IngestProblem(source=source, problem=f"cannot read: {e.strerror or e}")
        return
    try:
        with open_regular(path) as fh:
            size = os.fstat(fh.fileno()).st_size
            if size > limit:
                yield IngestProblem(
                    source=source,
                    problem=f"too large: {size} bytes is over the {limit}-byte limit",
                    severity="skipped",
                )
                return
            data = fh.read(limit + 1)
    except UnreadableInput as e:
        yield IngestProblem(source=source, problem=e.args[0], severity="skipped")
        return
    except OSError as e:
        yield IngestProblem(source=source, problem=f"cannot read: {e.strerror or e}")
        return
    if len(data) > limit:
        yield IngestProblem(
            source=source, problem=f"too large: over the {limit}-byte limit", severity="skipped"
        )
        return
    yield from read_bytes(data, source, ctx, name=path.name)


def read_inputs(
    inputs: Sequence[str | Path],
    settings: Settings,
    *,
    fetch: bool = False,
    published: date | None = None,
) -> Iterator[Article | IngestProblem]:
    """Read files, directories (recursively, sorted), ``-`` (stdin) and URLs, in the order given.

    fetch (bool): fetch http(s) URLs given as inputs or listed in URL-list files.
    published (date | None): a publication date that overrides what the inputs say.
    YIELDS: an Article per article read, an IngestProblem per input (or line) that failed.
    """
    ctx = Context(settings=settings, published=published, fetch=fetch)
    for given in inputs:
        for item in _read_input(given, ctx):
            yield _encodable(item)


def _encodable(item: Article | IngestProblem) -> Article | IngestProblem:
    """Problems name their input in text that encodes as UTF-8 (articles are scrubbed when built)."""
    if isinstance(item, IngestProblem) and (has_surrogates(item.source) or has_surrogates(item.problem)):
        return item.model_copy(update={"source": scrub(item.source), "problem": scrub(item.problem)})
    return item


def _read_input(given: str | Path, ctx: Context) -> Iterator[Article | IngestProblem]:
    limit = ctx.settings.ingest.max_bytes
    name = display_name(given) if isinstance(given, Path) else scrub_name(given)
    if name == "-":
        data = sys.stdin.buffer.read(limit + 1)
        if len(data) > limit:
            yield IngestProblem(
                source="-", problem=f"too large: over the {limit}-byte limit", severity="skipped"
            )
            return
        yield from read_bytes(data, "-", ctx, name="stdin")
    elif "://" in name:
        yield from _read_urls([name], name, ctx)
    else:
        path = Path(given)
        broken = link_problem(path) if path.is_symlink() else None
        if broken is not None:
            yield IngestProblem(source=name, problem=broken.args[0], severity="skipped")
        elif path.is_dir():
            for file in _walk(path):
                if isinstance(file, IngestProblem):
                    yield file
                else:
                    yield from _read_file(file, display_name(file), ctx)
        elif path.exists():
            yield from _read_file(path, name, ctx)
        else:
            yield IngestProblem(source=name, problem="no such file or directory")


def scrub_name(name: str) -> str:
    """A name given as text (argv decodes undecodable bytes as lone surrogates) made printable."""
    if not has_surrogates(name):
        return name
    try:
        return display_name(name)
    except UnicodeError:
        return scrub(name)

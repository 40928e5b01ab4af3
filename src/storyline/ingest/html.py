"""HTML pages and fragments to text: trafilatura for pages, lxml for small feed fragments."""

from __future__ import annotations

import logging
import re
import time
from dataclasses import dataclass
from datetime import date
from typing import Any

import lxml.html
import trafilatura
from lxml import etree

from storyline.errors import IngestError
from storyline.ingest.article import parse_published
from storyline.ingest.guard import parser_errors

logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
logging.getLogger("htmldate").setLevel(logging.CRITICAL)

_BLOCKS = frozenset(
    {
        "p",
        "div",
        "li",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "br",
        "tr",
        "section",
        "article",
        "pre",
    }
)
_DROP = frozenset({"script", "style", "noscript", "iframe", "object", "embed", "form", "button", "svg"})


@dataclass(frozen=True)
class Page:
    """What trafilatura found in one page."""

    text: str
    title: str | None = None
    author: str | None = None
    sitename: str | None = None
    published: date | None = None
    url: str | None = None
    note: str | None = None


#: Below this many characters of body, the fast extraction is retried with trafilatura's fallbacks.
SHORT_BODY = 250
#: Attributes kept on one start tag. libxml2 checks each new attribute against the tag's
#: others and htmldate's date search scans every attribute of an element per pattern, so an
#: element with n attributes costs more than n squared: 20k attributes on one tag took 9 s.
MAX_TAG_ATTRIBUTES = 64
#: Attributes kept in a whole page; past this only the ones extraction reads are kept.
MAX_PAGE_ATTRIBUTES = 100_000
#: Start tags in a page above which trafilatura is not run (its cost grows with the element
#: count: 300k elements took 67 s); the page's text is then taken block by block with lxml.
MAX_PAGE_TAGS = 50_000
#: Seconds for the fast extraction after which the slower fallback pass is not tried.
FALLBACK_BUDGET_SECONDS = 10.0
_KEEP_ATTRIBUTES = frozenset(
    {"class", "id", "href", "src", "content", "name", "property", "itemprop", "datetime", "rel",
     "lang", "type", "charset", "http-equiv", "role", "title", "alt"}
)  # fmt: skip
_START_TAG = re.compile(r"<[A-Za-z][^<>]*>")
_ATTRIBUTE = re.compile(r"""[^\s=/>"']+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>"']*))?""")


@dataclass
class _AttributeBudget:
    left: int
    trimmed: int = 0

    def tag(self, m: re.Match[str]) -> str:
        tag = m.group(0)
        rough = tag.count("=")
        if rough <= MAX_TAG_ATTRIBUTES and rough <= self.left:
            self.left -= rough
            return tag
        name_end = 1
        while name_end < len(tag) and not tag[name_end].isspace() and tag[name_end] not in "/>":
            name_end += 1
        attrs = _ATTRIBUTE.findall(tag, name_end, len(tag) - 1)
        kept: list[str] = []
        for attr in attrs:
            key = attr.split("=", 1)[0].strip().lower()
            if len(kept) < MAX_TAG_ATTRIBUTES and (self.left > 0 or key in _KEEP_ATTRIBUTES):
                kept.append(attr)
                self.left -= 1
        self.trimmed += len(attrs) - len(kept)
        closing = "/>" if tag.endswith("/>") else ">"
        return tag[:name_end] + "".join(" " + a for a in kept) + closing


def bound_markup(html: str) -> tuple[str, int]:
    """``html`` with at most ``MAX_TAG_ATTRIBUTES`` attributes per tag and ``MAX_PAGE_ATTRIBUTES``
    in all (past that, only attributes extraction reads); and how many were dropped.

    One linear pass over the start tags, so the parse that follows costs linear time too.
    Text is never touched, only markup.
    """
    if html.count("=") <= MAX_TAG_ATTRIBUTES:
        return html, 0
    budget = _AttributeBudget(left=MAX_PAGE_ATTRIBUTES)
    out = _START_TAG.sub(budget.tag, html)
    return (out, budget.trimmed) if budget.trimmed else (html, 0)


def _count_tags(html: str) -> int:
    return sum(1 for _ in _START_TAG.finditer(html))


def _extract(html: str, url: str | None, fast: bool) -> Any:
    try:
        with parser_errors("HTML"):
            return trafilatura.bare_extraction(
                html,
                url=url,
                with_metadata=True,
                include_comments=False,
                include_tables=True,
                fast=fast,
                favor_recall=True,
            )
    except IngestError:
        return None


def extract_page(html: str, url: str | None = None) -> Page | None:
    """The main text and metadata of an HTML page, or None when there is no article in it.

    Markup is first bounded (``bound_markup``). Then a cascade: 1. trafilatura's own
    extraction (``fast``); 2. only when that finds little or nothing and took less than
    ``FALLBACK_BUDGET_SECONDS``, trafilatura again with its readability/jusText fallbacks,
    keeping the longer body.
    """
    html, _trimmed = bound_markup(html)
    if html.count("<") > MAX_PAGE_TAGS and _count_tags(html) > MAX_PAGE_TAGS:
        text = page_text(html)
        if not text.strip():
            return None
        return Page(text=text, url=url, note=f"over {MAX_PAGE_TAGS} HTML tags: text taken block by block")
    started = time.monotonic()
    doc = _extract(html, url, fast=True)
    text = (doc.text or "") if doc is not None and not isinstance(doc, dict) else ""
    spent = time.monotonic() - started
    if len(text.strip()) < SHORT_BODY and spent < FALLBACK_BUDGET_SECONDS:
        slow = _extract(html, url, fast=False)
        slow_text = (slow.text or "") if slow is not None and not isinstance(slow, dict) else ""
        if len(slow_text.strip()) > len(text.strip()):
            doc, text = slow, slow_text
    if doc is None or isinstance(doc, dict) or not text.strip():
        return None
    return Page(
        text=text,
        title=doc.title or None,
        author=doc.author or None,
        sitename=doc.sitename or None,
        published=parse_published(doc.date),
        url=doc.url or url,
    )


def fragment_text(html: str) -> str:
    """Text of an HTML fragment (a feed entry's content), one block element per line."""
    try:
        with parser_errors("HTML"):
            return _fragment_text(bound_markup(html)[0])
    except IngestError:
        return html


def page_text(html: str) -> str:
    """Text of a whole page, one block element per line (no boilerplate removal): linear time."""
    try:
        with parser_errors("HTML"):
            root = lxml.html.document_fromstring(html)
            body = root.find("body")
            return _block_text(body if body is not None else root)
    except IngestError:
        return ""


def _fragment_text(html: str) -> str:
    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except (etree.ParserError, ValueError):
        return html
    return _block_text(root)


def _block_text(root: lxml.html.HtmlElement) -> str:
    for bad in list(root.iter(*_DROP)):
        bad.drop_tree()
    parts: list[str] = []
    # Iterative, so that markup nested thousands deep cannot exhaust the stack.
    for event, el in etree.iterwalk(root, events=("start", "end")):
        block = isinstance(el.tag, str) and el.tag in _BLOCKS
        if event == "start":
            if block:
                parts.append("\n")
            if isinstance(el.tag, str) and el.text:
                parts.append(el.text)  # a comment's text is not page text
            continue
        if block:
            parts.append("\n")
        if el is not root and el.tail:
            parts.append(el.tail)
    lines = (" ".join(line.split()) for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)

"""HTML pages and fragments to text: trafilatura for pages, lxml for small feed fragments."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date
from typing import Any

import lxml.html
import trafilatura
from lxml import etree

from storyline.ingest.article import parse_published

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


#: Below this many characters of body, the fast extraction is retried with trafilatura's fallbacks.
SHORT_BODY = 250


def _extract(html: str, url: str | None, fast: bool) -> Any:
    try:
        return trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            fast=fast,
            favor_recall=True,
        )
    except (ValueError, TypeError, etree.LxmlError):
        return None


def extract_page(html: str, url: str | None = None) -> Page | None:
    """The main text and metadata of an HTML page, or None when there is no article in it.

    A cascade: 1. trafilatura's own extraction (``fast``); 2. only when that finds little or
    nothing, trafilatura again with its readability/jusText fallbacks, keeping the longer body.
    """
    doc = _extract(html, url, fast=True)
    text = (doc.text or "") if doc is not None and not isinstance(doc, dict) else ""
    if len(text.strip()) < SHORT_BODY:
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
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except (etree.ParserError, ValueError):
        return html
    for bad in list(root.iter(*_DROP)):
        bad.drop_tree()
    parts: list[str] = []

    def walk(el: lxml.html.HtmlElement) -> None:
        if not isinstance(el.tag, str):
            return  # a comment or processing instruction; its tail is added by the parent
        tag = el.tag
        if tag in _BLOCKS:
            parts.append("\n")
        if el.text:
            parts.append(el.text)
        for child in el:
            walk(child)
            if child.tail:
                parts.append(child.tail)
        if tag in _BLOCKS:
            parts.append("\n")

    walk(root)
    lines = (" ".join(line.split()) for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)

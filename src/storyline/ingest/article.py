"""Turning decoded text plus what a reader knows about it into an :class:`Article`."""

from __future__ import annotations

import re
from datetime import date, datetime
from urllib.parse import urlsplit

from storyline.clean import clean_text
from storyline.ingest.credits import credit_outlet, wire_dateline
from storyline.ingest.guard import has_surrogates, scrub, scrub_optional
from storyline.ingest.language import detect_language
from storyline.models import Article, IngestProblem, InputKind, content_hash, make_article_id

_ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})")


def parse_published(value: object) -> date | None:
    """A publication date from a metadata value ("2025-03-23", "2025-03-23T10:00Z", a date)."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        return None
    m = _ISO_DATE.match(value)
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def outlet_from_url(url: str | None) -> str | None:
    """The site a URL belongs to, as its host name without ``www.``."""
    if not url:
        return None
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    if not host:
        return None
    return host.removeprefix("www.")


def _short(value: str | None, limit: int = 300) -> str | None:
    if value is None:
        return None
    value = " ".join(value.split())
    return value[:limit] or None


def build_article(
    raw: str,
    *,
    source: str,
    kind: InputKind,
    url: str | None = None,
    title: str | None = None,
    byline: str | None = None,
    outlet: str | None = None,
    published: date | None = None,
    published_override: date | None = None,
    notes: tuple[str, ...] = (),
    keep_headline: bool = False,
) -> Article | IngestProblem:
    """Clean ``raw`` and attach metadata; an IngestProblem when no article text is left.

    The metadata a reader passes wins over what cleaning finds in the text (a dateline, a
    byline, a headline); ``published_override`` wins over both. A first line repeating the
    title is cut as the headline unless ``keep_headline`` (text the user supplied as the body).
    """
    if has_surrogates(raw):
        # A JSON "\ud800" escape decodes to a lone surrogate, which no UTF-8 step can encode.
        raw = scrub(raw)
        notes = (*notes, "lone surrogate escapes replaced with U+FFFD")
    source, url, title = scrub(source), scrub_optional(url), scrub_optional(title)
    byline, outlet = scrub_optional(byline), scrub_optional(outlet)
    cleaned = clean_text(raw, title=None if keep_headline else title)
    if not cleaned.text.strip():
        return IngestProblem(source=source, problem="no article text found", severity="skipped")
    language = detect_language(cleaned.text)
    all_notes = list(notes)
    if language is not None and language != "en":
        all_notes.append(f"language looks like '{language}', not English: analysis may be poor")
    elif language is None:
        all_notes.append("language could not be determined")
    wire = wire_dateline(cleaned.text)
    return Article(
        article_id=make_article_id(cleaned.text, url),
        source=source,
        input_kind=kind,
        url=url,
        title=_short(title) or _short(cleaned.title),
        byline=_short(byline) or _short(cleaned.byline),
        outlet=_short(outlet) or outlet_from_url(url) or (wire and wire.outlet) or credit_outlet(raw),
        published=published_override or published or cleaned.dateline or (wire and wire.published),
        language=language,
        raw=raw,
        text=cleaned.text,
        removed=cleaned.removed,
        offset_map=cleaned.offset_map,
        content_hash=content_hash(cleaned.text),
        notes=tuple(all_notes),
    )

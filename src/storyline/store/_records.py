"""Turning records into rows and back, and the search helpers both backends share.

Only the store package imports this module. Nested parts of a record (removals, offset map,
entities, figures, ...) are kept as JSON text; quotes get their own rows so that they can be
queried by speaker and article and searched.
"""

from __future__ import annotations

import os
import re
import socket
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

from pydantic import TypeAdapter

from storyline.models import (
    ARTICLE_META,
    Article,
    ArticleAnalysis,
    Entity,
    Event,
    Figure,
    OffsetSegment,
    Quote,
    Removal,
    Story,
    Timex,
    content_hash,
    make_article_id,
)

_REMOVALS: TypeAdapter[tuple[Removal, ...]] = TypeAdapter(tuple[Removal, ...])
_SEGMENTS: TypeAdapter[tuple[OffsetSegment, ...]] = TypeAdapter(tuple[OffsetSegment, ...])
_NOTES: TypeAdapter[tuple[str, ...]] = TypeAdapter(tuple[str, ...])
_ENTITIES: TypeAdapter[tuple[Entity, ...]] = TypeAdapter(tuple[Entity, ...])
_FIGURES: TypeAdapter[tuple[Figure, ...]] = TypeAdapter(tuple[Figure, ...])
_TIMEXES: TypeAdapter[tuple[Timex, ...]] = TypeAdapter(tuple[Timex, ...])
_EVENTS: TypeAdapter[tuple[Event, ...]] = TypeAdapter(tuple[Event, ...])

ARTICLE_COLUMNS = (
    "article_id",
    "dedup_key",
    "source",
    "input_kind",
    "url",
    "title",
    "byline",
    "outlet",
    "published",
    "language",
    "raw",
    "text",
    "content_hash",
    "removed",
    "offset_map",
    "notes",
    "added_at",
)
QUOTE_COLUMNS = (
    "article_id",
    "ord",
    "text",
    "start_char",
    "end_char",
    "kind",
    "speaker",
    "speaker_id",
    "speaker_text",
    "speaker_start",
    "speaker_end",
    "cue",
    "cue_start",
    "cue_end",
    "paragraph",
)
ANALYSIS_COLUMNS = (
    "article_id",
    "pipeline_version",
    "entities",
    "figures",
    "timexes",
    "events",
    "analysed_at",
)
STORY_COLUMNS = ("story_id", "title", "first_seen", "data", "saved_at")

# Private-use characters mark search matches inside highlighted text (see ``locate_match``).
MARK_OPEN = "\ue000"
MARK_CLOSE = "\ue001"
SNIPPET_BEFORE = 80
SNIPPET_AFTER = 140
MAX_QUERY_TERMS = 16


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def owner_gone(owner: str) -> bool:
    """Whether a claim's owner (``host:pid:nonce``, as ``services`` names an analyze run) is a
    process of this machine that is no longer running."""
    host, _, rest = owner.partition(":")
    pid_text = rest.partition(":")[0]
    if host != socket.gethostname() or not pid_text.isdigit():
        return False
    try:
        os.kill(int(pid_text), 0)
    except ProcessLookupError:
        return True
    except (PermissionError, OverflowError, OSError):
        return False
    return False


def dedup_key(article: Article) -> str:
    """What makes two articles the same: the clean text's hash, plus the URL when known."""
    return make_article_id(article.text, article.url)


#: Article fields stored as they are; the nested ones are JSON text columns.
ARTICLE_FIELDS = {*ARTICLE_META, "raw", "text"}


def article_row(article: Article) -> dict[str, Any]:
    return {
        **article.model_dump(mode="json", include=ARTICLE_FIELDS),
        "dedup_key": dedup_key(article),
        "content_hash": article.content_hash or content_hash(article.text),
        "removed": _REMOVALS.dump_json(article.removed).decode(),
        "offset_map": _SEGMENTS.dump_json(article.offset_map).decode(),
        "notes": _NOTES.dump_json(article.notes).decode(),
        "added_at": now(),
    }


def article_from_row(row: Mapping[str, Any]) -> Article:
    return Article(
        **{f: row[f] for f in ARTICLE_FIELDS},
        removed=_REMOVALS.validate_json(row["removed"]),
        offset_map=_SEGMENTS.validate_json(row["offset_map"]),
        content_hash=row["content_hash"],
        notes=_NOTES.validate_json(row["notes"]),
    )


def analysis_row(analysis: ArticleAnalysis) -> dict[str, Any]:
    return {
        "article_id": analysis.article_id,
        "pipeline_version": analysis.pipeline_version,
        "entities": _ENTITIES.dump_json(analysis.entities).decode(),
        "figures": _FIGURES.dump_json(analysis.figures).decode(),
        "timexes": _TIMEXES.dump_json(analysis.timexes).decode(),
        "events": _EVENTS.dump_json(analysis.events).decode(),
        "analysed_at": now(),
    }


#: Quote fields stored under another column name ("end" is an SQL keyword).
QUOTE_RENAMES = {"start": "start_char", "end": "end_char"}


def quote_rows(analysis: ArticleAnalysis) -> list[dict[str, Any]]:
    """Each quote as its row: the record's fields (renamed per QUOTE_RENAMES) and its order."""
    rows = []
    for i, q in enumerate(analysis.quotes):
        fields = q.model_dump()
        row = {QUOTE_RENAMES.get(k, k): v for k, v in fields.items()}
        rows.append({**row, "article_id": analysis.article_id, "ord": i})
    return rows


def quote_from_row(row: Mapping[str, Any]) -> Quote:
    back = {v: k for k, v in QUOTE_RENAMES.items()}
    return Quote(**{back.get(c, c): row[c] for c in QUOTE_COLUMNS if c != "ord"})


def analysis_from_row(row: Mapping[str, Any], quotes: Sequence[Quote]) -> ArticleAnalysis:
    return ArticleAnalysis(
        article_id=row["article_id"],
        pipeline_version=row["pipeline_version"],
        quotes=tuple(quotes),
        entities=_ENTITIES.validate_json(row["entities"]),
        figures=_FIGURES.validate_json(row["figures"]),
        timexes=_TIMEXES.validate_json(row["timexes"]),
        events=_EVENTS.validate_json(row["events"]),
    )


def story_row(story: Story) -> dict[str, Any]:
    return {
        "story_id": story.story_id,
        "title": story.title,
        "first_seen": story.first_seen.isoformat() if story.first_seen else None,
        "data": story.model_dump_json(),
        "saved_at": now(),
    }


def story_from_row(row: Mapping[str, Any]) -> Story:
    return Story.model_validate_json(row["data"])


# ---- search -----------------------------------------------------------------------------------

_QUERY_PART = re.compile(r'"([^"]*)"|(\w+)', re.UNICODE)


def query_terms(query: str) -> list[str]:
    """The words and "quoted phrases" of a user's query; operators and punctuation are dropped.

    Users type free text; it is never passed to the full-text engine's own query syntax.
    """
    terms: list[str] = []
    for m in _QUERY_PART.finditer(query):
        phrase, word = m.group(1), m.group(2)
        if phrase is not None:
            words = re.findall(r"\w+", phrase, re.UNICODE)
            if words:
                terms.append(" ".join(words))
        elif word:
            terms.append(word)
        if len(terms) >= MAX_QUERY_TERMS:
            break
    return terms


def locate_match(text: str, highlighted: str | None, terms: Sequence[str]) -> tuple[int, int]:
    """Offsets into ``text`` of the first match, read from the engine's highlighted copy.

    Falls back to a plain case-insensitive search for the terms when the highlighted copy does
    not reduce to ``text`` (e.g. the text itself held a marker character), and to (0, 0) when
    nothing is found (a match in the title only).
    """
    if highlighted:
        i = highlighted.find(MARK_OPEN)
        if i >= 0 and highlighted.replace(MARK_OPEN, "").replace(MARK_CLOSE, "") == text:
            j = highlighted.find(MARK_CLOSE, i)
            start = i - highlighted.count(MARK_CLOSE, 0, i) - highlighted.count(MARK_OPEN, 0, i)
            if j < 0:
                return start, start
            end = j - highlighted.count(MARK_OPEN, 0, j) - highlighted.count(MARK_CLOSE, 0, j)
            return start, end
    best: tuple[int, int] | None = None
    for term in terms:
        pattern = r"\b" + r"\W+".join(re.escape(w) for w in term.split())
        m = re.search(pattern, text, re.IGNORECASE | re.UNICODE)
        if m and (best is None or m.start() < best[0]):
            end = m.end()
            while end < len(text) and text[end].isalnum():  # the rest of a stemmed word
                end += 1
            best = (m.start(), end)
    return best or (0, 0)


def make_snippet(text: str, start: int, end: int) -> str:
    """A short plain-text passage around ``text[start:end]`` (callers escape it for HTML)."""
    lo = max(0, start - SNIPPET_BEFORE)
    hi = min(len(text), max(end, start) + SNIPPET_AFTER)
    if lo > 0:
        space = text.find(" ", lo, start)
        lo = space + 1 if space >= 0 else lo
    if hi < len(text):
        space = text.rfind(" ", max(end, start), hi)
        hi = space if space > 0 else hi
    passage = " ".join(text[lo:hi].split())
    return ("…" if lo > 0 else "") + passage + ("…" if hi < len(text) else "")

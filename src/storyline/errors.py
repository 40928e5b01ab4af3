"""Errors raised by storyline.

Every error storyline raises on purpose is a :class:`StorylineError`; third-party errors are
translated where they enter (readers, store, fetcher), so callers catch one family::

    StorylineError                 code prefix
     ├── ConfigError               SL1xx  bad settings file or option
     ├── IngestError               SL2xx  an input could not be read or decoded
     │    ├── InputTooLarge        SL201  (SL202: a web upload over its limit)
     │    └── UnreadableInput      SL220  a parser gave up on the input (SL221..SL224 say why)
     ├── ExtractionError           SL3xx  an analysis step failed on an article
     │    └── AnalysisBudget       SL310  an article took more than its time budget
     ├── StoreError                SL4xx  the database refused an operation
     │    └── NotFound             SL404
     └── FetchError                SL5xx  a URL could not (or may not) be fetched

The web app adds SL6xx for HTTP-level refusals (web/security.py); docs/architecture.md lists
every code.
"""

from __future__ import annotations


class StorylineError(Exception):
    """Base class of every error storyline raises on purpose.

    code (str): a grep-able error code, e.g. ``SL201``.
    """

    code = "SL000"

    def __init__(self, message: str, *, code: str | None = None) -> None:
        super().__init__(message)
        if code is not None:
            self.code = code

    def __str__(self) -> str:
        return f"[{self.code}] {super().__str__()}"


class ConfigError(StorylineError):
    code = "SL100"


class IngestError(StorylineError):
    code = "SL200"


class InputTooLarge(IngestError):
    code = "SL201"


class UnreadableInput(IngestError):
    """A third-party parser (JSON, feed, WARC, HTML) gave up on an input, or it is not a file.

    Codes: SL220 a parser error; SL221 nested too deeply; SL222 not a regular file; SL223 a
    symbolic link loop; SL224 a broken symbolic link.
    """

    code = "SL220"


class ExtractionError(StorylineError):
    code = "SL300"


class AnalysisBudget(ExtractionError):
    """An article's analysis ran over ``nlp.article_seconds`` of CPU time (the article is reported, not kept).

    article_id (str | None): the article, so that the rest of its batch need not be redone.
    """

    code = "SL310"

    def __init__(self, message: str, *, code: str | None = None, article_id: str | None = None) -> None:
        super().__init__(message, code=code)
        self.article_id = article_id


class StoreError(StorylineError):
    code = "SL400"


class NotFound(StoreError):
    code = "SL404"


class FetchError(StorylineError):
    code = "SL500"

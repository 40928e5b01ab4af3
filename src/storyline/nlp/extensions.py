"""Every Doc extension storyline sets, registered in one place, idempotently.

Components write these; only :mod:`storyline.nlp.convert` reads them back into records.
"""

from __future__ import annotations

from spacy.tokens import Doc

DOC_EXTENSIONS: dict[str, object] = {
    "sl_article_id": None,  # str: the Article this Doc was made from
    "sl_published": None,  # str (YYYY-MM-DD): reference date for relative dates
    "sl_actors": None,  # list of actor clusters (storyline_actors)
    "sl_quotes": None,  # list of quote candidates (storyline_quotes)
    "sl_figures": None,  # list of figures (storyline_figures)
    "sl_timexes": None,  # list of temporal expressions (storyline_timexes)
    "sl_events": None,  # list of events (storyline_events)
}


def register_extensions() -> None:
    for name, default in DOC_EXTENSIONS.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)


register_extensions()

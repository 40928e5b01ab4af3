"""The Jinja2 environment: autoescaping always on, helpers for links into the dossier."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from fastapi import Request
from jinja2 import Environment, PackageLoader, StrictUndefined

from storyline.link.presentation import file_name, source_label
from storyline.report.links import safe_url
from storyline.web.render import path_part


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("storyline.web", "templates"),
        autoescape=True,  # every template, whatever its name
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["pathpart"] = path_part
    env.filters["safe_url"] = safe_url
    env.filters["basename"] = file_name
    env.globals["source_label"] = source_label
    return env


def render_page(request: Request, name: str, **context: Any) -> str:
    return environment().get_template(name).render(request_path=request.url.path, **context)

"""Fixtures for reader tests: settings, and small real input files written by the tests."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from ingest_samples import PARAGRAPHS, article_html, write

from storyline.settings import Settings, load_settings


@pytest.fixture
def paragraphs() -> list[str]:
    return list(PARAGRAPHS)


@pytest.fixture
def make_html() -> Callable[..., str]:
    return article_html


@pytest.fixture
def write_file() -> Callable[[Path, str | bytes], Path]:
    return write


@pytest.fixture
def cfg() -> Settings:
    return load_settings()


@pytest.fixture
def tiny_cfg() -> Settings:
    return load_settings(**{"ingest.max_bytes": 64})


@pytest.fixture
def html_page() -> str:
    return article_html()


@pytest.fixture
def text_dump() -> str:
    return "\n\n".join(
        [
            "Thu. May 16th, 2024",
            "By: *Petra Almquist*",
            "Varnholm council votes to close tram depot",
            *PARAGRAPHS[:3],
            "Read More",
            "Bus fares to rise in autumn as the city looks for savings",
            "article image",
            *PARAGRAPHS[3:],
        ]
    )

"""Fixtures for the dossier tests (records from ``report_corpus``)."""

from __future__ import annotations

import json

import pytest
from report_corpus import SCHEMA, make_corpus

from storyline.models import Article, ArticleAnalysis, Story

Corpus = tuple[list[Story], list[Article], list[ArticleAnalysis]]


@pytest.fixture
def corpus() -> Corpus:
    return make_corpus()


@pytest.fixture
def hostile_corpus() -> Corpus:
    return make_corpus(hostile=True)


@pytest.fixture(scope="session")
def schema() -> dict[str, object]:
    return json.loads(SCHEMA.read_text("utf-8"))  # type: ignore[no-any-return]

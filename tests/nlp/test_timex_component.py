"""The storyline_timexes component on a real pipeline: tense from the parse picks the weekday."""

from __future__ import annotations

import pytest
from spacy.language import Language

from storyline.models import Article, Timex
from storyline.nlp import make_doc
from storyline.nlp.components import timexes
from storyline.nlp.pipeline import cached_nlp
from storyline.settings import load_settings

pytestmark = pytest.mark.slow


@pytest.fixture(scope="session")
def nlp() -> Language:
    return cached_nlp(load_settings().nlp.model)


def _timexes(nlp: Language, text: str, published: str | None) -> dict[str, Timex]:
    article = Article(article_id="t2", source="t2", text=text, published=published)
    doc = nlp(make_doc(nlp, article))
    return {t.text: t for t in timexes.to_records(doc, "t2")}


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The foreign minister flew to the talks on Monday.", "2025-03-17"),
        ("The foreign minister has flown home on Monday.", "2025-03-17"),
        ("The foreign minister will fly to the talks on Monday.", "2025-03-24"),
        ("The foreign minister is going to fly there on Monday.", "2025-03-24"),
        ("The board decided to keep the border closed until Monday.", "2025-03-24"),
        ("The agency wants to finish the survey by Monday.", "2025-03-24"),
    ],
)
def test_timex_component_weekday_follows_tense(nlp: Language, text: str, value: str) -> None:
    found = _timexes(nlp, text, "2025-03-20")  # a Thursday
    assert found["Monday"].value == value
    assert found["Monday"].resolution == "relative"


def test_timex_component_month_follows_tense(nlp: Language) -> None:
    past = _timexes(nlp, "The company reported losses in November.", "2025-02-10")
    future = _timexes(nlp, "The company will report results in November.", "2025-02-10")
    assert past["November"].value == "2024-11"
    assert future["November"].value == "2025-11"


def test_timex_component_reduced_relative_is_past(nlp: Language) -> None:
    text = "The cuts come on top of measures agreed in October, which should save money."
    assert _timexes(nlp, text, "2025-08-19")["October"].value == "2024-10"


def test_timex_component_records_offsets(nlp: Language) -> None:
    text = "Two weeks ago, on 4 March 2025, a 90-day review started; it ends next month."
    found = _timexes(nlp, text, "2025-03-23")
    assert found["Two weeks ago"].value == "2025-03-09"
    assert found["4 March 2025"].resolution == "explicit"
    assert found["90-day"].value == "P90D"
    assert found["next month"].value == "2025-04"
    for t in found.values():
        assert text[t.start : t.end] == t.text


def test_timex_component_registered_factory(nlp: Language) -> None:
    assert "storyline_timexes" in nlp.pipe_names

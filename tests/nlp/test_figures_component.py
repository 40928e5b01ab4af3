"""The storyline_figures component on a real pipeline: what each figure counts, from the parse."""

from __future__ import annotations

import pytest
from spacy.language import Language

from storyline.models import Article
from storyline.nlp import make_doc
from storyline.nlp.components import figures
from storyline.nlp.pipeline import cached_nlp
from storyline.settings import load_settings

pytestmark = pytest.mark.slow


@pytest.fixture(scope="session")
def nlp() -> Language:
    return cached_nlp(load_settings().nlp.model)


def _figures(nlp: Language, text: str, published: str | None = "2025-03-23") -> list[figures.Figure]:
    article = Article(article_id="t1", source="t1", text=text, published=published)
    doc = nlp(make_doc(nlp, article))
    return list(figures.to_records(doc, "t1"))


def test_figures_component_counted_nouns(nlp: Language) -> None:
    text = (
        "The alliance pledged 25,000 extra troops, and more than 30 nations backed the plan. "
        "Militias control one-fifth of the region, while 4% of GDP goes on defence. "
        "A 60-day pause was agreed."
    )
    found = {f.text: f for f in _figures(nlp, text)}
    by_about = {f.about: f for f in found.values()}
    assert by_about["troop"].value == 25000.0
    assert by_about["nation"].qualifier == "more than"
    assert by_about["region"].value == pytest.approx(0.2)
    assert by_about["GDP"].unit == "percent"
    assert by_about["pause"].unit == "day"
    for f in found.values():
        assert text[f.start : f.end] == f.text


def test_figures_component_skips_dates_and_names(nlp: Language) -> None:
    text = "In 2022 the fleet of Airbus 320 jets grew by 40 planes, and on 3 May 2023 at 10:30 GMT it shrank."
    values = [f.value for f in _figures(nlp, text)]
    assert values == [40.0]


def test_figures_component_pronoun_one_is_not_a_figure(nlp: Language) -> None:
    text = "One said the plan was one they could live with, and the other disagreed."
    assert _figures(nlp, text) == []


def test_figures_component_money_rate(nlp: Language) -> None:
    text = "The government will spend £3billion a year until 2030 on the scheme."
    figs = _figures(nlp, text)
    assert len(figs) == 1
    assert (figs[0].value, figs[0].unit, figs[0].text) == (3e9, "GBP", "£3billion a year")


def test_figures_component_registered_factory(nlp: Language) -> None:
    assert "storyline_figures" in nlp.pipe_names


def test_figures_component_keeps_age_after_name(nlp: Language) -> None:
    figs = _figures(nlp, "The chair, Maria Lindqvist, 61, opened the session.")
    assert [(f.value, f.unit, f.about) for f in figs] == [(61.0, "year", "age")]


def test_figures_component_noun_phrase_must_be_clean(nlp: Language) -> None:
    figs = {
        f.text: f
        for f in _figures(
            nlp, "Analysts saw a 9% sell-off, and the ship has a range of 8,000 nautical miles."
        )
    }
    assert figs["9% sell-off"].about == "sell-off"
    assert figs["8,000 nautical miles"].unit == "nautical mile"
    share = _figures(nlp, "The airline bought 2 of the maker's new long-range jets.")
    assert [f.about for f in share] == [None]


def test_figures_component_survives_multiprocessing(nlp: Language) -> None:
    texts = ["On Monday 3,000 troops arrived, up from 2,000 a week earlier."] * 2
    docs = list(nlp.pipe(texts, n_process=2, batch_size=1))
    for doc in docs:
        assert [f.value for f in figures.to_records(doc, "m")] == [3000.0, 2000.0]

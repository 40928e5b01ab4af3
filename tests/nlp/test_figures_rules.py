"""Figure rules on text alone (no spaCy): values, units, qualifiers, ranges, non-figures."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from storyline.nlp.figures.rules import FigureSpan, find_figures


def _one(text: str, needle: str) -> FigureSpan:
    found = [f for f in find_figures(text) if needle in f.text]
    assert found, f"no figure containing {needle!r} in {[f.text for f in find_figures(text)]}"
    return found[0]


@pytest.mark.parametrize(
    ("text", "needle", "value", "unit", "about", "qualifier"),
    [
        ("The ministry sent 45,000 soldiers north.", "45,000", 45000.0, None, "soldier", None),
        ("Delegates from more than 40 states signed.", "40", 40.0, None, "state", "more than"),
        ("Officials promised €2billion a year until 2031.", "€2billion", 2e9, "EUR", None, None),
        ("Spending reached 3.5% of GDP last spring.", "3.5%", 3.5, "percent", "GDP", None),
        ("Both sides agreed a 45-day ceasefire.", "45-day", 45.0, "day", "ceasefire", None),
        ("Rebels now hold one-third of the province.", "one-third", 1 / 3, None, "province", None),
        ("Nearly two-thirds of voters stayed home.", "two-thirds", 2 / 3, None, "voter", "nearly"),
        ("Police arrested a dozen protesters.", "dozen", 12.0, None, "protester", None),
        ("Envoys could not name the four Baltic ports involved.", "four", 4.0, None, "port", None),
        ("On Monday 3,000 troops crossed the river.", "3,000", 3000.0, None, "troop", None),
        ("The fund holds 2.5 million dollars.", "2.5 million", 2.5e6, "USD", None, None),
        ("The deal is worth $75bn over ten years.", "$75bn", 7.5e10, "USD", None, None),
        ("They raised £400m for the hospital.", "£400m", 4e8, "GBP", None, None),
        ("It costs US$ 12 billion in total.", "12 billion", 1.2e10, "USD", None, None),
        ("Up to 500 volunteers may help.", "500", 500.0, None, "volunteer", "up to"),
        ("About 60 per cent of homes lost power.", "60", 60.0, "percent", None, "about"),
        ("At least 19 people were hurt.", "19", 19.0, None, "people", "at least"),
        ("Almost 300 families fled.", "300", 300.0, None, "family", "nearly"),
        ("Over 70 vessels were inspected.", "70", 70.0, None, "vessel", "more than"),
        ("Fewer than 20 doctors remain.", "20", 20.0, None, "doctor", "less than"),
        ("Some 800 workers walked out.", "800", 800.0, None, "worker", "about"),
        ("The pipeline runs 1,200 km across the plain.", "1,200", 1200.0, "km", None, None),
        ("Guards patrol a 20km strip.", "20km", 20.0, "km", None, None),
        ("Roughly 90 ships waited offshore.", "90", 90.0, None, "ship", "about"),
        ("As many as 600 buses were hired.", "600", 600.0, None, "bus", "up to"),
        ("Another 45 tanks arrived.", "45", 45.0, None, "tank", "additional"),
    ],
)
def test_figures_rules_value_unit_about_qualifier(
    text: str, needle: str, value: float, unit: str | None, about: str | None, qualifier: str | None
) -> None:
    fig = _one(text, needle)
    assert fig.value == pytest.approx(value)
    assert fig.unit == unit
    assert fig.qualifier == qualifier
    if about is not None:
        assert fig.about == about
    assert text[fig.start : fig.end] == fig.text


@pytest.mark.parametrize(
    ("text", "needle", "low", "high"),
    [
        ("They expect between 15 and 25 trucks daily.", "15", 15.0, 25.0),
        ("Each convoy carries 10-20 tonnes of grain.", "10-20", 10.0, 20.0),
        ("Estimates run from 3 to 5 million people.", "3 to 5 million", 3e6, 5e6),
        ("It would cost £2bn-£4bn to rebuild.", "£2bn", 2e9, 4e9),
    ],
)
def test_figures_rules_ranges(text: str, needle: str, low: float, high: float) -> None:
    fig = _one(text, needle)
    assert fig.value == pytest.approx(low)
    assert fig.value_max == pytest.approx(high)


@pytest.mark.parametrize(
    "text",
    [
        "He recalled lessons from World War Two at length.",
        "The airline ordered more Boeing 787 jets again.",
        "One of them refused to comment on it.",
        "No one expected the vote to pass so easily.",
        "There is one thing both sides agree on.",
        "The phone runs iOS 9 on the iPad 2 as well.",
        "The final score was 3-1 to the visitors.",
        "She offered a half-hearted apology to the committee.",
        "12",
    ],
)
def test_figures_rules_skip_non_figures(text: str) -> None:
    assert find_figures(text) == []


def test_figures_rules_failed_range_reads_both_numbers() -> None:
    figs = find_figures("The share price fell from $42 to four cents within a year.")
    assert [(f.text, f.value, f.value_max) for f in figs][:1] == [("$42", 42.0, None)]
    assert any(f.value == 4.0 for f in figs)


def test_figures_rules_from_without_range_starts_at_number() -> None:
    fig = _one("Orders came from two customers in Asia.", "two")
    assert fig.text.startswith("two")


def test_figures_rules_skip_spans_given() -> None:
    text = "The treaty of 1997 allowed 4,000 inspectors."
    year = text.index("1997")
    figs = find_figures(text, skip=[(year, year + 4)])
    assert [f.value for f in figs] == [4000.0]


def test_figures_rules_age_after_name() -> None:
    fig = _one("Maria Lindqvist, 61, chairs the panel.", "61")
    assert (fig.value, fig.unit, fig.about) == (61.0, "year", "age")


@given(st.text(max_size=200))
def test_figures_rules_offsets_reproduce_text(text: str) -> None:
    for fig in find_figures(text):
        assert 0 <= fig.start < fig.end <= len(text)
        assert text[fig.start : fig.end] == fig.text
        assert fig.start <= fig.number_start < fig.number_end <= fig.end


@given(st.integers(min_value=1, max_value=10**9), st.sampled_from(["rockets", "homes", "sheep"]))
def test_figures_rules_value_round_trip(n: int, noun: str) -> None:
    text = f"Reports said {n:,} {noun} were counted."
    figs = find_figures(text)
    assert len(figs) == 1
    assert figs[0].value == float(n)

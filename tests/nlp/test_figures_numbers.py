"""Number parsing without spaCy: digits, words, scales, fractions."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from storyline.nlp.numbers import NUMBER, parse_number, parse_ordinal


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("7", 7.0),
        ("30,000", 30000.0),
        ("1,234,567.5", 1234567.5),
        ("1.5 million", 1.5e6),
        ("3billion", 3e9),
        ("40bn", 4e10),
        ("2.4m", 2.4e6),
        ("12k", 12e3),
        ("seven", 7.0),
        ("twenty-one", 21.0),
        ("ninety nine", 99.0),
        ("three hundred and forty-two", 342.0),
        ("two thousand five hundred", 2500.0),
        ("four million", 4e6),
        ("a dozen", 12.0),
        ("two dozen", 24.0),
        ("a million", 1e6),
        ("one-fifth", 0.2),
        ("two-thirds", 2 / 3),
        ("three quarters", 0.75),
        ("a third", 1 / 3),
        ("half", 0.5),
        ("two and a half", 2.5),
        ("one and a half million", 1.5e6),
    ],
)
def test_numbers_parse_value(text: str, value: float) -> None:
    assert parse_number(text) == pytest.approx(value)


@pytest.mark.parametrize(
    "text", ["", "We", "a", "third", "fifth", "one one", "twenty twenty", "seven x", "1.2.3"]
)
def test_numbers_parse_rejects_non_numbers(text: str) -> None:
    assert parse_number(text) is None


@pytest.mark.parametrize(("text", "value"), [("3rd", 3), ("first", 1), ("twenty-first", 21), ("12th", 12)])
def test_numbers_parse_ordinal(text: str, value: int) -> None:
    assert parse_ordinal(text) == value


def test_numbers_regex_finds_whole_expressions() -> None:
    pattern = re.compile(rf"(?<![\w.,]){NUMBER}(?!\w)", re.IGNORECASE)
    text = "They counted 12,500 tents, two-thirds of them new, and 1.5 million litres for a dozen camps."
    assert [m.group() for m in pattern.finditer(text)] == ["12,500", "two-thirds", "1.5 million", "a dozen"]


@given(st.integers(min_value=0, max_value=10**12))
def test_numbers_round_trip_grouped_integers(n: int) -> None:
    assert parse_number(f"{n:,}") == float(n)
    assert parse_number(str(n)) == float(n)


@given(st.integers(min_value=0, max_value=999_999), st.sampled_from(["million", "billion", "bn", "m"]))
def test_numbers_round_trip_scaled(n: int, scale: str) -> None:
    factor = {"million": 1e6, "billion": 1e9, "bn": 1e9, "m": 1e6}[scale]
    sep = " " if len(scale) > 2 else ""
    assert parse_number(f"{n}{sep}{scale}") == pytest.approx(n * factor)


_WORDS = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def _spell(n: int) -> str:
    """Spell 0..999_999 in English words (the test's own reference speller)."""
    if n < 20:
        return _WORDS[n]
    if n < 100:
        return _TENS[n // 10] + ("" if n % 10 == 0 else "-" + _WORDS[n % 10])
    if n < 1000:
        rest = n % 100
        return _WORDS[n // 100] + " hundred" + ("" if rest == 0 else " and " + _spell(rest))
    rest = n % 1000
    return _spell(n // 1000) + " thousand" + ("" if rest == 0 else " " + _spell(rest))


@given(st.integers(min_value=0, max_value=999_999))
def test_numbers_round_trip_spelled(n: int) -> None:
    assert parse_number(_spell(n)) == float(n)


@given(st.text(max_size=80))
def test_numbers_parse_never_crashes(text: str) -> None:
    value = parse_number(text)
    assert value is None or value >= 0

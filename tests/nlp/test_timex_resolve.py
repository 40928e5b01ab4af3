"""Calendar arithmetic for TIMEX3 values (no text parsing)."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from storyline.nlp.timexes.resolve import (
    ago_value,
    decade_prefix,
    duration_value,
    expand_two_digit_year,
    format_at,
    parse_iso_date,
    shift,
    weekday_date,
    year_for_month,
    year_for_quarter,
)

SUNDAY = date(2025, 3, 23)
WEDNESDAY = date(2025, 3, 19)


@pytest.mark.parametrize(
    ("ref", "weekday", "direction", "expected"),
    [
        (SUNDAY, 7, "past", date(2025, 3, 23)),  # the same day counts as the most recent
        (SUNDAY, 7, "last", date(2025, 3, 16)),
        (SUNDAY, 7, "next", date(2025, 3, 30)),
        (SUNDAY, 7, "future", date(2025, 3, 23)),
        (SUNDAY, 4, "past", date(2025, 3, 20)),
        (SUNDAY, 1, "future", date(2025, 3, 24)),
        (WEDNESDAY, 1, "this", date(2025, 3, 17)),
        (WEDNESDAY, 5, "this", date(2025, 3, 21)),
        (date(2025, 1, 1), 5, "past", date(2024, 12, 27)),  # across a year boundary
        (date(2024, 12, 30), 3, "future", date(2025, 1, 1)),
    ],
)
def test_timex_resolve_weekday(ref: date, weekday: int, direction: str, expected: date) -> None:
    assert weekday_date(ref, weekday, direction) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("ref", "month", "tense", "day", "year"),
    [
        (date(2025, 1, 10), 12, "past", None, 2024),
        (date(2025, 1, 10), 12, "future", None, 2025),
        (date(2025, 11, 3), 2, "future", None, 2026),
        (date(2025, 11, 3), 2, "past", None, 2025),
        (date(2025, 3, 23), 3, "past", 25, 2024),
        (date(2025, 3, 23), 3, "future", 20, 2026),
        (date(2025, 3, 23), 3, None, 30, 2025),
    ],
)
def test_timex_resolve_year_for_month(
    ref: date, month: int, tense: str | None, day: int | None, year: int
) -> None:
    assert year_for_month(ref, month, tense, day) == year  # type: ignore[arg-type]


def test_timex_resolve_quarter_and_formats() -> None:
    assert year_for_quarter(date(2025, 2, 1), 4, "past") == 2024
    assert year_for_quarter(date(2025, 11, 1), 1, "future") == 2026
    assert format_at(date(2025, 3, 23), "W") == "2025-W12"
    assert format_at(date(2025, 3, 23), "WE") == "2025-W12-WE"
    assert format_at(date(2024, 12, 30), "W") == "2025-W01"  # ISO week year
    assert format_at(date(2025, 8, 1), "Q") == "2025-Q3"
    assert format_at(date(1994, 8, 1), "DE") == "199"


def test_timex_resolve_shift_clamps_month_ends() -> None:
    assert shift(date(2025, 3, 31), "M", -1) == date(2025, 2, 28)
    assert shift(date(2024, 2, 29), "Y", 1) == date(2025, 2, 28)
    assert shift(date(2025, 1, 15), "Q", -1) == date(2024, 10, 15)


@pytest.mark.parametrize(
    ("n", "unit", "value"),
    [
        (3, "Y", "P3Y"),
        (30, "D", "P30D"),
        (None, "Y", "PXY"),
        (2.5, "Y", "P2.5Y"),
        (30, "TM", "PT30M"),
        (12, "H", "PT12H"),
        (1, "DE", "P10Y"),
        (2, "2W", "P4W"),
    ],
)
def test_timex_resolve_duration_value(n: float | None, unit: str, value: str) -> None:
    assert duration_value(n, unit) == value


def test_timex_resolve_ago_and_years() -> None:
    assert ago_value(SUNDAY, 3, "Y") == "2022"
    assert ago_value(SUNDAY, 2, "D") == "2025-03-21"
    assert ago_value(SUNDAY, 1, "W") == "2025-03-16"
    assert ago_value(date(2025, 1, 5), 1, "M") == "2024-12"
    assert expand_two_digit_year(82, SUNDAY) == 1982
    assert expand_two_digit_year(7, SUNDAY) == 2007
    assert decade_prefix("70", SUNDAY) == "197"
    assert decade_prefix("2010", SUNDAY) == "201"
    assert parse_iso_date("2025-02-30") is None
    assert parse_iso_date(None) is None


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31)), st.integers(1, 7))
def test_timex_resolve_weekday_properties(ref: date, weekday: int) -> None:
    past = weekday_date(ref, weekday, "past")
    future = weekday_date(ref, weekday, "future")
    assert past.isoweekday() == weekday == future.isoweekday()
    assert 0 <= (ref - past).days < 7
    assert 0 <= (future - ref).days < 7
    assert 0 < (ref - weekday_date(ref, weekday, "last")).days <= 7

"""Calendar arithmetic for temporal expressions: TIMEX3 values relative to a reference date.

Pure functions over :class:`datetime.date`; no parsing of text happens here.
Directions follow news usage: ``"past"`` means the most recent matching day at or before the
reference, ``"future"`` the first at or after it, ``"last"``/``"next"`` strictly before/after.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Literal

from dateutil.relativedelta import relativedelta

Direction = Literal["past", "future", "last", "next", "this"]
Tense = Literal["past", "present", "future"]

SEASON_MONTHS = {"SP": 4, "SU": 7, "FA": 10, "WI": 1}


def parse_iso_date(value: str | None) -> date | None:
    """ "2025-03-02" -> date; anything else (None, malformed) -> None."""
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def iso_week(d: date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y:04d}-W{w:02d}"


def quarter_of(d: date) -> int:
    return (d.month - 1) // 3 + 1


def shift(d: date, unit: str, n: int) -> date:
    """``d`` moved by ``n`` units (D, W, M, Q, Y, DE, CE); months clamp to month ends."""
    if unit == "D":
        return d + timedelta(days=n)
    if unit == "W":
        return d + timedelta(weeks=n)
    months = {"M": 1, "Q": 3, "Y": 12, "DE": 120, "CE": 1200}.get(unit)
    if months is None:
        raise ValueError(f"unknown unit {unit!r}")
    moved: date = d + relativedelta(months=months * n)
    return moved


def format_at(d: date, granularity: str) -> str:
    """The TIMEX3 value of the period of ``granularity`` that contains ``d``."""
    if granularity == "D":
        return d.isoformat()
    if granularity == "W":
        return iso_week(d)
    if granularity == "WE":
        return iso_week(d) + "-WE"
    if granularity == "M":
        return f"{d.year:04d}-{d.month:02d}"
    if granularity == "Q":
        return f"{d.year:04d}-Q{quarter_of(d)}"
    if granularity == "Y":
        return f"{d.year:04d}"
    if granularity == "DE":
        return f"{d.year // 10:03d}"
    if granularity == "CE":
        return f"{d.year // 100:02d}"
    raise ValueError(f"unknown granularity {granularity!r}")


def weekday_date(ref: date, weekday: int, direction: Direction) -> date:
    """The date of ISO ``weekday`` (1 = Monday) near ``ref`` in ``direction``."""
    delta = weekday - ref.isoweekday()
    if direction == "this":
        return ref + timedelta(days=delta)
    if direction in ("past", "last"):
        back = (-delta) % 7
        if back == 0 and direction == "last":
            back = 7
        return ref - timedelta(days=back)
    ahead = delta % 7
    if ahead == 0 and direction == "next":
        ahead = 7
    return ref + timedelta(days=ahead)


def year_for_month(ref: date, month: int, tense: Tense | None, day: int | None = None) -> int:
    """The year of a month (and day) given without one, chosen by the clause's tense.

    Past tense: the most recent such month/day at or before ``ref``; future: the first at or
    after it; otherwise (present tense, no verb) the occurrence nearest to ``ref``.
    """
    key = (month, day or 0)
    ref_key = (ref.month, ref.day if day else 0)
    if tense == "past":
        return ref.year - 1 if key > ref_key else ref.year
    if tense == "future":
        return ref.year + 1 if key < ref_key else ref.year

    def distance(year: int) -> int:
        return abs((year * 12 + month) * 31 + (day or 15) - ((ref.year * 12 + ref.month) * 31 + ref.day))

    return min((ref.year, ref.year - 1, ref.year + 1), key=distance)


def year_for_quarter(ref: date, quarter: int, tense: Tense | None) -> int:
    return year_for_month(ref, 3 * quarter - 1, tense)


def year_for_season(ref: date, season: str, tense: Tense | None) -> int:
    month = SEASON_MONTHS.get(season, 1)
    return year_for_month(ref, month, tense)


def expand_two_digit_year(yy: int, ref: date | None) -> int:
    """ "'82" -> 1982; "'07" -> 2007 (the latest year not more than ten years after ``ref``)."""
    ref_year = ref.year if ref else 2000
    century = ref_year // 100 * 100
    year = century + yy
    if year > ref_year + 10:
        year -= 100
    return year


def decade_prefix(digits: str, ref: date | None) -> str | None:
    """ "1990" -> "199"; "70" -> "197" (the latest such decade not after ``ref``)."""
    if len(digits) == 4:
        return digits[:3]
    if len(digits) == 2:
        ref_year = ref.year if ref else 2000
        year = ref_year // 100 * 100 + int(digits)
        if year > ref_year:
            year -= 100
        return f"{year // 10:03d}"
    return None


def _number_text(n: float) -> str:
    if n == int(n):
        return str(int(n))
    return f"{n:.2f}".rstrip("0").rstrip(".")


def duration_value(n: float | None, unit: str) -> str:
    """ "P3Y", "PT30M", "P2.5Y"; ``n`` None gives an unspecified count ("PXY")."""
    if unit in ("DE", "CE"):
        if n is None:
            return f"PX{unit}"
        return f"P{_number_text(n * (10 if unit == 'DE' else 100))}Y"
    count = "X" if n is None else _number_text(n)
    if unit in ("S", "TM", "H"):
        return f"PT{count}{'M' if unit == 'TM' else unit}"
    if unit == "2W":
        return f"P{'X' if n is None else _number_text(2 * n)}W"
    return f"P{count}{unit}"


def ago_value(ref: date, n: float, unit: str) -> str:
    """The date ``n`` units before ``ref`` at the granularity of the unit ("three years ago")."""
    whole = int(n)
    if unit in ("S", "TM", "H"):
        return ref.isoformat()
    if unit == "2W":
        unit, whole = "W", 2 * whole
    if whole != n:
        if unit == "Y":
            return format_at(shift(ref, "M", -round(n * 12)), "M")
        if unit == "M":
            return format_at(shift(ref, "D", -round(n * 30)), "D")
        if unit == "D":
            return format_at(shift(ref, "D", -round(n)), "D")
        whole = round(n)
    moved = shift(ref, unit, -whole)
    granularity = {"D": "D", "W": "D", "M": "M", "Q": "Q", "Y": "Y", "DE": "Y", "CE": "Y"}[unit]
    return format_at(moved, granularity)

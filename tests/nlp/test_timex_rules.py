"""Temporal expressions found and normalised on text alone (no spaCy)."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.nlp.timexes.rules import TimexSpan, find_timexes

PUB = "2025-03-23"  # a Sunday


def _find(text: str, needle: str, published: str | None = PUB) -> TimexSpan:
    spans = find_timexes(text, published)
    hits = [t for t in spans if needle in t.text]
    assert hits, f"{needle!r} not found in {[t.text for t in spans]}"
    return hits[0]


@pytest.mark.parametrize(
    ("text", "needle", "kind", "value"),
    [
        ("The envoys met last Thursday in a hotel.", "last Thursday", "DATE", "2025-03-20"),
        ("Ministers gathered on Saturday to talk.", "Saturday", "DATE", "2025-03-22"),
        ("The leaders will meet on Tuesday in the capital.", "Tuesday", "DATE", "2025-03-25"),
        ("The council said earlier this month it had no plan.", "earlier this month", "DATE", "2025-03"),
        ("A summit is planned next week.", "next week", "DATE", "2025-W13"),
        ("The offensive began three years ago.", "three years ago", "DATE", "2022"),
        ("Crowds formed yesterday outside.", "yesterday", "DATE", "2025-03-22"),
        ("Talks continue this week.", "this week", "DATE", "2025-W12"),
        ("Voting ends tomorrow at dusk.", "tomorrow", "DATE", "2025-03-24"),
        ("The minister arrived in March with aides.", "March", "DATE", "2025-03"),
        ("The accord was signed on 2 March by both.", "2 March", "DATE", "2025-03-02"),
        ("It was signed on March 2, 2024 in secret.", "March 2, 2024", "DATE", "2024-03-02"),
        ("The port reopened in 2019 after repairs.", "2019", "DATE", "2019"),
        ("Trade collapsed during the 1990s entirely.", "1990s", "DATE", "199"),
        ("The three-year-old war goes on.", "three-year-old", "DURATION", "P3Y"),
        ("Both sides accepted a 30-day truce.", "30-day", "DURATION", "P30D"),
        ("Inspectors visit every week without notice.", "every week", "SET", "P1W"),
        ("Figures are published monthly by the office.", "monthly", "SET", "P1M"),
        ("The siege lasted 18 months in all.", "18 months", "DURATION", "P18M"),
        ("The vote took place at 14:30 GMT on Friday.", "14:30 GMT", "TIME", "2025-03-23T14:30Z"),
        ("The blast happened this morning near the port.", "this morning", "TIME", "2025-03-23TMO"),
        ("Shelling continued last night across the city.", "last night", "TIME", "2025-03-22TNI"),
        ("Prices rose in the first quarter of 2024 sharply.", "first quarter of 2024", "DATE", "2024-Q1"),
        ("Analysts expect growth by the end of this year.", "this year", "DATE", "2025"),
        ("It happened last year and again last month.", "last month", "DATE", "2025-02"),
        ("It was built in the last decade by engineers.", "the last decade", "DURATION", "P10Y"),
        ("Documents dated 2024-11-05 were released.", "2024-11-05", "DATE", "2024-11-05"),
        ("The letter dated 7/8/07 surfaced.", "7/8/07", "DATE", "2007-07-08"),
        ("They hope to finish the road in spring 2026.", "spring 2026", "DATE", "2026-SP"),
        ("Unemployment has been falling recently in the north.", "recently", "DATE", "PAST_REF"),
        ("The treaty was signed on the same day.", "the same day", "DATE", "2025-03-23"),
        ("Talks lasted almost two and a half years overall.", "two and a half years", "DURATION", "P2.5Y"),
        ("The campaign could take between 60 and 90 days.", "90 days", "DURATION", "P90D"),
        ("Markets have not been this calm for years.", "years", "DURATION", "PXY"),
        ("Its output doubled since '98 at the plant.", "'98", "DATE", "1998"),
        ("Both sides want the pre-2014 borders back.", "2014", "DATE", "2014"),
        ("Shops were crowded before Christmas 2023 as usual.", "Christmas 2023", "DATE", "2023-12-25"),
        ("Pilgrims gathered at Easter 2024 in the old town.", "Easter 2024", "DATE", "2024-03-31"),
        ("Exchanges stayed shut for a third straight day.", "a third straight day", "DATE", "2025-03-23"),
        ("Rebels attacked over the weekend near the dam.", "the weekend", "DATE", "2025-W12-WE"),
        ("Gains may last for the rest of the week.", "the rest of the week", "DATE", "2025-W12"),
        ("The economy shrank for two consecutive quarters.", "two consecutive quarters", "DURATION", "P2Q"),
    ],
)
def test_timex_rules_values(text: str, needle: str, kind: str, value: str) -> None:
    t = _find(text, needle)
    assert (t.type, t.value) == (kind, value)
    assert text[t.start : t.end] == t.text


@pytest.mark.parametrize(
    ("published", "text", "needle", "value"),
    [
        ("2025-01-02", "Fighting resumed last week near the border.", "last week", "2024-W52"),
        ("2025-01-02", "The deal was struck last month.", "last month", "2024-12"),
        ("2025-01-02", "The bank cut rates last year.", "last year", "2024"),
        ("2025-01-02", "The bridge reopened on 28 December after repairs.", "28 December", "2024-12-28"),
        ("2024-12-30", "The parliament will vote on 3 January.", "3 January", "2025-01-03"),
        ("2025-01-01", "The ferry sank on Friday off the coast.", "Friday", "2024-12-27"),
        ("2025-03-26", "He resigned on Wednesday after the report.", "Wednesday", "2025-03-26"),
        ("2025-03-26", "The board will meet next Wednesday again.", "next Wednesday", "2025-04-02"),
        ("2025-03-26", "The envoy spoke last Wednesday to reporters.", "last Wednesday", "2025-03-19"),
        ("2024-03-01", "They said it ended yesterday after talks.", "yesterday", "2024-02-29"),
        ("2025-03-23", "Troops pulled back the day before.", "the day before", "2025-03-22"),
        ("2025-03-26", "The weekend was quiet, officials said.", "The weekend", "2025-W12-WE"),
        ("2025-06-02", "Turnout fell in May, officials said.", "May", "2025-05"),
        ("2025-01-05", "Parliament meets again in mid-December for a vote.", "December", "2024-12"),
    ],
)
def test_timex_rules_relative_resolution_edges(published: str, text: str, needle: str, value: str) -> None:
    t = _find(text, needle, published)
    assert t.value == value
    assert t.resolution == "relative"


def test_timex_rules_anaphora_follows_last_day() -> None:
    text = "The strike began on Tuesday. The next day, unions met again. At 09:15 GMT they left."
    spans = find_timexes(text, "2025-03-23")
    values = {t.text: t.value for t in spans}
    assert values["Tuesday"] == "2025-03-18"
    assert values["The next day"] == "2025-03-19"
    assert values["09:15 GMT"] == "2025-03-19T09:15Z"


def test_timex_rules_same_period_and_whole_year() -> None:
    text = "Exports rose in April compared with the same month last year. In 2023 the plant lost money for the entire year."
    values = {t.text: t.value for t in find_timexes(text, "2025-05-20")}
    assert values["the same month last year"] == "2024-04"
    assert values["the entire year"] == "2023"


def test_timex_rules_resolution_kinds() -> None:
    spans = {t.text: t for t in find_timexes("On May 4, 2023 and last Friday, and currently.", PUB)}
    assert spans["May 4, 2023"].resolution == "explicit"
    assert spans["last Friday"].resolution == "relative"
    assert spans["currently"].resolution == "unresolved"


def test_timex_rules_without_publication_date() -> None:
    spans = {t.text: t for t in find_timexes("They met on Monday and again on 4 June, and yesterday.", None)}
    assert spans["Monday"].value == "XXXX-WXX-1"
    assert spans["4 June"].value == "XXXX-06-04"
    assert spans["yesterday"].value == "XXXX-XX-XX"
    assert {t.resolution for t in spans.values()} == {"unresolved"}


@pytest.mark.parametrize(
    "text",
    [
        "We said we would help them.",
        "The troops may march across the plain.",
        "The unit bought 2000 rifles and 1500 helmets.",
        "Watch: 1:37",
        "Sun and wind were forecast.",
        "He scored 12.30 points per game.",
        "The A380 and the G7 met.",
        "The Acme 2000 Index fell sharply.",
        "Roughly a quarter of the staff left.",
    ],
)
def test_timex_rules_skip_non_timexes(text: str) -> None:
    assert find_timexes(text, PUB) == []


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=300), st.one_of(st.none(), st.dates(min_value=date(1900, 1, 1))))
def test_timex_rules_offsets_reproduce_text(text: str, published: date | None) -> None:
    spans = find_timexes(text, published)
    last_end = 0
    for t in spans:
        assert 0 <= t.start < t.end <= len(text)
        assert text[t.start : t.end] == t.text
        assert t.start >= last_end
        last_end = t.end


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31)))
def test_timex_rules_full_date_round_trip(d: date) -> None:
    text = f"It happened on {d:%B} {d.day}, {d.year} as reported."
    spans = find_timexes(text, "2025-03-23")
    assert [t.value for t in spans] == [d.isoformat()]


def test_timex_rules_paragraph_triggers_lose_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    from storyline.nlp.timexes import rules as timex_rules

    text = (
        "Yesterday, at this year's fair, the minister said the Easter 2024 visit and the 1990s reforms "
        "mattered.\nTalks ran for 18 months; at 09:30 GMT on 4 March the envoys met for a second straight day.\n"
        "Every week since the weekend, officials have met. In the same month last year, currently, soon."
    )
    with_triggers = find_timexes(text, PUB)
    monkeypatch.setattr(timex_rules, "_triggers", lambda: [None] * len(timex_rules._RULE_SOURCES))
    assert find_timexes(text, PUB) == with_triggers
    assert len(with_triggers) >= 10


@pytest.mark.parametrize(
    "unit", ["March ", "the past ", "Monday 2025 ", "one ", "between 1 and ", "in 1999, "]
)
def test_timex_rules_adversarial_input_stays_fast(unit: str) -> None:
    import time

    from storyline.nlp.figures.rules import find_figures

    text = unit * (40_000 // len(unit))
    started = time.perf_counter()
    find_timexes(text, PUB)
    find_figures(text)
    assert time.perf_counter() - started < 15  # linear: about a second on a busy machine


@pytest.mark.parametrize(
    ("text", "needle", "mod"),
    [
        ("Talks aimed at restoring the pre-2019 line.", "pre-2019", "BEFORE"),
        ("The post-2030 rules were dropped.", "post-2030", "AFTER"),
        ("The port reopened in early 2031.", "early 2031", "START"),
        ("Prices rose in mid-2030.", "mid-2030", "MID"),
        ("The port reopened in 2031.", "2031", None),
    ],
)
def test_timex_rules_modifier_is_the_timex3_mod(text: str, needle: str, mod: str | None) -> None:
    (span,) = [s for s in find_timexes(text, "2031-06-09") if s.text == needle]
    assert span.mod == mod

"""Quotation-mark pairing (no model needed)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.nlp.quotes.marks import find_quote_spans, paragraphs

MARKS = "“”‘’\"'«»„"


def texts(spans_text: str) -> list[str]:
    return [spans_text[q.start : q.end] for q in find_quote_spans(spans_text)]


def test_marks_curly_and_straight_pairs() -> None:
    text = 'Ostrova said: “The dam holds.” Halloway said: "The road is open."'
    assert texts(text) == ["The dam holds.", "The road is open."]


def test_marks_single_quotes_and_apostrophes() -> None:
    text = "'We won't leave the valley's farms,' Halloway said."
    assert texts(text) == ["We won't leave the valley's farms,"]


def test_marks_nested_single_inside_double_is_one_quote() -> None:
    text = "Ostrova said: “They call it a ‘temporary’ measure, but nobody believes that.”"
    spans = find_quote_spans(text)
    assert [(text[q.start : q.end], q.nested) for q in spans] == [
        ("They call it a ‘temporary’ measure, but nobody believes that.", False),
        ("temporary", True),
    ]


def test_marks_double_inside_single_is_nested() -> None:
    text = "'They call it a \"pause\", nothing more,' Ostrova said."
    spans = find_quote_spans(text)
    assert [(text[q.start : q.end], q.nested) for q in spans] == [
        ('They call it a "pause", nothing more,', False),
        ("pause", True),
    ]


def test_marks_unclosed_paragraph_runs_to_its_end() -> None:
    text = "Halloway said: “The first wall went at dawn.\n“Then the second one went.”"
    spans = find_quote_spans(text)
    assert [text[q.start : q.end] for q in spans] == [
        "The first wall went at dawn.",
        "Then the second one went.",
    ]
    assert spans[0].close_pos is None and spans[1].close_pos is not None
    assert [q.paragraph for q in spans] == [0, 1]


def test_marks_missing_spaces_from_a_bad_scrape() -> None:
    text = 'Halloway said:"We are ready"and left.'
    assert texts(text) == ["We are ready"]


def test_marks_paragraphs_skip_blank_lines() -> None:
    text = "One.\n\n  \nTwo."
    assert [text[a:b] for a, b in paragraphs(text)] == ["One.", "Two."]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from([*MARKS, "a", "B", " ", "\n", ".", ",", ":", "-"]), max_size=120))
def test_marks_offsets_in_bounds_and_trimmed(text: str) -> None:
    for q in find_quote_spans(text):
        assert 0 <= q.open_pos < q.start < q.end <= len(text)
        assert text[q.open_pos] in MARKS
        assert "\n" not in text[q.start : q.end]
        assert not text[q.start].isspace() and not text[q.end - 1].isspace()
        if q.close_pos is not None:
            assert q.end <= q.close_pos < len(text) and text[q.close_pos] in MARKS


def test_marks_low_high_and_same_mark_styles() -> None:
    assert texts("Er sagte: „Wir bleiben hier“ und ging.") == ["Wir bleiben hier"]
    assert texts("She said ”we stay here” and left.") == ["we stay here"]
    assert texts("She said “we stay here“ and left.") == ["we stay here"]


def test_spaced_double_close_after_a_nested_quote_closes_the_quote() -> None:
    text = '"It cannot be \'Fine, we won, now we move on,\' " she said. "That is all."'
    spans = [(text[q.start : q.end], q.nested) for q in find_quote_spans(text)]
    assert spans == [
        ("It cannot be 'Fine, we won, now we move on,'", False),
        ("Fine, we won, now we move on,", True),
        ("That is all.", False),
    ]


def test_three_apostrophes_close_a_nested_and_a_doubled_quote() -> None:
    text = "''They tell us daily, 'Osk is a special case,''' Mr. Varnow said. ''It is false.''"
    spans = [(text[q.start : q.end], q.nested) for q in find_quote_spans(text)]
    assert spans == [
        ("They tell us daily, 'Osk is a special case,'", False),
        ("Osk is a special case,", True),
        ("It is false.", False),
    ]
    opening = "'''Osk' is a name,'' he said."
    assert [(opening[q.start : q.end], q.nested) for q in find_quote_spans(opening)] == [
        ("'Osk' is a name,", False),
        ("Osk", True),
    ]

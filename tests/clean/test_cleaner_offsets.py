"""Property tests: the offset map reproduces the raw text on any input."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.clean import clean_text

LINES = st.sampled_from(
    [
        "Read More",
        "EXCLUSIVE",
        "article image",
        "1:37",
        "**bold** words and *more* words here.",
        "A normal sentence about the weather in the valley.",
        "A caption line without a full stop",
        "By: *Ana Costa*",
        "date 2023-01-05",
        "share",
        "some-url-slug-of-a-kind-that-scrapers-keep",
        "",
        "   ",
        "\u00a0",
    ]
)


def _check(raw: str, title: str | None = None) -> None:
    cleaned = clean_text(raw, title=title)
    text = cleaned.text
    covered = [False] * len(text)
    for seg in cleaned.offset_map:
        assert seg.clean_start >= 0 and seg.clean_start + seg.length <= len(text)
        assert seg.raw_start >= 0 and seg.raw_start + seg.length <= len(raw)
        chunk = text[seg.clean_start : seg.clean_start + seg.length]
        assert chunk == raw[seg.raw_start : seg.raw_start + seg.length]
        covered[seg.clean_start : seg.clean_start + seg.length] = [True] * seg.length
    # everything but the paragraph separators the cleaner inserts comes from raw
    assert all(text[i] in "\n " for i, c in enumerate(covered) if not c)
    for r in cleaned.removed:
        assert raw[r.raw_start : r.raw_end] == r.text
        assert r.reason


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_cleaner_offsets_hold_on_arbitrary_text(raw: str) -> None:
    _check(raw)


@settings(max_examples=200, deadline=None)
@given(st.lists(LINES, max_size=30), st.sampled_from(["\n", "\n\n", "\r\n"]), st.none() | LINES)
def test_cleaner_offsets_hold_on_noisy_lines(lines: list[str], sep: str, title: str | None) -> None:
    _check(sep.join(lines), title)

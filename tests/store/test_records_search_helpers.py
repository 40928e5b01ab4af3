"""Property tests for the search helpers both backends share."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.store import _records as rec

words = st.text(alphabet=st.characters(categories=["L", "N"]), min_size=1, max_size=8)
texts = st.lists(
    st.one_of(words, st.sampled_from([" ", ", ", ". ", "\n", '"', rec.MARK_OPEN])), max_size=60
).map("".join)


@given(texts, texts)
def test_records_query_terms_are_plain_words(query: str, _: str) -> None:
    for term in rec.query_terms(query):
        assert term.strip()
        assert '"' not in term
    assert len(rec.query_terms(query)) <= rec.MAX_QUERY_TERMS


@given(texts, st.integers(0, 60), st.integers(0, 10))
def test_records_highlight_offsets_point_into_text(text: str, at: int, length: int) -> None:
    start = min(at, len(text))
    end = min(start + length, len(text))
    marked = text[:start] + rec.MARK_OPEN + text[start:end] + rec.MARK_CLOSE + text[end:]
    got = rec.locate_match(text, marked, [text[start:end] or "x"])
    assert 0 <= got[0] <= got[1] <= len(text)
    if rec.MARK_OPEN not in text and rec.MARK_CLOSE not in text:
        assert got == (start, end)


@settings(max_examples=200)
@given(texts, texts)
def test_records_fallback_search_and_snippet_stay_in_bounds(text: str, query: str) -> None:
    terms = rec.query_terms(query)
    start, end = rec.locate_match(text, None, terms)
    assert 0 <= start <= end <= len(text)
    if start < end:
        assert any(re.match(re.escape(t.split()[0]), text[start:end], re.IGNORECASE) for t in terms)
    snippet = rec.make_snippet(text, start, end)
    assert len(snippet) <= rec.SNIPPET_BEFORE + rec.SNIPPET_AFTER + (end - start) + 2

"""Property tests over every reader, the decoder, the cleaner and the extract contract.

Kept small here (a few hundred inputs); benchmarks/fuzz_inputs.py runs the same checks for
longer and reports how many inputs it tried.
"""

from __future__ import annotations

import pytest
from fuzz_inputs import INPUTS, PHRASE, check_article, check_offsets, check_reading, maybe_gzip
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storyline.clean import clean_text
from storyline.ingest.article import build_article
from storyline.ingest.decode import decode_bytes
from storyline.ingest.readers import Context
from storyline.models import Article
from storyline.settings import load_settings

CTX = Context(settings=load_settings(**{"ingest.max_bytes": 200_000}))
FAST = settings(max_examples=120, deadline=None, suppress_health_check=list(HealthCheck))


@FAST
@given(INPUTS, st.booleans())
def test_fuzz_every_reader_yields_items_that_hold_the_invariants(
    given_input: tuple[str, bytes], zipped: bool
) -> None:
    name, data = maybe_gzip(*given_input, zipped=zipped and len(given_input[1]) < 50_000)
    check_reading(name, data, CTX)


@FAST
@given(st.binary(max_size=3_000), st.sampled_from([None, "utf-8", "latin-1", "x-junk", "utf-16", "cp037"]))
def test_fuzz_decoder_never_raises(data: bytes, declared: str | None) -> None:
    text, notes = decode_bytes(data, declared)
    assert isinstance(text, str) and all(isinstance(n, str) for n in notes)
    text.encode("utf-8")


@FAST
@given(PHRASE, st.one_of(st.none(), PHRASE))
def test_fuzz_cleaner_offset_map_round_trips(raw: str, title: str | None) -> None:
    raw = raw.encode("utf-8", "replace").decode("utf-8")  # the cleaner gets decoded text
    cleaned = clean_text(raw, title=title)
    for seg in cleaned.offset_map:
        assert (
            cleaned.text[seg.clean_start : seg.clean_start + seg.length]
            == raw[seg.raw_start : seg.raw_start + seg.length]
        )
    for r in cleaned.removed:
        assert raw[r.raw_start : r.raw_end] == r.text


@FAST
@given(PHRASE)
def test_fuzz_built_articles_encode_and_round_trip(raw: str) -> None:
    a = build_article(raw, source=raw[:20] or "x", kind="jsonl", title=raw[:30], keep_headline=True)
    if isinstance(a, Article):
        check_article(a)


@pytest.mark.slow
@settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(PHRASE, min_size=1, max_size=6).map("\n\n".join))
def test_fuzz_extract_contract_holds_the_offset_invariant(text: str) -> None:
    from storyline.export.contract import to_extract_record
    from storyline.nlp import analyse

    a = build_article(text, source="fuzz", kind="text", keep_headline=True)
    if not isinstance(a, Article):
        return
    (analysis,) = analyse([a], load_settings(**{"nlp.piece_chars": 1_000}))
    check_offsets(to_extract_record(a, analysis))

"""Property test: no input, however broken, makes a reader raise."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storyline.ingest import read_bytes
from storyline.ingest.readers import Context
from storyline.models import Article, IngestProblem
from storyline.settings import load_settings

CTX = Context(settings=load_settings(**{"ingest.max_bytes": 4096}))
NAMES = st.sampled_from(
    ["a.txt", "a.html", "a.jsonl", "a.warc", "a.warc.gz", "a.rss", "a.urls", "a.gz", "noext"]
)
PREFIXES = st.sampled_from(
    [b"", b"WARC/1.0\r\n", b"<html><body><p>", b'{"id": 1, "text": "', b"<rss><channel>", b"\x1f\x8b"]
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(NAMES, PREFIXES, st.binary(max_size=600) | st.text(max_size=600).map(str.encode))
def test_readers_never_raise_on_garbage(name: str, prefix: bytes, body: bytes) -> None:
    items = list(read_bytes(prefix + body, name, CTX, name=name))
    assert items
    for item in items:
        assert isinstance(item, Article | IngestProblem)
        if isinstance(item, Article):
            for seg in item.offset_map:
                chunk = item.text[seg.clean_start : seg.clean_start + seg.length]
                assert chunk == item.raw[seg.raw_start : seg.raw_start + seg.length]

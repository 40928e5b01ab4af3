"""Hypothesis strategies for hostile input of every kind, and the checks every reading must pass.

Shared by the fast property test in the suite (tests/ingest/test_fuzz_readers.py) and the long
fuzz run (benchmarks/fuzz_inputs.py).
"""

from __future__ import annotations

import gzip
import json
from typing import Any

from hypothesis import strategies as st

from storyline.errors import StorylineError
from storyline.export.contract import to_extract_record
from storyline.ingest import read_bytes
from storyline.ingest.readers import Context
from storyline.models import Article, IngestProblem

WORDS = st.sampled_from(
    ["harbour", "Lisk", "said", "“", "”", '"', "'", "the", "pier", "Mayor Varga", "\n", "\n\n", " ", "\ud800",
     "\udcff", "\ufffd", "é", "\x00", "\x1b", "<", ">", "&amp;", "9999-12-31", "next year", "1e999", "0" * 5000]
)  # fmt: skip
PHRASE = st.lists(WORDS, max_size=40).map(" ".join)


def _escape_json(text: str) -> str:
    """A JSON string literal for ``text``, lone surrogates as ``\\uXXXX`` escapes."""
    return json.dumps(text, ensure_ascii=True)


@st.composite
def json_lines(draw: st.DrawFn) -> bytes:
    lines = []
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["record", "deep", "array", "junk", "number", "html"]))
        depth = draw(st.integers(1, 30_000))
        if kind == "record":
            fields = {"id": _escape_json(draw(PHRASE)), "text": _escape_json(draw(PHRASE))}
            if draw(st.booleans()):
                fields["published"] = _escape_json(
                    draw(st.sampled_from(["9999-12-31", "0001-01-01", "2024-02-30", "x"]))
                )
            if draw(st.booleans()):
                fields["title"] = _escape_json(draw(PHRASE))
            lines.append("{" + ", ".join(f'"{k}": {v}' for k, v in fields.items()) + "}")
        elif kind == "deep":
            lines.append('{"id": "d", "text": ' + "[" * depth + "]" * depth + "}")
        elif kind == "array":
            lines.append("[" * depth + "]" * depth)
        elif kind == "number":
            lines.append('{"id": ' + "9" * draw(st.integers(1, 6000)) + ', "text": "x"}')
        elif kind == "html":
            lines.append(json.dumps({"id": "h", "html": draw(html_pages()).decode("utf-8", "replace")}))
        else:
            lines.append(draw(PHRASE))
    joined = "\n".join(lines)
    if draw(st.booleans()) and not joined.startswith("["):
        joined = "[" + ",".join(lines) + "]"
    return joined.encode("utf-8", "surrogatepass")


@st.composite
def html_pages(draw: st.DrawFn) -> bytes:
    n_attrs = draw(st.sampled_from([0, 1, 10, 100, 5_000]))
    attrs = " ".join(f'data-x{i}="{i}"' for i in range(n_attrs))
    depth = draw(st.sampled_from([1, 5, 300, 3_000]))
    body = draw(PHRASE)
    charset = draw(st.sampled_from(["utf-8", "latin-1", "x-junk", "\udcff", "utf-16"]))
    page = (
        f'<html><head><meta charset="{charset}"><title>{draw(PHRASE)}</title></head><body {attrs}>'
        + "<div>" * depth
        + f"<p>{body}</p>" * draw(st.integers(0, 6))
        + "</div>" * draw(st.integers(0, depth))
        + "</body></html>"
    )
    return page.encode("utf-8", "surrogatepass")


@st.composite
def feeds(draw: st.DrawFn) -> bytes:
    enc = draw(st.sampled_from([b"utf-8", b"\xe9\xff", b"utf-16", b"x-nonexistent", b"cp037"]))
    body = draw(PHRASE).encode("utf-8", "surrogatepass")
    extra = draw(
        st.sampled_from(
            [b"", b'<gml:pos xmlns:gml="http://www.opengis.net/gml">1 2 3</gml:pos>',
             b'<georss:point xmlns:georss="http://www.georss.org/georss">1</georss:point>',
             b"<updated>Mon, 01 Jan 2024 10:00:00:00 GMT</updated>", b"<updated>9999-12-31T99:99</updated>"]
        )
    )  # fmt: skip
    if draw(st.booleans()):
        return (
            b'<?xml version="1.0" encoding="' + enc + b'"?><feed xmlns="http://www.w3.org/2005/Atom"><entry>'
            + extra + b"<content>" + body * 6 + b"</content></entry></feed>"
        )  # fmt: skip
    return (
        b'<?xml version="1.0" encoding="' + enc + b'"?><rss><channel><item><title>t</title>'
        + extra + b"<description>" + body * 6 + b"</description></item></channel></rss>"
    )  # fmt: skip


@st.composite
def warcs(draw: st.DrawFn) -> bytes:
    payload = draw(html_pages())
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + payload
    if draw(st.booleans()):
        http = draw(st.binary(max_size=60)) + http[draw(st.integers(0, 40)) :]
    length = draw(st.sampled_from([len(http), len(http) + 10, 0, 5]))
    record = (
        b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://lisk.example/a\r\n"
        b"Content-Type: application/http; msgtype=response\r\nContent-Length: "
        + str(length).encode() + b"\r\n\r\n" + http + b"\r\n\r\n"
    )  # fmt: skip
    if draw(st.booleans()):
        record = record[: draw(st.integers(0, len(record)))]
    return record


INPUTS = st.one_of(
    st.tuples(st.just("a.jsonl"), json_lines()),
    st.tuples(st.just("a.json"), json_lines()),
    st.tuples(st.sampled_from(["a.html", "noext"]), html_pages()),
    st.tuples(st.sampled_from(["a.rss", "a.atom", "a.xml"]), feeds()),
    st.tuples(st.sampled_from(["a.warc", "a.warc.gz"]), warcs()),
    st.tuples(st.sampled_from(["a.txt", "a.urls", "a.gz", "noext"]), st.binary(max_size=2_000)),
    st.tuples(st.just("a.txt"), PHRASE.map(lambda t: t.encode("utf-8", "surrogatepass"))),
)


def maybe_gzip(name: str, data: bytes, zipped: bool) -> tuple[str, bytes]:
    if zipped:
        return name + ".gz" if not name.endswith(".gz") else name, gzip.compress(data)
    return name, data


def check_reading(name: str, data: bytes, ctx: Context) -> list[Article | IngestProblem]:
    """Read one input and check what every reading must satisfy; returns the items.

    - no exception but storyline's own escapes (and readers yield problems, so none at all);
    - every article's text and metadata encode as UTF-8, and so does its extract record;
    - the offset map round trip: each segment of ``text`` equals its segment of ``raw``;
    - every removal points at its text in ``raw``.
    """
    try:
        items = list(read_bytes(data, name, ctx, name=name))
    except StorylineError:
        return []
    assert items, "a reader must yield at least one item"
    for item in items:
        assert isinstance(item, Article | IngestProblem)
        if isinstance(item, IngestProblem):
            item.source.encode("utf-8")
            item.problem.encode("utf-8")
            continue
        check_article(item)
    return items


def check_article(a: Article) -> None:
    for value in (a.text, a.raw, a.source, a.title or "", a.byline or "", a.outlet or "", a.url or ""):
        value.encode("utf-8")
    for seg in a.offset_map:
        assert seg.clean_start >= 0 and seg.clean_start + seg.length <= len(a.text)
        assert seg.raw_start >= 0 and seg.raw_start + seg.length <= len(a.raw)
        assert (
            a.text[seg.clean_start : seg.clean_start + seg.length]
            == a.raw[seg.raw_start : seg.raw_start + seg.length]
        )
    for r in a.removed:
        assert a.raw[r.raw_start : r.raw_end] == r.text
    record: dict[str, Any] = to_extract_record(a)
    json.dumps(record, ensure_ascii=False).encode("utf-8")


def check_offsets(record: dict[str, Any]) -> None:
    """The offset invariant of an extract record: each annotation's text is ``text[start:end]``."""
    text = record["text"]
    for key in ("quotes", "figures", "timexes", "events"):
        for item in record[key]:
            assert 0 <= item["start"] <= item["end"] <= len(text)
            assert text[item["start"] : item["end"]] == item["text"], (key, item)
    for ent in record["entities"]:
        for m in ent["mentions"]:
            assert text[m["start"] : m["end"]] == m["text"]

"""Every reader on small real files, and the bad-input kinds."""

from __future__ import annotations

import gzip
import io
import json
import re
from datetime import date
from pathlib import Path

import pytest
from ingest_samples import PARAGRAPHS, article_html, write
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from storyline.ingest import read_inputs
from storyline.models import Article, IngestProblem
from storyline.settings import Settings, load_settings


def _read(paths: list[str | Path], cfg: Settings, **kw: object) -> list[Article | IngestProblem]:
    return list(read_inputs(paths, cfg, **kw))  # type: ignore[arg-type]


def _one(items: list[Article | IngestProblem]) -> Article:
    assert len(items) == 1, items
    assert isinstance(items[0], Article), items[0]
    return items[0]


def _problem(items: list[Article | IngestProblem]) -> IngestProblem:
    assert len(items) == 1, items
    assert isinstance(items[0], IngestProblem), items[0]
    return items[0]


def test_readers_text_dump_metadata_and_cleaning(tmp_path: Path, cfg: Settings, text_dump: str) -> None:
    path = write(tmp_path / "dump.txt", text_dump)
    a = _one(_read([path], cfg))
    assert a.source == str(path)
    assert a.input_kind == "text"
    assert a.published == date(2024, 5, 16)
    assert a.byline == "Petra Almquist"
    assert a.title == "Varnholm council votes to close tram depot"
    assert a.language == "en"
    for p in PARAGRAPHS:
        assert p in a.text
    assert "Read More" not in a.text and "article image" not in a.text
    assert {"date-line", "byline", "related-teaser", "image-placeholder"} <= {r.reason for r in a.removed}
    for seg in a.offset_map:
        assert (
            a.text[seg.clean_start : seg.clean_start + seg.length]
            == a.raw[seg.raw_start : seg.raw_start + seg.length]
        )


def test_readers_published_override_wins(tmp_path: Path, cfg: Settings, text_dump: str) -> None:
    path = write(tmp_path / "dump.txt", text_dump)
    assert _one(_read([path], cfg, published=date(2020, 1, 2))).published == date(2020, 1, 2)


def test_readers_html_page_body_and_metadata(tmp_path: Path, cfg: Settings, html_page: str) -> None:
    a = _one(_read([write(tmp_path / "page.html", html_page)], cfg))
    assert a.input_kind == "html"
    assert a.title == "Varnholm council votes to close tram depot"
    assert a.outlet == "The Varnholm Courier"
    assert a.byline == "Petra Almquist"
    assert a.published == date(2024, 5, 16)
    for p in PARAGRAPHS:
        assert p in a.text
    for furniture in ("Privacy policy", "Share on Facebook", "Harbour bridge repairs", "Weather"):
        assert furniture not in a.text


def test_readers_gzipped_html(tmp_path: Path, cfg: Settings, html_page: str) -> None:
    path = write(tmp_path / "abc123.html.gz", gzip.compress(html_page.encode()))
    a = _one(_read([path], cfg))
    assert a.source == str(path)
    assert PARAGRAPHS[2] in a.text


def test_readers_malformed_html_is_a_problem(tmp_path: Path, cfg: Settings) -> None:
    path = write(tmp_path / "broken.html", "<html><body><div><<</div></p></span><script>var x = 1;</script>")
    p = _problem(_read([path], cfg))
    assert p.source == str(path)
    assert "HTML" in p.problem


def test_readers_jsonl_records_and_bad_line(tmp_path: Path, cfg: Settings, html_page: str) -> None:
    lines = [
        json.dumps(
            {
                "id": "rec-1",
                "text": "\n".join(PARAGRAPHS),
                "url": "https://www.courier.example/news/depot",
                "title": "Depot to close",
                "published": "2024-05-16",
            }
        ),
        '{"id": "rec-2", "text": "unterminated',
        json.dumps({"id": "rec-3", "html": html_page, "outlet": "Courier"}),
        json.dumps({"id": "rec-4"}),
        json.dumps(["not", "an", "object"]),
    ]
    path = write(tmp_path / "batch.jsonl", "\n".join(lines) + "\n")
    items = _read([path], cfg)
    assert [type(i).__name__ for i in items] == [
        "Article",
        "IngestProblem",
        "Article",
        "IngestProblem",
        "IngestProblem",
    ]
    first, bad, third, missing, notobj = items
    assert isinstance(first, Article) and isinstance(third, Article)
    assert first.source == "rec-1" and first.input_kind == "jsonl"
    assert first.outlet == "courier.example"
    assert first.published == date(2024, 5, 16)
    assert third.source == "rec-3" and third.outlet == "Courier" and third.input_kind == "jsonl"
    assert isinstance(bad, IngestProblem) and bad.line == 2 and bad.source == str(path)
    assert "invalid JSON" in bad.problem
    assert isinstance(missing, IngestProblem) and missing.line == 4
    assert isinstance(notobj, IngestProblem) and notobj.line == 5


def _warc_bytes(pages: dict[str, str], gz: bool = True) -> bytes:
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gz)
    for uri, html in pages.items():
        headers = StatusAndHeaders(
            "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
        )
        rec = writer.create_warc_record(
            uri, "response", payload=io.BytesIO(html.encode()), http_headers=headers
        )
        writer.write_record(rec)
    img_headers = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
    writer.write_record(
        writer.create_warc_record(
            "https://courier.example/logo.png",
            "response",
            payload=io.BytesIO(b"\x89PNG..."),
            http_headers=img_headers,
        )
    )
    return buf.getvalue()


def test_readers_warc_html_responses(tmp_path: Path, cfg: Settings) -> None:
    pages = {
        "https://courier.example/a": article_html("Depot vote passes"),
        "https://courier.example/b": article_html("Union weighs strike over depot"),
    }
    path = write(tmp_path / "crawl.warc.gz", _warc_bytes(pages))
    items = _read([path], cfg)
    assert [a.source for a in items if isinstance(a, Article)] == list(pages)
    assert all(isinstance(a, Article) and a.input_kind == "warc" and a.url == a.source for a in items)
    plain = write(tmp_path / "crawl.warc", _warc_bytes(pages, gz=False))
    assert len([a for a in _read([plain], cfg) if isinstance(a, Article)]) == 2


def test_readers_truncated_warc_gz_reports_problem(tmp_path: Path, cfg: Settings) -> None:
    data = _warc_bytes(
        {"https://courier.example/a": article_html(), "https://courier.example/b": article_html()}
    )
    path = write(tmp_path / "cut.warc.gz", data[: len(data) * 2 // 3])
    items = _read([path], cfg)
    problems = [i for i in items if isinstance(i, IngestProblem)]
    assert problems, items
    assert problems[-1].source == str(path)
    assert "WARC" in problems[-1].problem


RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>Varnholm Courier</title><link>https://courier.example/</link>
<item><title>Depot vote passes</title><link>https://courier.example/depot</link>
<pubDate>Thu, 16 May 2024 09:30:00 GMT</pubDate>
<content:encoded><![CDATA[{body}]]></content:encoded></item>
<item><title>Short item</title><link>https://courier.example/short</link><description>Only a line.</description></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Valley Times</title>
<entry><title>Union weighs strike</title><link href="https://valley.example/strike"/>
<id>urn:valley:1</id><updated>2024-05-17T08:00:00Z</updated>
<author><name>Jon Brask</name></author>
<content type="html"><![CDATA[{body}]]></content></entry>
</feed>"""


def test_readers_rss_and_atom(tmp_path: Path, cfg: Settings) -> None:
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    rss = write(tmp_path / "feed.rss", RSS.format(body=body))
    atom = write(tmp_path / "feed.atom", ATOM.format(body=body))
    r = _one(_read([rss], cfg))
    assert r.source == "https://courier.example/depot" and r.input_kind == "feed"
    assert r.title == "Depot vote passes" and r.outlet == "Varnholm Courier"
    assert r.published == date(2024, 5, 16)
    assert r.text.split("\n") == PARAGRAPHS
    a = _one(_read([atom], cfg))
    assert a.byline == "Jon Brask" and a.published == date(2024, 5, 17) and a.outlet == "Valley Times"


def test_readers_binary_empty_and_oversized(tmp_path: Path, cfg: Settings, tiny_cfg: Settings) -> None:
    binary = write(tmp_path / "photo.txt", bytes(range(256)) * 8)
    empty = write(tmp_path / "empty.txt", b"")
    blank = write(tmp_path / "blank.html", b"  \n\n ")
    big = write(tmp_path / "big.txt", "word " * 100)
    assert "binary" in _problem(_read([binary], cfg)).problem
    assert "empty" in _problem(_read([empty], cfg)).problem
    assert "empty" in _problem(_read([blank], cfg)).problem
    p = _problem(_read([big], tiny_cfg))
    assert "too large" in p.problem and p.severity == "skipped" and p.source == str(big)


def test_readers_gzip_bomb_is_refused(tmp_path: Path, tiny_cfg: Settings) -> None:
    path = write(tmp_path / "bomb.txt.gz", gzip.compress(b"a" * 10_000))
    assert "limit" in _problem(_read([path], tiny_cfg)).problem


def test_readers_latin1_file(tmp_path: Path, cfg: Settings) -> None:
    text = "\n".join(
        [*PARAGRAPHS[:2], "Le café de la gare a fermé ses portes à Noël, déplorent les habitués."]
    )
    a = _one(_read([write(tmp_path / "latin.txt", text.encode("latin-1"))], cfg))
    assert "café" in a.text and "à Noël" in a.text
    assert any("decoded as" in n for n in a.notes)


def test_readers_mixed_encoding_file(tmp_path: Path, cfg: Settings) -> None:
    data = ("“Quoted words,” she said.\n" + PARAGRAPHS[0] + "\n").encode() + "Le café ferme.\n".encode(
        "cp1252"
    )
    a = _one(_read([write(tmp_path / "mixed.txt", data)], cfg))
    assert "“Quoted words,”" in a.text and "café" in a.text
    assert any("mixed encodings" in n for n in a.notes)


def test_readers_undecodable_bytes_use_replacement_or_detection(tmp_path: Path, cfg: Settings) -> None:
    data = PARAGRAPHS[0].encode() + b" \xff\xfe\xfd " + PARAGRAPHS[1].encode()
    a = _one(_read([write(tmp_path / "odd.txt", data)], cfg))
    assert PARAGRAPHS[1][:40] in a.text
    assert a.notes


def test_readers_directory_recursion_is_sorted_and_skips_hidden(
    tmp_path: Path, cfg: Settings, text_dump: str
) -> None:
    write(tmp_path / "b" / "two.txt", text_dump)
    write(tmp_path / "a.txt", text_dump)
    write(tmp_path / "c" / "d" / "three.txt", text_dump)
    write(tmp_path / ".hidden" / "x.txt", text_dump)
    write(tmp_path / ".secret.txt", text_dump)
    sources = [i.source for i in _read([tmp_path], cfg)]
    assert sources == [
        str(tmp_path / "a.txt"),
        str(tmp_path / "b" / "two.txt"),
        str(tmp_path / "c" / "d" / "three.txt"),
    ]


def test_readers_missing_path_and_stdin(
    tmp_path: Path, cfg: Settings, text_dump: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    class _Stdin:
        buffer = io.BytesIO(text_dump.encode())

    monkeypatch.setattr("sys.stdin", _Stdin)
    items = _read([tmp_path / "nope.txt", "-"], cfg)
    assert isinstance(items[0], IngestProblem) and "no such file" in items[0].problem
    assert isinstance(items[1], Article) and items[1].source == "-"


def test_readers_non_english_is_flagged(tmp_path: Path, cfg: Settings) -> None:
    german = (
        "Der Stadtrat hat am Donnerstag beschlossen, das alte Depot bis zum Ende des Jahres zu schließen. "
        "Die Vorsitzende sagte, das Gebäude sei zu teuer und nicht mehr sicher, und die Gewerkschaft will "
        "den Plan prüfen, bevor sie über einen Streik entscheidet."
    )
    a = _one(_read([write(tmp_path / "de.txt", german)], cfg))
    assert a.language == "de"
    assert any("not English" in n for n in a.notes)


def test_readers_article_ids_are_stable(tmp_path: Path, cfg: Settings, text_dump: str) -> None:
    one = _one(_read([write(tmp_path / "x.txt", text_dump)], cfg))
    two = _one(_read([write(tmp_path / "y.txt", text_dump)], cfg))
    assert one.article_id == two.article_id and one.content_hash == two.content_hash


def test_readers_truncated_plain_warc_reports_problem(tmp_path: Path, cfg: Settings) -> None:
    data = _warc_bytes(
        {"https://courier.example/a": article_html(), "https://courier.example/b": article_html()}, gz=False
    )
    cut = data.index(b"https://courier.example/b") + 400
    items = _read([write(tmp_path / "cut.warc", data[:cut])], cfg)
    assert isinstance(items[0], Article) and items[0].source == "https://courier.example/a"
    assert isinstance(items[-1], IngestProblem) and "WARC" in items[-1].problem


def test_readers_warc_with_wrong_length_is_one_problem_line(
    tmp_path: Path, cfg: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    data = _warc_bytes({"https://courier.example/a": article_html()}, gz=False)
    m = re.search(rb"Content-Length: (\d+)", data)
    assert m is not None
    short = data[: m.start(1)] + str(int(m.group(1)) - 8).encode() + data[m.end(1) :]
    path = write(tmp_path / "short.warc", short)
    items = _read([path], cfg)
    problems = [i for i in items if isinstance(i, IngestProblem)]
    assert [p.source for p in problems] == [str(path)]
    assert "Content-Length" in problems[0].problem
    assert "WARNING" not in capsys.readouterr().err


def test_readers_not_a_warc_is_a_problem(tmp_path: Path, cfg: Settings) -> None:
    p = _problem(_read([write(tmp_path / "fake.warc", "this is plain text, not an archive\n")], cfg))
    assert "WARC" in p.problem


def test_readers_feed_without_entries_is_a_problem(tmp_path: Path, cfg: Settings) -> None:
    p = _problem(
        _read([write(tmp_path / "empty.rss", "<rss><channel><title>x</title></channel></rss>")], cfg)
    )
    assert "feed" in p.problem


def test_readers_sniff_kind_without_suffix(tmp_path: Path, cfg: Settings, html_page: str) -> None:
    a = _one(_read([write(tmp_path / "page_no_suffix", html_page)], cfg))
    assert a.input_kind == "html"


def test_readers_warc_limit_applies_per_record(tmp_path: Path) -> None:
    pages = {f"https://courier.example/{n}": article_html(f"Depot story number {n}") for n in range(3)}
    data = _warc_bytes(pages, gz=False) * 2
    record_cfg = load_settings(**{"ingest.max_bytes": 8000})
    assert len(data) > 8000 and all(len(p.encode()) < 8000 for p in pages.values())
    path = write(tmp_path / "big.warc", data)
    items = _read([path], record_cfg)
    assert [type(i).__name__ for i in items] == ["Article"] * 6
    small_cfg = load_settings(**{"ingest.max_bytes": 500})
    problems = _read([path], small_cfg)
    assert all(isinstance(p, IngestProblem) and "limit" in p.problem for p in problems)


def test_readers_json_array_file(tmp_path: Path, cfg: Settings) -> None:
    records = [{"id": "arr-1", "text": PARAGRAPHS[0] + "\n" + PARAGRAPHS[1]}, {"id": "arr-2"}]
    items = _read([write(tmp_path / "batch.json", json.dumps(records, indent=1))], cfg)
    assert isinstance(items[0], Article) and items[0].source == "arr-1"
    assert isinstance(items[1], IngestProblem) and items[1].line == 2


def test_readers_symlink_outside_directory_is_not_read(tmp_path: Path, cfg: Settings, text_dump: str) -> None:
    outside = write(tmp_path / "private" / "secret.txt", text_dump)
    tree = tmp_path / "tree"
    write(tree / "a.txt", text_dump)
    (tree / "b_link.txt").symlink_to(outside)
    (tree / "c_inside.txt").symlink_to(tree / "a.txt")
    items = _read([tree], cfg)
    assert [type(i).__name__ for i in items] == ["Article", "IngestProblem", "Article"]
    assert isinstance(items[1], IngestProblem) and "outside" in items[1].problem


def test_readers_directory_nesting_is_bounded(tmp_path: Path, cfg: Settings, text_dump: str) -> None:
    from storyline.ingest import MAX_DEPTH

    shallow = write(tmp_path / "a.txt", text_dump)
    deep_dir = tmp_path.joinpath(*(["d"] * (MAX_DEPTH + 2)))
    write(deep_dir / "deep.txt", text_dump)
    items = _read([tmp_path], cfg)
    assert [i.source for i in items if isinstance(i, Article)] == [str(shallow)]
    problems = [i for i in items if isinstance(i, IngestProblem)]
    assert len(problems) == 1 and "nested" in problems[0].problem

"""Hostile and huge inputs: one line each, naming the file (and line), and the run goes on."""

from __future__ import annotations

import hashlib
import json
import os
import time
from pathlib import Path

import pytest
from hostile_samples import EXPECTED, GOOD, write_hostile
from typer.testing import CliRunner

from storyline.cli import app
from storyline.ingest import read_inputs
from storyline.ingest.html import MAX_TAG_ATTRIBUTES, bound_markup, extract_page
from storyline.models import Article, IngestProblem
from storyline.settings import load_settings


@pytest.fixture
def hostile(tmp_path: Path) -> dict[str, Path]:
    return write_hostile(tmp_path / "in")


def _read(path: Path) -> list[Article | IngestProblem]:
    return list(read_inputs([path], load_settings()))


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_hostile_input_alone_gives_one_line_or_an_article(hostile: dict[str, Path], name: str) -> None:
    items = _read(hostile[name])
    problems = [i for i in items if isinstance(i, IngestProblem)]
    expected = EXPECTED[name]
    if expected is None:
        assert not problems, problems
        assert items and all(isinstance(i, Article) for i in items)
        for a in items:
            assert isinstance(a, Article)
            a.text.encode("utf-8")  # everything downstream encodes it
            a.source.encode("utf-8")
    elif name == "loop":
        assert {Path(p.source).name for p in problems} == {"a", "b"}
        assert all(expected in p.problem for p in problems)
    elif name == "deep.jsonl":
        assert len(problems) == 1 and problems[0].line == 1 and expected in problems[0].problem
        assert [i.source for i in items if isinstance(i, Article)] == ["after-deep"]
    else:
        assert len(items) == 1 and len(problems) == 1, items
        assert expected in problems[0].problem
        assert problems[0].source.endswith(name)


def test_symlink_loop_named_on_the_command_line_is_reported_as_a_loop(hostile: dict[str, Path]) -> None:
    (p,) = _read(hostile["self_link"])
    assert isinstance(p, IngestProblem) and "symbolic link loop" in p.problem
    assert "no such file" not in p.problem


def test_lone_surrogate_is_replaced_and_the_id_can_be_made(hostile: dict[str, Path]) -> None:
    first, second = _read(hostile["surrogate.jsonl"])
    assert isinstance(first, Article) and isinstance(second, Article)
    assert "\ufffd" in first.text and "\ud800" not in first.raw
    assert any("surrogate" in n for n in first.notes)
    for seg in first.offset_map:  # the replacement keeps every offset
        assert (
            first.text[seg.clean_start : seg.clean_start + seg.length]
            == first.raw[seg.raw_start : seg.raw_start + seg.length]
        )


def test_file_name_that_is_not_utf8_is_shown_escaped(hostile: dict[str, Path]) -> None:
    (a,) = _read(hostile["bad\\xffname.txt"])
    assert isinstance(a, Article) and a.source.endswith("bad\\xffname.txt")


def test_fifo_inside_a_folder_is_reported_not_opened(tmp_path: Path) -> None:
    d = tmp_path / "d"
    d.mkdir()
    os.mkfifo(d / "pipe")
    (d / "ok.txt").write_text(GOOD, encoding="utf-8")
    started = time.monotonic()
    items = _read(d)
    assert time.monotonic() - started < 30  # a read of the FIFO would block forever
    problems = [i for i in items if isinstance(i, IngestProblem)]
    assert len(problems) == 1 and "FIFO" in problems[0].problem and problems[0].source.endswith("pipe")
    assert sum(isinstance(i, Article) for i in items) == 1


def test_page_with_many_attributes_is_bounded_before_parsing() -> None:
    attrs = " ".join(f'data-k{i}="v{i}"' for i in range(200_000))
    body = "<p>" + "The harbour board of Lisk met on Monday to discuss the new pier and its cost. " * 8
    html = f"<html><body><div {attrs}>{body}</p></div></body></html>"
    bounded, dropped = bound_markup(html)
    assert dropped == 200_000 - MAX_TAG_ATTRIBUTES
    assert bounded.count("data-k") == MAX_TAG_ATTRIBUTES
    assert "harbour board of Lisk" in bounded
    page = extract_page(html)
    assert page is not None and "harbour board" in page.text


def test_page_with_very_many_elements_is_read_block_by_block() -> None:
    spans = "".join(f'<span a="{i}">w{i}</span>' for i in range(60_000))
    html = f"<html><body><p>The pier of Lisk opened on Monday after two years.</p><div>{spans}</div></body></html>"
    page = extract_page(html)
    assert page is not None and page.note is not None and "block by block" in page.note
    assert "The pier of Lisk opened" in page.text


def _cli(*args: str) -> tuple[int, str, str, BaseException | None]:
    result = CliRunner().invoke(app, list(args))
    exc = result.exception if not isinstance(result.exception, SystemExit) else None
    return result.exit_code, result.stdout, result.stderr, exc


def _problem_lines(err: str) -> list[str]:
    return [ln for ln in err.splitlines() if "skipped" in ln or "failed" in ln]


@pytest.mark.slow
def test_extract_reads_past_every_hostile_input(hostile: dict[str, Path]) -> None:
    folder = hostile["good.txt"].parent
    code, out, err, exc = _cli("extract", str(folder), str(hostile["fifo"]), str(hostile["self_link"]))
    assert exc is None and "Traceback" not in err, err
    assert code == 0, err
    records = [json.loads(line) for line in out.splitlines()]
    sources = {r["source"] for r in records}
    assert {"good-record", "after-deep", "lone", "far-future"} <= sources
    assert any(s.endswith("bad\\xffname.txt") for s in sources)
    assert any(s.endswith("good.txt") for s in sources)
    future = next(r for r in records if r["source"] == "far-future")
    assert future["published"] == "9999-12-31" and future["quotes"] is not None
    lines = _problem_lines(err)
    for name in ("deep.jsonl:1", "deep_array.json", "deep_value.json", "gml_pos.atom", "garbage.warc"):
        assert sum(name in ln for ln in lines) == 1, (name, lines)
    assert sum("fifo" in ln and "FIFO" in ln for ln in lines) == 2  # in the folder and named
    assert all(len(ln.splitlines()) == 1 for ln in lines)


@pytest.mark.slow
def test_analyze_reads_past_every_hostile_input(hostile: dict[str, Path], tmp_path: Path) -> None:
    folder = hostile["good.txt"].parent
    db = tmp_path / "s.db"
    code, out, err, exc = _cli(
        "analyze",
        str(folder),
        str(hostile["self_link"]),
        "--db",
        str(db),
        "--json",
        "--out",
        str(tmp_path / "o"),
    )
    assert exc is None and "Traceback" not in err, err
    assert code == 0, err
    summary = json.loads(out)
    assert summary["analysed"] >= 6 and summary["failed"] + summary["skipped"] >= 8
    problems = {(Path(p["source"]).name, p["line"]) for p in summary["problems"]}
    assert ("deep.jsonl", 1) in problems and ("garbage.warc", None) in problems
    assert (tmp_path / "o" / "dossier.json").stat().st_size > 0


def test_article_id_of_text_with_a_lone_surrogate_is_made_not_raised() -> None:
    from storyline.models import content_hash, make_article_id

    assert make_article_id("Lisk \ud800 pier", "https://lisk.example/\udcff") != make_article_id("Lisk pier")
    assert len(content_hash("\ud800")) == 64
    # valid text keeps the id it always had: sha256 of url, NUL, text
    assert make_article_id("Lisk pier") == hashlib.sha256(b"\0Lisk pier").hexdigest()[:16]

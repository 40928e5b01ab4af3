"""`storyline extract` end to end through the CLI runner (no NLP: --skip-nlp)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from storyline.cli import app

BODY = [
    "The regional assembly of Tarsk approved a new water charter late on Monday evening.",
    "Its speaker, Olek Marr, said the charter would guarantee supply to 38 villages in the hills.",
    "“Nobody in this valley should wait a week for clean water again,” he told members.",
]


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    d = tmp_path / "in"
    d.mkdir()
    (d / "a_dump.txt").write_text(
        "\n\n".join(["date 2024-09-02", *BODY, "Share this article"]), encoding="utf-8"
    )
    (d / "b_batch.jsonl").write_text(
        json.dumps({"id": "doc-7", "text": "\n".join(reversed(BODY)), "title": "Charter"}) + "\n{broken\n",
        encoding="utf-8",
    )
    (d / "c_blob.txt").write_bytes(bytes(range(256)) * 4)
    return d


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["extract", *args])
    return result.exit_code, result.stdout, result.stderr


def test_extract_writes_records_in_input_order(corpus: Path) -> None:
    code, out, err = _run(str(corpus), "--skip-nlp")
    assert code == 0, err
    records = [json.loads(line) for line in out.splitlines()]
    assert [r["source"] for r in records] == [str(corpus / "a_dump.txt"), "doc-7"]
    first = records[0]
    assert first["published"] == "2024-09-02"
    assert first["text"] == "\n".join(BODY)
    assert {"text": "Share this article", "reason": "share-furniture"} in first["removed"]
    assert first["quotes"] == [] and first["entities"] == []
    assert records[1]["title"] == "Charter"
    problems = [ln for ln in err.splitlines() if ln.startswith(("failed", "skipped"))]
    assert any(f"{corpus / 'b_batch.jsonl'}:2:" in p and "invalid JSON" in p for p in problems)
    assert any("c_blob.txt" in p and "binary" in p for p in problems)
    assert err.splitlines()[-1] == "extract: 2 read, 0 skipped, 2 failed"


def test_extract_out_file_and_published_override(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    code, stdout, _ = _run(
        str(corpus / "a_dump.txt"), "--skip-nlp", "--out", str(out), "--published", "2023-12-31"
    )
    assert code == 0 and stdout == ""
    [record] = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert record["published"] == "2023-12-31"


def test_extract_strict_fails_on_any_problem(corpus: Path) -> None:
    code, _, _ = _run(str(corpus), "--skip-nlp", "--strict")
    assert code == 1


def test_extract_nothing_read_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("")
    code, out, err = _run(str(tmp_path / "empty.txt"), str(tmp_path / "missing.txt"), "--skip-nlp")
    assert code == 1 and out == ""
    assert "no such file" in err and "empty" in err


def test_extract_rejects_bad_published_date(corpus: Path) -> None:
    code, _, err = _run(str(corpus), "--skip-nlp", "--published", "31/12/2023")
    assert code == 2
    assert "YYYY-MM-DD" in err


def test_extract_stories_adds_a_story_id(corpus: Path) -> None:
    code, out, err = _run(str(corpus), "--skip-nlp", "--stories")
    assert code == 0, err
    records = [json.loads(line) for line in out.splitlines()]
    assert len(records) == 2
    assert all(isinstance(r["story"], str) and r["story"] for r in records)


@pytest.mark.slow
def test_extract_reads_the_quotes_section_of_its_config(tmp_path: Path) -> None:
    source = tmp_path / "a.txt"
    source.write_text(
        "Olek Marr said the charter was “a promise kept” for the hill villages.\n", encoding="utf-8"
    )
    config = tmp_path / "polnear.toml"
    config.write_text('[quotes]\nmixed_span = "clause"\n', encoding="utf-8")
    kinds = {}
    for name, extra in (("default", ()), ("clause", ("--config", str(config)))):
        code, out, err = _run(str(source), *extra)
        assert code == 0, err
        kinds[name] = sorted(q["kind"] for q in json.loads(out.splitlines()[0])["quotes"])
    assert kinds["default"] == ["indirect", "partial"]
    assert kinds["clause"] == ["mixed"]


def test_quotes_settings_other_than_the_defaults_version_the_analyses() -> None:
    from storyline import services
    from storyline.settings import load_settings

    default = services._pipeline_version(load_settings())
    clause = services._pipeline_version(load_settings(**{"quotes.mixed_span": "clause"}))
    assert default.isdigit() and clause.startswith(default + "+quotes.") and clause != default

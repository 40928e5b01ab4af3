"""The commands that read a store: missing stores refused, tables at 80 columns, quotes with
their source, export of every table, dossier from the store, clean help, --config anywhere."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from sample_store import OUTLETS, STORY_ID, TITLES
from storyline.cli import app
from storyline.cli.app import hoist_global_options
from storyline.export.tables import TABLES

runner = CliRunner()


def run(*args: str, **env: str) -> Any:
    return runner.invoke(app, list(args), catch_exceptions=False, env=env or None)


READ_COMMANDS = [
    ["articles"],
    ["show", "0123456789abcdef"],
    ["quotes"],
    ["quotes", "--json"],
    ["events"],
    ["export", "quotes"],
    ["dossier", "--out", "OUT"],
]


@pytest.mark.parametrize("command", READ_COMMANDS, ids=lambda c: " ".join(c))
def test_read_commands_refuse_a_store_that_does_not_exist(command: list[str], tmp_path: Path) -> None:
    missing = tmp_path / "nothere.db"
    args = [str(tmp_path / "out") if a == "OUT" else a for a in command]
    result = run(*args, "--db", str(missing))
    assert result.exit_code == 2
    assert "SL409" in result.stderr and "nothere.db" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not missing.exists()
    assert not (tmp_path / "out").exists()


def test_articles_table_fits_80_columns_with_whole_ids(sample_db: Path) -> None:
    listing = json.loads(run("articles", "--db", str(sample_db), "--json").stdout)
    result = run("articles", "--db", str(sample_db), COLUMNS="80")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert max(len(line.rstrip()) for line in lines) <= 80
    for row in listing["articles"]:
        line = next(line for line in lines if line.startswith(row["article_id"] + " "))
        assert row["published"] in line
        assert line.split()[-2:] == [str(row["n_chars"]), str(row["n_removed"])]


def test_articles_json_uses_the_shared_field_names(sample_db: Path) -> None:
    row = json.loads(run("articles", "--db", str(sample_db), "--json").stdout)["articles"][0]
    assert {"article_id", "outlet", "published", "title", "n_chars", "n_removed"} <= set(row)
    assert "chars" not in row and "removed" not in row
    assert row["n_removed"] == 1


def test_quotes_show_outlet_date_and_title(sample_db: Path) -> None:
    result = run("quotes", "--db", str(sample_db), "--speaker", "odile vance")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert len(lines) == 6  # three lines per quote
    assert lines[0].startswith("Odile Vance said (direct, ")
    assert lines[1] == "  “The night ferry will sail again by 12 June.”"
    assert lines[2] == f"  — {OUTLETS[0]}, 2031-06-02, {TITLES[0]}"
    assert lines[5] == f"  — {OUTLETS[1]}, 2031-06-03, {TITLES[1]}"
    rows = [json.loads(line) for line in run("quotes", "--db", str(sample_db), "--json").stdout.splitlines()]
    assert [(r["outlet"], r["published"], r["title"]) for r in rows] == [
        (OUTLETS[0], "2031-06-02", TITLES[0]),
        (OUTLETS[1], "2031-06-03", TITLES[1]),
    ]


def test_quotes_none_found_is_said_on_stderr(sample_db: Path) -> None:
    result = run("quotes", "--db", str(sample_db), "--speaker", "Nobody Atall")
    assert result.exit_code == 0
    assert result.stdout == ""
    assert "no quotes found" in result.stderr


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
def test_export_writes_every_table_in_every_format(sample_db: Path, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / "exports"
    result = run("export", "all", "--db", str(sample_db), "--format", fmt, "--out", str(out))
    assert result.exit_code == 0, result.output
    for name, spec in TABLES.items():
        path = out / f"{name}.{fmt}"
        if fmt == "jsonl":
            rows = [json.loads(line) for line in path.read_text("utf-8").splitlines()]
            assert rows and all(list(r) == spec.column_names for r in rows), name
        elif fmt == "csv":
            reader = csv.DictReader(io.StringIO(path.read_text("utf-8")))
            assert reader.fieldnames == spec.column_names
            assert list(reader), name
        else:
            table = pq.read_table(path)
            assert table.column_names == spec.column_names and table.num_rows > 0, name
        assert f"{name}: " in result.stderr


def test_export_one_table_to_stdout_and_one_story(sample_db: Path, tmp_path: Path) -> None:
    result = run("export", "quotes", "--db", str(sample_db))
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["outlet"] for r in rows] == OUTLETS
    assert "quotes: 2 rows" in result.stderr
    one = tmp_path / "facts.csv"
    assert (
        run(
            "export", "facts", "--db", str(sample_db), "-f", "csv", "-o", str(one), "--story", STORY_ID
        ).exit_code
        == 0
    )
    assert len(list(csv.DictReader(one.open(encoding="utf-8")))) == 2


def test_export_refuses_unknown_tables_formats_and_stories(sample_db: Path, tmp_path: Path) -> None:
    db = str(sample_db)
    assert run("export", "secrets", "--db", db).exit_code == 2
    assert run("export", "quotes", "--db", db, "--format", "xlsx").exit_code == 2
    missing = run("export", "quotes", "--db", db, "--story", "nope", "--out", str(tmp_path / "x"))
    assert missing.exit_code == 2
    assert "SL404" in missing.stderr
    assert not (tmp_path / "x").exists()


def test_dossier_rebuilds_the_dossier_from_the_store(sample_db: Path, tmp_path: Path) -> None:
    result = run("dossier", "--db", str(sample_db), "--out", str(tmp_path / "d"))
    assert result.exit_code == 0
    data = json.loads((tmp_path / "d" / "dossier.json").read_text("utf-8"))
    assert [s["story_id"] for s in data["stories"]] == [STORY_ID]
    assert len(data["articles"]) == 2
    speakers = data["stories"][0]["quotes_by_speaker"]
    assert speakers[0]["speaker"] == "Odile Vance"
    assert speakers[0]["quotes"][0]["outlet"] == OUTLETS[0]
    assert "Tarrow night ferry dispute" in (tmp_path / "d" / "dossier.html").read_text("utf-8")


COMMANDS = ["analyze", "extract", "articles", "show", "quotes", "events", "export", "dossier", "serve"]


@pytest.mark.parametrize("command", [None, *COMMANDS])
def test_help_shows_metavars_not_type_names(command: str | None) -> None:
    result = run(*([command] if command else []), "--help")
    assert result.exit_code == 0
    usage = result.stdout.splitlines()[0]
    assert "{" not in usage and "}" not in usage, usage
    for marker in ("<bool>", "<str>", "<int", "<list", "<path>", "<float>"):
        assert marker not in result.stdout, (command, marker)


def test_global_config_is_accepted_after_the_command() -> None:
    assert hoist_global_options(["analyze", "in", "--config", "my.toml", "--quiet"]) == [
        "--config",
        "my.toml",
        "analyze",
        "in",
        "--quiet",
    ]
    assert hoist_global_options(["export", "quotes", "--config=my.toml"]) == [
        "--config=my.toml",
        "export",
        "quotes",
    ]
    assert hoist_global_options(["--config", "a.toml", "articles"]) == ["--config", "a.toml", "articles"]
    assert hoist_global_options(["extract", "--", "--config"]) == ["extract", "--", "--config"]


def test_bad_settings_file_is_one_line_after_the_command(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('[nlp]\nbatch_size = "lots"\ncolour = "blue"\n', "utf-8")
    result = run("extract", str(tmp_path), "--config", str(bad))
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "SL103" in lines[0] and "nlp.batch_size" in lines[0] and "nlp.colour: unknown setting" in lines[0]
    assert "pydantic.dev" not in result.stderr
    broken = tmp_path / "broken.toml"
    broken.write_text("[nlp\n", "utf-8")
    result = run("--config", str(broken), "extract", str(tmp_path))
    assert result.exit_code == 2 and len(result.stderr.strip().splitlines()) == 1
    assert "SL102" in result.stderr

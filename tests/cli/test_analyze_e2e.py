"""`storyline analyze` with the real readers, pipeline and SQLite file, in a subprocess.

The corpus is generated here: many small text dumps of invented island news.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PLACES = ["Port Selwyn", "Kestrel Bay", "Amberholm", "the Tarn Islands", "Lowmarsh"]
SPEAKERS = ["Councillor Anya Brell", "Harbourmaster Ido Fenn", "Mayor Lise Quarrow", "Captain Rhun Tallis"]


def write_corpus(folder: Path, n: int) -> None:
    folder.mkdir(parents=True)
    for i in range(n):
        place = PLACES[i % len(PLACES)]
        who = SPEAKERS[i % len(SPEAKERS)]
        text = (
            f"date 2031-05-{1 + i % 28:02d}\n\n"
            f"Ferry services to {place} were suspended for {i + 2} hours on Thursday after a storm "
            f"damaged pier number {i}.\n\n"
            f'"We expect the crossings to resume once the divers finish their survey," {who} said. '
            f"Repairs are expected to cost about {1000 + i * 7} crowns, according to the port office.\n"
        )
        (folder / f"note_{i:04d}.txt").write_text(text, "utf-8")


def analyze_cmd(*args: str) -> list[str]:
    return [sys.executable, "-c", "from storyline.cli import main; main()", "analyze", *args]


def env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT / "src"), "STORYLINE_CONFIG": ""}


def count(db: Path, sql: str) -> int:
    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
        try:
            return int(con.execute(sql).fetchone()[0])
        finally:
            con.close()
    except sqlite3.Error:
        return 0


@pytest.mark.slow
def test_analyze_killed_mid_run_then_rerun_holds_every_article_once(tmp_path: Path) -> None:
    n = 150
    corpus, db = tmp_path / "corpus", tmp_path / "s.db"
    write_corpus(corpus, n)
    proc = subprocess.Popen(
        analyze_cmd(str(corpus), "--db", str(db), "--batch-size", "10", "--quiet"),
        env=env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 120
    stored = 0
    while time.monotonic() < deadline and proc.poll() is None:
        stored = count(db, "SELECT COUNT(*) FROM analyses")
        if stored >= 20:
            break
        time.sleep(0.02)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL, proc.stderr.read() if proc.stderr else ""
    at_kill = count(db, "SELECT COUNT(*) FROM articles")
    assert 20 <= at_kill < n, "the run must be killed in the middle"

    rerun = subprocess.run(
        analyze_cmd(str(corpus), "--db", str(db), "--batch-size", "10", "--json"),
        env=env(),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert rerun.returncode == 0, rerun.stderr
    summary = json.loads(rerun.stdout)
    assert summary["read"] == n
    assert summary["new"] == n - at_kill
    assert summary["already_analysed"] >= stored
    assert summary["analysed"] + summary["already_analysed"] == n

    con = sqlite3.connect(db)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert con.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == n
    assert con.execute("SELECT COUNT(DISTINCT source) FROM articles").fetchone()[0] == n
    assert con.execute("SELECT COUNT(*) FROM analyses").fetchone()[0] == n
    con.close()


@pytest.mark.slow
def test_analyze_real_stages_twice_same_counts(tmp_path: Path) -> None:
    corpus, db = tmp_path / "corpus", tmp_path / "s.db"
    write_corpus(corpus, 12)
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "image.bin").write_bytes(bytes(range(256)) * 40)
    runs = []
    for _ in range(2):
        done = subprocess.run(
            analyze_cmd(str(corpus), "--db", str(db), "--json"),
            env=env(),
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert done.returncode == 0, done.stderr
        runs.append(json.loads(done.stdout))
    first, second = runs
    assert first["read"] == second["read"] == 12
    assert (first["new"], second["new"]) == (12, 0)
    assert (first["analysed"], second["analysed"], second["already_analysed"]) == (12, 0, 12)
    assert first["skipped"] + first["failed"] == second["skipped"] + second["failed"] == 2
    problem_sources = sorted(Path(p["source"]).name for p in first["problems"])
    assert problem_sources == ["empty.txt", "image.bin"]
    for line in done.stderr.splitlines():
        assert line.startswith("warning: ") and ("empty.txt" in line or "image.bin" in line)
    assert count(db, "SELECT COUNT(*) FROM articles") == 12

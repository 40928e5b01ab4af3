"""The evaluation gate: skipped without evaluation data, and its floors file is well formed."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GATE = ROOT / "benchmarks" / "eval_gate.py"


def test_gate_skips_without_evaluation_data(tmp_path: Path) -> None:
    out = subprocess.run(
        [sys.executable, str(GATE), "--shared", str(tmp_path / "none")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert out.returncode == 0
    assert "skipped" in out.stdout


def test_regression_needs_a_note(tmp_path: Path) -> None:
    out = subprocess.run(
        [sys.executable, str(GATE), "--shared", str(tmp_path), "--allow-regression"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert out.returncode != 0
    assert "--note" in out.stderr


def test_baseline_names_a_runner_data_and_floors_for_every_check() -> None:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import eval_gate
    finally:
        sys.path.pop(0)
    baseline = json.loads((ROOT / "benchmarks" / "eval_baseline.json").read_text("utf-8"))
    assert baseline["checks"]
    for check in baseline["checks"].values():
        assert check["kind"] in eval_gate.RUNNERS
        assert check["gold"]
        assert check["floors"] and all(0 < v <= 1 for v in check["floors"].values())


def test_gate_reads_the_summary_line_of_the_story_and_event_scorers() -> None:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import eval_gate
    finally:
        sys.path.pop(0)
    stories = eval_gate._summary("noise\nSUMMARY stories B3 F1=0.912 pairwise F1=0.850\n", "stories")
    assert stories == {"b3_f1": 0.912, "pairwise_f1": 0.85}
    events = eval_gate._summary(
        "SUMMARY events type P=0.7 R=0.8 F1=0.75 source-accuracy=0.9 actor-country=0.6 location-country=1.0",
        "events",
    )
    assert events["f1"] == 0.75 and events["r"] == 0.8 and events["actor_country"] == 0.6
    assert set(eval_gate.RUNNERS) >= {"quotes", "stories", "events"}

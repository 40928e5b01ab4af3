"""The evaluation gate: skipped without evaluation data, and its floors file is well formed."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[2]
GATE = ROOT / "benchmarks" / "eval_gate.py"


def _gate() -> ModuleType:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import eval_gate
    finally:
        sys.path.pop(0)
    return eval_gate


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
    eval_gate = _gate()
    baseline = json.loads((ROOT / "benchmarks" / "eval_baseline.json").read_text("utf-8"))
    assert baseline["checks"]
    for check in baseline["checks"].values():
        assert check["kind"] in eval_gate.RUNNERS
        assert check["gold"]
        assert check["floors"] and all(0 < v <= 1 for v in check["floors"].values())


def test_gate_reads_the_summary_line_of_the_story_and_event_scorers() -> None:
    eval_gate = _gate()
    stories = eval_gate._summary("noise\nSUMMARY stories B3 F1=0.912 pairwise F1=0.850\n", "stories")
    assert stories == {"b3_f1": 0.912, "pairwise_f1": 0.85}
    events = eval_gate._summary(
        "SUMMARY events type P=0.7 R=0.8 F1=0.75 source-accuracy=0.9 actor-country=0.6 location-country=1.0",
        "events",
    )
    assert events["f1"] == 0.75 and events["r"] == 0.8 and events["actor_country"] == 0.6
    assert set(eval_gate.RUNNERS) >= {"quotes", "stories", "events"}


def test_gate_reads_the_summary_line_of_the_cleaning_and_timex_scorers() -> None:
    eval_gate = _gate()
    html = eval_gate._summary("pages 3\nSUMMARY extraction shingle P=0.91 R=0.95 F1=0.93\n", "extraction")
    assert (html["p"], html["r"], html["f1"]) == (0.91, 0.95, 0.93)
    dumps = eval_gate._summary("SUMMARY cleaning noise-recall=0.800 body-retention=1.000", "cleaning")
    assert dumps == {"noise_recall": 0.8, "body_retention": 1.0}
    timex = eval_gate._summary("SUMMARY timex relaxed F1=0.928 value F1=0.836", "timex")
    assert timex == {"relaxed_f1": 0.928, "value_f1": 0.836}
    assert {"cleaning", "timex"} <= set(eval_gate.RUNNERS)

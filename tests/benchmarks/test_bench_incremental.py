"""The incremental-run benchmark runs on small stores; its run reads only what it may change."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BENCH = ROOT / "benchmarks" / "bench_incremental.py"


def test_bench_incremental_scope_keeps_to_what_the_run_touches() -> None:
    new = 3
    out = subprocess.run(
        [sys.executable, str(BENCH), "--sizes", "200,800", "--new", str(new)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    scopes = [int(n) for n in re.findall(r"scope \d+ articles in (\d+) stories", out)]
    assert len(scopes) == 2
    # each new report belongs to one synthetic event: its story, not those sharing common words
    assert all(n <= 2 * new for n in scopes)
    summary = next(line for line in out.splitlines() if line.startswith("SUMMARY"))
    fields = summary.split(": ", 1)[1].split()
    ratios = {fields[i]: float(fields[i + 1].lstrip("x")) for i in range(0, len(fields), 2)}
    assert set(ratios) == {"cpu", "wall", "peak", "scope"}
    assert ratios["scope"] <= 1.5

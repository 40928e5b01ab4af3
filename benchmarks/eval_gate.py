"""Evaluation gate: run the pipeline on the evaluation data and fail below the recorded floors.

    python benchmarks/eval_gate.py [--shared DIR] [--only NAME] [--raise-floors]
                                   [--allow-regression --note TEXT]

The floors live in ``benchmarks/eval_baseline.json``: one entry per check, each naming its
runner (``kind``), its data (paths relative to ``shared/``) and ``floors``: metric -> lowest
accepted value. A check may also carry ``settings`` (section -> key -> value), given to
``storyline extract`` as a ``--config`` file: the same data measured under another convention
(``quotes.mixed_span = "clause"`` is PolNeAR's). A check whose data is missing is skipped with a message, and so is the whole
gate without ``shared/`` (the project's tests never need it). Every metric below its floor
fails the gate (exit 1).

``--raise-floors`` writes the measured values as the new floors where they are higher.
A floor only moves down with ``--allow-regression --note "why"``, which also appends the
change and its note to the file's ``history``.

Other annotations add their own checks by adding a runner to ``RUNNERS`` (a function of the
check's entry and the shared folder, returning metric -> value) and an entry to the file.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BASELINE = ROOT / "benchmarks" / "eval_baseline.json"
DEFAULT_SHARED = next(
    (p / "shared" for p in (ROOT.parent, ROOT.parent.parent) if (p / "shared" / "eval").is_dir()),
    ROOT.parent / "shared",
)


def _storyline() -> list[str]:
    return [sys.executable, "-c", "from storyline.cli import main; main()"]


def _extract(inputs: list[str], out: Path, *extra: str) -> None:
    subprocess.run([*_storyline(), "extract", *inputs, "--out", str(out), "--quiet", *extra], check=True)


def _score(shared: Path, gold: Path, system: Path, *extra: str) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        result = Path(tmp) / "score.json"
        subprocess.run(
            [
                sys.executable,
                str(shared / "eval" / "score_quotes.py"),
                "--gold",
                str(gold),
                "--system",
                str(system),
                "--json",
                str(result),
                *extra,
            ],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        data: dict[str, Any] = json.loads(result.read_text("utf-8"))
        return data


def _make_input(shared: Path, gold: Path, out: Path) -> None:
    """The gold turned into storyline input by ``make_input.py`` (labels dropped)."""
    with out.open("w", encoding="utf-8") as f:
        subprocess.run(
            [sys.executable, str(shared / "eval" / "make_input.py"), str(gold)], check=True, stdout=f
        )


def _scorer(shared: Path, script: str, *args: str) -> str:
    """What the scorer ``shared/eval/<script>`` prints."""
    scored = subprocess.run(
        [sys.executable, str(shared / "eval" / script), *args], check=True, capture_output=True, text=True
    )
    return scored.stdout


def _config(check: dict[str, Any], folder: Path) -> list[str]:
    """``--config FILE`` for the check's ``settings`` (none when it has none)."""
    sections = check.get("settings")
    if not sections:
        return []
    lines = []
    for section, values in sections.items():
        lines.append(f"[{section}]")
        lines.extend(f"{key} = {json.dumps(value)}" for key, value in values.items())
    path = folder / "settings.toml"
    path.write_text("\n".join(lines) + "\n", "utf-8")
    return ["--config", str(path)]


def run_quotes(check: dict[str, Any], shared: Path) -> dict[str, float]:
    """Quotes and reported speech scored by ``score_quotes.py``. ``input`` is ``"jsonl"`` (the
    gold turned into input by ``make_input.py``) or a folder of articles under ``shared/``."""
    gold = shared / check["gold"]
    with tempfile.TemporaryDirectory() as tmp:
        system = Path(tmp) / "system.jsonl"
        config = _config(check, Path(tmp))
        if check["input"] == "jsonl":
            made = Path(tmp) / "input.jsonl"
            _make_input(shared, gold, made)
            _extract([str(made)], system, *config)
        else:
            _extract([str(shared / check["input"])], system, *config)
        both = _score(shared, gold, system)
        metrics = {
            "quotes_f1": both["quotes_overlap"]["f1"],
            "attributed_f1": both["attributed"]["f1"],
        }
        if both.get("reported_speech"):
            direct = _score(shared, gold, system, "--gold-kinds", "direct")
            metrics["direct_attributed_f1"] = direct["attributed"]["f1"]
            metrics["reported_f1"] = both["reported_speech"]["found"]["f1"]
            metrics["reported_attributed_f1"] = both["reported_speech"]["attributed"]["f1"]
        return metrics


def _summary(output: str, prefix: str) -> dict[str, float]:
    """The ``name=value`` pairs of a scorer's last ``SUMMARY <prefix> ...`` line."""
    lines = [x for x in output.splitlines() if x.startswith(f"SUMMARY {prefix}")]
    if not lines:
        raise SystemExit(f"eval gate: no 'SUMMARY {prefix}' line in the scorer's output")
    pairs = re.findall(r"([A-Za-z0-9-]+(?: F1)?)=([0-9.]+)", lines[-1])
    return {name.replace(" ", "_").replace("-", "_").lower(): float(value) for name, value in pairs}


def run_stories(check: dict[str, Any], shared: Path) -> dict[str, float]:
    """Story clustering of the gold's articles, end to end, scored by ``score_stories.py``."""
    gold = shared / check["gold"]
    with tempfile.TemporaryDirectory() as tmp:
        made, system = Path(tmp) / "input.jsonl", Path(tmp) / "system.jsonl"
        _make_input(shared, gold, made)
        _extract([str(made)], system, "--stories")
        out = _scorer(shared, "score_stories.py", "--gold", str(gold), "--system", str(system))
    got = _summary(out, "stories")
    return {"b3_f1": got["b3_f1"], "pairwise_f1": got["pairwise_f1"]}


def run_events(check: dict[str, Any], shared: Path) -> dict[str, float]:
    """PLOVER event types, sources and actor / place countries (``benchmarks/eval_events.py``)."""
    scored = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "eval_events.py"), "--data", str(shared / check["gold"])],
        check=True,
        capture_output=True,
        text=True,
    )
    got = _summary(scored.stdout, "events")
    return {
        "type_f1": got["f1"],
        "type_recall": got["r"],
        "source_accuracy": got["source_accuracy"],
        "actor_country": got["actor_country"],
    }


def run_cleaning(check: dict[str, Any], shared: Path) -> dict[str, float]:
    """Cleaning scored by ``score_cleaning.py``. ``input`` is a folder under ``shared/``: HTML
    pages whose article bodies are compared with the gold texts (``mode: "html"``, word 4-gram
    precision / recall), or scraped text dumps whose gold marks the noise lines (``mode:
    "dumps"``, noise removed and body kept)."""
    gold, raw = shared / check["gold"], shared / check["input"]
    html = check["mode"] == "html"
    with tempfile.TemporaryDirectory() as tmp:
        system = Path(tmp) / "system.jsonl"
        _extract([str(raw)], system, *(["--skip-nlp"] if html else []))
        against = ["--html-gold", str(gold)] if html else ["--seeds-gold", str(gold), "--raw-dir", str(raw)]
        out = _scorer(shared, "score_cleaning.py", *against, "--system", str(system))
    if html:
        got = _summary(out, "extraction")
        return {"shingle_precision": got["p"], "shingle_recall": got["r"], "shingle_f1": got["f1"]}
    got = _summary(out, "cleaning")
    return {"noise_recall": got["noise_recall"], "body_retention": got["body_retention"]}


def run_timex(check: dict[str, Any], shared: Path) -> dict[str, float]:
    """Time expressions found (relaxed span match) and normalised, scored by
    ``score_timex.py`` on the gold turned into input by ``make_input.py``."""
    gold = shared / check["gold"]
    with tempfile.TemporaryDirectory() as tmp:
        made, system = Path(tmp) / "input.jsonl", Path(tmp) / "system.jsonl"
        _make_input(shared, gold, made)
        _extract([str(made)], system)
        out = _scorer(shared, "score_timex.py", "--gold", str(gold), "--system", str(system))
    got = _summary(out, "timex")
    return {"relaxed_f1": got["relaxed_f1"], "value_f1": got["value_f1"]}


RUNNERS: dict[str, Callable[[dict[str, Any], Path], dict[str, float]]] = {
    "quotes": run_quotes,
    "stories": run_stories,
    "events": run_events,
    "cleaning": run_cleaning,
    "timex": run_timex,
}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    ap.add_argument("--baseline", type=Path, default=BASELINE)
    ap.add_argument("--only", help="run only this check")
    ap.add_argument("--raise-floors", action="store_true", help="record higher measured values as floors")
    ap.add_argument("--allow-regression", action="store_true", help="let floors move down (needs --note)")
    ap.add_argument("--note", help="why the floors moved down")
    args = ap.parse_args()
    if args.allow_regression and not args.note:
        ap.error("--allow-regression needs --note")
    if not (args.shared / "eval").is_dir():
        print(f"eval gate: skipped, no evaluation data at {args.shared}")
        return 0
    baseline = json.loads(args.baseline.read_text("utf-8"))
    failed: list[str] = []
    changed = False
    for name, check in baseline["checks"].items():
        if args.only and name != args.only:
            continue
        missing = [p for p in (check["gold"],) if not (args.shared / p).exists()]
        if missing:
            print(f"eval gate: {name}: skipped, missing {', '.join(missing)}")
            continue
        t0 = time.time()
        measured = RUNNERS[check["kind"]](check, args.shared)
        floors: dict[str, float] = check["floors"]
        for metric, floor in sorted(floors.items()):
            value = measured.get(metric)
            ok = value is not None and value >= floor
            print(f"eval gate: {name}: {metric} {value} (floor {floor}) {'ok' if ok else 'BELOW FLOOR'}")
            if value is None:
                failed.append(f"{name}.{metric}")
                continue
            if value > floor and args.raise_floors:
                floors[metric] = value
                changed = True
            elif value < floor:
                if args.allow_regression:
                    floors[metric] = value
                    baseline.setdefault("history", []).append(
                        {
                            "date": date.today().isoformat(),
                            "check": name,
                            "metric": metric,
                            "from": floor,
                            "to": value,
                            "note": args.note,
                        }
                    )
                    changed = True
                else:
                    failed.append(f"{name}.{metric}")
        print(f"eval gate: {name}: {time.time() - t0:.0f}s")
    if changed:
        args.baseline.write_text(json.dumps(baseline, indent=2, ensure_ascii=False) + "\n", "utf-8")
        print(f"eval gate: floors written to {args.baseline}")
    if failed:
        print(f"eval gate: FAILED below floor: {', '.join(failed)}")
        return 1
    print("eval gate: passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Peak memory and time of ``storyline extract`` on large and hostile single articles.

    python benchmarks/bench_memory.py [--only NAME ...] [--keep DIR]

Each case is written as a file of made-up text and read by ``storyline extract`` in a child
process; the child's peak resident size (getrusage of children) and wall time are printed.
Cases:

- ``fragments-370k``: 370 KB of many short quoted fragments in long paragraphs (the quote
  finder used to compare every quote with every other);
- ``transcript-1.2m``: a 1.2 million-character transcript, over spaCy's 1,000,000 limit, so
  analysed in pieces of ``nlp.piece_chars``;
- ``largest-20m-read``: an input of ``ingest.max_bytes`` (the largest allowed), read and
  cleaned only (``--skip-nlp``): what ingest costs before the per-piece analysis;
- ``attributes-1m``: a 12 MB HTML page with a million attributes (``--skip-nlp``).
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

PEOPLE = ["Elin Varga", "Ivo Krane", "Mara Quell", "Tomas Brenn", "Ada Kulla"]
WORDS = ["plan", "deal", "ruse", "pause", "reset", "truce", "bridge", "fair", "late", "wrong"]


def fragments(n: int, rng: random.Random) -> str:
    paras, para = [], []
    size = 0
    while size < n:
        piece = f"\u201c{rng.choice(WORDS)} {rng.choice(WORDS)}\u201d " + rng.choice(
            ["and", "or", "he said,", "then", "she called it", "according to Varga,"]
        )
        para.append(piece)
        size += len(piece) + 1
        if len(para) >= 120:
            paras.append(" ".join(para) + ".")
            para = []
    paras.append(" ".join(para))
    return "\n\n".join(paras)


def transcript(n: int, rng: random.Random) -> str:
    out = ["TRANSCRIPT OF THE HEARING"]
    size = 0
    i = 0
    while size < n:
        a, b = rng.sample(PEOPLE, 2)
        k = rng.randint(2, 900)
        line = rng.choice(
            [
                f'{a} said on Monday that {k} workers in Lisk would return. "We will rebuild by March," {a.split()[1]} said.',
                f"The council agreed to spend {k} million crowns on the bridge, according to {b}.",
                f"Speaker {i}: {b} asked about the budget. {a} answered that talks would resume next week.",
            ]
        )
        out.append(line)
        size += len(line) + 2
        i += 1
    return "\n\n".join(out) + "\n"


def attributes(n: int, _rng: random.Random) -> str:
    attrs = " ".join(f"a{i}=x" for i in range(n))
    body = "<p>" + "The harbour board of Lisk met on Monday to discuss the pier. " * 20 + "</p>"
    return f"<html><body><div {attrs}>{body}</div></body></html>"


CASES: dict[str, tuple[str, Callable[[int, random.Random], str], int, list[str]]] = {
    "fragments-370k": ("fragments.txt", fragments, 370_000, []),
    "transcript-1.2m": ("transcript.txt", transcript, 1_200_000, []),
    "largest-20m-read": ("largest.txt", transcript, 19_900_000, ["--skip-nlp"]),
    "attributes-1m": ("attributes.html", attributes, 1_000_000, ["--skip-nlp"]),
}


_WRAPPER = (
    "import resource, subprocess, sys; r = subprocess.run(sys.argv[1:]); "
    "print('peak-kb', resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr); "
    "sys.exit(r.returncode)"
)


def measure(path: Path, extra: list[str]) -> tuple[float, float, str]:
    """(peak RSS in MB, seconds, summary line) of one extract run, in a wrapper process whose
    only child is that run (so the peak is that run's alone)."""
    exe = Path(sys.executable).with_name("storyline")
    started = time.monotonic()
    proc = subprocess.run(
        [
            sys.executable,
            "-c",
            _WRAPPER,
            str(exe),
            "extract",
            str(path),
            "-o",
            str(path.with_suffix(".out.jsonl")),
            *extra,
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    spent = time.monotonic() - started
    lines = proc.stderr.strip().splitlines()
    peak = next((int(ln.split()[1]) for ln in lines if ln.startswith("peak-kb")), 0)
    summary = next((ln for ln in reversed(lines) if ln.startswith("extract:")), f"exit {proc.returncode}")
    return peak / 1024, spent, summary


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--only", nargs="*", choices=sorted(CASES), help="run only these cases")
    ap.add_argument("--keep", type=Path, help="write the inputs here (and keep them)")
    args = ap.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="storyline-mem-"))
    work.mkdir(parents=True, exist_ok=True)
    rng = random.Random(5)
    for name in args.only or list(CASES):
        filename, make, size, extra = CASES[name]
        path = work / filename
        path.write_text(make(size, rng), encoding="utf-8")
        peak, spent, last = measure(path, extra)
        print(
            f"{name}: {path.stat().st_size / 1e6:.2f} MB input, peak RSS {peak:.0f} MB, {spent:.1f} s ({last})"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

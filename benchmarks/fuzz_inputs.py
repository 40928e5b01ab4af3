"""A long fuzz run over every reader, the decoder, the cleaner and the extract contract.

    python benchmarks/fuzz_inputs.py [--seconds 600] [--nlp-every 200] [--seed 1]

Draws hostile inputs of every kind from the strategies in tests/ingest/fuzz_inputs.py (JSON
nested tens of thousands deep and lone surrogate escapes, feeds that declare undecodable
encodings, garbage WARCs, HTML with thousands of attributes, binary noise, gzip of any of them),
reads each through ``read_bytes`` and checks what the suite checks: no exception escapes, every
article encodes as UTF-8, its offset map round-trips and its extract record holds the offset
invariant. Every ``--nlp-every``-th article is also analysed (spaCy) and its record checked.
Prints the inputs tried per kind, articles and problems, the failures found (with the first
input of each kind of failure saved under /tmp/storyline-fuzz/), and the slowest input.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
import time
import traceback
from collections import Counter
from pathlib import Path

from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests" / "ingest"))
from fuzz_inputs import INPUTS, check_offsets, check_reading, maybe_gzip

from storyline.export.contract import to_extract_record
from storyline.ingest.readers import Context
from storyline.models import Article
from storyline.settings import load_settings

OUT = Path("/tmp/storyline-fuzz")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seconds", type=float, default=600.0)
    ap.add_argument("--nlp-every", type=int, default=200, help="analyse every N-th article (0: never)")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    cfg = load_settings(**{"ingest.max_bytes": 2_000_000, "nlp.piece_chars": 5_000})
    ctx = Context(settings=cfg)
    tried: Counter[str] = Counter()
    outcome: Counter[str] = Counter()
    failures: Counter[str] = Counter()
    slowest = (0.0, "")
    deadline = time.monotonic() + args.seconds
    OUT.mkdir(exist_ok=True)

    @seed(args.seed)
    @settings(max_examples=10**9, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    @given(INPUTS, st.booleans())
    def one(given_input: tuple[str, bytes], zipped: bool) -> None:
        nonlocal slowest
        if time.monotonic() > deadline:
            raise _Done
        name, data = maybe_gzip(*given_input, zipped=zipped and len(given_input[1]) < 200_000)
        tried[name.rsplit(".", 1)[-1] if "." in name else "noext"] += 1
        started = time.perf_counter()
        try:
            items = check_reading(name, data, ctx)
            for item in items:
                outcome["article" if isinstance(item, Article) else "problem"] += 1
                if isinstance(item, Article) and args.nlp_every and outcome["article"] % args.nlp_every == 0:
                    from storyline.nlp import analyse

                    (analysis,) = analyse([item], cfg)
                    check_offsets(to_extract_record(item, analysis))
                    outcome["analysed"] += 1
        except _Done:
            raise
        except Exception as e:  # a finding: count it, keep the first input of its kind
            where = traceback.extract_tb(e.__traceback__)[-1]
            key = f"{type(e).__name__} at {Path(where.filename).name}:{where.lineno}"
            if not failures[key]:
                (OUT / f"failure-{len(failures) + 1}-{name}").write_bytes(data)
                print(f"FAIL {key}: {str(e)[:200]}", flush=True)
            failures[key] += 1
        spent = time.perf_counter() - started
        if spent > slowest[0]:
            slowest = (spent, f"{name} ({len(data)} bytes)")

    with contextlib.suppress(_Done):
        one()
    total = sum(tried.values())
    print(f"inputs tried: {total} in {args.seconds:g} s (seed {args.seed})")
    print("by kind: " + ", ".join(f"{k} {v}" for k, v in sorted(tried.items())))
    print("items: " + ", ".join(f"{k} {v}" for k, v in sorted(outcome.items())))
    print(f"slowest input: {slowest[0]:.2f} s, {slowest[1]}")
    if failures:
        print(f"failures: {sum(failures.values())} ({len(failures)} kinds; inputs saved in {OUT})")
        for key, n in failures.most_common():
            print(f"  {n:6d}  {key}")
        return 1
    print("failures: 0")
    return 0


class _Done(BaseException):
    """The time is up (a BaseException, so that the checks' own handlers do not catch it)."""


if __name__ == "__main__":
    raise SystemExit(main())

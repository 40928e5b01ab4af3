"""Event extraction accuracy on the PLOVER gold-standard records (sentence level).

    python benchmarks/eval_events.py [--data ../shared/eval/data/plover_dev.jsonl] [--errors]

For each sentence the predicted event types are matched one-to-one with the gold types
(micro precision / recall / F1); for every matched event the source actor counts as right when
its span overlaps a gold source span. The data is evaluation data, read only when present.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

DEFAULT = next(
    (
        p / "shared" / "eval" / "data" / "plover_dev.jsonl"
        for p in Path(__file__).resolve().parents
        if (p / "shared" / "eval").is_dir()
    ),
    Path("../shared/eval/data/plover_dev.jsonl"),
)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=DEFAULT)
    ap.add_argument("--errors", action="store_true")
    args = ap.parse_args()
    if not args.data.exists():
        print(f"no evaluation data at {args.data}; nothing to measure")
        return 0
    from storyline.nlp.events import find_events, load_lexicon
    from storyline.nlp.pipeline import build_nlp

    nlp = build_nlp()
    lex = load_lexicon()
    records = [json.loads(x) for x in args.data.read_text(encoding="utf-8").splitlines() if x.strip()]
    tp = n_pred = n_gold = src_ok = 0
    confusion: Counter[tuple[str, str]] = Counter()
    for rec, doc in zip(records, nlp.pipe(r["text"] for r in records), strict=True):
        gold = [e for e in rec["gold_events"]]
        pred = find_events(doc, lex)
        n_pred += len(pred)
        n_gold += len(gold)
        unmatched = list(pred)
        for g in gold:
            hit = next((p for p in unmatched if p.event_type == g["event_type"]), None)
            if hit is None:
                got = ",".join(p.event_type for p in pred) or "-"
                confusion[(g["event_type"], got)] += 1
                if args.errors:
                    print(f"MISS {g['event_type']:9} got {got:20} {rec['text'][:110]}")
                continue
            unmatched.remove(hit)
            tp += 1
            spans = [a["span"] for a in g["actors"] if a.get("span")]
            if hit.source and any(hit.source[0] < e and s < hit.source[1] for s, e in spans):
                src_ok += 1
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    print(f"sentences {len(records)}, gold events {n_gold}, predicted {n_pred}, type matches {tp}")
    print("most common misses:", confusion.most_common(8))
    print(
        f"SUMMARY events type P={p:.3f} R={r:.3f} F1={f:.3f} source-accuracy={src_ok / tp if tp else 0:.3f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

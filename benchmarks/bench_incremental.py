"""Cost of a small incremental run against a large store: does it grow with the store?

    python benchmarks/bench_incremental.py                        # 10,000 vs 100,000 stored, 20 new
    python benchmarks/bench_incremental.py --sizes 2000,20000 --new 50

For each size, the synthetic corpus of ``bench_link.py`` (events spread over a year, with
syndicated copies) is written into a fresh SQLite store with its stories (one per event, as
earlier runs would have left them) and the copy keys a store keeps. Then ``--new`` further
articles of the same year arrive, and the linking of that run
(:func:`storyline.link.incremental.link_run`, what ``storyline analyze`` does after analysing)
is timed (CPU and wall) and its peak memory traced. The last line gives each measure's ratio,
largest store over smallest: a run that reads only what it touches stays near 1.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
import tracemalloc
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_link import make_corpus  # noqa: E402

from storyline.link import incremental  # noqa: E402
from storyline.models import Article, Story  # noqa: E402
from storyline.settings import LinkSettings  # noqa: E402
from storyline.store.sqlite import SQLiteStore  # noqa: E402

BATCH = 2000


def _event_of(articles: list[Article], n_events: int) -> dict[str, int]:
    """The event each synthetic article reports (a copy: its source's)."""
    out: dict[str, int] = {}
    by_text = {}
    for i, a in enumerate(articles):
        src = by_text.get(a.text.removesuffix(" Distributed by a wire service."))
        out[a.article_id] = out[src] if src is not None and a.text.endswith("wire service.") else i % n_events
        by_text.setdefault(a.text, a.article_id)
    return out


def build_store(path: Path, stored: int, new: int, stories_per: int) -> tuple[SQLiteStore, list[str]]:
    articles, analyses = make_corpus(stored + new, stories_per)
    n_events = max(1, (stored + new) // stories_per)
    event = _event_of(articles, n_events)
    old, fresh = articles[:stored], articles[stored:]
    store = SQLiteStore(path)
    by_id = {an.article_id: an for an in analyses}
    kept: list[Article] = []  # two copies of one article with the same text are stored once
    for i in range(0, len(old), BATCH):
        chunk = old[i : i + BATCH]
        kept += [a for a, new_row in zip(chunk, store.add_articles(chunk), strict=True) if new_row]
    for i in range(0, len(kept), BATCH):
        store.save_analyses([by_id[a.article_id] for a in kept[i : i + BATCH]])
    members: dict[int, list[str]] = defaultdict(list)
    for a in kept:
        members[event[a.article_id]].append(a.article_id)
    stories = [Story(story_id=f"s{e}", title=f"event {e}", article_ids=tuple(m)) for e, m in members.items()]
    for i in range(0, len(stories), BATCH):
        store.update_stories(stories[i : i + BATCH])
    incremental._backfill_copy_keys(store, LinkSettings())  # what earlier runs kept
    fresh = [a for a, new_row in zip(fresh, store.add_articles(fresh), strict=True) if new_row]
    store.save_analyses([by_id[a.article_id] for a in fresh])
    return store, [a.article_id for a in fresh]


def measure(stored: int, new: int, stories_per: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        store, fresh = build_store(Path(tmp) / "s.db", stored, new, stories_per)
        built_s = time.perf_counter() - t0
        with store:
            tracemalloc.start()
            cpu0, wall0 = time.process_time(), time.perf_counter()
            result = incremental.link_run(store, fresh, LinkSettings())
            cpu, wall = time.process_time() - cpu0, time.perf_counter() - wall0
            _, peak = tracemalloc.get_traced_memory()
            tracemalloc.stop()
    assert result is not None
    print(
        f"stored {stored:>7}: built in {built_s:6.1f} s; run of {new} new: {cpu:6.2f} s CPU, {wall:6.2f} s wall, "
        f"peak {peak / 2**20:7.1f} MiB, scope {result.scope_articles} articles in {result.scope_stories} stories",
        flush=True,
    )
    print("   CPU by step: " + ", ".join(f"{k} {v:.2f}s" for k, v in result.cpu.items()), flush=True)
    return {"cpu": cpu, "wall": wall, "peak": float(peak), "scope": float(result.scope_articles)}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="10000,100000", help="stored articles, comma-separated")
    ap.add_argument("--new", type=int, default=20)
    ap.add_argument("--stories-per", type=int, default=10)
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    results = [measure(n, args.new, args.stories_per) for n in sizes]
    small, large = results[0], results[-1]
    ratios = {k: large[k] / max(small[k], 1e-9) for k in ("cpu", "wall", "peak", "scope")}
    print(
        f"SUMMARY incremental {sizes[-1]} vs {sizes[0]} stored: "
        + " ".join(f"{k} x{v:.2f}" for k, v in ratios.items())
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

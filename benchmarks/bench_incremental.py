"""Cost of a small incremental run against a large stored corpus: whole store vs linked scope.

    python benchmarks/bench_incremental.py                  # 10,000 stored, 20 new
    python benchmarks/bench_incremental.py --stored 20000 --new 50

The synthetic corpus of ``bench_link.py`` (events spread over a year) is built into stories
once, as a store would hold them. Then the newest ``--new`` articles arrive: the same run is
linked twice, once over the whole store (what ``storyline analyze`` did before it scoped its
runs) and once over ``services.link_scope`` with the stored copies of the new articles
(``services.copy_kin``: what it does now), and the CPU time of each and
their ratio are printed, with how many stories each returned and whether the stories of the
new articles agree.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_link import make_corpus  # noqa: E402

from storyline.link import build_stories  # noqa: E402
from storyline.services import copy_kin, link_scope, merge_stories  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--stored", type=int, default=10_000)
    ap.add_argument("--new", type=int, default=20)
    ap.add_argument("--stories-per", type=int, default=10)
    args = ap.parse_args()
    articles, analyses = make_corpus(args.stored + args.new, args.stories_per)
    articles.sort(key=lambda a: (a.published, a.article_id))
    stored, new = articles[: args.stored], articles[args.stored :]
    t0 = time.process_time()
    existing = build_stories(stored, analyses)
    seeded = time.process_time() - t0

    t0 = time.process_time()
    whole = merge_stories(existing, build_stories(articles, analyses, existing=existing))
    whole_cpu = time.process_time() - t0

    t0 = time.process_time()
    touched = {a.article_id for a in new}
    scope, stories = link_scope(articles, existing, touched | copy_kin(articles, touched))
    ids = {a.article_id for a in scope}
    built = build_stories(scope, [an for an in analyses if an.article_id in ids], existing=stories)
    scoped = merge_stories(existing, built)
    scoped_cpu = time.process_time() - t0

    def story_of(stories_: list) -> dict[str, frozenset[str]]:  # type: ignore[type-arg]
        return {aid: frozenset(s.article_ids) for s in stories_ for aid in s.article_ids if aid in touched}

    same = sum(story_of(whole)[aid] == story_of(scoped)[aid] for aid in touched)
    print(f"stored {len(stored)} articles in {len(existing)} stories ({seeded:.1f} s CPU to build)")
    print(
        f"run of {len(new)} new articles, linked over the whole store: {whole_cpu:.2f} s CPU, {len(whole)} stories"
    )
    print(
        f"the same run over its scope ({len(scope)} articles, {len(stories)} stories): "
        f"{scoped_cpu:.2f} s CPU, {len(scoped)} stories"
    )
    print(f"new articles in the same story both ways: {same}/{len(touched)}")
    print(
        f"SUMMARY incremental: whole {whole_cpu:.2f}s scoped {scoped_cpu:.2f}s "
        f"ratio x{whole_cpu / max(scoped_cpu, 1e-9):.1f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

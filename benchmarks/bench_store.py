"""Store write and read throughput on synthetic articles (SQLite; PostgreSQL with --pg URL).

    PYTHONPATH=src python benchmarks/bench_store.py [--articles 5000] [--batch 200] [--pg URL]

Reports articles/s for batched inserts (one transaction per batch), re-inserting the same
articles (idempotent no-ops), saving analyses with quotes, and full-text search latency.
The articles are generated fiction of about 500 words each.
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
import uuid
from pathlib import Path

from synthetic_words import WORDS as SYNTHETIC_WORDS

from storyline.models import Article, ArticleAnalysis, Quote, make_article_id
from storyline.store._sql import SqlStore
from storyline.store.sqlite import SQLiteStore

WORDS = SYNTHETIC_WORDS[:22]


def make_corpus(n: int, seed: int = 7) -> tuple[list[Article], list[ArticleAnalysis]]:
    rng = random.Random(seed)
    articles, analyses = [], []
    for i in range(n):
        body = " ".join(rng.choice(WORDS) for _ in range(500)) + f" item {i}."
        quote = '"' + " ".join(rng.choice(WORDS) for _ in range(12)) + '"'
        text = f"{quote} said the envoy. {body}"
        aid = make_article_id(text, f"https://bench.example/{i}")
        articles.append(
            Article(
                article_id=aid, source=f"bench/{i}.txt", url=f"https://bench.example/{i}", text=text, raw=text
            )
        )
        q = Quote(
            article_id=aid, text=quote[1:-1], start=1, end=len(quote) - 1, kind="direct", speaker="The Envoy"
        )
        analyses.append(ArticleAnalysis(article_id=aid, quotes=(q,), pipeline_version="bench"))
    return articles, analyses


def bench(store: SqlStore, n: int, batch: int) -> None:
    articles, analyses = make_corpus(n)

    def timed(label: str, fn: object) -> None:
        t = time.perf_counter()
        for i in range(0, n, batch):
            fn(i)  # type: ignore[operator]
        dt = time.perf_counter() - t
        print(f"{label:<28} {n / dt:10.0f} articles/s  ({dt:.2f} s)")

    timed("add_articles (new)", lambda i: store.add_articles(articles[i : i + batch]))
    timed("add_articles (again)", lambda i: store.add_articles(articles[i : i + batch]))
    timed("save_analyses (1 quote)", lambda i: store.save_analyses(analyses[i : i + batch]))
    reps = 20
    for label, query in (
        ("search, in every article", "envoy ceasefire"),
        ("search, in one article", f"item {n // 2}"),
    ):
        t = time.perf_counter()
        for _ in range(reps):
            store.search(query, limit=20)
        print(f"{label:<28} {(time.perf_counter() - t) / reps * 1000:10.1f} ms/query")
    t = time.perf_counter()
    count = sum(1 for _ in store.iter_articles())
    print(f"{'iter_articles':<28} {count / (time.perf_counter() - t):10.0f} articles/s")


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--articles", type=int, default=5000)
    p.add_argument("--batch", type=int, default=200)
    p.add_argument("--pg", help="also run against this PostgreSQL URL (in a throwaway schema)")
    args = p.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        print(f"SQLite, {args.articles} articles, batches of {args.batch}")
        with SQLiteStore(Path(tmp) / "bench.db") as store:
            bench(store, args.articles, args.batch)
    if args.pg:
        from storyline.store.postgres import PostgresStore, drop_schema

        schema = "bench_" + uuid.uuid4().hex[:8]
        print(f"PostgreSQL, {args.articles} articles, batches of {args.batch}")
        try:
            with PostgresStore(args.pg, schema=schema) as pg:
                bench(pg, args.articles, args.batch)
        finally:
            drop_schema(args.pg, schema)


if __name__ == "__main__":
    main()

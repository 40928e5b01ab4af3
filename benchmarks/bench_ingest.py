"""Ingest throughput and memory: articles per second for text dumps and for HTML pages.

    python benchmarks/bench_ingest.py [--dumps N] [--pages N] [--corpus DIR]

Without --corpus, it writes N generated text dumps (with scraped-page noise) and N generated HTML
pages (with page furniture) into a temporary directory; the sentences are made up from a small
fictional word bank. With --corpus, it reads that directory's .txt and .html files as well.
Each kind is read twice: once timed, once under tracemalloc for peak Python memory. The process'
peak resident size (getrusage) is printed at the end.

    python benchmarks/bench_ingest.py --dumps 0 --pages 0 --cleaning-check ../shared/eval/data/extraction/gold.jsonl

also checks that cleaning keeps body text on pages it was not written for: every page next to a
gold file of {"id", "text"} (html/<id>.html.gz) is flattened to all of its visible text, one block
per line, the way a naive scraper would; word 4-gram recall of the gold body (should stay put)
and precision (should rise) are printed before and after clean_text.
"""

from __future__ import annotations

import argparse
import random
import re
import resource
import sys
import tempfile
import time
import tracemalloc
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from storyline.ingest import read_inputs
from storyline.models import Article
from storyline.settings import load_settings

PEOPLE = ["Ilse Marek", "Tomas Vey", "Runa Oddsdottir", "Pavel Kresnik", "Ada Lunde", "Bo Farrant"]
PLACES = ["Varnholm", "Tarsk", "the Ostmark valley", "Port Selby", "the northern islands"]
VERBS = ["said", "told reporters", "insisted", "warned", "added", "argued"]
THINGS = ["the water charter", "the ferry contract", "the depot budget", "the grain levy", "the border road"]
NOISE = [
    "Read More",
    "EXCLUSIVE",
    "article image",
    "Share this article",
    "Please use a modern browser for the best video player",
    "1:12",
    "Picture: Lantern Wire Service",
    "error: Content is protected !!",
]


def _sentence(rng: random.Random) -> str:
    who, where, verb, what = rng.choice(PEOPLE), rng.choice(PLACES), rng.choice(VERBS), rng.choice(THINGS)
    n = rng.randint(2, 900)
    forms = [
        f"{who} {verb} that {what} would cost {where} about {n} million crowns over five years.",
        f"“We will not sign {what} in its present form,” {who} {verb} in {where} on Tuesday.",
        f"Officials in {where} expect {n} people to attend the hearing on {what} next week.",
        f"According to {who}, the talks on {what} have stalled for the {rng.randint(2, 9)}th time.",
    ]
    return rng.choice(forms)


def _paragraphs(rng: random.Random, n: int) -> list[str]:
    return [" ".join(_sentence(rng) for _ in range(rng.randint(1, 3))) for _ in range(n)]


def write_dumps(root: Path, count: int, rng: random.Random) -> Path:
    d = root / "dumps"
    d.mkdir()
    for i in range(count):
        lines = [f"date 2024-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}", f"By: *{rng.choice(PEOPLE)}*"]
        for para in _paragraphs(rng, rng.randint(8, 30)):
            lines.append(para)
            if rng.random() < 0.15:
                lines.append(rng.choice(NOISE))
            if rng.random() < 0.05:
                caption = f"{rng.choice(PEOPLE)} arrives in {rng.choice(PLACES)} for the talks"
                lines += [caption, caption]
        (d / f"dump_{i:05d}.txt").write_text("\n\n".join(lines), encoding="utf-8")
    return d


def write_pages(root: Path, count: int, rng: random.Random) -> Path:
    d = root / "html"
    d.mkdir()
    nav = "".join(f'<li><a href="/s{k}">Section {k}</a></li>' for k in range(12))
    for i in range(count):
        title = f"Talks on {rng.choice(THINGS)} resume in {rng.choice(PLACES)}"
        body = "".join(f"<p>{p}</p>" for p in _paragraphs(rng, rng.randint(8, 30)))
        related = "".join(f'<li><a href="/r{k}">{_sentence(rng)}</a></li>' for k in range(6))
        page = (
            f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>'
            f'<meta property="og:site_name" content="The Fictional Courier">'
            f'<meta property="article:published_time" content="2024-05-{rng.randint(10, 28)}T08:00:00Z">'
            f"</head><body><header><nav><ul>{nav}</ul></nav></header>"
            f'<div class="share">Share on Facebook | Share on X | Email</div>'
            f"<article><h1>{title}</h1><p class='byline'>By {rng.choice(PEOPLE)}</p>{body}</article>"
            f"<aside><h3>Related stories</h3><ul>{related}</ul></aside>"
            f"<footer><p>Copyright 2024 The Fictional Courier (a made-up outlet)</p></footer></body></html>"
        )
        (d / f"page_{i:05d}.html").write_text(page, encoding="utf-8")
    return d


def _run(inputs: list[Path]) -> tuple[int, int]:
    cfg = load_settings()
    articles = problems = 0
    for item in read_inputs(inputs, cfg):
        if isinstance(item, Article):
            articles += 1
        else:
            problems += 1
    return articles, problems


def measure(name: str, inputs: list[Path]) -> dict[str, float | str]:
    start = time.perf_counter()
    articles, problems = _run(inputs)
    seconds = time.perf_counter() - start
    tracemalloc.start()
    _run(inputs)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    size = sum(p.stat().st_size for d in inputs for p in d.rglob("*") if p.is_file())
    return {
        "kind": name,
        "articles": articles,
        "problems": problems,
        "MB": size / 1e6,
        "seconds": seconds,
        "articles/s": articles / seconds if seconds else 0.0,
        "peak MB": peak / 1e6,
    }


def _shingles(text: str) -> Counter[tuple[str, ...]]:
    words = re.findall(r"\w+", text)
    return Counter(tuple(words[i : i + 4]) for i in range(max(len(words) - 3, 1))) if words else Counter()


def cleaning_check(gold_path: Path) -> str:
    """Body recall and precision of naive full-page text, before and after cleaning."""
    import gzip
    import json

    import lxml.html

    from storyline.clean import clean_text
    from storyline.ingest.html import fragment_text

    sums = {"before": [0.0, 0.0], "after": [0.0, 0.0]}
    pages = 0
    for line in gold_path.read_text(encoding="utf-8").splitlines():
        g = json.loads(line)
        page = gold_path.parent / "html" / f"{g['id']}.html.gz"
        if not page.exists():
            continue
        root = lxml.html.fromstring(gzip.decompress(page.read_bytes()))
        body = root.find("body")
        raw = fragment_text(lxml.html.tostring(body, encoding="unicode")) if body is not None else ""
        gold = _shingles(g["text"])
        for name, text in (("before", raw), ("after", clean_text(raw).text)):
            got = _shingles(text)
            hit = sum((gold & got).values())
            sums[name][0] += hit / max(sum(gold.values()), 1)
            sums[name][1] += hit / max(sum(got.values()), 1)
        pages += 1
    out = [f"cleaning check on {pages} pages (naive full-page text)"]
    for name, (recall, precision) in sums.items():
        out.append(
            f"  {name:6} clean_text: body recall {recall / pages:.4f}  precision {precision / pages:.4f}"
        )
    return "\n".join(out)


def _table(rows: list[dict[str, float | str]]) -> str:
    cols = ["kind", "articles", "problems", "MB", "seconds", "articles/s", "peak MB"]
    fmt: Callable[[float | str], str] = lambda v: f"{v:.2f}" if isinstance(v, float) else str(v)  # noqa: E731
    cells = [[fmt(r[c]) for c in cols] for r in rows]
    widths = [max(len(c), *(len(row[i]) for row in cells)) for i, c in enumerate(cols)]
    lines = ["  ".join(c.rjust(w) for c, w in zip(cols, widths, strict=True))]
    lines += ["  ".join(v.rjust(w) for v, w in zip(row, widths, strict=True)) for row in cells]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--dumps", type=int, default=400, help="generated text dumps (default 400)")
    ap.add_argument("--pages", type=int, default=200, help="generated HTML pages (default 200)")
    ap.add_argument("--corpus", type=Path, help="also read this directory (e.g. examples/corpus)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument(
        "--cleaning-check", type=Path, metavar="GOLD_JSONL", help="body-keeping check (see above)"
    )
    args = ap.parse_args(argv)
    rng = random.Random(args.seed)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        if args.dumps:
            rows.append(measure("text dumps", [write_dumps(root, args.dumps, rng)]))
        if args.pages:
            rows.append(measure("html pages", [write_pages(root, args.pages, rng)]))
        if args.corpus:
            rows.append(measure(f"corpus {args.corpus}", [args.corpus]))
    if rows:
        print(_table(rows))
    if args.cleaning_check:
        print(cleaning_check(args.cleaning_check))
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak resident set size of the process: {rss:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())

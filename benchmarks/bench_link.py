"""Scale benchmark for the link layer: cluster and link synthetic corpora of growing size.

    python benchmarks/bench_link.py                 # 10k and 50k articles
    python benchmarks/bench_link.py --sizes 2000 10000 --stories-per 12

Articles are generated as records directly (no NLP): each belongs to one of ``n / stories_per``
synthetic events with its own names and places, spread over a year; a few are syndicated
copies; each carries quotes (renderings of its event's statements, some trimmed) and figures.
Every size runs in a fresh process so that its peak memory (max RSS) is its own. The closing
lines give time and peak memory per size and the ratios between the largest and smallest.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from storyline.models import Article, ArticleAnalysis, Figure, Quote  # noqa: E402

SYLLABLES = [
    "ka",
    "lo",
    "mi",
    "ren",
    "tas",
    "vel",
    "dor",
    "an",
    "is",
    "ur",
    "bel",
    "cor",
    "fen",
    "gal",
    "hol",
    "jur",
    "mar",
    "nel",
    "pol",
    "quin",
    "sar",
    "tev",
]
COMMON = [
    "government", "officials", "meeting", "police", "agreement", "report", "council", "statement",
    "city", "minister", "talks", "plan", "week", "country", "workers", "company", "court", "crowd",
    "vote", "region", "support", "budget", "local", "national", "public", "river", "road", "school",
]  # fmt: skip


def _word(rng: random.Random, parts: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(parts))


def _event(rng: random.Random) -> dict[str, list[str]]:
    names = [_word(rng, 2).capitalize() + " " + _word(rng, 3).capitalize() for _ in range(3)]
    places = [_word(rng, 3).capitalize() for _ in range(2)]
    nouns = [_word(rng, 2) for _ in range(6)]
    statements = [" ".join(rng.choice(nouns + COMMON) for _ in range(14)) for _ in range(3)]
    return {"names": names, "places": places, "nouns": nouns, "statements": statements}


def make_corpus(n: int, stories_per: int, seed: int = 1) -> tuple[list[Article], list[ArticleAnalysis]]:
    rng = random.Random(seed)
    n_events = max(1, n // stories_per)
    events = [_event(rng) for _ in range(n_events)]
    start = date(2030, 1, 1)
    days = [rng.randrange(365) for _ in range(n_events)]
    articles: list[Article] = []
    analyses: list[ArticleAnalysis] = []
    for i in range(n):
        e = i % n_events
        ev = events[e]
        if articles and rng.random() < 0.05:  # a syndicated copy of a recent article
            src = articles[rng.randrange(max(0, len(articles) - 50), len(articles))]
            text = src.text + " Distributed by a wire service."
            art = Article(
                article_id=f"a{i}",
                source=f"a{i}",
                text=text,
                title=src.title,
                outlet=f"outlet{rng.randrange(200)}",
                published=src.published,
            )
            base = analyses[int(src.article_id[1:])]
            analyses.append(
                ArticleAnalysis(
                    article_id=art.article_id,
                    quotes=tuple(q.model_copy(update={"article_id": art.article_id}) for q in base.quotes),
                )
            )
            articles.append(art)
            continue
        parts = []
        for _ in range(6):
            words = [rng.choice(COMMON) for _ in range(8)] + [rng.choice(ev["nouns"]) for _ in range(3)]
            rng.shuffle(words)
            parts.append(f"{rng.choice(ev['names'])} in {rng.choice(ev['places'])} " + " ".join(words) + ".")
        statement = rng.choice(ev["statements"])
        if rng.random() < 0.4:
            statement = " ".join(statement.split()[: rng.randrange(6, 14)])
        speaker = ev["names"][0]
        qsent = f'"{statement}," {speaker} said.'
        figure_text = f"{rng.choice([120, 120, 125, 300])} {ev['nouns'][0]}"
        parts.insert(1, qsent)
        parts.append(f"Officials counted {figure_text}.")
        text = " ".join(parts)
        art = Article(
            article_id=f"a{i}",
            source=f"a{i}",
            text=text,
            title=f"{ev['names'][0]} {ev['places'][0]} {ev['nouns'][1]}",
            outlet=f"outlet{rng.randrange(200)}",
            published=start + timedelta(days=days[e] + rng.randrange(5)),
        )
        qs = text.index(statement)
        fs = text.index(figure_text)
        analyses.append(
            ArticleAnalysis(
                article_id=art.article_id,
                quotes=(
                    Quote(
                        article_id=art.article_id,
                        text=statement,
                        start=qs,
                        end=qs + len(statement),
                        kind="direct",
                        speaker=speaker,
                    ),
                ),
                figures=(
                    Figure(
                        article_id=art.article_id,
                        text=figure_text,
                        start=fs,
                        end=fs + len(figure_text),
                        value=float(figure_text.split()[0]),
                        about=ev["nouns"][0],
                    ),
                ),
            )
        )
        articles.append(art)
    return articles, analyses


def run_one(n: int, stories_per: int) -> dict[str, float]:
    from storyline.link import build_stories

    articles, analyses = make_corpus(n, stories_per)
    t0, c0 = time.perf_counter(), time.process_time()
    stories = build_stories(articles, analyses)
    elapsed, cpu = time.perf_counter() - t0, time.process_time() - c0
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    # how well the synthetic events were recovered (each article's event is i % n_events)
    n_events = max(1, n // stories_per)
    story_of = {aid: s.story_id for s in stories for aid in s.article_ids}
    members: dict[str, list[int]] = {}
    for aid, sid in story_of.items():
        members.setdefault(sid, []).append(int(aid[1:]) % n_events)
    pure = sum(max(m.count(x) for x in set(m)) for m in members.values()) / n
    return {
        "articles": n,
        "seconds": round(elapsed, 2),
        "cpu_seconds": round(cpu, 2),  # less sensitive than wall time to a busy machine
        "peak_rss_mb": round(peak_mb, 1),
        "stories": len(stories),
        "events": n_events,
        "purity": round(pure, 3),
        "utterances": sum(len(s.utterances) for s in stories),
        "facts": sum(len(s.facts) for s in stories),
        "copies": sum(len(s.duplicate_of) for s in stories),
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 50_000])
    ap.add_argument("--stories-per", type=int, default=10, help="articles per synthetic event")
    ap.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        print(json.dumps(run_one(args.one, args.stories_per)))
        return 0
    results = []
    for n in args.sizes:
        out = subprocess.run(
            [sys.executable, __file__, "--one", str(n), "--stories-per", str(args.stories_per)],
            check=True,
            capture_output=True,
            text=True,
        )
        res = json.loads(out.stdout.strip().splitlines()[-1])
        results.append(res)
        print(json.dumps(res))
    if len(results) > 1:
        a, b = results[0], results[-1]
        print(
            f"SUMMARY link: {a['articles']} articles {a['cpu_seconds']}s cpu {a['peak_rss_mb']}MB; "
            f"{b['articles']} articles {b['cpu_seconds']}s cpu {b['peak_rss_mb']}MB; "
            f"size x{b['articles'] / a['articles']:.1f} cpu time x{b['cpu_seconds'] / a['cpu_seconds']:.2f} "
            f"wall time x{b['seconds'] / a['seconds']:.2f} memory x{b['peak_rss_mb'] / a['peak_rss_mb']:.2f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())

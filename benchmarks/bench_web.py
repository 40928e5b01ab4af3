"""Server time of the web app's pages and API calls over one story of 1,000 articles.

    PYTHONPATH=src python benchmarks/bench_web.py [--articles 1000] [--repeat 7] [--json FILE]

Seeds a SQLite store with generated fiction: N articles of about 400 words, each with quotes,
figures and dates, all in one story that has utterances (five renderings each), compared facts,
a timeline and actors. Then calls each page and API endpoint in process (no network: the time
is the app's own, from request to full response body) and reports the median and the slowest
of ``--repeat`` calls after one warm-up call, and the median CPU time of the process per call
(less sensitive to other work on the machine than wall time). Aim: every median under 300 ms.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import tempfile
import time
import warnings
from datetime import date, timedelta
from pathlib import Path

from synthetic_words import WORDS as SYNTHETIC_WORDS

from storyline.models import (
    Article,
    ArticleAnalysis,
    Entity,
    FactComparison,
    FactValue,
    Figure,
    Mention,
    Quote,
    Rendering,
    Story,
    TimelineEntry,
    Timex,
    Utterance,
    make_article_id,
)
from storyline.settings import load_settings
from storyline.store.base import open_store

WORDS = SYNTHETIC_WORDS
OUTLETS = [f"Fictional Outlet {i}" for i in range(25)]
SPEAKERS = [f"Speaker {chr(65 + i)} Person" for i in range(20)]
STORY_ID = "bench-story"


def _sentence(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize()


def make_story(n: int, seed: int = 11) -> tuple[list[Article], list[ArticleAnalysis], Story]:
    rng = random.Random(seed)
    articles: list[Article] = []
    analyses: list[ArticleAnalysis] = []
    utterance_quotes: list[tuple[Article, Quote]] = []
    facts: dict[int, list[FactValue]] = {}
    timeline: list[TimelineEntry] = []
    start_day = date(2031, 3, 1)
    for i in range(n):
        parts: list[str] = []
        quotes: list[Quote] = []
        figures: list[Figure] = []
        timexes: list[Timex] = []
        pos = 0
        for p in range(8):
            speaker = SPEAKERS[(i + p) % len(SPEAKERS)]
            body = _sentence(rng, 18)
            quoted = _sentence(rng, 12)
            count = rng.randint(10, 900)
            para = f"{body} {count} ships wait. \u201c{quoted}\u201d said {speaker} on 3 March 2031."
            q_start = pos + para.index(quoted)
            f_text = f"{count} ships"
            f_start = pos + para.index(f_text)
            t_text = "3 March 2031"
            t_start = pos + para.index(t_text)
            s_start = pos + para.index(speaker)
            quotes.append(
                Quote(
                    article_id="",
                    text=quoted,
                    start=q_start,
                    end=q_start + len(quoted),
                    kind="direct",
                    speaker=speaker,
                    speaker_text=speaker,
                    speaker_start=s_start,
                    speaker_end=s_start + len(speaker),
                    cue="said",
                )
            )
            figures.append(
                Figure(
                    article_id="",
                    text=f_text,
                    start=f_start,
                    end=f_start + len(f_text),
                    value=float(count),
                    about="ships",
                )
            )
            timexes.append(
                Timex(
                    article_id="",
                    text=t_text,
                    start=t_start,
                    end=t_start + len(t_text),
                    type="DATE",
                    value="2031-03-03",
                    resolution="explicit",
                )
            )
            parts.append(para)
            pos += len(para) + 2
        text = "\n\n".join(parts)
        published = start_day + timedelta(days=i % 40)
        aid = make_article_id(text, f"https://outlet{i % 25}.example/{i}")
        article = Article(
            article_id=aid,
            source=f"bench-{i}.html",
            input_kind="html",
            url=f"https://outlet{i % 25}.example/{i}",
            title=_sentence(rng, 7),
            outlet=OUTLETS[i % len(OUTLETS)],
            published=published,
            language="en",
            raw=text,
            text=text,
        )
        quotes = [q.model_copy(update={"article_id": aid}) for q in quotes]
        figures = [f.model_copy(update={"article_id": aid}) for f in figures]
        timexes = [t.model_copy(update={"article_id": aid}) for t in timexes]
        articles.append(article)
        analyses.append(
            ArticleAnalysis(
                article_id=aid,
                quotes=tuple(quotes),
                figures=tuple(figures),
                timexes=tuple(timexes),
                pipeline_version="bench",
            )
        )
        utterance_quotes.append((article, quotes[0]))
        f = figures[1]
        facts.setdefault(i % 50, []).append(
            FactValue(
                article_id=aid, outlet=article.outlet, text=f.text, start=f.start, end=f.end, value=f.value
            )
        )
        if i % 3 == 0:
            t = timexes[0]
            when = (start_day + timedelta(days=rng.randint(0, 60))).isoformat()
            timeline.append(TimelineEntry(when=when, article_id=aid, text=t.text, start=t.start, end=t.end))
    utterances = []
    for u in range(0, len(utterance_quotes), 5):
        group = utterance_quotes[u : u + 5]
        first_article, first_quote = group[0]
        utterances.append(
            Utterance(
                utterance_id=f"u{u}",
                speaker=first_quote.speaker,
                canonical_text=first_quote.text,
                renderings=tuple(
                    Rendering(
                        article_id=a.article_id,
                        outlet=a.outlet,
                        published=a.published,
                        quote_start=q.start,
                        quote_end=q.end,
                        text=q.text,
                        relation="verbatim" if k == 0 else "reworded",
                        similarity=1.0 if k == 0 else 0.7,
                    )
                    for k, (a, q) in enumerate(group)
                ),
                earliest_article_id=first_article.article_id,
                earliest_outlet=first_article.outlet,
            )
        )
    story = Story(
        story_id=STORY_ID,
        title="A generated story of many articles",
        article_ids=tuple(a.article_id for a in articles),
        actors=tuple(
            Entity(
                entity_id=f"actor-{k}",
                name=name,
                type="person",
                mentions=tuple(Mention(text=name, start=0, end=len(name)) for _ in range(k + 1)),
            )
            for k, name in enumerate(SPEAKERS)
        ),
        utterances=tuple(utterances),
        facts=tuple(
            FactComparison(fact_id=f"fact-{k}", about="ships", unit=None, status="differ", values=tuple(v))
            for k, v in facts.items()
        ),
        timeline=tuple(timeline),
    )
    return articles, analyses, story


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--json", type=Path, default=None, help="also write the figures here")
    args = parser.parse_args()

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient

    from storyline.web import create_app

    t0 = time.perf_counter()
    articles, analyses, story = make_story(args.articles)
    tmp = tempfile.mkdtemp(prefix="storyline-bench-web-")
    db = str(Path(tmp) / "bench.db")
    store = open_store(db)
    store.add_articles(articles)
    store.save_analyses(analyses)
    store.save_stories([story])
    store.close()
    seeded = time.perf_counter() - t0
    n_quotes = sum(len(a.quotes) for a in analyses)
    print(
        f"seeded {len(articles)} articles, {n_quotes} quotes, {len(story.utterances)} utterances, "
        f"{len(story.facts)} facts, {len(story.timeline)} timeline entries in {seeded:.1f} s"
    )

    a0 = articles[0]
    q0 = analyses[0].quotes[0]
    calls = {
        "story page": f"/stories/{STORY_ID}",
        "stories page": "/",
        "article page": f"/articles/{a0.article_id}?hl={q0.start}-{q0.end}",
        "actor page": f"/actors/{SPEAKERS[0].replace(' ', '%20')}",
        "search page": "/search?q=corridor+ferry",
        "GET /api/stories": "/api/stories",
        "GET /api/stories/{id}": f"/api/stories/{STORY_ID}",
        "GET /api/stories/{id}/articles": f"/api/stories/{STORY_ID}/articles?limit=100",
        "GET /api/articles": "/api/articles?limit=100",
        "GET /api/articles/{id}": f"/api/articles/{a0.article_id}",
        "GET /api/quotes?speaker": f"/api/quotes?speaker={SPEAKERS[0].replace(' ', '%20')}&limit=100",
        "GET /api/actors/{key}": "/api/actors/actor-0",
        "GET /api/search": "/api/search?q=corridor+ferry",
        "GET /api/export/quotes (csv)": "/api/export/quotes?format=csv",
        "GET /api/export/quotes (story, jsonl)": f"/api/export/quotes?format=jsonl&story_id={STORY_ID}",
        "GET /api/export/utterances (parquet)": "/api/export/utterances?format=parquet",
    }
    results: dict[str, dict[str, float]] = {}
    with TestClient(create_app(db, load_settings())) as client:
        for name, url in calls.items():
            r = client.get(url)
            assert r.status_code == 200, (name, r.status_code, r.text[:300])
            times: list[float] = []
            cpu: list[float] = []
            for _ in range(args.repeat):
                t, c = time.perf_counter(), time.process_time()
                r = client.get(url)
                times.append((time.perf_counter() - t) * 1000)
                cpu.append((time.process_time() - c) * 1000)
            results[name] = {
                "median_ms": statistics.median(times),
                "min_ms": min(times),
                "max_ms": max(times),
                "cpu_median_ms": statistics.median(cpu),
                "bytes": len(r.content),
            }
    width = max(len(n) for n in results)
    print(f"{'call':<{width}}  median ms   min ms   max ms   cpu ms     bytes")
    for name, r in results.items():
        flag = "" if r["median_ms"] < 300 else "  over 300 ms"
        print(
            f"{name:<{width}}  {r['median_ms']:9.1f} {r['min_ms']:8.1f} {r['max_ms']:8.1f} {r['cpu_median_ms']:8.1f} {int(r['bytes']):9d}{flag}"
        )
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        load = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
        args.json.write_text(
            json.dumps({"articles": args.articles, "load": load, "results": results}, indent=2)
        )


if __name__ == "__main__":
    main()

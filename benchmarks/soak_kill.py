"""kill -9 soak: ``storyline analyze`` killed at random moments, then re-run; nothing lost or doubled.

    python benchmarks/soak_kill.py [--runs 12] [--articles 60] [--pg postgresql://...] [--seed 1]

Writes a corpus of made-up articles (a text dump per article, one JSONL batch, a hostile file
or two), analyses it once on a fresh store as the reference, then for each backend (SQLite,
and PostgreSQL when ``--pg`` gives a server URL, e.g. from scripts/pg-start.sh) starts
``storyline analyze --out DIR`` again and again on one store, killing it with SIGKILL after a
random delay (spread over the reference run's duration, so kills land in every phase: start-up,
reading, analysis, linking, the dossier write). After the runs, one last run goes to the end.
It then checks the store against the reference: the same articles (each once), an analysis for
each, the same number of quotes (none doubled), stories covering every article, and a dossier
whose two files parse. Prints runs, how each ended (killed or finished) and the outcome.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

from storyline.store import open_store

PEOPLE = ["Elin Varga", "Ivo Krane", "Mara Quell", "Tomas Brenn", "Ada Kulla"]
PLACES = ["Tarnholt", "Lisk", "Varnholm", "Port Ebbe"]
THINGS = ["the ferry bridge", "the grain levy", "the harbour budget", "the tram depot"]


def write_corpus(d: Path, n: int, rng: random.Random) -> None:
    d.mkdir(parents=True)
    records = []
    for i in range(n):
        who, place, thing = rng.choice(PEOPLE), rng.choice(PLACES), rng.choice(THINGS)
        k = rng.randint(2, 400)
        text = (
            f"{who} of {place} said on Monday that {thing} would cost {k} million crowns.\n\n"
            f"\u201cWe cannot wait another year for {thing},\u201d {who.split()[1]} told the council "
            f"of {place} in article {i}.\n\nThe council will vote on {k % 28 + 1} March."
        )
        if i % 3 == 0:
            records.append({"id": f"rec-{i}", "text": text, "published": f"2025-03-{i % 28 + 1:02d}"})
        else:
            (d / f"article_{i:04d}.txt").write_text(text, encoding="utf-8")
    (d / "batch.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    (d / "deep.json").write_text("[" * 20_000 + "]" * 20_000, encoding="utf-8")
    (d / "garbage.warc").write_bytes(b"WARC/1.0\r\nWARC-Type: response\r\n\r\nGARBAGE\r\n\r\n")


def analyze_cmd(corpus: Path, db: str, out: Path) -> list[str]:
    exe = Path(sys.executable).with_name("storyline")
    return [str(exe), "analyze", str(corpus), "--db", db, "--out", str(out), "--quiet", "--batch-size", "8"]


def run(cmd: list[str], kill_after: float | None) -> str:
    """Run ``cmd``; SIGKILL it after ``kill_after`` seconds. Returns how it ended."""
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        proc.wait(timeout=kill_after)
    except subprocess.TimeoutExpired:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        return "killed"
    err = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
    if "Traceback" in err:
        return "traceback"
    return f"exit {proc.returncode}"


def snapshot(db: str) -> dict[str, Any]:
    store = open_store(db)
    try:
        articles = list(store.iter_articles())
        analyses = store.analyses()
        stories = store.stories()
        stats = store.stats()
    finally:
        store.close()
    ids = [a.article_id for a in articles]
    in_stories = [aid for s in stories for aid in s.article_ids]
    return {
        "articles": len(ids),
        "distinct_articles": len(set(ids)),
        "analysed": len({a.article_id for a in analyses}),
        "quotes": stats["quotes"],
        "articles_in_stories": len(set(in_stories)),
        "articles_in_two_stories": len(in_stories) - len(set(in_stories)),
        "sources": sorted(a.source.rsplit("/", 1)[-1] for a in articles),
    }


def dossier_ok(out: Path) -> bool:
    try:
        json.loads((out / "dossier.json").read_text("utf-8"))
        return (out / "dossier.html").read_text("utf-8").rstrip().endswith("</html>")
    except (OSError, ValueError):
        return False


def soak(name: str, db: str, corpus: Path, work: Path, runs: int, span: float, rng: random.Random) -> bool:
    out = work / f"out-{name}"
    ends: Counter[str] = Counter()
    for _ in range(runs):
        ends[run(analyze_cmd(corpus, db, out), kill_after=rng.uniform(0.2, span))] += 1
    ends["final " + run(analyze_cmd(corpus, db, out), kill_after=None)] += 1
    return report(name, db, out, ends)


def report(name: str, db: str, out: Path, ends: Counter[str]) -> bool:
    got = snapshot(db)
    want = REFERENCE
    checks = {
        "same articles, each once": got["sources"] == want["sources"]
        and got["articles"] == got["distinct_articles"],
        "every article analysed": got["analysed"] == want["analysed"],
        "no quote lost or doubled": got["quotes"] == want["quotes"],
        "every article in one story": got["articles_in_stories"] == want["articles_in_stories"]
        and got["articles_in_two_stories"] == 0,
        "dossier files whole": dossier_ok(out),
    }
    print(f"[{name}] runs: {sum(ends.values())} ({', '.join(f'{k} {v}' for k, v in sorted(ends.items()))})")
    print(
        f"[{name}] store: {got['articles']} articles, {got['analysed']} analysed, {got['quotes']} quotes "
        f"(reference {want['articles']}, {want['analysed']}, {want['quotes']})"
    )
    for check, ok in checks.items():
        print(f"[{name}]   {'ok  ' if ok else 'FAIL'} {check}")
    return all(checks.values())


REFERENCE: dict[str, Any] = {}


def _reset_pg(url: str) -> None:
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("DROP SCHEMA public CASCADE")
        conn.execute("CREATE SCHEMA public")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=12, help="killed runs per backend")
    ap.add_argument("--articles", type=int, default=60)
    ap.add_argument("--pg", help="a PostgreSQL URL to soak too (its public schema is emptied)")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    work = Path(tempfile.mkdtemp(prefix="storyline-soak-"))
    try:
        corpus = work / "corpus"
        write_corpus(corpus, args.articles, rng)
        started = time.monotonic()
        ref_db = str(work / "reference.db")
        end = run(analyze_cmd(corpus, ref_db, work / "out-reference"), kill_after=None)
        span = time.monotonic() - started
        REFERENCE.update(snapshot(ref_db))
        print(
            f"reference run: {end} in {span:.1f} s; {REFERENCE['articles']} articles, {REFERENCE['quotes']} quotes"
        )
        ok = soak("sqlite", str(work / "soak.db"), corpus, work, args.runs, span, rng)
        if args.pg:
            _reset_pg(args.pg)
            ok = soak("postgres", args.pg, corpus, work, args.runs, span, rng) and ok
        print("outcome: " + ("nothing lost or doubled" if ok else "FAILED"))
        return 0 if ok else 1
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())

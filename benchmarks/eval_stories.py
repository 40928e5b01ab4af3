"""Story clustering accuracy on the shared evaluation data, re-linking cached analyses only.

    python benchmarks/eval_stories.py                         # ECB+ train and dev, AllSides dev
    python benchmarks/eval_stories.py ecbplus_train --set link_threshold=0.3
    python benchmarks/eval_stories.py --grid link_threshold=0.25,0.3,0.35 --grid time_scale_days=2,4

The first run turns each gold file (``../shared/eval/data/NAME.jsonl``) into input with
``make_input.py``, reads it as ``storyline extract`` does, analyses it with the NLP pipeline once, and
caches the articles and analyses in ``--cache`` (default ``/tmp/storyline-eval``). Every run
after that only links: copies, then story clustering with the ``[link]`` settings (``--set``
overrides one, ``--grid`` tries each value of one, the product of all grids is run). Scores are
B-cubed precision, recall and F1 by ``score_stories.py``'s own function, the number of stories
and the largest one beside the largest gold story. The same figures come out of
``storyline extract --stories`` and ``score_stories.py``; this only saves the NLP.
"""

from __future__ import annotations

import argparse
import importlib.util
import itertools
import json
import subprocess
import sys
import time
from collections import Counter
from functools import cache
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from storyline import services  # noqa: E402
from storyline.link.incremental import assign_stories  # noqa: E402
from storyline.models import Article, ArticleAnalysis  # noqa: E402
from storyline.settings import LinkSettings, load_settings  # noqa: E402

EVAL = ROOT.parent / "shared" / "eval"
DATA = EVAL / "data"
DEFAULT_SETS = ("ecbplus_train", "ecbplus_dev", "allsides_dev")


@cache
def _eval_script(name: str) -> Any:
    """One of the scorer's own scripts under shared/eval, loaded as a module."""
    spec = importlib.util.spec_from_file_location(name, EVAL / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def input_records(gold_path: Path) -> str:
    """The storyline input JSONL that ``make_input.py`` writes for a gold file (it is run)."""
    made = subprocess.run(
        [sys.executable, str(EVAL / "make_input.py"), str(gold_path)],
        check=True,
        capture_output=True,
        text=True,
        encoding="utf-8",
    )
    return made.stdout


def analysed(name: str, cache: Path) -> tuple[list[Article], list[ArticleAnalysis]]:
    """The articles and analyses of one data set, from the cache or analysed now."""
    path = cache / f"{name}.analysed.jsonl"
    if not path.exists():
        cache.mkdir(parents=True, exist_ok=True)
        settings = load_settings()
        tmp = cache / f"{name}.input.jsonl"
        tmp.write_text(input_records(DATA / f"{name}.jsonl"), encoding="utf-8")
        arts = [a for a in services.read_articles([tmp], settings) if isinstance(a, Article)]
        ans = list(services.analyse_articles(arts, settings))
        with path.open("w", encoding="utf-8") as f:
            for a, an in zip(arts, ans, strict=True):
                f.write(
                    json.dumps({"article": a.model_dump(mode="json"), "analysis": an.model_dump(mode="json")})
                )
                f.write("\n")
    arts, ans = [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        arts.append(Article.model_validate(row["article"]))
        ans.append(ArticleAnalysis.model_validate(row["analysis"]))
    return arts, ans


def score(name: str, cache: Path, params: LinkSettings) -> dict[str, Any]:
    arts, ans = analysed(name, cache)
    gold_rows = [
        json.loads(x) for x in (DATA / f"{name}.jsonl").read_text(encoding="utf-8").splitlines() if x
    ]
    gold = {str(g.get("id") or g.get("doc_id")): str(g["gold_cluster"]) for g in gold_rows}
    t0 = time.process_time()
    assigned = assign_stories(arts, {an.article_id: an for an in ans}, params=params)
    cpu = time.process_time() - t0
    story_of = {aid: sid for sid, members in assigned.stories for aid in members}
    pred = {a.source: story_of.get(a.article_id, "__none__" + a.source) for a in arts}
    p, r, f = _eval_script("score_stories").bcubed(gold, {k: pred[k] for k in gold})
    sizes = Counter(pred.values())
    return {
        "set": name,
        "P": round(p, 3),
        "R": round(r, 3),
        "F1": round(f, 3),
        "stories": len(sizes),
        "gold_stories": len(set(gold.values())),
        "largest": max(sizes.values()),
        "largest_gold": max(Counter(gold.values()).values()),
        "cpu_s": round(cpu, 2),
    }


def _value(text: str) -> Any:
    for kind in (int, float):
        try:
            return kind(text)
        except ValueError:
            pass
    return {"true": True, "false": False}.get(text.lower(), text)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("sets", nargs="*", default=list(DEFAULT_SETS))
    ap.add_argument("--cache", type=Path, default=Path("/tmp/storyline-eval"))
    ap.add_argument("--set", action="append", default=[], metavar="NAME=VALUE")
    ap.add_argument("--grid", action="append", default=[], metavar="NAME=V1,V2,...")
    ap.add_argument("--json", action="store_true", help="one JSON object per result")
    ap.add_argument("--term", action="append", default=[], metavar="NAME=VALUE", help="a terms.py weight")
    args = ap.parse_args()
    from storyline.link import terms

    for item in args.term:
        k, _, v = item.partition("=")
        setattr(terms, k, _value(v))
    base = load_settings().link.model_dump()
    for item in args.set:
        k, _, v = item.partition("=")
        base[k] = _value(v)
    grids = []
    for item in args.grid:
        k, _, vs = item.partition("=")
        grids.append([(k, _value(v)) for v in vs.split(",")])
    for combo in itertools.product(*grids) if grids else [()]:
        params = LinkSettings.model_validate({**base, **dict(combo)})
        label = " ".join(f"{k}={v}" for k, v in combo)
        for name in args.sets:
            res = score(name, args.cache, params)
            if args.json:
                print(json.dumps({**dict(combo), **res}))
            else:
                print(
                    f"{label:40} {name:14} B3 P={res['P']:.3f} R={res['R']:.3f} F1={res['F1']:.3f} "
                    f"stories {res['stories']}/{res['gold_stories']} largest {res['largest']}"
                    f"/{res['largest_gold']} ({res['cpu_s']:.1f}s)",
                    flush=True,
                )
    return 0


if __name__ == "__main__":
    sys.exit(main())

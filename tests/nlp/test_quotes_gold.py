"""An F1 gate: quotes and speakers on the sample corpus against its hand-made gold.

Scored the way ../shared/eval/score_quotes.py scores (one-to-one matching on word overlap of at
least one half, speakers compared on their last name token), restated here so that the gate
runs without the shared directory. examples/gold/gold.json is fiction written for the project.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from storyline.models import Article
from storyline.services import analyse_articles, read_articles
from storyline.settings import Settings

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
GOLD = ROOT / "examples" / "gold" / "gold.json"
CORPUS = ROOT / "examples" / "corpus"
WORD = re.compile(r"\w+")
TITLES = {"sir", "mr", "mrs", "ms", "dr", "the", "of", "president", "minister", "spokesman", "spokeswoman"}
QUOTE_F1 = 0.95
ATTRIBUTED_F1 = 0.90


def _words(text: str) -> Counter[str]:
    return Counter(WORD.findall(text.replace("’", "'").lower()))


def _overlap(a: str, b: str) -> float:
    wa, wb = _words(a), _words(b)
    if not wa or not wb:
        return 0.0
    return sum((wa & wb).values()) / max(sum(wa.values()), sum(wb.values()))


def _same_actor(gold: str | None, pred: str | None) -> bool:
    g = [w for w in WORD.findall((gold or "").lower().replace("'s", "")) if w not in TITLES]
    p = [w for w in WORD.findall((pred or "").lower().replace("'s", "")) if w not in TITLES]
    return bool(g and p) and (g[-1] == p[-1] or " ".join(g) in " ".join(p) or " ".join(p) in " ".join(g))


def _f1(tp: int, n_pred: int, n_gold: int) -> float:
    p, r = (tp / n_pred if n_pred else 0.0), (tp / n_gold if n_gold else 0.0)
    return 2 * p * r / (p + r) if p + r else 0.0


@pytest.fixture(scope="module")
def predictions() -> dict[str, list[dict[str, Any]]]:
    settings = Settings()
    articles = [a for a in read_articles([CORPUS], settings) if isinstance(a, Article)]
    out: dict[str, list[dict[str, Any]]] = {}
    for art, analysis in zip(articles, analyse_articles(articles, settings), strict=True):
        quotes = [q.model_dump() for q in analysis.quotes if q.kind != "indirect"]
        for key in {art.source, Path(art.source).name, art.url or ""} - {""}:
            out[key] = quotes
    return out


def test_quotes_gold_f1_on_the_sample_corpus(predictions: dict[str, list[dict[str, Any]]]) -> None:
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    n_gold = n_pred = tp = tp_attr = 0
    misses = []
    for key, entry in gold.items():
        if not isinstance(entry, dict) or "quotes" not in entry:
            continue
        golds = [g for g in entry["quotes"] if not g.get("in_boilerplate")]
        preds = predictions.get(key, [])
        n_gold += len(golds)
        n_pred += len(preds)
        pairs = sorted(
            (
                (_overlap(g["quote"], p["text"]), i, j)
                for i, g in enumerate(golds)
                for j, p in enumerate(preds)
            ),
            reverse=True,
        )
        used_g: set[int] = set()
        used_p: set[int] = set()
        for ov, i, j in pairs:
            if ov < 0.5 or i in used_g or j in used_p:
                continue
            used_g.add(i)
            used_p.add(j)
            tp += 1
            tp_attr += _same_actor(golds[i]["speaker"], preds[j]["speaker"])
        misses += [g["quote"][:60] for i, g in enumerate(golds) if i not in used_g]
    assert n_gold > 0
    assert _f1(tp, n_pred, n_gold) >= QUOTE_F1, misses
    assert _f1(tp_attr, n_pred, n_gold) >= ATTRIBUTED_F1

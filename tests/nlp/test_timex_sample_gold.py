"""Accuracy gate on the sample corpus's hand-made timex gold (examples/gold/timex_gold.jsonl).

Scored like ../shared/eval/score_timex.py: one-to-one overlap matches (relaxed) and equal
TIMEX3 values. The floors sit a little under today's scores so that a regression fails.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from spacy.language import Language

from storyline.models import Article, Timex
from storyline.nlp import make_doc
from storyline.nlp.components import timexes
from storyline.nlp.pipeline import cached_nlp
from storyline.settings import load_settings

pytestmark = pytest.mark.slow

GOLD = Path(__file__).resolve().parents[2] / "examples" / "gold" / "timex_gold.jsonl"
RELAXED_FLOOR = 0.92
VALUE_FLOOR = 0.88


@pytest.fixture(scope="session")
def nlp() -> Language:
    return cached_nlp(load_settings().nlp.model)


def _gold() -> list[dict[str, Any]]:
    if not GOLD.exists():
        pytest.skip("no sample-corpus timex gold")
    return [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]


def _score(gold: list[dict[str, Any]], predicted: list[Timex]) -> tuple[int, int]:
    used: set[int] = set()
    relaxed = value = 0
    for p in predicted:
        best = None
        for i, g in enumerate(gold):
            if i in used or not (p.start < g["end"] and g["start"] < p.end):
                continue
            if (p.start, p.end) == (g["start"], g["end"]):
                best = i
                break
            best = i if best is None else best
        if best is None:
            continue
        used.add(best)
        relaxed += 1
        value += p.value == gold[best]["value"]
    return relaxed, value


def _f1(tp: int, n_pred: int, n_gold: int) -> float:
    return 2 * tp / (n_pred + n_gold) if n_pred + n_gold else 0.0


def test_timex_sample_gold_scores_above_floor(nlp: Language) -> None:
    n_gold = n_pred = relaxed = value = 0
    for doc_gold in _gold():
        article = Article(article_id="g", source="g", text=doc_gold["text"], published=doc_gold["dct"])
        doc = nlp(make_doc(nlp, article))
        predicted = list(timexes.to_records(doc, "g"))
        for t in predicted:
            assert doc_gold["text"][t.start : t.end] == t.text
        r, v = _score(doc_gold["timexes"], predicted)
        n_gold += len(doc_gold["timexes"])
        n_pred += len(predicted)
        relaxed += r
        value += v
    assert _f1(relaxed, n_pred, n_gold) >= RELAXED_FLOOR
    assert _f1(value, n_pred, n_gold) >= VALUE_FLOOR

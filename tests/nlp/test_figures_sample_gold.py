"""Accuracy gate on the sample corpus's hand-made figures (examples/gold/gold.json).

The gold gives fractions in percent ("two-fifths" = 40) while storyline keeps them as
fractions (0.4); the comparison converts. Article texts come from the timex gold file, which
holds the clean text of the same articles.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from spacy.language import Language

from storyline.models import Article, Figure
from storyline.nlp import make_doc
from storyline.nlp.components import figures
from storyline.nlp.pipeline import cached_nlp
from storyline.settings import load_settings

pytestmark = pytest.mark.slow

GOLD_DIR = Path(__file__).resolve().parents[2] / "examples" / "gold"
RECALL_FLOOR = 0.9
VALUE_FLOOR = 0.9


@pytest.fixture(scope="session")
def nlp() -> Language:
    return cached_nlp(load_settings().nlp.model)


def _articles() -> list[tuple[dict[str, Any], list[dict[str, Any]]]]:
    texts, gold = GOLD_DIR / "timex_gold.jsonl", GOLD_DIR / "gold.json"
    if not texts.exists() or not gold.exists():
        pytest.skip("no sample-corpus gold")
    by_id = {d["doc_id"]: d for d in map(json.loads, texts.read_text(encoding="utf-8").splitlines()) if d}
    entries = json.loads(gold.read_text(encoding="utf-8"))
    return [
        (by_id[k], v["figures"])
        for k, v in entries.items()
        if isinstance(v, dict) and "figures" in v and k in by_id
    ]


def _same_value(fig: Figure, gold: dict[str, Any]) -> bool:
    value = fig.value
    if value is None:
        return False
    if gold.get("unit") == "percent" and fig.unit is None and value < 1:
        value *= 100
    return abs(value - float(gold["value"])) <= 0.01 * max(1.0, abs(float(gold["value"])))


def test_figures_sample_gold_recall_and_values(nlp: Language) -> None:
    found = agree = total = 0
    for doc_gold, gold_figures in _articles():
        text = doc_gold["text"]
        article = Article(article_id="g", source="g", text=text, published=doc_gold["dct"])
        predicted = list(figures.to_records(nlp(make_doc(nlp, article)), "g"))
        cursor = 0
        for g in gold_figures:
            total += 1
            i = text.find(g["text"], cursor)
            if i < 0:
                i = text.find(g["text"])
            if i < 0:
                continue
            cursor = i + 1
            hit = next((f for f in predicted if f.start < i + len(g["text"]) and i < f.end), None)
            if hit is not None:
                found += 1
                agree += _same_value(hit, g)
    assert total > 0
    assert found / total >= RECALL_FLOOR
    assert agree / total >= VALUE_FLOOR

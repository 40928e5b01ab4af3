"""The link layer against the sample corpus gold (examples/gold/gold.json).

Articles are rebuilt from the gold's own quotes and figures (no ingest or NLP involved), so these
tests measure grouping, relations and comparisons alone.
"""

from __future__ import annotations

import json
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from storyline.link.facts import compare_figures
from storyline.link.utterances import group_utterances
from storyline.models import Article, Figure, Quote

GOLD = Path(__file__).resolve().parents[2] / "examples" / "gold" / "gold.json"


@pytest.fixture(scope="module")
def gold() -> dict[str, Any]:
    if not GOLD.exists():
        pytest.skip("no sample corpus gold")
    return json.loads(GOLD.read_text("utf-8"))  # type: ignore[no-any-return]


def _sources(gold: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {k: v for k, v in gold.items() if isinstance(v, dict) and "outlet" in v}


def _published(entry: dict[str, Any]) -> date | None:
    d = entry.get("publication_date") or entry.get("reference_date")
    return date.fromisoformat(d) if d else None


def _gap(prev: dict[str, Any] | None, q: dict[str, Any]) -> int:
    """Characters between two quotes in the original article (far apart when unknown)."""
    for where in ("line", "paragraph"):
        if prev is not None and where in q and prev.get(where) == q[where] and "start" in q and "end" in prev:
            return max(1, int(q["start"]) - int(prev["end"]))
    return 120


def _rebuild_quotes(
    gold: dict[str, Any],
) -> tuple[dict[str, Article], list[Quote], dict[tuple[str, int], str]]:
    """One article per source holding its gold quotes, as far apart as in the original text;
    returns the articles, the quotes and each grouped quote's gold utterance id."""
    articles, quotes, label = {}, [], {}
    for source, entry in _sources(gold).items():
        text, spans, prev = "", [], None
        for q in entry.get("quotes", []):
            text += " " + "-" * (_gap(prev, q) - 1)
            start = len(text)
            text += q["quote"]
            spans.append((q, start, len(text)))
            prev = q
        art = Article(
            article_id=source, source=source, text=text, outlet=entry["outlet"], published=_published(entry)
        )
        articles[source] = art
        for q, s, e in spans:
            kind = q.get("type") if q.get("type") in ("direct", "partial", "mixed") else "direct"
            quotes.append(
                Quote(article_id=source, text=q["quote"], start=s, end=e, kind=kind, speaker=q.get("speaker"))
            )
            if q.get("utterance"):
                label[(source, s)] = q["utterance"]
    return articles, quotes, label


def test_gold_utterance_groups_and_relations(gold: dict[str, Any]) -> None:
    articles, quotes, label = _rebuild_quotes(gold)
    groups = group_utterances(quotes, articles, lambda q: q.speaker)
    by_rendering = {(r.article_id, r.quote_start): (u, r) for u in groups for r in u.renderings}
    exact_groups, rel_right, rel_total, earliest_right = 0, 0, 0, 0
    misses = []
    for g in gold["utterance_groups"]:
        members = {key for key, uid in label.items() if uid == g["id"]}
        found = {id(by_rendering[k][0]) for k in members}
        system = by_rendering[next(iter(members))][0]
        sys_members = {(r.article_id, r.quote_start) for r in system.renderings}
        if len(found) == 1 and sys_members == members:
            exact_groups += 1
        else:
            misses.append(g["id"])
        gold_rel = {}
        for r in g["renderings"]:
            text = r["quote"]
            key = next(
                k
                for k in members
                if articles[k[0]].text[k[1] : k[1] + len(text)] == text and k[0] == r["source"]
            )
            gold_rel[key] = r["relation"]
        for key, want in gold_rel.items():
            rel_total += 1
            rel_right += by_rendering[key][1].relation == want
        earliest_right += system.earliest_article_id in g["earliest_sources"]
    n = len(gold["utterance_groups"])
    print(
        f"utterance groups exact {exact_groups}/{n} (missed {misses}); relations {rel_right}/{rel_total}; earliest {earliest_right}/{n}"
    )
    assert exact_groups == n
    assert rel_right / rel_total >= 0.9
    assert earliest_right == n


_UNIT_WORDS = {"kilometres", "kilometers", "km", "cent", "percent", "billion", "bn", "million", "dollars"}


def _counted(text: str) -> str | None:
    """What the per-article stage gives as ``about``: the noun a number counts, if any."""
    words = [w.strip(".,").lower() for w in text.split()]
    if not words or words[-1] in _UNIT_WORDS or any(c.isdigit() for c in words[-1]):
        return None
    return words[-1]


def test_gold_facts_status(gold: dict[str, Any]) -> None:
    articles: dict[str, Article] = {}
    figures: list[Figure] = []
    fact_of: dict[tuple[str, int], str] = {}
    for source, entry in _sources(gold).items():
        text, spans = "", []
        for f in entry.get("figures", []):
            start = len(text)
            text += f"{f['text']}. "
            spans.append((f, start))
        articles[source] = Article(article_id=source, source=source, text=text, outlet=entry["outlet"])
        for f, s in spans:
            figures.append(
                Figure(
                    article_id=source,
                    text=f["text"],
                    start=s,
                    end=s + len(f["text"]),
                    value=f["value"],
                    unit=f.get("unit"),
                    about=_counted(f["text"]),
                    qualifier=f.get("qualifier"),
                )
            )
            if f.get("fact"):
                fact_of[(source, s)] = f["fact"]
    dups = {d["copy"]: d["original"] for d in gold.get("near_duplicates", [])}
    comps = compare_figures(figures, articles, dups)
    comp_of = {(v.article_id, v.start): c for c in comps for v in c.values}
    right, results = 0, Counter()
    for fact in gold["facts"]:
        keys = [k for k, fid in fact_of.items() if fid == fact["id"]]
        found = {id(comp_of[k]) for k in keys if k in comp_of}
        status = comp_of[keys[0]].status if keys and keys[0] in comp_of else None
        ok = len(found) == 1 and status == fact["status"]
        right += ok
        results[(fact["status"], status, len(found))] += 1
    print(f"facts right {right}/{len(gold['facts'])}: {dict(results)}")
    # measured 8/10: F10 (civilians and people are kept apart on purpose) and F7 (these made-up
    # texts hold no "of the valley" after "40 per cent" for the percentage to be keyed by)
    assert right >= len(gold["facts"]) * 0.8

"""Analysis claims: two analyze runs on one store share the work instead of both doing it all."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from collections.abc import Sequence

from storyline import services
from storyline.models import Article, ArticleAnalysis
from storyline.settings import load_settings
from storyline.store._sql import SqlStore


def test_claims_are_exclusive_until_released(store: SqlStore, articles: list[Article]) -> None:
    store.add_articles(articles)
    ids = [a.article_id for a in articles]
    assert store.claim_articles(ids[:2], "host:1:a", 60) == set(ids[:2])
    assert store.claim_articles(ids, "host:1:b", 60) == set(ids[2:])
    store.release_claims(ids[:2], "host:1:a")
    assert store.claim_articles(ids, "host:1:b", 60) == set(ids)  # its own and the released


def test_expired_claims_and_claims_of_dead_processes_are_taken_over(
    store: SqlStore, articles: list[Article]
) -> None:
    store.add_articles(articles)
    ids = [a.article_id for a in articles]
    assert store.claim_articles(ids[:1], "elsewhere:1:a", -5) == set(ids[:1])  # already expired
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    here = socket.gethostname()
    assert store.claim_articles(ids[1:2], f"{here}:{dead.pid}:x", 600) == set(ids[1:2])
    assert store.claim_articles(ids[2:], f"{here}:{os.getpid()}:y", 600) == set(ids[2:])  # alive
    assert store.claim_articles(ids, "other:9:z", 600) == set(ids[:2])


def test_a_second_run_leaves_claimed_articles_to_the_first(
    store: SqlStore, articles: list[Article], tmp_path
) -> None:  # type: ignore[no-untyped-def]
    """Run B starts while run A is analysing: B analyses none of what A holds."""
    corpus = tmp_path / "in"
    corpus.mkdir()
    for i, a in enumerate(articles):
        (corpus / f"{i}.txt").write_text(a.text, encoding="utf-8")
    cfg = load_settings()
    done: dict[str, list[str]] = {"A": [], "B": []}
    inner: list[services.AnalyzeSummary] = []

    def analyser(name: str):  # type: ignore[no-untyped-def]
        def run(batch: Sequence[Article]) -> list[ArticleAnalysis]:
            if name == "A" and not inner:  # B starts while A holds its claims
                inner.append(services.analyze([str(corpus)], cfg, store, analyser=analyser("B")))
            done[name].extend(a.article_id for a in batch)
            return [ArticleAnalysis(article_id=a.article_id, pipeline_version="t") for a in batch]

        return run

    first = services.analyze([str(corpus)], cfg, store, analyser=analyser("A"), batch_size=100)
    (second,) = inner
    stored = sorted(a.article_id for a in store.iter_articles())
    assert len(stored) == len(articles)
    assert sorted(done["A"]) == stored
    assert done["B"] == []
    assert second.analysed_elsewhere == len(articles) and second.analysed == 0
    assert first.analysed == len(articles)

"""Run the real reader over examples/corpus and hold its output to the hand-made gold.

Noise lines the gold marks as required must be gone from the clean text, and every body line
(text dumps) or body paragraph (other forms) must still be there, compared word for word as
../shared/eval/score_cleaning.py does. Lines the gold marks optional (headlines, pull quotes,
the corpus's fiction notice) may go either way.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from corpus_gold import CORPUS, article_keys, norm

KEYS = article_keys()


@pytest.fixture(scope="module")
def read_corpus() -> tuple[list[Any], list[Any]]:
    from storyline.ingest import read_inputs
    from storyline.models import Article
    from storyline.settings import Settings

    articles, problems = [], []
    for item in read_inputs([CORPUS], Settings()):
        (articles if isinstance(item, Article) else problems).append(item)
    return articles, problems


def _article(read_corpus: tuple[list[Any], list[Any]], key: str, entry: dict[str, Any]) -> Any:
    articles, _ = read_corpus
    hits = [
        a
        for a in articles
        if a.source == key or Path(a.source).name == key or (entry.get("url") and a.url == entry["url"])
    ]
    assert len(hits) == 1, f"{key}: {len(hits)} articles matched among {[a.source for a in articles]}"
    return hits[0]


def test_corpus_reads_without_problems(read_corpus: tuple[list[Any], list[Any]]) -> None:
    articles, problems = read_corpus
    assert not problems, problems
    assert len(articles) == len(KEYS)


@pytest.mark.parametrize("key", KEYS)
def test_noise_is_removed(read_corpus: tuple[list[Any], list[Any]], gold: dict[str, Any], key: str) -> None:
    entry = gold[key]
    text = _article(read_corpus, key, entry).text
    clean_lines = [norm(x) for x in text.splitlines() if norm(x)]
    kept: list[str] = []
    if entry["form"] == "text":
        for item in entry["boilerplate_detail"]:
            target = norm(item["text"])
            if item["required"] and any(
                c == target or (c in target and len(c) >= 0.5 * len(target)) for c in clean_lines
            ):
                kept.append(f"line {item['line']}: {item['text'][:70]}")
    else:
        kept = [s for s in entry["noise_snippets"] if norm(s) in norm(text)]
    assert not kept, f"{key}: noise left in the clean text: {kept}"


@pytest.mark.parametrize("key", KEYS)
def test_body_is_kept(read_corpus: tuple[list[Any], list[Any]], gold: dict[str, Any], key: str) -> None:
    entry = gold[key]
    clean = norm(_article(read_corpus, key, entry).text)
    if entry["form"] == "text":
        noise = {item["line"] for item in entry["boilerplate_detail"]}
        raw = (CORPUS / key).read_text(encoding="utf-8").split("\n")
        body = [(f"line {n}", ln) for n, ln in enumerate(raw, 1) if n not in noise and norm(ln)]
    else:
        optional = set(entry.get("optional_paragraphs", []))
        body = [(f"paragraph {n}", p) for n, p in enumerate(entry["body_paragraphs"], 1) if n not in optional]
    lost = [f"{where}: {text[:70]}" for where, text in body if norm(text) not in clean]
    assert not lost, f"{key}: body lost: {lost}"


@pytest.mark.parametrize("key", KEYS)
def test_metadata_matches_the_gold(
    read_corpus: tuple[list[Any], list[Any]], gold: dict[str, Any], key: str
) -> None:
    entry = gold[key]
    article = _article(read_corpus, key, entry)
    published = article.published.isoformat() if article.published else None
    if entry["publication_date"] is not None:
        assert published == entry["publication_date"]
    if entry["form"] != "text":
        assert article.outlet == entry["outlet"]
        assert article.title == entry["title"]
    if entry["byline"] is not None:
        assert article.byline == entry["byline"]


def test_copies_point_at_their_original(
    read_corpus: tuple[list[Any], list[Any]], gold: dict[str, Any]
) -> None:
    from storyline.link.duplicates import find_duplicates

    articles, _ = read_corpus
    key_of = {_article(read_corpus, k, gold[k]).article_id: k for k in KEYS}
    for order in (articles, articles[::-1]):  # same day: the direction must not follow input order
        found = {key_of[c]: key_of[o] for c, o in find_duplicates(order).items()}
        assert found == {d["copy"]: d["original"] for d in gold["near_duplicates"]}

"""A small fictional story, optionally with hostile strings in every article-derived field."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from storyline.link import build_stories
from storyline.models import Article, ArticleAnalysis, Figure, Quote, Story, Timex

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = ROOT / "docs" / "dossier.schema.json"

HOSTILE = [
    "<script>alert('x')</script>",
    '<img src=x onerror="alert(1)">',
    '"><svg onload=alert(2)>',
    "javascript:alert(3)",
    "</textarea></style><b onmouseover=alert(4)>hover</b>",
]


def _find(text: str, words: str) -> tuple[int, int]:
    start = text.index(words)
    return start, start + len(words)


def make_corpus(hostile: bool = False) -> tuple[list[Story], list[Article], list[ArticleAnalysis]]:
    bad = " ".join(HOSTILE) if hostile else ""
    said = "The bridge at Orlo will reopen to lorries within 10 days"
    texts = [
        f'Engineer Mira Solt spoke in Orlo on 2 June. "{said}," she said. {bad} Repairs cost 4 million florins.',
        f'"{said} if the weather holds," Mira Solt told reporters. {bad} The repairs cost 5 million florins.',
    ]
    articles, analyses = [], []
    for n, text in enumerate(texts):
        aid = f"art{n}"
        art = Article(
            article_id=aid,
            source=f"{bad}src{n}",
            text=text,
            title=f"Orlo bridge repairs {bad}",
            outlet=f"Outlet {n} {bad}",
            byline=bad or None,
            url="javascript:alert(5)" if hostile and n == 0 else f"https://example.org/{n}",
            published=date(2031, 6, 2 + n),
        )
        qtext = said if n == 0 else f"{said} if the weather holds"
        qs, qe = _find(text, qtext)
        money = "4 million florins" if n == 0 else "5 million florins"
        fs, fe = _find(text, money)
        quotes = [Quote(article_id=aid, text=qtext, start=qs, end=qe, kind="direct", speaker="Mira Solt")]
        if hostile:
            hs, he = _find(text, HOSTILE[0])
            quotes.append(
                Quote(article_id=aid, text=HOSTILE[0], start=hs, end=he, kind="partial", speaker=bad)
            )
        timexes = []
        if n == 0:
            ts, te = _find(text, "2 June")
            timexes.append(
                Timex(article_id=aid, text="2 June", start=ts, end=te, type="DATE", value="2031-06-02")
            )
        analyses.append(
            ArticleAnalysis(
                article_id=aid,
                quotes=tuple(quotes),
                figures=(
                    Figure(
                        article_id=aid,
                        text=money,
                        start=fs,
                        end=fe,
                        value=(4 + n) * 1e6,
                        unit="florin",
                        about="repairs",
                    ),
                ),
                timexes=tuple(timexes),
            )
        )
        articles.append(art)
    stories = build_stories(articles, analyses)
    return stories, articles, analyses

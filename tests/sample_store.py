"""A small store with a row in every table, built from invented records (no NLP needed).

Two articles about a ferry dispute on a fictional island, their analyses (a quote each, an
actor with mentions, a figure, a date, an event) and one story linking them (actors, an
utterance in two renderings, a fact, a timeline entry). Used by tests/cli, tests/export and
tests/test_public_api.py.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from storyline.models import (
    Article,
    ArticleAnalysis,
    Entity,
    Event,
    EventMention,
    FactComparison,
    FactValue,
    Figure,
    Mention,
    Quote,
    Removal,
    Rendering,
    Story,
    StoryEvent,
    TimelineEntry,
    Timex,
    Utterance,
    make_article_id,
)
from storyline.store.sqlite import SQLiteStore

TEXTS = [
    'Harbourmaster Odile Vance said on Monday: "The night ferry will sail again by 12 June." '
    "The Tarrow Island council blocked 40 crossings.",
    'Odile Vance told reporters "the night ferry will sail again". The council of Tarrow Island '
    "blocked 38 crossings, officials said.",
]
OUTLETS = ["Tarrow Gazette", "Brinemouth Courier"]
TITLES = ["Night ferry to return, harbourmaster says", "Ferry row: crossings blocked on Tarrow"]
STORY_ID = "s-ferry-row"


def _span(text: str, words: str) -> tuple[int, int]:
    start = text.index(words)
    return start, start + len(words)


def sample_articles() -> list[Article]:
    out = []
    for i, text in enumerate(TEXTS):
        out.append(
            Article(
                article_id=make_article_id(text),
                source=f"ferry-{i}.txt",
                title=TITLES[i],
                outlet=OUTLETS[i],
                published=date(2031, 6, 2 + i),
                language="en",
                raw="SHARE THIS\n" + text,
                text=text,
                removed=(Removal(text="SHARE THIS", reason="share-links", raw_start=0, raw_end=10),),
            )
        )
    return out


def sample_analysis(a: Article, i: int) -> ArticleAnalysis:
    words = ["The night ferry will sail again by 12 June.", "the night ferry will sail again"][i]
    qs, qe = _span(a.text, words)
    ss, se = _span(a.text, "Odile Vance")
    fs, fe = _span(a.text, ["40 crossings", "38 crossings"][i])
    quote = Quote(
        article_id=a.article_id,
        text=words,
        start=qs,
        end=qe,
        kind="direct",
        speaker="Odile Vance",
        speaker_text="Odile Vance",
        speaker_start=ss,
        speaker_end=se,
        cue=["said", "told"][i],
    )
    entity = Entity(
        entity_id=f"e{i}",
        name="Odile Vance",
        type="person",
        mentions=(Mention(text="Odile Vance", start=ss, end=se),),
        roles=("harbourmaster",),
        article_id=a.article_id,
    )
    figure = Figure(
        article_id=a.article_id,
        text=a.text[fs:fe],
        start=fs,
        end=fe,
        value=float(a.text[fs:fe].split()[0]),
        about="crossings",
    )
    timexes: tuple[Timex, ...] = ()
    if i == 0:
        ts, te = _span(a.text, "12 June")
        timexes = (
            Timex(article_id=a.article_id, text="12 June", start=ts, end=te, type="DATE", value="2031-06-12"),
        )
    bs, be = _span(a.text, "blocked")
    event = Event(
        article_id=a.article_id,
        text="blocked",
        start=bs,
        end=be,
        event_type="REJECT",
        actor="Tarrow Island council",
    )
    return ArticleAnalysis(
        article_id=a.article_id,
        quotes=(quote,),
        entities=(entity,),
        figures=(figure,),
        timexes=timexes,
        events=(event,),
        pipeline_version="test-1",
    )


def sample_story(articles: list[Article], analyses: list[ArticleAnalysis]) -> Story:
    renderings = tuple(
        Rendering(
            article_id=a.article_id,
            outlet=a.outlet,
            published=a.published,
            quote_start=an.quotes[0].start,
            quote_end=an.quotes[0].end,
            text=an.quotes[0].text,
            relation="verbatim" if i == 0 else "trimmed",
            similarity=1.0 if i == 0 else 0.8,
        )
        for i, (a, an) in enumerate(zip(articles, analyses, strict=True))
    )
    values = tuple(
        FactValue(
            article_id=a.article_id,
            outlet=a.outlet,
            text=an.figures[0].text,
            start=an.figures[0].start,
            end=an.figures[0].end,
            value=an.figures[0].value,
        )
        for a, an in zip(articles, analyses, strict=True)
    )
    tx = analyses[0].timexes[0]
    return Story(
        story_id=STORY_ID,
        title="Tarrow night ferry dispute",
        article_ids=tuple(a.article_id for a in articles),
        actors=(
            Entity(entity_id="c1", name="Odile Vance", type="person", roles=("harbourmaster",)),
            Entity(entity_id="c2", name="Tarrow Island council", type="organization"),
        ),
        utterances=(
            Utterance(
                utterance_id="u1",
                speaker="Odile Vance",
                canonical_text=renderings[0].text,
                renderings=renderings,
                earliest_article_id=articles[0].article_id,
                earliest_outlet=articles[0].outlet,
            ),
        ),
        facts=(FactComparison(fact_id="f1", about="crossings", unit=None, status="differ", values=values),),
        timeline=(
            TimelineEntry(
                when="2031-06-12", article_id=tx.article_id, text=tx.text, start=tx.start, end=tx.end
            ),
        ),
        events=(
            StoryEvent(
                event_id="e1",
                event_type="REJECT",
                quad_class="verbal_conflict",
                cameo="12",
                actor="Tarrow Island council",
                when="2031-06-12",
                when_basis="time expression",
                article_count=len(articles),
                source_count=len({a.outlet for a in articles}),
                mentions=tuple(
                    EventMention(
                        event_id="e1",
                        article_id=a.article_id,
                        outlet=a.outlet,
                        published=a.published,
                        text=an.events[0].text,
                        start=an.events[0].start,
                        end=an.events[0].end,
                        confidence=0.8,
                    )
                    for a, an in zip(articles, analyses, strict=True)
                ),
            ),
        ),
        first_seen=datetime(2031, 6, 2),
    )


def build_sample_store(path: Path) -> Path:
    """Write the sample store to ``path`` (a SQLite file) and return the path."""
    articles = sample_articles()
    analyses = [sample_analysis(a, i) for i, a in enumerate(articles)]
    with SQLiteStore(path) as store:
        store.add_articles(articles)
        store.save_analyses(analyses)
        store.replace_stories([sample_story(articles, analyses)])
    return path

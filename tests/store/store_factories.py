"""Records built by hand for the store tests (the text is fiction written for them)."""

from __future__ import annotations

from datetime import date

from storyline.models import (
    Article,
    ArticleAnalysis,
    Entity,
    Figure,
    Mention,
    OffsetSegment,
    Quote,
    Removal,
    Story,
    Timex,
    make_article_id,
)


def make_article(text: str, *, url: str | None = None, title: str | None = None, **kw: object) -> Article:
    """An article as ingest would build it: id from text and URL, a removal, an offset map."""
    raw = "Share this story\n" + text
    return Article(
        article_id=make_article_id(text, url),
        source=kw.pop("source", "test.txt"),  # type: ignore[arg-type]
        url=url,
        title=title,
        raw=raw,
        text=text,
        removed=(Removal(text="Share this story", reason="share-furniture", raw_start=0, raw_end=16),),
        offset_map=(OffsetSegment(clean_start=0, raw_start=17, length=len(text)),),
        notes=("written for a test",),
        **kw,  # type: ignore[arg-type]
    )


def quote_in(article: Article, words: str, speaker: str | None, kind: str = "direct") -> Quote:
    start = article.text.index(words)
    return Quote(
        article_id=article.article_id,
        text=words,
        start=start,
        end=start + len(words),
        kind=kind,  # type: ignore[arg-type]
        speaker=speaker,
        cue="said",
    )


def make_analysis(article: Article, quotes: tuple[Quote, ...] = (), version: str = "1") -> ArticleAnalysis:
    first = article.text.split()[0]
    return ArticleAnalysis(
        article_id=article.article_id,
        quotes=quotes,
        entities=(
            Entity(
                entity_id="e1",
                name=first,
                type="person",
                mentions=(Mention(text=first, start=0, end=len(first)),),
                article_id=article.article_id,
            ),
        ),
        figures=(Figure(article_id=article.article_id, text=first, start=0, end=len(first), value=None),),
        timexes=(
            Timex(
                article_id=article.article_id, text=first, start=0, end=len(first), type="DATE", value=None
            ),
        ),
        pipeline_version=version,
    )


ALPHA = (
    "Minister Oriel Vantz told reporters on Tuesday that the harbour talks would resume. "
    '"We are not walking away from the table," Vantz said. The delegation from Kestrel Bay '
    "arrived with 40 advisers."
)
BETA = (
    "Negotiators from Kestrel Bay left the capital without a deal. "
    '"Nothing has been signed and nothing will be signed this week," said Mara Ilves, '
    "the bay's chief envoy, adding that the ferry dispute remained open."
)
GAMMA = "A short note about grain prices in the northern provinces, which rose for a third month."


def sample_articles() -> list[Article]:
    return [
        make_article(
            ALPHA,
            url="https://harbour.example/talks",
            title="Harbour talks to resume",
            outlet="Harbour Post",
            published=date(2031, 4, 2),
        ),
        make_article(BETA, title="No deal in the bay", outlet="Bay Courier"),
        make_article(GAMMA, url="https://grain.example/prices", title="Grain prices up"),
    ]


def sample_story(articles: list[Article]) -> Story:
    return Story(
        story_id="s1",
        title="Harbour talks",
        article_ids=(articles[0].article_id, articles[1].article_id),
        actors=(Entity(entity_id="a1", name="Oriel Vantz", type="person", roles=("minister",)),),
    )

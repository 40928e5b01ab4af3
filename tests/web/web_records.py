"""Hand-built records for the web tests: a small fictional story and a hostile article.

Everything here is fiction (the Kestrian-Orlavian grain corridor talks); the hostile article's
fields carry markup and script that the pages must show as text, never run.
"""

from __future__ import annotations

from datetime import date, datetime

from storyline.models import (
    Article,
    ArticleAnalysis,
    Entity,
    FactComparison,
    FactValue,
    Figure,
    Mention,
    Quote,
    Removal,
    Rendering,
    Story,
    TimelineEntry,
    Timex,
    Utterance,
    make_article_id,
)

STORY_ID = "velmora-corridor"
SPEAKER = "Ilse Marrow"
HOSTILE_SPEAKER = '<script>alert("speaker")</script>Mallory'
SCRIPT_TEXT = '<script>alert("body")</script>'

TEXT_A = (
    "Kestrian foreign minister Ilse Marrow said on Tuesday that \u201cthe grain corridor will open "
    "within ten days\u201d after a long night of talks in Velmora.\n\n"
    "More than 40 ships are waiting offshore, according to harbour staff. "
    "Marrow added that \u201cnobody in this room expects miracles\u201d."
)
TEXT_B = (
    "Ilse Marrow told reporters: \u201cThe grain corridor will open within ten days, if the weather "
    "holds.\u201d\n\nHarbour staff counted 38 ships at anchor on 1 April 2031, the port authority said."
)
TEXT_C = (
    f"Protesters gathered outside. {SCRIPT_TEXT} A flyer read "
    '<a href="javascript:alert(2)">click here</a> and <img src=x onerror="alert(3)">. '
    "\u201cWe will not be moved,\u201d said a spokesperson <b onmouseover=alert(4)>loudly</b>."
)


def _span(text: str, part: str) -> tuple[int, int]:
    start = text.index(part)
    return start, start + len(part)


def _article(text: str, **kw: object) -> Article:
    url = kw.get("url")
    return Article(
        article_id=make_article_id(text, url if isinstance(url, str) else None), text=text, raw=text, **kw
    )  # type: ignore[arg-type]


def sample_articles() -> list[Article]:
    a = _article(
        TEXT_A,
        source="ledger.html",
        input_kind="html",
        url="https://ledger.example/corridor",
        title="Corridor to open within ten days, minister says",
        outlet="The Kestrel Ledger",
        byline="Anna Pell",
        published=date(2031, 4, 2),
        language="en",
        removed=(
            Removal(text="Read More: harbour strike ends", reason="related-teaser", raw_start=0, raw_end=30),
        ),
    )
    b = _article(
        TEXT_B,
        source="post.txt",
        url="https://post.example/ships",
        title="Ships wait as Velmora talks drag on",
        outlet="Orlav Daily Post",
        published=date(2031, 4, 3),
        language="en",
    )
    c = _article(
        TEXT_C,
        source="hostile.html",
        input_kind="html",
        url="javascript:alert(1)",
        title='<script>alert("title")</script><img src=x onerror=alert(7)> Protest',
        outlet='<img src=x onerror=alert("outlet")>Evil Outlet',
        byline='"><script>alert(8)</script>',
        published=date(2031, 4, 4),
        language="en",
        removed=(Removal(text="<script>alert(9)</script>", reason="markup", raw_start=0, raw_end=25),),
    )
    return [a, b, c]


def sample_analyses(articles: list[Article]) -> list[ArticleAnalysis]:
    a, b, c = articles
    qa1 = _span(a.text, "the grain corridor will open within ten days")
    qa2 = _span(a.text, "nobody in this room expects miracles")
    sa = _span(a.text, "Ilse Marrow")
    fa = _span(a.text, "More than 40 ships")
    ta = _span(a.text, "on Tuesday")
    qb = _span(b.text, "The grain corridor will open within ten days, if the weather holds.")
    sb = _span(b.text, "Ilse Marrow")
    fb = _span(b.text, "38 ships")
    tb = _span(b.text, "1 April 2031")
    qc = _span(c.text, "We will not be moved,")
    return [
        ArticleAnalysis(
            article_id=a.article_id,
            quotes=(
                Quote(
                    article_id=a.article_id,
                    text=a.text[qa1[0] : qa1[1]],
                    start=qa1[0],
                    end=qa1[1],
                    kind="partial",
                    speaker=SPEAKER,
                    speaker_text="Ilse Marrow",
                    speaker_start=sa[0],
                    speaker_end=sa[1],
                    cue="said",
                ),
                Quote(
                    article_id=a.article_id,
                    text=a.text[qa2[0] : qa2[1]],
                    start=qa2[0],
                    end=qa2[1],
                    kind="partial",
                    speaker=SPEAKER,
                    speaker_text="Marrow",
                    cue="added",
                ),
            ),
            entities=(
                Entity(
                    entity_id="e1",
                    name=SPEAKER,
                    type="person",
                    article_id=a.article_id,
                    mentions=(Mention(text="Ilse Marrow", start=sa[0], end=sa[1]),),
                ),
            ),
            figures=(
                Figure(
                    article_id=a.article_id,
                    text=a.text[fa[0] : fa[1]],
                    start=fa[0],
                    end=fa[1],
                    value=40,
                    about="ships",
                    qualifier="more than",
                ),
            ),
            timexes=(
                Timex(
                    article_id=a.article_id,
                    text="on Tuesday",
                    start=ta[0],
                    end=ta[1],
                    type="DATE",
                    value="2031-04-01",
                    resolution="relative",
                ),
            ),
        ),
        ArticleAnalysis(
            article_id=b.article_id,
            quotes=(
                Quote(
                    article_id=b.article_id,
                    text=b.text[qb[0] : qb[1]],
                    start=qb[0],
                    end=qb[1],
                    kind="direct",
                    speaker=SPEAKER,
                    speaker_text="Ilse Marrow",
                    speaker_start=sb[0],
                    speaker_end=sb[1],
                    cue="told",
                ),
            ),
            figures=(
                Figure(
                    article_id=b.article_id, text="38 ships", start=fb[0], end=fb[1], value=38, about="ships"
                ),
            ),
            timexes=(
                Timex(
                    article_id=b.article_id,
                    text="1 April 2031",
                    start=tb[0],
                    end=tb[1],
                    type="DATE",
                    value="2031-04-01",
                    resolution="explicit",
                ),
            ),
        ),
        ArticleAnalysis(
            article_id=c.article_id,
            quotes=(
                Quote(
                    article_id=c.article_id,
                    text=c.text[qc[0] : qc[1]],
                    start=qc[0],
                    end=qc[1],
                    kind="direct",
                    speaker=HOSTILE_SPEAKER,
                    speaker_text="a spokesperson",
                ),
            ),
        ),
    ]


def sample_story(articles: list[Article], analyses: list[ArticleAnalysis]) -> Story:
    a, b, c = articles
    qa, qb, qc = analyses[0].quotes[0], analyses[1].quotes[0], analyses[2].quotes[0]
    fa, fb = analyses[0].figures[0], analyses[1].figures[0]
    tb = analyses[1].timexes[0]
    return Story(
        story_id=STORY_ID,
        title="Velmora grain corridor talks",
        article_ids=(a.article_id, b.article_id, c.article_id),
        first_seen=datetime(2031, 4, 2, 8, 0),
        actors=(
            Entity(
                entity_id="ilse-marrow",
                name=SPEAKER,
                type="person",
                roles=("foreign minister",),
                country="Kestria",
                aliases=("Marrow",),
                mentions=(Mention(text="Ilse Marrow", start=qa.speaker_start or 0, end=qa.speaker_end or 0),),
            ),
            Entity(entity_id="mallory", name=HOSTILE_SPEAKER, type="person"),
        ),
        utterances=(
            Utterance(
                utterance_id="u1",
                speaker=SPEAKER,
                canonical_text=qa.text,
                renderings=(
                    Rendering(
                        article_id=a.article_id,
                        outlet=a.outlet,
                        published=a.published,
                        quote_start=qa.start,
                        quote_end=qa.end,
                        text=qa.text,
                        relation="verbatim",
                        similarity=1.0,
                    ),
                    Rendering(
                        article_id=b.article_id,
                        outlet=b.outlet,
                        published=b.published,
                        quote_start=qb.start,
                        quote_end=qb.end,
                        text=qb.text,
                        relation="merged",
                        similarity=0.8,
                    ),
                ),
                earliest_article_id=a.article_id,
                earliest_outlet=a.outlet,
            ),
            Utterance(
                utterance_id="u2",
                speaker=HOSTILE_SPEAKER,
                canonical_text=qc.text,
                renderings=(
                    Rendering(
                        article_id=c.article_id,
                        outlet=c.outlet,
                        published=c.published,
                        quote_start=qc.start,
                        quote_end=qc.end,
                        text=qc.text,
                        relation="verbatim",
                        similarity=1.0,
                    ),
                ),
                earliest_article_id=c.article_id,
                earliest_outlet=c.outlet,
            ),
        ),
        facts=(
            FactComparison(
                fact_id="ships",
                about="ships",
                unit=None,
                status="differ",
                values=(
                    FactValue(
                        article_id=a.article_id,
                        outlet=a.outlet,
                        text=fa.text,
                        start=fa.start,
                        end=fa.end,
                        value=40,
                        qualifier="more than",
                    ),
                    FactValue(
                        article_id=b.article_id,
                        outlet=b.outlet,
                        text=fb.text,
                        start=fb.start,
                        end=fb.end,
                        value=38,
                    ),
                ),
            ),
        ),
        timeline=(
            TimelineEntry(
                when="2031-04-01", article_id=b.article_id, text=tb.text, start=tb.start, end=tb.end
            ),
            TimelineEntry(
                when="2031-04-02",
                article_id=a.article_id,
                text=a.title or "",
                start=qa.start,
                end=qa.end,
                kind="statement",
            ),
            TimelineEntry(
                when="2031-04-04",
                article_id=c.article_id,
                text=SCRIPT_TEXT,
                start=0,
                end=10,
                kind="publication",
            ),
        ),
    )

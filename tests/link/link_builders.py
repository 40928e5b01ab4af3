"""Builders for link-layer records: fictional articles with quotes and figures at real offsets.

Imported by the tests as ``link_builders`` (a unique module name; conftest files share one).
"""

from __future__ import annotations

from datetime import date

from storyline.models import Article, ArticleAnalysis, Entity, Figure, Mention, Quote, Timex, make_article_id


def article(
    text: str, *, title: str | None = None, outlet: str | None = None, published: str | None = None
) -> Article:
    return Article(
        article_id=make_article_id(text, outlet),
        source=f"{outlet or 'x'}.txt",
        text=text,
        title=title,
        outlet=outlet,
        published=date.fromisoformat(published) if published else None,
    )


def quote(art: Article, words: str, speaker: str | None = None, kind: str = "direct", nth: int = 0) -> Quote:
    start = -1
    for _ in range(nth + 1):
        start = art.text.index(words, start + 1)
    return Quote(
        article_id=art.article_id,
        text=words,
        start=start,
        end=start + len(words),
        kind=kind,  # type: ignore[arg-type]
        speaker=speaker,
    )


def figure(
    art: Article,
    words: str,
    value: float,
    unit: str | None = None,
    about: str | None = None,
    qualifier: str | None = None,
) -> Figure:
    start = art.text.index(words)
    return Figure(
        article_id=art.article_id,
        text=words,
        start=start,
        end=start + len(words),
        value=value,
        unit=unit,
        about=about,
        qualifier=qualifier,
    )


def timex(art: Article, words: str, value: str, type_: str = "DATE") -> Timex:
    start = art.text.index(words)
    return Timex(
        article_id=art.article_id,
        text=words,
        start=start,
        end=start + len(words),
        type=type_,
        value=value,  # type: ignore[arg-type]
    )


def person(art: Article, name: str, eid: str = "e1") -> Entity:
    start = art.text.index(name)
    return Entity(
        entity_id=eid,
        name=name,
        type="person",
        mentions=(Mention(text=name, start=start, end=start + len(name)),),
        article_id=art.article_id,
    )


def analysis(art: Article, **parts: object) -> ArticleAnalysis:
    return ArticleAnalysis(article_id=art.article_id, **parts)  # type: ignore[arg-type]


# Sentence banks for fictional events (clustering tests): each article samples a few of them.
EVENTS = {
    "flood": [
        "The river Oster burst its banks in Varnholm after three days of rain.",
        "Mayor Ilsa Brandt ordered the evacuation of the lower town of Varnholm.",
        "Rescue boats carried families from flooded streets near the Oster bridge.",
        "Brandt said the Varnholm dykes had held until the early hours.",
        "Volunteers filled sandbags outside the Varnholm town hall all night.",
        "The Oster is expected to peak again on Thursday, hydrologists warned.",
        "Farmers downstream of Varnholm lost most of the spring harvest to the flood.",
    ],
    "election": [
        "Voters in Quorvia elected Tomas Reyk as president in a runoff vote.",
        "Reyk won the Quorvian runoff against the incumbent Dalia Moss.",
        "Moss conceded defeat in a short speech at her party headquarters in Pellan.",
        "Turnout in the Quorvia runoff was the highest since independence.",
        "Reyk promised to cut fuel taxes and rebuild the Pellan railway.",
        "Election monitors said the Quorvian count was orderly and transparent.",
        "Supporters of Reyk celebrated in the main square of Pellan until dawn.",
    ],
    "mine": [
        "Twelve miners were trapped underground at the Kessel copper mine in Drava.",
        "Rescuers at the Kessel mine drilled a narrow shaft to reach the trapped crew.",
        "The Drava mining company said a tunnel roof collapsed during a shift change.",
        "Families of the Kessel miners waited at the gates through the night.",
        "Engineer Bram Tolle led the rescue effort at the Drava site.",
        "Tolle said the trapped miners had air, water and a working radio.",
        "The Kessel mine had been fined for safety breaches two years earlier.",
    ],
}


def event_article(event: str, n: int, outlet: str = "Northern Post", published: str | None = None) -> Article:
    """The n-th fictional article about ``event``: a rotating selection of its sentences."""
    bank = EVENTS[event]
    picks = [bank[(n + k * 2) % len(bank)] for k in range(4)]
    title = bank[n % len(bank)].rstrip(".")
    return article(" ".join(picks), title=title, outlet=f"{outlet} {n}", published=published)

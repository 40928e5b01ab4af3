from __future__ import annotations

import pytest
from link_builders import article

from storyline.link.titles import is_headline, story_title


@pytest.mark.parametrize(
    "title",
    [
        "Updated: November 11, 2031 20:09 IST",
        "September 15, 2031 11:26 pm",
        "THE WHITE HALL",
        "Osterby",
        "Floodwater swept through Osterby after the Kell burst its banks overnight, and by dawn "
        "the lower town was under water while rescue boats searched the streets for anyone left behind",
        None,
    ],
)
def test_not_headlines(title: str | None) -> None:
    assert not is_headline(title)


@pytest.mark.parametrize(
    "title",
    [
        "Flooding in Osterby as the Kell rises",
        "Mayor orders evacuation of lower Osterby",
        "Kell peaks at 6.2 metres",
        "Inflation falls to 2.25 percent",
        "Monsanto fined 2 billion over seed patents",
        "Sunak wins 3 seats in by-elections",
        "Friends of 10 victims sue the city",
    ],
)
def test_headlines(title: str) -> None:
    assert is_headline(title)


def test_story_title_is_the_headline_most_like_the_others() -> None:
    arts = [
        article("One.", title="Updated: March 3, 2031 08:15 GMT", outlet="a", published="2031-03-03"),
        article("Two.", title="Rain keeps falling", outlet="b", published="2031-03-03"),
        article(
            "Three.", title="Kell floods Osterby as rain keeps falling", outlet="c", published="2031-03-04"
        ),
        article(
            "Four.", title="Osterby under water after the Kell floods", outlet="d", published="2031-03-04"
        ),
    ]
    by_id = {a.article_id: a for a in arts}
    assert story_title([a.article_id for a in arts], by_id) == "Kell floods Osterby as rain keeps falling"


def test_story_title_without_headlines_is_the_earliest_lead() -> None:
    late = article("Later report.\nMore.", title="OSTERBY", outlet="a", published="2031-03-05")
    early = article("The Kell burst its banks.\nMore.", title=None, outlet="b", published="2031-03-02")
    by_id = {a.article_id: a for a in (late, early)}
    assert story_title([late.article_id, early.article_id], by_id) == "The Kell burst its banks."

"""The story summary both the dossier and the web page open with. Fictional names only."""

from __future__ import annotations

from link_builders import analysis, article, figure, quote

from storyline.link import build_stories
from storyline.link.presentation import story_digest


def test_digest_says_who_said_what_what_is_disputed_and_who_was_first() -> None:
    base = "The Orvel dam board met on Monday. Some 1,800 families live below the dam, officials said."
    a = article(
        base + " “The sluices stay shut until the inspection is done,” said Ilsa Brandt.",
        outlet="Tarn Wire",
        published="2031-06-09",
    )
    b = article(
        base.replace("1,800", "2,400") + " Ilsa Brandt said the sluices would stay shut for now.",
        outlet="Keston Radio",
        published="2031-06-10",
    )
    an_a = analysis(
        a,
        quotes=(quote(a, "The sluices stay shut until the inspection is done,", "Ilsa Brandt"),),
        figures=(figure(a, "1,800 families", 1800, about="families", qualifier="about"),),
    )
    an_b = analysis(
        b,
        quotes=(quote(b, "the sluices would stay shut for now", "Ilsa Brandt", "indirect"),),
        figures=(figure(b, "2,400 families", 2400, about="families"),),
    )
    (story,) = build_stories([a, b], [an_a, an_b])
    d = story_digest(story, {a.article_id: a, b.article_id: b})
    assert (d.first_outlet, d.n_outlets, d.n_sources) == ("Tarn Wire", 2, 2)
    (line,) = d.who_said_what
    assert line.speaker == "Ilsa Brandt" and line.n_statements == 2 and not line.reported
    (fact,) = d.disputed
    assert fact.label == "families"
    assert [(g.text, g.outlets) for g in fact.groups] == [
        ("1,800 families", ("Tarn Wire",)),
        ("2,400 families", ("Keston Radio",)),
    ]


def test_digest_counts_articles_where_no_outlet_is_known() -> None:
    text = "The Orvel dam board met on Monday. “The sluices stay shut,” said Ilsa Brandt."
    a, b = (
        article(text, published="2031-06-09"),
        article(text + " The board adjourned.", published="2031-06-10"),
    )
    an_a = analysis(a, quotes=(quote(a, "The sluices stay shut,", "Ilsa Brandt"),))
    an_b = analysis(b, quotes=(quote(b, "The sluices stay shut,", "Ilsa Brandt"),))
    (story,) = build_stories([a, b], [an_a, an_b])
    d = story_digest(story, {a.article_id: a, b.article_id: b})
    assert d.n_outlets == 0
    assert d.coverage.startswith("2 articles, ")  # not "from 0 outlets"
    (line,) = d.who_said_what
    assert line.reach == "1 statement, in 2 articles"
    assert set(line.article_ids) == {a.article_id, b.article_id} and line.outlets == ()


def test_digest_names_outlets_and_articles_together() -> None:
    text = "The Orvel dam board met on Monday. “The sluices stay shut,” said Ilsa Brandt."
    a = article(text, outlet="Tarn Wire", published="2031-06-09")
    b = article(text + " The board adjourned.", outlet="Keston Radio", published="2031-06-10")
    an_a = analysis(a, quotes=(quote(a, "The sluices stay shut,", "Ilsa Brandt"),))
    an_b = analysis(b, quotes=(quote(b, "The sluices stay shut,", "Ilsa Brandt"),))
    (story,) = build_stories([a, b], [an_a, an_b])
    d = story_digest(story, {a.article_id: a, b.article_id: b})
    assert d.coverage.startswith("2 articles from 2 outlets, ")
    (line,) = d.who_said_what
    assert line.reach == "1 statement, in 2 articles from 2 outlets"
    assert line.outlets == ("Keston Radio", "Tarn Wire")


def test_digest_names_a_rewording_by_its_article_when_the_outlet_is_unknown() -> None:
    a = article(
        "The Orvel dam board met on Monday. “The sluices stay shut until the inspection is done,” said Ilsa Brandt.",
        title="Dam board keeps sluices shut",
        published="2031-06-09",
    )
    b = article(
        "The Orvel dam board met on Monday. “The sluices will stay shut until the inspection is over,” said Ilsa Brandt.",
        title="Sluices to stay shut, says Brandt",
        published="2031-06-10",
    )
    an_a = analysis(
        a, quotes=(quote(a, "The sluices stay shut until the inspection is done,", "Ilsa Brandt"),)
    )
    an_b = analysis(
        b, quotes=(quote(b, "The sluices will stay shut until the inspection is over,", "Ilsa Brandt"),)
    )
    (story,) = build_stories([a, b], [an_a, an_b])
    d = story_digest(story, {a.article_id: a, b.article_id: b})
    reworded = [c.text for c in d.changed if c.kind == "reworded"]
    assert reworded and all("unknown outlet" not in t for t in reworded)
    assert any(t.startswith("the article “") and "rewords Ilsa Brandt" in t for t in reworded)


def test_digest_names_an_untitled_article_by_its_file() -> None:
    a = article(
        "The Orvel dam board met on Monday. “The sluices stay shut until the inspection is done,” said Ilsa Brandt.",
        published="2031-06-09",
    )
    b = article(
        "The Orvel dam board met on Monday. “The sluices will stay shut until the inspection is over,” said Ilsa Brandt.",
        published="2031-06-10",
    )
    an_a = analysis(
        a, quotes=(quote(a, "The sluices stay shut until the inspection is done,", "Ilsa Brandt"),)
    )
    an_b = analysis(
        b, quotes=(quote(b, "The sluices will stay shut until the inspection is over,", "Ilsa Brandt"),)
    )
    (story,) = build_stories([a, b], [an_a, an_b])
    d = story_digest(story, {a.article_id: a, b.article_id: b})
    assert any(c.text.startswith("the article “x.txt” rewords") for c in d.changed if c.kind == "reworded")

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

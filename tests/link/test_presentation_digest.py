"""The story summary both the dossier and the web page open with. Fictional names only."""

from __future__ import annotations

from link_builders import analysis, article, figure, quote

from storyline.link import build_stories
from storyline.link.presentation import StoryDigest, file_name, source_label, story_digest


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


SAID = "The sluices stay shut,"
SAID_AGAIN = (
    "The sluices stay shut until the inspection is done,",
    "The sluices will stay shut until the inspection is over,",
)


def _digest_of(texts: list[str], words: list[str], **meta: list[str | None]) -> StoryDigest:
    """The digest of one story: article n has texts[n], quotes words[n] of Ilsa Brandt, and
    takes the n-th value of each metadata list (outlet, title)."""
    arts = [
        article(t, published=f"2031-06-{9 + n:02d}", **{k: v[n] for k, v in meta.items()})  # type: ignore[arg-type]
        for n, t in enumerate(texts)
    ]
    ans = [analysis(a, quotes=(quote(a, w, "Ilsa Brandt"),)) for a, w in zip(arts, words, strict=True)]
    (story,) = build_stories(arts, ans)
    return story_digest(story, {a.article_id: a for a in arts})


def test_digest_counts_articles_where_no_outlet_is_known() -> None:
    text = f"The Orvel dam board met on Monday. “{SAID}” said Ilsa Brandt."
    d = _digest_of([text, text + " The board adjourned."], [SAID, SAID])
    assert d.n_outlets == 0
    assert d.coverage.startswith("2 articles, ")  # not "from 0 outlets"
    (line,) = d.who_said_what
    assert line.reach == "1 statement, in 2 articles"
    assert len(set(line.article_ids)) == 2 and line.outlets == ()


def test_digest_names_outlets_and_articles_together() -> None:
    text = f"The Orvel dam board met on Monday. “{SAID}” said Ilsa Brandt."
    d = _digest_of([text, text + " The board adjourned."], [SAID, SAID], outlet=["Tarn Wire", "Keston Radio"])
    assert d.coverage.startswith("2 articles from 2 outlets, ")
    (line,) = d.who_said_what
    assert line.reach == "1 statement, in 2 articles from 2 outlets"
    assert line.outlets == ("Keston Radio", "Tarn Wire")


def _reworded(**meta: list[str | None]) -> list[str]:
    texts = [f"The Orvel dam board met on Monday. “{w}” said Ilsa Brandt." for w in SAID_AGAIN]
    d = _digest_of(texts, list(SAID_AGAIN), **meta)
    return [c.text for c in d.changed if c.kind == "reworded"]


def test_digest_names_a_rewording_by_its_article_when_the_outlet_is_unknown() -> None:
    reworded = _reworded(title=["Dam board keeps sluices shut", "Sluices to stay shut, says Brandt"])
    assert reworded and all("unknown outlet" not in t for t in reworded)
    assert any(t.startswith("the article “") and "rewords Ilsa Brandt" in t for t in reworded)


def test_digest_names_an_untitled_article_by_its_file() -> None:
    assert any(t.startswith("the article “x.txt” rewords") for t in _reworded())


def test_counted_words_agree_with_their_number() -> None:
    from storyline.link.presentation import counted

    assert [counted(1, "story"), counted(2, "story"), counted(2, "day"), counted(1, "article")] == [
        "1 story",
        "2 stories",
        "2 days",
        "1 article",
    ]


def test_digest_round_trips_through_its_dump() -> None:
    text = f"The Orvel dam board met on Monday. “{SAID}” said Ilsa Brandt."
    d = _digest_of([text, text + " The board adjourned."], [SAID, SAID])
    dumped = d.model_dump()
    assert (
        dumped["coverage"] == d.coverage and dumped["who_said_what"][0]["reach"] == d.who_said_what[0].reach
    )
    assert StoryDigest.model_validate(dumped) == d
    assert StoryDigest.model_validate_json(d.model_dump_json()) == d


def test_an_untitled_article_is_named_by_its_file_whichever_separator_its_path_uses() -> None:
    assert source_label(None, None, "dumps/tarn/007.txt") == "the article “007.txt”"
    assert source_label(None, None, "C:\\dumps\\tarn\\007.txt") == "the article “007.txt”"
    assert source_label("Tarn Wire", None, "C:\\dumps\\007.txt") == "Tarn Wire"
    assert file_name(None) == "" and source_label(None) == "one article"

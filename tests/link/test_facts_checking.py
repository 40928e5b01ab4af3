"""Facts worth checking: trivia left out, readable labels, dated series, copies that changed a
figure, sums of money under different nouns compared. Fictional places and outlets only."""

from __future__ import annotations

from link_builders import article, figure

from storyline.link.facts import compare_figures, worth_checking


def _arts(*arts):  # type: ignore[no-untyped-def]
    return {a.article_id: a for a in arts}


def test_trivia_is_not_a_fact() -> None:
    a = article(
        "Mayor Ilsa Brandt, 54, read the four pages aloud to the two neighbours. "
        "The 61-year-old clerk said 300 houses were flooded over three years.",
        outlet="Varn Post",
    )
    assert not worth_checking(figure(a, "four pages", 4, about="pages"), a.text)
    assert not worth_checking(figure(a, "two neighbours", 2, about="neighbours"), a.text)
    assert not worth_checking(figure(a, "61-year-old", 61, about="clerk"), a.text)
    assert not worth_checking(figure(a, "three years", 3, unit="year"), a.text)
    assert worth_checking(figure(a, "300 houses", 300, about="houses"), a.text)
    b = article("About 20,000, Brandt said, would return.", outlet="Varn Post")
    assert not worth_checking(figure(b, "20,000", 20000, about="Brandt"), b.text)  # a name counts nothing
    c = article("Of the 20,000 Brandt counted, most returned.", outlet="Varn Post")
    assert not worth_checking(figure(c, "20,000", 20000), c.text)


def test_labels_are_words_of_the_reports() -> None:
    a = article("Some 2,000 troops and 40 per cent of the delta; a 20-day truce; $3 million.", outlet="A")
    figs = [
        figure(a, "2,000 troops", 2000, about="troop"),
        figure(a, "40 per cent", 40, unit="percent"),
        figure(a, "20-day truce", 20, unit="day", about="truce"),
        figure(a, "$3 million", 3e6, unit="USD"),
    ]
    labels = {c.label for c in compare_figures(figs, _arts(a))}
    assert labels == {"troops", "share of the delta", "length of the truce", "sum of money"}


def test_one_pledge_under_different_nouns_is_one_fact() -> None:
    a = article("The council pledged $1.2 billion for relief.", outlet="A", published="2031-05-01")
    b = article("The council has promised $1.5bn to rebuild the delta.", outlet="B", published="2031-05-02")
    c = article("Its $1.2 billion pledge was welcomed.", outlet="C", published="2031-05-02")
    figs = [
        figure(a, "$1.2 billion", 1.2e9, unit="USD"),
        figure(b, "$1.5bn", 1.5e9, unit="USD"),
        figure(c, "$1.2 billion pledge", 1.2e9, unit="USD", about="pledge"),
    ]
    (fact,) = compare_figures(figs, _arts(a, b, c))
    assert (fact.label, fact.status, len(fact.values)) == ("sum of money", "differ", 3)


def test_a_count_that_grows_over_the_days_is_a_dated_series() -> None:
    a = article(
        "At least 120 people have been killed so far, officials said.", outlet="A", published="2031-05-01"
    )
    b = article("The death toll rose to 180 people on Tuesday.", outlet="B", published="2031-05-02")
    c = article("Officials now say 240 people have been killed.", outlet="C", published="2031-05-04")
    figs = [
        figure(a, "120 people", 120, about="people", qualifier="at least"),
        figure(b, "180 people", 180, about="people"),
        figure(c, "240 people", 240, about="people"),
    ]
    (fact,) = compare_figures(figs, _arts(a, b, c))
    assert fact.status == "changed"
    assert [(str(v.published), v.value) for v in fact.values] == [
        ("2031-05-01", 120),
        ("2031-05-02", 180),
        ("2031-05-04", 240),
    ]


def test_two_counts_that_disagree_on_the_same_day_still_differ() -> None:
    a = article("Some 18,000 troops will pull back.", outlet="A", published="2031-05-01")
    b = article("About 20,000 troops will pull back.", outlet="B", published="2031-05-01")
    figs = [
        figure(a, "18,000 troops", 18000, about="troops"),
        figure(b, "20,000 troops", 20000, about="troops"),
    ]
    (fact,) = compare_figures(figs, _arts(a, b))
    assert fact.status == "differ"


def test_a_copy_that_changed_a_figure_is_flagged() -> None:
    a = article("Rescuers moved 6,500 families from the delta.", outlet="Tarn Wire", published="2031-05-01")
    b = article(
        "Rescuers moved 6,100 families from the delta!", outlet="Keston Daily", published="2031-05-01"
    )
    figs = [
        figure(a, "6,500 families", 6500, about="families"),
        figure(b, "6,100 families", 6100, about="families"),
    ]
    (fact,) = compare_figures(figs, _arts(a, b), {b.article_id: a.article_id})
    assert fact.status == "single"  # one independent source...
    assert fact.copy_differs  # ...whose copy changed the number
    assert {v.copy_of for v in fact.values} == {None, a.article_id}
    (same,) = compare_figures(
        [*figs[:1], figure(b, "6,100 families", 6500, about="families")],
        _arts(a, b),
        {b.article_id: a.article_id},
    )
    assert not same.copy_differs

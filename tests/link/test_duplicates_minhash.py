from __future__ import annotations

from link_builders import article

from storyline.link.duplicates import find_duplicates

BODY = (
    "The council of Lemberg Vale voted on Tuesday to close the old paper mill by the end of the year. "
    "Workers at the mill gathered outside the chamber while the vote was taken, and several of them "
    "said they had not been told what would happen to their pensions. The council leader promised a "
    "retraining fund and a new bus route to the industrial park on the other side of the valley."
)


def test_duplicates_syndicated_copy_maps_to_earliest_original() -> None:
    original = article(BODY, outlet="Vale Courier", published="2031-05-01")
    copy = article(
        BODY.replace("Tuesday", "Tuesday evening") + " (Wire copy.)", outlet="Echo", published="2031-05-02"
    )
    other = article(BODY[::-1], outlet="Mirror", published="2031-05-01")
    dups = find_duplicates([copy, other, original])
    assert dups == {copy.article_id: original.article_id}


def test_duplicates_different_reports_are_not_copies() -> None:
    a = article(BODY, outlet="A")
    b = article(
        "Lemberg Vale's paper mill will shut this winter after a council vote. Staff fear for their "
        "pensions; the council leader offered retraining and better buses to the industrial park.",
        outlet="B",
    )
    assert find_duplicates([a, b]) == {}


def test_duplicates_chain_of_copies_share_one_original() -> None:
    a = article(BODY, outlet="A", published="2031-05-01")
    b = article(BODY + " Updated.", outlet="B", published="2031-05-02")
    c = article(BODY + " Updated. Corrected.", outlet="C", published="2031-05-03")
    assert find_duplicates([c, b, a]) == {b.article_id: a.article_id, c.article_id: a.article_id}


def test_duplicates_same_day_copy_that_credits_its_source_is_the_copy() -> None:
    original = article(BODY + " More on the mill tomorrow.", outlet="Vale Courier", published="2031-05-01")
    # listed first and longer, but it names the outlet it was syndicated from
    copy = article(
        BODY + " More on the mill tomorrow. Distributed by the Vale Courier wire service to partner papers.",
        outlet="Echo",
        published="2031-05-01",
    )
    assert find_duplicates([copy, original]) == {copy.article_id: original.article_id}


def test_duplicates_same_day_without_credit_prefers_a_news_agency() -> None:
    paper = article(BODY + " The mill opened in 1921.", outlet="Echo", published="2031-05-01")
    wire = article(BODY, outlet="Vale Press Agency", published="2031-05-01")
    assert find_duplicates([paper, wire]) == {paper.article_id: wire.article_id}
    other = article(BODY + " Shifts end in June.", outlet="Mirror", published="2031-05-01")
    assert len(find_duplicates([paper, other])) == 1
    assert find_duplicates([paper, other]) == find_duplicates([other, paper])  # not input order


def test_duplicates_credit_lines_as_wires_write_them() -> None:
    original = article(BODY, outlet="The Vale Courier", published="2031-05-01")
    for credit in ("Copyright 2031 The Vale Courier. All rights reserved.", "Distributed by Vale Courier."):
        copy = article(BODY + " " + credit, outlet="Echo", published="2031-05-01")
        assert find_duplicates([copy, original]) == {copy.article_id: original.article_id}, credit
        assert find_duplicates([original, copy]) == {copy.article_id: original.article_id}, credit


def test_duplicates_earlier_date_wins_over_credit() -> None:
    early = article(BODY + " Distributed by Echo.", outlet="Vale Courier", published="2031-05-01")
    late = article(BODY, outlet="Echo", published="2031-05-02")
    assert find_duplicates([late, early]) == {late.article_id: early.article_id}


def test_duplicates_an_outlet_named_in_passing_is_not_a_credit() -> None:
    echo = article(BODY + " Shifts end in June.", outlet="Echo", published="2031-05-01")
    times = article(
        BODY + " Shifts end in June. Chants echoed outside.", outlet="The Times", published="2031-05-01"
    )
    # "echoed" is no credit to Echo: neither is credited, and the article id decides (the
    # Times' id is the smaller here; a word match on "echo" would have made Echo the original)
    assert times.article_id < echo.article_id
    assert find_duplicates([echo, times]) == {echo.article_id: times.article_id}

"""A timeline a reader can scan: entries merged across articles with their outlets and sources,
dates checked against tense and publication. Fictional places, people and outlets only."""

from __future__ import annotations

from datetime import date

from link_builders import analysis, article, quote, timex

from storyline.link.timeline import build_timeline, speaking_date, tense_agrees
from storyline.models import Event


def _build(pairs, dups=None):  # type: ignore[no-untyped-def]
    arts = {a.article_id: a for a, _ in pairs}
    ans = {an.article_id: an for _, an in pairs}
    return build_timeline(list(arts), arts, ans, (), dups)


def test_one_happening_reported_by_three_outlets_is_one_entry() -> None:
    texts = [
        ("The bridge talks in Orvel collapsed on Thursday after shells hit the market.", "Tarn Post"),
        ("On Thursday the Orvel bridge talks broke down when shells fell near the market.", "Keston Radio"),
        ("Shells hit the Orvel market on Thursday, and the bridge talks collapsed.", "Velmore Daily"),
    ]
    pairs = []
    for text, outlet in texts:
        a = article(text, outlet=outlet, published="2031-06-09")
        pairs.append((a, analysis(a, timexes=(timex(a, "Thursday", "2031-06-05"),))))
    copy = article(texts[0][0] + " ", outlet="Harbour Herald", published="2031-06-10")
    pairs.append((copy, analysis(copy, timexes=(timex(copy, "Thursday", "2031-06-05"),))))
    tl = _build(pairs, {copy.article_id: pairs[0][0].article_id})
    happenings = [e for e in tl if e.kind == "happening"]
    assert len(happenings) == 1
    (h,) = happenings
    assert h.when == "2031-06-05"
    assert h.outlets == ("Tarn Post", "Keston Radio", "Velmore Daily", "Harbour Herald")
    assert h.n_sources == 3  # the copy counts with its original
    assert [e.who for e in tl if e.kind == "publication"] == ["Tarn Post", "Keston Radio", "Velmore Daily"]


def test_a_statement_is_not_dated_by_an_earlier_year_it_names() -> None:
    text = "Mayor Ilsa Brandt said the 2027 accord “was dead and buried” and would not return."
    a = article(text, outlet="Tarn Post", published="2031-06-09")
    q = quote(a, "was dead and buried", "Ilsa Brandt", "partial")
    (entry,) = [
        e
        for e in _build([(a, analysis(a, quotes=(q,), timexes=(timex(a, "2027", "2027"),)))])
        if e.kind == "statement"
    ]
    assert (entry.when, entry.dated_by, entry.who) == ("2031-06-09", "publication", "Ilsa Brandt")


def test_a_statement_dated_in_its_sentence_days_before_publication_keeps_that_date() -> None:
    text = "On Monday the harbour master said: “The quay will reopen in spring.”"
    a = article(text, outlet="Tarn Post", published="2031-06-11")
    q = quote(a, "The quay will reopen in spring.", "Oda Renn")
    tl = _build([(a, analysis(a, quotes=(q,), timexes=(timex(a, "Monday", "2031-06-09"),)))])
    (entry,) = [e for e in tl if e.kind == "statement"]
    assert (entry.when, entry.dated_by) == ("2031-06-09", "sentence")


def test_tense_check() -> None:
    published = date(2031, 6, 9)
    assert not tense_agrees("The convoy was attacked and three drivers died.", "2031-06-12", published)
    assert tense_agrees("The convoy is due to leave on Friday.", "2031-06-12", published)
    assert not tense_agrees("The convoy will leave on Friday.", "2031-06-06", published)
    assert tense_agrees("The convoy left on Friday.", "2031-06-06", published)
    assert speaking_date("2031-06-05", published)
    assert not speaking_date("2029", published)
    assert not speaking_date("2031-06-12", published)


def test_a_span_start_does_not_date_the_sentence_and_happenings_name_their_actor() -> None:
    text = "Rescuers have pulled 40 people from the river since March. The dam board closed the sluices on 2 June."
    a = article(text, outlet="Tarn Post", published="2031-06-09")
    s = text.index("The dam board")
    ev = Event(
        article_id=a.article_id,
        text="closed",
        start=text.index("closed"),
        end=text.index("closed") + 6,
        event_type="COERCE",
        actor="Dam Board of Orvel",
        sentence_start=s,
    )
    an = analysis(a, timexes=(timex(a, "March", "2031-03"), timex(a, "2 June", "2031-06-02")), events=(ev,))
    happenings = [e for e in _build([(a, an)]) if e.kind == "happening"]
    assert [(e.when, e.who) for e in happenings] == [("2031-06-02", "Dam Board of Orvel")]


def test_a_time_before_or_after_the_one_named_dates_no_happening() -> None:
    text = "The dam board restored the pre-2029 flood limits. The board met again on 2 June."
    a = article(text, outlet="Tarn Post", published="2031-06-09")
    before = timex(a, "pre-2029", "2029").model_copy(update={"mod": "BEFORE"})
    an = analysis(a, timexes=(before, timex(a, "2 June", "2031-06-02")))
    dated = [e.when for e in _build([(a, an)]) if e.kind == "happening"]
    assert "2029" not in dated
    assert dated == ["2031-06-02"]

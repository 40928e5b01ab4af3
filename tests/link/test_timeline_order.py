from __future__ import annotations

from link_builders import analysis, article, quote, timex

from storyline.link.timeline import build_timeline, date_value


def test_timeline_orders_dated_statements_and_happenings() -> None:
    t1 = (
        "The ferry Malva sank off Cape Orrin on 3 March. "
        'On 5 March the harbour master said: "The wreck will be raised in summer." '
        "Divers reached the hull in the second week of March."
    )
    t2 = 'Relatives gathered at the quay. "We still have no list of names," said Ado Ferr.'
    a1 = article(t1, outlet="Coast News", published="2031-03-10")
    a2 = article(t2, outlet="Bay Times", published="2031-03-04")
    an1 = analysis(
        a1,
        quotes=(quote(a1, "The wreck will be raised in summer.", "harbour master"),),
        timexes=(
            timex(a1, "3 March", "2031-03-03"),
            timex(a1, "5 March", "2031-03-05"),
            timex(a1, "the second week of March", "2031-W11"),
        ),
    )
    an2 = analysis(a2, quotes=(quote(a2, "We still have no list of names,", "Ado Ferr"),))
    arts = {a.article_id: a for a in (a1, a2)}
    entries = build_timeline([a1.article_id, a2.article_id], arts, {an1.article_id: an1, an2.article_id: an2})
    got = [(e.when, e.kind, e.text[:22]) for e in entries]
    assert got == [
        ("2031-03-03", "happening", "The ferry Malva sank o"),
        ("2031-03-04", "statement", "We still have no list "),
        ("2031-03-04", "publication", "Relatives gathered at "),
        ("2031-03-05", "statement", "The wreck will be rais"),
        ("2031-03-10", "happening", "Divers reached the hul"),
        ("2031-03-10", "publication", "The ferry Malva sank o"),
    ]
    for e in entries:  # every entry points at its exact source characters
        assert arts[e.article_id].text[e.start : e.end] == e.text


def test_timeline_date_value_accepts_only_calendar_dates() -> None:
    assert date_value("2031-03") == "2031-03"
    assert date_value("2031-W01") == "2030-12-30"
    assert date_value("PRESENT_REF") is None
    assert date_value("XXXX-03-01") is None


def test_timeline_quote_inside_a_reported_sentence_appears_once() -> None:
    text = "Mayor Orla Venn said the repairs would be “slow and costly” and would last into spring."
    art = article(text, outlet="Desk", published="2031-04-02")
    outer = quote(
        art, "the repairs would be “slow and costly” and would last into spring", "Orla Venn", "indirect"
    )
    inner = quote(art, "slow and costly", "Orla Venn", "partial")
    an = analysis(art, quotes=(outer, inner))
    tl = build_timeline([art.article_id], {art.article_id: art}, {art.article_id: an})
    statements = [e.text for e in tl if e.kind == "statement"]
    assert statements == [outer.text]

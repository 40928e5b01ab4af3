from __future__ import annotations

from link_builders import article, figure

from storyline.link.facts import compare_figures


def _status(figs, arts, dups=None):  # type: ignore[no-untyped-def]
    return {(c.about, c.unit): c.status for c in compare_figures(figs, {a.article_id: a for a in arts}, dups)}


def test_facts_agree_differ_single() -> None:
    a = article("The army sent 5,000 soldiers and spent 2 million marks on tents.", outlet="A")
    b = article("About 5,000 soldiers went; the tents cost 3 million marks. 40 trucks left.", outlet="B")
    figs = [
        figure(a, "5,000 soldiers", 5000, about="soldiers"),
        figure(a, "2 million marks", 2e6, unit="mark", about="tents"),
        figure(b, "5,000 soldiers", 5000, about="soldiers", qualifier="about"),
        figure(b, "3 million marks", 3e6, unit="mark", about="tents"),
        figure(b, "40 trucks", 40, about="trucks"),
    ]
    assert _status(figs, [a, b]) == {
        ("soldier", None): "agree",
        ("tent", "mark"): "differ",
        ("truck", None): "single",
    }


def test_facts_incompatible_qualifiers_differ() -> None:
    a = article("More than 30 countries joined the pact.", outlet="A")
    b = article("Up to 30 countries could join the pact.", outlet="B")
    figs = [
        figure(a, "More than 30 countries", 30, about="countries", qualifier="more than"),
        figure(b, "Up to 30 countries", 30, about="countries", qualifier="up to"),
    ]
    assert _status(figs, [a, b]) == {("country", None): "differ"}


def test_facts_copy_counts_as_one_source() -> None:
    a = article("Rescuers found 12 survivors in the rubble.", outlet="A")
    b = article("Rescuers found 12 survivors in the rubble!", outlet="B")
    figs = [
        figure(a, "12 survivors", 12, about="survivors"),
        figure(b, "12 survivors", 12, about="survivors"),
    ]
    assert _status(figs, [a, b]) == {("survivor", None): "agree"}
    assert _status(figs, [a, b], {b.article_id: a.article_id}) == {("survivor", None): "single"}


def test_facts_without_about_use_the_following_noun() -> None:
    a = article("The storm destroyed 300 houses on the coast.", outlet="A")
    b = article("Officials counted 310 houses destroyed.", outlet="B")
    figs = [figure(a, "300", 300), figure(b, "310", 310)]
    comps = compare_figures(figs, {x.article_id: x for x in (a, b)})
    assert [(c.about, c.status, sorted(v.value or 0 for v in c.values)) for c in comps] == [
        ("house", "differ", [300, 310])
    ]


def test_facts_values_far_apart_are_different_facts() -> None:
    a = article("Six people were killed in the raid; 9,000 people have died in the war.", outlet="A")
    b = article("The raid killed 6 people, and 9,200 people have died since the war began.", outlet="B")
    figs = [
        figure(a, "Six people", 6, about="people"),
        figure(a, "9,000 people", 9000, about="people"),
        figure(b, "6 people", 6, about="people"),
        figure(b, "9,200 people", 9200, about="people"),
    ]
    comps = compare_figures(figs, {x.article_id: x for x in (a, b)})
    assert sorted((c.status, sorted(v.value or 0 for v in c.values)) for c in comps) == [
        ("agree", [6, 6]),
        ("differ", [9000, 9200]),
    ]


def test_facts_synonyms_are_one_fact_shown_under_the_common_word() -> None:
    a = article("A 10-day truce began at dawn.", outlet="A")
    b = article("The 10-day truce held overnight.", outlet="B")
    c = article("A 12-day ceasefire was agreed, officials said.", outlet="C")
    figs = [
        figure(a, "10-day truce", 10, unit="day", about="truce"),
        figure(b, "10-day truce", 10, unit="day", about="truce"),
        figure(c, "12-day ceasefire", 12, unit="day", about="ceasefire"),
    ]
    assert _status(figs, [a, b, c]) == {("truce", "day"): "differ"}


def test_facts_people_and_civilians_stay_apart() -> None:
    a = article("Six civilians died in the strike.", outlet="A")
    b = article("Six people died in the strike.", outlet="B")
    figs = [figure(a, "Six civilians", 6, about="civilians"), figure(b, "Six people", 6, about="people")]
    assert _status(figs, [a, b]) == {("civilian", None): "single", ("people", None): "single"}


def test_facts_fraction_compared_as_percentage_and_name_by_its_head_noun() -> None:
    a = article("The rebels hold about 40 per cent of the valley.", outlet="A")
    b = article("The rebels hold roughly two-fifths of the Dorran Valley.", outlet="B")
    c = article("The rebels hold nearly half of the valley.", outlet="C")
    figs = [
        figure(a, "about 40 per cent", 40, unit="percent", about="valley", qualifier="about"),
        figure(b, "roughly two-fifths of the Dorran Valley", 0.4, about="Dorran Valley", qualifier="about"),
        figure(c, "nearly half of the valley", 0.5, about="valley", qualifier="nearly"),
    ]
    (comp,) = compare_figures(figs, {x.article_id: x for x in (a, b, c)})
    assert (comp.about, comp.unit, comp.status) == ("valley", "percent", "differ")
    assert sorted(v.value for v in comp.values) == [40, 40, 50]


def test_facts_names_sharing_a_head_noun_stay_apart() -> None:
    a = article("North Varra reported 40 cases.", outlet="A")
    b = article("South Varra reported 90 cases.", outlet="B")
    figs = [
        figure(a, "40 cases", 40, about="North Varra"),
        figure(b, "90 cases", 90, about="South Varra"),
    ]
    assert _status(figs, [a, b]) == {("north varra", None): "single", ("south varra", None): "single"}


def test_facts_a_decimal_of_a_counted_noun_is_not_a_fraction() -> None:
    a = article("The rate fell to 0.7 births per woman.", outlet="A")
    b = article("The rate is 0.7 births per woman.", outlet="B")
    figs = [figure(a, "0.7 births", 0.7, about="births"), figure(b, "0.7 births", 0.7, about="births")]
    (comp,) = compare_figures(figs, {x.article_id: x for x in (a, b)})
    assert (comp.unit, comp.status, [v.value for v in comp.values]) == (None, "agree", [0.7, 0.7])


def test_facts_irregular_plurals_join_their_class() -> None:
    a = article("Rescuers freed 12 children.", outlet="A")
    b = article("Rescuers freed 12 kids.", outlet="B")
    figs = [figure(a, "12 children", 12, about="children"), figure(b, "12 kids", 12, about="kids")]
    assert [c.status for c in compare_figures(figs, {x.article_id: x for x in (a, b)})] == ["agree"]


def test_facts_three_word_names_and_fourths() -> None:
    a = article("Upper Dorran Valley lost 40 homes.", outlet="A")
    b = article("Lower Dorran Valley lost 90 homes.", outlet="B")
    figs = [
        figure(a, "40 homes", 40, about="Upper Dorran Valley"),
        figure(b, "90 homes", 90, about="Lower Dorran Valley"),
    ]
    assert sorted(_status(figs, [a, b]).values()) == ["single", "single"]
    c = article("Three-fourths of the dam is done.", outlet="C")
    (comp,) = compare_figures([figure(c, "Three-fourths of the dam", 0.75, about="dam")], {c.article_id: c})
    assert (comp.unit, comp.values[0].value) == ("percent", 75)

"""The packaged gazetteer: well-formed, sourced, and queried by role, date and country."""

from __future__ import annotations

import itertools
from datetime import date

from storyline.nlp.actors.gazetteer import Country, Gazetteer, Office, fold, load_gazetteer


def test_actors_gazetteer_rows_are_sourced_and_consistent() -> None:
    gaz = load_gazetteer()
    codes = {c.code for c in gaz.countries}
    offices = {o.office for o in gaz.offices}
    assert len(gaz.offices) >= 30 and gaz.seats and gaz.institutions
    for o in gaz.offices:
        assert o.source and o.person and o.roles
        assert o.start is not None
        assert o.end is None or o.start <= o.end
        assert o.country is None or o.country in codes
    for s in gaz.seats:
        assert s.source and s.institution
        assert s.office is None or s.office in offices
        assert s.country is None or s.country in codes


def test_actors_gazetteer_terms_of_one_office_do_not_overlap() -> None:
    gaz = load_gazetteer()
    terms: dict[str, list[Office]] = {}
    for o in gaz.offices:
        terms.setdefault(o.office, []).append(o)
    for office, rows in terms.items():
        rows.sort(key=lambda o: o.start or date.min)
        for before, after in itertools.pairwise(rows):
            assert before.end is not None, office
            assert before.end <= (after.start or date.max), office


def test_actors_gazetteer_holders_by_date_and_country() -> None:
    gaz = Gazetteer()
    gaz.countries.append(Country("QF", "Freedonia", ("Fredonia",), ("Freedonian",), ()))
    src = "invented for tests"
    old = Office("Rufus Tarn", (), "Premier", ("premier",), "QF", date(2019, 1, 1), date(2024, 12, 31), src)
    new = Office("Ada Vell", (), "Premier", ("premier",), "QF", date(2025, 1, 1), None, src)
    gaz.offices.extend([old, new])
    gaz.index()
    assert gaz.holders("premier", date(2023, 5, 1), "QF") == [old]
    assert gaz.holders("premier", date(2025, 5, 1), None) == [new]
    assert gaz.holders("premier", None, "QF") == [new]  # no date: who holds it now
    assert gaz.holders("premier", date(2018, 5, 1), "QF") == []
    assert gaz.holders("premier", date(2025, 5, 1), "ZZ") == []
    assert gaz.country("the Fredonia") is gaz.countries[0]
    assert gaz.country_of_word("Freedonian") is gaz.countries[0]


def test_actors_gazetteer_fold_ignores_case_and_accents() -> None:
    assert fold("Élysée Palace") == fold("elysee  palace")
    assert fold("O’Neill") == fold("o'neill")

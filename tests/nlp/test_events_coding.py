"""Actor codes and offline places for event records (no spaCy model needed)."""

from __future__ import annotations

import pytest

from storyline.nlp.events.coding import code_actor, code_country, code_sector, is_role_word
from storyline.nlp.places import geocode, load_places
from storyline.nlp.places.gazetteer import alpha3


@pytest.mark.parametrize(
    ("phrase", "country", "sector"),
    [
        ("Russian officials", "RUS", "GOV"),
        ("the Kremlin", "RUS", "GOV"),
        ("Downing Street", "GBR", "GOV"),
        ("Egyptian police", "EGY", "COP"),
        ("rebels in the Ivory Coast", "CIV", "REB"),
        ("Poland's parliament", "POL", "LEG"),
        ("the Khartoum government", "SDN", "GOV"),
        ("a U.N. envoy", "IGO", None),
        ("Amnesty International", "NGO", None),
        ("Palestinians", "PSE", None),
        ("striking Ivorian teachers", "CIV", "EDU"),
    ],
)
def test_code_actor_country_and_sector(phrase: str, country: str, sector: str | None) -> None:
    code = code_actor(phrase)
    assert (code.country, code.sector) == (country, sector)
    assert code.basis.startswith("country: ")


def test_code_actor_explains_each_decision() -> None:
    code = code_actor("Senior Hungarian and Romanian officials")
    assert code.country == "HUN"  # the leftmost nationality word
    assert "nationality word 'Hungarian'" in code.basis
    assert "role word 'officials'" in code.basis


def test_code_country_prefers_the_articles_actor_over_words() -> None:
    country, basis = code_country("the minister", actor_country="FR", actor_name="Odile Varenne")
    assert country == "FRA"
    assert "Odile Varenne" in basis


def test_code_country_leaves_an_unknown_name_uncoded() -> None:
    country, basis = code_country("the Veltrian militia")
    assert country is None
    assert basis.startswith("no country")


def test_small_town_does_not_stand_for_a_government() -> None:
    # a GeoNames town too small to be a seat of government is not an actor's country
    assert code_country("Norland officials")[0] is None


def test_code_sector_uses_the_head_first_then_roles() -> None:
    assert code_sector("army doctors", head="doctors")[0] == "MED"
    assert code_sector("Ilse Varga", roles=("foreign minister",))[0] == "GOV"
    assert code_sector("Ilse Varga")[0] is None
    assert is_role_word("Rebels") and not is_role_word("Tuesday")


def test_alpha3_accepts_both_code_lengths() -> None:
    assert alpha3("GB") == "GBR"
    assert alpha3("GBR") == "GBR"
    assert alpha3("ZZ") is None
    assert alpha3(None) is None


def test_geocode_country_is_drawn_at_its_capital() -> None:
    place = geocode("Britain")
    assert place is not None
    assert (place.kind, place.country) == ("country", "GBR")
    assert place.lat is not None and 51 < place.lat < 52  # London
    assert "capital London" in place.basis


def test_geocode_city_picks_the_most_populous_without_context() -> None:
    place = geocode("Tripoli")
    assert place is not None and place.country == "LBY"
    assert "most populous" in place.basis


def test_geocode_city_prefers_a_country_the_text_names() -> None:
    place = geocode("Tripoli", context={"LBN"})
    assert place is not None and place.country == "LBN"
    assert "a country the text names" in place.basis


def test_geocode_region_is_iso_where_the_codes_agree() -> None:
    place = geocode("Washington")
    assert place is not None and (place.country, place.region) == ("USA", "District of Columbia")


def test_geocode_never_guesses() -> None:
    assert geocode("Dunmere-on-Vell") is None
    assert geocode("") is None
    assert geocode("x" * 500) is None


def test_place_gazetteer_knows_short_names_and_adjectives() -> None:
    gaz = load_places()
    assert gaz.country_of_name("the Ivory Coast") == "CIV"
    assert gaz.country_of_name("Burma") == "MMR"
    assert gaz.country_of_adjective("Ivorian") == "CIV"
    assert gaz.country_of_adjective("Kiwi") == "NZL"


def test_a_country_name_outranks_the_actors_country() -> None:
    country, basis = code_country("Saudi Arabia", actor_country="RU", actor_name="Saudi Arabia")
    assert country == "SAU" and basis.startswith("names the country")

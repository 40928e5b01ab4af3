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


def test_code_country_reads_a_big_city_inside_the_phrase() -> None:
    country, basis = code_country("delegates from Lisbon")
    assert country == "PRT" and "Lisbon" in basis
    assert code_country("delegates from Dunmere-on-Vell")[0] is None


def test_code_country_passes_over_an_ethnic_nationality_word() -> None:
    assert code_country("Ivorian teachers")[0] == "CIV"
    assert code_country("ethnic Ivorian villagers in Ghana")[0] == "GHA"
    assert code_country("ethnic Ivorian villagers")[0] is None  # a people: placed by the event, not here


def _parsed(words: list[str], heads: list[int], deps: list[str], pos: list[str]):  # type: ignore[no-untyped-def]
    import spacy
    from spacy.tokens import Doc

    return Doc(spacy.blank("en").vocab, words=words, heads=heads, deps=deps, pos=pos)


def test_an_infinitive_on_a_noun_takes_the_subject_of_the_nouns_clause() -> None:
    from storyline.nlp.events.lexicon import load_lexicon
    from storyline.nlp.events.triggers import find_participants

    words = [
        "Farmers",
        "converged",
        "for",
        "a",
        "rally",
        "to",
        "protest",
        "the",
        "abuses",
        "by",
        "militias",
        ".",
    ]
    heads = [1, 1, 1, 4, 2, 6, 4, 8, 6, 6, 9, 1]
    deps = ["nsubj", "ROOT", "prep", "det", "pobj", "aux", "relcl", "det", "dobj", "prep", "pobj", "punct"]
    pos = ["NOUN", "VERB", "ADP", "DET", "NOUN", "PART", "VERB", "DET", "NOUN", "ADP", "NOUN", "PUNCT"]
    doc = _parsed(words, heads, deps, pos)
    source, target = find_participants(doc[6], load_lexicon())
    assert source is not None and doc.text[source[0] : source[1]] == "Farmers"
    assert target is not None and doc.text[target[0] : target[1]] == "militias"  # the abuses' agent


def test_a_long_country_name_misspelt_by_a_letter_is_that_country() -> None:
    gaz = load_places()
    assert gaz.country_of_misspelling("Phillipines") == "PHL"
    assert gaz.country_of_misspelling("Austrailia") == "AUS"
    assert gaz.country_of_misspelling("Veltria") is None  # nothing close: no guess
    assert gaz.country_of_misspelling("Nigr") is None  # too short to tell apart
    country, basis = code_country("Phillipines")
    assert country == "PHL" and "close to a country's name" in basis


def test_a_part_of_a_relative_stands_for_the_noun_the_clause_modifies() -> None:
    from storyline.nlp.events.lexicon import load_lexicon
    from storyline.nlp.events.triggers import find_participants

    words = ["Ministers", ",", "most", "of", "whom", "backed", "the", "council", "."]
    heads = [0, 0, 5, 2, 3, 0, 7, 5, 0]
    deps = ["ROOT", "punct", "nsubj", "prep", "pobj", "relcl", "det", "dobj", "punct"]
    pos = ["NOUN", "PUNCT", "ADJ", "ADP", "PRON", "VERB", "DET", "NOUN", "PUNCT"]
    doc = _parsed(words, heads, deps, pos)
    source, target = find_participants(doc[5], load_lexicon())
    assert target is not None and doc.text[target[0] : target[1]] == "the council"
    assert source is not None and doc.text[source[0] : source[1]] == "Ministers"

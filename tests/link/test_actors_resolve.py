"""Cross-article actor resolution on hand-made records (names are invented)."""

from __future__ import annotations

from storyline.link.actors import resolve_actors
from storyline.models import ArticleAnalysis, Entity, EntityType


def _ent(
    article: str,
    local: str,
    name: str,
    type_: EntityType = "person",
    roles: tuple[str, ...] = (),
    country: str | None = None,
    aliases: tuple[str, ...] = (),
) -> Entity:
    return Entity(
        entity_id=local,
        name=name,
        type=type_,
        roles=roles,
        country=country,
        aliases=aliases,
        article_id=article,
    )


def _analyses(*groups: tuple[str, list[Entity]]) -> list[ArticleAnalysis]:
    return [ArticleAnalysis(article_id=a, entities=tuple(ents)) for a, ents in groups]


def test_resolve_actors_merges_name_variants_across_articles() -> None:
    analyses = _analyses(
        ("a1", [_ent("a1", "p1", "Alric Fenwick", roles=("Sir", "foreign minister"), country="QF")]),
        ("a2", [_ent("a2", "p1", "Fenwick", roles=("Mr",))]),
        ("a3", [_ent("a3", "x9", "Alric Fenwick", aliases=("Sir Alric",))]),
    )
    entities, mapping = resolve_actors(analyses)
    people = [e for e in entities if e.type == "person"]
    assert [p.name for p in people] == ["Alric Fenwick"]
    corpus = people[0]
    assert corpus.article_id is None
    assert corpus.country == "QF"
    assert {"Sir", "foreign minister", "Mr"} <= set(corpus.roles)
    assert {"Fenwick", "Sir Alric"} <= set(corpus.aliases)
    assert {mapping[("a1", "p1")], mapping[("a2", "p1")], mapping[("a3", "x9")]} == {corpus.entity_id}


def test_resolve_actors_keeps_different_first_names_apart() -> None:
    analyses = _analyses(
        ("a1", [_ent("a1", "p1", "Maren Holt")]),
        ("a2", [_ent("a2", "p1", "Tobias Holt")]),
    )
    entities, mapping = resolve_actors(analyses)
    assert sorted(e.name for e in entities) == ["Maren Holt", "Tobias Holt"]
    assert mapping[("a1", "p1")] != mapping[("a2", "p1")]


def test_resolve_actors_ambiguous_surname_is_not_forced() -> None:
    analyses = _analyses(
        ("a1", [_ent("a1", "p1", "Maren Holt"), _ent("a1", "p2", "Tobias Holt")]),
        ("a2", [_ent("a2", "p1", "Holt")]),
    )
    _, mapping = resolve_actors(analyses)
    assert mapping[("a2", "p1")] not in {mapping[("a1", "p1")], mapping[("a1", "p2")]}


def test_resolve_actors_spelling_variants_of_a_surname_merge() -> None:
    analyses = _analyses(
        ("a1", [_ent("a1", "p1", "Oleksa Varenyk")]),
        ("a2", [_ent("a2", "p1", "Oleksa Varenykk")]),
        ("a3", [_ent("a3", "p1", "Varenyk")]),
    )
    entities, mapping = resolve_actors(analyses)
    assert len({mapping[(a, "p1")] for a in ("a1", "a2", "a3")}) == 1
    assert len([e for e in entities if e.type == "person"]) == 1


def test_resolve_actors_bodies_and_places_by_name() -> None:
    analyses = _analyses(
        ("a1", [_ent("a1", "o1", "Glass Palace", "organization", country="QF")]),
        ("a2", [_ent("a2", "o7", "the Glass Palace", "organization")]),
        ("a3", [_ent("a3", "g1", "Freedonia", "place", country="QF")]),
    )
    entities, mapping = resolve_actors(analyses)
    assert mapping[("a1", "o1")] == mapping[("a2", "o7")]
    assert mapping[("a3", "g1")] != mapping[("a1", "o1")]
    palace = next(e for e in entities if e.entity_id == mapping[("a1", "o1")])
    assert palace.name == "Glass Palace" and palace.country == "QF"


def test_resolve_actors_every_local_entity_is_mapped_and_ids_unique() -> None:
    analyses = _analyses(
        ("a1", [_ent("a1", "p1", "Ilse Moravec"), _ent("a1", "o1", "Norland", "place")]),
        ("a2", [_ent("a2", "p1", "Moravec"), _ent("a2", "o1", "Norland", "organization")]),
    )
    entities, mapping = resolve_actors(analyses)
    assert set(mapping) == {("a1", "p1"), ("a1", "o1"), ("a2", "p1"), ("a2", "o1")}
    ids = [e.entity_id for e in entities]
    assert len(ids) == len(set(ids))
    assert set(mapping.values()) == set(ids)


def test_resolve_actors_empty_input() -> None:
    assert resolve_actors([]) == ([], {})


def test_resolve_actors_first_name_alone_needs_its_honorific() -> None:
    analyses = _analyses(
        ("a1", [_ent("a1", "p1", "Alric Fenwick")]),
        ("a2", [_ent("a2", "p1", "Alric", roles=("Sir",))]),
        ("a3", [_ent("a3", "p1", "Alric")]),
    )
    _, mapping = resolve_actors(analyses)
    assert mapping[("a2", "p1")] == mapping[("a1", "p1")]
    assert mapping[("a3", "p1")] != mapping[("a1", "p1")]


def test_resolve_actors_country_from_the_corpus_places_a_role_names() -> None:
    ents, _ = resolve_actors(
        _analyses(
            ("a1", [_ent("a1", "e1", "Orla Vint", roles=("Tarnish foreign minister",))]),
            ("a2", [_ent("a2", "e1", "Tarnia", "place"), _ent("a2", "e2", "Kessel Office", "organization")]),
            ("a3", [_ent("a3", "e1", "Bram Holt", roles=("Tarnia's envoy",), country="XK")]),
        )
    )
    country = {e.name: e.country for e in ents}
    assert country["Orla Vint"] == "Tarnia"  # the adjective of a place of the corpus
    assert country["Kessel Office"] is None  # no place named
    assert country["Bram Holt"] == "XK"  # a country the article gave is kept


def test_story_actors_carry_mention_and_article_counts() -> None:
    from link_builders import analysis, article, person

    from storyline.link import build_stories

    a = article(
        "Orla Vint spoke first. Later Orla Vint spoke again.", outlet="Tarn Post", published="2031-05-01"
    )
    b = article("Orla Vint was in Kessel on Monday.", outlet="Kessel Radio", published="2031-05-02")
    ent_a = person(a, "Orla Vint")
    second = a.text.index("Orla Vint", 5)
    ent_a = ent_a.model_copy(
        update={
            "mentions": (
                *ent_a.mentions,
                ent_a.mentions[0].model_copy(update={"start": second, "end": second + 9}),
            )
        }
    )
    stories = build_stories(
        [a, b], [analysis(a, entities=(ent_a,)), analysis(b, entities=(person(b, "Orla Vint"),))]
    )
    actors = [e for s in stories for e in s.actors if e.name == "Orla Vint"]
    assert actors
    total = sum(e.mention_count for e in actors)
    assert total == 3
    assert sum(e.article_count for e in actors) == 2

"""Story events counted once across outlets, with their mentions; stances from events and quotes."""

from __future__ import annotations

from link_builders import analysis, article, person, quote

from storyline.link.events import build_events, mention_confidence, story_places
from storyline.link.stances import build_stances, main_proposals
from storyline.models import Article, Entity, Event, Story


def _event(art: Article, trigger: str, kind: str, actor: str, target: str, **extra: object) -> Event:
    extra.setdefault("actor_sector", "MIL")  # coded, as the event coder would code "Marshal X"
    s = art.text.index(trigger)
    a = art.text.index(actor)
    t = art.text.index(target)
    return Event(
        article_id=art.article_id,
        text=trigger,
        start=s,
        end=s + len(trigger),
        event_type=kind,
        quad_class="material_conflict",
        actor=actor,
        actor_text=actor,
        actor_start=a,
        actor_end=a + len(actor),
        target=target,
        target_text=target,
        target_start=t,
        target_end=t + len(target),
        **extra,  # type: ignore[arg-type]
    )


def _corpus(*entities: tuple[Article, Entity, str]) -> tuple[dict[str, Entity], dict[tuple[str, str], str]]:
    corpus: dict[str, Entity] = {}
    actor_map: dict[tuple[str, str], str] = {}
    for art, ent, cid in entities:
        corpus[cid] = ent.model_copy(update={"entity_id": cid})
        actor_map[(art.article_id, ent.entity_id)] = cid
    return corpus, actor_map


def _two_outlets() -> tuple[list[Article], dict[str, object]]:
    a = article(
        "Marshal Oren Vask shelled Dunmere on Monday.", outlet="Northern Post", published="2031-05-14"
    )
    b = article(
        "On Monday Oren Vask shelled Dunmere again, residents said.",
        outlet="Harbour Times",
        published="2031-05-15",
    )
    return [a, b], {}


def test_build_events_counts_one_happening_across_outlets() -> None:
    (a, b), _ = _two_outlets()
    ea = _event(a, "shelled", "ASSAULT", "Marshal Oren Vask", "Dunmere", when="2031-05-12")
    eb = _event(b, "shelled", "ASSAULT", "Oren Vask", "Dunmere", when="2031-05-12")
    pa, pb = person(a, "Oren Vask"), person(b, "Oren Vask")
    corpus, actor_map = _corpus((a, pa, "p:vask"), (b, pb, "p:vask"))
    analyses = {
        a.article_id: analysis(a, events=(ea,), entities=(pa,)),
        b.article_id: analysis(b, events=(eb,), entities=(pb,)),
    }
    (ev,) = build_events(
        "s1",
        [a.article_id, b.article_id],
        {a.article_id: a, b.article_id: b},
        analyses,
        corpus,
        actor_map,
        {},
    )
    assert (ev.event_type, ev.actor, ev.actor_id, ev.target) == ("ASSAULT", "Oren Vask", "p:vask", "Dunmere")
    assert (ev.article_count, ev.source_count, len(ev.mentions)) == (2, 2, 2)
    assert (ev.when, ev.when_basis, ev.first_seen.isoformat() if ev.first_seen else None) == (
        "2031-05-12",
        "time expression",
        "2031-05-14",
    )
    for m in ev.mentions:
        art = a if m.article_id == a.article_id else b
        assert art.text[m.start : m.end] == m.text == "shelled"


def test_build_events_counts_a_copy_as_a_mention_only() -> None:
    (a, b), _ = _two_outlets()
    ea = _event(a, "shelled", "ASSAULT", "Marshal Oren Vask", "Dunmere")
    eb = _event(b, "shelled", "ASSAULT", "Oren Vask", "Dunmere")
    analyses = {a.article_id: analysis(a, events=(ea,)), b.article_id: analysis(b, events=(eb,))}
    arts = {a.article_id: a, b.article_id: b}
    (ev,) = build_events("s1", list(arts), arts, analyses, {}, {}, {b.article_id: a.article_id})
    assert [m.article_id for m in ev.mentions if m.copy_of] == [b.article_id]
    assert (len(ev.mentions), ev.article_count, ev.source_count) == (2, 1, 1)


def test_build_events_is_undated_unless_asked_for_the_publication_date() -> None:
    (a, _b), _ = _two_outlets()
    ea = _event(a, "shelled", "ASSAULT", "Marshal Oren Vask", "Dunmere")
    arts = {a.article_id: a}
    analyses = {a.article_id: analysis(a, events=(ea,))}
    (ev,) = build_events("s1", list(arts), arts, analyses, {}, {}, {})
    assert (ev.when, ev.when_basis) == (None, "undated")
    (ev,) = build_events("s1", list(arts), arts, analyses, {}, {}, {}, date_fallback="publication")
    assert (ev.when, ev.when_basis) == ("2031-05-14", "publication date")


def test_build_events_an_undated_report_joins_the_dated_one() -> None:
    (a, b), _ = _two_outlets()
    ea = _event(a, "shelled", "ASSAULT", "Marshal Oren Vask", "Dunmere", actor_country="VLT")
    eb = _event(b, "shelled", "ASSAULT", "Oren Vask", "Dunmere", actor_country="VLT", when="2031-05-12")
    arts = {a.article_id: a, b.article_id: b}
    analyses = {a.article_id: analysis(a, events=(ea,)), b.article_id: analysis(b, events=(eb,))}
    (ev,) = build_events("s1", list(arts), arts, analyses, {}, {}, {})
    assert ev.when == "2031-05-12" and len(ev.mentions) == 2


def test_build_events_drops_reports_that_name_nobody() -> None:
    a = article("It shelled them at night.", outlet="Northern Post")
    e = _event(a, "shelled", "ASSAULT", "It", "them", actor_sector=None)
    arts = {a.article_id: a}
    assert build_events("s1", list(arts), arts, {a.article_id: analysis(a, events=(e,))}, {}, {}, {}) == []


def test_mention_confidence_rewards_complete_reports_and_halves_unreal_acts() -> None:
    a = article("Marshal Oren Vask shelled Dunmere on Monday.", outlet="Northern Post")
    full = _event(a, "shelled", "ASSAULT", "Marshal Oren Vask", "Dunmere", when="2031-05-12")
    assert mention_confidence(full) == 0.9
    assert mention_confidence(full.model_copy(update={"modality": "threat"})) == 0.45


def test_stances_from_events_and_quotes() -> None:
    a = article(
        "Minister Ilse Varga rejected the northern peace plan. "
        'Tomas Reyk said: "We support the peace plan fully."',
        outlet="Northern Post",
    )
    e = _event(a, "rejected", "REJECT", "Minister Ilse Varga", "the northern peace plan", actor_sector="GOV")
    arts = {a.article_id: a}
    events = build_events("s1", list(arts), arts, {a.article_id: analysis(a, events=(e,))}, {}, {}, {})
    assert main_proposals(events) == ["northern peace plan"]
    q = quote(a, "We support the peace plan fully.", speaker="Tomas Reyk")
    stances = {(s.actor, s.stance, s.towards, s.towards_kind) for s in build_stances(events, [q])}
    assert ("Minister Ilse Varga", "rejects", "northern peace plan", "proposal") in stances
    assert ("Tomas Reyk", "supports", "northern peace plan", "proposal") in stances


def test_stances_negated_support_is_a_rejection() -> None:
    a = article('Ilse Varga rejected the plan. Reyk said: "We will not support the plan."', outlet="Post")
    e = _event(a, "rejected", "REJECT", "Ilse Varga", "the plan", actor_sector="GOV")
    arts = {a.article_id: a}
    events = build_events("s1", list(arts), arts, {a.article_id: analysis(a, events=(e,))}, {}, {}, {})
    q = quote(a, "We will not support the plan.", speaker="Reyk")
    assert ("Reyk", "rejects") in {(s.actor, s.stance) for s in build_stances(events, [q])}


def test_stances_need_an_identified_actor() -> None:
    a = article("Experts rejected the plan. The council rejected the plan.", outlet="Post")
    vague = _event(a, "rejected", "REJECT", "Experts", "the plan", actor_sector=None)
    arts = {a.article_id: a}
    events = build_events("s1", list(arts), arts, {a.article_id: analysis(a, events=(vague,))}, {}, {}, {})
    assert events == []  # nobody the story can name: not counted, and no stance
    assert build_stances(events, []) == []


def test_story_places_geocodes_event_places_and_place_actors() -> None:
    a = article("Marshal Oren Vask shelled Dunmere near Kharkiv.", outlet="Post")
    e = _event(a, "shelled", "ASSAULT", "Marshal Oren Vask", "Dunmere").model_copy(
        update={"where": "Kharkiv", "where_country": "UKR", "where_lat": 50.0, "where_lon": 36.2}
    )
    arts = {a.article_id: a}
    events = build_events("s1", list(arts), arts, {a.article_id: analysis(a, events=(e,))}, {}, {}, {})
    actors = (
        Entity(entity_id="g1", name="Lisbon", type="place"),
        Entity(entity_id="g2", name="Dunmere", type="place"),  # not in the gazetteer: left off
    )
    story = Story(story_id="s1", title="t", article_ids=(a.article_id,), events=tuple(events), actors=actors)
    places = {(p.name, p.country, p.events) for p in story_places(story)}
    assert places == {("Kharkiv", "UKR", 1), ("Lisbon", "PRT", 0)}


def test_a_persons_gazetteer_country_outranks_the_coders_guess() -> None:
    a = article("Tomas Reyk praised Ilse Varga in Dunmere.", outlet="Post")
    e = _event(a, "praised", "SUPPORT", "Tomas Reyk", "Ilse Varga", actor_country="UKR")
    p = person(a, "Tomas Reyk").model_copy(update={"country": "PT"})
    corpus, actor_map = _corpus((a, p, "p:reyk"))
    arts = {a.article_id: a}
    (ev,) = build_events(
        "s1", list(arts), arts, {a.article_id: analysis(a, events=(e,), entities=(p,))}, corpus, actor_map, {}
    )
    assert (ev.actor_id, ev.actor_country) == ("p:reyk", "PRT")


def test_stances_skip_an_uncoded_side() -> None:
    from storyline.link.stances import stances_from_events
    from storyline.models import StoryEvent

    coded = StoryEvent(
        event_id="e1",
        event_type="SUPPORT",
        actor="the ministry",
        actor_sector="GOV",
        target="Tomas Reyk",
        target_id="p:reyk",
    )
    vague = coded.model_copy(update={"actor_sector": None})
    assert [s.stance for s in stances_from_events([coded])] == ["supports"]
    assert stances_from_events([vague]) == []


def _build(*pairs: tuple[Article, Event], entities: dict[str, tuple[Entity, ...]] | None = None,
           corpus: dict[str, Entity] | None = None, actor_map: dict[tuple[str, str], str] | None = None) -> list:  # fmt: skip
    arts = {a.article_id: a for a, _ in pairs}
    events: dict[str, list[Event]] = {}
    for a, e in pairs:
        events.setdefault(a.article_id, []).append(e)
    analyses = {
        aid: analysis(arts[aid], events=tuple(evs), entities=(entities or {}).get(aid, ()))
        for aid, evs in events.items()
    }
    return build_events("s1", list(arts), arts, analyses, corpus or {}, actor_map or {}, {})


def test_build_events_joins_a_coded_report_to_the_actor_with_that_code() -> None:
    a = article("Marshal Oren Vask shelled Dunmere on Monday.", outlet="Northern Post")
    b = article("The Valtenian army shelled Dunmere on Monday.", outlet="Harbour Times")
    ea = _event(a, "shelled", "ASSAULT", "Marshal Oren Vask", "Dunmere", actor_country="VLT")
    eb = _event(b, "shelled", "ASSAULT", "The Valtenian army", "Dunmere", actor_country="VLT")
    pa = person(a, "Oren Vask")
    corpus, actor_map = _corpus((a, pa, "p:vask"))
    (ev,) = _build((a, ea), (b, eb), entities={a.article_id: (pa,)}, corpus=corpus, actor_map=actor_map)
    assert (ev.actor_id, ev.article_count, ev.source_count) == ("p:vask", 2, 2)


def test_build_events_keeps_a_coded_report_apart_when_two_actors_have_that_code() -> None:
    a = article(
        "Marshal Oren Vask shelled Dunmere. Colonel Ida Brunn shelled Dunmere.", outlet="Northern Post"
    )
    b = article("The Valtenian army shelled Dunmere on Monday.", outlet="Harbour Times")
    e1 = _event(a, "shelled", "ASSAULT", "Marshal Oren Vask", "Dunmere", actor_country="VLT")
    s2 = a.text.index("shelled", 30)
    e2 = _event(a, "Colonel Ida Brunn", "ASSAULT", "Colonel Ida Brunn", "Dunmere", actor_country="VLT")
    e2 = e2.model_copy(update={"text": "shelled", "start": s2, "end": s2 + 7})
    eb = _event(b, "shelled", "ASSAULT", "The Valtenian army", "Dunmere", actor_country="VLT")
    pa, pc = person(a, "Oren Vask"), person(a, "Ida Brunn", eid="e2")
    corpus, actor_map = _corpus((a, pa, "p:vask"), (a, pc, "p:brunn"))
    events = _build(
        (a, e1), (a, e2), (b, eb), entities={a.article_id: (pa, pc)}, corpus=corpus, actor_map=actor_map
    )
    assert sorted((ev.actor_id or "", ev.article_count) for ev in events) == [
        ("", 1),
        ("p:brunn", 1),
        ("p:vask", 1),
    ]


def test_participant_key_is_the_entity_at_the_head_not_a_modifier() -> None:
    from storyline.link.events import head_offsets, participant_key
    from storyline.models import Mention

    text = "Valtenian politicians rejected the plan."
    a = article(text, outlet="Post")
    group = Entity(
        entity_id="g1", name="Valtenian", type="group", mentions=(Mention(text="Valtenian", start=0, end=9),)
    )
    phrase = "Valtenian politicians"
    got = participant_key(phrase, (0, len(phrase)), "VLT", (group,), a.article_id, {(a.article_id, "g1"): "c:g"},
                          {"c:g": group}, "GOV", phrase)  # fmt: skip
    assert (got.key, got.actor_id) == ("code:VLT:GOV", None)
    # the event coder's own resolution still counts, and so does a mention at the head
    got = participant_key("Valtenian", (0, len(phrase)), "VLT", (group,), a.article_id, {(a.article_id, "g1"): "c:g"},
                          {"c:g": group}, "GOV", phrase)  # fmt: skip
    assert got.actor_id == "c:g"
    assert head_offsets("envoys from Dunmere", 10) == (10, 16)
    assert head_offsets("their Valtenian counterparts in Dunmere", 0) == (16, 28)


def test_build_events_resolves_a_name_the_coder_gave_to_the_storys_actor() -> None:
    a = article("The Valtenian envoy dismissed the plan on Monday.", outlet="Post")
    e = _event(a, "dismissed", "REJECT", "The Valtenian envoy", "the plan", actor_country="VLT")
    e = e.model_copy(update={"actor": "Oren Vask"})  # the office holder the coder resolved
    vask = Entity(entity_id="p:vask", name="Oren Vask", type="person")
    (ev,) = _build((a, e), corpus={"p:vask": vask})
    assert (ev.actor_id, ev.actor) == ("p:vask", "Oren Vask")


def _story_event(a: Article, trigger: str, kind: str, target: str, **extra: object) -> object:
    from storyline.models import EventMention, StoryEvent

    s = a.text.index(trigger)
    sent_end = a.text.index(".", s) + 1
    sent_start = a.text.rfind(". ", 0, s) + 2 if ". " in a.text[:s] else 0
    mention = EventMention(event_id="e1", article_id=a.article_id, text=trigger, start=s, end=s + len(trigger),
                           sentence_start=sent_start, sentence_end=sent_end, confidence=1.0)  # fmt: skip
    return StoryEvent(event_id="e1", event_type=kind, actor="Oren Vask", actor_id="p:vask", target=target,
                      mentions=(mention,), **extra)  # type: ignore[arg-type]  # fmt: skip


def test_a_partial_quote_takes_its_stance_towards_what_its_sentence_is_about() -> None:
    a = article(
        "Oren Vask rejected the northern peace plan, calling it 'reckless and dangerous'.", outlet="Post"
    )
    ev = _story_event(a, "rejected", "REJECT", "the northern peace plan")
    q = quote(a, "reckless and dangerous", speaker="Oren Vask", kind="partial")
    stances = build_stances([ev], [q])  # type: ignore[list-item]
    assert ("Oren Vask", "criticises", "northern peace plan", "proposal", "quote") in {
        (s.actor, s.stance, s.towards, s.towards_kind, e.kind) for s in stances for e in s.evidence
    }


def test_a_quote_takes_its_stance_towards_the_actor_named_after_the_cue() -> None:
    a = article(
        "Ida Brunn met Oren Vask. Ida Brunn said her party stands ready to back Oren Vask in the vote.",
        outlet="Post",
    )
    ev = _story_event(a, "met", "CONSULT", "Oren Vask").model_copy(  # type: ignore[attr-defined]
        update={"actor": "Ida Brunn", "actor_id": "p:brunn", "target_id": "p:vask"}
    )
    q = quote(a, "her party stands ready to back Oren Vask in the vote", speaker="Ida Brunn", kind="indirect")
    stances = {(s.actor, s.stance, s.towards, s.towards_kind) for s in build_stances([ev], [q])}
    assert ("Ida Brunn", "supports", "Oren Vask", "actor") in stances
    # no stance word, or one not aimed at anybody the story names: nothing from the quote
    q2 = quote(a, "Ida Brunn met Oren Vask", speaker="Ida Brunn", kind="indirect")
    assert all(e.kind == "event" for s in build_stances([ev], [q2]) for e in s.evidence)


def test_story_places_maps_a_capital_recognised_as_another_kind_of_actor() -> None:
    story = Story(
        story_id="s1",
        title="t",
        article_ids=(),
        actors=(
            Entity(entity_id="c1", name="Lisbon", type="person", mention_count=3),  # "Lisbon said ..."
            Entity(entity_id="c2", name="Porto", type="person"),  # a city, not a capital: a name
        ),
    )
    assert [(p.name, p.country, p.mentions) for p in story_places(story)] == [("Lisbon", "PRT", 3)]


def test_build_events_dated_from_the_paragraph_only_says_so() -> None:
    (a, b), _ = _two_outlets()
    ea = _event(
        a, "shelled", "ASSAULT", "Marshal Oren Vask", "Dunmere", when="2031-05-12", when_basis="paragraph"
    )
    arts = {a.article_id: a}
    (ev,) = build_events("s1", list(arts), arts, {a.article_id: analysis(a, events=(ea,))}, {}, {}, {})
    assert (ev.when, ev.when_basis) == ("2031-05-12", "paragraph time expression")
    eb = _event(b, "shelled", "ASSAULT", "Oren Vask", "Dunmere", when="2031-05-12", when_basis="sentence")
    arts = {a.article_id: a, b.article_id: b}
    analyses = {a.article_id: analysis(a, events=(ea,)), b.article_id: analysis(b, events=(eb,))}
    (ev,) = build_events("s1", list(arts), arts, analyses, {}, {}, {})
    assert (ev.when, ev.when_basis) == ("2031-05-12", "time expression")  # one report dates it itself

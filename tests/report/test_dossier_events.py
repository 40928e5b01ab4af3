"""The dossier's event sections: events, who did what to whom, stances, and the map."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema_rs
from report_corpus import HOSTILE, make_corpus

from storyline.link.events import PlacePoint
from storyline.models import EventMention, Stance, StanceEvidence, Story, StoryEvent
from storyline.report import write_dossier
from storyline.report.events import events_section, places_svg, who_did_what


def _with_events(story: Story, article_id: str, text: str, name: str) -> Story:
    s = text.index("spoke")
    mention = EventMention(
        event_id="ev1", article_id=article_id, text="spoke", start=s, end=s + 5, confidence=0.6
    )
    event = StoryEvent(
        event_id="ev1",
        event_type="CONSULT",
        actor=name,
        actor_country="VLT",
        target="Orlo council",
        where="Orlo",
        where_country="PRT",
        where_lat=38.7,
        where_lon=-9.1,
        article_count=1,
        source_count=1,
        mentions=(mention,),
    )
    stance = Stance(
        actor=name,
        stance="supports",
        towards="bridge plan",
        towards_kind="proposal",
        evidence=(StanceEvidence(article_id=article_id, kind="event", text="spoke", start=s, end=s + 5),),
    )
    return story.model_copy(update={"events": (event,), "stances": (stance,)})


def _corpus(hostile: bool) -> tuple[list[Story], list, list]:  # type: ignore[type-arg]
    stories, articles, analyses = make_corpus(hostile=hostile)
    name = HOSTILE[0] if hostile else "Mira Solt"
    stories = [_with_events(stories[0], articles[0].article_id, articles[0].text, name)]
    return stories, articles, analyses


def test_dossier_shows_events_stances_and_map(tmp_path: Path) -> None:
    stories, articles, analyses = _corpus(hostile=False)
    json_path, html_path = write_dossier(tmp_path, stories, articles, analyses)
    html = html_path.read_text("utf-8")
    assert "Events: who did what to whom" in html and "<svg" in html
    assert "Mira Solt</strong> supports bridge plan" in html
    # the event mention links to an anchor that exists in the article text
    anchor = f'href="#art0-{articles[0].text.index("spoke")}-{articles[0].text.index("spoke") + 5}"'
    assert anchor in html and anchor.replace('href="#', 'id="') in html
    schema = json.loads((Path(__file__).resolve().parents[2] / "docs" / "dossier.schema.json").read_text())
    data = json.loads(json_path.read_text("utf-8"))
    assert [str(e) for e in jsonschema_rs.validator_for(schema).iter_errors(data)] == []


def test_dossier_event_sections_escape_hostile_names(tmp_path: Path) -> None:
    stories, articles, analyses = _corpus(hostile=True)
    html = write_dossier(tmp_path, stories, articles, analyses)[1].read_text("utf-8")
    assert HOSTILE[0] not in html
    assert html.lower().count("<script") == 1  # the dossier's own list script, nothing from the text


def test_places_svg_escapes_labels_and_stays_in_its_box() -> None:
    points = [
        PlacePoint("<b>Orlo</b>", "PRT", None, 38.7, -9.1, 2, 0, "event location"),
        PlacePoint("Vell & Co", "ESP", "Madrid", 40.4, -3.7, 0, 3, "GeoNames city"),
    ]
    svg = places_svg(points)
    assert svg.startswith("<svg") and svg.endswith("</svg>")
    assert "<b>" not in svg and "&lt;b&gt;Orlo&lt;/b&gt;" in svg and "Vell &amp; Co" in svg
    assert "http" not in svg.replace("http://www.w3.org/2000/svg", "")  # nothing fetched
    assert places_svg([]) == ""


def test_who_did_what_is_source_by_target() -> None:
    stories, _, _ = _corpus(hostile=False)
    table = who_did_what(stories[0])
    assert table == {"sources": ["Mira Solt"], "targets": ["Orlo council"], "cells": [[["CONSULT"]]]}
    assert events_section(stories[0])["places"][0]["name"] == "Orlo"

"""The event-data sections of a story, for the dossier and the web app.

``events_section(story)`` returns JSON-ready data: the story's events (most reported first)
with their mentions, a who-did-what-to-whom table (source actor by target actor, the event
types in each cell), the stances with their evidence, and the places for the map.
``places_svg(places)`` draws the map as inline SVG: an equirectangular graticule framed on
the places, a dot per place sized by how much the story says about it. No tile server, no
script, nothing fetched; every label is escaped.
"""

from __future__ import annotations

from collections import defaultdict
from html import escape
from typing import Any

from storyline.link.events import PlacePoint, story_places
from storyline.models import Story

__all__ = ["MAP_HEIGHT", "MAP_WIDTH", "MAX_TABLE_ACTORS", "events_section", "places_svg", "who_did_what"]

MAX_TABLE_ACTORS = 12  # rows / columns of the who-did-what table
MAP_WIDTH, MAP_HEIGHT = 720, 360
_MARGIN_DEG = 4.0


def who_did_what(story: Story) -> dict[str, Any]:
    """Source actors (rows) by target actors (columns): the event types between them."""
    cells: dict[tuple[str, str], list[str]] = defaultdict(list)
    weight: dict[str, int] = defaultdict(int)
    for e in story.events:
        if not e.actor or not e.target:
            continue
        cells[(e.actor, e.target)].append(e.event_type)
        weight[e.actor] += len(e.mentions)
        weight[e.target] += len(e.mentions)
    ranked = sorted(weight, key=lambda a: (-weight[a], a))[:MAX_TABLE_ACTORS]
    rows = [a for a in ranked if any(s == a for s, _ in cells)]
    cols = [a for a in ranked if any(t == a for _, t in cells)]
    return {
        "sources": rows,
        "targets": cols,
        "cells": [[sorted(set(cells.get((r, c), []))) for c in cols] for r in rows],
    }


def _frame(places: list[PlacePoint]) -> tuple[float, float, float, float]:
    lats = [p.lat for p in places]
    lons = [p.lon for p in places]
    west, east = min(lons) - _MARGIN_DEG, max(lons) + _MARGIN_DEG
    south, north = min(lats) - _MARGIN_DEG, max(lats) + _MARGIN_DEG
    # keep the 2:1 aspect of the equirectangular frame
    width, height = east - west, north - south
    if width < 2 * height:
        pad = (2 * height - width) / 2
        west, east = west - pad, east + pad
    else:
        pad = (width / 2 - height) / 2
        south, north = south - pad, north + pad
    return max(-180.0, west), min(180.0, east), max(-90.0, south), min(90.0, north)


def places_svg(places: list[PlacePoint]) -> str:
    """The map of ``places`` as an inline SVG element (empty string when there is none)."""
    if not places:
        return ""
    west, east, south, north = _frame(places)
    span_x, span_y = (east - west) or 1.0, (north - south) or 1.0

    def xy(lat: float, lon: float) -> tuple[float, float]:
        return (lon - west) / span_x * MAP_WIDTH, (north - lat) / span_y * MAP_HEIGHT

    step = 30 if span_x > 90 else 10 if span_x > 30 else 5 if span_x > 10 else 1
    parts = [
        f'<svg class="places-map" viewBox="0 0 {MAP_WIDTH} {MAP_HEIGHT}" role="img" '
        f'aria-label="Map of the story\'s places" xmlns="http://www.w3.org/2000/svg">',
        f'<rect width="{MAP_WIDTH}" height="{MAP_HEIGHT}" fill="#eef4f8"/>',
    ]
    lon = int(west // step) * step
    while lon <= east:
        x, _ = xy(0, lon)
        parts.append(f'<line x1="{x:.1f}" y1="0" x2="{x:.1f}" y2="{MAP_HEIGHT}" stroke="#cfdbe4"/>')
        parts.append(f'<text x="{x + 2:.1f}" y="{MAP_HEIGHT - 4}" font-size="9" fill="#789">{lon}°</text>')
        lon += step
    lat = int(south // step) * step
    while lat <= north:
        _, y = xy(lat, 0)
        parts.append(f'<line x1="0" y1="{y:.1f}" x2="{MAP_WIDTH}" y2="{y:.1f}" stroke="#cfdbe4"/>')
        parts.append(f'<text x="2" y="{y - 2:.1f}" font-size="9" fill="#789">{lat}°</text>')
        lat += step
    for p in places:
        x, y = xy(p.lat, p.lon)
        r = 3 + min(9, 2 * p.events + p.mentions // 2)
        colour = "#c0392b" if p.events else "#2e6da4"
        title = escape(f"{p.name} ({p.country}{', ' + p.region if p.region else ''}): {p.basis}")
        parts.append(
            f'<g><title>{title}</title><circle cx="{x:.1f}" cy="{y:.1f}" r="{r}" fill="{colour}" '
            f'fill-opacity=".75" stroke="#fff"/>'
            f'<text x="{x + r + 2:.1f}" y="{y + 4:.1f}" font-size="12">{escape(p.name)}</text></g>'
        )
    parts.append("</svg>")
    return "".join(parts)


def events_section(story: Story) -> dict[str, Any]:
    """The story's events, who-did-what table, stances and places, JSON-ready."""
    places = story_places(story)
    return {
        "events": [e.model_dump(mode="json") for e in story.events],
        "who_did_what": who_did_what(story),
        "stances": [s.model_dump(mode="json") for s in story.stances],
        "places": [
            {
                "name": p.name,
                "country": p.country,
                "region": p.region,
                "lat": p.lat,
                "lon": p.lon,
                "events": p.events,
                "mentions": p.mentions,
                "basis": p.basis,
            }
            for p in places
        ],
        "map_svg": places_svg(places),
    }

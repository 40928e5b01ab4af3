"""`storyline events`: list the stored stories' events (who did what to whom, where, when)."""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from storyline.cli.app import DbOption, OffsetOption, PageLimitOption, app, err, read_store, storyline_errors
from storyline.library import find_story_events
from storyline.models import StoryEvent

out = Console(highlight=False, soft_wrap=True)


def _side(name: str | None, country: str | None, sector: str | None) -> str:
    codes = " ".join(c for c in (country, sector) if c)
    return escape(name or "(unknown)") + (f" [dim]\\[{escape(codes)}][/]" if codes else "")


def event_lines(story_id: str, e: StoryEvent) -> str:
    """An event in three lines: when and what, who to whom (with codes) and where, its reports."""
    kind = e.event_type + (f"/{e.mode}" if e.mode else "")
    flags = [f for f in (e.modality, "negated" if e.negated and e.modality != "negated" else None) if f]
    head = f"[bold]{escape(kind)}[/]" + (f" [yellow]({escape(', '.join(flags))})[/]" if flags else "")
    when = e.when or "undated"
    who = _side(e.actor, e.actor_country, e.actor_sector)
    if e.target or e.target_country:
        who += " → " + _side(e.target, e.target_country, e.target_sector)
    where = ""
    if e.where:
        place = e.where + (f", {e.where_country}" if e.where_country else "")
        where = f" [dim]at[/] {escape(place)}"
    reports = ", ".join(f"{m.article_id} {m.start}-{m.end} “{m.text}”" for m in e.mentions[:3])
    more = f" +{len(e.mentions) - 3}" if len(e.mentions) > 3 else ""
    return (
        f"{head} [dim]{escape(when)} · {escape(e.event_id)} · story {escape(story_id)}[/]\n"
        f"  {who}{where}\n"
        f"  [dim]— {e.article_count} article(s), {e.source_count} outlet(s): {escape(reports)}{more}[/]"
    )


@app.command("events")
def events_command(
    story: Annotated[
        str | None, typer.Option("--story", metavar="ID", help="Only this story's events.")
    ] = None,
    event_type: Annotated[
        str | None,
        typer.Option("--type", metavar="TYPE", help="Only events of this PLOVER type (AGREE, ASSAULT, ...)."),
    ] = None,
    actor: Annotated[
        str | None,
        typer.Option(
            "--actor", metavar="NAME", help="Only events whose source or target name contains this."
        ),
    ] = None,
    country: Annotated[
        str | None,
        typer.Option(
            "--country",
            metavar="ISO3",
            help="Only events whose source, target or place has this country code.",
        ),
    ] = None,
    db: DbOption = None,
    limit: PageLimitOption = 100,
    offset: OffsetOption = 0,
    as_json: Annotated[
        bool, typer.Option("--json", help="One JSON object per line: the event record with its story id.")
    ] = False,
) -> None:
    """List who did what to whom: each story event (counted once however many outlets report
    it) with its type, date, coded source and target, place, and the reports it rests on."""
    with storyline_errors(), read_store(db) as store:
        found = find_story_events(store, story_id=story, event_type=event_type, actor=actor, country=country)
        rows = found[offset : offset + limit]
    if as_json:
        for story_id, e in rows:
            typer.echo(json.dumps({"story_id": story_id, **e.model_dump(mode="json")}, ensure_ascii=False))
        return
    if not rows:
        err.print("no events found", highlight=False)
        return
    for story_id, e in rows:
        out.print(event_lines(story_id, e))
    if len(found) > offset + limit:
        err.print(f"{len(found) - offset - limit} more: --offset {offset + limit}", highlight=False)

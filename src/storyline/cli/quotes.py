"""`storyline quotes`: list stored quotes, optionally by speaker or article."""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from storyline.cli.app import app, settings, storyline_errors
from storyline.models import Quote

out = Console(highlight=False, soft_wrap=True)


def _quote_json(q: Quote) -> dict[str, object]:
    return q.model_dump(mode="json")


def _quote_line(q: Quote) -> str:
    speaker = q.speaker or "(unattributed)"
    cue = f" {q.cue}" if q.cue else ""
    marks = "" if q.kind == "indirect" else "“"
    close = "" if q.kind == "indirect" else "”"
    return (
        f"[bold]{escape(speaker)}[/]{escape(cue)} [dim]({q.kind}, {escape(q.article_id)} "
        f"{q.start}-{q.end})[/]\n  {marks}{escape(q.text)}{close}"
    )


@app.command("quotes")
def quotes_command(
    speaker: Annotated[str | None, typer.Option("--speaker", help="Only quotes by this speaker.")] = None,
    article: Annotated[
        str | None, typer.Option("--article", help="Only quotes from this article id.")
    ] = None,
    db: Annotated[
        str | None, typer.Option("--db", help="The store: a SQLite path or postgresql:// URL.")
    ] = None,
    limit: Annotated[int, typer.Option("--limit", min=1, max=10_000, help="At most this many.")] = 100,
    offset: Annotated[int, typer.Option("--offset", min=0, help="Skip this many first.")] = 0,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per line.")] = False,
) -> None:
    """List who said what: the quotes in the store, with speaker, cue and offsets."""
    from storyline.store.base import open_store

    with storyline_errors():
        store = open_store(db or settings().store.url)
        try:
            found = store.quotes(speaker=speaker, article_id=article, limit=limit, offset=offset)
        finally:
            store.close()
    if as_json:
        for q in found:
            typer.echo(json.dumps(_quote_json(q), ensure_ascii=False))
        return
    if not found:
        typer.echo("no quotes found", err=True)
        return
    for q in found:
        out.print(_quote_line(q))

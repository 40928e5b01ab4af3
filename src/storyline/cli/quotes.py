"""`storyline quotes`: list stored quotes, optionally by speaker or article."""

from __future__ import annotations

import json
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape

from storyline.cli.app import DbOption, OffsetOption, PageLimitOption, app, err, read_store, storyline_errors

out = Console(highlight=False, soft_wrap=True)


def quote_lines(q: dict[str, Any]) -> str:
    """A quote row in three lines: who and where in the article, the words, the source."""
    speaker = q["speaker"] or "(unattributed)"
    cue = f" {q['cue']}" if q["cue"] else ""
    marks = ("", "") if q["kind"] == "indirect" else ("“", "”")
    source = ", ".join(
        [q["outlet"] or "(unknown outlet)", q["published"] or "undated", q["title"] or "(untitled)"]
    )
    return (
        f"[bold]{escape(speaker)}[/]{escape(cue)} [dim]({q['kind']}, {escape(q['article_id'])} "
        f"{q['start']}-{q['end']})[/]\n  {marks[0]}{escape(q['text'])}{marks[1]}\n"
        f"  [dim]— {escape(source)}[/]"
    )


@app.command("quotes")
def quotes_command(
    speaker: Annotated[
        str | None, typer.Option("--speaker", metavar="NAME", help="Only quotes by this speaker.")
    ] = None,
    article: Annotated[
        str | None, typer.Option("--article", metavar="ID", help="Only quotes from this article id.")
    ] = None,
    db: DbOption = None,
    limit: PageLimitOption = 100,
    offset: OffsetOption = 0,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per line.")] = False,
) -> None:
    """List who said what: speaker, cue, the words, and the outlet, date and title they came from."""
    from storyline.library import quote_rows_with_articles

    with storyline_errors(), read_store(db) as store:
        found = store.quotes(speaker=speaker, article_id=article, limit=limit, offset=offset)
        rows = list(quote_rows_with_articles(store, found))
    if as_json:
        for row in rows:
            typer.echo(json.dumps(row, ensure_ascii=False))
        return
    if not rows:
        err.print("no quotes found", highlight=False)
        return
    for row in rows:
        out.print(quote_lines(row))

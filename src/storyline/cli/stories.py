"""`storyline stories`: list the stored stories; `stories merge` and `stories split` correct them."""

from __future__ import annotations

import json
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from storyline import services
from storyline.cli.app import DbOption, JsonOption, app, read_store, settings, storyline_errors
from storyline.models import Story
from storyline.store import Store

stories_app = typer.Typer(
    help="List the stored stories (id, title, dates, articles, outlets, independent sources).",
    invoke_without_command=True,
    no_args_is_help=False,
)
app.add_typer(stories_app, name="stories")


def story_row(story: Story, store: Store) -> dict[str, Any]:
    """One story as the listing shows it: dates, counts, outlets and independent sources."""
    articles = store.articles_by_ids(list(story.article_ids))
    dates = sorted(a.published for a in articles if a.published is not None)
    outlets = sorted({a.outlet for a in articles if a.outlet})
    return {
        "story_id": story.story_id,
        "title": story.title,
        "first": dates[0].isoformat() if dates else None,
        "last": dates[-1].isoformat() if dates else None,
        "articles": len(story.article_ids),
        "outlets": outlets,
        "independent_sources": len(story.article_ids) - len(story.duplicate_of),
    }


def _dates(r: dict[str, Any]) -> str:
    first, last = r["first"] or "-", r["last"] or "-"
    return first if first == last else f"{first}..{last[5:] if last[:4] == first[:4] else last}"


def _table(rows: list[dict[str, Any]], width: int) -> Table:
    """The listing; story ids are never cut (the title gives way)."""
    id_w = max(len(r["story_id"]) for r in rows)
    date_w = max(len(_dates(r)) for r in rows)
    counts_w = 4 + 5 + 6  # "art.", "outl.", "indep."
    title_w = max(8, width - id_w - date_w - counts_w - 2 * 5)  # two spaces between columns
    table = Table(show_edge=False, pad_edge=False, box=None, expand=False)
    table.add_column("story", no_wrap=True, min_width=id_w)
    table.add_column("title", overflow="ellipsis", no_wrap=True, max_width=title_w)
    table.add_column("dates", no_wrap=True, min_width=date_w)
    table.add_column("art.", justify="right", no_wrap=True)
    table.add_column("outl.", justify="right", no_wrap=True)
    table.add_column("indep.", justify="right", no_wrap=True)
    for r in rows:
        table.add_row(
            r["story_id"],
            r["title"],
            _dates(r),
            str(r["articles"]),
            str(len(r["outlets"])),
            str(r["independent_sources"]),
        )
    return table


@stories_app.callback()
def stories(
    ctx: typer.Context,
    db: DbOption = None,
    as_json: JsonOption = False,
    limit: Annotated[int, typer.Option("--limit", min=0, help="Show at most this many (0: all).")] = 0,
) -> None:
    """List the stored stories, largest first: id, title, dates, articles, outlets and
    independent sources (articles that are not copies of another)."""
    if ctx.invoked_subcommand is not None:
        return
    with storyline_errors(), read_store(db) as store:
        found = sorted(store.stories(), key=lambda s: (-len(s.article_ids), s.story_id))
        if limit:
            found = found[:limit]
        rows = [story_row(s, store) for s in found]
    if as_json:
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    if not rows:
        typer.echo("no stories stored")
        return
    console = Console(soft_wrap=False)
    console.print(_table(rows, console.width))


@stories_app.command("merge")
def merge(
    story: Annotated[str, typer.Argument(help="The story that keeps its id.")],
    other: Annotated[str, typer.Argument(help="The story merged into it.")],
    db: DbOption = None,
) -> None:
    """Merge story OTHER into STORY. The decision is kept with its time: later runs keep
    their articles together."""
    with storyline_errors(), read_store(db) as store:
        built = services.merge_stored_stories(store, story, other, settings())
    for s in built:
        typer.echo(f"{s.story_id}\t{len(s.article_ids)} articles\t{s.title}")


@stories_app.command("split")
def split(
    story: Annotated[str, typer.Argument(help="The story to split.")],
    articles: Annotated[list[str], typer.Argument(help="Ids of the articles to take out of it.")],
    db: DbOption = None,
) -> None:
    """Take ARTICLES out of STORY into a story of their own. The decision is kept with its
    time: later runs never join them to the rest again."""
    with storyline_errors(), read_store(db) as store:
        built = services.split_stored_story(store, story, articles, settings())
    for s in built:
        typer.echo(f"{s.story_id}\t{len(s.article_ids)} articles\t{s.title}")

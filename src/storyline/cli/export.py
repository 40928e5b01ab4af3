"""`storyline export` (tables as JSONL, CSV or Parquet) and `storyline dossier`, from the store."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from storyline.cli.app import DbOption, app, err, read_store, storyline_errors
from storyline.export.tables import TABLES
from storyline.export.writers import FORMATS, write_table

TABLE_HELP = "; ".join(f"{t.name}: {t.help}" for t in TABLES.values())


@app.command()
def export(
    names: Annotated[
        list[str],
        typer.Argument(
            metavar="TABLE...",
            help=f"Tables to export, or `all`. {TABLE_HELP}.",
            show_default=False,
        ),
    ],
    db: DbOption = None,
    fmt: Annotated[
        str, typer.Option("--format", "-f", metavar="jsonl|csv|parquet", help="The file format.")
    ] = "jsonl",
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            "-o",
            metavar="PATH",
            help="A folder (each table to TABLE.EXT in it) or, for one table, a file name with a suffix. "
            "Default: one JSONL or CSV table to stdout, several tables to the current folder.",
        ),
    ] = None,
    story: Annotated[
        str | None, typer.Option("--story", metavar="ID", help="Only this story's rows.")
    ] = None,
) -> None:
    """Write tables of the store as JSON Lines, CSV or Parquet, streamed (never all in memory).

    Every table has fixed columns, so an empty one still has its header (CSV) or schema
    (Parquet). Prints one line per file written on stderr: table, rows, path.
    """
    wanted = list(TABLES) if names == ["all"] else names
    unknown = [n for n in wanted if n not in TABLES]
    if unknown:
        raise typer.BadParameter(
            f"no table {unknown[0]!r}; the tables are {', '.join(TABLES)} (or all)", param_hint="TABLE"
        )
    if fmt not in FORMATS:
        raise typer.BadParameter(f"no format {fmt!r}; use jsonl, csv or parquet", param_hint="--format")
    ext = FORMATS[fmt][1]
    to_stdout = out is None and len(wanted) == 1 and fmt != "parquet"
    if out is not None and len(wanted) == 1 and out.suffix and not out.is_dir():
        targets = {wanted[0]: out}
    else:
        folder = out or Path(".")
        targets = {n: folder / f"{n}.{ext}" for n in wanted}
    with storyline_errors(), read_store(db) as store:
        if story is not None:
            store.story(story)  # NotFound before any file is written
        if to_stdout:
            n = write_table(store, wanted[0], fmt, sys.stdout.buffer, story)
            sys.stdout.buffer.flush()
            err.print(f"{wanted[0]}: {n} rows", highlight=False)
            return
        for name, path in targets.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            with path.open("wb") as sink:
                n = write_table(store, name, fmt, sink, story)
            err.print(f"{name}: {n} rows -> {path}", highlight=False, soft_wrap=True)


@app.command()
def dossier(
    db: DbOption = None,
    out: Annotated[
        Path, typer.Option("--out", "-o", metavar="DIR", help="Write dossier.json and dossier.html here.")
    ] = Path("."),
) -> None:
    """Write dossier.json and dossier.html of every stored story, from the store (no analysis)."""
    from storyline.library import write_dossier_from

    with storyline_errors(), read_store(db) as store:
        written = write_dossier_from(store, out)
    for path in written:
        typer.echo(f"wrote {path}")

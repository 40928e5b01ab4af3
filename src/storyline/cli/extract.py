"""`storyline extract`: articles in the output contract, no store needed."""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path
from typing import Annotated, TextIO

import typer

from storyline.cli.app import OutletOption, SourcesOption, app, err, settings, storyline_errors
from storyline.ingest.sources import load_sources
from storyline.models import IngestProblem


def _parse_date(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as e:
        raise typer.BadParameter(f"expected YYYY-MM-DD, got {value!r}") from e


def problem_line(p: IngestProblem) -> str:
    """One line naming the input (and line) and what went wrong."""
    where = f"{p.source}:{p.line}" if p.line is not None else p.source
    return f"{p.severity}: {where}: {p.problem}"


class _Counts:
    def __init__(self) -> None:
        self.read = self.skipped = self.failed = 0

    def problem(self, p: IngestProblem) -> None:
        if p.severity == "skipped":
            self.skipped += 1
        else:
            self.failed += 1
        err.print(problem_line(p), markup=False, highlight=False, soft_wrap=True)


@app.command()
def extract(
    inputs: Annotated[
        list[str], typer.Argument(metavar="PATH...", help="Files, directories, URLs, or - for stdin.")
    ],
    out: Annotated[
        Path | None,
        typer.Option("--out", "-o", metavar="FILE", help="Write JSON lines here (default stdout)."),
    ] = None,
    stories: Annotated[
        bool, typer.Option("--stories", help="Cluster this run's articles; add a story id.")
    ] = False,
    skip_nlp: Annotated[
        bool, typer.Option("--skip-nlp", help="Only read and clean; no quotes or entities.")
    ] = False,
    published: Annotated[
        str | None,
        typer.Option("--published", metavar="DATE", help="Publication date (YYYY-MM-DD) for every input."),
    ] = None,
    outlet: OutletOption = None,
    sources: SourcesOption = None,
    fetch: Annotated[
        bool, typer.Option("--fetch", help="Fetch http(s) URLs given or listed in URL files.")
    ] = False,
    strict: Annotated[
        bool, typer.Option("--strict", help="Exit non-zero if any input was skipped or failed.")
    ] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No summary line.")] = False,
) -> None:
    """Read, clean and analyse articles; write one JSON object per article, in input order."""
    from storyline import library

    when = _parse_date(published)
    with storyline_errors():
        mapping = load_sources(sources) if sources else None
        cfg = settings()
        counts = _Counts()
        records = library.extract(
            inputs,
            settings=cfg,
            stories=stories,
            skip_nlp=skip_nlp,
            fetch=fetch,
            published=when,
            outlet=outlet,
            sources=mapping,
            on_problem=counts.problem,
        )
        sink: TextIO = out.open("w", encoding="utf-8") if out else sys.stdout
        try:
            for record in records:
                counts.read += 1
                sink.write(json.dumps(record, ensure_ascii=False) + "\n")
        finally:
            if out:
                sink.close()
    if not quiet:
        err.print(
            f"extract: {counts.read} read, {counts.skipped} skipped, {counts.failed} failed",
            markup=False,
            highlight=False,
        )
    if counts.read == 0 or (strict and counts.skipped + counts.failed):
        raise typer.Exit(1)

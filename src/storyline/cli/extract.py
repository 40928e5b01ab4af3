"""`storyline extract`: articles in the output contract, no store needed."""

from __future__ import annotations

import json
import sys
from collections import deque
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Annotated, Any, TextIO

import typer

from storyline import services
from storyline.cli.app import app, err, settings, storyline_errors
from storyline.models import Article, ArticleAnalysis, IngestProblem


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


@app.command()
def extract(
    inputs: Annotated[list[str], typer.Argument(help="Files, directories, URLs, or - for stdin.")],
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="Write JSON lines here (default stdout).")
    ] = None,
    stories: Annotated[
        bool, typer.Option("--stories", help="Cluster this run's articles; add a story id.")
    ] = False,
    skip_nlp: Annotated[
        bool, typer.Option("--skip-nlp", help="Only read and clean; no quotes or entities.")
    ] = False,
    published: Annotated[
        str | None, typer.Option("--published", help="Publication date (YYYY-MM-DD) for every input.")
    ] = None,
    fetch: Annotated[
        bool, typer.Option("--fetch", help="Fetch http(s) URLs given or listed in URL files.")
    ] = False,
    strict: Annotated[
        bool, typer.Option("--strict", help="Exit non-zero if any input was skipped or failed.")
    ] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No summary line.")] = False,
) -> None:
    """Read, clean and analyse articles; write one JSON object per article, in input order."""
    when = _parse_date(published)
    with storyline_errors():
        cfg = settings()
        counts = _Counts()

        def articles() -> Iterator[Article]:
            for item in services.read_articles(inputs, cfg, fetch=fetch, published=when):
                if isinstance(item, IngestProblem):
                    if item.severity == "skipped":
                        counts.skipped += 1
                    else:
                        counts.failed += 1
                    err.print(problem_line(item), markup=False, highlight=False, soft_wrap=True)
                    continue
                counts.read += 1
                yield item

        sink: TextIO = out.open("w", encoding="utf-8") if out else sys.stdout
        try:
            for record in _records(articles(), cfg, skip_nlp=skip_nlp, stories=stories):
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


def _records(
    articles: Iterator[Article], cfg: Any, *, skip_nlp: bool, stories: bool
) -> Iterator[dict[str, Any]]:
    """Pair each article with its analysis (streamed unless stories need the whole run)."""
    if stories:
        arts = list(articles)
        analyses = (
            [ArticleAnalysis(article_id=a.article_id) for a in arts]
            if skip_nlp
            else list(services.analyse_articles(arts, cfg))
        )
        built = services.build_stories(arts, analyses, settings=cfg)
        story_of = {aid: s.story_id for s in built for aid in s.article_ids}
        for a, an in zip(arts, analyses, strict=True):
            yield services.extract_record(a, an, story_of.get(a.article_id))
        return
    if skip_nlp:
        for a in articles:
            yield services.extract_record(a, None)
        return
    pending: deque[Article] = deque()

    def feed() -> Iterator[Article]:
        for a in articles:
            pending.append(a)
            yield a

    for analysis in services.analyse_articles(feed(), cfg):
        yield services.extract_record(pending.popleft(), analysis)

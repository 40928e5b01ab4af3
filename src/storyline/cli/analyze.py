"""`storyline analyze`, `storyline articles`, `storyline show`: the main job and the store."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table

from storyline import services
from storyline.cli.app import (
    DbOption,
    JsonOption,
    OffsetOption,
    OutletOption,
    SourcesOption,
    app,
    err,
    read_store,
    settings,
    storyline_errors,
)
from storyline.errors import ConfigError
from storyline.export.records import article_row
from storyline.ingest.sources import load_sources
from storyline.models import IngestProblem
from storyline.store import Store, open_store


@contextmanager
def _store(db: str | None) -> Iterator[Store]:
    url = db or settings().store.url
    store = open_store(url)
    try:
        yield store
    finally:
        store.close()


def _published(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as e:
        raise typer.BadParameter(f"not a date (YYYY-MM-DD): {value!r}", param_hint="--published") from e


def problem_line(p: IngestProblem) -> str:
    """One line naming the input (and line) and what went wrong with it."""
    where = f"{p.source}:{p.line}" if p.line is not None else p.source
    return f"{where}: {p.severity}: {p.problem}"


def expected_articles(paths: list[str]) -> int:
    """A first guess at how many articles the inputs hold: one per file (directories walked,
    hidden files skipped, as the readers do). JSONL files, archives and feeds hold more; the
    progress totals grow as they are read."""
    n = 0
    for name in paths:
        path = Path(name)
        if name == "-" or "://" in name or not path.is_dir():
            n += 1
            continue
        for f in path.rglob("*"):
            if f.is_file() and not any(part.startswith(".") for part in f.relative_to(path).parts):
                n += 1
    return n


class _Feedback:
    """A progress display on stderr for interactive runs, with totals and time left; silent
    otherwise. The totals start at :func:`expected_articles` and grow with what is read."""

    def __init__(self, enabled: bool, expected: int = 0) -> None:
        self.progress: Progress | None = None
        self.tasks: dict[str, TaskID] = {}
        self.read = 0
        self.expected = expected
        if enabled:
            self.progress = Progress(
                SpinnerColumn(),
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("articles"),
                TimeElapsedColumn(),
                TextColumn("left"),
                TimeRemainingColumn(),
                console=err,
                transient=True,
            )

    def __enter__(self) -> _Feedback:
        if self.progress is not None:
            self.progress.start()
            total = self.expected or None
            self.tasks["read"] = self.progress.add_task("read and store", total=total)
            self.tasks["analyse"] = self.progress.add_task("analyse", total=total)
        return self

    def __exit__(self, *exc: object) -> None:
        if self.progress is not None:
            self.progress.stop()

    def totals(self) -> tuple[int, int]:
        """(articles done reading, articles expected) as the display shows them."""
        return self.read, max(self.expected, self.read)

    def advance(self, stage: str, n: int) -> None:
        if not n:
            return
        if stage == "read":  # what has been read is what there is to analyse
            self.read += n
        if self.progress is None:
            return
        self.progress.advance(self.tasks[stage], n)
        if stage == "read":
            _, total = self.totals()
            self.progress.update(self.tasks["read"], total=total)
            self.progress.update(self.tasks["analyse"], total=total)

    def problem(self, p: IngestProblem) -> None:
        line = "warning: " + problem_line(p)
        if self.progress is not None:
            self.progress.console.print(escape(line), highlight=False)
        else:
            print(line, file=sys.stderr)


def _summary_table(summary: services.AnalyzeSummary) -> Table:
    s = summary
    table = Table(title="storyline analyze", show_header=False)
    table.add_column("what")
    table.add_column("count", justify="right")
    rows = [
        ("read", s.read, "articles read from the inputs"),
        ("new", s.new, "stored for the first time"),
        ("duplicates", s.duplicates, "already stored or repeated"),
        ("analysed", s.analysed, f"by pipeline version {s.pipeline_version}"),
        ("already analysed", s.already_analysed, "left as stored"),
        ("analysed elsewhere", s.analysed_elsewhere, "by another run on this store at the same time"),
        ("skipped", s.skipped, "inputs that held no article"),
        ("failed", s.failed, "inputs or articles that could not be processed"),
        ("quotes", s.quotes, "found in this run"),
        ("stories", s.stories, "in the store"),
        ("stored articles", s.stored_articles, "in the store"),
        ("stored quotes", s.stored_quotes, "in the store"),
    ]
    table.add_column("")
    for name, value, meaning in rows:
        table.add_row(name, str(value), meaning)
    return table


@app.command()
def analyze(
    paths: Annotated[
        list[str],
        typer.Argument(metavar="PATH...", help="Files, directories (recursed), URL lists, or - for stdin."),
    ],
    db: DbOption = None,
    out: Annotated[
        Path | None,
        typer.Option("--out", metavar="DIR", help="Write dossier.json and dossier.html here."),
    ] = None,
    fetch: Annotated[
        bool, typer.Option("--fetch", help="Fetch the URLs in URL lists (http/https only).")
    ] = False,
    published: Annotated[
        str | None,
        typer.Option(
            "--published",
            metavar="DATE",
            help="Publication date (YYYY-MM-DD) set on every article read in this run, over what the inputs say.",
        ),
    ] = None,
    outlet: OutletOption = None,
    sources: SourcesOption = None,
    strict: Annotated[bool, typer.Option("--strict", help="Exit non-zero when any input failed.")] = False,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="No progress bar and no summary table.")
    ] = False,
    as_json: JsonOption = False,
    batch_size: Annotated[
        int, typer.Option("--batch-size", metavar="N", min=1, help="Articles per stored batch.")
    ] = 64,
    reanalyse: Annotated[
        bool,
        typer.Option(
            "--reanalyse",
            "--reanalyze",
            help="Analyse again articles the store already holds an analysis of.",
        ),
    ] = False,
    dask: Annotated[
        int,
        typer.Option(
            "--dask", metavar="N", min=0, help="Analyse on a local Dask cluster of N workers (0: no Dask)."
        ),
    ] = 0,
) -> None:
    """Read, clean, analyse and store articles; build stories; write the dossier with --out.

    Re-running is safe: each article is stored once and articles already analysed by the same
    pipeline version are skipped. Exit status: 0 when articles were analysed (now or before); 1
    when nothing could be read or analysed, or with --strict when any input failed; 2 on an
    error that stopped the run.
    """
    when = _published(published)
    with storyline_errors():
        mapping = load_sources(sources) if sources else None
        cfg = settings(**{"store.url": db} if db else {})
        show_progress = not quiet and not as_json and err.is_terminal
        with (
            _store(cfg.store.url) as store,
            _Feedback(show_progress, expected_articles(paths) if show_progress else 0) as feedback,
            _analyser(dask, cfg, batch_size) as analyser,
        ):
            summary = services.analyze(
                paths,
                cfg,
                store,
                fetch=fetch,
                published=when,
                outlet=outlet,
                sources=mapping,
                batch_size=batch_size,
                out_dir=out,
                analyser=analyser,
                progress=feedback.advance,
                on_problem=feedback.problem,
                reanalyse=reanalyse,
            )
    if as_json:
        typer.echo(json.dumps(summary.to_dict(), indent=2, default=str))
    elif not quiet:
        Console().print(_summary_table(summary))
        for note in summary.notes:
            typer.echo(f"note: {note}")
        for path in summary.outputs:
            typer.echo(f"wrote {path}")
    if summary.read == 0:
        err.print("error: no article could be read from the inputs", highlight=False)
        raise typer.Exit(1)
    if summary.analysed + summary.already_analysed + summary.analysed_elsewhere == 0:
        err.print("error: no article could be analysed", highlight=False)
        raise typer.Exit(1)
    if strict and summary.failed:
        raise typer.Exit(1)


@contextmanager
def _analyser(workers: int, cfg: Any, batch_size: int) -> Iterator[services.Analyser | None]:
    if workers <= 0:
        yield None
        return
    try:
        from storyline.scale.dask import DaskAnalyser
    except ImportError as e:
        raise ConfigError("--dask needs Dask: pip install 'storyline[dask]'", code="SL130") from e
    # About two partitions per worker and batch, so that every worker has work.
    partition = max(1, -(-batch_size // (2 * workers)))
    with DaskAnalyser(cfg, n_workers=workers, partition_size=partition) as analyser:
        yield analyser


def clip(text: str, width: int) -> str:
    """``text`` cut to ``width`` characters, with an ellipsis when cut."""
    return text if len(text) <= width else text[: max(0, width - 1)] + "…"


def articles_table(rows: list[dict[str, Any]], total: int, width: int) -> Table:
    """Stored articles as a table that fits ``width`` columns (80 and up) with whole ids and
    dates: outlet and title are cut to the room left."""
    outlet_w = 14
    fixed = 16 + 10 + outlet_w + 6 + 7 + 2 * 5  # id, date, outlet, chars, removed; the gaps
    title_w = max(12, width - fixed - 1)
    table = Table(
        title=f"{total} stored articles",
        box=None,
        padding=(0, 1),
        pad_edge=False,
        header_style="bold underline",
        title_justify="left",
    )
    table.add_column("id", no_wrap=True)
    table.add_column("published", no_wrap=True)
    table.add_column("outlet", no_wrap=True)
    table.add_column("title", no_wrap=True)
    table.add_column("chars", justify="right", no_wrap=True)
    table.add_column("removed", justify="right", no_wrap=True)
    for r in rows:
        table.add_row(
            r["article_id"],
            r["published"] or "",
            escape(clip(r["outlet"] or "", outlet_w)),
            escape(clip(r["title"] or "", title_w)),
            str(r["n_chars"]),
            str(r["n_removed"]),
        )
    return table


@app.command()
def articles(
    db: DbOption = None,
    limit: Annotated[int, typer.Option("--limit", metavar="N", min=0, help="At most this many.")] = 100,
    offset: OffsetOption = 0,
    as_json: JsonOption = False,
) -> None:
    """List stored articles (id, date, outlet, title, size, lines removed)."""
    with storyline_errors(), read_store(db) as store:
        rows = [article_row(a, text=False) for a in store.articles(limit=limit, offset=offset)]
        total = store.count_articles()
    if as_json:
        typer.echo(json.dumps({"total": total, "articles": rows}, indent=2, ensure_ascii=False))
        return
    console = Console()
    console.print(articles_table(rows, total, console.width))


@app.command()
def show(
    article_id: Annotated[
        str, typer.Argument(metavar="ID", help="An article id (see `storyline articles`).")
    ],
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Show one stored article: metadata, clean text, what cleaning removed and why, and what
    the analysis found in it (quotes, events, figures, dates; the actors too with --json)."""
    from storyline.errors import NotFound
    from storyline.models import ArticleAnalysis

    with storyline_errors(), read_store(db) as store:
        article = store.article(article_id)
        try:
            analysis = store.analysis(article_id)
        except NotFound:
            analysis = ArticleAnalysis(article_id=article_id)
    if as_json:
        data = article.model_dump(mode="json", exclude={"raw", "offset_map"})
        found = analysis.model_dump(
            mode="json", include={"quotes", "entities", "figures", "timexes", "events"}
        )
        typer.echo(json.dumps({**data, **found}, indent=2, ensure_ascii=False))
        return
    console = Console(highlight=False)
    meta = article_row(article, text=False)
    for key in ("article_id", "title", "outlet", "published", "source", "language"):
        if meta[key] is not None:
            console.print(f"[bold]{key}[/]: {escape(str(meta[key]))}")
    if article.url:
        console.print(f"[bold]url[/]: {escape(article.url)}")
    if article.byline:
        console.print(f"[bold]byline[/]: {escape(article.byline)}")
    for note in article.notes:
        console.print(f"[bold]note[/]: {escape(note)}")
    console.rule("text")
    console.print(escape(article.text))
    console.rule(f"removed ({len(article.removed)})")
    for r in article.removed:
        console.print(f"[yellow]{escape(r.reason)}[/] raw {r.raw_start}-{r.raw_end}: {escape(r.text)}")
    if analysis.quotes:
        console.rule(f"quotes ({len(analysis.quotes)})")
        for q in analysis.quotes:
            who = q.speaker or q.speaker_text or "unknown speaker"
            console.print(f"[cyan]{escape(who)}[/] ({q.kind}, {q.start}-{q.end}): {escape(q.text)}")
    if analysis.events:
        console.rule(f"events ({len(analysis.events)})")
        for e in analysis.events:
            who = escape(e.actor or e.actor_text or "(unknown)")
            if e.target or e.target_text:
                who += " → " + escape(e.target or e.target_text or "")
            extra = ", ".join(x for x in (e.modality, e.when, e.where) if x)
            extra = f" [dim]({escape(extra)})[/]" if extra else ""
            console.print(
                f"[magenta]{escape(e.event_type)}[/] {e.start}-{e.end} “{escape(e.text)}”: {who}{extra}"
            )
    if analysis.figures:
        console.rule(f"figures ({len(analysis.figures)})")
        for f in analysis.figures:
            about = f" [dim]({escape(f.about)})[/]" if f.about else ""
            console.print(f"{f.start}-{f.end}: {escape(f.text)}{about}")
    if analysis.timexes:
        console.rule(f"dates and times ({len(analysis.timexes)})")
        for t in analysis.timexes:
            value = f" = {escape(t.value)}" if t.value else ""
            console.print(f"{t.start}-{t.end}: {escape(t.text)} [dim]{t.type}{value}[/]")

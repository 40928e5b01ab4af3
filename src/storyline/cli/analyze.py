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
from rich.progress import BarColumn, Progress, SpinnerColumn, TaskID, TextColumn, TimeElapsedColumn
from rich.table import Table

from storyline import services
from storyline.cli.app import app, err, settings, storyline_errors
from storyline.errors import ConfigError
from storyline.models import Article, IngestProblem
from storyline.store import Store, open_store

DbOption = Annotated[
    str | None,
    typer.Option("--db", help="SQLite file or postgresql:// URL (default: settings store.url)."),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print machine-readable JSON on stdout.")]


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


class _Feedback:
    """A progress display on stderr for interactive runs; silent otherwise."""

    def __init__(self, enabled: bool) -> None:
        self.progress: Progress | None = None
        self.tasks: dict[str, TaskID] = {}
        self.read = 0
        if enabled:
            self.progress = Progress(
                SpinnerColumn(),
                TextColumn("{task.description}"),
                BarColumn(),
                TextColumn("{task.completed} articles"),
                TimeElapsedColumn(),
                console=err,
                transient=True,
            )

    def __enter__(self) -> _Feedback:
        if self.progress is not None:
            self.progress.start()
            self.tasks["read"] = self.progress.add_task("read and store", total=None)
            self.tasks["analyse"] = self.progress.add_task("analyse", total=None)
        return self

    def __exit__(self, *exc: object) -> None:
        if self.progress is not None:
            self.progress.stop()

    def advance(self, stage: str, n: int) -> None:
        if self.progress is None or not n:
            return
        self.progress.advance(self.tasks[stage], n)
        if stage == "read":  # what has been read is what there is to analyse
            self.read += n
            self.progress.update(self.tasks["analyse"], total=self.read)

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
        list[str], typer.Argument(help="Files, directories (recursed), URL lists, or - for stdin.")
    ],
    db: DbOption = None,
    out: Annotated[
        Path | None, typer.Option("--out", help="Write dossier.json and dossier.html here.")
    ] = None,
    fetch: Annotated[
        bool, typer.Option("--fetch", help="Fetch the URLs in URL lists (http/https only).")
    ] = False,
    published: Annotated[
        str | None,
        typer.Option(
            "--published",
            help="Publication date (YYYY-MM-DD) set on every article read in this run, over what the inputs say.",
        ),
    ] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Exit non-zero when any input failed.")] = False,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="No progress bar and no summary table.")
    ] = False,
    as_json: JsonOption = False,
    batch_size: Annotated[int, typer.Option("--batch-size", min=1, help="Articles per stored batch.")] = 64,
    reanalyse: Annotated[
        bool,
        typer.Option("--reanalyse", help="Analyse again articles the store already holds an analysis of."),
    ] = False,
    dask: Annotated[
        int, typer.Option("--dask", min=0, help="Analyse on a local Dask cluster of N workers (0: no Dask).")
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
        cfg = settings(**{"store.url": db} if db else {})
        show_progress = not quiet and not as_json and err.is_terminal
        with (
            _store(cfg.store.url) as store,
            _Feedback(show_progress) as feedback,
            _analyser(dask, cfg, batch_size) as analyser,
        ):
            summary = services.analyze(
                paths,
                cfg,
                store,
                fetch=fetch,
                published=when,
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


def _article_row(a: Article) -> dict[str, Any]:
    return {
        "article_id": a.article_id,
        "published": a.published.isoformat() if a.published else None,
        "outlet": a.outlet,
        "title": a.title,
        "source": a.source,
        "chars": len(a.text),
        "removed": len(a.removed),
        "language": a.language,
    }


@app.command()
def articles(
    db: DbOption = None,
    limit: Annotated[int, typer.Option("--limit", min=0, help="At most this many.")] = 100,
    offset: Annotated[int, typer.Option("--offset", min=0, help="Skip this many first.")] = 0,
    as_json: JsonOption = False,
) -> None:
    """List stored articles (id, date, outlet, title, size, lines removed)."""
    with storyline_errors(), _store(db) as store:
        rows = [_article_row(a) for a in store.articles(limit=limit, offset=offset)]
        total = store.count_articles()
    if as_json:
        typer.echo(json.dumps({"total": total, "articles": rows}, indent=2))
        return
    table = Table(title=f"{total} stored articles", show_lines=False)
    table.add_column("id", no_wrap=True)
    table.add_column("published", no_wrap=True)
    table.add_column("outlet", overflow="ellipsis", max_width=24)
    table.add_column("title", overflow="ellipsis", no_wrap=True, max_width=60)
    table.add_column("chars", justify="right")
    table.add_column("removed", justify="right")
    for r in rows:
        table.add_row(
            r["article_id"],
            r["published"] or "",
            escape(r["outlet"] or ""),
            escape(r["title"] or ""),
            str(r["chars"]),
            str(r["removed"]),
        )
    Console().print(table)


@app.command()
def show(
    article_id: Annotated[str, typer.Argument(help="An article id (see `storyline articles`).")],
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Show one stored article: metadata, clean text, what cleaning removed and why, its quotes."""
    from storyline.errors import NotFound

    with storyline_errors(), _store(db) as store:
        article = store.article(article_id)
        try:
            quotes = list(store.analysis(article_id).quotes)
        except NotFound:
            quotes = []
    if as_json:
        data = article.model_dump(mode="json", exclude={"raw", "offset_map"})
        data["quotes"] = [q.model_dump(mode="json") for q in quotes]
        typer.echo(json.dumps(data, indent=2, ensure_ascii=False))
        return
    console = Console(highlight=False)
    meta = _article_row(article)
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
    if quotes:
        console.rule(f"quotes ({len(quotes)})")
        for q in quotes:
            who = q.speaker or q.speaker_text or "unknown speaker"
            console.print(f"[cyan]{escape(who)}[/] ({q.kind}, {q.start}-{q.end}): {escape(q.text)}")

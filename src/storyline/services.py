"""The use-cases that the CLI, the web app and the Dask runner call.

Each function takes records and returns records; none of them prints. Progress is reported
through an optional callback so that callers choose how to show it.
"""

from __future__ import annotations

import hashlib
import os
import secrets
import socket
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, Protocol

from storyline.errors import AnalysisBudget, ConfigError, ExtractionError, StoreError, StorylineError
from storyline.models import Article, ArticleAnalysis, IngestProblem, Story
from storyline.settings import Settings
from storyline.store.base import LinkStore

if TYPE_CHECKING:
    from storyline.ingest.sources import SourceInfo

Progress = Callable[[int], None]


def read_articles(
    inputs: Sequence[str | Path],
    settings: Settings,
    *,
    fetch: bool = False,
    published: date | None = None,
    outlet: str | None = None,
    sources: Mapping[str, SourceInfo] | None = None,
) -> Iterator[Article | IngestProblem]:
    """Read every input (files, directories, ``-`` for stdin, URL lists) into clean articles.

    Problems are yielded as :class:`IngestProblem` records in input order; nothing raises for
    a bad input, so one broken file never stops a run. ``outlet`` and ``published`` are set on
    every article; ``sources`` (see :mod:`storyline.ingest.sources`) on the inputs it names.
    """
    from storyline.ingest import read_inputs
    from storyline.ingest.sources import apply_sources

    items = read_inputs(inputs, settings, fetch=fetch, published=published)
    if outlet is None and not sources:
        yield from items
        return
    yield from apply_sources(items, outlet=outlet, published=published, sources=sources)


def analyse_articles(
    articles: Iterable[Article], settings: Settings, *, progress: Progress | None = None
) -> Iterator[ArticleAnalysis]:
    """Run the NLP pipeline over articles (``nlp.pipe`` with batching), in input order."""
    from storyline.nlp import analyse

    yield from analyse(articles, settings, progress=progress)


Analyser = Callable[[Sequence[Article]], Iterable[ArticleAnalysis]]


def analyse_isolated(
    articles: Iterable[Article], settings: Settings, *, analyser: Analyser | None = None
) -> Iterator[tuple[Article, ArticleAnalysis | IngestProblem]]:
    """Each article with its analysis, or with the problem that stopped it, in input order.

    Articles go to the analyser in batches of ``nlp.batch_size``; when a batch fails, its
    articles are analysed one by one, so one article the pipeline chokes on is reported and
    the others are kept. Only a missing model or a refusing store stops the run.
    """
    run: Analyser = analyser or (lambda batch: analyse_articles(batch, settings))
    batch: list[Article] = []
    for article in articles:
        batch.append(article)
        if len(batch) >= settings.nlp.batch_size:
            yield from _isolated(batch, run)
            batch = []
    yield from _isolated(batch, run)


def _isolated(
    batch: Sequence[Article], analyser: Analyser
) -> Iterator[tuple[Article, ArticleAnalysis | IngestProblem]]:
    if not batch:
        return
    try:
        got = {x.article_id: x for x in analyser(batch)}
    except (ConfigError, StoreError):  # the run cannot go on: no model, no database
        raise
    except Exception as e:  # one article the pipeline chokes on must not stop the run
        if len(batch) == 1:
            yield batch[0], _analysis_problem(batch[0], e)
            return
        culprit = e.article_id if isinstance(e, AnalysisBudget) else None
        for a in batch:
            if a.article_id == culprit:
                yield a, _analysis_problem(a, e)
            else:
                yield from _isolated([a], analyser)
        return
    for a in batch:
        found = got.get(a.article_id)
        yield a, found if found is not None else _analysis_problem(a, ExtractionError("no analysis returned"))


def build_stories(
    articles: Sequence[Article],
    analyses: Sequence[ArticleAnalysis],
    *,
    existing: Sequence[Story] = (),
    reserved: Iterable[str] = (),
    settings: Settings | None = None,
) -> list[Story]:
    """Cluster articles into stories and link them: actors, utterances, facts, timeline.
    ``reserved``: ids of stored stories left out of this build, which no new story may take.
    settings: its ``[link]`` section holds the clustering parameters (default: packaged)."""
    from storyline.link import build_stories as _build

    params = settings.link if settings is not None else None
    return _build(articles, analyses, existing=existing, reserved=set(reserved), params=params)


def extract_record(
    article: Article, analysis: ArticleAnalysis | None = None, story_id: str | None = None
) -> dict[str, Any]:
    """One article in the output contract of ``storyline extract`` (see docs/extract.md)."""
    from storyline.export.contract import to_extract_record

    return to_extract_record(article, analysis, story_id)


def write_dossier(
    out_dir: str | Path,
    stories: Sequence[Story],
    articles: Sequence[Article],
    analyses: Sequence[ArticleAnalysis],
) -> Any:
    """Write ``dossier.json`` and ``dossier.html`` for these stories into ``out_dir``, and the
    event tables beside them (:func:`storyline.export.events.write_event_exports`)."""
    from storyline.export.events import write_event_exports
    from storyline.report import write_dossier as _write

    written = _write(Path(out_dir), stories, articles, analyses)
    return [*written, *write_event_exports(Path(out_dir), stories, articles)]


# ---- analyze: read -> store -> analyse -> store -> stories -> dossier ---------------------------

AnalyzeStage = Literal["read", "analyse"]
#: How long an analyze run's claim on an article lasts; a run killed with SIGKILL on this
#: machine loses its claims at once, one elsewhere (a shared PostgreSQL store) after this.
CLAIM_SECONDS = 1800.0
AnalyzeProgress = Callable[[AnalyzeStage, int], None]


@dataclass
class AnalyzeSummary:
    """What one ``analyze`` run did. Counts are of articles unless named otherwise.

    read: articles read from the inputs; new: of those, not stored before; duplicates: already
    stored (or repeated in the inputs); analysed: analysed in this run; already_analysed: left
    alone because the store holds their analysis by this pipeline version; analysed_elsewhere:
    left to another run analysing the same store at the same time; skipped / failed:
    inputs or articles that gave no result (``problems`` says why); quotes: quotes found in
    this run; stories: stories in the store afterwards; stored_articles, stored_quotes: what
    the store holds afterwards.
    """

    read: int = 0
    new: int = 0
    duplicates: int = 0
    analysed: int = 0
    already_analysed: int = 0
    analysed_elsewhere: int = 0
    skipped: int = 0
    failed: int = 0
    quotes: int = 0
    stories: int = 0
    stored_articles: int = 0
    stored_quotes: int = 0
    pipeline_version: str = ""
    problems: list[IngestProblem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    outputs: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["problems"] = [p.model_dump() for p in self.problems]
        return out


def _pipeline_version(settings: Settings) -> str:
    """The version analyses are stored under: the pipeline's, and a digest of the ``[quotes]``
    settings when they differ from the defaults, so that a run with other settings analyses
    the articles again instead of keeping what the defaults found."""
    from storyline.nlp import PIPELINE_VERSION
    from storyline.settings import QuotesSettings

    if settings.quotes == QuotesSettings():
        return str(PIPELINE_VERSION)
    digest = hashlib.sha256(settings.quotes.model_dump_json().encode()).hexdigest()[:8]
    return f"{PIPELINE_VERSION}+quotes.{digest}"


def claim_owner() -> str:
    """This run's name on its analysis claims: host, process id and a nonce (``host:pid:nonce``)."""
    return f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(4)}"


class _Run:
    """The state of one analyze run (kept apart so that ``analyze`` reads as its steps)."""

    def __init__(
        self,
        store: AnalyzeStore,
        settings: Settings,
        analyser: Analyser | None,
        progress: AnalyzeProgress | None,
        on_problem: Callable[[IngestProblem], None] | None,
    ) -> None:
        self.store = store
        self.settings = settings
        self.analyser: Analyser = analyser or (lambda batch: analyse_articles(batch, settings))
        self.progress = progress or (lambda stage, n: None)
        self.on_problem = on_problem or (lambda p: None)
        self.summary = AnalyzeSummary(pipeline_version=_pipeline_version(settings))
        self.seen: set[str] = set()
        self.analysed_ids: set[str] = set()  # analysed in this run: their stories are linked again
        self.reanalyse = False
        self.owner = claim_owner()

    def problem(self, p: IngestProblem) -> None:
        if p.severity == "skipped":
            self.summary.skipped += 1
        else:
            self.summary.failed += 1
        self.summary.problems.append(p)
        self.on_problem(p)

    def batch(self, batch: list[Article]) -> None:
        """Store a batch of articles (one transaction), analyse what needs it, store that."""
        if not batch:
            return
        fresh: list[Article] = []
        for a in batch:
            if a.article_id in self.seen:
                self.summary.duplicates += 1
            else:
                self.seen.add(a.article_id)
                fresh.append(a)
        flags = self.store.add_articles(fresh)
        self.summary.new += sum(flags)
        self.summary.duplicates += len(fresh) - sum(flags)
        ids = [a.article_id for a in fresh]
        stored = self.store.known_ids(ids)  # a duplicate stored under another id is not ours
        done = set() if self.reanalyse else self.store.analysed_ids(ids, self.summary.pipeline_version)
        todo = [a for a in fresh if a.article_id in stored and a.article_id not in done]
        self.summary.already_analysed += len(done)
        todo = self.claim(todo)
        self.progress("analyse", len(batch) - len(todo))  # nothing to do for these
        analyses = self.analyse(todo)
        self.store.save_analyses(analyses)
        self.release(todo)
        self.analysed_ids.update(x.article_id for x in analyses)
        self.summary.analysed += len(analyses)
        self.summary.quotes += sum(len(x.quotes) for x in analyses)

    def claim(self, todo: list[Article]) -> list[Article]:
        """Those of ``todo`` this run may analyse: another run analysing the same store at the
        same time holds claims on what it is analysing (stores without claims share nothing)."""
        claim = getattr(self.store, "claim_articles", None)
        if claim is None or not todo:
            return todo
        ids = [a.article_id for a in todo]
        mine: set[str] = claim(ids, self.owner, CLAIM_SECONDS)
        # what another run finished between the look-up and the claim is not done again
        # (a reanalysing run redoes every article it holds)
        finished = (
            set() if self.reanalyse else self.store.analysed_ids(sorted(mine), self.summary.pipeline_version)
        )
        if finished:
            self.release([a for a in todo if a.article_id in finished])
            mine -= finished
            self.summary.already_analysed += len(finished)
        self.summary.analysed_elsewhere += len(ids) - len(mine) - len(finished)
        return [a for a in todo if a.article_id in mine]

    def release(self, todo: list[Article]) -> None:
        release = getattr(self.store, "release_claims", None)
        if release is not None and todo:
            release([a.article_id for a in todo], self.owner)

    def analyse(self, todo: list[Article]) -> list[ArticleAnalysis]:
        """Analyse a batch; when the batch fails, analyse one by one to isolate the culprit."""
        results: list[ArticleAnalysis] = []
        for _article, got in _isolated(todo, self.analyser):
            if isinstance(got, IngestProblem):
                self.problem(got)
            else:
                results.append(got)
        self.progress("analyse", len(todo))
        return self._stamped(results)

    def _stamped(self, analyses: Iterable[ArticleAnalysis]) -> list[ArticleAnalysis]:
        version = self.summary.pipeline_version
        return [
            x if x.pipeline_version else x.model_copy(update={"pipeline_version": version}) for x in analyses
        ]


def _analysis_problem(article: Article, error: Exception) -> IngestProblem:
    why = str(error) if isinstance(error, StorylineError) else f"{type(error).__name__}: {error}"
    return IngestProblem(source=article.source, problem=f"analysis failed: {' '.join(why.split())[:500]}")


class AnalyzeStore(LinkStore, Protocol):
    """What ``analyze`` needs from a store: the linking run's queries plus the batch look-ups."""

    def add_articles(self, articles: Sequence[Article]) -> list[bool]: ...
    def save_analyses(self, analyses: Sequence[ArticleAnalysis]) -> None: ...
    def known_ids(self, article_ids: Sequence[str]) -> set[str]: ...
    def analysed_ids(self, article_ids: Sequence[str], pipeline_version: str | None = None) -> set[str]: ...
    def iter_articles(self, batch_size: int = 500) -> Iterator[Article]: ...
    def stories(self) -> list[Story]: ...
    def replace_stories(self, stories: Sequence[Story]) -> None: ...
    def record_run(self, started_at: str, pipeline_version: str, summary: dict[str, Any]) -> None: ...
    def stats(self) -> dict[str, int]: ...


def analyze(
    inputs: Sequence[str | Path],
    settings: Settings,
    store: AnalyzeStore,
    *,
    fetch: bool = False,
    published: date | None = None,
    outlet: str | None = None,
    sources: Mapping[str, SourceInfo] | None = None,
    batch_size: int = 64,
    out_dir: str | Path | None = None,
    analyser: Analyser | None = None,
    progress: AnalyzeProgress | None = None,
    on_problem: Callable[[IngestProblem], None] | None = None,
    reanalyse: bool = False,
) -> AnalyzeSummary:
    """The main job: read inputs, store articles, analyse them, build stories, write the dossier.

    Each batch of ``batch_size`` articles is stored in one transaction and its analyses in
    the next, so a run killed at any point leaves whole batches behind; a re-run stores every
    article once and skips those already analysed by the same pipeline version.

    analyser: maps a batch of articles to their analyses (default: the local spaCy pipeline;
    the Dask runner supplies its own). progress: called with ``("read" | "analyse", n)``.
    on_problem: called with each input that could not be read, as it is met.
    reanalyse: analyse every article read, even those the store holds an analysis of.
    outlet, published, sources: what the user states of the inputs (see :func:`read_articles`).
    RAISES StoreError: the store refused a write (nothing of that batch is kept).
    """
    if batch_size < 1:
        raise ConfigError("batch size must be at least 1", code="SL120")
    started = datetime.now(UTC).isoformat(timespec="seconds")
    run = _Run(store, settings, analyser, progress, on_problem)
    run.reanalyse = reanalyse
    pending: list[Article] = []
    items = read_articles(inputs, settings, fetch=fetch, published=published)
    if outlet is not None or sources:
        from storyline.ingest.sources import apply_sources

        items = apply_sources(items, outlet=outlet, published=published, sources=sources)
    for item in items:
        if isinstance(item, IngestProblem):
            run.problem(item)
            continue
        run.summary.read += 1
        run.progress("read", 1)
        pending.append(item)
        if len(pending) >= batch_size:
            run.batch(pending)
            pending = []
    run.batch(pending)
    _link(run, out_dir)
    totals = store.stats()
    run.summary.stored_articles = totals["articles"]
    run.summary.stored_quotes = totals["quotes"]
    store.record_run(started, run.summary.pipeline_version, run.summary.to_dict())
    return run.summary


def _link(run: _Run, out_dir: str | Path | None) -> None:
    """Link what this run touched into the stored stories (:mod:`storyline.link.incremental`:
    only the stored articles that may join them are read), then write the dossier when asked."""
    from storyline.link.incremental import link_run

    link_run(run.store, run.analysed_ids, run.settings.link)
    run.summary.stories = run.store.stats()["stories"]
    if out_dir is None:
        return
    articles = list(run.store.iter_articles())
    analyses = run.store.analyses()
    existing = run.store.stories()
    written = write_dossier(out_dir, existing, articles, analyses)
    if isinstance(written, (list, tuple)):
        run.summary.outputs = [str(p) for p in written]
    elif written is not None:
        run.summary.outputs = [str(written)]


def merge_stored_stories(store: Any, story_id: str, other_id: str, settings: Settings) -> list[Story]:
    """Merge stored story ``other_id`` into ``story_id``; later runs respect it (the decision
    is stored with its time). RAISES NotFound: no such story."""
    from storyline.link.incremental import merge_stored

    return merge_stored(store, story_id, other_id, settings.link)


def split_stored_story(
    store: Any, story_id: str, article_ids: Sequence[str], settings: Settings
) -> list[Story]:
    """Split ``article_ids`` out of stored story ``story_id``; later runs respect it.
    RAISES NotFound: no such story, or an article not in it."""
    from storyline.link.incremental import split_stored

    return split_stored(store, story_id, article_ids, settings.link)

"""storyline from Python: open a store and read its tables; analyse or extract articles.

::

    import storyline

    storyline.analyze(["examples/corpus"], store="truce.db")
    db = storyline.open("truce.db")
    for q in db.quotes(speaker="Ilse Marandt"):
        print(q["outlet"], q["published"], q["text"])
    db.facts().to_pandas()          # with pandas installed (storyline[dataframe])

Every table is a :class:`Rows`: iterate it for plain dicts (the columns of the export of the
same name, see :mod:`storyline.export.tables`), or turn it into a pandas or polars DataFrame.
Rows are read from the store as they are iterated, a page at a time.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from storyline import services
from storyline.errors import ConfigError, StoreError
from storyline.export import tables
from storyline.export.records import Row, quote_row
from storyline.export.writers import FORMATS, write_table
from storyline.models import Article, ArticleAnalysis, IngestProblem, Quote, Story, StoryEvent
from storyline.settings import Settings, load_settings
from storyline.store.base import Store, open_store

if TYPE_CHECKING:
    from storyline.ingest.sources import SourceInfo

__all__ = ["Database", "Rows", "analyze", "extract", "find_story_events", "open", "open_existing_store"]

#: Quotes read from the store at a time.
QUOTE_PAGE = 1000
_POLARS_TYPES = {"str": "Utf8", "int": "Int64", "float": "Float64", "bool": "Boolean"}


def _is_file_store(url: str) -> str | None:
    """The file path of a SQLite store URL (None for PostgreSQL, in-memory or URI stores)."""
    if url.startswith(("postgresql://", "postgres://")):
        return None
    from storyline.store.sqlite import sqlite_path

    path = sqlite_path(url)
    return None if path == ":memory:" or path.startswith("file:") else path


def open_existing_store(url: str | Path) -> Store:
    """Open a store that must already exist: reading never creates an empty one.

    RAISES StoreError (SL409): no SQLite file at that path. StoreError: it cannot be opened.
    """
    url = str(url)
    path = _is_file_store(url)
    if path is not None and not Path(path).is_file():
        raise StoreError(
            f"no store at {path}: give the file `storyline analyze` wrote (--db), or analyse into it first",
            code="SL409",
        )
    return open_store(url)


class Rows:
    """The rows of one table, read lazily: iterate for dicts, or make a DataFrame of them.

    name (str): the table (``quotes``, ``facts``, ...). columns: (name, kind) pairs, kind one
    of str/int/float/bool; an empty table still has its columns.
    """

    def __init__(self, name: str, columns: Sequence[tuple[str, str]], source: Callable[[], Iterator[Row]]):
        self.name = name
        self.columns = tuple(columns)
        self._source = source

    def __iter__(self) -> Iterator[Row]:
        return self._source()

    def __repr__(self) -> str:
        return f"<storyline.Rows {self.name}: {', '.join(n for n, _ in self.columns)}>"

    @property
    def column_names(self) -> list[str]:
        return [n for n, _ in self.columns]

    def to_list(self) -> list[Row]:
        return list(self)

    def to_pandas(self) -> Any:
        """A ``pandas.DataFrame`` with one column per table column (needs pandas)."""
        try:
            import pandas as pd
        except ImportError as e:
            raise ConfigError(
                "DataFrames need pandas: pip install 'storyline[dataframe]'", code="SL143"
            ) from e
        return pd.DataFrame.from_records(self.to_list(), columns=self.column_names)

    def to_polars(self) -> Any:
        """A ``polars.DataFrame`` with one typed column per table column (needs polars)."""
        try:
            import polars as pl
        except ImportError as e:
            raise ConfigError(
                "DataFrames need polars: pip install 'storyline[dataframe]'", code="SL143"
            ) from e
        schema = {n: getattr(pl, _POLARS_TYPES[k]) for n, k in self.columns}
        names = self.column_names
        return pl.DataFrame([{n: r.get(n) for n in names} for r in self], schema=schema, orient="row")


class Database:
    """A storyline store opened for reading (see :func:`open`)."""

    def __init__(self, store: Store, url: str) -> None:
        self.store = store
        self.url = url

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<storyline.Database {self.url}>"

    def close(self) -> None:
        self.store.close()

    # ---- tables ------------------------------------------------------------------------------

    def table(self, name: str, story: str | None = None) -> Rows:
        """Any table by name (``storyline.export.tables.TABLES``), or one story's part of it.

        RAISES ConfigError: no table of that name. NotFound (when iterated): no such story.
        """
        spec = tables.table(name)
        return Rows(name, spec.columns, lambda: spec.rows(self.store, story))

    def tables(self) -> list[str]:
        """The names of every table."""
        return list(tables.TABLES)

    def stories(self) -> Rows:
        """One row per story: id, title, first seen, and how many articles, actors, ... it has."""
        return self.table("stories")

    def articles(self, story: str | None = None) -> Rows:
        """One row per article (metadata and clean text), or the articles of one story."""
        return self.table("articles", story)

    def quotes(
        self, speaker: str | None = None, story: str | None = None, article: str | None = None
    ) -> Rows:
        """Who said what, with each quote's outlet, date and title.

        speaker: the canonical speaker name, without regard to case. story, article: ids.
        """
        spec = tables.table("quotes")

        def source() -> Iterator[Row]:
            if story is None:
                return sourced_quotes(self.store, speaker=speaker, article_id=article)
            want = speaker.casefold() if speaker is not None else None
            return (
                r
                for r in spec.rows(self.store, story)
                if (want is None or (r["speaker"] or "").casefold() == want)
                and (article is None or r["article_id"] == article)
            )

        return Rows("quotes", spec.columns, source)

    def actors(self, story: str | None = None) -> Rows:
        """One row per actor of each story (canonical name, type, roles, aliases, country)."""
        return self.table("actors", story)

    def utterances(self, story: str | None = None) -> Rows:
        """One row per outlet's rendering of each utterance, with how it relates to the words."""
        return self.table("utterances", story)

    def facts(self, story: str | None = None) -> Rows:
        """One row per outlet's value of each compared fact (agree, differ, single)."""
        return self.table("facts", story)

    def timeline(self, story: str | None = None) -> Rows:
        """One row per dated entry of each story's timeline."""
        return self.table("timeline", story)

    def events(self, story: str | None = None) -> Rows:
        """One row per event (who did what to whom) found in an article."""
        return self.table("events", story)

    def figures(self, story: str | None = None) -> Rows:
        return self.table("figures", story)

    def timexes(self, story: str | None = None) -> Rows:
        return self.table("timexes", story)

    def mentions(self, story: str | None = None) -> Rows:
        return self.table("mentions", story)

    # ---- records -----------------------------------------------------------------------------

    def article(self, article_id: str) -> Article:
        """RAISES NotFound."""
        return self.store.article(article_id)

    def analysis(self, article_id: str) -> ArticleAnalysis:
        """RAISES NotFound: the article has no stored analysis."""
        return self.store.analysis(article_id)

    def story(self, story_id: str) -> Story:
        """RAISES NotFound."""
        return self.store.story(story_id)

    # ---- outputs -----------------------------------------------------------------------------

    def export(self, name: str, path: str | Path, format: str | None = None, story: str | None = None) -> int:
        """Write one table to ``path`` (format from the suffix unless given); returns the row count."""
        path = Path(path)
        fmt = format or path.suffix.lstrip(".")
        if fmt not in FORMATS:
            raise ConfigError(f"no export format {fmt!r}; the formats are {', '.join(FORMATS)}", code="SL142")
        tables.table(name)
        with path.open("wb") as sink:
            return write_table(self.store, name, fmt, sink, story)

    def write_dossier(self, out_dir: str | Path) -> list[Path]:
        """Write ``dossier.json`` and ``dossier.html`` of every stored story into ``out_dir``."""
        return write_dossier_from(self.store, out_dir)


def sourced_quotes(
    store: Store, *, speaker: str | None = None, article_id: str | None = None
) -> Iterator[Row]:
    """Stored quotes (of one speaker, one article) as rows with their article's outlet, date, title."""
    offset = 0
    while True:
        page = store.quotes(speaker=speaker, article_id=article_id, limit=QUOTE_PAGE, offset=offset)
        yield from quote_rows_with_articles(store, page)
        if len(page) < QUOTE_PAGE:
            return
        offset += len(page)


def quote_rows_with_articles(store: Store, quotes: Iterable[Quote]) -> Iterator[Row]:
    """Quotes as rows, each with its article's outlet, date and title (read once per article)."""
    seen: dict[str, Article] = {}
    for q in quotes:
        if q.article_id not in seen:
            seen[q.article_id] = store.article(q.article_id)
        yield quote_row(q, seen[q.article_id])


def find_story_events(
    store: Store,
    *,
    story_id: str | None = None,
    event_type: str | None = None,
    actor: str | None = None,
    country: str | None = None,
) -> list[tuple[str, StoryEvent]]:
    """The stored stories' events, each with its story id, dated ones first in date order.

    event_type: a PLOVER type, without regard to case. actor: part of the source's or the
    target's name, without regard to case. country: an ISO 3166 alpha-3 code the source, the
    target or the place carries. RAISES NotFound: no such story.
    """
    stories = [store.story(story_id)] if story_id is not None else store.stories()
    want_type = event_type.upper() if event_type else None
    want_actor = actor.casefold() if actor else None
    want_country = country.upper() if country else None
    found = []
    for story in stories:
        for e in story.events:
            if want_type is not None and e.event_type != want_type:
                continue
            if want_actor is not None and not any(
                want_actor in (name or "").casefold() for name in (e.actor, e.target)
            ):
                continue
            if want_country is not None and want_country not in (
                e.actor_country,
                e.target_country,
                e.where_country,
            ):
                continue
            found.append((story.story_id, e))
    found.sort(key=lambda se: (se[1].when is None, se[1].when or "", se[0], se[1].event_id))
    return found


def write_dossier_from(store: Store, out_dir: str | Path) -> list[Path]:
    """Write the dossier of every stored story from the store."""
    written = services.write_dossier(out_dir, store.stories(), list(store.iter_articles()), store.analyses())
    return [Path(p) for p in written]


def open(path_or_url: str | Path) -> Database:
    """Open an existing store: a SQLite file (or ``sqlite:///path``) or a ``postgresql://`` URL.

    RAISES StoreError: there is no store there, or it cannot be opened.
    """
    url = str(path_or_url)
    return Database(open_existing_store(url), url)


def _settings(settings: Settings | None, config: str | Path | None) -> Settings:
    return settings if settings is not None else load_settings(config)


def _sources(
    sources: str | Path | Mapping[str, SourceInfo] | None,
) -> Mapping[str, SourceInfo] | None:
    """A ``--sources`` mapping, read from its file when given a path."""
    if sources is None or isinstance(sources, Mapping):
        return sources
    from storyline.ingest.sources import load_sources

    return load_sources(sources)


def analyze(
    paths: str | Path | Sequence[str | Path],
    store: str | Path = "storyline.db",
    *,
    settings: Settings | None = None,
    config: str | Path | None = None,
    out: str | Path | None = None,
    fetch: bool = False,
    published: date | None = None,
    outlet: str | None = None,
    sources: str | Path | Mapping[str, SourceInfo] | None = None,
    reanalyse: bool = False,
    batch_size: int = 64,
    on_problem: Callable[[IngestProblem], None] | None = None,
) -> services.AnalyzeSummary:
    """Read, clean, analyse and store articles, build their stories; write the dossier to ``out``.

    paths: files, directories (recursed) or URL lists. store: a SQLite path (created when
    missing) or a ``postgresql://`` URL. Returns what the run did; the store holds the rest
    (read it with :func:`open`). RAISES StorylineError: bad settings, a store that cannot be
    opened, no spaCy model.
    """
    inputs = [paths] if isinstance(paths, (str, Path)) else list(paths)
    cfg = _settings(settings, config)
    opened = open_store(str(store))
    try:
        return services.analyze(
            inputs,
            cfg,
            opened,
            fetch=fetch,
            published=published,
            outlet=outlet,
            sources=_sources(sources),
            batch_size=batch_size,
            out_dir=out,
            on_problem=on_problem,
            reanalyse=reanalyse,
        )
    finally:
        opened.close()


def extract(
    paths: str | Path | Sequence[str | Path],
    *,
    settings: Settings | None = None,
    config: str | Path | None = None,
    stories: bool = False,
    skip_nlp: bool = False,
    fetch: bool = False,
    published: date | None = None,
    outlet: str | None = None,
    sources: str | Path | Mapping[str, SourceInfo] | None = None,
    on_problem: Callable[[IngestProblem], None] | None = None,
) -> Iterator[dict[str, Any]]:
    """Each article of the inputs as the record ``storyline extract`` writes (docs/extract.md),
    in input order, without a store. Streamed, unless ``stories`` needs the whole run.

    stories: cluster the articles and add each one's story id. skip_nlp: only read and clean.
    on_problem: called with each input that could not be read.
    """
    inputs = [paths] if isinstance(paths, (str, Path)) else list(paths)
    cfg = _settings(settings, config)
    report = on_problem or (lambda p: None)
    mapping = _sources(sources)

    def articles() -> Iterator[Article]:
        for item in services.read_articles(
            inputs, cfg, fetch=fetch, published=published, outlet=outlet, sources=mapping
        ):
            if isinstance(item, IngestProblem):
                report(item)
            else:
                yield item

    def analysed(arts: Iterable[Article]) -> Iterator[tuple[Article, ArticleAnalysis]]:
        # an article the pipeline fails on is reported like an unreadable input; the rest go on
        for article, got in services.analyse_isolated(arts, cfg):
            if isinstance(got, IngestProblem):
                report(got)
            else:
                yield article, got

    if stories:
        pairs = (
            [(a, ArticleAnalysis(article_id=a.article_id)) for a in articles()]
            if skip_nlp
            else list(analysed(articles()))
        )
        built = services.build_stories([a for a, _ in pairs], [an for _, an in pairs], settings=cfg)
        story_of = {aid: s.story_id for s in built for aid in s.article_ids}
        for a, an in pairs:
            yield services.extract_record(a, an, story_of.get(a.article_id))
        return
    if skip_nlp:
        for a in articles():
            yield services.extract_record(a, None)
        return
    for a, an in analysed(articles()):
        yield services.extract_record(a, an)

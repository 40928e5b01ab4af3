"""What the SQLite and PostgreSQL stores share: every read and write, in portable SQL.

A backend supplies a connection, its transactions, its error translation and its full-text
search; the SQL below is written with ``?`` placeholders and runs on both (``ON CONFLICT``
upserts are understood by SQLite >= 3.24 and PostgreSQL alike).
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from contextlib import AbstractContextManager
from datetime import UTC, date, datetime, timedelta
from typing import Any, Protocol

from storyline.errors import NotFound, StoreError
from storyline.models import Article, ArticleAnalysis, Quote, SearchHit, Story, StoryDecision
from storyline.store import _events as ev
from storyline.store import _records as rec
from storyline.store._records import owner_gone
from storyline.store.migrations import Migration


class Cursor(Protocol):
    rowcount: int

    def fetchall(self) -> Sequence[Any]: ...

    def fetchone(self) -> Any: ...


class Executor(Protocol):
    def execute(self, sql: str, params: Any = ..., /) -> Any: ...


def _insert(table: str, columns: Sequence[str], suffix: str = "") -> str:
    names = ", ".join(columns)
    marks = ", ".join("?" for _ in columns)
    return f"INSERT INTO {table} ({names}) VALUES ({marks}) {suffix}".strip()


_INSERT_ARTICLE = _insert("articles", rec.ARTICLE_COLUMNS, "ON CONFLICT DO NOTHING")
_INSERT_EVENT = _insert("story_events", ev.EVENT_COLUMNS, "ON CONFLICT DO NOTHING")
_INSERT_MENTION = _insert("event_mentions", ev.MENTION_COLUMNS, "ON CONFLICT DO NOTHING")
_UPSERT_ANALYSIS = _insert(
    "analyses",
    rec.ANALYSIS_COLUMNS,
    "ON CONFLICT (article_id) DO UPDATE SET "
    + ", ".join(f"{c} = excluded.{c}" for c in rec.ANALYSIS_COLUMNS if c != "article_id"),
)
_INSERT_QUOTE = _insert("quotes", rec.QUOTE_COLUMNS)
_INSERT_CLAIM = _insert("analysis_claims", ("article_id", "owner", "expires_at"), "ON CONFLICT DO NOTHING")
_UPSERT_STORY = _insert(
    "stories",
    rec.STORY_COLUMNS,
    "ON CONFLICT (story_id) DO UPDATE SET "
    + ", ".join(f"{c} = excluded.{c}" for c in rec.STORY_COLUMNS if c != "story_id"),
)
_ARTICLE_SELECT = "SELECT " + ", ".join(f"a.{c}" for c in rec.ARTICLE_COLUMNS) + " FROM articles a"
_QUOTE_SELECT = "SELECT " + ", ".join(f"q.{c}" for c in rec.QUOTE_COLUMNS) + " FROM quotes q"
MAX_LIMIT = 100_000


def _page(limit: int, offset: int) -> tuple[int, int]:
    if limit < 0 or offset < 0:
        raise StoreError("limit and offset must not be negative", code="SL410")
    return min(limit, MAX_LIMIT), offset


class SqlStore:
    """The shared implementation of :class:`storyline.store.base.Store`."""

    placeholder = "?"
    migrations: tuple[Migration, ...] = ()

    # ---- what a backend supplies --------------------------------------------------------------

    def _transaction(self) -> AbstractContextManager[Executor]:
        """One write transaction: committed on success, rolled back on any error."""
        raise NotImplementedError

    def _reading(self) -> AbstractContextManager[Executor]:
        """A consistent read."""
        raise NotImplementedError

    def _search_articles(self, terms: list[str], limit: int) -> list[tuple[float, SearchHit]]:
        raise NotImplementedError

    def _search_quotes(self, terms: list[str], limit: int) -> list[tuple[float, SearchHit]]:
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError

    def _clean(self, row: dict[str, Any]) -> dict[str, Any]:
        """Adapt a row's values to what the backend can store (identity by default)."""
        return row

    def _insert_new(self, db: Executor, sql: str, rows: list[list[Any]]) -> list[bool]:
        """Run an ``INSERT ... ON CONFLICT DO NOTHING`` per row; True where a row went in."""
        return [self._run(db, sql, row).rowcount == 1 for row in rows]

    def _execute_many(self, db: Executor, sql: str, rows: list[list[Any]]) -> None:
        for row in rows:
            self._run(db, sql, row)

    # ---- helpers ------------------------------------------------------------------------------

    def _sql(self, sql: str) -> str:
        return sql if self.placeholder == "?" else sql.replace("?", self.placeholder)

    def _run(self, db: Executor, sql: str, params: Sequence[Any] = ()) -> Cursor:
        cur: Cursor = db.execute(self._sql(sql), tuple(params))
        return cur

    def __enter__(self) -> SqlStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ---- migrations ---------------------------------------------------------------------------

    def _upgrade(self, db: Executor) -> None:
        """Create the migrations table when missing, then apply what it lacks."""
        db.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations ("
            "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
        )
        self._migrate(db, self._applied_versions(db))

    def _applied_versions(self, db: Executor) -> set[int]:
        return {int(r[0]) for r in self._run(db, "SELECT version FROM schema_migrations").fetchall()}

    def _migrate(self, db: Executor, applied: set[int]) -> None:
        """Apply migrations missing from ``schema_migrations`` (caller holds a transaction)."""
        known = max((m.version for m in self.migrations), default=0)
        newer = [v for v in applied if v > known]
        if newer:
            raise StoreError(
                f"the database has schema version {max(newer)}, newer than this storyline "
                f"understands ({known}); upgrade storyline",
                code="SL405",
            )
        for m in self.migrations:
            if m.version in applied:
                continue
            for statement in m.statements:
                self._run(db, statement)
            self._run(
                db,
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                (m.version, m.name, rec.now()),
            )

    def schema_version(self) -> int:
        with self._reading() as db:
            return max(self._applied_versions(db), default=0)

    # ---- writes -------------------------------------------------------------------------------

    def add_articles(self, articles: Sequence[Article]) -> list[bool]:
        """Store articles in one transaction; True for each one that was new.

        An article is the same as a stored one when its id, or its clean text together with
        its URL, is the same; it is then left as stored.
        """
        if not articles:
            return []
        rows = []
        for article in articles:
            row = self._clean(rec.article_row(article))
            rows.append([row[c] for c in rec.ARTICLE_COLUMNS])
        with self._transaction() as db:
            # Skip rows already stored before sending them (cheap on a re-run); the
            # ON CONFLICT clause still settles races and repeats within the batch.
            stored = self._ids_in_tx(db, "articles", [r[0] for r in rows])
            todo = [r for r in rows if r[0] not in stored]
            inserted = iter(self._insert_new(db, _INSERT_ARTICLE, todo))
            return [False if r[0] in stored else next(inserted) for r in rows]

    def save_analyses(self, analyses: Sequence[ArticleAnalysis]) -> None:
        """Store (replace) the analyses of stored articles, in one transaction.

        RAISES NotFound: an analysis names an article that is not stored (nothing is saved).
        """
        if not analyses:
            return
        ids = list(dict.fromkeys(an.article_id for an in analyses))
        rows: list[list[Any]] = []
        quotes: list[list[Any]] = []
        for an in analyses:
            row = self._clean(rec.analysis_row(an))
            rows.append([row[c] for c in rec.ANALYSIS_COLUMNS])
            quotes.extend([q[c] for c in rec.QUOTE_COLUMNS] for q in map(self._clean, rec.quote_rows(an)))
        with self._transaction() as db:
            missing = set(ids) - self._ids_in_tx(db, "articles", ids)
            if missing:
                raise NotFound(f"no stored article {sorted(missing)[0]!r} for this analysis")
            for i in range(0, len(ids), 500):
                chunk = ids[i : i + 500]
                marks = ", ".join("?" for _ in chunk)
                self._run(db, f"DELETE FROM quotes WHERE article_id IN ({marks})", chunk)
            self._execute_many(db, _UPSERT_ANALYSIS, rows)
            self._execute_many(db, _INSERT_QUOTE, quotes)

    def _write_story(self, db: Executor, story: Story) -> None:
        row = self._clean(rec.story_row(story))
        self._run(db, _UPSERT_STORY, [row[c] for c in rec.STORY_COLUMNS])
        self._run(db, "DELETE FROM story_articles WHERE story_id = ?", (story.story_id,))
        self._execute_many(
            db,
            "INSERT INTO story_articles (story_id, article_id, ord) VALUES (?, ?, ?)",
            [[story.story_id, a, i] for i, a in enumerate(dict.fromkeys(story.article_ids))],
        )
        self._write_events(db, story)

    def _write_events(self, db: Executor, story: Story) -> None:
        """The story's events and mentions in their own tables (kept in step with the story)."""
        self._run(db, "DELETE FROM event_mentions WHERE story_id = ?", (story.story_id,))
        self._run(db, "DELETE FROM story_events WHERE story_id = ?", (story.story_id,))
        self._execute_many(db, _INSERT_EVENT, ev.event_rows(story))
        self._execute_many(db, _INSERT_MENTION, ev.mention_rows(story))

    def save_stories(self, stories: Sequence[Story]) -> None:
        """Store (replace, by story id) stories and their article links; others stay."""
        if not stories:
            return
        with self._transaction() as db:
            for story in stories:
                self._write_story(db, story)

    def replace_stories(self, stories: Sequence[Story]) -> None:
        """Make ``stories`` the whole set of stored stories, in one transaction."""
        with self._transaction() as db:
            self._run(db, "DELETE FROM story_articles")
            self._run(db, "DELETE FROM event_mentions")
            self._run(db, "DELETE FROM story_events")
            self._run(db, "DELETE FROM stories")
            for story in stories:
                self._write_story(db, story)

    def record_run(self, started_at: str, pipeline_version: str, summary: Mapping[str, Any]) -> None:
        """Keep what one analyze run did (``summary`` is stored as JSON)."""
        with self._transaction() as db:
            self._run(
                db,
                "INSERT INTO runs (started_at, finished_at, pipeline_version, summary) VALUES (?, ?, ?, ?)",
                (started_at, rec.now(), pipeline_version, json.dumps(summary, default=str)),
            )

    def save_job(self, job_id: str, data: Mapping[str, Any], keep: int = 100) -> None:
        """Keep the state of a web ingest job (as JSON), and only the ``keep`` latest jobs."""
        with self._transaction() as db:
            self._run(
                db,
                "INSERT INTO jobs (job_id, updated_at, data) VALUES (?, ?, ?) "
                "ON CONFLICT (job_id) DO UPDATE SET updated_at = excluded.updated_at, data = excluded.data",
                (job_id, datetime.now(UTC).isoformat(timespec="microseconds"), json.dumps(data, default=str)),
            )
            self._run(
                db,
                "DELETE FROM jobs WHERE job_id NOT IN "
                "(SELECT job_id FROM jobs ORDER BY updated_at DESC, job_id LIMIT ?)",
                (keep,),
            )

    def job(self, job_id: str) -> dict[str, Any]:
        """RAISES NotFound: no job has this id."""
        with self._reading() as db:
            row = self._run(db, "SELECT data FROM jobs WHERE job_id = ?", (job_id,)).fetchone()
        if row is None:
            raise NotFound(f"no ingest job {job_id}", code="SL404")
        data: dict[str, Any] = json.loads(row["data"])
        return data

    def runs(self, limit: int = 20) -> list[dict[str, Any]]:
        """The latest analyze runs, newest first."""
        limit, _ = _page(limit, 0)
        with self._reading() as db:
            rows = self._run(
                db,
                "SELECT started_at, finished_at, pipeline_version, summary FROM runs ORDER BY run_id DESC LIMIT ?",
                (limit,),
            ).fetchall()
        return [
            {
                "started_at": r["started_at"],
                "finished_at": r["finished_at"],
                "pipeline_version": r["pipeline_version"],
                "summary": json.loads(r["summary"]),
            }
            for r in rows
        ]

    def claim_articles(self, article_ids: Sequence[str], owner: str, seconds: float) -> set[str]:
        """Claim articles for analysis by ``owner`` for ``seconds``; returns those it now holds.

        A claim held by another owner is taken over only when it has expired or its owner is
        a process of this machine that is no longer running (a run killed with SIGKILL).
        """
        ids = list(dict.fromkeys(article_ids))
        if not ids:
            return set()
        now = rec.now()
        until = (datetime.now(UTC) + timedelta(seconds=seconds)).isoformat(timespec="seconds")
        mine: set[str] = set()
        with self._transaction() as db:
            for i in range(0, len(ids), 500):
                chunk = ids[i : i + 500]
                marks = ", ".join("?" for _ in chunk)
                held = {
                    r[0]: (r[1], r[2])
                    for r in self._run(
                        db,
                        f"SELECT article_id, owner, expires_at FROM analysis_claims WHERE article_id IN ({marks})",
                        chunk,
                    ).fetchall()
                }
                stale = [a for a, (who, exp) in held.items() if who == owner or exp < now or owner_gone(who)]
                for aid in stale:
                    self._run(
                        db,
                        "DELETE FROM analysis_claims WHERE article_id = ? AND owner = ?",
                        (aid, held[aid][0]),
                    )
                rows = [[aid, owner, until] for aid in chunk if aid not in held or aid in stale]
                went_in = self._insert_new(db, _INSERT_CLAIM, rows)
                mine.update(r[0] for r, ok in zip(rows, went_in, strict=True) if ok)
        return mine

    def release_claims(self, article_ids: Sequence[str], owner: str) -> None:
        """Give up ``owner``'s claims on these articles (done, or failed)."""
        ids = list(dict.fromkeys(article_ids))
        with self._transaction() as db:
            for i in range(0, len(ids), 500):
                chunk = ids[i : i + 500]
                marks = ", ".join("?" for _ in chunk)
                self._run(
                    db,
                    f"DELETE FROM analysis_claims WHERE owner = ? AND article_id IN ({marks})",
                    [owner, *chunk],
                )

    # ---- reads --------------------------------------------------------------------------------

    def has_analysis(self, article_id: str, pipeline_version: str | None = None) -> bool:
        with self._reading() as db:
            if pipeline_version is None:
                cur = self._run(db, "SELECT 1 FROM analyses WHERE article_id = ?", (article_id,))
            else:
                cur = self._run(
                    db,
                    "SELECT 1 FROM analyses WHERE article_id = ? AND pipeline_version = ?",
                    (article_id, pipeline_version),
                )
            return cur.fetchone() is not None

    def known_ids(self, article_ids: Sequence[str]) -> set[str]:
        """Those of ``article_ids`` that are stored."""
        return self._ids_in("articles", article_ids, None)

    def analysed_ids(self, article_ids: Sequence[str], pipeline_version: str | None = None) -> set[str]:
        """Those of ``article_ids`` that have an analysis (by ``pipeline_version`` when given)."""
        return self._ids_in("analyses", article_ids, pipeline_version)

    def _ids_in(self, table: str, article_ids: Sequence[str], pipeline_version: str | None) -> set[str]:
        with self._reading() as db:
            return self._ids_in_tx(db, table, article_ids, pipeline_version)

    def _ids_in_tx(
        self, db: Executor, table: str, article_ids: Sequence[str], pipeline_version: str | None = None
    ) -> set[str]:
        found: set[str] = set()
        ids = list(dict.fromkeys(article_ids))
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            marks = ", ".join("?" for _ in chunk)
            sql = f"SELECT article_id FROM {table} WHERE article_id IN ({marks})"
            params: list[Any] = list(chunk)
            if pipeline_version is not None:
                sql += " AND pipeline_version = ?"
                params.append(pipeline_version)
            found.update(r[0] for r in self._run(db, sql, params).fetchall())
        return found

    def article(self, article_id: str) -> Article:
        """RAISES NotFound: no article has this id."""
        with self._reading() as db:
            row = self._run(db, _ARTICLE_SELECT + " WHERE a.article_id = ?", (article_id,)).fetchone()
        if row is None:
            raise NotFound(f"no article with id {article_id!r}")
        return rec.article_from_row(row)

    def articles(self, *, limit: int = 100, offset: int = 0, story_id: str | None = None) -> list[Article]:
        """Stored articles in the order they were first stored (or their order in a story)."""
        limit, offset = _page(limit, offset)
        with self._reading() as db:
            if story_id is None:
                rows = self._run(db, _ARTICLE_SELECT + " ORDER BY a.seq LIMIT ? OFFSET ?", (limit, offset))
            else:
                rows = self._run(
                    db,
                    _ARTICLE_SELECT + " JOIN story_articles s ON s.article_id = a.article_id"
                    " WHERE s.story_id = ? ORDER BY s.ord LIMIT ? OFFSET ?",
                    (story_id, limit, offset),
                )
            return [rec.article_from_row(r) for r in rows.fetchall()]

    def iter_articles(self, batch_size: int = 500) -> Iterator[Article]:
        """Every stored article, in storage order, read ``batch_size`` at a time."""
        offset = 0
        while True:
            page = self.articles(limit=batch_size, offset=offset)
            yield from page
            if len(page) < batch_size:
                return
            offset += len(page)

    def count_articles(self) -> int:
        with self._reading() as db:
            return int(self._run(db, "SELECT COUNT(*) FROM articles").fetchone()[0])

    def stats(self) -> dict[str, int]:
        """Row counts: articles, analyses, quotes, stories."""
        out: dict[str, int] = {}
        with self._reading() as db:
            for table in ("articles", "analyses", "quotes", "stories"):
                out[table] = int(self._run(db, f"SELECT COUNT(*) FROM {table}").fetchone()[0])
        return out

    def _quotes_of(self, db: Executor, article_ids: Sequence[str]) -> dict[str, list[Quote]]:
        out: dict[str, list[Quote]] = {a: [] for a in article_ids}
        for i in range(0, len(article_ids), 500):
            chunk = list(article_ids[i : i + 500])
            marks = ", ".join("?" for _ in chunk)
            rows = self._run(
                db, _QUOTE_SELECT + f" WHERE q.article_id IN ({marks}) ORDER BY q.article_id, q.ord", chunk
            )
            for r in rows.fetchall():
                out[r["article_id"]].append(rec.quote_from_row(r))
        return out

    def analysis(self, article_id: str) -> ArticleAnalysis:
        """RAISES NotFound: the article has no stored analysis."""
        found = self.analyses([article_id])
        if not found:
            raise NotFound(f"no analysis for article {article_id!r}")
        return found[0]

    def analyses(self, article_ids: Sequence[str] | None = None) -> list[ArticleAnalysis]:
        """The stored analyses of ``article_ids`` (those that have one), or of every article."""
        cols = ", ".join(f"n.{c}" for c in rec.ANALYSIS_COLUMNS)
        with self._reading() as db:
            if article_ids is None:
                rows = list(
                    self._run(
                        db, f"SELECT {cols} FROM analyses n JOIN articles a USING (article_id) ORDER BY a.seq"
                    ).fetchall()
                )
            else:
                ids = list(dict.fromkeys(article_ids))
                rows = []
                for i in range(0, len(ids), 500):
                    chunk = ids[i : i + 500]
                    marks = ", ".join("?" for _ in chunk)
                    rows.extend(
                        self._run(
                            db, f"SELECT {cols} FROM analyses n WHERE n.article_id IN ({marks})", chunk
                        ).fetchall()
                    )
                order = {a: i for i, a in enumerate(ids)}
                rows.sort(key=lambda r: order[r["article_id"]])
            quotes = self._quotes_of(db, [r["article_id"] for r in rows])
        return [rec.analysis_from_row(r, quotes[r["article_id"]]) for r in rows]

    def quotes(
        self,
        *,
        speaker: str | None = None,
        article_id: str | None = None,
        limit: int = 100,
        offset: int = 0,
    ) -> list[Quote]:
        """Stored quotes, by article and position; ``speaker`` matches the canonical speaker
        name without regard to case."""
        limit, offset = _page(limit, offset)
        where: list[str] = []
        params: list[Any] = []
        if speaker is not None:
            where.append("LOWER(q.speaker) = LOWER(?)")
            params.append(speaker)
        if article_id is not None:
            where.append("q.article_id = ?")
            params.append(article_id)
        sql = _QUOTE_SELECT + " JOIN articles a ON a.article_id = q.article_id"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY a.seq, q.ord LIMIT ? OFFSET ?"
        with self._reading() as db:
            rows = self._run(db, sql, [*params, limit, offset]).fetchall()
        return [rec.quote_from_row(r) for r in rows]

    def stories(self) -> list[Story]:
        with self._reading() as db:
            rows = self._run(db, "SELECT data FROM stories ORDER BY seq").fetchall()
        return [rec.story_from_row(r) for r in rows]

    def story(self, story_id: str) -> Story:
        """RAISES NotFound: no story has this id."""
        with self._reading() as db:
            row = self._run(db, "SELECT data FROM stories WHERE story_id = ?", (story_id,)).fetchone()
        if row is None:
            raise NotFound(f"no story with id {story_id!r}")
        return rec.story_from_row(row)

    def search(self, query: str, *, limit: int = 20, offset: int = 0) -> list[SearchHit]:
        """Full-text search over article titles and text and over quotes, best matches first.

        ``query`` is free text: its words (and "quoted phrases") must all occur; stemming
        lets "talks" find "talk". Each hit's start/end point into the article's clean text.
        """
        limit, offset = _page(limit, offset)
        terms = rec.query_terms(query)
        if not terms or limit == 0:
            return []
        want = limit + offset
        hits = self._search_quotes(terms, want) + self._search_articles(terms, want)
        hits.sort(key=lambda h: h[0])
        return [h for _, h in hits[offset : offset + limit]]

    # ---- shared search helpers ----------------------------------------------------------------

    @staticmethod
    def _article_hit(row: Mapping[str, Any], highlighted: str | None, terms: list[str]) -> SearchHit:
        text = row["text"]
        start, end = rec.locate_match(text, highlighted, terms)
        return SearchHit(
            kind="article",
            article_id=row["article_id"],
            title=row["title"],
            outlet=row["outlet"],
            start=start,
            end=end,
            snippet=rec.make_snippet(text, start, end),
        )

    @staticmethod
    def _quote_hit(row: Mapping[str, Any]) -> SearchHit:
        text = row["text"]
        return SearchHit(
            kind="quote",
            article_id=row["article_id"],
            title=row["title"],
            outlet=row["outlet"],
            start=row["start_char"],
            end=row["end_char"],
            snippet=rec.make_snippet(text, 0, min(len(text), 200)),
            speaker=row["speaker"],
        )

    # ---- the link scope: what one incremental linking run reads and writes --------------------

    def _chunked(self, sql: str, ids: Sequence[str], extra: Sequence[Any] = ()) -> list[Any]:
        """Run ``sql`` (with ``{marks}`` for an IN list) over ``ids`` 500 at a time."""
        rows: list[Any] = []
        ids = list(dict.fromkeys(ids))
        with self._reading() as db:
            for i in range(0, len(ids), 500):
                chunk = ids[i : i + 500]
                marks = ", ".join("?" for _ in chunk)
                rows.extend(self._run(db, sql.format(marks=marks), [*chunk, *extra]).fetchall())
        return rows

    def articles_by_ids(self, article_ids: Sequence[str]) -> list[Article]:
        """The stored articles among ``article_ids``, in that order (unknown ids left out)."""
        rows = self._chunked(_ARTICLE_SELECT + " WHERE a.article_id IN ({marks})", article_ids)
        order = {a: i for i, a in enumerate(article_ids)}
        rows.sort(key=lambda r: order[r["article_id"]])
        return [rec.article_from_row(r) for r in rows]

    def article_ids_published(self, spans: Sequence[tuple[date, date]]) -> list[str]:
        """Ids of the articles published within any of ``spans`` (inclusive), by date."""
        out: list[str] = []
        with self._reading() as db:
            for lo, hi in spans:
                rows = self._run(
                    db,
                    "SELECT article_id FROM articles WHERE published >= ? AND published <= ?"
                    " ORDER BY published, article_id",
                    (lo.isoformat(), hi.isoformat()),
                ).fetchall()
                out.extend(r[0] for r in rows)
        return list(dict.fromkeys(out))

    def latest_published(self) -> date | None:
        """The latest publication date stored (None when no article is dated)."""
        with self._reading() as db:
            row = self._run(db, "SELECT MAX(published) FROM articles").fetchone()
        return date.fromisoformat(row[0]) if row and row[0] else None

    def unassigned_ids(self) -> list[str]:
        """Ids of the stored articles that are in no story, in storage order."""
        with self._reading() as db:
            rows = self._run(
                db,
                "SELECT a.article_id FROM articles a WHERE NOT EXISTS"
                " (SELECT 1 FROM story_articles s WHERE s.article_id = a.article_id) ORDER BY a.seq",
            ).fetchall()
        return [r[0] for r in rows]

    def stories_of(self, article_ids: Sequence[str]) -> list[Story]:
        """The stored stories holding any of ``article_ids``, in storage order."""
        rows = self._chunked(
            "SELECT st.seq, st.data FROM stories st WHERE st.story_id IN"
            " (SELECT story_id FROM story_articles WHERE article_id IN ({marks}))",
            article_ids,
        )
        unique = {r["seq"]: r for r in rows}
        return [rec.story_from_row(unique[k]) for k in sorted(unique)]

    def story_ids_among(self, story_ids: Sequence[str]) -> set[str]:
        """Those of ``story_ids`` that are stored."""
        return {
            r[0] for r in self._chunked("SELECT story_id FROM stories WHERE story_id IN ({marks})", story_ids)
        }

    def update_stories(self, save: Sequence[Story], delete: Sequence[str] = ()) -> None:
        """Store (replace) ``save`` and delete the stories ``delete``, in one transaction."""
        with self._transaction() as db:
            gone = [sid for sid in dict.fromkeys(delete) if sid not in {s.story_id for s in save}]
            for i in range(0, len(gone), 500):
                chunk = gone[i : i + 500]
                marks = ", ".join("?" for _ in chunk)
                self._run(db, f"DELETE FROM story_articles WHERE story_id IN ({marks})", chunk)
                self._run(db, f"DELETE FROM stories WHERE story_id IN ({marks})", chunk)
            for story in save:
                self._write_story(db, story)

    def save_copy_keys(self, keys: Mapping[str, Sequence[str]]) -> None:
        """Keep each article's copy keys (an article with none gets the empty key, so that it
        is known to be done)."""
        rows = [[k, aid] for aid, ks in keys.items() for k in (ks or [""])]
        if not rows:
            return
        with self._transaction() as db:
            self._execute_many(
                db, "INSERT INTO copy_keys (key, article_id) VALUES (?, ?) ON CONFLICT DO NOTHING", rows
            )

    def articles_with_copy_keys(self, keys: Sequence[str]) -> set[str]:
        """Ids of the articles that share one of ``keys``."""
        wanted = [k for k in keys if k]
        return {
            r[0]
            for r in self._chunked("SELECT DISTINCT article_id FROM copy_keys WHERE key IN ({marks})", wanted)
        }

    def ids_without_copy_keys(self, limit: int = 1000) -> list[str]:
        """Up to ``limit`` stored articles whose copy keys are not kept yet."""
        with self._reading() as db:
            rows = self._run(
                db,
                "SELECT a.article_id FROM articles a WHERE NOT EXISTS"
                " (SELECT 1 FROM copy_keys k WHERE k.article_id = a.article_id) ORDER BY a.seq LIMIT ?",
                (limit,),
            ).fetchall()
        return [r[0] for r in rows]

    def save_decision(self, decision: StoryDecision) -> None:
        """Keep a user's merge or split of stories."""
        with self._transaction() as db:
            self._run(
                db,
                "INSERT INTO story_decisions (made_at, kind, story_id, data) VALUES (?, ?, ?, ?)",
                (decision.made_at.isoformat(), decision.kind, decision.story_id, decision.model_dump_json()),
            )

    def decisions(self) -> list[StoryDecision]:
        """The user's story decisions, oldest first."""
        with self._reading() as db:
            rows = self._run(db, "SELECT data FROM story_decisions ORDER BY decision_id").fetchall()
        return [StoryDecision.model_validate_json(r["data"]) for r in rows]

"""The SQLite store: one file, WAL journal, versioned migrations, FTS5 full-text search.

This module (with the shared SQL in ``_sql.py``) is the only code that writes the database.
Every sqlite3 error is turned into a :class:`~storyline.errors.StoreError` by
:func:`sqlite_errors` where it leaves this module.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

from storyline.errors import StoreError
from storyline.models import SearchHit
from storyline.store import _records as rec
from storyline.store._sql import Executor, SqlStore
from storyline.store.migrations.sqlite import MIGRATIONS

BUSY_TIMEOUT_MS = 30_000


@contextmanager
def sqlite_errors(what: str = "database") -> Iterator[None]:
    """Translate sqlite3 errors into StoreError (with a grep-able code)."""
    try:
        yield
    except sqlite3.IntegrityError as e:
        raise StoreError(f"{what}: constraint failed: {e}", code="SL402") from e
    except sqlite3.OperationalError as e:
        msg = str(e)
        code = "SL403" if "locked" in msg or "busy" in msg else "SL400"
        raise StoreError(f"{what}: {msg}", code=code) from e
    except sqlite3.DatabaseError as e:
        raise StoreError(f"{what}: {e}", code="SL401") from e
    except sqlite3.Error as e:
        raise StoreError(f"{what}: {e}", code="SL400") from e


def sqlite_path(url: str) -> str:
    """A filesystem path (or ``:memory:``) from a path or a ``sqlite:///path`` URL."""
    for prefix in ("sqlite:///", "sqlite://"):
        if url.startswith(prefix):
            return url[len(prefix) :] or ":memory:"
    return url


class SQLiteStore(SqlStore):
    """A storyline store in one SQLite file (``:memory:`` for a private in-memory one).

    Safe to share between threads of one process (calls are serialised by a lock); other
    processes may read while one writes (WAL), and writers wait up to 30 s for each other.
    """

    migrations = MIGRATIONS

    def __init__(self, path: str | Path = "storyline.db") -> None:
        self.path = sqlite_path(str(path))
        self._lock = threading.RLock()
        if self.path != ":memory:" and not self.path.startswith("file:"):
            try:
                Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            except OSError as e:
                raise StoreError(
                    f"cannot create the folder of {self.path}: {e.strerror}", code="SL401"
                ) from e
        with sqlite_errors(self.path):
            self._conn = sqlite3.connect(
                self.path,
                isolation_level=None,  # transactions are explicit: BEGIN IMMEDIATE ... COMMIT
                check_same_thread=False,
                timeout=BUSY_TIMEOUT_MS / 1000,
                uri=self.path.startswith("file:"),
            )
        try:
            with sqlite_errors(self.path):
                self._conn.row_factory = sqlite3.Row
                self._conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
                self._wal()
                self._conn.execute("PRAGMA synchronous = NORMAL")
                self._conn.execute("PRAGMA foreign_keys = ON")
            self._open_schema()
        except BaseException:
            self._conn.close()
            raise

    def _wal(self) -> None:
        """Switch to WAL. The switch does not wait for a busy database (a second process
        opening a new file while the first creates its schema): retry within the busy timeout."""
        deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
        while True:
            try:
                self._conn.execute("PRAGMA journal_mode = WAL")
                return
            except sqlite3.OperationalError as e:
                if ("locked" not in str(e) and "busy" not in str(e)) or time.monotonic() > deadline:
                    raise
                time.sleep(0.05)

    def _open_schema(self) -> None:
        with self._transaction() as db:
            self._upgrade(db)

    @contextmanager
    def _transaction(self) -> Iterator[Executor]:
        with self._lock, sqlite_errors(self.path):
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield self._conn
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
            self._conn.execute("COMMIT")

    @contextmanager
    def _reading(self) -> Iterator[Executor]:
        with self._lock, sqlite_errors(self.path):
            self._conn.execute("BEGIN")
            try:
                yield self._conn
            finally:
                self._conn.execute("COMMIT")

    def close(self) -> None:
        with self._lock, sqlite_errors(self.path):
            self._conn.close()

    def integrity_check(self) -> list[str]:
        """``PRAGMA integrity_check`` (``["ok"]`` for a sound file) plus the FTS index checks."""
        with self._lock, sqlite_errors(self.path):
            out = [r[0] for r in self._conn.execute("PRAGMA integrity_check").fetchall()]
            for table in ("articles_fts", "quotes_fts"):
                try:
                    self._conn.execute(f"INSERT INTO {table}({table}) VALUES ('integrity-check')")
                except sqlite3.DatabaseError as e:
                    out.append(f"{table}: {e}")
        return out

    # ---- full-text search (FTS5) --------------------------------------------------------------

    @staticmethod
    def _match(terms: list[str]) -> str:
        return " ".join('"' + t.replace('"', '""') + '"' for t in terms)

    def _search_articles(self, terms: list[str], limit: int) -> list[tuple[float, SearchHit]]:
        # Rank first, then highlight only the rows kept (highlight() copies the whole text).
        sql = (
            "WITH top AS (SELECT rowid, bm25(articles_fts) AS score FROM articles_fts"
            " WHERE articles_fts MATCH ? ORDER BY score LIMIT ?)"
            " SELECT a.article_id, a.title, a.outlet, a.text, top.score,"
            " highlight(articles_fts, 1, ?, ?) AS hl"
            " FROM articles_fts JOIN top ON top.rowid = articles_fts.rowid"
            " JOIN articles a ON a.seq = articles_fts.rowid"
            " WHERE articles_fts MATCH ? ORDER BY top.score"
        )
        match = self._match(terms)
        with self._reading() as db:
            rows: Sequence[Any] = db.execute(
                sql, (match, limit, rec.MARK_OPEN, rec.MARK_CLOSE, match)
            ).fetchall()
        return [(float(r["score"]), self._article_hit(r, r["hl"], terms)) for r in rows]

    def _search_quotes(self, terms: list[str], limit: int) -> list[tuple[float, SearchHit]]:
        sql = (
            "SELECT q.article_id, q.text, q.start_char, q.end_char, q.speaker, a.title, a.outlet,"
            " bm25(quotes_fts) AS score"
            " FROM quotes_fts JOIN quotes q ON q.qid = quotes_fts.rowid"
            " JOIN articles a ON a.article_id = q.article_id"
            " WHERE quotes_fts MATCH ? ORDER BY score LIMIT ?"
        )
        with self._reading() as db:
            rows: Sequence[Any] = db.execute(sql, (self._match(terms), limit)).fetchall()
        return [(float(r["score"]), self._quote_hit(r)) for r in rows]

    def similar_article_ids(
        self, words: Sequence[str], spans: Sequence[tuple[date, date] | None], limit: int
    ) -> list[str]:
        """Up to ``limit`` articles published within each of ``spans`` that share the most of
        ``words`` (any of them; best first by BM25): the candidates of a linking run. A span
        of None: any time, undated articles too."""
        terms = [w for w in dict.fromkeys(words) if w]
        if not terms or limit <= 0:
            return []
        match = " OR ".join('"' + t.replace('"', '""') + '"' for t in terms)
        out: list[str] = []
        with self._reading() as db:
            for span in spans:
                when = "" if span is None else " AND a.published >= ? AND a.published <= ?"
                sql = (
                    "SELECT a.article_id FROM articles_fts JOIN articles a ON a.seq = articles_fts.rowid"
                    f" WHERE articles_fts MATCH ?{when} ORDER BY bm25(articles_fts), a.seq LIMIT ?"
                )
                dates = () if span is None else (span[0].isoformat(), span[1].isoformat())
                rows = db.execute(sql, (match, *dates, limit)).fetchall()
                out.extend(r[0] for r in rows)
        return list(dict.fromkeys(out))

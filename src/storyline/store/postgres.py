"""The PostgreSQL store: the same behaviour as the SQLite one, for a shared server.

Full-text search uses stored ``tsvector`` columns (English configuration, GIN indexes)
instead of FTS5. Every psycopg error is turned into a
:class:`~storyline.errors.StoreError` by :func:`postgres_errors` where it leaves this module.
PostgreSQL text cannot hold NUL characters: they are stored as U+FFFD (same length, so every
offset still holds).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from typing import Any

from storyline.errors import StoreError
from storyline.models import SearchHit
from storyline.store import _records as rec
from storyline.store._sql import Executor, SqlStore
from storyline.store.migrations.postgres import MIGRATIONS

try:
    import psycopg
    from psycopg import sql as pgsql
except ImportError as e:  # pragma: no cover - depends on the installation
    raise StoreError(
        "the PostgreSQL store needs psycopg: pip install 'storyline[postgres]'", code="SL407"
    ) from e

_MIGRATION_LOCK = 0x5709_1E  # pg_advisory_xact_lock key: one migrating process at a time
_SCHEMA_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")


def redact(url: str) -> str:
    """The URL without its password, for messages."""
    return re.sub(r"(://[^:/@]+):[^@]*@", r"\1:***@", url)


@contextmanager
def postgres_errors(what: str) -> Iterator[None]:
    """Translate psycopg errors into StoreError (with a grep-able code)."""
    try:
        yield
    except psycopg.errors.IntegrityError as e:
        raise StoreError(f"{what}: constraint failed: {e}", code="SL402") from e
    except psycopg.OperationalError as e:
        raise StoreError(f"{what}: {e}", code="SL406") from e
    except psycopg.Error as e:
        raise StoreError(f"{what}: {e}", code="SL400") from e


class _Row(tuple[Any, ...]):
    """A row readable by position and by column name, like ``sqlite3.Row``."""

    _index: dict[str, int]

    def __getitem__(self, key: Any) -> Any:
        if isinstance(key, str):
            return tuple.__getitem__(self, self._index[key])
        return tuple.__getitem__(self, key)


def _row_factory(cursor: Any) -> Any:
    names = [d.name for d in cursor.description or ()]
    index = {n: i for i, n in enumerate(names)}

    def make(values: Sequence[Any]) -> _Row:
        row = _Row(values)
        row._index = index
        return row

    return make


def _no_nul(value: Any) -> Any:
    return value.replace("\x00", "\ufffd") if isinstance(value, str) else value


class PostgresStore(SqlStore):
    """A storyline store in a PostgreSQL database (``postgresql://user@host:port/db``).

    schema (str | None): keep the tables in this schema (created when missing) instead of the
    connection's default one, e.g. to give each test its own.
    """

    placeholder = "%s"
    migrations = MIGRATIONS

    def __init__(self, url: str, *, schema: str | None = None) -> None:
        self.url = url
        self._what = redact(url)
        self._lock = threading.RLock()
        if schema is not None and not _SCHEMA_NAME.match(schema):
            raise StoreError(f"invalid schema name {schema!r}", code="SL408")
        with postgres_errors(self._what):
            self._conn = psycopg.connect(url, autocommit=True, row_factory=_row_factory, connect_timeout=15)
        try:
            with postgres_errors(self._what):
                if schema is not None:
                    self._conn.execute(
                        pgsql.SQL("CREATE SCHEMA IF NOT EXISTS {}").format(pgsql.Identifier(schema))
                    )
                    self._conn.execute(pgsql.SQL("SET search_path TO {}").format(pgsql.Identifier(schema)))
            self._open_schema()
        except BaseException:
            self._conn.close()
            raise

    def _open_schema(self) -> None:
        with self._transaction() as db:
            db.execute("SELECT pg_advisory_xact_lock(%s)", (_MIGRATION_LOCK,))
            self._upgrade(db)

    @contextmanager
    def _transaction(self) -> Iterator[Executor]:
        with self._lock, postgres_errors(self._what), self._conn.transaction():
            yield self._conn

    @contextmanager
    def _reading(self) -> Iterator[Executor]:
        with self._lock, postgres_errors(self._what), self._conn.transaction():
            yield self._conn

    def _clean(self, row: dict[str, Any]) -> dict[str, Any]:
        return {k: _no_nul(v) for k, v in row.items()}

    def _insert_new(self, db: Executor, sql: str, rows: list[list[Any]]) -> list[bool]:
        """One pipelined round trip for the batch; RETURNING tells which rows went in."""
        if not rows:
            return []
        cur = self._conn.cursor()
        cur.executemany(self._sql(sql + " RETURNING 1"), rows, returning=True)
        out = []
        while True:
            out.append(cur.fetchone() is not None)
            if not cur.nextset():
                break
        return out

    def _execute_many(self, db: Executor, sql: str, rows: list[list[Any]]) -> None:
        if rows:
            self._conn.cursor().executemany(self._sql(sql), rows)

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    # ---- full-text search (tsvector) ----------------------------------------------------------

    @staticmethod
    def _tsquery(terms: list[str]) -> tuple[str, list[str]]:
        expr = " && ".join("phraseto_tsquery('english', %s)" for _ in terms)
        return f"({expr})", list(terms)

    _HEADLINE = f'StartSel="{rec.MARK_OPEN}", StopSel="{rec.MARK_CLOSE}", HighlightAll=true'

    def _search_articles(self, terms: list[str], limit: int) -> list[tuple[float, SearchHit]]:
        # Rank first, then highlight only the rows kept (ts_headline reads the whole text).
        tsq, params = self._tsquery(terms)
        sql = (
            "WITH q AS (SELECT " + tsq + " AS query),"
            " top AS (SELECT a.seq, ts_rank_cd(a.tsv, q.query) AS rank FROM articles a, q"
            " WHERE a.tsv @@ q.query ORDER BY rank DESC, a.seq LIMIT %s)"
            " SELECT a.article_id, a.title, a.outlet, a.text, top.rank,"
            " ts_headline('english', a.text, q.query, %s) AS hl"
            " FROM top JOIN articles a ON a.seq = top.seq, q ORDER BY top.rank DESC, a.seq"
        )
        with self._reading() as db:
            rows: Sequence[Any] = db.execute(sql, (*params, limit, self._HEADLINE)).fetchall()
        return [(-float(r["rank"]), self._article_hit(r, r["hl"], terms)) for r in rows]

    def _search_quotes(self, terms: list[str], limit: int) -> list[tuple[float, SearchHit]]:
        tsq, params = self._tsquery(terms)
        sql = (
            "WITH q AS (SELECT " + tsq + " AS query)"
            " SELECT qu.article_id, qu.text, qu.start_char, qu.end_char, qu.speaker, a.title, a.outlet,"
            " ts_rank_cd(qu.tsv, q.query) AS rank"
            " FROM quotes qu JOIN articles a ON a.article_id = qu.article_id, q"
            " WHERE qu.tsv @@ q.query ORDER BY rank DESC, a.seq, qu.ord LIMIT %s"
        )
        with self._reading() as db:
            rows: Sequence[Any] = db.execute(sql, (*params, limit)).fetchall()
        return [(-float(r["rank"]), self._quote_hit(r)) for r in rows]

    def similar_article_ids(
        self, words: Sequence[str], spans: Sequence[tuple[date, date] | None], limit: int
    ) -> list[str]:
        """Up to ``limit`` articles published within each of ``spans`` that share the most of
        ``words`` (any of them; best first by rank): the candidates of a linking run. A span
        of None: any time, undated articles too."""
        terms = [w for w in dict.fromkeys(words) if w]
        if not terms or limit <= 0:
            return []
        expr = " || ".join("plainto_tsquery('english', %s)" for _ in terms)
        out: list[str] = []
        with self._reading() as db:
            for span in spans:
                when = "" if span is None else " AND a.published >= %s AND a.published <= %s"
                sql = (
                    f"WITH q AS (SELECT ({expr}) AS query)"
                    f" SELECT a.article_id FROM articles a, q WHERE a.tsv @@ q.query{when}"
                    " ORDER BY ts_rank_cd(a.tsv, q.query) DESC, a.seq LIMIT %s"
                )
                dates = () if span is None else (span[0].isoformat(), span[1].isoformat())
                rows = db.execute(sql, (*terms, *dates, limit)).fetchall()
                out.extend(r[0] for r in rows)
        return list(dict.fromkeys(out))


def drop_schema(url: str, schema: str) -> None:
    """Drop a schema and everything in it (test clean-up)."""
    if not _SCHEMA_NAME.match(schema):
        raise StoreError(f"invalid schema name {schema!r}", code="SL408")
    with postgres_errors(redact(url)), psycopg.connect(url, autocommit=True) as conn:
        conn.execute(pgsql.SQL("DROP SCHEMA IF EXISTS {} CASCADE").format(pgsql.Identifier(schema)))

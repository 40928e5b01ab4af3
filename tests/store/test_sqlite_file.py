"""SQLite specifics: a real file in WAL mode, migrations recorded, errors translated."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest
from store_factories import make_analysis, sample_articles

from storyline.errors import StoreError
from storyline.store import open_store
from storyline.store.migrations import Migration, check_sequence
from storyline.store.migrations.sqlite import MIGRATIONS
from storyline.store.sqlite import SQLiteStore, sqlite_errors


def test_sqlite_file_is_wal_with_migrations_recorded(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "s.db"
    with SQLiteStore(path) as store:
        store.add_articles(sample_articles())
    con = sqlite3.connect(path)
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    rows = con.execute("SELECT version, name FROM schema_migrations ORDER BY version").fetchall()
    assert [r[0] for r in rows] == [m.version for m in MIGRATIONS]
    assert con.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == 3
    con.close()


def test_sqlite_reopen_keeps_rows_and_migrates_once(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    articles = sample_articles()
    with SQLiteStore(path) as store:
        store.add_articles(articles)
    with SQLiteStore(f"sqlite:///{path}") as store:
        assert store.add_articles(articles) == [False, False, False]
        assert store.count_articles() == 3
        assert store.schema_version() == MIGRATIONS[-1].version
        assert store.integrity_check() == ["ok"]


def test_sqlite_open_store_picks_backend(tmp_path: Path) -> None:
    store = open_store(str(tmp_path / "x.db"))
    assert isinstance(store, SQLiteStore)
    store.close()


def test_sqlite_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    SQLiteStore(path).close()
    con = sqlite3.connect(path)
    con.execute("INSERT INTO schema_migrations VALUES (999, 'from the future', 'now')")
    con.commit()
    con.close()
    with pytest.raises(StoreError, match="newer") as info:
        SQLiteStore(path)
    assert info.value.code == "SL405"


def test_sqlite_not_a_database_is_a_store_error(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_bytes(b"these are plain notes, not a database file" * 100)
    with pytest.raises(StoreError) as info:
        SQLiteStore(path)
    assert info.value.code == "SL401"


def test_sqlite_errors_translates_sqlite3_errors() -> None:
    with pytest.raises(StoreError) as info, sqlite_errors("x"):
        raise sqlite3.IntegrityError("UNIQUE constraint failed")
    assert info.value.code == "SL402"
    with pytest.raises(StoreError) as info, sqlite_errors("x"):
        raise sqlite3.OperationalError("database is locked")
    assert info.value.code == "SL403"


def test_sqlite_reader_sees_only_committed_batches(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    articles = sample_articles()
    with SQLiteStore(path) as writer, SQLiteStore(path) as reader:
        with writer._transaction() as db:
            writer._run(db, "DELETE FROM articles")  # an open write transaction
            assert reader.count_articles() == 0
        writer.add_articles(articles)
        assert reader.count_articles() == 3


def test_sqlite_store_shared_between_threads(tmp_path: Path) -> None:
    articles = sample_articles()
    with SQLiteStore(tmp_path / "s.db") as store:
        store.add_articles(articles)
        errors: list[BaseException] = []

        def work(i: int) -> None:
            try:
                for _ in range(20):
                    store.save_analyses([make_analysis(articles[i])])
                    store.search("harbour")
            except BaseException as e:  # pragma: no cover - reported below
                errors.append(e)

        threads = [threading.Thread(target=work, args=(i,)) for i in range(3)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert errors == []
        assert store.stats()["analyses"] == 3


def test_sqlite_migrations_numbered_without_gaps() -> None:
    check_sequence(MIGRATIONS)
    gap = (Migration(1, "first", ()), Migration(3, "third", ()))
    with pytest.raises(AssertionError, match="expected 2"):
        check_sequence(gap)


def test_sqlite_upgrade_from_first_schema_keeps_rows(tmp_path: Path) -> None:
    class FirstRelease(SQLiteStore):
        migrations = MIGRATIONS[:1]

    path = tmp_path / "old.db"
    with FirstRelease(path) as old:
        old.add_articles(sample_articles())
        assert old.schema_version() == 1
    with SQLiteStore(path) as new:
        assert new.schema_version() == MIGRATIONS[-1].version > 1
        assert new.count_articles() == 3
        new.record_run("2031-01-01T00:00:00+00:00", "1", {"read": 3})
        assert len(new.runs()) == 1
        assert new.integrity_check() == ["ok"]

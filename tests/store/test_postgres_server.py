"""PostgreSQL specifics, against the real server that scripts/pg-start.sh starts."""

from __future__ import annotations

import uuid

import pytest
from store_factories import sample_articles

from storyline.errors import StoreError
from storyline.store import open_store

pytestmark = pytest.mark.postgres


def test_postgres_upgrade_from_first_schema_keeps_rows(pg_url: str) -> None:
    from storyline.store.migrations.postgres import MIGRATIONS
    from storyline.store.postgres import PostgresStore, drop_schema

    class FirstRelease(PostgresStore):
        migrations = MIGRATIONS[:1]

    schema = "up_" + uuid.uuid4().hex[:10]
    try:
        with FirstRelease(pg_url, schema=schema) as old:
            old.add_articles(sample_articles())
            assert old.schema_version() == 1
        with PostgresStore(pg_url, schema=schema) as new:
            assert new.schema_version() == MIGRATIONS[-1].version > 1
            assert new.count_articles() == 3
    finally:
        drop_schema(pg_url, schema)


def test_postgres_open_store_and_bad_urls(pg_url: str) -> None:
    from storyline.store.postgres import PostgresStore, redact

    schema_url = pg_url  # the default schema of the test database
    store = open_store(schema_url)
    assert isinstance(store, PostgresStore)
    store.close()
    with pytest.raises(StoreError) as info:
        open_store("postgresql://nobody:secret@127.0.0.1:1/none")
    assert info.value.code == "SL406"
    assert "secret" not in str(info.value)
    assert redact("postgresql://u:pw@h/db") == "postgresql://u:***@h/db"
    with pytest.raises(StoreError):
        PostgresStore(pg_url, schema="bad; DROP")

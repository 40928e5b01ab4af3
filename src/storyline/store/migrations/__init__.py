"""Versioned schema migrations, one numbered list per backend.

A migration is a version number, a name and the statements that take the schema from the
previous version to this one. Applied versions are recorded in the ``schema_migrations``
table; a store applies the missing ones, in order, each in its own transaction, when it opens.
Never edit a released migration: add the next number.
"""

from __future__ import annotations

from typing import NamedTuple


class Migration(NamedTuple):
    version: int
    name: str
    statements: tuple[str, ...]


def check_sequence(migrations: tuple[Migration, ...]) -> None:
    """Migrations are numbered 1, 2, 3, ... with no gap (checked by the tests)."""
    for expected, m in enumerate(migrations, start=1):
        if m.version != expected:
            raise AssertionError(f"migration {m.name!r} has number {m.version}, expected {expected}")

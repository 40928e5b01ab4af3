"""Fixtures of this test area."""

from __future__ import annotations

from pathlib import Path

import pytest

from sample_store import build_sample_store


@pytest.fixture
def sample_db(tmp_path: Path) -> Path:
    """A SQLite store with a row in every table (tests/sample_store.py)."""
    return build_sample_store(tmp_path / "sample.db")

"""Fixtures shared by every test area. Area-specific fixtures live in tests/<area>/conftest.py."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SHARED = ROOT.parent / "shared"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="rewrite golden files")


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture(scope="session")
def examples_dir() -> Path:
    return EXAMPLES


@pytest.fixture(autouse=True)
def _no_user_config(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests never read the developer's own settings file."""
    monkeypatch.delenv("STORYLINE_CONFIG", raising=False)


@pytest.fixture(scope="session")
def pg_url() -> str:
    url = os.environ.get("STORYLINE_TEST_PG_URL")
    if not url:
        pytest.skip("no PostgreSQL server (scripts/run-tests.sh starts one when it can)")
    return url

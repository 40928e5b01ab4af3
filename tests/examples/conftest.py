"""Fixtures for the sample corpus tests."""

from __future__ import annotations

from typing import Any

import pytest
from corpus_gold import load_gold


@pytest.fixture(scope="session")
def gold() -> dict[str, Any]:
    return load_gold()

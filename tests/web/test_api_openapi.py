"""Property-based run over the OpenAPI spec: no generated request makes the server fail."""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings

from storyline import services
from storyline.settings import Settings
from storyline.web import create_app

EXAMPLES_PER_OPERATION = 12


def test_api_openapi_no_server_errors(
    db_path: str, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    # generated uploads become jobs; they must not start the NLP pipeline in the background
    monkeypatch.setattr(services, "analyze", lambda *a, **k: services.AnalyzeSummary())
    app = create_app(db_path, settings, enable_fetch=True)
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 12
    failures: list[str] = []
    calls: list[str] = []
    for operation in operations:

        @given(case=operation.as_strategy())
        @hypothesis_settings(
            max_examples=EXAMPLES_PER_OPERATION,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            database=None,
        )
        def check(case: Any) -> None:
            response = case.call()
            calls.append(case.method)
            if response.status_code >= 500:
                failures.append(
                    f"{case.method} {case.formatted_path} -> {response.status_code}: {response.text[:300]}"
                )
            assert response.status_code < 500

        try:
            check()
        except AssertionError:
            continue
    assert failures == []
    assert len(calls) >= 3 * len(operations), "the run generated requests for every operation"
    assert "POST" in calls

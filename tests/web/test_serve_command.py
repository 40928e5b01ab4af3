"""`storyline serve`: loopback by default; beyond loopback, writes need a token."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import uvicorn
from typer.testing import CliRunner

from storyline.cli import app
from storyline.store.sqlite import SQLiteStore


def _store(folder: Path) -> str:
    """A store file that exists: serve refuses to start on a missing one."""
    path = folder / "s.db"
    SQLiteStore(path).close()
    return str(path)


@pytest.fixture
def served(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    seen: dict[str, Any] = {}

    def fake_run(web_app: Any, host: str, port: int, **kw: Any) -> None:
        seen.update(app=web_app, host=host, port=port)

    monkeypatch.setattr(uvicorn, "run", fake_run)
    return seen


def test_serve_command_binds_loopback_by_default(served: dict[str, Any], tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["serve", "--db", _store(tmp_path)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert served["host"] == "127.0.0.1" and served["port"] == 8000
    state = served["app"].state.storyline
    assert state.token is None
    assert state.enable_fetch is False


def test_serve_command_beyond_loopback_makes_a_token(served: dict[str, Any], tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app,
        ["serve", "--db", _store(tmp_path), "--host", "0.0.0.0", "--port", "9001"],
        catch_exceptions=False,
    )
    assert result.exit_code == 0
    token = served["app"].state.storyline.token
    assert token and len(token) >= 24
    assert token in result.output
    assert served["host"] == "0.0.0.0" and served["port"] == 9001


def test_serve_command_takes_a_given_token_and_fetch(served: dict[str, Any], tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app,
        [
            "serve",
            "--db",
            _store(tmp_path),
            "--host",
            "10.0.0.5",
            "--token",
            "given-token",
            "--enable-fetch",
        ],
        catch_exceptions=False,
    )
    assert result.exit_code == 0
    state = served["app"].state.storyline
    assert state.token == "given-token"
    assert state.enable_fetch is True
    assert "given-token" not in result.output


def test_serve_command_refuses_a_store_that_does_not_exist(served: dict[str, Any], tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["serve", "--db", str(tmp_path / "typo.db")], catch_exceptions=False)
    assert result.exit_code == 2
    assert "SL409" in result.stderr and "typo.db" in result.stderr
    assert not (tmp_path / "typo.db").exists()
    assert "app" not in served


def test_serve_command_creates_a_store_only_when_asked(served: dict[str, Any], tmp_path: Path) -> None:
    db = tmp_path / "fresh.db"
    result = CliRunner().invoke(app, ["serve", "--db", str(db), "--new"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "app" in served

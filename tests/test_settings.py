from __future__ import annotations

from pathlib import Path

import pytest

from storyline.errors import ConfigError
from storyline.settings import load_settings


def test_settings_defaults_come_from_package() -> None:
    s = load_settings()
    assert s.ingest.max_bytes == 20_000_000
    assert s.web.host == "127.0.0.1"


def test_settings_user_file_overlays_defaults(tmp_path: Path) -> None:
    f = tmp_path / "s.toml"
    f.write_text("[ingest]\nmax_bytes = 5\n")
    s = load_settings(f)
    assert s.ingest.max_bytes == 5
    assert s.nlp.batch_size == 32


@pytest.mark.parametrize("body", ["[ingest]\nmax_bytes = 'x'\n", "[nope]\na = 1\n", "not toml ["])
def test_settings_bad_file_is_config_error(tmp_path: Path, body: str) -> None:
    f = tmp_path / "s.toml"
    f.write_text(body)
    with pytest.raises(ConfigError):
        load_settings(f)


def test_settings_missing_file_is_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="SL101"):
        load_settings(tmp_path / "absent.toml")

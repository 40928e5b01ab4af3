"""The public API is what ``storyline.__all__`` says, and every command is documented."""

from __future__ import annotations

import re
from pathlib import Path

import storyline
from storyline.cli import app

ROOT = Path(__file__).resolve().parent.parent


def test_public_api_exports_exist() -> None:
    for name in storyline.__all__:
        assert hasattr(storyline, name), name


def test_public_api_all_is_sorted_and_unique() -> None:
    assert list(storyline.__all__) == sorted(set(storyline.__all__))


def _command_names() -> list[str]:
    names = []
    for cmd in app.registered_commands:
        name = cmd.name or (cmd.callback.__name__.replace("_", "-") if cmd.callback else "")
        names.append(name)
    return names


def test_public_api_every_command_is_in_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"`storyline ([a-z-]+)", readme))
    missing = [n for n in _command_names() if n not in documented]
    assert not missing, f"commands missing from the README's table: {missing}"


def test_public_api_every_command_has_help() -> None:
    for cmd in app.registered_commands:
        doc = cmd.help or (cmd.callback.__doc__ if cmd.callback else None)
        assert doc and doc.strip(), f"command {cmd.name or cmd.callback} has no help text"

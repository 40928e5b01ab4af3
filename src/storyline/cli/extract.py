"""`storyline extract`: articles in the output contract, no store needed."""

from __future__ import annotations

from storyline.cli.app import app  # noqa: F401

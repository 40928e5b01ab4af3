"""`storyline` commands: ingest."""

from __future__ import annotations

from storyline.cli.app import app  # noqa: F401

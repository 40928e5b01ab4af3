"""The `storyline` command. Each module below registers its commands on :data:`app`."""

from storyline.cli import analyze, events, export, extract, quotes, serve, stories  # noqa: F401  (registers commands)
from storyline.cli.app import app, main

__all__ = ["app", "main"]

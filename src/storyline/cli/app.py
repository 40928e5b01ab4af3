"""The `storyline` command: parse options, call services, map errors. Nothing else."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from storyline import __version__
from storyline.errors import StorylineError
from storyline.settings import Settings, load_settings

app = typer.Typer(
    name="storyline",
    help="Read many news articles about one story and build a sourced dossier of it.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
err = Console(stderr=True)


class State:
    config: Path | None = None


def settings(**overrides: Any) -> Settings:
    """The settings for this invocation (packaged defaults, user file, command-line overrides)."""
    return load_settings(State.config, **overrides)


@contextmanager
def storyline_errors() -> Iterator[None]:
    """Turn a StorylineError into one clear line on stderr and exit status 2."""
    try:
        yield
    except StorylineError as e:
        err.print(f"[bold red]error[/]: {e}", markup=True, highlight=False)
        raise typer.Exit(2) from e


def _version(value: bool) -> None:
    if value:
        typer.echo(f"storyline {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    config: Annotated[
        Path | None, typer.Option("--config", help="A TOML settings file read on top of the defaults.")
    ] = None,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version.")
    ] = False,
) -> None:
    State.config = config


def main(argv: list[str] | None = None) -> None:
    app(args=argv if argv is not None else sys.argv[1:])

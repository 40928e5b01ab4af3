"""The `storyline` command: parse options, call the library, map errors. Nothing else."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from typer.core import TyperArgument, TyperGroup

from storyline import __version__
from storyline.errors import StorylineError
from storyline.settings import Settings, load_settings
from storyline.store.base import Store

#: Options of the whole command that may also be given after the command's name.
GLOBAL_OPTIONS = ("--config",)


class _Argument(TyperArgument):
    """An argument shown by its metavar alone (``PATH...``): no ``<list[str]>``, no braces."""

    def display_type_rich(self, ctx: Any) -> str | None:
        return None

    def _usage_display_name(self) -> str:
        name = self.display_name_raw
        return name if self.required else f"[{name}]"


class _Group(TyperGroup):
    """Accepts ``--config FILE`` after the command as well as before it
    (``storyline analyze corpus --config my.toml``); shows arguments by their metavars."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for command in self.commands.values():
            for param in command.params:
                if type(param) is TyperArgument and param.metavar:
                    param.__class__ = _Argument

    def parse_args(self, ctx: typer.Context, args: list[str]) -> list[str]:  # type: ignore[override]
        return super().parse_args(ctx, hoist_global_options(args))


def hoist_global_options(args: list[str]) -> list[str]:
    """Move the global options found after the command's name in front of it (up to ``--``)."""
    front: list[str] = []
    rest: list[str] = []
    i = 0
    while i < len(args):
        arg = args[i]
        if arg == "--":
            rest.extend(args[i:])
            break
        name = arg.split("=", 1)[0]
        if name in GLOBAL_OPTIONS and rest:
            if "=" in arg:
                front.append(arg)
            else:
                front.extend(args[i : i + 2])
                i += 1
        else:
            rest.append(arg)
        i += 1
    return front + rest


app = typer.Typer(
    name="storyline",
    cls=_Group,
    help="Read many news articles about one story and build a sourced dossier of it.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
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
        err.print(f"[bold red]error[/]: {e}", markup=True, highlight=False, soft_wrap=True)
        raise typer.Exit(2) from e


DbOption = Annotated[
    str | None,
    typer.Option(
        "--db", metavar="FILE|URL", help="SQLite file or postgresql:// URL (default: settings store.url)."
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print machine-readable JSON on stdout.")]
#: --limit and --offset of the commands that list stored records a page at a time
PageLimitOption = Annotated[
    int, typer.Option("--limit", metavar="N", min=1, max=10_000, help="At most this many.")
]
OffsetOption = Annotated[int, typer.Option("--offset", metavar="N", min=0, help="Skip this many first.")]
OutletOption = Annotated[
    str | None,
    typer.Option(
        "--outlet",
        metavar="NAME",
        help="Outlet set on every article read in this run, over what the inputs say.",
    ),
]
SourcesOption = Annotated[
    Path | None,
    typer.Option(
        "--sources",
        metavar="FILE",
        help="CSV (file,outlet,published) or JSON file giving each input's outlet and date; "
        "wins over --outlet and --published.",
    ),
]


@contextmanager
def read_store(db: str | None) -> Iterator[Store]:
    """The store a read command reads: it must exist (reading never creates an empty one)."""
    from storyline.library import open_existing_store

    store = open_existing_store(db or settings().store.url)
    try:
        yield store
    finally:
        store.close()


def _version(value: bool) -> None:
    if value:
        typer.echo(f"storyline {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    config: Annotated[
        Path | None,
        typer.Option(
            "--config",
            metavar="FILE",
            help="A TOML settings file read on top of the defaults (before or after the command).",
        ),
    ] = None,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version.")
    ] = False,
) -> None:
    State.config = config


def main(argv: list[str] | None = None) -> None:
    app(args=argv if argv is not None else sys.argv[1:])

"""`storyline serve`: the web app and JSON API over a store."""

from __future__ import annotations

import secrets
from typing import Annotated

import typer

from storyline.cli.app import DbOption, app, err, read_store, settings, storyline_errors


@app.command()
def serve(
    db: DbOption = None,
    host: Annotated[
        str | None,
        typer.Option(
            "--host", metavar="ADDRESS", help="Address to listen on (default 127.0.0.1: this machine only)."
        ),
    ] = None,
    port: Annotated[
        int | None, typer.Option("--port", metavar="PORT", help="Port to listen on (default 8000).")
    ] = None,
    token: Annotated[
        str | None,
        typer.Option(
            "--token",
            metavar="TOKEN",
            envvar="STORYLINE_TOKEN",
            help="Bearer token that write endpoints require. Made up and printed when --host is not loopback.",
        ),
    ] = None,
    new: Annotated[
        bool,
        typer.Option("--new", help="Create the store when it does not exist (to fill it from the browser)."),
    ] = False,
    enable_fetch: Annotated[
        bool,
        typer.Option("--enable-fetch", help="Allow ingesting pasted URLs (http/https, public addresses)."),
    ] = False,
) -> None:
    """Serve the dossier in a browser, with search, ingest and a JSON API (OpenAPI at /openapi.json)."""
    with storyline_errors():
        cfg = settings(**{"store.url": db, "web.host": host, "web.port": port})
        if not new:
            with read_store(cfg.store.url):  # a typo in --db must not serve a new empty store
                pass
        try:
            import uvicorn

            from storyline.web import create_app
            from storyline.web.security import is_loopback
        except ImportError as e:
            err.print(
                f"storyline serve needs the web extra: pip install 'storyline[web]' ({e.name} is missing)"
            )
            raise typer.Exit(2) from e
        if not is_loopback(cfg.web.host) and not token:
            token = secrets.token_urlsafe(24)
            err.print(
                f"listening beyond this machine: write endpoints need the token {token}", highlight=False
            )
        # on loopback, answer only loopback host names: a web page cannot rebind its own name here
        hosts = None if not is_loopback(cfg.web.host) else ["127.0.0.1", "localhost", "[::1]", "::1"]
        web_app = create_app(
            cfg.store.url,
            cfg,
            token=token,
            enable_fetch=enable_fetch or cfg.web.enable_fetch,
            allowed_hosts=hosts,
        )
        err.print(
            f"storyline serving {cfg.store.url} on http://{cfg.web.host}:{cfg.web.port}/", highlight=False
        )
        uvicorn.run(web_app, host=cfg.web.host, port=cfg.web.port, log_level="info")

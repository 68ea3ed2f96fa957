"""``claims web``: the review desk in the browser (accounts with ``claims user``)."""

from __future__ import annotations

from typing import Annotated

import typer

from claims.cli.group import app
from claims.cli.options import DbOption, settings


@app.command("web")
def web(
    host: Annotated[
        str, typer.Option("--host", help="Address to listen on (keep 127.0.0.1 behind a reverse proxy).")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=0, max=65535, help="Port to listen on (0: any free port).")] = 8000,
    db: DbOption = None,
    base_path: Annotated[
        str, typer.Option("--base-path", help="Serve under this path, e.g. /review (as the reverse proxy forwards it).")
    ] = "",
    https_only: Annotated[
        bool, typer.Option("--https-only", help="Mark cookies Secure and send HSTS (the proxy serves HTTPS).")
    ] = False,
    access_log: Annotated[bool, typer.Option("--access-log/--no-access-log", help="Log each request.")] = True,
) -> None:
    """Serve the review desk: log in, take the next claim, record verdicts, read the reports live.

    Accounts come from `claims user add`. The cookie secret is CLAIMS_WEB_SECRET, else a
    file made once (mode 0600) beside the SQLite database.
    """
    from claims.web import serve

    serve(settings(db).database_url, host, port, base_path, https_only, access_log)

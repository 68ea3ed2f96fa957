"""``claims backup PATH`` and ``claims doctor``: a consistent copy of the database, and a health check."""

from __future__ import annotations

import json
import sys
from typing import Annotated

import typer

from claims.cli.group import app
from claims.cli.options import DbOption, Format, FormatOption, settings


@app.command()
def backup(
    path: Annotated[
        str,
        typer.Argument(
            metavar="PATH",
            help="The backup file to write (e.g. claims-copy.db), or a folder to put a dated file in "
            "(ends with / or has no extension; made if missing).",
        ),
    ],
    db: DbOption = None,
    force: Annotated[bool, typer.Option("--force", help="Replace PATH if it exists.")] = False,
) -> None:
    """Copy the SQLite database to PATH, consistently, while editors keep working (SQLite backup API)."""
    from claims.maintenance import backup as run_backup

    done = run_backup(settings(db).database_url, path, force=force)
    print(
        f"Backed up {done.articles} articles, {done.claims} claims and {done.verdicts} verdicts "
        f"to {done.path} ({done.bytes:,} bytes; integrity ok)."
    )


@app.command()
def doctor(db: DbOption = None, fmt: FormatOption = Format.table) -> None:
    """Check the database: integrity, schema revision, orphan and stray rows. Exits 1 on a problem."""
    from claims.db import redact
    from claims.maintenance import FAIL, healthy
    from claims.maintenance import doctor as run_doctor

    url = settings(db).database_url
    checks = run_doctor(url)
    if fmt is Format.table:
        from rich.console import Console
        from rich.table import Table

        table = Table(title=f"claims doctor: {redact(url)}")
        for column in ("check", "status", "detail"):
            table.add_column(column, overflow="fold")
        styles = {"ok": "green", "warn": "yellow", FAIL: "bold red"}
        for check in checks:
            table.add_row(check.name, f"[{styles[check.status]}]{check.status}[/]", check.detail)
        Console().print(table)
    elif fmt is Format.json:
        print(json.dumps([c.to_dict() for c in checks], ensure_ascii=False, indent=2))
    else:
        for check in checks:
            print(json.dumps(check.to_dict(), ensure_ascii=False))
    if not healthy(checks):
        failed = [c.name for c in checks if c.status == FAIL]
        print(f"claims: error: {redact(url)}: {len(failed)} problems: {', '.join(failed)}", file=sys.stderr)
        raise typer.Exit(1)

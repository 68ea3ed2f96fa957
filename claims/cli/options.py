"""Options shared by several commands."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from claims.cli.tables import Format
from claims.config import Settings

__all__ = ["DbOption", "Format", "FormatOption", "ReportsOption", "settings"]


DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        envvar="CLAIMS_DATABASE_URL",
        help="Database URL (default sqlite:///claims.db).",
        show_default=False,
    ),
]
ReportsOption = Annotated[
    Path | None,
    typer.Option(
        "--reports",
        envvar="CLAIMS_REPORTS_DIR",
        help="Folder for HTML reports (default reports/).",
        show_default=False,
    ),
]
FormatOption = Annotated[Format, typer.Option("--format", "-f", help="Output format.")]


def settings(db: str | None = None, reports: Path | None = None) -> Settings:
    """Settings from the environment with the command-line options on top."""
    return Settings.from_env(database_url=db, reports_dir=reports)

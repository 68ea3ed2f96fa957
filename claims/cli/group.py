"""The ``claims`` Typer group: every command, with its options and help.

Each sub-module registers its commands on :data:`app` when imported below. The
console script enters through :func:`claims.cli.main`, which runs the four review
commands (queue, next, verdict, history) without this module (see :mod:`claims.cli.fast`).
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from typing import Any

import typer

from claims.cli import error
from claims.errors import ClaimsError


class ClaimsTyper(typer.Typer):
    """A Typer app whose commands turn a ClaimsError into one line on stderr and its exit code.

    Done per command (not only in :func:`main`) so that the same happens under
    ``typer.testing.CliRunner`` and when the app is embedded elsewhere.
    """

    def command(self, *args: Any, **kwargs: Any) -> Callable[[Callable[..., Any]], Callable[..., Any]]:  # type: ignore[override]
        register = super().command(*args, **kwargs)

        def decorator(fn: Callable[..., Any]) -> Callable[..., Any]:
            @functools.wraps(fn)
            def wrapper(*a: Any, **kw: Any) -> Any:
                try:
                    return fn(*a, **kw)
                except ClaimsError as exc:
                    error(str(exc))
                    raise typer.Exit(exc.exit_code) from None

            register(wrapper)
            return fn

        return decorator


app = ClaimsTyper(
    name="claims",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _version(value: bool) -> None:
    if value:
        from claims import __version__

        print(f"claims {__version__}")
        raise typer.Exit()


@app.callback()
def _group(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Print the version."),
) -> None:
    """Find checkable claims in news articles, queue them for editors, record verdicts, render reports.

    Settings come from options or the environment: CLAIMS_DATABASE_URL (default
    sqlite:///claims.db), CLAIMS_REPORTS_DIR (default reports/), CLAIMS_MAX_BYTES,
    CLAIMS_MAX_CLAIMS (default 300 per article), CLAIMS_RATINGS_FILE, CLAIMS_FETCH_ALLOW,
    CLAIMS_WEB_URL, CLAIMS_WEB_SECRET, CLAIMS_SPACY_MODEL (another installed spaCy English
    pipeline for extraction), CLAIMS_TIMEZONE (the newsroom's IANA time zone for the digest's
    day, default UTC). Without PREFECT_API_URL, flows run on a temporary local Prefect server.
    """
    if os.environ.get("CLAIMS_TIMEZONE"):  # a bad zone is one line now, not a failure half-way through
        from claims.config import newsroom_zone

        try:
            newsroom_zone()
        except ClaimsError as exc:
            error(str(exc))
            raise typer.Exit(exc.exit_code) from None


# Registration happens on import; the order is the order of ``claims --help``.
from claims.cli import check as _check  # noqa: E402,F401,I001
from claims.cli import extract as _extract  # noqa: E402,F401
from claims.cli import review as _review  # noqa: E402,F401
from claims.cli import db as _db  # noqa: E402,F401
from claims.cli import report as _report  # noqa: E402,F401
from claims.cli import maint as _maint  # noqa: E402,F401
from claims.cli import serve as _serve  # noqa: E402,F401
from claims.cli import users as _users  # noqa: E402,F401
from claims.cli import web as _web  # noqa: E402,F401

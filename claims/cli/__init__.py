"""The ``claims`` command: one Typer group (:mod:`claims.cli.group`), a verb per command.

:func:`main` turns every :class:`~claims.errors.ClaimsError` into a one-line message and
an exit code. Nothing here imports Typer, Prefect or the database at module load: the
review commands (``queue``, ``next``, ``verdict``, ``history``) are dispatched by
:mod:`claims.cli.fast` without Typer, so they start in a fraction of the time, and
``claims extract`` never pays for Prefect.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, Any

from claims.errors import ClaimsError

if TYPE_CHECKING:
    from claims.cli.group import ClaimsTyper, app

__all__ = ["ClaimsTyper", "app", "error", "main", "warning"]


def __getattr__(name: str) -> Any:
    # ``from claims.cli import app``: the Typer group, built on first use.
    if name in ("app", "ClaimsTyper"):
        from claims.cli import group

        return getattr(group, name)
    raise AttributeError(f"module 'claims.cli' has no attribute {name!r}")


def error(message: str) -> None:
    """Print a one-line error to standard error (no line breaks or control characters from the input)."""
    from claims.redact import terminal_text

    print(f"claims: error: {terminal_text(message)}", file=sys.stderr)


def warning(message: str) -> None:
    """Print a one-line warning to standard error, made safe like :func:`error`."""
    from claims.redact import terminal_text

    print(f"claims: warning: {terminal_text(message)}", file=sys.stderr)


def main(argv: list[str] | None = None) -> None:
    """Entry point of the ``claims`` console script."""
    args = sys.argv[1:] if argv is None else list(argv)
    try:
        from claims.cli.fast import dispatch

        if dispatch(args):  # queue, next, verdict, history: done without Typer
            return
        from claims.cli.group import app

        app(args=args, prog_name="claims", standalone_mode=True)
    except ClaimsError as exc:
        error(str(exc))
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        error("interrupted")
        sys.exit(130)
    except BrokenPipeError:  # `claims queue | head`: the reader has all it wanted; as Unix tools do, stop quietly
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # no second error when Python flushes stdout at exit
        sys.exit(141)
    except Exception as exc:  # a bug of ours: still one line, unless asked for the traceback
        if os.environ.get("CLAIMS_DEBUG"):
            raise
        error(f"internal error: {type(exc).__name__}: {exc} (set CLAIMS_DEBUG=1 for the traceback)")
        sys.exit(70)

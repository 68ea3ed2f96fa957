"""Run ``claims queue|next|verdict|history`` without Typer: the editors' commands start fast.

Typer builds its whole command tree and a pydantic adapter per option before it runs
anything, and that is most of a review command's start-up. These four commands are
parsed here instead, by a small parser that takes exactly the options of their Typer
definitions (:mod:`claims.cli.review`): ``--opt value``, ``--opt=value``, ``-o value``,
``-ovalue``, repeated ``--source``, and the same environment variables. Anything else
(``--help``, an unknown option, a bad or missing value) is handed to Typer, which runs
the same command or prints its usual usage error; the work itself is
:mod:`claims.cli.reviewing` either way, so both print the same.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from claims.cli.tables import Format


@dataclass(frozen=True)
class Spec:
    """A command's options: name -> (destination, converter, repeatable); its arguments; defaults."""

    options: dict[str, tuple[str, Callable[[str], Any], bool]]
    arguments: tuple[tuple[str, Callable[[str], Any]], ...] = ()
    defaults: dict[str, Any] = field(default_factory=dict)
    env: dict[str, str] = field(default_factory=dict)
    required: tuple[str, ...] = ()


class Unsupported(Exception):
    """Not something this parser takes: Typer parses it instead."""


def _int(low: int | None = None, high: int | None = None) -> Callable[[str], int]:
    def convert(text: str) -> int:
        value = int(text)  # ValueError: Typer says "not a valid integer"
        if (low is not None and value < low) or (high is not None and value > high):
            raise ValueError(text)
        return value

    return convert


def _fmt(text: str) -> Format:
    return Format(text)


def _text(text: str) -> str:
    return text


_DB = {"--db": ("db", _text, False)}
_FORMAT = {"--format": ("fmt", _fmt, False), "-f": ("fmt", _fmt, False)}
_REVIEWER = {"--reviewer": ("reviewer", _text, False), "-r": ("reviewer", _text, False)}
_ENV = {"db": "CLAIMS_DATABASE_URL"}
_CLAIM = ("claim_id", _int())

SPECS: dict[str, Spec] = {
    "queue": Spec(
        {**_DB, **_FORMAT, "--limit": ("limit", _int(1), False), "-n": ("limit", _int(1), False)},
        defaults={"db": None, "fmt": Format.table, "limit": 50},
        env=_ENV,
    ),
    "next": Spec(
        {**_REVIEWER, **_DB, **_FORMAT, "--minutes": ("minutes", _int(1, 24 * 60), False)},
        defaults={"db": None, "fmt": Format.table, "minutes": 30},
        env={**_ENV, "reviewer": "CLAIMS_REVIEWER"},
        required=("reviewer",),
    ),
    "verdict": Spec(
        {
            **_REVIEWER,
            **_DB,
            **_FORMAT,
            "--note": ("note", _text, False),
            "--source": ("source", _text, True),
            "--claim-text": ("claim_text", _text, False),
            "--reports": ("reports", Path, False),
        },
        arguments=(_CLAIM, ("rating", _text)),
        defaults={"db": None, "fmt": Format.table, "note": "", "source": [], "claim_text": None, "reports": None},
        env={**_ENV, "reviewer": "CLAIMS_REVIEWER", "reports": "CLAIMS_REPORTS_DIR"},
        required=("reviewer",),
    ),
    "history": Spec({**_DB, **_FORMAT}, arguments=(_CLAIM,), defaults={"db": None, "fmt": Format.table}, env=_ENV),
}


def parse(spec: Spec, args: list[str]) -> dict[str, Any]:
    """The command's values from ``args`` and the environment; :class:`Unsupported` for anything unusual."""
    values: dict[str, Any] = {}
    positional: list[str] = []
    i = 0
    while i < len(args):
        arg = args[i]
        i += 1
        if arg == "--" or arg in ("--help", "-h") or arg.startswith("--help="):
            raise Unsupported(arg)
        if not arg.startswith("-") or arg == "-":
            positional.append(arg)
            continue
        name, value = arg, None
        if arg.startswith("--") and "=" in arg:
            name, value = arg.split("=", 1)
        elif not arg.startswith("--") and len(arg) > 2:
            name, value = arg[:2], arg[2:]
        if name not in spec.options:
            raise Unsupported(arg)
        dest, convert, repeat = spec.options[name]
        if value is None:
            if i >= len(args):
                raise Unsupported(arg)  # "Option requires an argument"
            value = args[i]
            i += 1
        try:
            converted = convert(value)
        except ValueError:
            raise Unsupported(arg) from None
        if repeat:
            values.setdefault(dest, []).append(converted)
        else:
            values[dest] = converted
    if len(positional) != len(spec.arguments):
        raise Unsupported(" ".join(positional))
    for (dest, convert), text in zip(spec.arguments, positional, strict=True):
        try:
            values[dest] = convert(text)
        except ValueError:
            raise Unsupported(text) from None
    for dest, variable in spec.env.items():
        if dest not in values and os.environ.get(variable):  # click reads an empty variable as unset too
            values[dest] = os.environ[variable] if dest != "reports" else Path(os.environ[variable])
    for dest in spec.required:
        if dest not in values:
            raise Unsupported(dest)  # Typer says "Missing option"
    return {**spec.defaults, **values}


def dispatch(argv: list[str]) -> bool:
    """Run a review command from ``argv`` (the arguments after ``claims``); False: hand it to Typer."""
    if not argv or argv[0] not in SPECS:
        return False
    command = argv[0]
    try:
        values = parse(SPECS[command], argv[1:])
    except Unsupported:
        return False
    from claims.cli import reviewing

    if os.environ.get("CLAIMS_TIMEZONE"):  # as the Typer group does for every command
        from claims.config import newsroom_zone

        newsroom_zone()
    if command == "queue":
        reviewing.show_queue(values["db"], values["fmt"], values["limit"])
    elif command == "next":
        reviewing.show_next(values["reviewer"], values["db"], values["fmt"], values["minutes"])
    elif command == "verdict":
        reviewing.record(
            values["claim_id"],
            values["rating"],
            values["reviewer"],
            values["note"],
            values["source"],
            values["claim_text"],
            values["db"],
            values["reports"],
            values["fmt"],
        )
    else:
        reviewing.show_history(values["claim_id"], values["db"], values["fmt"])
    return True

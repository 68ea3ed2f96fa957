"""``claims user add|list|remove|password``: the accounts of the review desk (``claims web``).

Passwords come from standard input only (``--password-stdin``, or a prompt without
echo at a terminal), never from an argument: arguments show in ``ps`` and in the
shell's history.
"""

from __future__ import annotations

import getpass
import json
import sys
from typing import Annotated

import typer

from claims.cli import ClaimsTyper
from claims.cli.group import app
from claims.cli.options import DbOption, Format, FormatOption, settings
from claims.errors import InvalidInput

user_app = ClaimsTyper(name="user", help="Manage the accounts of the review desk (claims web).", no_args_is_help=True)
app.add_typer(user_app)

NameArg = Annotated[str, typer.Argument(metavar="NAME", help="The user name (also the reviewer name on verdicts).")]
PasswordStdin = Annotated[
    bool,
    typer.Option(
        "--password-stdin", help="Read the password from standard input (its first line). Needed unless at a terminal."
    ),
]


def read_password(from_stdin: bool) -> str:
    """The new password: the first line of standard input, or typed twice at a terminal."""
    if from_stdin:
        line = sys.stdin.readline()
        return line[:-1] if line.endswith("\n") else line
    if not sys.stdin.isatty():
        raise InvalidInput("give the password on standard input with --password-stdin")
    first = getpass.getpass("Password: ")
    if getpass.getpass("Again: ") != first:
        raise InvalidInput("the two passwords differ")
    return first


def _engine(db: str | None):  # type: ignore[no-untyped-def]
    from claims.db import open_engine

    return open_engine(settings(db).database_url)


@user_app.command("add")
def add(
    name: NameArg,
    password_stdin: PasswordStdin = False,
    admin: Annotated[
        bool, typer.Option("--admin", help="May reopen claims and end other editors' leases at the desk.")
    ] = False,
    db: DbOption = None,
) -> None:
    """Create an account for NAME (an editor, or an admin with --admin)."""
    from claims.users import add_user, check_name, check_password

    check_name(name)
    password = check_password(read_password(password_stdin))
    account = add_user(_engine(db), name, password, admin)
    print(f"Added {'admin' if account.is_admin else 'editor'} {account.name}.")


@user_app.command("list")
def list_(db: DbOption = None, fmt: FormatOption = Format.table) -> None:
    """List the accounts."""
    from claims.users import list_users

    accounts = list_users(_engine(db))
    if fmt is Format.json:
        print(json.dumps([a.to_dict() for a in accounts], indent=2))
        return
    if fmt is Format.jsonl:
        for a in accounts:
            print(json.dumps(a.to_dict()))
        return
    if not accounts:
        print("No accounts yet: add one with `claims user add NAME --password-stdin`.")
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"{len(accounts)} account(s)")
    for column in ("name", "role", "created"):
        table.add_column(column)
    for a in accounts:
        table.add_row(a.name, "admin" if a.is_admin else "editor", f"{a.created_at:%Y-%m-%d %H:%M}")
    Console(soft_wrap=False).print(table)


@user_app.command("remove")
def remove(name: NameArg, db: DbOption = None) -> None:
    """Delete NAME's account and log it out everywhere; the verdicts it signed stay."""
    from claims.users import remove_user

    account = remove_user(_engine(db), name)
    print(f"Removed {account.name}.")


@user_app.command("password")
def password(name: NameArg, password_stdin: PasswordStdin = False, db: DbOption = None) -> None:
    """Set NAME's password (ends every session NAME has open)."""
    from claims.users import check_name, check_password, set_password

    check_name(name)
    account = set_password(_engine(db), name, check_password(read_password(password_stdin)))
    print(f"Changed the password of {account.name}.")

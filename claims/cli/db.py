"""``claims db upgrade|current``: the schema version of the database."""

from __future__ import annotations

from claims.cli import ClaimsTyper
from claims.cli.group import app
from claims.cli.options import DbOption, settings

db_app = ClaimsTyper(name="db", help="Inspect and upgrade the database schema.", no_args_is_help=True)
app.add_typer(db_app)


@db_app.command("upgrade")
def upgrade_(db: DbOption = None) -> None:
    """Upgrade the schema to the newest revision (commands also do it when they open the database)."""
    from claims.db import init_db, make_engine, redact
    from claims.migrate import current_revision, head_revision

    url = settings(db).database_url
    engine = make_engine(url)
    before = current_revision(engine)
    init_db(engine)
    head = head_revision()
    if before == head:
        print(f"{redact(url)}: already at revision {head}.")
    else:
        print(f"{redact(url)}: upgraded from revision {before or '(empty)'} to {head}.")


@db_app.command("current")
def current_(db: DbOption = None) -> None:
    """Print the database's schema revision and the newest one this version knows."""
    from claims.db import make_engine, redact
    from claims.migrate import current_revision, head_revision

    url = settings(db).database_url
    print(f"{redact(url)}: revision {current_revision(make_engine(url)) or '(empty)'}; newest {head_revision()}.")

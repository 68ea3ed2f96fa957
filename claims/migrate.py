"""Bring a database's schema up to date with Alembic.

Migrations live in ``claims/migrations/versions``. :func:`upgrade` runs on every
open, so a database made by an earlier version upgrades in place; when the
database is already at the newest revision it costs one query.

On SQLite the whole upgrade is one transaction: the pysqlite driver, left to
itself, runs ``CREATE TABLE`` outside any transaction, so a process killed in the
middle of a migration used to leave tables with no revision stamp ("table article
already exists" on every later open). Here the driver's own transaction handling is
switched off for the upgrade and ``BEGIN IMMEDIATE`` ... ``COMMIT`` is issued by
hand, so the DDL and the stamp commit together or not at all.

Databases half-made by those older versions are repaired by the same upgrade: each
migration skips the tables, columns and indexes that already exist (helpers
:func:`has_table`, :func:`has_column`, :func:`has_index`). Under the old driver
behaviour every such statement committed whole, so an object that exists is complete.
"""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import OperationalError

from claims.errors import StoreError

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def alembic_config(connection: Connection | None = None) -> Config:
    """An Alembic config pointing at our migrations (and at ``connection``, if given)."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    """The newest migration's revision id."""
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at (None for an empty database)."""
    try:
        with engine.connect() as conn:
            return MigrationContext.configure(conn).get_current_revision()
    except OperationalError as exc:
        from claims.db import redact

        reason = str(exc.orig).strip().splitlines()[0] if exc.orig else "cannot connect"
        raise StoreError(f"cannot open database {redact(str(engine.url))}: {reason}") from None


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Migrate the database to ``revision`` (the newest by default), all or nothing."""
    if revision == "head" and current_revision(engine) == head_revision():
        return
    if engine.dialect.name != "sqlite":  # PostgreSQL's DDL is transactional already
        with engine.begin() as conn:
            command.upgrade(alembic_config(conn), revision)
        return
    with engine.connect() as conn:
        raw = conn.connection.driver_connection
        assert raw is not None
        # isolation_level None: the driver neither begins nor commits by itself, so the
        # explicit BEGIN below covers every statement, DDL included, up to the COMMIT.
        # (Setting it commits any open transaction; none is open on a fresh checkout.)
        raw.isolation_level = None
        try:
            with conn.begin():  # Alembic sees an outer transaction and leaves it to us
                conn.exec_driver_sql("BEGIN IMMEDIATE")  # one migrator at a time; others wait, then find it done
                command.upgrade(alembic_config(conn), revision)
        finally:
            raw.isolation_level = ""  # the driver's default, as every other connection has


def _inspector() -> sa.Inspector:
    from alembic import op

    return sa.inspect(op.get_bind())


def has_table(name: str) -> bool:
    """Inside a migration: does table ``name`` exist already (left by an interrupted older upgrade)?"""
    return _inspector().has_table(name)


def has_column(table: str, column: str) -> bool:
    """Inside a migration: does ``table`` have ``column`` already?"""
    return any(c["name"] == column for c in _inspector().get_columns(table))


def has_index(table: str, name: str) -> bool:
    """Inside a migration: does ``table`` have the index ``name`` already?"""
    return any(i["name"] == name for i in _inspector().get_indexes(table))

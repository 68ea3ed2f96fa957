"""Alembic environment: runs on the connection that :func:`claims.migrate.upgrade` passes in."""

from __future__ import annotations

from alembic import context
from sqlmodel import SQLModel

import claims.models  # noqa: F401  (registers the tables on SQLModel.metadata)

target_metadata = SQLModel.metadata
connection = context.config.attributes.get("connection")

if connection is None:  # `alembic` run by hand: build the engine from the configured URL
    from claims.db import make_engine

    url = context.config.get_main_option("sqlalchemy.url") or "sqlite:///claims.db"
    with make_engine(url).connect() as conn:
        context.configure(connection=conn, target_metadata=target_metadata, render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()
else:
    context.configure(connection=connection, target_metadata=target_metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()

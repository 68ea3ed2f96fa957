"""Bring a database's schema up to date."""

from __future__ import annotations

from sqlalchemy.engine import Engine
from sqlmodel import SQLModel


def upgrade(engine: Engine) -> None:
    """Create any missing tables (the first schema)."""
    SQLModel.metadata.create_all(engine)

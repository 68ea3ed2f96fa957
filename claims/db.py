"""The database engine, built in one place from a URL.

SQLite (the default, one file) gets WAL, foreign keys, a busy timeout and
``synchronous=NORMAL`` on every connection; PostgreSQL URLs work unchanged
(``postgresql+psycopg://...``). Engines are cached per URL.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

from sqlalchemy import event
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, OperationalError
from sqlmodel import Session, SQLModel, create_engine

from claims.errors import ConfigError, StoreError

BUSY_TIMEOUT_MS = 30_000
#: Seconds between WAL checkpoints, which run in a background thread of each process.
CHECKPOINT_SECONDS = 2.0
_engines: dict[str, Engine] = {}
_lock = threading.Lock()


def _sqlite_pragmas(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA synchronous=NORMAL")
    # SQLite's automatic checkpoint runs inside whichever commit crosses the threshold,
    # which made one editor's `claims next` in a hundred take 20-30 ms. Checkpoints run
    # in the background instead (and SQLite checkpoints when the last connection closes).
    cursor.execute("PRAGMA wal_autocheckpoint=0")
    cursor.close()


def _checkpoint_in_background(engine: Engine, path: Path) -> None:
    """Every CHECKPOINT_SECONDS, a PASSIVE checkpoint (it never waits for readers or writers)."""

    def loop() -> None:
        while True:
            time.sleep(CHECKPOINT_SECONDS)
            if not path.exists():  # the file was removed: stop rather than create it again
                return
            try:
                with engine.connect() as conn:
                    conn.exec_driver_sql("PRAGMA wal_checkpoint(PASSIVE)")
            except Exception:  # noqa: BLE001 (a busy or closed database: try again later)
                continue

    threading.Thread(target=loop, name=f"claims-checkpoint-{path.name}", daemon=True).start()


def normalize_url(url: str) -> str:
    """Accept bare ``postgresql://`` URLs by naming the psycopg 3 driver."""
    if url.startswith("postgresql://") or url.startswith("postgres://"):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


def redact(url: str) -> str:
    """The URL with any password hidden, for logs and messages."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return "<malformed database URL>"


def make_engine(url: str) -> Engine:
    """The engine for ``url`` (cached), with the SQLite settings applied."""
    url = normalize_url(url)
    with _lock:
        if url in _engines:
            return _engines[url]
        try:
            parsed = make_url(url)
        except ArgumentError:
            raise ConfigError(f"malformed database URL: {redact(url)}") from None
        kwargs: dict = {}
        if parsed.get_backend_name() == "sqlite":
            if parsed.database and parsed.database != ":memory:":
                Path(parsed.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
            kwargs["connect_args"] = {"check_same_thread": False, "timeout": BUSY_TIMEOUT_MS / 1000}
        else:
            kwargs["pool_pre_ping"] = True
        try:
            engine = create_engine(url, **kwargs)
        except (ArgumentError, ImportError, ModuleNotFoundError) as exc:
            raise ConfigError(f"cannot use database URL {redact(url)}: {exc}") from None
        if parsed.get_backend_name() == "sqlite":
            event.listen(engine, "connect", _sqlite_pragmas)
            if parsed.database and parsed.database != ":memory:":
                _checkpoint_in_background(engine, Path(parsed.database).expanduser())
        _engines[url] = engine
        return engine


_REVISION = re.compile(r"""^(down_revision|revision)\s*=\s*["']?([\w.-]+|None)["']?\s*$""", re.MULTILINE)


@lru_cache(maxsize=1)
def _head_from_files() -> str | None:
    """The newest migration's id, read from the files without Alembic; None unless there is exactly one."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in (Path(__file__).resolve().parent / "migrations" / "versions").glob("*.py"):
        found = dict((k, v) for k, v in _REVISION.findall(path.read_text(encoding="utf-8")))
        if "revision" not in found:
            return None
        revisions.add(found["revision"])
        parents.add(found.get("down_revision", "None"))
    heads = revisions - parents
    return heads.pop() if len(heads) == 1 else None


def _at_head(engine: Engine) -> bool:
    """Whether ``alembic_version`` already names the newest migration (one query, no Alembic import)."""
    head = _head_from_files()
    if head is None:
        return False
    try:
        with engine.connect() as conn:
            return conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalars().all() == [head]
    except DBAPIError:
        return False  # no table yet, or the database cannot be read: let the migration runner say why


def init_db(engine: Engine) -> None:
    """Create or upgrade the schema to the current version (Alembic runs only when it differs)."""
    from claims import models  # noqa: F401  (registers the tables)

    if _at_head(engine):
        return
    from claims.migrate import upgrade

    try:
        upgrade(engine)
    except OperationalError as exc:
        reason = str(exc.orig).strip().splitlines()[0]  # psycopg adds a hint on a second line
        raise StoreError(f"cannot open database {redact(str(engine.url))}: {reason}") from None


def open_engine(url: str) -> Engine:
    """An engine with the schema in place: what commands and flows call."""
    engine = make_engine(url)
    init_db(engine)
    return engine


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """A session that commits on success and rolls back on any error."""
    with Session(engine, expire_on_commit=False) as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise


__all__ = ["SQLModel", "init_db", "make_engine", "open_engine", "redact", "session_scope"]

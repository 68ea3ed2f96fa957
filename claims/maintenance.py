"""Keep the database safe: consistent backups and a health check.

:func:`backup` copies a live SQLite database with SQLite's online backup API in
one step: it reads one snapshot (WAL readers never block writers), so the copy
is consistent while editors keep recording verdicts. The copy is written beside
its destination, checked with ``PRAGMA integrity_check`` and only then moved
into place, so a failed backup never leaves a half-written file at ``PATH``.

:func:`doctor` checks a database without changing it: integrity and foreign
keys (SQLite), the schema revision against the newest migration, and rows that
should not exist (claims without an article, verdicts without a claim, leases
of missing or not-leased claims, leased claims without a lease, expired leases).
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

from sqlalchemy import DateTime, bindparam, text
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, SQLAlchemyError

from claims.db import make_engine, normalize_url, redact
from claims.errors import ConfigError, StoreError

OK, WARN, FAIL = "ok", "warn", "fail"


def sqlite_path(database_url: str) -> Path:
    """The file of a SQLite URL; :class:`ConfigError` for other databases or in-memory ones."""
    try:
        url = make_url(normalize_url(database_url))
    except ArgumentError:
        raise ConfigError(f"malformed database URL: {redact(database_url)}") from None
    if url.get_backend_name() != "sqlite":
        raise ConfigError(
            f"{redact(database_url)}: backup copies SQLite files; for PostgreSQL use pg_dump "
            "(pg_dump --format=custom --file=claims.dump DBNAME)"
        )
    if not url.database or url.database == ":memory:":
        raise ConfigError(f"{redact(database_url)}: an in-memory database has no file to back up")
    return Path(url.database).expanduser()


@dataclass(frozen=True)
class Backup:
    """A finished backup: where it is, how big, and what it holds."""

    path: Path
    bytes: int
    articles: int
    claims: int
    verdicts: int


def _count(conn: sqlite3.Connection, table: str) -> int:
    try:
        return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])  # noqa: S608 (our table names)
    except sqlite3.Error:
        return 0


def is_folder(dest: str | Path) -> bool:
    """Whether a backup destination names a folder: it is one, ends with a slash, or has no file extension."""
    text = str(dest)
    path = Path(text).expanduser()
    return path.is_dir() or text.endswith(("/", os.sep)) or (not path.exists() and not path.suffix)


def backup(database_url: str, dest: str | Path, *, force: bool = False) -> Backup:
    """Copy the SQLite database at ``database_url`` to ``dest`` (a file, or a folder to put a dated file in).

    A folder (``backups/``, or a name without a file extension) is made when missing.
    """
    source = sqlite_path(database_url)
    if not source.is_file():
        raise StoreError(f"{source}: no such database file")
    target = Path(dest).expanduser()
    if is_folder(dest):
        try:
            target.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise ConfigError(f"{target}: cannot make the folder ({exc.strerror})") from None
        target = target / f"claims-{dt.datetime.now(dt.UTC):%Y%m%d-%H%M%S}.db"
    if target.resolve() == source.resolve():
        raise ConfigError(f"{target}: is the database itself; choose another path")
    if target.exists() and not force:
        raise ConfigError(f"{target}: already exists (use --force to replace it)")
    if not target.parent.is_dir():
        raise ConfigError(f"{target.parent}: no such folder")
    partial = target.with_name(f".{target.name}.partial")
    partial.unlink(missing_ok=True)
    try:
        src = sqlite3.connect(f"file:{source}?mode=ro", uri=True, timeout=30)
        try:
            dst = sqlite3.connect(partial)
            try:
                src.backup(dst)  # one step: one consistent snapshot of the source
                # A self-contained file: no -wal beside it is needed to read it.
                dst.execute("PRAGMA journal_mode=DELETE")
                verdict = dst.execute("PRAGMA integrity_check").fetchone()[0]
                if verdict != "ok":
                    raise StoreError(f"{target}: the copy failed its integrity check ({verdict}); nothing was written")
                counts = (_count(dst, "article"), _count(dst, "claim"), _count(dst, "verdict"))
            finally:
                dst.close()
        finally:
            src.close()
        os.replace(partial, target)
    except sqlite3.Error as exc:
        raise StoreError(f"{source}: backup failed ({exc}); nothing was written to {target}") from None
    except OSError as exc:
        raise StoreError(f"{target}: cannot write the backup ({exc.strerror})") from None
    finally:
        partial.unlink(missing_ok=True)
    return Backup(target, target.stat().st_size, *counts)


# ------------------------------------------------------------------ doctor


@dataclass(frozen=True)
class Check:
    """One line of the doctor's report."""

    name: str
    status: str
    detail: str

    def to_dict(self) -> dict[str, str]:
        """A JSON-ready dict."""
        return asdict(self)


#: (name, SQL counting the bad rows, what they are, status when some are found)
ROW_CHECKS: tuple[tuple[str, str, str, str], ...] = (
    (
        "orphan claims",
        "SELECT count(*) FROM claim WHERE article_id NOT IN (SELECT id FROM article)",
        "claims without an article",
        FAIL,
    ),
    (
        "orphan verdicts",
        "SELECT count(*) FROM verdict WHERE claim_id NOT IN (SELECT id FROM claim)",
        "verdicts without a claim",
        FAIL,
    ),
    (
        "orphan revisions",
        "SELECT count(*) FROM article_revision WHERE article_id NOT IN (SELECT id FROM article)",
        "revision logs without an article",
        FAIL,
    ),
    (
        "orphan leases",
        "SELECT count(*) FROM lease WHERE claim_id NOT IN (SELECT id FROM claim)",
        "leases of missing claims",
        FAIL,
    ),
    (
        "stray leases",
        "SELECT count(*) FROM lease JOIN claim ON claim.id = lease.claim_id WHERE claim.status != 'leased'",
        "leases of claims that are not leased",
        FAIL,
    ),
    (
        "lost leases",
        "SELECT count(*) FROM claim WHERE status = 'leased' AND id NOT IN (SELECT claim_id FROM lease)",
        "claims marked leased with no lease (never handed out again)",
        FAIL,
    ),
    (
        "orphan web sessions",
        "SELECT count(*) FROM web_session WHERE user_id NOT IN (SELECT id FROM web_user)",
        "review-desk sessions of removed users",
        FAIL,
    ),
    (
        "expired leases",
        "SELECT count(*) FROM lease WHERE expires_at <= :now",
        "expired leases (returned to the queue by the next `claims next` or `claims queue`)",
        WARN,
    ),
)


def _sqlite_checks(engine: Engine) -> list[Check]:
    checks: list[Check] = []
    with engine.connect() as conn:
        rows = [r[0] for r in conn.exec_driver_sql("PRAGMA integrity_check").fetchall()]
        ok = rows == ["ok"]
        detail = "ok" if ok else "; ".join(rows[:5]) + (f" (+{len(rows) - 5} more)" if len(rows) > 5 else "")
        checks.append(Check("integrity", OK if ok else FAIL, detail))
        broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
        checks.append(
            Check(
                "foreign keys",
                FAIL if broken else OK,
                f"{len(broken)} rows point at missing parents" if broken else "every reference resolves",
            )
        )
        mode = conn.exec_driver_sql("PRAGMA journal_mode").scalar()
        checks.append(Check("journal mode", OK if mode == "wal" else WARN, str(mode)))
    return checks


def _guarded(name: str, run: Callable[[], list[Check]]) -> list[Check]:
    try:
        return run()
    except (SQLAlchemyError, sqlite3.Error) as exc:
        orig = getattr(exc, "orig", exc) if isinstance(exc, DBAPIError) else exc
        return [Check(name, FAIL, f"cannot check: {str(orig).splitlines()[0]}")]


def doctor(database_url: str, now: dt.datetime | None = None) -> list[Check]:
    """Check the database at ``database_url`` without changing it; one :class:`Check` per finding."""
    from claims.migrate import current_revision, head_revision

    url = normalize_url(database_url)
    engine = make_engine(url)
    sqlite = engine.dialect.name == "sqlite"
    if sqlite:
        path = sqlite_path(url)
        if not path.is_file():
            raise StoreError(f"{path}: no such database file")
    checks: list[Check] = []
    if sqlite:
        checks += _guarded("integrity", lambda: _sqlite_checks(engine))

    def migration() -> list[Check]:
        current, head = current_revision(engine), head_revision()
        if current == head:
            return [Check("migrations", OK, f"at the newest revision {head}")]
        if current is None:
            from sqlalchemy import inspect

            if inspect(engine).has_table("article"):  # an older version was killed while migrating
                detail = f"tables but no revision stamp (run `claims db upgrade` to repair it to revision {head})"
                return [Check("migrations", FAIL, detail)]
            return [Check("migrations", FAIL, f"no schema (run `claims db upgrade` to create revision {head})")]
        return [Check("migrations", FAIL, f"at revision {current}, newest is {head} (run `claims db upgrade`)")]

    checks += _guarded("migrations", migration)
    # Stored timestamps are naive UTC (SQLModel's DateTime without a time zone).
    at = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC).replace(tzinfo=None)
    for name, sql, what, level in ROW_CHECKS:

        def count(sql: str = sql, name: str = name, what: str = what, level: str = level) -> list[Check]:
            with engine.connect() as conn:
                query = text(sql)
                if ":now" in sql:
                    query = query.bindparams(bindparam("now", at, type_=DateTime()))
                found = int(conn.execute(query).scalar() or 0)
            return [Check(name, level if found else OK, f"{found} {what}" if found else "none")]

        checks += _guarded(name, count)
    return checks


def healthy(checks: list[Check]) -> bool:
    """True when no check failed (warnings allowed)."""
    return all(c.status != FAIL for c in checks)

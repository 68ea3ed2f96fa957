"""Migrations are all or nothing on SQLite: kill -9 anywhere in one, and the next command completes.

A helper process forks one child per kill point; the child opens the database
(which migrates it) and sends itself SIGKILL right after its Nth SQL statement,
N = 1, 2, ... until a child finishes without reaching N. The last point falls
between the revision stamp and the COMMIT. Every database left behind must then
be whole (integrity check) and all of them alike (the same schema and revision stamp: nothing, or the
previous schema, never a part); the real CLI then opens the first and the last, which must also pass
``claims doctor``.

Older versions committed each ``CREATE TABLE`` by itself, so a kill left tables
with no revision stamp; the same upgrade repairs such a database (last tests).
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claims.cli import app
from claims.db import make_engine
from claims.migrate import current_revision, head_revision, upgrade
from tests.test_migrations import check_upgraded, make_first_schema_db

ROOT = Path(__file__).resolve().parents[1]
runner = CliRunner()

KILLER = textwrap.dedent(
    """
    import os, signal, sqlite3, sys
    sys.path.insert(0, {root!r})
    from sqlalchemy import event
    from claims.db import make_engine, open_engine

    folder, template = sys.argv[1], sys.argv[2]
    warm = os.path.join(folder, "warm.db")  # import and compile everything once, before forking
    open_engine(f"sqlite:///{{warm}}")
    n = 0
    while True:
        n += 1
        path = os.path.join(folder, f"kill-{{n:03d}}.db")
        if template:
            with sqlite3.connect(template) as src, sqlite3.connect(path) as dst:
                src.backup(dst)
        pid = os.fork()
        if pid == 0:
            engine = make_engine(f"sqlite:///{{path}}")
            done = 0

            def after(*_args):
                global done
                done += 1
                if done == n:
                    os.kill(os.getpid(), signal.SIGKILL)

            event.listen(engine, "after_cursor_execute", after)
            open_engine(f"sqlite:///{{path}}")
            os._exit(0)
        _, status = os.waitpid(pid, 0)
        if os.WIFEXITED(status):  # finished before its kill point: every point is covered
            os.remove(path)
            print(n - 1, flush=True)
            break
        assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL, status
    """
)


def kill_at_every_statement(tmp_path: Path, template: Path | None) -> list[Path]:
    """Databases left by a migration killed after each of its statements in turn."""
    script = tmp_path / "killer.py"
    script.write_text(KILLER.format(root=str(ROOT)))
    folder = tmp_path / "killed"
    folder.mkdir()
    done = subprocess.run(
        [sys.executable, str(script), str(folder), str(template or "")],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    killed = sorted(folder.glob("kill-*.db"))
    (folder / "warm.db").unlink()
    assert len(killed) == int(done.stdout.split()[-1]) > 10
    return killed


def forget(url: str, path: Path) -> None:
    """Close the engine and remove the files (which also ends its checkpoint thread)."""
    make_engine(url).dispose()
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def doctor_ok(url: str) -> None:
    result = runner.invoke(app, ["doctor", "--db", url, "--format", "json"])
    assert result.exit_code == 0, result.output
    assert all(c["status"] != "fail" for c in json.loads(result.stdout))


def state(path: Path) -> tuple:
    """What a database holds, as the next command finds it: its schema (every table, index and trigger with its
    SQL) and its revision stamp. Two databases in the same state take the same path through the next command."""
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok", path.name
        schema = tuple(conn.execute("SELECT type, name, sql FROM sqlite_master ORDER BY type, name"))
        stamp = (
            tuple(conn.execute("SELECT * FROM alembic_version"))
            if any(r[1] == "alembic_version" for r in schema)
            else ()
        )
    return schema, stamp


def first_and_last(killed: list[Path]) -> list[Path]:
    """Every killed database in one and the same state (all or nothing: no kill leaves a part of the migration);
    the first and the last of them, for the real CLI to open (the others are the same database)."""
    states = {state(path) for path in killed}
    assert len(states) == 1, f"the kills left {len(states)} different states: a part of a migration stayed"
    return [killed[0], killed[-1]]


@pytest.mark.slow
def test_kill_9_during_first_use_migration(tmp_path: Path) -> None:
    killed = kill_at_every_statement(tmp_path, None)
    for path in killed:
        with sqlite3.connect(path) as conn:
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert "article" not in tables, f"{path.name}: tables without their revision stamp"
    for path in first_and_last(killed):
        url = f"sqlite:///{path}"
        result = runner.invoke(app, ["queue", "--db", url, "--format", "json"])
        assert result.exit_code == 0, f"{path.name}: {result.output}"
        assert json.loads(result.stdout) == []
        assert current_revision(make_engine(url)) == head_revision()
        doctor_ok(url)
        forget(url, path)


@pytest.mark.slow
def test_kill_9_during_upgrade_from_the_previous_schema(tmp_path: Path) -> None:
    template = tmp_path / "template.db"
    engine = make_engine(f"sqlite:///{template}")
    make_first_schema_db(engine)
    upgrade(engine, "0002")
    engine.dispose()
    killed = kill_at_every_statement(tmp_path, template)
    for path in killed:
        assert current_revision(make_engine(f"sqlite:///{path}")) == "0002", f"{path.name}: half upgraded"
        make_engine(f"sqlite:///{path}").dispose()
    assert state(killed[0]) == state(template)  # the previous schema, whole
    for path in first_and_last(killed):
        url = f"sqlite:///{path}"
        result = runner.invoke(app, ["db", "upgrade", "--db", url])
        assert result.exit_code == 0, f"{path.name}: {result.output}"
        check_upgraded(url)
        doctor_ok(url)
        forget(url, path)


def _older_half_made(path: Path, statements: list[str]) -> str:
    """What an older version left when killed: the given DDL committed, no revision stamp."""
    url = f"sqlite:///{path}"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL PRIMARY KEY)")
        for sql in statements:
            conn.execute(sql)
    return url


def test_db_upgrade_repairs_a_database_half_made_by_an_older_version(tmp_path: Path) -> None:
    path = tmp_path / "half.db"
    url = _older_half_made(
        path, ["CREATE TABLE article (id INTEGER NOT NULL PRIMARY KEY, source TEXT NOT NULL, url TEXT, "
               "slug VARCHAR(80) NOT NULL, title TEXT NOT NULL, author TEXT, published DATE, fetched DATETIME, "
               "checked_at DATETIME NOT NULL, content_hash VARCHAR(64) NOT NULL, revision INTEGER NOT NULL, "
               "text TEXT NOT NULL, CONSTRAINT uq_article_content_hash UNIQUE (content_hash))"]
    )  # fmt: skip
    result = runner.invoke(app, ["doctor", "--db", url, "--format", "json"])
    assert result.exit_code == 1
    advice = [c["detail"] for c in json.loads(result.stdout) if c["name"] == "migrations"][0]
    assert "no revision stamp" in advice and "claims db upgrade" in advice
    result = runner.invoke(app, ["db", "upgrade", "--db", url])  # the advice works
    assert result.exit_code == 0, result.output
    assert f"to {head_revision()}" in result.stdout
    doctor_ok(url)
    result = runner.invoke(app, ["queue", "--db", url, "--format", "json"])
    assert result.exit_code == 0 and json.loads(result.stdout) == []


def test_upgrade_repairs_a_half_done_0003_from_an_older_version(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    url = f"sqlite:///{path}"
    engine = make_engine(url)
    make_first_schema_db(engine)
    upgrade(engine, "0002")
    with engine.begin() as conn:  # the old 0003 committed this ALTER alone, then was killed
        conn.exec_driver_sql("ALTER TABLE article ADD COLUMN identity TEXT")
    result = runner.invoke(app, ["queue", "--db", url, "--format", "json"])
    assert result.exit_code == 0, result.output
    check_upgraded(url)

"""Accounts of the review desk: `claims user ...`, scrypt hashes, the 0005 migration and doctor."""

from __future__ import annotations

import json
import logging
import sqlite3

import pytest
from typer.testing import CliRunner

from claims.cli import app
from claims.db import make_engine, open_engine
from claims.maintenance import doctor
from claims.migrate import current_revision, head_revision, upgrade
from claims.queue import lease_next
from claims.users import add_user, authenticate, hash_password, list_users, verify_password

runner = CliRunner()
SECRET = "correct horse battery staple 7"


def cli(url: str, *args: str, stdin: str | None = None):  # type: ignore[no-untyped-def]
    result = runner.invoke(app, [*args, "--db", url], input=stdin)
    return result.exit_code, result.stdout, result.stderr


def test_user_add_list_password_remove(db_url: str, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    code, out, err = cli(db_url, "user", "add", "ana", "--password-stdin", stdin=SECRET + "\n")
    assert (code, out, err) == (0, "Added editor ana.\n", "")
    code, out, _ = cli(db_url, "user", "add", "ed", "--admin", "--password-stdin", stdin="adminpass99\n")
    assert code == 0 and "admin ed" in out
    code, out, _ = cli(db_url, "user", "list", "--format", "json")
    assert [(u["name"], u["admin"]) for u in json.loads(out)] == [("ana", False), ("ed", True)]
    code, out, _ = cli(db_url, "user", "list")
    assert code == 0 and "ana" in out and "editor" in out and "admin" in out

    engine = open_engine(db_url)
    assert authenticate(engine, "ana", SECRET) is not None
    assert authenticate(engine, "ana", SECRET + "x") is None
    assert authenticate(engine, "nobody", SECRET) is None
    code, out, _ = cli(db_url, "user", "password", "ana", "--password-stdin", stdin="a new password\n")
    assert code == 0 and "Changed the password of ana" in out
    assert authenticate(engine, "ana", SECRET) is None and authenticate(engine, "ana", "a new password")

    code, out, _ = cli(db_url, "user", "remove", "ed")
    assert code == 0 and [a.name for a in list_users(engine)] == ["ana"]
    # the password is nowhere but as a salted hash
    path = db_url.removeprefix("sqlite:///")
    with sqlite3.connect(path) as conn:
        stored = conn.execute("SELECT password_hash FROM web_user").fetchall()
    assert stored[0][0].startswith("scrypt$16384$8$1$") and "a new password" not in stored[0][0]
    assert SECRET not in caplog.text and "a new password" not in caplog.text


@pytest.mark.parametrize(
    ("args", "stdin", "expected", "exit_code"),
    [
        (["user", "add", "ana", "--password-stdin"], "short\n", "too short", 2),
        (["user", "add", "ana"], "", "--password-stdin", 2),
        (["user", "add", "bad name", "--password-stdin"], SECRET + "\n", "not a user name", 2),
        (["user", "add", "taken", "--password-stdin"], SECRET + "\n", "exists already", 2),
        (["user", "remove", "ghost"], None, "no user named 'ghost'", 3),
        (["user", "password", "ghost", "--password-stdin"], SECRET + "\n", "no user named", 3),
    ],
)
def test_user_errors_are_one_line_and_write_nothing(db_url, args, stdin, expected, exit_code) -> None:  # type: ignore[no-untyped-def]
    engine = open_engine(db_url)
    add_user(engine, "taken", "first password")
    code, out, err = cli(db_url, *args, stdin=stdin)
    assert code == exit_code and out == ""
    assert err.startswith("claims: error: ") and expected in err and len(err.strip().splitlines()) == 1
    assert "short" not in err or "too short" in err  # the password itself is never echoed
    assert [a.name for a in list_users(engine)] == ["taken"]
    assert authenticate(engine, "taken", "first password") is not None


def test_hashes_are_salted_per_user_and_checked_in_full() -> None:
    a, b = hash_password(SECRET), hash_password(SECRET)
    assert a != b and a.split("$")[4] != b.split("$")[4]
    assert verify_password(SECRET, a) and verify_password(SECRET, b)
    assert not verify_password(SECRET[:-1], a)
    assert not verify_password(SECRET, "md5$abc") and not verify_password(SECRET, "garbage")


def test_migration_upgrades_a_current_release_database_in_place(db_url: str) -> None:
    from tests.test_migrations import make_first_schema_db

    engine = make_engine(db_url)
    make_first_schema_db(engine)  # rows as an old release wrote them (the ORM of today writes today's columns)
    upgrade(engine, "0004")  # the schema of the release before the desk
    with engine.begin() as conn:  # ana holds claim 3, as that release's `claims next` left it
        conn.exec_driver_sql("UPDATE claim SET status = 'leased' WHERE id = 3")
        conn.exec_driver_sql(
            "INSERT INTO lease (claim_id, reviewer, leased_at, expires_at)"
            " VALUES (3, 'ana', '2026-01-05 09:30:00', '2999-01-01 00:00:00')"
        )
    open_engine(db_url)
    assert current_revision(engine) == head_revision()
    assert lease_next(engine, "ana").claim.id == 3  # type: ignore[union-attr]
    add_user(engine, "ana", SECRET)
    status = {c.name: c for c in doctor(db_url)}
    assert status["orphan web sessions"].status == "ok"
    assert all(c.status == "ok" for c in status.values() if c.name != "journal mode")
    with sqlite3.connect(db_url.removeprefix("sqlite:///")) as conn:
        conn.execute("PRAGMA foreign_keys=OFF")
        conn.execute("INSERT INTO web_session VALUES ('x', 999, 'c', '2026-01-01 00:00:00', '2026-01-01 00:00:00')")
    status = {c.name: c for c in doctor(db_url)}
    assert status["orphan web sessions"].status == "fail"

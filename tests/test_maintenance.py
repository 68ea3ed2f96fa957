"""``claims backup`` while editors write verdicts, and ``claims doctor`` on healthy and broken databases."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import threading
from pathlib import Path

import pytest
from sqlmodel import Session, func, select
from typer.testing import CliRunner

from claims.cli import app
from claims.db import open_engine
from claims.maintenance import doctor, healthy
from claims.models import Verdict
from claims.queue import lease_next
from claims.ratings import load_scale
from claims.store import save_article
from claims.verdicts import record_verdict
from tests.test_queue import numbered

runner = CliRunner()


def cli(url: str, *args: str):
    result = runner.invoke(app, list(args), env={"CLAIMS_DATABASE_URL": url})
    return result.exit_code, result.stdout, result.stderr


def seeded(db_url: str, articles: int = 3, claims: int = 40) -> str:
    engine = open_engine(db_url)
    for i in range(articles):
        save_article(engine, *numbered(f"story-{i}.txt", claims, first=i * 1000))
    return db_url


def raw(url: str) -> sqlite3.Connection:
    return sqlite3.connect(url.removeprefix("sqlite:///"))


def test_backup_is_consistent_while_editors_record_verdicts(db_url: str, tmp_path: Path) -> None:
    url = seeded(db_url, articles=4, claims=60)
    engine = open_engine(url)
    labels = load_scale().labels
    stop = threading.Event()
    written: list[int] = []
    errors: list[BaseException] = []

    def editor(name: str) -> None:
        try:
            while not stop.is_set():
                item = lease_next(engine, name)
                if item is None:
                    return
                record_verdict(engine, item.claim.id, labels[len(written) % len(labels)], name, note="checked")
                written.append(item.claim.id)
        except BaseException as exc:  # surfaced below
            errors.append(exc)

    editors = [threading.Thread(target=editor, args=(f"editor-{n}",)) for n in range(2)]
    for thread in editors:
        thread.start()
    copies = []
    try:
        for n in range(6):
            code, out, err = cli(url, "backup", str(tmp_path / f"copy-{n}.db"))
            assert code == 0, err
            assert "integrity ok" in out
            copies.append(tmp_path / f"copy-{n}.db")
    finally:
        stop.set()
        for thread in editors:
            thread.join()
    assert not errors
    assert written, "the editors recorded nothing while the backups ran"
    seen = []
    for copy in copies:
        with sqlite3.connect(copy) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
            verdicts = conn.execute("SELECT count(*) FROM verdict").fetchone()[0]
            # verdict and claim status change in one transaction: a snapshot never splits them
            reviewed = conn.execute("SELECT count(*) FROM claim WHERE status = 'reviewed'").fetchone()[0]
            assert verdicts == reviewed
            seen.append(verdicts)
        checks = doctor(f"sqlite:///{copy}")
        assert healthy(checks), [c for c in checks if c.status != "ok"]
    assert seen == sorted(seen)
    # the copy opens with the app and holds what the original held at its moment
    with Session(open_engine(f"sqlite:///{copies[-1]}")) as session:
        assert session.exec(select(func.count()).select_from(Verdict)).one() == seen[-1]


def test_backup_refuses_to_overwrite_unless_forced_and_writes_into_folders(db_url: str, tmp_path: Path) -> None:
    url = seeded(db_url, articles=1, claims=5)
    target = tmp_path / "b.db"
    assert cli(url, "backup", str(target))[0] == 0
    code, _, err = cli(url, "backup", str(target))
    assert code == 2
    assert err.strip() == f"claims: error: {target}: already exists (use --force to replace it)"
    assert cli(url, "backup", str(target), "--force")[0] == 0
    folder = tmp_path / "backups"
    folder.mkdir()
    code, out, _ = cli(url, "backup", str(folder))
    assert code == 0
    (made,) = folder.iterdir()
    assert made.name.startswith("claims-") and made.suffix == ".db"
    assert not list(tmp_path.glob(".*.partial"))


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("postgresql://editor:hunter2@db.example/claims", "pg_dump"),
        ("sqlite:///:memory:", "in-memory"),
        ("sqlite:///{tmp}/missing.db", "no such database file"),
    ],
)
def test_backup_errors_are_one_line(url: str, expected: str, tmp_path: Path) -> None:
    code, out, err = cli(url.format(tmp=tmp_path), "backup", str(tmp_path / "b.db"))
    assert code != 0 and out == ""
    assert len(err.strip().splitlines()) == 1 and expected in err
    assert "hunter2" not in err
    assert not (tmp_path / "b.db").exists()


def test_backup_to_a_missing_folder_or_onto_itself(db_url: str, tmp_path: Path) -> None:
    url = seeded(db_url, articles=1, claims=3)
    assert "no such folder" in cli(url, "backup", str(tmp_path / "nope" / "b.db"))[2]
    assert "is the database itself" in cli(url, "backup", url.removeprefix("sqlite:///"), "--force")[2]


def test_doctor_passes_a_healthy_database(db_url: str) -> None:
    url = seeded(db_url)
    code, out, err = cli(url, "doctor", "--format", "json")
    assert code == 0, err
    checks = json.loads(out)
    assert {c["name"] for c in checks} >= {
        "integrity",
        "migrations",
        "orphan claims",
        "orphan verdicts",
        "orphan leases",
    }
    assert all(c["status"] == "ok" for c in checks)
    code, out, _ = cli(url, "doctor")
    assert code == 0 and "integrity" in out


def test_doctor_finds_orphans_stray_and_expired_leases(db_url: str) -> None:
    url = seeded(db_url, articles=1, claims=6)
    engine = open_engine(url)
    held = lease_next(engine, "ana")
    assert held is not None
    with raw(url) as conn:
        conn.execute("PRAGMA foreign_keys=OFF")
        conn.execute(
            "INSERT INTO verdict (claim_id, rating, explanation, sources, reviewer, created_at) "
            "VALUES (99999, 'correct', '', '[]', 'ghost', '2024-01-01 00:00:00.000000')"
        )
        conn.execute("INSERT INTO lease VALUES (88888, 'ghost', '2024-01-01 00:00:00', '2099-01-01 00:00:00')")
        pending = conn.execute("SELECT id FROM claim WHERE status = 'pending' LIMIT 2").fetchall()
        conn.execute("INSERT INTO lease VALUES (?, 'bob', '2024-01-01 00:00:00', '2000-01-01 00:00:00')", pending[0])
        conn.execute("UPDATE claim SET status = 'leased' WHERE id = ?", pending[1])
    code, out, err = cli(url, "doctor", "--format", "jsonl")
    assert code == 1
    status = {c["name"]: c for c in map(json.loads, out.splitlines())}
    assert status["orphan verdicts"]["status"] == "fail" and status["orphan verdicts"]["detail"].startswith("1 ")
    assert status["orphan leases"]["status"] == "fail"
    assert status["stray leases"]["status"] == "fail"  # the lease of a pending claim
    assert status["lost leases"]["status"] == "fail"  # leased with no lease row
    assert status["expired leases"]["status"] == "warn"
    assert status["foreign keys"]["status"] == "fail"
    assert status["integrity"]["status"] == "ok"
    assert err.count("\n") == 1 and "problems" in err


def test_doctor_reports_an_old_or_missing_schema(db_url: str, tmp_path: Path) -> None:
    url = seeded(db_url, articles=1, claims=2)
    with raw(url) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0002'")
    status = {c.name: c for c in doctor(url)}
    assert status["migrations"].status == "fail" and "0002" in status["migrations"].detail
    empty = tmp_path / "empty.db"
    sqlite3.connect(empty).close()
    status = {c.name: c for c in doctor(f"sqlite:///{empty}")}
    assert status["migrations"].status == "fail" and "no schema" in status["migrations"].detail
    assert status["orphan claims"].status == "fail" and "cannot check" in status["orphan claims"].detail


def test_doctor_reports_a_corrupt_file(db_url: str, tmp_path: Path) -> None:
    url = seeded(db_url, articles=3, claims=80)
    path = Path(url.removeprefix("sqlite:///"))
    with raw(url) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    broken = tmp_path / "broken.db"
    data = bytearray(path.read_bytes())
    page = 4096
    for offset in range(2 * page, len(data) - page, 3 * page):  # scribble over pages, keep the header
        data[offset + 100 : offset + 600] = b"\xa5" * 500
    broken.write_bytes(bytes(data))
    code, out, err = cli(f"sqlite:///{broken}", "doctor", "--format", "json")
    assert code == 1
    status = {c["name"]: c for c in json.loads(out)}
    assert status["integrity"]["status"] == "fail"
    assert len(err.strip().splitlines()) == 1


def test_doctor_on_a_missing_file_does_not_create_it(tmp_path: Path) -> None:
    missing = tmp_path / "nope.db"
    code, _, err = cli(f"sqlite:///{missing}", "doctor")
    assert code == 3 and "no such database file" in err
    assert not missing.exists()


def test_expired_lease_uses_utc(db_url: str) -> None:
    url = seeded(db_url, articles=1, claims=2)
    engine = open_engine(url)
    lease_next(engine, "ana", duration=dt.timedelta(seconds=30))
    later = dt.datetime.now(dt.UTC) + dt.timedelta(minutes=5)
    status = {c.name: c for c in doctor(url, now=later)}
    assert status["expired leases"].status == "warn"
    assert {c.name: c for c in doctor(url)}["expired leases"].status == "ok"

"""Durability: WAL and foreign keys, one transaction per article, and kill -9 in the middle of writes.

A subprocess stores large synthetic articles (hundreds of claims each) in a loop
and is killed with SIGKILL at random moments, most of which fall inside a write
transaction. After every kill the database must pass ``PRAGMA integrity_check``
and hold each article whole (its row, every claim, its revision log) or not at
all; a run without a kill then completes the set. ``claims check`` itself is
killed the same way under a real Prefect server, and the next run completes it.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from sqlalchemy import text

from claims.db import open_engine
from claims.errors import StoreError
from claims.models import StoredArticle
from claims.store import save_article, write
from tests.test_queue import numbered

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = 12
CLAIMS = 150
KILLS = 5

DRIVER = textwrap.dedent(
    """
    import sys
    sys.path.insert(0, {root!r})
    from claims.db import open_engine
    from claims.store import save_article
    from tests.test_queue import numbered

    engine = open_engine(sys.argv[1])
    print("ready", flush=True)
    for batch in map(int, sys.argv[4].split(",")):
        for i in range(int(sys.argv[2])):
            n = batch * 1000 + i
            queued = save_article(engine, *numbered(f"story-{{n}}.txt", int(sys.argv[3]), first=n * 100_000))
            print("saved", n, queued.created, flush=True)
    """
)


def check_whole(path: Path, claims_each: int) -> tuple[int, int]:
    """integrity_check is ok, and every article is whole; (articles, claims)."""
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        tables = {name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if "article" not in tables:  # killed during the first-use migration: all of it rolled back
            return 0, 0
        rows = conn.execute(
            "SELECT a.id, (SELECT count(*) FROM claim c WHERE c.article_id = a.id),"
            " (SELECT count(*) FROM article_revision r WHERE r.article_id = a.id) FROM article a"
        ).fetchall()
        for article_id, claims, revisions in rows:
            assert (claims, revisions) == (claims_each, 1), f"article {article_id} is partial"
        total = conn.execute("SELECT count(*) FROM claim").fetchone()[0]
        assert total == claims_each * len(rows), "claims without their article"
        return len(rows), total


def start_driver(script: Path, url: str, batches: str) -> subprocess.Popen[str]:
    """A process storing the given batches ("0,1,...") of ARTICLES new articles of CLAIMS claims each."""
    return subprocess.Popen(
        [sys.executable, str(script), url, str(ARTICLES), str(CLAIMS), batches],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )


def test_sqlite_is_in_wal_mode_with_foreign_keys(db_url: str) -> None:
    engine = open_engine(db_url)
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_a_failing_write_leaves_nothing(db_url: str) -> None:
    engine = open_engine(db_url)
    article, claims = numbered("partial.txt", 50)

    def half_then_fail(session):  # type: ignore[no-untyped-def]
        from claims.store import _save

        _save(session, article, claims, len(claims))
        session.flush()
        raise StoreError("disk full (simulated)")

    with pytest.raises(StoreError):
        write(engine, half_then_fail)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM article")).scalar() == 0
        assert conn.execute(text("SELECT count(*) FROM claim")).scalar() == 0
    save_article(engine, article, claims)
    assert check_whole(Path(db_url.removeprefix("sqlite:///")), 50) == (1, 50)


@pytest.mark.slow
def test_kill_9_during_writes_leaves_whole_articles_and_the_next_run_completes(tmp_path: Path) -> None:
    script = tmp_path / "driver.py"
    script.write_text(DRIVER.format(root=str(ROOT)))
    path = tmp_path / "claims.db"
    url = f"sqlite:///{path}"
    rng = random.Random(int(os.environ.get("CLAIMS_KILL_SEED", "7")))
    kills = 0
    for batch in range(KILLS):  # each run has new articles to write, so there is always work to interrupt
        proc = start_driver(script, url, str(batch))
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "ready", proc.stderr.read() if proc.stderr else ""
        before = check_whole(path, CLAIMS)[0] if path.exists() else 0
        time.sleep(rng.uniform(0.05, 0.3))
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            kills += 1
        proc.wait(timeout=30)
        articles, _ = check_whole(path, CLAIMS)
        assert articles >= before
    assert kills >= KILLS - 1, "the driver finished before it could be killed: make the batches bigger"
    proc = start_driver(script, url, ",".join(map(str, range(KILLS))))  # the next run completes every batch
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err
    assert check_whole(path, CLAIMS) == (KILLS * ARTICLES, KILLS * ARTICLES * CLAIMS)


@pytest.mark.slow
def test_kill_9_of_claims_check_then_rerun(prefect_server, tmp_path: Path) -> None:
    from prefect.settings import PREFECT_API_URL

    from claims.extract import extract_claims
    from claims.sources import load_article

    story = tmp_path / "long-story.txt"
    lines = ["Council budget grows again", ""]
    lines += [
        f"The council spent {i + 3} million dollars on road number {i} in 2023, officials said on Monday."
        for i in range(400)
    ]
    story.write_text("\n".join(lines))
    expected = len(extract_claims(load_article(str(story)).text))
    assert expected > 100
    db = tmp_path / "claims.db"
    env = {
        **os.environ,
        "PREFECT_API_URL": str(PREFECT_API_URL.value()),
        "CLAIMS_DATABASE_URL": f"sqlite:///{db}",
        "CLAIMS_REPORTS_DIR": str(tmp_path / "reports"),
        "CLAIMS_MAX_CLAIMS": "1000",  # every claim of the long story: a big write to interrupt
    }
    cmd = [str(Path(sys.executable).with_name("claims")), "check", str(story), "--format", "json"]
    rng = random.Random(11)
    for _ in range(1):
        proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=tmp_path)
        time.sleep(rng.uniform(2.5, 5.0))
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        if db.exists():
            check_whole(db, expected)
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=180, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert check_whole(db, expected) == (1, expected)
    engine = open_engine(f"sqlite:///{db}")
    with engine.connect() as conn:
        assert conn.execute(text(f"SELECT count(*) FROM {StoredArticle.__tablename__}")).scalar() == 1

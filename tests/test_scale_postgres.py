"""Newsroom scale: a real `prefect server start` on PostgreSQL, and the claims database on PostgreSQL.

The batch command runs against that server (PREFECT_API_URL), the way a worker
on another machine would, and its articles land in the PostgreSQL claims database.
"""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from sqlalchemy import text

from tests.conftest import EXAMPLE, IN_CI
from tests.helpers import running_prefect_server

pytestmark = [pytest.mark.slow, pytest.mark.postgres]

ADMIN = os.environ.get("CLAIMS_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres")


def _admin_connect():
    psycopg = pytest.importorskip("psycopg")
    try:
        return psycopg.connect(ADMIN, autocommit=True, connect_timeout=3)
    except psycopg.Error as exc:
        reason = f"no PostgreSQL server at {ADMIN}: {str(exc).strip().splitlines()[0]}"
        if IN_CI:
            pytest.fail(reason)
        pytest.skip(reason)


@pytest.fixture
def pg_databases() -> Iterator[tuple[str, str]]:
    """Two throwaway databases: (Prefect server URL for asyncpg, claims URL for psycopg)."""
    names = [f"claims_scale_prefect_{uuid.uuid4().hex[:8]}", f"claims_scale_claims_{uuid.uuid4().hex[:8]}"]
    with _admin_connect() as conn:
        for name in names:
            conn.execute(f'CREATE DATABASE "{name}"')
    base = ADMIN.rpartition("/")[0].split("://", 1)[1]
    try:
        yield f"postgresql+asyncpg://{base}/{names[0]}", f"postgresql+psycopg://{base}/{names[1]}"
    finally:
        from claims.db import _engines

        for url, engine in list(_engines.items()):
            if names[1] in url:
                engine.dispose()
        with _admin_connect() as conn:
            for name in names:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_batch_on_prefect_server_and_claims_db_both_on_postgres(tmp_path: Path, pg_databases) -> None:
    prefect_db, claims_db = pg_databases
    env = {**os.environ, "PREFECT_SERVER_DATABASE_CONNECTION_URL": prefect_db, "PREFECT_SERVER_UI_ENABLED": "false"}
    with running_prefect_server(tmp_path / "prefect-home", env) as api:
        articles = []
        base = EXAMPLE.read_text(encoding="utf-8")
        for i in range(30):
            path = tmp_path / f"a{i:02d}.txt"
            path.write_text(base.replace("42,000", f"{42_000 + i:,}"), encoding="utf-8")
            articles.append(str(path))
        listing = tmp_path / "sources.txt"
        listing.write_text("\n".join(articles), encoding="utf-8")

        run_env = {**env, "PREFECT_API_URL": api, "CLAIMS_DATABASE_URL": claims_db}
        done = subprocess.run(
            [str(Path(sys.executable).with_name("claims")), "batch", "--from-file", str(listing), "--chunk-size", "10",
             "--reports", str(tmp_path / "reports")],
            env=run_env, capture_output=True, text=True, timeout=300, cwd=tmp_path,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr[-2000:]
        assert done.stdout.startswith("30 sources: 30 new articles,")

        from claims.db import make_engine

        with make_engine(claims_db).connect() as conn:
            assert conn.execute(text("select count(*) from article")).scalar() == 30
            assert conn.execute(text("select count(*) from claim")).scalar() > 30 * 5
            assert conn.dialect.name == "postgresql"

        runs = httpx.post(f"{api}/flow_runs/filter", json={"limit": 10}, timeout=10).json()
        batch_runs = [r for r in runs if r["state_type"] == "COMPLETED"]
        assert len(batch_runs) == 1  # one flow run for the whole batch, recorded in PostgreSQL
        import psycopg

        with psycopg.connect(ADMIN.rpartition("/")[0] + "/" + prefect_db.rsplit("/", 1)[1]) as pconn:
            assert pconn.execute("select count(*) from flow_run").fetchone()[0] >= 1

"""PostgreSQL specifics: upgrading a first-schema database, SKIP LOCKED leasing across processes.

The queue, verdict and revision tests already run on PostgreSQL through the
``any_url`` fixture; these are the parts that need a database of their own.
"""

from __future__ import annotations

import multiprocessing
import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy.engine import make_url
from sqlmodel import Session, func, select

from claims.db import make_engine, open_engine
from claims.models import Verdict
from claims.queue import lease_next
from claims.store import save_article
from claims.verdicts import record_verdict
from tests.test_migrations import check_upgraded, make_first_schema_db
from tests.test_queue import numbered, reset_postgres

pytestmark = pytest.mark.postgres


@pytest.fixture
def fresh_pg(pg_url: str) -> Iterator[str]:
    """An empty PostgreSQL database of the test's own, dropped afterwards."""
    import psycopg

    url = make_url(pg_url)
    admin = url.set(drivername="postgresql", database="postgres").render_as_string(hide_password=False)
    name = f"claims_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    own = url.set(database=name).render_as_string(hide_password=False)
    yield own
    make_engine(own).dispose()
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_first_schema_upgrades_on_postgres(fresh_pg: str) -> None:
    make_first_schema_db(make_engine(fresh_pg))
    open_engine(fresh_pg)
    check_upgraded(fresh_pg)


def _editor(url: str, name: str, results: multiprocessing.Queue) -> None:  # type: ignore[type-arg]
    engine = open_engine(url)
    mine = []
    while (item := lease_next(engine, name)) is not None:
        mine.append(item.claim.id)
        record_verdict(engine, item.claim.id, "true", name)  # type: ignore[arg-type]
    results.put(mine)


def test_editor_processes_never_share_a_claim(pg_url: str) -> None:
    reset_postgres(pg_url)
    engine = open_engine(pg_url)
    save_article(engine, *numbered("pg.txt", 60))
    make_engine(pg_url).dispose()  # no pooled connections across fork
    ctx = multiprocessing.get_context("fork")
    results = ctx.Queue()
    procs = [ctx.Process(target=_editor, args=(pg_url, f"ed{i}", results)) for i in range(3)]
    for proc in procs:
        proc.start()
    leased = [cid for _ in procs for cid in results.get(timeout=60)]
    for proc in procs:
        proc.join(10)
    assert sorted(leased) == list(range(1, 61))
    with Session(engine) as session:
        assert session.exec(select(func.count()).select_from(Verdict)).one() == 60


def test_lease_query_skips_locked_rows(pg_url: str) -> None:
    from sqlalchemy.dialects import postgresql

    from claims.models import StoredClaim

    query = select(StoredClaim).with_for_update(skip_locked=True)
    assert "FOR UPDATE SKIP LOCKED" in str(query.compile(dialect=postgresql.dialect()))


def test_verdicts_racing_next_keep_leases_and_statuses_in_step(pg_url: str) -> None:
    import contextlib
    import random
    import threading

    from claims.errors import LeaseConflict
    from claims.models import ClaimStatus, Lease, StoredClaim
    from claims.queue import release

    reset_postgres(pg_url)
    engine = open_engine(pg_url)
    save_article(engine, *numbered("race.txt", 30))
    errors: list[BaseException] = []

    def leaser(name: str) -> None:
        try:
            while (item := lease_next(engine, name)) is not None:
                assert item.claim.id is not None
                if random.random() < 0.5:
                    release(engine, item.claim.id, name)
                else:
                    record_verdict(engine, item.claim.id, "mixed", name)
        except BaseException as exc:  # surfaced below, not lost in the thread
            errors.append(exc)

    def decider(name: str) -> None:
        try:
            for _ in range(40):
                with contextlib.suppress(LeaseConflict):
                    record_verdict(engine, random.randint(1, 30), "false", name)
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=leaser, args=(f"l{i}",)) for i in range(2)]
    threads += [threading.Thread(target=decider, args=(f"d{i}",)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert errors == []
    with Session(engine) as session:
        leased = set(session.exec(select(Lease.claim_id)))
        status = {c.id: c.status for c in session.exec(select(StoredClaim))}
    assert leased == {cid for cid, s in status.items() if s == ClaimStatus.LEASED}
    assert all(s == ClaimStatus.REVIEWED for s in status.values())

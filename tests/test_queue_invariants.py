"""Queue invariants under random next / verdict / release / expire / reopen: history only grows.

``tests/test_queue_properties.py`` checks the queue against a model (who holds
what, each claim's status). This machine checks what editors sign their names
to: every verdict ever recorded stays exactly as written (no row changes or
disappears, each claim's history only gets longer), a claim has at most one
lease and an editor at most one, and ``claims doctor`` finds nothing wrong
after any step.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import tempfile
from pathlib import Path

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule
from sqlalchemy import text
from sqlmodel import Session, func, select

from claims.db import open_engine
from claims.errors import InvalidInput, LeaseConflict
from claims.maintenance import FAIL, doctor
from claims.models import Lease, StoredClaim, Verdict
from claims.queue import lease_next, pending, release, reopen
from claims.store import save_article
from claims.verdicts import record_verdict
from tests.test_queue import numbered

REVIEWERS = st.sampled_from(["ana", "bob", "cy", "dee"])
_DB = Path(tempfile.mkdtemp(prefix="claims-invariants-")) / "claims.db"
URL = f"sqlite:///{_DB}"


class History(RuleBasedStateMachine):
    """Random editor actions; the verdict log is append-only and the queue stays sound."""

    @initialize(claims=st.integers(1, 8))
    def setup(self, claims: int) -> None:
        self.engine = open_engine(URL)
        with self.engine.begin() as conn:
            for table in ("verdict", "lease", "claim", "article_revision", "article"):
                conn.execute(text(f"DELETE FROM {table}"))  # noqa: S608
        save_article(self.engine, *numbered("story.txt", claims))
        with Session(self.engine) as session:
            self.ids = [c.id for c in session.exec(select(StoredClaim))]
        self.now = dt.datetime(2025, 1, 6, 9, 0, tzinfo=dt.UTC)
        self.log: dict[int, tuple] = {}
        self.histories: dict[int, list[int]] = {}

    @rule(reviewer=REVIEWERS)
    def next_claim(self, reviewer: str) -> None:
        lease_next(self.engine, reviewer, now=self.now)

    @rule(data=st.data(), reviewer=REVIEWERS, rating=st.sampled_from(["true", "false", "mixed", "unproven"]))
    def verdict(self, data: st.DataObject, reviewer: str, rating: str) -> None:
        claim_id = data.draw(st.sampled_from(self.ids))
        note = f"{reviewer} at {self.now:%H:%M}"
        with contextlib.suppress(InvalidInput, LeaseConflict):  # refused: nothing may change (the invariants check)
            record_verdict(self.engine, claim_id, rating, reviewer, note=note, now=self.now)

    @rule(data=st.data(), reviewer=st.one_of(st.none(), REVIEWERS))
    def release_claim(self, data: st.DataObject, reviewer: str | None) -> None:
        with contextlib.suppress(InvalidInput, LeaseConflict):
            release(self.engine, data.draw(st.sampled_from(self.ids)), reviewer)

    @rule(data=st.data())
    def reopen_claim(self, data: st.DataObject) -> None:
        with contextlib.suppress(InvalidInput):
            reopen(self.engine, data.draw(st.sampled_from(self.ids)))

    @rule(minutes=st.sampled_from([5, 31, 90]))
    def expire(self, minutes: int) -> None:
        self.now += dt.timedelta(minutes=minutes)
        pending(self.engine, now=self.now)  # returns expired leases to the queue

    @invariant()
    def history_only_grows(self) -> None:
        with Session(self.engine) as session:
            rows = {
                v.id: (v.claim_id, v.rating, v.reviewer, v.explanation, tuple(v.sources), v.created_at)
                for v in session.exec(select(Verdict))
            }
        for verdict_id, row in self.log.items():
            assert rows.get(verdict_id) == row, f"verdict {verdict_id} changed or vanished"
        histories: dict[int, list[int]] = {}
        for verdict_id in sorted(rows):
            histories.setdefault(rows[verdict_id][0], []).append(verdict_id)
        for claim_id, before in self.histories.items():
            assert histories.get(claim_id, [])[: len(before)] == before
        self.log, self.histories = rows, histories

    @invariant()
    def one_lease_per_claim_and_per_editor(self) -> None:
        with Session(self.engine) as session:
            leases = list(session.exec(select(Lease)))
            leased = session.exec(
                select(func.count()).select_from(StoredClaim).where(StoredClaim.status == "leased")
            ).one()
        assert len({lease.claim_id for lease in leases}) == len(leases)
        assert len({lease.reviewer for lease in leases}) == len(leases)
        assert leased == len(leases)

    @invariant()
    def doctor_finds_nothing_wrong(self) -> None:
        failed = [c for c in doctor(URL, now=self.now) if c.status == FAIL]
        assert not failed, failed


History.TestCase.settings = settings(max_examples=20, stateful_step_count=30, deadline=None)
TestHistory = History.TestCase

"""Property test: any sequence of next / verdict / release / reopen / time passing keeps the queue consistent.

A plain-Python model of the queue runs beside the database; after every step the
leases and statuses must agree, ``next`` must hand out the model's top claim, and
no claim is ever held by two editors.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule
from sqlalchemy import text
from sqlmodel import Session, select

from claims.db import open_engine
from claims.errors import InvalidInput, LeaseConflict
from claims.models import ClaimStatus, Lease, StoredClaim
from claims.queue import lease_next, release, reopen
from claims.store import save_article
from claims.verdicts import record_verdict
from tests.test_queue import story

REVIEWERS = st.sampled_from(["ana", "bob", "cy"])
LEASE = dt.timedelta(minutes=30)
_DB = Path(tempfile.mkdtemp(prefix="claims-props-")) / "claims.db"


class QueueMachine(RuleBasedStateMachine):
    """The database against a model: status per claim, and lease per claim (reviewer, expiry)."""

    @initialize(scores=st.lists(st.sampled_from([0.1, 0.5, 0.9]), min_size=1, max_size=6))
    def setup(self, scores: list[float]) -> None:
        self.engine = open_engine(f"sqlite:///{_DB}")
        with self.engine.begin() as conn:
            for table in ("verdict", "lease", "claim", "article_revision", "article"):
                conn.execute(text(f"DELETE FROM {table}"))
        queued = save_article(self.engine, *story("p.txt", [f"Claim number {i}." for i in range(len(scores))], scores))
        with Session(self.engine) as session:
            ids = [c.id for c in session.exec(select(StoredClaim).where(StoredClaim.article_id == queued.article_id))]
        self.score = dict(zip(ids, scores, strict=True))
        self.status = {cid: ClaimStatus.PENDING for cid in ids}
        self.leases: dict[int, tuple[str, dt.datetime]] = {}
        self.now = dt.datetime.now(dt.UTC)

    def _live(self, cid: int) -> tuple[str, dt.datetime] | None:
        lease = self.leases.get(cid)
        return lease if lease and lease[1] > self.now else None

    @rule(reviewer=REVIEWERS)
    def next_claim(self, reviewer: str) -> None:
        for cid, (_, expires) in list(self.leases.items()):
            if expires <= self.now:
                del self.leases[cid]
                if self.status[cid] == ClaimStatus.LEASED:
                    self.status[cid] = ClaimStatus.PENDING
        item = lease_next(self.engine, reviewer, LEASE, now=self.now)
        held = [cid for cid, (who, _) in self.leases.items() if who == reviewer]
        if held:
            assert item is not None and item.claim.id == held[0]
        else:
            waiting = [cid for cid, s in self.status.items() if s == ClaimStatus.PENDING]
            if not waiting:
                assert item is None
                return
            top = max(waiting, key=lambda cid: (self.score[cid], cid))
            assert item is not None and item.claim.id == top
            self.status[top] = ClaimStatus.LEASED
        assert item.claim.id is not None
        self.leases[item.claim.id] = (reviewer, self.now + LEASE)

    @rule(data=st.data(), reviewer=REVIEWERS, rating=st.sampled_from(["true", "false", "mixed"]))
    def verdict(self, data: st.DataObject, reviewer: str, rating: str) -> None:
        cid = data.draw(st.sampled_from(sorted(self.status)))
        live = self._live(cid)
        try:
            record_verdict(self.engine, cid, rating, reviewer, now=self.now)
        except LeaseConflict:
            assert live is not None and live[0] != reviewer
            return
        assert live is None or live[0] == reviewer
        self.leases.pop(cid, None)
        self.status[cid] = ClaimStatus.REVIEWED

    @rule(data=st.data(), reviewer=st.one_of(st.none(), REVIEWERS))
    def release_claim(self, data: st.DataObject, reviewer: str | None) -> None:
        cid = data.draw(st.sampled_from(sorted(self.status)))
        live = self._live(cid)
        try:
            release(self.engine, cid, reviewer, now=self.now)
        except InvalidInput:
            assert cid not in self.leases
            return
        except LeaseConflict:
            assert reviewer is not None and live is not None and live[0] != reviewer
            return
        del self.leases[cid]
        if self.status[cid] == ClaimStatus.LEASED:
            self.status[cid] = ClaimStatus.PENDING

    @rule(data=st.data())
    def reopen_claim(self, data: st.DataObject) -> None:
        cid = data.draw(st.sampled_from(sorted(self.status)))
        try:
            reopen(self.engine, cid)
        except InvalidInput:
            assert self.status[cid] != ClaimStatus.REVIEWED
            return
        self.status[cid] = ClaimStatus.PENDING

    @rule(minutes=st.sampled_from([1, 29, 31]))
    def time_passes(self, minutes: int) -> None:
        self.now += dt.timedelta(minutes=minutes)

    @invariant()
    def database_agrees(self) -> None:
        with Session(self.engine) as session:
            leases = {lease.claim_id: lease.reviewer for lease in session.exec(select(Lease))}
            status = {c.id: c.status for c in session.exec(select(StoredClaim))}
        assert leases == {cid: who for cid, (who, _) in self.leases.items()}
        assert status == self.status
        assert all(status[cid] == ClaimStatus.LEASED for cid in leases)


QueueMachine.TestCase.settings = settings(max_examples=25, stateful_step_count=25, deadline=None)
TestQueue = QueueMachine.TestCase

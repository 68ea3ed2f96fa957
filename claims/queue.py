"""The review queue: pending claims by priority, leased one at a time to an editor.

Priority is check-worthiness (the claim's score), then recency (newest first);
``next`` reads it from the ``ix_claim_next`` index, one row. A lease holds a claim
for one editor until it expires; an expired lease is returned to the queue by the
next ``next`` or ``queue`` call. A claim's status and its lease row always change
in the same transaction, and the lease table's primary key is the claim id, so a
claim can never be leased to two editors at once. On PostgreSQL concurrent
``next`` calls skip each other's rows (``FOR UPDATE SKIP LOCKED``); on SQLite
they take turns (``BEGIN IMMEDIATE``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import bindparam, delete, insert, update
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, func, select

from claims.errors import InvalidInput, LeaseConflict, NotFound
from claims.matching import changes, suggestion
from claims.models import ClaimStatus, Lease, StoredArticle, StoredClaim, Verdict, utcnow
from claims.store import MAX_ID, write

DEFAULT_LEASE = dt.timedelta(minutes=30)


@dataclass(frozen=True)
class Item:
    """A claim with its article, and its lease or suggested verdict when it has one."""

    claim: StoredClaim
    article: StoredArticle
    lease: Lease | None = None
    suggestion: Verdict | None = None

    @property
    def changed(self) -> list[str]:
        """What changed since the claim's own verdict (values, negation, ...); empty when nothing did."""
        own = self.suggestion
        return changes(own, self.claim) if own is not None and own.claim_id == self.claim.id else []

    def to_dict(self, now: dt.datetime | None = None) -> dict[str, Any]:
        """A JSON-ready dict for ``--format json``."""
        now = now or utcnow()
        c, a = self.claim, self.article
        row: dict[str, Any] = {
            "id": c.id,
            "score": c.score,
            "kind": c.kind,
            "quote": c.quote,
            "text": c.text,
            "sentence": c.sentence,
            "speaker": c.speaker,
            "values": c.values,
            "status": c.status,
            "article_id": a.id,
            "article": a.title,
            "source": a.url or a.source,
            "age_seconds": int((now - c.created_at).total_seconds()),
        }
        if self.lease is not None:
            row["reviewer"] = self.lease.reviewer
            row["lease_expires"] = self.lease.expires_at.isoformat()
        if self.suggestion is not None:
            row["suggestion"] = {
                "claim_id": self.suggestion.claim_id,
                "rating": self.suggestion.rating,
                "reviewer": self.suggestion.reviewer,
                "at": self.suggestion.created_at.isoformat(),
                "text": self.suggestion.claim_text,
            }
        changed = self.changed
        if changed:
            row["changed_since_verdict"] = changed
        return row


def check_reviewer(reviewer: str) -> str:
    """The reviewer's name stripped; :class:`InvalidInput` when empty, too long or not all printable.

    Names are shown in terminals, reports and the Prefect UI and signed under verdicts:
    tabs, line breaks and control characters (terminal escapes) have no place in them.
    """
    name = (reviewer or "").strip()
    if not name or len(name) > 120:
        raise InvalidInput("--reviewer needs a name of 1 to 120 characters")
    if not name.isprintable():
        raise InvalidInput("--reviewer takes printable characters only (no tabs, line breaks or control characters)")
    return name


def _priority(query: Any) -> Any:
    return query.order_by(col(StoredClaim.score).desc(), col(StoredClaim.created_at).desc(), col(StoredClaim.id).desc())


# The statements of the hot path, built once: SQLite writers take turns, so the
# Python time between BEGIN and COMMIT bounds the throughput of all editors together.
_EXPIRED = select(Lease.claim_id).where(col(Lease.expires_at) <= bindparam("now")).with_for_update(skip_locked=True)
_HELD = select(Lease.claim_id, Lease.leased_at).where(col(Lease.reviewer) == bindparam("reviewer")).limit(1)
_RENEW = update(Lease).where(col(Lease.claim_id) == bindparam("cid")).values(expires_at=bindparam("expires"))
_TOP = (
    _priority(select(StoredClaim.id).where(col(StoredClaim.status) == ClaimStatus.PENDING))
    .limit(1)
    .with_for_update(skip_locked=True)
    .scalar_subquery()
)
_TAKE = (
    update(StoredClaim)
    .where(col(StoredClaim.id) == _TOP)
    .values(status=ClaimStatus.LEASED)
    .returning(col(StoredClaim.id))
)
_ADD_LEASE = insert(Lease)


def reclaim_expired(session: Session, now: dt.datetime | None = None) -> int:
    """Return claims whose lease has expired to the queue; how many."""
    conn = session.connection()
    ids = list(conn.execute(_EXPIRED, {"now": now or utcnow()}).scalars())
    if ids:
        # Skip claims another transaction holds (a verdict on one of them): waiting for it
        # while holding its lease row would deadlock with that verdict's lease delete.
        free = select(StoredClaim.id).where(col(StoredClaim.id).in_(ids)).with_for_update(skip_locked=True)
        ids = list(conn.execute(free).scalars())
    if ids:
        conn.execute(
            update(StoredClaim)
            .where(col(StoredClaim.id).in_(ids), col(StoredClaim.status) == ClaimStatus.LEASED)
            .values(status=ClaimStatus.PENDING)
        )
        conn.execute(delete(Lease).where(col(Lease.claim_id).in_(ids)))
    return len(ids)


def pending(engine: Engine, limit: int = 50, now: dt.datetime | None = None) -> list[Item]:
    """The pending claims in priority order, with their articles."""

    def work(session: Session) -> list[Item]:
        reclaim_expired(session, now)
        query = _priority(
            select(StoredClaim, StoredArticle)
            .join(StoredArticle, col(StoredArticle.id) == StoredClaim.article_id)
            .where(StoredClaim.status == ClaimStatus.PENDING)
        ).limit(limit)
        return [Item(claim, article, None, suggestion(session, claim)) for claim, article in session.exec(query)]

    return write(engine, work)


def count_pending(engine: Engine) -> int:
    """How many claims wait in the queue (leases that ran out are counted back when ``pending`` runs)."""
    with Session(engine) as session:
        query = select(func.count()).select_from(StoredClaim).where(StoredClaim.status == ClaimStatus.PENDING)
        return session.exec(query).one()


def _load(engine: Engine, claim_id: int, lease: Lease | None) -> Item:
    with Session(engine, expire_on_commit=False) as session:
        claim = get_claim(session, claim_id)
        article = session.get(StoredArticle, claim.article_id)
        assert article is not None
        return Item(claim, article, lease, suggestion(session, claim))


def lease_next(
    engine: Engine, reviewer: str, duration: dt.timedelta = DEFAULT_LEASE, now: dt.datetime | None = None
) -> Item | None:
    """Lease the top pending claim to ``reviewer`` (or renew the one they hold); None when the queue is empty."""
    reviewer = check_reviewer(reviewer)
    at = now or utcnow()
    expires = at + duration

    def work(session: Session) -> Lease | None:
        conn = session.connection()
        reclaim_expired(session, at)
        held = conn.execute(_HELD, {"reviewer": reviewer}).first()
        if held is not None:  # one claim at a time: `next` again shows the same claim, with a longer lease
            conn.execute(_RENEW, {"cid": held.claim_id, "expires": expires})
            return Lease(claim_id=held.claim_id, reviewer=reviewer, leased_at=held.leased_at, expires_at=expires)
        taken = conn.execute(_TAKE).scalar()
        if taken is None:
            return None
        row: dict[str, Any] = {"claim_id": taken, "reviewer": reviewer, "leased_at": at, "expires_at": expires}
        conn.execute(_ADD_LEASE, row)
        return Lease(**row)

    lease = write(engine, work)
    return None if lease is None else _load(engine, lease.claim_id, lease)


def get_claim(session: Session, claim_id: int, lock: bool = False) -> StoredClaim:
    """The claim with this id (its row locked for the transaction if ``lock``), or :class:`NotFound`."""
    if not 0 < claim_id <= MAX_ID:  # the driver cannot even bind it (OverflowError)
        raise NotFound(f"no claim with id {claim_id}")
    claim = session.get(StoredClaim, claim_id, with_for_update=lock)
    if claim is None:
        raise NotFound(f"no claim with id {claim_id}")
    return claim


def live_lease(session: Session, claim_id: int, now: dt.datetime | None = None) -> Lease | None:
    """The claim's lease if it has not expired."""
    lease = session.get(Lease, claim_id)
    if lease is None or lease.expires_at <= (now or utcnow()):
        return None
    return lease


def release(engine: Engine, claim_id: int, reviewer: str | None = None, now: dt.datetime | None = None) -> StoredClaim:
    """End the claim's lease and put it back in the queue; only its holder may, when ``reviewer`` is given."""

    def work(session: Session) -> StoredClaim:
        claim = get_claim(session, claim_id, lock=True)
        lease = session.get(Lease, claim_id)
        if lease is None:
            raise InvalidInput(f"claim {claim_id} is not leased (it is {claim.status})")
        if reviewer is not None and lease.reviewer != check_reviewer(reviewer) and live_lease(session, claim_id, now):
            raise LeaseConflict(f"claim {claim_id} is leased to {lease.reviewer}, not {reviewer.strip()}")
        session.delete(lease)
        if claim.status == ClaimStatus.LEASED:
            claim.status = ClaimStatus.PENDING
            session.add(claim)
        return claim

    return write(engine, work)


def reopen(engine: Engine, claim_id: int) -> StoredClaim:
    """Put a reviewed claim back in the queue; its verdicts stay, the next one becomes current."""

    def work(session: Session) -> StoredClaim:
        claim = get_claim(session, claim_id, lock=True)
        if claim.status != ClaimStatus.REVIEWED:
            raise InvalidInput(f"claim {claim_id} is {claim.status}; only a reviewed claim can be reopened")
        claim.status = ClaimStatus.PENDING
        session.add(claim)
        return claim

    return write(engine, work)

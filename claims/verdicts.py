"""Editors' verdicts: recorded once, never changed; the current verdict is the latest.

Recording a verdict validates everything first (the rating against the scale,
each source as an http(s) URL, the reviewer's name), then in one transaction
adds the verdict row, ends any lease and marks the claim reviewed. The rating
``suggested`` confirms the verdict suggested from an earlier claim this one
restates (its rating and sources, and a note saying so).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import bindparam, delete, insert, update
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from claims.errors import InvalidInput, LeaseConflict, NotFound
from claims.models import ClaimStatus, Lease, StoredClaim, Verdict, utcnow
from claims.queue import MAX_ID, check_reviewer, get_claim
from claims.ratings import RatingScale, load_scale
from claims.store import write

#: The rating that confirms the suggested verdict.
SUGGESTED = "suggested"
MAX_NOTE = 10_000
# Built once: the Python time inside the write lock bounds the throughput (see claims.queue).
# The claim row is locked first (PostgreSQL; SQLite writers already take turns), so the
# lease read after it cannot be overtaken by a concurrent `next`.
_CLAIM = (
    select(StoredClaim.status, StoredClaim.gone_revision, StoredClaim.match_of)
    .where(col(StoredClaim.id) == bindparam("cid"))
    .with_for_update()
)
_LEASE = select(Lease.reviewer, Lease.expires_at).where(col(Lease.claim_id) == bindparam("cid"))
_ADD = insert(Verdict).returning(col(Verdict.id))
_UNLEASE = delete(Lease).where(col(Lease.claim_id) == bindparam("cid"))
_REVIEWED = update(StoredClaim).where(col(StoredClaim.id) == bindparam("cid")).values(status=ClaimStatus.REVIEWED)


def check_url(url: str) -> str:
    """``url`` stripped, or :class:`InvalidInput` unless it is an absolute http(s) URL."""
    candidate = url.strip()
    try:
        parts = urlsplit(candidate)
        parts.port  # noqa: B018  (raises on a malformed port)
    except ValueError:
        parts = None
    if (
        parts is None
        or parts.scheme not in ("http", "https")
        or not parts.hostname
        or any(ch.isspace() for ch in candidate)
    ):
        raise InvalidInput(f"not an http(s) URL: {url!r}")
    return candidate


def check_sources(sources: Iterable[str]) -> list[str]:
    """Every source checked as an http(s) URL, duplicates dropped, order kept."""
    return list(dict.fromkeys(check_url(s) for s in sources))


def record_verdict(
    engine: Engine,
    claim_id: int,
    rating: str,
    reviewer: str,
    note: str = "",
    sources: Sequence[str] = (),
    scale: RatingScale | None = None,
    now: dt.datetime | None = None,
) -> Verdict:
    """Add a verdict on a claim, end its lease and mark it reviewed, all in one transaction."""
    if not 0 < claim_id <= MAX_ID:  # the driver cannot even bind it (OverflowError)
        raise NotFound(f"no claim with id {claim_id}")
    reviewer = check_reviewer(reviewer)
    confirm = rating.strip().lower() == SUGGESTED
    label = None if confirm else (scale or load_scale()).get(rating).label
    urls = check_sources(sources)
    note = (note or "").strip()
    if len(note) > MAX_NOTE:
        raise InvalidInput(f"the note is longer than {MAX_NOTE} characters")

    # Plain SQL statements inside the lock (see claims.queue.lease_next).
    def work(session: Session) -> Verdict:
        at = now or utcnow()
        conn = session.connection()
        claim = conn.execute(_CLAIM, {"cid": claim_id}).first()
        if claim is None:
            raise NotFound(f"no claim with id {claim_id}")
        if claim.status == ClaimStatus.GONE:
            raise InvalidInput(f"claim {claim_id} is gone from revision {claim.gone_revision} of its article")
        lease = conn.execute(_LEASE, {"cid": claim_id}).first()
        if lease is not None and lease.reviewer != reviewer and lease.expires_at > at:
            raise LeaseConflict(f"claim {claim_id} is leased to {lease.reviewer} until {lease.expires_at:%H:%M} UTC")
        explanation, chosen, links = note, label, urls
        if confirm:
            earlier = _suggested(session, claim.match_of)
            if earlier is None:
                raise InvalidInput(f"claim {claim_id} has no suggested verdict to confirm")
            chosen = earlier.rating
            links = list(dict.fromkeys([*urls, *earlier.sources]))
            explanation = f"Same as claim {claim.match_of}: {earlier.explanation}".strip().rstrip(":")
            if note:
                explanation = f"{note}\n\n{explanation}"
        assert chosen is not None
        row: dict[str, Any] = {"claim_id": claim_id, "rating": chosen, "explanation": explanation, "sources": links}
        row |= {"reviewer": reviewer, "created_at": at}
        verdict_id = conn.execute(_ADD, row).scalar()
        if lease is not None:
            conn.execute(_UNLEASE, {"cid": claim_id})
        conn.execute(_REVIEWED, {"cid": claim_id})
        return Verdict(id=verdict_id, **row)

    return write(engine, work)


def _suggested(session: Session, match_of: int | None) -> Verdict | None:
    if match_of is None:
        return None
    query = select(Verdict).where(Verdict.claim_id == match_of).order_by(col(Verdict.id).desc()).limit(1)
    return session.exec(query).first()


def history(session: Session, claim_id: int) -> list[Verdict]:
    """Every verdict on a claim, oldest first (the last is current); :class:`NotFound` for no claim."""
    get_claim(session, claim_id)
    return list(session.exec(select(Verdict).where(Verdict.claim_id == claim_id).order_by(col(Verdict.id))))


def current_verdicts(session: Session, claim_ids: Iterable[int]) -> dict[int, Verdict]:
    """The latest verdict of each claim that has one."""
    ids = list(claim_ids)
    if not ids:
        return {}
    latest: dict[int, Verdict] = {}
    for verdict in session.exec(select(Verdict).where(col(Verdict.claim_id).in_(ids)).order_by(col(Verdict.id))):
        latest[verdict.claim_id] = verdict
    return latest

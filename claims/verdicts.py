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
from urllib.parse import urlsplit

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from claims.errors import InvalidInput, LeaseConflict
from claims.matching import suggestion
from claims.models import ClaimStatus, Lease, Verdict, utcnow
from claims.queue import check_reviewer, get_claim, live_lease
from claims.ratings import RatingScale, load_scale
from claims.store import write

#: The rating that confirms the suggested verdict.
SUGGESTED = "suggested"
MAX_NOTE = 10_000


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
    reviewer = check_reviewer(reviewer)
    confirm = rating.strip().lower() == SUGGESTED
    label = None if confirm else (scale or load_scale()).get(rating).label
    urls = check_sources(sources)
    note = (note or "").strip()
    if len(note) > MAX_NOTE:
        raise InvalidInput(f"the note is longer than {MAX_NOTE} characters")

    def work(session: Session) -> Verdict:
        at = now or utcnow()
        claim = get_claim(session, claim_id)
        if claim.status == ClaimStatus.GONE:
            raise InvalidInput(f"claim {claim_id} is gone from revision {claim.gone_revision} of its article")
        lease = live_lease(session, claim_id, at)
        if lease is not None and lease.reviewer != reviewer:
            raise LeaseConflict(f"claim {claim_id} is leased to {lease.reviewer} until {lease.expires_at:%H:%M} UTC")
        explanation, chosen, links = note, label, urls
        if confirm:
            earlier = suggestion(session, claim)
            if earlier is None:
                raise InvalidInput(f"claim {claim_id} has no suggested verdict to confirm")
            chosen = earlier.rating
            links = list(dict.fromkeys([*urls, *earlier.sources]))
            explanation = f"Same as claim {claim.match_of}: {earlier.explanation}".strip().rstrip(":")
            if note:
                explanation = f"{note}\n\n{explanation}"
        assert chosen is not None
        verdict = Verdict(
            claim_id=claim_id, rating=chosen, explanation=explanation, sources=links, reviewer=reviewer, created_at=at
        )  # type: ignore[arg-type]
        session.add(verdict)
        stale = session.get(Lease, claim_id)
        if stale is not None:
            session.delete(stale)
        claim.status = ClaimStatus.REVIEWED
        session.add(claim)
        session.flush()
        return verdict

    return write(engine, work)


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

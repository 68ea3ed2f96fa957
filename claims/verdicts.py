"""Editors' verdicts: recorded once, never changed; the current verdict is the latest.

Recording a verdict validates everything first (the rating against the scale,
each source as an http(s) URL, the reviewer's name), then in one transaction
adds the verdict row, ends any lease and marks the claim reviewed. The verdict
row keeps the claim as it was judged (text, quote, values, speaker, sentence), so
a later revision that changes those facts unbinds it (:func:`claims.matching.changes`),
and the rating's normalized value and ClaimReview numbers on the scale of the day.
The rating ``suggested`` confirms the suggested verdict (the claim's own earlier
one, or that of an earlier claim it restates): its rating, explanation and sources,
with the confirmed verdict's id kept as data (``based_on``), never in the text.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import bindparam, delete, insert, update
from sqlalchemy import select as columns
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from claims.claimreview import public_text
from claims.errors import ClaimChanged, InvalidInput, LeaseConflict, NotFound
from claims.matching import ClaimFacts, changes, latest_verdicts, suggestion
from claims.models import ClaimStatus, Lease, StoredClaim, Verdict, utcnow
from claims.queue import MAX_ID, check_reviewer, get_claim
from claims.ratings import RatingScale, load_scale
from claims.store import write

#: The rating that confirms the suggested verdict.
SUGGESTED = "suggested"
MAX_NOTE = 10_000
MAX_CLAIM_TEXT = 1_000
# Built once: the Python time inside the write lock bounds the throughput (see claims.queue).
# The claim row is locked first (PostgreSQL; SQLite writers already take turns), so the
# lease read after it cannot be overtaken by a concurrent `next`.
_CLAIM = (
    columns(
        *(
            col(c)
            for c in (
                StoredClaim.id,
                StoredClaim.status,
                StoredClaim.gone_revision,
                StoredClaim.match_of,
                StoredClaim.text,
                StoredClaim.quote,
                StoredClaim.values,
                StoredClaim.speaker,
                StoredClaim.sentence,
            )
        )
    )
    .where(col(StoredClaim.id) == bindparam("cid"))
    .with_for_update()
)
_LEASE = select(Lease.reviewer, Lease.expires_at).where(col(Lease.claim_id) == bindparam("cid"))
_ADD = insert(Verdict).returning(col(Verdict.id))
_UNLEASE = delete(Lease).where(col(Lease.claim_id) == bindparam("cid"))
_REVIEWED = (
    update(StoredClaim)
    .where(col(StoredClaim.id) == bindparam("cid"))
    .values(status=ClaimStatus.REVIEWED, verdict_rating=bindparam("rating"))
)


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


def check_claim_text(text: str | None) -> str | None:
    """The editor's ClaimReview sentence stripped, None when not given; :class:`InvalidInput` when unusable."""
    if text is None:
        return None
    sentence = " ".join(text.split())
    if not sentence:
        raise InvalidInput("--claim-text is empty")
    if len(sentence) > MAX_CLAIM_TEXT:
        raise InvalidInput(f"--claim-text is longer than {MAX_CLAIM_TEXT} characters")
    return sentence


def record_verdict(
    engine: Engine,
    claim_id: int,
    rating: str,
    reviewer: str,
    note: str = "",
    sources: Sequence[str] = (),
    scale: RatingScale | None = None,
    now: dt.datetime | None = None,
    claim_text: str | None = None,
    seen: ClaimFacts | None = None,
) -> Verdict:
    """Add a verdict on a claim, end its lease and mark it reviewed, all in one transaction.

    ``claim_text`` is the sentence the editor signs as ClaimReview's ``claimReviewed``
    (default: one made from the claim's standalone text). ``seen`` is the claim as the
    editor was shown it: if a revision changed its facts since, :class:`ClaimChanged`
    and nothing is recorded.
    """
    if not 0 < claim_id <= MAX_ID:  # the driver cannot even bind it (OverflowError)
        raise NotFound(f"no claim with id {claim_id}")
    reviewer = check_reviewer(reviewer)
    scale = scale or load_scale()
    confirm = rating.strip().lower() == SUGGESTED
    label = None if confirm else scale.get(rating).label
    urls = check_sources(sources)
    note = (note or "").strip()
    if len(note) > MAX_NOTE:
        raise InvalidInput(f"the note is longer than {MAX_NOTE} characters")
    signed = check_claim_text(claim_text)

    # Plain SQL statements inside the lock (see claims.queue.lease_next).
    def work(session: Session) -> Verdict:
        at = now or utcnow()
        conn = session.connection()
        claim = conn.execute(_CLAIM, {"cid": claim_id}).first()
        if claim is None:
            raise NotFound(f"no claim with id {claim_id}")
        if claim.status == ClaimStatus.GONE:
            raise InvalidInput(f"claim {claim_id} is gone from revision {claim.gone_revision} of its article")
        if seen is not None and (moved := changes(_judged(seen), claim)):
            raise ClaimChanged(
                f"claim {claim_id} changed while you reviewed it ({', '.join(moved)}); nothing was recorded: look again"
            )
        lease = conn.execute(_LEASE, {"cid": claim_id}).first()
        if lease is not None and lease.reviewer != reviewer and lease.expires_at > at:
            raise LeaseConflict(f"claim {claim_id} is leased to {lease.reviewer} until {lease.expires_at:%H:%M} UTC")
        explanation, chosen, links, based_on, sentence, earlier = note, label, urls, None, signed, None
        if confirm:
            earlier = suggestion(session, claim)
            if earlier is None:
                raise InvalidInput(f"claim {claim_id} has no suggested verdict to confirm")
            chosen, based_on = earlier.rating, earlier.id
            links = list(dict.fromkeys([*urls, *earlier.sources]))
            explanation = "\n\n".join(part for part in (note, public_text(earlier.explanation)) if part)
            if sentence is None and earlier.claim_id == claim_id and not changes(earlier, claim):
                sentence = earlier.claim_reviewed  # the editor's sentence holds while the claim is the same
        assert chosen is not None
        row: dict[str, Any] = {"claim_id": claim_id, "rating": chosen, "explanation": explanation, "sources": links}
        row |= {"reviewer": reviewer, "created_at": at, "based_on": based_on, "claim_reviewed": sentence}
        row |= {
            "claim_text": claim.text,
            "claim_quote": claim.quote,
            "claim_values": claim.values,
            "claim_speaker": claim.speaker,
            "claim_sentence": claim.sentence,
        }
        row |= rating_numbers(scale, chosen, earlier)
        verdict_id = conn.execute(_ADD, row).scalar()
        if lease is not None:
            conn.execute(_UNLEASE, {"cid": claim_id})
        conn.execute(_REVIEWED, {"cid": claim_id, "rating": chosen})  # the totals' rating, in the same transaction
        return Verdict(id=verdict_id, **row)

    return write(engine, work)


def _judged(claim: ClaimFacts) -> Verdict:
    """A verdict's record of ``claim`` as it is (what :func:`claims.matching.changes` compares)."""
    return Verdict(
        claim_id=0,
        rating="",
        reviewer="",
        claim_text=claim.text,
        claim_quote=claim.quote,
        claim_values=dict(claim.values or {}),
        claim_speaker=claim.speaker,
        claim_sentence=claim.sentence,
    )


def rating_numbers(scale: RatingScale, label: str, earlier: Verdict | None = None) -> dict[str, Any]:
    """The normalized rating and ClaimReview numbers of ``label`` on ``scale`` (else as ``earlier`` kept them)."""
    try:
        rating = scale.get(label)
    except InvalidInput:  # a confirmed label the scale has since dropped: keep what it was published with
        if earlier is None:
            raise
        return {
            "normalized": earlier.normalized,
            "rating_value": earlier.rating_value,
            "best_rating": earlier.best_rating,
            "worst_rating": earlier.worst_rating,
        }
    return {
        "normalized": rating.normalized,
        "rating_value": rating.value,
        "best_rating": scale.best,
        "worst_rating": scale.worst,
    }


def history(session: Session, claim_id: int) -> list[Verdict]:
    """Every verdict on a claim, oldest first (the last is current); :class:`NotFound` for no claim."""
    get_claim(session, claim_id)
    return list(session.exec(select(Verdict).where(Verdict.claim_id == claim_id).order_by(col(Verdict.id))))


def current_verdicts(session: Session, claim_ids: Iterable[int]) -> dict[int, Verdict]:
    """The latest verdict of each claim that has one."""
    return latest_verdicts(session, list(claim_ids))

"""The digest page (``digest.html``): what was reviewed on a day, and what waits longest."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from sqlalchemy import and_
from sqlmodel import Session, col, select

from claims.claimreview import report_filename
from claims.models import ClaimStatus, StoredArticle, StoredClaim, Verdict
from claims.ratings import load_scale
from claims.report.common import (
    WAITING_LIMIT,
    Count,
    VerdictView,
    data_updated,
    desk_url,
    environment,
    rating_counts,
    utc,
    verdict_view,
)
from claims.report.queue import QueueRow, pending_rows, status_counts


@dataclass(frozen=True)
class DigestRow:
    """A verdict recorded on the digest's day."""

    claim_id: int
    href: str
    quote: str
    article_title: str
    verdict: VerdictView
    #: When it was recorded, HH:MM in the newsroom's time zone.
    time: str = ""


@dataclass(frozen=True)
class DigestPage:
    """Context of ``digest.html``: what was reviewed on ``day``, and what waits longest."""

    day: dt.date
    reviewed: list[DigestRow]
    ratings: list[Count]
    reviewers: list[Count]
    waiting: list[QueueRow]
    pending: int
    updated: dt.datetime
    #: The newsroom's time zone (CLAIMS_TIMEZONE) the day and the times of the verdicts are in.
    zone: str = "UTC"


def digest_page(
    session: Session,
    day: dt.date | None = None,
    updated: dt.datetime | None = None,
    counts: Counter[str] | None = None,
) -> DigestPage:
    """The digest of ``day`` (a day of the newsroom's time zone, CLAIMS_TIMEZONE; today by default)."""
    from claims.config import day_bounds, newsroom_today, newsroom_zone

    scale, zone = load_scale(), newsroom_zone()
    day = day or newsroom_today()
    start, end = day_bounds(day)
    query = (
        select(Verdict, StoredClaim.quote, StoredArticle.id, StoredArticle.slug, StoredArticle.title)  # type: ignore[call-overload]
        .join(StoredClaim, col(StoredClaim.id) == col(Verdict.claim_id))
        .join(StoredArticle, col(StoredArticle.id) == col(StoredClaim.article_id))
        .where(and_(col(Verdict.created_at) >= start, col(Verdict.created_at) < end))
        .order_by(col(Verdict.created_at).desc(), col(Verdict.id).desc())
    )
    reviewed = [
        DigestRow(
            claim_id=verdict.claim_id,
            href=f"{report_filename(a_id, slug)}#claim-{verdict.claim_id}",
            quote=quote,
            article_title=title,
            verdict=verdict_view(verdict, scale),
            time=utc(verdict.created_at).replace(tzinfo=dt.UTC).astimezone(zone).strftime("%H:%M"),
        )
        for verdict, quote, a_id, slug, title in session.exec(query)
    ]
    ratings = Counter(r.verdict.rating for r in reviewed)
    reviewers = Counter(r.verdict.reviewer for r in reviewed)
    order = (col(StoredClaim.created_at), col(StoredClaim.id))
    return DigestPage(
        day=day,
        reviewed=reviewed,
        ratings=rating_counts(ratings, scale),
        reviewers=[Count(name, n) for name, n in sorted(reviewers.items(), key=lambda kv: (-kv[1], kv[0]))],
        waiting=pending_rows(session, order, WAITING_LIMIT, today=day),
        pending=(counts if counts is not None else status_counts(session))[ClaimStatus.PENDING],
        updated=updated or data_updated(session),
        zone=str(zone),
    )


def render_digest(
    session: Session, day: dt.date | None = None, updated: dt.datetime | None = None, counts: Counter[str] | None = None
) -> str:
    """The HTML of the digest page."""
    page = digest_page(session, day, updated, counts)
    return environment().get_template("digest.html").render(page=page, desk=desk_url())

"""The daily digest's numbers, as plain Python: the queue, what waits too long, the day's verdicts.

:func:`digest` reads them from the database; the ``review-digest`` flow
publishes them as Prefect artifacts and the digest page of the reports.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, func, select

from claims.models import ClaimStatus, Lease, StoredArticle, StoredClaim, Verdict, utcnow
from claims.redact import markdown_text

#: Pending and leased claims older than this are called out.
DEFAULT_MAX_AGE = dt.timedelta(hours=24)


@dataclass(frozen=True)
class Waiting:
    """A claim that has waited longer than the digest's age limit."""

    claim_id: int
    article_id: int
    status: str
    quote: str
    since: dt.datetime


@dataclass(frozen=True)
class Digest:
    """The numbers of one day's digest."""

    day: dt.date
    now: dt.datetime
    max_age: dt.timedelta
    statuses: dict[str, int]
    pending_old: int
    leased_old: int
    articles_today: int
    verdicts_today: int
    ratings: dict[str, int] = field(default_factory=dict)
    reviewers: dict[str, int] = field(default_factory=dict)
    oldest: list[Waiting] = field(default_factory=list)

    @property
    def queue_size(self) -> int:
        """Claims still to review: pending plus leased."""
        return self.statuses.get(ClaimStatus.PENDING, 0) + self.statuses.get(ClaimStatus.LEASED, 0)

    @property
    def hours(self) -> float:
        """The age limit in hours."""
        return self.max_age.total_seconds() / 3600

    def rows(self) -> list[dict[str, object]]:
        """The headline numbers as (measure, value) rows, for a table artifact."""
        return [
            {"measure": "queue size (pending + leased)", "value": self.queue_size},
            *({"measure": f"claims {status}", "value": n} for status, n in sorted(self.statuses.items())),
            {"measure": f"pending longer than {self.hours:g} h", "value": self.pending_old},
            {"measure": f"leased longer than {self.hours:g} h", "value": self.leased_old},
            {"measure": f"articles checked on {self.day.isoformat()}", "value": self.articles_today},
            {"measure": f"verdicts on {self.day.isoformat()}", "value": self.verdicts_today},
            *({"measure": f"verdicts rated {r}", "value": n} for r, n in sorted(self.ratings.items())),
        ]

    def markdown(self) -> str:
        """A short Markdown summary for the Prefect UI."""
        lines = [
            f"# Review digest for {self.day.isoformat()} (UTC)",
            "",
            f"- queue: **{self.queue_size}** claims ({self.statuses.get(ClaimStatus.PENDING, 0)} pending, "
            f"{self.statuses.get(ClaimStatus.LEASED, 0)} leased)",
            f"- waiting longer than {self.hours:g} h: **{self.pending_old}** pending, **{self.leased_old}** leased",
            f"- articles checked: {self.articles_today}",
            f"- verdicts: **{self.verdicts_today}**"
            + (
                " (" + ", ".join(f"{markdown_text(r)}: {n}" for r, n in sorted(self.ratings.items())) + ")"
                if self.ratings
                else ""
            ),
        ]
        if self.reviewers:
            lines.append(
                "- reviewers: " + ", ".join(f"{markdown_text(who)} ({n})" for who, n in self.reviewers.items())
            )
        if self.oldest:
            lines += ["", "| waiting since | status | claim |", "|---|---|---|"]
            lines += [
                f"| {w.since:%Y-%m-%d %H:%M} | {w.status} | {markdown_text(w.quote[:120])} |" for w in self.oldest
            ]
        return "\n".join(lines)


def _aware(value: dt.datetime) -> dt.datetime:
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


def digest(
    engine: Engine,
    day: dt.date | None = None,
    *,
    max_age: dt.timedelta = DEFAULT_MAX_AGE,
    now: dt.datetime | None = None,
    listed: int = 10,
) -> Digest:
    """The digest of ``day`` (the newsroom's, CLAIMS_TIMEZONE; today by default): claims older than ``max_age`` at ``now`` are late."""
    from claims.config import day_bounds, newsroom_today

    now = _aware(now or utcnow())
    day = day or newsroom_today(now)
    start, end = day_bounds(day)  # the newsroom's day (CLAIMS_TIMEZONE), in the database's UTC
    cutoff = now - max_age
    with Session(engine) as session:
        statuses = dict(session.exec(select(StoredClaim.status, func.count()).group_by(StoredClaim.status)).all())
        pending_old = session.exec(
            select(func.count())
            .select_from(StoredClaim)
            .where(StoredClaim.status == ClaimStatus.PENDING, col(StoredClaim.created_at) < cutoff)
        ).one()
        leased_old = session.exec(select(func.count()).select_from(Lease).where(col(Lease.leased_at) < cutoff)).one()
        articles = session.exec(
            select(func.count())
            .select_from(StoredArticle)
            .where(col(StoredArticle.checked_at) >= start, col(StoredArticle.checked_at) < end)
        ).one()
        verdicts = session.exec(
            select(Verdict.rating, Verdict.reviewer).where(
                col(Verdict.created_at) >= start, col(Verdict.created_at) < end
            )
        ).all()
        late_pending = session.exec(
            select(  # type: ignore[call-overload]
                StoredClaim.id, StoredClaim.article_id, StoredClaim.status, StoredClaim.quote, StoredClaim.created_at
            )
            .where(StoredClaim.status == ClaimStatus.PENDING, col(StoredClaim.created_at) < cutoff)
            .order_by(col(StoredClaim.created_at), col(StoredClaim.id))
            .limit(listed)
        ).all()
        late_leased = session.exec(
            select(StoredClaim.id, StoredClaim.article_id, StoredClaim.status, StoredClaim.quote, Lease.leased_at)  # type: ignore[call-overload]
            .join(Lease, col(Lease.claim_id) == col(StoredClaim.id))
            .where(col(Lease.leased_at) < cutoff)
            .order_by(col(Lease.leased_at))
            .limit(listed)
        ).all()
    oldest = sorted(
        (
            Waiting(cid, aid, status, quote, _aware(since))
            for cid, aid, status, quote, since in [*late_pending, *late_leased]
        ),
        key=lambda w: w.since,
    )[:listed]
    reviewers = Counter(reviewer for _, reviewer in verdicts)
    return Digest(
        day=day,
        now=now,
        max_age=max_age,
        statuses={str(k): int(v) for k, v in statuses.items()},
        pending_old=int(pending_old),
        leased_old=int(leased_old),
        articles_today=int(articles),
        verdicts_today=len(verdicts),
        ratings=dict(Counter(rating for rating, _ in verdicts)),
        reviewers=dict(reviewers.most_common()),
        oldest=oldest,
    )

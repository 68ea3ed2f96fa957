"""The index (``index.html``): every article, newest first, with its progress and verdicts."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func
from sqlalchemy import select as columns
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select

from claims.claimreview import report_filename
from claims.models import ClaimStatus, StoredArticle, StoredClaim, Verdict
from claims.ratings import load_scale
from claims.report.common import Count, data_updated, desk_url, environment, rating_counts, when


@dataclass(frozen=True)
class IndexRow:
    """One article on the index page."""

    id: int
    href: str
    title: str
    site: str
    published: str
    checked: str
    total: int
    reviewed: int
    verdicts: list[Count]


@dataclass(frozen=True)
class IndexPage:
    """Context of ``index.html``."""

    rows: list[IndexRow]
    claims: int
    reviewed: int
    pending: int
    verdicts: list[Count]
    updated: dt.datetime
    #: Every article, and which page of ``pages`` this is (the static index is one page).
    articles: int = 0
    number: int = 1
    pages: int = 1


def _latest_ratings_by_article(session: Session) -> list[tuple[int, str, int]]:
    """How many claims of each article have each rating as their current (latest) verdict.

    Claims back in the queue (changed since their verdict, or reopened) are not counted:
    their verdict is not the one that stands.
    """
    newer = aliased(Verdict)
    latest_id = (
        select(col(newer.id))
        .where(col(newer.claim_id) == col(Verdict.claim_id))
        .order_by(col(newer.created_at).desc(), col(newer.id).desc())
        .limit(1)
        .scalar_subquery()
    )
    query = (
        columns(col(StoredClaim.article_id), col(Verdict.rating), func.count())
        .join(StoredClaim, col(StoredClaim.id) == col(Verdict.claim_id))
        .where(col(Verdict.id) == latest_id)
        .where(col(StoredClaim.status).in_([ClaimStatus.REVIEWED, ClaimStatus.GONE]))
        .group_by(col(StoredClaim.article_id), col(Verdict.rating))
    )
    return [(a, r, n) for a, r, n in session.connection().execute(query)]


def index_page(
    session: Session, updated: dt.datetime | None = None, page: int = 1, per_page: int | None = None
) -> IndexPage:
    """Every article newest first with its progress and verdicts: three queries, whatever the count.

    With ``per_page``, only page ``page`` (from 1) of the articles is listed; the totals stay whole.
    """
    scale = load_scale()
    counts = session.connection().execute(
        columns(col(StoredClaim.article_id), col(StoredClaim.status), func.count()).group_by(
            col(StoredClaim.article_id), col(StoredClaim.status)
        )
    )
    totals: dict[int, int] = defaultdict(int)
    reviewed: dict[int, int] = defaultdict(int)
    ratings: dict[int, Counter[str]] = defaultdict(Counter)
    all_status: Counter[str] = Counter()
    all_ratings: Counter[str] = Counter()
    for article_id, status, n in counts:
        all_status[status] += n
        if status != ClaimStatus.GONE:
            totals[article_id] += n
            if status == ClaimStatus.REVIEWED:
                reviewed[article_id] += n
    for article_id, rating, n in _latest_ratings_by_article(session):
        ratings[article_id][rating] += n
        all_ratings[rating] += n
    articles = (
        session.connection()
        .execute(
            columns(
                col(StoredArticle.id),
                col(StoredArticle.slug),
                col(StoredArticle.title),
                col(StoredArticle.url),
                col(StoredArticle.source),
                col(StoredArticle.published),
                col(StoredArticle.checked_at),
            ).order_by(col(StoredArticle.checked_at).desc(), col(StoredArticle.id).desc())
        )
        .all()
    )
    count, pages, number = len(articles), 1, 1
    if per_page:
        pages = max(1, -(-count // per_page))
        number = min(max(page, 1), pages)
        articles = articles[(number - 1) * per_page : number * per_page]
    rows = [
        IndexRow(
            id=a_id,
            href=report_filename(a_id, slug),
            title=title,
            site=site_of(url, source),
            published=published.isoformat() if published else "",
            checked=when(checked_at),
            total=totals[a_id],
            reviewed=reviewed[a_id],
            verdicts=rating_counts(ratings[a_id], scale) if a_id in ratings else [],
        )
        for a_id, slug, title, url, source, published, checked_at in ((r[0] or 0, *r[1:]) for r in articles)
    ]
    return IndexPage(
        rows=rows,
        claims=sum(n for s, n in all_status.items() if s != ClaimStatus.GONE),
        reviewed=all_status[ClaimStatus.REVIEWED],
        pending=all_status[ClaimStatus.PENDING],
        verdicts=rating_counts(all_ratings, scale),
        updated=updated or data_updated(session),
        articles=count,
        number=number,
        pages=pages,
    )


def site_of(url: str | None, source: str) -> str:
    """The host an article came from, else its file name: shown as text, never linked."""
    if url and url[:8].lower().startswith(("http://", "https://")):
        return url.split("//", 1)[1].split("/", 1)[0].removeprefix("www.")
    return Path(source).name if source != "-" else "standard input"


def render_index(session: Session, updated: dt.datetime | None = None) -> str:
    """The HTML of the index of every article."""
    return environment().get_template("index.html").render(page=index_page(session, updated), desk=desk_url())

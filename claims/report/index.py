"""The index (``index.html``): every article, newest first, with its progress and verdicts."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from sqlalchemy import func
from sqlalchemy import select as columns
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select

from claims.claimreview import report_filename
from claims.models import ClaimStatus, StoredArticle, StoredClaim, Verdict
from claims.ratings import RatingScale, load_scale
from claims.report.common import Count, data_updated, desk_url, environment, rating_counts, utc, when
from claims.report.queue import Totals, totals


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
    """Context of ``index.html``: the front page (newest first, with the totals) or one archive page."""

    rows: list[IndexRow]
    claims: int
    reviewed: int
    pending: int
    verdicts: list[Count]
    updated: dt.datetime
    #: Every article, and which page of ``pages`` this is (the review desk's ``?page=``).
    articles: int = 0
    number: int = 1
    pages: int = 1
    #: Static pages: how many archive pages (``index-1.html`` ...) there are, and which one this is
    #: (0: the front page). Archive page K lists the articles numbered (K-1)*N+1 to K*N.
    archive: int = 0
    chunk: int = 0
    first_id: int = 0
    last_id: int = 0
    per_page: int = 0


#: Articles on a page of the index: the front page's newest, and each archive page's range of numbers.
INDEX_PAGE = 100


def archive_filename(chunk: int) -> str:
    """The static archive page of the index holding chunk ``chunk`` (from 1) of article numbers."""
    return f"index-{chunk}.html"


def archive_of(article_id: int, per_page: int = INDEX_PAGE) -> int:
    """The archive page that lists article ``article_id``."""
    return (article_id - 1) // per_page + 1


def archive_count(session: Session, per_page: int = INDEX_PAGE) -> int:
    """How many archive pages the articles fill (by their numbers: a page never shifts to another).

    None while every article fits on the front page.
    """
    top = session.connection().execute(columns(func.max(col(StoredArticle.id)))).scalar()
    return archive_of(top, per_page) if top and top > per_page else 0


_ARTICLE_COLUMNS = (
    col(StoredArticle.id),
    col(StoredArticle.slug),
    col(StoredArticle.title),
    col(StoredArticle.url),
    col(StoredArticle.source),
    col(StoredArticle.published),
    col(StoredArticle.checked_at),
)


def _latest_verdict_id() -> Any:
    """The id of the claim's latest verdict (its current one): one seek in ``ix_verdict_latest``."""
    newer = aliased(Verdict)
    return (
        select(col(newer.id))
        .where(col(newer.claim_id) == col(StoredClaim.id))
        .order_by(col(newer.created_at).desc(), col(newer.id).desc())
        .limit(1)
        .correlate(StoredClaim)
        .scalar_subquery()
    )


def _rows(session: Session, articles: Sequence[Any], scale: RatingScale) -> list[IndexRow]:
    """The index rows of ``articles`` (rows of :data:`_ARTICLE_COLUMNS`): one query, on their claims only.

    Claims by article, status and current rating, found through the ``article_id`` index;
    the statuses are sorted out here, since a condition on them in the query would have
    the database walk every reviewed claim of the archive instead.
    """
    ids = [a[0] for a in articles]
    totals: dict[int, int] = defaultdict(int)
    reviewed: dict[int, int] = defaultdict(int)
    ratings: dict[int, Counter[str]] = defaultdict(Counter)
    if ids:
        query = (
            columns(col(StoredClaim.article_id), col(StoredClaim.status), col(Verdict.rating), func.count())
            .select_from(StoredClaim)
            .outerjoin(Verdict, col(Verdict.id) == _latest_verdict_id())
            .where(col(StoredClaim.article_id).in_(ids))
            .group_by(col(StoredClaim.article_id), col(StoredClaim.status), col(Verdict.rating))
        )
        for article_id, status, rating, n in session.connection().execute(query):
            if status != ClaimStatus.GONE:
                totals[article_id] += n
                if status == ClaimStatus.REVIEWED:
                    reviewed[article_id] += n
            if rating is not None and status in (ClaimStatus.REVIEWED, ClaimStatus.GONE):
                ratings[article_id][rating] += n
    return [
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


def index_page(
    session: Session,
    updated: dt.datetime | None = None,
    page: int = 1,
    per_page: int | None = None,
    counts: Totals | None = None,
) -> IndexPage:
    """Articles newest first with their progress and verdicts, and the totals; a fixed number of queries.

    With ``per_page``, only page ``page`` (from 1) of the articles is listed (the review desk's
    ``?page=``); the totals stay whole. Only the listed articles' claims are counted one by one.
    """
    scale = load_scale()
    conn = session.connection()
    every = counts if counts is not None else totals(session)
    all_status, all_ratings = every.statuses, every.ratings
    count = conn.execute(columns(func.count()).select_from(StoredArticle)).scalar() or 0
    pages, number = 1, 1
    query = columns(*_ARTICLE_COLUMNS).order_by(col(StoredArticle.checked_at).desc(), col(StoredArticle.id).desc())
    if per_page:
        pages = max(1, -(-count // per_page))
        number = min(max(page, 1), pages)
        query = query.limit(per_page).offset((number - 1) * per_page)
    articles = conn.execute(query).all()
    return IndexPage(
        rows=_rows(session, articles, scale),
        claims=sum(n for s, n in all_status.items() if s != ClaimStatus.GONE),
        reviewed=all_status[ClaimStatus.REVIEWED],
        pending=all_status[ClaimStatus.PENDING],
        verdicts=rating_counts(all_ratings, scale),
        updated=updated or data_updated(session),
        articles=count,
        number=number,
        pages=pages,
    )


def front_page(
    session: Session,
    updated: dt.datetime | None = None,
    per_page: int = INDEX_PAGE,
    counts: Totals | None = None,
) -> IndexPage:
    """The static ``index.html``: the totals, the newest ``per_page`` articles, links to every archive page."""
    page = index_page(session, updated, 1, per_page, counts)
    return replace(page, number=1, pages=1, archive=archive_count(session, per_page), per_page=per_page)


def archive_page(session: Session, chunk: int, per_page: int = INDEX_PAGE) -> IndexPage:
    """The static ``index-K.html``: the articles numbered (K-1)*per_page+1 to K*per_page, newest first.

    Its content depends on those articles only (and on how many archive pages there are,
    for its links), so a verdict or a new article elsewhere leaves it as it is. The time
    it shows is the latest change among its own articles.
    """
    scale = load_scale()
    first, last = (chunk - 1) * per_page + 1, chunk * per_page
    conn = session.connection()
    in_chunk = col(StoredArticle.id).between(first, last)
    articles = conn.execute(columns(*_ARTICLE_COLUMNS).where(in_chunk).order_by(col(StoredArticle.id).desc())).all()
    stamps = [
        conn.execute(columns(func.max(col(StoredArticle.checked_at))).where(in_chunk)).scalar(),
        conn.execute(
            columns(func.max(col(Verdict.created_at)))
            .join(StoredClaim, col(StoredClaim.id) == col(Verdict.claim_id))
            .where(col(StoredClaim.article_id).between(first, last))
        ).scalar(),
    ]
    present = [utc(s) for s in stamps if s is not None]
    return IndexPage(
        rows=_rows(session, articles, scale),
        claims=0,
        reviewed=0,
        pending=0,
        verdicts=[],
        updated=max(present) if present else dt.datetime(1970, 1, 1),
        articles=len(articles),
        archive=archive_count(session, per_page),
        chunk=chunk,
        first_id=first,
        last_id=last,
        per_page=per_page,
    )


def site_of(url: str | None, source: str) -> str:
    """The host an article came from, else its file name: shown as text, never linked."""
    if url and url[:8].lower().startswith(("http://", "https://")):
        return url.split("//", 1)[1].split("/", 1)[0].removeprefix("www.")
    return Path(source).name if source != "-" else "standard input"


def render_index(
    session: Session,
    updated: dt.datetime | None = None,
    per_page: int = INDEX_PAGE,
    counts: Totals | None = None,
) -> str:
    """The HTML of the static front page of the index (``index.html``); ``counts``: the totals, if known."""
    page = front_page(session, updated, per_page, counts)
    return environment().get_template("index.html").render(page=page, desk=desk_url())


def render_archive(session: Session, chunk: int, per_page: int = INDEX_PAGE) -> str:
    """The HTML of the static archive page ``index-K.html``."""
    page = archive_page(session, chunk, per_page)
    return environment().get_template("index.html").render(page=page, desk=desk_url())

"""HTML review reports: a page per article, the index, the review queue and a daily digest.

Templates live in the project's ``templates/`` folder, shipped inside the wheel
as ``claims/templates``; each page's context is a dataclass below, named after
its template (``article.html`` <- :class:`ArticlePage`). Autoescape is on
everywhere, undefined names fail loudly (``StrictUndefined``), and every page is
self-contained: inline CSS, one small inline script, no external request, and a
Content-Security-Policy that allows exactly that script and stylesheet by hash.

Pages are deterministic: the same data renders the same bytes (the time shown is
the latest change in the data, not the clock), and :func:`write_if_changed` leaves
an unchanged file alone. The index, queue and digest each take a fixed number of
queries whatever the number of articles.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import os
import re
import tempfile
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup
from sqlalchemy import and_, func
from sqlalchemy import select as columns
from sqlalchemy.engine import Engine
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select

from claims.claimreview import claim_review, report_filename, safe_url
from claims.errors import InvalidInput
from claims.extract.claim import KINDS
from claims.highlight import Span, highlight_html
from claims.models import ClaimStatus, StoredArticle, StoredClaim, Verdict
from claims.ratings import RatingScale, load_scale
from claims.store import article_claims, get_article

__all__ = [
    "ArticlePage",
    "DigestPage",
    "IndexPage",
    "QueuePage",
    "Written",
    "build_reports",
    "environment",
    "highlight_html",
    "render_article",
    "render_digest",
    "render_index",
    "render_queue",
    "write_if_changed",
    "write_reports",
]

#: Most claims listed on the queue page, and on the digest's "waiting longest" list.
QUEUE_LIMIT = 500
WAITING_LIMIT = 20
#: Public URL of the reports folder (ends with /), used for ClaimReview ``url``.
REPORTS_URL_ENV = "CLAIMS_REPORTS_URL"


def templates_dir() -> Path:
    """The templates folder: inside the installed package, else the source checkout's."""
    packaged = Path(__file__).resolve().parent / "templates"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "templates"


def _csp_hash(env: Environment, partial: str, tag: str) -> str:
    """The CSP source (``'sha256-...'``) of the inline element a partial renders."""
    html = env.get_template(partial).render()
    found = re.fullmatch(rf"\s*<{tag}>(.*)</{tag}>\s*", html, re.DOTALL)
    if found is None:
        raise RuntimeError(f"{partial} must hold exactly one <{tag}> element")
    digest = hashlib.sha256(found.group(1).encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode()}'"


def content_security_policy(env: Environment) -> str:
    """Nothing loads from anywhere; only our own stylesheet and script run (by hash)."""
    return (
        "default-src 'none'; "
        f"style-src {_csp_hash(env, '_style.html', 'style')}; "
        f"script-src {_csp_hash(env, '_script.html', 'script')}; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )


@lru_cache(maxsize=1)
def environment() -> Environment:
    """The Jinja2 environment shared by every page."""
    env = Environment(
        loader=FileSystemLoader(str(templates_dir())),
        autoescape=select_autoescape(["html", "xml"], default=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,
    )
    env.globals["csp_html"] = Markup(content_security_policy(env))  # our own text: quotes stay quotes
    env.filters["when"] = _when
    return env


def _utc(value: dt.datetime) -> dt.datetime:
    """A naive UTC datetime (SQLite hands back naive ones; fresh objects are aware)."""
    if value.tzinfo is not None:
        return value.astimezone(dt.UTC).replace(tzinfo=None)
    return value


def _when(value: dt.datetime | dt.date | None) -> str:
    """``2025-03-14 09:30 UTC`` for times, ``2025-03-14`` for dates, empty for None."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return _utc(value).strftime("%Y-%m-%d %H:%M UTC")
    return value.isoformat()


def article_filename(article: StoredArticle) -> str:
    """The report's file name: id and slug, stable across re-renders."""
    return report_filename(article.id or 0, article.slug)


# ---------------------------------------------------------------- tones


def tone(status: str, rating: str | None, scale: RatingScale) -> str:
    """How a claim looks: its verdict's normalized rating, else its status."""
    if status == ClaimStatus.GONE:
        return "gone"
    if rating:
        try:
            return scale.get(rating).normalized.lower()
        except InvalidInput:
            return "other"
    return status


def _kind_order(kinds: set[str]) -> list[str]:
    return sorted(kinds, key=lambda k: (KINDS.index(k) if k in KINDS else len(KINDS), k))


@dataclass(frozen=True)
class Count:
    """A number with its label and tone, for the summary chips."""

    label: str
    n: int
    tone: str = ""


# ---------------------------------------------------------------- article page


@dataclass(frozen=True)
class Link:
    """A source link: ``url`` is None when the text was not a safe http(s) URL."""

    text: str
    url: str | None


@dataclass(frozen=True)
class VerdictView:
    """One verdict as shown: its rating and tone, who gave it and why."""

    rating: str
    tone: str
    reviewer: str
    explanation: str
    sources: list[Link]
    created_at: dt.datetime


@dataclass(frozen=True)
class ClaimRow:
    """One claim of the article table, with its current verdict and the earlier ones."""

    claim: StoredClaim
    tone: str
    label: str
    values: list[tuple[str, str]]
    verdict: VerdictView | None
    earlier: list[VerdictView]


@dataclass(frozen=True)
class ArticlePage:
    """Context of ``article.html``."""

    article: StoredArticle
    source_url: str | None
    rows: list[ClaimRow]
    text_html: Markup
    status_counts: list[Count]
    verdict_counts: list[Count]
    reviewed: int
    total: int
    kinds: list[str]
    statuses: list[str]
    verdicts: list[str]
    claimreview: list[dict[str, Any]]
    updated: dt.datetime


def _value_text(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int | float | str):
        return f"{value:,}" if isinstance(value, int) else str(value)
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _verdict_view(verdict: Verdict, scale: RatingScale) -> VerdictView:
    return VerdictView(
        rating=verdict.rating,
        tone=tone(ClaimStatus.REVIEWED, verdict.rating, scale),
        reviewer=verdict.reviewer,
        explanation=verdict.explanation,
        sources=[Link(str(s), safe_url(str(s))) for s in verdict.sources or []],
        created_at=_utc(verdict.created_at),
    )


def article_page(session: Session, article_id: int, base_url: str = "") -> ArticlePage:
    """Everything the article report shows, in a fixed number of queries."""
    scale = load_scale()
    article = get_article(session, article_id)
    claims = article_claims(session, article_id)
    history: dict[int, list[Verdict]] = defaultdict(list)
    query = (
        select(Verdict)
        .join(StoredClaim, col(StoredClaim.id) == col(Verdict.claim_id))
        .where(StoredClaim.article_id == article_id)
        .order_by(col(Verdict.created_at), col(Verdict.id))
    )
    for verdict in session.exec(query):
        history[verdict.claim_id].append(verdict)
    rows: list[ClaimRow] = []
    spans: list[Span] = []
    reviews: list[dict[str, Any]] = []
    times = [_utc(article.checked_at)]
    for claim in claims:
        verdicts = history.get(claim.id or 0, [])
        latest = verdicts[-1] if verdicts else None
        claim_tone = tone(claim.status, latest.rating if latest else None, scale)
        label = claim.status if claim.status == ClaimStatus.GONE or latest is None else latest.rating
        views = [_verdict_view(v, scale) for v in verdicts]
        rows.append(
            ClaimRow(
                claim=claim,
                tone=claim_tone,
                label=label,
                values=[(str(k), _value_text(v)) for k, v in sorted((claim.values or {}).items())],
                verdict=views[-1] if views else None,
                earlier=views[-2::-1],
            )
        )
        spans.append(
            Span(
                claim.id or 0,
                claim.start,
                claim.end,
                claim_tone,
                label,
                claim.kind,
                claim.status,
                latest.rating if latest else "",
            )
        )
        if latest is not None:
            reviews.append(claim_review(article, claim, latest, scale, base_url))
            times.append(_utc(latest.created_at))
        times.append(_utc(claim.created_at))
    status_counts = Counter(c.status for c in claims)
    verdict_counts = rating_counts(Counter(r.verdict.rating for r in rows if r.verdict), scale)
    live = [c for c in claims if c.status != ClaimStatus.GONE]
    return ArticlePage(
        article=article,
        source_url=safe_url(article.url),
        rows=rows,
        text_html=highlight_html(article.text, spans),
        status_counts=[Count(s, n, s) for s, n in sorted(status_counts.items(), key=_status_key)],
        verdict_counts=verdict_counts,
        reviewed=sum(1 for c in live if c.status == ClaimStatus.REVIEWED),
        total=len(live),
        kinds=_kind_order({c.kind for c in claims}),
        statuses=[s for s, _ in sorted(status_counts.items(), key=_status_key)],
        verdicts=[c.label for c in verdict_counts],
        claimreview=reviews,
        updated=max(times),
    )


_STATUS_ORDER = (ClaimStatus.PENDING, ClaimStatus.LEASED, ClaimStatus.REVIEWED, ClaimStatus.GONE)


def _status_key(item: tuple[str, int]) -> tuple[int, str]:
    status = item[0]
    return (_STATUS_ORDER.index(status) if status in _STATUS_ORDER else len(_STATUS_ORDER), status)


def rating_counts(counts: Counter[str], scale: RatingScale) -> list[Count]:
    """Counts per rating label in the scale's order (best first), labels no longer in the scale last."""
    rank = {r.label: (i, r.normalized.lower()) for i, r in enumerate(scale.ratings)}
    unknown = (len(rank), "other")
    ordered = sorted(counts, key=lambda r: (rank.get(r, unknown)[0], r))
    return [Count(r, counts[r], rank.get(r, unknown)[1]) for r in ordered]


def render_article(session: Session, article_id: int, base_url: str = "") -> tuple[StoredArticle, str]:
    """The article and the HTML of its report."""
    page = article_page(session, article_id, base_url)
    return page.article, environment().get_template("article.html").render(page=page)


# ---------------------------------------------------------------- index


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


def _latest_ratings_by_article(session: Session) -> list[tuple[int, str, int]]:
    """How many claims of each article have each rating as their current (latest) verdict."""
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
        .group_by(col(StoredClaim.article_id), col(Verdict.rating))
    )
    return [(a, r, n) for a, r, n in session.connection().execute(query)]


def data_updated(session: Session) -> dt.datetime:
    """The latest change in the data: a new article (or revision) or verdict."""
    # Claims are created with their article (or its new revision), so checked_at covers them.
    stamps = [
        session.exec(select(func.max(col(StoredArticle.checked_at)))).one(),
        session.exec(select(func.max(col(Verdict.created_at)))).one(),
    ]
    present = [_utc(s) for s in stamps if s is not None]
    return max(present) if present else dt.datetime(1970, 1, 1)


def index_page(session: Session, updated: dt.datetime | None = None) -> IndexPage:
    """Every article newest first with its progress and verdicts: three queries, whatever the count."""
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
    rows = [
        IndexRow(
            id=a_id,
            href=report_filename(a_id, slug),
            title=title,
            site=_site(url, source),
            published=published.isoformat() if published else "",
            checked=_when(checked_at),
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
    )


def _site(url: str | None, source: str) -> str:
    """The host an article came from, else its file name: shown as text, never linked."""
    if url and url[:8].lower().startswith(("http://", "https://")):
        return url.split("//", 1)[1].split("/", 1)[0].removeprefix("www.")
    return Path(source).name if source != "-" else "standard input"


def render_index(session: Session, updated: dt.datetime | None = None) -> str:
    """The HTML of the index of every article."""
    return environment().get_template("index.html").render(page=index_page(session, updated))


# ---------------------------------------------------------------- queue and digest


@dataclass(frozen=True)
class QueueRow:
    """A pending claim on the queue page or the digest."""

    claim_id: int
    href: str
    quote: str
    kind: str
    score: float
    speaker: str | None
    article_title: str
    queued: dt.datetime
    days_waiting: int = 0


@dataclass(frozen=True)
class QueuePage:
    """Context of ``queue.html``: pending claims, best score first, then newest."""

    rows: list[QueueRow]
    pending: int
    leased: int
    updated: dt.datetime


def _pending_rows(session: Session, order: tuple[Any, ...], limit: int, today: dt.date | None = None) -> list[QueueRow]:
    query = (
        columns(
            col(StoredClaim.id),
            col(StoredClaim.quote),
            col(StoredClaim.kind),
            col(StoredClaim.score),
            col(StoredClaim.speaker),
            col(StoredClaim.created_at),
            col(StoredArticle.id),
            col(StoredArticle.slug),
            col(StoredArticle.title),
        )
        .join(StoredArticle, col(StoredArticle.id) == col(StoredClaim.article_id))
        .where(col(StoredClaim.status) == ClaimStatus.PENDING)
        .order_by(*order)
        .limit(limit)
    )
    return [
        QueueRow(
            claim_id=c_id,
            href=f"{report_filename(a_id, slug)}#claim-{c_id}",
            quote=quote,
            kind=kind,
            score=score,
            speaker=speaker,
            article_title=title,
            queued=_utc(created),
            days_waiting=(today - _utc(created).date()).days if today else 0,
        )
        for c_id, quote, kind, score, speaker, created, a_id, slug, title in (
            (r[0] or 0, *r[1:6], r[6] or 0, *r[7:]) for r in session.connection().execute(query)
        )
    ]


def _status_counts(session: Session) -> Counter[str]:
    rows = session.exec(select(col(StoredClaim.status), func.count()).group_by(col(StoredClaim.status))).all()
    return Counter({status: n for status, n in rows})


def queue_page(session: Session, updated: dt.datetime | None = None) -> QueuePage:
    """The review queue across articles: check-worthiness first, then recency."""
    order = (col(StoredClaim.score).desc(), col(StoredClaim.created_at).desc(), col(StoredClaim.id).desc())
    counts = _status_counts(session)
    return QueuePage(
        rows=_pending_rows(session, order, QUEUE_LIMIT),
        pending=counts[ClaimStatus.PENDING],
        leased=counts[ClaimStatus.LEASED],
        updated=updated or data_updated(session),
    )


def render_queue(session: Session, updated: dt.datetime | None = None) -> str:
    """The HTML of the queue page."""
    return environment().get_template("queue.html").render(page=queue_page(session, updated))


@dataclass(frozen=True)
class DigestRow:
    """A verdict recorded on the digest's day."""

    claim_id: int
    href: str
    quote: str
    article_title: str
    verdict: VerdictView


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


def digest_page(session: Session, day: dt.date | None = None, updated: dt.datetime | None = None) -> DigestPage:
    """The digest of ``day`` (UTC; today by default)."""
    scale = load_scale()
    day = day or dt.datetime.now(dt.UTC).date()
    start = dt.datetime.combine(day, dt.time(), tzinfo=dt.UTC)
    query = (
        select(Verdict, StoredClaim.quote, StoredArticle.id, StoredArticle.slug, StoredArticle.title)  # type: ignore[call-overload]
        .join(StoredClaim, col(StoredClaim.id) == col(Verdict.claim_id))
        .join(StoredArticle, col(StoredArticle.id) == col(StoredClaim.article_id))
        .where(and_(col(Verdict.created_at) >= start, col(Verdict.created_at) < start + dt.timedelta(days=1)))
        .order_by(col(Verdict.created_at).desc(), col(Verdict.id).desc())
    )
    reviewed = [
        DigestRow(
            claim_id=verdict.claim_id,
            href=f"{report_filename(a_id, slug)}#claim-{verdict.claim_id}",
            quote=quote,
            article_title=title,
            verdict=_verdict_view(verdict, scale),
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
        waiting=_pending_rows(session, order, WAITING_LIMIT, today=day),
        pending=_status_counts(session)[ClaimStatus.PENDING],
        updated=updated or data_updated(session),
    )


def render_digest(session: Session, day: dt.date | None = None, updated: dt.datetime | None = None) -> str:
    """The HTML of the digest page."""
    return environment().get_template("digest.html").render(page=digest_page(session, day, updated))


#: Each page template and the dataclass its context is.
PAGES: dict[str, type] = {
    "article.html": ArticlePage,
    "index.html": IndexPage,
    "queue.html": QueuePage,
    "digest.html": DigestPage,
}


# ---------------------------------------------------------------- writing


def _file_mode() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


_FILE_MODE = _file_mode()


def write_if_changed(path: Path, content: str) -> bool:
    """Write ``content`` atomically unless the file already holds it; True when written."""
    try:
        if path.read_text(encoding="utf-8") == content:
            return False
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".html")
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(content)
    os.chmod(tmp, _FILE_MODE)  # mkstemp makes 0600; reports are meant to be shared
    os.replace(tmp, path)
    return True


@dataclass
class Written:
    """What :func:`build_reports` did: pages written and pages left as they were."""

    written: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    last_article: Path | None = None

    def add(self, path: Path, content: str) -> None:
        """Write ``path`` if its content changed, and note which it was."""
        (self.written if write_if_changed(path, content) else self.unchanged).append(path)


def build_reports(
    engine: Engine,
    reports_dir: Path,
    article_ids: list[int] | None = None,
    *,
    day: dt.date | None = None,
    base_url: str | None = None,
) -> Written:
    """Render the reports of ``article_ids`` (all when None) plus the index, queue and digest."""
    reports_dir = Path(reports_dir)
    base = base_url if base_url is not None else os.environ.get(REPORTS_URL_ENV, "")
    done = Written()
    with Session(engine) as session:
        ids = (
            article_ids
            if article_ids is not None
            else list(session.exec(select(col(StoredArticle.id)).order_by(col(StoredArticle.id))))
        )
        for article_id in ids:
            article, html = render_article(session, article_id, base)  # type: ignore[arg-type]
            done.last_article = reports_dir / article_filename(article)
            done.add(done.last_article, html)
        updated = data_updated(session)
        done.add(reports_dir / "index.html", render_index(session, updated))
        done.add(reports_dir / "queue.html", render_queue(session, updated))
        done.add(reports_dir / "digest.html", render_digest(session, day, updated))
    return done


def write_reports(engine: Engine, reports_dir: Path, article_ids: list[int] | None = None) -> Path | None:
    """Render the reports of ``article_ids`` (all when None) and the shared pages; the last article's path."""
    return build_reports(engine, reports_dir, article_ids).last_article

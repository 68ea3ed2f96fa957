"""The article report (``article.html``): the text with every claim highlighted, and the claims table."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict, namedtuple
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from markupsafe import Markup
from sqlalchemy import select as columns
from sqlmodel import Session, col

from claims.claimreview import ClaimReviews, publishable, safe_url
from claims.highlight import Span, highlight_html
from claims.matching import changes
from claims.models import ArticleRevision, ClaimStatus, StoredArticle, StoredClaim, Verdict
from claims.ratings import load_scale
from claims.report.common import (
    Count,
    VerdictView,
    desk_url,
    environment,
    kind_order,
    rating_counts,
    status_key,
    tone,
    utc,
    value_text,
    verdict_view,
)
from claims.store import article_claims_query, article_revisions, get_article


@dataclass(frozen=True)
class ClaimRow:
    """One claim of the article table, with its current verdict and the earlier ones."""

    claim: StoredClaim
    tone: str
    label: str
    values: list[tuple[str, str]]
    verdict: VerdictView | None
    earlier: list[VerdictView]
    #: What the latest revision did to the claim: "new in revision 3", "gone in revision 3", or "".
    change: str = ""
    #: What changed since the current verdict ("values", "wording", ...): the verdict no longer applies.
    changed_since: list[str] = field(default_factory=list)
    #: The claim's text as that verdict judged it, when it changed since.
    judged_text: str = ""


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
    revisions: list[ArticleRevision] = field(default_factory=list)


def _records(session: Session, query: Any) -> list[Any]:
    """The rows of a query as named tuples: read like the model (``row.quote``), at C speed.

    Run on the connection, an ORM query yields plain rows: building 200 ORM instances took a
    third of a 200-claim page's time, and a page only reads them.
    """
    result = session.connection().execute(query)
    record = _record_type(tuple(result.keys()))
    return [record._make(row) for row in result]


@lru_cache(maxsize=8)
def _record_type(fields: tuple[str, ...]) -> type[Any]:
    return namedtuple("Record", fields)  # type: ignore[misc]


def _change(claim: StoredClaim, revision: int) -> str:
    """How the article's latest revision changed this claim, for revised articles only."""
    if claim.status == ClaimStatus.GONE and claim.gone_revision:
        return f"gone in revision {claim.gone_revision}"
    if revision > 1 and claim.revision == revision:
        return f"new in revision {revision}"
    return ""


def article_page(session: Session, article_id: int, base_url: str = "") -> ArticlePage:
    """Everything the article report shows, in a fixed number of queries."""
    scale = load_scale()
    article = get_article(session, article_id)
    claims = _records(session, article_claims_query(article_id))
    history: dict[int, list[Verdict]] = defaultdict(list)
    verdicts_table = Verdict.__table__  # type: ignore[attr-defined]
    query = (
        columns(verdicts_table)
        .join(StoredClaim, col(StoredClaim.id) == verdicts_table.c.claim_id)
        .where(col(StoredClaim.article_id) == article_id)
        .order_by(verdicts_table.c.created_at, verdicts_table.c.id)
    )
    for verdict in _records(session, query):
        history[verdict.claim_id].append(verdict)
    reviewer = ClaimReviews(article, scale, base_url)
    revision = article.revision
    rows: list[ClaimRow] = []
    spans: list[Span] = []
    reviews: list[dict[str, Any]] = []
    times = [utc(article.checked_at)]
    for claim in claims:
        verdicts = history.get(claim.id or 0, [])
        latest = verdicts[-1] if verdicts else None
        changed = changes(latest, claim) if latest is not None else []
        rating = latest.rating if latest is not None and not changed else None  # a verdict on other facts shows as none
        claim_tone = tone(claim.status, rating, scale)
        label = claim.status if claim.status == ClaimStatus.GONE or rating is None else rating
        views = [verdict_view(v, scale) for v in verdicts]
        rows.append(
            ClaimRow(
                claim=claim,
                tone=claim_tone,
                label=label,
                values=[(str(k), value_text(v)) for k, v in sorted((claim.values or {}).items())],
                verdict=views[-1] if views else None,
                earlier=views[-2::-1],
                change=_change(claim, revision),
                changed_since=changed,
                judged_text=(latest.claim_text or "") if changed and latest is not None else "",
            )
        )
        if claim.status != ClaimStatus.GONE:  # a gone claim's offsets point into an older text
            spans.append(
                Span(
                    claim.id or 0,
                    claim.start,
                    claim.end,
                    claim_tone,
                    label,
                    claim.kind,
                    claim.status,
                    rating or "",
                )
            )
        if latest is not None:
            if publishable(claim, latest):
                reviews.append(reviewer.review(claim, latest))
            times.append(utc(latest.created_at))
        times.append(utc(claim.created_at))
    status_counts = Counter(c.status for c in claims)
    verdict_counts = rating_counts(Counter(r.verdict.rating for r in rows if r.verdict and not r.changed_since), scale)
    live = [c for c in claims if c.status != ClaimStatus.GONE]
    return ArticlePage(
        article=article,
        source_url=safe_url(article.url),
        rows=rows,
        text_html=highlight_html(article.text, spans),
        status_counts=[Count(s, n, s) for s, n in sorted(status_counts.items(), key=status_key)],
        verdict_counts=verdict_counts,
        reviewed=sum(1 for c in live if c.status == ClaimStatus.REVIEWED),
        total=len(live),
        kinds=kind_order({c.kind for c in claims}),
        statuses=[s for s, _ in sorted(status_counts.items(), key=status_key)],
        verdicts=[c.label for c in verdict_counts],
        claimreview=reviews,
        updated=max(times),
        revisions=article_revisions(session, article_id) if article.revision > 1 else [],
    )


def render_article(session: Session, article_id: int, base_url: str = "") -> tuple[StoredArticle, str]:
    """The article and the HTML of its report."""
    page = article_page(session, article_id, base_url)
    return page.article, environment().get_template("article.html").render(page=page, desk=desk_url())

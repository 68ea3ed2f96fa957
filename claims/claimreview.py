"""schema.org ClaimReview JSON-LD for claims that have a verdict.

The same objects go into each article report (a ``<script type="application/ld+json">``
block) and out of ``claims export --format claimreview``. Only the current (latest)
verdict of a claim is published, and only while it is bound to the claim as it
stands (:func:`claims.matching.changes`): a claim whose facts changed since its
verdict publishes nothing until an editor decides again. A claim gone from the
article leaves the page and the default export (``include_gone`` brings it back). Fields follow https://schema.org/ClaimReview and
the fact-check markup search engines read: ``claimReviewed``, ``itemReviewed`` (a
Claim with its author, date and appearance), ``author``, ``url``,
``datePublished`` and ``reviewRating`` (``alternateName`` and ``ratingValue`` on
the newsroom's scale, with ``bestRating`` and ``worstRating``).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from claims.errors import InvalidInput
from claims.matching import changes
from claims.models import ClaimStatus, StoredArticle, StoredClaim, Verdict
from claims.ratings import RatingScale, load_scale

#: The fields every ClaimReview we write carries (the test checks them).
REQUIRED = ("@context", "@type", "claimReviewed", "itemReviewed", "author", "url", "datePublished", "reviewRating")


def safe_url(url: str | None) -> str | None:
    """``url`` when it is an absolute http(s) URL, else None (drops ``javascript:`` and the like)."""
    if not url:
        return None
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return url


def report_filename(article_id: int, slug: str) -> str:
    """The report's file name: id and slug, stable across re-renders."""
    return f"{article_id:05d}-{slug}.html"


def _date(value: dt.date | dt.datetime | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    return value.isoformat()


def publishable(claim: StoredClaim, verdict: Verdict | None, include_gone: bool = False) -> bool:
    """Whether ``verdict`` may be published for ``claim``: it judged the claim as it stands (and it is not gone)."""
    if verdict is None or (claim.status == ClaimStatus.GONE and not include_gone):
        return False
    return not changes(verdict, claim)


class ClaimReviews:
    """ClaimReview objects for the claims of one article (its parts are worked out once)."""

    def __init__(self, article: StoredArticle, scale: RatingScale, base_url: str = "") -> None:
        self.scale = scale
        appearance: dict[str, Any] = {"@type": "CreativeWork", "headline": article.title}
        if safe_url(article.url):
            appearance["url"] = article.url
        if article.published:
            appearance["datePublished"] = _date(article.published)
        self.appearance = appearance
        self.published = _date(article.published or article.checked_at)
        self.page = f"{base_url}{report_filename(article.id or 0, article.slug)}"
        if article.author:
            self.author = {"@type": "Person", "name": article.author}
        else:
            site = urlsplit(safe_url(article.url) or "").netloc
            self.author = {"@type": "Organization", "name": site.removeprefix("www.") or "Unknown"}

    def review(self, claim: StoredClaim, verdict: Verdict) -> dict[str, Any]:
        """One ClaimReview object for ``claim``'s current ``verdict``."""
        scale = self.scale
        try:
            rating = scale.get(verdict.rating)
            value: int | None = rating.value
        except InvalidInput:  # a label the current scale no longer has: publish the label alone
            value = None
        review_rating: dict[str, Any] = {
            "@type": "Rating",
            "alternateName": verdict.rating,
            "bestRating": scale.best,
            "worstRating": scale.worst,
        }
        if value is not None:
            review_rating["ratingValue"] = value
        item: dict[str, Any] = {
            "@type": "Claim",
            "author": {"@type": "Person", "name": claim.speaker} if claim.speaker else dict(self.author),
            "datePublished": self.published,
            "appearance": dict(self.appearance),
        }
        return {
            "@context": "https://schema.org",
            "@type": "ClaimReview",
            "url": f"{self.page}#claim-{claim.id}",
            "claimReviewed": verdict.claim_reviewed or verdict.claim_text or claim.text or claim.quote,
            "itemReviewed": item,
            "author": {"@type": "Person", "name": verdict.reviewer},
            "datePublished": _date(verdict.created_at),
            "reviewRating": review_rating,
            "reviewBody": verdict.explanation,
        }


def latest_verdicts(session: Session, article_ids: Iterable[int] | None = None) -> dict[int, Verdict]:
    """The current verdict of each claim (of ``article_ids``, or of all)."""
    query = select(Verdict).order_by(col(Verdict.claim_id), col(Verdict.created_at), col(Verdict.id))
    if article_ids is not None:
        ids = list(article_ids)
        query = query.join(StoredClaim, col(StoredClaim.id) == col(Verdict.claim_id)).where(
            col(StoredClaim.article_id).in_(ids)
        )
    latest: dict[int, Verdict] = {}
    for verdict in session.exec(query):
        latest[verdict.claim_id] = verdict  # ordered oldest first: the last one wins
    return latest


def export_claim_reviews(
    engine: Engine, article_id: int | None = None, base_url: str = "", include_gone: bool = False
) -> list[dict[str, Any]]:
    """Every publishable ClaimReview (of one article, or of all), in article and text order."""
    scale = load_scale()
    with Session(engine) as session:
        latest = latest_verdicts(session, [article_id] if article_id is not None else None)
        if not latest:
            return []
        claims = [
            c
            for c in session.exec(
                select(StoredClaim)
                .where(col(StoredClaim.id).in_(list(latest)))
                .order_by(col(StoredClaim.article_id), col(StoredClaim.start), col(StoredClaim.id))
            )
            if publishable(c, latest[c.id], include_gone)  # type: ignore[index]
        ]
        articles = {
            a.id: a
            for a in session.exec(
                select(StoredArticle).where(col(StoredArticle.id).in_({c.article_id for c in claims}))
            )
        }
        makers = {article_id: ClaimReviews(a, scale, base_url) for article_id, a in articles.items()}
        return [makers[c.article_id].review(c, latest[c.id]) for c in claims]  # type: ignore[index]


def dumps(reviews: list[dict[str, Any]]) -> str:
    """The JSON-LD text of ``reviews`` (a JSON array), as ``claims export`` writes it."""
    return json.dumps(reviews, ensure_ascii=False, indent=2) + "\n"

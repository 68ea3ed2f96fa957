"""Put checked articles and their claims into the database, and read them back.

An article is identified by the hash of its text: checking the same text twice
stores it once. Each article and all its claims are written in one transaction,
so a crash leaves either the whole article or none of it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, func, select

from claims.db import session_scope
from claims.errors import NotFound
from claims.extract import Claim
from claims.models import ClaimStatus, StoredArticle, StoredClaim
from claims.sources import Article


@dataclass(frozen=True)
class Queued:
    """What :func:`save_article` did: the article's id, and whether it was new."""

    article_id: int
    slug: str
    created: bool
    claims: int


def normalized_form(claim: Claim) -> str:
    """A lower-case, punctuation-free form of the quote, for matching restated claims."""
    return " ".join("".join(ch if ch.isalnum() else " " for ch in claim.quote.lower()).split())


def find_by_hash(session: Session, content_hash: str) -> StoredArticle | None:
    """The stored article with this content hash, if any."""
    return session.exec(select(StoredArticle).where(StoredArticle.content_hash == content_hash)).first()


def save_article(engine: Engine, article: Article, claims: Sequence[Claim]) -> Queued:
    """Store ``article`` and queue ``claims``; an article already stored is left as it is."""
    digest = article.content_hash
    with session_scope(engine) as session:
        existing = find_by_hash(session, digest)
        if existing is not None:
            count = session.exec(select(func.count()).where(StoredClaim.article_id == existing.id)).one()
            return Queued(existing.id, existing.slug, False, count)  # type: ignore[arg-type]
        stored = StoredArticle(
            source=article.source,
            url=article.url,
            slug=article.slug,
            title=article.title,
            author=article.author,
            published=article.published,
            fetched=article.fetched,
            content_hash=digest,
            text=article.text,
        )
        session.add(stored)
        try:
            session.flush()
        except IntegrityError:
            # Another process stored the same text between our check and insert.
            session.rollback()
            again = find_by_hash(session, digest)
            if again is None:
                raise
            return Queued(again.id, again.slug, False, len(claims))  # type: ignore[arg-type]
        session.add_all(
            StoredClaim(
                article_id=stored.id,  # type: ignore[arg-type]
                position=position,
                quote=claim.quote,
                start=claim.start,
                end=claim.end,
                sentence=claim.sentence,
                text=claim.text,
                kind=claim.kind,
                score=claim.score,
                reason=claim.reason,
                values=dict(claim.values),
                speaker=claim.speaker,
                status=ClaimStatus.PENDING,
                normalized=normalized_form(claim),
            )
            for position, claim in enumerate(claims)
        )
        return Queued(stored.id, stored.slug, True, len(claims))  # type: ignore[arg-type]


def get_article(session: Session, article_id: int) -> StoredArticle:
    """The article with this id, or :class:`NotFound`."""
    article = session.get(StoredArticle, article_id)
    if article is None:
        raise NotFound(f"no article with id {article_id}")
    return article


def article_claims(session: Session, article_id: int) -> list[StoredClaim]:
    """The claims of an article in text order."""
    query = (
        select(StoredClaim)
        .where(StoredClaim.article_id == article_id)
        .order_by(col(StoredClaim.start), col(StoredClaim.id))
    )
    return list(session.exec(query))


def list_articles(session: Session) -> list[StoredArticle]:
    """Every article, newest check first."""
    return list(
        session.exec(select(StoredArticle).order_by(col(StoredArticle.checked_at).desc(), col(StoredArticle.id).desc()))
    )

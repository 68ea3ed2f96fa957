"""Digest numbers from a real SQLite file: queue size, claims waiting too long, the day's verdicts."""

from __future__ import annotations

import datetime as dt

from sqlmodel import Session

from claims.db import open_engine
from claims.digest import digest
from claims.models import ClaimStatus, Lease, StoredArticle, StoredClaim, Verdict

NOW = dt.datetime(2026, 11, 27, 18, 0, tzinfo=dt.UTC)


def _claim(article_id: int, n: int, status: str, created: dt.datetime) -> StoredClaim:
    quote = f"claim number {n} says 40 percent"
    return StoredClaim(
        article_id=article_id,
        position=n,
        quote=quote,
        start=0,
        end=len(quote),
        sentence=quote,
        text=quote,
        kind="number",
        score=0.5,
        reason="",
        values={},
        status=status,
        normalized=quote,
        created_at=created,
    )


def test_digest_counts(db_url: str) -> None:
    engine = open_engine(db_url)
    old, recent = NOW - dt.timedelta(days=3), NOW - dt.timedelta(hours=2)
    with Session(engine) as session:
        article = StoredArticle(source="x", slug="x", title="X", content_hash="h" * 64, text="t", checked_at=old)
        today = StoredArticle(source="y", slug="y", title="Y", content_hash="g" * 64, text="t", checked_at=recent)
        session.add_all([article, today])
        session.flush()
        claims = [
            _claim(article.id, 0, ClaimStatus.PENDING, old),  # late
            _claim(article.id, 1, ClaimStatus.PENDING, old),  # late
            _claim(today.id, 2, ClaimStatus.PENDING, recent),
            _claim(article.id, 3, ClaimStatus.LEASED, old),
            _claim(today.id, 4, ClaimStatus.LEASED, recent),
            _claim(article.id, 5, ClaimStatus.REVIEWED, old),
            _claim(article.id, 6, ClaimStatus.REVIEWED, old),
        ]
        session.add_all(claims)
        session.flush()
        session.add_all(
            [
                Lease(claim_id=claims[3].id, reviewer="ana", leased_at=NOW - dt.timedelta(hours=30), expires_at=NOW),
                Lease(claim_id=claims[4].id, reviewer="ben", leased_at=NOW - dt.timedelta(hours=1), expires_at=NOW),
                Verdict(claim_id=claims[5].id, rating="true", reviewer="ana", created_at=NOW - dt.timedelta(hours=3)),
                Verdict(claim_id=claims[6].id, rating="false", reviewer="ana", created_at=NOW - dt.timedelta(hours=4)),
                # yesterday's verdict does not count today
                Verdict(claim_id=claims[6].id, rating="true", reviewer="ben", created_at=NOW - dt.timedelta(days=1)),
            ]
        )
        session.commit()

    result = digest(engine, now=NOW, max_age=dt.timedelta(hours=24))
    assert result.day == NOW.date()
    assert result.statuses == {"pending": 3, "leased": 2, "reviewed": 2}
    assert result.queue_size == 5
    assert (result.pending_old, result.leased_old) == (2, 1)
    assert result.articles_today == 1
    assert result.verdicts_today == 2
    assert result.ratings == {"true": 1, "false": 1} and result.reviewers == {"ana": 2}
    assert [w.status for w in result.oldest] == ["pending", "pending", "leased"]
    rows = {r["measure"]: r["value"] for r in result.rows()}
    assert rows["queue size (pending + leased)"] == 5 and rows["pending longer than 24 h"] == 2
    text = result.markdown()
    assert "2026-11-27" in text and "**5** claims" in text and "false: 1" in text

    yesterday = digest(engine, NOW.date() - dt.timedelta(days=1), now=NOW, max_age=dt.timedelta(hours=48))
    assert yesterday.verdicts_today == 1 and yesterday.reviewers == {"ben": 1}
    assert (yesterday.pending_old, yesterday.leased_old) == (2, 0)


def test_digest_of_an_empty_database(db_url: str) -> None:
    result = digest(open_engine(db_url), now=NOW)
    assert result.queue_size == 0 and result.verdicts_today == 0 and result.oldest == []
    assert "**0** claims" in result.markdown()

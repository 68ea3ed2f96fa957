"""Digest numbers from a real SQLite file: queue size, claims waiting too long, the day's verdicts."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlmodel import Session

from claims.db import open_engine
from claims.digest import digest
from claims.models import ClaimStatus, Lease, StoredArticle, StoredClaim, Verdict
from claims.store import save_article
from tests.test_queue import story

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


def test_the_digest_day_is_the_newsrooms_day(db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """CLAIMS_TIMEZONE: a verdict at 23:30 UTC on 1 March is on 2 March in Berlin, and on 1 March in UTC."""
    from claims.config import day_bounds, newsroom_today
    from claims.report.digest import digest_page

    engine = open_engine(db_url)
    article, claims = story("tz.txt", ["The budget was 214 million dollars."])
    save_article(engine, article, claims)
    late = dt.datetime(2026, 3, 1, 23, 30, tzinfo=dt.UTC)
    with Session(engine) as session:
        session.add(Verdict(claim_id=1, rating="true", reviewer="ana", created_at=late))
        session.commit()
    monkeypatch.setenv("CLAIMS_TIMEZONE", "Europe/Berlin")
    assert newsroom_today(late) == dt.date(2026, 3, 2)
    assert day_bounds(dt.date(2026, 3, 2)) == (
        dt.datetime(2026, 3, 1, 23, tzinfo=dt.UTC),
        dt.datetime(2026, 3, 2, 23, tzinfo=dt.UTC),
    )
    assert digest(engine, dt.date(2026, 3, 2), now=late).verdicts_today == 1
    assert digest(engine, dt.date(2026, 3, 1), now=late).verdicts_today == 0
    with Session(engine) as session:
        page = digest_page(session, dt.date(2026, 3, 2))
    assert (page.zone, [r.time for r in page.reviewed]) == ("Europe/Berlin", ["00:30"])
    monkeypatch.setenv("CLAIMS_TIMEZONE", "UTC")
    assert digest(engine, dt.date(2026, 3, 1), now=late).verdicts_today == 1
    assert newsroom_today(late) == dt.date(2026, 3, 1)
    monkeypatch.delenv("CLAIMS_TIMEZONE")
    assert newsroom_today(late) == dt.date(2026, 3, 1)  # default UTC


@pytest.mark.parametrize("zone", ["Mars/Olympus", "../../etc/passwd", "Not a zone"])
def test_a_bad_timezone_is_one_line_and_a_non_zero_exit(zone: str, db_url: str, tmp_path: Path) -> None:
    env = {**os.environ, "CLAIMS_TIMEZONE": zone, "CLAIMS_DATABASE_URL": db_url}
    for args in (["report", "--reports", str(tmp_path / "r")], ["queue"]):
        done = subprocess.run(
            [str(Path(sys.executable).with_name("claims")), *args], env=env, capture_output=True, text=True, timeout=60
        )
        assert done.returncode == 2, (args, done.stderr)
        assert done.stderr.splitlines() == [
            f"claims: error: CLAIMS_TIMEZONE={zone!r} is not a time zone: use an IANA name such as Europe/Berlin or America/New_York"
        ]
        assert not (tmp_path / "r").exists()

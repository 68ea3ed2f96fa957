"""The review queue: priority order, leases, expiry, release and reopen, on SQLite and PostgreSQL.

Also home of the small builders the other review tests import: ``story`` makes an
Article and its claims from plain sentences, and ``any_url`` runs a test on both
databases.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Sequence
from typing import Any

import pytest
from sqlalchemy import text
from sqlmodel import Session, select

from claims.db import open_engine
from claims.errors import InvalidInput, LeaseConflict, NotFound
from claims.extract import Claim
from claims.models import ClaimStatus, Lease, StoredClaim
from claims.queue import lease_next, pending, release, reopen
from claims.sources import Article
from claims.store import save_article
from claims.verdicts import record_verdict

TABLES = "verdict, lease, claim, article_revision, article"


def claim_in(text_: str, sentence: str, score: float = 0.5, kind: str = "quantity", **values: Any) -> Claim:
    """A claim on ``sentence``, placed where it is in ``text_``."""
    start = text_.index(sentence)
    speaker = values.pop("speaker", None)
    return Claim(sentence, start, start + len(sentence), sentence, sentence, kind, score, "test", values, speaker)


def story(
    source: str, sentences: Sequence[str | tuple[str, dict[str, Any]]], scores: Sequence[float] = ()
) -> tuple[Article, list[Claim]]:
    """An article of ``sentences`` with one claim each (values given as ``(sentence, values)``)."""
    pairs = [(s, {}) if isinstance(s, str) else s for s in sentences]
    body = " ".join(s for s, _ in pairs)
    article = Article(source=source, text=body, title=f"Story {source}")
    claims = [claim_in(body, s, scores[i] if i < len(scores) else 0.5, **values) for i, (s, values) in enumerate(pairs)]
    return article, claims


def numbered(source: str, n: int, first: int = 0) -> tuple[Article, list[Claim]]:
    """An article with ``n`` distinct numeric claims, scores rising with the number."""
    return story(
        source,
        [(f"Item {first + i} cost {first + i} dollars.", {"value": first + i}) for i in range(n)],
        [round(0.1 + 0.8 * i / max(n, 1), 3) for i in range(n)],
    )


def reset_postgres(url: str) -> None:
    """Empty every table of the session's PostgreSQL database."""
    with open_engine(url).begin() as conn:
        conn.execute(text(f"TRUNCATE {TABLES} RESTART IDENTITY CASCADE"))


@pytest.fixture(params=["sqlite", "postgres"])
def any_url(request: pytest.FixtureRequest, db_url: str) -> str:
    """A fresh, migrated database: a SQLite file, then the session's PostgreSQL database emptied."""
    if request.param == "sqlite":
        open_engine(db_url)
        return db_url
    url = request.getfixturevalue("pg_url")
    reset_postgres(url)
    return url


def test_queue_orders_by_score_then_recency(any_url: str) -> None:
    engine = open_engine(any_url)
    save_article(engine, *story("a.txt", ["Old low 1.", "Old high 2."], [0.2, 0.9]))
    save_article(engine, *story("b.txt", ["New high 3.", "New mid 4."], [0.9, 0.5]))
    quotes = [item.claim.quote for item in pending(engine)]
    assert quotes == ["New high 3.", "Old high 2.", "New mid 4.", "Old low 1."]
    assert pending(engine, limit=2)[1].article.title == "Story a.txt"


def test_next_leases_top_claim_once_and_renews_for_its_holder(any_url: str) -> None:
    engine = open_engine(any_url)
    save_article(engine, *numbered("n.txt", 3))
    ana = lease_next(engine, "ana")
    bob = lease_next(engine, "bob")
    assert ana and bob and ana.claim.id != bob.claim.id
    assert ana.claim.status == ClaimStatus.LEASED and ana.lease and ana.lease.reviewer == "ana"
    again = lease_next(engine, "ana")
    assert again and again.claim.id == ana.claim.id
    assert [i.claim.id for i in pending(engine)] not in ([ana.claim.id], [bob.claim.id])
    assert len(pending(engine)) == 1


def test_expired_lease_returns_claim_to_queue(any_url: str) -> None:
    engine = open_engine(any_url)
    save_article(engine, *numbered("n.txt", 1))
    first = lease_next(engine, "ana", dt.timedelta(minutes=30))
    assert first and lease_next(engine, "bob") is None
    later = dt.datetime.now(dt.UTC) + dt.timedelta(minutes=31)
    taken = lease_next(engine, "bob", now=later)
    assert taken and taken.claim.id == first.claim.id and taken.lease and taken.lease.reviewer == "bob"
    with pytest.raises(LeaseConflict):
        record_verdict(engine, first.claim.id, "true", "ana", now=later)  # type: ignore[arg-type]


def test_release_and_reopen(any_url: str) -> None:
    engine = open_engine(any_url)
    save_article(engine, *numbered("n.txt", 2))
    item = lease_next(engine, "ana")
    assert item and item.claim.id
    cid = item.claim.id
    with pytest.raises(LeaseConflict):
        release(engine, cid, "bob")
    assert release(engine, cid, "ana").status == ClaimStatus.PENDING
    with pytest.raises(InvalidInput):
        release(engine, cid)
    with pytest.raises(InvalidInput):
        reopen(engine, cid)
    record_verdict(engine, cid, "false", "ana")
    assert reopen(engine, cid).status == ClaimStatus.PENDING
    with pytest.raises(NotFound):
        reopen(engine, 9999)
    with Session(engine) as session:
        assert session.exec(select(Lease)).all() == []


def test_no_double_lease_under_threads(any_url: str) -> None:
    engine = open_engine(any_url)
    save_article(engine, *numbered("n.txt", 40))
    got: dict[str, list[int]] = {}

    def editor(name: str) -> None:
        mine = got.setdefault(name, [])
        while (item := lease_next(engine, name)) is not None:
            mine.append(item.claim.id)  # type: ignore[arg-type]
            record_verdict(engine, item.claim.id, "true", name)  # type: ignore[arg-type]

    threads = [threading.Thread(target=editor, args=(f"ed{i}",)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    leased = [cid for ids in got.values() for cid in ids]
    assert len(leased) == len(set(leased)) == 40
    with Session(engine) as session:
        assert {c.status for c in session.exec(select(StoredClaim))} == {ClaimStatus.REVIEWED}


def test_next_uses_the_queue_index(db_url: str) -> None:
    engine = open_engine(db_url)
    query = (
        "EXPLAIN QUERY PLAN SELECT id FROM claim WHERE status = 'pending' "
        "ORDER BY score DESC, created_at DESC, id DESC LIMIT 1"
    )
    with engine.connect() as conn:
        plan = " ".join(str(row[-1]) for row in conn.execute(text(query)))
    assert "ix_claim_next" in plan and "TEMP B-TREE" not in plan

"""The database: SQLite settings, storing an article once, claims in one transaction."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from claims.db import make_engine, open_engine, redact
from claims.extract import extract_claims
from claims.models import StoredArticle, StoredClaim
from claims.sources import load_article
from claims.store import article_claims, save_article


def test_sqlite_connection_settings(db_url: str) -> None:
    engine = open_engine(db_url)
    with engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert conn.execute(text("PRAGMA busy_timeout")).scalar() == 30000


def test_article_is_stored_once(db_url: str, seed_article: Path) -> None:
    engine = open_engine(db_url)
    article = load_article(str(seed_article))
    claims = extract_claims(article.text, published=article.published)
    first = save_article(engine, article, claims)
    again = save_article(engine, article, claims)
    assert first.created and not again.created
    assert first.article_id == again.article_id
    assert again.claims == len(claims)
    with Session(engine) as session:
        assert len(session.exec(select(StoredArticle)).all()) == 1
        stored = article_claims(session, first.article_id)
    assert [c.quote for c in stored] == [c.quote for c in claims]
    for claim in stored:
        assert article.text[claim.start : claim.end] == claim.quote
        assert claim.status == "pending"


def test_failed_write_leaves_nothing(db_url: str, seed_article: Path) -> None:
    engine = open_engine(db_url)
    article = load_article(str(seed_article))
    claims = extract_claims(article.text)
    bad = [
        *claims,
        claims[0].__class__(**{**claims[0].to_dict(), "kind": None}),
    ]  # NOT NULL violation
    with pytest.raises(IntegrityError):
        save_article(engine, article, bad)
    with Session(make_engine(db_url)) as session:
        assert session.exec(select(StoredArticle)).all() == []
        assert session.exec(select(StoredClaim)).all() == []


def test_redact_hides_passwords() -> None:
    assert "s3cret" not in redact("postgresql+psycopg://editor:s3cret@db.example/claims")

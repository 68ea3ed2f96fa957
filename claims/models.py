"""SQLModel tables: articles, their claims, editors' verdicts and review leases.

Verdicts are append-only: a changed verdict is a new row and the current verdict
of a claim is its latest. A lease gives one editor a claim for a while; there is
at most one lease per claim (the claim id is its primary key).

An article keeps one row per identity (its URL, else its source path) whose id
never changes; when its text changes it becomes the next revision in place, each
revision is logged in ``article_revision``, and each claim records the revision
it appeared in and the one it went missing in.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, Column, Index, Integer, String, Text, UniqueConstraint
from sqlmodel import Field, SQLModel
from sqlmodel.main import SQLModelConfig


def utcnow() -> dt.datetime:
    """Now, as an aware UTC datetime (SQLModel stores and returns UTC)."""
    return dt.datetime.now(dt.UTC)


class ClaimStatus:
    """The states of a claim in the review queue."""

    PENDING = "pending"
    LEASED = "leased"
    REVIEWED = "reviewed"
    GONE = "gone"


class Table(SQLModel):
    """The base of our tables: pydantic builds a table's validator the first time one is used.

    Building all eight at import was a sixth of a review command's start-up, and the
    review commands use the tables for SQL, not for validation.
    """

    model_config = SQLModelConfig(defer_build=True)


class StoredArticle(Table, table=True):
    """An article as checked: its text, where it came from and what we know of it."""

    __tablename__ = "article"
    __table_args__ = (
        UniqueConstraint("content_hash", name="uq_article_content_hash"),
        Index("ix_article_identity", "identity", unique=True),
    )

    id: int | None = Field(default=None, primary_key=True)
    source: str = Field(sa_column=Column(Text, nullable=False))
    url: str | None = Field(default=None, sa_column=Column(Text))
    slug: str = Field(index=True, max_length=80)
    title: str = Field(sa_column=Column(Text, nullable=False))
    author: str | None = Field(default=None, sa_column=Column(Text))
    published: dt.date | None = None
    fetched: dt.datetime | None = None
    checked_at: dt.datetime = Field(default_factory=utcnow, index=True)
    content_hash: str = Field(max_length=64)
    revision: int = 1
    text: str = Field(sa_column=Column(Text, nullable=False))
    #: URL, else source path; None for standard input (never revised).
    identity: str | None = Field(default=None, sa_column=Column(Text))
    #: Claims the extractor found in the latest revision, when more than CLAIMS_MAX_CLAIMS were.
    claims_found: int | None = Field(default=None, sa_column=Column(Integer))


class StoredClaim(Table, table=True):
    """A claim found in an article, with its place in the review queue."""

    __tablename__ = "claim"
    # ``next`` walks this index backwards: pending, best score, newest first. The digest's
    # "waiting longest" walks ix_claim_waiting forwards: pending, oldest first.
    __table_args__ = (
        Index("ix_claim_next", "status", "score", "created_at", "id"),
        Index("ix_claim_waiting", "status", "created_at", "id"),
        Index("ix_claim_totals", "status", "verdict_rating"),
    )

    id: int | None = Field(default=None, primary_key=True)
    article_id: int = Field(foreign_key="article.id", index=True, ondelete="CASCADE")
    position: int = 0
    quote: str = Field(sa_column=Column(Text, nullable=False))
    start: int
    end: int
    sentence: str = Field(sa_column=Column(Text, nullable=False))
    text: str = Field(sa_column=Column(Text, nullable=False))
    kind: str = Field(max_length=20, index=True)
    score: float
    reason: str = Field(sa_column=Column(Text, nullable=False, default=""))
    values: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    speaker: str | None = Field(default=None, sa_column=Column(Text))
    status: str = Field(default=ClaimStatus.PENDING, max_length=16)
    normalized: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    created_at: dt.datetime = Field(default_factory=utcnow)
    #: The article revision the claim first appeared in, and the one it went missing in.
    revision: int = Field(default=1, sa_column=Column(Integer, nullable=False, server_default="1"))
    gone_revision: int | None = Field(default=None, sa_column=Column(Integer))
    #: Hash of kind, facts and speaker: the candidates for "restates an earlier claim".
    fingerprint: str = Field(default="", sa_column=Column(String(64), nullable=False, server_default="", index=True))
    #: An earlier reviewed claim this one restates (a soft link: no foreign key, so the
    #: column could be added in place on SQLite).
    match_of: int | None = Field(default=None, sa_column=Column(Integer))
    #: The rating of the claim's latest verdict, set in the verdict's own transaction: the
    #: index's verdict counts read it with the statuses (``ix_claim_totals``) instead of
    #: seeking every reviewed claim's latest verdict. It counts only while the claim is
    #: reviewed (or gone); a claim back in the queue keeps it until its next verdict.
    verdict_rating: str | None = Field(default=None, sa_column=Column(String(40)))


class ArticleRevision(Table, table=True):
    """One revision of an article: when it was checked and what changed."""

    __tablename__ = "article_revision"
    __table_args__ = (UniqueConstraint("article_id", "revision", name="uq_article_revision"),)

    id: int | None = Field(default=None, primary_key=True)
    article_id: int = Field(foreign_key="article.id", index=True, ondelete="CASCADE")
    revision: int
    content_hash: str = Field(max_length=64)
    checked_at: dt.datetime = Field(default_factory=utcnow)
    added: int = 0
    kept: int = 0
    gone: int = 0
    #: Kept claims whose facts changed, so their verdict no longer applies.
    changed: int = Field(default=0, sa_column=Column(Integer, nullable=False, server_default="0"))


class Verdict(Table, table=True):
    """An editor's rating of a claim; never updated, only added."""

    __tablename__ = "verdict"
    # A claim's current verdict (its latest) in one seek.
    __table_args__ = (Index("ix_verdict_latest", "claim_id", "created_at", "id"),)

    id: int | None = Field(default=None, primary_key=True)
    claim_id: int = Field(foreign_key="claim.id", index=True, ondelete="CASCADE")
    rating: str = Field(max_length=40)
    explanation: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    sources: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    reviewer: str = Field(max_length=120)
    created_at: dt.datetime = Field(default_factory=utcnow, index=True)
    #: The claim as it was judged: a revision that changes these facts unbinds the verdict.
    claim_text: str | None = Field(default=None, sa_column=Column(Text))
    claim_quote: str | None = Field(default=None, sa_column=Column(Text))
    claim_values: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON))
    claim_speaker: str | None = Field(default=None, sa_column=Column(Text))
    claim_sentence: str | None = Field(default=None, sa_column=Column(Text))
    #: The ClaimReview sentence as the editor corrected it (``--claim-text``), if they did.
    claim_reviewed: str | None = Field(default=None, sa_column=Column(Text))
    #: The rating on the scale of the day: a later scale change keeps the published numbers.
    normalized: str | None = Field(default=None, sa_column=Column(String(16)))
    rating_value: int | None = Field(default=None, sa_column=Column(Integer))
    best_rating: int | None = Field(default=None, sa_column=Column(Integer))
    worst_rating: int | None = Field(default=None, sa_column=Column(Integer))
    #: The verdict this one confirmed (``suggested``): kept as data, never in the public text.
    based_on: int | None = Field(default=None, sa_column=Column(Integer))


class Lease(Table, table=True):
    """One editor's hold on one claim until ``expires_at``."""

    __tablename__ = "lease"

    claim_id: int = Field(foreign_key="claim.id", primary_key=True, ondelete="CASCADE")
    reviewer: str = Field(max_length=120, index=True)
    leased_at: dt.datetime = Field(default_factory=utcnow)
    expires_at: dt.datetime = Field(index=True)


class FeedState(Table, table=True):
    """A polled RSS or Atom feed: its conditional-GET validators and the last poll's outcome."""

    __tablename__ = "feed_state"
    __table_args__ = (UniqueConstraint("url", name="uq_feed_state_url"),)

    id: int | None = Field(default=None, primary_key=True)
    url: str = Field(sa_column=Column(Text, nullable=False))
    title: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    etag: str | None = Field(default=None, sa_column=Column(Text))
    last_modified: str | None = Field(default=None, sa_column=Column(Text))
    polled_at: dt.datetime | None = None
    changed_at: dt.datetime | None = None
    last_status: int | None = None
    last_error: str | None = Field(default=None, sa_column=Column(Text))
    # The items already handled, keyed by guid (or link): {"status", "article_id", "seen"}.
    # An item is checked once; one that failed for a passing reason is tried again.
    items: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))


class WebUser(Table, table=True):
    """An account of the review desk (``claims web``): an editor, or an admin who may also reopen claims.

    ``password_hash`` holds ``scrypt$N$r$p$salt$hash`` (base64): the salt is per user and
    the password itself is never stored.
    """

    __tablename__ = "web_user"
    __table_args__ = (UniqueConstraint("name", name="uq_web_user_name"),)

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=120)
    password_hash: str = Field(sa_column=Column(Text, nullable=False))
    is_admin: bool = False
    created_at: dt.datetime = Field(default_factory=utcnow)
    password_changed_at: dt.datetime = Field(default_factory=utcnow)


class WebSession(Table, table=True):
    """A logged-in browser: the SHA-256 of its cookie's token, its CSRF token and when it was last seen."""

    __tablename__ = "web_session"

    id: str = Field(primary_key=True, max_length=64)
    user_id: int = Field(foreign_key="web_user.id", index=True, ondelete="CASCADE")
    csrf: str = Field(max_length=64)
    created_at: dt.datetime = Field(default_factory=utcnow)
    seen_at: dt.datetime = Field(default_factory=utcnow, index=True)

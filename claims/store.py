"""Put checked articles and their claims into the database, and read them back.

An article is one row per identity (its URL, else its source path; text from
standard input has none), and its id never changes. Checking the same text
again stores nothing (content hash). Checking changed text of a known article
makes it the next revision in place: claims that still stand (matched by their
normalized quote, else by facts, speaker and wording) keep their id, verdicts
and history and take their new place in the text; a kept claim whose facts
changed since its verdict (values, negation, speaker, quote or wording beyond
white space and punctuation) goes back to the queue, its verdict kept as history
and offered as a suggestion (see :func:`claims.matching.changes`); new claims are queued;
claims no longer in the text are marked ``gone``. Every revision is logged in
``article_revision`` with what it added, kept and dropped.

Each write runs in one transaction (``BEGIN IMMEDIATE`` on SQLite, so writers
queue up instead of failing when a read turns into a write), retried with a
bounded back-off while the database is busy.
"""

from __future__ import annotations

import random
import sqlite3
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

from sqlalchemy import delete
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlmodel import Session, col, func, select
from sqlmodel.sql.expression import SelectOfScalar

from claims import matching
from claims.config import DEFAULT_MAX_CLAIMS
from claims.db import BUSY_TIMEOUT_MS
from claims.errors import NotFound, StoreError
from claims.models import ArticleRevision, ClaimStatus, Lease, StoredArticle, StoredClaim, utcnow

if TYPE_CHECKING:  # annotations only: the review commands need the store, not the extractor
    from claims.extract import Claim
    from claims.sources import Article

T = TypeVar("T")
#: The largest row id SQLite and PostgreSQL (BIGINT) can hold; a larger one names no row.
MAX_ID = 2**63 - 1
#: Attempts of a write transaction while SQLite is busy (each after a 30 s busy timeout)
#: or PostgreSQL reports a deadlock or serialization failure.
ATTEMPTS = 4
_RETRY_SQLSTATES = {"40001", "40P01"}


def _transient(exc: OperationalError) -> bool:
    if getattr(exc.orig, "sqlstate", None) in _RETRY_SQLSTATES:
        return True
    message = str(exc.orig).lower()
    return "database is locked" in message or "database is busy" in message


def begin_immediate(session: Session, wait: float = BUSY_TIMEOUT_MS / 1000) -> None:
    """Take SQLite's write lock, polling every millisecond or two for up to ``wait`` seconds.

    SQLite's own busy handler sleeps 1, 2, 5, 10 ... 100 ms between tries, so under
    contention a waiting writer sleeps long after the lock is free; polling keeps
    four editors and a writer near the speed of one. Only ``BEGIN`` polls: once we
    hold the lock nothing else in the transaction waits for another writer.
    """
    raw = session.connection().connection.driver_connection
    assert raw is not None
    raw.execute("PRAGMA busy_timeout = 0")
    try:
        deadline = time.monotonic() + wait
        while True:
            try:
                raw.execute("BEGIN IMMEDIATE")
                return
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) and "busy" not in str(exc):
                    raise
                if time.monotonic() > deadline:
                    raise StoreError(f"the database stayed busy, nothing was written; try again ({exc})") from None
                time.sleep(random.uniform(0.0005, 0.002))
    finally:
        raw.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")


def write(engine: Engine, work: Callable[[Session], T]) -> T:
    """Run ``work(session)`` in one write transaction and commit; nothing is written if it raises."""
    for attempt in range(1, ATTEMPTS + 1):
        try:
            with Session(engine, expire_on_commit=False) as session:
                try:
                    if engine.dialect.name == "sqlite":
                        # Take the write lock first: a deferred transaction that reads and
                        # then writes fails at once with SQLITE_BUSY, busy timeout or not.
                        begin_immediate(session)
                    result = work(session)
                    session.commit()
                    return result
                except BaseException:
                    session.rollback()
                    raise
        except OperationalError as exc:
            if not _transient(exc):
                raise
            if attempt == ATTEMPTS:
                raise StoreError(f"the database stayed busy, nothing was written; try again ({exc.orig})") from None
            time.sleep(random.uniform(0.05, 0.2) * 2**attempt)
    raise AssertionError("unreachable")


@dataclass(frozen=True)
class Queued:
    """What :func:`save_article` did: the article's id, whether anything was stored, the revision."""

    article_id: int
    slug: str
    created: bool
    claims: int
    revision: int = 1
    added: int = 0
    kept: int = 0
    gone: int = 0
    #: Kept claims whose facts changed since their verdict: back in the queue, the verdict as a suggestion.
    changed: int = 0
    #: Claims the extractor found; more than ``claims`` when the per-article bound cut them.
    found: int = 0

    @property
    def capped(self) -> bool:
        """Whether more claims were found than were kept (CLAIMS_MAX_CLAIMS)."""
        return self.found > self.claims


def bound_claims(claims: Sequence[Claim], limit: int = DEFAULT_MAX_CLAIMS) -> list[Claim]:
    """At most ``limit`` claims: the best by check-worthiness (the earlier on a tie), in text order."""
    if len(claims) <= limit:
        return list(claims)
    best = sorted(range(len(claims)), key=lambda i: (-claims[i].score, i))[: max(0, limit)]
    return [claims[i] for i in sorted(best)]


def bound_message(source: str, found: int, kept: int) -> str:
    """The warning when an article had more claims than the bound: CLI, run log and report say the same."""
    return f"{source}: {found:,} claims found; only the {kept:,} most check-worthy are queued (CLAIMS_MAX_CLAIMS)"


def normalized_form(claim: Claim) -> str:
    """A lower-case, punctuation-free form of the quote, for matching restated claims."""
    return matching.normalize_text(claim.quote)


def article_identity(article: Article) -> str | None:
    """What makes two checks the same article: its URL, else its source path (None for stdin)."""
    if article.url:
        return article.url
    return None if article.source in ("", "-") else article.source


def find_by_hash(session: Session, content_hash: str) -> StoredArticle | None:
    """The stored article with this content hash, if any."""
    return session.exec(select(StoredArticle).where(StoredArticle.content_hash == content_hash)).first()


def find_by_identity(session: Session, identity: str) -> StoredArticle | None:
    """The stored article with this identity, if any."""
    return session.exec(select(StoredArticle).where(StoredArticle.identity == identity)).first()


def _fields(claim: Claim, position: int) -> dict:
    return {
        "position": position,
        "quote": claim.quote,
        "start": claim.start,
        "end": claim.end,
        "sentence": claim.sentence,
        "text": claim.text,
        "kind": claim.kind,
        "score": claim.score,
        "reason": claim.reason,
        "values": dict(claim.values),
        "speaker": claim.speaker,
        "normalized": normalized_form(claim),
        "fingerprint": matching.fingerprint(claim.kind, claim.values, claim.speaker),
    }


def _queue_new(session: Session, article: StoredArticle, new: list[tuple[int, Claim]]) -> None:
    stored = [
        StoredClaim(article_id=article.id, revision=article.revision, status=ClaimStatus.PENDING, **_fields(c, pos))  # type: ignore[arg-type]
        for pos, c in new
    ]
    session.add_all(stored)
    session.flush()
    matching.link_restatements(session, stored)  # claims already reviewed, in any article


def _log_revision(session: Session, article: StoredArticle, added: int, kept: int, gone: int, changed: int = 0) -> None:
    session.add(
        ArticleRevision(
            article_id=article.id,  # type: ignore[arg-type]
            revision=article.revision,
            content_hash=article.content_hash,
            checked_at=article.checked_at,
            added=added,
            kept=kept,
            gone=gone,
            changed=changed,
        )
    )


def _revise(session: Session, stored: StoredArticle, article: Article, claims: Sequence[Claim], found: int) -> Queued:
    stored.revision += 1
    stored.claims_found = found if found > len(claims) else None
    stored.text, stored.content_hash, stored.title = article.text, article.content_hash, article.title
    stored.author, stored.published, stored.fetched = article.author, article.published, article.fetched
    stored.checked_at = utcnow()
    session.add(stored)
    # Lock the old claims (PostgreSQL) so a concurrent `next` or verdict waits for the revision.
    old = article_claims(session, stored.id, lock=True)  # type: ignore[arg-type]
    pairs = matching.pair(old, claims)
    verdicts = matching.latest_verdicts(session, [c.id for c in old if c.id is not None])
    changed = 0
    for index, previous in pairs.items():
        for name, value in _fields(claims[index], index).items():
            setattr(previous, name, value)
        verdict = verdicts.get(previous.id)  # type: ignore[arg-type]
        # The verdict holds only for the claim it judged: changed facts send the claim back to the queue.
        bound = verdict is not None and not matching.changes(verdict, previous)
        if previous.status == ClaimStatus.GONE:  # back in the text
            previous.status = ClaimStatus.REVIEWED if bound else ClaimStatus.PENDING
            previous.gone_revision = None
        elif previous.status == ClaimStatus.REVIEWED and not bound:
            previous.status = ClaimStatus.PENDING
        if verdict is not None and not bound:
            changed += 1
        session.add(previous)
    kept_ids = {c.id for c in pairs.values()}
    dropped = [c for c in old if c.id not in kept_ids and c.status != ClaimStatus.GONE]
    for claim in dropped:
        claim.status, claim.gone_revision = ClaimStatus.GONE, stored.revision
        session.add(claim)
    if dropped:
        session.execute(delete(Lease).where(col(Lease.claim_id).in_([c.id for c in dropped])))
    new = [(i, c) for i, c in enumerate(claims) if i not in pairs]
    _queue_new(session, stored, new)
    _log_revision(session, stored, len(new), len(pairs), len(dropped), changed)
    return Queued(
        stored.id,  # type: ignore[arg-type]
        stored.slug,
        True,
        len(claims),
        stored.revision,
        len(new),
        len(pairs),
        len(dropped),
        changed,
        found,
    )


def _save(session: Session, article: Article, claims: Sequence[Claim], found: int) -> Queued:
    existing = find_by_hash(session, article.content_hash)
    if existing is not None:
        count = session.exec(
            select(func.count())
            .where(StoredClaim.article_id == existing.id)
            .where(StoredClaim.status != ClaimStatus.GONE)
        ).one()
        known = existing.claims_found or count
        return Queued(existing.id, existing.slug, False, count, existing.revision, found=known)  # type: ignore[arg-type]
    identity = article_identity(article)
    current = find_by_identity(session, identity) if identity else None
    if current is not None:
        return _revise(session, current, article, claims, found)
    stored = StoredArticle(
        source=article.source,
        url=article.url,
        identity=identity,
        slug=article.slug,
        title=article.title,
        author=article.author,
        published=article.published,
        fetched=article.fetched,
        content_hash=article.content_hash,
        text=article.text,
        claims_found=found if found > len(claims) else None,
    )
    session.add(stored)
    session.flush()
    _queue_new(session, stored, list(enumerate(claims)))
    _log_revision(session, stored, len(claims), 0, 0)
    return Queued(stored.id, stored.slug, True, len(claims), 1, len(claims), found=found)  # type: ignore[arg-type]


def save_article(
    engine: Engine, article: Article, claims: Sequence[Claim], max_claims: int = DEFAULT_MAX_CLAIMS
) -> Queued:
    """Store ``article`` and queue ``claims``: a new article, a new revision, or nothing if the text is known.

    At most ``max_claims`` claims are kept, the best by check-worthiness (:func:`bound_claims`);
    the result's ``found`` says how many there were.
    """
    kept = bound_claims(claims, max_claims)
    try:
        return write(engine, lambda session: _save(session, article, kept, len(claims)))
    except IntegrityError:
        # Another process stored the same text or identity between our check and insert
        # (PostgreSQL; SQLite writers are serialised): the second attempt sees it.
        return write(engine, lambda session: _save(session, article, kept, len(claims)))


def get_article(session: Session, article_id: int) -> StoredArticle:
    """The article with this id, or :class:`NotFound`."""
    if not 0 < article_id <= MAX_ID:  # the driver cannot even bind it (OverflowError)
        raise NotFound(f"no article with id {article_id}")
    article = session.get(StoredArticle, article_id)
    if article is None:
        raise NotFound(f"no article with id {article_id}")
    return article


def article_claims_query(article_id: int) -> SelectOfScalar[StoredClaim]:
    """The query of an article's claims in text order (the report runs it for plain rows)."""
    return (
        select(StoredClaim)
        .where(StoredClaim.article_id == article_id)
        .order_by(col(StoredClaim.start), col(StoredClaim.id))
    )


def article_claims(session: Session, article_id: int, lock: bool = False) -> list[StoredClaim]:
    """The claims of an article in text order (their rows locked for the transaction if ``lock``)."""
    query = article_claims_query(article_id)
    return list(session.exec(query.with_for_update() if lock else query))


def list_articles(session: Session) -> list[StoredArticle]:
    """Every article, newest check first."""
    return list(
        session.exec(select(StoredArticle).order_by(col(StoredArticle.checked_at).desc(), col(StoredArticle.id).desc()))
    )


def article_revisions(session: Session, article_id: int) -> list[ArticleRevision]:
    """The revisions of an article, oldest first."""
    query = (
        select(ArticleRevision).where(ArticleRevision.article_id == article_id).order_by(col(ArticleRevision.revision))
    )
    return list(session.exec(query))

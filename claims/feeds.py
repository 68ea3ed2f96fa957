"""RSS 2.0 and Atom feeds: fetch them conditionally, parse them, remember what was seen.

:func:`poll_feed` sends the ``ETag`` and ``Last-Modified`` of the last answer,
parses the feed with feedparser when it changed, and returns the items still to
check: those never seen, those the feed marks as updated since (a new
``<updated>`` or ``<pubDate>``: the story changed), and those whose last check
failed for a passing reason (a 5xx or a time-out), up to :data:`MAX_ATTEMPTS` polls. The new items are written
to the feed's :class:`~claims.models.FeedState` as "pending" in the same
transaction as the validators, so a crash between the poll and the checks
loses nothing: pending items come back on the next poll even when it is a 304.
:func:`record_items` writes the outcomes of a poll's items in one transaction (the
state is one JSON value, so writing it per item made a large feed quadratic).

A poll considers at most ``CLAIMS_FEED_MAX_ITEMS`` items (200), the newest first,
and logs a warning naming how many it left out; the feed's state keeps only those.
"""

from __future__ import annotations

import calendar
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import httpx
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from claims.config import Settings
from claims.db import session_scope
from claims.errors import SourceError
from claims.fetch import fetch
from claims.models import FeedState, utcnow
from claims.redact import redact_url

log = logging.getLogger("claims.feeds")

FEED_TYPES = {
    "application/rss+xml": "feed",
    "application/atom+xml": "feed",
    "application/rdf+xml": "feed",
    "application/xml": "feed",
    "text/xml": "feed",
    "text/plain": "feed",
}
#: Polls on which an item that failed for a passing reason is tried again.
MAX_ATTEMPTS = 3


class ItemStatus:
    """The states of a feed item in :attr:`FeedState.items`."""

    PENDING = "pending"  # found, not yet checked
    CHECKED = "checked"  # the article is stored (new or already known)
    RETRY = "retry"  # failed for a passing reason: tried again on the next poll
    FAILED = "failed"  # failed for good (4xx, not an article, too many attempts)


@dataclass(frozen=True)
class FeedItem:
    """One entry of a feed: its key (guid, else link), link, title and last-updated stamp."""

    key: str
    link: str
    title: str = ""
    updated: str | None = None
    #: The item's date (updated, else published) in seconds since the epoch, for newest-first order.
    stamp: float | None = None


@dataclass(frozen=True)
class Feed:
    """A parsed feed."""

    url: str
    title: str
    version: str
    items: list[FeedItem]


@dataclass(frozen=True)
class Poll:
    """What one poll of a feed found: the HTTP status and the items to check now."""

    url: str
    title: str
    status: int
    items_in_feed: int
    todo: list[FeedItem] = field(default_factory=list)
    #: Items left out of this poll by ``CLAIMS_FEED_MAX_ITEMS`` (the oldest).
    skipped: int = 0

    @property
    def not_modified(self) -> bool:
        """True when the server answered 304 Not Modified."""
        return self.status == 304


def parse_feed(data: bytes, url: str) -> Feed:
    """Parse RSS or Atom bytes; links are made absolute against ``url``."""
    import feedparser  # deferred: only feed work needs it

    parsed = feedparser.parse(data)
    if not parsed.get("version") and not parsed.entries:
        reason = getattr(parsed.get("bozo_exception"), "getMessage", lambda: "")() or "no RSS or Atom found"
        raise SourceError(f"{url}: not an RSS or Atom feed ({reason})")
    items = []
    seen: set[str] = set()
    for entry in parsed.entries:
        link = entry.get("link") or next(
            (ln.get("href") for ln in entry.get("links", []) if ln.get("rel", "alternate") == "alternate"), None
        )
        if not link:
            continue
        link = urljoin(url, link.strip())
        key = (entry.get("id") or "").strip() or link
        if key in seen:
            continue
        seen.add(key)
        items.append(
            FeedItem(
                key=key,
                link=link,
                title=(entry.get("title") or "").strip(),
                # dict.get: FeedParserDict maps a missing "updated" to "published" with a warning
                updated=dict.get(entry, "updated") or dict.get(entry, "published"),
                stamp=_stamp(dict.get(entry, "updated_parsed") or dict.get(entry, "published_parsed")),
            )
        )
    return Feed(url=url, title=(parsed.feed.get("title") or "").strip(), version=parsed.get("version", ""), items=items)


def _stamp(parsed: Any) -> float | None:
    try:
        return float(calendar.timegm(parsed)) if parsed else None
    except (TypeError, ValueError, OverflowError):
        return None


def newest(items: Sequence[FeedItem], limit: int) -> list[FeedItem]:
    """The ``limit`` newest items (undated ones after dated ones, in feed order); feed order kept."""
    if len(items) <= limit:
        return list(items)
    order = sorted(range(len(items)), key=lambda i: (items[i].stamp is None, -(items[i].stamp or 0.0), i))
    return [items[i] for i in sorted(order[:limit])]


def read_feeds_file(path: str | Path) -> list[str]:
    """Feed URLs from a text file: one a line; blank lines and ``#`` comments skipped."""
    try:
        lines = Path(path).expanduser().read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise SourceError(f"{path}: cannot read the feeds file ({exc.strerror})") from None
    return [line.split("#", 1)[0].strip() for line in lines if line.split("#", 1)[0].strip()]


def feed_list(feeds: Iterable[str] | None = None, feeds_file: str | None = None) -> list[str]:
    """The feed URLs given directly and in ``feeds_file``, without duplicates, in order."""
    urls = [*(feeds or []), *(read_feeds_file(feeds_file) if feeds_file else [])]
    return list(dict.fromkeys(u.strip() for u in urls if u and u.strip()))


def get_state(session: Session, url: str) -> FeedState:
    """The feed's stored state, created empty on first use."""
    state = session.exec(select(FeedState).where(FeedState.url == url)).first()
    if state is None:
        state = FeedState(url=url, items={})
        session.add(state)
        session.flush()
    return state


def _todo(items: dict[str, Any]) -> list[FeedItem]:
    return [
        FeedItem(key=key, link=entry["link"], title=entry.get("title", ""))
        for key, entry in items.items()
        if entry.get("status") in (ItemStatus.PENDING, ItemStatus.RETRY)
    ]


def poll_feed(engine: Engine, url: str, settings: Settings, client: httpx.Client | None = None) -> Poll:
    """Fetch ``url`` (conditional GET), store the new items as pending; the items to check now."""
    with session_scope(engine) as session:
        state = get_state(session, url)
        etag, last_modified = state.etag, state.last_modified
    try:
        answer = fetch(url, settings, client, accept=FEED_TYPES, etag=etag, last_modified=last_modified)
        feed = None if answer.not_modified else parse_feed(answer.body, answer.url)
        skipped = 0
        if feed is not None and len(feed.items) > settings.feed_max_items:
            skipped = len(feed.items) - settings.feed_max_items
            log.warning(
                "feed %s: %d items, only the newest %d are considered (CLAIMS_FEED_MAX_ITEMS)",
                redact_url(url),
                len(feed.items),
                settings.feed_max_items,
            )
            feed = Feed(feed.url, feed.title, feed.version, newest(feed.items, settings.feed_max_items))
    except SourceError as exc:
        with session_scope(engine) as session:
            state = get_state(session, url)
            state.polled_at, state.last_error = utcnow(), str(exc)
        raise
    now = utcnow()
    with session_scope(engine) as session:
        state = get_state(session, url)
        state.polled_at, state.last_status, state.last_error = now, answer.status, None
        items = dict(state.items)
        if feed is not None:
            state.etag, state.last_modified = answer.etag, answer.last_modified
            state.title = feed.title or state.title
            in_feed = {item.key for item in feed.items}
            # Forget finished items the feed no longer lists, so the state stays the feed's size.
            items = {
                key: entry
                for key, entry in items.items()
                if key in in_feed or entry.get("status") in (ItemStatus.PENDING, ItemStatus.RETRY)
            }
            for item in feed.items:
                known = items.get(item.key)
                # A new item, or a known one the feed says was updated (a corrected story): check it.
                if known is None or (
                    item.updated and known.get("updated") != item.updated and known["status"] != ItemStatus.PENDING
                ):
                    items[item.key] = {
                        **(known or {}),
                        "link": item.link,
                        "title": item.title,
                        "updated": item.updated,
                        "status": ItemStatus.PENDING,
                        "attempts": 0,
                        "seen": now.isoformat(),
                    }
                    state.changed_at = now
        state.items = items  # a new dict: SQLAlchemy does not see changes made inside a JSON value
        return Poll(
            url=url,
            title=state.title,
            status=answer.status,
            items_in_feed=len(feed.items) + skipped if feed is not None else 0,
            todo=_todo(items),
            skipped=skipped,
        )


@dataclass(frozen=True)
class ItemResult:
    """The outcome of checking one item, as :func:`record_items` stores it."""

    key: str
    article_id: int | None = None
    error: str | None = None
    transient: bool = False


def record_items(engine: Engine, feed_url: str, results: Iterable[ItemResult]) -> dict[str, str]:
    """Store the outcomes of a poll's items (checked, or failed with ``error``) in one write; their new statuses."""
    results = list(results)
    if not results:
        return {}
    statuses: dict[str, str] = {}
    with session_scope(engine) as session:
        state = get_state(session, feed_url)
        items = dict(state.items)
        now = utcnow().isoformat()
        for result in results:
            entry = dict(items.get(result.key) or {"link": result.key, "title": "", "attempts": 0, "seen": now})
            entry["attempts"] = int(entry.get("attempts", 0)) + 1
            entry["checked"] = now
            if result.error is None:
                entry.update(status=ItemStatus.CHECKED, article_id=result.article_id, error=None)
            else:
                retry = result.transient and entry["attempts"] < MAX_ATTEMPTS
                entry.update(status=ItemStatus.RETRY if retry else ItemStatus.FAILED, error=result.error)
            items[result.key] = entry
            statuses[result.key] = str(entry["status"])
        state.items = items  # a new dict: SQLAlchemy does not see changes made inside a JSON value
    return statuses


def record_item(
    engine: Engine,
    feed_url: str,
    key: str,
    *,
    article_id: int | None = None,
    error: str | None = None,
    transient: bool = False,
) -> str:
    """Store one item's outcome; its new status (:func:`record_items` for many)."""
    return record_items(engine, feed_url, [ItemResult(key, article_id, error, transient)])[key]


def feed_states(engine: Engine) -> list[FeedState]:
    """Every feed polled so far, by URL."""
    with Session(engine) as session:
        return list(session.exec(select(FeedState).order_by(FeedState.url)))  # type: ignore[arg-type]

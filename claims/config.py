"""Settings read from the environment, each with an embedded default."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo

DEFAULT_DATABASE_URL = "sqlite:///claims.db"
DEFAULT_REPORTS_DIR = "reports"
#: Largest article we read, in bytes (file or HTTP body).
DEFAULT_MAX_BYTES = 5 * 1024 * 1024
#: Seconds one read from a host may wait (CLAIMS_FETCH_TIMEOUT).
DEFAULT_FETCH_TIMEOUT = 20.0
#: Seconds one fetch (an article or a feed) may take in all.
DEFAULT_FETCH_DEADLINE = 60.0
DEFAULT_FETCH_BACKOFF = 0.5
#: Items one poll of a feed considers, the newest first.
DEFAULT_FEED_MAX_ITEMS = 200
#: Most claims queued for one article: the best by check-worthiness (CLAIMS_MAX_CLAIMS).
DEFAULT_MAX_CLAIMS = 300


#: The newsroom's time zone (CLAIMS_TIMEZONE): the digest's day and "today" are days there.
TIMEZONE_ENV = "CLAIMS_TIMEZONE"
DEFAULT_TIMEZONE = "UTC"


def newsroom_zone() -> ZoneInfo:
    """The zone CLAIMS_TIMEZONE names (an IANA name, default UTC); :class:`ConfigError` when it names none."""
    return _zone(os.environ.get(TIMEZONE_ENV, "").strip() or DEFAULT_TIMEZONE)


@lru_cache(maxsize=8)
def _zone(name: str) -> ZoneInfo:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        if name.startswith(("/", ".")) or ".." in name:  # a name, never a path to a file
            raise ValueError(name)
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        from claims.errors import ConfigError

        raise ConfigError(
            f"{TIMEZONE_ENV}={name!r} is not a time zone: use an IANA name such as Europe/Berlin or America/New_York"
        ) from None


def newsroom_today(now: dt.datetime | None = None) -> dt.date:
    """Today's date in the newsroom's zone (of ``now``, an aware or naive-UTC time, if given)."""
    now = now or dt.datetime.now(dt.UTC)
    if now.tzinfo is None:
        now = now.replace(tzinfo=dt.UTC)
    return now.astimezone(newsroom_zone()).date()


def day_bounds(day: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """Where the newsroom's ``day`` starts and ends, as UTC times (the database's)."""
    zone = newsroom_zone()
    start = dt.datetime.combine(day, dt.time(), tzinfo=zone)
    end = dt.datetime.combine(day + dt.timedelta(days=1), dt.time(), tzinfo=zone)  # 23 or 25 h across DST
    return start.astimezone(dt.UTC), end.astimezone(dt.UTC)


def _env_int(name: str, default: int) -> int:
    """A whole number of 1 or more from the environment; the default when unset; :class:`ConfigError` when malformed."""
    return _env_number(
        name, default, lambda raw: int(raw.replace("_", "")), lambda v: v >= 1, "a whole number of 1 or more"
    )


def _env_seconds(name: str, default: float, *, zero: bool = False) -> float:
    """A number of seconds from the environment (more than 0, or 0 too with ``zero``); the default when unset;
    :class:`ConfigError` when malformed."""
    return _env_number(
        name,
        default,
        float,
        lambda v: 0 <= v < float("inf") and (v > 0 or zero),  # (NaN fails the first test)
        f"a number of seconds{', 0 or more' if zero else ' above 0'}",
    )


_Number = TypeVar("_Number", int, float)


def _env_number(
    name: str, default: _Number, read: Callable[[str], _Number], ok: Callable[[_Number], bool], what: str
) -> _Number:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = read(raw)
    except ValueError:
        value = None
    if value is None or not ok(value):
        from claims.errors import ConfigError

        raise ConfigError(f"{name} must be {what}, not {raw!r}")
    return value


def _env_list(name: str) -> tuple[str, ...]:
    return tuple(e.strip() for e in os.environ.get(name, "").split(",") if e.strip())


@dataclass(frozen=True)
class Settings:
    """Where things go and how far we go; build with :meth:`from_env`."""

    database_url: str = DEFAULT_DATABASE_URL
    reports_dir: Path = field(default_factory=lambda: Path(DEFAULT_REPORTS_DIR))
    max_bytes: int = DEFAULT_MAX_BYTES
    max_claims: int = DEFAULT_MAX_CLAIMS
    fetch_timeout: float = DEFAULT_FETCH_TIMEOUT
    #: Seconds one fetch may take in all, retries included (CLAIMS_FETCH_DEADLINE): the
    #: time-out above is per read, so a host dripping a byte a second never hits it.
    fetch_deadline: float = DEFAULT_FETCH_DEADLINE
    #: Seconds before the first retry of a failed fetch, doubled each time (CLAIMS_FETCH_BACKOFF).
    fetch_backoff: float = DEFAULT_FETCH_BACKOFF
    #: Items one poll of a feed considers, the newest first (CLAIMS_FEED_MAX_ITEMS).
    feed_max_items: int = DEFAULT_FEED_MAX_ITEMS
    #: The folder whose files runs started through a Prefect deployment may read
    #: (CLAIMS_ARTICLES_DIR); None: they read only http(s) URLs.
    articles_dir: Path | None = None
    user_agent: str = "claims-bot/0.1 (+newsroom fact-check; contact your editor)"
    #: Hosts and networks fetched even though private (CLAIMS_FETCH_ALLOW; see claims.netguard).
    fetch_allow: tuple[str, ...] = field(default_factory=lambda: _env_list("CLAIMS_FETCH_ALLOW"))

    @classmethod
    def from_env(cls, *, database_url: str | None = None, reports_dir: str | Path | None = None) -> Settings:
        """Settings from ``CLAIMS_*`` variables; explicit arguments win."""
        return cls(
            database_url=database_url or os.environ.get("CLAIMS_DATABASE_URL") or DEFAULT_DATABASE_URL,
            reports_dir=Path(reports_dir or os.environ.get("CLAIMS_REPORTS_DIR") or DEFAULT_REPORTS_DIR),
            max_bytes=_env_int("CLAIMS_MAX_BYTES", DEFAULT_MAX_BYTES),
            max_claims=_env_int("CLAIMS_MAX_CLAIMS", DEFAULT_MAX_CLAIMS),
            fetch_timeout=_env_seconds("CLAIMS_FETCH_TIMEOUT", DEFAULT_FETCH_TIMEOUT),
            fetch_deadline=_env_seconds("CLAIMS_FETCH_DEADLINE", DEFAULT_FETCH_DEADLINE),
            fetch_backoff=_env_seconds("CLAIMS_FETCH_BACKOFF", DEFAULT_FETCH_BACKOFF, zero=True),
            fetch_allow=_env_list("CLAIMS_FETCH_ALLOW"),
            feed_max_items=_env_int("CLAIMS_FEED_MAX_ITEMS", DEFAULT_FEED_MAX_ITEMS),
            articles_dir=Path(os.environ["CLAIMS_ARTICLES_DIR"]) if os.environ.get("CLAIMS_ARTICLES_DIR") else None,
        )

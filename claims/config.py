"""Settings read from the environment, each with an embedded default."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_DATABASE_URL = "sqlite:///claims.db"
DEFAULT_REPORTS_DIR = "reports"
#: Largest article we read, in bytes (file or HTTP body).
DEFAULT_MAX_BYTES = 5 * 1024 * 1024
#: Most claims queued for one article: the best by check-worthiness (CLAIMS_MAX_CLAIMS).
DEFAULT_MAX_CLAIMS = 300


def _env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    return int(raw) if raw and raw.strip().isdigit() else default


def _env_list(name: str) -> tuple[str, ...]:
    return tuple(e.strip() for e in os.environ.get(name, "").split(",") if e.strip())


@dataclass(frozen=True)
class Settings:
    """Where things go and how far we go; build with :meth:`from_env`."""

    database_url: str = DEFAULT_DATABASE_URL
    reports_dir: Path = field(default_factory=lambda: Path(DEFAULT_REPORTS_DIR))
    max_bytes: int = DEFAULT_MAX_BYTES
    max_claims: int = DEFAULT_MAX_CLAIMS
    fetch_timeout: float = 20.0
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
            max_claims=max(1, _env_int("CLAIMS_MAX_CLAIMS", DEFAULT_MAX_CLAIMS)),
            fetch_timeout=float(os.environ.get("CLAIMS_FETCH_TIMEOUT") or 20.0),
            fetch_allow=_env_list("CLAIMS_FETCH_ALLOW"),
        )

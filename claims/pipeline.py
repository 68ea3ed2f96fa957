"""The whole check of one article as plain Python: load, extract, store.

Flows wrap these functions in tasks; the benchmark runs them bare to measure
what orchestration costs on top.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

from sqlalchemy.engine import Engine

from claims.config import Settings
from claims.errors import ClaimsError
from claims.extract import extract_claims
from claims.redact import redact_text, redact_url
from claims.sources import check_deployment_source, load_article
from claims.store import save_article


@dataclass(frozen=True)
class Outcome:
    """What checking one source did: small, so a batch of thousands stays light."""

    source: str
    ok: bool
    article_id: int | None = None
    slug: str = ""
    created: bool = False
    claims: int = 0
    error: str = ""
    #: Claims found when more than CLAIMS_MAX_CLAIMS were (0 otherwise).
    found: int = 0


def check_source(source: str, settings: Settings, engine: Engine, *, deployment: bool = False) -> Outcome:
    """Load, extract and store one source; a bad source is an Outcome with its error, not an exception.

    ``deployment``: the run was started through a Prefect deployment, so only http(s)
    URLs and files inside CLAIMS_ARTICLES_DIR are read (:func:`check_deployment_source`).
    """
    try:
        if deployment:
            check_deployment_source(source, settings)
        article = load_article(source, settings)
        claims = extract_claims(article.text, published=article.published)
        queued = save_article(engine, article, claims, settings.max_claims)
    except ClaimsError as exc:
        return Outcome(redact_url(source), False, error=redact_text(str(exc)))
    kept = min(len(claims), settings.max_claims)
    found = len(claims) if len(claims) > kept else 0
    return Outcome(source, True, queued.article_id, queued.slug, queued.created, kept, found=found)


def chunked(items: Iterable[str], size: int) -> Iterator[list[str]]:
    """Consecutive lists of at most ``size`` items, read lazily."""
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def read_sources(path: str | Path) -> Iterator[str]:
    """Sources listed in a file, one per line; blank lines and ``#`` comments are skipped."""
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            line = line.strip()
            if line and not line.startswith("#"):
                yield line

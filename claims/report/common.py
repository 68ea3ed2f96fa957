"""What every report page shares: the Jinja2 environment, its CSP, tones, counts and times."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import os
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup
from sqlmodel import Session, col, func, select

from claims.claimreview import public_text, report_filename, safe_url
from claims.errors import InvalidInput
from claims.extract.claim import KINDS
from claims.models import ClaimStatus, StoredArticle, Verdict
from claims.ratings import RatingScale

#: Most claims listed on the queue page, and on the digest's "waiting longest" list.
QUEUE_LIMIT = 500
WAITING_LIMIT = 20
#: Public URL of the reports folder (ends with /), used for ClaimReview ``url``.
REPORTS_URL_ENV = "CLAIMS_REPORTS_URL"
#: Public URL of the review desk (``claims web``): static pages link each claim to its review page.
WEB_URL_ENV = "CLAIMS_WEB_URL"


def desk_url() -> str:
    """The review desk's URL from CLAIMS_WEB_URL, ending with ``/``; empty when unset or not http(s)."""
    url = safe_url(os.environ.get(WEB_URL_ENV, "").strip())
    if not url:
        return ""
    return url if url.endswith("/") else url + "/"


def templates_dir() -> Path:
    """The templates folder: inside the installed package, else the source checkout's."""
    package = Path(__file__).resolve().parent.parent  # claims/
    packaged = package / "templates"
    if packaged.is_dir():
        return packaged
    return package.parent / "templates"


def _csp_hash(env: Environment, partial: str, tag: str) -> str:
    """The CSP source (``'sha256-...'``) of the inline element a partial renders."""
    html = env.get_template(partial).render()
    found = re.fullmatch(rf"\s*<{tag}>(.*)</{tag}>\s*", html, re.DOTALL)
    if found is None:
        raise RuntimeError(f"{partial} must hold exactly one <{tag}> element")
    digest = hashlib.sha256(found.group(1).encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode()}'"


def content_security_policy(env: Environment, form_action: str = "'none'") -> str:
    """Nothing loads from anywhere; only our own stylesheet and script run (by hash).

    Static pages post no form (``form-action 'none'``); the review desk's pages post
    to their own origin (``'self'``).
    """
    return (
        "default-src 'none'; "
        f"style-src {_csp_hash(env, '_style.html', 'style')}; "
        f"script-src {_csp_hash(env, '_script.html', 'script')}; "
        f"img-src data:; base-uri 'none'; form-action {form_action}"
    )


@lru_cache(maxsize=1)
def environment() -> Environment:
    """The Jinja2 environment shared by every page."""
    env = Environment(
        loader=FileSystemLoader(str(templates_dir())),
        autoescape=select_autoescape(["html", "xml"], default=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,
    )
    env.globals["csp_html"] = Markup(content_security_policy(env))  # our own text: quotes stay quotes
    # What the review desk (claims web) sets per request; static pages keep these defaults:
    # links relative to the reports folder, no desk links unless CLAIMS_WEB_URL, nobody logged in.
    env.globals.update(root="", desk="", user=None, csrf="", notice="")
    env.filters["when"] = when
    return env


def utc(value: dt.datetime) -> dt.datetime:
    """A naive UTC datetime (SQLite hands back naive ones; fresh objects are aware)."""
    if value.tzinfo is not None:
        return value.astimezone(dt.UTC).replace(tzinfo=None)
    return value


def when(value: dt.datetime | dt.date | None) -> str:
    """``2025-03-14 09:30 UTC`` for times, ``2025-03-14`` for dates, empty for None."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return utc(value).strftime("%Y-%m-%d %H:%M UTC")
    return value.isoformat()


def page_link(path: str | Path, base_url: str | None = None) -> str:
    """The address of a written page: under CLAIMS_REPORTS_URL (or ``base_url``) when set, else its file:// URL.

    Prefect artifacts link here: a file:// path of the worker's disk opens nowhere else.
    """
    import os
    from urllib.parse import quote

    base = safe_url(base_url if base_url is not None else os.environ.get(REPORTS_URL_ENV))
    if base:
        return f"{base.rstrip('/')}/{quote(Path(path).name)}"
    return Path(path).resolve().as_uri()


def article_filename(article: StoredArticle) -> str:
    """The report's file name: id and slug, stable across re-renders."""
    return report_filename(article.id or 0, article.slug)


def tone(status: str, rating: str | None, scale: RatingScale) -> str:
    """How a claim looks: its verdict's normalized rating, else its status."""
    if status == ClaimStatus.GONE:
        return "gone"
    if rating:
        try:
            return scale.get(rating).normalized.lower()
        except InvalidInput:
            return "other"
    return status


def kind_order(kinds: set[str]) -> list[str]:
    return sorted(kinds, key=lambda k: (KINDS.index(k) if k in KINDS else len(KINDS), k))


@dataclass(frozen=True)
class Count:
    """A number with its label and tone, for the summary chips."""

    label: str
    n: int
    tone: str = ""


@dataclass(frozen=True)
class Link:
    """A source link: ``url`` is None when the text was not a safe http(s) URL."""

    text: str
    url: str | None


@dataclass(frozen=True)
class VerdictView:
    """One verdict as shown: its rating and tone, who gave it and why."""

    rating: str
    tone: str
    reviewer: str
    explanation: str
    sources: list[Link]
    created_at: dt.datetime


def value_text(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int | float | str):
        return f"{value:,}" if isinstance(value, int) else str(value)
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def verdict_view(verdict: Verdict, scale: RatingScale) -> VerdictView:
    return VerdictView(
        rating=verdict.rating,
        tone=tone(ClaimStatus.REVIEWED, verdict.rating, scale),
        reviewer=verdict.reviewer,
        explanation=public_text(verdict.explanation),
        sources=[Link(str(s), safe_url(str(s))) for s in verdict.sources or []],
        created_at=utc(verdict.created_at),
    )


_STATUS_ORDER = (ClaimStatus.PENDING, ClaimStatus.LEASED, ClaimStatus.REVIEWED, ClaimStatus.GONE)


def status_key(item: tuple[str, int]) -> tuple[int, str]:
    status = item[0]
    return (_STATUS_ORDER.index(status) if status in _STATUS_ORDER else len(_STATUS_ORDER), status)


def rating_counts(counts: Counter[str], scale: RatingScale) -> list[Count]:
    """Counts per rating label in the scale's order (best first), labels no longer in the scale last."""
    rank = {r.label: (i, r.normalized.lower()) for i, r in enumerate(scale.ratings)}
    unknown = (len(rank), "other")
    ordered = sorted(counts, key=lambda r: (rank.get(r, unknown)[0], r))
    return [Count(r, counts[r], rank.get(r, unknown)[1]) for r in ordered]


def data_updated(session: Session) -> dt.datetime:
    """The latest change in the data: a new article (or revision) or verdict."""
    # Claims are created with their article (or its new revision), so checked_at covers them.
    stamps = [
        session.exec(select(func.max(col(StoredArticle.checked_at)))).one(),
        session.exec(select(func.max(col(Verdict.created_at)))).one(),
    ]
    present = [utc(s) for s in stamps if s is not None]
    return max(present) if present else dt.datetime(1970, 1, 1)

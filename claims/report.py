"""HTML review reports: one page per article plus an index, rendered with Jinja2.

Templates live in the project's ``templates/`` folder, shipped inside the wheel
as ``claims/templates``. Autoescape is on everywhere and undefined names fail
loudly (``StrictUndefined``). Each page's context is a dataclass.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape
from sqlalchemy.engine import Engine
from sqlmodel import Session

from claims.models import StoredArticle, StoredClaim, utcnow
from claims.store import article_claims, get_article, list_articles


def templates_dir() -> Path:
    """The templates folder: inside the installed package, else the source checkout's."""
    packaged = Path(__file__).resolve().parent / "templates"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "templates"


@lru_cache(maxsize=1)
def environment() -> Environment:
    """The Jinja2 environment shared by every page."""
    env = Environment(
        loader=FileSystemLoader(str(templates_dir())),
        autoescape=select_autoescape(["html", "xml"], default=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return env


def highlight_html(text: str, claims: list[StoredClaim]) -> Markup:
    """The article text as escaped paragraphs, each claim's span wrapped in a linked <mark>."""
    spans = sorted((c for c in claims if 0 <= c.start < c.end <= len(text)), key=lambda c: (c.start, -c.end))
    out: list[str] = []
    pos = 0
    for claim in spans:
        if claim.start < pos:  # overlaps one already marked: listed in the table, not marked twice
            continue
        out.append(str(escape(text[pos : claim.start])))
        label = f"{claim.kind}, {claim.status}"
        out.append(
            f'<a class="claim-link" href="#claim-{claim.id}"><mark class="claim kind-{escape(claim.kind)} '
            f'status-{escape(claim.status)}" id="mark-{claim.id}" title="{escape(label)}">'
            f"{escape(text[claim.start : claim.end])}</mark></a>"
        )
        pos = claim.end
    out.append(str(escape(text[pos:])))
    paragraphs = [p.strip() for p in "".join(out).split("\n") if p.strip()]
    return Markup("\n".join(f"<p>{p}</p>" for p in paragraphs))


@dataclass(frozen=True)
class ArticlePage:
    """Context of ``article.html``."""

    article: StoredArticle
    claims: list[StoredClaim]
    generated: dt.datetime
    text_html: Markup
    counts: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class IndexRow:
    """One article on the index page."""

    article: StoredArticle
    href: str
    total: int
    reviewed: int


@dataclass(frozen=True)
class IndexPage:
    """Context of ``index.html``."""

    rows: list[IndexRow]
    generated: dt.datetime


def article_filename(article: StoredArticle) -> str:
    """The report's file name: id and slug, stable across re-renders."""
    return f"{article.id:05d}-{article.slug}.html"


def write_if_changed(path: Path, content: str) -> bool:
    """Write ``content`` atomically unless the file already holds it; True when written."""
    try:
        if path.read_text(encoding="utf-8") == content:
            return False
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".html")
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(content)
    os.replace(tmp, path)
    return True


def render_article(session: Session, article_id: int, now: dt.datetime | None = None) -> tuple[StoredArticle, str]:
    """The HTML of an article's report."""
    article = get_article(session, article_id)
    claims = article_claims(session, article_id)
    counts: dict[str, int] = {}
    for claim in claims:
        counts[claim.status] = counts.get(claim.status, 0) + 1
    page = ArticlePage(
        article=article,
        claims=claims,
        generated=now or article.checked_at,
        text_html=highlight_html(article.text, claims),
        counts=counts,
    )
    return article, environment().get_template("article.html").render(page=page)


def render_index(session: Session, now: dt.datetime | None = None) -> str:
    """The HTML of the index of every article."""
    rows = []
    for article in list_articles(session):
        claims = article_claims(session, article.id)  # type: ignore[arg-type]
        reviewed = sum(1 for c in claims if c.status == "reviewed")
        rows.append(
            IndexRow(
                article=article,
                href=article_filename(article),
                total=len(claims),
                reviewed=reviewed,
            )
        )
    latest = max((row.article.checked_at for row in rows), default=None)
    page = IndexPage(rows=rows, generated=now or latest or utcnow())
    return environment().get_template("index.html").render(page=page)


def write_reports(engine: Engine, reports_dir: Path, article_ids: list[int] | None = None) -> Path | None:
    """Render the reports of ``article_ids`` (all when None) and the index; the last article's path."""
    reports_dir = Path(reports_dir)
    last: Path | None = None
    with Session(engine) as session:
        ids = article_ids if article_ids is not None else [a.id for a in list_articles(session)]
        for article_id in ids:
            article, html = render_article(session, article_id)  # type: ignore[arg-type]
            last = reports_dir / article_filename(article)
            write_if_changed(last, html)
        write_if_changed(reports_dir / "index.html", render_index(session))
    return last

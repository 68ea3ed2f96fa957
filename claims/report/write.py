"""Writing the pages: only what changed, atomically, readable by others."""

from __future__ import annotations

import datetime as dt
import gc
import os
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from claims.models import StoredArticle
from claims.report.article import ArticlePage, render_article
from claims.report.claim import ClaimPage
from claims.report.common import REPORTS_URL_ENV, article_filename, data_updated
from claims.report.digest import DigestPage, render_digest
from claims.report.index import (
    INDEX_PAGE,
    IndexPage,
    archive_count,
    archive_filename,
    archive_of,
    render_archive,
    render_index,
)
from claims.report.login import LoginPage
from claims.report.queue import QueuePage, render_queue, totals

#: Each page template and the dataclass its context is.
PAGES: dict[str, type] = {
    "article.html": ArticlePage,
    "index.html": IndexPage,
    "queue.html": QueuePage,
    "digest.html": DigestPage,
    # the review desk's own pages (claims web), from the same template set
    "claim.html": ClaimPage,
    "login.html": LoginPage,
}


# ---------------------------------------------------------------- writing


def _file_mode() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


_FILE_MODE = _file_mode()


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
    os.chmod(tmp, _FILE_MODE)  # mkstemp makes 0600; reports are meant to be shared
    os.replace(tmp, path)
    return True


# ---------------------------------------------------------------- the collector

_settled = threading.Event()


def settle_long_lived() -> None:
    """Once per process: leave what exists now out of the cyclic collector's full passes.

    By the end of the first :func:`build_reports` the process holds what it keeps for
    good: the modules (SQLAlchemy, SQLModel and pydantic, Jinja2: some 85,000 objects),
    the engine, the compiled templates. CPython's full (generation 2) collection walks
    all of them, and each verdict's pages promote enough short-lived objects to start
    one every 10-15 verdicts: 60-200 ms on this machine's core, the slow tail of a
    verdict at 10,000 articles. ``gc.freeze`` moves them to the permanent generation
    (an O(1) list splice): they are still freed by reference counting when dropped,
    only never scanned for cycles; later objects are collected as before. Done once,
    not per call, so the garbage of later calls is never pinned.
    """
    if not _settled.is_set():
        _settled.set()
        gc.freeze()


# ---------------------------------------------------------------- what was done


@dataclass
class Written:
    """What :func:`build_reports` did: pages written and pages left as they were."""

    written: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    last_article: Path | None = None

    def add(self, path: Path, content: str) -> None:
        """Write ``path`` if its content changed, and note which it was."""
        (self.written if write_if_changed(path, content) else self.unchanged).append(path)


def build_reports(
    engine: Engine,
    reports_dir: Path,
    article_ids: list[int] | None = None,
    *,
    day: dt.date | None = None,
    base_url: str | None = None,
    per_page: int = INDEX_PAGE,
) -> Written:
    """Render the reports of ``article_ids`` (all when None) and the shared pages they change.

    Those are the front page of the index, the archive pages of the index that list these
    articles (``index-K.html``; every one when ``article_ids`` is None), the queue and the
    digest: a verdict or a checked article renders five pages however large the archive.
    A page is written only when its content changed.
    """
    reports_dir = Path(reports_dir)
    base = base_url if base_url is not None else os.environ.get(REPORTS_URL_ENV, "")
    done = Written()
    with Session(engine) as session:
        ids = (
            article_ids
            if article_ids is not None
            else list(session.exec(select(col(StoredArticle.id)).order_by(col(StoredArticle.id))))
        )
        for article_id in ids:
            article, html = render_article(session, article_id, base)  # type: ignore[arg-type]
            done.last_article = reports_dir / article_filename(article)
            done.add(done.last_article, html)
        updated, counts = data_updated(session), totals(session)
        done.add(reports_dir / "index.html", render_index(session, updated, per_page, counts))
        chunks = archive_count(session, per_page)
        touched = set(range(1, chunks + 1)) if article_ids is None else {archive_of(i, per_page) for i in ids if i}
        touched = {c for c in touched if c <= chunks}
        for chunk in sorted(touched):
            if 1 < chunk == chunks and not (reports_dir / archive_filename(chunk)).exists():
                touched.add(chunk - 1)  # a new last page: the one before it gains its "next" link
        for chunk in sorted(touched):
            done.add(reports_dir / archive_filename(chunk), render_archive(session, chunk, per_page))
        done.add(reports_dir / "queue.html", render_queue(session, updated, counts.statuses))
        done.add(reports_dir / "digest.html", render_digest(session, day, updated, counts.statuses))
    settle_long_lived()
    return done


def digest_filename(day: dt.date) -> str:
    """The page of a past day's digest (``digest.html`` is always the newsroom's today)."""
    return f"digest-{day.isoformat()}.html"


def write_digest(engine: Engine, reports_dir: Path, day: dt.date) -> Path:
    """Write the digest of ``day`` as its own page (``digest-YYYY-MM-DD.html``); its path."""
    path = Path(reports_dir) / digest_filename(day)
    with Session(engine) as session:
        updated, counts = data_updated(session), totals(session)
        write_if_changed(path, render_digest(session, day, updated, counts.statuses))
    return path


def write_reports(engine: Engine, reports_dir: Path, article_ids: list[int] | None = None) -> Path | None:
    """Render the reports of ``article_ids`` (all when None) and the shared pages; the last article's path."""
    return build_reports(engine, reports_dir, article_ids).last_article

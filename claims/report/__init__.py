"""HTML review reports: a page per article, the index, the review queue and a daily digest.

Templates live in the project's ``templates/`` folder, shipped inside the wheel
as ``claims/templates``; each page has a module named after its template
(``article.html`` <- :mod:`claims.report.article`, context :class:`ArticlePage`). Autoescape is on
everywhere, undefined names fail loudly (``StrictUndefined``), and every page is
self-contained: inline CSS, one small inline script, no external request, and a
Content-Security-Policy that allows exactly that script and stylesheet by hash.

Pages are deterministic: the same data renders the same bytes (the time shown is
the latest change in the data, not the clock), and :func:`write_if_changed` leaves
an unchanged file alone. The index, queue and digest each take a fixed number of
queries whatever the number of articles.
"""

from __future__ import annotations

from claims.highlight import highlight_html
from claims.report.article import ArticlePage, ClaimRow, article_page, render_article
from claims.report.common import (
    QUEUE_LIMIT,
    REPORTS_URL_ENV,
    WAITING_LIMIT,
    Count,
    Link,
    VerdictView,
    article_filename,
    content_security_policy,
    data_updated,
    environment,
    page_link,
    rating_counts,
    templates_dir,
    tone,
)
from claims.report.digest import DigestPage, DigestRow, digest_page, render_digest
from claims.report.index import IndexPage, IndexRow, index_page, render_index
from claims.report.queue import QueuePage, QueueRow, queue_page, render_queue
from claims.report.write import (
    PAGES,
    Written,
    build_reports,
    digest_filename,
    write_digest,
    write_if_changed,
    write_reports,
)

__all__ = [
    "PAGES",
    "QUEUE_LIMIT",
    "REPORTS_URL_ENV",
    "WAITING_LIMIT",
    "ArticlePage",
    "ClaimRow",
    "Count",
    "DigestPage",
    "DigestRow",
    "IndexPage",
    "IndexRow",
    "Link",
    "QueuePage",
    "QueueRow",
    "VerdictView",
    "Written",
    "article_filename",
    "article_page",
    "build_reports",
    "content_security_policy",
    "data_updated",
    "digest_page",
    "environment",
    "highlight_html",
    "index_page",
    "page_link",
    "queue_page",
    "rating_counts",
    "render_article",
    "render_digest",
    "render_index",
    "render_queue",
    "templates_dir",
    "tone",
    "digest_filename",
    "write_digest",
    "write_if_changed",
    "write_reports",
]

"""The ``review-digest`` flow: the day's review numbers as Prefect artifacts and the digest page.

Queue size, pending and leased claims older than ``max_age_hours``, articles
checked and verdicts recorded on the day. The numbers come from
:func:`claims.digest.digest`; the pages (index, and the digest page where the
reports provide it) are refreshed by :func:`claims.report.write_reports`.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_link_artifact, create_markdown_artifact, create_table_artifact
from prefect.runtime import flow_run

from claims.config import Settings, newsroom_today
from claims.db import open_engine
from claims.digest import DEFAULT_MAX_AGE, Digest, digest
from claims.errors import ClaimsError
from claims.redact import markdown_table, markdown_text
from claims.report import page_link, write_digest, write_reports
from claims.sources import slugify
from flows.failures import failed


@task(name="digest-numbers", task_run_name="digest-{day}")
def numbers(database_url: str, day: str, max_age_hours: float) -> Digest:
    """Count the queue, what waits too long, and the day's verdicts."""
    return digest(open_engine(database_url), dt.date.fromisoformat(day), max_age=dt.timedelta(hours=max_age_hours))


@task(name="digest-page")
def page(database_url: str, reports_dir: str, past_day: str | None) -> str:
    """Refresh the shared pages; the path of the digest page (``digest.html`` for today, a dated page for
    ``past_day``; the index's when there is none)."""
    engine = open_engine(database_url)
    write_reports(engine, Path(reports_dir), [])
    if past_day:
        return str(write_digest(engine, Path(reports_dir), dt.date.fromisoformat(past_day)).resolve())
    for name in ("digest.html", "index.html"):
        path = Path(reports_dir) / name
        if path.exists():
            return str(path.resolve())
    return ""


def _today() -> str:
    return newsroom_today().isoformat()  # the newsroom's day (CLAIMS_TIMEZONE)


def _run_name() -> str:
    try:
        today = _today()
    except ClaimsError:  # a bad CLAIMS_TIMEZONE: the run itself fails with the one-line reason
        today = "today"
    return f"digest-{slugify(str(flow_run.parameters.get('day') or today)) or today}"


@flow(name="review-digest", flow_run_name=_run_name, log_prints=False)
def review_digest(
    day: str | None = None,
    max_age_hours: float = DEFAULT_MAX_AGE.total_seconds() / 3600,
) -> Digest:
    """Publish the digest of ``day`` (YYYY-MM-DD in the newsroom's time zone, CLAIMS_TIMEZONE; today by default); folders from the environment."""
    settings = Settings.from_env()
    try:
        today = _today()
    except ClaimsError as exc:
        return failed(str(exc))  # type: ignore[return-value]
    day = day or today
    try:
        day = dt.date.fromisoformat(day.strip()).isoformat()
    except ValueError:
        return failed(f"day must be a date as YYYY-MM-DD, not {markdown_text(day)[:40]!r}")  # type: ignore[return-value]
    result = numbers(settings.database_url, day, max_age_hours)
    path = page(settings.database_url, str(settings.reports_dir), day if day != today else None)
    shown = markdown_text(day)  # a run parameter: any string
    create_markdown_artifact(markdown=result.markdown(), key="claims-digest", description=f"Review digest {shown}")
    create_table_artifact(
        table=markdown_table(result.rows()), key="claims-digest-numbers", description=f"Digest numbers {shown}"
    )
    if path:
        create_link_artifact(link=page_link(path), link_text="Digest page", key="claims-digest-page")
    get_run_logger().info(
        "digest %s: queue %d, %d pending and %d leased older than %g h, %d verdicts",
        day,
        result.queue_size,
        result.pending_old,
        result.leased_old,
        max_age_hours,
        result.verdicts_today,
    )
    return result

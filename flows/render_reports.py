"""The ``render-reports`` flow: re-render every article's HTML report and the index.

Runs hourly on a server so the pages follow the verdicts editors record; a page
whose HTML did not change is not rewritten. ``ingest-feeds`` reuses
:func:`render_articles` for the articles it adds.
"""

from __future__ import annotations

from pathlib import Path

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_link_artifact, create_markdown_artifact
from sqlmodel import Session

from claims.config import Settings
from claims.db import open_engine
from claims.report import page_link, write_reports
from claims.store import list_articles


@task(name="render-articles", task_run_name="render-{count}-articles")
def render_articles(database_url: str, reports_dir: str, article_ids: list[int] | None, count: int | str) -> str:
    """Write the reports of ``article_ids`` (every article when None) and the index; the index's path."""
    write_reports(open_engine(database_url), Path(reports_dir), article_ids)
    return str((Path(reports_dir) / "index.html").resolve())


@flow(name="render-reports", flow_run_name="render-reports", log_prints=False)
def render_reports() -> str:
    """Re-render every article's report and the index; the index's path (folders from the environment)."""
    settings = Settings.from_env()
    engine = open_engine(settings.database_url)
    with Session(engine) as session:
        total = len(list_articles(session))
    index = render_articles(settings.database_url, str(settings.reports_dir), None, total)
    get_run_logger().info("rendered %d article reports and the index: %s", total, index)
    create_markdown_artifact(
        markdown=f"# Reports\n\n- articles: **{total}**\n- index: `{index}`",
        key="claims-reports-summary",
        description="Reports rendered",
    )
    create_link_artifact(link=page_link(index), link_text="Reports index", key="claims-reports-index")
    return index

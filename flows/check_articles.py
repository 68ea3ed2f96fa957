"""The ``check-articles`` flow: many articles in one flow run, in chunks of tasks.

A flow run costs about a second and every task a few milliseconds of
orchestration, so a batch is one flow run whose tasks each check a chunk of
articles (50 by default) with the plain library pipeline; at most
``max_workers`` chunks run at once and at most twice that many are in flight,
so memory stays flat however long the list. Progress shows as a Prefect
progress artifact; a summary table lists what failed and why.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact, create_progress_artifact, update_progress_artifact
from prefect.futures import PrefectFuture
from prefect.states import Failed, State
from prefect.task_runners import ThreadPoolTaskRunner

from claims.config import Settings
from claims.db import open_engine
from claims.errors import ClaimsError
from claims.pipeline import Outcome, check_source, chunked, read_sources
from claims.redact import markdown_text, original_url, redact_url
from claims.report import write_reports
from claims.sources import check_deployment_source
from claims.store import bound_message
from flows import deployment_run

DEFAULT_CHUNK = 50
DEFAULT_WORKERS = 2


@task(name="check-chunk", task_run_name="check-chunk-{index}")
def check_chunk(
    index: int, sources: list[str], database_url: str, reports_dir: str, deployment: bool = False
) -> list[Outcome]:
    """Check a chunk of sources and render their reports; one bad source does not stop the rest."""
    settings = Settings.from_env(database_url=database_url, reports_dir=reports_dir)
    engine = open_engine(database_url)
    outcomes = [check_source(source, settings, engine, deployment=deployment) for source in sources]
    ids = [o.article_id for o in outcomes if o.ok and o.article_id is not None]
    if ids:
        write_reports(engine, Path(reports_dir), ids)
    failed = [o for o in outcomes if not o.ok]
    for outcome in outcomes:
        if outcome.found:
            get_run_logger().warning("%s", bound_message(redact_url(outcome.source), outcome.found, outcome.claims))
    get_run_logger().info("chunk %d: %d checked, %d failed", index, len(outcomes) - len(failed), len(failed))
    return outcomes


class Tally:
    """Counts of a batch, and the failures with their reasons (kept small: no article data)."""

    def __init__(self) -> None:
        self.checked = self.created = self.claims = 0
        self.failures: list[Outcome] = []
        self.capped: list[Outcome] = []

    def add(self, outcomes: Iterable[Outcome]) -> None:
        """Count a finished chunk."""
        for outcome in outcomes:
            self.checked += 1
            if outcome.ok:
                self.created += outcome.created
                self.claims += outcome.claims
                if outcome.found:
                    self.capped.append(outcome)
            else:
                self.failures.append(outcome)


def _sources(sources: list[str] | None, sources_file: str | None) -> tuple[Iterator[str], int]:
    if sources_file:
        total = sum(1 for _ in read_sources(sources_file))
        return read_sources(sources_file), total
    # `claims batch` passes URLs' secrets by this process, not as the (stored) parameter.
    listed = [original_url(s) for s in sources or []]
    return iter(listed), len(listed)


@flow(name="check-articles", task_runner=ThreadPoolTaskRunner(max_workers=DEFAULT_WORKERS), log_prints=False)
def check_articles(
    sources: list[str] | None = None,
    sources_file: str | None = None,
    chunk_size: int = DEFAULT_CHUNK,
) -> dict[str, Any] | State:
    """Check many articles (a list, or a file with one source per line) in chunks of tasks.

    Returns the counts and ``failures``: each failed source with its reason (redacted). The
    database and the reports folder come from the environment; a deployment run reads only
    http(s) URLs and files (and a sources file) inside CLAIMS_ARTICLES_DIR.
    """
    settings = Settings.from_env()
    logger = get_run_logger()
    deployment = deployment_run()
    if deployment and sources_file:
        try:
            check_deployment_source(sources_file, settings, "sources file")
        except ClaimsError as exc:
            logger.error("%s", exc)
            return Failed(message=str(exc))
    open_engine(settings.database_url)  # migrate once, before the chunks race to
    items, total = _sources(sources, sources_file)
    progress = create_progress_artifact(progress=0.0, key="check-articles-progress", description="Articles checked")
    tally = Tally()
    in_flight: deque[PrefectFuture[list[Outcome]]] = deque()
    limit = 2 * DEFAULT_WORKERS

    def settle(future: PrefectFuture[list[Outcome]]) -> None:
        tally.add(future.result())
        update_progress_artifact(progress, progress=100.0 * tally.checked / max(total, 1))

    for index, chunk in enumerate(chunked(items, max(1, chunk_size))):
        in_flight.append(check_chunk.submit(index, chunk, settings.database_url, str(settings.reports_dir), deployment))
        while len(in_flight) >= limit:
            settle(in_flight.popleft())
    while in_flight:
        settle(in_flight.popleft())

    lines = [
        "# Batch check",
        "",
        f"- sources: **{tally.checked}**, new articles: **{tally.created}**, claims: **{tally.claims}**",
        f"- failed: **{len(tally.failures)}**",
    ]
    if tally.failures:
        lines += ["", "| source | reason |", "|---|---|"]
        lines += [f"| {markdown_text(f.source)} | {markdown_text(f.error)} |" for f in tally.failures[:200]]
    create_markdown_artifact(markdown="\n".join(lines), key="check-articles-summary", description="Batch summary")
    logger.info(
        "%d sources: %d new articles, %d claims, %d failed",
        tally.checked,
        tally.created,
        tally.claims,
        len(tally.failures),
    )
    for failure in tally.failures[:20]:
        logger.warning("%s", failure.error)
    return {
        "checked": tally.checked,
        "created": tally.created,
        "claims": tally.claims,
        "failed": len(tally.failures),
        "failures": [[f.source, f.error] for f in tally.failures],
        "capped": [[redact_url(c.source), c.found, c.claims] for c in tally.capped],
    }

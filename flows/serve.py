"""Every flow with its schedule, served from one process: a server without a work pool.

:data:`SCHEDULES` is the single list of what runs when; ``prefect.yaml`` holds the
same deployments for a work pool (a test keeps the two in step). ``claims serve``
calls :func:`serve_all`, which needs a running Prefect server (``PREFECT_API_URL``):
its scheduler creates the runs, this process executes them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from prefect.deployments.runner import RunnerDeployment

#: The schedules' time zone (the digest's day is a UTC day too).
TIMEZONE = "UTC"
#: The name of every served deployment (``ingest-feeds/serve``, ...): distinct from the
#: work-pool deployments of prefect.yaml (``ingest-feeds/ingest-feeds``), so a server
#: may hold both without one overwriting the other.
SERVED = "serve"


@dataclass(frozen=True)
class Schedule:
    """One deployment: its flow (module:function under ``flows/``), cron, parameters and tags."""

    name: str
    entrypoint: str
    cron: str | None
    description: str
    tags: list[str]
    parameters: dict[str, Any] = field(default_factory=dict)


SCHEDULES = [
    Schedule(
        "check-article",
        "flows/check_article.py:check_article",
        None,
        "Check one article on demand (a file path or an http(s) URL).",
        ["claims", "on-demand"],
    ),
    Schedule(
        "ingest-feeds",
        "flows/ingest_feeds.py:ingest_feeds",
        "*/15 * * * *",
        "Poll the RSS/Atom feeds and check every new article.",
        ["claims", "feeds"],
        {"feeds_file": "feeds.txt"},
    ),
    Schedule(
        "render-reports",
        "flows/render_reports.py:render_reports",
        "5 * * * *",
        "Re-render every article report, the index and the shared pages.",
        ["claims", "reports"],
    ),
    Schedule(
        "review-digest",
        "flows/review_digest.py:review_digest",
        "0 18 * * *",
        "The day's review digest: queue size, claims waiting too long, verdicts.",
        ["claims", "digest"],
        {"max_age_hours": 24},
    ),
    # No schedule: an editor starts a run from the UI (Run -> Custom run) with their name,
    # and answers each claim in the run's Resume form.
    Schedule(
        "review-claims",
        "flows/review_claims.py:review_claims",
        None,
        "Review queued claims in the UI: type your name as reviewer, then answer each claim in the Resume form.",
        ["claims", "review"],
    ),
]


def load_flow(entrypoint: str) -> Any:
    """The flow object of ``flows/<module>.py:<function>``."""
    import importlib

    path, name = entrypoint.split(":")
    module = importlib.import_module(path.removesuffix(".py").replace("/", "."))
    return getattr(module, name)


def deployments(
    feeds: list[str] | None = None, feeds_file: str | None = None, only: list[str] | None = None
) -> list[RunnerDeployment]:
    """The deployments to serve; ``feeds``/``feeds_file`` replace ingest-feeds' default feeds file."""
    from prefect.schedules import Cron

    result = []
    for schedule in SCHEDULES:
        if only and schedule.name not in only:
            continue
        parameters = dict(schedule.parameters)
        if schedule.name == "ingest-feeds" and (feeds or feeds_file):
            parameters = {"feeds": list(feeds or []), "feeds_file": feeds_file}
        result.append(
            load_flow(schedule.entrypoint).to_deployment(
                name=SERVED,
                schedules=[Cron(schedule.cron, timezone=TIMEZONE)] if schedule.cron else [],
                parameters=parameters,
                tags=schedule.tags,
                description=schedule.description,
            )
        )
    return result


def serve_all(
    feeds: list[str] | None = None,
    feeds_file: str | None = None,
    *,
    limit: int | None = None,
    only: list[str] | None = None,
) -> None:
    """Serve every flow on its schedule until interrupted."""
    from prefect import serve

    serve(*deployments(feeds, feeds_file, only), limit=limit)

"""Run flows from the command line: quiet, local-first Prefect settings.

Imported only by commands that run flows, so ``claims extract`` never pays for
``import prefect``.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from claims.config import Settings
from claims.redact import database_url_parameter

if TYPE_CHECKING:
    from prefect.states import State

    from flows.check_article import CheckResult

#: Set before Prefect is imported; the user's own environment wins.
PREFECT_DEFAULTS = {
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "PREFECT_CLOUD_ENABLE_ORCHESTRATION_TELEMETRY": "false",
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "90",
}


def prepare_prefect(verbose: bool = False) -> None:
    """Put our defaults in the environment before the first ``import prefect``.

    Run logs still reach the Prefect API (and UI) at INFO; the terminal shows
    only our own summary unless ``verbose``, so a bad source reads as one line.
    """
    for name, value in PREFECT_DEFAULTS.items():
        os.environ.setdefault(name, value)
    os.environ.setdefault("PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL", "INFO" if verbose else "CRITICAL")


#: The tags of runs the command line starts (deployments set theirs in prefect.yaml and flows/serve.py).
CHECK_TAGS = ("claims", "on-demand")
BATCH_TAGS = ("claims", "on-demand", "batch")


def run_flow(flow: Callable[..., Any], /, *, run_tags: tuple[str, ...] = (), **parameters: Any) -> State:
    """Call a flow with ``run_tags`` and return its final state, with heartbeats off on an ephemeral server.

    Heartbeats let a long-lived server notice crashed runs; an ephemeral server
    ends with this process, and the heartbeat thread adds ~1 s to every sync run.
    """
    from prefect import tags
    from prefect.settings import PREFECT_API_URL, PREFECT_FLOWS_HEARTBEAT_FREQUENCY, temporary_settings

    overrides = {} if PREFECT_API_URL.value() else {PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None}
    with temporary_settings(overrides), tags(*run_tags):
        return flow(**parameters, return_state=True)


def run_check(source: str, settings: Settings, *, verbose: bool = False) -> CheckResult | str:
    """Run the ``check-article`` flow on ``source``: its result, or a one-line error."""
    prepare_prefect(verbose)
    from flows.check_article import check_article

    state = run_flow(
        check_article,
        run_tags=CHECK_TAGS,
        source=source,
        database_url=database_url_parameter(settings.database_url),  # a password goes by the environment
        reports_dir=str(settings.reports_dir),
    )
    if state.is_completed():
        return state.result()
    return state.message or f"{source}: the check failed ({state.name})"


def run_batch(
    sources: list[str], sources_file: str | None, settings: Settings, *, chunk_size: int, verbose: bool = False
) -> dict[str, Any] | str:
    """Run the ``check-articles`` flow: its counts and failures, or a one-line error."""
    prepare_prefect(verbose)
    from flows.check_articles import check_articles

    state = run_flow(
        check_articles,
        run_tags=BATCH_TAGS,
        sources=sources or None,
        sources_file=sources_file,
        database_url=database_url_parameter(settings.database_url),
        reports_dir=str(settings.reports_dir),
        chunk_size=chunk_size,
    )
    if state.is_completed():
        return state.result()
    return state.message or f"the batch failed ({state.name})"

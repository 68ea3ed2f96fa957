"""Run flows from the command line: quiet, local-first Prefect settings.

Imported only by commands that run flows, so ``claims extract`` never pays for
``import prefect``.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from claims.config import Settings

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


#: What the command's options hand to the flows it runs, through the environment.
SETTINGS_ENV = ("CLAIMS_DATABASE_URL", "CLAIMS_REPORTS_DIR")
#: The tags of runs the command line starts (deployments set theirs in prefect.yaml and flows/serve.py).
CHECK_TAGS = ("claims", "on-demand")
BATCH_TAGS = ("claims", "on-demand", "batch")
FEED_TAGS = ("claims", "feeds")


@contextmanager
def settings_in_environment(settings: Settings) -> Iterator[None]:
    """Give the flows run in this process the command's database URL and reports folder.

    Flows take neither as a parameter (a run started through the Prefect API could
    otherwise choose where to write); they read ``CLAIMS_DATABASE_URL`` and
    ``CLAIMS_REPORTS_DIR``, as on a worker. So ``--db`` and ``--reports`` go by the
    environment of this process, and a database password never becomes a Prefect
    parameter. The previous values come back afterwards.
    """
    saved = {name: os.environ.get(name) for name in SETTINGS_ENV}
    os.environ["CLAIMS_DATABASE_URL"] = settings.database_url
    os.environ["CLAIMS_REPORTS_DIR"] = str(settings.reports_dir.resolve())
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def run_flow(
    flow: Callable[..., Any], settings: Settings, /, *, run_tags: tuple[str, ...] = (), **parameters: Any
) -> State:
    """Call a flow with the command's settings and ``run_tags``; its final state, heartbeats off on an ephemeral server.

    Heartbeats let a long-lived server notice crashed runs; an ephemeral server
    ends with this process, and the heartbeat thread adds ~1 s to every sync run.
    """
    from prefect import tags
    from prefect.settings import PREFECT_API_URL, PREFECT_FLOWS_HEARTBEAT_FREQUENCY, temporary_settings

    overrides = {} if PREFECT_API_URL.value() else {PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None}
    with temporary_settings(overrides), settings_in_environment(settings), tags(*run_tags):
        return flow(**parameters, return_state=True)


def run_check(source: str, settings: Settings, *, verbose: bool = False) -> CheckResult | str:
    """Run the ``check-article`` flow on ``source``: its result, or a one-line error."""
    prepare_prefect(verbose)
    from claims.redact import parameter_url
    from flows.check_article import check_article

    # Prefect keeps flow-run parameters on its server: a key in the URL stays in this process.
    state = run_flow(check_article, settings, run_tags=CHECK_TAGS, source=parameter_url(source))
    if state.is_completed():
        return state.result()
    return state.message or f"{source}: the check failed ({state.name})"


def run_batch(
    sources: list[str], sources_file: str | None, settings: Settings, *, chunk_size: int, verbose: bool = False
) -> dict[str, Any] | str:
    """Run the ``check-articles`` flow: its counts and failures, or a one-line error."""
    prepare_prefect(verbose)
    from claims.redact import parameter_url
    from flows.check_articles import check_articles

    state = run_flow(
        check_articles,
        settings,
        run_tags=BATCH_TAGS,
        sources=[parameter_url(s) for s in sources] or None,
        sources_file=sources_file,
        chunk_size=chunk_size,
    )
    if state.is_completed():
        return state.result()
    return state.message or f"the batch failed ({state.name})"

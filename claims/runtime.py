"""Run flows from the command line: quiet, local-first Prefect settings.

Imported only by commands that run flows, so ``claims extract`` never pays for
``import prefect``.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from claims.config import Settings

if TYPE_CHECKING:
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


def run_check(source: str, settings: Settings, *, verbose: bool = False) -> CheckResult | str:
    """Run the ``check-article`` flow on ``source``: its result, or a one-line error."""
    prepare_prefect(verbose)
    from prefect.settings import (
        PREFECT_API_URL,
        PREFECT_FLOWS_HEARTBEAT_FREQUENCY,
        temporary_settings,
    )

    from flows.check_article import check_article

    overrides = {}
    if not PREFECT_API_URL.value():
        # Heartbeats detect crashed runs for a long-lived server; an ephemeral one
        # ends with this process, and the heartbeat thread adds ~1 s to every run.
        overrides[PREFECT_FLOWS_HEARTBEAT_FREQUENCY] = None
    with temporary_settings(overrides):
        state = check_article(source, settings.database_url, str(settings.reports_dir), return_state=True)
    if state.is_completed():
        return state.result()
    return state.message or f"{source}: the check failed ({state.name})"

"""Prefect flows that orchestrate the ``claims`` library; no extraction or storage logic lives here.

Flows take no database URL or reports folder: they read ``CLAIMS_DATABASE_URL`` and
``CLAIMS_REPORTS_DIR`` from the environment of the process that runs them (a worker's,
or the ``claims`` command's, which sets them from its options), so a run started
through the Prefect API cannot choose where to write.
"""

from __future__ import annotations


def deployment_run() -> bool:
    """True inside a flow run started through a Prefect deployment (a worker, ``claims serve``)."""
    from prefect.context import FlowRunContext

    context = FlowRunContext.get()
    return bool(context and context.flow_run and context.flow_run.deployment_id)

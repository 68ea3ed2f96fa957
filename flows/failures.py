"""Flow runs that end badly: a Failed state with a one-line message, and one line in the worker's log.

A failed state's data must be an exception: Prefect resolves it into one when the run
ends, and in a worker (``prefect.engine``) every failed run's exception is logged with
its traceback as "Engine execution exited with unexpected exception". A summary object
as the data made that a 40-line ``TypeError``. :func:`failed` puts a :class:`RunFailed`
there instead, and the filter below turns its log record into one line.
"""

from __future__ import annotations

import logging

from prefect.states import Failed, State


class RunFailed(Exception):
    """Why a flow run failed, in one line; ``data`` is what it did, for callers in the same process."""

    def __init__(self, message: str, data: object = None) -> None:
        super().__init__(" ".join(message.split()))
        self.data = data

    def __reduce__(self) -> tuple[type, tuple[str]]:  # pickled (result persistence) as its message alone
        return (type(self), (str(self),))


def failed(message: str, data: object = None, error: type[RunFailed] = RunFailed) -> State:
    """A Failed state with a one-line message whose data is a :class:`RunFailed` (carrying ``data``)."""
    failure = error(message, data)
    return Failed(message=str(failure), data=failure)


class OneLine(logging.Filter):
    """The engine's "exited with unexpected exception" for a :class:`RunFailed`: one line, no traceback."""

    def filter(self, record: logging.LogRecord) -> bool:
        error = record.exc_info[1] if record.exc_info else None
        if isinstance(error, RunFailed):
            record.msg, record.args = "Flow run failed: %s", (str(error),)
            record.exc_info, record.exc_text = None, None
        return True


def install_filter() -> None:
    """Put :class:`OneLine` on the flow-run logger, once."""
    logger = logging.getLogger("prefect.flow_runs")
    if not any(isinstance(f, OneLine) for f in logger.filters):
        logger.addFilter(OneLine())


install_filter()

"""Prefect runs that fail, fail cleanly; CLI runs carry the README's tags; artifact links use CLAIMS_REPORTS_URL.

On the real Prefect test server (the session fixture). ``tests/test_deployments.py`` runs the
same failures through a real ``prefect worker`` and reads its log.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from claims.cli import app
from tests.conftest import EXAMPLE
from tests.helpers import run_artifacts

pytestmark = pytest.mark.usefixtures("prefect_server")


def test_a_failed_ingest_ends_as_one_line_not_a_type_error(
    http_server, db_url: str, reports_dir: Path, capfd, monkeypatch: pytest.MonkeyPatch
) -> None:
    from flows.ingest_feeds import IngestFailed, IngestSummary, ingest_feeds

    monkeypatch.setenv("CLAIMS_DATABASE_URL", db_url)  # flows take their database from the environment
    monkeypatch.setenv("CLAIMS_REPORTS_DIR", str(reports_dir))
    gone = http_server.add("/gone.xml", status=404, body=b"no feed")
    state = ingest_feeds([gone], return_state=True)
    assert state.is_failed() and state.message == (
        f"1 feeds, 0 items: 0 new, 0 revised, 0 unchanged, 0 failed; feed failed: {gone}: HTTP 404 Not Found"
    )
    failure = state.result(raise_on_failure=False)
    assert isinstance(failure, IngestFailed) and isinstance(failure.summary, IngestSummary)
    # what a worker's engine does at the end of every run: resolve the final state into its result
    with pytest.raises(IngestFailed) as raised:
        ingest_feeds([gone])
    assert str(raised.value) == state.message
    missing = ingest_feeds(feeds_file=str(reports_dir / "feeds.txt"), return_state=True)
    assert missing.is_failed() and "\n" not in (missing.message or "")
    assert str(missing.result(raise_on_failure=False)) == missing.message
    err = capfd.readouterr().err
    assert "TypeError" not in err and "cannot be resolved into an exception" not in err


def _runs(name: str):  # type: ignore[no-untyped-def]
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import FlowFilter, FlowFilterName

    with get_client(sync_client=True) as client:
        return client.read_flow_runs(flow_filter=FlowFilter(name=FlowFilterName(any_=[name])))


def test_cli_runs_carry_the_readme_tags_and_link_to_the_public_reports(
    tmp_path: Path, db_url: str, monkeypatch
) -> None:
    monkeypatch.setenv("CLAIMS_REPORTS_URL", "https://reports.example.org/claims/")
    before = {r.id for r in _runs("check-article")}
    result = CliRunner().invoke(app, ["check", str(EXAMPLE), "--db", db_url, "--reports", str(tmp_path / "r")])
    assert result.exit_code == 0, result.output
    (run,) = [r for r in _runs("check-article") if r.id not in before]
    assert run.name == "check-harbour-bridge-reopens"
    assert sorted(run.tags) == ["claims", "on-demand"]
    links = {a.key: str(a.data) for a in run_artifacts(run.id) if a.key and a.key.endswith("-report")}
    (link,) = links.values()  # the report, at its public address, not a file:// path of this disk
    page = "00001-riverside-s-harbour-bridge-reopens-after-18-month-repair-two.html"
    assert f"https://reports.example.org/claims/{page}" in link and "file://" not in link

    listing = tmp_path / "list.txt"
    listing.write_text(str(EXAMPLE) + "\n", encoding="utf-8")
    before = {r.id for r in _runs("check-articles")}
    batch = CliRunner().invoke(app, ["batch", "--from-file", str(listing), "--db", db_url])
    assert batch.exit_code == 0, batch.output
    (run,) = [r for r in _runs("check-articles") if r.id not in before]
    assert sorted(run.tags) == ["batch", "claims", "on-demand"]


def test_the_engine_path_logs_one_line(db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """What ``prefect.engine`` does in a worker: run_flow with the run's error logger, then the result."""
    import logging

    monkeypatch.setenv("CLAIMS_DATABASE_URL", db_url)  # as on a worker
    from prefect.flow_engine import run_flow

    from flows.ingest_feeds import IngestFailed, ingest_feeds

    lines: list[str] = []

    class Lines(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            lines.append(self.format(record))

    logger = logging.getLogger("prefect.flow_runs")
    handler = Lines(logging.ERROR)
    logger.addHandler(handler)
    try:
        with pytest.raises(IngestFailed):
            run_flow(
                ingest_feeds,
                parameters={"feeds_file": str(tmp_path / "feeds.txt")},
                error_logger=logger,
            )
    finally:
        logger.removeHandler(handler)
    engine = [line for line in lines if line.startswith("Flow run failed:")]
    assert engine == [
        f"Flow run failed: {tmp_path / 'feeds.txt'}: cannot read the feeds file (No such file or directory)"
    ]
    assert not any("Traceback" in line for line in lines)

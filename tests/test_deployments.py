"""Deployments: prefect.yaml as written, and the server path end to end.

The slow test starts a real ``prefect server start`` on a loopback port, applies
``prefect.yaml`` with ``prefect --no-prompt deploy --all`` from the repository
root, starts ``prefect worker start --pool claims`` there, and runs the
``ingest-feeds`` deployment against a feed and article pages served on loopback.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from sqlmodel import Session, select

from claims.db import open_engine
from claims.feeds import feed_states
from claims.models import StoredArticle
from flows.serve import SCHEDULES, TIMEZONE, load_flow
from tests.conftest import DEV, ROOT, need_shared
from tests.helpers import QUIET_SERVICES, Route, running_prefect_server, stop_process
from tests.test_feeds import ConditionalFeed, rss
from tests.test_ingest_flow import DAM

PREFECT = str(Path(sys.executable).with_name("prefect"))
#: How often run_deployment asks whether the run has ended (Prefect's default, 5 s, waited 2.5 s a run on average).
POLL = 0.5


def _yaml() -> dict:
    return yaml.safe_load((ROOT / "prefect.yaml").read_text(encoding="utf-8"))


def test_prefect_yaml_matches_the_served_schedules() -> None:
    config = _yaml()
    (pull,) = config["pull"]
    # No absolute path: the flows run from whichever clone the worker was started in.
    assert pull == {"prefect.deployments.steps.set_working_directory": {"directory": "."}}
    deployments = {d["name"]: d for d in config["deployments"]}
    assert set(deployments) == {s.name for s in SCHEDULES}
    for schedule in SCHEDULES:
        deployment = deployments[schedule.name]
        assert deployment["entrypoint"] == schedule.entrypoint
        assert deployment["work_pool"]["name"] == "claims"
        assert deployment["work_pool"]["job_variables"] == {"working_dir": "."}
        assert deployment.get("parameters", {}) == schedule.parameters
        assert set(deployment["tags"]) == set(schedule.tags)
        crons = [(s["cron"], s["timezone"]) for s in deployment.get("schedules", [])]
        assert crons == ([(schedule.cron, TIMEZONE)] if schedule.cron else [])
        flow = load_flow(schedule.entrypoint)
        assert flow.name == schedule.name  # `prefect deployment run flow/deployment` reads naturally
        assert (ROOT / schedule.entrypoint.split(":")[0]).is_file()
    assert deployments["ingest-feeds"]["schedules"][0]["cron"] == "*/15 * * * *"
    assert deployments["check-article"].get("parameters", {}) == {}
    # The Prefect UI review path: on demand, the editor's name typed in at each run.
    review = deployments["review-claims"]
    assert "schedules" not in review and "parameters" not in review
    assert load_flow(review["entrypoint"]).name == "review-claims"


# ------------------------------------------------------------------ the server path, for real


@pytest.fixture(scope="module")
def prefect_api() -> Iterator[tuple[str, dict[str, str]]]:
    """A real ``prefect server start`` on a loopback port with its own PREFECT_HOME; (API URL, env)."""
    home = Path(tempfile.mkdtemp(prefix="claims-test-server-"))
    env = {
        **os.environ,
        "PREFECT_HOME": str(home),
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        "PREFECT_LOGGING_TO_API_ENABLED": "true",
        "PREFECT_SERVER_SERVICES_TASK_RUN_RECORDER_ENABLED": "true",
        "PREFECT_SERVER_SERVICES_EVENT_PERSISTER_ENABLED": "true",
        # No runs from the cron schedules (QUIET_SERVICES turns the scheduler off): with it on, the server held
        # 11 scheduled runs by the module's end (ingest-feeds at the next quarter hour, render-reports at :05),
        # and the worker, fetching 10 s ahead, runs them against this test's database and reports beside its own.
        **QUIET_SERVICES,
        "PREFECT_WORKER_QUERY_SECONDS": "1",
    }
    try:
        with running_prefect_server(home, env) as api:
            yield api, {**env, "PREFECT_API_URL": api}
    finally:
        shutil.rmtree(home, ignore_errors=True)  # its database, UI files and log (7 MB a run)


def _prefect(args: list[str], env: dict[str, str], timeout: float = 180) -> str:
    done = subprocess.run(
        [PREFECT, "--no-prompt", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return done.stdout


@pytest.fixture(scope="module")
def deployed(prefect_api) -> tuple[str, dict[str, str], str]:
    """The README's set-up, once for both worker tests: the ``claims`` pool, then ``deploy --all``.

    (API URL, env, the output of ``prefect deploy --all``.)
    """
    api, env = prefect_api
    _prefect(["work-pool", "create", "claims", "--type", "process"], env)
    return api, env, _prefect(["deploy", "--all"], env)


def _wait_for(predicate, timeout: float = 30, every: float = 0.1) -> bool:  # type: ignore[no-untyped-def]
    """Poll ``predicate`` until it is true or ``timeout`` seconds pass; what it last returned."""
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            return False
        time.sleep(every)
    return True


def _run_together(runs: list[tuple[str, dict | None]], timeout: float = 150) -> list:  # type: ignore[type-arg]
    """Start each deployment run at once and wait for all of them to end; the flow runs, in order."""
    from prefect.client.orchestration import get_client
    from prefect.deployments import run_deployment

    started = [run_deployment(name, parameters=parameters, timeout=0) for name, parameters in runs]
    with get_client(sync_client=True) as client:
        ended = lambda: [client.read_flow_run(run.id) for run in started]  # noqa: E731
        assert _wait_for(lambda: all(run.state.is_final() for run in ended()), timeout=timeout, every=POLL)
        return ended()


@pytest.mark.slow
def test_worker_runs_ingest_feeds_deployment(deployed, http_server, tmp_path: Path) -> None:
    api, env, deploy_output = deployed
    db = tmp_path / "server.db"
    reports = tmp_path / "reports"
    worker_env = {
        **env,
        "CLAIMS_DATABASE_URL": f"sqlite:///{db}",
        "CLAIMS_REPORTS_DIR": str(reports),
        "CLAIMS_FETCH_ALLOW": "127.0.0.0/8",  # the pages are on loopback
    }

    # Real article pages read from ../shared at test time (never copied in), one of ours, a 404 and a 500.
    dw = http_server.add("/news/dw", body=need_shared(DEV / "dw-berlin-colonial.html").read_bytes())
    phys = http_server.add("/news/phys", body=need_shared(DEV / "phys-neanderthal-tool.html").read_bytes())
    dam = http_server.add("/news/dam", body=DAM)
    gone = http_server.add("/news/gone", status=404, body=b"no such story")
    broken = http_server.add("/news/broken", status=500, body=b"oops")
    items = [("dw", dw), ("phys", phys), ("dam", dam), ("gone", gone), ("broken", broken)]
    feed = ConditionalFeed(rss(items))
    feed_url = http_server.add("/feed.xml", Route(handler=feed))

    assert "ingest-feeds/ingest-feeds" in deploy_output

    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterFlowRunId
    from prefect.deployments import run_deployment
    from prefect.settings import PREFECT_API_URL, temporary_settings

    worker_log = open(tmp_path / "worker.log", "w")  # noqa: SIM115 (closed below)
    worker = subprocess.Popen(
        [PREFECT, "worker", "start", "--pool", "claims"],
        cwd=ROOT,  # the deployments' working folder: `working_dir: .`
        env=worker_env,
        stdout=worker_log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )

    def run() -> tuple[object, dict[str, list]]:
        flow_run = run_deployment(
            "ingest-feeds/ingest-feeds",
            parameters={"feeds": [feed_url], "feeds_file": None},
            timeout=150,
            poll_interval=POLL,
        )
        with get_client(sync_client=True) as client:
            artifacts = client.read_artifacts(
                artifact_filter=ArtifactFilter(flow_run_id=ArtifactFilterFlowRunId(any_=[flow_run.id]))
            )
        by_key = {a.key: a.data for a in artifacts if a.key}
        table = by_key.get("claims-ingest-items")
        rows = yaml.safe_load(table) if isinstance(table, str) else (table or [])
        states: dict[str, list] = {}
        for row in rows:
            states.setdefault(row["state"], []).append(row["link"])
        return flow_run, states

    try:
        with temporary_settings({PREFECT_API_URL: api}):
            first, states = run()
            assert first.state.is_completed(), (first.state, (tmp_path / "worker.log").read_text()[-4000:])
            assert first.name.startswith("ingest-127-0-0-1")
            assert sorted(states["new"]) == sorted([dw, phys, dam])
            assert sorted(states["failed"]) == sorted([gone, broken])
            assert http_server.hits["/news/gone"] == 1  # 404: not retried
            assert http_server.hits["/news/broken"] == 4  # 500: retried with back-off
            with Session(open_engine(f"sqlite:///{db}")) as session:
                articles = {a.url: a for a in session.exec(select(StoredArticle)).all()}
            assert set(articles) == {dw, phys, dam}
            for article in articles.values():
                assert list(reports.glob(f"{article.id:05d}-*.html")), article.url
            assert (reports / "index.html").exists()
            with get_client(sync_client=True) as client:
                from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterId

                task_runs = client.read_task_runs(flow_run_filter=FlowRunFilter(id=FlowRunFilterId(any_=[first.id])))
                assert first.tags and "feeds" in first.tags
            names = {t.name for t in task_runs}
            assert any(n.startswith("poll-127-0-0-1") for n in names), names
            assert any(n.startswith("check-story-gone") for n in names), names

            # Second run: the feed answers 304 and nothing new is stored; the 500 is tried again.
            second, states = run()
            assert second.state.is_completed(), second.state
            assert feed.answers == [200, 304]
            assert set(states) == {"failed"} and states["failed"] == [broken]
            assert http_server.hits["/news/dam"] == 1 and http_server.hits["/news/gone"] == 1
            with Session(open_engine(f"sqlite:///{db}")) as session:
                assert len(session.exec(select(StoredArticle)).all()) == 3
            (state,) = feed_states(open_engine(f"sqlite:///{db}"))  # kept between runs, each its own process
            assert state.etag == feed.etag and state.items["gone"]["status"] == "failed"

            # (A corrected story, checked again as its next revision, is test_ingest_flow's third run: the same
            # flow code, in process; a third deployment run here cost 10-15 s of the suite's time and showed
            # nothing the two above do not.)

            # Issue 15: the deployment surface is closed. No flow takes a database URL or a
            # reports folder; check-article reads http(s) URLs, not the worker's files.
            with get_client(sync_client=True) as client:
                for schedule in SCHEDULES:
                    deployment = client.read_deployment_by_name(f"{schedule.name}/{schedule.name}")
                    names = set(deployment.parameter_openapi_schema["properties"])
                    assert not names & {"database_url", "reports_dir"}, (schedule.name, names)
            before = set(reports.iterdir())
            worker_log.flush()
            seen = len((tmp_path / "worker.log").read_text())
            # Three runs that fail: a refused source, a missing feeds file and a feed that answers 404, two at a
            # time (the worker runs them side by side; ingest-feeds runs one at a time, its concurrency_limit).
            # Each fails cleanly: a Failed state with one line, and no traceback in the worker's log (read from
            # before the runs).
            gone_feed = http_server.add("/gone.xml", status=404, body=b"no feed")
            stolen, no_file = _run_together(
                [
                    ("check-article/check-article", {"source": "/etc/passwd"}),
                    ("ingest-feeds/ingest-feeds", None),  # no feeds.txt in the worker's folder
                ]
            )
            (bad_feed,) = _run_together([("ingest-feeds/ingest-feeds", {"feeds": [gone_feed], "feeds_file": None})])
            assert stolen.state.is_failed(), stolen.state
            assert stolen.state.message == (
                "/etc/passwd: a deployment run reads only http(s) URLs as its source "
                "(set CLAIMS_ARTICLES_DIR on the worker to allow files inside that folder)"
            )
            assert set(reports.iterdir()) == before
            with Session(open_engine(f"sqlite:///{db}")) as session:
                assert len(session.exec(select(StoredArticle)).all()) == 3
            assert no_file.state.is_failed(), no_file.state
            assert no_file.state.message == "feeds.txt: cannot read the feeds file (No such file or directory)"
            assert no_file.name == "ingest-feeds" and {"claims", "feeds"} <= set(no_file.tags)  # as the README says
            assert bad_feed.state.is_failed() and bad_feed.state.message.endswith(f"{gone_feed}: HTTP 404 Not Found")

            # The worker writes the end of the run's output after the state: wait for the run's last
            # line (flows/failures.py's one-line "Flow run failed: ..."), or a traceback in its place.
            def run_output_ended() -> bool:
                worker_log.flush()
                new = (tmp_path / "worker.log").read_text()[seen:]
                ends = [f"{gone_feed}: HTTP 404 Not Found", "(No such file or directory)", "inside that folder)"]
                failed = [line for line in new.splitlines() if "Flow run failed: " in line]
                return "Traceback" in new or all(any(line.endswith(end) for line in failed) for end in ends)

            assert _wait_for(run_output_ended), (tmp_path / "worker.log").read_text()[seen:][-4000:]
            log = (tmp_path / "worker.log").read_text()[seen:]
            assert "Traceback" not in log and "TypeError" not in log, log[-4000:]
            assert "cannot read the feeds file" in log
    finally:
        stop_process(worker)
        worker_log.close()


@pytest.mark.slow
def test_worker_runs_the_review_claims_deployment(deployed, tmp_path: Path) -> None:
    """The Prefect UI review path: a deployment run pauses on a claim; the editor's answer is recorded."""
    from prefect.client.orchestration import get_client
    from prefect.deployments import run_deployment
    from prefect.flow_runs import resume_flow_run
    from prefect.settings import PREFECT_API_URL, temporary_settings

    from claims.models import ClaimStatus, StoredClaim, Verdict
    from claims.store import save_article
    from tests.test_queue import story

    api, env, deploy_output = deployed
    db = tmp_path / "review.db"
    save_article(open_engine(f"sqlite:///{db}"), *story("budget.txt", ["The budget was 214 million dollars."]))
    worker_env = {**env, "CLAIMS_DATABASE_URL": f"sqlite:///{db}", "CLAIMS_REPORTS_DIR": str(tmp_path / "reports")}
    assert "review-claims/review-claims" in deploy_output
    worker_log = open(tmp_path / "worker.log", "w")  # noqa: SIM115 (closed below)
    worker = subprocess.Popen(
        [PREFECT, "worker", "start", "--pool", "claims"],
        cwd=ROOT,
        env=worker_env,
        stdout=worker_log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        with temporary_settings({PREFECT_API_URL: api}):
            parameters = {"reviewer": "ana", "count": 1, "poll_interval": 1, "timeout": 120}
            started = run_deployment("review-claims/review-claims", parameters=parameters, timeout=0)
            with get_client(sync_client=True) as client:
                _wait_for(lambda: client.read_flow_run(started.id).state.is_paused(), timeout=150, every=0.25)
                run = client.read_flow_run(started.id)
                assert run.state.is_paused(), (run.state, (tmp_path / "worker.log").read_text()[-4000:])
                assert run.name == "review-ana" and "review" in run.tags
                resume_flow_run(started.id, run_input={"rating": "false", "note": "It was 243.", "sources": []})
                _wait_for(lambda: client.read_flow_run(started.id).state.is_final(), timeout=150, every=0.25)
                assert client.read_flow_run(started.id).state.is_completed()
        with Session(open_engine(f"sqlite:///{db}")) as session:
            (verdict,) = session.exec(select(Verdict)).all()
            claim = session.get(StoredClaim, verdict.claim_id)
        assert (verdict.rating, verdict.reviewer, verdict.explanation) == ("false", "ana", "It was 243.")
        assert claim is not None and claim.status == ClaimStatus.REVIEWED
        assert list((tmp_path / "reports").glob("00001-*.html"))
    finally:
        stop_process(worker)
        worker_log.close()

"""Shared fixtures: real SQLite files, a real Prefect test server, real HTTP on loopback.

Prefect's settings are fixed here, before anything imports Prefect: a private
PREFECT_HOME, no analytics, no log shipping, a generous start-up timeout.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

_PREFECT_HOME = tempfile.mkdtemp(prefix="claims-test-prefect-")
for _name, _value in {
    "PREFECT_HOME": _PREFECT_HOME,
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "PREFECT_SERVER_SERVICES_TASK_RUN_RECORDER_ENABLED": "false",
    "PREFECT_SERVER_SERVICES_EVENT_PERSISTER_ENABLED": "false",
    "PREFECT_LOGGING_TO_API_ENABLED": "false",
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "90",
    "PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL": "WARNING",
    # Retries of a failed fetch still happen (and are counted in the tests); they need not wait 3.5 s.
    "CLAIMS_FETCH_BACKOFF": "0.02",
}.items():
    os.environ[_name] = _value
for _name in ("PREFECT_API_URL", "CLAIMS_DATABASE_URL", "CLAIMS_REPORTS_DIR"):
    os.environ.pop(_name, None)

import pytest  # noqa: E402

from tests.helpers import LoopbackServer  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DEV = SHARED / "eval" / "dev"
EXAMPLE = ROOT / "examples" / "harbour-bridge-reopens.txt"
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def need_shared(path: Path) -> Path:
    """The path under ../shared, or skip (fail under CI) when it is not there."""
    if not path.exists():
        if IN_CI:
            pytest.fail(f"{path} is missing: CI must have ../shared beside the project")
        pytest.skip(f"{path} is not here (../shared beside the project)")
    return path


# ------------------------------------------------------------------ xdist: which worker runs what
# `make test` runs `pytest -n auto`. Its default (--dist load) hands each worker a quarter of the tests
# in file order at the start, so a test module's costly fixture (a Prefect server, a running desk,
# Chromium) was set up in both workers, and a 30 s test collected late could leave one worker running
# it alone at the end. Here --dist load hands out one unit at a time instead, the longest first, and
# the tests that share such a fixture are one unit. (xdist_group marks are no help: with pytest 9.2
# xdist 3.8's loadgroup no longer tags the test ids, so it schedules every test on its own.)

#: Tests that share one costly fixture, kept in one worker: nodeid prefix -> unit name.
GROUPS = {
    "tests/test_deployments.py::test_worker_runs_": "prefect-deployments",  # one `prefect server start`
    "tests/test_web.py::": "web-desk",  # one running desk with 111 articles
    "tests/test_web_browser.py::": "chromium",  # one desk and one browser
    "tests/test_report_browser.py::": "chromium",
}
#: Every test on the prefect_server fixture, in one worker: the other never starts a test harness
#: (10-30 s each). One left out still passes; its worker starts a harness of its own.
GROUPS |= dict.fromkeys(
    (
        "tests/test_bad_input.py::",
        "tests/test_batch.py::",
        "tests/test_claims_bound.py::test_cli_and_run_log_warn",
        "tests/test_cli.py::test_check_then_check_again",
        "tests/test_durability.py::test_kill_9_of_claims_check_then_rerun",
        "tests/test_flow_check_article.py::",
        "tests/test_hostile_fuzz.py::test_flow_artifacts_are_inert",
        "tests/test_hostile_fuzz.py::test_ingest_artifacts_are_inert",
        "tests/test_ingest_flow.py::",
        "tests/test_prefect_failures.py::",
        "tests/test_review_flow.py::test_editor_reviews_in_the_ui",
        "tests/test_review_flow.py::test_timeout_releases_the_lease",
        "tests/test_secrets.py::test_a_database_password_reaches_no_prefect_",
        "tests/test_secrets.py::test_an_api_key_in_an_article_url_",
        "tests/test_secrets.py::test_a_token_in_a_feed_url_",
    ),
    "prefect-harness",
)

#: The longest units first (seconds from --durations on the 2-core machine, both workers busy);
#: everything else follows in file order.
LONGEST_FIRST = (
    "tests/test_deployments.py::test_worker_runs_",  # 70-90 s with its server
    "tests/test_bad_input.py::",  # the first of group prefect-harness: 90-120 s in all
    "tests/test_migration_kill.py::test_kill_9_",  # 25-45 s each
    "tests/test_scale_postgres.py::",  # 25-40 s
    "tests/test_web_browser.py::",  # with test_report_browser: 25-30 s
    "tests/test_web.py::",  # 20-30 s
    "tests/test_verdict_binding.py::test_random_edits_",  # 13-17 s
    "tests/test_durability.py::test_kill_9_during_writes",  # 6-8 s
    "tests/test_verdict_binding.py::test_binding_rule_",  # 10-12 s
    "tests/test_cold_start.py::test_the_review_commands_",  # 5-11 s
    "tests/test_wheel.py::",  # 8-14 s
)


def _rank(nodeid: str) -> int:
    return next((i for i, prefix in enumerate(LONGEST_FIRST) if nodeid.startswith(prefix)), len(LONGEST_FIRST))


@pytest.hookimpl(optionalhook=True)  # without xdist (-p no:xdist) there is no such hook
def pytest_xdist_make_scheduler(config: pytest.Config, log: object) -> object | None:
    """For --dist load (what -n alone means): units of GROUPS, one at a time, LONGEST_FIRST first."""
    if config.getvalue("dist") != "load":
        return None  # an explicit --dist loadfile, loadgroup, ... is left as asked
    from collections import OrderedDict

    from xdist.scheduler import LoadScopeScheduling

    class LongestFirst(LoadScopeScheduling):
        ordered = False

        def _split_scope(self, nodeid: str) -> str:
            return next((unit for prefix, unit in GROUPS.items() if nodeid.startswith(prefix)), nodeid)

        def _assign_work_unit(self, node) -> None:  # type: ignore[no-untyped-def]
            if not self.ordered:  # the queue is complete before the first unit goes out
                units = sorted(self.workqueue.items(), key=lambda unit: _rank(next(iter(unit[1]))))
                self.workqueue = OrderedDict(units)
                self.ordered = True
            super()._assign_work_unit(node)

    return LongestFirst(config, log)  # type: ignore[arg-type]


@pytest.fixture(autouse=True)
def _allow_loopback_fetches(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests fetch from loopback servers: allow it, except in tests of the SSRF guard (marked ssrf)."""
    if request.node.get_closest_marker("ssrf") is None:
        monkeypatch.setenv("CLAIMS_FETCH_ALLOW", "127.0.0.0/8,::1/128")
    else:
        monkeypatch.delenv("CLAIMS_FETCH_ALLOW", raising=False)


@pytest.fixture
def seed_article() -> Path:
    """The seed report, read from ../shared (never copied into the repo)."""
    return need_shared(DEV / "putin-kim-summit.txt")


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    """A fresh SQLite file URL under the test's temp folder."""
    return f"sqlite:///{tmp_path / 'claims.db'}"


@pytest.fixture
def reports_dir(tmp_path: Path) -> Path:
    """A fresh reports folder."""
    return tmp_path / "reports"


@pytest.fixture(scope="session")
def prefect_server():
    """One Prefect test server (real API, temporary database) for the whole session."""
    from prefect.settings import PREFECT_FLOWS_HEARTBEAT_FREQUENCY, temporary_settings
    from prefect.testing.utilities import prefect_test_harness

    with (
        prefect_test_harness(server_startup_timeout=90),
        temporary_settings({PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None}),
    ):
        yield


@pytest.fixture
def http_server():
    """A real HTTP server on 127.0.0.1 serving routes the test sets."""
    server = LoopbackServer()
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def pg_url():
    """A throwaway PostgreSQL database for the session (CLAIMS_TEST_POSTGRES_URL names the server).

    Skipped with the reason when no server answers, except under CI=true, where it fails.
    """
    import uuid

    psycopg = pytest.importorskip("psycopg")
    admin = os.environ.get("CLAIMS_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
    name = f"claims_test_{uuid.uuid4().hex[:12]}"
    try:
        with psycopg.connect(admin, autocommit=True, connect_timeout=3) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
    except psycopg.Error as exc:
        reason = f"no PostgreSQL server at {admin}: {str(exc).strip().splitlines()[0]}"
        if IN_CI:
            pytest.fail(reason)
        pytest.skip(reason)
    base, _, _ = admin.rpartition("/")
    url = f"{base.replace('postgresql://', 'postgresql+psycopg://', 1)}/{name}"
    yield url
    from claims.db import make_engine

    make_engine(url).dispose()
    with psycopg.connect(admin, autocommit=True, connect_timeout=3) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


# Headless Chromium (Debian's chromium) for the HTML pages.
CHROMIUM = Path(os.environ.get("CLAIMS_TEST_CHROMIUM", "/usr/bin/chromium"))
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """One headless Chromium per test module (tests/test_report_browser.py, tests/test_web_browser.py)."""
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} is missing: install Debian's chromium (apt-get install chromium)"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            yield chromium
        finally:
            chromium.close()

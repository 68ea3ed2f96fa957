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

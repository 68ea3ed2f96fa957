"""No secret reaches Prefect, logs, artifacts, reports or the database.

Secrets are a database password (``postgresql://user:PASSWORD@host/db``) and API
keys in article URLs (``?api_key=...``, ``token``, ``sig``, ...). Each test uses a
unique marker string as the secret and then searches everything we produced for it:
Prefect flow and task runs (names, parameters, state messages), artifacts, every
log record of the ``prefect`` and ``claims`` loggers, the command's output, the
report files and the database.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from claims.cli import app
from claims.db import redact
from claims.redact import has_password, is_secret_name, redact_text, redact_url
from tests.conftest import EXAMPLE
from tests.helpers import Route

runner = CliRunner()
ARTICLE = (
    b"<html><head><title>Harbour bridge reopens after repair</title></head><body><article>"
    b"<p>The harbour bridge reopened on Monday after an 18-month repair that cost 42 million dollars, "
    b"the city council said in a statement on Sunday. Traffic fell by 12 percent during the works, "
    b"and the council expects 30,000 vehicles a day to use the bridge again by March.</p>"
    b"</article></body></html>"
)


class Records:
    """Every log record created anywhere in the process (a record factory survives Prefect's logging set-up)."""

    def __init__(self) -> None:
        self.records: list[logging.LogRecord] = []

    @property
    def lines(self) -> list[str]:
        return [f"{r.name}: {r.getMessage()}" for r in self.records]


@pytest.fixture
def logs() -> Iterator[Records]:
    captured = Records()
    previous = logging.getLogRecordFactory()

    def factory(*args, **kwargs) -> logging.LogRecord:  # type: ignore[no-untyped-def]
        record = previous(*args, **kwargs)
        captured.records.append(record)
        return record

    logging.setLogRecordFactory(factory)
    try:
        yield captured
    finally:
        logging.setLogRecordFactory(previous)


def keyed(needle: str, body: bytes, content_type: str) -> Route:
    """A route that serves ``body`` only to a request whose path holds ``needle`` (a key), 403 otherwise."""

    def serve(request) -> None:  # type: ignore[no-untyped-def]
        ok = needle in request.path
        sent = body if ok else b"forbidden"
        request.send_response(200 if ok else 403)
        request.send_header("Content-Type", content_type)
        request.send_header("Content-Length", str(len(sent)))
        request.end_headers()
        request.wfile.write(sent)

    return Route(handler=serve)


def prefect_text(*, with_parameters: bool) -> str:
    """Everything the Prefect server holds about runs and artifacts, as one string."""
    from prefect.client.orchestration import get_client

    parts: list[str] = []
    with get_client(sync_client=True) as client:
        for run in client.read_flow_runs(limit=200):
            parts += [run.name, str(run.state.message if run.state else "")]
            if with_parameters:
                parts.append(repr(run.parameters))
        for task_run in client.read_task_runs(limit=200):
            parts += [task_run.name, str(task_run.state.message if task_run.state else "")]
        for artifact in client.read_artifacts(limit=200):
            parts += [str(artifact.data), str(artifact.description), str(artifact.key)]
    return "\n".join(parts)


def files_text(folder: Path) -> str:
    return "\n".join(p.read_text(errors="replace") for p in folder.rglob("*") if p.is_file())


# ------------------------------------------------------------------ unit


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("https://news.example/a?api_key=S1&page=2", "https://news.example/a?api_key=***&page=2"),
        ("https://news.example/a?page=2&token=S1", "https://news.example/a?page=2&token=***"),
        (
            "https://news.example/a?X-Amz-Signature=S1&X-Amz-Date=2",
            "https://news.example/a?X-Amz-Signature=***&X-Amz-Date=2",
        ),
        ("https://news.example/a?sig=S1", "https://news.example/a?sig=***"),
        ("https://news.example/a?access_token=S1#x", "https://news.example/a?access_token=***#x"),
        ("https://news.example/a?client_secret=S1&key=S2", "https://news.example/a?client_secret=***&key=***"),
        ("https://news.example/a?password=S1", "https://news.example/a?password=***"),
        ("https://news.example/a#access_token=S1", "https://news.example/a#access_token=***"),
        ("https://ed:S1@news.example/a", "https://ed:***@news.example/a"),
        ("https://S1@news.example/a", "https://***@news.example/a"),
        ("https://news.example/a?id=7&sort=new", "https://news.example/a?id=7&sort=new"),
        ("story.txt", "story.txt"),
        ("-", "-"),
        ("", ""),
    ],
)
def test_redact_url(url: str, shown: str) -> None:
    assert redact_url(url) == shown
    assert "S1" not in redact_url(url).replace("S1", "S1" if "S1" in shown else "")


def test_redact_text_finds_every_url_in_a_message() -> None:
    message = "https://a.example/x?token=T0P: HTTP 404 Not Found (redirected from http://u:pw@b.example/)"
    assert (
        redact_text(message)
        == "https://a.example/x?token=***: HTTP 404 Not Found (redirected from http://u:***@b.example/)"
    )


@settings(max_examples=80, deadline=None)
@given(
    name=st.sampled_from(
        ["api_key", "apikey", "token", "access_token", "secret", "password", "sig", "Signature", "key"]
    ),
    # A final "." in running text is the sentence's, not the URL's (see the test below).
    value=st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789-_.~%", min_size=6, max_size=40).filter(
        lambda v: not v.endswith(".")
    ),
    before=st.lists(st.sampled_from(["id=3", "page=2", "lang=en", "a=", "utm_source=rss"]), max_size=3),
)
def test_no_secret_value_survives_redaction(name: str, value: str, before: list[str]) -> None:
    query = "&".join([*before, f"{name}={value}"])
    url = f"https://news.example/story/1?{query}"
    shown = redact_url(url)
    # Exact expectations: the value may be any word, even one of the message's own
    # ("failed"), so "value not in message" would test the words around it.
    assert shown == "https://news.example/story/1?" + "&".join([*before, f"{name}=***"])
    assert redact_text(f"fetch {url} failed") == f"fetch {shown} failed"


def test_sentence_punctuation_after_a_url_stays_with_the_sentence() -> None:
    assert redact_text("Fetch https://a.example/x?token=abc. Retrying.") == (
        "Fetch https://a.example/x?token=***. Retrying."
    )


def test_secret_names() -> None:
    assert all(map(is_secret_name, ["api_key", "API-KEY", "apiKey", "auth_token", "X-Amz-Signature", "pwd"]))
    assert not any(map(is_secret_name, ["id", "page", "monkey", "tokens_used_for_sorting_x" * 0 or "sort", "q"]))


def test_the_command_hands_its_database_url_to_flows_by_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """No flow takes a database URL or reports folder as a parameter (issue 15); the CLI uses the environment."""
    import inspect

    from claims.config import Settings
    from claims.runtime import settings_in_environment
    from flows.serve import SCHEDULES, load_flow

    for schedule in SCHEDULES:
        names = set(inspect.signature(load_flow(schedule.entrypoint).fn).parameters)
        assert not names & {"database_url", "reports_dir"}, schedule.name
    monkeypatch.setenv("CLAIMS_DATABASE_URL", "sqlite:///before.db")
    monkeypatch.delenv("CLAIMS_REPORTS_DIR", raising=False)
    url = "postgresql+psycopg://editor:hunter2@db.example/claims"
    assert has_password(url)
    with settings_in_environment(Settings(database_url=url)):
        assert Settings.from_env().database_url == url
    assert os.environ["CLAIMS_DATABASE_URL"] == "sqlite:///before.db" and "CLAIMS_REPORTS_DIR" not in os.environ


@pytest.mark.parametrize(
    "command", [["queue"], ["doctor"], ["backup", "x.db"], ["report"], ["next", "--reviewer", "a"]]
)
def test_commands_never_print_a_database_password(command: list[str], tmp_path: Path) -> None:
    url = "postgresql+psycopg://editor:hunter2-pw@127.0.0.1:9/claims"  # nothing listens on port 9
    result = runner.invoke(app, [*command, "--db", url])
    assert result.exit_code != 0
    assert "hunter2-pw" not in result.stdout + result.stderr
    assert result.stderr.startswith("claims: error: ") and result.stderr.count("\n") == 1


# ------------------------------------------------------------------ end to end


@pytest.mark.slow
@pytest.mark.postgres
def test_a_database_password_reaches_no_prefect_parameter_log_artifact_or_report(
    prefect_server, pg_url: str, reports_dir: Path, logs: Records, monkeypatch: pytest.MonkeyPatch
) -> None:
    secret = f"pw-{uuid.uuid4().hex[:12]}"
    scheme, rest = pg_url.split("://", 1)
    user_host = rest.split("@", 1)[-1] if "@" in rest else rest
    user = rest.split("@", 1)[0].split(":")[0] if "@" in rest else "postgres"
    url = f"{scheme}://{user}:{secret}@{user_host}"  # the test server trusts local connections
    monkeypatch.setenv("CLAIMS_DATABASE_URL", "sqlite:///unused.db")  # restored after the test
    result = runner.invoke(app, ["check", str(EXAMPLE), "--db", url, "--reports", str(reports_dir), "-f", "json"])
    assert result.exit_code == 0, result.stderr
    batch = runner.invoke(app, ["batch", str(EXAMPLE), "--db", url, "--reports", str(reports_dir)])
    assert batch.exit_code == 0, batch.stderr
    assert "1 sources" in batch.stdout
    everything = "\n".join(
        [
            prefect_text(with_parameters=True),
            *logs.lines,
            result.stdout,
            result.stderr,
            batch.stdout,
            files_text(reports_dir),
        ]
    )
    assert any("claims" in line for line in logs.lines if line.startswith("prefect.flow_runs")), logs.lines
    assert secret not in everything
    assert redact(url) != url


@pytest.mark.slow
def test_an_api_key_in_an_article_url_reaches_no_log_artifact_report_or_row(
    prefect_server, http_server, db_url: str, reports_dir: Path, logs: Records
) -> None:
    key = f"KEY{uuid.uuid4().hex[:12]}"

    # The article only for a request that carries the key (so the flow must fetch with it).
    http_server.add("/news/bridge", keyed(f"api_key={key}&", ARTICLE, "text/html; charset=utf-8"))
    url = http_server.url(f"/news/bridge?api_key={key}&sig={key}s&page=1")
    missing = http_server.url(f"/news/gone?token={key}t")
    result = runner.invoke(app, ["check", url, missing, "--db", db_url, "--reports", str(reports_dir)])
    assert result.exit_code == 2  # the second source is a 404
    assert "page=1" in files_text(reports_dir), "the report should still show the (redacted) source URL"
    with sqlite3.connect(db_url.removeprefix("sqlite:///")) as conn:
        rows = repr(conn.execute("SELECT source, url, identity, title, text FROM article").fetchall())
    assert "api_key=***" in rows
    batch = runner.invoke(app, ["batch", url, missing, "--db", db_url, "--reports", str(reports_dir)])
    assert batch.exit_code == 2
    everything = "\n".join(
        [prefect_text(with_parameters=True), *logs.lines, result.stdout, result.stderr, files_text(reports_dir), rows]
    )
    assert any(line.startswith("prefect.task_runs") for line in logs.lines), logs.lines
    assert key not in everything
    # The flow-run parameters hold the redacted URL; the article was still fetched with its key.
    assert "api_key=***&sig=***&page=1" in prefect_text(with_parameters=True)


@pytest.mark.slow
def test_a_token_in_a_feed_url_reaches_no_flow_parameter(
    prefect_server, http_server, db_url: str, reports_dir: Path, logs: Records
) -> None:
    key = f"TOK{uuid.uuid4().hex[:12]}"
    story = http_server.add("/news/bridge", Route(body=ARTICLE))
    feed = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>City news</title>'
        f"<item><title>Bridge</title><link>{story}</link><guid>bridge</guid></item></channel></rss>"
    ).encode()

    http_server.add("/feed.xml", keyed(f"token={key}", feed, "application/rss+xml"))  # the flow must poll with it
    url = http_server.url(f"/feed.xml?token={key}")
    result = runner.invoke(app, ["ingest", url, "--db", db_url, "--reports", str(reports_dir)])
    assert result.exit_code == 0, result.output
    held = prefect_text(with_parameters=True)
    assert "token=***" in held and key not in held
    assert key not in "\n".join([*logs.lines, result.stdout, result.stderr, files_text(reports_dir)])
    with sqlite3.connect(db_url.removeprefix("sqlite:///")) as conn:
        assert conn.execute("SELECT count(*) FROM article").fetchone()[0] == 1  # polled with its token


def test_flow_parameters_get_the_redacted_url_and_the_flow_the_original() -> None:
    from claims.errors import InvalidInput
    from claims.redact import original_url, parameter_url

    raw = "https://news.example/p?api_key=S1&page=2"
    shown = parameter_url(raw)
    assert shown == "https://news.example/p?api_key=***&page=2" and original_url(shown) == raw
    assert parameter_url("story.txt") == "story.txt" and original_url("story.txt") == "story.txt"
    with pytest.raises(InvalidInput, match="different secrets"):
        parameter_url("https://news.example/p?api_key=S2&page=2")

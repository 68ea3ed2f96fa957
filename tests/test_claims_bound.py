"""At most CLAIMS_MAX_CLAIMS claims per article, the best by check-worthiness, with a warning everywhere."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlmodel import Session, func, select
from typer.testing import CliRunner

from claims.cli import app
from claims.config import Settings
from claims.db import open_engine
from claims.extract import extract_claims
from claims.models import StoredArticle, StoredClaim
from claims.pipeline import check_source
from claims.report import build_reports
from claims.sources import load_article
from claims.store import article_claims, bound_claims, save_article
from tests.conftest import EXAMPLE
from tests.test_queue import numbered

SCORES = [0.2, 0.9, 0.4, 0.95, 0.1, 0.6, 0.9, 0.3, 0.5, 0.7]


def test_only_the_best_are_kept_in_text_order(db_url: str, tmp_path: Path) -> None:
    engine = open_engine(db_url)
    article, claims = numbered("big.txt", len(SCORES))
    claims = [c.__class__(**{**c.to_dict(), "score": s}) for c, s in zip(claims, SCORES, strict=True)]
    kept = bound_claims(claims, 4)
    assert [c.score for c in kept] == [0.9, 0.95, 0.9, 0.7]  # the best four, as they stand in the text
    queued = save_article(engine, article, claims, max_claims=4)
    assert (queued.claims, queued.found, queued.capped) == (4, 10, True)
    with Session(engine) as session:
        stored = article_claims(session, queued.article_id)
        assert [c.score for c in stored] == [0.9, 0.95, 0.9, 0.7]
        assert session.get(StoredArticle, queued.article_id).claims_found == 10  # type: ignore[union-attr]
    page = build_reports(engine, tmp_path / "r", [queued.article_id]).last_article
    assert page is not None
    html = page.read_text(encoding="utf-8")
    assert "10 claims were found in this article; only the 4 most check-worthy are listed and queued" in html
    # a revision within the bound clears the note
    smaller, few = numbered("big.txt", 3, first=50)
    again = save_article(engine, smaller, few, max_claims=4)
    assert (again.revision, again.capped) == (2, False)
    with Session(engine) as session:
        assert session.get(StoredArticle, queued.article_id).claims_found is None  # type: ignore[union-attr]


def test_the_bound_comes_from_the_environment(db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    assert Settings.from_env().max_claims == 300
    monkeypatch.setenv("CLAIMS_MAX_CLAIMS", "5")
    settings = Settings.from_env(database_url=db_url)
    outcome = check_source(str(EXAMPLE), settings, open_engine(db_url))
    found = len(extract_claims(load_article(str(EXAMPLE)).text))
    assert found > 5 and outcome.ok and (outcome.claims, outcome.found) == (5, found)
    with Session(open_engine(db_url)) as session:
        assert session.exec(select(func.count()).select_from(StoredClaim)).one() == 5


@pytest.mark.usefixtures("prefect_server")
def test_cli_and_run_log_warn(db_url: str, tmp_path: Path, monkeypatch) -> None:
    import logging

    class Kept(logging.Handler):
        def __init__(self) -> None:
            super().__init__(logging.WARNING)
            self.records: list[logging.LogRecord] = []

        def emit(self, record: logging.LogRecord) -> None:
            self.records.append(record)

    from prefect.logging.configuration import PROCESS_LOGGING_CONFIG, setup_logging

    if not PROCESS_LOGGING_CONFIG:
        setup_logging()  # now, as the run would: later set-ups are incremental and keep the handler added below

    monkeypatch.setenv("CLAIMS_MAX_CLAIMS", "5")
    kept = Kept()
    task_log = logging.getLogger("prefect.task_runs")
    task_log.addHandler(kept)
    try:
        result = CliRunner().invoke(app, ["check", str(EXAMPLE), "--db", db_url, "--reports", str(tmp_path / "r")])
    finally:
        task_log.removeHandler(kept)
    assert result.exit_code == 0, result.output
    found = len(extract_claims(load_article(str(EXAMPLE)).text))
    warning = f"{EXAMPLE}: {found} claims found; only the 5 most check-worthy are queued (CLAIMS_MAX_CLAIMS)"
    assert f"claims: warning: {warning}" in result.stderr.splitlines()
    assert "5 claims (queued)" in result.stdout
    # the run log: the queue-claims task warns. Read from the task-run logger, not the runner's
    # stderr: Prefect's console handler keeps the stream of the first run in this process,
    # which is another test's runner when one ran a flow before (the order under xdist varies).
    (logged,) = kept.records
    assert getattr(logged, "task_run_name", "").startswith("queue-claims") and logged.getMessage() == warning

"""The ``review-claims`` flow under a real Prefect test server; a thread plays the editor."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import Session, select

from claims.db import open_engine
from claims.models import ClaimStatus, Lease, StoredClaim, Verdict
from claims.store import save_article
from tests.test_queue import numbered

pytestmark = pytest.mark.slow


@pytest.fixture(autouse=True)
def _worker_environment(db_url: str, reports_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Flows read the database and the reports folder from the environment, as on a worker."""
    monkeypatch.setenv("CLAIMS_DATABASE_URL", db_url)
    monkeypatch.setenv("CLAIMS_REPORTS_DIR", str(reports_dir))


def editor(run_name: str, answers: list[dict[str, Any]], seen: list[str]) -> Callable[[], None]:
    """Resume the run named ``run_name`` once per answer, each time it pauses anew."""
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterName
    from prefect.flow_runs import resume_flow_run

    def play() -> None:
        deadline = time.monotonic() + 60
        with get_client(sync_client=True) as client:
            while answers and time.monotonic() < deadline:
                runs = client.read_flow_runs(flow_run_filter=FlowRunFilter(name=FlowRunFilterName(any_=[run_name])))
                state = runs[0].state if runs else None
                key = state.state_details.pause_key if state and state.is_paused() else None
                if key and key not in seen and state and state.state_details.run_input_keyset:
                    seen.append(key)
                    seen.append(state.message or "")
                    resume_flow_run(runs[0].id, run_input=answers.pop(0))
                time.sleep(0.2)

    return play


def test_editor_reviews_in_the_ui(prefect_server: None, db_url: str, reports_dir: Path) -> None:
    from flows.review_claims import review_claims

    engine = open_engine(db_url)
    save_article(engine, *numbered("ui.txt", 3))
    answers = [
        {"rating": "false", "note": "The budget was $243m.", "sources": ["https://example.org/budget"]},
        {"rating": "true", "note": "", "sources": ["not a url"]},  # refused: asked again
        {"rating": "mostly-true", "note": "Close.", "sources": []},
    ]
    seen: list[str] = []
    player = threading.Thread(target=editor("review-ana", answers, seen), daemon=True)
    player.start()
    result = review_claims("ana", count=2, timeout=30, poll_interval=1)
    player.join(5)
    assert [v["rating"] for v in result["verdicts"]] == ["false", "mostly-true"]
    assert result["timed_out"] is None
    assert len(seen) == 6  # three pauses: two claims, one asked twice
    with Session(engine) as session:
        verdicts = session.exec(select(Verdict).order_by(Verdict.id)).all()
        assert [(v.rating, v.reviewer) for v in verdicts] == [("false", "ana"), ("mostly-true", "ana")]
        assert verdicts[0].sources == ["https://example.org/budget"]
        assert verdicts[0].explanation == "The budget was $243m."
        assert session.exec(select(Lease)).all() == []
        statuses = sorted(c.status for c in session.exec(select(StoredClaim)))
    assert statuses == [ClaimStatus.PENDING, ClaimStatus.REVIEWED, ClaimStatus.REVIEWED]
    assert any(reports_dir.glob("00001-*.html"))


def test_timeout_releases_the_lease(prefect_server: None, db_url: str, reports_dir: Path) -> None:
    from flows.review_claims import review_claims

    engine = open_engine(db_url)
    save_article(engine, *numbered("quiet.txt", 1))
    result = review_claims("bob", count=1, timeout=1, poll_interval=1)
    assert result["verdicts"] == [] and result["timed_out"] == 1
    with Session(engine) as session:
        assert session.exec(select(Lease)).all() == []
        assert session.get(StoredClaim, 1).status == ClaimStatus.PENDING  # type: ignore[union-attr]
        assert session.exec(select(Verdict)).all() == []

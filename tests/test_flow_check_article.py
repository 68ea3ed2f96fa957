"""End to end under a real Prefect test server: article -> claims in SQLite -> artifacts -> report."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlmodel import Session, select

from claims.db import open_engine
from claims.models import StoredArticle, StoredClaim
from tests.conftest import EXAMPLE
from tests.helpers import run_artifacts

pytestmark = pytest.mark.usefixtures("prefect_server")


@pytest.fixture(autouse=True)
def _worker_environment(db_url: str, reports_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Flows read the database and the reports folder from the environment, as on a worker."""
    monkeypatch.setenv("CLAIMS_DATABASE_URL", db_url)
    monkeypatch.setenv("CLAIMS_REPORTS_DIR", str(reports_dir))


SEED_QUOTES = [
    "first visit in 24 years",
    "2:45 a.m.",
    "two-day visit",
    "dozens of ballistic missiles",
    "11,000 containers of ammunition",
]


def test_seed_report_end_to_end(seed_article: Path, db_url: str, reports_dir: Path) -> None:
    from flows.check_article import check_article

    state = check_article(str(seed_article), return_state=True)
    assert state.is_completed(), state.message
    result = state.result()
    assert result.created and result.slug == "putin-kim-summit"

    with Session(open_engine(db_url)) as session:
        article = session.exec(select(StoredArticle)).one()
        claims = session.exec(select(StoredClaim).where(StoredClaim.article_id == article.id)).all()
    quotes = [c.quote for c in claims]
    text = seed_article.read_text(encoding="utf-8")
    for wanted in SEED_QUOTES:
        assert any(wanted in q and len(q) <= 3 * len(wanted) + 80 for q in quotes), wanted  # the scorer's rule
    # atomic: the missiles and the ammunition are separate claims
    assert not any("missiles" in q and "ammunition" in q for q in quotes)
    for claim in claims:
        assert text[claim.start : claim.end] == claim.quote

    report = Path(result.report)
    assert report.parent == reports_dir.resolve() and report.name.endswith("putin-kim-summit.html")
    html = report.read_text(encoding="utf-8")
    for wanted in SEED_QUOTES:
        assert wanted in html
    assert html.count('<mark class="claim') >= len(SEED_QUOTES)
    assert (reports_dir / "index.html").read_text(encoding="utf-8").count(report.name) == 1

    flow_run_id = state.state_details.flow_run_id
    artifacts = {a.key: a for a in run_artifacts(flow_run_id)}
    assert set(artifacts) == {
        "claims-putin-kim-summit-summary",
        "claims-putin-kim-summit-claims",
        "claims-putin-kim-summit-report",
    }
    assert report.as_uri() in str(artifacts["claims-putin-kim-summit-report"].data)
    assert "11,000 containers of ammunition" in str(artifacts["claims-putin-kim-summit-claims"].data)

    from prefect.client.orchestration import get_client

    with get_client(sync_client=True) as client:
        assert client.read_flow_run(flow_run_id).name == "check-putin-kim-summit"


def test_sample_article_and_second_run_adds_nothing(db_url: str, reports_dir: Path) -> None:
    from flows.check_article import check_article

    first = check_article(str(EXAMPLE))
    second = check_article(str(EXAMPLE))
    assert first.created and not second.created
    assert first.article_id == second.article_id
    with Session(open_engine(db_url)) as session:
        assert len(session.exec(select(StoredArticle)).all()) == 1
        assert len(session.exec(select(StoredClaim)).all()) == len(first.claims) > 0
    assert "Harbour Bridge" in Path(first.report).read_text(encoding="utf-8")


def test_bad_source_fails_the_run_with_a_reason(tmp_path: Path, db_url: str, reports_dir: Path) -> None:
    from flows.check_article import check_article

    state = check_article(str(tmp_path / "missing.txt"), return_state=True)
    assert state.is_failed()
    assert state.message == f"{tmp_path / 'missing.txt'}: no such file"
    assert not reports_dir.exists()

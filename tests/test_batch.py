"""The batch flow: many articles in one flow run, chunked into tasks, bad sources reported."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlmodel import Session, func, select
from typer.testing import CliRunner

from claims.config import Settings
from claims.db import open_engine
from claims.models import StoredArticle, StoredClaim
from claims.pipeline import check_source, chunked, read_sources
from tests.conftest import EXAMPLE

pytestmark = pytest.mark.usefixtures("prefect_server")


def _articles(folder: Path, count: int) -> list[str]:
    base = EXAMPLE.read_text(encoding="utf-8")
    folder.mkdir()
    paths = []
    for i in range(count):
        path = folder / f"a{i:03d}.txt"
        path.write_text(base.replace("42,000", f"{42_000 + i:,}"), encoding="utf-8")
        paths.append(str(path))
    return paths


def _counts(db_url: str) -> tuple[int, int]:
    with Session(open_engine(db_url)) as session:
        return (
            session.exec(select(func.count()).select_from(StoredArticle)).one(),
            session.exec(select(func.count()).select_from(StoredClaim)).one(),
        )


def test_batch_flow_matches_bare_pipeline(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterFlowRunId

    from flows.check_articles import check_articles

    paths = _articles(tmp_path / "in", 12)
    listing = tmp_path / "list.txt"
    listing.write_text("# archive\n" + "\n".join([*paths, str(tmp_path / "gone.txt"), ""]), encoding="utf-8")
    flow_db = f"sqlite:///{tmp_path / 'flow.db'}"
    monkeypatch.setenv("CLAIMS_DATABASE_URL", flow_db)  # as on a worker: flows take no folders
    monkeypatch.setenv("CLAIMS_REPORTS_DIR", str(tmp_path / "rep"))
    state = check_articles(sources_file=str(listing), chunk_size=5, return_state=True)
    counts = state.result()
    missing = str(tmp_path / "gone.txt")
    assert counts == {
        "checked": 13,
        "created": 12,
        "claims": counts["claims"],
        "failed": 1,
        "failures": [[missing, f"{missing}: no such file"]],
        "capped": [],
    }

    bare_db = f"sqlite:///{tmp_path / 'bare.db'}"
    settings = Settings.from_env(database_url=bare_db)
    engine = open_engine(bare_db)
    outcomes = [check_source(p, settings, engine) for p in read_sources(listing)]
    assert sum(o.claims for o in outcomes if o.ok) == counts["claims"]
    assert _counts(flow_db) == _counts(bare_db) == (12, counts["claims"])
    assert len(list((tmp_path / "rep").glob("0*.html"))) == 12

    with get_client(sync_client=True) as client:
        artifacts = client.read_artifacts(
            artifact_filter=ArtifactFilter(flow_run_id=ArtifactFilterFlowRunId(any_=[state.state_details.flow_run_id]))
        )
    by_key = {a.key: a for a in artifacts}
    assert by_key["check-articles-progress"].data == 100.0
    assert "gone.txt: no such file" in str(by_key["check-articles-summary"].data)

    again = check_articles(sources=paths[:3])
    assert again == {"checked": 3, "created": 0, "claims": again["claims"], "failed": 0, "failures": [], "capped": []}
    assert _counts(flow_db)[0] == 12


def test_batch_command(tmp_path: Path) -> None:
    from claims.cli import app

    paths = _articles(tmp_path / "in", 3)
    listing = tmp_path / "list.txt"
    listing.write_text("\n".join(paths), encoding="utf-8")
    db = f"sqlite:///{tmp_path / 'c.db'}"
    result = CliRunner().invoke(
        app, ["batch", "--from-file", str(listing), "--db", db, "--reports", str(tmp_path / "r")]
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("3 sources: 3 new articles,")
    missing = CliRunner().invoke(app, ["batch", "--from-file", str(tmp_path / "nope.txt"), "--db", db])
    assert missing.exit_code == 2
    assert missing.stderr.strip() == f"claims: error: {tmp_path / 'nope.txt'}: no such file"


def test_chunked_is_lazy() -> None:
    def endless():
        n = 0
        while True:
            n += 1
            yield str(n)

    first = next(chunked(endless(), 3))
    assert first == ["1", "2", "3"]


def test_batch_names_every_failed_source_and_why(tmp_path: Path) -> None:
    from claims.cli import app

    (good,) = _articles(tmp_path / "in", 1)
    data = tmp_path / "in" / "export.json"
    data.write_text('{"articles": []}', encoding="utf-8")
    empty = tmp_path / "in" / "empty.txt"
    empty.write_text("", encoding="utf-8")
    missing = tmp_path / "in" / "missing.txt"
    db = f"sqlite:///{tmp_path / 'c.db'}"
    result = CliRunner().invoke(
        app, ["batch", good, str(data), str(empty), str(missing), "--db", db, "--reports", str(tmp_path / "r")]
    )
    assert result.exit_code == 2, result.output
    # (the test session shows Prefect's warnings on stderr too; the command's own lines are these)
    assert [line for line in result.stderr.splitlines() if line.startswith("claims:")] == [
        f"claims: error: {data}: JSON data (.json), not an article; articles are .txt, .md or .html",
        f"claims: error: {empty}: the article is empty",
        f"claims: error: {missing}: no such file",
    ]
    assert result.stdout.startswith("4 sources: 1 new articles,") and "3 failed" in result.stdout

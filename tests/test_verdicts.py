"""Verdicts through the ``claims`` commands (CliRunner) on SQLite and PostgreSQL: recorded, refused, history."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlmodel import Session, func, select
from typer.testing import CliRunner

from claims.cli import app
from claims.db import open_engine
from claims.errors import InvalidInput
from claims.models import ClaimStatus, Lease, StoredClaim, Verdict
from claims.store import save_article
from claims.verdicts import check_url, current_verdicts, record_verdict
from tests import test_queue
from tests.test_queue import numbered

runner = CliRunner()
any_url = test_queue.any_url  # the fixture: SQLite, then PostgreSQL


def claims_cmd(url: str, reports: Path, *args: str) -> tuple[int, str, str]:
    """Run ``claims ARGS`` against ``url``; exit code, stdout, stderr."""
    result = runner.invoke(app, list(args), env={"CLAIMS_DATABASE_URL": url, "CLAIMS_REPORTS_DIR": str(reports)})
    return result.exit_code, result.stdout, result.stderr


def counts(url: str) -> tuple[int, int]:
    """How many verdicts and leases the database holds."""
    with Session(open_engine(url)) as session:
        return (
            session.exec(select(func.count()).select_from(Verdict)).one(),
            session.exec(select(func.count()).select_from(Lease)).one(),
        )


def test_next_verdict_history_reopen(any_url: str, reports_dir: Path) -> None:
    save_article(open_engine(any_url), *numbered("cli.txt", 3))
    code, out, _ = claims_cmd(any_url, reports_dir, "queue", "--format", "json")
    assert code == 0 and [row["id"] for row in json.loads(out)] == [3, 2, 1]
    assert {"article", "age_seconds", "score"} <= set(json.loads(out)[0])
    code, out, _ = claims_cmd(any_url, reports_dir, "next", "--reviewer", "ana")
    assert code == 0 and "Claim 3" in out and "sentence:" in out and "Story cli.txt" in out
    code, out, err = claims_cmd(
        any_url, reports_dir, "verdict", "3", "False", "--reviewer", "ana", "--note", "No.",
        "--source", "https://example.org/a", "--source", "http://example.org/b?x=1",
    )  # fmt: skip
    assert code == 0, err
    assert "Claim 3: false" in out and "Report:" in out
    assert any(reports_dir.glob("*.html"))
    assert counts(any_url) == (1, 0)
    code, out, _ = claims_cmd(any_url, reports_dir, "verdict", "3", "mostly-true", "--reviewer", "bob")
    assert code == 0
    code, out, _ = claims_cmd(any_url, reports_dir, "history", "3", "-f", "json")
    rows = json.loads(out)
    assert [(r["rating"], r["reviewer"], r["current"]) for r in rows] == [
        ("false", "ana", False),
        ("mostly-true", "bob", True),
    ]
    assert rows[0]["sources"] == ["https://example.org/a", "http://example.org/b?x=1"]
    code, out, _ = claims_cmd(any_url, reports_dir, "reopen", "3")
    assert code == 0
    code, out, _ = claims_cmd(any_url, reports_dir, "queue", "-f", "json")
    assert 3 in [row["id"] for row in json.loads(out)]
    assert counts(any_url) == (2, 0)  # history kept


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["verdict", "99", "false", "--reviewer", "ana"], "no claim with id 99"),
        (["verdict", "TOP", "fals", "--reviewer", "ana"], "unknown rating 'fals'"),
        (["verdict", "TOP", "false", "--reviewer", "ana", "--source", "example.org/x"], "not an http(s) URL"),
        (["verdict", "TOP", "false", "--reviewer", "ana", "--source", "https://ok.org", "--source", "javascript:alert(1)"], "not an http(s) URL"),
        (["verdict", "TOP", "false", "--reviewer", "bob"], "leased to ana"),
        (["verdict", "TOP", "suggested", "--reviewer", "ana"], "no suggested verdict"),
        (["release", "TOP", "--reviewer", "bob"], "leased to ana"),
        (["release", "OTHER"], "is not leased"),
        (["reopen", "OTHER"], "only a reviewed claim"),
        (["history", "42"], "no claim with id 42"),
        (["next", "--reviewer", " "], "--reviewer needs a name"),
    ],
)  # fmt: skip
def test_refusals_are_one_line_and_write_nothing(args: list[str], message: str, db_url: str, reports_dir: Path) -> None:
    engine = open_engine(db_url)
    save_article(engine, *numbered("r.txt", 2))
    assert claims_cmd(db_url, reports_dir, "next", "-r", "ana")[0] == 0  # ana holds the top claim
    with Session(engine) as session:
        top = session.exec(select(Lease)).one().claim_id
    args = [{"TOP": str(top), "OTHER": str(3 - top)}.get(a, a) for a in args]
    before = counts(db_url)
    code, out, err = claims_cmd(db_url, reports_dir, *args)
    assert code != 0
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("claims: error: ") and message in lines[0], err
    assert counts(db_url) == before
    assert not reports_dir.exists()


def test_verdict_and_release_through_the_library(db_url: str) -> None:
    engine = open_engine(db_url)
    save_article(engine, *numbered("lib.txt", 2))
    verdict = record_verdict(engine, 1, " Mixed ", "  ana  ", "half right", ["https://a.org", "https://a.org"])
    assert (verdict.rating, verdict.reviewer, verdict.sources) == ("mixed", "ana", ["https://a.org"])
    record_verdict(engine, 1, "false", "bob")
    with Session(engine) as session:
        assert current_verdicts(session, [1, 2])[1].rating == "false"
        assert session.get(StoredClaim, 1).status == ClaimStatus.REVIEWED  # type: ignore[union-attr]


@pytest.mark.parametrize("url", ["http://x", "https://a.b/c?d=e#f", "HTTPS://EXAMPLE.ORG"])
def test_good_urls(url: str) -> None:
    assert check_url(url) == url


@pytest.mark.parametrize(
    "url", ["", "x", "ftp://a.org", "https://", "http:///path", "https://a b.org", "http://a.org:99999"]
)
def test_bad_urls(url: str) -> None:
    with pytest.raises(InvalidInput):
        check_url(url)


def test_custom_scale_keeps_labels(db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    scale = tmp_path / "scale.toml"
    scale.write_text('[[rating]]\nlabel = "pants-on-fire"\nnormalized = "FALSE"\nvalue = 0\n', encoding="utf-8")
    monkeypatch.setenv("CLAIMS_RATINGS_FILE", str(scale))
    save_article(open_engine(db_url), *numbered("s.txt", 1))
    code, out, err = claims_cmd(db_url, tmp_path / "r", "verdict", "1", "pants-on-fire", "-r", "ana")
    assert code == 0, err
    code, _, err = claims_cmd(db_url, tmp_path / "r", "verdict", "1", "false", "-r", "ana")
    assert code == 2 and "choose one of pants-on-fire" in err

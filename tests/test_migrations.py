"""A database made by the first schema (revision 0001) upgrades in place, verdicts and all."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlmodel import Session, select
from typer.testing import CliRunner

from claims.cli import app
from claims.db import make_engine, open_engine
from claims.matching import fingerprint
from claims.migrate import current_revision, head_revision, upgrade
from claims.models import ArticleRevision, ClaimStatus, StoredArticle, StoredClaim, Verdict
from claims.queue import lease_next, pending
from claims.store import save_article
from tests.test_queue import story

runner = CliRunner()
WHEN = dt.datetime(2026, 1, 5, 9, 30, tzinfo=dt.UTC)


def _table(name: str, *columns: str) -> sa.TableClause:
    types = {"values": sa.JSON(), "sources": sa.JSON()}
    return sa.table(name, *(sa.column(c, types.get(c)) for c in columns))


def make_first_schema_db(engine: Engine) -> None:
    """Revision 0001 with rows as version 0.1 wrote them: two texts of one source, claims, a verdict, a lease."""
    upgrade(engine, "0001")
    article = _table(
        "article", "id", "source", "url", "slug", "title", "checked_at", "content_hash", "revision", "text"
    )
    claim = _table(
        "claim", "id", "article_id", "position", "quote", "start", "end", "sentence", "text", "kind", "score",
        "reason", "values", "speaker", "status", "normalized", "created_at",
    )  # fmt: skip
    verdict = _table("verdict", "id", "claim_id", "rating", "explanation", "sources", "reviewer", "created_at")
    lease = _table("lease", "claim_id", "reviewer", "leased_at", "expires_at")
    text = "Ridership rose 12 percent in 2025, the mayor said."
    with engine.begin() as conn:
        conn.execute(
            article.insert(),
            [
                {"id": i, "source": "story.txt", "url": None, "slug": "story", "title": "Story", "checked_at": WHEN,
                 "content_hash": f"{i:064d}", "revision": 1, "text": text}
                for i in (1, 2)
            ],
        )  # fmt: skip
        conn.execute(
            claim.insert(),
            [
                {"id": i, "article_id": 2, "position": i, "quote": text, "start": 0, "end": len(text), "sentence": text,
                 "text": text, "kind": "quantity", "score": 0.5 + i / 10, "reason": "", "values": {"value": 12 + i},
                 "speaker": "the mayor", "status": status, "normalized": text.lower(), "created_at": WHEN}
                for i, status in ((1, "reviewed"), (2, "leased"), (3, "pending"))
            ],
        )  # fmt: skip
        conn.execute(
            verdict.insert(),
            [{"id": 1, "claim_id": 1, "rating": "false", "explanation": "It rose 9 percent.",
              "sources": ["https://stats.example/2025"], "reviewer": "ana", "created_at": WHEN}],
        )  # fmt: skip
        conn.execute(
            lease.insert(),
            [{"claim_id": 2, "reviewer": "bob", "leased_at": WHEN, "expires_at": WHEN + dt.timedelta(minutes=30)}],
        )
        if engine.dialect.name == "postgresql":  # ids given by hand: move the sequences past them
            for name in ("article", "claim", "verdict"):
                conn.execute(
                    sa.text(f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), (SELECT MAX(id) FROM {name}))")
                )


def check_upgraded(url: str) -> None:
    """Everything 0001 held is still there, and the new columns are filled in."""
    engine = make_engine(url)
    assert current_revision(engine) == head_revision()
    with Session(engine) as session:
        verdict = session.exec(select(Verdict)).one()
        assert (verdict.claim_id, verdict.rating, verdict.sources) == (1, "false", ["https://stats.example/2025"])
        # 0004 binds the verdict to its claim as it stands, with the rating's numbers of the day's scale
        assert (verdict.claim_quote, verdict.claim_values, verdict.claim_speaker) == (
            "Ridership rose 12 percent in 2025, the mayor said.",
            {"value": 13},
            "the mayor",
        )
        assert (verdict.normalized, verdict.rating_value, verdict.best_rating, verdict.worst_rating) == (
            "FALSE",
            1,
            5,
            1,
        )
        articles = {a.id: a for a in session.exec(select(StoredArticle))}
        assert (articles[1].identity, articles[2].identity) == (None, "story.txt")
        claims = {c.id: c for c in session.exec(select(StoredClaim))}
        assert claims[1].status == ClaimStatus.REVIEWED and claims[1].revision == 1
        assert claims[3].fingerprint == fingerprint("quantity", {"value": 15}, "the mayor")
        assert [r.revision for r in session.exec(select(ArticleRevision))] == [1, 1]
    # bob's lease (expired long ago) returns claim 2 to the queue; the new code runs on the old data
    assert [i.claim.id for i in pending(engine)] == [3, 2]
    item = lease_next(engine, "carol")
    assert item and item.claim.id == 3
    again = save_article(engine, *story("story.txt", ["Ridership rose 14 percent in 2025."]))
    assert again.article_id == 2 and again.revision == 2


def test_claims_db_upgrade_from_first_schema(tmp_path) -> None:
    url = f"sqlite:///{tmp_path / 'old.db'}"
    make_first_schema_db(make_engine(url))
    result = runner.invoke(app, ["db", "current", "--db", url])
    assert result.exit_code == 0 and "revision 0001" in result.stdout
    result = runner.invoke(app, ["db", "upgrade", "--db", url])
    assert result.exit_code == 0, result.output
    assert f"upgraded from revision 0001 to {head_revision()}" in result.stdout
    check_upgraded(url)
    result = runner.invoke(app, ["db", "upgrade", "--db", url])
    assert "already at revision" in result.stdout


def test_commands_upgrade_on_open(tmp_path) -> None:
    url = f"sqlite:///{tmp_path / 'old.db'}"
    make_first_schema_db(make_engine(url))
    result = runner.invoke(app, ["queue", "-f", "json", "--db", url])
    assert result.exit_code == 0, result.output
    check_upgraded(url)


def test_downgrade_and_upgrade_again(db_url: str) -> None:
    engine = open_engine(db_url)
    save_article(engine, *story("x.txt", ["One claim here 1."]))
    from alembic import command

    from claims.migrate import alembic_config

    with engine.begin() as conn:
        command.downgrade(alembic_config(conn), "0002")
    assert current_revision(engine) == "0002"
    upgrade(engine)
    assert current_revision(engine) == head_revision()


def test_downgrade_from_0004_keeps_the_verdicts(db_url: str) -> None:
    from alembic import command

    from claims.migrate import alembic_config
    from claims.verdicts import record_verdict

    engine = open_engine(db_url)
    save_article(engine, *story("x.txt", ["One claim here 1.", "Another claim 2."]))
    record_verdict(engine, 1, "true", "ana")
    with engine.begin() as conn:
        command.downgrade(alembic_config(conn), "0003")
    with engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT COUNT(*) FROM claim").scalar() == 2
        assert conn.exec_driver_sql("SELECT rating FROM verdict").scalar() == "true"
    upgrade(engine)
    with Session(engine) as session:
        (verdict,) = session.exec(select(Verdict)).all()
        assert verdict.claim_quote == "One claim here 1." and verdict.rating_value == 5
        # 0006 fills the totals' rating from the verdicts it finds
        claim = session.get(StoredClaim, 1)
        assert claim is not None and claim.verdict_rating == "true"


def test_db_commands_give_one_line_when_the_server_is_unreachable() -> None:
    from typer.testing import CliRunner

    from claims.cli import app

    result = CliRunner().invoke(app, ["db", "current", "--db", "postgresql://nobody@127.0.0.1:1/none"])
    assert result.exit_code == 3
    assert result.stderr.startswith("claims: error: cannot open database postgresql+psycopg://nobody@127.0.0.1:1/none")
    assert len(result.stderr.strip().splitlines()) == 1

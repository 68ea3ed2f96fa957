"""Restated claims are linked to earlier verdicts; near-misses (another number, another date) are not."""

from __future__ import annotations

import pytest
from sqlmodel import Session

from claims.db import open_engine
from claims.matching import facts, fingerprint, restates, similarity, speaker_key
from claims.models import StoredClaim
from claims.queue import lease_next
from claims.store import save_article
from claims.verdicts import history, record_verdict
from tests.test_queue import story

MINISTER = "Finance Minister Ana Ruiz"
REVIEWED = (
    "Unemployment fell to 4.2 percent in March, Finance Minister Ana Ruiz said.",
    {"value": 4.2, "unit": "percent", "noun": "unemployment", "speaker": MINISTER},
)
PARAPHRASES = [
    ("Finance Minister Ana Ruiz said unemployment dropped to 4.2% in March.", {"value": 4.2, "unit": "percent", "noun": "jobless", "speaker": MINISTER}),
    ("In March unemployment fell to 4.20 percent, according to Finance Minister Ana Ruiz.", {"value": 4.20, "unit": "percent", "speaker": "according to Finance Minister Ana Ruiz"}),
    ("Unemployment fell to 4.2 per cent in March, the minister, Ana Ruiz, said.", {"value": 4.2, "unit": "percent", "approximate": False, "speaker": MINISTER}),
]  # fmt: skip
NEAR_MISSES = [
    ("Unemployment fell to 4.3 percent in March, Finance Minister Ana Ruiz said.", {"value": 4.3, "unit": "percent", "speaker": MINISTER}),
    ("Unemployment fell to 4.2 percent in March, opposition leader Tom Hale said.", {"value": 4.2, "unit": "percent", "speaker": "opposition leader Tom Hale"}),
    ("Inflation rose to 4.2 percent in March, Finance Minister Ana Ruiz said.", {"value": 4.2, "unit": "percent", "speaker": MINISTER}),
]  # fmt: skip
DATED = ("The bridge opened on 12 May 1931, the society said.", {"date": "1931-05-12", "speaker": "the society"})
DATE_MISS = ("The bridge opened on 13 May 1931, the society said.", {"date": "1931-05-13", "speaker": "the society"})


def test_fingerprint_ignores_wording_and_number_format() -> None:
    base = fingerprint("quantity", {"value": 42000, "noun": "commuters", "approximate": True}, "the Mayor")
    assert base == fingerprint("quantity", {"value": 42000.0, "noun": "daily riders"}, "according to the mayor")
    assert base != fingerprint("quantity", {"value": 42001}, "the mayor")
    assert base != fingerprint("quantity", {"value": 42000}, "the governor")
    assert base != fingerprint("date", {"value": 42000}, "the mayor")
    assert facts({"value": 1.50, "unit": "USD ", "expression": "in 1931"}) == {"unit": "usd", "value": 1.5}
    assert speaker_key("According to the Riverside Historical Society") == "riverside historical society"


def test_wording_thresholds() -> None:
    assert similarity("Unemployment fell in March", "In March, unemployment fell") == 1.0
    assert restates(REVIEWED[0], REVIEWED[1], PARAPHRASES[0][0])
    assert not restates("The mayor opened the bridge", {}, "The mayor closed the old bridge for repairs")


def _reviewed_db(url: str) -> int:
    engine = open_engine(url)
    save_article(engine, *story("first.txt", [REVIEWED, DATED]))
    record_verdict(engine, 1, "false", "ana", "It was 4.6 percent.", ["https://stats.example/march"])
    record_verdict(engine, 2, "true", "ana")
    return 2


@pytest.mark.parametrize("sentence", PARAPHRASES, ids=["reordered", "according-to", "per-cent"])
def test_paraphrase_in_another_article_gets_the_earlier_verdict(db_url: str, sentence: tuple) -> None:
    engine = open_engine(db_url)
    _reviewed_db(db_url)
    queued = save_article(engine, *story("second.txt", [sentence]))
    assert queued.created
    with Session(engine) as session:
        assert session.get(StoredClaim, 3).match_of == 1  # type: ignore[union-attr]
    item = lease_next(engine, "bob")
    assert item and item.claim.id == 3 and item.suggestion and item.suggestion.rating == "false"
    confirmed = record_verdict(engine, 3, "suggested", "bob", "Same figures.")
    assert confirmed.rating == "false" and confirmed.sources == ["https://stats.example/march"]
    assert "claim 1" not in confirmed.explanation and confirmed.explanation.startswith("Same figures.")
    assert confirmed.based_on == item.suggestion.id  # the link is kept as data, not as public text


@pytest.mark.parametrize("sentence", [*NEAR_MISSES, DATE_MISS], ids=["number", "speaker", "subject", "date"])
def test_near_misses_are_not_linked(db_url: str, sentence: tuple) -> None:
    engine = open_engine(db_url)
    _reviewed_db(db_url)
    save_article(engine, *story("second.txt", [sentence]))
    item = lease_next(engine, "bob")
    assert item and item.claim.id == 3 and item.claim.match_of is None and item.suggestion is None


def test_override_keeps_both_verdicts_apart(db_url: str) -> None:
    engine = open_engine(db_url)
    _reviewed_db(db_url)
    save_article(
        engine, *story("third.txt", [(DATED[0].replace("the society said", "said the society"), DATED[1]), DATED])
    )
    with Session(engine) as session:
        linked = [session.get(StoredClaim, i).match_of for i in (3, 4)]  # type: ignore[union-attr]
    assert linked == [2, 2]
    record_verdict(engine, 3, "misleading", "bob", "The plaque says 1932.")
    with Session(engine) as session:
        assert [v.rating for v in history(session, 2)] == ["true"]
        assert [v.rating for v in history(session, 3)] == ["misleading"]


def test_cli_shows_and_confirms_the_suggestion(db_url: str, tmp_path) -> None:
    import json

    from typer.testing import CliRunner

    from claims.cli import app

    _reviewed_db(db_url)
    save_article(open_engine(db_url), *story("second.txt", [PARAPHRASES[0]]))
    env = {"CLAIMS_DATABASE_URL": db_url, "CLAIMS_REPORTS_DIR": str(tmp_path / "r")}
    runner = CliRunner()
    queued = json.loads(runner.invoke(app, ["queue", "-f", "json"], env=env).stdout)
    assert queued[0]["suggestion"]["rating"] == "false" and queued[0]["suggestion"]["claim_id"] == 1
    shown = runner.invoke(app, ["next", "-r", "bob"], env=env)
    assert "suggested: false (claim 1, ana" in shown.stdout and "claims verdict 3 suggested" in shown.stdout
    done = runner.invoke(app, ["verdict", "3", "suggested", "-r", "bob"], env=env)
    assert done.exit_code == 0 and "Claim 3: false" in done.stdout

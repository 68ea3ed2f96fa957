"""An article whose text changed becomes its next revision: kept claims keep their verdicts."""

from __future__ import annotations

from pathlib import Path

from sqlmodel import Session, select

from claims.db import open_engine
from claims.models import ClaimStatus, Lease, StoredArticle, StoredClaim
from claims.queue import lease_next
from claims.sources import load_article
from claims.store import article_claims, article_revisions, save_article
from claims.verdicts import history, record_verdict
from tests.test_queue import story

FIRST = [
    ("The bridge cost $214 million.", {"value": 214000000, "unit": "currency"}),
    ("It carries 61,500 vehicles a day.", {"value": 61500, "noun": "vehicles"}),
    ("The bridge opened in 1931.", {"date": "1931"}),
]
SECOND = [
    ("Officials confirmed it carries 61,500 vehicles a day.", {"value": 61500, "noun": "vehicles"}),  # reworded
    ("The bridge cost $214 million.", {"value": 214000000, "unit": "currency"}),  # moved
    ("Repairs took 18 months.", {"amount": 18, "unit": "month"}),  # new
]  # the 1931 claim is gone


def test_changed_text_becomes_next_revision(db_url: str) -> None:
    engine = open_engine(db_url)
    first = save_article(engine, *story("story.txt", FIRST))
    assert (first.revision, first.added, first.created) == (1, 3, True)
    record_verdict(engine, 1, "true", "ana", "Audited accounts.", ["https://city.example/audit"])
    record_verdict(engine, 3, "false", "ana")
    assert lease_next(engine, "bob") is not None  # bob holds claim 2
    second = save_article(engine, *story("story.txt", SECOND))
    assert (second.article_id, second.created, second.revision) == (first.article_id, True, 2)
    assert (second.added, second.kept, second.gone, second.claims) == (1, 2, 1, 3)
    with Session(engine) as session:
        article = session.get(StoredArticle, first.article_id)
        assert article and article.revision == 2 and article.text.startswith("Officials")
        assert len(session.exec(select(StoredArticle)).all()) == 1
        claims = {c.id: c for c in article_claims(session, first.article_id)}
        assert claims[1].status == ClaimStatus.REVIEWED and [v.rating for v in history(session, 1)] == ["true"]
        assert article.text[claims[1].start : claims[1].end] == "The bridge cost $214 million."
        assert claims[2].status == ClaimStatus.LEASED and claims[2].quote.startswith("Officials")
        assert session.get(Lease, 2) is not None  # bob's lease on a kept claim stands
        assert (claims[3].status, claims[3].gone_revision) == (ClaimStatus.GONE, 2)
        assert [v.rating for v in history(session, 3)] == ["false"]  # history of a gone claim stays
        assert (claims[4].status, claims[4].revision) == (ClaimStatus.PENDING, 2)
        log = [(r.revision, r.added, r.kept, r.gone) for r in article_revisions(session, first.article_id)]
        assert log == [(1, 3, 0, 0), (2, 1, 2, 1)]


def test_same_text_again_adds_nothing_and_a_removed_claim_can_return(db_url: str) -> None:
    engine = open_engine(db_url)
    save_article(engine, *story("story.txt", FIRST))
    record_verdict(engine, 3, "false", "ana")
    assert not save_article(engine, *story("story.txt", FIRST)).created
    save_article(engine, *story("story.txt", FIRST[:2]))
    third = save_article(engine, *story("story.txt", FIRST))
    assert (third.revision, third.added, third.kept, third.gone) == (3, 0, 3, 0)
    with Session(engine) as session:
        back = session.get(StoredClaim, 3)
        assert back and back.status == ClaimStatus.REVIEWED and back.gone_revision is None


def test_a_gone_claims_lease_ends_and_it_takes_no_verdict(db_url: str) -> None:
    engine = open_engine(db_url)
    save_article(engine, *story("story.txt", FIRST[:1], [0.9]))
    assert lease_next(engine, "ana") is not None
    save_article(engine, *story("story.txt", FIRST[1:]))
    with Session(engine) as session:
        assert session.exec(select(Lease)).all() == []
    try:
        record_verdict(engine, 1, "true", "ana")
    except Exception as exc:  # InvalidInput
        assert "gone" in str(exc)
    else:
        raise AssertionError("a gone claim took a verdict")


def test_other_sources_are_other_articles(db_url: str, tmp_path: Path) -> None:
    engine = open_engine(db_url)
    path = tmp_path / "a.txt"
    path.write_text("Bridge reopens\n\nThe bridge carried 61,500 vehicles a day in 2019.\n", encoding="utf-8")
    one = save_article(engine, load_article(str(path)), [])
    path.write_text("Bridge reopens\n\nThe bridge carried 62,000 vehicles a day in 2019.\n", encoding="utf-8")
    two = save_article(engine, load_article(str(path)), [])
    other = save_article(engine, *story("b.txt", FIRST))
    stdin = save_article(engine, *story("-", FIRST[:1]))
    assert one.article_id == two.article_id and two.revision == 2
    assert len({one.article_id, other.article_id, stdin.article_id}) == 3


def test_report_shows_what_changed(db_url: str, tmp_path: Path) -> None:
    from html.parser import HTMLParser

    from claims.report import write_reports

    engine = open_engine(db_url)
    first = save_article(engine, *story("story.txt", FIRST))
    record_verdict(engine, 3, "false", "ana")
    save_article(engine, *story("story.txt", SECOND))
    page = write_reports(engine, tmp_path / "reports", [first.article_id])
    assert page is not None
    html = page.read_text(encoding="utf-8")
    assert 'id="revisions"' in html and "What changed" in html
    assert "new in revision 2" in html and "gone in revision 2" in html

    marks: list[str] = []

    class Marks(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            found = dict(attrs)
            if tag == "mark" and (found.get("id") or "").startswith("mark-"):
                marks.append(found["id"] or "")

    Marks().feed(html)
    assert "mark-3" not in marks  # the gone claim is listed, not marked in the new text
    assert {"mark-1", "mark-2", "mark-4"} <= set(marks)
    assert 'href="#mark-3"' not in html

"""A verdict is bound to the claim as it was judged: a revision that changes the claim's facts unbinds it.

Real articles through the real extractor, real SQLite files: the claim goes back to the
queue marked as changed, its earlier verdict offered as a suggestion, the report marks it
"changed since verdict", and ClaimReview publishes nothing for it until an editor decides
again. A property test edits figures, dates, negations and speakers of reviewed articles
at random and checks every exported ClaimReview against an independent model of the text.
"""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlmodel import Session, select
from typer.testing import CliRunner

from claims.claimreview import ClaimReviews, claim_sentence, export_claim_reviews
from claims.cli import app
from claims.db import open_engine
from claims.extract import Claim, extract_claims
from claims.matching import changes, latest_verdicts, pair
from claims.models import ClaimStatus, StoredClaim, Verdict
from claims.queue import lease_next, pending
from claims.ratings import DEFAULT_SCALE
from claims.report import build_reports
from claims.sources import load_article
from claims.store import Queued, article_claims, get_article, save_article
from claims.store import _fields as store_fields
from claims.verdicts import record_verdict

runner = CliRunner()
BRIDGE = "The Harbour Bridge carried {n} vehicles a day in 2023, the city's public works department said."


def check(engine, path: Path, text: str) -> Queued:  # type: ignore[no-untyped-def]
    """Write ``text`` to ``path`` and check it the way the flows do: load, extract, store.

    The title names the file: an article is known by its text's hash, so two files with the
    same text would be one article.
    """
    path.write_text(f"Harbour Bridge reopens ({path.stem})\n\n" + text + "\n", encoding="utf-8")
    article = load_article(str(path))
    return save_article(engine, article, extract_claims(article.text, published=article.published))


def claims_of(engine, article_id: int) -> list[StoredClaim]:  # type: ignore[no-untyped-def]
    with Session(engine) as session:
        return article_claims(session, article_id)


def review_all(engine, article_id: int, rating: str = "true", note: str = "Checked.") -> dict[int, Verdict]:  # type: ignore[no-untyped-def]
    return {
        c.id: record_verdict(engine, c.id, rating, "ana", note)  # type: ignore[arg-type,misc]
        for c in claims_of(engine, article_id)
        if c.status in (ClaimStatus.PENDING, ClaimStatus.LEASED)
    }


def test_issue_example_a_changed_figure_loses_its_verdict(db_url: str, tmp_path: Path) -> None:
    engine = open_engine(db_url)
    path = tmp_path / "bridge.txt"
    first = check(engine, path, BRIDGE.format(n="13,500"))
    sentence_claim = next(c for c in claims_of(engine, first.article_id) if "13,500" in c.quote)
    record_verdict(engine, sentence_claim.id, "true", "ana", "Dept data confirms 13,500")  # type: ignore[arg-type]
    assert [r["claimReviewed"] for r in export_claim_reviews(engine)] != []

    second = check(engine, path, BRIDGE.format(n="99,999"))
    assert second.revision == 2 and second.changed == 1
    with Session(engine) as session:
        claim = session.get(StoredClaim, sentence_claim.id)
        assert claim is not None and "99,999" in claim.quote  # the same claim, kept by id ...
        assert claim.status == ClaimStatus.PENDING  # ... back in the queue
        (verdict,) = session.exec(select(Verdict)).all()  # history kept, nothing rewritten
        assert "13,500" in (verdict.claim_text or "") and changes(verdict, claim)
    assert export_claim_reviews(engine) == []  # no false "true" published

    item = next(i for i in pending(engine) if i.claim.id == sentence_claim.id)
    row = item.to_dict()
    assert row["suggestion"]["rating"] == "true" and row["suggestion"]["claim_id"] == sentence_claim.id
    assert "quote" in row["changed_since_verdict"] and "13,500" in row["suggestion"]["text"]

    pages = tmp_path / "reports"
    build_reports(engine, pages, [first.article_id])
    html = next(pages.glob("00001-*.html")).read_text(encoding="utf-8")
    assert "changed since verdict" in html and "application/ld+json" not in html

    # the editor decides again: the new verdict is bound to the new figure and is published
    record_verdict(engine, sentence_claim.id, "suggested", "ana")  # type: ignore[arg-type]
    (review,) = export_claim_reviews(engine)
    assert "99,999" in review["claimReviewed"] and "13,500" not in review["claimReviewed"]


REVISIONS = {
    "figure": (BRIDGE.format(n="13,500"), BRIDGE.format(n="13,900")),
    "date": (
        "The bridge reopened on 12 May 2024 after 18 months of repairs.",
        "The bridge reopened on 13 May 2024 after 18 months of repairs.",
    ),
    "negation": (
        BRIDGE.format(n="13,500"),
        "The Harbour Bridge did not carry 13,500 vehicles a day in 2023, the city's public works department said.",
    ),
    "speaker": (
        "Unemployment fell to 4.2 percent in March, Finance Minister Ana Ruiz said.",
        "Unemployment fell to 4.2 percent in March, opposition leader Tom Berg said.",
    ),
}


@pytest.mark.parametrize("edit", sorted(REVISIONS))
def test_revision_that_changes_facts_unbinds_every_verdict(edit: str, db_url: str, tmp_path: Path) -> None:
    before, after = REVISIONS[edit]
    engine = open_engine(db_url)
    path = tmp_path / "story.txt"
    first = check(engine, path, before)
    judged = review_all(engine, first.article_id)
    assert len(export_claim_reviews(engine)) == len(judged) > 0
    revised = check(engine, path, after)
    assert revised.revision == 2
    after_claims = {c.id: c for c in claims_of(engine, first.article_id)}
    for claim_id in judged:
        claim = after_claims[claim_id]
        assert claim.status in (ClaimStatus.PENDING, ClaimStatus.GONE, ClaimStatus.REVIEWED)
    # every claim that still has a verdict on its old facts publishes nothing
    published = {int(r["url"].rsplit("-", 1)[1]) for r in export_claim_reviews(engine)}
    with Session(engine) as session:
        current = latest_verdicts(session, list(after_claims))
    for claim_id in published:
        assert not changes(current[claim_id], after_claims[claim_id])
    kept_changed = [i for i in judged if after_claims[i].status == ClaimStatus.PENDING]
    assert kept_changed or revised.gone, "the edit changed nothing the tool saw"
    assert revised.changed == len(kept_changed)
    assert not published & set(kept_changed)
    for claim_id in published:  # unchanged claims of the sentence may keep theirs: their text is the same
        assert after_claims[claim_id].text == judged[claim_id].claim_text


def test_white_space_and_punctuation_keep_the_verdict(db_url: str, tmp_path: Path) -> None:
    engine = open_engine(db_url)
    path = tmp_path / "story.txt"
    first = check(engine, path, BRIDGE.format(n="13,500"))
    judged = review_all(engine, first.article_id)
    edited = BRIDGE.format(n="13,500").replace("city's", "city\u2019s").replace(" a day", "  a  day")
    revised = check(engine, path, edited + " The work was finished (at last)!")
    assert (revised.revision, revised.changed, revised.gone) == (2, 0, 0)
    assert len(export_claim_reviews(engine)) == len(judged)


def test_gone_claims_leave_the_page_and_the_default_export(db_url: str, tmp_path: Path) -> None:
    engine = open_engine(db_url)
    path = tmp_path / "story.txt"
    first = check(
        engine, path, BRIDGE.format(n="13,500") + " Engineers replaced 40 cables in May, the department said."
    )
    review_all(engine, first.article_id)
    everything = len(export_claim_reviews(engine))
    check(engine, path, "Engineers replaced 40 cables in May, the department said.")
    gone = [c for c in claims_of(engine, first.article_id) if c.status == ClaimStatus.GONE]
    assert gone
    kept = export_claim_reviews(engine)
    assert len(kept) == everything - len(gone)
    assert len(export_claim_reviews(engine, include_gone=True)) == everything
    out = runner.invoke(app, ["export", "--db", db_url, "--include-gone", "--base-url", "https://r.example.org/"])
    assert out.exit_code == 0, out.output
    assert len(json.loads(out.stdout)) == everything
    pages = tmp_path / "reports"
    build_reports(engine, pages, [first.article_id])
    html = next(pages.glob("00001-*.html")).read_text(encoding="utf-8")
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.DOTALL)
    assert block is not None and len(json.loads(block.group(1))) == len(kept)


def test_a_suggestion_across_articles_needs_the_same_facts(db_url: str, tmp_path: Path) -> None:
    engine = open_engine(db_url)
    first = check(engine, tmp_path / "a.txt", BRIDGE.format(n="13,500"))
    judged = review_all(engine, first.article_id, "false", "It was 12,000.")
    # the first article changes its figure: its claims lose their verdicts ...
    check(engine, tmp_path / "a.txt", BRIDGE.format(n="12,000"))
    # ... but a restatement of the judged figure elsewhere still gets the verdict given on it
    second = check(engine, tmp_path / "b.txt", BRIDGE.format(n="13,500"))
    items = {i.claim.id: i for i in pending(engine, limit=100) if i.claim.article_id == second.article_id}
    suggested = [i for i in items.values() if i.suggestion is not None]
    assert suggested and all(i.suggestion.id in {v.id for v in judged.values()} for i in suggested)  # type: ignore[union-attr]
    # and one with the new figure gets no suggestion from a verdict given on the old one
    third = check(engine, tmp_path / "c.txt", BRIDGE.format(n="12,000"))
    others = [i for i in pending(engine, limit=100) if i.claim.article_id == third.article_id and i.claim.values]
    assert others and all(i.suggestion is None for i in others)  # (its attribution, fact-free, is the same claim)


def test_a_leased_changed_claim_keeps_its_lease_and_shows_the_change(db_url: str, tmp_path: Path) -> None:
    engine = open_engine(db_url)
    path = tmp_path / "story.txt"
    first = check(engine, path, REVISIONS["negation"][0])
    review_all(engine, first.article_id)
    check(engine, path, REVISIONS["negation"][1])
    item = lease_next(engine, "bob")
    assert item is not None and "negation" in item.changed and item.suggestion is not None
    out = runner.invoke(app, ["next", "--reviewer", "bob", "--db", db_url])
    assert out.exit_code == 0, out.output
    assert "CHANGED SINCE VERDICT" in out.stdout and "the Harbour Bridge carried 13,500" in out.stdout


# ---------------------------------------------------------------- the property

SUBJECTS = ("Harbour Bridge", "North Tunnel", "Ferry Line", "Ring Road")
SPEAKERS = ("the city's public works department", "Mayor Elena Ortiz", "the transport ministry")
MONTHS = ("March", "May", "June", "October")


def sentence(subject: str, state: tuple[int, int, bool, int, int]) -> str:
    figure, year, negated, speaker, month = state
    verb = "did not carry" if negated else "carried"
    return f"The {subject} {verb} {figure:,} vehicles a day in {MONTHS[month]} {year}, {SPEAKERS[speaker]} said."


state_st = st.tuples(
    st.integers(1_000, 99_999), st.integers(2019, 2025), st.booleans(), st.integers(0, 2), st.integers(0, 3)
)
edit_st = st.tuples(
    st.integers(0, len(SUBJECTS) - 1),
    st.sampled_from(["figure", "date", "negation", "speaker", "month", "spacing"]),
    st.integers(0, 10**6),
)


def apply(state: tuple[int, int, bool, int, int], kind: str, seed: int) -> tuple[int, int, bool, int, int]:
    figure, year, negated, speaker, month = state
    if kind == "figure":
        figure = 1_000 + (figure + 1 + seed % 9_000) % 99_000
    elif kind == "date":
        year = 2019 + (year - 2019 + 1 + seed % 6) % 7
    elif kind == "negation":
        negated = not negated
    elif kind == "speaker":
        speaker = (speaker + 1 + seed % 2) % 3
    elif kind == "month":
        month = (month + 1 + seed % 3) % 4
    return (figure, year, negated, speaker, month)


_counter = iter(range(10**9))


@pytest.fixture(scope="module")
def shared_engine(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """One SQLite file for every example, emptied before each."""
    folder = tmp_path_factory.mktemp("binding")
    return open_engine(f"sqlite:///{folder / 'claims.db'}"), folder


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    derandomize=True,
)
@given(
    start=st.lists(state_st, min_size=len(SUBJECTS), max_size=len(SUBJECTS)),
    rounds=st.lists(
        st.tuples(st.lists(edit_st, min_size=1, max_size=4), st.lists(st.integers(0, 50), max_size=3)),
        min_size=1,
        max_size=3,
    ),
)
def test_random_edits_never_publish_a_verdict_on_other_facts(shared_engine, start, rounds) -> None:  # type: ignore[no-untyped-def]
    engine, folder = shared_engine
    with engine.begin() as conn:  # a fresh database for each example, without a fresh engine
        for table in ("lease", "verdict", "claim", "article_revision", "article"):
            conn.exec_driver_sql(f"DELETE FROM {table}")
    path = folder / f"story-{next(_counter)}.txt"
    model = list(start)
    judged_at: dict[int, tuple[int, int, bool, int, int]] = {}  # verdict id -> the model's sentence then

    def text() -> str:
        return " ".join(sentence(SUBJECTS[i], s) for i, s in enumerate(model))

    def subject_of(claim_text: str) -> int:
        return next(i for i, s in enumerate(SUBJECTS) if s in claim_text)

    def decide(claim: StoredClaim) -> None:
        verdict = record_verdict(engine, claim.id, "true", "ana", "Checked.")  # type: ignore[arg-type]
        judged_at[verdict.id] = model[subject_of(claim.sentence)]  # type: ignore[index]

    article_id = check(engine, path, text()).article_id
    for claim in claims_of(engine, article_id):
        decide(claim)
    for edits, redo in rounds:
        for index, kind, seed in edits:
            model[index] = apply(model[index], kind, seed)
        spaced = any(kind == "spacing" for _, kind, _ in edits)
        check(engine, path, text().replace(" a day", "  a day") if spaced else text())
        waiting = [c for c in claims_of(engine, article_id) if c.status == ClaimStatus.PENDING]
        for pick in redo:  # editors decide some of the changed claims again
            if waiting:
                decide(waiting.pop(pick % len(waiting)))

    reviews = export_claim_reviews(engine, article_id)
    with Session(engine) as session:
        claims = {c.id: c for c in article_claims(session, article_id)}
        current = latest_verdicts(session, list(claims))
        maker = ClaimReviews(get_article(session, article_id), DEFAULT_SCALE)
    for review in reviews:
        claim_id = int(review["url"].rsplit("-", 1)[1])
        verdict = current[claim_id]
        # what is published is made from the text the verdict was recorded on ...
        assert review["claimReviewed"] == claim_sentence(verdict.claim_text or "", maker.words)
        assert claims[claim_id].status != ClaimStatus.GONE
        if not any(s in review["claimReviewed"] for s in SUBJECTS):
            continue  # a role ("Elena Ortiz is Mayor"): its facts are its text, compared above
        # ... and that is what the article says now: the model agrees with the moment of the verdict
        subject = subject_of(review["claimReviewed"])
        assert judged_at[verdict.id] == model[subject], (review["claimReviewed"], model[subject])  # type: ignore[index]
        assert claims[claim_id].status != ClaimStatus.GONE
        assert f"{model[subject][0]:,}" in claims[claim_id].sentence


# The binding rule alone, on the real extractor and the real pairing of revisions, at a few
# thousand examples: a verdict that still binds after an edit was given on the same sentence
# facts, and an edit that changes nothing keeps every verdict.
FIGURES = (13_500, 13_900, 99_999)


@functools.cache
def sentence_claims(text: str) -> tuple[Claim, ...]:
    return tuple(extract_claims(text))


def small_state_st() -> st.SearchStrategy[tuple[int, int, bool, int, int]]:
    return st.tuples(
        st.sampled_from(FIGURES), st.integers(2022, 2023), st.booleans(), st.integers(0, 2), st.integers(0, 3)
    )


def article_claims_of(model: list[tuple[int, int, bool, int, int]]) -> list[tuple[int, Claim]]:
    return [(i, c) for i, s in enumerate(model) for c in sentence_claims(sentence(SUBJECTS[i], s))]


def judged(claim: Claim) -> Any:
    """A verdict's record of ``claim`` (plain attributes: a SQLModel row costs 0.5 ms to build)."""
    return SimpleNamespace(
        claim_text=claim.text, claim_quote=claim.quote, claim_values=dict(claim.values),
        claim_speaker=claim.speaker, claim_sentence=claim.sentence,
    )  # fmt: skip


@pytest.fixture(scope="module", autouse=True)
def _model_loaded() -> None:
    """Load the language model before Hypothesis runs: loading touches the ``random`` module, which
    Hypothesis reports when it happens inside a test it drives."""
    from claims.extract.parse import nlp

    nlp()


@settings(max_examples=2000, deadline=None, derandomize=True)
@given(
    before=st.lists(small_state_st(), min_size=2, max_size=3),
    edits=st.lists(
        st.tuples(
            st.integers(0, 2), st.sampled_from(["figure", "date", "negation", "speaker", "month"]), st.integers()
        ),
        max_size=3,
    ),
)
def test_binding_rule_matches_the_sentence_facts(before, edits) -> None:  # type: ignore[no-untyped-def]
    after = list(before)
    for index, kind, seed in edits:
        if index < len(after):
            after[index] = apply(after[index], kind, seed % 1000)
            after[index] = (FIGURES[after[index][0] % 3], 2022 + after[index][1] % 2, *after[index][2:])  # type: ignore[assignment]
    old = article_claims_of(before)
    stored = [SimpleNamespace(id=n, **store_fields(c, n)) for n, (_, c) in enumerate(old)]
    new = article_claims_of(after)
    pairs = pair(stored, [c for _, c in new])  # type: ignore[arg-type]
    for index, previous in pairs.items():
        subject, claim = new[index]
        was_subject, was = old[previous.id]  # type: ignore[index]
        bound = not changes(judged(was), claim)
        if bound and claim.kind not in ("role", "attribution"):  # a role's facts are its own text
            # the verdict stays only on a sentence whose facts are those it judged
            assert was_subject == subject and before[subject] == after[subject], (was.text, claim.text)
    for n, (subject, claim) in enumerate(old):  # and nothing changed keeps every verdict
        if before[subject] == after[subject] and claim.kind not in ("role", "attribution"):
            kept = [i for i, p in pairs.items() if p.id == n]
            assert kept and not changes(judged(claim), new[kept[0]][1]), claim.text
    # across articles: a suggestion only for a restatement of the facts the verdict judged
    for subject, claim in new:
        for was_subject, was in old:
            comparable = was.kind == claim.kind and was.kind not in ("role", "attribution")  # those are their text
            if comparable and not changes(judged(was), claim, same_claim=False):
                assert before[was_subject] == after[subject], (was.text, claim.text)


def test_a_verdict_on_a_claim_that_changed_since_the_editor_saw_it_is_refused(db_url: str, tmp_path: Path) -> None:
    from claims.errors import ClaimChanged

    engine = open_engine(db_url)
    path = tmp_path / "story.txt"
    first = check(engine, path, REVISIONS["negation"][0])
    item = lease_next(engine, "ana")
    assert item is not None and "did not" not in item.claim.text
    check(engine, path, REVISIONS["negation"][1])  # revised while the form is open: the claim is kept, negated
    with pytest.raises(ClaimChanged, match="changed while you reviewed it"):
        record_verdict(engine, item.claim.id, "true", "ana", seen=item.claim)  # type: ignore[arg-type]
    with Session(engine) as session:
        assert session.exec(select(Verdict)).all() == []  # nothing recorded
    fresh = lease_next(engine, "ana")  # her lease, the claim as it is now
    assert fresh is not None and fresh.claim.id == item.claim.id and first.article_id == fresh.claim.article_id
    verdict = record_verdict(engine, fresh.claim.id, "false", "ana", seen=fresh.claim)  # type: ignore[arg-type]
    assert "did not carry" in (verdict.claim_text or "")

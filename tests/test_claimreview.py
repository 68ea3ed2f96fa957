"""schema.org ClaimReview: the JSON-LD in the article page and from ``claims export`` carry what readers need."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

from typer.testing import CliRunner

from claims.claimreview import REQUIRED, export_claim_reviews, safe_url
from claims.cli import app
from claims.db import open_engine
from claims.report import build_reports
from tests.test_report import add_article, add_verdict


def check_claim_review(review: dict) -> None:
    """Every field search engines require for a fact check, with the right shapes."""
    for name in REQUIRED:
        assert review.get(name), name
    assert review["@context"] == "https://schema.org" and review["@type"] == "ClaimReview"
    assert isinstance(review["claimReviewed"], str) and review["claimReviewed"].strip()
    dt.date.fromisoformat(review["datePublished"])
    assert review["author"]["@type"] in ("Person", "Organization") and review["author"]["name"]
    assert "#claim-" in review["url"]
    item = review["itemReviewed"]
    assert item["@type"] == "Claim" and item["author"]["name"] and item["author"]["@type"] in ("Person", "Organization")
    dt.date.fromisoformat(item["datePublished"])
    assert item["appearance"]["@type"] == "CreativeWork"
    rating = review["reviewRating"]
    assert rating["@type"] == "Rating" and rating["alternateName"]
    assert isinstance(rating["ratingValue"], int)
    assert isinstance(rating["bestRating"], int) and isinstance(rating["worstRating"], int)


def test_export_has_required_fields_latest_verdict_only(db_url: str) -> None:
    engine = open_engine(db_url)
    article_id, ids = add_article(engine, speaker="Mayor Elena Ortiz")
    add_verdict(engine, ids[0], "true", reviewer="Bo", at=dt.datetime(2025, 3, 15, tzinfo=dt.UTC))
    add_verdict(engine, ids[0], "false", reviewer="Ana", at=dt.datetime(2025, 3, 16, tzinfo=dt.UTC))
    add_verdict(engine, ids[3], "mostly-true", reviewer="Ana", at=dt.datetime(2025, 3, 16, tzinfo=dt.UTC))
    reviews = export_claim_reviews(engine, base_url="https://reports.example.org/claims/")
    assert len(reviews) == 2  # one per claim with a verdict, the latest one
    for review in reviews:
        check_claim_review(review)
    first = reviews[0]
    assert first["reviewRating"]["alternateName"] == "false" and first["reviewRating"]["ratingValue"] == 1
    assert first["author"]["name"] == "Ana" and first["datePublished"] == "2025-03-16"
    assert first["url"] == f"https://reports.example.org/claims/{article_id:05d}-city-budget-rises.html#claim-{ids[0]}"
    item = first["itemReviewed"]
    assert item["author"] == {"@type": "Person", "name": "Mayor Elena Ortiz"}
    assert item["datePublished"] == "2025-03-14"
    assert item["appearance"]["url"] == "https://news.example.org/city-budget-rises"
    assert first["claimReviewed"] == "Restated: $214 million."
    assert reviews[1]["reviewRating"]["ratingValue"] == 4


def test_article_without_url_or_author_still_gives_valid_reviews(db_url: str) -> None:
    engine = open_engine(db_url)
    _, ids = add_article(engine, url=None, author=None, published=None)
    add_verdict(engine, ids[1], "mixed")
    (review,) = export_claim_reviews(engine)
    check_claim_review(review)
    assert "url" not in review["itemReviewed"]["appearance"]
    assert review["itemReviewed"]["author"]["@type"] == "Organization"


def test_page_json_ld_parses_and_matches_the_export(db_url: str, reports_dir: Path) -> None:
    engine = open_engine(db_url)
    article_id, ids = add_article(engine)
    other_id, other_ids = add_article(
        engine, title="Another story", text="Prices rose 3 percent in May.\n", quotes=[("3 percent", "quantity", 0.9)]
    )
    add_verdict(engine, ids[0], "false", explanation='It was </script><script>alert("x")</script> $241 million.')
    add_verdict(engine, other_ids[0], "true")
    path = build_reports(engine, reports_dir, base_url="").last_article
    html = (reports_dir / f"{article_id:05d}-city-budget-rises.html").read_text(encoding="utf-8")
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.DOTALL)
    assert len(blocks) == 1 and "</script>" not in blocks[0]
    embedded = json.loads(blocks[0])
    assert embedded == export_claim_reviews(engine, article_id)
    assert embedded[0]["reviewBody"].startswith("It was </script>")
    assert path is not None
    # a page without verdicts carries no JSON-LD at all
    add_article(engine, title="Unreviewed", text="Nothing 5 percent here.\n", quotes=[("5 percent", "quantity", 0.5)])
    build_reports(engine, reports_dir)
    unreviewed = next(reports_dir.glob("*-unreviewed.html")).read_text(encoding="utf-8")
    assert "application/ld+json" not in unreviewed


def test_export_command_writes_file_stdout_and_filters_by_article(db_url: str, tmp_path: Path) -> None:
    engine = open_engine(db_url)
    one, ids = add_article(engine)
    two, two_ids = add_article(
        engine, title="Another story", text="Prices rose 3 percent in May.\n", quotes=[("3 percent", "quantity", 0.9)]
    )
    add_verdict(engine, ids[0], "false")
    add_verdict(engine, two_ids[0], "true")
    runner = CliRunner()
    out = runner.invoke(app, ["export", "--format", "claimreview", "--db", db_url])
    assert out.exit_code == 0, out.output
    everything = json.loads(out.stdout)
    assert len(everything) == 2
    target = tmp_path / "out" / "reviews.jsonld"
    only = runner.invoke(
        app,
        [
            "export",
            "-f",
            "claimreview",
            "--article",
            str(two),
            "--output",
            str(target),
            "--db",
            db_url,
            "--base-url",
            "https://r.example.org/x",
        ],
    )
    assert only.exit_code == 0, only.output
    (review,) = json.loads(target.read_text(encoding="utf-8"))
    check_claim_review(review)
    assert review["url"].startswith(f"https://r.example.org/x/{two:05d}-another-story.html#claim-")
    missing = runner.invoke(app, ["export", "--article", "999", "--db", db_url])
    assert missing.exit_code != 0
    bad = runner.invoke(app, ["export", "--format", "csv", "--db", db_url])
    assert bad.exit_code == 2


HOSTILE = "It was </script><script>alert('x')</script> & <!-- $241 million -->"


def test_export_is_inert_inside_a_script_block(db_url: str, reports_dir: Path) -> None:
    """`<`, `>`, `&` and `'` leave `claims export` as \\u003c etc.: valid JSON, no `</script>` (issue 15)."""
    engine = open_engine(db_url)
    article_id, ids = add_article(engine, speaker="</script><b>Mayor</b>")
    add_verdict(engine, ids[0], "false", explanation=HOSTILE, reviewer="Ana & Bo")
    out = CliRunner().invoke(app, ["export", "--format", "claimreview", "--db", db_url])
    assert out.exit_code == 0, out.output
    assert not set("<>&'") & set(out.stdout)
    assert "\\u003c/script\\u003e" in out.stdout and "\\u0026" in out.stdout
    (review,) = json.loads(out.stdout)
    assert review["reviewBody"] == HOSTILE and review["author"]["name"] == "Ana & Bo"
    # the article page embeds the same JSON, escaped the same way
    build_reports(engine, reports_dir)
    html = (reports_dir / f"{article_id:05d}-city-budget-rises.html").read_text(encoding="utf-8")
    (block,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.DOTALL)
    assert not set("<>&'") & set(block) and json.loads(block) == [review]


def test_safe_url_keeps_only_http_links() -> None:
    assert safe_url("https://example.org/a?b=1") == "https://example.org/a?b=1"
    assert safe_url(" HTTP://example.org ") == "HTTP://example.org"
    for bad in (
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "data:text/html,<b>",
        "//example.org",
        "/etc/passwd",
        "vbscript:x",
        "http:///nohost",
        "",
        None,
        "http://[bad",
    ):
        assert safe_url(bad) is None, bad


# ---------------------------------------------------------------- what an editor signs (issue 14)

#: Google's fact-check structured data: what it requires, and what it recommends.
GOOGLE_REQUIRED = ("claimReviewed", "reviewRating", "url")
GOOGLE_RECOMMENDED = ("author", "itemReviewed", "datePublished")
#: schema.org types and the properties they (or the types they extend) define, for what we write.
SCHEMA_ORG = {
    "ClaimReview": {"claimReviewed", "itemReviewed", "author", "url", "datePublished", "reviewRating", "reviewBody"},
    "Claim": {"author", "datePublished", "appearance", "firstAppearance", "url", "name"},
    "CreativeWork": {"headline", "url", "datePublished", "author", "name"},
    "Rating": {"ratingValue", "bestRating", "worstRating", "alternateName", "author", "ratingExplanation"},
    "Person": {"name", "url"},
    "Organization": {"name", "url"},
}
ARTICLE = (
    "Harbour Bridge reopens\n\n"
    "The Harbour Bridge carried 13,500 vehicles a day in 2023, the city's public works department said. "
    "Engineers replaced 40 cables in May, the department said. "
    "Unemployment fell to 4.2 percent in March, Finance Minister Ana Ruiz said.\n"
)


def check_schema_org(node: dict, expected: str | tuple[str, ...]) -> None:
    """``node`` has one of the expected @types and only that type's properties, recursively."""
    kinds = (expected,) if isinstance(expected, str) else expected
    assert node["@type"] in kinds, node
    allowed = SCHEMA_ORG[node["@type"]] | {"@type", "@context"}
    assert set(node) <= allowed, set(node) - allowed
    nested = {"itemReviewed": "Claim", "reviewRating": "Rating", "appearance": "CreativeWork"}
    for name, value in node.items():
        if name in nested:
            check_schema_org(value, nested[name])
        elif name == "author":
            check_schema_org(value, ("Person", "Organization"))


def check_google(review: dict) -> None:
    """Google's required and recommended fact-check properties, with the shapes it reads."""
    for name in GOOGLE_REQUIRED + GOOGLE_RECOMMENDED:
        assert review.get(name), name
    assert safe_url(review["url"]) == review["url"], "url must be absolute"
    assert review["reviewRating"]["alternateName"]
    assert review["author"]["name"] and review["itemReviewed"]["author"]["name"]
    check_schema_org(review, "ClaimReview")


def reviewed_article(tmp_path: Path, db_url: str) -> tuple:  # type: ignore[type-arg]
    from claims.extract import extract_claims
    from claims.sources import load_article
    from claims.store import article_claims, save_article

    engine = open_engine(db_url)
    path = tmp_path / "bridge.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    article = load_article(str(path))
    queued = save_article(engine, article, extract_claims(article.text))
    from sqlmodel import Session

    with Session(engine) as session:
        claims = article_claims(session, queued.article_id)
    return engine, claims


def test_claim_reviewed_is_a_sentence_an_editor_can_sign(db_url: str, tmp_path: Path) -> None:
    from claims.verdicts import record_verdict

    engine, claims = reviewed_article(tmp_path, db_url)
    for claim in claims:
        record_verdict(engine, claim.id, "true", "ana", "Checked.")  # type: ignore[arg-type]
    reviews = export_claim_reviews(engine, base_url="https://reports.example.org/")
    sentences = {r["claimReviewed"] for r in reviews}
    assert "The department says engineers replaced 40 cables in May." in sentences
    assert (
        "The city's public works department says the Harbour Bridge carried 13,500 vehicles a day in 2023." in sentences
    )
    assert "Ana Ruiz says unemployment fell to 4.2 percent in March." in sentences
    for review in reviews:
        text = review["claimReviewed"]
        assert "said that" not in text and text[0].isupper() and text.endswith(".")
        check_google(review)
    authors = {r["itemReviewed"]["author"]["name"]: r["itemReviewed"]["author"]["@type"] for r in reviews}
    assert authors["the city's public works department"] == "Organization"
    assert authors["Ana Ruiz"] == "Person"


def test_editor_corrects_the_claim_text_at_verdict_time(db_url: str, tmp_path: Path) -> None:
    engine, claims = reviewed_article(tmp_path, db_url)
    claim = next(c for c in claims if c.kind == "quantity")
    signed = "The public works department says the Harbour Bridge carried 13,500 vehicles a day in 2023."
    runner = CliRunner()
    bad = runner.invoke(app, ["verdict", str(claim.id), "true", "-r", "ana", "--claim-text", "  ", "--db", db_url])
    assert bad.exit_code == 2 and bad.stderr.strip() == "claims: error: --claim-text is empty"
    ok = runner.invoke(
        app,
        ["verdict", str(claim.id), "true", "-r", "ana", "--claim-text", signed, "--db", db_url,
         "--reports", str(tmp_path / "r"), "-f", "json"],
    )  # fmt: skip
    assert ok.exit_code == 0, ok.output
    assert json.loads(ok.stdout)["claim_text"] == signed
    (review,) = export_claim_reviews(engine, base_url="https://reports.example.org/")
    assert review["claimReviewed"] == signed


def test_export_url_is_absolute_or_warns_naming_the_setting(db_url: str, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.delenv("CLAIMS_REPORTS_URL", raising=False)
    engine = open_engine(db_url)
    _, ids = add_article(engine)
    add_verdict(engine, ids[0], "false")
    runner = CliRunner()
    relative = runner.invoke(app, ["export", "--db", db_url, "-o", str(tmp_path / "a.jsonld")])
    assert relative.exit_code == 0
    lines = relative.stderr.strip().splitlines()
    assert len(lines) == 2 and lines[0].startswith("claims: warning: CLAIMS_REPORTS_URL is not set")
    assert lines[1] == f"Wrote 1 claim review to {tmp_path / 'a.jsonld'}"
    monkeypatch.setenv("CLAIMS_REPORTS_URL", "https://reports.example.org/claims")
    absolute = runner.invoke(app, ["export", "--db", db_url])
    assert absolute.exit_code == 0 and "warning" not in absolute.stderr
    (review,) = json.loads(absolute.stdout)
    assert review["url"].startswith("https://reports.example.org/claims/") and safe_url(review["url"])
    bad = runner.invoke(app, ["export", "--db", db_url, "--base-url", "reports/"])
    assert bad.exit_code == 2 and len(bad.stderr.strip().splitlines()) == 1 and "CLAIMS_REPORTS_URL" in bad.stderr


def test_a_later_scale_change_keeps_the_published_rating(db_url: str, tmp_path: Path, monkeypatch) -> None:
    from claims.verdicts import record_verdict

    engine, claims = reviewed_article(tmp_path, db_url)
    record_verdict(engine, claims[0].id, "mostly-true", "ana")  # type: ignore[arg-type]
    scale = tmp_path / "scale.toml"
    scale.write_text(
        'best = 3\nworst = 1\n[[rating]]\nlabel = "correct"\nnormalized = "TRUE"\nvalue = 3\n'
        '[[rating]]\nlabel = "wrong"\nnormalized = "FALSE"\nvalue = 1\n',
        encoding="utf-8",
    )
    monkeypatch.setenv("CLAIMS_RATINGS_FILE", str(scale))
    (review,) = export_claim_reviews(engine, base_url="https://r.example.org/")
    rating = review["reviewRating"]
    assert (rating["alternateName"], rating["ratingValue"], rating["bestRating"], rating["worstRating"]) == (
        "mostly-true",
        4,
        5,
        1,
    )
    record_verdict(engine, claims[1].id, "correct", "ana")  # type: ignore[arg-type]
    new = export_claim_reviews(engine, base_url="https://r.example.org/")[1]["reviewRating"]
    assert (new["ratingValue"], new["bestRating"]) == (3, 3)


def test_internal_ids_never_reach_public_text(db_url: str, tmp_path: Path) -> None:
    """Old rows said "Same as claim 11: ..."; confirming now keeps the link as data (tests/test_matching.py)."""
    from claims.verdicts import record_verdict

    engine = open_engine(db_url)
    one, ids = add_article(engine)
    add_verdict(engine, ids[0], "false", explanation="Same as claim 11: The budget was $243m.")  # an old row
    record_verdict(engine, ids[1], "true", "ana", "Council minutes.")
    reviews = export_claim_reviews(engine, base_url="https://r.example.org/")
    assert [r["reviewBody"] for r in reviews] == ["The budget was $243m.", "Council minutes."]
    build_reports(engine, tmp_path / "r", [one])
    assert "Same as claim" not in next((tmp_path / "r").glob("00001-*.html")).read_text(encoding="utf-8")

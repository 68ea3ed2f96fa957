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
    assert first["claimReviewed"] == "Restated: $214 million"
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

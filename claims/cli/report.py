"""``claims report`` (re-render the HTML pages) and ``claims export`` (ClaimReview JSON-LD)."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from claims.cli import warning
from claims.cli.group import app
from claims.cli.options import DbOption, ReportsOption, settings


@app.command()
def report(
    all_: Annotated[
        bool, typer.Option("--all", help="Rebuild every article's page as well as the shared pages.")
    ] = False,
    article: Annotated[
        list[int] | None, typer.Option("--article", "-a", help="Rebuild this article's page (repeatable).")
    ] = None,
    db: DbOption = None,
    reports: ReportsOption = None,
) -> None:
    """Render the HTML reports: article pages, the index, the review queue and the digest.

    The index is index.html (the totals and the newest 100 articles) and, past 100
    articles, archive pages by article number (index-1.html: articles 1 to 100, ...).
    --article renders that article's page and the index pages that list it. Pages whose
    content has not changed are left untouched on disk.
    """
    from claims.db import open_engine
    from claims.errors import InvalidInput
    from claims.report import build_reports

    if not all_ and not article:
        raise InvalidInput("say which pages: --all, or --article ID")
    conf = settings(db, reports)
    done = build_reports(open_engine(conf.database_url), conf.reports_dir, None if all_ else list(article or []))
    print(f"{len(done.written)} pages written, {len(done.unchanged)} unchanged in {conf.reports_dir}")
    print(f"Index: {(Path(conf.reports_dir) / 'index.html').resolve()}")


class ExportFormat(str, Enum):
    """What ``claims export`` writes."""

    claimreview = "claimreview"


@app.command()
def export(
    fmt: Annotated[ExportFormat, typer.Option("--format", "-f", help="Export format.")] = ExportFormat.claimreview,
    article: Annotated[int | None, typer.Option("--article", "-a", help="Only this article's claims.")] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write to this file instead of standard output.")
    ] = None,
    base_url: Annotated[
        str | None,
        typer.Option(
            "--base-url",
            envvar="CLAIMS_REPORTS_URL",
            help="Public URL of the reports folder, for each review's url.",
            show_default=False,
        ),
    ] = None,
    include_gone: Annotated[
        bool, typer.Option("--include-gone", help="Also export verdicts on claims gone from their article.")
    ] = False,
    db: DbOption = None,
) -> None:
    """Export the current verdicts as schema.org ClaimReview JSON-LD (a JSON array).

    A claim whose facts changed since its verdict is left out until an editor decides
    again; claims gone from their article are left out unless --include-gone.
    """
    from claims.claimreview import dumps, export_claim_reviews, safe_url
    from claims.db import open_engine
    from claims.errors import InvalidInput
    from claims.report import write_if_changed
    from claims.store import get_article

    conf = settings(db)
    engine = open_engine(conf.database_url)
    if article is not None:
        from sqlmodel import Session

        with Session(engine) as session:
            get_article(session, article)  # NotFound: a one-line error, not an empty list
    base = (base_url or "").strip()
    if base:
        if safe_url(base) is None:
            raise InvalidInput(f"--base-url (or CLAIMS_REPORTS_URL) must be an absolute http(s) URL, not {base!r}")
        base += "" if base.endswith("/") else "/"
    reviews = export_claim_reviews(engine, article, base, include_gone=include_gone)
    if reviews and not base:
        warning(
            "CLAIMS_REPORTS_URL is not set, so each review's url is relative; "
            "set it (or --base-url) to the public address of the reports folder"
        )
    if output is None:
        sys.stdout.write(dumps(reviews))
    else:
        write_if_changed(output, dumps(reviews))
        noun = "claim review" if len(reviews) == 1 else "claim reviews"
        print(f"Wrote {len(reviews)} {noun} to {output}", file=sys.stderr)

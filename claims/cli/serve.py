"""``claims serve`` (every flow on its schedule, one process) and ``claims ingest`` (poll feeds once)."""

from __future__ import annotations

import os
from typing import Annotated

import typer

from claims.cli import error
from claims.cli.group import app
from claims.cli.options import DbOption, Format, FormatOption, ReportsOption, settings
from claims.cli.tables import cell, print_json
from claims.errors import ConfigError

FeedsFileOption = Annotated[
    str | None,
    typer.Option(
        "--feeds-file", envvar="CLAIMS_FEEDS_FILE", help="A file of feed URLs, one a line.", show_default=False
    ),
]


@app.command()
def serve(
    feeds: Annotated[
        list[str] | None, typer.Argument(metavar="FEED", help="Feed URLs (default: the feeds file).")
    ] = None,
    feeds_file: FeedsFileOption = None,
    db: DbOption = None,
    reports: ReportsOption = None,
    limit: Annotated[int | None, typer.Option("--limit", help="Most flow runs at once.")] = None,
) -> None:
    """Run every flow on its schedule from this process (Prefect's serve), until Ctrl-C.

    ingest-feeds every 15 minutes, render-reports hourly, review-digest daily, and
    check-article and review-claims (an editor reviews in the UI) on demand. Needs a
    Prefect server: PREFECT_API_URL must be set.
    """
    from claims.runtime import prepare_prefect

    conf = settings(db, reports)
    prepare_prefect(verbose=True)
    from prefect.settings import PREFECT_API_URL

    if not PREFECT_API_URL.value():
        raise ConfigError(
            "claims serve needs a Prefect server: run `prefect server start`, then "
            "export PREFECT_API_URL=http://127.0.0.1:4200/api"
        )
    # The served runs are subprocesses: they read these like a worker's flow runs do.
    os.environ["CLAIMS_DATABASE_URL"] = conf.database_url
    os.environ["CLAIMS_REPORTS_DIR"] = str(conf.reports_dir.resolve())
    if feeds_file:  # the one feeds file (besides feeds.txt) a run started through the API may read
        os.environ["CLAIMS_FEEDS_FILE"] = feeds_file
    from flows.serve import serve_all

    serve_all(feeds, feeds_file, limit=limit)


@app.command()
def ingest(
    feeds: Annotated[list[str] | None, typer.Argument(metavar="FEED", help="RSS or Atom feed URLs.")] = None,
    feeds_file: FeedsFileOption = None,
    db: DbOption = None,
    reports: ReportsOption = None,
    workers: Annotated[int, typer.Option("--workers", help="Articles checked at once.")] = 4,
    fmt: FormatOption = Format.table,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Show Prefect's run logs.")] = False,
) -> None:
    """Poll each FEED once and check every new article it lists (the ingest-feeds flow)."""
    from claims.feeds import feed_list
    from claims.runtime import FEED_TAGS, prepare_prefect, run_flow

    conf = settings(db, reports)
    urls = feed_list(feeds, feeds_file)
    if not urls:
        raise ConfigError("no feeds: give feed URLs or --feeds-file")
    prepare_prefect(verbose)
    from claims.redact import parameter_url
    from flows.ingest_feeds import IngestFailed, IngestSummary, ingest_feeds

    # A feed URL's secrets never become a (stored) flow-run parameter: the flow gets them back here.
    state = run_flow(
        ingest_feeds, conf, run_tags=FEED_TAGS, feeds=[parameter_url(u) for u in urls], max_workers=workers
    )
    result: object = state.result(raise_on_failure=False)
    # a feed failed: still show what the other feeds did
    summary = result.summary if isinstance(result, IngestFailed) else result
    if not isinstance(summary, IngestSummary):
        error(state.message or "ingest failed")
        raise typer.Exit(2)
    rows = [
        {"state": i.state, "claims": i.claims, "article": i.title or i.link, "reason": i.error or ""}
        for i in summary.items
    ]
    if fmt is Format.table:
        from rich.console import Console
        from rich.table import Table

        table = Table(title=cell(state.message or ""))
        for column in ("state", "claims", "article", "reason"):
            table.add_column(column, overflow="fold")
        for row in rows:
            table.add_row(*(cell(row[c]) for c in ("state", "claims", "article", "reason")))
        Console().print(table)
        if summary.index:
            print(f"Reports: {summary.index}")
    elif fmt is Format.json:
        print_json(rows, 2)
    else:
        for row in rows:
            print_json(row)
    if state.is_failed():
        error(state.message or "ingest failed")
        raise typer.Exit(2)

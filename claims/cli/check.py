"""``claims check``: the full flow (load, extract, queue, report) for each source."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from claims.cli import error, warning
from claims.cli.group import app
from claims.cli.options import DbOption, Format, FormatOption, ReportsOption, settings
from claims.redact import terminal_json, terminal_text


@app.command()
def check(
    sources: Annotated[
        list[str],
        typer.Argument(metavar="SOURCE", help="Article files (.txt, .md, .html), http(s) URLs, or - for stdin."),
    ],
    db: DbOption = None,
    reports: ReportsOption = None,
    fmt: FormatOption = Format.table,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Show Prefect's run logs.")] = False,
) -> None:
    """Check each SOURCE: extract its claims, queue them for review, write the HTML report.

    Runs the Prefect flow ``check-article`` once per source. Without PREFECT_API_URL
    Prefect starts a temporary local server; with it, runs show in that server's UI.
    """
    from claims.errors import ClaimsError
    from claims.sources import precheck

    conf = settings(db, reports)
    failed = 0
    runnable = []
    for source in sources:  # fail fast on typos, before Prefect starts
        try:
            precheck(source, conf)
            runnable.append(source)
        except ClaimsError as exc:
            error(str(exc))
            failed += 1
    if runnable:
        from claims.runtime import run_check
    for source in runnable:
        outcome = run_check(source, conf, verbose=verbose)
        if isinstance(outcome, str):
            error(outcome)
            failed += 1
            continue
        if outcome.found:
            from claims.store import bound_message

            warning(bound_message(outcome.source, outcome.found, len(outcome.claims)))
        if fmt is Format.table:
            from claims.cli.tables import claims_table

            note = "queued" if outcome.created else "already queued, nothing added"
            claims_table(
                [c.to_dict() for c in sorted(outcome.claims, key=lambda c: -c.score)],
                title=f"{outcome.title} — {len(outcome.claims)} claims ({note})",
            )
            print(f"Report: {terminal_text(outcome.report)}")
        else:
            row = {
                "source": outcome.source,
                "article_id": outcome.article_id,
                "created": outcome.created,
                "claims": len(outcome.claims),
                "found": outcome.found or len(outcome.claims),
                "report": outcome.report,
            }
            print(terminal_json(row, 2 if fmt is Format.json else None))
    if failed:
        raise typer.Exit(2)


@app.command()
def batch(
    sources: Annotated[
        list[str] | None, typer.Argument(metavar="SOURCE", help="Article files or http(s) URLs.", show_default=False)
    ] = None,
    from_file: Annotated[
        Path | None, typer.Option("--from-file", help="A file listing one source per line (# comments allowed).")
    ] = None,
    chunk_size: Annotated[int, typer.Option("--chunk-size", min=1, help="Articles per Prefect task.")] = 50,
    db: DbOption = None,
    reports: ReportsOption = None,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Show Prefect's run logs.")] = False,
) -> None:
    """Check many articles in one Prefect flow run (check-articles), in chunks of tasks.

    Use it for archives and long lists: one flow run for the whole batch instead of
    one per article. Bad sources do not stop the rest: each is named on standard error
    with its reason (one line each), and the command exits 2.
    """
    from claims.errors import InvalidInput

    if not sources and from_file is None:
        raise InvalidInput("give sources or --from-file FILE")
    if from_file is not None and not from_file.is_file():
        raise InvalidInput(f"{from_file}: no such file")
    from claims.runtime import run_batch

    outcome = run_batch(
        list(sources or []),
        str(from_file) if from_file else None,
        settings(db, reports),
        chunk_size=chunk_size,
        verbose=verbose,
    )
    if isinstance(outcome, str):
        error(outcome)
        raise typer.Exit(1)
    from claims.store import bound_message

    for source, found, kept in outcome.get("capped", []):
        warning(bound_message(source, found, kept))
    for source, reason in outcome.get("failures", []):  # every bad source, by name, with its reason
        line = reason if reason.startswith(source) else f"{source}: {reason}"
        error(" ".join(line.split()))
    print(
        f"{outcome['checked']} sources: {outcome['created']} new articles, {outcome['claims']} claims, "
        f"{outcome['failed']} failed"
    )
    if outcome["failed"]:
        raise typer.Exit(2)

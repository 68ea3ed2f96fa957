"""``claims queue|next|verdict|release|history|reopen``: the review queue from the terminal.

The work of ``queue``, ``next``, ``verdict`` and ``history`` is in :mod:`claims.cli.reviewing`,
which :mod:`claims.cli.fast` also runs without Typer for a fast start.
"""

from __future__ import annotations

from typing import Annotated

import typer

from claims.cli import reviewing
from claims.cli.group import app
from claims.cli.options import DbOption, Format, FormatOption, ReportsOption

ReviewerOption = Annotated[
    str, typer.Option("--reviewer", "-r", envvar="CLAIMS_REVIEWER", help="Your name, as recorded with verdicts.")
]
ClaimArg = Annotated[
    int, typer.Argument(metavar="CLAIM_ID", help="The claim's id (from `claims queue` or `claims next`).")
]


@app.command("queue")
def queue_(
    db: DbOption = None,
    fmt: FormatOption = Format.table,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="Show at most this many.")] = 50,
) -> None:
    """List pending claims by priority (check-worthiness, then recency), with article and age.

    The title gives the total ("showing 50 of 312 pending"); --limit shows more.
    """
    reviewing.show_queue(db, fmt, limit)


@app.command("next")
def next_(
    reviewer: ReviewerOption,
    db: DbOption = None,
    fmt: FormatOption = Format.table,
    minutes: Annotated[int, typer.Option("--minutes", min=1, max=24 * 60, help="Lease length.")] = 30,
) -> None:
    """Lease the top pending claim to REVIEWER and show it with its sentence and article."""
    reviewing.show_next(reviewer, db, fmt, minutes)


@app.command("verdict")
def verdict(
    claim_id: ClaimArg,
    rating: Annotated[
        str,
        typer.Argument(metavar="RATING", help="A label of the rating scale, or `suggested` to confirm the suggestion."),
    ],
    reviewer: ReviewerOption,
    note: Annotated[str, typer.Option("--note", help="The explanation readers will see.")] = "",
    source: Annotated[
        list[str] | None, typer.Option("--source", help="An http(s) URL of evidence (repeatable).")
    ] = None,
    claim_text: Annotated[
        str | None,
        typer.Option(
            "--claim-text",
            help="The claim as ClaimReview publishes it (claimReviewed), if the sentence made from the claim needs a fix.",
            show_default=False,
        ),
    ] = None,
    db: DbOption = None,
    reports: ReportsOption = None,
    fmt: FormatOption = Format.table,
) -> None:
    """Record a verdict on CLAIM_ID (ending its lease) and re-render its article's report.

    The verdict is bound to the claim as it stands now: if a later revision of the
    article changes the claim's facts, the claim returns to the queue.
    """
    reviewing.record(claim_id, rating, reviewer, note, source or [], claim_text, db, reports, fmt)


@app.command("release")
def release_(
    claim_id: ClaimArg,
    reviewer: Annotated[str | None, typer.Option("--reviewer", "-r", help="Refuse unless the lease is yours.")] = None,
    db: DbOption = None,
) -> None:
    """End the lease on CLAIM_ID and return it to the queue."""
    from claims.queue import release

    release(reviewing.engine_for(db), claim_id, reviewer)
    print(f"Claim {claim_id} is back in the queue.")


@app.command("reopen")
def reopen_(claim_id: ClaimArg, db: DbOption = None) -> None:
    """Return a reviewed CLAIM_ID to the queue; its verdicts stay in its history."""
    from claims.queue import reopen

    reopen(reviewing.engine_for(db), claim_id)
    print(f"Claim {claim_id} is pending again; its earlier verdicts stay in `claims history {claim_id}`.")


@app.command("history")
def history_(claim_id: ClaimArg, db: DbOption = None, fmt: FormatOption = Format.table) -> None:
    """Every verdict on CLAIM_ID, oldest first; the last is current."""
    reviewing.show_history(claim_id, db, fmt)

"""``claims queue|next|verdict|release|history|reopen``: the review queue from the terminal."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from claims.cli import app
from claims.cli.options import DbOption, Format, FormatOption, ReportsOption, settings
from claims.cli.tables import cell, print_json
from claims.redact import terminal_text as safe

ReviewerOption = Annotated[
    str, typer.Option("--reviewer", "-r", envvar="CLAIMS_REVIEWER", help="Your name, as recorded with verdicts.")
]
ClaimArg = Annotated[
    int, typer.Argument(metavar="CLAIM_ID", help="The claim's id (from `claims queue` or `claims next`).")
]


def _engine(db: str | None):  # type: ignore[no-untyped-def]
    from claims.db import open_engine

    return open_engine(settings(db).database_url)


def _dump(data: Any, fmt: Format) -> None:
    if fmt is Format.jsonl and isinstance(data, list):
        for row in data:
            print_json(row)
    else:
        print_json(data, 2 if fmt is Format.json else None)


def age(seconds: float) -> str:
    """A short age: 45s, 12m, 3h, 2d."""
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60)):
        if seconds >= size:
            return f"{int(seconds // size)}{unit}"
    return f"{int(seconds)}s"


@app.command("queue")
def queue_(
    db: DbOption = None,
    fmt: FormatOption = Format.table,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="Show at most this many.")] = 50,
) -> None:
    """List pending claims by priority (check-worthiness, then recency), with article and age.

    The title gives the total ("showing 50 of 312 pending"); --limit shows more.
    """
    from claims.queue import count_pending, pending

    engine = _engine(db)
    items = pending(engine, limit)
    rows = [item.to_dict() for item in items]
    if fmt is not Format.table:
        return _dump(rows, fmt)
    total = count_pending(engine) if len(rows) == limit else len(rows)
    noun = "pending claim" if total == 1 else "pending claims"
    title = f"showing {len(rows)} of {total} pending" if total > len(rows) else f"{total} {noun}"
    table = Table(title=title)
    for name, justify in (("id", "right"), ("score", "right"), ("kind", "left"), ("quote", "left")):
        table.add_column(name, justify=justify, overflow="fold")  # type: ignore[arg-type]
    table.add_column("article", overflow="fold", max_width=30)
    table.add_column("age", justify="right")
    table.add_column("suggested")
    for row in rows:
        hint = row.get("suggestion", {}).get("rating", "")
        if "changed_since_verdict" in row:
            hint = f"{hint} (changed since verdict)"
        table.add_row(
            str(row["id"]),
            f"{row['score']:.2f}",
            cell(row["kind"]),
            cell(row["quote"]),
            cell(row["article"]),
            age(row["age_seconds"]),
            cell(hint),
        )
    Console(soft_wrap=False).print(table)


@app.command("next")
def next_(
    reviewer: ReviewerOption,
    db: DbOption = None,
    fmt: FormatOption = Format.table,
    minutes: Annotated[int, typer.Option("--minutes", min=1, max=24 * 60, help="Lease length.")] = 30,
) -> None:
    """Lease the top pending claim to REVIEWER and show it with its sentence and article."""
    from claims.queue import lease_next

    item = lease_next(_engine(db), reviewer, dt.timedelta(minutes=minutes))
    if item is None:
        if fmt is Format.table:
            print("The queue is empty: no pending claims.")
        else:
            _dump(None, fmt)
        return
    row = item.to_dict()
    if fmt is not Format.table:
        return _dump(row, fmt)
    lease = item.lease
    assert lease is not None
    who = safe(lease.reviewer)
    print(
        f"Claim {row['id']}  ({safe(row['kind'])}, score {row['score']:.2f})  leased to {who} until {lease.expires_at:%Y-%m-%d %H:%M} UTC"
    )
    print(f"  claim:    {safe(row['text'])}")
    print(f"  quote:    {safe(row['quote'])}")
    print(f"  sentence: {safe(row['sentence'])}")
    if row["speaker"]:
        print(f"  speaker:  {safe(row['speaker'])}")
    print(f"  article:  {safe(row['article'])} ({safe(row['source'])}, article {row['article_id']})")
    if "changed_since_verdict" in row:
        print(f"  CHANGED SINCE VERDICT ({', '.join(row['changed_since_verdict'])} changed); it was judged as:")
        print(f"            {safe(row['suggestion']['text'])}")
    if "suggestion" in row:
        hint = row["suggestion"]
        print(
            f"  suggested: {safe(hint['rating'])} (claim {hint['claim_id']}, {safe(hint['reviewer'])}, {hint['at'][:10]})"
        )
        print(f"  confirm with: claims verdict {row['id']} suggested --reviewer {who}")
    print(f"Record with: claims verdict {row['id']} RATING --reviewer {who} [--note TEXT] [--source URL]")


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
    from sqlmodel import Session

    from claims.db import open_engine
    from claims.queue import get_claim
    from claims.report import write_reports
    from claims.verdicts import record_verdict

    conf = settings(db, reports)
    engine = open_engine(conf.database_url)
    saved = record_verdict(engine, claim_id, rating, reviewer, note, source or [], claim_text=claim_text)
    with Session(engine) as session:
        article_id = get_claim(session, claim_id).article_id
    path = write_reports(engine, conf.reports_dir, [article_id])
    row = {
        "verdict_id": saved.id,
        "claim_id": claim_id,
        "rating": saved.rating,
        "reviewer": saved.reviewer,
        "sources": saved.sources,
        "claim_text": saved.claim_reviewed,
        "report": str(path.resolve()) if path else None,
    }
    if fmt is not Format.table:
        return _dump(row, fmt)
    print(f"Claim {claim_id}: {safe(saved.rating)} (verdict {saved.id} by {safe(saved.reviewer)}).")
    if path:
        print(f"Report: {path.resolve()}")


@app.command("release")
def release_(
    claim_id: ClaimArg,
    reviewer: Annotated[str | None, typer.Option("--reviewer", "-r", help="Refuse unless the lease is yours.")] = None,
    db: DbOption = None,
) -> None:
    """End the lease on CLAIM_ID and return it to the queue."""
    from claims.queue import release

    release(_engine(db), claim_id, reviewer)
    print(f"Claim {claim_id} is back in the queue.")


@app.command("reopen")
def reopen_(claim_id: ClaimArg, db: DbOption = None) -> None:
    """Return a reviewed CLAIM_ID to the queue; its verdicts stay in its history."""
    from claims.queue import reopen

    reopen(_engine(db), claim_id)
    print(f"Claim {claim_id} is pending again; its earlier verdicts stay in `claims history {claim_id}`.")


@app.command("history")
def history_(claim_id: ClaimArg, db: DbOption = None, fmt: FormatOption = Format.table) -> None:
    """Every verdict on CLAIM_ID, oldest first; the last is current."""
    from sqlmodel import Session

    from claims.verdicts import history

    with Session(_engine(db)) as session:
        verdicts = history(session, claim_id)
    rows: list[dict[str, Any]] = [
        {
            "id": v.id,
            "at": v.created_at.isoformat(),
            "reviewer": v.reviewer,
            "rating": v.rating,
            "explanation": v.explanation,
            "sources": v.sources,
            "current": i == len(verdicts) - 1,
        }
        for i, v in enumerate(verdicts)
    ]
    if fmt is not Format.table:
        return _dump(rows, fmt)
    if not rows:
        print(f"Claim {claim_id} has no verdicts yet.")
        return
    table = Table(title=f"Verdicts on claim {claim_id} (oldest first)")
    for name in ("id", "at", "reviewer", "rating", "explanation", "sources"):
        table.add_column(name, overflow="fold")
    for row in rows:
        mark = " (current)" if row["current"] else ""
        table.add_row(
            str(row["id"]),
            row["at"][:19],
            cell(row["reviewer"]),
            cell(row["rating"] + mark),
            cell(row["explanation"]),
            cell("\n".join(safe(s) for s in row["sources"]), multiline=True),
        )
    Console(soft_wrap=False).print(table)

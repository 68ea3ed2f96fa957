"""What ``claims queue|next|verdict|history`` do once their arguments are parsed.

Shared by the Typer commands (:mod:`claims.cli.review`) and the light dispatcher that
runs these four without Typer (:mod:`claims.cli.fast`), so both print the same. Nothing
heavy at module load: SQLAlchemy, the models and rich come in with the first call.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from claims.cli.tables import Format, cell, print_json
from claims.config import Settings
from claims.redact import terminal_text as safe


def engine_for(db: str | None):  # type: ignore[no-untyped-def]
    """The engine of ``--db`` (else CLAIMS_DATABASE_URL, else the default), schema in place."""
    from claims.db import open_engine

    return open_engine(Settings.from_env(database_url=db).database_url)


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


def show_queue(db: str | None, fmt: Format, limit: int) -> None:
    """``claims queue``: pending claims by priority, with article and age."""
    from claims.queue import count_pending, pending

    engine = engine_for(db)
    items = pending(engine, limit)
    rows = [item.to_dict() for item in items]
    if fmt is not Format.table:
        return _dump(rows, fmt)
    from rich.console import Console
    from rich.table import Table

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


def show_next(reviewer: str, db: str | None, fmt: Format, minutes: int) -> None:
    """``claims next``: lease the top pending claim to ``reviewer`` and show it."""
    from claims.queue import lease_next

    item = lease_next(engine_for(db), reviewer, dt.timedelta(minutes=minutes))
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


def record(
    claim_id: int,
    rating: str,
    reviewer: str,
    note: str,
    sources: list[str],
    claim_text: str | None,
    db: str | None,
    reports: Path | None,
    fmt: Format,
) -> None:
    """``claims verdict``: record the verdict, then write the pages it changed."""
    from sqlmodel import Session

    from claims.config import newsroom_zone
    from claims.db import open_engine
    from claims.queue import get_claim
    from claims.report import write_reports
    from claims.verdicts import record_verdict

    newsroom_zone()  # a bad CLAIMS_TIMEZONE stops us before anything is written, not after the verdict
    conf = Settings.from_env(database_url=db, reports_dir=reports)
    engine = open_engine(conf.database_url)
    saved = record_verdict(engine, claim_id, rating, reviewer, note, sources, claim_text=claim_text)
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


def show_history(claim_id: int, db: str | None, fmt: Format) -> None:
    """``claims history``: every verdict on the claim, oldest first."""
    from sqlmodel import Session

    from claims.verdicts import history

    with Session(engine_for(db)) as session:
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
    from rich.console import Console
    from rich.table import Table

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

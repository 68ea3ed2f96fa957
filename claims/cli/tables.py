"""Rich tables for the terminal."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rich.console import Console
from rich.table import Table


def claims_table(rows: Iterable[dict[str, Any]], *, show_source: bool = False, title: str | None = None) -> None:
    """Print claims as a table: score, kind, quote, speaker."""
    table = Table(title=title, show_lines=False, expand=False)
    if show_source:
        table.add_column("source", overflow="fold", max_width=30)
    rows = list(rows)
    if not rows:
        Console(soft_wrap=False).print(f"{title} \u2014 " if title else "", "no claims found", sep="")
        return
    if any("id" in row for row in rows):
        table.add_column("id", justify="right")
    table.add_column("score", justify="right")
    table.add_column("kind")
    table.add_column("quote", overflow="fold")
    table.add_column("speaker", overflow="fold", max_width=24)
    for row in rows:
        cells = [str(row["source"])] if show_source else []
        if "id" in row:
            cells.append(str(row["id"]))
        cells += [f"{row['score']:.2f}", row["kind"], row["quote"], row.get("speaker") or ""]
        table.add_row(*cells)
    Console(soft_wrap=False).print(table)

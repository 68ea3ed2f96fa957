"""Output for the terminal: the formats, JSON, and rich tables whose every cell goes through :func:`cell`.

Rich is imported when a table is printed, not before: ``--format json`` never loads it.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import Enum
from typing import TYPE_CHECKING, Any

from claims.redact import terminal_json, terminal_text

if TYPE_CHECKING:
    from rich.text import Text


class Format(str, Enum):
    """Output formats for commands that print data."""

    table = "table"
    json = "json"
    jsonl = "jsonl"


def cell(value: object, *, multiline: bool = False) -> Text:
    """Untrusted text for a rich table or line: no control characters, and no rich markup (``[link=...]``)."""
    from rich.text import Text

    return Text(terminal_text("" if value is None else value, multiline=multiline))


def print_json(data: object, indent: int | None = None) -> None:
    """Print ``data`` as JSON that is inert in a terminal (:func:`claims.redact.terminal_json`)."""
    print(terminal_json(data, indent))


def claims_table(rows: Iterable[dict[str, Any]], *, show_source: bool = False, title: str | None = None) -> None:
    """Print claims as a table: score, kind, quote, speaker."""
    from rich.console import Console
    from rich.table import Table

    table = Table(title=cell(title) if title else None, show_lines=False, expand=False)
    if show_source:
        table.add_column("source", overflow="fold", max_width=30)
    rows = list(rows)
    if not rows:
        Console(soft_wrap=False).print(cell(f"{title} \u2014 " if title else ""), "no claims found", sep="")
        return
    if any("id" in row for row in rows):
        table.add_column("id", justify="right")
    table.add_column("score", justify="right")
    table.add_column("kind")
    table.add_column("quote", overflow="fold")
    table.add_column("speaker", overflow="fold", max_width=24)
    for row in rows:
        cells = [cell(row["source"])] if show_source else []
        if "id" in row:
            cells.append(cell(row["id"]))
        cells += [cell(f"{row['score']:.2f}"), cell(row["kind"]), cell(row["quote"]), cell(row.get("speaker"))]
        table.add_row(*cells)
    Console(soft_wrap=False).print(table)

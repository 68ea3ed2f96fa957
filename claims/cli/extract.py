"""``claims extract``: extraction alone, no database and no Prefect."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from claims.cli import error
from claims.cli.group import app
from claims.cli.options import Format, FormatOption, settings
from claims.errors import ClaimsError
from claims.redact import terminal_json, terminal_text


@app.command()
def extract(
    sources: Annotated[
        list[str],
        typer.Argument(metavar="SOURCE", help="Article files (.txt, .md, .html), http(s) URLs, or - for stdin."),
    ],
    fmt: FormatOption = Format.table,
) -> None:
    """Print the checkable claims of each SOURCE (no database, no Prefect).

    Claims come from spaCy's parse of each sentence (en_core_web_sm 3.8): a clause with its
    figure, date or record, a person's role, an attribution; JSON Lines give each claim's
    quote, offsets, kind, values (negated and hedged facts are marked), speaker and score.

    A text of 3,000 sentences or more is parsed in worker processes, one per core
    (CLAIMS_PARSE_PROCESSES sets how many; 1 parses in this process).
    """
    from claims.extract import extract_claims, is_english
    from claims.sources import load_article

    conf = settings()
    failed = 0
    rows: list[dict] = []
    for source in sources:
        try:
            article = load_article(source, conf)
        except ClaimsError as exc:
            error(str(exc))
            failed += 1
            continue
        if not is_english(article.text):
            print(f"claims: {terminal_text(source)}: the text is not English; no claims extracted", file=sys.stderr)
            continue
        for claim in extract_claims(article.text, published=article.published):
            row = {"source": source, **claim.to_dict()}
            if fmt is Format.jsonl:
                sys.stdout.write(terminal_json(row) + "\n")
            else:
                rows.append(row)
    if fmt is Format.json:
        sys.stdout.write(terminal_json(rows, 2) + "\n")
    elif fmt is Format.table and (rows or not failed):  # after an error line, no "no claims found"
        from claims.cli.tables import claims_table

        claims_table(rows, show_source=len(sources) > 1)
    sys.stdout.flush()
    if failed:
        raise typer.Exit(2)

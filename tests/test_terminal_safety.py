"""Nothing from an article or an editor reaches the terminal as control characters (issue 15, item 6).

An article whose claim holds ``ESC]0;...BEL`` (set the window title), ``ESC[2J``
(clear the screen), a C1 CSI and rich markup is stored in a real SQLite file, and
every command that shows it (queue, next, history, extract, errors) must print
no C0 control but newline (and tab in JSON) and no C1 control, in table and JSON forms.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claims.cli import app
from claims.db import open_engine
from tests.test_report import add_article, add_verdict

runner = CliRunner()
EVIL = "\x1b]0;pwned\x07\x1b[2J\x9b31m[/bold][link=https://evil.example]x[/link]\r\x08"
TEXT = f"The budget rose to $214 million{EVIL} in 2025, up 12 percent.\n"
#: Whatever a terminal could act on: C0 but newline, DEL and C1.
CONTROLS = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")


def clean(output: str) -> None:
    found = CONTROLS.findall(output)
    assert not found, f"control characters reached the terminal: {found!r} in {output!r}"


def strings(data: object) -> list[str]:
    if isinstance(data, dict):
        return [s for v in data.values() for s in strings(v)]
    if isinstance(data, list):
        return [s for v in data for s in strings(v)]
    return [data] if isinstance(data, str) else []


@pytest.fixture
def evil_db(db_url: str) -> tuple[str, list[int]]:
    engine = open_engine(db_url)
    _, ids = add_article(
        engine,
        title=f"Budget{EVIL}story",
        text=TEXT,
        quotes=[(f"$214 million{EVIL}", "quantity", 0.9), ("12 percent", "quantity", 0.8)],
        speaker=f"Mayor{EVIL}",
    )
    add_verdict(engine, ids[1], "false", explanation=f"It was 9 percent.{EVIL}", sources=[f"https://x.example/{EVIL}"])
    return db_url, ids


@pytest.mark.parametrize("fmt", ["table", "json", "jsonl"])
def test_queue_next_history_print_no_control_characters(evil_db: tuple[str, list[int]], fmt: str) -> None:
    db_url, ids = evil_db
    for args in (["queue"], ["next", "--reviewer", "ana"], ["history", str(ids[1])]):
        result = runner.invoke(app, [*args, "--db", db_url, "--format", fmt])
        assert result.exit_code == 0, result.output
        clean(result.stdout)
        assert "214" in result.stdout or "percent" in result.stdout
        if fmt == "json":  # the data is all there, escaped
            assert any(EVIL in s for s in strings(json.loads(result.stdout)))


def test_extract_and_errors_print_no_control_characters(tmp_path: Path) -> None:
    story = tmp_path / "story.txt"
    story.write_text(f"Headline{EVIL}\n\n{TEXT}", encoding="utf-8")
    for fmt in ("table", "json", "jsonl"):
        result = runner.invoke(app, ["extract", str(story), "--format", fmt])
        assert result.exit_code == 0, result.output
        clean(result.stdout)
    missing = runner.invoke(app, ["extract", str(tmp_path / f"no{EVIL}\nsuch.txt")])
    assert missing.exit_code == 2
    clean(missing.stderr)
    assert missing.stderr.count("\n") == 1 and missing.stderr.startswith("claims: error: ")


@pytest.mark.parametrize("name", ["ana\tbob", "ana\nbob", "ana\x1b[2J", "ana\x9bbob", "ana\u2028bob"])
def test_reviewer_names_are_printable(evil_db: tuple[str, list[int]], name: str) -> None:
    db_url, ids = evil_db
    for args in (["next", "--reviewer", name], ["verdict", str(ids[0]), "true", "--reviewer", name]):
        result = runner.invoke(app, [*args, "--db", db_url])
        assert result.exit_code == 2, result.output
        assert result.stderr == (
            "claims: error: --reviewer takes printable characters only (no tabs, line breaks or control characters)\n"
        )
    history = runner.invoke(app, ["history", str(ids[0]), "--db", db_url, "--format", "json"])
    assert json.loads(history.stdout) == []  # nothing written

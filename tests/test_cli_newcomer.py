"""The rough edges a newcomer hit (issue 14): each of these failed on the code before it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claims.cli import app
from claims.db import open_engine
from claims.store import save_article
from tests.conftest import EXAMPLE
from tests.test_queue import numbered

runner = CliRunner()


@pytest.mark.parametrize("name", ["backups/", "backups", "nested/backups/"])
def test_backup_into_a_folder_that_does_not_exist_makes_it(name: str, db_url: str, tmp_path: Path) -> None:
    save_article(open_engine(db_url), *numbered("story.txt", 3))
    target = tmp_path / name
    result = runner.invoke(app, ["backup", str(target) + ("/" if name.endswith("/") else ""), "--db", db_url])
    assert result.exit_code == 0, result.output
    assert target.is_dir()  # not a file named "backups"
    (made,) = target.iterdir()
    assert made.name.startswith("claims-") and made.suffix == ".db" and made.stat().st_size > 0


def test_extract_prints_one_line_per_error_and_nothing_after(tmp_path: Path) -> None:
    missing, other = tmp_path / "nope.txt", tmp_path / "gone.md"
    result = runner.invoke(app, ["extract", str(missing), str(other)])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"claims: error: {missing}: no such file",
        f"claims: error: {other}: no such file",
    ]
    assert "no claims found" not in result.stdout and result.stdout.strip() == ""


@pytest.mark.parametrize(
    ("name", "content", "named"),
    [
        ("data.json", '{"title": "Bridge", "claims": [1, 2, 3]}', "JSON data (.json)"),
        ("table.csv", "a,b\n1,2\n", "a table (CSV) (.csv)"),
        ("settings.yaml", "title: Bridge\nfigure: 13500\n", "a configuration file (.yaml)"),
        ("feed.xml", "<rss></rss>", "XML (for a feed, use claims ingest) (.xml)"),
    ],
)
def test_non_article_files_are_refused_by_type(name: str, content: str, named: str, tmp_path: Path) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    for command in (["extract", str(path)], ["check", str(path), "--db", f"sqlite:///{tmp_path / 'c.db'}"]):
        result = runner.invoke(app, command)
        assert result.exit_code == 2, result.output
        assert result.stderr.splitlines() == [
            f"claims: error: {path}: {named}, not an article; articles are .txt, .md or .html"
        ]
        assert "no claims found" not in result.stdout
    assert not (tmp_path / "c.db").exists()  # refused before anything was opened


def test_json_without_an_extension_is_refused_too(tmp_path: Path) -> None:
    path = tmp_path / "response"
    path.write_text(json.dumps([{"headline": "Bridge reopens", "body": "It carried 13,500 vehicles."}]))
    result = runner.invoke(app, ["extract", str(path)])
    assert result.exit_code == 2
    assert (
        result.stderr.strip()
        == f"claims: error: {path}: JSON data, not an article; articles are text, Markdown or HTML"
    )
    ok = runner.invoke(app, ["extract", str(EXAMPLE), "-f", "json"])  # a real article still reads
    assert ok.exit_code == 0 and json.loads(ok.stdout)


def test_queue_shows_the_total(db_url: str) -> None:
    engine = open_engine(db_url)
    save_article(engine, *numbered("a.txt", 7))
    save_article(engine, *numbered("b.txt", 5, first=100))
    result = runner.invoke(app, ["queue", "--limit", "3", "--db", db_url])
    assert result.exit_code == 0, result.output
    assert "showing 3 of 12 pending" in result.stdout
    everything = runner.invoke(app, ["queue", "--db", db_url])
    assert "12 pending claims" in everything.stdout and "showing" not in everything.stdout


def test_a_reader_that_stops_early_gets_no_error_line(tmp_path: Path) -> None:
    """`claims queue | head -1`: the command stops quietly when its reader closes the pipe."""
    import subprocess
    import sys

    db_url = f"sqlite:///{tmp_path / 'c.db'}"
    engine = open_engine(db_url)
    for k in range(8):
        save_article(engine, *numbered(f"{k}.txt", 250, first=1000 * k))
    engine.dispose()
    proc = subprocess.Popen(
        [sys.executable, "-c", "from claims.cli import main; main()", "queue", "-f", "jsonl", "--limit", "2000"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**__import__("os").environ, "CLAIMS_DATABASE_URL": db_url},
    )
    assert proc.stdout is not None and proc.stderr is not None
    assert proc.stdout.read(10)
    proc.stdout.close()  # the reader has what it wanted
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=60) in (0, 141)
    assert "error" not in err and "Traceback" not in err, err

"""The review commands start light: no Typer, extractor, Alembic or Prefect on their paths, and the same output.

``claims queue|next|verdict|history`` are parsed by :mod:`claims.cli.fast` and never build
the Typer group (its pydantic adapters were a fifth of a start). These tests assert on the
modules a real run imports, not on time (times are in bench/RESULTS.md), and that the light
parser and Typer print the same for the same arguments, Typer's usage errors included.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claims.cli import app
from claims.db import _head_from_files, open_engine
from claims.migrate import head_revision
from claims.store import save_article
from tests.test_queue import story

CLAIMS = str(Path(sys.executable).with_name("claims"))
PROBE = """
import io, json, sys, contextlib
from claims.cli import main
out = io.StringIO()
with contextlib.redirect_stdout(out):
    try:
        main(sys.argv[1:])
    except SystemExit as exc:
        assert not exc.code, exc.code
print(json.dumps(sorted(sys.modules)))
"""
#: Never imported by any of the four commands.
NEVER = (
    "typer",
    "click",
    "claims.cli.group",
    "alembic",
    "prefect",
    "spacy",
    "trafilatura",
    "httpx",
    "claims.extract.engine",
    "claims.extract.statement",
    "claims.checkworthy",
)
#: Not imported when nothing is rendered: JSON output, no page written.
NOT_FOR_DATA = ("rich", "jinja2", "claims.report")


def _imported(args: list[str], db_url: str, tmp_path: Path) -> set[str]:
    env = {**os.environ, "CLAIMS_REPORTS_DIR": str(tmp_path / "reports")}
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *args, "--db", db_url], capture_output=True, text=True, timeout=60, env=env
    )
    assert done.returncode == 0, done.stderr
    return set(json.loads(done.stdout.strip().splitlines()[-1]))


def _loaded(modules: set[str], prefixes: tuple[str, ...]) -> list[str]:
    return sorted(m for m in modules if m.split(".")[0] in prefixes or m in prefixes or m.startswith(prefixes))


def test_head_read_from_the_files_is_alembics_head() -> None:
    assert _head_from_files() == head_revision()


def test_the_review_commands_import_no_typer_extractor_alembic_or_prefect(db_url: str, tmp_path: Path) -> None:
    engine = open_engine(db_url)
    save_article(engine, *story("x.txt", ["Ridership rose 12 percent in 2025.", "The fare was 3 dollars."]))
    for args in (["queue", "-f", "json"], ["next", "-r", "ana", "-f", "json"], ["history", "1", "-f", "json"]):
        modules = _imported(args, db_url, tmp_path)
        assert _loaded(modules, NEVER) == [], args
        assert _loaded(modules, NOT_FOR_DATA) == [], args
        assert "claims.cli.fast" in modules and "sqlalchemy" in modules  # it did run, on the light path
    table = _imported(["queue"], db_url, tmp_path)
    assert _loaded(table, NEVER) == [] and "rich.table" in table
    verdict = _imported(["verdict", "1", "true", "-r", "ana"], db_url, tmp_path)
    assert _loaded(verdict, NEVER) == []
    assert "claims.report.write" in verdict and "claims.extract.claim" in verdict  # the pages, the kinds' order
    assert list((tmp_path / "reports").glob("00001-*.html"))


def _run(args: list[str], env: dict[str, str]) -> tuple[int, str, str]:
    done = subprocess.run([CLAIMS, *args], capture_output=True, text=True, timeout=60, env=env)
    return done.returncode, done.stdout, done.stderr


def _same(text: str) -> str:
    """Output with the ages and lease ends (which move while the test runs) blanked."""
    text = re.sub(r'("age_seconds": )\d+|│ +\d+[smhd] +│', r"\1N", text)
    return re.sub(r"\d{4}-\d\d-\d\d[ T]\d\d:\d\d(:\d\d[.\d+:]*)?", "TIME", text)


@pytest.mark.parametrize(
    "args",
    [
        ["queue"],
        ["queue", "-n", "1", "--format=json"],
        ["queue", "--limit=2", "-fjsonl"],
        ["history", "1"],
        ["history", "--format", "json", "1"],
        ["next", "--reviewer", "ana"],
        ["next", "-r", "ana", "-f", "json", "--minutes", "45"],
        ["verdict", "2", "false", "-r", "ana", "--note", "It was 4.", "--source", "https://a.example/1",
         "--source", "https://a.example/2", "-f", "json"],
        ["verdict", "3", "not-a-rating", "-r", "ana"],
        ["verdict", "99", "true", "-r", "ana"],
        ["verdict", "3", "true", "-r", "ana", "--source", "ftp://x"],
        ["history", "2", "-f", "jsonl"],
    ],
)  # fmt: skip
def test_the_light_parser_and_typer_do_the_same(args: list[str], tmp_path: Path) -> None:
    """Each command on two copies of one database: the installed command (light path) and Typer's."""
    outputs = []
    for path in ("fast", "typer"):
        url = f"sqlite:///{tmp_path / path}.db"
        engine = open_engine(url)
        save_article(
            engine, *story("x.txt", ["Ridership rose 12 percent.", "The fare was 3 dollars.", "It had 9 stops."])
        )
        env = {**os.environ, "CLAIMS_DATABASE_URL": url, "CLAIMS_REPORTS_DIR": str(tmp_path / path / "reports")}
        env.pop("CLAIMS_REVIEWER", None)
        if path == "fast":
            code, out, err = _run(args, env)
        else:
            result = CliRunner().invoke(app, args, env=env)
            code, out, err = result.exit_code, result.stdout, result.stderr
        outputs.append((code, _same(out.replace(str(tmp_path / path), "DIR")), err))
    assert outputs[0] == outputs[1]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["queue", "--limit", "0"], "Invalid value for '--limit' / '-n'"),
        (["queue", "--bogus"], "No such option: --bogus"),
        (["next"], "Missing option '--reviewer' / '-r'"),
        (["history", "one"], "Invalid value for 'CLAIM_ID'"),
        (["verdict", "1"], "Missing argument 'RATING'"),
        (["queue", "-f", "xml"], "Invalid value for '--format' / '-f'"),
    ],
)
def test_what_the_light_parser_does_not_take_gets_typers_usage_error(
    args: list[str], message: str, db_url: str
) -> None:
    env = {**os.environ, "CLAIMS_DATABASE_URL": db_url}
    env.pop("CLAIMS_REVIEWER", None)
    code, out, err = _run(args, env)
    assert code == 2 and message in err and "Traceback" not in err, err
    assert "Usage: claims" in err


def test_help_of_a_review_command_is_typers(db_url: str) -> None:
    code, out, _ = _run(["verdict", "--help"], {**os.environ, "CLAIMS_DATABASE_URL": db_url})
    assert code == 0 and "Record a verdict on CLAIM_ID" in out and "--claim-text" in out

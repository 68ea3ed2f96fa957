"""The ``claims`` command through Typer's runner and as a real subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claims.cli import app
from claims.errors import UnsupportedSource
from claims.sources import load_article
from tests.conftest import EXAMPLE, ROOT

runner = CliRunner()


def test_help_lists_commands() -> None:
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    assert "extract" in result.output and "check" in result.output


@pytest.mark.parametrize(
    ("command", "names"),
    [
        ("extract", ["SOURCE"]),
        ("check", ["SOURCE"]),
        ("batch", ["SOURCE"]),
        ("verdict", ["CLAIM_ID", "RATING"]),
        ("history", ["CLAIM_ID"]),
        ("backup", ["PATH"]),
        ("ingest", ["FEED"]),
    ],
)
def test_help_names_arguments_as_the_text_does(command: str, names: list[str]) -> None:
    """Each command's help names its arguments the way its description does ("each SOURCE")."""
    result = runner.invoke(app, [command, "--help"], terminal_width=100)
    assert result.exit_code == 0, result.output
    usage = result.output.splitlines()[0]
    for name in names:
        assert name in usage, usage
        assert f" {name}" in result.output.split("Arguments", 1)[1], result.output
    assert any(name in result.output.split("Arguments", 1)[0] for name in names), "the description names them"


def test_extract_jsonl_fields(seed_article: Path) -> None:
    result = runner.invoke(app, ["extract", "--format", "jsonl", str(seed_article)])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert rows
    text = seed_article.read_text(encoding="utf-8")
    for row in rows:
        assert row["source"] == str(seed_article)
        assert {
            "quote",
            "start",
            "end",
            "sentence",
            "text",
            "kind",
            "score",
            "reason",
            "values",
            "speaker",
        } <= set(row)
        assert text[row["start"] : row["end"]] == row["quote"]
    assert any("2:45 a.m." in row["quote"] and row["kind"] == "time" for row in rows)


def test_extract_many_sources_and_json(seed_article: Path) -> None:
    result = runner.invoke(app, ["extract", "-f", "json", str(seed_article), str(EXAMPLE)])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert {row["source"] for row in rows} == {str(seed_article), str(EXAMPLE)}


def test_extract_bad_source_is_one_line_and_batch_goes_on(tmp_path: Path) -> None:
    result = runner.invoke(app, ["extract", "-f", "jsonl", str(tmp_path / "nope.txt"), str(EXAMPLE)])
    assert result.exit_code == 2
    assert result.stderr.strip() == f"claims: error: {tmp_path / 'nope.txt'}: no such file"
    assert all(json.loads(line)["source"] == str(EXAMPLE) for line in result.stdout.splitlines())


def test_extract_runs_without_prefect() -> None:
    """The extract path never imports Prefect (its start-up time is measured in bench/, not here)."""
    code = (
        "import sys, time; t = time.perf_counter()\n"
        "from claims.cli import main\n"
        "sys.argv = ['claims', 'extract', '-f', 'jsonl', sys.argv[1]]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "assert 'prefect' not in sys.modules, 'prefect imported on the extract path'\n"
    )
    done = subprocess.run([sys.executable, "-c", code, str(EXAMPLE)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert [json.loads(line)["source"] for line in done.stdout.splitlines()][0] == str(EXAMPLE)


@pytest.mark.usefixtures("prefect_server")
def test_check_then_check_again(tmp_path: Path, seed_article: Path) -> None:
    db = f"sqlite:///{tmp_path / 'c.db'}"
    reports = tmp_path / "out"
    first = runner.invoke(app, ["check", "--db", db, "--reports", str(reports), "-f", "json", str(seed_article)])
    assert first.exit_code == 0, first.output
    row = json.loads(first.stdout)
    assert row["created"] is True and row["claims"] >= 5
    assert Path(row["report"]).exists()
    again = runner.invoke(app, ["check", "--db", db, "--reports", str(reports), str(seed_article)])
    assert again.exit_code == 0
    assert "already queued" in again.stdout
    assert "first visit in 24 years" in Path(row["report"]).read_text(encoding="utf-8")
    assert "Report:" in again.stdout


def test_check_missing_file_fails_before_prefect(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    result = runner.invoke(app, ["check", "--db", f"sqlite:///{db}", str(tmp_path / "missing.txt")])
    assert result.exit_code == 2
    assert result.stderr.strip() == f"claims: error: {tmp_path / 'missing.txt'}: no such file"
    assert not db.exists()


def test_env_vars_configure_db_and_reports(tmp_path: Path, monkeypatch) -> None:
    from claims.cli.options import settings

    monkeypatch.setenv("CLAIMS_DATABASE_URL", "sqlite:///x.db")
    monkeypatch.setenv("CLAIMS_REPORTS_DIR", str(tmp_path))
    conf = settings()
    assert conf.database_url == "sqlite:///x.db" and conf.reports_dir == tmp_path
    assert settings("sqlite:///y.db").database_url == "sqlite:///y.db"


def test_console_script_runs_without_traceback(tmp_path: Path) -> None:
    exe = Path(sys.executable).with_name("claims")
    done = subprocess.run(
        [str(exe), "extract", str(tmp_path)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ},
        timeout=60,
    )
    assert done.returncode == 2
    assert done.stderr.strip() == f"claims: error: {tmp_path}: is a directory, not an article file"


def test_review_commands_never_import_spacy(tmp_path: Path) -> None:
    """Commands that do not extract (queue, next, history ...) never load spaCy or its model."""
    db = f"sqlite:///{tmp_path / 'q.db'}"
    code = (
        "import sys\n"
        "from claims.cli import main\n"
        "for argv in (['queue', '--db', sys.argv[1]], ['next', '--db', sys.argv[1], '--reviewer', 'ann']):\n"
        "    sys.argv = ['claims', *argv]\n"
        "    try:\n        main()\n    except SystemExit:\n        pass\n"
        "assert 'spacy' not in sys.modules, 'spacy imported on a review path'\n"
        "assert 'claims.extract.parse' not in sys.modules or not __import__('claims.extract.parse').extract.parse.nlp.cache_info().currsize\n"
    )
    done = subprocess.run([sys.executable, "-c", code, db], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr


def test_extract_without_a_language_model_is_one_line(tmp_path: Path) -> None:
    env = {**os.environ, "CLAIMS_SPACY_MODEL": "no_such_model_pkg"}
    done = subprocess.run(
        [str(Path(sys.executable).with_name("claims")), "extract", str(EXAMPLE)],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert done.returncode != 0 and done.stdout == ""
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "pip install" in lines[0] and "Traceback" not in done.stderr


# ------------------------------------------------------- issue 15, item 7: one clean line each


def _one_line(result, exit_code: int, *needles: str) -> None:  # type: ignore[no-untyped-def]
    assert result.exit_code == exit_code, result.output
    assert result.stderr.startswith("claims: error: ") and result.stderr.count("\n") == 1, result.stderr
    assert "Traceback" not in result.output and "internal error" not in result.stderr
    for needle in needles:
        assert needle in result.stderr


def test_a_nul_byte_after_the_first_8_kib_is_refused(tmp_path: Path) -> None:
    story = tmp_path / "story.txt"
    story.write_bytes(EXAMPLE.read_bytes() + b"x" * 9000 + b"\x00 The rest 12 percent.\n")
    assert story.read_bytes().index(b"\x00") > 8192
    _one_line(runner.invoke(app, ["extract", str(story)]), 2, "story.txt: binary data, not an article")
    with pytest.raises(UnsupportedSource, match="binary data"):  # what the check-article flow calls
        load_article(str(story))
    utf16 = tmp_path / "utf16.txt"
    utf16.write_bytes(("Ridership rose 12 percent. " * 400 + "\x00 end.").encode("utf-16"))
    _one_line(runner.invoke(app, ["extract", str(utf16)]), 2, "binary data")


@pytest.mark.parametrize("url", ["http://0177.0.0.1/", "http://[::1/"])
def test_a_url_httpx_cannot_parse_names_the_source_in_one_line(url: str, db_url: str) -> None:
    _one_line(runner.invoke(app, ["extract", url]), 2, f"{url}: not a valid URL")
    # claims check refuses it before any Prefect run, so no task exception text
    _one_line(runner.invoke(app, ["check", url, "--db", db_url]), 2, f"{url}: not a valid URL")


def test_a_source_name_with_a_newline_gives_one_line(tmp_path: Path, db_url: str) -> None:
    name = str(tmp_path / "no\nsuch\r\x1b[2J.txt")
    for args in (["extract", name], ["check", name, "--db", db_url]):
        result = runner.invoke(app, args)
        assert result.exit_code == 2, result.output
        assert result.stderr.count("\n") == 1 and "\x1b" not in result.stderr and "\r" not in result.stderr
        assert "no such" in result.stderr


@pytest.mark.parametrize("claim_id", ["9223372036854775808", "99999999999999999999999", "0"])
def test_claim_ids_out_of_range_give_one_line(claim_id: str, db_url: str) -> None:
    for args in (
        ["history", claim_id],
        ["verdict", claim_id, "true", "--reviewer", "ana"],
        ["release", claim_id],
        ["reopen", claim_id],
    ):
        _one_line(runner.invoke(app, [*args, "--db", db_url]), 3, f"no claim with id {claim_id}")
    for args in (["report", "--article", claim_id], ["export", "--article", claim_id]):
        _one_line(runner.invoke(app, [*args, "--db", db_url]), 3, f"no article with id {claim_id}")

"""The review commands start light: no extractor, no Alembic, no Prefect on their paths."""

from __future__ import annotations

import json
import subprocess
import sys

from claims.db import _head_from_files, open_engine
from claims.migrate import head_revision
from claims.store import save_article
from tests.test_queue import story

PROBE = """
import io, json, sys, contextlib
sys.argv = ["claims", *sys.argv[1:]]
from claims.cli import main
out = io.StringIO()
with contextlib.redirect_stdout(out):
    try:
        main()
    except SystemExit as exc:
        assert not exc.code, exc.code
heavy = sorted({m.split(".")[0] + ("." + m.split(".")[1] if m.startswith("claims.") else "")
                for m in sys.modules if m.startswith(("claims.extract", "claims.checkworthy", "alembic", "prefect", "trafilatura", "spacy"))})
print(json.dumps(heavy))
"""


def test_head_read_from_the_files_is_alembics_head() -> None:
    assert _head_from_files() == head_revision()


def test_queue_next_and_history_import_no_extractor_alembic_or_prefect(db_url: str) -> None:
    engine = open_engine(db_url)
    save_article(engine, *story("x.txt", ["Ridership rose 12 percent in 2025."]))
    for args in (["queue"], ["next", "-r", "ana", "-f", "json"], ["history", "1"]):
        done = subprocess.run(
            [sys.executable, "-c", PROBE, *args, "--db", db_url], capture_output=True, text=True, timeout=60
        )
        assert done.returncode == 0, done.stderr
        assert json.loads(done.stdout.strip().splitlines()[-1]) == [], args

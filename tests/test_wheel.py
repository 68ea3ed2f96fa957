"""The built wheel carries the templates: install it in a fresh venv and render a report."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.slow

RENDER = """
import pathlib, sys
import claims, claims.report
from claims.db import open_engine
from claims.extract import extract_claims
from claims.report import write_reports
from claims.sources import load_article
from claims.store import save_article
assert "site-packages" in claims.__file__, claims.__file__
assert claims.report.templates_dir() == pathlib.Path(claims.__file__).parent / "templates"
article = load_article(sys.argv[1])
engine = open_engine("sqlite:///" + sys.argv[2] + "/w.db")
queued = save_article(engine, article, extract_claims(article.text))
path = write_reports(engine, pathlib.Path(sys.argv[2]) / "reports", [queued.article_id])
print(path)
"""


def test_wheel_ships_templates_and_renders(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    build = subprocess.run(
        [
            sys.executable,
            "-m",
            "build",
            "--wheel",
            "--no-isolation",
            "--outdir",
            str(dist),
            str(ROOT),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert build.returncode == 0, build.stderr[-2000:]
    wheel = next(dist.glob("claims-*.whl"))
    import zipfile

    names = zipfile.ZipFile(wheel).namelist()
    assert "claims/templates/article.html" in names and "claims/templates/index.html" in names
    assert "flows/check_article.py" in names
    assert "claims/migrations/script.py.mako" in names and "claims/migrations/versions/0001_first_schema.py" in names
    assert "claims/checkworthy/model.weights.gz" in names  # the check-worthiness weights

    # A fresh venv that borrows the dependencies already installed here (no network),
    # with only the wheel installed into it, by this environment's pip (--python): no pip of
    # its own to install first (ensurepip took a third of the test).
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    py = env_dir / "bin" / "python"
    site = subprocess.run(
        [str(py), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    Path(site, "borrowed-deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    install = subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(py), "install", "--no-deps", "--no-index", "--quiet", str(wheel)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert install.returncode == 0, install.stderr[-2000:]
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    done = subprocess.run(
        [
            str(py),
            "-c",
            RENDER,
            str(ROOT / "examples" / "harbour-bridge-reopens.txt"),
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    report = Path(done.stdout.strip())
    assert report.exists() and "Harbour Bridge" in report.read_text(encoding="utf-8")
    cli = subprocess.run([str(env_dir / "bin" / "claims"), "--help"], capture_output=True, text=True, timeout=60)
    assert cli.returncode == 0 and "extract" in cli.stdout

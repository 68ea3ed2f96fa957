"""Every bad input, end to end through the ``claims`` command, under a real Prefect server.

For each bad source ``claims check`` prints exactly one ``claims: error: <source>: ...``
line, exits non-zero and leaves the database and the reports folder exactly as
they were (row counts and file hashes compared before and after). Given together
with good sources, to ``claims check`` and to ``claims batch``, the bad ones are
each named once and the good ones still land. Feeds that are not XML or are cut
off go through ``claims ingest``.
"""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import io
import shutil
import sqlite3
import time
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claims.cli import app
from claims.db import make_engine
from tests.conftest import EXAMPLE
from tests.helpers import LoopbackServer, Route

pytestmark = pytest.mark.slow
runner = CliRunner()
TABLES = ("article", "claim", "article_revision", "verdict", "lease")
GOOD_HTML = (
    b"<html><head><title>Harbour bridge reopens after repair</title></head><body><article>"
    b"<p>The harbour bridge reopened on Monday after an 18-month repair that cost 42 million dollars, "
    b"the city council said in a statement on Sunday. Traffic fell by 12 percent during the works, "
    b"and the council expects 30,000 vehicles a day to use the bridge again by March.</p>"
    b"</article></body></html>"
)
NO_ARTICLE_HTML = (
    b"<!doctype html><html><head><title>Home</title></head><body><nav><a href='/'>Home</a> "
    b"<a href='/news'>News</a> <a href='/sport'>Sport</a></nav><footer>(c) 2024</footer></body></html>"
)
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + bytes(range(256)) * 4


def _zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("story.txt", "The council spent 42 million dollars on the bridge, officials said.")
    return buffer.getvalue()


def _random_high_bytes() -> bytes:
    import random

    rng = random.Random(3)
    return bytes(rng.randrange(128, 256) for _ in range(6000))


# ------------------------------------------------------------------ the server's bad answers


def _slow(handler: BaseHTTPRequestHandler) -> None:
    time.sleep(3)
    try:
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html")
        handler.end_headers()
        handler.wfile.write(GOOD_HTML)
    except OSError:
        pass


def _endless(handler: BaseHTTPRequestHandler) -> None:
    """200 MB of HTML without a Content-Length, until the client hangs up."""
    handler.send_response(200)
    handler.send_header("Content-Type", "text/html; charset=utf-8")
    handler.end_headers()
    chunk = b"<p>" + b"filler words " * 5000 + b"</p>\n"
    sent = 0
    try:
        while sent < 200 * 1024 * 1024:
            handler.wfile.write(chunk)
            sent += len(chunk)
    except OSError:
        pass


def _declared_huge(handler: BaseHTTPRequestHandler) -> None:
    handler.send_response(200)
    handler.send_header("Content-Type", "text/html")
    handler.send_header("Content-Length", str(200 * 1024 * 1024))
    handler.end_headers()
    with contextlib.suppress(OSError):
        handler.wfile.write(b"<html>")


@dataclass(frozen=True)
class Bad:
    """A bad source: how to make it, and words its one-line error must contain."""

    name: str
    make: Callable[[Path, LoopbackServer], str]
    expected: str
    env: tuple[tuple[str, str], ...] = ()


def _file(name: str, data: bytes) -> Callable[[Path, LoopbackServer], str]:
    def make(tmp: Path, _server: LoopbackServer) -> str:
        path = tmp / "in" / name
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(data)
        return str(path)

    return make


def _url(path: str, route: Route) -> Callable[[Path, LoopbackServer], str]:
    return lambda _tmp, server: server.add(path, route)


def _fifty_mb(tmp: Path, _server: LoopbackServer) -> str:
    path = tmp / "in" / "huge.txt"
    path.parent.mkdir(exist_ok=True)
    with open(path, "wb") as handle:  # sparse: 50 MB on paper, nothing on disk
        handle.truncate(50 * 1024 * 1024)
    return str(path)


def _directory(tmp: Path, _server: LoopbackServer) -> str:
    (tmp / "in" / "folder.txt").mkdir(parents=True, exist_ok=True)
    return str(tmp / "in" / "folder.txt")


BAD_FILES = [
    Bad("empty", _file("empty.txt", b""), "the article is empty"),
    Bad("whitespace", _file("blank.txt", b"  \n\t\r\n   \n"), "the article is empty"),
    Bad("png", _file("photo.png", PNG), "a PNG image"),
    Bad("png-as-txt", _file("photo.txt", PNG), "a PNG image"),
    Bad("jpeg-as-html", _file("photo.html", b"\xff\xd8\xff\xe0\x00\x10JFIF" + bytes(500)), "a JPEG image"),
    Bad("zip", _file("archive.zip", _zip()), "a ZIP archive"),
    Bad("gzip", _file("story.txt.gz", gzip.compress(b"The council spent 42 million dollars.")), "gzip data"),
    Bad("pdf", _file("story.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj"), "a PDF document"),
    Bad("nul-bytes", _file("story.txt", b"The council\x00spent\x00 42 million" * 20), "binary data"),
    Bad("not-text", _file("noise.txt", _random_high_bytes()), "not text in an encoding we can detect"),
    # UTF-16 with a byte-order mark is read; without one its NUL bytes make it binary data.
    Bad("utf-16-no-bom", _file("wide.txt", "The council spent 42 million dollars.".encode("utf-16-le")), "binary data"),
    Bad("html-without-article", _file("home.html", NO_ARTICLE_HTML), "no article text found"),
    Bad("fifty-megabytes", _fifty_mb, "over the 5,242,880-byte limit (CLAIMS_MAX_BYTES)"),
    Bad(
        "over-a-set-limit",
        _file("long.txt", EXAMPLE.read_bytes()),
        "over the 1,000-byte limit (CLAIMS_MAX_BYTES)",
        (("CLAIMS_MAX_BYTES", "1000"),),
    ),
    Bad("directory", _directory, "is a directory, not an article file"),
    Bad("missing", lambda tmp, _s: str(tmp / "in" / "nope.txt"), "no such file"),
    Bad("ftp-url", lambda _t, _s: "ftp://127.0.0.1/pub/story.txt", "only http and https"),
    Bad("file-url", lambda _t, _s: "file:///etc/passwd", "only http and https"),
]
BAD_URLS = [
    Bad("404", _url("/gone", Route(status=404, body=b"no")), "HTTP 404 Not Found"),
    Bad("500", _url("/broken", Route(status=500, body=b"oops")), "HTTP 500 Internal Server Error after 4 attempts"),
    Bad(
        "timeout", _url("/slow", Route(handler=_slow)), "timed out after 4 attempts", (("CLAIMS_FETCH_TIMEOUT", "0.3"),)
    ),
    Bad(
        "redirect-loop",
        lambda _t, s: s.add(
            "/loop-a",
            Route(
                status=302, headers={"Location": s.add("/loop-b", Route(status=302, headers={"Location": "/loop-a"}))}
            ),
        ),
        "too many redirects",
    ),
    Bad("200-megabytes", _url("/endless", Route(handler=_endless)), "body is over the 5,242,880-byte limit"),
    Bad("200-megabytes-declared", _url("/declared", Route(handler=_declared_huge)), "209,715,200 bytes is over the"),
    Bad(
        "pdf-type",
        _url("/paper", Route(body=b"%PDF-1.4", content_type="application/pdf")),
        "unexpected content type 'application/pdf'",
    ),
    Bad(
        "json-type",
        _url("/api", Route(body=b"{}", content_type="application/json")),
        "unexpected content type 'application/json'",
    ),
    Bad("no-type", _url("/untyped", Route(body=GOOD_HTML, content_type="")), "unexpected content type"),
    Bad("binary-as-html", _url("/image", Route(body=PNG, content_type="text/html")), "a PNG image"),
    Bad("page-without-article", _url("/home", Route(body=NO_ARTICLE_HTML)), "no article text found"),
]
ALL = BAD_FILES + BAD_URLS


# ------------------------------------------------------------------ helpers


def quiet_prefect_console(monkeypatch: pytest.MonkeyPatch) -> None:
    """Prefect's console at CRITICAL, as ``claims`` sets it outside tests (conftest chose WARNING).

    Prefect's console handler also keeps the stderr of the CliRunner call that made it;
    quiet, it cannot write to that closed stream in the middle of another command's output.
    """
    import logging

    for logger in [logging.getLogger(), *logging.Logger.manager.loggerDict.values()]:
        for handler in getattr(logger, "handlers", []):
            if "Console" in type(handler).__name__ and handler.level < logging.CRITICAL:
                monkeypatch.setattr(handler, "level", logging.CRITICAL)


@pytest.fixture(scope="module")
def checked_once(tmp_path_factory: pytest.TempPathFactory, prefect_server) -> Iterator[Path]:
    """A folder with the database and reports of one real ``claims check`` of the sample article.

    Checked once per module (each test used to check the same article again, about a second
    each); every test starts from its own copy (see ``workspace``).
    """
    folder = tmp_path_factory.mktemp("checked-once")
    url = f"sqlite:///{folder / 'claims.db'}"
    result = runner.invoke(app, ["check", str(EXAMPLE), "--db", url, "--reports", str(folder / "reports")])
    assert result.exit_code == 0, result.stderr
    yield folder
    make_engine(url).dispose()


@pytest.fixture
def workspace(checked_once: Path, tmp_path: Path, http_server, monkeypatch: pytest.MonkeyPatch) -> dict:
    """A database and reports folder already holding one checked article (a copy of ``checked_once``'s)."""
    db = tmp_path / "claims.db"
    reports = tmp_path / "reports"
    source, copy = sqlite3.connect(checked_once / "claims.db"), sqlite3.connect(db)
    try:
        source.backup(copy)  # a consistent copy, whatever is still in the write-ahead log
    finally:
        source.close()
        copy.close()
    shutil.copytree(checked_once / "reports", reports)
    quiet_prefect_console(monkeypatch)
    return {"db": db, "reports": reports, "tmp": tmp_path, "server": http_server}


def snapshot(db: Path, reports: Path) -> tuple[dict[str, int], dict[str, str]]:
    """Row counts and the hash of every report file."""
    with sqlite3.connect(db) as conn:
        counts = {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}  # noqa: S608
    files = {
        str(p.relative_to(reports)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in reports.rglob("*")
        if p.is_file()
    }
    return counts, files


def check(ws: dict, *sources: str, env: dict[str, str] | None = None, command: str = "check"):
    args = [command, *sources, "--db", f"sqlite:///{ws['db']}", "--reports", str(ws["reports"])]
    return runner.invoke(app, args, env=env or {})


def error_lines(stderr: str, source: str) -> list[str]:
    return [line for line in stderr.splitlines() if source in line]


# ------------------------------------------------------------------ one bad source at a time


@pytest.mark.parametrize("bad", ALL, ids=[b.name for b in ALL])
def test_each_bad_source_is_one_line_nonzero_and_writes_nothing(workspace: dict, bad: Bad) -> None:
    source = bad.make(workspace["tmp"], workspace["server"])
    before = snapshot(workspace["db"], workspace["reports"])
    result = check(workspace, source, env=dict(bad.env))
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"claims: error: {source}: "), lines[0]
    assert bad.expected in lines[0]
    assert "Traceback" not in result.output
    assert snapshot(workspace["db"], workspace["reports"]) == before


def test_empty_standard_input(workspace: dict) -> None:
    before = snapshot(workspace["db"], workspace["reports"])
    result = runner.invoke(
        app, ["check", "-", "--db", f"sqlite:///{workspace['db']}", "--reports", str(workspace["reports"])], input=""
    )
    assert result.exit_code == 2
    assert result.stderr.strip() == "claims: error: -: the article is empty"
    assert snapshot(workspace["db"], workspace["reports"]) == before


# ------------------------------------------------------------------ many sources at once


def _good_sources(ws: dict) -> list[str]:
    second = ws["tmp"] / "in" / "second.txt"
    second.parent.mkdir(exist_ok=True)
    second.write_text(
        "Council approves ferry timetable\n\nThe council approved a new ferry timetable on Tuesday, adding 14 "
        "sailings a day. The operator said 2,300 passengers used the route last year, up 8 percent.\n",
        encoding="utf-8",
    )
    return [str(second), ws["server"].add("/news/bridge", Route(body=GOOD_HTML))]


def test_check_goes_on_past_every_bad_source(workspace: dict) -> None:
    fast = [b for b in ALL if b.name not in ("timeout", "500", "over-a-set-limit")]  # timed alone above
    bad_sources = [b.make(workspace["tmp"], workspace["server"]) for b in fast]
    good = _good_sources(workspace)
    before, _ = snapshot(workspace["db"], workspace["reports"])
    result = check(workspace, good[0], *bad_sources, good[1])
    assert result.exit_code == 2
    for bad, source in zip(fast, bad_sources, strict=True):
        named = [line for line in result.stderr.splitlines() if line.startswith(f"claims: error: {source}: ")]
        assert len(named) == 1 and bad.expected in named[0], (bad.name, result.stderr)
    assert len(result.stderr.strip().splitlines()) == len(bad_sources)
    after, files = snapshot(workspace["db"], workspace["reports"])
    assert after["article"] == before["article"] + 2
    assert after["claim"] > before["claim"]
    assert sum(name[:5].isdigit() and name.endswith(".html") for name in files) == 3  # one page per article


def test_batch_lands_the_good_sources_and_counts_the_bad(workspace: dict) -> None:
    fast = [b for b in ALL if b.name not in ("timeout", "500", "over-a-set-limit", "ftp-url", "file-url")]
    bad_sources = [b.make(workspace["tmp"], workspace["server"]) for b in fast]
    good = _good_sources(workspace)
    before, _ = snapshot(workspace["db"], workspace["reports"])
    listing = workspace["tmp"] / "sources.txt"
    listing.write_text("\n".join([good[0], *bad_sources, good[1]]), encoding="utf-8")
    result = runner.invoke(
        app,
        [
            "batch",
            "--from-file",
            str(listing),
            "--chunk-size",
            "5",
            "--db",
            f"sqlite:///{workspace['db']}",
            "--reports",
            str(workspace["reports"]),
        ],
    )
    assert result.exit_code == 2, result.output
    assert result.stdout.startswith(f"{len(bad_sources) + 2} sources: 2 new articles,")
    assert f"{len(bad_sources)} failed" in result.stdout
    after, _ = snapshot(workspace["db"], workspace["reports"])
    assert after["article"] == before["article"] + 2


# ------------------------------------------------------------------ feeds


def _feed_env(ws: dict) -> list[str]:
    return ["--db", f"sqlite:///{ws['db']}", "--reports", str(ws["reports"])]


@pytest.mark.parametrize(
    ("name", "body", "ctype"),
    [
        ("not-xml", b"this is not a feed at all, just words", "text/plain"),
        ("json", b'{"items": [{"url": "http://example.org/a"}]}', "application/json"),
        ("html", NO_ARTICLE_HTML, "text/html"),
        ("binary", PNG, "application/rss+xml"),
        ("empty", b"", "application/rss+xml"),
    ],
)
def test_a_feed_that_is_not_a_feed_is_one_line_and_writes_no_article(
    workspace: dict, name: str, body: bytes, ctype: str
) -> None:
    url = workspace["server"].add(f"/feed-{name}.xml", Route(body=body, content_type=ctype))
    before, _ = snapshot(workspace["db"], workspace["reports"])
    result = runner.invoke(app, ["ingest", url, *_feed_env(workspace)])
    assert result.exit_code != 0
    named = [line for line in result.stderr.splitlines() if url in line]
    assert len(named) == 1 and named[0].startswith("claims: error: "), result.stderr
    assert "Traceback" not in result.output
    after, _ = snapshot(workspace["db"], workspace["reports"])
    assert after == before


def test_a_truncated_feed_keeps_only_the_whole_items(workspace: dict) -> None:
    server = workspace["server"]
    story = server.add("/news/bridge", Route(body=GOOD_HTML))
    feed = (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>City news</title>'
        f"<item><title>Bridge</title><link>{story}</link><guid>bridge</guid></item>"
        f"<item><title>Ferry</title><link>{server.url('/news/ferr')}"
    ).encode()
    url = server.add("/cut.xml", Route(body=feed, content_type="application/rss+xml"))
    before, _ = snapshot(workspace["db"], workspace["reports"])
    result = runner.invoke(app, ["ingest", url, "--format", "jsonl", *_feed_env(workspace)])
    assert "Traceback" not in result.output
    after, _ = snapshot(workspace["db"], workspace["reports"])
    assert after["article"] == before["article"] + 1  # the whole item landed, the cut one was never fetched
    assert server.hits.get("/news/ferr") is None


# --- settings ------------------------------------------------------------------------------------

_NUMBERS = {
    "CLAIMS_MAX_BYTES": "a whole number of 1 or more",
    "CLAIMS_MAX_CLAIMS": "a whole number of 1 or more",
    "CLAIMS_FEED_MAX_ITEMS": "a whole number of 1 or more",
    "CLAIMS_FETCH_TIMEOUT": "a number of seconds above 0",
    "CLAIMS_FETCH_DEADLINE": "a number of seconds above 0",
    "CLAIMS_FETCH_BACKOFF": "a number of seconds, 0 or more",
}


@pytest.mark.parametrize("name", sorted(_NUMBERS))
@pytest.mark.parametrize("value", ["ten", "-3", "nan"])
def test_a_bad_number_setting_is_one_line_and_exit_2(name: str, value: str, monkeypatch, tmp_path: Path) -> None:
    from claims.config import Settings
    from claims.errors import ConfigError

    monkeypatch.setenv(name, value)
    with pytest.raises(ConfigError) as err:
        Settings.from_env()
    assert str(err.value) == f"{name} must be {_NUMBERS[name]}, not {value!r}"


def test_a_bad_setting_stops_the_command_before_it_touches_the_database(monkeypatch, tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    db = tmp_path / "c.db"
    env = {**os.environ, "CLAIMS_DATABASE_URL": f"sqlite:///{db}", "CLAIMS_MAX_BYTES": "5MB"}
    done = subprocess.run(
        [str(Path(sys.executable).with_name("claims")), "check", "--reports", str(tmp_path / "r"), str(EXAMPLE)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2, done.stderr
    assert done.stderr.splitlines() == [
        "claims: error: CLAIMS_MAX_BYTES must be a whole number of 1 or more, not '5MB'"
    ]
    assert not db.exists() and not (tmp_path / "r").exists()
    # Unset or empty: the default.
    from claims.config import DEFAULT_MAX_BYTES, Settings

    monkeypatch.setenv("CLAIMS_MAX_BYTES", " ")
    assert Settings.from_env().max_bytes == DEFAULT_MAX_BYTES

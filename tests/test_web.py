"""The review desk as editors and attackers meet it: a real `claims web` process on loopback, driven by httpx.

One server per test module (on its own SQLite file and port); each test uses its own
accounts, so lockouts and leases of one test never reach another.
"""

from __future__ import annotations

import os
import re
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from sqlmodel import Session

from claims.db import open_engine
from claims.models import ClaimStatus
from claims.queue import lease_next
from claims.report.queue import queue_page
from claims.store import article_claims, save_article
from claims.users import add_user
from tests.helpers import free_port, start_desk, stop_process
from tests.test_queue import numbered, story
from tests.test_report import parse
from tests.test_report_safety import hostile_reports

CLAIMS = str(Path(sys.executable).parent / "claims")
PASSWORD = "a long enough password"
SECURITY_HEADERS = ("content-security-policy", "x-content-type-options", "referrer-policy")


@dataclass
class Desk:
    """The running desk: its URL, database and log."""

    base: str
    db_url: str
    db_path: Path
    log: Path
    hostile_article: int
    hostile_claims: list[int]

    def client(self) -> httpx.Client:
        return httpx.Client(base_url=self.base, follow_redirects=False, timeout=10)

    def count(self, sql: str, *args: object) -> int:
        with sqlite3.connect(self.db_path) as conn:
            return int(conn.execute(sql, args).fetchone()[0])


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Desk]:
    tmp = tmp_path_factory.mktemp("web")
    db_url = f"sqlite:///{tmp / 'claims.db'}"
    article_id, hostile = hostile_reports(db_url, tmp / "reports")
    engine = open_engine(db_url)
    for i in range(110):  # 111 articles: two pages of the index; 130+ pending claims: three of the queue
        save_article(engine, *numbered(f"story-{i}.txt", 1 + (i % 2), first=1000 + 10 * i))
    for name in ("ana", "bo", "cy", "dee", "eve", "fay", "gus", "hal", "ivy", "jo", "k1", "k2", "k3", "k4"):
        add_user(engine, name, PASSWORD)
    add_user(engine, "root", PASSWORD, admin=True)
    process, base, log = start_desk(tmp, db_url)
    try:
        yield Desk(base, db_url, tmp / "claims.db", log, article_id, hostile)
    finally:
        stop_process(process)


def token(html: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert found is not None, html[:500]
    return found.group(1)


def login(desk: Desk, name: str, password: str = PASSWORD, next_path: str = "") -> tuple[httpx.Client, httpx.Response]:
    client = desk.client()
    form = client.get("/login")
    response = client.post(
        "/login", data={"username": name, "password": password, "csrf_token": token(form.text), "next": next_path}
    )
    return client, response


def csrf_of(client: httpx.Client, path: str = "/queue.html") -> str:
    return token(client.get(path).text)


def test_pages_need_a_session_and_every_response_has_the_security_headers(desk: Desk) -> None:
    verdicts = desk.count("SELECT count(*) FROM verdict")
    client = desk.client()
    assert client.get("/").headers["location"] == "/queue.html"
    for path in ("/queue.html", "/index.html", "/digest.html", "/claims/1", f"/{desk.hostile_article:05d}-x.html"):
        response = client.get(path)
        assert response.status_code == 303, path
        assert response.headers["location"].startswith("/login"), path
    assert client.get("/queue.html?page=2").headers["location"] == "/login?next=/queue.html%3Fpage%3D2"
    for path in ("/next", "/claims/1/verdict", "/claims/1/release", "/claims/1/reopen", "/logout"):
        response = client.post(path, data={"rating": "false", "csrf_token": "x"})
        assert response.status_code == 401, path
    for response in (client.get("/login"), client.get("/nope/nope"), client.put("/login"), client.get("/queue.html")):
        for name in SECURITY_HEADERS:
            assert name in response.headers, (response.url, name)
        csp = response.headers["content-security-policy"]
        assert "frame-ancestors 'none'" in csp and "unsafe-inline" not in csp and "default-src 'none'" in csp
        assert response.headers["x-content-type-options"] == "nosniff"
    assert desk.count("SELECT count(*) FROM verdict") == verdicts


def test_login_sets_a_safe_cookie_and_logout_ends_the_session(desk: Desk) -> None:
    client, response = login(desk, "ana")
    assert response.status_code == 303 and response.headers["location"] == "/queue.html"
    cookie = response.headers["set-cookie"]
    assert "claims_session=" in cookie and "HttpOnly" in cookie and "samesite=lax" in cookie.lower()
    assert "Secure" not in cookie  # plain HTTP on loopback; behind an HTTPS proxy it is Secure (below)
    assert PASSWORD not in cookie
    page = client.get("/queue.html")
    assert page.status_code == 200 and "Review next" in page.text and "ana" in page.text
    stolen = client.cookies.get("claims_session")
    response = client.post("/logout", data={"csrf_token": token(page.text)})
    assert response.status_code == 303 and response.headers["location"] == "/login"
    assert client.get("/queue.html").status_code == 303
    # the cookie copied before logging out opens nothing now
    replay = desk.client()
    replay.cookies.set("claims_session", stolen)  # type: ignore[arg-type]
    assert replay.get("/queue.html").status_code == 303
    # a forged cookie neither
    forged = desk.client()
    forged.cookies.set("claims_session", "x" * 43 + ".forged")
    assert forged.get("/queue.html").status_code == 303


def test_bad_password_then_lockout_after_five_failures(desk: Desk) -> None:
    secret_try = "wrong-password-never-logged"
    for _ in range(5):
        _, response = login(desk, "bo", secret_try, next_path="/index.html")
        assert response.status_code == 401 and "Wrong user name or password" in response.text
        assert 'name="next" value="/index.html"' in response.text  # kept for the next try
        assert "claims_session" not in response.headers.get("set-cookie", "")
    _, response = login(desk, "bo", PASSWORD)  # even the right password waits now
    assert response.status_code == 429 and int(response.headers["retry-after"]) > 0
    assert "Too many failed logins" in response.text
    _, other = login(desk, "cy")  # another account is not locked out
    assert other.status_code == 303
    _, unknown = login(desk, "nobody-here", secret_try)
    assert unknown.status_code == 401
    time.sleep(0.3)
    log = desk.log.read_text()
    assert "failed login for 'bo'" in log and "refused a login for 'bo'" in log
    assert secret_try not in log and PASSWORD not in log


def test_behind_an_https_proxy_on_this_host_the_cookies_are_secure(desk: Desk) -> None:
    client = desk.client()
    form = client.get("/login", headers={"x-forwarded-proto": "https"})
    assert "Secure" in form.headers["set-cookie"]
    response = client.post(
        "/login",
        data={"username": "cy", "password": PASSWORD, "csrf_token": token(form.text)},
        headers={"x-forwarded-proto": "https", "cookie": form.headers["set-cookie"].split(";")[0]},
    )
    assert response.status_code == 303 and "Secure" in response.headers["set-cookie"]


def test_session_expires_after_twelve_idle_hours(desk: Desk) -> None:
    client, _ = login(desk, "dee")
    assert client.get("/queue.html").status_code == 200
    with sqlite3.connect(desk.db_path) as conn:
        conn.execute(
            "UPDATE web_session SET seen_at = datetime('now', '-12 hours', '-1 minute') "
            "WHERE user_id = (SELECT id FROM web_user WHERE name = 'dee')"
        )
    response = client.get("/queue.html")
    assert response.status_code == 303 and response.headers["location"].startswith("/login")
    assert desk.count("SELECT count(*) FROM web_session JOIN web_user ON web_user.id = user_id WHERE name = 'dee'") == 0
    # eleven idle hours are fine
    client, _ = login(desk, "dee")
    with sqlite3.connect(desk.db_path) as conn:
        conn.execute(
            "UPDATE web_session SET seen_at = datetime('now', '-11 hours') "
            "WHERE user_id = (SELECT id FROM web_user WHERE name = 'dee')"
        )
    assert client.get("/queue.html").status_code == 200


def test_posts_without_the_right_csrf_token_get_403_and_write_nothing(desk: Desk) -> None:
    client, _ = login(desk, "eve")
    right = csrf_of(client)
    other_session, _ = login(desk, "fay")
    theirs = csrf_of(other_session)
    claim_id = desk.hostile_claims[2]
    before = [desk.count(f"SELECT count(*) FROM {t}") for t in ("verdict", "lease", "web_session")]
    for data in (
        {},
        {"csrf_token": ""},
        {"csrf_token": right[:-1] + ("B" if right.endswith("A") else "A")},
        {"csrf_token": theirs},
    ):
        for path in ("/next", f"/claims/{claim_id}/verdict", f"/claims/{claim_id}/release", "/logout"):
            response = client.post(path, data={**data, "rating": "false", "note": "n"})
            assert response.status_code == 403, (path, data)
    # the login form too: no token, or the token of another browser's form
    fresh = desk.client()
    fresh.get("/login")
    response = fresh.post("/login", data={"username": "eve", "password": PASSWORD})
    assert response.status_code == 403
    stranger = desk.client()
    response = stranger.post(
        "/login", data={"username": "eve", "password": PASSWORD, "csrf_token": token(fresh.get("/login").text)}
    )
    assert response.status_code == 403
    after = [desk.count(f"SELECT count(*) FROM {t}") for t in ("verdict", "lease", "web_session")]
    assert after == before
    assert client.get("/queue.html").status_code == 200  # still logged in


def test_review_next_and_verdict_recorded_as_the_session_user(desk: Desk) -> None:
    client, _ = login(desk, "gus")
    engine = open_engine(desk.db_url)
    with Session(engine) as session:
        top = queue_page(session, per_page=1).rows[0].claim_id
    response = client.post("/next", data={"csrf_token": csrf_of(client)})
    assert response.status_code == 303 and response.headers["location"] == f"/claims/{top}"
    page = client.get(f"/claims/{top}")
    assert page.status_code == 200 and "Leased to you" in page.text and f'id="mark-{top}"' in page.text
    response = client.post(
        f"/claims/{top}/verdict",
        data={
            "csrf_token": token(page.text),
            "rating": "false",
            "note": "It was 12, not 13.",
            "source": ["https://stats.example.org/a", "", "https://stats.example.org/b"],
            "reviewer": "somebody-else",
        },
    )
    assert response.status_code == 303
    following = response.headers["location"]
    assert following.startswith("/claims/") and following.endswith(f"?recorded={top}")
    with sqlite3.connect(desk.db_path) as conn:
        row = conn.execute(
            "SELECT reviewer, rating, explanation, sources FROM verdict WHERE claim_id = ?", (top,)
        ).fetchall()
        held = conn.execute("SELECT claim_id FROM lease WHERE reviewer = 'gus'").fetchall()
    assert row == [
        ("gus", "false", "It was 12, not 13.", '["https://stats.example.org/a", "https://stats.example.org/b"]')
    ]
    assert held == [(int(following.split("/")[2].split("?")[0]),)]  # the next claim, leased to gus
    page = client.get(following)
    assert f"Verdict on claim {top} recorded" in page.text
    # the verdict shows in the claim's history and on its article page
    history = client.get(f"/claims/{top}").text
    assert "It was 12, not 13." in history and "by gus" in history
    article = re.search(r'<dt>Article</dt><dd><a href="([^"#]+)', history)
    assert article is not None
    assert "It was 12, not 13." in client.get(article.group(1)).text
    # a bad rating or source: 400, the form comes back filled in, nothing written
    claim_id = held[0][0]
    count = desk.count("SELECT count(*) FROM verdict")
    response = client.post(
        f"/claims/{claim_id}/verdict",
        data={"csrf_token": token(page.text), "rating": "false", "note": "kept", "source": "javascript:alert(1)"},
    )
    assert response.status_code == 400 and "not an http(s) URL" in response.text and ">kept</textarea>" in response.text
    response = client.post(f"/claims/{claim_id}/verdict", data={"csrf_token": token(page.text), "rating": "bogus"})
    assert response.status_code == 400 and "unknown rating" in response.text
    assert desk.count("SELECT count(*) FROM verdict") == count
    # release puts it back
    response = client.post(f"/claims/{claim_id}/release", data={"csrf_token": token(page.text)})
    assert response.status_code == 303 and desk.count("SELECT count(*) FROM lease WHERE reviewer = 'gus'") == 0


def test_a_claim_leased_to_another_editor_cannot_be_decided_and_only_admins_reopen(desk: Desk) -> None:
    engine = open_engine(desk.db_url)
    held = lease_next(engine, "hal")
    assert held is not None
    claim_id = held.claim.id
    client, _ = login(desk, "ivy")
    page = client.get(f"/claims/{claim_id}")
    assert page.status_code == 200 and "hal is reviewing this claim" in page.text
    assert f'action="/claims/{claim_id}/verdict"' not in page.text
    count = desk.count("SELECT count(*) FROM verdict")
    csrf = token(page.text)
    response = client.post(f"/claims/{claim_id}/verdict", data={"csrf_token": csrf, "rating": "true"})
    assert response.status_code == 409 and "leased to hal" in response.text
    response = client.post(f"/claims/{claim_id}/release", data={"csrf_token": csrf})
    assert response.status_code == 409
    assert desk.count("SELECT count(*) FROM verdict") == count
    assert desk.count("SELECT count(*) FROM lease WHERE claim_id = ? AND reviewer = 'hal'", claim_id) == 1
    # reopen: an editor may not, an admin may
    reviewed = desk.hostile_claims[0]
    response = client.post(f"/claims/{reviewed}/reopen", data={"csrf_token": csrf})
    assert response.status_code == 403
    admin, _ = login(desk, "root")
    response = admin.post(f"/claims/{reviewed}/reopen", data={"csrf_token": csrf_of(admin)})
    assert response.status_code == 303
    assert desk.count("SELECT count(*) FROM claim WHERE id = ? AND status = ?", reviewed, ClaimStatus.PENDING) == 1
    assert desk.count("SELECT count(*) FROM verdict WHERE claim_id = ?", reviewed) == 1  # its history stays
    assert client.get("/no-such-page").status_code == 404
    assert client.get("/claims/99999999").status_code == 404


def test_four_editors_at_once_never_share_a_claim_and_every_verdict_is_theirs(desk: Desk) -> None:
    from concurrent.futures import ThreadPoolExecutor

    def work(name: str) -> list[int]:
        client, _ = login(desk, name)
        csrf = csrf_of(client)
        where = client.post("/next", data={"csrf_token": csrf}).headers["location"]
        decided = []
        for _ in range(10):
            claim_id = int(where.split("/")[2].split("?")[0])
            response = client.post(f"/claims/{claim_id}/verdict", data={"csrf_token": csrf, "rating": "mixed"})
            assert response.status_code == 303, response.text[:200]
            decided.append(claim_id)
            where = response.headers["location"]
        return decided

    names = ["k1", "k2", "k3", "k4"]
    with ThreadPoolExecutor(4) as pool:
        results = dict(zip(names, pool.map(work, names), strict=True))
    everything = [c for ids in results.values() for c in ids]
    assert len(everything) == len(set(everything)) == 40
    with sqlite3.connect(desk.db_path) as conn:
        rows = conn.execute(
            "SELECT claim_id, reviewer FROM verdict WHERE reviewer IN ('k1', 'k2', 'k3', 'k4')"
        ).fetchall()
    assert sorted(rows) == sorted((c, name) for name, ids in results.items() for c in ids)


@pytest.mark.parametrize(
    ("next_path", "goes_to"),
    [
        ("/index.html?page=2", "/index.html?page=2"),
        ("https://evil.example/", "/queue.html"),
        ("//evil.example/x", "/queue.html"),
        ("/\\evil.example", "/queue.html"),
        ("javascript:alert(1)", "/queue.html"),
        ("/ok\r\nSet-Cookie: x=y", "/queue.html"),
    ],
)
def test_next_goes_only_to_local_paths(desk: Desk, next_path: str, goes_to: str) -> None:
    _, response = login(desk, "jo", next_path=next_path)
    assert response.status_code == 303 and response.headers["location"] == goes_to


def test_hostile_article_is_inert_at_the_desk(desk: Desk) -> None:
    client, _ = login(desk, "cy")
    pages = [f"/claims/{c}" for c in desk.hostile_claims] + ["/queue.html", "/index.html", "/digest.html"]
    article = client.get(f"/{desk.hostile_article:05d}-any-slug.html").headers["location"]
    assert re.fullmatch(rf"/{desk.hostile_article:05d}-[a-z0-9-]+\.html", article)
    for path in [*pages, article]:
        response = client.get(path)
        assert response.status_code == 200, path
        tree = parse(response.text)
        assert tree.errors == [] and tree.stack == [], path
        scripts = [attrs for tag, attrs in tree.tags if tag == "script"]
        assert all(a in ({}, {"type": "application/ld+json"}) for a in scripts), path
        for tag, attrs in tree.tags:
            assert tag not in ("img", "svg", "iframe", "object", "embed", "base"), (path, tag)
            for name, value in attrs.items():
                assert not name.startswith("on"), (path, tag, name)
                if name in ("href", "src", "action"):
                    assert value and (value.startswith(("/", "#", "https://")) or value == ""), (path, name, value)
        assert "javascript:" not in " ".join(v or "" for _, a in tree.tags for v in a.values() if v)
    text = "".join(parse(client.get(f"/claims/{desk.hostile_claims[0]}").text).text)
    assert '<script>alert("text")</script>' in text


def test_index_and_queue_are_paginated(desk: Desk) -> None:
    client, _ = login(desk, "fay")
    first = client.get("/queue.html")
    second = client.get("/queue.html?page=2")
    ranks = lambda html: [int(r) for r in re.findall(r'<th scope="row" class="num">(\d+)</th>', html)]  # noqa: E731
    assert ranks(first.text) == list(range(1, 51)) and ranks(second.text)[0] == 51
    assert 'href="/queue.html?page=2" rel="next"' in first.text and 'rel="prev"' in second.text
    pending = desk.count("SELECT count(*) FROM claim WHERE status = 'pending'")
    assert f"{pending} claims wait" in first.text
    last = client.get("/queue.html?page=999")  # past the end: the last page
    assert last.status_code == 200 and f"Page {-(-pending // 50)} of {-(-pending // 50)}" in last.text
    index = client.get("/index.html")
    rows = re.findall(r'<tr><td><a href="/\d{5}-', index.text)
    assert len(rows) == 100 and "Page 1 of 2" in index.text and "111 articles" in index.text
    assert len(re.findall(r'<tr><td><a href="/\d{5}-', client.get("/index.html?page=2").text)) == 11
    for bad in ("0", "-1", "x", "1e3", ""):
        assert client.get(f"/queue.html?page={bad}").status_code == 400, bad


@pytest.mark.slow
def test_base_path_and_https_only_cookie_and_the_secret_file(tmp_path: Path) -> None:
    db_url = f"sqlite:///{tmp_path / 'desk.db'}"
    add_user(open_engine(db_url), "ana", PASSWORD)
    process, base, _ = start_desk(tmp_path, db_url, "--base-path", "/review/", "--https-only")
    try:
        client = httpx.Client(base_url=base, timeout=10)
        assert client.get("/queue.html").headers["location"] == "/review/login?next=/review/queue.html"
        form = client.get("/login")
        assert 'action="/review/login"' in form.text
        login_cookie = form.headers["set-cookie"]
        assert "Secure" in login_cookie and "Path=/review/" in login_cookie
        # Secure cookies travel only over HTTPS (here the reverse proxy's side): send it by hand
        response = client.post(
            "/login",
            data={"username": "ana", "password": PASSWORD, "csrf_token": token(form.text)},
            headers={"cookie": login_cookie.split(";")[0]},
        )
        assert response.headers["location"] == "/review/queue.html"
        cookie = response.headers["set-cookie"]
        assert "Secure" in cookie and "Path=/review/" in cookie
        assert "strict-transport-security" in response.headers
    finally:
        stop_process(process)
    secret = tmp_path / "desk.db-web-secret"
    assert secret.stat().st_mode & 0o777 == 0o600 and len(secret.read_text().strip()) >= 32
    made = secret.read_text()
    process, _, _ = start_desk(tmp_path, db_url)  # made once: the second start reads it
    stop_process(process)
    assert secret.read_text() == made


def test_base_paths() -> None:
    from claims.errors import ConfigError
    from claims.web import check_base_path

    assert [check_base_path(p) for p in ("", "/", "/review", "/review/", "/a/b.c_d~e-f")] == [
        "",
        "",
        "/review",
        "/review",
        "/a/b.c_d~e-f",
    ]
    for bad in ("review", "/a b", "//evil.example", "/a?b", "/a/../b%2f", "/a\\b"):
        with pytest.raises(ConfigError, match="--base-path must be a path like /review"):
            check_base_path(bad)


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--base-path", "review"], "--base-path must be a path like /review"),
        (["--host", "256.1.1.1"], "cannot listen on 256.1.1.1"),
    ],
)
def test_web_bad_options_give_one_line(tmp_path: Path, args: list[str], expected: str) -> None:
    result = subprocess.run(
        [CLAIMS, "web", "--db", f"sqlite:///{tmp_path / 'x.db'}", "--port", str(free_port()), *args],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode != 0 and result.stdout == ""
    assert result.stderr.startswith("claims: error: ") and expected in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


@pytest.mark.slow
def test_web_refuses_a_secret_file_others_can_read_and_a_port_in_use(tmp_path: Path) -> None:
    import socket

    db_url = f"sqlite:///{tmp_path / 'x.db'}"
    secret = tmp_path / "x.db-web-secret"
    secret.write_text("s" * 64)
    secret.chmod(0o644)
    result = subprocess.run(
        [CLAIMS, "web", "--db", db_url, "--port", str(free_port())], capture_output=True, text=True, timeout=30
    )
    assert result.returncode == 2 and "is readable by others" in result.stderr and len(result.stderr.splitlines()) == 1
    secret.chmod(0o600)
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = subprocess.run(
            [CLAIMS, "web", "--db", db_url, "--port", str(port)], capture_output=True, text=True, timeout=30
        )
    assert result.returncode == 2 and f"cannot listen on 127.0.0.1:{port}" in result.stderr


@pytest.mark.postgres
@pytest.mark.slow
def test_the_desk_on_postgresql_needs_a_shared_secret_and_records_verdicts(pg_url: str, tmp_path: Path) -> None:
    engine = open_engine(pg_url)
    # The session's PostgreSQL database is shared with other tests: a text, an account and
    # scores (the lowest, so no other test's `next` takes these claims) of this test's own.
    sentences = [f"The desk test counted {9_876_000 + i} ballots." for i in range(3)]
    mine = save_article(engine, *story("pg-desk-story.txt", sentences, scores=[0.001] * 3)).article_id
    with Session(engine) as session:
        claim_id = min(c.id for c in article_claims(session, mine))  # type: ignore[type-var]
    add_user(engine, "pg-desk-ana", PASSWORD)
    result = subprocess.run(
        [CLAIMS, "web", "--db", pg_url, "--port", str(free_port())],
        capture_output=True,
        text=True,
        timeout=30,
        env={k: v for k, v in os.environ.items() if k != "CLAIMS_WEB_SECRET"},
    )
    assert result.returncode == 2 and "set CLAIMS_WEB_SECRET" in result.stderr
    process, base, _ = start_desk(tmp_path, pg_url, env={"CLAIMS_WEB_SECRET": "s" * 40})
    try:
        client = httpx.Client(base_url=base, timeout=10)
        form = client.get("/login")
        client.post("/login", data={"username": "pg-desk-ana", "password": PASSWORD, "csrf_token": token(form.text)})
        assert client.post("/next", data={"csrf_token": csrf_of(client)}).status_code == 303
        page = client.get(f"/claims/{claim_id}")
        assert "ballots" in page.text
        response = client.post(
            f"/claims/{claim_id}/verdict", data={"csrf_token": token(page.text), "rating": "true", "reviewer": "x"}
        )
        assert response.status_code == 303
    finally:
        stop_process(process)
    with engine.connect() as conn:
        rows = conn.exec_driver_sql(
            "SELECT verdict.claim_id, verdict.reviewer FROM verdict JOIN claim ON claim.id = verdict.claim_id "
            "WHERE claim.article_id = %(mine)s",
            {"mine": mine},
        ).fetchall()
    assert [tuple(r) for r in rows] == [(claim_id, "pg-desk-ana")]

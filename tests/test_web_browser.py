"""The review desk in headless Chromium: an editor's round trip, and two editors who never share a claim.

A real `claims web` process on loopback (see tests/test_web.py) and Debian's chromium
driven by Playwright (see tests/test_report_browser.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from claims.db import open_engine
from claims.extract import extract_claims
from claims.sources import load_article
from claims.store import save_article
from claims.users import add_user
from tests.conftest import EXAMPLE
from tests.helpers import start_desk, stop_process
from tests.test_report_browser import CONTRAST_JS, contrast
from tests.test_web import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def desk_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    """The sample article checked for real, three editors, and the desk serving them."""
    tmp = tmp_path_factory.mktemp("web-browser")
    db_url = f"sqlite:///{tmp / 'claims.db'}"
    engine = open_engine(db_url)
    article = load_article(str(EXAMPLE))
    save_article(engine, article, extract_claims(article.text, published=article.published))
    for name in ("ana", "bo", "cy"):
        add_user(engine, name, PASSWORD)
    process, base, _ = start_desk(tmp, db_url)
    try:
        yield base, db_url
    finally:
        stop_process(process)


def open_desk(browser, base: str):  # type: ignore[no-untyped-def]
    """A fresh browser context (its own cookies) and page; problems collects console errors and foreign requests."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    problems: list[str] = []
    page.on(
        "console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type in ("error", "warning") else None
    )
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on("dialog", lambda d: (problems.append(f"dialog: {d.message}"), d.dismiss()))
    page.on("request", lambda r: problems.append(f"request: {r.url}") if not r.url.startswith(base) else None)
    return context, page, problems


def log_in(page, base: str, name: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(base + "/queue.html")
    assert page.url.startswith(base + "/login?next=")
    check_contrast(page)
    page.fill("#username", name)
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(base + "/queue.html")


def claim_id_of(page) -> int:  # type: ignore[no-untyped-def]
    found = re.search(r"/claims/(\d+)", page.url)
    assert found is not None, page.url
    return int(found.group(1))


def check_contrast(page) -> None:  # type: ignore[no-untyped-def]
    failures = []
    for where, fg, bg, size, weight in page.evaluate(CONTRAST_JS):
        large = size >= 24 or (size >= 18.66 and weight >= 700)
        ratio = contrast(fg, bg)
        if ratio < (3.0 if large else 4.5):
            failures.append((page.url, where, round(ratio, 2)))
    assert failures == []


def test_editor_logs_in_takes_the_next_claim_records_a_verdict_and_sees_it_on_the_article(browser, desk_url) -> None:  # type: ignore[no-untyped-def]
    base, _ = desk_url
    context, page, problems = open_desk(browser, base)
    log_in(page, base, "ana")
    check_contrast(page)
    page.click("text=Review next")
    page.wait_for_url(re.compile(r".*/claims/\d+$"))
    first = claim_id_of(page)
    assert page.locator("h1").count() == 1 and page.locator(f"#mark-{first}").count() == 1
    for field in ("#rating", "#note", "#source-1"):  # every field has its label
        assert page.locator(f"label[for={field[1:]}]").count() == 1
    check_contrast(page)
    page.select_option("#rating", "misleading")
    page.fill("#note", "The figure was 1,100 tonnes, per the city's own statement.")
    page.fill("#source-1", "https://city.example.org/statement")
    page.click("text=Record verdict and take the next claim")
    page.wait_for_url(re.compile(rf".*/claims/\d+\?recorded={first}$"))
    assert claim_id_of(page) != first
    assert f"Verdict on claim {first} recorded" in page.locator("[role=status]").first.inner_text()
    page.goto(f"{base}/claims/{first}")
    page.click("dt:has-text('Article') + dd a")
    row = page.locator(f"#claim-{first}")
    assert "misleading" in row.inner_text() and "1,100 tonnes" in row.inner_text()
    assert "by ana" in row.inner_text()
    assert row.locator("a[href='https://city.example.org/statement']").count() == 1
    check_contrast(page)
    page.click("text=Log out")
    page.wait_for_url(re.compile(r".*/login$"))
    assert problems == []
    context.close()


def test_two_editors_in_two_browsers_never_get_the_same_claim(browser, desk_url) -> None:  # type: ignore[no-untyped-def]
    base, db_url = desk_url
    editors = []
    for name in ("bo", "cy"):
        context, page, problems = open_desk(browser, base)
        log_in(page, base, name)
        page.click("text=Review next")
        page.wait_for_url(re.compile(r".*/claims/\d+$"))
        editors.append((name, context, page, problems))
    seen: dict[str, list[int]] = {"bo": [], "cy": []}
    for _ in range(3):
        current = {name: claim_id_of(page) for name, _, page, _ in editors}
        assert current["bo"] != current["cy"]
        for name, _, page, _ in editors:
            # the other editor's claim shows who holds it, with no form
            holder = "cy" if name == "bo" else "bo"
            page.goto(f"{base}/claims/{current[holder]}")
            assert page.locator("#rating").count() == 0
            assert f"{holder} is reviewing this claim" in page.locator("main").inner_text()
        for name, _, page, _ in editors:
            seen[name].append(current[name])
            page.goto(f"{base}/claims/{current[name]}")
            page.select_option("#rating", "true")
            page.click("text=Record verdict and take the next claim")
            page.wait_for_url(re.compile(r".*/claims/\d+\?recorded=\d+$"))
    taken = seen["bo"] + seen["cy"]
    assert len(set(taken)) == len(taken) == 6
    import sqlite3

    with sqlite3.connect(Path(db_url.removeprefix("sqlite:///"))) as conn:
        by = dict(conn.execute("SELECT claim_id, reviewer FROM verdict").fetchall())
    assert all(by[c] == "bo" for c in seen["bo"]) and all(by[c] == "cy" for c in seen["cy"])
    for _, context, _, problems in editors:
        assert problems == []
        context.close()

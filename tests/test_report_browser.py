"""The reports as an editor sees them: headless Chromium opens them from file://.

Debian's ``chromium`` is driven by Playwright with ``executable_path`` (nothing is
downloaded). One browser serves the whole module. Without /usr/bin/chromium these
tests skip, except under CI=true where they fail. A screenshot of the sample report
is saved in ``test-output/`` (git-ignored) for a person to look at.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from sqlmodel import Session, select

from claims.db import open_engine
from claims.extract import extract_claims
from claims.models import StoredClaim
from claims.report import build_reports
from claims.sources import load_article
from claims.store import save_article
from tests.conftest import EXAMPLE, ROOT
from tests.test_report import add_verdict, set_status
from tests.test_report_safety import hostile_reports

pytestmark = [pytest.mark.browser, pytest.mark.slow]

OUTPUT = ROOT / "test-output"


def wait_until(page, expression: str, timeout: float = 10.0) -> None:  # type: ignore[no-untyped-def]
    """Poll ``expression`` from Python until it is true.

    Playwright's ``wait_for_function`` compiles its predicate with ``eval`` in the page
    whenever it has to poll, which our Content-Security-Policy (rightly) forbids.
    """
    deadline = time.monotonic() + timeout
    while not page.evaluate(expression):
        assert time.monotonic() < deadline, f"timed out waiting for {expression}"
        time.sleep(0.05)


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[StoredClaim]]:
    """The sample article checked for real, some claims reviewed: its report and its claims."""
    folder = tmp_path_factory.mktemp("browser")
    engine = open_engine(f"sqlite:///{folder / 'claims.db'}")
    article = load_article(str(EXAMPLE))
    queued = save_article(engine, article, extract_claims(article.text, published=article.published))
    with Session(engine) as session:
        claims = list(session.exec(select(StoredClaim).order_by(StoredClaim.start, StoredClaim.id)))
    ratings = ["true", "false", "mixed", "mostly-true", "misleading", "unverifiable"]
    for claim, rating in zip(claims[::2], ratings, strict=False):
        add_verdict(engine, claim.id, rating, explanation=f"Checked: {rating}.")  # type: ignore[arg-type]
    add_verdict(engine, claims[0].id, "mostly-true", reviewer="Bo")  # type: ignore[arg-type]
    set_status(engine, claims[1].id, "leased")  # type: ignore[arg-type]
    done = build_reports(engine, folder / "reports", [queued.article_id])
    assert done.last_article is not None
    with Session(engine) as session:
        claims = list(session.exec(select(StoredClaim).order_by(StoredClaim.start, StoredClaim.id)))
    return done.last_article, claims


def open_page(browser, path: Path, **kwargs):  # type: ignore[no-untyped-def]
    """A fresh page at ``path``, recording console errors, page errors and dialogs."""
    page = browser.new_page(viewport={"width": 1280, "height": 900}, **kwargs)
    problems: list[str] = []
    page.on(
        "console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type in ("error", "warning") else None
    )
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on("dialog", lambda d: (problems.append(f"dialog: {d.message}"), d.dismiss()))
    page.on("request", lambda r: problems.append(f"request: {r.url}") if not r.url.startswith("file:") else None)
    page.goto(path.as_uri())
    page.wait_for_load_state("load")
    return page, problems


def test_sample_report_highlights_links_filters_and_json_ld(browser, sample) -> None:  # type: ignore[no-untyped-def]
    path, claims = sample
    page, problems = open_page(browser, path)
    assert len(claims) >= 10
    # every claim highlighted in the text, and its label jumps to its row
    for claim in claims:
        mark = page.locator(f"#mark-{claim.id}")
        assert mark.count() == 1 and mark.evaluate("m => m.tagName") == "MARK"
        assert claim.quote.startswith(mark.inner_text()[:5])
    for claim in claims:
        page.locator(f'a.tag[href="#claim-{claim.id}"]').click()
        assert page.evaluate("location.hash") == f"#claim-{claim.id}"
        row = page.locator(f"#claim-{claim.id}")
        assert row.evaluate("r => r.matches(':target')")
        box = row.bounding_box()
        assert box is not None and 0 <= box["y"] < 900, claim.id
    # the row's number jumps back to the text
    page.locator(f'a[href="#mark-{claims[3].id}"]').click()
    assert page.locator(f"#mark-{claims[3].id}").evaluate("m => m.matches(':target')")

    # filters: shown once the script runs, and they work
    assert page.locator("#filters").is_visible()
    rows = page.locator("#claims-table tbody tr")
    assert page.locator("#filter-count").inner_text() == f"{len(claims)} of {len(claims)} claims shown"
    page.select_option("select[name=kind]", "quantity")
    quantities = sum(1 for c in claims if c.kind == "quantity")
    visible = rows.evaluate_all("rs => rs.filter(r => !r.hidden).map(r => r.dataset.kind)")
    assert visible == ["quantity"] * quantities
    assert page.locator("mark.claim.off").count() > 0
    page.select_option("select[name=status]", "pending")
    visible = rows.evaluate_all("rs => rs.filter(r => !r.hidden).map(r => [r.dataset.kind, r.dataset.status])")
    assert visible and all(v == ["quantity", "pending"] for v in visible)
    page.click("button[type=reset]")
    wait_until(page, f"document.getElementById('filter-count').textContent.startsWith('{len(claims)} of')")
    page.select_option("select[name=verdict]", "false")
    assert rows.evaluate_all("rs => rs.filter(r => !r.hidden).map(r => r.dataset.verdict)") == ["false"]
    # a link to a row the filter hides shows every row again
    hidden = next(c for c in claims if c.kind != "quantity" and c.status == "pending")
    page.evaluate(f"location.hash = '#claim-{hidden.id}'")
    wait_until(page, f"!document.getElementById('claim-{hidden.id}').hidden")
    page.click("button[type=reset]")

    # the JSON-LD parses in the page and holds one review per reviewed claim
    reviews = json.loads(page.evaluate("document.querySelector('script[type=\"application/ld+json\"]').textContent"))
    assert len(reviews) == sum(1 for c in claims if c.status == "reviewed")
    assert all(r["@type"] == "ClaimReview" and r["reviewRating"]["alternateName"] for r in reviews)

    OUTPUT.mkdir(exist_ok=True)
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(OUTPUT / "report-sample.png"), full_page=True)
    page.emulate_media(media="print")
    assert not page.locator("#filters").is_visible() and not page.locator("a.tag").first.is_visible()
    assert problems == []
    page.close()


def test_hostile_article_does_nothing_in_the_browser(browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    article_id, _ = hostile_reports(f"sqlite:///{tmp_path / 'h.db'}", tmp_path / "reports")
    report = next((tmp_path / "reports").glob(f"{article_id:05d}-*.html"))
    page, problems = open_page(browser, report)
    page.locator("a.tag").first.click()
    page.mouse.move(300, 300)
    assert page.evaluate("document.querySelectorAll('img, svg, iframe, textarea').length") == 0
    assert problems == []  # no alert, no blocked script, no request
    page.close()


CONTRAST_JS = """
() => {
  const parse = c => c.match(/[\\d.]+/g).map(Number);
  const background = el => {
    for (; el; el = el.parentElement) {
      const c = parse(getComputedStyle(el).backgroundColor);
      if (c.length < 4 || c[3] > 0) return c.slice(0, 3);
    }
    return [255, 255, 255];
  };
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n.parentElement;
    if (!n.textContent.trim() || !el.getClientRects().length) continue;
    const style = getComputedStyle(el);
    if (style.visibility === "hidden" || el.closest("[hidden]")) continue;
    out.push([el.tagName + "." + el.className, parse(style.color).slice(0, 3), background(el),
              parseFloat(style.fontSize), parseInt(style.fontWeight, 10)]);
  }
  return out;
}
"""


def _luminance(rgb: list[float]) -> float:
    def channel(v: float) -> float:
        v /= 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(fg: list[float], bg: list[float]) -> float:
    """The WCAG contrast ratio of two sRGB colours."""
    light, dark = sorted((_luminance(fg), _luminance(bg)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_every_page_opens_cleanly_links_resolve_and_text_contrast_passes_wcag_aa(browser, sample) -> None:  # type: ignore[no-untyped-def]
    path, _ = sample
    page = None
    for target in (path, path.parent / "index.html", path.parent / "queue.html", path.parent / "digest.html"):
        if page is None:
            page, problems = open_page(browser, target)
        else:
            page.goto(target.as_uri())
        for href in page.locator("main a").evaluate_all("as => as.map(a => a.getAttribute('href'))"):
            if not href.startswith(("#", "http")):
                assert (path.parent / href.split("#")[0]).exists(), (target.name, href)
        assert page.locator("h1").count() == 1
        failures = []
        samples = page.evaluate(CONTRAST_JS)
        assert len(samples) > 20
        for where, fg, bg, size, weight in samples:
            large = size >= 24 or (size >= 18.66 and weight >= 700)
            ratio = contrast(fg, bg)
            if ratio < (3.0 if large else 4.5):
                failures.append((target.name, where, fg, bg, round(ratio, 2)))
        assert failures == []
    assert problems == []
    page.close()

"""The HTML reports: every page renders from its dataclass, shows what editors need, stays current.

The builders here (:func:`add_article`, :func:`add_verdict`) write real rows in a
real SQLite file; the other report test modules import them.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from html.parser import HTMLParser
from pathlib import Path

import pytest
from sqlalchemy import event
from sqlmodel import Session, select
from typer.testing import CliRunner

from claims.cli import app
from claims.db import open_engine, session_scope
from claims.extract import Claim
from claims.highlight import Span, highlight_html
from claims.models import StoredClaim, Verdict
from claims.report import (
    PAGES,
    article_page,
    build_reports,
    digest_page,
    environment,
    index_page,
    queue_page,
    render_index,
    templates_dir,
    write_reports,
)
from claims.sources import Article, slugify
from claims.store import save_article

TEXT = (
    "City budget rises\n\n"
    "The council approved a budget of $214 million on Tuesday, up 12 percent from last year.\n"
    "Mayor Elena Ortiz said the bridge carried 61,500 vehicles a day in 2022.\n"
    "Unemployment fell to 4.1 percent, the statistics office said.\n"
)
QUOTES = [
    ("$214 million", "quantity", 0.9),
    ("up 12 percent", "comparison", 0.8),
    ("Mayor Elena Ortiz said the bridge carried 61,500 vehicles a day in 2022", "attribution", 0.6),
    ("61,500 vehicles", "quantity", 0.85),
    ("4.1 percent", "quantity", 0.7),
]


def add_article(
    engine,
    *,
    title: str = "City budget rises",
    text: str = TEXT,
    quotes: Sequence[tuple[str, str, float]] = QUOTES,
    url: str | None = "",
    author: str | None = "Sam Writer",
    published: dt.date | None = dt.date(2025, 3, 14),
    speaker: str | None = None,
    values: dict | None = None,
) -> tuple[int, list[int]]:
    """Store an article with a claim on each quote's first occurrence; its id and its claim ids.

    Each title is its own article (its own URL and source), as articles are known by URL or path.
    """
    slug = slugify(title) or "article"
    if url == "":
        url = f"https://news.example.org/{slug}"
    claims = []
    for quote, kind, score in quotes:
        start = text.index(quote)
        claims.append(
            Claim(
                quote=quote,
                start=start,
                end=start + len(quote),
                sentence=quote,
                text=f"Restated: {quote}",
                kind=kind,
                score=score,
                reason=f"{kind}; test",
                values=dict(values or {"value": 1}),
                speaker=speaker,
            )
        )
    article = Article(source=f"{slug}.txt", text=text, title=title, url=url, author=author, published=published)
    queued = save_article(engine, article, claims)
    with Session(engine) as session:
        ids = [
            c.id
            for c in session.exec(
                select(StoredClaim).where(StoredClaim.article_id == queued.article_id).order_by(StoredClaim.id)
            )
        ]
    return queued.article_id, ids  # type: ignore[return-value]


def add_verdict(
    engine,
    claim_id: int,
    rating: str,
    *,
    reviewer: str = "Ana",
    explanation: str = "Checked against the budget papers.",
    sources: Sequence[str] = ("https://example.org/budget.pdf",),
    at: dt.datetime | None = None,
) -> None:
    """Record a verdict the way the review command does: a new row, the claim marked reviewed."""
    with session_scope(engine) as session:
        verdict = Verdict(
            claim_id=claim_id, rating=rating, explanation=explanation, sources=list(sources), reviewer=reviewer
        )
        if at is not None:
            verdict.created_at = at
        session.add(verdict)
        claim = session.get(StoredClaim, claim_id)
        assert claim is not None
        claim.status = "reviewed"
        claim.verdict_rating = rating  # as record_verdict keeps it, for the index's totals


def set_status(engine, claim_id: int, status: str) -> None:
    """Put a claim in another queue state (leased, gone)."""
    with session_scope(engine) as session:
        claim = session.get(StoredClaim, claim_id)
        assert claim is not None
        claim.status = status


class Tags(HTMLParser):
    """Start tags with their attributes, and a check that elements nest properly."""

    VOID = {"meta", "br", "hr", "img", "input", "link", "wbr"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):  # type: ignore[no-untyped-def]
        self.tags.append((tag, dict(attrs)))
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):  # type: ignore[no-untyped-def]
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:]}")
        else:
            self.stack.pop()

    def handle_data(self, data):  # type: ignore[no-untyped-def]
        self.text.append(data)


def parse(html: str) -> Tags:
    parser = Tags()
    parser.feed(html)
    parser.close()
    return parser


def test_every_page_template_renders_with_its_dataclass(db_url: str) -> None:
    from claims.report.claim import claim_page
    from claims.report.login import LoginPage

    engine = open_engine(db_url)
    article_id, ids = add_article(engine)
    add_verdict(engine, ids[0], "false")
    pages = {p.name for p in templates_dir().glob("*.html") if not p.name.startswith("_")}
    assert pages == set(PAGES)
    with Session(engine) as session:
        contexts = {
            "article.html": article_page(session, article_id),
            "index.html": index_page(session),
            "queue.html": queue_page(session),
            "digest.html": digest_page(session),
            "claim.html": claim_page(session, ids[0], "ana"),
            "login.html": LoginPage("token"),
        }
    for name, page in contexts.items():
        assert isinstance(page, PAGES[name])
        html = environment().get_template(name).render(page=page)
        tree = parse(html)
        assert tree.errors == [] and tree.stack == [], name
        assert html.startswith("<!doctype html>") and 'http-equiv="Content-Security-Policy"' in html
        assert [t for t, _ in tree.tags].count("h1") == 1, name
        assert all(a.get("scope") in ("col", "row") for t, a in tree.tags if t == "th"), name


def test_environment_is_strict_and_autoescaped() -> None:
    env = environment()
    assert env.autoescape("x.html") is True if callable(env.autoescape) else env.autoescape
    assert env.from_string("{{ x }}").render(x="<b>") == "&lt;b&gt;"
    import jinja2

    assert env.undefined is jinja2.StrictUndefined
    try:
        env.from_string("{{ missing }}").render()
    except jinja2.UndefinedError:
        pass
    else:
        raise AssertionError("undefined names must fail")


def test_article_report_shows_claims_verdicts_and_history(db_url: str, reports_dir: Path) -> None:
    engine = open_engine(db_url)
    article_id, ids = add_article(engine, values={"value": 214000000, "currency": "USD"})
    add_verdict(engine, ids[0], "mixed", reviewer="Bo", at=dt.datetime(2025, 3, 15, 9, 0, tzinfo=dt.UTC))
    add_verdict(engine, ids[0], "false", reviewer="Ana", sources=["https://example.org/b", "javascript:alert(1)"])
    add_verdict(engine, ids[1], "true")
    set_status(engine, ids[2], "leased")
    path = write_reports(engine, reports_dir, [article_id])
    assert path is not None and path.name == f"{article_id:05d}-city-budget-rises.html"
    html = path.read_text(encoding="utf-8")
    tree = parse(html)
    assert tree.errors == [] and tree.stack == []
    text = " ".join("".join(tree.text).split())
    assert "City budget rises" in text and "Sam Writer" in text and "2025-03-14" in text
    assert '<a href="https://news.example.org/city-budget-rises" rel="noopener noreferrer">' in html
    assert "2 / 5 reviewed" in text  # the leased one is still waiting
    for chip in ("2 pending", "1 leased", "2 reviewed", "1 true", "1 false"):
        assert chip in text, chip
    for claim_id in ids:  # every claim marked in the text, its label links to its row and back
        assert f'id="mark-{claim_id}"' in html and f'href="#claim-{claim_id}"' in html
        assert f'<tr id="claim-{claim_id}"' in html and f'href="#mark-{claim_id}"' in html
    assert html.count('<mark class="claim') >= len(ids)
    row = re.search(rf'<tr id="claim-{ids[0]}".*?</tr>', html, re.DOTALL).group(0)  # type: ignore[union-attr]
    assert 'data-verdict="false"' in row and "by Ana" in row and "Earlier verdicts" in row and "mixed by Bo" in row
    assert '<a href="https://example.org/b"' in row and "javascript:alert(1)" in row and 'href="javascript' not in row
    assert "214,000,000" in row and "USD" in row and "0.90" in row and "quantity; test" in row
    assert 'class="tag tone-false"' in html and 'class="claim tone-leased"' in html
    assert '<script type="application/ld+json">' in html
    assert "<option>quantity</option>" in html and "<option>leased</option>" in html


def _segments(html: str) -> tuple[Tags, str]:
    tree = parse(f"<div>{html}</div>")
    return tree, "".join(tree.text)


def test_highlight_nested_crossing_and_multiline_claims_nest_properly() -> None:
    text = "Alpha beta gamma delta.\nEpsilon zeta <b>eta</b> theta."
    spans = [
        Span(1, 0, 16, "pending", "pending"),  # Alpha beta gamma
        Span(2, 6, 10, "true", "true"),  # beta (inside 1)
        Span(3, 11, 22, "false", "false"),  # gamma delta (crosses 1)
        Span(4, 17, 31, "mixed", "mixed"),  # delta.\nEpsilon (crosses 3 and the line break)
        Span(5, 0, 999, "gone", "gone"),  # out of range: ignored
        Span(6, 37, 47, "other", "other"),  # <b>eta</b>, escaped
    ]
    html = str(highlight_html(text, spans))
    tree, shown = _segments(html)
    assert tree.errors == [] and tree.stack == []
    for n in (1, 2, 3, 4, 6):
        assert html.count(f'id="mark-{n}"') == 1 and html.count(f'href="#claim-{n}"') == 1
    assert 'id="mark-5"' not in html
    assert html.count("<p>") == 2 and "&lt;b&gt;eta&lt;/b&gt;" in html
    # the text reads the same once the labels are taken out
    labels = re.sub(r'<a class="tag[^>]*>.*?</a>', "", html)
    assert "".join(parse(labels).text).replace("\n", "") == text.replace("\n", "")
    assert "1\u00a0pending" in shown and "4\u00a0mixed" in shown


def _count_queries(engine, action) -> int:  # type: ignore[no-untyped-def]
    seen: list[str] = []

    def note(conn, cursor, statement, *args):  # type: ignore[no-untyped-def]
        seen.append(statement)

    event.listen(engine, "before_cursor_execute", note)
    try:
        action()
    finally:
        event.remove(engine, "before_cursor_execute", note)
    return len(seen)


def test_index_lists_newest_first_with_progress_in_a_fixed_number_of_queries(db_url: str) -> None:
    engine = open_engine(db_url)
    first, first_ids = add_article(engine, title="Older story", text=TEXT + "old")
    second, second_ids = add_article(engine, title="Newer story", text=TEXT + "new")
    add_verdict(engine, first_ids[0], "true")
    add_verdict(engine, first_ids[1], "false")
    add_verdict(engine, second_ids[0], "true")
    set_status(engine, second_ids[4], "gone")
    with Session(engine) as session:
        page = index_page(session)
        few = _count_queries(engine, lambda: render_index(session))
    assert [r.title for r in page.rows] == ["Newer story", "Older story"]
    newer, older = page.rows
    assert (newer.reviewed, newer.total) == (1, 4) and (older.reviewed, older.total) == (2, 5)
    assert [(c.label, c.n, c.tone) for c in older.verdicts] == [("true", 1, "true"), ("false", 1, "false")]
    assert page.claims == 9 and page.reviewed == 3
    assert [(c.label, c.n) for c in page.verdicts] == [("true", 2), ("false", 1)]
    for n in range(8):
        add_article(engine, title=f"Story {n}", text=TEXT + str(n))
    with Session(engine) as session:
        many = _count_queries(engine, lambda: render_index(session))
        html = render_index(session)
    assert many == few <= 9
    assert html.count("<progress") == 10 and html.index("Story 7") < html.index("Story 0") < html.index("Newer story")


def test_queue_lists_pending_claims_by_score_then_recency(db_url: str) -> None:
    engine = open_engine(db_url)
    _, old_ids = add_article(engine, title="Old", text=TEXT + "a")
    _, new_ids = add_article(engine, title="New", text=TEXT + "b")
    add_verdict(engine, new_ids[0], "true")
    set_status(engine, old_ids[1], "leased")
    with Session(engine) as session:
        page = queue_page(session)
    scores = [r.score for r in page.rows]
    assert scores == sorted(scores, reverse=True)
    assert new_ids[0] not in [r.claim_id for r in page.rows] and old_ids[1] not in [r.claim_id for r in page.rows]
    assert page.pending == 8 and page.leased == 1 and len(page.rows) == 8
    # same score: the newer article's claim first
    same = [r for r in page.rows if r.score == 0.85]
    assert [r.article_title for r in same] == ["New", "Old"]
    assert page.rows[0].href.endswith(f"#claim-{old_ids[0]}")


def test_digest_shows_the_days_verdicts_and_the_longest_waiting(db_url: str) -> None:
    engine = open_engine(db_url)
    _, ids = add_article(engine)
    day = dt.date(2025, 3, 20)
    add_verdict(engine, ids[0], "false", reviewer="Ana", at=dt.datetime(2025, 3, 20, 10, 5, tzinfo=dt.UTC))
    add_verdict(engine, ids[1], "true", reviewer="Bo", at=dt.datetime(2025, 3, 20, 23, 59, tzinfo=dt.UTC))
    add_verdict(engine, ids[2], "true", reviewer="Bo", at=dt.datetime(2025, 3, 19, 23, 0, tzinfo=dt.UTC))
    with Session(engine) as session:
        page = digest_page(session, day)
        html = environment().get_template("digest.html").render(page=page)
    assert [r.claim_id for r in page.reviewed] == [ids[1], ids[0]]
    assert [(c.label, c.n) for c in page.reviewers] == [("Ana", 1), ("Bo", 1)]
    assert [r.claim_id for r in page.waiting] == ids[3:]
    assert "Digest for Thursday 20 March 2025" in html and "10:05" in html


def test_unchanged_pages_are_not_rewritten_and_a_verdict_refreshes_its_pages(db_url: str, reports_dir: Path) -> None:
    engine = open_engine(db_url)
    one, one_ids = add_article(engine, title="One", text=TEXT + "1")
    two, _ = add_article(engine, title="Two", text=TEXT + "2")
    day = dt.date(2025, 3, 20)
    first = build_reports(engine, reports_dir, day=day)
    assert len(first.written) == 5 and not first.unchanged
    stamps = {p: p.stat().st_mtime_ns for p in reports_dir.iterdir()}
    again = build_reports(engine, reports_dir, day=day)
    assert not again.written and len(again.unchanged) == 5
    assert stamps == {p: p.stat().st_mtime_ns for p in reports_dir.iterdir()}
    assert oct(next(iter(stamps)).stat().st_mode & 0o777) != "0o600"  # readable by the newsroom

    add_verdict(engine, one_ids[0], "false", at=dt.datetime(2025, 3, 20, 12, 0, tzinfo=dt.UTC))
    after = build_reports(engine, reports_dir, [one], day=day)
    assert {p.name for p in after.written} == {
        f"{one:05d}-one.html",
        "index.html",
        "queue.html",
        "digest.html",
    }
    two_page = reports_dir / f"{two:05d}-two.html"
    assert two_page.stat().st_mtime_ns == stamps[two_page]
    assert "1 / 5 reviewed" in (reports_dir / f"{one:05d}-one.html").read_text(encoding="utf-8")


def test_the_static_index_is_paged_by_article_number_and_a_change_rewrites_only_its_pages(
    db_url: str, reports_dir: Path
) -> None:
    """index.html: the newest N and the totals; index-K.html: articles (K-1)*N+1 to K*N, rewritten only when they change."""
    engine = open_engine(db_url)
    ids = {n: add_article(engine, title=f"Story {n}", text=TEXT + str(n)) for n in range(1, 6)}
    day = dt.date(2025, 3, 20)
    first = build_reports(engine, reports_dir, day=day, per_page=2)
    names = {p.name for p in first.written}
    assert {"index.html", "index-1.html", "index-2.html", "index-3.html", "queue.html", "digest.html"} <= names
    assert len(names) == 11 and not first.unchanged
    front = (reports_dir / "index.html").read_text(encoding="utf-8")
    assert front.count("<progress") == 2 and "Story 5" in front and "Story 3" not in front
    assert 'href="index-3.html">5 to 6</a>' in front and 'href="index-1.html">1 to 2</a>' in front
    middle = (reports_dir / "index-2.html").read_text(encoding="utf-8")
    assert "<h1>Articles 3 to 4</h1>" in middle and middle.index("Story 4") < middle.index("Story 3")
    assert 'href="index-1.html" rel="prev"' in middle and 'href="index-3.html" rel="next"' in middle
    assert "Story 5" not in middle and "claims ·" not in middle  # the totals are on the front page only
    tree = parse(middle)
    assert tree.errors == [] and tree.stack == []
    stamps = {p.name: p.stat().st_mtime_ns for p in reports_dir.iterdir()}

    # A verdict on article 1: its page, the front page, index-1, the queue and the digest; nothing else.
    one, one_claims = ids[1]
    add_verdict(engine, one_claims[0], "false", at=dt.datetime(2025, 3, 20, 12, 0, tzinfo=dt.UTC))
    after = build_reports(engine, reports_dir, [one], day=day, per_page=2)
    assert {p.name for p in after.written} == {
        f"{one:05d}-story-1.html",
        "index.html",
        "index-1.html",
        "queue.html",
        "digest.html",
    }
    assert "1 / 5" in (reports_dir / "index-1.html").read_text(encoding="utf-8")
    for name in ("index-2.html", "index-3.html", f"{ids[2][0]:05d}-story-2.html"):
        assert (reports_dir / name).stat().st_mtime_ns == stamps[name], name

    # A new article fills the last page; the next one starts a page, and the page before it gains its link.
    six, _ = add_article(engine, title="Story 6", text=TEXT + "6")
    added = build_reports(engine, reports_dir, [six], day=day, per_page=2)
    new_pages = {"index.html", "queue.html", "digest.html"}  # the digest counts what waits
    assert {p.name for p in added.written} == {f"{six:05d}-story-6.html", "index-3.html", *new_pages}
    seven, _ = add_article(engine, title="Story 7", text=TEXT + "7")
    added = build_reports(engine, reports_dir, [seven], day=day, per_page=2)
    assert {p.name for p in added.written} == {f"{seven:05d}-story-7.html", "index-3.html", "index-4.html", *new_pages}
    assert 'href="index-4.html" rel="next"' in (reports_dir / "index-3.html").read_text(encoding="utf-8")
    assert (reports_dir / "index-2.html").stat().st_mtime_ns == stamps["index-2.html"]


def test_report_command_rebuilds_all_or_one_article(db_url: str, reports_dir: Path) -> None:
    engine = open_engine(db_url)
    one, ids = add_article(engine, title="One", text=TEXT + "1")
    runner = CliRunner()
    done = runner.invoke(app, ["report", "--all", "--db", db_url, "--reports", str(reports_dir)])
    assert done.exit_code == 0, done.output
    assert "4 pages written, 0 unchanged" in done.output
    again = runner.invoke(app, ["report", "--all", "--db", db_url, "--reports", str(reports_dir)])
    assert "0 pages written, 4 unchanged" in again.output
    add_verdict(engine, ids[0], "true")
    one_only = runner.invoke(app, ["report", "--article", str(one), "--db", db_url, "--reports", str(reports_dir)])
    assert one_only.exit_code == 0 and "unchanged" in one_only.output
    assert 'data-verdict="true"' in (reports_dir / f"{one:05d}-one.html").read_text(encoding="utf-8")
    none = runner.invoke(app, ["report", "--db", db_url, "--reports", str(reports_dir)])
    assert none.exit_code != 0


def test_csp_allows_exactly_the_inline_style_and_script(db_url: str, reports_dir: Path) -> None:
    import base64
    import hashlib

    engine = open_engine(db_url)
    add_article(engine)
    build_reports(engine, reports_dir)
    for page in reports_dir.glob("*.html"):
        html = page.read_text(encoding="utf-8")
        csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html).group(1)  # type: ignore[union-attr]
        assert "unsafe-inline" not in csp and "default-src 'none'" in csp
        for tag, directive in (("style", "style-src"), ("script", "script-src")):
            bodies = re.findall(rf"<{tag}>(.*?)</{tag}>", html, re.DOTALL)
            assert len(bodies) == 1, (page.name, tag)
            digest = base64.b64encode(hashlib.sha256(bodies[0].encode()).digest()).decode()
            assert f"{directive} 'sha256-{digest}'" in csp
        assert "http://" not in html.split("<body>")[0] and "@import" not in html and "url(" not in html


def test_static_reports_link_each_claim_to_the_desk_when_claims_web_url_is_set(
    db_url: str, reports_dir: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    engine = open_engine(db_url)
    article_id, ids = add_article(engine)
    add_verdict(engine, ids[0], "false")
    build_reports(engine, reports_dir)
    assert "/claims/" not in "".join(p.read_text(encoding="utf-8") for p in reports_dir.glob("*.html"))
    monkeypatch.setenv("CLAIMS_WEB_URL", "https://desk.example.org/review")
    done = build_reports(engine, reports_dir)
    assert done.last_article is not None
    article = done.last_article.read_text(encoding="utf-8")
    for claim_id in ids:
        assert f'href="https://desk.example.org/review/claims/{claim_id}"' in article
    queue = (reports_dir / "queue.html").read_text(encoding="utf-8")
    assert f'href="https://desk.example.org/review/claims/{ids[1]}"' in queue
    monkeypatch.setenv("CLAIMS_WEB_URL", "javascript:alert(1)//")
    build_reports(engine, reports_dir)
    assert "javascript:" not in done.last_article.read_text(encoding="utf-8")
    assert "/claims/" not in done.last_article.read_text(encoding="utf-8")


def test_the_index_totals_follow_verdicts_reopening_and_a_second_verdict(db_url: str) -> None:
    """The front page's verdict counts (kept on the claim row) agree with each claim's latest verdict."""
    from claims.queue import reopen
    from claims.verdicts import record_verdict

    engine = open_engine(db_url)
    _, ids = add_article(engine, title="Counted", text=TEXT + "c")

    def counts() -> list[tuple[str, int]]:
        with Session(engine) as session:
            return [(c.label, c.n) for c in index_page(session).verdicts]

    record_verdict(engine, ids[0], "false", "ana")
    record_verdict(engine, ids[1], "true", "ana")
    assert counts() == [("true", 1), ("false", 1)]
    reopen(engine, ids[0])  # back in the queue: its verdict no longer stands
    assert counts() == [("true", 1)]
    record_verdict(engine, ids[0], "mixed", "bo")  # decided again: the new verdict counts
    record_verdict(engine, ids[1], "false", "bo")  # changing one's mind is another verdict
    assert counts() == [("mixed", 1), ("false", 1)]
    set_status(engine, ids[1], "gone")  # a claim gone from its article keeps its verdict
    assert counts() == [("mixed", 1), ("false", 1)]


def test_building_reports_keeps_the_long_lived_heap_out_of_full_collections(db_url: str, reports_dir: Path) -> None:
    """After the first build the process's modules and templates are frozen; later garbage is still collected."""
    import gc
    import weakref

    engine = open_engine(db_url)
    article_id, ids = add_article(engine, title="Frozen heap", text=TEXT + "f")
    build_reports(engine, reports_dir, [article_id])
    assert gc.get_freeze_count() > 10_000  # the modules, the engine, the compiled templates

    class Node:
        other: object = None

    first, second = Node(), Node()
    first.other, second.other = second, first  # a cycle: only the collector frees it
    gone = weakref.ref(first)
    del first, second
    add_verdict(engine, ids[0], "true")
    build_reports(engine, reports_dir, [article_id])  # a later build freezes nothing more
    gc.collect()
    assert gone() is None


@pytest.fixture(params=["sqlite", "postgresql"])
def any_db(request: pytest.FixtureRequest, db_url: str) -> str:
    """A SQLite file, then the session's PostgreSQL database (skipped when no server answers)."""
    return db_url if request.param == "sqlite" else str(request.getfixturevalue("pg_url"))


def test_the_totals_count_every_status_and_the_standing_verdicts(any_db: str) -> None:
    """The totals (all claims less the others for the pending) equal a plain count by status and rating."""
    from collections import Counter

    from claims.report.queue import totals

    engine = open_engine(any_db)

    def plain() -> tuple[Counter[str], Counter[str]]:
        with Session(engine) as session:
            rows = [(c.status, c.verdict_rating) for c in session.exec(select(StoredClaim))]
        standing = Counter(r for s, r in rows if r is not None and s in ("reviewed", "gone"))
        return Counter(s for s, _ in rows), standing

    def counted() -> tuple[Counter[str], Counter[str]]:
        with Session(engine) as session:
            found = totals(session)
        return found.statuses, found.ratings

    def grown(statuses: Counter[str], ratings: Counter[str]) -> tuple[Counter[str], Counter[str]]:
        return before[0] + statuses, before[1] + ratings

    before = plain()  # nothing in a new SQLite file; other tests' claims in the shared PostgreSQL database
    assert counted() == before
    _, ids = add_article(engine, title="Totals", text=TEXT + "t")
    assert counted() == plain() == grown(Counter(pending=5), Counter())
    add_verdict(engine, ids[0], "true")
    add_verdict(engine, ids[1], "false")
    set_status(engine, ids[1], "gone")  # its verdict still stands
    set_status(engine, ids[2], "leased")
    expected = grown(Counter(pending=2, reviewed=1, gone=1, leased=1), Counter(true=1, false=1))
    assert counted() == plain() == expected
    for claim_id in ids[3:]:
        add_verdict(engine, claim_id, "mixed")
    assert counted() == plain() == grown(Counter(reviewed=3, gone=1, leased=1), Counter(true=1, false=1, mixed=2))

"""The ``ingest-feeds`` flow under the session's Prefect test server, against feeds and pages on loopback."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlmodel import Session, select

from claims.db import open_engine
from claims.feeds import feed_states
from claims.models import StoredArticle
from tests.helpers import Route, run_artifacts
from tests.test_feeds import ConditionalFeed, rss

pytestmark = pytest.mark.usefixtures("prefect_server")


@pytest.fixture(autouse=True)
def _worker_environment(db_url: str, reports_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Flows read the database and the reports folder from the environment, as on a worker."""
    monkeypatch.setenv("CLAIMS_DATABASE_URL", db_url)
    monkeypatch.setenv("CLAIMS_REPORTS_DIR", str(reports_dir))


def article_html(title: str, paragraphs: list[str]) -> bytes:
    """A small news page of our own."""
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>{body}</article></body></html>"
    ).encode()


DAM = article_html(
    "Riverside dam opens after six years",
    [
        "The dam, finished in 2021 at a cost of $2.1 billion, supplies 40 percent of the city's water, "
        "officials said on Monday.",
        "About 1,200 workers built it over six years, according to the contractor, Harbour Works.",
        "It is the largest dam built in the region in fifty years, the mayor said.",
    ],
)
DAM_V2 = article_html(
    "Riverside dam opens after six years",
    [
        "The dam, finished in 2021 at a cost of $2.4 billion, supplies 40 percent of the city's water, "
        "officials said on Monday.",
        "About 1,200 workers built it over six years, according to the contractor, Harbour Works.",
        "It is the largest dam built in the region in fifty years, the mayor said.",
        "Water bills will rise by 3 percent next year to pay for it, the council said on Tuesday.",
    ],
)


def test_ingest_checks_new_items_once(http_server, db_url: str, reports_dir: Path, monkeypatch) -> None:
    from flows.ingest_feeds import ingest_feeds

    dam = http_server.add("/news/dam", body=DAM)
    gone = http_server.add("/news/gone", status=404, body=b"no such story")
    broken = http_server.add("/news/broken", status=500, body=b"oops")
    feed = ConditionalFeed(rss([("dam", dam), ("gone", gone), ("broken", broken)]))
    feed_url = http_server.add("/feed.xml", Route(handler=feed))

    state = ingest_feeds([feed_url], return_state=True)
    assert state.is_completed(), state.message
    summary = state.result()
    assert {i.link: i.state for i in summary.items} == {dam: "new", gone: "failed", broken: "failed"}
    assert http_server.hits["/news/gone"] == 1  # a 4xx is not retried
    assert http_server.hits["/news/broken"] == 4  # a 5xx is, with back-off
    failed = {i.link: i for i in summary.items if not i.ok}
    assert failed[broken].transient and not failed[gone].transient
    assert "HTTP 404" in (failed[gone].error or "") and gone in (failed[gone].error or "")

    with Session(open_engine(db_url)) as session:
        (article,) = session.exec(select(StoredArticle)).all()
    assert article.url == dam and article.title == "Riverside dam opens after six years"
    assert list(reports_dir.glob(f"{article.id:05d}-*.html")) and (reports_dir / "index.html").exists()

    flow_run_id = state.state_details.flow_run_id
    artifacts = run_artifacts(flow_run_id)
    keys = {a.key for a in artifacts if a.key}
    assert {"claims-ingest-summary", "claims-ingest-feeds", "claims-ingest-items", "claims-ingest-report"} <= keys
    (progress,) = [a for a in artifacts if a.type == "progress"]
    assert float(progress.data) == 100.0
    summary_md = str(next(a.data for a in artifacts if a.key == "claims-ingest-summary"))
    assert f"{gone}: HTTP 404" in summary_md and "- new: **1**" in summary_md
    # (task run names are checked in test_deployments: this server does not record task runs)

    # The per-host limit exists on the server with the slots asked for.
    from prefect.client.orchestration import get_client

    from flows.ingest_feeds import limit_name

    with get_client(sync_client=True) as client:
        assert client.read_global_concurrency_limit_by_name(limit_name(dam)).limit == 2

    # Second run: the feed answers 304; only the 500 item is tried again.
    again = ingest_feeds([feed_url], return_state=True)
    assert again.is_completed(), again.message
    assert feed.answers == [200, 304]
    assert [i.link for i in again.result().items] == [broken]
    assert http_server.hits["/news/dam"] == 1 and http_server.hits["/news/gone"] == 1
    (feed_state,) = feed_states(open_engine(db_url))
    assert feed_state.items["gone"]["status"] == "failed" and feed_state.items["dam"]["status"] == "checked"

    # A corrected story (the feed gives it a new date): the next revision of the same article.
    http_server.add("/news/dam", body=DAM_V2)
    feed.body, feed.etag = rss([("dam", dam), ("gone", gone), ("broken", broken)], hours={"dam": 9}), '"v2"'
    third = ingest_feeds([feed_url], return_state=True)
    revised = next(i for i in third.result().items if i.link == dam)
    assert revised.state == "revised" and revised.revision == 2 and revised.article_id == article.id
    assert revised.added >= 1 and revised.kept >= 1


def test_claims_ingest_command(http_server, db_url: str, reports_dir: Path, tmp_path: Path) -> None:
    import json

    from typer.testing import CliRunner

    from claims.cli import app

    dam = http_server.add("/news/dam", body=DAM)
    feed_url = http_server.add("/feed.xml", body=rss([("dam", dam)]), content_type="application/rss+xml")
    listing = tmp_path / "feeds.txt"
    listing.write_text(f"# test feeds\n{feed_url}\n")
    args = ["ingest", "--feeds-file", str(listing), "--db", db_url, "--reports", str(reports_dir), "-f", "jsonl"]
    first = CliRunner().invoke(app, args)
    assert first.exit_code == 0, first.output
    (row,) = [json.loads(line) for line in first.output.splitlines() if line.startswith("{")]
    assert row["state"] == "new" and row["claims"] > 0
    again = CliRunner().invoke(app, args)
    assert again.exit_code == 0 and not [line for line in again.output.splitlines() if line.startswith("{")]

    missing = CliRunner().invoke(app, ["ingest", "--db", db_url])
    assert missing.exit_code != 0


def test_serve_builds_every_scheduled_deployment() -> None:
    from flows.serve import SCHEDULES, deployments

    built = {d.flow_name: d for d in deployments(feeds=["http://127.0.0.1:9/feed.xml"])}
    assert {d.name for d in built.values()} == {"serve"}
    assert set(built) == {s.name for s in SCHEDULES}
    assert built["ingest-feeds"].parameters == {"feeds": ["http://127.0.0.1:9/feed.xml"], "feeds_file": None}
    crons = {name: [s.schedule.cron for s in d.schedules] for name, d in built.items()}
    assert crons == {
        "check-article": [],
        "ingest-feeds": ["*/15 * * * *"],
        "render-reports": ["5 * * * *"],
        "review-digest": ["0 18 * * *"],
        "review-claims": [],
    }
    assert all(s.schedule.timezone == "UTC" for d in built.values() for s in d.schedules)


def test_review_digest_flow_publishes_artifacts_and_page(http_server, db_url: str, reports_dir: Path) -> None:
    from flows.ingest_feeds import ingest_feeds
    from flows.review_digest import review_digest

    dam = http_server.add("/news/dam", body=DAM)
    feed_url = http_server.add("/feed.xml", body=rss([("dam", dam)]), content_type="application/rss+xml")
    assert ingest_feeds([feed_url], return_state=True).is_completed()

    state = review_digest(return_state=True)
    assert state.is_completed(), state.message
    result = state.result()
    assert result.queue_size > 0 and result.articles_today == 1 and result.verdicts_today == 0
    artifacts = {a.key: a for a in run_artifacts(state.state_details.flow_run_id) if a.key}
    assert {"claims-digest", "claims-digest-numbers", "claims-digest-page"} <= set(artifacts)
    assert f"**{result.queue_size}** claims" in str(artifacts["claims-digest"].data)
    page = reports_dir / "digest.html"
    assert (page if page.exists() else reports_dir / "index.html").as_uri() in str(artifacts["claims-digest-page"].data)

    # Another day's digest is a page of its own: the link never shows today's numbers for it.
    state = review_digest(day="2020-01-02", return_state=True)
    assert state.is_completed(), state.message
    artifacts = {a.key: a for a in run_artifacts(state.state_details.flow_run_id) if a.key}
    dated = reports_dir / "digest-2020-01-02.html"
    assert dated.exists() and dated.as_uri() in str(artifacts["claims-digest-page"].data)
    assert "2020" in dated.read_text(encoding="utf-8") and state.result().verdicts_today == 0
    state = review_digest(day="yesterday", return_state=True)
    assert state.is_failed() and "YYYY-MM-DD" in (state.message or "") and "\n" not in (state.message or "")


def test_host_slot_falls_back_to_the_local_limit_without_an_api(monkeypatch) -> None:
    from prefect.settings import PREFECT_API_URL, temporary_settings

    from flows import ingest_feeds as module

    monkeypatch.setattr(module, "_limits", {})
    with temporary_settings({PREFECT_API_URL: "http://127.0.0.1:9/api"}):  # nothing listens there
        assert module.ensure_limit("fetch-nowhere", 2) is False
        with module.host_slot("http://nowhere.invalid/story"):
            pass  # no Prefect limit: fetch's per-process per-host limit is what remains


def test_secrets_in_item_urls_stay_out_of_artifacts_and_messages(http_server, db_url: str, reports_dir: Path) -> None:
    from flows.ingest_feeds import ingest_feeds

    http_server.add("/news/private", status=404, body=b"no")
    secret_link = http_server.url("/news/private?api_key=SECRET-4711")
    feed_url = http_server.add("/feed.xml", body=rss([("p", secret_link)]), content_type="application/rss+xml")
    state = ingest_feeds([feed_url], return_state=True)
    (item,) = state.result().items
    assert not item.ok and "HTTP 404" in (item.error or "") and "SECRET-4711" not in (item.error or "")
    assert "SECRET-4711" not in repr(item)
    for artifact in run_artifacts(state.state_details.flow_run_id):
        assert "SECRET-4711" not in str(artifact.data), artifact.key


def test_a_dripping_host_costs_one_item_not_the_poll(http_server, db_url: str, reports_dir: Path, monkeypatch) -> None:
    """Issue 15: a page dripping a byte at a time fails at CLAIMS_FETCH_DEADLINE; the other items land."""
    import time

    from flows.ingest_feeds import ingest_feeds
    from tests.test_fetch_deadline import PAGE, drip

    monkeypatch.setenv("CLAIMS_FETCH_DEADLINE", "1")
    dam = http_server.add("/news/dam", body=DAM)
    slow = http_server.add("/news/slow", drip(PAGE))
    feed_url = http_server.add(
        "/feed.xml", body=rss([("dam", dam), ("slow", slow)]), content_type="application/rss+xml"
    )
    start = time.monotonic()
    state = ingest_feeds([feed_url], return_state=True)
    assert state.is_completed(), state.message
    items = {i.link: i for i in state.result().items}
    assert items[dam].state == "new"
    assert items[slow].state == "failed" and items[slow].transient
    assert "deadline (CLAIMS_FETCH_DEADLINE)" in (items[slow].error or "")
    assert time.monotonic() - start < 5.5  # the drip alone takes 6 s


def test_ingest_writes_each_feed_state_once_per_poll(http_server, db_url: str, reports_dir: Path) -> None:
    """Issue 15: the item outcomes of a poll are written to the feed's state at once, not item by item."""
    from sqlalchemy import event

    from flows.ingest_feeds import ingest_feeds

    links = [
        (
            str(i),
            http_server.add(
                f"/news/{i}", body=article_html(f"Story {i}", [f"The council spent {i + 2} million dollars in 2025."])
            ),
        )
        for i in range(6)
    ]
    feed_url = http_server.add("/feed.xml", body=rss(links), content_type="application/rss+xml")
    engine = open_engine(db_url)
    updates: list[str] = []

    def count(_conn, _cursor, statement, *_args) -> None:  # type: ignore[no-untyped-def]
        if statement.lstrip().upper().startswith("UPDATE FEED_STATE"):
            updates.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    try:
        state = ingest_feeds([feed_url], return_state=True)
    finally:
        event.remove(engine, "before_cursor_execute", count)
    assert state.is_completed(), state.message
    assert [i.state for i in state.result().items] == ["new"] * 6
    assert len(updates) == 2  # the poll (new items pending), then the outcomes of all six
    (feed_state,) = feed_states(engine)
    assert {e["status"] for e in feed_state.items.values()} == {"checked"}

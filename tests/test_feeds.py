"""Feeds and polite fetching, over real HTTP on loopback: parsing, conditional GET, item state, limits."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest

from claims.config import Settings
from claims.db import open_engine
from claims.errors import FetchError, SourceError
from claims.feeds import (
    MAX_ATTEMPTS,
    ItemStatus,
    feed_list,
    feed_states,
    parse_feed,
    poll_feed,
    record_item,
)
from claims.fetch import HostLimiter, TransientFetchError, fetch
from tests.helpers import Route


def rss(
    items: list[tuple[str, str]], title: str = "Loopback News", hour: int = 6, hours: dict[str, int] | None = None
) -> bytes:
    """An RSS 2.0 document with (guid, link) items, published at ``hour`` (or ``hours[guid]``)."""
    entries = "".join(
        f"<item><title>Story {guid}</title><link>{link}</link><guid isPermaLink='false'>{guid}</guid>"
        f"<pubDate>Fri, 27 Nov 2026 {(hours or {}).get(guid, hour):02d}:00:00 GMT</pubDate></item>"
        for guid, link in items
    )
    return (
        f"<?xml version='1.0' encoding='UTF-8'?><rss version='2.0'><channel><title>{title}</title>"
        f"<link>http://127.0.0.1/</link><description>test</description>{entries}</channel></rss>"
    ).encode()


ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Atom Desk</title><id>urn:desk</id><updated>2026-11-27T06:00:00Z</updated>
  <entry><title>One</title><id>urn:one</id><link rel="alternate" href="/news/one"/>
    <updated>2026-11-27T06:00:00Z</updated></entry>
  <entry><title>Two</title><id>urn:two</id><link href="http://127.0.0.1:9/news/two"/>
    <updated>2026-11-27T06:00:00Z</updated></entry>
</feed>"""


class ConditionalFeed:
    """A feed route that honours If-None-Match (ETag) and If-Modified-Since."""

    def __init__(self, body: bytes, etag: str = '"v1"', modified: str = "Fri, 27 Nov 2026 06:00:00 GMT") -> None:
        self.body, self.etag, self.modified = body, etag, modified
        self.answers: list[int] = []

    def __call__(self, handler: BaseHTTPRequestHandler) -> None:
        if handler.headers.get("If-None-Match") == self.etag or (
            handler.headers.get("If-None-Match") is None and handler.headers.get("If-Modified-Since") == self.modified
        ):
            self.answers.append(304)
            handler.send_response(304)
            handler.send_header("ETag", self.etag)
            handler.end_headers()
            return
        self.answers.append(200)
        handler.send_response(200)
        handler.send_header("Content-Type", "application/rss+xml; charset=utf-8")
        handler.send_header("Content-Length", str(len(self.body)))
        handler.send_header("ETag", self.etag)
        handler.send_header("Last-Modified", self.modified)
        handler.end_headers()
        handler.wfile.write(self.body)


def test_parse_rss_and_atom() -> None:
    feed = parse_feed(rss([("a-1", "/news/a"), ("a-2", "http://127.0.0.1:9/news/b")]), "http://127.0.0.1:9/feed.xml")
    assert feed.title == "Loopback News" and feed.version == "rss20"
    assert [(i.key, i.link) for i in feed.items] == [
        ("a-1", "http://127.0.0.1:9/news/a"),
        ("a-2", "http://127.0.0.1:9/news/b"),
    ]
    atom = parse_feed(ATOM, "http://127.0.0.1:9/atom.xml")
    assert atom.title == "Atom Desk" and atom.version == "atom10"
    assert [(i.key, i.link, i.title) for i in atom.items] == [
        ("urn:one", "http://127.0.0.1:9/news/one", "One"),
        ("urn:two", "http://127.0.0.1:9/news/two", "Two"),
    ]


def test_not_a_feed_is_a_one_line_error() -> None:
    with pytest.raises(SourceError, match="not an RSS or Atom feed"):
        parse_feed(b"<html><body><p>hello</p></body></html>", "http://127.0.0.1:9/page")


def test_feed_list_merges_arguments_and_file(tmp_path: Path) -> None:
    listing = tmp_path / "feeds.txt"
    listing.write_text("# our feeds\nhttp://127.0.0.1:9/a.xml\n\nhttp://127.0.0.1:9/b.xml  # sport\n")
    assert feed_list(["http://127.0.0.1:9/b.xml"], str(listing)) == [
        "http://127.0.0.1:9/b.xml",
        "http://127.0.0.1:9/a.xml",
    ]
    with pytest.raises(SourceError, match="feeds file"):
        feed_list([], str(tmp_path / "missing.txt"))


def test_conditional_get_and_only_new_items(http_server, db_url: str) -> None:
    engine = open_engine(db_url)
    route = ConditionalFeed(rss([("1", "/a"), ("2", "/b")]))
    url = http_server.add("/feed.xml", Route(handler=route))
    settings = Settings()

    first = poll_feed(engine, url, settings)
    assert first.status == 200 and first.title == "Loopback News" and first.items_in_feed == 2
    assert [i.key for i in first.todo] == ["1", "2"]
    for item in first.todo:
        assert record_item(engine, url, item.key, article_id=7) == ItemStatus.CHECKED

    second = poll_feed(engine, url, settings)
    assert second.not_modified and second.todo == []
    assert http_server.requests[-1][1]["If-None-Match"] == '"v1"'
    assert http_server.requests[-1][1]["If-Modified-Since"] == route.modified
    assert route.answers == [200, 304]

    route.body, route.etag = rss([("3", "/c"), ("1", "/a"), ("2", "/b")]), '"v2"'
    third = poll_feed(engine, url, settings)
    assert third.status == 200 and [i.key for i in third.todo] == ["3"]
    assert third.todo[0].link == http_server.url("/c")

    (state,) = feed_states(engine)
    assert state.etag == '"v2"' and state.items["1"]["article_id"] == 7
    assert state.items["3"]["status"] == ItemStatus.PENDING

    # The feed marks the items as updated (corrected stories): they are checked again.
    record_item(engine, url, "3", article_id=8)
    route.body, route.etag = rss([("3", "/c"), ("1", "/a"), ("2", "/b")], hour=9), '"v3"'
    assert sorted(i.key for i in poll_feed(engine, url, settings).todo) == ["1", "2", "3"]


def test_pending_and_transient_items_come_back_until_given_up(http_server, db_url: str) -> None:
    engine = open_engine(db_url)
    route = ConditionalFeed(rss([("1", "/a"), ("2", "/b")]))
    url = http_server.add("/feed.xml", Route(handler=route))
    poll_feed(engine, url, Settings())
    # item 1 was never recorded (a crash): it comes back even though the feed answers 304
    assert record_item(engine, url, "2", error="HTTP 503", transient=True) == ItemStatus.RETRY
    again = poll_feed(engine, url, Settings())
    assert again.not_modified and sorted(i.key for i in again.todo) == ["1", "2"]
    for _ in range(MAX_ATTEMPTS - 1):
        status = record_item(engine, url, "2", error="HTTP 503", transient=True)
    assert status == ItemStatus.FAILED
    assert record_item(engine, url, "1", error="HTTP 404 Not Found") == ItemStatus.FAILED
    assert poll_feed(engine, url, Settings()).todo == []


def test_feed_errors_are_recorded(http_server, db_url: str) -> None:
    engine = open_engine(db_url)
    url = http_server.add("/gone.xml", status=404, body=b"no")
    with pytest.raises(FetchError, match="HTTP 404"):
        poll_feed(engine, url, Settings())
    (state,) = feed_states(engine)
    assert "HTTP 404" in (state.last_error or "") and state.polled_at is not None
    page = http_server.add("/page.html", body=b"<html><body>hi</body></html>")
    with pytest.raises(FetchError, match="content type 'text/html'"):
        poll_feed(engine, page, Settings())


def test_fetch_honours_retry_after_and_types_transient_errors(http_server, monkeypatch) -> None:
    monkeypatch.setattr("claims.fetch.RETRIES", 1)
    url = http_server.add("/busy", status=503, body=b"busy", headers={"Retry-After": "1"})
    started = time.monotonic()
    with pytest.raises(TransientFetchError, match="HTTP 503"):
        fetch(url, Settings())
    assert http_server.hits["/busy"] == 2
    assert time.monotonic() - started >= 1.0  # waited the Retry-After, not the 0.01 s back-off


def test_per_host_limit(http_server) -> None:
    in_flight = 0
    peak = 0
    lock = threading.Lock()

    def slow(handler: BaseHTTPRequestHandler) -> None:
        nonlocal in_flight, peak
        with lock:
            in_flight += 1
            peak = max(peak, in_flight)
        time.sleep(0.15)
        with lock:
            in_flight -= 1
        handler.send_response(200)
        handler.send_header("Content-Type", "text/plain")
        handler.send_header("Content-Length", "2")
        handler.end_headers()
        handler.wfile.write(b"ok")

    url = http_server.add("/slow", Route(handler=slow))
    limiter = HostLimiter(per_host=2)
    with ThreadPoolExecutor(max_workers=6) as pool:
        answers = list(pool.map(lambda _: fetch(url, Settings(), limiter=limiter), range(6)))
    assert [a.body for a in answers] == [b"ok"] * 6
    assert peak == 2


# ---------------------------------------------- issue 15, item 4: large feeds stay linear and bounded


def dated_rss(count: int) -> bytes:
    """An RSS feed of ``count`` items, one a minute, in no particular order (item i at minute i)."""
    import datetime as dt
    import random

    order = list(range(count))
    random.Random(15).shuffle(order)
    start = dt.datetime(2026, 11, 1, tzinfo=dt.UTC)
    entries = "".join(
        f"<item><title>Story {i}</title><link>/s/{i}</link><guid isPermaLink='false'>{i}</guid>"
        f"<pubDate>{(start + dt.timedelta(minutes=i)).strftime('%a, %d %b %Y %H:%M:%S GMT')}</pubDate></item>"
        for i in order
    )
    return (
        "<?xml version='1.0' encoding='UTF-8'?><rss version='2.0'><channel><title>Big</title>"
        f"<link>http://127.0.0.1/</link><description>test</description>{entries}</channel></rss>"
    ).encode()


def test_a_poll_considers_the_newest_feed_max_items_with_a_warning(http_server, db_url: str, caplog) -> None:
    engine = open_engine(db_url)
    url = http_server.add("/big.xml", body=dated_rss(1000), content_type="application/rss+xml")
    with caplog.at_level("WARNING", logger="claims.feeds"):
        poll = poll_feed(engine, url, Settings(feed_max_items=200))
    assert poll.items_in_feed == 1000 and poll.skipped == 800
    assert sorted(int(i.key) for i in poll.todo) == list(range(800, 1000))  # the newest 200
    assert [r.getMessage() for r in caplog.records] == [
        f"feed {url}: 1000 items, only the newest 200 are considered (CLAIMS_FEED_MAX_ITEMS)"
    ]
    (state,) = feed_states(engine)
    assert len(state.items) == 200  # the state stays the size of the cap, not of the feed


def test_feed_max_items_comes_from_the_environment(monkeypatch) -> None:
    assert Settings.from_env().feed_max_items == 200
    monkeypatch.setenv("CLAIMS_FEED_MAX_ITEMS", "25")
    assert Settings.from_env().feed_max_items == 25


def test_a_polls_outcomes_are_written_in_one_statement(http_server, db_url: str) -> None:
    """Recording 1,000 outcomes writes the feed's state once, not once per item (quadratic in the feed)."""
    from sqlalchemy import event

    from claims.feeds import ItemResult, record_items

    engine = open_engine(db_url)
    url = http_server.add("/big.xml", body=dated_rss(1000), content_type="application/rss+xml")
    poll = poll_feed(engine, url, Settings(feed_max_items=1000))
    writes: list[str] = []
    event.listen(engine, "before_cursor_execute", lambda *a: writes.append(a[2]) if "feed_state" in a[2] else None)
    statuses = record_items(engine, url, [ItemResult(i.key, article_id=int(i.key)) for i in poll.todo])
    assert set(statuses.values()) == {ItemStatus.CHECKED} and len(statuses) == 1000
    assert sum(w.lstrip().upper().startswith("UPDATE") for w in writes) == 1
    (state,) = feed_states(engine)
    assert all(entry["status"] == ItemStatus.CHECKED for entry in state.items.values())

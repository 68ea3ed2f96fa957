"""A whole fetch has a deadline (CLAIMS_FETCH_DEADLINE), besides the time-out between reads (issue 15, item 3).

A loopback server drips its answer a byte at a time, each byte well inside the read
time-out: the body of an article, the headers, a feed. The fetch must give up at the
deadline with a one-line, retry-later error naming the URL, and a feed poll must
lose only the slow item.
"""

from __future__ import annotations

import time
from http.server import BaseHTTPRequestHandler

import pytest

from claims.config import Settings
from claims.feeds import poll_feed
from claims.fetch import TransientFetchError, fetch, fetch_article
from tests.helpers import Route

DEADLINE = 1.0
#: The drip takes this long in all, so the fetch would succeed without a deadline.
DRIP_SECONDS = 6.0


def settings(**kwargs: object) -> Settings:
    defaults: dict[str, object] = {"fetch_timeout": 5.0, "fetch_deadline": DEADLINE, "fetch_allow": ("127.0.0.0/8",)}
    return Settings(**{**defaults, **kwargs})  # type: ignore[arg-type]


PAGE = (
    b"<html><head><title>Slow story</title></head><body><article><p>The bridge cost 42 million dollars, "
    b"the council said on Monday, and it reopened after 18 months of repairs.</p></article></body></html>"
)


def drip(body: bytes, *, headers_too: bool = False, content_type: str = "text/html") -> Route:
    """An answer sent one byte at a time over DRIP_SECONDS (headers and all, if ``headers_too``)."""

    def handler(request: BaseHTTPRequestHandler) -> None:
        head = (
            f"HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\nContent-Length: {len(body)}\r\n"
            "X-Padding: " + "x" * 40 + "\r\n\r\n"
        ).encode()
        slow = head + body if headers_too else body
        if not headers_too:
            request.wfile.write(head)
        pause = DRIP_SECONDS / len(slow)
        try:
            for i in range(len(slow)):
                request.wfile.write(slow[i : i + 1])
                request.wfile.flush()
                time.sleep(pause)
        except (BrokenPipeError, ConnectionResetError):
            return
        request.close_connection = True

    return Route(handler=handler)


@pytest.mark.parametrize("headers_too", [False, True], ids=["body", "headers"])
def test_a_dripping_article_stops_at_the_deadline(http_server, headers_too: bool) -> None:
    url = http_server.add("/slow", drip(PAGE, headers_too=headers_too))
    start = time.monotonic()
    with pytest.raises(TransientFetchError) as failed:
        fetch_article(url, settings())
    took = time.monotonic() - start
    assert DEADLINE * 0.9 <= took < DEADLINE + 1.0, took
    assert str(failed.value) == f"{url}: no answer within the 1-second deadline (CLAIMS_FETCH_DEADLINE)"
    assert http_server.hits["/slow"] == 1  # the deadline covers the retries: none is started


def test_a_fast_answer_is_untouched_and_the_deadline_comes_from_the_environment(http_server, monkeypatch) -> None:
    url = http_server.add("/fast", body=PAGE)
    assert fetch_article(url, settings()).title == "Slow story"
    monkeypatch.setenv("CLAIMS_FETCH_DEADLINE", "2.5")
    assert Settings.from_env().fetch_deadline == 2.5
    monkeypatch.delenv("CLAIMS_FETCH_DEADLINE")
    assert Settings.from_env().fetch_deadline == 60.0


def test_a_dripping_feed_stops_at_the_deadline(http_server, db_url: str) -> None:
    from claims.db import open_engine

    feed = b'<?xml version="1.0"?><rss version="2.0"><channel><title>Slow</title></channel></rss>'
    url = http_server.add("/feed.xml", drip(feed, content_type="application/rss+xml"))
    start = time.monotonic()
    with pytest.raises(TransientFetchError, match="deadline"):
        fetch(url, settings(), accept={"application/rss+xml": "feed"})
    with pytest.raises(TransientFetchError, match="deadline"):
        poll_feed(open_engine(db_url), url, settings())
    assert time.monotonic() - start < 2 * DEADLINE + 1.5

"""Fetch an article over HTTP(S) with httpx: timeouts, retries, size and type limits.

Retries with exponential back-off on time-outs, connection errors and 5xx
answers, never on 4xx. The body is streamed and cut off at the size limit, and
only HTML and plain-text answers are accepted.
"""

from __future__ import annotations

import datetime as dt
import time
from urllib.parse import urlsplit

import httpx

from claims.config import Settings
from claims.errors import FetchError, UnsupportedSource
from claims.sources import Article, from_bytes

ACCEPTED_TYPES = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "text/plain": "text",
    "text/markdown": "markdown",
}
RETRIES = 3
BACKOFF = 0.5


def _check_url(url: str) -> None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise UnsupportedSource(f"{url}: only http and https URLs are fetched")
    if not parts.hostname:
        raise FetchError(f"{url}: the URL has no host name")


def make_client(settings: Settings, transport: httpx.BaseTransport | None = None) -> httpx.Client:
    """An httpx client with our User-Agent, timeouts and redirect limit."""
    return httpx.Client(
        headers={
            "User-Agent": settings.user_agent,
            "Accept": "text/html, text/plain;q=0.9, */*;q=0.1",
        },
        timeout=httpx.Timeout(settings.fetch_timeout, connect=min(settings.fetch_timeout, 10.0)),
        follow_redirects=True,
        max_redirects=10,
        transport=transport,
    )


def _read_limited(response: httpx.Response, url: str, limit: int) -> bytes:
    declared = response.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise FetchError(f"{url}: {int(declared):,} bytes is over the {limit:,}-byte limit (CLAIMS_MAX_BYTES)")
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > limit:
            raise FetchError(f"{url}: body is over the {limit:,}-byte limit (CLAIMS_MAX_BYTES)")
        chunks.append(chunk)
    return b"".join(chunks)


def fetch_bytes(url: str, settings: Settings, client: httpx.Client | None = None) -> tuple[bytes, str, str | None, str]:
    """GET ``url``: (body, kind, charset, final URL), retrying transient failures."""
    _check_url(url)
    own = client is None
    client = client or make_client(settings)
    try:
        for attempt in range(RETRIES + 1):
            try:
                with client.stream("GET", url) as response:
                    if response.status_code >= 500 and attempt < RETRIES:
                        time.sleep(BACKOFF * 2**attempt)
                        continue
                    if response.status_code >= 400:
                        raise FetchError(f"{url}: HTTP {response.status_code} {response.reason_phrase}".rstrip())
                    ctype = response.headers.get("content-type", "").split(";")[0].strip().lower()
                    kind = ACCEPTED_TYPES.get(ctype)
                    if kind is None:
                        raise FetchError(f"{url}: unexpected content type {ctype or '(none)'!r}")
                    body = _read_limited(response, url, settings.max_bytes)
                    return body, kind, response.charset_encoding, str(response.url)
            except httpx.TooManyRedirects:
                raise FetchError(f"{url}: too many redirects") from None
            except (httpx.TimeoutException, httpx.NetworkError, httpx.RemoteProtocolError) as exc:
                if attempt < RETRIES:
                    time.sleep(BACKOFF * 2**attempt)
                    continue
                reason = "timed out" if isinstance(exc, httpx.TimeoutException) else "connection failed"
                raise FetchError(f"{url}: {reason} after {RETRIES + 1} attempts") from None
        raise FetchError(f"{url}: server error after {RETRIES + 1} attempts")
    finally:
        if own:
            client.close()


def fetch_article(url: str, settings: Settings, client: httpx.Client | None = None) -> Article:
    """Fetch and parse the article at ``url``."""
    body, kind, charset, final_url = fetch_bytes(url, settings, client)
    article = from_bytes(url, body, kind=kind, url=final_url, charset=charset)
    return Article(**{**article.__dict__, "fetched": dt.datetime.now(dt.UTC)})

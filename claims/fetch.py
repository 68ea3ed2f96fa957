"""Fetch articles and feeds over HTTP(S) with httpx, politely.

- a clear User-Agent and time-outs (from :class:`~claims.config.Settings`): one
  per read, and a deadline for the whole fetch, retries included
  (``CLAIMS_FETCH_DEADLINE``), enforced on every socket read and write, so a host
  dripping a byte a second (headers or body) costs one item, not the poll;
- retries with exponential back-off on time-outs, connection errors and 5xx
  answers (a ``Retry-After`` is honoured up to :data:`MAX_BACKOFF`), never on 4xx;
- at most :data:`PER_HOST` requests in flight to one host from this process
  (:class:`HostLimiter`; the Prefect flows add a limit shared by every worker);
- conditional GET: pass the ``ETag`` / ``Last-Modified`` of the last answer and a
  ``304 Not Modified`` comes back as :attr:`Fetched.not_modified`, with no body;
- the body is streamed and cut off at the size limit, and only the content types
  asked for are accepted (HTML and plain text for articles).

Failures are :class:`~claims.errors.FetchError`; those worth trying again later
(5xx or time-outs after every retry) are :class:`TransientFetchError`.
"""

from __future__ import annotations

import datetime as dt
import ssl
import threading
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpcore
import httpx

from claims.config import Settings
from claims.errors import FetchError, UnsupportedSource
from claims.netguard import guarded_transport
from claims.sources import Article, from_bytes

ACCEPTED_TYPES = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "text/plain": "text",
    "text/markdown": "markdown",
}
RETRIES = 3
#: The longest we wait before one retry, whatever the server's Retry-After says.
MAX_BACKOFF = 30.0
#: Requests in flight to one host from one process.
PER_HOST = 2


class TransientFetchError(FetchError):
    """The server failed (5xx) or did not answer, after every retry: try again later."""


# --------------------------------------------------------------------- the deadline
# httpx has no overall time-out: its read time-out starts again with every byte. The
# deadline of the fetch running in this thread caps the time-out of each socket
# operation, through a wrapper around httpcore's network backend.
_deadline = threading.local()


def _time_left(timeout: float | None) -> float | None:
    end = getattr(_deadline, "at", None)
    if end is None:
        return timeout
    left = end - time.monotonic()
    if left <= 0:
        raise httpcore.ReadTimeout("the fetch deadline passed")
    return left if timeout is None else min(timeout, left)


class _DeadlineStream(httpcore.NetworkStream):
    def __init__(self, inner: httpcore.NetworkStream) -> None:
        self._inner = inner

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, _time_left(timeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, _time_left(timeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(
        self, ssl_context: ssl.SSLContext, server_hostname: str | None = None, timeout: float | None = None
    ) -> httpcore.NetworkStream:
        return _DeadlineStream(self._inner.start_tls(ssl_context, server_hostname, _time_left(timeout)))

    def get_extra_info(self, info: str) -> object:
        return self._inner.get_extra_info(info)


class _DeadlineBackend(httpcore.NetworkBackend):
    def __init__(self, inner: httpcore.NetworkBackend) -> None:
        self._inner = inner

    def connect_tcp(self, host: str, port: int, timeout: float | None = None, local_address: str | None = None,
                    socket_options: object = None) -> httpcore.NetworkStream:  # fmt: skip
        stream = self._inner.connect_tcp(host, port, _time_left(timeout), local_address, socket_options)  # type: ignore[arg-type]
        return _DeadlineStream(stream)

    def connect_unix_socket(self, path: str, timeout: float | None = None, socket_options: object = None) -> httpcore.NetworkStream:  # fmt: skip
        return _DeadlineStream(self._inner.connect_unix_socket(path, _time_left(timeout), socket_options))  # type: ignore[arg-type]

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)


def _bound_by_deadline(transport: httpx.BaseTransport) -> httpx.BaseTransport:
    """Make the httpx transport (or the one our guard wraps) obey the fetch deadline."""
    inner = getattr(transport, "inner", transport)
    pool = getattr(inner, "_pool", None)  # httpx.HTTPTransport's httpcore.ConnectionPool
    backend = getattr(pool, "_network_backend", None)
    if backend is not None and not isinstance(backend, _DeadlineBackend):
        pool._network_backend = _DeadlineBackend(backend)  # type: ignore[union-attr]
    return transport


@contextmanager
def deadline(seconds: float) -> Iterator[float]:
    """Within the block, socket operations of this thread stop ``seconds`` from now; yields the end."""
    outer = getattr(_deadline, "at", None)
    end = time.monotonic() + seconds
    if outer is not None:
        end = min(end, outer)
    _deadline.at = end
    try:
        yield end
    finally:
        _deadline.at = outer


@dataclass(frozen=True)
class Fetched:
    """One HTTP answer: its body (empty for 304), kind and validators for the next conditional GET."""

    url: str
    status: int
    body: bytes = b""
    kind: str = ""
    charset: str | None = None
    etag: str | None = None
    last_modified: str | None = None

    @property
    def not_modified(self) -> bool:
        """True when the server answered 304: nothing changed since the validators we sent."""
        return self.status == 304


class HostLimiter:
    """At most ``per_host`` requests in flight to each host, across this process's threads."""

    def __init__(self, per_host: int = PER_HOST) -> None:
        self.per_host = max(1, per_host)
        self._lock = threading.Lock()
        self._slots: dict[str, threading.BoundedSemaphore] = {}

    @contextmanager
    def slot(self, url: str) -> Iterator[None]:
        """Hold one of the host's slots while the block runs."""
        host = (urlsplit(url).hostname or "").lower()
        with self._lock:
            semaphore = self._slots.setdefault(host, threading.BoundedSemaphore(self.per_host))
        with semaphore:
            yield


#: The process-wide limiter used when a caller does not pass its own.
HOSTS = HostLimiter()


def host_of(url: str) -> str:
    """The URL's host name, lower-case (with the port when one is given)."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    return f"{host}:{parts.port}" if parts.port else host


def check_url(url: str) -> None:
    """Refuse what cannot be fetched before any request: another scheme, no host, a URL httpx rejects."""
    try:
        parts = urlsplit(url)
        httpx.URL(url)
    except (ValueError, httpx.InvalidURL) as exc:  # e.g. http://0177.0.0.1/, a port out of range
        from claims.redact import redact_url

        raise UnsupportedSource(f"{redact_url(url)}: not a valid URL ({exc})") from None
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
        transport=transport if transport is not None else _bound_by_deadline(guarded_transport(settings.fetch_allow)),
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


def _delay(attempt: int, backoff: float, response: httpx.Response | None = None) -> float:
    """Exponential back-off from ``backoff`` (CLAIMS_FETCH_BACKOFF), or the server's Retry-After (in seconds)."""
    wait = backoff * 2**attempt
    retry_after = response.headers.get("retry-after", "") if response is not None else ""
    if retry_after.strip().isdigit():
        wait = max(wait, float(retry_after))
    return min(wait, MAX_BACKOFF)


def fetch(
    url: str,
    settings: Settings,
    client: httpx.Client | None = None,
    *,
    accept: Mapping[str, str] = ACCEPTED_TYPES,
    etag: str | None = None,
    last_modified: str | None = None,
    limiter: HostLimiter | None = None,
) -> Fetched:
    """GET ``url`` politely: retries, per-host limit, size cap, content types in ``accept``.

    With ``etag`` or ``last_modified`` the request is conditional and a 304
    answer is returned as it is (``Fetched.not_modified``).
    """
    check_url(url)
    headers = {}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    if accept is not ACCEPTED_TYPES:
        headers["Accept"] = ", ".join(accept) + ", */*;q=0.1"
    own = client is None
    client = client or make_client(settings)
    late = TransientFetchError(
        f"{url}: no answer within the {settings.fetch_deadline:g}-second deadline (CLAIMS_FETCH_DEADLINE)"
    )
    try:
        with deadline(settings.fetch_deadline) as end:
            return _fetch(url, settings, client, accept, headers, limiter, end, late)
    finally:
        if own:
            client.close()


def _fetch(
    url: str,
    settings: Settings,
    client: httpx.Client,
    accept: Mapping[str, str],
    headers: dict[str, str],
    limiter: HostLimiter | None,
    end: float,
    late: TransientFetchError,
) -> Fetched:
    """The attempts of :func:`fetch`, inside its deadline ``end`` (``late`` when it passes)."""
    for attempt in range(RETRIES + 1):
        try:
            with (limiter or HOSTS).slot(url), client.stream("GET", url, headers=headers) as response:
                if response.status_code >= 500 and attempt < RETRIES:
                    wait = _delay(attempt, settings.fetch_backoff, response)
                else:
                    return _answer(url, response, settings, accept)
        except httpx.TooManyRedirects:
            raise FetchError(f"{url}: too many redirects") from None
        except httpx.InvalidURL as exc:  # a redirect to a URL httpx cannot parse
            raise FetchError(f"{url}: not a valid URL ({exc})") from None
        except (httpx.TimeoutException, httpx.NetworkError, httpx.RemoteProtocolError) as exc:
            if time.monotonic() >= end:
                raise late from None
            if attempt >= RETRIES:
                reason = "timed out" if isinstance(exc, httpx.TimeoutException) else "connection failed"
                raise TransientFetchError(f"{url}: {reason} after {RETRIES + 1} attempts") from None
            wait = _delay(attempt, settings.fetch_backoff)
        if time.monotonic() + wait >= end:  # the next attempt could not finish in time
            raise late
        time.sleep(wait)  # outside the host slot, so waiting does not block other requests
    raise TransientFetchError(f"{url}: server error after {RETRIES + 1} attempts")  # pragma: no cover


def _answer(url: str, response: httpx.Response, settings: Settings, accept: Mapping[str, str]) -> Fetched:
    """Turn a final response into :class:`Fetched`, or raise the error it means."""
    validators = {"etag": response.headers.get("etag"), "last_modified": response.headers.get("last-modified")}
    if response.status_code == 304:
        return Fetched(str(response.url), 304, **validators)
    if response.status_code >= 400:
        error = TransientFetchError if response.status_code >= 500 else FetchError
        reason = f"HTTP {response.status_code} {response.reason_phrase}".rstrip()
        if response.status_code >= 500:
            reason += f" after {RETRIES + 1} attempts"
        raise error(f"{url}: {reason}")
    ctype = response.headers.get("content-type", "").split(";")[0].strip().lower()
    kind = accept.get(ctype)
    if kind is None:
        raise FetchError(f"{url}: unexpected content type {ctype or '(none)'!r}")
    body = _read_limited(response, url, settings.max_bytes)
    return Fetched(str(response.url), response.status_code, body, kind, response.charset_encoding, **validators)


def fetch_bytes(url: str, settings: Settings, client: httpx.Client | None = None) -> tuple[bytes, str, str | None, str]:
    """GET ``url``: (body, kind, charset, final URL), retrying transient failures."""
    answer = fetch(url, settings, client)
    return answer.body, answer.kind, answer.charset, answer.url


def fetch_article(url: str, settings: Settings, client: httpx.Client | None = None) -> Article:
    """Fetch and parse the article at ``url``."""
    body, kind, charset, final_url = fetch_bytes(url, settings, client)
    article = from_bytes(url, body, kind=kind, url=final_url, charset=charset)
    return Article(**{**article.__dict__, "fetched": dt.datetime.now(dt.UTC)})

"""The ``ingest-feeds`` flow: poll RSS/Atom feeds and check every new article they list.

One flow run per poll, not per article (a flow run costs about a second and
bursts of flow runs stall a SQLite-backed Prefect server): each feed is a
``poll-<host>`` task, each new item a ``check-<slug>`` task run on a bounded
thread pool, and the reports are rendered once at the end. Fetches to one host
hold a slot of the Prefect global concurrency limit ``fetch-<host>`` (created
on first use), shared by every worker; when the Prefect API cannot provide it,
the process-wide per-host limit of :mod:`claims.fetch` still applies.

A batch shows its progress as a progress artifact in the UI, as a bar in a
terminal and as INFO log lines. A failed item fails its own task run with a
one-line reason naming the article; the flow run fails only when a feed could
not be read.
"""

from __future__ import annotations

import logging
import os
import sys
import threading
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager, suppress
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

import httpx
from prefect import flow, get_run_logger, task
from prefect.artifacts import (
    create_link_artifact,
    create_markdown_artifact,
    create_progress_artifact,
    create_table_artifact,
    update_progress_artifact,
)
from prefect.exceptions import MissingContextError
from prefect.futures import as_completed
from prefect.runtime import flow_run
from prefect.states import Completed, Failed, State
from prefect.task_runners import ThreadPoolTaskRunner

from claims.config import Settings
from claims.db import open_engine
from claims.errors import ClaimsError, SourceError
from claims.feeds import FeedItem, ItemResult, Poll, feed_list, poll_feed, record_items
from claims.fetch import TransientFetchError, fetch_article, host_of
from claims.redact import markdown_table, markdown_text, original_url, redact_text, redact_url
from claims.report import page_link
from claims.sources import check_deployment_source, load_article, slugify
from flows import deployment_run
from flows.check_article import extract, queue
from flows.failures import RunFailed, failed
from flows.render_reports import render_articles

#: Items checked at once; the per-host limit keeps each site's share polite.
MAX_WORKERS = 4
#: The feeds file a deployment run may always read: ``feeds.txt`` in the worker's folder.
DEFAULT_FEEDS_FILE = "feeds.txt"
#: Requests in flight to one host across every worker (the ``fetch-<host>`` limit).
PER_HOST = 2


@dataclass(frozen=True)
class ItemOutcome:
    """What checking one feed item did: small, so a batch of thousands stays light."""

    feed: str
    key: str
    link: str
    ok: bool
    article_id: int | None = None
    slug: str = ""
    title: str = ""
    created: bool = False
    revision: int = 1
    claims: int = 0
    added: int = 0
    kept: int = 0
    gone: int = 0
    error: str | None = None
    transient: bool = False

    def __repr__(self) -> str:  # Prefect logs a failed task's data: keep that line short
        return f"ItemOutcome({redact_url(self.link)!r}, {self.state})"

    @property
    def state(self) -> str:
        """new, revised, unchanged or failed."""
        if not self.ok:
            return "failed"
        if self.created:
            return "revised" if self.revision > 1 else "new"
        return "unchanged"


@dataclass(frozen=True)
class IngestSummary:
    """What one run of ``ingest-feeds`` did."""

    feeds: list[dict[str, object]]
    items: list[ItemOutcome] = field(default_factory=list)
    index: str = ""

    def count(self, state: str) -> int:
        """How many items ended in ``state`` (new, revised, unchanged, failed)."""
        return sum(1 for item in self.items if item.state == state)


class IngestFailed(RunFailed):
    """A run of ``ingest-feeds`` that failed: its one-line message, and its summary (``data``) when it has one."""

    @property
    def summary(self) -> IngestSummary | None:
        """What the run did before it failed (in this process; None after pickling)."""
        return self.data if isinstance(self.data, IngestSummary) else None


# ------------------------------------------------------------------ per-host limits

_limits_lock = threading.Lock()
_limits: dict[str, bool] = {}


def limit_name(url: str) -> str:
    """The Prefect concurrency limit of the URL's host: ``fetch-`` and the host, dashed."""
    return "fetch-" + (slugify(host_of(url), max_len=80) or "unknown")


def ensure_limit(name: str, slots: int) -> bool:
    """Create the global concurrency limit ``name`` unless it exists; False when the API refuses."""
    with _limits_lock:
        if name in _limits:
            return _limits[name]
        from prefect.client.orchestration import get_client
        from prefect.client.schemas.actions import GlobalConcurrencyLimitCreate
        from prefect.exceptions import ObjectAlreadyExists, ObjectNotFound

        try:
            with get_client(sync_client=True) as client:
                try:
                    client.read_global_concurrency_limit_by_name(name)
                except ObjectNotFound:
                    with suppress(ObjectAlreadyExists):  # another worker made it first
                        client.create_global_concurrency_limit(GlobalConcurrencyLimitCreate(name=name, limit=slots))
            _limits[name] = True
        except Exception as exc:  # no API, or an old server: the local per-host limit still holds
            _logger().warning("no Prefect concurrency limit %s (%s): using this process's limit", name, exc)
            _limits[name] = False
        return _limits[name]


def _logger() -> logging.Logger | logging.LoggerAdapter:
    try:
        return get_run_logger()
    except MissingContextError:
        return logging.getLogger("claims.ingest")


@contextmanager
def host_slot(url: str, slots: int = PER_HOST) -> Iterator[None]:
    """Hold a slot of the host's global concurrency limit (when Prefect can provide one)."""
    name = limit_name(url)
    with ExitStack() as stack:
        if ensure_limit(name, slots):
            from prefect.concurrency.asyncio import ConcurrencySlotAcquisitionError
            from prefect.concurrency.sync import concurrency

            try:
                stack.enter_context(concurrency(name, occupy=1, strict=True))
            except ConcurrencySlotAcquisitionError as exc:  # deleted in the UI, say: make it again next time
                _logger().warning("concurrency limit %s: %s; fetching without it", name, exc)
                with _limits_lock:
                    _limits.pop(name, None)
        yield


# ------------------------------------------------------------------ tasks


def _host_param(url: str) -> str:
    return slugify(host_of(url), max_len=60) or "feed"


@task(name="poll-feed", task_run_name="poll-{host}")
def poll(url: str, host: str, settings: Settings, per_host: int = PER_HOST) -> Poll | State:
    """Fetch a feed (conditional GET) and note its new items; a bad feed fails with a one-line reason."""
    logger = get_run_logger()
    try:
        with host_slot(url, per_host):
            result = poll_feed(open_engine(settings.database_url), url, settings)
    except ClaimsError as exc:
        logger.error("feed %s", redact_text(str(exc)))
        return Failed(message=redact_text(str(exc)))
    if result.skipped:
        logger.warning(
            "feed %s: %d items, only the newest %d are considered (CLAIMS_FEED_MAX_ITEMS)",
            redact_url(url),
            result.items_in_feed,
            result.items_in_feed - result.skipped,
        )
    if result.not_modified:
        logger.info("feed %s: not modified (304); %d items to retry", redact_url(url), len(result.todo))
    else:
        logger.info("feed %s: %d items, %d to check", redact_url(url), result.items_in_feed, len(result.todo))
    return result


def check_link(
    feed: str, item: FeedItem, settings: Settings, *, per_host: int = PER_HOST, client: httpx.Client | None = None
) -> ItemOutcome:
    """Check one article URL: fetch (holding a host slot), extract, queue. Never raises on a bad article.

    The reusable per-article step: call it from inside a flow or task run.
    """
    fetcher = partial(fetch_article, client=client) if client is not None else None
    try:
        with host_slot(item.link, per_host):
            article = load_article(item.link, settings, fetch=fetcher)
    except SourceError as exc:
        return ItemOutcome(
            feed,
            item.key,
            item.link,
            False,
            error=redact_text(str(exc)),
            transient=isinstance(exc, TransientFetchError),
        )
    try:
        claims = extract.fn(article)
        queued = queue.fn(article, claims, settings.database_url, settings.max_claims)
    except ClaimsError as exc:
        return ItemOutcome(
            feed, item.key, item.link, False, title=article.title, error=redact_text(f"{item.link}: {exc}")
        )
    return ItemOutcome(
        feed,
        item.key,
        item.link,
        True,
        article_id=queued.article_id,
        slug=queued.slug,
        title=article.title,
        created=queued.created,
        revision=queued.revision,
        claims=min(len(claims), settings.max_claims),
        added=queued.added,
        kept=queued.kept,
        gone=queued.gone,
    )


@task(name="check-item", task_run_name="check-{slug}")
def check_item(
    feed: str, item: FeedItem, slug: str, settings: Settings, per_host: int = PER_HOST
) -> ItemOutcome | State:
    """Check one feed item; a failure fails this task run with a message naming the article."""
    outcome = check_link(feed, item, settings, per_host=per_host)
    if not outcome.ok:
        get_run_logger().error("%s", outcome.error)
        return Failed(message=outcome.error or f"{redact_url(item.link)}: failed", data=outcome)
    logger = get_run_logger()
    if outcome.state == "revised":
        logger.info(
            "%s: revision %d of article %s: %d claims added, %d kept, %d gone",
            redact_url(item.link),
            outcome.revision,
            outcome.article_id,
            outcome.added,
            outcome.kept,
            outcome.gone,
        )
    else:
        logger.info(
            "%s: %s, %d claims (article %s)", redact_url(item.link), outcome.state, outcome.claims, outcome.article_id
        )
    return outcome


# ------------------------------------------------------------------ the flow


def _run_name() -> str:
    params = flow_run.parameters
    feeds = list(params.get("feeds") or [])
    if params.get("feeds_file"):
        return f"ingest-{slugify(Path(str(params['feeds_file'])).stem, max_len=40) or 'feeds'}"
    hosts = sorted({_host_param(url) for url in feeds})
    if len(hosts) == 1:
        return f"ingest-{hosts[0]}"
    return f"ingest-{len(feeds)}-feeds"


def _item_slug(item: FeedItem) -> str:
    tail = redact_url(item.link).split("?")[0].rstrip("/").rsplit("/", 1)[-1]
    return slugify(item.title or tail, max_len=50) or "item"


class Progress:
    """Progress of a batch: a Prefect progress artifact, a rich bar on a terminal, INFO lines."""

    def __init__(self, total: int, description: str) -> None:
        self.total, self.done = total, 0
        self.artifact = create_progress_artifact(progress=0.0, description=description)
        self.logger = get_run_logger()
        self.step = max(1, total // 10)
        self.bar = None
        if sys.stderr.isatty():
            from rich.progress import Progress as Bar

            self.bar = Bar(transient=False)
            self.bar.start()
            self.task = self.bar.add_task(description, total=total)

    def advance(self, outcome: ItemOutcome) -> None:
        """One more item done."""
        self.done += 1
        if self.bar is not None:
            self.bar.advance(self.task)
        if self.done % self.step == 0 or self.done == self.total:
            update_progress_artifact(self.artifact, progress=100.0 * self.done / self.total)
            self.logger.info("progress: %d of %d items checked", self.done, self.total)

    def close(self) -> None:
        """Stop the terminal bar."""
        if self.bar is not None:
            self.bar.stop()


def check_items(
    todo: list[tuple[str, FeedItem]], settings: Settings, *, max_workers: int, per_host: int
) -> list[ItemOutcome]:
    """Check every item on a bounded thread pool, then record the outcomes in each feed's state at once.

    A feed's state is one JSON value: written once per feed and poll, not once per item
    (which made a 100,000-item feed quadratic). A crash before the write loses only the
    records: those items are checked again on the next poll, and their articles are
    recognised by their text.
    """
    if not todo:
        return []
    engine = open_engine(settings.database_url)
    progress = Progress(len(todo), f"checking {len(todo)} new articles")
    outcomes: list[ItemOutcome] = []
    try:
        with ThreadPoolTaskRunner(max_workers=max(1, max_workers)) as runner:
            futures = [
                runner.submit(
                    check_item,
                    {"feed": feed, "item": item, "slug": _item_slug(item), "settings": settings, "per_host": per_host},
                )
                for feed, item in todo
            ]
            by_future = {id(future): pair for future, pair in zip(futures, todo, strict=True)}
            for future in as_completed(futures):
                future.wait()
                result = future.state.result(raise_on_failure=False)
                if not isinstance(result, ItemOutcome):  # the task crashed: still name the article
                    feed, item = by_future[id(future)]
                    reason = redact_text(f"{item.link}: {future.state.message or result}")
                    result = ItemOutcome(feed, item.key, item.link, False, error=reason)
                outcomes.append(result)
                progress.advance(result)
    finally:
        progress.close()
        by_feed: dict[str, list[ItemResult]] = {}
        for done in outcomes:
            by_feed.setdefault(done.feed, []).append(ItemResult(done.key, done.article_id, done.error, done.transient))
        for feed_url, results in by_feed.items():
            record_items(engine, feed_url, results)
    return outcomes


def publish_artifacts(summary: IngestSummary) -> None:
    """A summary, a table of feeds, a table of items, and a link to the reports index."""
    counts = {s: summary.count(s) for s in ("new", "revised", "unchanged", "failed")}
    lines = [
        f"# Feeds: {len(summary.feeds)} polled, {len(summary.items)} items checked",
        "",
        *(f"- {state}: **{n}**" for state, n in counts.items()),
    ]
    failures = [item for item in summary.items if not item.ok]
    failures_feeds = [f for f in summary.feeds if f.get("error")]
    if failures or failures_feeds:
        lines += ["", "## Failures", ""]
        lines += [f"- feed {markdown_text(f['feed'])}: {markdown_text(f['error'])}" for f in failures_feeds]
        lines += [f"- {markdown_text(item.error)}" for item in failures]
    if summary.index:
        lines += ["", f"Reports: {markdown_text(summary.index)}"]
    create_markdown_artifact(markdown="\n".join(lines), key="claims-ingest-summary", description="Feeds ingested")
    create_table_artifact(table=markdown_table(summary.feeds), key="claims-ingest-feeds", description="Feeds polled")
    if summary.items:
        create_table_artifact(
            table=markdown_table(
                [
                    {
                        "state": item.state,
                        "article": item.title or redact_url(item.link),
                        "link": redact_url(item.link),
                        "claims": item.claims,
                        "article_id": item.article_id or "",
                        "revision": item.revision if item.ok else "",
                        "added / kept / gone": f"{item.added} / {item.kept} / {item.gone}" if item.revision > 1 else "",
                        "reason": item.error or "",
                    }
                    for item in summary.items
                ]
            ),
            key="claims-ingest-items",
            description="Items checked",
        )
    if summary.index:
        create_link_artifact(link=page_link(summary.index), link_text="Reports index", key="claims-ingest-report")


@flow(name="ingest-feeds", flow_run_name=_run_name, log_prints=False)
def ingest_feeds(
    feeds: list[str] | None = None,
    feeds_file: str | None = None,
    max_workers: int = MAX_WORKERS,
    per_host: int = PER_HOST,
) -> State:
    """Poll the feeds (URLs, and/or a file of URLs), check each new article, refresh the reports.

    The database and the reports folder come from the environment. A deployment run
    reads its feeds file only when it is the default ``feeds.txt`` of the worker's
    folder, the worker's CLAIMS_FEEDS_FILE, or lies inside CLAIMS_ARTICLES_DIR.
    """
    logger = get_run_logger()
    settings = Settings.from_env()
    try:
        if deployment_run() and feeds_file not in (None, DEFAULT_FEEDS_FILE, os.environ.get("CLAIMS_FEEDS_FILE")):
            check_deployment_source(str(feeds_file), settings, "feeds file")
        urls = [original_url(u) for u in feed_list(feeds, feeds_file)]  # `claims ingest` held their secrets
    except ClaimsError as exc:
        logger.error("%s", redact_text(str(exc)))
        return failed(redact_text(str(exc)), error=IngestFailed)
    if not urls:
        reason = "no feeds given: pass feed URLs or a feeds file"
        logger.error("%s", reason)
        return failed(reason, error=IngestFailed)
    open_engine(settings.database_url)  # migrate once, before the threads start

    polls = {url: poll(url, _host_param(url), settings, per_host, return_state=True) for url in urls}
    feed_rows: list[dict[str, object]] = []
    todo: list[tuple[str, FeedItem]] = []
    for url, state in polls.items():
        if state.is_completed():
            result: Poll = state.result()
            todo += [(url, item) for item in result.todo]
            feed_rows.append(
                {
                    "feed": redact_url(url),
                    "title": result.title,
                    "status": result.status,
                    "items": result.items_in_feed,
                    "to check": len(result.todo),
                    "error": "",
                }
            )
        else:
            feed_rows.append(
                {
                    "feed": redact_url(url),
                    "title": "",
                    "status": "",
                    "items": 0,
                    "to check": 0,
                    "error": state.message or "",
                }
            )
    logger.info("%d feeds polled, %d items to check", len(urls), len(todo))

    outcomes = check_items(todo, settings, max_workers=max_workers, per_host=per_host)
    changed = sorted({o.article_id for o in outcomes if o.ok and o.created and o.article_id is not None})
    index = ""
    if changed or outcomes:
        index = render_articles(settings.database_url, str(settings.reports_dir), changed, len(changed))
    summary = IngestSummary(feeds=feed_rows, items=outcomes, index=index)
    publish_artifacts(summary)
    message = (
        f"{len(urls)} feeds, {len(outcomes)} items: {summary.count('new')} new, {summary.count('revised')} revised, "
        f"{summary.count('unchanged')} unchanged, {summary.count('failed')} failed"
    )
    logger.info("%s", message)
    bad_feeds = [row for row in feed_rows if row["error"]]
    if bad_feeds:
        failure = f"{message}; feed failed: {bad_feeds[0]['error']}"
        return failed(failure, summary, error=IngestFailed)
    return Completed(message=message, data=summary)

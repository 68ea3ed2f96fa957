"""The ``check-article`` flow: load an article, extract its claims, queue them, render the report.

Each step is a task so that the Prefect UI shows where time goes and where a
run failed; the work itself is done by the ``claims`` library. A source that
cannot be read fails the run with a one-line reason (no traceback): the failure
names the article and why.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_link_artifact, create_markdown_artifact, create_table_artifact
from prefect.runtime import flow_run, task_run
from prefect.states import Completed, Failed, State

from claims.config import DEFAULT_MAX_CLAIMS, Settings
from claims.db import open_engine
from claims.errors import ClaimsError
from claims.extract import Claim, extract_claims
from claims.redact import markdown_table, markdown_text, original_url, redact_text, redact_url
from claims.report import page_link, write_reports
from claims.sources import Article, check_deployment_source, is_url, load_article, slugify
from claims.store import Queued, bound_claims, bound_message, save_article
from flows import deployment_run
from flows.failures import failed


@dataclass(frozen=True)
class CheckResult:
    """What a check did, returned by the flow and printed by ``claims check``."""

    source: str
    article_id: int
    slug: str
    title: str
    created: bool
    claims: list[Claim]
    report: str
    #: Claims found when more than CLAIMS_MAX_CLAIMS were (only the best ``claims`` are queued); else 0.
    found: int = 0


def source_slug(source: str) -> str:
    """A short name for a source, for run names and artifact keys."""
    if source == "-":
        return "stdin"
    tail = source.rstrip("/").rsplit("/", 1)[-1] if is_url(source) else Path(source).stem
    return slugify(tail, max_len=40) or "article"


def _run_name() -> str:
    return f"check-{source_slug(redact_url(str(flow_run.parameters.get('source', ''))))}"


def artifact_key(slug: str) -> str:
    """An artifact key: lowercase letters, digits and dashes only."""
    return ("claims-" + slugify(slug, max_len=50)).strip("-")


@task(name="load-article", task_run_name=lambda: f"load-{source_slug(redact_url(str(task_run.parameters['source'])))}")
def load(source: str, settings: Settings) -> Article | State:
    """Read the article (file, URL or stdin); a bad source fails with a one-line reason."""
    try:
        return load_article(source, settings)
    except ClaimsError as exc:
        return Failed(message=redact_text(str(exc)))


@task(name="extract-claims")
def extract(article: Article) -> list[Claim]:
    """Find the article's checkable claims."""
    claims = extract_claims(article.text, published=article.published)
    get_run_logger().info("%s: %d claims", article.slug, len(claims))
    return claims


@task(name="queue-claims")
def queue(article: Article, claims: list[Claim], database_url: str, max_claims: int = DEFAULT_MAX_CLAIMS) -> Queued:
    """Store the article and queue its claims (once per content hash; at most ``max_claims``, the best)."""
    queued = save_article(open_engine(database_url), article, claims, max_claims)
    if len(claims) > max_claims:
        get_run_logger().warning("%s", bound_message(redact_url(article.source), len(claims), max_claims))
    return queued


@task(name="render-report")
def render(article_id: int, database_url: str, reports_dir: str) -> str:
    """Write the article's HTML report and the index; the report's path."""
    path = write_reports(open_engine(database_url), Path(reports_dir), [article_id])
    return str(path.resolve()) if path else ""


def publish_artifacts(result: CheckResult) -> None:
    """A markdown summary, the claims as a table, and a link to the report."""
    key = artifact_key(result.slug)
    state = "queued" if result.created else "already queued"
    kinds: dict[str, int] = {}
    for claim in result.claims:
        kinds[claim.kind] = kinds.get(claim.kind, 0) + 1
    lines = [
        f"# {markdown_text(result.title)}",
        "",
        f"- source: {markdown_text(redact_url(result.source))}",
        f"- claims: **{len(result.claims)}** ({state}, article id {result.article_id})",
        f"- report: {markdown_text(result.report)}",
        "",
        "| kind | claims |",
        "|---|---|",
        *(f"| {markdown_text(kind)} | {n} |" for kind, n in sorted(kinds.items())),
    ]
    create_markdown_artifact(markdown="\n".join(lines), key=f"{key}-summary", description="Claims found")
    create_table_artifact(
        table=markdown_table(
            [
                {"score": round(c.score, 2), "kind": c.kind, "quote": c.quote, "speaker": c.speaker or ""}
                for c in sorted(result.claims, key=lambda c: -c.score)
            ]
        ),
        key=f"{key}-claims",
        description=f"Claims of {markdown_text(result.title)}",
    )
    if result.report:
        create_link_artifact(link=page_link(result.report), link_text="HTML review report", key=f"{key}-report")


@flow(name="check-article", flow_run_name=_run_name, log_prints=False)
def check_article(source: str) -> State:
    """Check one article: load, extract claims, queue them for review, render the report.

    The database and the reports folder come from the environment (CLAIMS_DATABASE_URL,
    CLAIMS_REPORTS_DIR); a deployment run reads only http(s) URLs and files inside
    CLAIMS_ARTICLES_DIR.
    """
    settings = Settings.from_env()
    logger = get_run_logger()
    if deployment_run():
        try:
            check_deployment_source(source, settings)
        except ClaimsError as exc:
            logger.error("%s", redact_text(str(exc)))
            return failed(redact_text(str(exc)))  # one line in the worker's log, no traceback
    # `claims check` passes a URL's secrets by this process, not as the (stored) parameter.
    loaded = load(original_url(source), settings, return_state=True)
    if not loaded.is_completed():
        logger.error("%s", loaded.message)
        return failed(loaded.message or f"{source}: could not be read")
    article: Article = loaded.result()
    claims = extract(article)
    queued = queue(article, claims, settings.database_url, settings.max_claims)
    found = len(claims) if len(claims) > settings.max_claims else 0
    claims = bound_claims(claims, settings.max_claims)
    report = render(queued.article_id, settings.database_url, str(settings.reports_dir))
    result = CheckResult(source, queued.article_id, queued.slug, article.title, queued.created, claims, report, found)
    publish_artifacts(result)
    if queued.created:
        logger.info("%s: queued %d claims; report %s", queued.slug, len(claims), report)
    else:
        logger.info("%s: already queued (article %d); report %s", queued.slug, queued.article_id, report)
    return Completed(data=result, message=f"{len(claims)} claims")

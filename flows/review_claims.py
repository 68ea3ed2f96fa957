"""The ``review-claims`` flow: an editor reviews queued claims from the Prefect UI.

The flow leases the next claim to the editor named in its parameters (the lease
lives in our database, like every ``claims next``), pauses and waits for the
editor's answer typed in the UI's Resume form: a rating, a note and source URLs,
with the claim, its sentence and article shown above the form. It records the
verdict, re-renders the article's report and goes on to the next claim. An answer
we cannot accept (a malformed URL, no suggestion to confirm) asks again with the
reason on top; a pause that times out releases the lease and ends the run.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, Literal

import pydantic
from prefect import flow, get_run_logger, task
from prefect.exceptions import FlowPauseTimeout
from prefect.flow_runs import pause_flow_run
from prefect.input import RunInput
from prefect.runtime import flow_run

from claims.config import Settings
from claims.db import open_engine
from claims.errors import ClaimChanged, ClaimsError
from claims.models import StoredClaim
from claims.queue import Item, lease_next, release
from claims.ratings import RatingScale, load_scale
from claims.redact import markdown_text as md
from claims.report import write_reports
from claims.sources import slugify
from claims.verdicts import SUGGESTED, record_verdict


class ReviewInput(RunInput):
    """The Resume form: the editor's verdict on one claim."""

    rating: str = pydantic.Field(description="A label of the rating scale.")
    note: str = pydantic.Field(default="", description="The explanation readers will see.")
    sources: list[str] = pydantic.Field(default_factory=list, description="http(s) URLs of the evidence.")


def review_form(scale: RatingScale, item: Item, error: str = "") -> type[ReviewInput]:
    """The form for one claim: the scale's labels as choices, the claim above the form."""
    labels = tuple(scale.labels) + ((SUGGESTED,) if item.suggestion else ())
    form = pydantic.create_model(  # type: ignore[call-overload]
        "ReviewInput", __base__=ReviewInput, rating=(Literal[labels], pydantic.Field(description="The rating."))
    )
    default = SUGGESTED if item.suggestion else None
    extra: dict[str, Any] = {"rating": default} if default else {}
    return form.with_initial_data(description=describe(scale, item, error), **extra)


def describe(scale: RatingScale, item: Item, error: str = "") -> str:
    """The claim and its context, as Markdown for the Resume dialog."""
    claim, article = item.claim, item.article
    # Every value from an article, a verdict or the scale file goes through md (markdown_text).
    lines = [f"**Not recorded: {md(error)}**", ""] if error else []
    lines += [
        f"### Claim {claim.id} ({md(claim.kind)}, score {claim.score:.2f})",
        "",
        f"> {md(claim.text)}",
        "",
        f"- quote: {md(claim.quote)}",
        f"- sentence: {md(claim.sentence)}",
        f"- speaker: {md(claim.speaker or '—')}",
        f"- article: {md(article.title)} ({md(article.url or article.source)}, article {article.id})",
    ]
    if item.changed:
        lines.append(f"- **changed since verdict** ({', '.join(item.changed)} changed); it was judged as:")
        lines.append(f"  > {item.suggestion.claim_text if item.suggestion else ''}")
    if item.suggestion is not None:
        s = item.suggestion
        why = "its own earlier verdict" if s.claim_id == claim.id else f"claim {s.claim_id} says the same"
        lines.append(
            f"- **suggested: {md(s.rating)}** ({md(why)}; {md(s.reviewer)}, {s.created_at:%Y-%m-%d})"
            f" — choose `{SUGGESTED}` to confirm, or another rating to override"
        )
    lines += ["", "Ratings: " + "; ".join(f"**{md(r.label)}** {md(r.description)}" for r in scale.ratings)]
    return "\n".join(lines)


@task(name="lease-claim")
def lease(database_url: str, reviewer: str, seconds: int) -> Item | None:
    """Lease the next claim to the reviewer."""
    return lease_next(open_engine(database_url), reviewer, dt.timedelta(seconds=seconds))


@task(name="record-verdict")
def record(database_url: str, claim_id: int, reviewer: str, answer: dict[str, Any], seen: StoredClaim) -> int:
    """Record the editor's verdict on the claim as they were shown it (``seen``); its id."""
    verdict = record_verdict(
        open_engine(database_url), claim_id, answer["rating"], reviewer, answer["note"], answer["sources"], seen=seen
    )
    return verdict.id  # type: ignore[return-value]


@task(name="release-claim")
def give_back(database_url: str, claim_id: int, reviewer: str) -> None:
    """Return an unanswered claim to the queue."""
    release(open_engine(database_url), claim_id, reviewer)


@task(name="render-report")
def render(database_url: str, reports_dir: str, article_id: int) -> None:
    """Re-render the article's report with the new verdict."""
    write_reports(open_engine(database_url), Path(reports_dir), [article_id])


def _run_name() -> str:
    return f"review-{slugify(str(flow_run.parameters.get('reviewer', '')), max_len=40) or 'editor'}"


@flow(name="review-claims", flow_run_name=_run_name, log_prints=False)
def review_claims(
    reviewer: str,
    count: int = 10,
    timeout: int = 3600,
    poll_interval: int = 10,
) -> dict[str, Any]:
    """Lease up to ``count`` claims to ``reviewer`` one by one and record the verdicts typed in the UI."""
    settings = Settings.from_env()  # the database and reports folder: never run parameters
    url, logger, scale = settings.database_url, get_run_logger(), load_scale()
    done: list[dict[str, Any]] = []
    for _ in range(count):
        # The lease outlives the pause, so nobody else takes the claim while the form is open.
        item = lease(url, reviewer, timeout + 300)
        if item is None:
            logger.info("The queue is empty.")
            break
        claim_id, error, attempt = item.claim.id, "", 0
        assert claim_id is not None
        while True:
            attempt += 1
            try:
                answer = pause_flow_run(
                    wait_for_input=review_form(scale, item, error),
                    timeout=timeout,
                    poll_interval=poll_interval,
                    key=f"claim-{claim_id}-{attempt}",
                )
            except FlowPauseTimeout:
                give_back(url, claim_id, reviewer)
                logger.warning("No answer for claim %s within %s s: released it and stopped.", claim_id, timeout)
                return {"reviewer": reviewer, "verdicts": done, "timed_out": claim_id}
            try:
                answered = answer.model_dump(include={"rating", "note", "sources"})
                verdict_id = record(url, claim_id, reviewer, answered, item.claim)
                break
            except ClaimChanged as exc:  # the article was revised meanwhile: show the claim as it is now
                error = str(exc)
                logger.warning("Claim %s: %s", claim_id, error)
                fresh = lease(url, reviewer, timeout + 300)  # our lease: the same claim, read again
                if fresh is None or fresh.claim.id != claim_id:
                    if fresh is not None:
                        give_back(url, fresh.claim.id, reviewer)  # type: ignore[arg-type]
                    return {"reviewer": reviewer, "verdicts": done, "timed_out": None}
                item = fresh
            except ClaimsError as exc:
                error = str(exc)
                logger.warning("Claim %s: %s; asking again.", claim_id, error)
        render(url, str(settings.reports_dir), item.article.id)  # type: ignore[arg-type]
        done.append({"claim_id": claim_id, "verdict_id": verdict_id, "rating": answer.rating})
        logger.info("Claim %s: %s by %s.", claim_id, answer.rating, reviewer)
    return {"reviewer": reviewer, "verdicts": done, "timed_out": None}


def main(argv: list[str] | None = None) -> None:
    """``python -m flows.review_claims REVIEWER`` runs one review; ``--serve`` lets editors start runs in the UI."""
    import argparse

    parser = argparse.ArgumentParser(prog="python -m flows.review_claims", description=main.__doc__)
    parser.add_argument("reviewer", nargs="?", help="your name, as recorded with verdicts")
    parser.add_argument("--count", type=int, default=10, help="claims to review in this run")
    parser.add_argument("--timeout", type=int, default=3600, help="seconds to wait for each answer")
    parser.add_argument("--serve", action="store_true", help="serve the deployment review-claims/review")
    args = parser.parse_args(argv)
    if args.serve:
        review_claims.serve(name="review", parameters={"count": args.count, "timeout": args.timeout})
    elif not args.reviewer:
        parser.error("give your name, or --serve")
    else:
        review_claims(args.reviewer, count=args.count, timeout=args.timeout)


if __name__ == "__main__":
    main()

"""One claim at the review desk (``claim.html``): the claim in its paragraph, its history and the verdict form."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from markupsafe import Markup
from sqlmodel import Session

from claims.claimreview import report_filename
from claims.highlight import Span, highlight_html
from claims.matching import suggestion
from claims.models import ClaimStatus, StoredArticle, StoredClaim
from claims.queue import get_claim, live_lease
from claims.ratings import Rating, load_scale
from claims.report.common import VerdictView, environment, tone, utc, value_text, verdict_view
from claims.verdicts import history


@dataclass(frozen=True)
class ClaimPage:
    """Context of ``claim.html``: what an editor needs to decide one claim."""

    claim: StoredClaim
    article: StoredArticle
    article_href: str
    paragraph_html: Markup
    tone: str
    values: list[tuple[str, str]]
    history: list[VerdictView]
    ratings: list[Rating]
    #: Who holds the claim's live lease, and until when (None when nobody does).
    holder: str | None
    holder_until: dt.datetime | None
    #: The logged-in editor may record a verdict (nobody else holds the claim, it is not gone).
    can_decide: bool
    can_release: bool
    can_reopen: bool
    suggestion: VerdictView | None
    updated: dt.datetime
    #: An error to fix, and the form's values to show again.
    error: str = ""
    form: dict[str, object] = field(default_factory=dict)


def paragraph_of(text: str, start: int, end: int) -> tuple[int, str]:
    """The offset and text of the paragraph (line) holding ``start``; it runs on to cover ``end``."""
    begin = text.rfind("\n", 0, start) + 1
    stop = text.find("\n", end)
    return begin, text[begin : stop if stop >= 0 else len(text)]


def claim_page(
    session: Session, claim_id: int, user: str, is_admin: bool = False, now: dt.datetime | None = None
) -> ClaimPage:
    """Everything the review page of ``claim_id`` shows to ``user``; :class:`NotFound` for no claim."""
    scale = load_scale()
    claim = get_claim(session, claim_id)
    article = session.get(StoredArticle, claim.article_id)
    assert article is not None
    verdicts = history(session, claim_id)
    views = [verdict_view(v, scale) for v in verdicts]
    lease = live_lease(session, claim_id, now)
    claim_tone = tone(claim.status, verdicts[-1].rating if verdicts else None, scale)
    if claim.status == ClaimStatus.GONE:
        paragraph = Markup("<p>") + claim.sentence + Markup("</p>")  # its offsets point into an older text
    else:
        offset, text = paragraph_of(article.text, claim.start, claim.end)
        label = verdicts[-1].rating if verdicts else claim.status
        span = Span(claim.id or 0, claim.start - offset, claim.end - offset, claim_tone, label, claim.kind)
        paragraph = highlight_html(text, [span])
    earlier = suggestion(session, claim)
    holder = lease.reviewer if lease is not None else None
    times = [utc(article.checked_at), utc(claim.created_at), *(v.created_at for v in views)]
    return ClaimPage(
        claim=claim,
        article=article,
        article_href=f"{report_filename(article.id or 0, article.slug)}#claim-{claim.id}",
        paragraph_html=paragraph,
        tone=claim_tone,
        values=[(str(k), value_text(v)) for k, v in sorted((claim.values or {}).items())],
        history=views,
        ratings=list(scale.ratings),
        holder=holder,
        holder_until=utc(lease.expires_at) if lease is not None else None,
        can_decide=claim.status != ClaimStatus.GONE and holder in (None, user),
        can_release=holder == user or (is_admin and holder is not None),
        can_reopen=is_admin and claim.status == ClaimStatus.REVIEWED,
        suggestion=verdict_view(earlier, scale) if earlier is not None else None,
        updated=max(times),
    )


def render_claim(page: ClaimPage, **context: object) -> str:
    """The HTML of a claim's review page (``context``: the desk's root, user and CSRF token)."""
    return environment().get_template("claim.html").render(page=page, **context)

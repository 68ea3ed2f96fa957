"""schema.org ClaimReview JSON-LD for claims that have a verdict.

The same objects go into each article report (a ``<script type="application/ld+json">``
block) and out of ``claims export --format claimreview``. Only the current (latest)
verdict of a claim is published, and only while it is bound to the claim as it
stands (:func:`claims.matching.changes`): a claim whose facts changed since its
verdict publishes nothing until an editor decides again. A claim gone from the
article leaves the page and the default export (``include_gone`` brings it back). Fields follow https://schema.org/ClaimReview and
the fact-check markup search engines read: ``claimReviewed``, ``itemReviewed`` (a
Claim with its author, date and appearance), ``author``, ``url``,
``datePublished`` and ``reviewRating`` (``alternateName`` and ``ratingValue`` on
the newsroom's scale, with ``bestRating`` and ``worstRating``).

What an editor signs: ``claimReviewed`` is the sentence the editor gave with the
verdict (``--claim-text``), else one made from the claim's standalone text as the
verdict recorded it ("The department says engineers replaced ...", sentence case,
one attribution). The claim's author is an ``Organization`` or a ``Person`` by a
simple rule on the speaker's name (:func:`author_type`). The rating's numbers are
those stored with the verdict, so a later change of scale keeps them; internal
claim ids never reach the public text.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from claims.errors import InvalidInput
from claims.matching import changes
from claims.models import ClaimStatus, StoredArticle, StoredClaim, Verdict
from claims.ratings import RatingScale, load_scale

#: The fields every ClaimReview we write carries (the test checks them).
REQUIRED = ("@context", "@type", "claimReviewed", "itemReviewed", "author", "url", "datePublished", "reviewRating")


def safe_url(url: str | None) -> str | None:
    """``url`` when it is an absolute http(s) URL, else None (drops ``javascript:`` and the like)."""
    if not url:
        return None
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return url


_ORGANISATION_WORDS = """
agency army association authority authorities bank board bureau cabinet center centre church club commission
committee company congress corporation council court department desk embassy federation firm foundation government
group hospital institute league ministry navy network office officials organisation organization parliament party
police press reuters senate service society spokesperson spokesman spokeswoman staff team union university
"""
#: Words that make a speaker an organisation rather than a person.
ORGANISATION_WORDS = frozenset(_ORGANISATION_WORDS.split())
_SENTENCE_WORDS = """
a an the this that these those it its there their our we they he she his her some many most more about nearly
almost all no every each one two three four five six seven eight nine ten in on at by for after before since
during last next as if when while
"""
_LOWER_WORDS = frozenset(_SENTENCE_WORDS.split())
_SAYS = re.compile(
    r"^(?P<who>.+?)\s+(?:said|says|stated|added|claimed|announced|reported|wrote|estimated|told\s+\S+(?:\s+\S+)?)"
    r"\s+that\s+(?P<what>.+)$",
    re.DOTALL,
)
_MID_CAPITAL = re.compile(r"(?<=[a-z0-9,;:] )([A-Z][\w'\u2019-]*)")


def author_type(name: str) -> str:
    """``Organization`` or ``Person`` for a speaker's name: organisation words, acronyms and groups are organisations."""
    words = [w.strip(".,;:()\"'").lower().removesuffix("'s").removesuffix("\u2019s") for w in name.split()]
    if not words or any(w in ORGANISATION_WORDS for w in words):
        return "Organization"
    if name.strip().isupper() or name.strip()[:1].islower():  # "NASA", "the society", "city officials"
        return "Organization"
    if words[-1].endswith("s") and not name.split()[-1][:1].isupper():
        return "Organization"
    return "Person"


class ArticleWords:
    """Which words an article writes in lower case, and which capitalised mid-sentence (names)."""

    def __init__(self, text: str) -> None:
        self.lower = {w for w in re.findall(r"\b[a-z][\w'-]*", text or "")}
        self.names = set(_MID_CAPITAL.findall(text or ""))

    def lower_first(self, text: str) -> str:
        """``text`` with its first word in lower case unless it is a name, an acronym or "I"."""
        first, _, rest = text.partition(" ")
        if not first or first == "I" or not first[:1].isupper() or first[1:2].isupper():
            return text
        if first.lower() in _LOWER_WORDS or first.lower() in self.lower or first not in self.names:
            return first[:1].lower() + first[1:] + (" " + rest if rest else "")
        return text


def claim_sentence(text: str, words: ArticleWords | None = None) -> str:
    """A clean standalone sentence for ClaimReview: "X says ...", sentence case, one attribution, a full stop."""
    sentence = " ".join((text or "").split())
    found = _SAYS.match(sentence)
    if found:
        who, what = found.group("who"), found.group("what")
        # "X said that Y ..., X said": the attribution once
        what = re.sub(rf",?\s+(?:{re.escape(who)})\s+(?:said|says)[.]?$", "", what, flags=re.IGNORECASE)
        while (again := _SAYS.match(what)) and again.group("who").lower() == who.lower():
            what = again.group("what")
        what = (words or ArticleWords("")).lower_first(what)
        sentence = f"{who} says {what}"
    if sentence:
        sentence = sentence[0].upper() + sentence[1:]
        if sentence[-1] not in ".!?\"'\u201d\u2019":
            sentence += "."
    return sentence


def report_filename(article_id: int, slug: str) -> str:
    """The report's file name: id and slug, stable across re-renders."""
    return f"{article_id:05d}-{slug}.html"


def _date(value: dt.date | dt.datetime | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    return value.isoformat()


def publishable(claim: StoredClaim, verdict: Verdict | None, include_gone: bool = False) -> bool:
    """Whether ``verdict`` may be published for ``claim``: it judged the claim as it stands (and it is not gone)."""
    if verdict is None or (claim.status == ClaimStatus.GONE and not include_gone):
        return False
    return not changes(verdict, claim)


class ClaimReviews:
    """ClaimReview objects for the claims of one article (its parts are worked out once)."""

    def __init__(self, article: StoredArticle, scale: RatingScale, base_url: str = "") -> None:
        self.scale = scale
        appearance: dict[str, Any] = {"@type": "CreativeWork", "headline": article.title}
        if safe_url(article.url):
            appearance["url"] = article.url
        if article.published:
            appearance["datePublished"] = _date(article.published)
        self.appearance = appearance
        self.published = _date(article.published or article.checked_at)
        self.page = f"{base_url}{report_filename(article.id or 0, article.slug)}"
        self.words = ArticleWords(article.text)
        if article.author:
            self.author = {"@type": author_type(article.author), "name": article.author}
        else:
            site = urlsplit(safe_url(article.url) or "").netloc
            self.author = {"@type": "Organization", "name": site.removeprefix("www.") or "Unknown"}

    def review(self, claim: StoredClaim, verdict: Verdict) -> dict[str, Any]:
        """One ClaimReview object for ``claim``'s current ``verdict`` (made from the claim as the verdict saw it)."""
        scale = self.scale
        best, worst, value = verdict.best_rating, verdict.worst_rating, verdict.rating_value
        if value is None:  # a verdict stored without its numbers: the scale of today, if it has the label
            try:
                value, best, worst = scale.get(verdict.rating).value, scale.best, scale.worst
            except InvalidInput:
                value = None
        review_rating: dict[str, Any] = {
            "@type": "Rating",
            "alternateName": verdict.rating,
            "bestRating": scale.best if best is None else best,
            "worstRating": scale.worst if worst is None else worst,
        }
        if value is not None:
            review_rating["ratingValue"] = value
        speaker = verdict.claim_speaker if verdict.claim_quote is not None else claim.speaker
        item: dict[str, Any] = {
            "@type": "Claim",
            "author": {"@type": author_type(speaker), "name": speaker} if speaker else dict(self.author),
            "datePublished": self.published,
            "appearance": dict(self.appearance),
        }
        return {
            "@context": "https://schema.org",
            "@type": "ClaimReview",
            "url": f"{self.page}#claim-{claim.id}",
            "claimReviewed": self.claim_reviewed(claim, verdict),
            "itemReviewed": item,
            "author": {"@type": "Person", "name": verdict.reviewer},
            "datePublished": _date(verdict.created_at),
            "reviewRating": review_rating,
            "reviewBody": public_text(verdict.explanation),
        }

    def claim_reviewed(self, claim: StoredClaim, verdict: Verdict) -> str:
        """The sentence the editor signed, else one made from the text the verdict was recorded on."""
        if verdict.claim_reviewed:
            return verdict.claim_reviewed
        return claim_sentence(verdict.claim_text or claim.text or claim.quote, self.words)


_INTERNAL_REFERENCE = re.compile(r"^\s*Same as claim \d+:?\s*", re.MULTILINE)


def public_text(explanation: str | None) -> str:
    """An explanation without internal claim ids ("Same as claim 11: ", written by earlier versions)."""
    return _INTERNAL_REFERENCE.sub("", explanation or "").strip()


def latest_verdicts(session: Session, article_ids: Iterable[int] | None = None) -> dict[int, Verdict]:
    """The current verdict of each claim (of ``article_ids``, or of all)."""
    query = select(Verdict).order_by(col(Verdict.claim_id), col(Verdict.created_at), col(Verdict.id))
    if article_ids is not None:
        ids = list(article_ids)
        query = query.join(StoredClaim, col(StoredClaim.id) == col(Verdict.claim_id)).where(
            col(StoredClaim.article_id).in_(ids)
        )
    latest: dict[int, Verdict] = {}
    for verdict in session.exec(query):
        latest[verdict.claim_id] = verdict  # ordered oldest first: the last one wins
    return latest


def export_claim_reviews(
    engine: Engine, article_id: int | None = None, base_url: str = "", include_gone: bool = False
) -> list[dict[str, Any]]:
    """Every publishable ClaimReview (of one article, or of all), in article and text order."""
    scale = load_scale()
    with Session(engine) as session:
        latest = latest_verdicts(session, [article_id] if article_id is not None else None)
        if not latest:
            return []
        claims = [
            c
            for c in session.exec(
                select(StoredClaim)
                .where(col(StoredClaim.id).in_(list(latest)))
                .order_by(col(StoredClaim.article_id), col(StoredClaim.start), col(StoredClaim.id))
            )
            if publishable(c, latest[c.id], include_gone)  # type: ignore[index]
        ]
        articles = {
            a.id: a
            for a in session.exec(
                select(StoredArticle).where(col(StoredArticle.id).in_({c.article_id for c in claims}))
            )
        }
        makers = {article_id: ClaimReviews(a, scale, base_url) for article_id, a in articles.items()}
        return [makers[c.article_id].review(c, latest[c.id]) for c in claims]  # type: ignore[index]


def dumps(reviews: list[dict[str, Any]]) -> str:
    """The JSON-LD text of ``reviews`` (a JSON array), as ``claims export`` writes it.

    ``<``, ``>``, ``&`` and ``'`` are written as ``\\u003c`` etc.: the same JSON, but
    inert when a newsroom pastes it into a ``<script type="application/ld+json">``
    block, the usual way to publish ClaimReview. It is the function behind Jinja's
    ``tojson``, which writes the JSON-LD of the article pages, so both agree.
    """
    from jinja2.utils import htmlsafe_json_dumps  # only when exporting: the review commands never load Jinja

    return str(htmlsafe_json_dumps(reviews, ensure_ascii=False, indent=2)) + "\n"

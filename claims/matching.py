"""Recognise a claim that restates one already stored: in a new revision, or already reviewed.

Two claims match when they have the same kind, the same facts (the numbers, dates,
units and times the extractor found, with wording such as the counted noun left
out), the same speaker, and close enough wording: at least half their content
words shared, or near-identical text when there are no facts to compare. The
fingerprint (a hash of kind, facts and speaker) is stored and indexed, so finding
the candidates is one index lookup; the wording is compared in Python.

A verdict is bound to the claim as it was judged (the verdict row keeps its text,
quote, values, speaker and sentence): :func:`changes` says what a claim changed
since, and a verdict with changes is no verdict on the claim as it stands. Across
articles a suggestion holds only while the new claim has the facts, speaker and
negation the earlier verdict was given on.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping, Sequence
from difflib import SequenceMatcher
from typing import Any, Protocol

from sqlmodel import Session, col, select

from claims.models import StoredClaim, Verdict

#: Value keys that hold wording, not facts: compared through the text instead.
WORDING_KEYS = frozenset(
    {"noun", "expression", "quotation", "span", "resolved_against", "approximate", "relative", "source", "speaker"}
)
#: Shared content words needed when the facts agree, and when there are none.
WITH_FACTS = 0.5
WITHOUT_FACTS = 0.8
_STOP_WORDS = (
    "a an the of in on at to for by with from and or but as is are was were be been has have had "
    "that which who this these those it its their his her they he she we our said says told according "
    "about around roughly nearly almost some than more less over under per cent percent"
)
_STOP = frozenset(_STOP_WORDS.split())
_SPEAKER_NOISE = ("according to ", "the ")
_FIGURE = re.compile(
    r"\d+(?:[.,]\d+)*|\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|monday|tuesday|wednesday|thursday|friday|"
    r"saturday|sunday|yesterday|today|tomorrow)\b",
    re.IGNORECASE,
)
_NEGATION = re.compile(
    r"\b(?:not|no|never|neither|nor|none|nobody|nothing|nowhere|without|cannot)\b|n['\u2019]t\b", re.IGNORECASE
)


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+(?:[.,][0-9]+)*", text.lower())


_NOT_ALNUM = re.compile(r"[\W_]+")  # \w is str.isalnum() plus "_"


def normalize_text(text: str) -> str:
    """Lower-case words without punctuation: the ``normalized`` form stored with a claim."""
    return _NOT_ALNUM.sub(" ", text.lower()).strip()


def speaker_key(speaker: str | None) -> str:
    """A speaker as compared: lower case, without "according to" and a leading "the"."""
    key = " ".join(_words(speaker or ""))
    for noise in _SPEAKER_NOISE:
        if key.startswith(noise):
            key = key[len(noise) :]
    return key


def _canonical(value: Any) -> Any:
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int | float):
        return int(value) if float(value).is_integer() else round(float(value), 6)
    if isinstance(value, str):
        return " ".join(value.lower().split())
    if isinstance(value, Mapping):
        return {str(k): _canonical(v) for k, v in sorted(value.items())}
    if isinstance(value, list | tuple):
        return [_canonical(v) for v in value]
    return str(value)


def facts(values: Mapping[str, Any]) -> dict[str, Any]:
    """The factual part of a claim's values, canonicalised (12000.0 == 12000)."""
    return {k: _canonical(v) for k, v in sorted(values.items()) if k not in WORDING_KEYS}


def fingerprint(kind: str, values: Mapping[str, Any], speaker: str | None) -> str:
    """SHA-256 of kind, facts and speaker: equal for claims that may restate each other."""
    key = json.dumps([kind, facts(values), speaker_key(speaker)], sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def content_words(text: str) -> set[str]:
    """The words that carry meaning: no stop words, no numbers, plural -s dropped."""
    out = set()
    for word in _words(text):
        if word in _STOP or word[0].isdigit():
            continue
        out.add(word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word)
    return out


def similarity(a: str, b: str, speaker: str | None = None) -> float:
    """Jaccard overlap of the content words of two texts, the speaker's name left out (1.0 for none)."""
    ignore = content_words(speaker or "")
    wa, wb = content_words(a) - ignore, content_words(b) - ignore
    if not wa and not wb:
        return 1.0
    return len(wa & wb) / len(wa | wb)


def restates(a_text: str, a_values: Mapping[str, Any], b_text: str, speaker: str | None = None) -> bool:
    """Whether two claims with the same fingerprint are worded closely enough to match."""
    threshold = WITH_FACTS if facts(a_values) else WITHOUT_FACTS
    return similarity(a_text, b_text, speaker) >= threshold


def best_match(
    text: str, values: Mapping[str, Any], candidates: Sequence[StoredClaim], speaker: str | None = None
) -> StoredClaim | None:
    """The candidate (same fingerprint) whose wording is closest, if close enough."""
    scored = [
        (similarity(text, c.text, speaker or c.speaker), c.id or 0, c)
        for c in candidates
        if restates(text, values, c.text, speaker or c.speaker)
    ]
    if not scored:
        return None
    return max(scored, key=lambda t: (t[0], t[1]))[2]


def earlier_reviewed(session: Session, claim: StoredClaim, limit: int = 50) -> StoredClaim | None:
    """A reviewed claim (any article) that ``claim`` restates: the one to suggest a verdict from."""
    reviewed = select(Verdict.claim_id)
    query = (
        select(StoredClaim)
        .where(StoredClaim.fingerprint == claim.fingerprint, StoredClaim.kind == claim.kind)
        .where(col(StoredClaim.id).in_(reviewed))
        .order_by(col(StoredClaim.id).desc())
        .limit(limit)
    )
    if claim.id is not None:
        query = query.where(StoredClaim.id != claim.id)
    return best_match(claim.text, claim.values, list(session.exec(query)), claim.speaker)


def link_restatements(session: Session, claims: Sequence[StoredClaim]) -> int:
    """Set ``match_of`` on each new claim that restates a reviewed one (one query for all); how many."""
    prints = {c.fingerprint for c in claims}
    if not prints:
        return 0
    query = (
        select(StoredClaim)
        .where(col(StoredClaim.fingerprint).in_(prints))
        .where(col(StoredClaim.id).in_(select(Verdict.claim_id)))
        .order_by(col(StoredClaim.id).desc())
    )
    by_print: dict[str, list[StoredClaim]] = {}
    for known in session.exec(query):
        by_print.setdefault(known.fingerprint, []).append(known)
    for known_print, group in by_print.items():
        by_print[known_print] = group[:50]  # the newest: as many as best_match ever compares
    verdicts = latest_verdicts(session, [c.id for group in by_print.values() for c in group if c.id is not None])
    linked = 0
    for claim in claims:
        same = [
            c
            for c in by_print.get(claim.fingerprint, [])
            if c.kind == claim.kind
            and c.id != claim.id
            and c.id in verdicts
            and not changes(verdicts[c.id], claim, same_claim=False)  # the verdict was given on these facts
        ]
        earlier = best_match(claim.text, claim.values, same, claim.speaker)
        if earlier is not None:
            claim.match_of = earlier.id
            session.add(claim)
            linked += 1
    return linked


class ClaimFacts(Protocol):
    """What a claim shows of itself (a stored claim, an extracted one, or a plain row)."""

    quote: str
    text: str
    values: Any
    speaker: str | None
    sentence: str


def negations(text: str | None) -> int:
    """How many negations (not, no, never, n't, ...) the text holds."""
    return len(_NEGATION.findall(text or ""))


def figures(text: str | None) -> list[str]:
    """The numbers and calendar words of a text, in text order ("13,500" and "13500", "4.20" and "4.2" alike).

    Facts the values may miss: a date claim's values hold its date, not the figure beside it.
    """
    found = []
    for token in _FIGURE.findall(text or ""):
        token = token.lower().replace(",", "")
        if "." in token and token[0].isdigit():
            token = token.rstrip("0").rstrip(".")  # 4.20 == 4.2
        found.append(token)
    return found


def changes(verdict: Verdict, claim: ClaimFacts, *, same_claim: bool = True) -> list[str]:
    """What differs between the claim as ``verdict`` judged it and ``claim`` now; empty when it still applies.

    For the same claim (a later revision): its values, negation, speaker, quote or
    standalone text beyond white space and punctuation. For another claim (a
    restatement in another article): its values, the figures and dates of its text
    (a date claim's values hold the date, not the figure beside it), speaker and
    negation. A verdict
    stored without the claim it judged (written by hand) has nothing to compare.
    """
    if verdict.claim_quote is None:
        return []
    found = []
    if facts(verdict.claim_values or {}) != facts(claim.values or {}):
        found.append("values")
    scope = (verdict.claim_sentence, claim.sentence) if same_claim else (verdict.claim_text, claim.text)
    if negations(scope[0]) != negations(scope[1]):
        found.append("negation")
    if not same_claim and sorted(figures(verdict.claim_text)) != sorted(figures(claim.text)):
        found.append("figures")
    if speaker_key(verdict.claim_speaker) != speaker_key(claim.speaker):
        found.append("speaker")
    if same_claim:
        if normalize_text(verdict.claim_quote) != normalize_text(claim.quote):
            found.append("quote")
        if normalize_text(verdict.claim_text or "") != normalize_text(claim.text):
            found.append("wording")
    return found


def latest_verdicts(session: Session, claim_ids: Sequence[int]) -> dict[int, Verdict]:
    """The current (latest) verdict of each of these claims that has one."""
    ids = list(claim_ids)
    if not ids:
        return {}
    query = select(Verdict).where(col(Verdict.claim_id).in_(ids)).order_by(col(Verdict.id))
    return {v.claim_id: v for v in session.exec(query)}  # oldest first: the last one wins


class SuggestedClaim(ClaimFacts, Protocol):
    """A claim as :func:`suggestion` reads it: its facts, id and link."""

    id: int | None
    match_of: int | None


def suggestion(session: Session, claim: SuggestedClaim) -> Verdict | None:
    """The verdict to suggest for ``claim``: its own earlier one, else that of the claim it restates.

    A claim with a verdict of its own (one that a revision unbound, or a reopened claim)
    is offered that verdict again. Otherwise the earlier claim's current verdict is
    offered only while it was given on the facts, speaker and negation this claim has.
    """
    if claim.id is not None:
        own = latest_verdicts(session, [claim.id]).get(claim.id)
        if own is not None:
            return own
    if claim.match_of is None:
        return None
    earlier = latest_verdicts(session, [claim.match_of]).get(claim.match_of)
    if earlier is None or changes(earlier, claim, same_claim=False):
        return None
    return earlier


def backfill_fingerprints(session: Session) -> int:
    """Fill in the fingerprint of claims stored before it existed; how many were filled."""
    rows = list(session.exec(select(StoredClaim).where(StoredClaim.fingerprint == "")))
    for claim in rows:
        claim.fingerprint = fingerprint(claim.kind, claim.values, claim.speaker)
        session.add(claim)
    return len(rows)


#: How alike two quotes must read (difflib ratio) to be one claim edited in place.
EDITED_IN_PLACE = 0.8


def pair(old: Sequence[StoredClaim], new: Sequence[Any]) -> dict[int, StoredClaim]:
    """Match the claims of a new revision (extracted ``Claim``\\ s) to the stored ones: index -> stored.

    First the same kind, quote, speaker and standalone text (so that a quote repeated in
    two sentences stays with its own sentence); then the same kind, quote and speaker;
    then the same fingerprint with close wording. Each stored claim is used once.
    """
    pairs: dict[int, StoredClaim] = {}
    used: set[int] = set()
    for with_text in (True, False):
        exact: dict[tuple[str, ...], list[StoredClaim]] = {}
        for claim in old:
            if id(claim) not in used:
                key = (claim.kind, claim.normalized, speaker_key(claim.speaker))
                exact.setdefault(key + ((normalize_text(claim.text),) if with_text else ()), []).append(claim)
        for index, claim in enumerate(new):
            if index in pairs:
                continue
            key = (claim.kind, normalize_text(claim.quote), speaker_key(claim.speaker))
            bucket = exact.get(key + ((normalize_text(claim.text),) if with_text else ()))
            if bucket:
                pairs[index] = bucket.pop(0)
                used.add(id(pairs[index]))
    free = [c for c in old if id(c) not in used]
    for index, claim in enumerate(new):
        if index in pairs or not free:
            continue
        fp = fingerprint(claim.kind, claim.values, claim.speaker)
        same = [c for c in free if c.fingerprint == fp and c.kind == claim.kind]
        found = best_match(claim.text, claim.values, same, claim.speaker)
        if found is not None:
            pairs[index] = found
            free.remove(found)
    # Last, a claim whose facts were edited in place ("carried 13,500" -> "carried 99,999", "did
    # not carry"): same kind and speaker, and a quote that reads nearly the same. It keeps its id,
    # so its verdict is shown as changed, with the earlier rating as a suggestion.
    for index, claim in enumerate(new):
        if index in pairs or not free:
            continue
        quote = normalize_text(claim.quote)
        near = [
            (SequenceMatcher(None, quote, c.normalized, autojunk=False).ratio(), -i, c)
            for i, c in enumerate(free)
            if c.kind == claim.kind and speaker_key(c.speaker) == speaker_key(claim.speaker)
        ]
        if near:
            ratio, _, found = max(near, key=lambda x: (x[0], x[1]))
            if ratio >= EDITED_IN_PLACE:
                pairs[index] = found
                free.remove(found)
    return pairs

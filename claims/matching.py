"""Recognise a claim that restates one already stored: in a new revision, or already reviewed.

Two claims match when they have the same kind, the same facts (the numbers, dates,
units and times the extractor found, with wording such as the counted noun left
out), the same speaker, and close enough wording: at least half their content
words shared, or near-identical text when there are no facts to compare. The
fingerprint (a hash of kind, facts and speaker) is stored and indexed, so finding
the candidates is one index lookup; the wording is compared in Python.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping, Sequence
from typing import Any

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


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+(?:[.,][0-9]+)*", text.lower())


def normalize_text(text: str) -> str:
    """Lower-case words without punctuation: the ``normalized`` form stored with a claim."""
    return " ".join("".join(ch if ch.isalnum() else " " for ch in text.lower()).split())


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
    linked = 0
    for claim in claims:
        same = [c for c in by_print.get(claim.fingerprint, []) if c.kind == claim.kind and c.id != claim.id]
        earlier = best_match(claim.text, claim.values, same[:50], claim.speaker)
        if earlier is not None:
            claim.match_of = earlier.id
            session.add(claim)
            linked += 1
    return linked


def suggestion(session: Session, claim: StoredClaim) -> Verdict | None:
    """The current verdict of the earlier claim this one restates, if any."""
    if claim.match_of is None:
        return None
    query = select(Verdict).where(Verdict.claim_id == claim.match_of).order_by(col(Verdict.id).desc()).limit(1)
    return session.exec(query).first()


def backfill_fingerprints(session: Session) -> int:
    """Fill in the fingerprint of claims stored before it existed; how many were filled."""
    rows = list(session.exec(select(StoredClaim).where(StoredClaim.fingerprint == "")))
    for claim in rows:
        claim.fingerprint = fingerprint(claim.kind, claim.values, claim.speaker)
        session.add(claim)
    return len(rows)


def pair(old: Sequence[StoredClaim], new: Sequence[Any]) -> dict[int, StoredClaim]:
    """Match the claims of a new revision (extracted ``Claim``\\ s) to the stored ones: index -> stored.

    First the same kind, quote and speaker; then the same fingerprint with close
    wording. Each stored claim is used once.
    """
    pairs: dict[int, StoredClaim] = {}
    free = list(old)
    exact: dict[tuple[str, str, str], list[StoredClaim]] = {}
    for claim in free:
        exact.setdefault((claim.kind, claim.normalized, speaker_key(claim.speaker)), []).append(claim)
    for index, claim in enumerate(new):
        bucket = exact.get((claim.kind, normalize_text(claim.quote), speaker_key(claim.speaker)))
        if bucket:
            pairs[index] = bucket.pop(0)
    used = {id(c) for c in pairs.values()}
    free = [c for c in free if id(c) not in used]
    for index, claim in enumerate(new):
        if index in pairs or not free:
            continue
        fp = fingerprint(claim.kind, claim.values, claim.speaker)
        same = [c for c in free if c.fingerprint == fp and c.kind == claim.kind]
        found = best_match(claim.text, claim.values, same, claim.speaker)
        if found is not None:
            pairs[index] = found
            free.remove(found)
    return pairs

"""Claim extraction: a pure function from article text to checkable claims.

No I/O and no Prefect here: ``extract_claims`` takes a string and returns a list
of :class:`Claim`, sorted by position in the text. The pipeline, one module a step:

- ``sentences``, ``furniture``, ``language``: the story's sentences, with offsets;
- ``parse``: spaCy's English pipeline over them (loaded on first use);
- ``candidates``: each parse cut into units (clauses, phrases, roles, attributions);
- ``statement``: the checkable units as claims (quote, restatement, kind, values);
- ``score``: check-worthiness (``claims.checkworthy``'s classifier).

``numbers`` and ``dates`` normalise figures and dates; ``engine`` assembles the steps.
``llm`` is an optional model-backed extractor (``CLAIMS_EXTRACTOR=llm``) that falls back to the rules.
"""

from __future__ import annotations

import datetime as dt
import os
from typing import TYPE_CHECKING, Any

from claims.extract.claim import KINDS, Claim

if TYPE_CHECKING:
    from claims.extract.engine import rule_claims
    from claims.extract.language import detect_language, is_english


def __getattr__(name: str) -> Any:
    # The steps load on first use: importing ``claims.extract.claim`` (the report's kind
    # order, the Claim type) must not load the extractor's tables (~0.1 s).
    if name == "rule_claims":
        from claims.extract.engine import rule_claims

        return rule_claims
    if name in ("detect_language", "is_english"):
        from claims.extract import language

        return getattr(language, name)
    raise AttributeError(f"module 'claims.extract' has no attribute {name!r}")


def extract_claims(text: str, *, published: dt.date | None = None) -> list[Claim]:
    """Find the checkable claims of ``text``; ``published`` resolves relative dates."""
    if os.environ.get("CLAIMS_EXTRACTOR", "").lower() == "llm" and isinstance(text, str):
        from claims.extract.llm import extract_claims_llm  # opt-in only: the default path never touches the network

        return extract_claims_llm(text, published=published)
    from claims.extract.engine import rule_claims

    return rule_claims(text, published=published)


__all__ = ["KINDS", "Claim", "detect_language", "extract_claims", "is_english", "rule_claims"]

"""Claim extraction: a pure function from article text to checkable claims.

No I/O and no Prefect here: ``extract_claims`` takes a string and returns a list
of :class:`Claim`, sorted by position in the text. The modules hold one layer each:
``sentences`` (offsets), ``furniture`` (page chrome), ``language`` (English or not),
``numbers``/``dates``/``patterns`` (phrase grammar), ``clauses`` (clause segments),
``attribution`` (speakers, roles), ``candidates`` (typed spans), ``spans`` (clause-level
decisions), ``statement`` (standalone text), ``score`` (check-worthiness) and ``engine``
(assembly). ``llm`` is an optional model-backed extractor (``CLAIMS_EXTRACTOR=llm``).
"""

from __future__ import annotations

from claims.extract.claim import KINDS, Claim
from claims.extract.engine import extract_claims
from claims.extract.language import detect_language, is_english

__all__ = ["KINDS", "Claim", "detect_language", "extract_claims", "is_english"]

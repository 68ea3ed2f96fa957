"""Claim extraction: a pure function from article text to checkable claims.

No I/O and no Prefect here: ``extract_claims`` takes a string and returns a list
of :class:`Claim`, sorted by position in the text.
"""

from __future__ import annotations

import datetime as dt
import re

from claims.extract.claim import KINDS, Claim

__all__ = ["KINDS", "Claim", "extract_claims"]

# Placeholder rules, replaced by the real engine.
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("date", re.compile(r"\b(?:January|February|March|April|May|June|July|August|September|October|November|December) \d{1,2}, \d{4}\b")),
    ("time", re.compile(r"\b\d{1,2}:\d{2} ?[ap]\.m\.")),
    ("record", re.compile(r"\bfirst \w+ in \d+ years\b")),
    ("duration", re.compile(r"\b[a-z]+-day \w+\b")),
    ("quantity", re.compile(r"\b(?:dozens|\d[\d,]*) of \w+(?: \w+)?\b|\b\d[\d,]* \w+ of \w+\b")),
]


def extract_claims(text: str, *, published: dt.date | None = None) -> list[Claim]:
    """Find the checkable claims of ``text``; ``published`` resolves relative dates."""
    found: list[Claim] = []
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            s0 = text.rfind("\n", 0, m.start()) + 1
            s1 = text.find("\n", m.end())
            sentence = text[s0 : s1 if s1 >= 0 else len(text)].strip()
            found.append(
                Claim(
                    quote=m.group(0),
                    start=m.start(),
                    end=m.end(),
                    sentence=sentence,
                    text=sentence,
                    kind=kind,
                    score=0.5,
                    reason=f"{kind} pattern",
                )
            )
    found.sort(key=lambda c: (c.start, c.end))
    return found

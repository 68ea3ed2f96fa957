"""Is this text English? A stop-word ratio, cheap and good enough to refuse other languages."""

from __future__ import annotations

import re

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_STOPWORDS = frozenset(
    [
        "the",
        "a",
        "an",
        "and",
        "or",
        "but",
        "of",
        "to",
        "in",
        "on",
        "at",
        "for",
        "with",
        "by",
        "from",
        "as",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "has",
        "have",
        "had",
        "it",
        "its",
        "this",
        "that",
        "these",
        "those",
        "he",
        "she",
        "they",
        "we",
        "you",
        "i",
        "his",
        "her",
        "their",
        "our",
        "not",
        "no",
        "will",
        "would",
        "can",
        "could",
        "said",
        "says",
        "after",
        "before",
        "about",
        "into",
        "over",
        "than",
        "then",
        "there",
        "which",
        "who",
        "what",
        "when",
        "where",
    ]
)


def english_ratio(text: str, sample: int = 4000) -> float:
    """Share of English stop words among the first words of ``text`` (0..1)."""
    words = _WORD.findall(text[:sample].lower())
    if not words:
        return 0.0
    return sum(word in _STOPWORDS for word in words) / len(words)


def is_english(text: str) -> bool:
    """True when the text reads as English; very short texts get the benefit of the doubt."""
    words = _WORD.findall(text[:4000])
    if len(words) < 8:
        return True
    return english_ratio(text) >= 0.12

"""The extractor's fast paths (whole-sentence arrays in place of per-token Python) equal their plain definitions."""

from __future__ import annotations

from functools import lru_cache

from claims.extract import parse
from tests.test_parse import texts


@lru_cache(maxsize=1)
def docs() -> list:  # type: ignore[type-arg]
    """The parsed sentences of the sample and dev articles, and the tricky ones."""
    return list(parse.parse(texts()))


def test_negation_flags_are_each_tokens_own() -> None:
    from claims.extract.candidates import _negated, _negation_flags

    for doc in docs():
        assert _negation_flags(doc) == [_negated(t) for t in doc], doc.text


def test_each_parse_keeps_its_sentence_as_its_text() -> None:
    for doc, text in zip(docs(), texts(), strict=True):
        assert doc.user_data["text"] == doc.text == text


def test_sentence_starts_are_each_tokens_sentence() -> None:
    from claims.extract.candidates import _sent_start

    for doc in docs():
        assert [_sent_start(t) for t in doc] == [t.sent.start for t in doc], doc.text

"""Check-worthiness of English sentences: a small offline logistic-regression model.

``sentence_score(s, extra)`` is the probability that ``s`` holds a check-worthy factual
claim (CheckThat! definition); 0.5 is the decision threshold.  ``extra`` are binary
features of the sentence's parse (``claims.extract.score.parse_features``): the extractor
passes them; this package never imports spaCy.  The weights ship in
``model.json.gz`` next to this module (trained by ``bench/train_checkworthy.py``),
are loaded once on first use, and scoring is standard-library Python.
"""

from __future__ import annotations

import gzip
import json
import math
from collections.abc import Iterable
from importlib import resources
from itertools import repeat
from typing import Any

from claims.checkworthy import features
from claims.memo import Memo, trim

__all__ = ["THRESHOLD", "load_model", "margin", "sentence_score", "sentence_scores"]

THRESHOLD = 0.5
MODEL_FILE = "model.json.gz"

_MODEL: tuple[dict[str, float], float] | None = None


def load_model() -> tuple[dict[str, float], float]:
    """(weights, bias) from the packaged model file, cached after the first call."""
    global _MODEL
    if _MODEL is None:
        raw = resources.files(__name__).joinpath(MODEL_FILE).read_bytes()
        doc: dict[str, Any] = json.loads(gzip.decompress(raw))
        _MODEL = (doc["weights"], float(doc["bias"]))
    return _MODEL


def _weight(name: str) -> float:
    return load_model()[0].get(name, 0.0)


def _weights(grams: frozenset[str]) -> dict[str, float]:
    """``{g: _weight(g) for g in grams}`` (the same order), looked up in one C loop: a new token has ~15 grams."""
    return dict(zip(grams, map(load_model()[0].get, grams, repeat(0.0)), strict=True))


# Weights memoised per token, bigram and junction window: scoring a sentence adds up small
# dicts it has mostly seen before instead of looking up each of its ~400 features in the
# 200,000-weight model.  Unknown features weigh 0.0 and still count towards a block's norm.
# The limits bound the memos however much news a server scores (about 37 MB once the
# 23,850 CheckThat! sentences have been scored, by tracemalloc).
_WORD: Memo[str, float] = Memo(lambda tok: _weight("w:" + tok))
_BIGRAM: Memo[str, float] = Memo(lambda bigram: _weight("b:" + bigram), limit=50_000)
_TOKEN_GRAMS: Memo[str, dict[str, float]] = Memo(lambda tok: _weights(features.token_grams(tok)), limit=20_000)
_JUNCTION_GRAMS: Memo[str, dict[str, float]] = Memo(
    lambda window: _weights(features.junction_grams(window)), limit=20_000
)
_SCORE_MEMOS: tuple[Memo[str, Any], ...] = (_WORD, _BIGRAM, _TOKEN_GRAMS, _JUNCTION_GRAMS)


def margin(sentence: str, extra: Iterable[str] = ()) -> float:
    """Logit of ``sentence`` being check-worthy (>= 0 means check-worthy).

    ``extra`` are binary features the caller computed (the extractor's parse features,
    ``claims.extract.score.parse_features``); each weighs its weight once.  The same linear
    function as ``bias + sum(weights[f] * v for f, v in featurise(sentence, extra))`` (a test
    holds them equal), computed from memoised per-token pieces.
    """
    weights, bias = load_model()
    trim(_SCORE_MEMOS)
    trim(features.MEMOS)
    text = features.clean(sentence)
    toks = features.tokens(text)
    bigrams = features.bigrams_of(toks)
    z = bias
    # Words and bigrams: one binary block.
    tokset = set(toks)
    z += (sum(map(_WORD.__getitem__, tokset)) + sum(map(_BIGRAM.__getitem__, bigrams))) * (
        len(tokset) + len(bigrams)
    ) ** -0.5
    # Character grams: another, deduplicated across tokens and junctions by the dict.
    if toks:
        chars: dict[str, float] = {}
        update = chars.update
        for part in map(_TOKEN_GRAMS.__getitem__, tokset):
            update(part)
        for part in map(_JUNCTION_GRAMS.__getitem__, features.junction_windows(toks)):
            update(part)
        z += sum(chars.values()) * len(chars) ** -0.5
    for name, value in features.hand(text, toks, bigrams, tokset).items():
        z += weights.get(name, 0.0) * value
    get = weights.get
    for name in set(extra):
        z += get(name, 0.0)
    return z


def sentence_score(sentence: str, extra: Iterable[str] = ()) -> float:
    """Probability (0..1) that an English sentence holds a check-worthy factual claim.

    ``extra``: binary features from the sentence's parse, when the caller has one (see ``margin``).
    """
    if not sentence or not sentence.strip():
        return 0.0
    z = margin(sentence, extra)
    if z < -35.0:
        return 0.0
    return 1.0 / (1.0 + math.exp(-z))


def sentence_scores(sentences: list[str]) -> list[float]:
    """``sentence_score`` of each sentence, in order."""
    return [sentence_score(s) for s in sentences]

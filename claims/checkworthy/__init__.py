"""Check-worthiness of English sentences: a small offline logistic-regression model.

``sentence_score(s)`` is the probability that ``s`` holds a check-worthy factual claim
(CheckThat! definition); 0.5 is the decision threshold.  The weights ship in
``model.json.gz`` next to this module (trained by ``bench/train_checkworthy.py``),
are loaded once on first use, and scoring is standard-library Python.
"""

from __future__ import annotations

import gzip
import json
import math
from importlib import resources
from typing import Any

from claims.checkworthy.features import blocks

__all__ = ["THRESHOLD", "load_model", "sentence_score", "sentence_scores"]

THRESHOLD = 0.5
MODEL_FILE = "model.json.gz"

_MODEL: tuple[dict[str, float], float] | None = None
#: The model's feature names as a frozenset: set & frozenset is about twice as fast as set & dict.keys().
_KEYS: frozenset[str] = frozenset()


def load_model() -> tuple[dict[str, float], float]:
    """(weights, bias) from the packaged model file, cached after the first call."""
    global _MODEL, _KEYS
    if _MODEL is None:
        raw = resources.files(__name__).joinpath(MODEL_FILE).read_bytes()
        doc: dict[str, Any] = json.loads(gzip.decompress(raw))
        _MODEL = (doc["weights"], float(doc["bias"]))
        _KEYS = frozenset(_MODEL[0])
    return _MODEL


def margin(sentence: str) -> float:
    """Logit of ``sentence`` being check-worthy (>= 0 means check-worthy)."""
    weights, bias = load_model()
    keys = _KEYS
    get = weights.__getitem__
    groups, hand = blocks(sentence)
    z = bias
    for block, value in groups:
        z += value * sum(map(get, block & keys))
    for name, value in hand.items():
        z += weights.get(name, 0.0) * value
    return z


def sentence_score(sentence: str) -> float:
    """Probability (0..1) that an English sentence holds a check-worthy factual claim."""
    if not sentence or not sentence.strip():
        return 0.0
    z = margin(sentence)
    if z < -35.0:
        return 0.0
    return 1.0 / (1.0 + math.exp(-z))


def sentence_scores(sentences: list[str]) -> list[float]:
    """``sentence_score`` of each sentence, in order."""
    return [sentence_score(s) for s in sentences]

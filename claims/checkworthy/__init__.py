"""Check-worthiness of English sentences: a small offline logistic-regression model.

``sentence_score(s, extra)`` is the probability that ``s`` holds a check-worthy factual
claim (CheckThat! definition); 0.5 is the decision threshold.  ``extra`` are binary
features of the sentence's parse (``claims.extract.score.parse_features``): the extractor
passes them; this package never imports spaCy.  The weights ship in
``model.weights.gz`` next to this module (trained by ``bench/train_checkworthy.py``,
written by ``save_model``), are loaded once on first use, and scoring is standard-library Python.
"""

from __future__ import annotations

import gzip
import json
import math
import sys
from array import array
from collections.abc import Iterable
from importlib import resources
from itertools import repeat
from pathlib import Path
from typing import Any

from claims.checkworthy import features
from claims.memo import Memo, trim

__all__ = ["THRESHOLD", "load_model", "margin", "read_model", "save_model", "sentence_score", "sentence_scores"]

THRESHOLD = 0.5
MODEL_FILE = "model.weights.gz"
FORMAT = 2

_MODEL: tuple[dict[str, float], float] | None = None


def load_model() -> tuple[dict[str, float], float]:
    """(weights, bias) from the packaged model file, cached after the first call."""
    global _MODEL
    if _MODEL is None:
        doc = read_model(resources.files(__name__).joinpath(MODEL_FILE).read_bytes())
        _MODEL = (doc["weights"], float(doc["bias"]))
    return _MODEL


def save_model(doc: dict[str, Any], path: Path) -> None:
    """Write a model (``bias``, ``weights`` and what it was trained on) as ``read_model`` reads it.

    The file is gzip'd: a JSON line with everything but the weights, then the weights' names (sorted,
    one a line) and their values as float64 (little-endian), so loading builds one dict from two
    arrays: half a JSON parse of 200,000 weights, a tenth of a second off every cold start.
    """
    weights: dict[str, float] = doc["weights"]
    names = sorted(weights)
    if any("\n" in name for name in names):
        raise ValueError("a feature name holds a line break")
    keys = "\n".join(names).encode()
    values = array("d", (float(weights[n]) for n in names))
    if sys.byteorder == "big":
        values.byteswap()
    head = {k: v for k, v in doc.items() if k != "weights"} | {"format": FORMAT, "count": len(names), "keys": len(keys)}
    raw = json.dumps(head, separators=(",", ":"), sort_keys=True).encode() + b"\n" + keys + values.tobytes()
    path.write_bytes(gzip.compress(raw, compresslevel=9, mtime=0))


def read_model(data: bytes) -> dict[str, Any]:
    """The model ``save_model`` wrote (``data``: the file's bytes), its weights a dict again."""
    raw = gzip.decompress(data)
    line = raw.index(b"\n")
    head: dict[str, Any] = json.loads(raw[:line])
    if head.get("format") != FORMAT:
        raise ValueError(f"check-worthiness model format {head.get('format')!r}, expected {FORMAT}")
    start = line + 1
    names = raw[start : start + head["keys"]].decode().split("\n") if head["count"] else []
    values = array("d")
    values.frombytes(raw[start + head["keys"] :])
    if sys.byteorder == "big":
        values.byteswap()
    if len(values) != len(names):
        raise ValueError("check-worthiness model: names and values differ in number")
    return head | {"weights": dict(zip(names, values, strict=True))}


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

"""Check-worthiness score of a claim: the sentence classifier, folded with what the claim holds."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import TYPE_CHECKING

from claims.extract.patterns import wordset

if TYPE_CHECKING:
    from spacy.tokens import Doc

# How much each kind of span says about check-worthiness on its own.
KIND_BASE = {
    "quantity": 0.80,
    "record": 0.80,
    "comparison": 0.75,
    "date": 0.65,
    "attribution": 0.65,
    "quote": 0.60,
    "time": 0.60,
    "duration": 0.60,
    "role": 0.55,
    "event": 0.55,
}
_NUMERIC = re.compile(r"\d|%|\b(?:percent|million|billion|dozens|hundreds|thousands)\b", re.I)
_PROPER = re.compile(r"(?<=[a-z,;]\s)[A-Z][a-z]+")
_VAGUE = re.compile(r"\b(?:some|many|several|things?|stuff|people|a lot|lots)\b", re.I)
_WORD = re.compile(r"[a-z]+|\d+|\$")
# Word cues of the fallback heuristic (set lookups: this runs on every sentence).
_OPINION = wordset(
    "i we you i'm we're you're believe think feel hope should must great terrible wonderful disaster "
    "thank going want need would will"
)
_FACTUAL = wordset(
    "percent million billion trillion tax taxes job jobs unemployment deficit debt budget voted vote "
    "law bill passed signed increased decreased cut raised created lost spent cost costs paid war "
    "troops nuclear record highest lowest largest first since year years dollar dollars $"
)


@lru_cache(maxsize=1)
def _classifier() -> Callable[[str], float] | None:
    """The team's sentence classifier, when the package is installed (imported lazily)."""
    try:
        from claims.checkworthy import sentence_score  # type: ignore[attr-defined]
    except Exception:  # absent or broken: fall back to the heuristic below
        return None
    return sentence_score if callable(sentence_score) else None


def heuristic_sentence_score(sentence: str) -> float:
    """A cheap check-worthiness guess from numbers, names, factual and opinion cues (0..1)."""
    s = 0.30
    words = _WORD.findall(sentence.lower())
    if any(w[0].isdigit() or w in ("percent", "million", "billion", "dozens", "hundreds", "thousands") for w in words):
        s += 0.25
    s += min(sum(w in _FACTUAL or (len(w) == 4 and w.isdigit()) for w in words), 3) * 0.08
    s += min(len(_PROPER.findall(sentence)), 2) * 0.05
    s -= min(sum(w in _OPINION for w in words), 3) * 0.08
    if sentence.rstrip().endswith("?"):
        s -= 0.3
    if len(words) < 6:
        s -= 0.2
    return max(0.0, min(1.0, s))


MAX_CLASSIFIED = 600
_BROKEN: list[bool] = []  # set once the classifier failed (e.g. its model file is missing)


def sentence_score(sentence: str, doc: Doc | None = None) -> float:
    """Probability that a sentence holds a check-worthy claim: the classifier, else the heuristic.

    ``doc`` is the sentence's spaCy parse when the caller has one (the extractor always does).
    """
    clf = None if _BROKEN else _classifier()
    if clf is not None:
        try:
            # Run-on "sentences" (tables, lists) are cut to a sentence's length for the model.
            return max(0.0, min(1.0, float(clf(sentence[:MAX_CLASSIFIED]))))
        except Exception:  # a classifier bug must not stop extraction: use the heuristic from now on
            _BROKEN.append(True)
    return heuristic_sentence_score(sentence)


def claim_score(kind: str, quote: str, sentence_prob: float, *, attributed: bool, vague: bool) -> float:
    """Score of one claim: mostly the sentence's probability, shifted by the claim's specificity."""
    base = KIND_BASE.get(kind, 0.5)
    numeric = _NUMERIC.search(quote) is not None
    if numeric:
        base += 0.05
    if attributed:
        base += 0.05
    if vague or not numeric and _VAGUE.search(quote):
        base -= 0.1
    score = 0.6 * sentence_prob + 0.4 * base
    return round(max(0.0, min(1.0, score)), 3)


def use_classifier(enabled: bool) -> None:
    """Switch the sentence classifier off (the heuristic scores instead) or back on, e.g. to time the engine."""
    _BROKEN.clear()
    if not enabled:
        _BROKEN.append(True)


def has_classifier() -> bool:
    """Whether the sentence classifier is available and working."""
    if _classifier() is not None and not _BROKEN:
        sentence_score("The unemployment rate fell to 4 percent last year.")
    return _classifier() is not None and not _BROKEN

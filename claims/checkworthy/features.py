"""Sentence featuriser shared by training and inference (no train/serve skew).

A sentence becomes a sparse ``{feature: value}`` dict: binary word uni/bi-grams,
character 3..5-grams of the lower-cased word stream (each block L2-normalised)
and a few hand-made cues (numbers, money, superlatives, opinion markers, ...).
No length features: sentence length shifts between debates and news.
Standard library only.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from claims.memo import Memo, trim

__all__ = [
    "bigrams_of",
    "blocks",
    "char_grams",
    "clean",
    "featurise",
    "hand",
    "junction_grams",
    "junction_windows",
    "token_grams",
    "tokens",
]

_TOKEN = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)*|\d[\d,.]*|[$%?!£€]")
_PCT_W = frozenset({"%", "percent", "percentage", "cent"})
_MONEY_W = frozenset(
    {
        "$",
        "£",
        "€",
        "dollars",
        "dollar",
        "billion",
        "million",
        "trillion",
        "cents",
        "pounds",
        "euros",
        "budget",
        "tax",
        "taxes",
        "debt",
        "deficit",
    }
)
_NUM_W = frozenset(
    [
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "twenty",
        "thirty",
        "forty",
        "fifty",
        "sixty",
        "seventy",
        "eighty",
        "ninety",
        "hundred",
        "hundreds",
        "thousand",
        "thousands",
        "millions",
        "billions",
        "dozen",
        "dozens",
        "half",
        "double",
        "twice",
        "triple",
        "percent",
    ]
)
_SUPERL_W = frozenset(
    [
        "first",
        "last",
        "largest",
        "biggest",
        "highest",
        "lowest",
        "worst",
        "best",
        "most",
        "least",
        "record",
        "only",
        "never",
        "ever",
        "every",
        "all",
        "none",
        "nobody",
        "history",
        "historic",
        "since",
    ]
)
_COMPAR_W = frozenset(
    [
        "more",
        "less",
        "fewer",
        "than",
        "increase",
        "increased",
        "decrease",
        "decreased",
        "doubled",
        "tripled",
        "cut",
        "raised",
        "rose",
        "fell",
        "dropped",
        "grew",
        "lost",
        "gained",
        "created",
        "up",
        "down",
        "higher",
        "lower",
    ]
)
_OPINION_B = frozenset(
    [
        "i think",
        "i believe",
        "i feel",
        "i hope",
        "i want",
        "i'd like",
        "would like",
        "we will",
        "we'll",
        "we must",
        "we need",
        "we should",
        "have to",
        "i will",
        "i'll",
        "let me",
        "let's",
        "thank you",
        "going to",
        "you know",
        "of course",
        "my friend",
        "i agree",
        "i disagree",
        "my opinion",
        "i mean",
        "i guess",
        "we can",
        "we're going",
    ]
)
_OPINION_W = frozenset(["maybe", "perhaps", "thanks", "please", "hello", "welcome", "okay", "ok", "yes"])
_ATTRIB_W = frozenset(["said", "says", "according", "reported", "told", "announced", "stated", "estimated"])
_PAST_W = frozenset(
    ["was", "were", "had", "did", "voted", "passed", "signed", "spent", "paid", "killed", "died", "won"]
)
_MODAL_W = frozenset(["will", "would", "could", "should", "might", "may", "can", "must", "gonna"])
_WH = frozenset(["what", "why", "how", "who", "where", "when", "which"])


def clean(text: str) -> str:
    """Strip CheckThat!-style wrapping quotes and collapse whitespace."""
    text = text.strip().strip('"').replace('\\"', '"').replace('""', '"')
    return " ".join(text.split())


def _shape(tok: str) -> str:
    """One raw token as the model sees it: lower case; a digit run becomes its shape (``0`` .. ``0000``)."""
    if tok[0].isdigit():
        return "0" * min(sum(ch.isdigit() for ch in tok), 4)
    return tok.lower().replace("’", "'")


def token_grams(tok: str) -> frozenset[str]:
    """Character 3..5-grams of `` tok `` (the token padded by the spaces around it in the stream)."""
    padded = " " + tok + " "
    size = len(padded)
    return frozenset(padded[i : i + n] for n in (3, 4, 5) for i in range(size - n + 1))


#: Per-token work, done once per distinct token: news reuses most of its words.  Bounded (``claims.memo.trim``).
_SHAPE = Memo(_shape)
_PAST: Memo[str, int] = Memo(lambda t: int(t.endswith("ed") or t in _PAST_W))
_SUPER: Memo[str, int] = Memo(lambda t: int(t in _SUPERL_W or (t.endswith("est") and len(t) > 5)))
_CAPS: Memo[str, int] = Memo(lambda w: int(w[:1].isupper() and w[1:2].islower()))
MEMOS: tuple[Memo[str, Any], ...] = (_SHAPE, _PAST, _SUPER, _CAPS)


def tokens(text: str) -> list[str]:
    """Lower-cased word tokens; digit runs become shape tokens (``0``, ``00``, ``0000``)."""
    return list(map(_SHAPE.__getitem__, _TOKEN.findall(text)))


def hand(text: str, toks: list[str], bigrams: set[str], tokset: set[str] | None = None) -> dict[str, float]:
    """Hand-made cues, each a small count or flag, from tokens (cheap set look-ups)."""
    n = len(toks)
    tokset = set(toks) if tokset is None else tokset
    nums = sum(map(toks.count, ("0", "00", "000", "0000")))
    past = sum(map(_PAST.__getitem__, toks))
    sup = sum(map(_SUPER.__getitem__, toks))
    caps = sum(map(_CAPS.__getitem__, text.split()[1:]))
    opinion = len(bigrams & _OPINION_B) + len(tokset & _OPINION_W)
    last = text[-1:] if text else ""
    feats: dict[str, float] = {
        "h:num": min(nums, 3) / 3,
        "h:year": float("0000" in tokset),
        "h:pct": float(not _PCT_W.isdisjoint(tokset)),
        "h:money": float(not _MONEY_W.isdisjoint(tokset)),
        "h:numword": float(not _NUM_W.isdisjoint(tokset)),
        "h:superl": min(sup, 2) / 2,
        "h:compar": min(len(tokset & _COMPAR_W), 2) / 2,
        "h:opinion": min(opinion, 2) / 2,
        "h:attrib": float(not _ATTRIB_W.isdisjoint(tokset)),
        "h:past": min(past, 3) / 3,
        "h:caps": min(caps, 3) / 3,
        "h:modal": min(len(tokset & _MODAL_W), 2) / 2,
        "h:question": float(last == "?"),
        "h:wh": float(bool(toks) and toks[0] in _WH),
        "h:exclaim": float("!" in tokset),
        "h:nostop": float(bool(n) and last not in ".?!\"'"),
    }
    return {k: v for k, v in feats.items() if v}


_EDGE = "\x01"  # pads the stream beyond its ends, so every junction window has 7 characters


def junction_windows(toks: list[str]) -> list[str]:
    """For each space between two tokens of the stream, the 7 characters centred on it.

    A character 3..5-gram with a space inside it (not at its ends) reaches at most three
    characters either side of that space, so the window holds all such grams.
    """
    if len(toks) < 2:
        return []
    padded = _EDGE + " " + " ".join(toks) + " " + _EDGE
    out = []
    s = 1  # the stream's first space, in ``padded``
    for tok in toks[:-1]:
        s += len(tok) + 1  # the space after ``tok``
        out.append(padded[s - 3 : s + 4])
    return out


def junction_grams(window: str) -> frozenset[str]:
    """The grams of a junction window that have its centre space inside them."""
    grams = (window[2:5], window[1:5], window[2:6], window[0:5], window[1:6], window[2:7])
    return frozenset(g for g in grams if _EDGE not in g)


def char_grams(toks: list[str]) -> set[str]:
    """Character 3..5-grams of the stream `` t1 t2 ... `` (the tokens joined and padded by spaces).

    A gram with no space inside it lies within one padded token; the others lie within the
    window around a space between two tokens.  The scorer (``claims.checkworthy.margin``)
    memoises both kinds with their weights; this is the plain form training uses.
    """
    chars: set[str] = set()
    chars.update(*map(token_grams, set(toks)))
    chars.update(*map(junction_grams, junction_windows(toks)))
    return chars


def bigrams_of(toks: list[str]) -> set[str]:
    """Word bigrams, with ``<s>`` and ``</s>`` at the sentence's ends."""
    return set(map(" ".join, zip(["<s>", *toks], [*toks, "</s>"], strict=True)))


def blocks(text: str) -> tuple[list[tuple[set[str], float]], dict[str, float]]:
    """Feature blocks of one sentence: ([(binary feature set, its value), ...], hand cues)."""
    trim(MEMOS)
    text = clean(text)
    toks = tokens(text)
    bigrams = bigrams_of(toks)
    words = {"w:" + t for t in toks}
    words.update(["b:" + b for b in bigrams])
    chars = char_grams(toks)  # char grams hold no ":" (no prefix)
    out = [(block, len(block) ** -0.5) for block in (words, chars) if block]
    return out, hand(text, toks, bigrams)


def featurise(text: str, extra: Iterable[str] = ()) -> dict[str, float]:
    """Sparse feature dict of one sentence (each block L2-normalised); the model is a dot product.

    ``extra``: binary features computed elsewhere (the parse's, ``p:...``), each of value 1.0.
    """
    groups, hand = blocks(text)
    feats = {f: value for block, value in groups for f in block}
    feats.update(hand)
    feats.update(dict.fromkeys(extra, 1.0))
    return feats

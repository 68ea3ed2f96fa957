"""Sentence featuriser shared by training and inference (no train/serve skew).

A sentence becomes a sparse ``{feature: value}`` dict: binary word uni/bi-grams,
character 3..5-grams of the lower-cased word stream (each block L2-normalised)
and a few hand-made cues (numbers, money, superlatives, opinion markers, ...).
No length features: sentence length shifts between debates and news.
Standard library only.
"""

from __future__ import annotations

import re

__all__ = ["blocks", "clean", "featurise", "tokens"]

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


def tokens(text: str) -> list[str]:
    """Lower-cased word tokens; digit runs become shape tokens (``0``, ``00``, ``0000``)."""
    out = []
    for tok in _TOKEN.findall(text):
        if tok[0].isdigit():
            digits = sum(ch.isdigit() for ch in tok)
            out.append("0" * min(digits, 4))
        else:
            out.append(tok.lower().replace("’", "'"))
    return out


def _hand(text: str, toks: list[str], bigrams: set[str]) -> dict[str, float]:
    """Hand-made cues, each a small count or flag, from tokens (cheap set look-ups)."""
    n = len(toks)
    tokset = set(toks)
    nums = sum(1 for t in toks if t[0] == "0")
    past = sum(1 for t in toks if t.endswith("ed") or t in _PAST_W)
    sup = sum(1 for t in toks if t in _SUPERL_W or (t.endswith("est") and len(t) > 5))
    caps = sum(1 for w in text.split()[1:] if w[:1].isupper() and w[1:2].islower())
    opinion = len(bigrams & _OPINION_B) + len(tokset & _OPINION_W)
    last = text[-1:] if text else ""
    feats: dict[str, float] = {
        "h:num": min(nums, 3) / 3,
        "h:year": float(any(t == "0000" for t in toks)),
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


def blocks(text: str) -> tuple[list[tuple[set[str], float]], dict[str, float]]:
    """Feature blocks of one sentence: ([(binary feature set, its value), ...], hand cues)."""
    text = clean(text)
    toks = tokens(text)
    bigrams = {a + " " + b for a, b in zip(["<s>", *toks], [*toks, "</s>"], strict=True)}
    words = {"w:" + t for t in toks}
    words.update(["b:" + b for b in bigrams])
    stream = " " + " ".join(toks) + " "
    size = len(stream)
    chars = {stream[i : i + 3] for i in range(size - 2)}  # char grams hold no ":" (no prefix)
    chars.update([stream[i : i + 4] for i in range(size - 3)])
    chars.update([stream[i : i + 5] for i in range(size - 4)])
    out = [(block, len(block) ** -0.5) for block in (words, chars) if block]
    return out, _hand(text, toks, bigrams)


def featurise(text: str) -> dict[str, float]:
    """Sparse feature dict of one sentence (each block L2-normalised); the model is a dot product."""
    groups, hand = blocks(text)
    feats = {f: value for block, value in groups for f in block}
    feats.update(hand)
    return feats

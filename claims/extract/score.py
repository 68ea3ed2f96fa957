"""Check-worthiness score of a claim: the sentence classifier, folded with what the claim holds."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import TYPE_CHECKING

from claims.extract.patterns import wordset

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

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


_FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo", "gonna"})
_PERSON = {"1": "1st", "2": "2nd", "3": "3rd"}
_NEG_WORDS = ("no", "never", "none", "nobody", "nothing")


def _tense(verb: Token) -> str:
    """Tense of a clause's head: future, modal, past, perfect, present or none (an infinitive, a noun)."""
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(a.lower_ in _FUTURE_AUX for a in auxes):
        return "future"
    if any(a.tag_ == "MD" for a in auxes):
        return "modal"
    tags = [verb.tag_, *(a.tag_ for a in auxes)]
    if "VBD" in tags:
        return "past"
    if verb.tag_ == "VBN" and any(a.lemma_ == "have" for a in auxes):
        return "perfect"
    if "VBZ" in tags or "VBP" in tags:
        return "present"
    return "none"


def _subject(verb: Token) -> str:
    """Who a clause is about: a 1st/2nd/3rd-person pronoun, a proper name, a noun, or no subject."""
    for c in verb.children:
        if c.dep_ in ("nsubj", "nsubjpass", "csubj", "expl"):
            if c.pos_ == "PRON":
                person = c.morph.get("Person", [])
                return _PERSON.get(person[0], "3rd") if person else "pron"
            return "propn" if c.pos_ == "PROPN" else "noun"
    return "none"


def root_features(root: Token) -> set[str]:
    """The root's part of speech, tense and subject, and the tense and subject of a clause it reports."""
    subj = _subject(root)
    feats = {"p:root=" + root.pos_, "p:tense=" + _tense(root), "p:subj=" + subj}
    if subj == "none" and root.tag_ == "VB":
        feats.add("p:imperative")
    for c in root.children:
        if c.dep_ in ("ccomp", "xcomp") and c.pos_ in ("VERB", "AUX"):
            feats.add("p:ctense=" + _tense(c))
            feats.add("p:csubj=" + _subject(c))
            break
    return feats


def parse_features(doc: Doc) -> list[str]:
    """Binary features of a sentence's parse for the check-worthiness classifier (as ClaimBuster uses).

    Entity types present, coarse POS tags and POS bigrams, the root's part of speech, tense
    and subject (1st/2nd/3rd person pronoun, name, noun), the tense of the clause a root
    reports ("officials said [prices rose]"), passive voice, numbers, negation and questions.
    Every name starts with ``p:``, apart from the model's text features.
    """
    from spacy.attrs import DEP, IS_SPACE, LIKE_NUM, LOWER, ORTH, POS, TAG
    from spacy.parts_of_speech import NAMES

    # One row a token (its flags, POS, relation, word, tag), not a ``Token`` and a string look-up an attribute.
    rows = [r for r in doc.to_array([IS_SPACE, POS, DEP, LIKE_NUM, LOWER, ORTH, TAG]).tolist() if not r[0]]
    if not rows:
        return []
    strings = doc.vocab.strings
    ents = doc.ents
    feats = {"p:ent=" + e.label_ for e in ents}
    feats.add(f"p:ents={min(len(ents), 3)}")
    pos = [NAMES[r[1]] for r in rows]
    feats.update("p:pos=" + p for p in pos)
    feats.update(f"p:pp={a}_{b}" for a, b in zip(["<s>", *pos], [*pos, "</s>"], strict=True))
    feats.update(root_features(next(iter(doc.sents)).root))
    deps = {strings[d] for d in {r[2] for r in rows}}
    if "nsubjpass" in deps or "auxpass" in deps:
        feats.add("p:passive")
    if any(r[3] or p == "NUM" for r, p in zip(rows, pos, strict=True)):
        feats.add("p:num")
    if "neg" in deps or any(strings[w] in _NEG_WORDS for w in {r[4] for r in rows}):
        feats.add("p:neg")
    question = strings["?"]
    if rows[-1][5] == question or (len(rows) > 1 and rows[-2][5] == question):
        feats.add("p:question")
    if strings[rows[0][6]] in ("WDT", "WP", "WP$", "WRB"):
        feats.add("p:wh")
    return sorted(feats)


@lru_cache(maxsize=1)
def _classifier() -> Callable[..., float] | None:
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

    ``doc`` is the sentence's spaCy parse when the caller has one (the extractor always does):
    its ``parse_features`` go to the classifier beside the text.
    """
    clf = None if _BROKEN else _classifier()
    if clf is not None:
        try:
            extra = parse_features(doc) if doc is not None else ()
            # Run-on "sentences" (tables, lists) are cut to a sentence's length for the model.
            return max(0.0, min(1.0, float(clf(sentence[:MAX_CLASSIFIED], extra))))
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


def has_classifier() -> bool:
    """Whether the sentence classifier is available and working."""
    if _classifier() is not None and not _BROKEN:
        sentence_score("The unemployment rate fell to 4 percent last year.")
    return _classifier() is not None and not _BROKEN

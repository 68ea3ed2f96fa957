"""Span decisions inside one sentence: which clause a figure or date needs, what counts as an event."""

from __future__ import annotations

import re

from claims.extract import attribution, clauses, patterns
from claims.extract.candidates import Cand

# Content clauses that start like this are background, reasons or conditions, not events.
SUBORDINATE = re.compile(
    r"^(?:as|while|although|though|because|since|if|unless|whereas|even|so|despite|whether|once|"
    r"compared|including|such|like|unlike)\b",
    re.I,
)
# "This suggests ...", "It means ...": the writer's reading of the facts.
_EVALUATIVE = re.compile(
    r"^(?:this|that|it|these|those|there)\s(?:is|was|are|were|suggests?|shows?|means?|has|does)\b", re.I
)
# A clause that only says someone said something ("U.S. officials claimed").
_ATTR_ONLY = re.compile(
    rf"\b(?:{attribution.ATTR_VERBS}|showed|shows|found|finds|believe|believes|note|say|think)(?:\s(?:on|On)\s\w+day)?(?:\sthat)?\s*$"
)
# "The state news agency reported (on Tuesday)": an organisation as the source.
_ORG_SAID = re.compile(
    r"(?P<who>.{3,90}?)\s(?:has\s|have\s)?(?:reported|said|announced|stated|confirmed|published)\b"
    r"(?:\s(?:on|On)\s(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))?"
)
_PROPER_INSIDE = re.compile(r"(?<=\s)(?:[A-Z][\w\u2019'-]+|[A-Z]{2,})")
_WORDS = re.compile(r"\S+")
_DIGIT = re.compile(r"\d")
# Where a capped clause may end or start: before a preposition or connective, at a word.
_PHRASE_CUT = re.compile(r"\s(?=(?:at|in|on|with|for|to|from|by|after|before|during|and|which|who|that|as)\s)")
_WORD_START = re.compile(r"[\s,](?=\S)")  # a word starts where this ends (a leading class: fast scan)
_ATTR_VERB = re.compile(attribution.ATTR_VERBS)


def join_when(sent: str, segs: list[tuple[int, int]], cands: list[Cand]) -> list[tuple[int, int]]:
    """ "... in 1884, when X hosted Y": a when-clause tells what happened at the date before it."""
    ends = {c.end for c in cands if c.kind == "date"}
    out: list[tuple[int, int]] = []
    for a, b in segs:
        if out and sent.startswith("when ", a) and out[-1][1] in ends:
            out[-1] = (out[-1][0], b)
        else:
            out.append((a, b))
    return out


def governed_by_modal(sent: str, segs: list[tuple[int, int]], c: Cand) -> bool:
    """A figure after "will", "could", "hopes" in its clause is a prediction, not a claim."""
    if c.kind in ("role", "attribution", "quote"):
        return False
    seg = next(((a, b) for a, b in segs if a <= c.start < b), None)
    start = seg[0] if seg else max(0, c.start - 60)
    return bool(patterns.PREDICTION_RE.search(sent, start, c.start))


def covered(a: int, b: int, taken: list[tuple[int, int]]) -> float:
    """Share of [a, b) already covered by accepted claims."""
    return sum(max(0, min(b, q) - max(a, p)) for p, q in taken) / max(1, b - a)


def segment_attributions(sent: str, segs: list[tuple[int, int]]) -> list[Cand]:
    """ "The state news agency reported (on Tuesday)": organisations and outlets as sources."""
    out = []
    for a, b in segs:
        m = _ORG_SAID.match(sent, a, b)
        if m and attribution.is_organisation(m.group("who")) and len(m.group("who").split()) <= 10:
            out.append(Cand(a, m.end(), "attribution", "short", {"source": m.group("who")}))
    return out


def embedded_quotes(sent: str, qspans: list[tuple[int, int]], s0: int, segs: list[tuple[int, int]]) -> list[Cand]:
    """Short quotations inside a reported sentence: their wording can be checked, in their clause."""
    out = []
    for qa, qb in qspans:
        a, b = qa - s0, qb - s0
        if a < 0 or b > len(sent):
            continue
        words = _WORDS.findall(sent[a:b])
        capitalised = sum(w[:1].isupper() or not w[:1].isalpha() for w in words[1:])
        if len(words) < 3 or capitalised > len(words) / 2:
            continue  # single words and titles ("The Case for Colonialism") are not quotations to check
        # A short quoted phrase checks who said what (attribution); a longer one, the wording (quote).
        kind = "attribution" if len(words) < 5 else "quote"
        out.append(Cand(a, b, kind, "anchor", {"quotation": sent[a + 1 : b - 1].strip(" ,.")}, cap=200))
    return out


def drop_folded_dates(sent: str, cands: list[Cand], segs: list[tuple[int, int]]) -> list[Cand]:
    """A weekday next to "said"/"told" dates the statement, not the fact: fold it into the attribution."""
    attrs = [c for c in cands if c.kind in ("attribution", "role") and c.mode == "short"]
    out = []
    for c in cands:
        if c.kind == "date" and c.values.get("relative"):
            seg = next(((a, b) for a, b in segs if a <= c.start < b), None)
            if seg and _dates_the_statement(sent, c, seg, attrs):
                continue
        out.append(c)
    return out


def _dates_the_statement(sent: str, c: Cand, seg: tuple[int, int], attrs: list[Cand]) -> bool:
    """Whether date ``c`` goes with its clause's "said" ("said on Tuesday", "On Tuesday, police said").

    A date after the verb with a clause between ("said the ships had left on Tuesday") is the fact's own.
    """
    spans = [(m.start(), m.end()) for m in _ATTR_VERB.finditer(sent, seg[0], seg[1])]
    spans += [(a.start, a.end) for a in attrs if a.start < seg[1] and seg[0] < a.end]
    for a, b in spans:
        if a >= c.end or (a <= c.start and c.end <= b):
            return True  # the date comes first in the clause, or inside the attribution
        if b <= c.start and not patterns.has_verb(sent[b : c.start]):
            return True
    return False


def anchor_span(sent: str, a: int, b: int, anchors: list[Cand]) -> tuple[int, int]:
    """The clause span an anchored candidate needs, capped to stay a focused claim."""
    lo = min(c.start for c in anchors)
    hi = max(c.end for c in anchors)
    if all(c.mode == "anchor_right" for c in anchors):
        a = lo
    if all(c.mode == "anchor_left" for c in anchors):
        b = hi
    cap = min(c.cap for c in anchors)
    if b - a <= cap:
        return a, b
    # Cut the tail at a phrase boundary after the anchor, else the head before it.
    for m in reversed(list(_PHRASE_CUT.finditer(sent[a:b]))):
        cut = a + m.start()
        if hi <= cut <= a + cap:
            return a, cut
    for m in _WORD_START.finditer(sent[a:b]):
        start = a + m.end()
        if b - start <= cap and start <= lo:
            return clauses.trim(sent, start, b)
    return a, b


def is_event(seg: str, modal: bool = True, opinion: bool = True) -> bool:
    """Whether a clause with no typed span still states a checkable happening."""
    words = seg.split()
    if not 4 <= len(words) <= 45 or not patterns.has_verb(seg):
        return False
    if SUBORDINATE.match(seg) or _EVALUATIVE.match(seg) or _ATTR_ONLY.search(seg):
        return False
    if modal and patterns.MODAL_RE.search(seg) or opinion and patterns.OPINION_RE.search(seg):
        return False
    return bool(_PROPER_INSIDE.search(seg) or _DIGIT.search(seg))

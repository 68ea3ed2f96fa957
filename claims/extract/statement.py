"""Turn a located span into a Claim: the standalone statement, the speaker, the score."""

from __future__ import annotations

import bisect
import re
from operator import attrgetter
from typing import Any, Protocol

from claims.extract import clauses, patterns, score
from claims.extract.attribution import Source
from claims.extract.candidates import Cand
from claims.extract.claim import Claim

_START = attrgetter("start")
_RELATIVE = ("who", "which", "whose")
# Sentence-opening words that are not names: lower case once the sentence follows "X said that".
_COMMON_OPENERS = patterns.wordset(
    "the a an it its this that these those there he she they we our his her their in on at by for with "
    "after before during since more most some all many about nearly almost well so and but one two three four "
    "five six seven eight nine ten twenty thirty forty fifty hundreds thousands millions dozens several few"
)
_JOIN_AFTER = re.compile(r"\s*(?:,\s*)?(?:and|or)\s+")
_JOIN_BEFORE = re.compile(r"(?:,\s*|\s+(?:and|or)\s+)$")


class SentenceScore(Protocol):
    """Anything with the sentence's check-worthiness probability as ``value``."""

    @property
    def value(self) -> float: ...


def build_claim(
    text: str,
    s0: int,
    sent: str,
    a: int,
    b: int,
    kind: str,
    values: dict[str, Any],
    lazy: SentenceScore,
    who: Source | None,
    segs: list[tuple[int, int]],
    cand: Cand | None,
    siblings: list[Cand] | None = None,
) -> Claim:
    """Build the Claim for sentence span [a, b)."""
    quote = sent[a:b]
    i, seg = next(((i, (x, y)) for i, (x, y) in enumerate(segs) if x <= a < y), (-1, (a, b)))
    lo, hi = min(seg[0], a), max(seg[1], b)
    if cand is not None and cand.kind == "quantity" and siblings:
        # Only the neighbours a coordination can join ("X and Y"): bounded work per claim.
        # ``siblings`` are sorted by start, so a bisection finds the window of 119 characters
        # either side (a run-on "sentence" can hold hundreds of figures).
        first, last = max(lo, cand.start - 119), min(hi, cand.start + 120)
        near: list[Cand] = []
        for c in siblings[bisect.bisect_left(siblings, first, key=_START) :]:
            if c.start >= last or len(near) == 4:
                break
            if c.kind == "quantity" and c is not cand:
                near.append(c)
        statement = _atomic_text(sent, (lo, hi), cand, near)
    else:
        statement = sent[lo:hi].strip()
    if i > 0 and kind not in ("role", "attribution"):
        statement = _with_subject(sent, segs[i - 1], statement)
    if kind == "role":
        speaker = values.get("speaker")
        statement = _role_text(quote, speaker)
    else:
        speaker = who.name if who else None
        if who and kind != "attribution" and who.name.lower() not in statement.lower():
            if who.lead.startswith("according to"):
                statement = f"{statement}, {who.lead}"
            else:
                statement = f"{who.lead} that {_lower_first(statement)}"
    vague = bool(values.get("lower_bound"))
    prob = lazy.value
    s = score.claim_score(kind, quote, prob, attributed=who is not None, vague=vague)
    reason = f"{kind}" + (f", attributed to {who.name}" if who else "") + f"; sentence check-worthiness {prob:.2f}"
    return Claim(
        quote=quote,
        start=s0 + a,
        end=s0 + b,
        sentence=sent.strip(),
        text=statement,
        kind=kind,
        score=s,
        reason=reason,
        values=values,
        speaker=speaker,
    )


def _role_text(quote: str, name: str | None) -> str:
    """ "NATO Secretary General Jens Stoltenberg" -> "Jens Stoltenberg is NATO Secretary General"."""
    if not name:
        return quote
    if name not in quote:
        return f"{name} is {quote}"
    rest = quote.replace(name, "", 1).strip(" ,")
    return f"{name} is {_lower_first(rest)}" if rest else quote


def _with_subject(sent: str, prev: tuple[int, int], statement: str) -> str:
    """Give a clause cut after "and" its subject back: "pledged to ..." -> "Putin pledged to ..."."""
    first = statement.split(" ", 1)[0]
    if not first or first[0].isupper() or first.endswith("ing") or not patterns.has_verb(first):
        return statement
    prev_text = clauses.trim(sent, *prev)
    words = sent[prev_text[0] : prev_text[1]].split()
    subject: list[str] = []
    for i, w in enumerate(words[:8]):
        if patterns.has_verb(w) or w.lower() in _RELATIVE:
            break
        if w.endswith(",") and words[i + 1 : i + 2] and words[i + 1].lower() in _RELATIVE:
            subject.append(w[:-1])  # "Karin Vogt, who took over in March, said": the aside is not the subject
            break
        subject.append(w)
    if not subject or len(subject) == len(words[:8]):
        return statement
    if subject[0].lower() in ("that", "and", "but"):
        subject = subject[1:]
    return " ".join(subject + [statement]) if subject else statement


def _atomic_text(sent: str, seg: tuple[int, int], cand: Cand, others: list[Cand]) -> str:
    """The clause without its sibling quantities ("dozens of X and 11,000 Y" -> "... 11,000 Y")."""
    x, y = seg
    out = sent[x:y]
    for o in sorted(others, key=lambda c: -c.start):
        fs, fe = o.full or (o.start, o.end)
        if not (x <= fs and fe <= y):
            continue
        fs, fe = fs - x, fe - x
        tail = _JOIN_AFTER.match(out, fe)
        head = _JOIN_BEFORE.search(out, max(0, fs - 12), fs)
        if tail:
            out = out[:fs] + out[tail.end() :]
        elif head:
            out = out[: head.start()] + out[fe:]
    return out.strip()


def _lower_first(statement: str) -> str:
    """``statement`` with its first word in lower case when that word is no name ("The talks" -> "the talks")."""
    word = statement.split(" ", 1)[0]
    if word[:1].isupper() and word.lower() in _COMMON_OPENERS:
        return word.lower() + statement[len(word) :]
    return statement

"""Typed candidate spans in one sentence: dates, times, durations, records, comparisons, quantities."""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from claims.extract import dates, patterns
from claims.extract.numbers import ORDINALS, parse_number, quantity_values

# Which kind wins when two candidates overlap (lower first).
PRIORITY = {
    "role": 0,
    "attribution": 1,
    "record": 2,
    "comparison": 3,
    "time": 4,
    "duration": 5,
    "date": 6,
    "quantity": 7,
    "quote": 8,
    "event": 9,
}
_DETERMINER = re.compile(
    r"\b(?:the|these|those|all|both|its|their|his|her|our|my|your|every|each|first|last|top|other|"
    r"another|one|of)\s$",
    re.I,
)
_FOLLOWS_VERB = re.compile(
    r"\s(?:have|has|had|are|were|is|was|will|would|could|did|do|does|also\s[a-z]+|[a-z]{3,}ed\b|"
    r"said|say|died|fled|live|lived|work|attended|signed|voted|took|went|came|made|lost|won)\b"
)
_DIGIT = re.compile(r"\d")
_TRAILING_FUNCTION = re.compile(r"(?:\s(?:in|on|at|of|the|a|an|and|or|to|for|by|did|do|does|was|were))+$")
_YEAR_DIGITS = re.compile(r"(?<!\d)\d{4}(?!\d)")
_MONEY = re.compile(r"[$€£¥₹]|dollar|euro|pound|yen|yuan|rupee|ruble|rouble|franc|peso", re.I)
_PREP_BEFORE = re.compile(r"\b(?:of|by|to|from|with|than)\s$")
_FRACTION_WORD = re.compile(r"half|third|quarter|fifth|tenth")
# A change verb, perhaps with "by", just before a figure: "fell by a third", "doubled by".
_CHANGED_BY = re.compile(patterns.CHANGE_VERB.pattern.removesuffix(r"\s$") + r"\s(?:by\s)?$", re.I)
_SUPERLATIVE = re.compile(
    r"\b(?:most|least)\s[a-z]+|\b(?!(?:interest|forest|latest)\b)[a-z]{2,}est\b|\bbest\b|\bworst\b"
)
_SCOPE = re.compile(
    r"\b(?:in\s(?:recorded\s|modern\s|living\s)?(?:history|memory)|ever(?:\srecorded)?|on\srecord|of\sall\stime"
    r"|since\s[\w\s]{0,20}?\d{4}|in\s(?:at\sleast\s|more\sthan\s|nearly\s)?\w+\s(?:years|decades|months)"
    r"|of\sthe\s\d{1,2}(?:st|nd|rd|th)\scentury|in\sthe\s(?:nation|country|world|state|region|league|industry))\b"
)
_SMALL = {"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "a", "an"}
_YEARLIKE = re.compile(r"^(?:1[0-9]|20)\d\d$")


@dataclass(slots=True)
class Cand:
    """A typed span: ``short`` ones are claims by themselves, ``anchor`` ones need their clause."""

    start: int
    end: int
    kind: str
    mode: str
    values: dict[str, Any] = field(default_factory=dict)
    cap: int = 140
    full: tuple[int, int] | None = None  # the whole phrase incl. bounds, for the claim's text


def find(sent: str, published: dt.date | None, *, speech: bool, toks: set[str] | None = None) -> list[Cand]:
    """All typed candidates of a sentence (offsets are sentence-relative)."""
    out: list[Cand] = []
    toks = set(patterns.words(sent)) if toks is None else toks
    digit = _DIGIT.search(sent) is not None
    # Every date form needs a year (four digits) or a month, weekday or relative word.
    if toks & patterns.DATE_WORDS or (digit and _YEAR_DIGITS.search(sent)):
        out += _dates(sent, published, speech)
    # A clock time needs a colon, "a.m./p.m." or "am/pm", or the words noon and midnight.
    if (digit and (":" in sent or ".m." in sent or toks & {"am", "pm"})) or "noon" in toks or "midnight" in toks:
        for m in dates.TIME_RE.finditer(sent):
            out.append(Cand(m.start(), m.end(), "time", "short", dates.time_values(m.group(0))))
    if toks & patterns.UNIT_WORDS:
        for rx in (dates.DURATION_ADJ_RE, dates.DURATION_RE):
            for m in rx.finditer(sent):
                out.append(Cand(m.start(), m.end(), "duration", "short", dates.duration_values(m.group(0))))
    if patterns.superlative_cue(toks):
        out += _records(sent)
    if toks & patterns.COMPARE_WORDS:
        for m in patterns.COMPARISON_RE.finditer(sent):
            end = m.start() + len(_TRAILING_FUNCTION.sub("", m.group(0).rstrip()))
            out.append(Cand(m.start(), end, "comparison", "short", {"factor": _factor(m.group(0))}))
    if digit or toks & patterns.NUMBER_WORDS or any(c in sent for c in "$€£¥₹"):
        for m in patterns.quantity_matches(sent, toks):
            cand = _quantity(sent, m, speech)
            if cand is not None:
                out.append(cand)
    return out


def _dates(sent: str, published: dt.date | None, speech: bool) -> list[Cand]:
    out = []
    for m in dates.date_matches(sent):
        kind = m.lastgroup or "date"
        values = dates.resolve(kind, m.group(0), published)
        full = kind in ("full", "iso")
        if speech and kind not in ("full", "iso", "monthyear", "year"):
            continue
        mode = "short" if speech else "anchor"
        out.append(Cand(m.start(), m.end(), "date", mode, values, cap=100 if full else 140))
    return out


def _records(sent: str) -> list[Cand]:
    out = []
    for m in patterns.RECORD_RE.finditer(sent):
        if re.search(r"\b(?:I|we|you|they|I've|we've)\b", m.group(0)):
            continue  # "the worst policy we have ever seen": a judgement, not a record
        # A bare "the first time" needs what happened: extend it to the end of its clause.
        mode = "anchor_right" if m.group(0).lower().endswith("first time") else "short"
        out.append(Cand(m.start(), m.end(), "record", mode, _record_values(m.group(0)), cap=140))
    return out


def _quantity(sent: str, m: re.Match[str], speech: bool) -> Cand | None:
    """A quantity candidate, or None for years, pronoun "one", anaphora and bare numbers."""
    num = m.group("num")
    low = num.lower().replace("-", " ")
    np = (m.group("np") or "").rstrip()
    unit = m.group("unit")
    if unit and not np.lstrip().startswith("of "):
        np = ""  # "55 per cent today": after a unit only an "of" phrase belongs to the figure
    whole = m.group(0)
    money = not whole.isdigit() and bool(_MONEY.search(whole))  # a bare run of digits names no currency
    if _YEARLIKE.match(num) and not unit and not money:
        return None
    if low in ("a", "an", "one", "hundred", "dozen", "half") and not unit and not (low == "half" and _changed(sent, m)):
        return None
    if m.start() > 1 and sent[m.start() - 1] == "(" and sent[: m.start() - 1].rstrip()[-1:].isalnum():
        return None  # "€1.8 billion ($1.95 billion)": a conversion, not a second figure
    vague = low.split()[0] in ("dozens", "scores", "hundreds", "thousands", "millions", "billions", "tens")
    if vague and not np.lstrip().startswith("of"):
        return None
    if not np and not unit and not money:
        if not (_FRACTION_WORD.search(low) and _changed(sent, m)):
            return None
        # "ridership fell by a third": the change is the fact; its clause says of what.
        values = quantity_values(m.group(0))
        return Cand(m.start(), m.end(), "quantity", "anchor_left", values, cap=120, full=(m.start(), m.end()))
    small = low in _SMALL or (low.isdigit() and int(low) < 10)
    small = small and not unit and not money and not m.group("approx") and not m.group("bound")
    if small and _DETERMINER.search(sent, max(0, m.start() - 12), m.start()):
        return None  # "the two leaders": a reference back, not a count
    # Drop trailing verbs the noun-phrase grammar swallowed ("500 residents filed").
    words = np.split(" ")
    while len(words) > 1 and patterns.has_verb(words[-1]):
        words.pop()
    np = " ".join(words).rstrip()
    end = m.start("np") + len(np) if m.group("np") else m.end()
    if np.lower().endswith((" of", " and")):
        return None
    values = quantity_values(m.group(0)[: end - m.start()])
    if np.strip():
        values["noun"] = np.strip().removeprefix("of ").strip()
    bound_start = m.start()
    num_start = m.start("approx") if m.group("approx") else m.start("num")
    before = sent[max(0, bound_start - 25) : bound_start]
    if speech:
        if small:
            return None
        return Cand(num_start, end, "quantity", "short", values, full=(bound_start, end))
    if patterns.CHANGE_VERB.search(before):
        return Cand(num_start, end, "quantity", "anchor_left", values, cap=120, full=(bound_start, end))
    if small:
        return Cand(bound_start, end, "quantity", "anchor", values, cap=140, full=(bound_start, end))
    if _FOLLOWS_VERB.match(sent, end) and not _PREP_BEFORE.search(before):
        return Cand(bound_start, end, "quantity", "anchor_right", values, cap=120, full=(bound_start, end))
    return Cand(num_start, end, "quantity", "short", values, full=(bound_start, end))


def _changed(sent: str, m: re.Match[str]) -> bool:
    """Whether a change verb ("fell", "rose by") comes just before the figure of ``m``."""
    return _CHANGED_BY.search(sent, max(0, m.start() - 25), m.start()) is not None


def _record_values(phrase: str) -> dict[str, Any]:
    """What a record claims: the ordinal or superlative, and the scope it holds in."""
    low = phrase.lower()
    out: dict[str, Any] = {}
    sup = _SUPERLATIVE.search(low)
    if sup:
        out["superlative"] = sup.group(0)
    scope = _SCOPE.search(low)
    if scope:
        out["scope"] = scope.group(0)
    first = next((w for w in ORDINALS if re.search(rf"\b{w}\b", low)), None)
    if first:
        out["ordinal"] = ORDINALS[first]
    m = re.search(r"in\s(?:at\sleast\s|more\sthan\s|nearly\s)?(\w+)\s(years|decades|months)", low)
    if m:
        n = parse_number(m.group(1))
        if n is not None:
            out["span"] = {"amount": int(n), "unit": m.group(2).rstrip("s")}
    m = re.search(r"\b(\d{1,2})(?:st|nd|rd|th)\scentury", low)
    if m:
        out["century"] = int(m.group(1))
    return out


def _factor(phrase: str) -> float | None:
    low = phrase.lower()
    for word, f in (("twice", 2.0), ("double", 2.0), ("triple", 3.0), ("half", 0.5)):
        if low.startswith(word):
            return f
    m = re.match(r"([\w.]+)\stimes", low)
    return parse_number(m.group(1)) if m else None


def resolve_overlaps(cands: list[Cand]) -> list[Cand]:
    """Keep one candidate per stretch of text: the higher-priority, then the longer one."""
    ordered = sorted(cands, key=lambda c: (PRIORITY.get(c.kind, 9), -(c.end - c.start), c.start))
    if any(c.end <= c.start for c in ordered):  # an empty span breaks the sorted-ends argument below
        kept: list[Cand] = []
        for c in ordered:
            if any(c.start < k.end and k.start < c.end for k in kept):
                continue
            kept.append(c)
        kept.sort(key=lambda c: c.start)
        return kept
    # The kept spans are disjoint and kept sorted, so only the one starting last before ``c``
    # ends can overlap ``c``: a bisection, not a scan (a run-on "sentence" has hundreds).
    starts: list[int] = []
    ends: list[int] = []
    by_start: list[Cand] = []
    for c in ordered:
        i = bisect.bisect_left(starts, c.end)
        if i and ends[i - 1] > c.start:
            continue
        starts.insert(i, c.start)
        ends.insert(i, c.end)
        by_start.insert(i, c)
    return by_start

"""Split article text into blocks and sentences, keeping character offsets."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from claims.extract.dates import MONTHS, WEEKDAYS
from claims.extract.patterns import wordset

# Abbreviations that end with a period but do not end a sentence.
_ABBREV = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "st",
        "sen",
        "rep",
        "gov",
        "gen",
        "col",
        "lt",
        "sgt",
        "capt",
        "jr",
        "sr",
        "inc",
        "corp",
        "co",
        "ltd",
        "no",
        "vs",
        "etc",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "mt",
        "ft",
        "approx",
        "dept",
        "univ",
        "est",
        "fig",
        # ranks and offices before a name ("said the Rev. Thomas Ayala", "Det. Supt. Jane Hale")
        "rev",
        "fr",
        "msgr",
        "hon",
        "supt",
        "det",
        "insp",
        "cllr",
        "cpl",
        "pvt",
        "maj",
        "adm",
        "cmdr",
        "brig",
        "atty",
    ]
)
# Candidate boundary: terminal punctuation, optional closing quotes/brackets, then space.
_BOUNDARY = re.compile(r"[.!?\u2026]+[\"'\u201d\u2019)\]]*(?=\s)")
MAX_SENTENCE = 1200
_BLOCK = re.compile(r"[^\n]+")
_WORD_BEFORE = re.compile(r"([\w.]+)$")
# Quotation pairs: curly double quotes, or straight double quotes.
_CURLY = re.compile(r"\u201c[^\u201c\u201d\n]{0,2000}?(?:\u201d|$)", re.M)
_STRAIGHT = re.compile(r'"[^"\n]{0,2000}?(?:"|$)', re.M)


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of the article: its text and where it starts and ends."""

    start: int
    end: int
    text: str
    block_start: int
    block_end: int


def blocks(text: str) -> Iterator[tuple[int, int]]:
    """Yield (start, end) of each non-blank line, stripped of surrounding space."""
    for m in _BLOCK.finditer(text):
        s, e = m.start(), m.end()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            yield s, e


def _is_boundary(text: str, cut: int, punct_at: int, end: int) -> bool:
    """Whether the punctuation ending at ``cut`` really ends a sentence."""
    nxt = cut
    while nxt < end and text[nxt].isspace():
        nxt += 1
    if nxt >= end:
        return True
    c = text[nxt]
    if c.islower():
        return False
    if text[punct_at] != ".":
        return True
    m = _WORD_BEFORE.search(text, max(0, punct_at - 30), punct_at)
    word = m.group(1) if m else ""
    low = word.lower().rstrip(".")
    if low in _ABBREV:
        return False
    # Initials and dotted acronyms ("U.S.", "J.", "a.m.") rarely end a sentence in news copy.
    if len(low) == 1 and low.isalpha():
        return False
    if "." in word and len(word) <= 6 and word.replace(".", "").isalpha():
        # "at 2:45 a.m. The plane ..." ends one; "at 3:17 a.m. Eastern", "at 3:20 p.m. Friday" name its zone or
        # day, "at 2:40 p.m. Aug. 3" its date
        if low not in ("a.m", "p.m"):
            return False
        after = _next_word(text, nxt, end)
        low_after = after.lower()
        return low_after not in _ZONES and not (low_after in MONTHS and _DAY_NEXT.match(text, nxt + len(after)))
    return True


#: Time zones and days written after "a.m." or "p.m." ("3:20 p.m. Friday", "7 a.m. Eastern"): no sentence
#: starts there.
_ZONES = wordset(
    "eastern pacific central mountain et est edt pt pst pdt ct cst cdt mt mst mdt gmt utc bst cet cest "
    "today tonight tomorrow yesterday"
) | frozenset(WEEKDAYS)


_DAY_NEXT = re.compile(r"\.? ?[0-3]?\d\b")


def _next_word(text: str, at: int, end: int) -> str:
    stop = at
    while stop < end and text[stop].isalpha():
        stop += 1
    return text[at:stop]


def split_sentences(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Yield sentence offsets inside ``text[start:end]``; overlong ones come in bounded pieces."""
    s = start
    for m in _BOUNDARY.finditer(text, start, end):
        if _is_boundary(text, m.end(), m.start(), end):
            yield from _bounded(text, s, m.end())
            s = m.end()
            while s < end and text[s].isspace():
                s += 1
    if s < end:
        yield from _bounded(text, s, end)


def _bounded(text: str, s: int, e: int) -> Iterator[tuple[int, int]]:
    """Cut a run-on "sentence" (tables, lists, garbage) at spaces into pieces of at most MAX_SENTENCE.

    No news sentence is this long; the cap keeps every per-sentence step bounded,
    so a whole pass over any input stays linear.
    """
    while e - s > MAX_SENTENCE:
        cut = text.rfind(" ", s + MAX_SENTENCE // 2, s + MAX_SENTENCE)
        cut = cut if cut > s else s + MAX_SENTENCE
        yield s, cut
        s = cut
        while s < e and text[s].isspace():
            s += 1
    if e > s:
        yield s, e


def sentences(text: str) -> Iterator[Sentence]:
    """Yield every sentence of ``text`` with its block (line) bounds."""
    for b0, b1 in blocks(text):
        for s0, s1 in split_sentences(text, b0, b1):
            yield Sentence(s0, s1, text[s0:s1], b0, b1)


def quote_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of quoted matter (including the marks) within ``text[start:end]``."""
    chunk = text[start:end]
    spans = [(start + m.start(), start + m.end()) for m in _CURLY.finditer(chunk)]
    if '"' in chunk:
        spans += [(start + m.start(), start + m.end()) for m in _STRAIGHT.finditer(chunk)]
    spans.sort()
    return spans

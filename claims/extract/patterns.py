"""Helpers for the date grammar's regexes: word sets and anchored search (linear on any input)."""

from __future__ import annotations

import re
from collections.abc import Iterable


def wordset(words: str) -> frozenset[str]:
    """A frozen set of the space-separated words of ``words``."""
    return frozenset(words.split())


def occurrences(text: str, cues: Iterable[str]) -> list[int]:
    """Every position in ``text`` where one of ``cues`` starts (overlaps included)."""
    out: list[int] = []
    find = text.find
    for cue in cues:
        i = find(cue)
        while i >= 0:
            out.append(i)
            i = find(cue, i + 1)
    return out


def anchored_finditer(rx: re.Pattern[str], text: str, anchors: list[int], lead: int) -> list[re.Match[str]]:
    """``rx.finditer(text)`` for a pattern whose every match starts at most ``lead`` characters
    before one of ``anchors`` (any order; extra anchors only cost time).

    Each search starts after the last match and no earlier than ``lead`` before the next
    anchor; a search finds the leftmost match from there, so the matches are finditer's
    (the patterns never match the empty string).
    """
    anchors.sort()
    out: list[re.Match[str]] = []
    pos = 0
    for start in anchors:
        if start < pos:
            continue
        m = rx.search(text, max(pos, start - lead))
        if m is None:
            break
        out.append(m)
        pos = m.end()
    return out

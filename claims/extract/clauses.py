"""Cut a sentence into clause-like segments, the unit of one checkable statement."""

from __future__ import annotations

import re

from claims.extract.patterns import has_verb

# Where a new clause may start (positions are found on the masked sentence).
# ";\s|:\s|\s[\u2014\u2013]\s|\u2014|\s--\s|\.\.\.|\u2026", written to open with a character class so
# the engine skips straight to the few characters a cut can start with.
_STRONG = re.compile(
    r"[;:\s\u2014.\u2026](?:(?<=[;:])\s|(?<=\s)(?:[\u2014\u2013]\s|--\s)|(?<=\.)\.\.|(?<=[\u2014\u2026]))"
)
_COMMA = re.compile(r",\s")
_AND_VERB = re.compile(
    r"\s(?=(?:and|but)\s(?:then\s|also\s|later\s|subsequently\s)?(?:that\b|[a-z]{3,}ed\b|has\b|have\b|had\b|was\b|"
    r"were\b|is\b|are\b|will\b|said\b|told\b|made\b|became\b|began\b|went\b|gave\b|took\b|led\b|held\b|"
    r"won\b|lost\b|sent\b|brought\b|bought\b|showed\b|met\b|rose\b|fell\b|grew\b|found\b|pledged\b))"
)
_THAT = re.compile(
    r"\b(?:said|says|told|claimed|claims|stated|reported|announced|warned|added|noted|argued|"
    r"showed|shows|found|believe|believes|note|suggests|conference)\b"
    r"[^,;:\"\u201c]{0,40}?\s(?=that\s)"
)
_LIST_TAIL = re.compile(r"^\s*(?:the\s)?[\w-]+\s(?:and|or)\s(?!that\b|then\b)")
_DATELINE = re.compile(r"^\s*[A-Z][A-Z.'\s-]{1,40}(?:,\s[A-Z][\w.]+)?(?:\s\([\w.\s]{1,20}\))?\s*$")
_ATTR_TAIL = re.compile(r"\b(?:said|says|told|added|noted|reported|wrote|argued|claimed|stated|explained)\b")
_LEAD = re.compile(
    r"(?:(?:and|but|or|that|which|who|whom|also|then|so|yet|while|whereas|however|meanwhile)\b[,\s]*)+",
    re.I,
)


_NOT_SPACE = re.compile(r"[^ ]")
_PAREN = re.compile(r"[()]")
_MASK_IN_PARENS = str.maketrans(dict.fromkeys(",;:\u2014", "x"))


def mask_quotes(sentence: str, spans: list[tuple[int, int]], offset: int) -> str:
    """The sentence with quoted and bracketed matter blanked, so punctuation inside it is ignored.

    Inside a quotation (``spans``, text offsets; ``offset`` is the sentence's) every character
    but a space becomes "x"; then, inside brackets, so do clause punctuation marks.  Offsets
    are kept: the mask has the sentence's length.
    """
    if not spans and "(" not in sentence:
        return sentence
    s = sentence
    if spans:
        parts: list[str] = []
        last = 0
        for a, b in spans:
            lo, hi = max(a - offset + 1, last), min(b - offset - 1, len(s))
            if hi > lo:
                parts += (s[last:lo], _NOT_SPACE.sub("x", s[lo:hi]))
                last = hi
        parts.append(s[last:])
        s = "".join(parts)
    if "(" not in s:
        return s
    out: list[str] = []
    depth = last = 0
    for m in _PAREN.finditer(s):
        i = m.start()
        out += (s[last:i].translate(_MASK_IN_PARENS) if depth else s[last:i], s[i])
        last = i + 1
        if s[i] == "(":
            depth += 1
        elif depth:
            depth -= 1
    out.append(s[last:].translate(_MASK_IN_PARENS) if depth else s[last:])
    return "".join(out)


def segments(mask: str, protected: list[tuple[int, int]], sentence: str | None = None) -> list[tuple[int, int]]:
    """Clause segments (start, end) of a masked sentence; ``protected`` spans are never cut."""
    n = len(mask)
    cuts: dict[int, int] = {}  # cut position -> start of the next segment

    blocked = bytearray(n + 1)  # positions inside protected spans (dates, figures, names)
    for a, b in protected:
        if b - a > 1:
            blocked[a + 1 : b] = b"\x01" * (b - a - 1)
    for rx in (_STRONG, _COMMA, _AND_VERB):
        for m in rx.finditer(mask):
            if not blocked[m.start()]:
                cuts[m.start()] = m.end()
    for m in _THAT.finditer(mask) if "that" in mask else ():  # "X said | that ...": the content starts a clause
        cuts[m.end()] = m.end()
    raw: list[tuple[int, int]] = []
    start = 0
    for pos in sorted(cuts):
        if pos < start:
            continue
        raw.append((start, pos))
        start = cuts[pos]
    raw.append((start, n))
    raw = [(a, b) for a, b in raw if b > a]
    return _merge(mask if sentence is None else sentence, raw)


def _merge(mask: str, raw: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Join verbless pieces (intro phrases, lists, place names) to their neighbour."""
    out: list[tuple[int, int]] = []
    pending: int | None = None  # start of a verbless lead-in waiting for its clause
    for a, b in raw:
        piece = mask[a:b]
        verbless = not has_verb(piece) and not piece.lstrip().lower().startswith("according to")
        if piece.lstrip().startswith("but "):
            verbless = False  # a contrast starts a clause of its own
        if out and _LIST_TAIL.match(piece):  # "flags, banners and posters ...": one list
            out[-1] = (out[-1][0], b)
            continue
        if pending is not None:
            a, pending = pending, None
        if verbless and not out:
            if _DATELINE.match(piece):  # "WASHINGTON (AP) —": where the story was filed
                continue
            pending = a
            continue
        if verbless and out and len(piece.split()) <= 6:
            out[-1] = (out[-1][0], b)
            continue
        if out and len(piece.split()) <= 3 and not _ATTR_TAIL.search(piece):
            out[-1] = (out[-1][0], b)  # "X, joined by Y, | dissented": the predicate after an aside
            continue
        out.append((a, b))
    if pending is not None:
        if out:
            out[-1] = (out[-1][0], len(mask.rstrip()))
        else:
            out.append((pending, len(mask)))
    return out


def trim(sentence: str, a: int, b: int) -> tuple[int, int]:
    """Shrink a segment past leading connectives and trailing punctuation and space."""
    m = _LEAD.match(sentence, a, b)  # as on sentence[a:b], without the copy
    if m and m.end() < b:
        a = m.end()
    while a < b and sentence[a] in " ,;:-\u2014\u2013":
        a += 1
    while b > a and sentence[b - 1] in " ,;:.!?-\u2014\u2013":
        b -= 1
    return a, b

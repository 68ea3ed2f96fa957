"""The extraction engine: article text in, checkable claims out.

The pipeline, one module a step: ``sentences`` and ``furniture`` choose the sentences
of the story; ``parse`` runs spaCy over them; ``candidates`` cuts each parse into
units (clauses, phrases, roles, attributions); ``statement`` turns the checkable ones
into claims; ``score`` rates them.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Iterator
from dataclasses import replace

from claims.extract import furniture
from claims.extract.candidates import document_noun
from claims.extract.claim import Claim
from claims.extract.dates import DATE_RE, resolve
from claims.extract.language import is_english
from claims.extract.parse import parse, parse_processes
from claims.extract.sentences import blocks, quote_spans, split_sentences
from claims.extract.statement import Context, quoted_speakers, sentence_claims


def rule_claims(text: str, *, published: dt.date | None = None) -> list[Claim]:
    """The parse-based extractor (the default): offline, linear in the text."""
    if not isinstance(text, str) or not text.strip() or not is_english(text):
        return []
    spans = list(blocks(text))
    if published is None:
        published = _dateline(text, spans[:3])
    ctx = Context(published, single=len(spans) == 1)
    offsets = list(_story_sentences(text, spans, ctx.single))
    found: list[Claim] = []
    docs = parse((text[a:b] for a, b, _, _ in offsets), processes=parse_processes(len(offsets)))
    for (s0, _, qspans, block), doc in zip(offsets, docs, strict=True):
        ctx.block = block
        found.extend(sentence_claims(doc, s0, ctx, qspans))
    found = quoted_speakers(found, ctx)
    found.sort(key=lambda c: (c.start, c.end))
    found = _documents_of_their_makers(found)
    return _dedupe(found)


def _story_sentences(
    text: str, spans: list[tuple[int, int]], single: bool
) -> Iterator[tuple[int, int, list[tuple[int, int]], int]]:
    """Offsets of the story's sentences, each with its block's quotations and where its block starts: furniture,
    headings and repeats left out."""
    seen: set[str] = set()
    for b0, b1 in spans:
        line = text[b0:b1]
        if furniture.is_furniture(line) or furniture.is_heading(line, single_block=single):
            continue
        quotes = quote_spans(text, b0, b1)
        for s0, s1 in split_sentences(text, b0, b1):
            if s0 == b0:
                s0 = furniture.past_dateline(text, s0, s1)
            s1 = _before_question(text, s0, s1)
            # A sentence repeated on the page (lead and body, syndication boilerplate) holds no new claim.
            if s1 <= s0 or (key := text[s0:s1]) in seen:
                continue
            seen.add(key)
            yield s0, s1, _within(quotes, s0, s1), b0


def _before_question(text: str, s0: int, s1: int) -> int:
    """Where a sentence's statement ends when a colon sets a question after it: "the museum reopens with a
    new wing and a question: can you put sound in a glass case?" (the question itself is left to the
    extractor, which takes no claim from a question)."""
    if text[s0:s1].rstrip(" \"')\u201d\u2019").endswith("?"):
        colon = text.rfind(": ", s0, s1)
        if colon > s0:
            return colon
    return s1


def _within(spans: list[tuple[int, int]], s0: int, s1: int) -> list[tuple[int, int]]:
    """The sorted spans that overlap [s0, s1): a bisection, so a long block stays linear."""
    i = bisect.bisect_left(spans, (s0, -1))
    j = bisect.bisect_left(spans, (s1, -1))
    return [(a, b) for a, b in spans[max(0, i - 1) : j] if a < s1 and b > s0]


def _dedupe(found: list[Claim]) -> list[Claim]:
    """A fact repeated in the article (lead and body) is one claim to check: keep its first mention."""
    seen: set[str] = set()
    sources: set[str] = set()
    out = []
    for c in found:
        key = " ".join(c.quote.lower().split())
        if key in seen:
            continue
        if c.kind == "attribution" and c.speaker and (source := _source(c.speaker)):
            # "according to NPR's Feng" after "As Emily Feng reports for NPR", "the report said" after "according
            # to the report": a source is given once
            # (a document described as made by it, "the survey, run by the Bureau of Labor Statistics", does
            # not yet give it: "According to the Bureau of Labor Statistics, ..." after it stays)
            if source in sources:
                continue
            if " by " not in c.quote:
                sources.add(source)
        elif c.kind == "role" and (person := c.values.get("subject")):
            sources.add(str(person).split()[-1])  # "Act Supt Whitford said" after "Acting Superintendent Ian Whitford"
        seen.add(key)
        out.append(c)
    return out


def _documents_of_their_makers(found: list[Claim]) -> list[Claim]:
    """ "the report said" after "according to a midyear update published by OCHA": the document is its maker's,
    and its maker is the speaker: the maker of the last document of that noun (another noun may be another
    document: "the report" after "a survey by RailWatch North" stays the report)."""
    makers: dict[str, str] = {}
    out = []
    for c in found:
        speaker = c.speaker
        if speaker and c.kind == "attribution" and (noun := _made_document(c.quote, speaker)):
            makers[noun] = speaker
        elif speaker and (noun := _document_named_again(speaker)) and (who := makers.get(noun)) is not None:
            reason = c.reason.replace(f"attributed to {speaker};", f"attributed to {who};", 1)
            c = replace(c, speaker=who, reason=reason)
        out.append(c)
    return out


def _made_document(quote: str, maker: str) -> str | None:
    """The document noun an attribution names before its maker ("a midyear update published Tuesday by
    OCHA": "update"), or None when the maker is not named in it."""
    at = quote.find(maker)
    if at <= 0:
        return None
    return next((noun for word in quote[:at].split() if (noun := document_noun(word))), None)


def _document_named_again(speaker: str) -> str | None:
    """ "the report", "the study": a definite document noun alone."""
    words = speaker.split()
    return document_noun(words[1]) if len(words) == 2 and words[0].lower() == "the" else None


def _source(speaker: str) -> str | None:
    """What names a source again: the last word of a name ("Feng", "Reuters"), or the noun a definite
    description ends on ("the report", "the statistics body", "the watchdog" after "the public spending
    watchdog"); None for an indefinite one ("officials", "a company spokesperson": another may speak)."""
    words = speaker.split()
    if words[-1][:1].isupper():
        return words[-1]
    if words[0].lower() == "the":
        return words[-1].lower()
    return None


def _dateline(text: str, first: list[tuple[int, int]]) -> dt.date | None:
    """The article's date from a leading dateline, when the caller did not give one."""
    for b0, b1 in first:
        lead = furniture.past_dateline(text, b0, b1)  # "WASHINGTON, April 23, 2024 \u2014 The Senate ..."
        line = text[b0:lead] if lead > b0 else text[b0:b1]
        if lead > b0 or furniture.is_dateline(line):
            m = DATE_RE.search(line)
            if m and m.lastgroup in ("full", "iso"):
                iso = resolve(m.lastgroup, m.group(0), None).get("date", "")
                try:
                    return dt.date.fromisoformat(iso)
                except ValueError:
                    return None
    return None

"""The extraction engine: article text in, atomic checkable claims out."""

from __future__ import annotations

import bisect
import datetime as dt
import os
import re

from claims.extract import attribution, clauses, furniture, patterns, score, spans
from claims.extract.attribution import Source
from claims.extract.candidates import Cand, find, resolve_overlaps
from claims.extract.claim import Claim
from claims.extract.dates import DATE_RE, resolve
from claims.extract.language import is_english
from claims.extract.sentences import blocks, quote_spans, split_sentences
from claims.extract.statement import build_claim

# Content clauses that start like this are background, reasons or conditions, not events.
_DISCOURSE = re.compile(r"^(?:(?:well|now|so|and|but|look|okay|ok|yes|no|folks|listen)\b[,\s]*)+", re.I)
_SOURCE_WORDS = attribution.ATTR_WORDS | {"according"}  # a sentence can only be attributed with one of these
_ANCHOR_ORDER = ("date", "quantity", "quote", "attribution")  # which kind names a clause claim
# A question opens with an auxiliary or a wh-word.
_ASKS = re.compile(
    r"(?:(?:and|but|so|now|well|then)[,\s]+)?(?:is|are|was|were|do|does|did|will|would|can|could|should|shall|"
    r"has|have|had|may|might|must|what|why|how|who|whom|whose|when|where|which|isn't|aren't|don't|doesn't|"
    r"didn't|won't|can't|wouldn't|shouldn't)\b",
    re.I,
)
# Hopes, wishes and forecasts are not claims even when a classifier finds them check-worthy.
_HOPE = re.compile(r"\b(?:hopes?|hoping|wish(?:es)?|predicts?|forecasts?|expects?|I\sthink|I\sbelieve)\b", re.I)


def extract_claims(text: str, *, published: dt.date | None = None) -> list[Claim]:
    """Find the checkable claims of ``text``; ``published`` resolves relative dates."""
    if os.environ.get("CLAIMS_EXTRACTOR", "").lower() == "llm" and isinstance(text, str):
        from claims.extract.llm import extract_claims_llm  # opt-in only: the default path never touches the network

        return extract_claims_llm(text, published=published)
    return rule_claims(text, published=published)


def rule_claims(text: str, *, published: dt.date | None = None) -> list[Claim]:
    """The rule-based extractor (the default): pure, offline, linear in the text."""
    if not isinstance(text, str) or not text.strip() or not is_english(text):
        return []
    patterns.trim_memos()
    spans = list(blocks(text))
    if published is None:
        published = _dateline(text, spans[:3])
    single = len(spans) == 1
    found: list[Claim] = []
    seen: set[str] = set()
    for b0, b1 in spans:
        line = text[b0:b1]
        if furniture.is_furniture(line) or furniture.is_heading(line, single_block=single):
            continue
        qspans = quote_spans(text, b0, b1)
        speaker: Source | None = None
        for s0, s1 in split_sentences(text, b0, b1):
            if s0 == b0:
                s0 = furniture.past_dateline(text, s0, s1)
            # A sentence repeated on the page (lead and body, syndication boilerplate) holds
            # no new claim: its quotes would be dropped as repeats anyway, so skip the work.
            if (key := text[s0:s1]) in seen:
                continue
            seen.add(key)
            claims, speaker = _sentence(text, s0, s1, qspans, published, speaker, single)
            found.extend(claims)
    found.sort(key=lambda c: (c.start, c.end))
    return _dedupe(found)


def _dedupe(found: list[Claim]) -> list[Claim]:
    """A fact repeated in the article (lead and body) is one claim to check: keep its first mention."""
    seen: set[str] = set()
    out = []
    for c in found:
        key = " ".join(c.quote.lower().split())
        if key in seen:
            continue
        seen.add(key)
        out.append(c)
    return out


class _LazyScore:
    """A sentence's check-worthiness probability, computed on first use."""

    __slots__ = ("sentence", "_value")

    def __init__(self, sentence: str) -> None:
        self.sentence = sentence
        self._value: float | None = None

    @property
    def value(self) -> float:
        if self._value is None:
            self._value = score.sentence_score(self.sentence)
        return self._value


def _is_question(sent: str) -> bool:
    """A real question; a long statement that merely ends in "?" keeps its claims."""
    if not sent.rstrip(" \"'\u201d\u2019)").endswith("?"):
        return False
    return bool(_ASKS.match(sent.lstrip(" \"'\u201c\u2018"))) or len(sent.split()) < 12


def _within(spans: list[tuple[int, int]], s0: int, s1: int) -> list[tuple[int, int]]:
    """The sorted spans that overlap [s0, s1) (bisect, so long blocks stay linear)."""
    i = bisect.bisect_left(spans, (s0, -1))
    j = bisect.bisect_left(spans, (s1, -1))
    out = spans[max(0, i - 1) : j]
    return [(a, b) for a, b in out if a < s1 and b > s0]


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


def _sentence(
    text: str,
    s0: int,
    s1: int,
    qspans: list[tuple[int, int]],
    published: dt.date | None,
    prev_speaker: Source | None,
    single: bool,
) -> tuple[list[Claim], Source | None]:
    """Claims of one sentence, and the speaker to carry to the next one."""
    sent = text[s0:s1]
    qspans = _within(qspans, s0, s1)
    if _is_question(sent) or len(sent) < 12:
        return [], prev_speaker
    inside = sum(max(0, min(b, s1) - max(a, s0)) for a, b in qspans)
    # Direct speech: the sentence opens inside a quotation (not a reported sentence quoting a phrase).
    opens_quoted = sent.lstrip()[:1] in "\"\u201c\u2018'" or any(a < s0 < b for a, b in qspans)
    speech = opens_quoted and inside > 0
    mask = clauses.mask_quotes(sent, qspans, s0)
    toks = set(patterns.words(sent))
    who = attribution.speaker_of(mask) if toks & _SOURCE_WORDS else None
    if speech:
        who = who or prev_speaker
    prob = _LazyScore(sent)  # the classifier is the costliest step: run it only when a score is needed
    modal = bool(toks & patterns.MODAL_WORDS)
    opinion = bool(toks & patterns.OPINION_WORDS)
    cands = find(sent, published, speech=speech, toks=toks)
    people = attribution.roles(mask, toks) + attribution.attributions(mask, toks)
    cands += [Cand(p.start, p.end, p.kind, "short", {"speaker": p.speaker} if p.speaker else {}) for p in people]
    protected = [(c.start, c.end) for c in cands if c.mode == "short" or c.kind == "date"]
    segs = [clauses.trim(sent, a, b) for a, b in clauses.segments(mask, protected, sent)]
    segs = spans.join_when(sent, [(a, b) for a, b in segs if b > a], cands)
    if not speech:
        cands += spans.segment_attributions(sent, segs)
        cands += spans.embedded_quotes(sent, qspans, s0, segs)
    cands = spans.drop_folded_dates(sent, cands, segs)
    short = resolve_overlaps(
        [c for c in cands if c.mode == "short" and not (modal and spans.governed_by_modal(sent, segs, c))]
    )
    ctx = _Ctx(text, s0, sent, prob, who, segs)
    claims = [ctx.claim(c.start, c.end, c.kind, c.values, c, short) for c in short]
    taken: list[tuple[int, int]] = [(c.start, c.end) for c in short]
    if not speech:
        claims += _anchored(ctx, cands, taken, modal, opinion)
    if not claims and not speech and len(toks) >= 4 and not _HOPE.search(sent, 0, 60):
        claims += _sentence_level(ctx, single)
    return claims, who if speech or who else prev_speaker


class _Ctx:
    """What every claim of one sentence shares."""

    __slots__ = ("text", "s0", "sent", "prob", "who", "segs")

    def __init__(
        self, text: str, s0: int, sent: str, prob: _LazyScore, who: Source | None, segs: list[tuple[int, int]]
    ) -> None:
        self.text, self.s0, self.sent, self.prob, self.who, self.segs = text, s0, sent, prob, who, segs

    def claim(
        self, a: int, b: int, kind: str, values: dict, cand: Cand | None = None, siblings: list[Cand] | None = None
    ) -> Claim:
        """The Claim for sentence span [a, b)."""
        return build_claim(
            self.text, self.s0, self.sent, a, b, kind, values, self.prob, self.who, self.segs, cand, siblings
        )


def _anchored(ctx: _Ctx, cands: list[Cand], taken: list[tuple[int, int]], modal: bool, opinion: bool) -> list[Claim]:
    """Claims that need their clause: subject figures, year dates, quoted phrases, and plain events."""
    sent, segs = ctx.sent, ctx.segs
    out: list[Claim] = []
    for c in cands:
        if c.mode in ("anchor_left", "anchor_right") and not (modal and spans.governed_by_modal(sent, segs, c)):
            seg = next(((a, b) for a, b in segs if a <= c.start < b), (c.start, c.end))
            x, y = spans.anchor_span(sent, seg[0], seg[1], [c])
            if spans.covered(x, y, taken) <= 0.3:
                taken.append((x, y))
                out.append(ctx.claim(x, y, c.kind, dict(c.values), c))
    # Attributions taken as claims ("The ministry said"): a clause's claim starts after its lead-in.
    leads = [
        (c.start, c.end) for c in cands if c.kind == "attribution" and c.mode == "short" and (c.start, c.end) in taken
    ]
    for a, b in segs:
        anchors = [
            c
            for c in cands
            if c.mode == "anchor"
            and a <= c.start < b
            and (c.kind in ("quote", "attribution") or not (modal and spans.governed_by_modal(sent, segs, c)))
        ]
        if anchors:
            x, y = spans.anchor_span(sent, _after_lead(sent, a, b, anchors, leads), b, anchors)
            top = min(anchors, key=lambda c: _ANCHOR_ORDER.index(c.kind) if c.kind in _ANCHOR_ORDER else 9)
            kind, values = top.kind, dict(top.values)
            if spans.covered(x, y, taken) > 0.3:
                x, y = _apart(sent, x, y, anchors, taken)
        elif not any(x < b and a < y for x, y in taken) and spans.is_event(sent[a:b], modal, opinion):
            x, y, kind, values = a, b, "event", {}
        else:
            continue
        if spans.covered(x, y, taken) > 0.3:
            continue
        taken.append((x, y))
        out.append(ctx.claim(x, y, kind, values))
    return out


_TRAILING_FUNCTION = re.compile(r"(?:[\s,]+(?:in|on|at|of|the|a|an|and|or|to|for|by|with|from|that))+$")


def _apart(sent: str, x: int, y: int, anchors: list[Cand], taken: list[tuple[int, int]]) -> tuple[int, int]:
    """Span [x, y) drawn back from claims already taken to the right of its anchors.

    "The Senate voted late Tuesday to approve a $95 billion aid package": the date's claim stops
    before the figure that is a claim of its own.
    """
    hi = max(c.end for c in anchors)
    for p, q in taken:
        if p < y and x < q and p >= hi:
            y = min(y, p)  # (a claim to the left keeps the span whole: cut there, it would lose its subject)
    x, y = clauses.trim(sent, x, y)
    return x, x + len(_TRAILING_FUNCTION.sub("", sent[x:y]))


def _after_lead(sent: str, a: int, b: int, anchors: list[Cand], leads: list[tuple[int, int]]) -> int:
    """Where clause [a, b) starts once an attribution claim at its head ("The ministry said") is cut off."""
    first = min(c.start for c in anchors)
    for p, q in leads:
        if p <= a < q <= first:
            return clauses.trim(sent, q, b)[0]
    return a


def _sentence_level(ctx: _Ctx, single: bool) -> list[Claim]:
    """One claim for a check-worthy sentence with no span claim, when the classifier is confident."""
    if ctx.prob.value < (0.5 if single else 0.8):
        return []
    sent = ctx.sent
    a, b = clauses.trim(sent, 0, len(sent))
    # The sentence's core: its first main clause when the sentence runs on past it.
    main = next(
        ((x, y) for x, y in ctx.segs if patterns.has_verb(sent[x:y]) and not spans.SUBORDINATE.match(sent[x:y])), None
    )
    if main and b - a > 120 and main[1] - main[0] >= 40:
        a, b = main
    m = _DISCOURSE.match(sent[a:b])
    if m and m.end() < b - a:
        a = clauses.trim(sent, a + m.end(), b)[0]
    return [ctx.claim(a, b, "event", {"sentence_level": True})] if b - a >= 10 else []

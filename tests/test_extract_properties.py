"""Property tests: extract_claims never raises, and every claim points at its own span."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from claims.extract import extract_claims
from claims.extract.claim import KINDS

# Pieces of news grammar, so generated text reaches the interesting rules, plus hostile unicode.
_PIECES = [
    "U.S. officials said",
    " that ",
    "more than 11,000 containers",
    " of ammunition",
    ", ",
    "on Tuesday",
    "June 19, 2024",
    "2:45 a.m.",
    "two-day visit",
    "first visit in 24 years",
    "\u201c",
    "\u201d",
    '"',
    "\u2019",
    "(",
    ")",
    " and ",
    ". ",
    "\n",
    "\u00a0",
    "\u200f",
    "\u0627\u0644\u0633\u0644\u0627\u0645",
    "\U0001f600",
    "\u2014",
    "$1.2 billion",
    "18 percent",
    "twice the size of",
    "according to the Rhodium Group",
    "NATO Secretary General Jens Stoltenberg told",
    "Victor Cha, senior vice president for Asia,",
    "dozens of",
    "?",
    "Read more: x",
    "\r\n",
    "\ufeff",
    "e\u0301",
    "\U0001d400",
    "Mr.",
    "a.m.",
    "...",
    "\u2026",
    "half",
    "two-thirds",
]
news_like = st.lists(st.one_of(st.sampled_from(_PIECES), st.text(max_size=8)), max_size=40).map("".join)
dates = st.one_of(st.none(), st.dates())  # the whole range: relative dates near year 1 or 9999 too


def _check(text: str, published: dt.date | None) -> None:
    claims = extract_claims(text, published=published)
    last = -1
    for c in claims:
        assert 0 <= c.start < c.end <= len(text)
        assert text[c.start : c.end] == c.quote
        assert c.kind in KINDS
        assert 0.0 <= c.score <= 1.0
        assert c.quote in c.sentence or c.quote.strip() in text
        assert isinstance(c.to_dict(), dict)
        assert c.start >= last  # sorted by position
        last = c.start


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(news_like, dates)
def test_never_raises_and_offsets_hold_on_news_like_text(text, published):
    _check(text, published)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300), dates)
def test_never_raises_on_arbitrary_unicode(text, published):
    _check(text, published)


def test_unicode_survives_around_a_claim():
    text = (
        "\u200f\U0001f600 U.S.\u00a0officials said that Pyongyang has provided more than "
        "11,000 containers of ammunition \u2014 \u201cdozens\u201d \u05e9\u05dc\u05d5\u05dd."
    )
    claims = extract_claims(text)
    assert any("more than 11,000 containers of ammunition" in c.quote for c in claims)
    _check(text, None)


def test_adversarial_inputs_hold():
    # Long runs that make naive regexes backtrack and parsers choke: digits, commas, quotes,
    # capitals, dots. Varied, since repeated sentences are skipped. (Their speed is measured in
    # bench/bench_extract.py, not here.)
    cases = [
        ",".join(map(str, range(2_000))),
        "\u201c" * 3_000 + "a" * 3_000,
        "".join(f"A {i} " for i in range(2_000)),
        "".join(f"more than {i} of the " for i in range(1_000)),
        "".join(f"the first {i} " for i in range(1_000)) + "in 24 years",
        "".join(f"Smith{i}, " for i in range(1_000)) + "said",
        "".join(f"a.{i} " for i in range(2_000)),
        "".join(f'"x {i} ' + "x " * 50 for i in range(100)),
        "".join(f"{i:,} containers of the " for i in range(500)),
    ]
    for text in cases:
        _check(text, None)


# The quantity regex is only tried near where a number can start; that must find what trying
# it everywhere finds.  Phrases put the longest bounds and approximations before every kind of
# number, between letters that lower-case or IGNORECASE-match unusually.
_BOUNDS = ["", "", "upwards of ", "as many as ", "fewer than ", "Up To ", "over "]
_APPROX = ["", "", "approximately ", "an estimated ", "just under ", "some "]
_NUMBERS = [
    "US$12",
    "HK$ 3.5 bn",
    "\u20ac40",
    "\u00a31,200.5",
    "\u0663",  # an Arabic-Indic digit: \d matches it
    "Three-Quarters",
    "a third",
    "two-thirds",
    "halfs",
    "a halfs",
    "tens of thousands",
    "Dozens",
    "a dozen",
    "seventy-five",
    "fifteen million",
    "12 percent",
    "7%",
    "f\u0131ve",  # dotless i: IGNORECASE matches it to "i"
    "\u017fix",  # long s: IGNORECASE matches it to "s"
    "someone",
    "often",
]
_QUANTITY_FILLERS = ["", " ", " of the people", ", ", "-", ".", "(", "\u0130", "\u212a", "x"]
_quantity_text = st.lists(
    st.one_of(
        st.tuples(*(st.sampled_from(p) for p in (_BOUNDS, _APPROX, _NUMBERS, _QUANTITY_FILLERS))).map("".join),
        st.text(max_size=3),
    ),
    max_size=12,
).map("".join)


def _overlaps_quadratic(cands):  # type: ignore[no-untyped-def]
    """The definition resolve_overlaps keeps: highest priority, then longest, first; no overlaps."""
    from claims.extract.candidates import PRIORITY

    kept = []
    for c in sorted(cands, key=lambda c: (PRIORITY.get(c.kind, 9), -(c.end - c.start), c.start)):
        if not any(c.start < k.end and k.start < c.end for k in kept):
            kept.append(c)
    return sorted(kept, key=lambda c: c.start)


_DATE_LEADS = ["", "", "Earlier in ", "late ", "the early ", "the mid-", "Since ", "During ", "on ", "In "]
_DATE_HEADS = ["", "", "Last ", "next ", "This ", "several ", "a few ", "fifteen ", "12 "]
_DATE_BODIES = [
    "Wednesday",
    "September 3, 2024",
    "3 Sept. 2019",
    "2024-06-19",
    "1990s",
    "2001",
    "century ago",
    "centurys ago",
    "decades ago",
    "week",
    "weekend",
    "yesterday",
    "Tomorrow",
    "May",
    "June 19",
    "\u0663 years ago",
    "report",
]
_date_text = st.lists(
    st.one_of(
        st.tuples(*(st.sampled_from(p) for p in (_DATE_LEADS, _DATE_HEADS, _DATE_BODIES, _QUANTITY_FILLERS))).map(
            "".join
        ),
        st.text(max_size=3),
    ),
    max_size=12,
).map("".join)


@settings(max_examples=400, deadline=None)
@given(_date_text)
@example("Earlier in this week and several centurys ago")  # the longest leads before an anchor
def test_date_matches_equal_finditer(text: str) -> None:
    from claims.extract import dates

    assert [m.span() for m in dates.date_matches(text)] == [m.span() for m in dates.DATE_RE.finditer(text)]


def _mask_definition(sentence: str, spans: list[tuple[int, int]], offset: int) -> str:
    """What mask_quotes computes, one character at a time."""
    chars = list(sentence)
    for a, b in spans:
        for i in range(max(a - offset + 1, 0), min(b - offset - 1, len(chars))):
            chars[i] = "x" if chars[i] != " " else " "
    depth = 0
    for i, c in enumerate(chars):
        if c == "(":
            depth += 1
        elif c == ")" and depth:
            depth -= 1
        elif depth and c in ",;:\u2014":
            chars[i] = "x"
    return "".join(chars)

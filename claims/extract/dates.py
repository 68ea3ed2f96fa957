"""Date, time and duration expressions, and their resolution against the article's date."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from claims.extract.numbers import parse_number, whole
from claims.extract.patterns import anchored_finditer, occurrences

MONTHS = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"
)
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[0-9]|20)\d\d"
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_NUMWORD = (
    r"(?<![\w.,])(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|"
    r"eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|"
    r"sixty|seventy|eighty|ninety|a|several|a few)"
)
# Exact counts only: "several years" is too vague to check.
_COUNT = r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty)"
_UNIT = r"(?:second|minute|hour|day|week|month|year|decade|century)"

# Each alternative is a named kind; the first match at a position wins.
#: A span of years written as one ("2014-15", "2019/20"): a financial or school year.
YEAR_SPAN = re.compile(r"(?:19|20)\d\d[-\u2013/]\d\d")
DATE_RE = re.compile(
    # The leading \b(?=\w) makes the engine try the alternatives at word starts only (speed).
    rf"""\b(?=\w)(?:(?P<full>{_MONTH}\s{_DAY},?\s{_YEAR}\b|\b{_DAY}\s{_MONTH}\s{_YEAR}\b)
      | (?P<iso>\b{_YEAR}-[01]\d-[0-3]\d\b)
      | (?P<monthyear>{_MONTH}\s{_YEAR}\b)
      | (?P<monthday>{_MONTH}\s{_DAY}\b(?!\s*,?\s*{_YEAR})|\b{_DAY}\s{_MONTH}\b(?!\s*,?\s*{_YEAR}))
      | (?P<decade>\b(?:the\s)?(?:early\s|mid-?|late\s)?(?:1[0-9]|20)\d0s\b)
      | (?P<year>\b(?:[Ii]n|[Ss]ince|[Uu]ntil|[Bb]y|[Ff]rom|[Dd]uring|[Oo]f)\s{_YEAR}\b(?![-\u2013]\d)
               | \b{_YEAR}(?=\s(?:[a-z]+\s)?(?:article|report|study|paper|book|film|law|election|census|survey|season|budget)\b))
      | (?P<weekday>\b(?:(?:on|On|last|Last|next|Next|this|This)\s)?{_WEEKDAY}\b)
      | (?P<relative>\b(?:(?:[Ee]arly|[Ll]ate|[Mm]id|[Ee]arlier|[Ll]ater)(?:\sin)?\s)?(?:[Ll]ast|[Nn]ext|[Tt]his)\s(?:week|weekend|month|year|spring|summer|autumn|fall|winter)\b
               | \b(?:[Yy]esterday|[Tt]omorrow)\b
               | \b{_NUMWORD}\s{_UNIT}s?\sago\b)
      | (?P<month>(?<=\b(?:in|In)\s){_MONTH}(?!\s\d)))
    """,
    re.X,
)
# Where a date can be found: every DATE_RE match starts at most 20 characters before one of
# these (a run of digits, a month's first three letters, "day" of a weekday or "yesterday", "ast",
# "ext" and "his" of last/next/this, "omorrow", "ago"; the longest lead is "several
# century ago"), so DATE_RE need only be tried near them.  DATE_RE is case-sensitive.
_DATE_DIGIT = re.compile(r"\d\d*")  # not \d+: a leading class lets the engine skip to digits
_MONTH_CUES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_DATE_CUES = (*_MONTH_CUES, "day", "ast", "ext", "his", "omorrow", "ago")
_DATE_LEAD = 20


def date_matches(sent: str) -> list[re.Match[str]]:
    """``DATE_RE.finditer(sent)``, trying the regex only near where a date can be."""
    anchors = [m.start() for m in _DATE_DIGIT.finditer(sent)]
    anchors += occurrences(sent, _DATE_CUES)
    return anchored_finditer(DATE_RE, sent, anchors, _DATE_LEAD)


TIME_RE = re.compile(
    r"\b(?:[01]?\d|2[0-3])(?:[:.][0-5]\d)?\s?(?:a\.m\.|p\.m\.|am\b|pm\b|AM\b|PM\b)"
    r"|\b(?:[01]?\d|2[0-3]):[0-5]\d\b(?:\s?(?:GMT|UTC|[A-Z]{2,3}T)\b)?"
    r"|\b(?:noon|midnight)\b"
)
# "two-day visit", "five-year project": a duration used as a modifier, with the noun it modifies.
DURATION_ADJ_RE = re.compile(
    rf"\b{_NUMWORD}[-\u2010\u2011]{_UNIT}(?:[-\u2010\u2011]long)?\s[a-z]+\b",
)
# "five years of events", "for three months", "24 years".
DURATION_RE = re.compile(
    rf"\b(?:for|over|within|after|in)\s(?:(?:about|nearly|almost|more\sthan|at\sleast)\s)?(?:the\s(?:past|last|next)\s)?"
    rf"{_COUNT}\s{_UNIT}s\b|\b{_COUNT}\s{_UNIT}s\sof\s[a-z]+(?:\s(?:and|or)\s[a-z]+)?"
)


def _parse_day(s: str) -> int:
    return int(re.sub(r"\D", "", s))


def resolve(
    kind: str, expr: str, published: dt.date | None, *, ahead: bool = False, past: bool = False
) -> dict[str, Any]:
    """Normalised value of a date expression; relative ones are resolved against ``published``.

    ``ahead``: the clause looks forward ("will vote on Thursday", "is scheduled for June 17"), so a weekday or
    a day of a month without a year is the next one from the date, not the last one. ``past``: the clause tells
    what happened ("was reported on Aug. 3"), so a day or a month without a year is the last one up to the date
    (otherwise the nearest)."""
    words = re.findall(r"[A-Za-z]+|\d+", expr)
    low = [w.lower() for w in words]
    out: dict[str, Any] = {"expression": expr}
    month = next((MONTHS[w] for w in low if w in MONTHS), None)
    digits = [w for w in words if w.isdigit()]
    years = [int(d) for d in digits if len(d) == 4]
    if kind == "full" and month and years:
        day = next(int(d) for d in digits if len(d) <= 2)
        out["date"] = _iso(years[0], month, day)
    elif kind == "iso":
        out["date"] = expr
    elif kind == "monthyear" and month and years:
        out["date"] = f"{years[0]:04d}-{month:02d}"
    elif kind == "year" and years:
        out["date"] = f"{years[0]:04d}"
    elif kind == "decade":
        decade = re.search(r"\d{4}s", expr)
        out["date"] = decade.group(0) if decade else expr
    elif published is None:
        out["relative"] = True
    else:
        try:
            out.update(_relative(kind, low, month, digits, published, ahead, past))
        except (OverflowError, ValueError):  # a date near year 1 or 9999: leave it unresolved
            out.update({"relative": True, "resolved_against": published.isoformat()})
    return out


def _iso(y: int, m: int, d: int) -> str:
    try:
        return dt.date(y, m, d).isoformat()
    except ValueError:
        return f"{y:04d}-{m:02d}"


def _relative(
    kind: str,
    low: list[str],
    month: int | None,
    digits: list[str],
    pub: dt.date,
    ahead: bool = False,
    past: bool = False,
) -> dict[str, Any]:
    out: dict[str, Any] = {"relative": True, "resolved_against": pub.isoformat()}
    if kind == "weekday":
        target = next(WEEKDAYS.index(w) for w in low if w in WEEKDAYS)
        back = (pub.weekday() - target) % 7
        # News is written in the past tense: "on Tuesday" is the latest Tuesday up to the date; "will vote on
        # Tuesday" the first one from it (the day itself: "is set to announce the terms later on Wednesday").
        if "next" in low:
            out["date"] = (pub + dt.timedelta(days=(target - pub.weekday()) % 7 or 7)).isoformat()
        elif ahead and "last" not in low:
            out["date"] = (pub + dt.timedelta(days=(target - pub.weekday()) % 7)).isoformat()
        else:
            out["date"] = (pub - dt.timedelta(days=back + (7 if "last" in low and back == 0 else 0))).isoformat()
    elif kind == "monthday" and month:
        day = _parse_day(digits[0]) if digits else 1
        if ahead:  # the next such day on or after the date
            year = pub.year if (month, day) >= (pub.month, pub.day) else pub.year + 1
        elif past:  # the last such day up to the date
            year = pub.year if (month, day) <= (pub.month, pub.day) else pub.year - 1
        else:
            year = pub.year if month <= pub.month + 6 else pub.year - 1
        out["date"] = _iso(year, month, day)
    elif kind == "month" and month:
        delta = month - pub.month
        if past:  # the last such month up to the date
            year = pub.year if delta <= 0 else pub.year - 1
        else:  # the one nearest the article's date (ties go to the past)
            year = pub.year + (1 if delta < -6 else -1 if delta >= 6 else 0)
        out["date"] = f"{year:04d}-{month:02d}"
    elif "yesterday" in low:
        out["date"] = (pub - dt.timedelta(days=1)).isoformat()
    elif "tomorrow" in low:
        out["date"] = (pub + dt.timedelta(days=1)).isoformat()
    elif "ago" in low:
        n = (
            parse_number(
                " ".join(
                    w
                    for w in low
                    if w not in ("ago",)
                    and not w.startswith(
                        ("second", "minute", "hour", "day", "week", "month", "year", "decade", "centur")
                    )
                )
            )
            or 1
        )
        unit = next(
            w
            for w in low
            if w.startswith(("second", "minute", "hour", "day", "week", "month", "year", "decade", "centur"))
        )
        days = {"day": 1, "week": 7, "mont": 30.44, "year": 365.25, "deca": 3652.5, "cent": 36525}
        out["date"] = (pub - dt.timedelta(days=n * days.get(unit[:4], days.get(unit[:3], 0)))).isoformat()
        out["approximate"] = True
    else:
        shift = -1 if "last" in low else 1 if "next" in low else 0
        part = next((w for w in low if w in ("early", "late", "mid", "earlier", "later")), None)
        if "year" in low:
            year = pub.year + shift
            out["date"] = f"{year:04d}"
            if part in ("early", "late", "mid"):
                out["part"] = part
                out["range"] = {
                    "early": [f"{year}-01", f"{year}-04"],
                    "mid": [f"{year}-05", f"{year}-08"],
                    "late": [f"{year}-09", f"{year}-12"],
                }[part]
        elif "month" in low:
            m = pub.month - 1 + shift
            out["date"] = f"{pub.year + m // 12:04d}-{m % 12 + 1:02d}"
        elif "week" in low or "weekend" in low:
            monday = pub - dt.timedelta(days=pub.weekday()) + dt.timedelta(weeks=shift)
            out["date"] = f"{monday.isocalendar()[0]}-W{monday.isocalendar()[1]:02d}"
        elif (season := next((w for w in low if w in _SEASONS), None)) is not None:
            # "last spring" in November is this year's (it is over); in April, the year before's
            start, end = _SEASONS[season]
            if shift < 0:
                shift = 0 if pub.month > end else -1
            elif shift > 0:
                shift = 0 if pub.month < start else 1
            out["date"] = f"{pub.year + shift:04d}"
        else:
            out["date"] = f"{pub.year + shift:04d}"
        if part:
            out["part"] = part
    return out


#: The months a season starts and ends in (the northern one, as the news this reads is dated; winter spans two years).
_SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11)}


def duration_values(expr: str) -> dict[str, Any]:
    """Amount and unit of a duration expression ("two-day", "five years")."""
    # (not an ordinal read as a count of seconds: "for a second day")
    m = re.search(rf"({_NUMWORD})[\s\-\u2010\u2011]({_UNIT})s?(?![\s\-]+(?:{_UNIT}))", expr, re.IGNORECASE)
    if not m:
        return {}
    word, unit = m.group(1).lower(), m.group(2).lower()
    if word in ("several", "a few"):
        return {"unit": unit}  # "the last several years": no count to check
    amount = 1.0 if word in ("a", "an") else parse_number(word)  # "a year", "an hour": one
    if amount == 1.0 and re.search(r"\bhalf[\s\-]$", expr[: m.start()], re.IGNORECASE):
        amount = 0.5  # "within half a second" (not one second)
    out: dict[str, Any] = {"amount": whole(amount) if amount is not None else None, "unit": unit}
    before = expr[: m.start()].lower()  # ("Two to five years": a range at the start of a sentence too)
    if amount is not None and (low := re.search(rf"({_NUMWORD})\s*(?:to|-|\u2013)\s*$", before)):
        start = parse_number(low.group(1))
        if start is not None and start < amount:
            out = {"amount": whole(start), "to": whole(amount), "unit": unit}  # "six to nine months"
    return out


#: Words that put a clock time after noon or before it when no "a.m." or "p.m." does.
_LATE = re.compile(r"\b(?:night|evening|afternoon)\b")
_EARLY = re.compile(r"\b(?:a\.?m\b|morning)")


def time_values(expr: str) -> dict[str, Any]:
    """24-hour clock value of a time expression ("2:45 a.m." -> "02:45")."""
    low = expr.lower()
    if re.search(r"\bnoon\b", low):  # (not "4 in the afternoon")
        return {"time": "12:00"}
    if "midnight" in low:
        return {"time": "00:00"}
    m = re.search(r"(?<![\d.,])(\d{1,2})(?:[:.](\d\d))?(?![\d,])", expr)  # "around 2:45 a.m.", "11.15pm" too
    if not m:
        return {}
    h, mi = int(m.group(1)), int(m.group(2) or 0)
    if h > 24 or mi > 59:
        return {}  # "the next 72 hours" is no clock time
    late = _LATE.search(low) if h < 12 and not _EARLY.search(low) else None
    if ("p.m." in low or "pm" in low) and h < 12 or late and (h >= 6 or late.group(0) != "night"):
        h += 12  # ("9 o'clock on a Wednesday night", "4 in the afternoon"; "2 at night" stays 2)
    if ("a.m." in low or "am" in low) and h == 12:
        h = 0
    zone = re.search(r"\b(GMT|UTC|[A-Z]{2,3}T)\b", expr)
    out: dict[str, Any] = {"time": f"{h:02d}:{mi:02d}"}
    if zone:
        out["zone"] = zone.group(1)
    return out

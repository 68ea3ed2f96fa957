"""Number grammar of news copy: digits, number words, fractions, scales, money and percentages."""

from __future__ import annotations

import re
from typing import Any

_UNITS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "a": 1,
    "an": 1,
    "dozen": 12,
    "single": 1,
}
_SCALES = {
    "hundred": 100,
    "thousand": 1e3,
    "million": 1e6,
    "billion": 1e9,
    "trillion": 1e12,
    "k": 1e3,
    "m": 1e6,
    "mn": 1e6,
    "bn": 1e9,
    "b": 1e9,
    "tn": 1e12,
    "lakh": 1e5,
    "crore": 1e7,
}
# Vague counts: the value is an approximate lower bound ("dozens" means at least two dozen).
VAGUE = {
    "dozens": 24,
    "scores": 40,
    "hundreds": 200,
    "thousands": 2000,
    "tens of thousands": 20000,
    "hundreds of thousands": 200000,
    "millions": 2e6,
    "billions": 2e9,
    "several": 3,
    "a few": 2,
    "a handful": 3,
    "a couple": 2,
    "numerous": 3,
    "many": 3,
}
_FRACTIONS = {
    "half": 0.5,
    "halves": 0.5,
    "third": 1 / 3,
    "thirds": 1 / 3,
    "quarter": 0.25,
    "quarters": 0.25,
    "fourth": 0.25,
    "fourths": 0.25,
    "fifth": 0.2,
    "fifths": 0.2,
    "sixth": 1 / 6,
    "sixths": 1 / 6,
    "eighth": 0.125,
    "eighths": 0.125,
    "tenth": 0.1,
    "tenths": 0.1,
}
ORDINALS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
}
# Currency symbols and words, mapped to ISO codes.
CURRENCY = {
    "$": "USD",
    "us$": "USD",
    "usd": "USD",
    "dollar": "USD",
    "dollars": "USD",
    "€": "EUR",
    "eur": "EUR",
    "euro": "EUR",
    "euros": "EUR",
    "£": "GBP",
    "gbp": "GBP",
    "pound": "GBP",
    "pounds": "GBP",
    "sterling": "GBP",
    "¥": "JPY",
    "yen": "JPY",
    "jpy": "JPY",
    "yuan": "CNY",
    "renminbi": "CNY",
    "rmb": "CNY",
    "cny": "CNY",
    "rupee": "INR",
    "rupees": "INR",
    "₹": "INR",
    "inr": "INR",
    "rouble": "RUB",
    "roubles": "RUB",
    "ruble": "RUB",
    "rubles": "RUB",
    "won": "KRW",
    "franc": "CHF",
    "francs": "CHF",
    "chf": "CHF",
    "a$": "AUD",
    "c$": "CAD",
    "hk$": "HKD",
    "real": "BRL",
    "reais": "BRL",
    "peso": "MXN",
    "pesos": "MXN",
}
#: Currencies written as words, which may follow a figure the recogniser left them out of ("68 billion euros",
#: "500 USD"); not "pounds", which may weigh, nor "won" and "real", which are words too.
CURRENCY_WORDS = frozenset(w for w in CURRENCY if w.isalpha() and w not in ("pound", "pounds", "won", "real"))
# Approximations stay in the quote (part of the figure's wording); bounds become an operator.
APPROX = (
    "about",
    "around",
    "approximately",
    "roughly",
    "nearly",
    "almost",
    "some",
    "an estimated",
    "close to",
    "circa",
    "just over",
    "just under",
)
BOUNDS = {
    "more than": ">",
    "over": ">",
    "at least": ">=",
    "fewer than": "<",
    "less than": "<",
    "up to": "<=",
    "under": "<",
    "north of": ">",  # "somewhere north of 60", "north of $1 billion"
    "south of": "<",
    "as many as": "<=",
    "as much as": "<=",
    "as high as": "<=",
    "no fewer than": ">=",
    "not fewer than": ">=",
    "no less than": ">=",
    "not less than": ">=",
    "no more than": "<=",
    "not more than": "<=",
    "upwards of": ">",
    "above": ">",
    "below": "<",
    "in excess of": ">",
    "just over": ">",
    "just under": "<",
    "just above": ">",
    "just below": "<",
    "well over": ">",
    "well above": ">",
    "well below": "<",
    "well under": "<",
}
#: A bound written after the figure: "aged 26 or older", "10 or more", "five or fewer".
_BOUND_AFTER = re.compile(
    r"\bor (?:(more|older|above|over|higher|greater|longer)|(less|fewer|younger|below|under|lower))\b"
)

_VAGUE_LONGEST_FIRST = sorted(VAGUE, key=len, reverse=True)
_BOUNDS_LONGEST_FIRST = sorted(BOUNDS.items(), key=lambda kv: -len(kv[0]))
_BOUND_PREFIXES = tuple(word + " " for word in BOUNDS)
_APPROX_PREFIXES = tuple(word + " " for word in APPROX)
_VAGUE_WORDS = tuple(VAGUE)
_HYPHEN = re.compile(r"[-\u2010\u2011]")
_SYMBOL = re.compile(r"(?:us|hk|a|c)?[$€£¥₹]")
_PERCENT = re.compile(r"%|\bper ?cent\b|\bpercentage points?\b")
_ALPHA = re.compile(r"[a-z]+")
#: Units written as symbols after a figure: "3.7 GW", "12 km", "180 lbs".
UNIT_SYMBOLS = frozenset(
    {"GW", "MW", "kW", "TW", "GWh", "MWh", "kWh", "TWh", "km", "kg", "mm", "cm", "mg", "mph", "ha", "lb", "lbs", "ft"}
)
_MEASURE = re.compile(
    r"\d\s?(\u00b0\s?[CF]?|\u00baC|[CF](?![\w-])|km/h|km (?:per|an) hour|"
    + "|".join(sorted(UNIT_SYMBOLS, key=len, reverse=True))
    + r")\b"
)
#: Units written out ("5.62 metres", "a 14-mile diversion", "400 yards"), by their short names.
_MEASURE_WORDS = {
    "kilometre": "km",
    "kilometer": "km",
    "millimetre": "mm",
    "millimeter": "mm",
    "centimetre": "cm",
    "centimeter": "cm",
    "metre": "m",
    "meter": "m",
    "mile": "mi",
    "yard": "yd",
    "foot": "ft",
    "feet": "ft",
    "inch": "in",
    "tonne": "t",
    "ton": "t",
    "kilogram": "kg",
    "kilo": "kg",
    "gram": "g",
    "litre": "l",
    "liter": "l",
    "gallon": "gal",
    "acre": "acre",
    "hectare": "ha",
    "cent": "cents",
    "pence": "pence",
}
_MEASURE_WORD = re.compile(
    r"\d(?:[\d,.]*)(?: (?:hundred|thousand|million|billion))?[\s\u2010\u2011-](square |cubic )?("
    + "|".join(sorted(_MEASURE_WORDS, key=len, reverse=True))
    + r")(?:e?s)?\b"
)
#: The periods of a rate after a figure: "$53 million a week", "$15 an hour", "40,000 per year".
RATE_PERIODS = ("year", "month", "week", "day", "hour")
_RATE = re.compile(rf"\d[\d,.]*(?: [a-z]+)? (?:a|an|per) ({'|'.join(RATE_PERIODS)})$")
_BASIS_POINTS = re.compile(r"\bbasis[\s-]points?\b")
_TIMES = re.compile(r"^[\w.,]+ times$")
#: Pence: "15p", "99p".
_PENCE = re.compile(r"^\d+(?:\.\d+)?p$")
_DIGITS = re.compile(r"^(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?$")
_TOKEN = re.compile(r"[a-z]+|\d[\d,]*(?:\.\d+)?")


def is_currency_sign(text: str) -> bool:
    """A currency sign as ``currency_of`` reads it: "$", "£", "US$", "HK$" ..."""
    return _SYMBOL.fullmatch(text.lower()) is not None


def is_scale_suffix(text: str) -> bool:
    """A magnitude written onto a figure, as ``parse_number`` reads it: the "m" of "£120m", the "bn" of "$1.2bn"."""
    low = text.lower()
    return low in _SCALES and len(low) <= 2


def parse_number(phrase: str) -> float | None:
    """Value of a number phrase: "11,000", "1.2 billion", "twenty-five", "two-thirds", "dozens"."""
    s = phrase.lower().replace("\u00a0", " ").strip()
    s = _HYPHEN.sub(" ", s)
    if not s:
        return None
    if s.startswith(_VAGUE_WORDS):  # one C call rules most phrases out
        for vague in _VAGUE_LONGEST_FIRST:
            if s == vague or s.startswith(vague + " "):
                unit = next(iter(s[len(vague) :].split()), "")
                if vague in ("several", "a few", "a handful", "a couple") and (unit in _SCALES or unit == "dozen"):
                    # "several thousand": some 3,000 (was 3); "several dozen": some 36
                    return float(VAGUE[vague]) * (_SCALES.get(unit) or 12)
                return float(VAGUE[vague])
    tokens = []
    found = _TOKEN.findall(s)
    lead = 0  # "an additional $900", "another 12": the words before the figure are not part of it
    while lead < min(2, len(found) - 1) and (
        found[lead] in ("a", "an") or found[lead] not in _SCALES and _word_or_digit(found[lead]) is None
    ):
        lead += 1
    if lead and found[lead - 1] in ("a", "an") and (found[lead] in _SCALES or found[lead] in _FRACTIONS):
        lead -= 1  # "a million", "a quarter"
    for tok in found[lead:]:  # the number words only: "two thirds of its capacity" -> two thirds
        if tok in ("and", "a", "an") or tok in _SCALES or tok in _FRACTIONS or _word_or_digit(tok) is not None:
            tokens.append(tok)
        else:
            break
    if not tokens:
        return None
    # Fractions: "two thirds", "a quarter", "half".
    if len(tokens) <= 2 and tokens[-1] in _FRACTIONS:
        num = 1.0 if len(tokens) == 1 else _word_or_digit(tokens[0])
        if num is not None:
            return round(num * _FRACTIONS[tokens[-1]], 3)
    total = 0.0
    current = 0.0
    seen = False
    last = ""  # the kind of the token before: "digit", "word" or "scale"
    for i, tok in enumerate(tokens):
        if tok == "and":
            continue
        if tok in ("a", "an") and (i + 1 >= len(tokens) or tokens[i + 1] not in _SCALES):
            if seen:
                break
            continue  # "a 40-metre tower": an article, not one
        val = _word_or_digit(tok)
        if val is not None:
            kind = "digit" if _DIGITS.match(tok) else "word"
            # Words add up only as numbers are spoken ("twenty five", "one hundred twenty"); two figures
            # side by side are two numbers ("a 112-107 win": 112, never 219).
            if (
                last == "digit"
                or last == "scale"
                and kind == "digit"
                or last == "word"
                and (kind == "digit" or not (current % 100 >= 20 and current % 10 == 0 and val < 10))
            ):
                break
            current += val
            seen = True
            last = kind
        elif tok in _SCALES:
            last = "scale"
            if not seen:
                current = 1.0
            scale = _SCALES[tok]
            if scale == 100:
                current *= 100
            else:
                total += current * scale
                current = 0.0
            seen = True
        else:
            break
    return round(total + current, 6) if seen else None  # 4.1 billion is 4100000000, not 4099999999.9999995


def _word_or_digit(tok: str) -> float | None:
    m = _DIGITS.match(tok)
    if m:
        return float(tok.replace(",", ""))
    return float(_UNITS[tok]) if tok in _UNITS else None


#: Dollars named by their country: "88 billion Hong Kong dollars" is no US dollar.
_NAMED_DOLLARS = {
    "hong kong dollar": "HKD",
    "canadian dollar": "CAD",
    "australian dollar": "AUD",
    "new zealand dollar": "NZD",
    "singapore dollar": "SGD",
    "taiwan dollar": "TWD",
}


def currency_of(phrase: str) -> str | None:
    """ISO code of the first currency symbol or word in ``phrase``."""
    low = phrase.lower()
    if "dollar" in low:
        for name, code in _NAMED_DOLLARS.items():
            if name in low:
                return code
    for sym in ("us$", "hk$", "a$", "c$", "$", "€", "£", "¥", "₹"):
        if sym in low:
            return CURRENCY[sym]
    for word in _ALPHA.findall(low):
        if word in CURRENCY and len(word) > 1 and word not in ("won", "real", "pound"):
            return CURRENCY[word]
    return None


#: A range of two figures: "between 200 and 300", "from 4% to 6%", "2 to 3 million" (a score, "3-2", has no spaces).
_RANGE = re.compile(
    r"^(?:between |from )?([\d.,]+(?: ?%| per ?cent)?(?: [a-z]+)?)"
    r"(?: (?:and|to|through|-|\u2013) |(?<=\d)[-\u2013](?=\d))([\d.,]+.*)$"  # (closed up too: "30-600 MW")
)


#: A minus sign (hyphen, en dash or the sign itself) set before a figure.
MINUS_SIGNS = frozenset({"-", "\u2013", "\u2212"})
_MINUS = re.compile(f"[{''.join(sorted(MINUS_SIGNS))}]\\d")


def quantity_values(phrase: str) -> dict[str, Any]:
    """Normalised values of a quantity phrase: value, unit, currency, operator, approximation."""
    low = phrase.lower().replace("\u00a0", " ")
    out: dict[str, Any] = {}
    for word, op in _BOUNDS_LONGEST_FIRST if low.startswith(_BOUND_PREFIXES) else ():
        if low.startswith(word + " "):
            out["op"] = op
            low = low[len(word) + 1 :]
            break
    for word in APPROX if low.startswith(_APPROX_PREFIXES) else ():
        if low.startswith(word + " "):
            out["approximate"] = True
            low = low[len(word) + 1 :]
            break
    cur = currency_of(low)
    body = _SYMBOL.sub("", low).strip()
    value = parse_number(body)
    if value is None:
        return out
    if (span := _RANGE.match(body)) is not None:
        # "between 200 and 300", "4% to 6%", "2 to 3 million": the figure it goes to, never the start alone
        start, end = parse_number(_PERCENT.sub("", span.group(1))), parse_number(_PERCENT.sub("", span.group(2)))
        scale = next((w for w in _TOKEN.findall(span.group(2)) if w in _SCALES), None)
        if (
            start is not None
            and end is not None
            and scale
            and not any(w in _SCALES for w in _TOKEN.findall(span.group(1)))
        ):
            start = parse_number(f"{span.group(1)} {scale}")  # "2 to 3 million": 2 million to 3 million
        if start is not None and end is not None and start < end:
            value = start
            out["to"] = whole(end)
    if _MINUS.match(body) is not None and value > 0:
        value = -value  # "-38 C", "\u20130.5%": below zero
    if body.startswith(_VAGUE_WORDS):
        out["approximate"] = True
        out["lower_bound"] = True
    if (rate := _RATE.search(low)) is not None:
        out["per"] = rate.group(1)  # "$53 million a week", "$15 an hour"
    if "op" not in out and (after := _BOUND_AFTER.search(low)) is not None:
        out["op"] = ">=" if after.group(1) else "<="
    if _PERCENT.search(low):
        out["unit"] = "percentage points" if "point" in low else "percent"
    elif cur:
        out["unit"] = "currency"
        out["currency"] = cur
    elif m := _MEASURE.search(phrase):
        unit = (
            m.group(1).replace("\u00ba", "\u00b0").replace(" per hour", "/h").replace(" an hour", "/h").replace(" ", "")
        )
        out["unit"] = "\u00b0" + unit.strip("\u00b0") if unit.strip("\u00b0") in ("C", "F") else unit
    elif _BASIS_POINTS.search(low):
        out["unit"] = "basis points"
    elif _TIMES.search(low):
        out["unit"] = "times"  # "10 times as many": a multiple, not ten of them
    elif m := _MEASURE_WORD.search(low):
        out["unit"] = ("sq " if m.group(1) == "square " else "cu " if m.group(1) else "") + _MEASURE_WORDS[m.group(2)]
    elif _PENCE.match(body):
        out["unit"] = "pence"
    out["value"] = whole(value)
    return out


def whole(value: float) -> float | int:
    """A figure as an int when it is whole (and small enough to be one exactly), else as it is."""
    return int(value) if float(value).is_integer() and abs(value) < 1e15 else value

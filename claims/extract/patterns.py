"""Regular grammar of checkable phrases: quantities, records, comparisons and verb cues.

Every pattern uses bounded repetition only, so matching stays linear on any input.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from claims.memo import Memo, trim


def wordset(words: str) -> frozenset[str]:
    """A frozen set of the space-separated words of ``words``."""
    return frozenset(words.split())


_NUMBER_WORD = (
    r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|"
    r"fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|"
    r"sixty|seventy|eighty|ninety|hundred|a\sdozen|dozen)"
)
_SCALE = r"(?:hundred|thousand|million|billion|trillion|bn|mn|tn|[mbk](?![a-z]))"
_VAGUE = (
    r"(?:tens\sof\sthousands|hundreds\sof\sthousands|dozens|scores|hundreds|thousands|"
    r"millions|billions)"
)
_FRACTION = (
    r"(?:(?:one|two|three|a)[-\s](?:half|third|quarter|fifth|tenth)s?|half|"
    r"three[-\s]quarters|two[-\s]thirds)"
)
_CURRENCY_SYM = r"(?:US\$|HK\$|A\$|C\$|[$€£¥₹])"
_CURRENCY_WORD = (
    r"(?:dollars?|euros?|pounds?|yen|yuan|renminbi|rupees?|roubles?|rubles?|francs?|"
    r"pesos?|USD|EUR|GBP|CNY|JPY)"
)
_DIGITS = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
APPROX_RE = (
    r"(?:(?:about|around|approximately|roughly|nearly|almost|some|an\sestimated|close\sto|"
    r"just\sover|just\sunder)\s)"
)
BOUND_RE = r"(?:(?:more|fewer|less)\sthan|at\sleast|up\sto|as\smany\sas|over|under|upwards\sof)\s"

NUMBER = (
    rf"(?:{_CURRENCY_SYM}\s?{_DIGITS}(?:[-\s]{_SCALE}\b)?"
    rf"|{_DIGITS}(?:[-\s]{_SCALE}\b)?(?:[-\s]{_CURRENCY_WORD}\b)?"
    rf"|{_FRACTION}\b|{_VAGUE}\b"
    rf"|{_NUMBER_WORD}(?:[-\s](?:one|two|three|four|five|six|seven|eight|nine))?(?:\s{_SCALE})?\b)"
)
_UNIT = (
    r"(?:\s?%|[-\s]per[-\s]?cent\b|[-\s]percentage[-\s]points?\b|[-\s]points?\b"
    r"|\s?(?:\u00b0\s?[CF]?|\u00baC|[CF](?![\w-]))"  # temperatures: 45C, 45 \u00b0C
    r"|\s?(?:km/h|km|kg|mm|cm|mph|GW|MW|kW|TWh|GWh|MWh|kWh|mg|lbs?|ft|ha)\b)"  # measures
)
# Words that end a noun phrase after a number.
_NP_STOP = (
    r"(?:and|or|but|of|in|on|at|for|to|from|with|by|that|which|who|the|a|an|was|were|is|"
    r"are|has|have|had|will|would|could|can|may|might|should|than|as|since|after|before|"
    r"over|under|per|each|said|says|ago|into|this|these|those|their|its|his|her|while|when|"
    r"where|including|across|between|among|during|about|around|against|last|next|more|less|within|without|"
    r"until|through|throughout|via|amid|despite|because|toward|towards|beyond|below|above|upon|behind|along)"
)
_NP_WORD = rf"(?!{_NP_STOP}\b)[A-Za-z][\w'\u2019-]*"
QUANTITY_RE = re.compile(
    rf"(?<![\w$€£¥.,-])(?P<bound>{BOUND_RE})?(?P<approx>{APPROX_RE})?(?P<num>{NUMBER})(?P<unit>{_UNIT})?"
    rf"(?P<np>(?:\sof(?:\s(?:the|its|their|his|her|our|all))?)?(?:\s{_NP_WORD}){{1,3}}(?:\s(?:of|and)\s(?:the\s)?{_NP_WORD}(?:\s{_NP_WORD})?)?)?",
    re.I,
)
# Where a quantity's number can start: a run of digits, a currency sign, or one of these words (lower case).
# A match starts at most 31 characters before that (the longest bound and approximation,
# "upwards of approximately ", then "US$" or "three-quarters"), so the regex need not be
# tried anywhere else: on news, most of a sentence is skipped.
_QUANTITY_SIGN = re.compile(r"[\d$€£¥₹]\d*")  # a leading class lets the engine skip to it
_QUANTITY_LEAD = 31


def quantity_matches(sent: str, toks: set[str]) -> list[re.Match[str]]:
    """``QUANTITY_RE.finditer(sent)``, trying the regex only near where a number can start.

    ``toks`` are the sentence's ``words``.  The matches are the same as ``finditer``'s: each
    search starts after the last match and no later than ``_QUANTITY_LEAD`` characters before
    the next place a number can start, and a search finds the leftmost match from there.
    """
    low = sent.lower()
    if len(low) != len(sent) or "\u0131" in sent or "\u017f" in sent:
        # Lower-casing moved offsets, or a character that IGNORECASE matches to an ASCII
        # letter hides a word from ``toks``: try the regex everywhere.
        return list(QUANTITY_RE.finditer(sent))
    starts = [m.start() for m in _QUANTITY_SIGN.finditer(sent)]
    starts += occurrences(low, toks & _QUANTITY_WORDS)
    return anchored_finditer(QUANTITY_RE, sent, starts, _QUANTITY_LEAD)


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


# Records: firsts with a scope, superlatives with a scope, "record high".
RECORD_RE = re.compile(
    r"\b(?=\w)(?:\b(?:the\s)?first\s(?:[\w-]+\s){0,3}?(?:in|since)\s(?:more\sthan\s|nearly\s|over\s|almost\s)?"
    r"(?:\d+|two|three|four|five|six|seven|eight|nine|ten|a)\s(?:years?|decades?|months?|centur(?:y|ies))\b"
    r"|\bfirst\s[\w-]+(?:\s[\w-]+)?\s(?:of|in)\sthe\s\d{1,2}(?:st|nd|rd|th)\scentury\b"
    r"|\b(?:the\s)?(?:world|country|nation|region|continent|city|state|company)['\u2019]s\s"
    r"(?:largest|biggest|highest|lowest|smallest|longest|oldest|first|only|fastest|tallest|deepest)\s[\w-]+(?:\s[a-z-]+)?"
    r"|\b(?:the\s)?(?:largest|biggest|highest|lowest|smallest|longest|shortest|oldest|youngest|fastest|"
    r"deadliest|hottest|coldest|warmest|wettest|driest|worst|most\s[a-z]+|least\s[a-z]+)\s(?:[\w-]+\s){0,4}?"
    r"(?:in\s(?:recorded\s|modern\s|living\s)?(?:history|memory)|ever(?:\srecorded)?|on\srecord|in\sthe\s(?:nation|country|world|state|region|league|industry|EU|U\.S\.)\b|of\sall\stime"
    r"|since\s(?:records\sbegan|\d{4})|in\s(?:at\sleast\s|more\sthan\s|nearly\s)?\d+\s(?:years|decades))"
    r"|\b(?:the\s)?(?!(?:interest|forest|honest|modest|request|protest|suggest|latest|harvest|contest|arrest|"
    r"invest|digest|manifest|guest|quest|unrest|conquest|inquest|midwest|southwest|northwest)\b)[a-z]{3,}est\s"
    r"(?:[\w-]+\s){0,4}?(?:in\s(?:recorded\s|modern\s)?history|ever(?:\srecorded)?|on\srecord|in\sthe\s(?:nation|country|world|state|region|league|industry|EU|U\.S\.)\b|since\s(?:records\sbegan|\d{4})"
    r"|in\s(?:at\sleast\s|more\sthan\s|nearly\s)?\d+\s(?:years|decades))"
    r"|\b(?:its|their|the)\s(?:[a-z]+est|first|only)\s[\w-]+(?:\s[\w-]+)?\ssince\s\d{4}"
    r"|\b(?:the\s)?first\stime\b(?:\s(?:in|since)\s[\w\s]{2,20}?\d+\s\w+)?"
    r"|\b(?:record|all-time)[-\s](?:high|low)s?\b|\bfor\sthe\sfirst\stime(?:\s(?:in|since)\s[\w\s]{2,20}?\d+\s\w+)?)",
    re.I,
)
COMPARISON_RE = re.compile(
    r"\b(?:(?:roughly|about|nearly|almost|around|more\sthan)\s)?the\s(?:size|area|length|height|weight|population)"
    r"\sof\s(?:the\s)?(?:[A-Z][\w'\u2019-]*\s?){1,3}"
    r"|\b(?:twice|three\stimes|four\stimes|(?:\d+(?:\.\d+)?|two|five|ten)\stimes|half|double|triple)"
    r"\s(?:as\s[a-z]+(?:\s[a-z]+)?\sas\s(?:[\w'\u2019-]+\s?){1,4}|the\s[a-z]+\sof\s(?:the\s)?(?:[\w'\u2019-]+\s?){1,3}"
    # "twice the amount the probation office had recommended"
    r"|the\s(?:amount|number|rate|level|price|cost|sum|total|figure|average)\s(?:[\w'\u2019-]+\s?){1,5}"
    r"|(?:more|less|larger|bigger|higher|lower|smaller|faster)(?:\sthan\s(?:the\s)?(?:[\w'\u2019-]+\s?){1,3})?)",
    re.I,
)
CHANGE_VERB = re.compile(
    r"\b(?:rose|rises|risen|fell|falls|fallen|slid|slides|dropped|drops|grew|grows|grown|increased|"
    r"decreased|jumped|climbed|declined|surged|plunged|soared|gained|lost|shrank|shrunk|tumbled|"
    r"slumped|doubled|tripled|halved|up|down|rising|falling)\s$",
    re.I,
)
# Verb-like words: decide whether a stretch of words is a clause (a set lookup, not a regex: hot path).
_VERB_WORDS = wordset(
    "is are was were been being has have had did does will would could can may might must should "
    "said says told tells made makes found finds began begun became becomes went goes gave gives took "
    "takes brought bought led held met won lost sent paid rose fell grew saw sees shows left got came "
    "comes knew thought built ran set put kept sold spent hit cut struck wrote spoke stood starts "
    "remains requires involves includes means seems appears suggests describes needs wants continues "
    "plans argues notes adds claims states reports believes slid shed fled expect expects say think "
    "doubt doubts know knows want need see make take give get go come show find tell ask seem feel try "
    "agree agrees disagree deny denies insist insists warn warns"
)
_NOT_VERBS = wordset(
    "morning evening during according meeting building nothing something anything everything "
    "ceiling feeling thing spring string king ring wing bring including red bed need seed feed "
    "speed hundred kindred sacred naked wicked wretched breed greed shed deed indeed"
)
_LOWER_WORD = re.compile(r"[a-z]+")


def words(text: str) -> list[str]:
    """Lower-cased alphabetic words of ``text``."""
    return _LOWER_WORD.findall(text.lower())


def _verb_like(w: str) -> bool:
    if w in _VERB_WORDS:
        return True
    return ((len(w) >= 5 and w.endswith("ed")) or (len(w) >= 6 and w.endswith("ing"))) and w not in _NOT_VERBS


_VERB_LIKE: Memo[str, bool] = Memo(_verb_like, limit=50_000)
_SUPERLATIVE_LIKE: Memo[str, bool] = Memo(lambda w: len(w) > 4 and w.endswith("est"), limit=50_000)


def trim_memos() -> None:
    """Keep the per-word memos bounded (the engine calls it once per text)."""
    trim((_VERB_LIKE, _SUPERLATIVE_LIKE))


def has_verb(text: str) -> bool:
    """Whether ``text`` holds a verb-like word (so it reads as a clause)."""
    return any(map(_VERB_LIKE.__getitem__, _LOWER_WORD.findall(text.lower())))


PREDICTION_RE = re.compile(
    r"\b(?:will|would|could|might|may|shall|should|going\sto|expected\sto|expects?\s(?:[\w'\u2019-]+\s){0,4}?to|"
    r"predicts?|forecasts?|projected|"
    r"plans?\sto|hopes?|hoping|aims?\sto|intends?\sto|wants?\sto|if|unless)\b",
    re.I,
)
MODAL_RE = re.compile(
    r"\b(?:could|would|might|may|should|must|will|won['\u2019]t|can['\u2019]t|shall|going\sto|"
    r"likely|unlikely|probably|perhaps|possibly|hope[sd]?|hoping|expects?|expected\sto|wants?\sto|"
    r"plans?\sto|intends?\sto|aims?\sto|needs?\sto|believes?|thinks?|feels?|seems?|appears?\sto|"
    r"fear(?:s|ed)?|worr(?:y|ies|ied)|fretted|unhappy|suggests?|if)\b",
    re.I,
)
OPINION_RE = re.compile(
    r"\b(?:I|we|you|our|my|us)\b|\b(?:great|terrible|wonderful|awful|amazing|disgrace\w*|shame\w*|"
    r"best\sthing|real\sproblem|big\sstretch|no\sway|of\scourse|nothing|never|always|everyone|nobody|"
    r"most\s(?!of\b)[a-z]+|least\s(?!of\b)[a-z]+)\b",
    re.I,
)

# Cue words: a sentence without any of them cannot match the pattern, so the regex is skipped.
NUMBER_WORDS = wordset(
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred dozen "
    "dozens scores hundreds thousands millions billions tens half third thirds quarter quarters "
    "fifth fifths tenth tenths"
)
_QUANTITY_WORDS = NUMBER_WORDS | {"halfs"}  # every word a number of QUANTITY_RE can start with
DATE_WORDS = wordset(
    "january february march april may june july august september october november december jan feb "
    "mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday "
    "yesterday tomorrow last next this ago"
)
UNIT_WORDS = wordset(
    "second seconds minute minutes hour hours day days week weeks month months year "
    "years decade decades century centuries"
)
RECORD_WORDS = wordset("first most least record time ever only worst best")
COMPARE_WORDS = frozenset({"size", "area", "length", "height", "weight", "population"}) | wordset(
    "twice times half double triple"
)
MODAL_WORDS = wordset(
    "could would might may should must will won can shall going likely unlikely probably perhaps "
    "possibly hope hopes hoped hoping expect expects expected want wants plan plans intend intends aim "
    "aims need needs believe believes think thinks feel feels seem seems appear appears fear fears "
    "feared worry worries worried fretted unhappy suggest suggests if forecast forecasts projected "
    "unless"
)
OPINION_WORDS = wordset(
    "i we you our my us great terrible wonderful awful amazing best real big no course nothing never "
    "always everyone nobody most least disgrace disgraceful disgraced shame shameful shameless"
)


def superlative_cue(toks: set[str]) -> bool:
    """Whether the words could hold a record (a superlative or a "first")."""
    return bool(toks & RECORD_WORDS) or any(map(_SUPERLATIVE_LIKE.__getitem__, toks))

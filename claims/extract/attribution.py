"""Who said it: attribution phrases, speakers, and the roles given to them."""

from __future__ import annotations

import re
from dataclasses import dataclass

from claims.extract.patterns import wordset

ATTR_VERBS = (
    r"(?:said|says|told|tells|reported|reports|claimed|claims|stated|states|announced|"
    r"added|adds|noted|notes|wrote|writes|argued|argues|warned|warns|insisted|confirmed|"
    r"denied|alleged|estimated|explained|testified|tweeted|posted|revealed|disclosed|"
    r"acknowledged|admitted|recalled|asserted|declared|predicted|suggested)"
)
_ROLE_NOUN = (
    r"(?:[Vv]ice\s[Pp]resident|[Pp]resident|[Pp]rime\s[Mm]inister|[Mm]inister|[Ss]ecretary"
    r"(?:\s[Gg]eneral|\sof\s[Ss]tate)?|[Cc]hancellor|[Ss]pokes(?:person|man|woman)|[Cc]hief(?:\s[A-Za-z]+){0,2}|"
    r"[Dd]irector|[Cc]hair(?:man|woman|person)?|CEO|[Ff]ounder|[Pp]rofessor|[Ss]enator|[Gg]overnor|"
    r"[Mm]ayor|[Aa]mbassador|[Cc]ommander|[Jj]udge|[Ll]awyer|[Aa]ttorney|[Aa]nalyst|[Ee]conomist|"
    r"[Ss]cientist|[Rr]esearcher|[Hh]istorian|[Ee]xpert|[Ee]ditor|[Cc]orrespondent|[Oo]fficial|"
    r"[Aa]dvis[eo]r|[Aa]uthor|[Hh]ead|[Mm]anager|[Ee]xecutive|[Oo]fficer|[Rr]epresentative|"
    r"[Ll]awmaker|[Ll]eader|[Cc]oach|[Aa]ctivist|[Cc]ampaigner|[Pp]resenter|[Pp]rosecutor|"
    r"[Cc]ouncillor|[Cc]ouncilor|[Dd]eputy|[Gg]eneral)"
)
_HONORIFIC = r"(?:(?:Dr|Prof|Mr|Mrs|Ms|Sir|Dame|Rev|Gen|Col|Sen|Rep|Gov)\.?\s)?"
_NAME = _HONORIFIC + (
    r"(?:[A-Z][a-z\u00e0-\u00ff]+(?:-[A-Z][a-z]+)?(?:\s(?:(?:von|van|de|der|al|bin|da|di|le|la)\s)?"
    r"(?:[A-Z][a-z\u00e0-\u00ff]+(?:-[A-Z][a-z]+)?|[A-Z]\.)){1,3})"
)
# "NATO Secretary General Jens Stoltenberg told ...", "said White House spokesperson Karine Jean-Pierre".
PRE_TITLE_RE = re.compile(
    rf"\b(?=\w)(?P<role>(?:(?:[A-Z][\w.&\u2019'-]*|of|for|the|senior|chief|former|deputy|acting)\s){{0,5}}?"
    rf"{_ROLE_NOUN}(?:\s(?:of|for)\s(?:the\s)?[A-Z][\w.]*(?:\s[A-Z][\w.]*){{0,2}})?)\s(?P<name>{_NAME})"
    # ... then the verb, perhaps after an aside: "Karin Vogt, who took over in March, said".
    rf"(?=\s{ATTR_VERBS}\b|,\s[^,;:\"\u201c\u201d]{{1,80}},\s(?:also\s|later\s)?{ATTR_VERBS}\b)"
    rf"|\b{ATTR_VERBS}\s(?P<role2>(?:[\w.&\u2019'-]+\s){{0,4}}?{_ROLE_NOUN})\s(?P<name2>{_NAME})",
)
# "Harper's lawyer, Michael Chen, said ...": a qualified title, then the name between commas.
ROLE_THEN_NAME_RE = re.compile(
    rf"\b(?P<role>(?:the\s|The\s)?(?:[A-Z][\w.&\u2019'-]*\s|[\w-]+[\u2019']s\s)(?:[\w-]+\s){{0,3}}?{_ROLE_NOUN}),"
    rf"\s(?P<name>{_NAME}),\s(?:also\s|later\s)?(?P<verb>{ATTR_VERBS})\b"
)
# "Victor Cha, senior vice president for Asia ..., told ..." (appositive of a speaker).
APPOSITIVE_RE = re.compile(
    rf"(?P<name>{_NAME}|[A-Z][a-z]+),\s(?!including\b|such\sas\b|like\b|among\b)(?P<app>(?:the\s|a\s|an\s)?(?:[\w'\u2019-]+\s){{0,3}}?{_ROLE_NOUN}\b[^,;:]{{0,140}}?)"
    rf"(?:,\s|(?<=[\"\u201d])\s)(?:also\s|later\s)?(?:{ATTR_VERBS}|[a-z]+ed)\b"
    rf"|\b{ATTR_VERBS}\s(?P<name2>{_NAME}),\s(?P<app2>(?:the\s|a\s|an\s)?(?:[\w'\u2019-]+\s){{0,3}}?{_ROLE_NOUN}\b[^,;:]{{0,140}}?)(?=[,.;]|$)"
)
_SPLIT_ROLES = re.compile(rf"\sand\s(?=(?:[\w-]+\s){{0,2}}{_ROLE_NOUN}\b)")
ACCORDING_RE = re.compile(
    # (atomic: "U.S." is one word, never "U." and "S"; "the U.S. Energy Information Administration")
    r"\b[Aa]ccording\sto\s(?P<src>(?:the\s)?(?:[A-Z](?>(?:[\w&\u2019'-]|\.(?=\w)|(?<=[A-Z])\.(?=\s[A-Z]))*)\s?"
    r"(?:of\s|for\s|and\s)?){2,8})"
)
# Any source after "according to", up to the punctuation: "according to Ukrainian officials." (speakers only).
_ACCORDING_ANY = re.compile(
    r"\b[Aa]ccording\sto\s(?P<src>(?:[^,.;:()\"\u201c\u201d\s]|(?<=[A-Z])\.|\.(?=\w)|\s(?=\S)){3,60}?)"
    r"(?=\s*(?:[,;:)]|\.?[\"\u201d\u2019']?\s*$))"
)
# "told CNBC's "Squawk Box Asia" on Wednesday", "told joint press conference On Tuesday".
TOLD_RE = re.compile(
    r"\btold\s(?P<to>(?:a\s|the\s)?(?:[\w.&\u2019'-]+\s){0,4}?)(?P<prog>[\"\u201c][^\"\u201d]{2,60}[\"\u201d]\s?)?"
    r"(?P<when>(?:on|On|last|Last)\s(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))?"
    r"(?=[\s,.;]|$)"
)
PUBLISHED_RE = re.compile(
    r"\b(?:published|appearing|appeared|reported)\s(?:online\s)?in\s(?:the\s)?(?:journal\s)?"
    r"[A-Z][\w\u2019'-]*(?:\s(?:of\s(?:the\s)?|and\s|for\s|&\s)?[A-Z][\w\u2019'-]*){0,8}"
)
ORG_NOUN = re.compile(
    r"\b(?:Agency|Administration|Centre|Center|Board|Committee|Fund|Federation|Forum|Institution|"
    r"Statistics|Survey|Network|Reserve|Treasury|Embassy|Army|Navy|Ministry|Parliament|Congress|"
    r"News|[Nn]ewspaper|Times|Post|Journal|Herald|Gazette|Tribune|Press|Television|"
    r"[Mm]inistry|Office|Department|[Gg]overnment|Police|Court|Council|Commission|Institute|"
    r"University|Bank|Group|Company|Corporation|Party|Union|Bureau|Service|Foundation|Association|"
    r"Organization|Organisation|Authority|Reuters|AFP|Xinhua|Bloomberg|BBC|CNN|CNBC|KCNA|Tass|TASS)\b"
)
SAID_TAG_RE = re.compile(
    rf"(?:,|[\"\u201d])\s(?P<who>(?:[\w.\u2019'-]+\s){{0,6}}?[\w.\u2019'-]+)\s(?P<verb>{ATTR_VERBS})\b[^,]{{0,40}}[.,]?$"
    # Inverted: ", said Anna Weiss, a deputy minister." ("told" names the audience, not the speaker).
    rf"|(?:,|[\"\u201d])\s(?!told\b|tells\b)(?P<verb2>{ATTR_VERBS})\s(?P<who2>[^,.]{{2,60}})(?:,[^.]{{0,90}})?[.,]?$"
)
_LEADING_CONJUNCTION = re.compile(r"^(?:and|but|so|or|yet|then)\s+", re.I)
# Not a source to name: the speaker is in an earlier sentence, or the sentence is the speaker's own.
_PRONOUNS = wordset(
    "he she they it we i you he's she's it's we've we'd we're i've i'd i'm they've they'd they're you've you'd "
    "you're this that there who which"
)
# Words of a clause, not of a name or title: after ", said" they mean the words are what was said.
_CLAUSE_WORDS = wordset("that had has have was were is are will would could can did does do not been")
# "(Chief executive) Anna Weiss, Germany's deputy foreign minister, said ...": a named subject (perhaps after
# its title) and an aside open the sentence.
SUBJECT_APPOSITIVE_RE = re.compile(
    rf"^(?:(?:And|But|So|Yet)\s)?(?:(?:[A-Z][\w.&\u2019'-]*|[a-z][\w-]*)\s){{0,4}}?(?P<who>{_NAME}),\s[^,;:\"\u201c\u201d]{{2,140}}?,\s(?:also\s|later\s|has\s|have\s|had\s)?(?P<verb>{ATTR_VERBS})\b"
)
THAT_CLAUSE_RE = re.compile(
    rf"^(?P<who>(?:[\w.&\u2019'-]+\s){{1,8}}?)(?:also\s|later\s|has\s|have\s|had\s)?(?P<verb>{ATTR_VERBS})\b"
    rf"(?:[^,;:\"\u201c]{{0,50}}?\s(?=that\b)|(?:\s(?:on|On)\s\w+day)?\s(?=[A-Z\d$\u20ac\u00a3]|(?:the|they|it|he|she|we|a|an|its|his|her|their|there|more|"
    rf"about|some|nearly|almost|at\sleast|over|up\sto)\b))"
)


@dataclass(frozen=True, slots=True)
class Span:
    """A located phrase found in a sentence, with what it is."""

    start: int
    end: int
    kind: str
    speaker: str | None = None


ATTR_WORDS = frozenset(re.findall(r"[a-z]+", ATTR_VERBS))
ROLE_WORDS = wordset(
    "president minister secretary chancellor spokesperson spokesman spokeswoman chief director chair "
    "chairman chairwoman chairperson ceo founder professor senator governor mayor ambassador commander "
    "judge lawyer attorney analyst economist scientist researcher historian expert editor correspondent "
    "official adviser advisor author head manager executive officer representative lawmaker leader "
    "coach activist campaigner presenter prosecutor councillor councilor deputy general"
)


def roles(mask: str, toks: set[str] | None = None) -> list[Span]:
    """Roles of people quoted or cited in the sentence (offsets into ``mask``)."""
    out: list[Span] = []
    if toks is not None and not (toks & ROLE_WORDS and toks & ATTR_WORDS):
        return out
    for m in PRE_TITLE_RE.finditer(mask):
        g = "role" if m.group("role") else "role2"
        name = m.group("name") or m.group("name2")
        start = m.start(g)
        while mask[start:].startswith(("the ", "The ", "of ", "for ")):
            start = mask.index(" ", start) + 1
        out.append(Span(start, m.end(), "role", name))
    for m in ROLE_THEN_NAME_RE.finditer(mask):
        if " " in m.group("role").removeprefix("The ").removeprefix("the "):  # "The lawyer, Michael Chen": no title
            out.append(Span(m.start("role"), m.end("name"), "role", m.group("name")))
    for m in APPOSITIVE_RE.finditer(mask):
        # "senior vice president for Asia and chairman of ...": one claim per role.
        g = "app" if m.group("app") else "app2"
        name = m.group("name") or m.group("name2")
        app, base = m.group(g), m.start(g)
        pieces, prev = [], 0
        for cut in _SPLIT_ROLES.finditer(app):
            pieces.append((prev, cut.start()))
            prev = cut.end()
        pieces.append((prev, len(app)))
        for i, (a, b) in enumerate(pieces):
            first = m.start("name" if g == "app" else "name2")
            out.append(Span(first if i == 0 else base + a, base + b, "role", name))
    return out


def is_organisation(phrase: str) -> bool:
    """Whether a subject phrase names an organisation or news outlet."""
    return bool(ORG_NOUN.search(phrase))


def attributions(mask: str, toks: set[str] | None = None) -> list[Span]:
    """Attribution phrases worth checking on their own: named sources, venues, dated statements."""
    out: list[Span] = []
    if toks is not None and not toks & {"according", "told", "published", "appearing", "appeared", "reported"}:
        return out
    for m in ACCORDING_RE.finditer(mask):
        src = m.group("src").strip()
        if len(src.split()) >= 2 or is_organisation(src):
            out.append(Span(m.start(), m.start("src") + len(src), "attribution", src))
    for m in TOLD_RE.finditer(mask):
        if m.group("when") or m.group("prog"):
            out.append(Span(m.start(), m.end(), "attribution"))
    for m in PUBLISHED_RE.finditer(mask):
        out.append(Span(m.start(), m.end(), "attribution"))
    return out


@dataclass(frozen=True, slots=True)
class Source:
    """Who a sentence's content is attributed to, and the lead-in that says so."""

    name: str
    lead: str


_REPORTED = {"told": "said", "tells": "says"}  # "X told that ..." needs its audience: "X said that ..."


def _source(who: str, verb: str) -> Source:
    return Source(who, f"{who} {_REPORTED.get(verb, verb)}")


def speaker_of(mask: str) -> Source | None:
    """The source a sentence attributes its content to ("U.S. officials" + "U.S. officials claimed")."""
    m = THAT_CLAUSE_RE.match(mask)
    if (
        m
        and (m.group("who")[:1].isupper() or is_organisation(m.group("who")))
        and _CLAUSE_WORDS.isdisjoint(who_words := m.group("who").lower().split())
        and who_words[-1] not in ("a", "an", "the")  # "Malaria killed an estimated 608,000": no source
    ):
        who = m.group("who").strip()
        return _source(who, m.group("verb"))
    m = SUBJECT_APPOSITIVE_RE.match(mask)
    if m:
        who = m.group("who")
        return _source(who, m.group("verb"))
    m = ROLE_THEN_NAME_RE.match(mask)
    if m:
        return _source(m.group("name"), m.group("verb"))
    m = SAID_TAG_RE.search(mask)
    if m:
        who = (m.group("who") or m.group("who2") or "").strip()
        verb = m.group("verb") or m.group("verb2")
        if m.group("who2") and not _CLAUSE_WORDS.isdisjoint(who.lower().split()):
            who = ""  # ", said the talks had failed": what was said, not who said it
        who = _LEADING_CONJUNCTION.sub("", who)
        if who and who.lower().replace("\u2019", "'") not in _PRONOUNS:
            return _source(who, verb)
    m = ACCORDING_RE.search(mask) or _ACCORDING_ANY.search(mask)
    if m:
        src = m.group("src").strip()
        return Source(src, f"according to {src}")
    return None

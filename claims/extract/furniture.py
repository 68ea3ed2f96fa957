"""Page furniture: headings, credits, bylines, link teasers and comment forms are not claims."""

from __future__ import annotations

import re

# Whole-line furniture found on news pages, whatever the site.
_FURNITURE_LINE = re.compile(
    r"""^(?:
        (?:read|see|watch|listen)\s+(?:more|also)\b.*        # "Read more: ..." teasers
      | related\b.*
      | about\s+the\s+authors?\b.*
      | leave\s+a\s+(?:reply|comment)\b.*
      | (?:your\s+)?email\s+address\s+will\s+not\s+be\s+published.*
      | required\s+fields\s+are\s+marked.*
      | (?:user\s+)?comments?\b.{0,20}
      | (?:\u00a9|\(c\)|copyright\b).*                        # copyright lines
      | all\s+rights\s+reserved.*
      | (?:photo|image|picture|video|credit|source|caption)s?\s*(?::|by\b).*
      | this\s+(?:graphic|infographic|chart|graph|map|photo(?:graph)?|image|picture|video)\b.{0,200}  # captions
      | (?:by|written\s+by|posted\s+by|reporting\s+by|editing\s+by)\s+(?-i:[A-Z][\w.'\u2019-]+(?:\s(?:[A-Z][\w.'\u2019-]+|and|&))*)\s*(?:[,|\u2014-].{0,60})?  # bylines
      | share\s+(?:this|on)\b.* | follow\s+us\b.* | sign\s+up\b.* | subscribe\b.*
      | advertisement | skip\s+to\b.* | click\s+here\b.*
      | this\s+document\s+is\s+subject\s+to\s+copyright.*
      | (?:updated|published|posted|last\s+modified)\b.{0,80}                  # timestamps
      | [A-Z][\w.'\u2019-]+(?:\s[A-Z][\w.'\u2019-]+){1,3}\s(?:is|was|has\s+been)\s(?:a|an|the)\s
        (?:[\w-]+\s){0,3}(?:reporter|journalist|correspondent|editor|writer|columnist|contributor|
        producer|intern|author)\b.*                                       # author boxes
      | [A-Z][\w.'\u2019-]+(?:\s[A-Z][\w.'\u2019-]+){1,3}\s(?:covers|writes\s+about|reports\s+on)\s.{0,80}  # "X covers schools for the Gazette."
      | .{0,100}\bcontributed\s+(?:to\s+(?:this|the)\s+(?:report|story|article)|reporting)\b.{0,60}  # "The AP contributed to this report."
      | (?=.{0,160}$).*\b[\w.+-]+@[\w-]+\.[\w.-]+\b.*                   # contact lines: "Reach her at lpike@... or 555-0148"
    )$""",
    re.I | re.X,
)
# "Gavriel Grigorov | Reuters", "AP Photo/Jane Doe", "Getty Images": photo credits.
_CREDIT = re.compile(
    r"^[^.!?|]{2,60}\s[|/]\s[^.!?|]{2,60}$|(?:getty\s+images|AP\s+photo|AFP|Reuters|dpa|picture[- ]alliance)\s*$",
    re.I,
)
_DATELINE = re.compile(
    r"^(?:(?:updated|published|posted)\s*:?\s*)?"
    r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?"
    r"(?:\d{1,2}\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(?:\d{1,2},?\s+)?\d{4}"
    r"(?:\s+(?:report|at\s+.*|\d.*))?$|^\d{1,4}[./-]\d{1,2}[./-]\d{1,4}$",
    re.I,
)
_STAMP = re.compile(r"^(?:updated|published|posted)\b.{0,80}$", re.I)
_BULLET = re.compile(r"^(?:[-*\u2022\u2013]|\d{1,2}[.)])\s+\S")
_TERMINAL = re.compile(r"[.!?\u2026][\"'\u201d\u2019)\]]*$|[\"\u201d]$")
#: A sentence ended inside the line, then a lead-in to a list: "Staff counted dead fish at 11 sites. The agency said:"
_LEAD_IN = re.compile(r"(?:[a-z]{3}|[0-9%])[.!?][\"'\u201d\u2019)\]]* +[A-Z\"\u201c].*:$")


def is_furniture(line: str) -> bool:
    """True for a line that is page furniture (credit, teaser, form text, copyright)."""
    s = line.strip()
    if not s:
        return True
    return bool(_FURNITURE_LINE.match(s) or len(s) < 90 and _CREDIT.search(s) or _DATELINE.match(s))


# "WASHINGTON, April 23, 2024 \u2014 ", "NEW YORK (Reuters) - ", "BOGOT\u00c1 (AP) - ": where and when a story was
# filed, before its first sentence. A city in capitals (accented ones too), perhaps a date and an agency, then a dash.
_DATELINE_LEAD = re.compile(
    r"[A-Z\u00c0-\u00de][A-Z\u00c0-\u00de.'-][A-Z\u00c0-\u00de.'\s-]{0,38}(?:,\s[^\u2014\u2013\n()]{1,40}?)?(?:\s?\([\w.\s]{1,20}\))?"
    r"\s*(?:\u2014|\u2013|--|\s-)\s+(?=\S)"
)
# "Indianapolis – Several thousand teachers ...": a city in title case, a dash, then a capital.
_TITLE_DATELINE = re.compile(r"[A-Z][a-z]+(?:\s[A-Z][a-z]+){0,2}\s(?:\u2014|\u2013)\s+(?=[A-Z])")


def past_dateline(text: str, s0: int, s1: int) -> int:
    """Where the sentence [s0, s1) starts once a dateline lead ("WASHINGTON (AP) \u2014 ") is skipped."""
    m = _DATELINE_LEAD.match(text, s0, s1) or _TITLE_DATELINE.match(text, s0, s1)
    return m.end() if m else s0


def is_dateline(line: str) -> bool:
    """True for a line that holds only a date, or a "Published/Updated ..." stamp."""
    s = line.strip()
    return bool(_DATELINE.match(s) or _STAMP.match(s))


def is_heading(line: str, *, single_block: bool) -> bool:
    """True for a heading: a line with no sentence-final punctuation (unless it is the whole text)."""
    if single_block:
        return False
    s = line.strip()
    if _BULLET.match(s):
        return False  # a list item ("- 450 species of crustaceans") states facts without a full stop
    return len(s) < 200 and not _TERMINAL.search(s) and not _LEAD_IN.search(s)

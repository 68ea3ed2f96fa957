"""Step 3 of extraction: claims from candidate units.

Decides which units are checkable facts, cuts each one's quote (the shortest verbatim
span that carries the whole fact), restates it so it stands alone, names its kind
and speaker, and normalises its figures and dates into ``values``.
"""

from __future__ import annotations

import bisect
import contextlib
import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from claims.extract import dates, score
from claims.extract.candidates import (
    BREAKS,
    COMPLEMENT_DEPS,
    COPULAS,
    DOCUMENTS,
    FIGURE_ENTS,
    FIGURE_WORDS,
    FORECASTS,
    HEDGE_ADV,
    HONORIFICS,
    MODALS,
    NEG_LEMMAS,
    NEG_WORDS,
    OPINION_LEMMAS,
    RECORD_WORDS,
    REPORT_LEMMAS,
    SUBJECTS,
    TITLES,
    Unit,
    according_to,
    after_break,
    animacy_settles,
    asserts,
    authored,
    columns,
    comma_before,
    entity_at,
    inside_word,
    is_aside,
    is_figure,
    is_negated,
    is_verbal,
    is_year,
    lemma_in,
    name_of,
    names_a_person,
    person_name,
    phrase_of_another,
    rankings,
    roles,
    source_name,
    sources,
    speaker_of,
    speaking_subject,
    speaks_as_person,
    subject,
    time_alone,
    to_infinitive,
    units,
)
from claims.extract.claim import Claim
from claims.extract.numbers import (
    CURRENCY_WORDS,
    MINUS_SIGNS,
    RATE_PERIODS,
    UNIT_SYMBOLS,
    is_currency_sign,
    is_scale_suffix,
    parse_number,
    quantity_values,
)
from claims.extract.patterns import wordset

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

_QUOTES = "\"\u201c\u201d\u2018\u2019'"
_FIRST_PERSON = wordset("i we you me us my our your")
_LEAD_DROP = frozenset({"cc", "punct", "mark", "preconj"})
_RELATIVE = wordset("which who whom that whose")
_KIND_ORDER = ("quantity", "date", "time", "duration", "record", "comparison")
_DURATION_UNITS = wordset(
    "second seconds minute minutes hour hours day days week weeks month months year years decade decades"
)
_AGE = re.compile(r"^(\d{1,3})[-\s]years?[-\s]old$")
_VAGUE_DATES = wordset("today tonight now recently currently once then time times")
#: "in any given week", "every year", "its annual forecast": how often, not when
_FREQUENCY = re.compile(r"(?i)(?:any|every|each)\s|(?:annual|annually|yearly|monthly|weekly|daily|quarterly)$")
_SMALL_WORDS = wordset("one two three four five six seven eight nine ten both")
MIN_CHARS = 12
MIN_AGE_CHARS = 9  # "He was 62": a person's age, said in few words
_SHORTEST = min(MIN_CHARS, MIN_AGE_CHARS)  # a sentence shorter than any claim holds none
_NOT_OP = {">": "<=", ">=": "<", "<": ">=", "<=": ">"}
_CONCESSIVE = wordset("though although despite whereas")
_NAMED = frozenset({"ORG", "GPE", "PERSON", "NORP", "FAC", "LOC", "LAW", "EVENT", "PRODUCT"})
_SHOW = frozenset({"show"})
_HAVE = frozenset({"have"})
_TELL = frozenset({"tell"})
_COMPLEMENTS = COMPLEMENT_DEPS | {"advcl"}
_EXAMPLES = frozenset({"including", "like", "such", "except", "excluding"})
_LABELS = wordset("call describe label dub brand term deem")
_ASK = wordset("ask know wonder")
_WH = wordset("what whether how why which who whom when where if")
_PERSONAL = wordset("he she they")
_NOT_RECORDS = wordset("latest")  # "his latest achievement": the newest, no record
_CONDITIONS = wordset("if unless until whether")
_HABITUAL = wordset("constantly often repeatedly always usually generally frequently sometimes")


class SentenceScore:
    """A sentence's check-worthiness probability, computed on first use (the classifier is the costly step)."""

    __slots__ = ("sentence", "doc", "_value")

    def __init__(self, sentence: str, doc: Doc | None = None) -> None:
        self.sentence = sentence
        self.doc = doc
        self._value: float | None = None

    @property
    def value(self) -> float:
        if self._value is None:
            self._value = score.sentence_score(self.sentence, self.doc)
        return self._value


class Context:
    """What the sentences of one article share: the reference date, the last speaker, one block or many."""

    def __init__(self, published: dt.date | None, single: bool) -> None:
        self.ref = published  # relative dates resolve against the nearest explicit date before them
        self.published = published
        self.single = single
        self.speaker: str | None = None
        self.sentence = 0  # the number of the sentence at hand
        self.speaker_at = -2  # the sentence the last speaker was named in
        self.surnames: set[str] = set()  # of the people named so far, as speakers or with a role
        self.block = -1  # where the paragraph of the sentence at hand starts
        # (paragraph, speaker) of the last quotation given a source: '"...," Carbajal told reporters. "We still
        # have 31 kilometres of perimeter that is active."' is Carbajal's too
        self.quoted_by: tuple[int, str] | None = None
        # A quotation's speaker, once a sentence gives its source: the sentences of the quotation before that
        # one take it too ('"One year below policy isn't a problem for us. Three years would be a
        # conversation," Rydell said.'), see ``quoted_speakers``
        self.quotation_speakers: dict[tuple[int, int], str] = {}
        # Whether a person named so far (by surname) is a "he" or a "she", where the text says: "Ms", "spokeswoman",
        # "Feld told council members that he ..."; and the people a "he" or "she" may be, the last one last
        self.genders: dict[str, str] = {}
        self.people: list[str] = []

    @property
    def person(self) -> str | None:
        """The last named speaker who is a person: whom "he" or "she" said most likely is."""
        return self.people[-1] if self.people else None

    def named(self, speaker: str) -> None:
        """``speaker`` is the last source named, in the sentence at hand."""
        self.speaker = speaker
        self.speaker_at = self.sentence

    def in_view(self, person: str) -> None:
        """``person`` is whom a later "he" or "she" most likely is."""
        self.surnames.add(person.split()[-1])
        self.people = [*self.people[-7:], person]

    def gender(self, person: str) -> str | None:
        """ "m" or "f" where the text has said, "?" where it said both, else None."""
        return self.genders.get(person.split()[-1])


def _text(doc: Doc) -> str:
    """The sentence's text, built once (``Doc.text`` joins every token on each call)."""
    text = doc.user_data.get("text")
    if text is None:
        text = doc.user_data["text"] = doc.text
    return text


def sentence_claims(doc: Doc, s0: int, ctx: Context, qspans: list[tuple[int, int]]) -> list[Claim]:
    """The claims of one parsed sentence starting at article offset ``s0``; ``qspans`` are its quotations."""
    sent_text = _text(doc)
    ctx.sentence += 1
    if sent_text.rstrip(" " + _QUOTES + ")").endswith("?") or len(sent_text.strip()) < _SHORTEST:
        return []
    quoted = _quoted_mask(len(sent_text), s0, qspans)
    prob = SentenceScore(sent_text, doc)
    if item := _list_item(doc):
        span = doc[item[0] : item[1]]
        kind, values = _kind(list(span), ctx)
        return [_claim(s0, doc, span.start_char, span.end_char, kind or "quantity", values, prob, None, span.text)]
    out: list[Claim] = []
    for sent in doc.sents:
        out += _claims_of(sent, s0, ctx, quoted, qspans, prob)
    if not out and ctx.single and sum(t.is_alpha for t in doc) >= 4 and prob.value >= 0.5:
        a, b = _trim_span(doc[:])
        if b > a:
            span = doc[a:b]
            out.append(
                _claim(
                    s0,
                    doc,
                    span.start_char,
                    span.end_char,
                    "event",
                    {"sentence_level": True},
                    prob,
                    None,
                    span.text,
                )
            )
    return out


def _list_item(doc: Doc) -> tuple[int, int] | None:
    """The tokens of a list item or a label line that states its fact without a finite verb: "- Lusaka: 82.4%
    (up from 80.1%)", "- Green 27 (+11)", "Distance from shore: about 22 miles", "- Best actor: Tomas Rieger,
    for "Low Water" (Austria)". The item as a whole is the fact (its parts alone say nothing: "up from 80.1%" of
    what?); a labelled list item needs no figure, a label line or a bare item does."""
    if len(doc) > 24 or ":" not in _text(doc) and doc[0].text not in _LIST_MARKS and not doc[0].like_num:
        return None  # (no label and no list mark: most sentences, and no Token built for their words)
    listed = doc[0].text in _LIST_MARKS or (doc[0].like_num and len(doc) > 1 and doc[1].text in (".", ")"))
    a, b = _trim_span(doc[:])
    labelled = any(t.text == ":" for t in doc[a : a + 6])
    if any(t.tag_ in _FINITE_TAGS for t in doc) and not (listed and labelled and _subjectless(doc)):
        return None  # ("- Haiti: $674 million requested, 14% funded": participles the tagger read as past tenses)
    while b < len(doc) and (doc[b].text not in _LIST_ENDS or listed and labelled and _figure_follows(doc, b)):
        b += 1  # "82.4%", "(+11)": a sign or a closing bracket stays; ", 14% funded": a second figure of the item
    if b - a < 2 or not any(t.is_alpha for t in doc[a:b]):
        return None
    figure = any(is_figure(t) or t.like_num and not is_year(t) for t in doc[a:b])
    verbless = not any(t.pos_ in ("VERB", "AUX") for t in doc)
    if listed and labelled or (listed or labelled) and figure and verbless:
        return a, b
    return None


_FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})


def _subjectless(doc: Doc) -> bool:
    """No subject after the label ("Haiti" before the colon may be read as one) but a figure: "14% | funded"."""
    colon = next(t.i for t in doc if t.text == ":")
    return not any(t.dep_ in ("nsubj", "nsubjpass", "expl") and not is_figure(t) for t in doc[colon:])


def _figure_follows(doc: Doc, comma: int) -> bool:
    """Whether a figure comes right after the comma at ``comma``: "$674 million requested, | 14% funded"."""
    return doc[comma].text == "," and comma + 1 < len(doc) and doc[comma + 1].ent_type_ in ("MONEY", "PERCENT")


_LIST_MARKS = frozenset({"-", "\u2022", "*", "\u2013", "\u2014", "\u25aa", "\u25cf"})
_LIST_ENDS = frozenset({".", ",", ";", ":", "!"})


def _whole_sentence_sourced(sent: Span, us: list[Unit]) -> None:
    """ "Two had received one of the two doses, and the status of the other two is unknown, according to the health
    department": an "according to X" or a source that reports ("..., the study found") that ends the sentence,
    set off by a comma, is the source of every clause and phrase of it that has none (the parse hangs it on the
    last clause only)."""
    last = max((t.i for t in sent if not t.is_punct), default=-1)
    source = next(
        (
            u
            for u in us
            if u.role == "attribution"
            and u.speaker
            # (to the end, or to a phrase that says who the source is: "according to the Alliance, an advocacy
            # group"; "..., the district's facilities study found": a source that reports at the end)
            and max(max(u.tokens), u.root.right_edge.i) >= last
            and (comma_before(u.root) or sent.doc[min(u.tokens) - 1].text == ",")
        ),
        None,
    )
    if source is None:
        source = _reporting_last(sent, us, last)
    if source is None:
        return
    for u in us:
        if u is source or u.speaker or u.verb is not None or u.role not in ("clause", "phrase", "noun"):
            continue
        if _reports_itself(u):
            continue
        if u.root.dep_ not in ("appos", "relcl"):  # (what a name is, "Camaná, a coastal town of 60,000", is no finding)
            u.speaker = source.speaker


def _forecaster(u: Unit) -> str | None:
    """Who forecasts in a clause whose verb is a forecast with what is forecast after it ("The institute expects
    spending to exceed €68bn", "The ERC forecasts that ...", "Orrin forecast revenue of $8.9 billion"): the named
    subject (a person, an organisation or "the institute", never a pronoun), or None."""
    root = u.root
    if u.role != "clause" or not lemma_in(root, FORECASTS) or root.tag_ not in ("VBZ", "VBP", "VBD"):
        return None
    if not any(c.dep_ in ("ccomp", "xcomp", "dobj") and c.i > root.i for c in root.children):
        return None
    subj = subject(root)
    if subj is None or subj.pos_ == "PRON":
        return None
    return source_name(subj) if (subj.pos_ == "PROPN" or subj.ent_type_ in ("ORG", "PERSON") or _body(subj)) else None


def _body(noun: Token) -> bool:
    """ "The institute", "the company", "the bank": an organisation the story has named, by what it is."""
    return noun.lower_ in _BODIES and any(c.dep_ == "det" and c.lower_ == "the" for c in noun.children)


_BODIES = wordset(
    "institute company bank agency government ministry department council authority board firm group union "
    "commission regulator office centre center association federation fund"
)


def _reports_itself(u: Unit) -> bool:
    """A clause in which a named party reports ("Orrin Systems reported revenue of $8.42 billion, ahead of the
    $8.25 billion analysts had expected, according to a consensus ..."): the article's own account of what the
    party reported; an "according to" at its end sources a phrase, not the report."""
    subj = subject(u.root) if lemma_in(u.root, REPORT_LEMMAS) else None
    return subj is not None and (subj.pos_ == "PROPN" or subj.ent_type_ in ("ORG", "PERSON"))


def _reporting_last(sent: Span, us: list[Unit], last: int) -> Unit | None:
    """A source that reports at the end of the sentence, after a comma, what came before it: "Birchfield is using
    52% of its capacity, and Orchard Lane is at 61%, the district's facilities study found" (the parse makes
    "found" a conjunct of the first clause and gives it the last as its content); with its speaker, or None.
    (Not ", and analysts said the move was overdue": what they said comes after.)"""
    doc = sent.doc
    for u in us:
        root = u.root
        if u.role != "clause" or not lemma_in(root, REPORT_LEMMAS) or max(u.tokens) < last:
            continue
        first = min(i for i in u.tokens if not doc[i].is_punct)
        if (
            first < 1
            or doc[first - 1].text != ","
            or not any(c.dep_ == "ccomp" and c.i < root.i for c in root.children)
        ):
            continue
        if any(c.dep_ in ("ccomp", "xcomp", "dobj") and c.i > root.i for c in root.children):
            continue  # ("..., money prosecutors said he spent on boats": they said what follows)
        u.speaker = u.speaker or speaker_of(root)
        return u if u.speaker else None
    return None


def _person_in_view(sent: Span, us: list[Unit], ctx: Context, quoted: list[bool]) -> None:
    """A person who acts as a sentence's subject after the last person who spoke in it is whom a later "he" or
    "she" most likely is: 'Owner Sal Benedetti was already doing the math. "Half my regulars work across the
    street," he said.' is Benedetti speaking, not the spokesman quoted three paragraphs before. So is a person
    the sentence opens on before its subject. A person named inside a quotation is someone the speaker talks
    about ('“Tom taught 140 students a year.' ... 'she said' is still the speaker)."""
    doc = sent.doc
    people = [e for e in sent.ents if e.label_ == "PERSON"]  # (from the entities and the subjects: no Token a word)
    nsubj = doc.vocab.strings["nsubj"]
    deps = columns(doc)["DEP"]
    subjects = [doc[i] for i in range(sent.start, sent.end) if deps[i] == nsubj]
    # (a name the recogniser missed is a person when a job is set off after it: "Ilse Vandermeer, director of
    # Safe Screens Europe, welcomed the fine")
    acting = [
        t
        for t in subjects
        if t.head.pos_ in ("VERB", "AUX")
        and (t.ent_type_ == "PERSON" or t.pos_ == "PROPN" and (_introduced(t) or _titled(t)))
        and not any(c.dep_ == "appos" and c.lower_ in _NOT_A_PERSON for c in t.rights)
    ]
    # (the name set off after a subject that says who she is: "Bell's mother, Tanya Bell, drives 40 minutes")
    acting += [
        c
        for t in subjects
        if t.pos_ == "NOUN" and t.head.pos_ in ("VERB", "AUX")
        for c in t.rights
        if c.dep_ == "appos" and c.ent_type_ == "PERSON"
    ]
    acting.sort(key=lambda t: t.i)
    if not acting:
        # a person introduced with who she is, wherever the sentence names her: "The best local finish came
        # from Anna Lindqvist, a 34-year-old intensive-care nurse, ..."
        acting = [e.root for e in people if _introduced(e.root)][:1]
    if not acting and people:
        # a person the sentence opens on, before its subject: "For Daniel Amsel-Weiss, 68, a great-grandson
        # of Ludwig Amsel, the sale was a practical decision"
        main = subject(sent.root)
        topic = people[0][0]
        if main is not None and topic.i < main.left_edge.i:
            acting = [topic]
    acting = [t for t in acting if not (t.idx < len(quoted) and quoted[t.idx])]
    if not acting:
        return
    spoke = [u.verb.i for u in us if u.verb is not None and u.speaker and speaks_as_person(u.verb)]
    last = acting[-1]
    if spoke and max(spoke) > last.i:
        return
    who = name_of(last)
    if who:
        ctx.in_view(who)  # (named so far: "Hendricks received $58,000, he said" is his word)


def quoted_speakers(claims: list[Claim], ctx: Context) -> list[Claim]:
    """The article's claims, each one inside a quotation whose source a later sentence gives taking that
    source as its speaker (a sentence-by-sentence reading gave them none: they read as the article's own)."""
    if not ctx.quotation_speakers:
        return claims
    spans = sorted(ctx.quotation_speakers)  # (quotations do not nest: the last one opened before a claim holds it)
    starts = [a for a, _ in spans]
    out = []
    for c in claims:
        if c.speaker is None and c.kind not in ("role", "attribution"):
            i = bisect.bisect_right(starts, c.start) - 1
            who = ctx.quotation_speakers[spans[i]] if i >= 0 and c.end <= spans[i][1] else None
            if who is not None:
                c = replace(c, speaker=who, reason=c.reason.replace(f"{c.kind};", f"{c.kind}, attributed to {who};", 1))
        out.append(c)
    return out


def _quotation_goes_on(us: list[Unit], in_speech: bool, qspans: list[tuple[int, int]], ctx: Context) -> None:
    """A quoted sentence with no source of its own, in the paragraph of a quotation that has one, goes on
    with the same speaker: '"The wind changed twice," Carbajal told reporters. "We still have 31 kilometres
    of perimeter that is active."' (without a speaker its claims would read as the article's own)."""
    said = next((u.speaker for u in us if u.verb is not None and u.speaker and u.speech), None)
    if said:  # (a quotation given its source, however long the source's part of the sentence)
        ctx.quoted_by = (ctx.block, said)
        for span in qspans:
            ctx.quotation_speakers.setdefault(span, said)
    elif (
        in_speech
        and ctx.quoted_by is not None
        and ctx.quoted_by[0] == ctx.block
        and not any(u.verb is not None for u in us)
    ):
        for u in us:
            if u.speech and not u.speaker and u.role != "role":
                u.speaker = ctx.quoted_by[1]


def _quotation_read_into_its_source(sent: Span, s0: int, out: list[Claim], prob: SentenceScore) -> list[Claim]:
    """A quotation before its source that the parser read as part of the source's subject ('"Patients on the
    drug spent 3.1 fewer days in hospital," Dr. Helena Marsh ... told reporters' parsed "Patients" as the
    subject of "told"): a claim whose quote runs past the closing ',"' into the source is cut there and given
    the source as its speaker; what is left too short to stand is dropped."""
    root = sent.root
    doc = sent.doc
    if not lemma_in(root, REPORT_LEMMAS):
        return out
    # (the source is the subject after the quotation; the parser may give the verb a second one inside it)
    subj = next((c for c in reversed(list(root.lefts)) if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None or subj.left_edge.i < sent.start + 3:
        return out
    first = subj.left_edge.i
    close, comma = doc[first - 1], doc[first - 2]
    if close.text not in ('"', "\u201d") or comma.text not in (",", "."):
        return out
    base = doc[0].idx
    cut = comma.idx - base  # the quotation's end in the sentence, before its comma
    kept: list[Claim] = []
    for c in out:
        a, b = c.start - s0, c.end - s0
        if c.kind in ("role", "attribution") or c.speaker or not a < cut < b or b <= root.idx - base:
            kept.append(c)
            continue
        words = _text(doc)[a:cut].split()
        if len(words) >= 3 and cut - a >= MIN_CHARS:
            quote = _text(doc)[a:cut]
            kept.append(_claim(s0, doc, a, cut, c.kind, c.values, prob, speaker_of(root), quote))
            continue
        # The quotation too short to stand ('OUT," Noem tweeted Monday night'): the source's part, when the
        # claim's date or figure is there ("Noem tweeted Monday night").
        src = doc[first].idx - base
        expression = str(c.values.get("expression") or "")
        if expression and expression in _text(doc)[src:b]:
            kept.append(_claim(s0, doc, src, b, c.kind, c.values, prob, speaker_of(root), _text(doc)[src:b]))
    return kept


def _titled(name: Token) -> bool:
    """A name with a person's title before it, whatever the recogniser took it for ("Councilwoman Theresa
    Vukovich", read as an organisation)."""
    return any(t.lower_ in _GENDERED or t.lower_ in TITLES for t in name.lefts if t.dep_ == "compound")


#: What a name set off with one of these is, the recogniser's PERSON notwithstanding: "Bregen, a town of about
#: 14,000 people" is no one a later "she" can be.
_NOT_A_PERSON = wordset(
    "town city village county country region district municipality state province suburb island port capital "
    "company firm group agency business brand chain charity band team club party river valley"
)


def _introduced(name: Token) -> bool:
    """A name with who the person is set off after it: a description ("Anna Lindqvist, a 34-year-old nurse at
    St. Brendan's") or a relative clause ("Tomas Rydell, who ..."); for a name the recogniser did not take for
    a person's, a job ("Ilse Vandermeer, director of ...", not "Acme, the chip maker")."""
    person = name.ent_type_ == "PERSON"
    return any(
        c.dep_ == "appos"
        and c.lower_ not in _NOT_A_PERSON
        and (names_a_person(c) or person and c.pos_ == "NOUN")
        or person
        and c.dep_ == "relcl"
        and comma_before(c)
        for c in name.rights
    )


def _quoted_mask(n: int, s0: int, qspans: list[tuple[int, int]]) -> list[bool]:
    """Per character of the sentence: inside a quotation (the spans may open in an earlier sentence)."""
    mask = [False] * n
    for a, b in qspans:
        lo, hi = max(a - s0, 0), min(b - s0, n)
        if lo < hi:
            mask[lo:hi] = [True] * (hi - lo)
    return mask


def _claims_of(
    sent: Span, s0: int, ctx: Context, quoted: list[bool], qspans: list[tuple[int, int]], prob: SentenceScore
) -> list[Claim]:
    doc = sent.doc
    us = units(sent)
    people = roles(sent)
    ctx.surnames.update(r.speaker.split()[-1] for r in people if r.speaker)
    _learn_genders(sent, ctx, quoted)
    owner = {i: u for u in us for i in u.tokens}
    # Speakers: a reporting verb's subject for its content clause; "according to X" for the clause holding it.
    sourced_by: set[int] = set()  # the units "according to X" gives a source
    for u in us:
        if u.verb is not None:
            who = speaker_of(u.verb)
            subj = subject(u.verb)
            if who is None and subj is not None and subj.lower_ in _RELATIVE and u.verb.dep_ == "relcl":
                said_by = u.verb.head  # "lawmakers who said ...": the lawmakers
                if said_by.dep_ == "appos" and said_by.pos_ == "NOUN" and said_by.head.ent_type_ in ("ORG", "PERSON"):
                    said_by = said_by.head  # "the PSC Patient Alliance, a nonprofit that says ...": the Alliance
                who = name_of(said_by)
            elif who is None and subj is not None and subj.lower_ == "it" and u.verb.dep_ == "relcl":
                # "The Taliban claimed ... the helicopter, which it said crashed in Logar": the main subject
                main = subject(sent.root)
                who = name_of(main) if main is not None and main.pos_ in ("NOUN", "PROPN") else None
            elif who is None:
                who = _pronoun_source(u.verb, ctx)
            u.speaker = who
            if who:
                ctx.named(who)
                if speaks_as_person(u.verb) or who in ctx.surnames:  # ("Oyelaran said": named as a person before)
                    ctx.in_view(who)
        elif _as_reported(u):
            host = owner.get(u.root.head.i)
            if host is not None and not host.speaker:
                # ("Three of her attorneys left ..., she said, and ...": whom "she" stands for, as above)
                host.speaker = speaker_of(u.root) or _pronoun_source(u.root, ctx)
                if host.speaker:
                    ctx.named(host.speaker)
                    sourced_by.add(id(host))  # as "according to X": what is cut from the clause is sourced too
        elif (forecaster := _forecaster(u)) is not None:
            u.speaker = forecaster  # "The institute expects spending to exceed €68bn": the institute's forecast
        elif u.role == "attribution":
            u.speaker = according_to(u)
            if u.speaker:  # "This, according to Della, does nothing ... ," he said": Della
                ctx.named(u.speaker)
                if any(doc[i].ent_type_ == "PERSON" for i in u.tokens) or u.speaker.split()[-1] in ctx.surnames:
                    ctx.in_view(u.speaker)  # (a surname named before: "Tahir Della" ... "according to Della")
            host = owner.get(u.root.head.i)
            if host is not None and u.speaker and not (_reports_itself(host) and u.root.i > host.root.i):
                host.speaker = host.speaker or u.speaker
                sourced_by.add(id(host))
    _person_in_view(sent, us, ctx, quoted)
    _whole_sentence_sourced(sent, us)
    for u in us:  # a figure split off a reported clause is reported too
        host = owner.get(u.root.head.i)
        if (
            u.role == "phrase"
            and not u.speaker
            and host is not None
            and host is not u
            and (host.verb is not None or host.speaker or id(host) in sourced_by)
        ):  # (and a phrase split off such a figure or any clause with a source: units come parent first)
            u.speaker = host.speaker
        elif u.root.dep_ == "conj" and u.verb is None and host is not None and host is not u and host.verb is not None:
            u.speaker, u.verb = host.speaker, host.verb  # "says that X and that Y": Y is reported too
        elif (
            u.root.dep_ == "advcl"
            and not u.speaker
            and host is not None
            and host is not u
            and (host.verb is not None or id(host) in sourced_by)
        ):
            # "said exports rose 5%, while imports fell 2%": the whole content is reported (and the whole of what
            # "according to X" reports: "the truck was traveling at 78 mph when it hit the bicycle")
            u.speaker = host.speaker
    in_speech = _mostly_quoted(doc, range(sent.start, sent.end), quoted)
    for u in us:
        u.speech = _mostly_quoted(doc, u.tokens, quoted)
        u.own_words = u.speech and u.verb is not None and not _mostly_quoted(doc, [u.verb.i], quoted)
    _quotation_goes_on(us, in_speech, qspans, ctx)
    reporting = {u.verb.i for u in us if u.verb is not None}
    role_tokens = set().union(*(r.tokens for r in people)) if people else set()
    out: list[Claim] = []
    attributions = [u for u in us if u.role == "attribution"]
    sourced = set().union(*(u.tokens for u in attributions))
    for r in people:
        if r.tokens <= sourced:
            continue  # "according to Sui-Lee Wee of the New York Times": the attribution names her and her paper
        # (an "according to X" the parser hung inside the role is no part of it: "According to the club, its
        # coach, Xavier Puig, ...")
        a, b = _edges(doc, r.tokens.difference(*(u.tokens for u in attributions if u.root.i in r.tokens)))
        if b - a >= MIN_CHARS:
            name = _as_written(doc, r.speaker or "")
            rest = _text(doc)[a:b].replace(name, "", 1).strip(" ,") if name else ""
            rest = _tidy(_HONORIFIC.sub("", rest)).strip(
                " ,"
            )  # "lead author , an epidemiologist" -> "lead author, an ..."
            if rest.startswith("of "):
                rest = "with " + rest[3:]  # "Robin Biesbroek of the CDF": Robin Biesbroek is with the CDF
            if (lone := _LONE_RANK.match(rest)) is not None:
                rest = rest[lone.end() :]  # "Gen. Mark Milley, chairman of X": Mark Milley is chairman of X
            at = rest.find("who ")
            if name and at >= 0 and (at == 0 or rest[:at].rstrip().endswith(",")):
                text = f"{name} {rest[at + 4 :]}"  # "Jesper Holm Nielsen, who heads port state control at X"
            else:
                text = f"{name} is {_lower_first(rest)}" if name and rest else _text(doc)[a:b]
            # Who the role is of is what the claim is about, not who says it (the article does, or the source
            # of the words it sits in): "Said by Fiona Gallacher" beside "Agriculture Minister Fiona Gallacher"
            # would tell the editor she said it.
            within = owner.get(r.root.i)
            source = within.speaker if within is not None and within.speaker != r.speaker else None
            out.append(_claim(s0, doc, a, b, "role", {"subject": r.speaker} if r.speaker else {}, prob, source, text))
    taken = {c.quote for c in out}
    text = _text(doc)
    attributed = [text[x:y] for x, y in (_edges(doc, u.tokens) for u in attributions)]
    for src in sources(sent):
        a, b = _edges(doc, src.tokens)
        if text[a:b] not in taken and not any(text[a:b] in span for span in attributed):
            out.append(_claim(s0, doc, a, b, "attribution", {}, prob, src.speaker, text[a:b]))
    for rank, sup in rankings(sent):
        host = owner.get(rank.root.i)
        if host is not None and host.root == rank.root:
            continue  # a unit of its own already ("the world's largest airliner" set off by commas)
        a, b = _edges(doc, rank.tokens)
        out.append(
            _claim(s0, doc, a, b, "record", {"expression": sup.text}, prob, host.speaker if host else None, text[a:b])
        )
    # A figure or a phrase cut from a clause that states nothing alone ("within a half-mile of the site")
    # goes back to it, last cut first: the clause's quote keeps it instead of stopping short.
    # So does a "when", "after" or "because" clause with nothing of its own to check: "A 62-year-old man died |
    # after a tree fell on his car" states one event, and the clause alone is no claim.
    cut: dict[int, Claim | None] = {}
    for u in reversed(us):
        host = u.host or _circumstance_of(u, owner, reporting) or _name_of_whom(u, owner)
        if host is not None:
            cut[id(u)] = claim = _fact(ctx, s0, doc, u, [doc[i] for i in sorted(u.tokens)], quoted, in_speech, prob)
            if claim is None:
                host.tokens |= u.tokens
    for u in us:
        if id(u) in cut:
            if (claim := cut[id(u)]) is not None:
                out.append(claim)
            continue
        if u.role == "attribution":
            if u.speaker:
                a, b = _edges(doc, u.tokens)
                out.append(_claim(s0, doc, a, b, "attribution", {}, prob, u.speaker, _text(doc)[a:b]))
            continue
        if u.root.i in reporting:
            claim = _attribution_clause(ctx, s0, doc, u, us, role_tokens, prob)
            if claim is not None:
                out.append(claim)
            continue
        if _as_reported(u):  # "As Emily Feng reports for NPR, ...": the source of the clause it qualifies
            who = speaker_of(u.root)
            subj = subject(u.root)
            keep = sorted(i for i in u.tokens if not doc[i].is_punct)
            # ("..., McKinley said, ...": see _bare_name; "..., a spokeswoman said": see _nameless)
            if who and not _bare_name(subj, ctx.surnames) and not _nameless(doc, keep, u.root, subj):
                a, b = _edges(doc, u.tokens)
                out.append(_claim(s0, doc, a, b, "attribution", {}, prob, who, _text(doc)[a:b]))
            continue
        if u.role == "phrase" and u.root.dep_ == "appos" and u.root.head.ent_type_ == "PERSON":
            continue  # a person's role: taken above
        toks = [doc[i] for i in sorted(u.tokens)]
        claim = _fact(ctx, s0, doc, u, toks, quoted, in_speech, prob)
        if claim is not None and claim.kind in ("event", "quote") and reporting & u.tokens:
            continue  # "prompted some users to argue": the content went to a claim of its own, a fragment stays
        if claim is not None:
            out.append(claim)
    # A source the quote of its content holds ("NASA announced Nov. 18 that it was adding ...") is no claim apart.
    out = _quotation_read_into_its_source(sent, s0, out, prob)
    held = [(c.start, c.end) for c in out if c.kind != "attribution"]
    out = [c for c in out if c.kind != "attribution" or not any(x == c.start and c.end < y for x, y in held)]
    # "Police Chief Angela Ruiz, who took over the department in January": the role is quoted with what the
    # relative clause says of her, once
    said_of = [(c.start, c.end) for c in out if c.kind != "role"]
    return [
        c
        for c in out
        if c.kind != "role" or not any(x == c.start and c.end < y and _who_next(doc, c.end - s0) for x, y in said_of)
    ]


def _who_next(doc: Doc, end: int) -> bool:
    """Whether a relative clause on the person follows a role ending at character ``end``, one that says what
    the person did (not "David Mensah, who said the repairs cost $214 million": what he said is his)."""
    after = [t for t in doc if t.idx >= end and not t.is_punct][:2]
    return len(after) == 2 and after[0].lower_ == "who" and not lemma_in(after[1], REPORT_LEMMAS)


_CIRCUMSTANCES = wordset("when after before because once")


def _name_of_whom(u: Unit, owner: dict[int, Unit]) -> Unit | None:
    """The clause a bare name set off after its noun belongs to: "the first agreement signed by ... the rebels'
    leader, | Ibrahim Saleh" (the quote names who, instead of stopping at "leader")."""
    root, doc = u.root, u.root.doc
    if u.role != "phrase" or root.dep_ != "appos" or root.ent_type_ != "PERSON" or root.head.dep_ in SUBJECTS:
        return None  # (a subject's name is a role of its own: "Her campaign manager, Patti Doyle, went to")
    if not all(doc[i].ent_type_ == "PERSON" or doc[i].is_punct for i in u.tokens):
        return None
    host = owner.get(root.head.i)
    return host if host is not None and host is not u and host.role == "clause" else None


def _circumstance_of(u: Unit, owner: dict[int, Unit], reporting: set[int]) -> Unit | None:
    """The clause a "when", "after" or "because" clause ``u`` tells the circumstance of, or None."""
    root = u.root
    if u.role != "clause" or root.dep_ != "advcl" or u.verb is not None or root.i in reporting:
        return None
    if not any(c.dep_ == "mark" and c.lower_ in _CIRCUMSTANCES for c in root.children):
        return None
    host = owner.get(root.head.i)
    return host if host is not None and host is not u and host.role == "clause" else None


def _as_reported(u: Unit) -> bool:
    """ "As X reports", "X reported" set in a sentence whose content is its main clause."""
    root = u.root
    if not lemma_in(root, REPORT_LEMMAS) or u.verb is not None or root.dep_ not in ("advcl", "parataxis"):
        return False
    if any(
        c.dep_ in ("ccomp", "dobj", "xcomp", "attr") or c.dep_ == "prep" and c.lower_ in ("of", "about", "on")
        for c in root.children
    ):
        return False  # "as forecasters warned of gusts up to 70 mph" states a fact of its own ("as X reports for NPR" frames)
    mark = next((c.lower_ for c in root.children if c.dep_ == "mark"), None)
    return mark == "as" or mark is None and root.dep_ == "parataxis"


def _mostly_quoted(doc: Doc, ids: Iterable[int], quoted: list[bool]) -> bool:
    """Whether most of the words among the tokens ``ids`` of ``doc`` stand inside quotation marks
    (read from an array of offsets and punctuation flags: no ``Token`` built)."""
    cols = columns(doc)
    offsets, punct = cols["IDX"], cols["IS_PUNCT"]
    base = offsets[0] if offsets else 0
    words = [offsets[i] - base for i in ids if not punct[i]]
    inside = sum(quoted[x] for x in words if x < len(quoted))
    return inside * 2 > len(words)


def _attribution_clause(
    ctx: Context, s0: int, doc: Doc, u: Unit, us: list[Unit], role_tokens: set[int], prob: SentenceScore
) -> Claim | None:
    """ "The ministry said" as a claim of its own, when it names a source and says nothing else."""
    content = next(x for x in us if x.verb is not None and x.verb.i == u.root.i)
    who = content.speaker
    subj = subject(u.root)
    if not who or subj is None or subj.pos_ == "PRON":
        return None
    if u.root.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ != "as" for c in u.root.children):
        return None  # "when authorities announced", "though officials say": the content is the claim
    documented = any(doc[i].ent_type_ == "DATE" or doc[i].lower_ in DOCUMENTS for i in u.tokens if i > u.root.i)
    if _bare_name(subj, ctx.surnames) and not documented or lemma_in(u.root, _SHOW) and not authored(subj):
        # "McDowell said": a surname adds nothing an editor checks ("Keystone said in a statement Feb. 12" does);
        # "the data show": nor does a document no one is named as the maker of ("figures released by UNHCR show" is)
        return None
    if lemma_in(u.root, _STANCE):
        return None  # "Some trustees had argued", "aid workers warned": a stance taken, the content is the claim
    if any(t.i in role_tokens for t in subj.subtree) or subj.ent_type_ == "PERSON" and not documented:
        return None  # "InfoNation President Dan McDowell said": the person's role is the claim, not the saying
    framed = any(c.dep_ == "mark" and c.lower_ == "that" for c in content.root.children)
    if content.speech and not framed or subj.lower_ in ("statement", "release", "post", "tweet"):
        return None  # '"...," the statement said': the quotation's source, no fact of its own
    keep = sorted(i for i in u.tokens if doc[i].dep_ not in ("punct",) and not doc[i].is_quote)
    if lemma_in(u.root, _SHOW):  # the document with its maker, whatever unit the participle went to
        keep = sorted({*keep, *(t.i for t in subj.subtree if not t.is_punct)})
    if not keep or len(keep) > 14:
        return None
    if any(x.root.dep_ == "relcl" and x.root.head.i == subj.i for x in us):
        # "Officials | who inspected 40 bridges | said", "The Haulage Forum, | which represents about 7,000
        # hauliers, | said": the source's own fact is the claim (the saying would quote it again)
        return None
    a, b = _edges(doc, set(keep))
    if b - a < 8:
        return None
    if _nameless(doc, keep, u.root, subj):
        return None  # "police said", "the company said", "analysts estimated": a source no one can look up
    return _claim(s0, doc, a, b, "attribution", {}, prob, who, _text(doc)[a:b])


#: Documents that report (a bare "The study found" names one an editor can look up).
_WRITTEN = wordset("study report survey audit analysis poll review paper")

#: A reporting verb that, with nothing said after it, is an act: conceding a race.
_CONCEDE = wordset("concede")

#: Reporting verbs that can also name an answer given or not ("responded to a request for comment").
_ANSWER = wordset("respond reply answer")

#: Reporting verbs that take a stance rather than report: who argued or warned is no source of a fact.
_STANCE = wordset("argue contend insist warn claim admit concede note maintain")


def _of_itself(u: Unit) -> Token | None:
    """The named source before a reporting verb whose content speaks of the source itself ("NASA announced Nov. 18
    that it was adding five companies"): "it" alone says nothing, so the quote starts at the source."""
    verb = u.verb
    if verb is None or u.own_words or verb.i > u.root.i or u.root.head.i != verb.i:
        return None
    subj, source = subject(u.root), subject(verb)
    if subj is None or subj.lower_ not in ("it", "they") or source is None or source.pos_ not in ("NOUN", "PROPN"):
        return None
    return source if u.root.i - source.left_edge.i <= 16 else None


def _nameless(doc: Doc, keep: list[int], verb: Token, subj: Token | None) -> bool:
    """A source with no name that says nothing of when, where or to whom it said it: "police said", "the
    company said", "a spokeswoman said", "analysts estimated" (a document, "The study found", has one)."""
    return (
        subj is not None
        and len(keep) <= 3
        and keep[-1] == verb.i
        and not any(doc[i].pos_ == "PROPN" or doc[i].ent_type_ for i in keep)
        and subj.lower_ not in _WRITTEN
    )


def _bare_name(subj: Token | None, surnames: set[str]) -> bool:
    """A one-word name as the subject of "said" ("McDowell said", "Dr Pryce said"): it adds nothing an
    editor checks. The small model tags a surname it does not know as a noun ("Keeling said"): one of a
    person named before is a name too."""
    if subj is None or not subj.text[:1].isupper():
        return False
    # (a hyphenated surname is one name: "Anand-Cole said")
    joined = {i for t in subj.subtree if inside_word(t) for i in (t.i - 1, t.i, t.i + 1)}
    if not all(t.lower_ in HONORIFICS or t.i in joined for t in subj.subtree if t.i != subj.i):
        return False
    return subj.pos_ == "PROPN" or subj.text in surnames


def _fact(
    ctx: Context,
    s0: int,
    doc: Doc,
    u: Unit,
    toks: list[Token],
    quoted: list[bool],
    in_speech: bool,
    prob: SentenceScore,
) -> Claim | None:
    """The claim of a clause or phrase unit, when it states a checkable fact."""
    words = [t for t in toks if not t.is_punct]
    if len(words) < 3 or sum(t.is_alpha for t in words) < 2:
        return None
    if u.root.dep_ == "relcl" and _ANONYMITY.search(" ".join(t.lower_ for t in words)):
        return None  # "officials, who spoke on condition of anonymity because ...": why they are not named
    a, b = _quote_span(doc, u, toks)
    base = doc[0].idx
    if (source := _of_itself(u)) is not None:  # "Health Canada said late Monday that | it was reviewing the recall"
        a = min(a, source.left_edge.idx - base)
    # Kind and values from what the quote shows: a figure of the unit left out of a quote cut around
    # an aside ("will close by the end of next year" of "..., putting 600 jobs at risk") is not its value.
    shown = [t for t in toks if a <= t.idx - base < b]
    kind, values = _kind(shown or toks, ctx)
    root = u.root
    if u.role == "phrase" and root.lower_ in _EXAMPLES and kind in (None, "date", "time"):
        return None  # "including one last month": an example, no fact of its own
    if kind in ("record", "comparison") and _labelled(root):
        return None  # "called the extension the region's most important transit project": a judgement
    subj = _subject_of(root)
    if u.speaker is None and _scene(root, subj):
        return None  # "Inside, Sadek is pressing dough", "It is a little after 11 on a Tuesday night": a scene
    withheld = _withheld(root, subj)
    if kind is None and u.hedge and not withheld:
        # a forecast, a possibility, an opinion: not checkable (with a figure it stays, marked); not what a
        # source did not say ("did not say how many jobs would be replaced")
        return None
    wishes = [
        t
        for t in toks
        if lemma_in(t, OPINION_LEMMAS)
        and any(c.dep_ in ("ccomp", "xcomp") for c in t.children)
        and not _describes_a_noun(t, root)
    ]
    if any(c.dep_ == "ccomp" for t in wishes for c in t.children) or wishes and kind is None:
        return None  # "hopes that ...", "thinks ...": an opinion or a wish, whatever figure it holds
    if wishes:  # "wants to raise efficiency from 20% to 24%": a stated target, marked as one
        u.hedge = u.hedge or wishes[0].text
    first_person = subj is not None and subj.lower_ in _FIRST_PERSON
    speech = u.speech
    if (
        kind is None
        and u.role == "noun"
        and _by_someone_named(root)
        and (comma_before(root) or root.head.dep_ == "dobj")
    ):
        # (not one that says which group did it: "A group of seven banks led by Banco Sur provided ...")
        kind = "event"  # "The 6:12 p.m. service from Castleford, | operated by Meridian Regional Rail": who runs it
    if kind is None:
        if _says(root) and not withheld or not _is_event(u, subj, speech=speech or in_speech):
            return None
        if (
            root.dep_ == "advcl"
            and any(c.dep_ == "mark" for c in root.children)
            and not (subj is not None and any(t.ent_type_ in _NAMED or t.pos_ == "PROPN" for t in subj.subtree))
        ):
            # "because time had run out", "after the laws were enacted": the circumstance of the main fact, with
            # no figure, date, record or named actor of its own, is no claim alone ("after rookie driver Ivo
            # Lund hit her car" is)
            return None
        # (not "which it said crashed in Logar": a relative pronoun asks nothing)
        asked = [t for t in toks if t.dep_ == "ccomp" and t.left_edge.lower_ in _WH and t.head.dep_ != "relcl"]
        if any(lemma_in(t.head, REPORT_LEMMAS) or lemma_in(t.head, _ASK) for t in asked) and not withheld:
            # "declined to say what discount it received": a question, not a fact ("The company did not say how
            # many jobs would be replaced": that it did not is one)
            return None
        if speech or in_speech or first_person:
            # A quotation states a checkable fact when it reports an action with a named party:
            # '"We have received an inquiry from the office of the attorney general," she said.'
            if not any(t.ent_type_ in _NAMED or t.pos_ == "PROPN" for t in toks) and not withheld:
                return None  # ("preliminary reports do not indicate it was caused by enemy fire" asserts one)
            kind = "quote"
        else:
            kind = "event"
    elif (
        (speech or first_person)
        and kind not in ("quantity", "date", "duration", "time")
        and not _reported(u)
        and not (speech and _counted_record(shown))
    ):
        return None  # a record or a comparison in someone's own words is an opinion, unless a source reports it as fact
    if b - a < (MIN_AGE_CHARS if values.get("unit") == "years old" or _predicate(shown, root) else MIN_CHARS):
        return None
    if (
        u.hedge
        and u.hedge.lower() in MODALS
        and any(t.dep_ == "advmod" and t.lower_ in _GUESSES and t.head.i == root.i for t in shown)
    ):
        return None  # "could eventually generate sales of more than $3 billion", "would likely narrow": a guess
    if kind in ("date", "time", "duration") and time_alone(shown):
        return None  # "in recent years", "back in 2006", "for a minute": a time alone, of no fact, is no claim
    if (
        kind in ("date", "duration")
        and speech
        and not _reported(u)
        and _vague_time([t for t in shown if t.ent_type_ in ("DATE", "TIME")])
    ):
        return None  # '"We had a bad summer," said the chief': a time no one can look up, in someone's own words
    if (
        kind in ("date", "duration")
        and u.hedge
        and (u.hedge.lower() in MODALS or lemma_in(u.root, FORECASTS) or u.hedge.lower() in ("expected", "likely"))
        and _vague_time([t for t in shown if t.ent_type_ in ("DATE", "TIME")])
    ):
        # "the outbreak could continue for several more weeks", "expects inflation to ease later this year":
        # a forecast put at no date one can hold it to ("could begin in 2022", "is due next Tuesday" can be)
        return None
    if u.negated and not _bound_only(doc, u):
        values["negated"] = True
        if (
            "op" in values
            and any(c.dep_ == "neg" for c in root.children)
            and not str(values.get("expression", "")).lower().startswith(("no ", "not "))  # "not less than": its own
            and _figure_of_the_clause(shown or toks, str(values.get("expression", "")), root)
        ):
            values["op"] = _NOT_OP.get(values["op"], values["op"])  # "did not spend more than $5m": at most $5m
    if u.hedge:
        values["hedge"] = u.hedge
    text = _restate(doc, u, toks)
    if _STRANDED.search(text) is not None:
        # 'Forsyth, 34 " from a flat, got six years', 'beat the forecast and " the previous top debut': the
        # words a quotation mark closed went with a clause taken out, and the rest may say something else
        text = _as_a_whole(doc)
    return _claim(s0, doc, a, b, kind, values, prob, u.speaker, text)


_WHEN_WORDS = wordset("when after before while as")
_ANONYMITY = re.compile(
    r"\bcondition of anonymity\b|\b(?:asked|declined|requested) not to be (?:named|identified)\b"
    r"|\bwere not authori[sz]ed to\b|\bwas not authori[sz]ed to\b"
)
_BOUNDS = wordset("more less fewer earlier later sooner longer greater higher lower")


#: Words that open a feature's scene in the present: "Inside, ...", "Back at the kitchen table, ...".
_SCENE_OPENERS = wordset("inside outside upstairs downstairs nearby overhead back")


def _scene(root: Token, subj: Token | None) -> bool:
    """A feature's scene told in the present, no fact to check: a clause in the present after a word that sets
    the scene ("Inside, Mira Sadek is pressing her knuckles into the dough", "Back in the studio, she picks up the
    sketch", "Outside, the tide is coming in"), or the time of the scene ("It is 4.40 on a Thursday morning",
    "Back at the kitchen table, it is 1.20am"). News tells what happened in the past; its present is what holds
    ("The plant employs 640 people"), which no such opening sets."""
    doc, first = root.doc, root.sent[0]
    timed = subj is not None and subj.lower_ == "it" and root.lemma_ == "be"
    if not timed and first.lower_ not in _SCENE_OPENERS:
        return False  # (most clauses: no tense read)
    auxes = [c for c in root.children if c.dep_ in ("aux", "auxpass")]
    present = (root.tag_ in ("VBZ", "VBP") and not auxes) or (
        root.tag_ in ("VBG", "VBN") and any(a.tag_ in ("VBZ", "VBP") for a in auxes)
    )
    if not present:
        return False
    if timed:
        # "It is 4.40 on a Thursday morning", "it is a little after 11 on a wet Tuesday night" (not "It is the
        # first album to top 600,000 units": what it is, a noun)
        said = [c for c in root.children if c.i > root.i and c.dep_ not in ("punct", "advmod")]
        head = said[0] if said else None
        return (
            head is not None
            and not (head.pos_ in ("NOUN", "PROPN") and head.ent_type_ != "TIME")  # ("It is 12 years since")
            and any(_clock_time(t, root) for t in doc[root.i + 1 : root.i + 6])
        )
    if first.i + 1 >= len(doc):
        return False
    after = doc[first.i + 1]
    # ("Inside, ..."; "Back at the kitchen table, ...": the place named, then the comma)
    opened = after.text == "," or first.lower_ == "back" and after.lower_ in ("at", "in", "on", "home", "inside")
    return opened and first.i < root.i


def _clock_time(t: Token, root: Token) -> bool:
    """A time of day the copula ``root`` says it is: "4.40", "1.20am", "after | 11" (not "5% higher")."""
    if t.ent_type_ == "TIME":
        return True
    if _CLOCK_FIGURE.fullmatch(t.text) is not None:
        return t.dep_ == "attr" and t.head.i == root.i  # "It is 4.40" (not "It's one of the reasons")
    return t.text.isdigit() and 1 <= int(t.text) <= 12 and t.dep_ == "pobj" and t.head.lower_ in _NEAR_A_TIME


_CLOCK_FIGURE = re.compile(r"\d{1,2}[.:][0-5]\d(?:[ap]\.?m\.?)?")
_NEAR_A_TIME = wordset("after before past around gone")


def _figure_of_the_clause(toks: list[Token], expression: str, verb: Token) -> bool:
    """Whether the figure ``expression`` names is in the clause of ``verb`` (not in another the unit holds: "did not
    disclose the names of the pilots, but said the captain had more than 12,000 flying hours")."""
    figure = next((t for t in toks if t.like_num and t.text in expression), None)
    return figure is None or _clause_verb(figure).i == verb.i


def _bound_only(doc: Doc, u: Unit) -> bool:
    """Whether the unit's only negation is a bound, "no more than $40", "no earlier than March 3": a limit the
    figure states (its "op"), not a denial."""
    negs = [i for i in u.tokens if doc[i].lower_ in NEG_WORDS or doc[i].dep_ == "neg" or lemma_in(doc[i], NEG_LEMMAS)]
    return bool(negs) and all(
        doc[i].lower_ == "no" and i + 2 < len(doc) and doc[i + 1].lower_ in _BOUNDS and doc[i + 2].lower_ == "than"
        for i in negs
    )


#: Words of a time one can hold a forecast to: a month or a weekday, or a past ("after lower scores on the
#: exam taken last spring": a fact inside the forecast).
_ANCHORS = frozenset(dates.MONTHS) | frozenset(dates.WEEKDAYS) | wordset("last ago earlier yesterday previous")


def _vague_time(times: list[Token]) -> bool:
    """A time no forecast can be held to: "later this year", "next spring", "for several more weeks", "in the
    coming year", "early next week", "in the second half"; not one with a number ("in 2022", "within 24
    hours", "five years"), a month, a weekday or a past in it, nor a plain "this year" or "by the end of next
    year"."""
    if any(t.like_num and t.ent_type_ != "ORDINAL" or t.lower_.rstrip(".") in _ANCHORS for t in times):
        return False
    if any(t.lower_ in _VAGUE for t in times):
        return True
    # "could reach the coast early next week", "could slow growth in the second half" (not "by the end of next
    # year": a deadline one can hold it to)
    return any(t.lower_ in ("next", "half") for t in times) and not any(t.lower_ == "end" for t in times)


#: Words that leave a time open.
_VAGUE = wordset(
    "later soon sometime coming another several future eventually spring summer autumn fall winter "
    "decades years months weeks days"
)


#: Adverbs that make a forecast a guess: with a modal, nothing an editor can check yet (the hedging adverbs
#: but the reporter's own "allegedly", "supposedly", and those that put a forecast off).
_GUESSES = HEDGE_ADV - {"allegedly", "supposedly"} | wordset("eventually easily conceivably")


def _counted_record(shown: list[Token]) -> bool:
    """A first one can check in someone's own words: "the first drug in its class to show ...", "the first
    military graduate since Eisenhower" (not "the best team", "the first thing we have to do")."""
    return any(
        t.lower_ in ("first", "only")
        and t.dep_ == "amod"
        and t.head.pos_ == "NOUN"
        and t.head.lower_ not in _GENERIC
        and any(
            c.dep_ in ("relcl", "acl") and to_infinitive(c) or c.dep_ == "prep" and c.lower_ == "since"
            for c in t.head.children
        )
        for t in shown
    )


_GENERIC = wordset("thing things way time times reason answer purpose step one person")


def _predicate(shown: list[Token], root: Token) -> bool:
    """A verb and its counted object, its subject a claim of its own: "hit 19 aces", "won 21 seats"."""
    return (
        len(shown) >= 3
        and shown[0].i == root.i
        and root.tag_ in ("VBD", "VBZ", "VBP")
        and any(t.dep_ == "dobj" and any(c.dep_ == "nummod" for c in t.children) for t in shown)
    )


def _reported(u: Unit) -> bool:
    """ "The DEA says that "Mexico remains the most significant source ..."": a named source frames the quotation."""
    if not u.speaker or u.verb is None:
        return False
    return any(c.dep_ == "mark" and c.lower_ == "that" for c in u.root.children) and lemma_in(u.verb, REPORT_LEMMAS)


#: What "pounds of" may be a sum of: "5 million pounds of funding" is money, "46,000 pounds of chicken" a weight.
_MONEY_NOUNS = wordset(
    "funding investment investments money spending cash aid debt debts revenue revenues profit profits savings cuts "
    "losses damages taxpayers public fines grants sales assets capital fees income support borrowing contracts "
    "orders loans budget subsidies bonuses wages pay compensation"
)


def _weighed_in_pounds(doc: Doc, ent: Span) -> bool:
    """Whether "pounds" (the word, no "£") weighs something: "recalled 46,000 pounds of raw chicken", "seized
    200 pounds of cocaine", "weighs 180 pounds" (the recogniser's quantity), not "paid 5 million pounds"."""
    if ent[-1].lower_ not in ("pounds", "pound") or any(t.text in ("\u00a3", "sterling") for t in ent):
        return False
    if ent.label_ == "QUANTITY":
        return True
    after = doc[ent.end : ent.end + 3]
    if len(after) < 2 or after[0].lower_ != "of":
        return False
    noun = next((t for t in after[1:] if t.pos_ in ("NOUN", "PROPN")), None)
    return noun is not None and noun.lower_ not in _MONEY_NOUNS and not noun.lower_.endswith("'")


#: Nouns a number after them names, not counts: "tier 1", "Phase 2", "Terminal 5", "Chapter 11".
_LABELLED = wordset(
    "tier phase category route highway interstate terminal flight level stage grade chapter section article class "
    "division type zone gate platform runway channel page volume model version generation series"
)


def _subject_of(verb: Token) -> Token | None:
    """The verb's subject, or its auxiliary's when an aside split them ("He had, according to X, killed")."""
    if (found := subject(verb)) is not None:
        return found
    for aux in verb.children:  # (the auxiliaries only when the verb has no subject of its own)
        if aux.dep_ in ("aux", "auxpass") and (found := subject(aux)) is not None:
            return found
    return None


def _labelled(verb: Token) -> bool:
    """A thing called or described as something: "called the extension the region's most important project"
    (not "called in X to ...", which has no object, nor "was named best director": an award given)."""
    return (
        lemma_in(verb, _LABELS)
        and any(c.dep_ == "dobj" for c in verb.children)
        and any(c.dep_ in ("oprd", "ccomp", "xcomp") or c.dep_ == "prep" and c.lower_ == "as" for c in verb.children)
    )


def _by_someone_named(participle: Token) -> bool:
    """A participle whose doer is named: "operated by Meridian Regional Rail", "owned by the Halden family trust"."""
    return any(
        c.dep_ == "agent" and any(t.ent_type_ in ("ORG", "PERSON", "GPE") for t in c.subtree)
        for c in participle.children
    )


def _describes_a_noun(tok: Token, root: Token) -> bool:
    """Whether ``tok`` stands in a clause that completes a noun set off after the clause rooted at ``root``
    ("fell 3.8 percent — a sign that some investors think ...": the opinion is the aside's, not the fall's)."""
    while tok.i != root.i and tok.head.i != tok.i:
        if tok.dep_ == "acl" and tok.head.i > root.i and tok.head.pos_ == "NOUN" and comma_before(tok.head):
            return True
        tok = tok.head
    return False


def _withheld(verb: Token, subj: Token | None) -> bool:
    """A source that did not say something, named by a noun: "The company did not say how many of the jobs
    would be replaced", "preliminary reports do not indicate it was caused by enemy fire". What a source
    withheld or denied is an event to check, with its "not"; it reports nothing for the article to restate."""
    return (
        subj is not None
        and subj.pos_ in ("NOUN", "PROPN")
        and lemma_in(verb, REPORT_LEMMAS)
        and any(c.dep_ == "neg" for c in verb.children)
        and any(c.dep_ in ("ccomp", "xcomp", "dobj") for c in verb.children)
    )


def _denies_a_state(verb: Token, subj: Token | None) -> bool:
    """ "The agreement does not address the valley's final status", "Neither government publishes its own
    casualty figures": what a thing named by a noun does not do or hold, now, is a fact to check against it."""
    return (
        subj is not None
        and (subj.pos_ == "PROPN" or subj.pos_ == "NOUN" and any(c.dep_ in ("det", "poss") for c in subj.children))
        and (any(c.dep_ == "neg" for c in verb.children) or any(c.lower_ == "neither" for c in subj.children))
        and any(c.dep_ == "dobj" for c in verb.children)
        and not lemma_in(verb, OPINION_LEMMAS)
    )


def _says(verb: Token) -> bool:
    """A reporting verb that reports (not "claimed responsibility for the attack")."""
    if not lemma_in(verb, REPORT_LEMMAS):
        return False
    if any(c.dep_ in ("ccomp", "parataxis", "xcomp") and not after_break(c) for c in verb.children):
        return True
    if any(c.dep_ == "auxpass" for c in verb.children):
        return False  # "the tool was found on Zandmotor beach", "he was charged with fraud": an event
    if lemma_in(verb, _ANSWER) and any(c.dep_ == "prep" and c.lower_ == "to" for c in verb.children):
        return False  # "did not respond to a request for comment": whether a party answered is an event
    if lemma_in(verb, _CONCEDE):
        return False  # "Heuring conceded the next morning in a phone call to Raman": a race conceded
    return not any(c.dep_ == "dobj" and c.pos_ in ("NOUN", "PROPN") for c in verb.children)


def _is_event(u: Unit, subj: Token | None, *, speech: bool = False) -> bool:
    """A specific action: a finite verb in the past (or perfect) with a subject that is no pronoun."""
    root = u.root
    if root.pos_ not in ("VERB", "AUX") or lemma_in(root, OPINION_LEMMAS):
        return False
    if _labelled(root):
        return False  # 'called it "responsible and fair"', 'described the plan as ...': a judgement
    auxes = [c for c in root.children if c.dep_ in ("aux", "auxpass")]
    if root.tag_ == "VBD":
        past = not auxes or all(a.tag_ == "VBD" for a in auxes)
    elif root.tag_ == "VBN":
        # (a participle with a subject of its own and no auxiliary is a past the tagger misread: "when a
        # passenger ferry collided with a car ferry")
        past = any(lemma_in(a, _HAVE) or a.tag_ == "VBD" for a in auxes) or (
            not auxes
            and subj is not None
            and any(c.dep_ in ("mark", "advmod") and c.lower_ in _WHEN_WORDS for c in root.children)
        )
    elif root.tag_ == "VB" and any(a.lower_ == "did" for a in auxes):
        # "The auction house did not disclose the identity of the seller": "did" is the past
        past = True
    elif root.tag_ == "VBG":
        # "was keeping plans for traveling to Florida": a past progressive that names where or whom
        names = any(t.ent_type_ in _NAMED or t.pos_ == "PROPN" for t in root.subtree if t.i > root.i)
        past = names and any(a.tag_ == "VBD" for a in auxes)
    else:
        past = False
    present = (
        root.tag_ in ("VBZ", "VBP")
        or root.tag_ in ("VBG", "VBN")
        and any(a.tag_ in ("VBZ", "VBP") for a in auxes)
        # "Washington does not have a law regulating the practice": "does" is the present
        or root.tag_ == "VB"
        and any(a.lower_ in ("does", "do") for a in auxes)
    )
    if not past and present:
        # The present states a checkable fact when it names who or what: "WeWork is the subject of
        # an SEC inquiry", "The patients are from Inner Mongolia", "is being investigated by the NYAG".
        args = [
            t
            for c in root.children
            if c.dep_ in ("nsubj", "nsubjpass", "attr", "dobj", "prep", "agent")
            for t in c.subtree
        ]
        # (a person named before, as "he" or "she": "He is currently being held at Belmarsh prison in London")
        person = subj is not None and subj.lower_ in ("he", "she")
        subj_toks = list(subj.subtree) if subj is not None and (subj.pos_ != "PRON" or person) else []
        named = {t.i for t in subj_toks if t.ent_type_ in _NAMED or t.pos_ == "PROPN"}
        others = [t for t in args if t.i not in {x.i for x in subj_toks}]
        past = bool(subj_toks) and (
            bool(named)
            and any(t.pos_ in ("NOUN", "PROPN") for t in others)
            or any(t.ent_type_ in _NAMED or t.pos_ == "PROPN" for t in others)
            and (not person or root.tag_ == "VBN")  # ("he is being held at X", not "he says X")
        )
    withheld = _withheld(root, subj)
    if present and not past and (withheld or _denies_a_state(root, subj)):
        past = True  # "preliminary reports do not indicate it was caused by enemy fire"
    if not past or _says(root) and not withheld:
        return False
    if _judged(u, root):
        return False
    for c in root.children:
        if c.dep_ == "mark" and c.lower_ in _CONCESSIVE or c.dep_ == "advmod" and c.lower_ in _HABITUAL:
            return False  # "although he has constantly ...": background, not an event
    done = (root, *(c for c in root.children if c.dep_ == "conj" and c.i in u.tokens))
    passive = any(c.dep_ == "auxpass" for c in root.children)
    nobody = subj is not None and _nobody(subj) and not lemma_in(root, _DO)  # (not "nothing has been done")
    if (
        not passive
        and not nobody
        and not any(c.dep_ in _COMPLEMENTS and c.i in u.tokens for v in done for c in v.children)
    ):
        return False  # "the dry weather came": the rest of the clause went elsewhere, nothing to check
    if subj is None:
        return u.root.dep_ in ("conj", "dep") or _none_there(root)
    if subj.lower_ in _RELATIVE and (root.dep_ == "relcl" or root.dep_ == "ccomp" and root.head.dep_ == "relcl"):
        return True  # "the helicopter, which (it said) crashed in Logar province": restated with its antecedent
    if subj.lower_ == "it" and u.verb is not None and root.dep_ == "ccomp":
        # "The agency said it had received a subpoena": the organisation that speaks, of itself
        said_by = subject(u.verb)
        return said_by is not None and said_by.pos_ in ("NOUN", "PROPN")
    if _generic(subj) and not nobody:
        return False  # "Supply has lagged demand", "Protection was strongest early on": no actor to check
    return (
        subj.pos_ != "PRON"
        or subj.lower_ in ("he", "she", "they")
        or nobody
        or speech
        and subj.lower_ == "we"
        or _it_named_before(subj, root)
    )


def _generic(subj: Token) -> bool:
    """A bare common noun of no people ("supply", "protection", "demand"): a thing in general, not an actor
    ("Prosecutors dropped the case", "Police arrested two men" name who acted)."""
    return (
        subj.pos_ == "NOUN"
        and subj.tag_ == "NN"
        and subj.text[1:].islower()  # (not a name the tagger took for a noun: "WeWork")
        and not subj.ent_type_
        and not any(
            c.dep_ in ("det", "poss", "nummod", "compound", "amod", "prep", "appos", "relcl", "acl")
            for c in subj.children
        )
        and not names_a_person(subj)
    )


_DO = wordset("do does did done doing")
#: Verbs whose "it" is the weather, a time or a clause still to come ("It emerged that ...", "it took ... to").
_IMPERSONAL = wordset("be seem appear remain become happen turn emerge mean matter look feel sound take rain snow")


def _it_named_before(subj: Token, root: Token) -> bool:
    """ "It did not rank among the top five", "It declined to comment further": "it" as the thing the story
    has just named (a company, a report, a court), acting; not the "it" of "It emerged that ..."."""
    return (
        subj.lower_ == "it"
        and subj.dep_ in ("nsubj", "nsubjpass")
        and not lemma_in(root, _IMPERSONAL)
        and not any(c.dep_ in ("ccomp", "csubj", "acomp", "expl") or c.lower_ in _ANYTHING for c in root.children)
    )


_ANYTHING = wordset("everything something anything nothing")  # "It had everything to do with energy"


def _nobody(subj: Token) -> bool:
    """A subject that denies the act of anyone: "no one died", "Nobody was injured", "Nothing was taken", "None of
    the instruments was damaged" (the fact checked is that none did, however short the clause)."""
    return subj.lower_ in ("nobody", "nothing", "noone", "none") or (
        (subj.lower_ in ("one", "body") or subj.pos_ == "NOUN")
        and any(c.dep_ == "det" and c.lower_ == "no" for c in subj.children)
    )


_BE = COPULAS | {"be"}  # (one set: ``lemma_in`` keeps what it found by the set it was given)


def _none_there(verb: Token) -> bool:
    """ "There were no vaccine-related deaths", "there were no arrests": what did not exist or happen."""
    return (
        lemma_in(verb, _BE)
        and any(c.dep_ == "expl" and c.lower_ == "there" for c in verb.children)
        and any(
            c.dep_ == "attr" and c.pos_ == "NOUN" and any(d.dep_ == "det" and d.lower_ == "no" for d in c.children)
            for c in verb.children
        )
    )


#: Adjectives that state a checkable condition, not a judgement.
_STATES = wordset(
    "available unavailable eligible ineligible legal illegal open closed dead alive missing responsible "
    "pregnant infected positive negative unanimous bankrupt empty full free present absent able unable "
    "aware unaware unconstitutional constitutional valid invalid public private vacant active inactive"
)


def _judged(u: Unit, root: Token) -> bool:
    """ "the outages were overly broad", "the results were \u201csurprising\u201d": a thing said to be of some
    quality, with nothing named beside it, is a judgement (not "were from Inner Mongolia", "was closed")."""
    adj = next((c for c in root.children if c.dep_ == "acomp" and c.pos_ == "ADJ"), None)
    if root.lemma_ != "be" or adj is None or adj.lower_ in _STATES or adj.tag_ in ("JJR", "JJS"):
        return False  # ("was unavailable", "is illegal": a state to check; "has never been higher": a record)
    if any(c.lower_ in ("more", "less", "most", "least") for c in adj.children):
        return False
    rest = [t for c in root.children if c.dep_ not in SUBJECTS for t in c.subtree if t.i in u.tokens]
    return not any(t.ent_type_ or t.pos_ == "PROPN" or t.like_num for t in rest)


def _kind(toks: list[Token], ctx: Context) -> tuple[str | None, dict[str, Any]]:
    """The unit's kind from the facts it holds, and the normalised values of the first one."""
    found: dict[str, dict[str, Any]] = {}
    figures: list[dict[str, Any]] = []
    doc = toks[0].doc
    seen: set[int] = set()
    idx = {t.i for t in toks}
    for t in toks:
        if t.i in seen:
            continue
        # (each attribute read once a token: a spaCy attribute is a string look-up)
        iob, low, tag = t.ent_iob_, t.lower_, t.tag_
        if iob == "B" or (iob == "I" and t.i - 1 not in idx):
            ent = entity_at(t)
            if ent is None:
                continue
            seen.update(range(ent.start, ent.end))
            inside = [i for i in range(ent.start, ent.end) if i in idx]
            if len(inside) < len(ent):  # the part the quote holds: "nine days" of "November 3—nine days"
                ent = doc[inside[0] : inside[-1] + 1]
                ent.label_ = doc[inside[0]].ent_type_
                if not any(x.is_alpha or x.like_num for x in ent):
                    continue
            if len(ent) > 1 and (ent[-1].dep_ == "cc" or ent[-1].text in (",", ";", "-", "\u2013", "\u2014")):
                label = ent.label_  # "2014-15 and": the recogniser took the "and" in
                ent = doc[ent.start : ent.end - 1]
                ent.label_ = label
            label = ent.label_
            if label in FIGURE_ENTS and not any(is_figure(x) for x in ent):
                continue  # "the two leaders", "the three": a set named before, not a count
            if label == "CARDINAL" and len(ent) == 1 and ent.start > 0 and doc[ent.start - 1].lower_ in _LABELLED:
                continue  # "common equity tier 1 ratio", "Phase 2": a number that is part of a name counts nothing
            if label in FIGURE_ENTS:
                ent = _whole_figure(doc, ent, idx)
                seen.update(range(ent.start, ent.end))
                phrase = _with_bound(doc, ent)
                v = quantity_values(phrase)
                if v.get("currency") == "GBP" and _weighed_in_pounds(doc, ent):
                    del v["currency"]
                    v["unit"] = "lb"
                if "value" in v and "op" not in v and _passed(ent):
                    v["op"] = ">"  # "to exceed €68bn", "topped $1 billion": more than the figure
                if "value" in v:
                    v["expression"] = phrase
                    if _bare_age(ent):
                        v["unit"] = "years old"  # "He was 62."
                    if _as_rate(doc, ent, v):
                        seen.add(ent.end + 1)  # "one in 300": 300 is part of the rate, no count of its own
                    found.setdefault("quantity", v)
                    figures.append(v)
            elif label == "DATE" and (age := _AGE.match(ent.text)):
                found.setdefault("quantity", {"value": int(age.group(1)), "unit": "years old", "expression": ent.text})
            elif (
                label == "DATE"
                and ent.start > 0
                and doc[ent.start - 1].lower_ in ("aged", "ages")
                and "value" in (ages := quantity_values(ent.text))
            ):
                # "aged between 24 and 58", "aged 71 to 96": how old, which the recogniser reads as a date
                ages.update(unit="years old", expression=ent.text)
                found.setdefault("age", ages)  # (the fact's own figure comes first: "aged 26 or older ... rose 23%")
                figures.append(ages)
            elif label == "DATE" and _bare_age(ent):
                # "She was 84.": the recogniser reads a person's age as a date
                age_values = {"value": int(ent.text), "unit": "years old", "expression": ent.text}
                found.setdefault("quantity", age_values)
                figures.append(age_values)
            elif label == "DATE" and ent.text.lower() not in _VAGUE_DATES and not _FREQUENCY.match(ent.text):
                if _is_duration(ent):
                    found.setdefault("duration", _duration(doc, ent))
                elif _any_such_day(ent):
                    found.setdefault("date", {"expression": ent.text})  # a kind of day, not one day
                else:
                    ahead = _ahead(ent.root)
                    v = _date_values(ent.text, ctx, ahead=ahead, past=not ahead and _past(ent.root))
                    if v and ("date" in v or not _name_read_as_a_date(ent)):
                        found.setdefault("date", v)
            elif label == "TIME" and _is_duration(ent):
                found.setdefault("duration", _duration(doc, ent))
            elif label == "TIME" and ent.text.lower() not in _VAGUE_DATES and _names_a_time(ent.text):
                # "at 2:45 a.m.", "last night": a time; "in morning trading" names none ("fell 11%" is the fact)
                found.setdefault("time", dates.time_values(ent.text) | {"expression": ent.text})
            elif label == "ORDINAL" and (share := _fraction(doc, ent)) is not None:
                found.setdefault("quantity", share)  # "cut by a third": a share, not a rank
                figures.append(share)
            elif label == "ORDINAL":
                found.setdefault("record", {"expression": ent.text})
        elif (t.like_num and t.pos_ == "NUM" or low in FIGURE_WORDS) and t.ent_type_ == "" and is_figure(t):
            phrase = _with_bound(doc, doc[t.i : t.i + 1])
            v = quantity_values(
                phrase if low not in FIGURE_WORDS else f"{phrase} {t.head.text}" if t.head.i > t.i else phrase
            )
            if "value" in v or low in FIGURE_WORDS:
                found.setdefault("quantity", v | {"expression": t.text})
        if (
            (tag in ("JJS", "RBS") and low not in _NOT_RECORDS or low in RECORD_WORDS)
            and (
                t.dep_ in ("amod", "attr", "nsubj", "dobj", "pobj", "advmod")
                or t.dep_ == "conj"
                and t.head.dep_ == "attr"
            )
            and not _quantifier(t)
            and t.head.pos_ in ("NOUN", "PROPN", "ADJ")
            or low == "first"
            and t.dep_ == "amod"
        ):
            found.setdefault("record", {"expression": t.text})
        if tag in ("JJR", "RBR") and _compares(t, toks) or low == "times" and t.i > 0 and doc[t.i - 1].like_num:
            found.setdefault("comparison", {"expression": t.text})
    if "age" in found:
        found.setdefault("quantity", found.pop("age"))
    small = found.get("quantity", {}).get("expression", "").lower() in _SMALL_WORDS
    if small and "date" in found:
        del found["quantity"]  # "On Wednesday, the two leaders signed": the date is the fact, not "two"
    for k in _KIND_ORDER:
        if k in found:
            values = dict(found[k])
            if len(figures) > 1:  # "rose 18 percent to $4.5 billion": every figure, normalised
                values["figures"] = [dict(f) for f in figures]
            if k != "date" and "date" in found:  # "On Wednesday, the leaders signed a treaty covering 12 areas"
                values["dates"] = [dict(found["date"])]
            return k, values
    return None, {}


_WHEN = re.compile(
    r"\d|\b(?:" + "|".join(("last", "this", "yesterday", "tonight", "noon", "midnight", *dates.WEEKDAYS)) + r")\b"
)


_BARE_AGE = re.compile(r"\d{1,3}")


def _name_read_as_a_date(ent: Span) -> bool:
    """ "Jalen Morrow", "the deal makes Morrow, 27": one proper noun the recogniser took for a date that names no
    month or day (an unresolved "Christmas" is lost with it: its date comes from the year around it)."""
    return (
        len(ent) == 1
        and ent[0].pos_ == "PROPN"
        and ent[0].lower_ not in dates.MONTHS
        and ent[0].lower_ not in dates.WEEKDAYS
    )


def _bare_age(ent: Span) -> bool:
    """Whether a bare number says how old a person is: "She was 84", "Smith was 84" (a copula's complement)."""
    t = ent[0]
    if (
        len(ent) != 1
        or not _BARE_AGE.fullmatch(t.text)
        or t.dep_ not in ("attr", "acomp")
        or t.head.lemma_ != "be"
        or any(c.dep_ in ("prep", "npadvmod") for c in t.children)
    ):
        return False
    subj = next((c for c in t.head.children if c.dep_ == "nsubj"), None)
    return subj is not None and (subj.ent_type_ == "PERSON" or subj.lower_ in ("he", "she"))


def _quantifier(t: Token) -> bool:
    """ "most" with no article before its noun counts, it ranks nothing: "by most accounts", "most voters"."""
    return (
        t.lower_ in ("most", "least")
        and t.dep_ == "amod"
        and not any(c.dep_ in ("det", "poss") for c in t.head.children)
    )


def _names_a_time(text: str) -> bool:
    return bool(_WHEN.search(text.lower()))


def _as_rate(doc: Doc, ent: Span, values: dict[str, Any]) -> bool:
    """ "one in 300 children": a rate (1/300), not the count one ("fell to 91% in 2023" is no rate)."""
    i = ent.end
    if "unit" in values or i + 1 >= len(doc) or doc[i].lower_ != "in" or not doc[i + 1].like_num:
        return False
    after = doc[i + 2] if i + 2 < len(doc) else None
    if after is not None and after.lower_ in ("percent", "%"):
        return False
    if doc[i + 1].ent_type_ in ("DATE", "TIME") and (after is None or after.tag_ not in ("NNS", "NNPS")):
        return False  # "12 in 2019" is a year; "1 in 1000 patients" is a rate
    per = parse_number(doc[i + 1].text)
    if not per or not 0 < values.get("value", 0) <= per:
        return False
    values["value"] = round(values["value"] / per, 9)
    values["unit"] = "rate"
    values["expression"] = f"{values['expression']} in {doc[i + 1].text}"
    return True


def _fraction(doc: Doc, ent: Span) -> dict[str, Any] | None:
    """ "a third", "two thirds", "one-fifth" read as an ordinal: the share's values; None for a rank
    ("the third case", "a third term": an ordinal before a noun ranks it)."""
    i = ent.start
    before = doc[i - 1].lower_ if i > 0 else ""
    after = doc[ent.end] if ent.end < len(doc) else None
    if before not in ("a", "one", "two", "three", "four") and not ent.text.lower().startswith(("one", "two", "a ")):
        return None
    if after is not None and after.pos_ in ("NOUN", "PROPN", "ADJ") and after.lower_ != "of":
        return None
    phrase = f"{before} {ent.text}" if before and not ent.text.lower().startswith(before) else ent.text
    values = quantity_values(phrase)
    return values | {"expression": phrase} if "value" in values else None


def _compares(t: Token, toks: list[Token]) -> bool:
    """A measurable comparison ("larger than", "more jobs than"), not a judgement ("more benevolent than")."""
    if t.tag_ not in ("JJR", "RBR") or not any(x.lower_ == "than" for x in toks):
        return False
    if t.lower_ in ("more", "less") and t.head.pos_ == "ADJ":
        return False  # "more benevolent than", "more surprised than thrilled": a judgement
    return t.lower_ in ("more", "less", "fewer") or lemma_in(t, _MEASURABLE)


_MEASURABLE = wordset("high low large big small long short old young cheap expensive fast slow heavy light many much")


def _is_duration(ent: Span) -> bool:
    """ "24 hours", "nine days", "two decades" (a count of units), not "the end of the year" or "two years ago"."""
    words = [t.lower_ for t in ent]
    # "the next 72 hours" (a window of hours, not a clock time; "the last four years" stays a date)
    window = ent.label_ == "TIME" and words[:1] == ["the"] and words[1:2] in (["next"], ["last"], ["past"])
    if any(w in ("ago", "last", "next", "this", "earlier", "later") for w in words[2 if window else 0 :]):
        return False
    return any(t.like_num or t.lower_ in ("a", "an", "several") for t in ent[:-1]) and words[-1] in _DURATION_UNITS


def _whole_figure(doc: Doc, ent: Span, idx: set[int]) -> Span:
    """The figure with the currency sign and the magnitude written onto it that the recogniser left
    out: "\u00a3120m" of an entity "120" (else 120, not 120 million pounds)."""
    start, end = ent.start, ent.end
    while start > 0 and start - 1 in idx and not doc[start - 1].whitespace_ and is_currency_sign(doc[start - 1].text):
        start -= 1
    while end < len(doc) and end in idx and not doc[end - 1].whitespace_ and is_scale_suffix(doc[end].text):
        end += 1
    end = _range_end(doc, start, end, idx)
    # What the recogniser left out after the figure: a currency ("68 billion | euros", where "billion" was a
    # count), a unit ("3.7 | GW of cell capacity"), a multiple ("10 | times as many cases"), "25 | basis points"
    if (
        _words_after(doc, end, 1, idx)
        and doc[end - 1].like_num
        and (doc[end].lower_ in _LEFT_OUT or doc[end].text in UNIT_SYMBOLS)
    ):
        end += 1
    elif _words_after(doc, end, 2, idx) == ["basis", "points"]:
        end += 2
    rate = _words_after(doc, end, 2, idx)
    if (
        rate
        and rate[0] in ("a", "an", "per")
        and rate[1] in RATE_PERIODS
        and doc[ent.start].ent_type_ == "MONEY"
        and not (end + 2 < len(doc) and doc[end + 2].lower_ in _BACK_IN_TIME)
    ):
        end += 2  # "$53 million | a week": a rate (not "up from $38,373 | a year ago")
    if (start, end) == (ent.start, ent.end):
        return ent
    whole = doc[start:end]
    whole.label_ = ent.label_
    return whole


#: Words after a figure that are part of it: a currency written out, "times" of a multiple.
_LEFT_OUT = CURRENCY_WORDS | {"times"}
_BACK_IN_TIME = wordset("ago earlier before later prior")


def _words_after(doc: Doc, end: int, n: int, idx: set[int]) -> list[str]:
    """The ``n`` words from ``end`` on, lower case, when the quote holds them all; else none."""
    if end + n > len(doc) or not all(i in idx for i in range(end, end + n)):
        return []
    return [doc[i].lower_ for i in range(end, end + n)]


#: Verbs whose object is a figure they went beyond: "to exceed €68bn", "topped $1 billion".
_PASSING = wordset("exceed surpass top outstrip")


def _passed(ent: Span) -> bool:
    """Whether the figure is what a verb of ``_PASSING`` went beyond (not "did not exceed": that is at most)."""
    root = ent.root if ent.root.dep_ != "nummod" else ent.root.head  # ("68 billion | euros")
    head = root.head
    return root.dep_ == "dobj" and lemma_in(head, _PASSING) and not any(c.dep_ == "neg" for c in head.children)


def _range_end(doc: Doc, start: int, end: int, idx: set[int]) -> int:
    """Where a range that starts with the bare number ``doc[start:end]`` ends: "20 to 30mm", "250 to 380
    millimetres", "7 to 10 hurricanes" (the recogniser makes two figures of it, and the first, alone, had no
    unit and no upper end); ``end`` when no range follows. ("rose 1.6% to 121.4 million": a change and a level.)"""
    if not all(t.like_num for t in doc[start:end]) or end + 1 >= len(doc) or end + 1 not in idx:
        return end
    if doc[end].lower_ not in ("to", "-", "\u2013") or doc[end].dep_ != "quantmod" or not doc[end + 1].like_num:
        return end  # ("rose 12 | to 4,500": a change and the level it reached, "to" the verb's)
    if start > 0 and doc[start - 1].lower_ in ("by", "up", "down"):
        return end  # ("down by 30 to 126": the same, however the parser hung the "to")
    if doc[end + 1].ent_type_ not in FIGURE_ENTS or doc[end + 1].ent_iob_ != "B":
        return end
    stop = end + 2
    while stop < len(doc) and doc[stop].ent_iob_ == "I" and stop in idx:
        stop += 1
    return stop


def _duration(doc: Doc, ent: Span) -> dict[str, Any]:
    """A duration's values, with the bound the text puts on it: "for over 20 years" is more than 20."""
    values = dates.duration_values(ent.text) | {"expression": ent.text}
    if "amount" not in values:
        return values
    phrase = _with_bound(doc, ent)
    bound = quantity_values(phrase)  # "more than six weeks", "nearly 12 hours"
    if op := bound.get("op"):
        values |= {"op": op, "expression": phrase}
    elif bound.get("approximate"):
        values |= {"approximate": True, "expression": phrase}
    return values


#: Nouns of a span of time a figure may count ("over four field seasons", "over three years").
_SPANS = wordset("season year month week day decade hour minute quarter term period session century")


def _span_of_time(ent: Span) -> bool:
    return lemma_in(ent.root, _SPANS) or lemma_in(ent.root.head, _SPANS) or ent.label_ in ("DATE", "TIME")


def _with_bound(doc: Doc, ent: Span) -> str:
    """A figure with the bound before it that the entity left out ("more than" + "2,000 workers")."""
    i = ent.start
    # "recovered 148 bones over four field seasons": the preposition of a span of time, not "more than"
    # (which the parse makes a modifier of the number: "over 4,000 people", "for over 20 years"; and "went up
    # over 25 percent" is no time)
    over = ent[0] if len(ent) > 1 and ent[0].lower_ == "over" else doc[i - 1] if i > 0 else None
    if over is not None and over.lower_ == "over" and over.dep_ == "prep" and _span_of_time(ent):
        return ent[1:].text if over.i == i else ent.text  # (the recogniser may have taken it in: "over 12 months")
    if i > 0 and doc[i - 1].lower_ in ("no", "not") and ent.text.lower().startswith(("more ", "less ", "fewer ")):
        return f"{doc[i - 1].text} {ent.text}"  # "Not | less than 20%": the recogniser took the bound, not its "not"
    if i > 0 and doc[i - 1].text in MINUS_SIGNS and not doc[i - 1].whitespace_ and (i < 2 or not doc[i - 2].like_num):
        return doc[i - 1].text + ent.text  # "dropped to \u201338 C": the recogniser left the sign out
    lead = doc[max(0, i - 3) : i].text.lower()
    for bound in (
        "no more than",  # (a bound that says "at most": never read as "more than" with its "no" left behind)
        "not more than",
        "no less than",
        "not less than",
        "no fewer than",
        "not fewer than",
        "more than",
        "less than",
        "fewer than",
        "at least",
        "north of",
        "up to",
        "nearly",
        "almost",
        "about",
        "over",
        "under",
    ):
        if lead.endswith(bound):
            return f"{doc[i - len(bound.split()) : i].text} {ent.text}"
    return ent.text


#: Verbs and adjectives that put what they govern ahead: "is scheduled to vote", "is due on Friday".
_AHEAD = wordset("scheduled due set slated planned expected poised")


def _clause_verb(tok: Token) -> Token:
    """The verb of the clause ``tok`` is in (the root, when none is above it)."""
    verb = tok.head
    while not is_verbal(verb) and verb.head.i != verb.i:
        verb = verb.head
    return verb


def _ahead(tok: Token) -> bool:
    """Whether the clause a date is in looks forward: "will vote on Thursday", "would negotiate on Thursday",
    "is scheduled to run until Friday", "is due on June 17", "plans to vote on Monday", "was adjourned until
    Friday" (a day something lasts until is ahead of it)."""
    if tok.dep_ == "pobj" and tok.head.lower_ in ("until", "till"):
        return True
    before = tok.doc[tok.i - 1] if tok.i > 0 else tok  # (the clock time the day is of: "through 9 p.m. | Thursday")
    if any(a.lower_ == "through" and a.dep_ == "prep" for a in (tok.head, tok.head.head, before.head)) and (
        _clause_verb(tok).tag_ in ("VBZ", "VBP")
    ):
        # "has a warning in effect through 11 p.m. Wednesday" (not "ran through Wednesday"; "is expected to dump
        # rain through Saturday" is a forecast, below)
        return True
    if tok.dep_ == "pobj" and tok.head.lower_ == "since":
        return False
    verb = _clause_verb(tok)
    on_verb = tok.head.i == verb.i or tok.head.dep_ == "prep" and tok.head.head.i == verb.i
    present = (
        verb.tag_ in ("VBZ", "VBP") or verb.tag_ == "VB" and subject(verb) is None
    )  # ("Host the Lakers on Friday.")
    if (
        on_verb
        and present
        and (lemma_in(verb, _TIMETABLE) or _takes_effect(verb))
        and not any(c.dep_ in ("aux", "auxpass") for c in verb.children)
    ):
        # "The museum opens on Saturday", "The Lakers host the Thunder on Friday": a timetable (not "value the
        # shares at 4% more than their closing price on Monday", a day of a thing named)
        return True
    for v in (verb, verb.head) if verb.dep_ in ("xcomp", "ccomp") else (verb,):
        auxes = [c.lower_ for c in v.children if c.dep_ == "aux"]
        if any(a in ("will", "'ll", "wo", "shall", "would") for a in auxes):
            return True
        if any(a in ("should", "may", "might") for a in auxes) and "have" not in auxes:
            return True  # "The weather should ease by Thursday morning" (not "should have eased")
        # ("was due to retire on May 31", "was scheduled to shut down": ahead of a past, not of the article)
        tensed = v.head if v.dep_ in ("acomp", "oprd") else v  # ("was | due": the copula's tense)
        past = tensed.tag_ == "VBD" or any(c.dep_ in ("aux", "auxpass") and c.tag_ == "VBD" for c in tensed.children)
        if (v.lower_ in _AHEAD or lemma_in(v, _PLAN_LEMMAS)) and not past:
            return True
        if any(c.dep_ in ("acomp", "oprd") and c.lower_ in _AHEAD for c in v.children) and not past:
            return True  # "is due on Friday" (a copula with "due")
    return False


def _takes_effect(verb: Token) -> bool:
    """ "The budget takes effect Jan. 1", "the ban goes into effect on Monday": a timetable too."""
    if lemma_in(verb, _TAKE):
        return any(c.dep_ == "dobj" and c.lower_ == "effect" for c in verb.children)
    return lemma_in(verb, _GO) and any(
        c.dep_ == "prep" and c.lower_ in ("into", "in") and any(p.lower_ == "effect" for p in c.children)
        for c in verb.children
    )


_TAKE = wordset("take")
_GO = wordset("go come")
_PLAN_LEMMAS = FORECASTS | wordset("plan intend schedule")  # ("Forecasters expect 30mm of rain on Wednesday")
#: Verbs of a fixture in the present tense: what "opens on Saturday" or "hosts Leeds on Friday" says is ahead.
_TIMETABLE = wordset(
    "open begin start play host visit meet face arrive leave return launch resume reopen kick travel debut premiere "
    "air close end vote"
)


#: Verbs whose past tense still points ahead: "was postponed until Aug. 20", "had been moved to June 3".
_MOVED_LEMMAS = wordset("postpone delay move push reschedule adjourn defer")


def _past(tok: Token) -> bool:
    """Whether the clause a date is in tells what happened: "was reported on Aug. 3", "arrested him on Nov. 19"
    (a past verb of an event; not a copula, "was on Aug. 20", nor a plan, "was set for Aug. 20")."""
    if tok.dep_ == "pobj" and tok.head.lower_ in ("for", "until", "till"):
        return False
    verb = _clause_verb(tok)
    if verb.pos_ != "VERB" or verb.lower_ in _AHEAD or lemma_in(verb, _PLAN_LEMMAS) or lemma_in(verb, _MOVED_LEMMAS):
        return False
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(c.tag_ == "MD" for c in auxes) or any(c.dep_ in ("acomp", "oprd") for c in verb.children):
        return False
    return verb.tag_ == "VBD" or (verb.tag_ == "VBN" and any(c.tag_ == "VBD" for c in auxes))


def _date_values(expr: str, ctx: Context, *, ahead: bool = False, past: bool = False) -> dict[str, Any]:
    found = dates.date_matches(expr)
    m = next(iter(found), None)
    if m is not None and m.lastgroup == "weekday":
        # "Monday, March 23", "Friday 14 November": the day of the month says which Monday (the weekday alone was
        # resolved to the nearest one, weeks away)
        m = next((d for d in found if d.lastgroup in ("full", "iso", "monthday")), m)
    if m is None:
        digits = expr.strip()
        if digits.isdigit() and len(digits) == 4 and digits[:2] in ("19", "20"):
            return {"expression": expr, "date": digits}
        if dates.YEAR_SPAN.fullmatch(digits):
            return {"expression": expr}  # "2014-15": a financial or school year
        return {"expression": expr} if any(c.isalpha() for c in expr) else {}
    kind = m.lastgroup or "relative"
    out = dates.resolve(kind, m.group(0), ctx.ref, ahead=ahead, past=past)
    if kind == "monthday" and m is not found[0]:
        out = _on_its_weekday(out, found[0].group(0))
    if kind == "full" and "date" in out:
        with contextlib.suppress(ValueError):
            day = dt.date.fromisoformat(out["date"])
            # (not a date still to come: "are scheduled to close on June 12, 2026. The next board meeting is on
            # Dec. 10" is the coming Dec. 10, not the one after the closing)
            if ctx.published is None or day <= ctx.published:
                ctx.ref = day
    out["expression"] = expr
    return out


def _any_such_day(ent: Span) -> bool:
    """A weekday that names no one day: "on a Tuesday morning", "an ordinary Saturday", "every Sunday", "on
    Saturdays". ("the Saturday market" may recur, "the Tuesday meeting" was one: left as they were.)"""
    day = next((t for t in ent if t.lower_.rstrip("s") in dates.WEEKDAYS), None)
    if day is None:
        return False
    doc = ent.doc
    before = [t.lower_ for t in doc[max(0, day.i - 2) : day.i]]
    return day.lower_.endswith("days") or any(w in ("a", "an", "every", "each", "any") for w in before)


def _on_its_weekday(out: dict[str, Any], weekday: str) -> dict[str, Any]:
    """A day of a month resolved to the year in which it falls on the weekday named with it ("Thursday, February
    5" in a story of February 12, 2026: that day of 2026, not of 2027), when the year before or after is that
    year; otherwise as resolved."""
    with contextlib.suppress(KeyError, ValueError):
        day = dt.date.fromisoformat(out["date"])
        target = dates.WEEKDAYS.index(weekday.split()[-1].lower())
        if day.weekday() != target:
            for year in (day.year - 1, day.year + 1):
                moved = day.replace(year=year)
                if moved.weekday() == target:
                    return out | {"date": moved.isoformat()}
    return out


def _dangling(t: Token) -> bool:
    """A preposition the parse left without its object ("covers 37 lots of the syrup, in | 4-ounce bottles")."""
    return t.dep_ == "prep" and t.n_rights == 0 and t.i > 0 and t.doc[t.i - 1].text == ","  # ("talking about")


def _trailing(t: Token) -> bool:
    """Punctuation a quote does not end with (it keeps a "%" or a closing quotation mark)."""
    return t.is_punct and not t.is_quote and t.text not in ("%", ")", "\u2019")


def _word_start(doc: Doc, lo: int) -> int:
    """The first token of the word ``doc[lo]`` is part of ("3" of "3-pointer")."""
    while lo > 0 and not doc[lo - 1].whitespace_ and (doc[lo - 1].text in "-‐" or doc[lo].text in "-‐"):
        lo -= 1
    return lo


def _word_end(doc: Doc, hi: int) -> int:
    """The last token of the word ``doc[hi]`` is part of ("Jae" of "Jae-in", "U.S" of "U.S.")."""
    while hi + 1 < len(doc) and not doc[hi].whitespace_ and (doc[hi + 1].text in "-‐" or doc[hi].text in "-‐"):
        hi += 1
    return hi


def _edges(doc: Doc, tokens: set[int]) -> tuple[int, int]:
    """Sentence character offsets of the contiguous span over ``tokens``, trimmed of edge punctuation."""
    ids = sorted(tokens)
    lo, hi = ids[0], ids[-1]
    while lo < hi and (doc[lo].is_punct or doc[lo].dep_ in ("cc",)):
        lo += 1
    while hi > lo and (doc[hi].is_punct and doc[hi].text not in ')\u201d"' or doc[hi].dep_ == "cc"):
        hi -= 1
    hi = _word_end(doc, hi)
    base = doc[0].idx
    return doc[lo].idx - base, doc[hi].idx + len(doc[hi]) - base


def _complementizer(tok: Token) -> bool:
    """A "that" the parser took for the determiner of a plural ("and that low-cost options deserved ..."):
    no "that" determines a plural, so it opens the clause."""
    return tok.lower_ == "that" and tok.dep_ == "det" and tok.head.tag_ in ("NNS", "NNPS")


def _kept_lead(tok: Token) -> bool:
    """A first word a quote keeps though the parser calls it a conjunction's: "Neither", "Not" of "Not only"."""
    return tok.lower_ == "neither" or asserts(tok)


#: Sentence adverbs that link or judge, and say nothing of the fact's time or scope ("Nationally," and
#: "Earlier," do, and stay).
_DISCOURSE = wordset(
    "however meanwhile separately remarkably notably still instead indeed nonetheless nevertheless moreover "
    "furthermore additionally surprisingly unsurprisingly ironically importantly crucially predictably"
)


def _discourse_lead(doc: Doc, ids: list[int]) -> bool:
    """A quote's first word is such an adverb set off by a comma: "Remarkably, | no one died"."""
    first = doc[ids[0]]
    return (
        first.dep_ == "advmod"
        and first.lower_ in _DISCOURSE
        and first.i + 1 < len(doc)
        and doc[first.i + 1].text == ","
        and len(ids) > 4  # (what is left must stand as a quote: "Remarkably, no one died" stays whole)
    )


def _trim_span(span: Span) -> tuple[int, int]:
    lo, hi = span.start, span.end
    doc = span.doc
    while lo < hi and (doc[lo].is_punct or doc[lo].dep_ in _LEAD_DROP and not _kept_lead(doc[lo])):
        lo += 1
    while hi > lo and doc[hi - 1].is_punct:
        hi -= 1
    return lo, hi


def _quote_span(doc: Doc, u: Unit, toks: list[Token]) -> tuple[int, int]:
    """The verbatim span of a unit: its tokens' extent, or the longest run of them when asides fill it."""
    ids = [t.i for t in toks if not (t.is_punct and not t.is_quote and t.text != "%")]
    while len(ids) > 1 and (
        doc[ids[0]].dep_ == "cc"
        or doc[ids[0]].dep_ == "preconj"
        and not _kept_lead(doc[ids[0]])  # "Neither X nor Y funded it", "Not only did X" keep it
        or doc[ids[0]].dep_ == "mark"
        and doc[ids[0]].lower_ == "that"
        or _complementizer(doc[ids[0]])
        or _discourse_lead(doc, ids)
    ):
        ids = ids[1:]
    lo, hi = ids[0], ids[-1]
    if u.lead is not None:  # a noun and its participle: "the state budget approved by Republicans in April"
        ids = sorted(set(ids) | set(range(u.lead, lo)))
        lo = ids[0]
    gap = (hi - lo + 1) - len(ids)
    outside = [i for i in range(lo, hi) if i not in u.tokens]  # (indices first: a Token only for a hole)
    hole = {doc[i].lower_ for i in outside}
    figure_hole = any(is_figure(doc[i]) for i in outside)
    # An aside between the subject and the verb ("The campaign, which includes TV ads, cost the state
    # $449,000"): the quote is the predicate that holds the fact; the restatement keeps the subject.
    subj = _subject_of(u.root) if gap > 0 else None
    asides = (
        [c for c in subj.children if c.dep_ == "relcl" and c.i > subj.i and comma_before(c)] if subj is not None else []
    )
    aside = bool(asides) and all(
        t.i in u.tokens or t.is_punct or any(c.left_edge.i <= t.i <= c.right_edge.i for c in asides) for t in doc[lo:hi]
    )
    if figure_hole or aside:  # a figure split off mid-clause is a claim of its own: keep the run holding the root
        runs = _runs(doc, ids, u.tokens)
        home = next((r for r in runs if r[0] <= u.root.i <= r[-1]), None)
        negs = [i for i in ids if is_negated(doc[i])]
        # (not a copula alone: "the monthly payment ..., with 20% down, | is about $1,999" keeps what it is of;
        # nor a verb and its figure alone: "the general fund, which pays for ..., | totals $236.4 million")
        bare = (
            home is not None
            and home[0] == u.root.i
            and (doc[home[0]].lower_ in COPULAS or sum(doc[i].is_alpha or doc[i].like_num for i in home) < 4)
        )
        if (
            home
            and len(home) >= 3
            and all(home[0] <= i <= home[-1] for i in negs)
            and _has_fact(doc, home)
            and not bare
        ):
            lo, hi = home[0], home[-1]
    elif gap > len(ids) and ("according" in hole or "reports" in hole):
        best = max(_runs(doc, ids, u.tokens), key=len)
        negs = [i for i in ids if is_negated(doc[i])]
        if all(best[0] <= i <= best[-1] for i in negs) and len(best) >= 3:
            lo, hi = best[0], best[-1]
    while hi > lo and (_trailing(doc[hi]) or doc[hi].dep_ == "cc" or _dangling(doc[hi])):
        hi -= 1
    hi = _word_end(doc, hi)
    lo = _word_start(doc, lo)
    base = doc[0].idx
    a, b = doc[lo].idx - base, doc[hi].idx + len(doc[hi]) - base
    # An unbalanced quotation mark at either end is not part of the fact.
    quote = _text(doc)[a:b]
    end = quote[-1:]
    if end == "\u201d" and quote.count("\u201c") < quote.count(end) or end in "\"'" and end and quote.count(end) % 2:
        b -= 1
    if quote[:1] in _QUOTES and a < b and (quote[:1] != "\u201c" or _unclosed(_text(doc)[a:b], "\u201c", "\u201d")):
        a += 1
    return a, b


def _closed(text: str, a: int, b: int) -> int:
    """The end of ``text[a:b]`` past the bracket or quotation it opens: "176 Hong Kong dollars (£17.43)"."""
    quote = text[a:b]
    if quote.count("(") > quote.count(")") and text[b : b + 1] == ")":
        b += 1
    for mark, close in (("\u201c", "\u201d"), ('"', '"')):
        if not quote.startswith(mark) and _unclosed(quote, mark, close):
            tail = text[b : b + 2]
            if tail[:1] == close:
                b += 1
            elif tail[:1] in ",." and tail[1:2] == close:
                b += 2  # the article "The case for colonialism,"
    return b


def _unclosed(text: str, mark: str, close: str) -> bool:
    """Whether ``text`` opens a quotation with ``mark`` that it does not close."""
    if mark == close:
        return text.count(mark) % 2 == 1 and not text.endswith(mark)
    return text.count(mark) > text.count(close)


def _runs(doc: Doc, ids: list[int], own: set[int]) -> list[list[int]]:
    """The unbroken runs of ``ids``: the unit's ``own`` punctuation inside a word or a name does not break one
    ("the world's third-largest games company" is one run, its hyphen left out of ``ids``)."""
    runs: list[list[int]] = []
    for i in ids:
        gap = range(runs[-1][-1] + 1, i) if runs else range(0)
        joined = not gap or (
            not (doc[i].is_space or doc[i].is_punct)
            and all(
                # a mark inside a word, or inside a name ("Northstate Power & Light")
                j in own
                and (doc[j].ent_type_ and doc[j - 1].ent_type_ or not doc[j - 1].whitespace_ and not doc[j].whitespace_)
                for j in gap
            )
        )
        if runs and joined:
            runs[-1].append(i)
        else:
            runs.append([i])
    return runs


def _has_fact(doc: Doc, ids: list[int]) -> bool:
    return any(doc[i].like_num or doc[i].ent_type_ in FIGURE_ENTS or doc[i].ent_type_ in ("DATE", "TIME") for i in ids)


def _closes(words: list[Token]) -> bool:
    """Whether the last of ``words`` (a closing bracket or quotation mark, or "%") closes what they open."""
    last = words[-1].text
    texts = [t.text for t in words]
    if last == ")":
        return texts.count("(") >= texts.count(")")
    if last == "\u201d":
        return texts.count("\u201c") >= texts.count("\u201d")
    if last == '"':
        return texts.count('"') % 2 == 0
    return True


def _restate(doc: Doc, u: Unit, toks: list[Token]) -> str:
    """The unit as a standalone statement: subject restored, relative pronoun replaced, speaker named."""
    # A leading "and" or "that" goes; a condition's "if"/"unless" stays (without it a condition reads as a fact).
    words = list(toks)
    while words and (
        words[0].is_punct
        or _complementizer(words[0])
        or words[0].dep_ in ("cc", "mark")
        and words[0].lower_ not in _CONDITIONS
        and words[0].lower_ not in ("nor", "neither")  # "Nor, it seems, do many residents": the denial stays
        and words[0].lower_ != "for"  # "For him to be doing what he's doing ..."
        # (a clause set before the unit's own keeps its opener: "Since I became president, 44 countries have ...")
        and (words[0].dep_ == "cc" or words[0].head.i == u.root.i or words[0].lower_ == "that")
        and len(words) > 1
        # "when it hit the bicycle at about 9:40 p.m.", the parser's adverb: it hit the bicycle at about 9:40 p.m.
        or words[0].lower_ == "when"
        and words[0].dep_ == "advmod"
        and words[0].head.i == u.root.i
        and u.root.dep_ == "advcl"
        and len(words) > 1
    ):
        words = words[1:]  # (", or about 15% of GDP": about 15% of GDP)
    while words and (
        words[-1].is_punct
        and (words[-1].text not in ')\u201d"%' or not _closes(words))
        or words[-1].dep_ == "cc"
        or _dangling(words[-1])
    ):
        words = words[:-1]  # (never 'Teachers chanted, "Fund our schools," and."')
    last = len(words) - 1
    while last > 0 and words[last].is_punct:
        last -= 1
    if 0 < last < len(words) - 1 and words[last].dep_ == "cc":
        # '"This government took 900 million euros from Brussels, and not a cent ...": the words after the
        # "and" went elsewhere, so the "and" goes too, before the closing marks ('Brussels."', never 'and."')
        words = words[: last - 1 if words[last - 1].text == "," else last] + words[last + 1 :]
    if not words:
        return _text(doc).strip()
    root = u.root
    if u.role == "phrase" and root.dep_ == "advcl" and root.tag_ == "VBN" and words[0].i == root.i < root.head.i:
        # "Founded in 1998, the company ...": "The company was founded in 1998"
        subj = _subject_of(root.head)
        if subj is not None and subj.pos_ != "PRON":
            said = _tidy(_join(words))
            return _upper_first(f"{_lower_first(_phrase(subj))} {_was(subj)} {said[:1].lower()}{said[1:]}")
    if u.lead is not None and u.root.dep_ != "relcl":  # a relative clause is restated with its antecedent below
        words = [doc[i] for i in range(u.lead, words[0].i)] + words
    # A side remark between the subject and the verb ("The company, analysts say, has won ...", or a
    # misparse the small model leaves there) is no part of the statement.
    remark = {
        x.i
        for c in u.root.children
        if c.dep_ == "parataxis" and c.i < u.root.i and not lemma_in(c, REPORT_LEMMAS)  # "analysts say" stays
        for x in c.subtree
    }
    if remark:
        rest = [t for t in words if t.i not in remark]
        if not any(t.dep_ in ("nsubj", "nsubjpass") for t in rest):  # the remark took the subject: a misparse
            return _upper_first(_tidy(doc[words[0].i : words[-1].i + 1].text))
        words = rest
    kept = {t.i for t in words}
    # A restrictive clause taken out as a fact of its own still says which thing is meant: "the 3,000
    # migrants who arrived last month have applied" keeps "who arrived last month" (not "The bridge, which ...").
    for t in doc[words[0].i : words[-1].i]:
        if t.i not in kept and t.dep_ in ("relcl", "acl") and t.head.i in kept and not comma_before(t):
            kept |= {x.i for x in t.subtree}
        elif t.i not in kept and t.dep_ == "appos" and t.ent_type_ == "PERSON" and t.head.i in kept:
            kept |= {x.i for x in t.subtree}  # "Its chief executive, Dr Sam Patel, resigned": who resigned
    kept |= _emptied_quotations(doc, kept)
    if len(kept) > len(words):
        words = [doc[i] for i in sorted(kept)]
    # A comma that bordered a clause taken out ("The bridge, which opened in 1931, is ...") goes with it.
    words = [t for t in words if not (t.text in _ASIDE_MARKS and (t.i - 1 not in kept or t.i + 1 not in kept))]
    body = _tidy(_join(words))
    alone = body  # the unit's own words, before anything is put back in front of them
    first = words[0]
    root = u.root
    # "which supporters say could cost $600 million": the relative clause is the reporting verb's
    relcl = root if root.dep_ == "relcl" else root.head if root.dep_ == "ccomp" and root.head.dep_ == "relcl" else None
    if root.dep_ == "relcl" and not any(t.lower_ in _RELATIVE or t.lower_ in ("where", "when") for t in words[:3]):
        # "a grain bin | he has not been able to afford to fill since August": a relative clause with no pronoun
        # leaves its noun's place empty ("He has not been able to afford to fill"): the sentence says it whole
        return _as_a_whole(doc)
    if relcl is not None and any(t.lower_ in _RELATIVE for t in words[:3]) and _unsure_antecedent(relcl):
        # "worked with 31 directors, most often the filmmaker Henrik Vestergaard, with whom she made 11 films",
        # "its plant in Aarhus, Denmark, which opened in 2023": the parse's antecedent may be the wrong one,
        # and a restatement on it would misstate the sentence: the sentence says what it says
        return _as_a_whole(doc)
    if first.lower_ in _RELATIVE and first.dep_ in ("nsubj", "nsubjpass") and relcl is not None:
        antecedent = _phrase(relcl.head, exclude=relcl)
        tail = body[len(first.text) :].lstrip()
        if first.i + 1 < len(doc) and (clitic := _clitic(doc[first.i + 1])) and tail.startswith(doc[first.i + 1].text):
            tail = clitic + tail[len(doc[first.i + 1].text) :]  # "Kissinger, who's one of his advisers": is
        body = f"{antecedent} {tail}" if antecedent else body
    elif (
        first.lower_ in ("which", "whom", "that")
        and first.dep_ == "dobj"
        and root.dep_ == "relcl"
        and first.head.i == root.i
        and subject(root) is not None
        and not any(t.pos_ == "VERB" for t in doc[first.i + 1 : root.i])  # a misparse leaves a verb between
    ):
        # "Meetup, which it acquired for $200 million": it acquired Meetup for $200 million
        antecedent = _phrase(root.head, exclude=root)
        upto = [t for t in words[1:] if t.i <= root.i]
        rest = [t for t in words[1:] if t.i > root.i]
        if antecedent and upto:
            body = _tidy(f"{_join(upto)} {_lower_first(antecedent)} {_join(rest)}")
    elif (
        relcl is not None
        and first.dep_ == "prep"
        and len(words) > 2
        and words[1].lower_ in ("which", "whom")
        and words[1].head.i == first.i
    ):
        # "the 2009 fraud, for which he served no time": he served no time for the 2009 fraud
        antecedent = _phrase(relcl.head, exclude=relcl)
        tail = _tidy(_join(words[2:]))
        body = f"{tail} {first.text} {_lower_first(antecedent)}" if antecedent else body
    elif (
        relcl is not None
        and (pron := next((t for t in words[:4] if t.lower_ in ("whom", "which") and t.dep_ == "pobj"), None))
        is not None
        and pron.head.lower_ == "of"
        and pron.head.head.i < pron.i
        and (antecedent := _phrase(relcl.head, exclude=relcl))
    ):
        if _unsure_antecedent(relcl):
            return _as_a_whole(doc)
        # "300 patients, half of whom received a placebo": half of the 300 patients received a placebo
        antecedent = _lower_first(antecedent)
        if antecedent[:1].isdigit() or antecedent[:1].islower() and antecedent.split(" ", 1)[0] not in _DETERMINERS:
            antecedent = "the " + antecedent
        body = _tidy(
            f"{_join([t for t in words if t.i < pron.i])} {antecedent} {_join([t for t in words if t.i > pron.i])}"
        )
    elif (
        root.dep_ == "acl"
        and root.tag_ == "VBN"
        and not any(c.dep_ in ("dobj", "dative") for c in root.children)  # ("killed 12 people" is no passive)
        and root.head.dep_ != "ROOT"  # (on a root noun it is the sentence's own verb, misread)
        and first.i == root.i
        and root.head.i < root.i
        and root.head.pos_ in ("NOUN", "PROPN")
        and (antecedent := _phrase(root.head, exclude=root))
    ):
        # "Acme, founded in 1984, makes ...": Acme was founded in 1984
        body = f"{antecedent} {_was(root.head)} {body}"
    elif first.lower_ == "whose" and relcl is not None and (antecedent := _phrase(relcl.head, exclude=relcl)):
        # "Anne Hale, whose family has worked the land for four generations": Anne Hale's family has ...
        owner_ = antecedent + ("'" if antecedent.endswith("s") else "'s")
        body = f"{owner_} {body[len(first.text) :].lstrip()}"
    elif first.lower_ == "when" and root.dep_ == "relcl" and _lasting(root.head):
        # "was closed for 14 months when engineers found 212 cracks": how long, not when (never "On 14 months")
        body = body[len(first.text) :].lstrip()
    elif first.lower_ == "when" and root.dep_ == "relcl" and root.head.ent_type_ in ("DATE", "TIME"):
        # "since 2009, when a banking rescue passed by four votes": in 2009, a banking rescue passed ...;
        # "on Monday evening when a ferry collided ...": on Monday evening, a ferry collided ...
        prep = (
            root.head.head.text.capitalize()
            if root.head.dep_ == "pobj" and root.head.head.lower_ in ("on", "at")
            else "At"
            if root.head.ent_type_ == "TIME" and _CLOCK.search(_phrase(root.head, exclude=root))
            else "On"
            if _a_day(root.head)
            else "In"
        )
        body = f"{prep} {_phrase(root.head, exclude=root)}, {body[len(first.text) :].lstrip()}"
    elif first.lower_ == "where" and root.dep_ == "relcl" and first.head.i == root.i:
        # "Toledo, where some 1,200 people lost their jobs": in Toledo, some 1,200 people lost their jobs
        if root.head.like_num or root.head.text == "%" or any(c.dep_ == "nummod" for c in root.head.children):
            # "raised its rate to 4%, where it had stood since July 2023": a level, no place ("In 4, it had ...")
            return _as_a_whole(doc)
        place = _phrase(root.head, exclude=root)
        body = f"In {_lower_first(place)}, {body[len(first.text) :].lstrip()}" if place else body
    elif (
        u.role == "phrase"
        and root.dep_ == "conj"
        and root.pos_ in ("NOUN", "PROPN")
        and is_verbal(root.head)
        and (verb := root.head).i < root.i
        and (done := _subject_of(verb)) is not None
        and done.i < verb.i
        and any(c.dep_ == "prep" and c.i > root.i for c in root.children)
        and not any(c.dep_ in ("relcl", "acl", "ccomp", "advcl", "xcomp", "conj") for c in root.children)
    ):
        # "Court appearances accounted for 16% of hours, and | special events for 11%": the verb the second
        # subject shares goes back in
        sharer = [t for t in words if t.i <= root.i]
        rest = [t for t in words if t.i > root.i]
        body = _tidy(f"{_join(sharer)} {_verb_phrase(verb)} {_join(rest)}")
    elif (
        u.role == "phrase"
        and root.dep_ == "conj"
        and (root.pos_ in ("NOUN", "PROPN", "NUM") or root.pos_ == "ADJ" and root.head.dep_ == "attr")
    ):
        # "Engineers replaced more than 3,800 rivets and | 1,200 tonnes of steel": the verb and subject again
        first_arg = root.head
        while first_arg.dep_ == "conj":
            first_arg = first_arg.head
        verb = first_arg.head
        if verb.pos_ in ("VERB", "AUX") and first_arg.dep_ in ("dobj", "attr", "pobj", "oprd"):
            start = verb.left_edge.i
            while start < first_arg.left_edge.i and doc[start].dep_ in ("mark", "cc", "punct"):
                start += 1  # "said that | Pyongyang has provided ...": the restatement starts at the subject
            end = first_arg.left_edge.i
            if any(c.dep_ == first_arg.dep_ and verb.i < c.i < first_arg.i for c in verb.children):
                # "includes $250 million in loans at 1.5 per cent, $180 million in subsidies, and | $175 million in
                # payments": the parser made two objects; the verb, not the other object, goes back in
                end = verb.i + 1
            lead = _tidy(doc[start:end].text)
            body = f"{lead} {body}" if lead else body
    elif (
        u.role == "phrase"
        and root.dep_ == "dobj"
        and is_verbal(root.head)
        and any(c.dep_ == "dobj" and c.i < root.i for c in root.head.children)
        # (an item of a list, not what the first object amounts to: "sold 30,154 cars, | the second-highest
        # volume of the year", "cut rates to 3.75%, | its first reduction since 2020", "| an increase of 41%")
        and root.lower_ not in _CHANGES
        and root.pos_ != "PROPN"
        and any(is_figure(t) for t in root.subtree)
        and not any(t.tag_ in _FINITE_TAGS for t in root.subtree)  # ("the Turkish club announced on Wednesday")
        and not any(
            c.dep_ in ("amod", "advmod") and (c.tag_ in ("JJS", "RBS") or c.ent_type_ == "ORDINAL")
            for c in root.subtree
        )
        and (subj := _subject_of(root.head)) is not None
        and subj.i < root.head.i
        and first.i == root.left_edge.i
    ):
        # "includes $250 million in loans ..., | $180 million in subsidies": a second object the parser gave the
        # verb is what the verb says again (never "$180 million in subsidies" alone)
        verb = root.head
        lead = _tidy(doc[subj.left_edge.i : verb.i + 1].text)
        body = f"{lead} {_lower_first(body) if first.pos_ != 'PROPN' else body}"
    elif (
        (subj := _subject_of(root)) is not None
        and subj.i not in kept
        and subj.i < root.i
        and u.role == "clause"
        and not _clitic(subj)  # "Let's remember ...": no "'s" in front
    ):
        # "Its fleet of roughly 400 jets | have been grounded since March": the subject is a claim of its own
        body = f"{_phrase(subj)} {body}"
    elif root.dep_ == "conj" and not is_verbal(root) and is_verbal(root.head) and (core := _core(root.head, first.i)):
        # "carried 4.2 million passengers in July, ..., but | still 8% fewer than in July 2019": no verb of its
        # own, so the sentence up to it, verbatim
        joint = ", " if doc[first.i - 1].text == "," else " "
        body = f"{core}{joint}{_lower_first(body) if first.pos_ != 'PROPN' else body}"
    elif (
        root.dep_ == "conj"
        and to_infinitive(root)
        and to_infinitive(root.head)
        and root.head.dep_ == "xcomp"
        and (core := _core(root.head.head, root.head.left_edge.i))
    ):
        # "ordered him to pay $43.8 million and | to forfeit a lakeside house": the order again (not after a
        # purpose: "committed $86 million to recruit officers and to build a unit" is no $86 million unit)
        body = f"{core} {body}"
    elif root.dep_ == "conj" and subject(root) is None:
        head, subj = _shared_subject(root.head)
        if subj is not None and _possessor(subj):
            # "The last attempt ..., Corliss Supermarkets' proposed $14 billion takeover of ..., | was abandoned":
            # a possessor read as the subject of a participle; the takeover was abandoned, not the company
            return _as_a_whole(doc)
        if subj is not None and subj.lower_ in _RELATIVE and head.dep_ == "relcl":
            # "the Ridge Fire, which burned 36,000 acres and | destroyed 412 homes": the fire destroyed them
            antecedent = _phrase(head.head, exclude=head)
            body = f"{antecedent} {body}" if antecedent else body
        elif subj is not None and to_infinitive(root) and head.i != root.head.i:
            # "was pushed back twice, first because of ... and | then to allow more time": the verb it shares is
            # not the one its subject was found on ("The network was then to allow ..." is no statement)
            return _as_a_whole(doc)
        elif subj is not None and not _clitic(subj) and to_infinitive(root) and not to_infinitive(head):
            # "have also promised a 20mph limit ... and | to plant 10,000 trees by 2026": a second thing promised
            # (never "The Greens to plant 10,000 trees"): the subject and the verb that governs it go back
            helpers = [t.text for t in head.lefts if t.dep_ in ("aux", "auxpass", "neg", "advmod")]
            body = " ".join([_phrase(subj), *helpers, head.text, body])
        elif subj is not None and not _clitic(subj):
            # "will begin April 15 and | be completed by June 28": the auxiliary both verbs share goes back too
            shared = [a.text for a in head.children if a.dep_ in ("aux", "auxpass") and a.i < head.i]
            verbs = sorted([root, *(c for c in root.children if c.dep_ in ("aux", "auxpass"))], key=lambda t: t.i)
            # ("be completed": no tense of its own; "was hired in 2010, when ..., and | promoted in 2015": a
            # participle with no object of its own is passive with the first, never "She promoted in 2015")
            bare = verbs[0].tag_ == "VB" or (
                verbs[0].i == root.i
                and root.tag_ == "VBN"
                and any(a.dep_ == "auxpass" for a in head.children)
                and not any(c.dep_ == "dobj" for c in root.children)
            )
            lead = " ".join([_phrase(subj), *(shared if bare and shared and first.i == root.left_edge.i else [])])
            body = f"{lead} {body}"
    elif (
        u.role == "phrase"
        and root.dep_ == "appos"
        and root.head.i < first.i == root.left_edge.i
        and comma_before(root)
        and (above := _verb_above(root.head)) is not None
        and (core := _core(above, first.i))
    ):
        # "Burglaries fell to 812, | a decline of 22%", "The latest estimate is $312 million, | nearly four times
        # as much": the sentence from its subject, then the apposition that says what the figure amounts to
        body = f"{core}, {_lower_first(body) if first.pos_ != 'PROPN' else body}"
    elif (
        u.role == "phrase"
        and root.dep_ == "appos"
        and root.pos_ == "NOUN"
        and comma_before(root)
        and first.i == root.left_edge.i
        and (head := root.head).pos_ in ("NOUN", "PROPN")
        and head.i < root.i
        and head.dep_ in ("nsubj", "nsubjpass")
        and not any(t.dep_ in ("cc", "conj") for t in (*root.subtree, *head.children))
        and head.ent_type_ not in ("GPE", "LOC")
        # (not "the budget, $4.1m, an increase of 20%": the figure's change, not what the budget is)
        and root.lower_ not in _CHANGES
        and (named := _phrase(head, exclude=root))
    ):
        # "Acme, | the largest carrier in the world, will cut 300 jobs": Acme is the largest carrier in the world
        # ("Emirates", a firm, is one; "People" are many)
        plural = head.tag_ == "NNS" and (head.is_lower or not head.lower_.endswith("s"))
        body = f"{named} {'are' if plural else 'is'} {_lower_first(body)}"
    elif (
        (u.role == "phrase" or u.role == "clause" and root.dep_ == "advcl")
        and (
            root.dep_ in ("prep", "advcl", "advmod", "npadvmod")
            or root.dep_ in ("dobj", "dep")
            and (
                root.tag_ in ("JJS", "RBS")
                # a ranked noun set off after the figure it ranks, which the parser made a second object: "took
                # 61 per cent of the vote, | the party's highest share anywhere in the city"
                or comma_before(root)
                and root.pos_ == "NOUN"
                and any(c.dep_ == "amod" and c.tag_ in ("JJS", "RBS") for c in root.children)
                and not lemma_in(root.head, REPORT_LEMMAS)  # (", Statistics Lundmark reported, the lowest ...")
            )
            # a second complement set off after the first: "was one of 14 house fires in 2023, | the highest annual
            # total in a decade" (of the count, not of the fire: the sentence up to it says so)
            or root.dep_ == "attr"
            and comma_before(root)
            and any(c.dep_ == "attr" and c.i < root.i for c in root.head.children)
        )
        and root.head.i < root.i
        and subject(root) is None
        and first.i == root.left_edge.i
        and (core := _core(root.head, first.i))
    ):
        # "in a 71-27 vote" of "The Senate on Tuesday confirmed Jane Doe in a 71-27 vote": the sentence
        # from its subject, then the phrase ("making it the most visited museum", "down from 466,140" too)
        joint = ", " if doc[first.i - 1].text == "," else " "  # as the sentence has it
        body = f"{core}{joint}{_lower_first(body) if first.pos_ != 'PROPN' else body}"
    if (
        body == alone
        and not any(t.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") for t in words)
        and (first.tag_ in _FINITE_TAGS or u.role == "phrase" and not any(t.tag_ in _FINITE_TAGS for t in words))
    ):
        # Nothing put back before words with no subject: the sentence says it, when they are a phrase with no finite
        # verb ("up from about 600 in 2019", "with 584 deaths", "a further 17 manufacturers") or start on one ("...
        # and a Proceeds of Crime Act hearing (read as a verb) ... | has been set for March 2026": never "Harrow
        # added that has been set")
        return _as_a_whole(doc)
    lead_words = body.lower().split()[:6]
    opener = lead_words[0] if lead_words else ""
    if (
        first.lower_ in _RELATIVE
        and first.dep_ != "mark"
        and first.tag_ in ("WDT", "WP", "WP$")  # (not the demonstrative "that means ...")
        and body.lower().startswith(first.lower_ + " ")
        # (or a subject put back that was one: "whose main theme sold ... and | spent nine weeks in the top 40")
        or opener in ("whose", "which", "whom", "who")
        and opener != first.lower_
        # (or one after "of": "the most expensive of which opened in October")
        or any(a == "of" and b in ("which", "whom") for a, b in zip(lead_words, lead_words[1:], strict=False))
    ):
        # a relative clause the parse left without its antecedent: the sentence says what it says
        return _as_a_whole(doc)
    # The body's first word keeps a capital only if it is a name: "the department said that engineers
    # replaced ...", "the review said that bleeding risk was ..." (a subject put back in front).
    opening = next((t for t in doc if not t.is_punct and not t.is_quote), first)
    for tok in (first, opening):
        common = tok.pos_ == "DET" or tok.pos_ != "PROPN" and tok.text != "I" and not tok.text.isupper()
        if common and body.startswith(tok.text + " ") or common and body == tok.text:
            body = body[:1].lower() + body[1:]
            break
    if u.speaker and u.own_words and _first_person(body):
        # '"I was there for 22 years," said Tom Reed': his words stay his ("Tom Reed said that I was there"
        # would make the reporter the one who was there)
        inner = body.translate(_INNER_QUOTES)  # a quotation inside the words set in quotation marks
        return _upper_first(f'{u.speaker} said: "{_upper_first(inner)}"')
    if u.verb is not None and (who := u.speaker or _unnamed(u.verb)):
        says = "said" if lemma_in(u.verb, _TELL) or u.verb.tag_ == "VBG" else _verb_phrase(u.verb)
        return _upper_first(f"{who} {says} that {body}")  # ("the company said, adding that ...": said)
    if u.speaker and u.speaker.lower() not in body.lower():
        return f"According to {_lower_first(u.speaker)}, {body}"
    heard = subject(u.verb) if u.verb is not None else None
    if u.verb is not None and heard is not None and heard.dep_ == "nsubjpass" and heard.pos_ != "PRON":
        # "the board was told the line will cost $3.4 billion": what it heard, not what the article says
        passive = [c.text for c in u.verb.children if c.dep_ in ("auxpass", "neg") and c.i < u.verb.i]
        return _upper_first(f"{_lower_first(_phrase(heard))} {' '.join([*passive, u.verb.text])} that {body}")
    return _upper_first(body)


def _unnamed(verb: Token) -> str | None:
    """ "he", "she" or "they" that says, when no one named is who ("he said the FBI was rigged" with no one named
    before it): who said it stays said (the article does not say it)."""
    pron = speaking_subject(verb)
    return pron.lower_ if pron is not None and pron.lower_ in _PERSONAL and pron.i < verb.i else None


_SPEAKER_WORDS = frozenset({"me", "my", "mine", "we", "we're", "we've", "we'd", "we'll", "our", "ours"})


#: Nouns of a change in a figure: an apposition of one describes a figure, not the thing it measures.
_CHANGES = wordset("increase decrease rise fall drop decline gain jump cut reduction loss surge growth climb dip")


def _verb_above(tok: Token) -> Token | None:
    """The verb whose argument ``tok`` is, through the nouns and prepositions above it, or None."""
    while not is_verbal(tok):
        if tok.dep_ not in ("dobj", "pobj", "attr", "prep", "appos", "npadvmod", "conj", "oprd") or tok.head.i == tok.i:
            return None
        tok = tok.head
    return tok


def _pronoun_source(verb: Token, ctx: Context) -> str | None:
    """The source a pronoun that reports stands for: "he said", the last named person who spoke ("they said": the
    last named speaker, unless that was one person; "Hendricks received about $58,000, he said": the person the
    clause is about); "it said", the source named just before, when no person ("the federal prosecutor's office
    said in a statement. ... The haul had an estimated street value of 315 million euros, it said")."""
    pron = speaking_subject(verb)
    if pron is None:
        return None
    if pron.lower_ == "they":
        return ctx.speaker if ctx.speaker != ctx.person else None
    if pron.lower_ in _PERSONAL:
        who = _person_reported_on(verb, ctx) or ctx.person
        want = "m" if pron.lower_ == "he" else "f"
        if who is not None and ctx.gender(who) not in (None, want):
            # '"Two years is a long time," she said' after Mark Feeney, whom the text has called "he": the last
            # woman named, when the text has said who is one (else no one: a wrong source misleads)
            who = next((p for p in reversed(ctx.people) if ctx.gender(p) == want), None)
        elif who is not None and ctx.gender(who) is None:
            ctx.genders[who.split()[-1]] = want  # ("He said the work could take two years" after Feeney: a man)
        return who
    if (
        pron.lower_ == "it"
        and ctx.speaker is not None
        and ctx.sentence - ctx.speaker_at <= 1
        and (ctx.speaker != ctx.person or ctx.speaker.lower().startswith("the "))
    ):
        # (a description a "he" could be, that "it" says is none: "the airport operator said ... , it said")
        return ctx.speaker
    return None


#: What says a person is a man or a woman: a courtesy title before the name, a noun of a role or kin.
_GENDERED = {
    **dict.fromkeys(
        wordset(
            "mr mr. sir lord spokesman chairman councilman congressman businessman father son "
            "husband brother grandfather uncle boyfriend king prince"
        ),
        "m",
    ),
    **dict.fromkeys(
        wordset(
            "mrs mrs. ms ms. miss dame lady spokeswoman chairwoman councilwoman congresswoman "
            "businesswoman mother daughter wife sister grandmother aunt widow girlfriend queen "
            "princess"
        ),
        "f",
    ),
}
_PRONOUN_GENDER = {
    "he": "m",
    "him": "m",
    "his": "m",
    "himself": "m",
    "she": "f",
    "her": "f",
    "hers": "f",
    "herself": "f",
}


def _learn_genders(sent: Span, ctx: Context, quoted: list[bool]) -> None:
    """What the sentence says of whether the people it names are men or women: "Ms Okafor", "Councilwoman Theresa
    Vukovich", "his wife, Loretta Ennis", and for the one person a sentence names as a subject, the pronouns of
    her clause outside quotations ("Marcus Feld told council members that he did not expect any layoffs").
    Evidence both ways leaves it unknown."""
    doc = sent.doc
    people = [e for e in sent.ents if e.label_ == "PERSON" or e[0].lower_ in _GENDERED]  # ("Councilwoman X": an ORG)
    for e in people:
        root = e.root
        # (the words before the name that qualify it, not "the son of | Maria Lopez")
        near = [t for t in doc[max(sent.start, e.start - 3) : e.start] if e.start <= t.head.i < e.end] + [e[0]]
        if root.dep_ == "appos":
            near += [root.head, *root.head.lefts]
        near += [t for c in root.children if c.dep_ == "appos" for t in c.subtree]
        found = {_GENDERED[t.lower_] for t in near if t.lower_ in _GENDERED}
        if len(people) == 1 and root.dep_ == "nsubj" and not found:
            found = {
                _PRONOUN_GENDER[t.lower_]
                for t in root.head.subtree
                if t.lower_ in _PRONOUN_GENDER and not (t.idx - doc[0].idx < len(quoted) and quoted[t.idx - doc[0].idx])
            }
        if len(found) == 1:
            surname = e[-1].text
            known = ctx.genders.get(surname)
            ctx.genders[surname] = found.pop() if known in (None, *found) else "?"


def _person_reported_on(verb: Token, ctx: Context) -> str | None:
    """The person a clause before a closing "he said" is about, when it names one as (or in) its subject and
    quotes no one: "Hendricks received about $58,000, he said", "None of Hendricks' neighbors has sold, he said"
    (the reporter is telling what that person told them)."""
    if any(t.is_quote for t in verb.doc):
        return None
    host = (
        verb.head
        if verb.dep_ == "parataxis" and verb.head.i < verb.i
        else next((c for c in verb.children if c.dep_ in ("ccomp", "parataxis") and c.i < verb.i), None)
    )
    subj = subject(host) if host is not None else None
    if subj is None:
        return None
    for t in subj.subtree:
        if t.ent_type_ == "PERSON" and t.ent_iob_ == "B" or t.text in ctx.surnames:
            ent = entity_at(t)
            return person_name(ent) if ent is not None and ent.label_ == "PERSON" else t.text
    return None


def _possessor(noun: Token) -> bool:
    """A noun with a possessive ending ("Corliss Supermarkets'", "the city's"): it owns a thing, it does nothing."""
    return any(c.dep_ == "case" and c.tag_ == "POS" for c in noun.children)


def _emptied_quotations(doc: Doc, kept: set[int]) -> set[int]:
    """The words of each quotation whose marks ``kept`` holds but none of its words: 'Tomasek called the
    statement \u201ca fantasy.\u201d' is never restated as 'called the statement \u201c.\u201d' (what he called it
    was split off as a phrase)."""
    back: set[int] = set()
    opened: int | None = None
    for i in sorted(kept):
        mark = doc[i].text
        if mark not in ('"', "\u201c", "\u201d"):
            continue
        if mark == "\u201c" or mark == '"' and opened is None:
            opened = i
        elif opened is not None:
            if i - opened > 1 and not any((doc[k].is_alpha or doc[k].like_num) for k in kept if opened < k < i):
                back.update(range(opened + 1, i))
            opened = None
    return back


def _as_a_whole(doc: Doc) -> str:
    """The sentence as written, as a restatement: with no source put before it ("Supporters say that the council
    did not vote ..." would give them all of it)."""
    return _upper_first(_tidy(_text(doc).strip().rstrip(".!")))


def _unsure_antecedent(relcl: Token) -> bool:
    """Whether the noun the parser hung a relative clause on may not be the one it is about: another noun
    stands between them ("31 directors, most often the filmmaker Henrik Vestergaard, | with whom ..."), or it
    ends a phrase of another noun ("a protest by the Jamaican team, | which was rejected by the referee": the
    protest was; "its plant in Aarhus, Denmark, | which opened in 2023": the plant did)."""
    head, doc = relcl.head, relcl.doc
    if any(doc[i].pos_ in ("NOUN", "PROPN") for i in range(head.i + 1, relcl.left_edge.i)):
        return True
    if (
        relcl.left_edge.lower_ in ("who", "whom")
        and not comma_before(relcl.left_edge)
        and head.ent_type_ in ("ORG", "GPE", "FAC", "LOC")
    ):
        return True  # "a researcher at the Warsaw Institute for Asian Studies | who was born in Hanoi": she was
    if (
        relcl.left_edge.lower_ in ("who", "whom")
        and head.dep_ == "pobj"
        and (
            head.ent_type_ in ("GPE", "FAC", "LOC", "DATE", "TIME")
            or head.head.lower_ == "from"
            and head.head.head.pos_ == "NOUN"  # (the town the recogniser took for a person: "from Norwich")
        )
    ):
        return True  # "a retired headteacher from Brighton, | who was conned out of £212,000": no place is "who"
    if relcl.left_edge.lower_ == "which" and head.ent_type_ in ("DATE", "TIME") and head.pos_ in ("PROPN", "NUM"):
        return True  # "the 4% pay award announced in May, | which schools were told to part-fund": the award
    if (
        comma_before(relcl.left_edge)
        and head.dep_ in ("dobj", "pobj")
        and any(a.dep_ == "relcl" for a in head.ancestors)
    ):
        # "drugs that target the same hormone, | none of which has completed a trial": the drugs, maybe
        return True
    whole = phrase_of_another(head)
    if whole is None or not comma_before(relcl.left_edge) or animacy_settles(relcl.left_edge, head, whole):
        # (a person named after "of" is whom "who" means: "the estate of Helen Vasquez, who died ...")
        return False
    # Sure when the clause's verb agrees with the noun it hangs on and not with the other: "his 30th opponent for
    # the Lakers, who have won 12 of 13" (the Lakers have)
    # (only when the pronoun is the clause's subject: "which LART is disputing" agrees with LART)
    number = _plural_verb(relcl) if relcl.left_edge.dep_ in ("nsubj", "nsubjpass") else None
    return number is None or number != _plural_noun(head) or number == _plural_noun(whole)


def _plural_verb(clause: Token) -> bool | None:
    """Whether a clause's finite verb is plural ("have", "were"), singular ("has", "was"), or says nothing ("fell")."""
    for t in (*[c for c in clause.children if c.dep_ in ("aux", "auxpass")], clause):
        if t.lower_ in ("was", "has", "is", "does") or t.tag_ == "VBZ":
            return False
        if t.lower_ in ("were", "have", "are", "do") or t.tag_ == "VBP":
            return True
    return None


def _plural_noun(noun: Token) -> bool:
    return noun.tag_ in ("NNS", "NNPS") or noun.ent_type_ == "ORG" and noun.text.endswith("s")


_CLOCK = re.compile(r"\d[:.]\d\d|\b[ap]\.?m\b|o'clock|\bnoon\b|\bmidnight\b", re.IGNORECASE)


def _lasting(noun: Token) -> bool:
    """ "for 14 months", "three years": a span of time, how long something lasted, not when it happened."""
    if noun.dep_ == "pobj" and noun.head.lower_ == "for":
        return True
    return noun.dep_ != "pobj" and noun.tag_ == "NNS" and [c.dep_ for c in noun.children if c.i < noun.i] == ["nummod"]


def _a_day(tok: Token) -> bool:
    """A date that names a day ("Sept. 4", "Monday", "June 19, 2024"): "on" it, not "in" it."""
    near = [t for t in tok.subtree if not t.is_punct] + [tok]
    return any(t.lower_ in dates.WEEKDAYS for t in near) or any(
        t.like_num and len(t.text) <= 2 and t.ent_type_ == "DATE" for t in near
    )


def _was(noun: Token) -> str:
    """The past of "be" for a noun as subject ("Acme was founded", "The plants were built")."""
    return "were" if noun.tag_ in ("NNS", "NNPS") else "was"


def _first_person(text: str) -> bool:
    """Whether a speaker's words say "I" or "we" (never "US", the country)."""
    words = re.findall(r"[\w']+", text.replace("\u2019", "'"))
    return any(w in ("I", "I'm", "I've", "I'd", "I'll", "us") or w.lower() in _SPEAKER_WORDS for w in words)


def _core(verb: Token, upto: int) -> str | None:
    """The sentence from the subject of ``verb`` up to token ``upto`` (a phrase split off it), verbatim:
    "The Senate on Tuesday confirmed Jane Doe" before "in a 71-27 vote". None when the verb has no plain
    subject before it, or a break (";", ":", a dash) lies between."""
    if (
        not is_verbal(verb)
        or verb.dep_ in ("relcl", "acl")
        or any(c.dep_ == "mark" and c.lower_ != "that" for c in verb.children)
    ):
        # ("a commission he appointed in February | to make ...": what he appointed is elsewhere; "when he took
        # office in 1967, | to $10.2 billion": a misparse inside a subordinate clause)
        return None
    # ("Acme makes parts for 70% of turbines and employs 9,000 people | in 12 countries": the first verb's subject)
    shared, subj = _shared_subject(verb)
    if subj is None or not subj.i < verb.i < upto or _clitic(subj) or shared.dep_ in ("relcl", "acl"):
        return None
    if any(t.lower_ in _RELATIVE for t in subj.subtree):
        return None  # "whose sales have been badly hit": no statement from a relative pronoun on
    # A place or a time set before the subject qualifies the fact: "In Northgate the Greens took 61 per cent of
    # the vote" is not the Greens' share everywhere (an "according to" is the source's, said apart).
    start = min(
        [subj.left_edge.i]
        + [c.left_edge.i for c in verb.lefts if c.dep_ in ("prep", "npadvmod") and c.lower_ != "according"]
    )
    span = verb.doc[start:upto]
    if any(t.text in BREAKS for t in span) or len(span) < 2:
        return None
    return _tidy(span.text)


def _shared_subject(verb: Token) -> tuple[Token, Token | None]:
    """The verb whose subject ``verb`` has, and that subject, up the chain of conjuncts: "He spent nine days in
    hospital, underwent three surgeries and | received 68 stitches" (from "underwent" to "spent", "He")."""
    subj = _subject_of(verb)
    while subj is None and verb.dep_ == "conj" and verb.head.i < verb.i and is_verbal(verb.head):
        verb = verb.head
        subj = _subject_of(verb)
    return verb, subj


def _clitic(tok: Token) -> str | None:
    """The word a contracted auxiliary stands for once its pronoun is replaced ("who's" -> "is"/"has")."""
    low = tok.lower_.replace("\u2019", "'")
    if low == "'s":
        nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
        perfect = nxt is not None and (nxt.lower_ in ("been", "got") or nxt.tag_ == "VBN" and tok.dep_ == "aux")
        return "has" if perfect else "is"  # "who's been", "who's won" / "who's one of", "who's being"
    return {"'re": "are", "'ve": "have", "'ll": "will"}.get(low)


def _join(words: list[Token]) -> str:
    """Tokens as text, with a space wherever tokens between them were left out."""
    out: list[str] = []
    for t, nxt in zip(words, [*words[1:], None], strict=False):  # no words: ""
        out.append(t.text)
        out.append(t.whitespace_ if nxt is not None and nxt.i == t.i + 1 else " ")
    return "".join(out)


def _tidy(text: str) -> str:
    """Text joined from tokens around a hole: no doubled commas, no space before a comma."""
    text = _HOLES.sub(",", _EMPTY.sub("", " ".join(text.split())))
    if "(" in text or ")" in text:
        text = _HOLES.sub(",", _balanced(text))  # "The walkout, ), was" -> "The walkout, was"
    if "\u201c" in text or "\u201d" in text or text.count('"') == 1:
        text = _quotation_closed(text)
    return _LOOSE.sub(r"\1", text).strip(" ,")


def _quotation_closed(text: str) -> str:
    """A quotation a restatement ends (or starts) inside of is closed (or opened) there: 'the company
    \u201chas been cooperating fully with BaFin\u201d' keeps the mark of the speaker's own words."""
    depth = opened = 0
    for ch in text:
        if ch == "\u201c":
            depth += 1
        elif ch == "\u201d":
            if depth:
                depth -= 1
            else:
                opened += 1
    text = "\u201c" * opened + text.rstrip(" ,") + "\u201d" * depth
    if text.count('"') == 1:  # a lone straight mark opens a quotation (after a space) or closes one
        last = text.index('"')
        text = text + '"' if last == 0 or text[last - 1] == " " else '"' + text
    return text


def _balanced(text: str) -> str:
    """Text without a bracket whose other half went with a left-out aside ("the facility ( to 5.50 per cent")."""
    opened: list[int] = []
    drop: set[int] = set()
    for i, ch in enumerate(text):
        if ch == "(":
            opened.append(i)
        elif ch == ")":
            if opened:
                opened.pop()
            else:
                drop.add(i)
    drop.update(opened)
    if not drop:
        return text
    return " ".join("".join(ch for i, ch in enumerate(text) if i not in drop).split())


_ASIDE_MARKS = frozenset({",", ";", "\u2013", "\u2014", "--"})
_HONORIFICS = "Dr|Mr|Mrs|Ms|Prof|Sir|Dame"
_HONORIFIC = re.compile(rf"^(?:{_HONORIFICS})\.?(?=\s|,|$)|\s+(?:{_HONORIFICS})\.?$")
#: A rank written short before the name, left alone before the apposition: "Gen., chairman of the Joint Chiefs".
_LONE_RANK = re.compile(r"^[A-Z][a-z]{1,4}\.\s*,\s*(?=[a-z])")  # (not "Rep., R-W.Va": the party is no job)
_INNER_QUOTES = str.maketrans({'"': "'", "\u201c": "\u2018", "\u201d": "\u2019"})
_HOLES = re.compile(r"(?:\s*,){2,}")
#: A quotation mark standing alone between words: what it opened or closed was left out.
_STRANDED = re.compile(r'(?<=[\w,]) ["\u201c\u201d](?: (?=\w)|,)')
#: Brackets or quotation marks left with nothing between them where an aside was left out: "a power
#: purchase agreement (PPA) with" -> "a power purchase agreement with", never "agreement ( ) with".
_EMPTY = re.compile(r"\s*(?:\(\s*\)|\[\s*\]|\u201c[\s,]*\u201d|\u2018[\s,]*\u2019|(?<!\S)\"[\s,]*\")(?=[\s,.;:]|$)")
_LOOSE = re.compile(r"\s+([,.;:])")


def _phrase(tok: Token, exclude: Token | None = None) -> str:
    skip = {t.i for t in exclude.subtree} if exclude is not None else set()
    for c in tok.rights:  # a verb set off after it is none of the name ("The storm, ..., killed 12 people")
        if c.dep_ == "acl" and comma_before(c) and c.tag_ in ("VBD", "VBN", "VBZ"):
            skip |= {t.i for t in c.subtree}
    # (a mark inside a word is no aside: "The 58-year-old", never "The 58-year old")
    words = [t for t in tok.subtree if t.i not in skip and (not is_aside(t, tok, deep=False) or inside_word(t))]
    while words and words[-1].is_punct:
        words = words[:-1]
    while words and words[0].is_punct:
        words = words[1:]
    return _tidy(_join(words))  # a space wherever tokens were left out: never "Harrimanand"


def _verb_phrase(verb: Token) -> str:
    aux = [c for c in verb.children if c.dep_ in ("aux", "neg") and c.i < verb.i]
    return " ".join([_clitic(a) or a.text for a in aux] + [verb.text])  # "Sanders 've said" -> "have said"


def _lower_first(text: str) -> str:
    """ "A structural engineer" -> "a structural engineer" after "X is"; names keep their capital."""
    word = text.split(" ", 1)[0]
    if word[:1].isupper() and word.lower() in _DETERMINERS:
        return word.lower() + text[len(word) :]
    return text


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:] if text[:1].islower() else text


_DETERMINERS = wordset("the a an its this that these those our his her their")


def _claim(
    s0: int,
    doc: Doc,
    a: int,
    b: int,
    kind: str,
    values: dict[str, Any],
    prob: SentenceScore,
    speaker: str | None,
    text: str,
) -> Claim:
    b = _closed(_text(doc), a, b)
    quote = _text(doc)[a:b]
    p = prob.value
    vague = bool(values.get("lower_bound"))
    s = score.claim_score(kind, quote, p, attributed=speaker is not None, vague=vague)
    reason = f"{kind}" + (f", attributed to {speaker}" if speaker else "") + f"; sentence check-worthiness {p:.2f}"
    return Claim(
        quote=quote,
        start=s0 + a,
        end=s0 + b,
        sentence=_text(doc).strip(),
        text=_as_written(doc, " ".join(text.split())),
        kind=kind,
        score=s,
        reason=reason,
        values=values,
        speaker=_as_written(doc, speaker) if speaker else speaker,
    )


def _as_written(doc: Doc, text: str) -> str:
    """Text made of the parse's tokens with the sentence's own apostrophes (the parse reads them straight)."""
    original = _text(doc)
    if "'" not in text or "\u2019" not in original:
        return text
    # Word by word: the sentence may hold both marks ("hasn\u2019t ... 'meth'").
    low = original.lower()
    return _WORD_APOSTROPHE.sub(
        lambda m: m[0].replace("'", "\u2019") if m[0].replace("'", "\u2019").lower() in low else m[0], text
    )


_WORD_APOSTROPHE = re.compile(r"\w+'\w*|(?<=[sS])'")


__all__ = ["Context", "SentenceScore", "name_of", "sentence_claims"]

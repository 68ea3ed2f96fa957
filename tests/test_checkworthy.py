"""Tests of the check-worthiness sentence model (claims.checkworthy)."""

from __future__ import annotations

import csv
import importlib.util
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claims.checkworthy import THRESHOLD, load_model, margin, read_model, save_model, sentence_score, sentence_scores
from claims.checkworthy.features import char_grams, featurise
from claims.extract import score
from claims.extract.parse import parse
from tests.conftest import need_shared

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
DEV_TEST = SHARED / "eval" / "checkthat2024" / "CT24_checkworthy_english_dev-test.tsv"

POSITIVE = [
    "Unemployment fell to 3.9% in March, the lowest rate since 2001, the Labor Department said.",
    "The city spent $4.2 million on the new bridge, twice the original budget.",
    "Crime in the county has risen by 20 percent over the last five years.",
    "The company reported a record profit of 12 billion dollars in 2023.",
    "More than 40,000 people were evacuated from the coastal towns on Tuesday, officials said.",
    "The senator voted against the bill three times.",
]
NEGATIVE = [
    "Leave a Reply",
    "Photo: Getty Images",
    "Thank you very much, it's great to be here tonight.",
    "What do you think we should do about it?",
    "I think we will do a great job together.",
    "Good evening everyone.",
    "Sign up for our newsletter",
]


def test_model_loads_from_package() -> None:
    weights, bias = load_model()
    assert len(weights) > 1000 and isinstance(bias, float)
    assert load_model()[0] is weights  # cached


def test_model_file_round_trip(tmp_path: Path) -> None:
    doc = {
        "bias": -0.25,
        "weights": {"w:rose": 1.5, "b:rose 12": -0.0625, " $ 0": 0.6243, "w:caf\u00e9": 1e-300},
        "trained_on": "made-up rows",
    }
    save_model(doc, tmp_path / "m.gz")
    back = read_model((tmp_path / "m.gz").read_bytes())
    assert back["weights"] == doc["weights"] and list(back["weights"]) == sorted(doc["weights"])
    assert back["bias"] == -0.25 and back["trained_on"] == "made-up rows" and back["format"] == 2
    save_model({"bias": 0.0, "weights": {}}, tmp_path / "empty.gz")
    assert read_model((tmp_path / "empty.gz").read_bytes())["weights"] == {}
    with pytest.raises(ValueError, match="line break"):
        save_model({"bias": 0.0, "weights": {"a\nb": 1.0}}, tmp_path / "bad.gz")


def test_model_file_of_another_format_is_refused() -> None:
    import gzip

    with pytest.raises(ValueError, match="format 1"):
        read_model(gzip.compress(b'{"format":1,"bias":0}\n'))


def test_scores_in_unit_interval() -> None:
    for s in [*POSITIVE, *NEGATIVE, "", "   ", "?", "0" * 500, "x" * 10_000]:
        assert 0.0 <= sentence_score(s) <= 1.0
    assert sentence_scores(POSITIVE[:2]) == [sentence_score(s) for s in POSITIVE[:2]]


def _with_parse(sentences: list[str]) -> list[float]:
    """Scores as the extractor computes them: the text and its parse features."""
    return [score.sentence_score(s, doc) for s, doc in zip(sentences, parse(sentences), strict=True)]


def test_obvious_examples_rank_correctly() -> None:
    pos = _with_parse(POSITIVE)
    neg = _with_parse(NEGATIVE)
    assert min(pos) > max(neg), (pos, neg)
    assert all(p >= THRESHOLD for p in pos), pos
    assert all(n < THRESHOLD for n in neg), neg


def test_no_train_serve_skew() -> None:
    spec = importlib.util.spec_from_file_location("train_cw", REPO / "bench" / "train_checkworthy.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    assert mod.featurise is featurise
    weights, bias = load_model()
    texts = POSITIVE + NEGATIVE
    for s, doc in zip(texts, parse(texts), strict=True):
        extra = score.parse_features(doc)
        for x in ((), extra):
            dense = bias + sum(weights.get(f, 0.0) * v for f, v in featurise(s, x).items())
            assert abs(dense - margin(s, x)) < 1e-9
            assert abs(mod.margin(weights, bias, featurise(s, x)) - margin(s, x)) < 1e-9


def test_parse_features() -> None:
    docs = list(
        parse(
            [
                "Unemployment did not fall to 3.9% in March, the Labor Department said.",
                "I think we will cut taxes by 20 percent next year.",
                "What did you do?",
            ]
        )
    )
    said, think, question = (set(score.parse_features(d)) for d in docs)
    assert {"p:ent=PERCENT", "p:ent=DATE", "p:ent=ORG", "p:num", "p:neg", "p:tense=past"} <= said
    assert {"p:subj=propn", "p:ctense=past", "p:csubj=noun", "p:pos=NUM", "p:pp=NUM_NOUN"} <= said
    assert "p:question" not in said and "p:neg" not in think
    assert {"p:subj=1st", "p:tense=present", "p:ctense=future", "p:ent=PERCENT"} <= think
    assert {"p:question", "p:wh", "p:subj=2nd"} <= question
    assert all(f.startswith("p:") for f in said | think | question)
    assert score.parse_features(next(parse([" "]))) == []


def _naive_char_grams(toks: list[str]) -> set[str]:
    """The definition: every 3..5-gram of the stream " t1 t2 ... " (what the model was trained on)."""
    stream = " " + " ".join(toks) + " "
    return {stream[i : i + n] for n in (3, 4, 5) for i in range(len(stream) - n + 1)}


@settings(max_examples=400, deadline=None)
@given(st.lists(st.text(alphabet="ab1$'", min_size=1, max_size=6), max_size=12))
def test_memoised_char_grams_equal_the_definition(toks: list[str]) -> None:
    # Short tokens are the hard case: a 5-gram can span three of them ("f a b").
    assert char_grams(toks) == _naive_char_grams(toks)


def test_memoised_margin_equals_the_dense_dot_product_on_dev_test() -> None:
    weights, bias = load_model()
    parse_names = sorted(f for f in weights if f.startswith("p:"))
    for i, (text, _) in enumerate(_dev_test_rows()):
        # Extra features without spaCy here: a varying slice of the model's parse features and an unknown one.
        extra = [*parse_names[i % 7 :: 5], "p:unknown", parse_names[0] if parse_names else "p:x"]
        for x in ((), extra):
            dense = bias + sum(weights.get(f, 0.0) * v for f, v in featurise(text, x).items())
            assert abs(dense - margin(text, x)) < 1e-9, text


def _dev_test_rows() -> list[tuple[str, bool]]:
    with need_shared(DEV_TEST).open(encoding="utf-8", newline="") as f:
        rows = csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
        return [(r["Text"].strip('"'), r["class_label"].strip().lower() == "yes") for r in rows]


def test_f1_on_dev_test() -> None:
    rows = _dev_test_rows()
    texts = [text for text, _ in rows]
    said = [p >= THRESHOLD for p in _with_parse(texts)]
    tp = sum(s and g for s, (_, g) in zip(said, rows, strict=True))
    fp = sum(s and not g for s, (_, g) in zip(said, rows, strict=True))
    fn = sum(g and not s for s, (_, g) in zip(said, rows, strict=True))
    f1 = 2 * tp / (2 * tp + fp + fn)
    print(f"dev-test F1 {f1:.3f} (tp {tp} fp {fp} fn {fn})", file=sys.stderr)
    assert f1 >= 0.75


def test_the_extractor_passes_the_parse_features() -> None:
    text = POSITIVE[0]
    doc = next(parse([text]))
    assert score.sentence_score(text, doc) == sentence_score(text, score.parse_features(doc))
    assert score.sentence_score(text) == sentence_score(text)


def test_the_classifier_imports_no_spacy() -> None:
    import subprocess

    code = "import sys, claims.checkworthy as c; c.sentence_score('Taxes rose 3%.', ['p:num']); print('spacy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO)
    assert out.stdout.strip() == "False"

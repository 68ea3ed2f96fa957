"""The extractor's fast paths (whole-sentence arrays in place of per-token Python) equal their plain definitions."""

from __future__ import annotations

from functools import lru_cache

from claims.extract import parse
from tests.test_parse import texts


@lru_cache(maxsize=1)
def docs() -> list:  # type: ignore[type-arg]
    """The parsed sentences of the sample and dev articles, and the tricky ones."""
    return list(parse.parse(texts()))


def _negated(tok) -> bool:  # type: ignore[no-untyped-def]
    """A token's negation as the rules first read it, a ``Token`` and its children at a time (the reference)."""
    from claims.extract.candidates import HOW_OFTEN, NEG_WORDS, asserts

    def denies(c) -> bool:  # type: ignore[no-untyped-def]
        return (
            c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == "no") or (c.dep_ == "preconj" and c.lower_ == "neither")
        ) and not asserts(c)

    if asserts(tok):
        return False  # "not only": no negation, and nothing it negates
    if tok.lower_ in NEG_WORDS:
        return True
    return any(denies(c) for c in tok.children) or any(
        c.dep_ == "advmod" and c.lower_ in HOW_OFTEN and any(denies(g) for g in c.children) for c in tok.children
    )


def test_negation_flags_are_each_tokens_own() -> None:
    from claims.extract.candidates import _negation_flags

    for doc in docs():
        assert _negation_flags(doc) == [_negated(t) for t in doc], doc.text


def test_each_sentence_reaches_the_claims_with_its_text(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from claims.extract import engine
    from claims.sources import load_article
    from tests.conftest import EXAMPLE

    seen = []
    real = engine.sentence_claims

    def keep(doc, s0, ctx, qspans):  # type: ignore[no-untyped-def]
        seen.append((doc.user_data["text"], doc.text, s0))
        return real(doc, s0, ctx, qspans)

    monkeypatch.setattr(engine, "sentence_claims", keep)
    text = load_article(str(EXAMPLE)).text
    engine.rule_claims(text)
    assert seen
    for kept, built, s0 in seen:
        assert kept == text[s0 : s0 + len(kept)] and len(kept) == len(built)


def test_sentence_starts_are_each_tokens_sentence() -> None:
    from claims.extract.candidates import _sent_start

    for doc in docs():
        assert [_sent_start(t) for t in doc] == [t.sent.start for t in doc], doc.text


def _parse_features_by_token(doc) -> list[str]:  # type: ignore[no-untyped-def]
    """``score.parse_features`` as it read each ``Token``'s attributes (its first form, the reference)."""
    from claims.extract.score import root_features

    toks = [t for t in doc if not t.is_space]
    if not toks:
        return []
    feats = {"p:ent=" + e.label_ for e in doc.ents}
    feats.add(f"p:ents={min(len(doc.ents), 3)}")
    pos = [t.pos_ for t in toks]
    feats.update("p:pos=" + p for p in pos)
    feats.update(f"p:pp={a}_{b}" for a, b in zip(["<s>", *pos], [*pos, "</s>"], strict=True))
    feats.update(root_features(next(iter(doc.sents)).root))  # token-based in both: not what is compared
    deps = {t.dep_ for t in toks}
    if "nsubjpass" in deps or "auxpass" in deps:
        feats.add("p:passive")
    if any(t.like_num or t.pos_ == "NUM" for t in toks):
        feats.add("p:num")
    if "neg" in deps or any(t.lower_ in ("no", "never", "none", "nobody", "nothing") for t in toks):
        feats.add("p:neg")
    if toks[-1].text == "?" or (len(toks) > 1 and toks[-2].text == "?"):
        feats.add("p:question")
    if toks[0].tag_ in ("WDT", "WP", "WP$", "WRB"):
        feats.add("p:wh")
    return sorted(feats)


def test_parse_features_from_arrays_are_those_of_the_tokens() -> None:
    from claims.extract.score import parse_features

    extra = list(parse.parse(["Was it?", "No one came ?  ", "   ", "Which of the 3 did they never pass?"]))
    for doc in docs() + extra:
        assert parse_features(doc) == _parse_features_by_token(doc), doc.text


def test_per_token_memos_answer_as_the_functions_do() -> None:
    from claims.extract.candidates import hedge_of, is_figure

    for doc in docs():
        for t in doc:
            assert (hedge_of(t), is_figure(t)) == (hedge_of.__wrapped__(t), is_figure.__wrapped__(t)), t.text
            assert (hedge_of(t), is_figure(t)) == (hedge_of.__wrapped__(t), is_figure.__wrapped__(t)), t.text


def test_any_negated_is_any_token_negated() -> None:
    from claims.extract.candidates import any_negated, is_negated

    for doc in docs():
        for a in range(len(doc)):
            for b in range(a + 1, min(len(doc), a + 12) + 1):
                assert any_negated(doc, a, b) == any(is_negated(t) for t in doc[a:b]), (doc.text, a, b)

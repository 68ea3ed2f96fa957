"""Tests of claims.memo: the per-word caches of the hot paths stay correct and bounded."""

from __future__ import annotations

import random

import pytest

import claims.checkworthy as cw
from claims.checkworthy import features, margin
from claims.memo import Memo, trim


def test_memo_computes_once_and_trims_past_its_limit() -> None:
    calls: list[str] = []
    memo: Memo[str, int] = Memo(lambda w: calls.append(w) or len(w), limit=3)
    assert list(map(memo.__getitem__, ["a", "bb", "a", "ccc"])) == [1, 2, 1, 3]
    assert calls == ["a", "bb", "ccc"]
    trim([memo])
    assert len(memo) == 3  # at the limit: kept
    memo["dddd"]
    trim([memo])
    assert len(memo) == 0 and memo["bb"] == 2


def test_scoring_keeps_every_memo_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    memos = [*cw._SCORE_MEMOS, *features.MEMOS]
    for memo in memos:
        monkeypatch.setattr(memo, "limit", 50)
    rng = random.Random(7)
    before = margin("The council spent 42 million dollars on roads in 2023.")
    for _ in range(200):  # a stream of new words, as years of news would bring
        words = ["".join(rng.choice("abcdefghij") for _ in range(rng.randint(1, 9))) for _ in range(12)]
        margin(" ".join(words) + ".")
        assert all(len(memo) <= 50 + 40 for memo in memos)  # trimmed before each sentence
    assert margin("The council spent 42 million dollars on roads in 2023.") == pytest.approx(before, abs=1e-12)

"""``Memo``: a bounded dict that computes missing values, for per-word work on hot paths.

News repeats its words, so work done per distinct word (a flag, a token's character grams,
its weights) is done once and then looked up: ``any(map(memo.__getitem__, words))`` runs
at C speed.  Each memo empties itself past ``limit`` entries (``trim``), so a server that
reads years of news keeps a bounded cache.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, TypeVar

K = TypeVar("K")
V = TypeVar("V")

__all__ = ["Memo", "trim"]


class Memo(dict[K, V]):
    """A dict that computes a missing value with ``fn`` and keeps it."""

    def __init__(self, fn: Callable[[K], V], limit: int = 100_000) -> None:
        super().__init__()
        self.fn = fn
        self.limit = limit

    def __missing__(self, key: K) -> V:
        value = self[key] = self.fn(key)
        return value


def trim(memos: Iterable[Memo[Any, Any]]) -> None:
    """Empty each memo that has grown past its limit (cheap: call it once per sentence)."""
    for memo in memos:
        if len(memo) > memo.limit:
            memo.clear()

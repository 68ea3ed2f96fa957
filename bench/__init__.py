"""Benchmarks of the claims tool, run by hand (``python -m bench``); figures in ``RESULTS.md``."""

from __future__ import annotations

import timeit


def core_speed() -> str:
    """How fast this core is right now: the best of 5 timings of ``sum(range(1000))``.

    Shared and virtual machines drift by tens of percent within minutes; printing this
    beside a figure tells a slow moment from a slow change.
    """
    best = min(timeit.repeat("sum(range(1000))", number=2000, repeat=5)) / 2000
    return f"core check: sum(range(1000)) takes {best * 1e6:.1f} µs"

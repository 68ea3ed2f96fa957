"""Benchmark claim extraction: sentences/s and MB/s on the dev articles, 1 MB worst cases, cold start.

    .venv/bin/python bench/bench_extract.py [--seconds 3] [--no-cli]

Uses the article text the CLI would see (``claims.sources``); reads ``../shared/eval/dev``.
CPU time (``time.process_time``) is reported beside wall time, as CI machines are often shared.
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT.parent / "shared" / "eval" / "dev"
sys.path.insert(0, str(ROOT))


def dev_texts() -> list[str]:
    """Text of each dev article, as ``claims extract`` would load it."""
    from claims.sources import load_article

    try:
        from claims.cli.options import settings

        conf = settings()
    except Exception:  # the CLI package is optional for the benchmark
        conf = None
    out = []
    for path in sorted(DEV.glob("*.gold.json")):
        import json

        article = DEV / json.loads(path.read_text(encoding="utf-8"))["article"]
        out.append(load_article(str(article), conf).text)
    return out


def _numbered(text: str, i: int) -> str:
    """``text`` with copy number ``i`` before each sentence end, so no sentence repeats."""
    return re.sub(r"([.!?])(\s)", rf" {i}\1\2", text)


def _word_salad(size: int) -> str:
    """News words in random order, no punctuation: one endless "sentence"."""
    rng = random.Random(1)
    words = (  # noqa: SIM905 (one line of words reads better than a list of 31)
        "the of and to in a is that for on was with he it as at by from his her said more than million "
        "percent first year city council police officials"
    ).split()
    return " ".join(rng.choice(words) for _ in range(size // 3))[:size]


def _numbers(size: int) -> str:
    """Random whole numbers between spaces, no punctuation."""
    rng = random.Random(2)
    return " ".join(str(rng.randint(0, 10**6)) for _ in range(size // 6))[:size]


def throughput(text: str, seconds: float) -> tuple[int, float, float, int]:
    """Repeat extraction over ``text`` for about ``seconds``: (runs, wall, cpu, claims)."""
    from claims.extract import extract_claims

    runs = 0
    wall0, cpu0 = time.perf_counter(), time.process_time()
    claims = 0
    while time.perf_counter() - wall0 < seconds or runs == 0:
        claims = len(extract_claims(text))
        runs += 1
    return runs, time.perf_counter() - wall0, time.process_time() - cpu0, claims


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seconds", type=float, default=3.0)
    ap.add_argument("--no-cli", action="store_true", help="skip the cold-start measurement")
    ap.add_argument("--engine-only", action="store_true", help="score with the heuristic, not the classifier")
    args = ap.parse_args()
    from bench import core_speed

    print(core_speed())
    if args.engine_only:
        from claims.extract.score import use_classifier

        use_classifier(False)

    from claims.extract.score import has_classifier
    from claims.extract.sentences import sentences

    base = "\n".join(dev_texts())
    # Five copies whose sentences are all distinct (repeated sentences are skipped by design).
    text = "\n".join(_numbered(base, i) for i in range(5))
    n = sum(1 for _ in sentences(text))
    mb = len(text.encode("utf-8")) / 1e6
    runs, wall, cpu, claims = throughput(text, args.seconds)
    print(f"classifier: {'claims.checkworthy' if has_classifier() else 'heuristic fallback'}")
    print(f"dev articles x5: {n} sentences, {mb:.3f} MB, {claims} claims per run, {runs} runs")
    print(
        f"throughput: {n * runs / cpu:,.0f} sentences/s  {mb * runs / cpu:.3f} MB/s (CPU time); "
        f"{n * runs / wall:,.0f} sentences/s wall"
    )

    from claims.extract import extract_claims
    from claims.extract.score import sentence_score

    # The classifier's own share: score every sentence once, as the engine does at most.
    texts = [s.text for s in sentences(text)]
    c0 = time.process_time()
    for _ in range(runs):
        for s in texts:
            sentence_score(s)
    clf = time.process_time() - c0
    print(
        f"of which sentence scoring: {clf / cpu:.0%} of CPU; engine alone about "
        f"{n * runs / max(cpu - clf, 1e-9):,.0f} sentences/s"
    )

    one_line = text.replace("\n", " ")
    # Number every copy's sentences so none repeats (repeated sentences are skipped by design).
    copies = [_numbered(one_line, i) for i in range(1_000_000 // len(one_line) + 1)]
    cases = {
        "1 MB news on one line (unique sentences)": " ".join(copies)[:1_000_000],
        "1 MB news on one line (repeated text)": (one_line * (1_000_000 // len(one_line) + 1))[:1_000_000],
        # Text with little or no sentence punctuation: the splitter must cut it into pieces.
        "1 MB of news words, no full stops": _word_salad(1_000_000),
        "1 MB of numbers between spaces": _numbers(1_000_000),
        # Hostile runs, varied so that no piece repeats: they must stay linear.
        "1 MB of numbers and commas": ",".join(map(str, range(200_000)))[:1_000_000],
        "1 MB of figures with nouns": "".join(f"{i:,} containers of the " for i in range(40_000))[:1_000_000],
        "1 MB of open quotes": "".join(f"\u201c the {i} said that " for i in range(60_000))[:1_000_000],
        "1 MB of titles": "".join(f"said Di Li, the chief scientist of the {i} " for i in range(24_000))[:1_000_000],
    }
    for name, case in cases.items():
        w0, c0 = time.perf_counter(), time.process_time()
        found = len(extract_claims(case))
        print(
            f"{name:40s} {time.perf_counter() - w0:6.2f} s wall {time.process_time() - c0:6.2f} s CPU  ({found} claims)"
        )

    exe = ROOT / ".venv" / "bin" / "claims"
    if not args.no_cli and (exe.exists() or shutil.which("claims")):
        article = DEV / "putin-kim-summit.txt"
        cmd = [str(exe if exe.exists() else shutil.which("claims")), "extract", "--format", "jsonl", str(article)]
        best = float("inf")
        for _ in range(3):
            t0 = time.perf_counter()
            subprocess.run(cmd, capture_output=True, check=False)
            best = min(best, time.perf_counter() - t0)
        print(f"cold start: claims extract on one article {best:.2f} s (best of 3)")
    print(core_speed())
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Run every benchmark and print their figures: ``python -m bench`` (or ``make bench``).

Each benchmark is a script of its own (run one alone for its options); this
runner calls them in turn with their default sizes, shows what each printed,
and ends with a table of which ran and how long they took. Figures are written
down by hand in ``bench/RESULTS.md`` with the machine and the date.
"""

from __future__ import annotations

import platform
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SCRIPTS = [
    ("extraction", "bench_extract.py"),
    ("reports", "bench_report.py"),
    ("queue", "bench_queue.py"),
    ("claims check", "bench_check.py"),
    ("batch", "bench_batch.py"),
    ("web", "bench_web.py"),
    ("a verdict at 10,000 articles", "bench_verdict.py"),
]


def main(argv: list[str]) -> int:
    only = set(argv)
    print(
        f"# claims benchmarks on {platform.node()}: {platform.processor() or platform.machine()}, "
        f"Python {platform.python_version()}, {time.strftime('%Y-%m-%d %H:%M')}"
    )
    summary = []
    for name, script in SCRIPTS:
        if only and name.split()[0] not in only and script not in only:
            continue
        path = HERE / script
        if not path.exists():
            summary.append((name, "missing", 0.0))
            continue
        print(f"\n## {name} ({script})", flush=True)
        started = time.perf_counter()
        done = subprocess.run([sys.executable, str(path)], check=False)
        summary.append(
            (name, "ok" if done.returncode == 0 else f"exit {done.returncode}", time.perf_counter() - started)
        )
    print("\n| benchmark | result | took |\n|---|---|---|")
    for name, result, seconds in summary:
        print(f"| {name} | {result} | {seconds:.0f} s |")
    return 0 if all(r == "ok" for _, r, _ in summary) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

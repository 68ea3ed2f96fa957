"""The least and median wall and CPU time of N runs of a command (run by hand).

    .venv/bin/python bench/mintime.py 10 .venv/bin/claims queue -f json

On a shared machine the least CPU time of several runs is the steadiest figure of a
start-up; the median wall time is what an editor waits.
"""

from __future__ import annotations

import resource
import statistics
import subprocess
import sys
import time


def main() -> None:
    runs, command = int(sys.argv[1]), sys.argv[2:]
    walls, cpus = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        walls.append(time.perf_counter() - t0)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    print(
        f"wall min {min(walls) * 1000:.0f} med {statistics.median(walls) * 1000:.0f} max {max(walls) * 1000:.0f} ms | "
        f"cpu min {min(cpus) * 1000:.0f} med {statistics.median(cpus) * 1000:.0f} ms  {' '.join(command)}"
    )


if __name__ == "__main__":
    main()

"""Batch benchmark: the Prefect batch flow against the bare library pipeline, and peak memory.

    python bench/bench_batch.py [--articles 1000] [--memory-articles 10000] [--skip-memory]

Writes N distinct article files (variations of the sample article written for
this project, plus the real articles in ../shared/eval/dev when present), then:
1. the bare pipeline: ``check_source`` for every file and ``write_reports`` per chunk;
2. the ``check-articles`` flow on the same files into a fresh database, on an
   ephemeral Prefect server (start-up is timed apart from the flow);
and prints both times and their ratio (target: at most 1.5). Then, in a child
process, the flow on ``--memory-articles`` files, and that process's peak RSS
(target: under 500 MB).
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SAMPLE = ROOT / "examples" / "harbour-bridge-reopens.txt"
SHARED_DEV = ROOT.parent / "shared" / "eval" / "dev"
PREFECT_ENV = {
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "120",
    "PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL": "WARNING",
    "PREFECT_SERVER_SERVICES_TASK_RUN_RECORDER_ENABLED": "false",
    "PREFECT_SERVER_SERVICES_EVENT_PERSISTER_ENABLED": "false",
}


def make_articles(folder: Path, count: int) -> list[str]:
    """Write ``count`` distinct articles; their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    bases = [SAMPLE.read_text(encoding="utf-8")]
    if SHARED_DEV.is_dir():
        bases += [p.read_text(encoding="utf-8") for p in sorted(SHARED_DEV.glob("*.txt"))]
    rng = random.Random(7)
    paths = []
    for i in range(count):
        text = bases[i % len(bases)]
        # A different figure per copy, so each has its own content hash.
        text = (
            text.replace("2025", str(1900 + i % 120), 1)
            + f"\n\nThe archive holds {i + 1:,} items, {rng.randint(2, 99)} percent digitised.\n"
        )
        path = folder / f"article-{i:05d}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(str(path))
    return paths


def bare(paths: list[str], workdir: Path, chunk: int) -> float:
    """The library pipeline alone, chunked like the flow; seconds."""
    from claims.config import Settings
    from claims.db import open_engine
    from claims.pipeline import check_source, chunked
    from claims.report import write_reports

    url = f"sqlite:///{workdir / 'bare.db'}"
    settings = Settings.from_env(database_url=url, reports_dir=workdir / "bare-reports")
    started = time.perf_counter()
    engine = open_engine(url)
    for group in chunked(paths, chunk):
        outcomes = [check_source(p, settings, engine) for p in group]
        write_reports(engine, settings.reports_dir, [o.article_id for o in outcomes if o.ok and o.article_id])
    return time.perf_counter() - started


def with_prefect(paths: list[str], workdir: Path, chunk: int) -> tuple[float, float, dict[str, int]]:
    """The check-articles flow; (server start-up s, flow s, counts)."""
    os.environ.update(PREFECT_ENV)
    from prefect.settings import PREFECT_FLOWS_HEARTBEAT_FREQUENCY, temporary_settings

    from flows.check_articles import check_articles

    listing = workdir / "sources.txt"
    listing.write_text("\n".join(paths), encoding="utf-8")
    started = time.perf_counter()
    from prefect.client.orchestration import get_client

    with get_client(sync_client=True) as client:  # starts the ephemeral server
        client.hello()
    boot = time.perf_counter() - started
    started = time.perf_counter()
    from claims.config import Settings
    from claims.runtime import settings_in_environment

    flow_settings = Settings(database_url=f"sqlite:///{workdir / 'flow.db'}", reports_dir=workdir / "flow-reports")
    with temporary_settings({PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None}), settings_in_environment(flow_settings):
        counts = check_articles(sources_file=str(listing), chunk_size=chunk)
    return boot, time.perf_counter() - started, counts


def memory_child(count: int, chunk: int) -> None:
    """Run in a child process: the flow on ``count`` articles, then print peak RSS in MB."""
    workdir = Path(tempfile.mkdtemp(prefix="claims-bench-mem-"))
    paths = make_articles(workdir / "articles", count)
    _, seconds, counts = with_prefect(paths, workdir, chunk)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"MEMORY {count} {seconds:.1f} {peak_mb:.0f} {counts['checked']} {counts['failed']}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--memory-articles", type=int, default=10_000)
    ap.add_argument("--chunk", type=int, default=50)
    ap.add_argument("--skip-memory", action="store_true")
    ap.add_argument("--memory-child", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.memory_child:
        memory_child(args.memory_child, args.chunk)
        return 0

    os.environ.setdefault("PREFECT_HOME", tempfile.mkdtemp(prefix="claims-bench-prefect-"))
    workdir = Path(tempfile.mkdtemp(prefix="claims-bench-batch-"))
    paths = make_articles(workdir / "articles", args.articles)
    bare_s = bare(paths, workdir, args.chunk)
    boot_s, flow_s, counts = with_prefect(paths, workdir, args.chunk)
    ratio = flow_s / bare_s
    rows = [
        (
            "batch: bare pipeline",
            f"{args.articles} articles",
            f"{bare_s:.1f} s",
            f"{args.articles / bare_s:.0f} articles/s",
        ),
        (
            "batch: check-articles flow",
            f"{counts['checked']} checked",
            f"{flow_s:.1f} s",
            f"+ {boot_s:.1f} s server start",
        ),
        ("batch: flow / bare", "target <= 1.5", f"{ratio:.2f}", "PASS" if ratio <= 1.5 else "FAIL"),
    ]
    if not args.skip_memory:
        done = subprocess.run(
            [sys.executable, __file__, "--memory-child", str(args.memory_articles), "--chunk", str(args.chunk)],
            capture_output=True,
            text=True,
            env={**os.environ, **PREFECT_ENV},
            check=False,
        )
        line = next((x for x in done.stdout.splitlines() if x.startswith("MEMORY ")), "")
        if line:
            _, count, seconds, peak, checked, failed = line.split()
            ok = float(peak) < 500
            rows.append(
                (
                    f"batch: peak memory, {count} articles",
                    f"{checked} checked in {seconds} s",
                    f"{peak} MB",
                    "PASS" if ok else "FAIL",
                )
            )
        else:
            rows.append(("batch: peak memory", "child failed", done.stderr.strip()[-200:], "FAIL"))
    width = max(len(r[0]) for r in rows)
    for row in rows:
        print(f"{row[0]:<{width}}  {row[1]:<28} {row[2]:>10}  {row[3]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""`claims check` of the sample article end to end: cold (ephemeral Prefect) and warm (a running server).

    python bench/bench_check.py [--runs 3]

Cold: no PREFECT_API_URL, so each command starts and stops a temporary Prefect
server; measured with a brand-new PREFECT_HOME (first run on a machine) and with
one that exists. Warm: `prefect server start` on a loopback port, PREFECT_API_URL
pointing at it. Each run checks a new copy of the sample article into a fresh
SQLite file, so every run does the full work. Prints the median wall time of each.
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "examples" / "harbour-bridge-reopens.txt"
CLAIMS = Path(sys.executable).with_name("claims")
BASE_ENV = {**os.environ, "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
BASE_ENV.pop("PREFECT_API_URL", None)


def one_check(workdir: Path, n: int, env: dict[str, str]) -> float:
    """Run `claims check` on a fresh copy of the sample; seconds."""
    article = workdir / f"sample-{n}.txt"
    article.write_text(SAMPLE.read_text(encoding="utf-8").replace("42,000", f"{42_000 + n:,}"), encoding="utf-8")
    started = time.perf_counter()
    done = subprocess.run(
        [str(CLAIMS), "check", str(article), "--db", f"sqlite:///{workdir}/c{n}.db", "--reports", str(workdir / "r")],
        env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    took = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"claims check failed: {done.stderr.strip()[-500:]}")
    return took


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="claims-bench-check-"))
    rows = []

    first = [one_check(workdir, 100 + i, {**BASE_ENV, "PREFECT_HOME": tempfile.mkdtemp()}) for i in range(args.runs)]
    rows.append(("check: cold, new PREFECT_HOME", statistics.median(first)))
    home = tempfile.mkdtemp()
    one_check(workdir, 200, {**BASE_ENV, "PREFECT_HOME": home})
    cold = [one_check(workdir, 201 + i, {**BASE_ENV, "PREFECT_HOME": home}) for i in range(args.runs)]
    rows.append(("check: cold, existing PREFECT_HOME", statistics.median(cold)))

    port = free_port()
    server_env = {**BASE_ENV, "PREFECT_HOME": tempfile.mkdtemp(), "PREFECT_SERVER_UI_ENABLED": "false"}
    server = subprocess.Popen(
        [sys.executable, "-m", "prefect", "server", "start", "--host", "127.0.0.1", "--port", str(port)],
        env=server_env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        api = f"http://127.0.0.1:{port}/api"
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{api}/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.5)
        warm_env = {**server_env, "PREFECT_API_URL": api}
        one_check(workdir, 300, warm_env)
        warm = [one_check(workdir, 301 + i, warm_env) for i in range(args.runs)]
        rows.append(("check: warm, running server", statistics.median(warm)))
    finally:
        server.terminate()
        server.wait(timeout=30)

    for name, seconds in rows:
        print(f"{name:<40} {seconds:6.2f} s  (median of {args.runs})")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Load benchmark of the review desk (`claims web`) on one SQLite file (run by hand).

    .venv/bin/python bench/bench_web.py                     # 4 HTTP editors + a writer for 20 s
    .venv/bin/python bench/bench_web.py --editors 8 --seconds 60

Starts a real ``claims web`` process on a loopback port (access log off). EDITORS
client processes each log in once, then loop ``POST /claims/N/verdict``
over HTTP for SECONDS (following the verdict's redirect to the next claim, as the
browser does) while another process keeps queueing new articles through
``save_article`` (what the check-article flow's queue task calls). Prints verdicts/s in
total, double leases (a claim handed to two editors), lost verdicts (acknowledged by a
303, not stored), "database is locked" in the server's log, and the time of a 200-claim
article's page (GET, p50/p99 over PAGES requests) while the load runs and after it.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import httpx  # noqa: E402
from sqlmodel import Session, func, select  # noqa: E402

from bench.bench_queue import synthetic  # noqa: E402
from claims.db import open_engine  # noqa: E402
from claims.models import Verdict  # noqa: E402
from claims.store import save_article  # noqa: E402
from claims.users import add_user  # noqa: E402

PASSWORD = "bench password 1234"
CLAIMS = str(Path(sys.executable).parent / "claims")


def csrf_token(html: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert found is not None
    return found.group(1)


def editor(base: str, name: str, seconds: float, results: Any, go: Any) -> None:
    """Log in once, then take and decide claims over HTTP until time is up."""
    client = httpx.Client(base_url=base, timeout=60)
    form = client.get("/login")
    client.post("/login", data={"username": name, "password": PASSWORD, "csrf_token": csrf_token(form.text)})
    csrf = csrf_token(client.get("/queue.html").text)
    leased: list[int] = []
    acknowledged: list[int] = []
    errors: list[str] = []
    times: list[float] = []
    go.wait()
    began = time.time()
    end = time.monotonic() + seconds
    where = ""
    while time.monotonic() < end:
        t0 = time.perf_counter()
        if "/claims/" not in where:  # as the browser does: a verdict's redirect names the next claim
            where = client.post("/next", data={"csrf_token": csrf}).headers.get("location", "")
            if "/claims/" not in where:
                time.sleep(0.01)
                continue
        claim_id = int(where.rsplit("/", 1)[1].split("?")[0])
        leased.append(claim_id)
        done = client.post(f"/claims/{claim_id}/verdict", data={"csrf_token": csrf, "rating": "true"})
        times.append((time.perf_counter() - t0) * 1000)
        where = done.headers.get("location", "")
        if done.status_code == 303:
            acknowledged.append(claim_id)
        else:
            errors.append(f"{done.status_code}: {done.text[:120]}")
    results.put(
        {
            "name": name,
            "leased": leased,
            "acknowledged": acknowledged,
            "errors": errors,
            "times": times,
            "window": (began, time.time()),
        }
    )


def writer(url: str, seconds: float, results: Any, go: Any) -> None:
    """Queue a 50-claim article every 50 ms or so while the editors work."""
    engine = open_engine(url)
    n, claims = 20_000, 0
    go.wait()
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        n += 1
        claims += save_article(engine, *synthetic(n, 50)).claims
        time.sleep(0.05)
    results.put({"name": "writer", "articles": n - 20_000, "claims": claims})


def page_times(base: str, path: str, count: int) -> list[float]:
    """Milliseconds to GET ``path`` ``count`` times, logged in as the page reader."""
    client = httpx.Client(base_url=base, timeout=60)
    form = client.get("/login")
    client.post("/login", data={"username": "reader", "password": PASSWORD, "csrf_token": csrf_token(form.text)})
    out = []
    for _ in range(count):
        t0 = time.perf_counter()
        response = client.get(path)
        out.append((time.perf_counter() - t0) * 1000)
        assert response.status_code == 200, response.status_code
    return sorted(out)


def _p(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(len(values) * q))]


def main() -> None:
    """Run the load and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--editors", type=int, default=4)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--seed", type=int, default=5000, help="claims queued before the editors start")
    parser.add_argument("--pages", type=int, default=200, help="GETs of the 200-claim article page")
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="bench-web-"))
    url = f"sqlite:///{folder / 'claims.db'}"
    engine = open_engine(url)
    big = save_article(engine, *synthetic(0, 200))
    for n in range(1, args.seed // 50 + 1):
        save_article(engine, *synthetic(n, 50))
    for i in range(args.editors):
        add_user(engine, f"editor{i}", PASSWORD)
    add_user(engine, "reader", PASSWORD)
    from tests.helpers import start_desk, stop_process

    server, base, log = start_desk(folder, url, "--no-access-log")
    try:
        reader = httpx.Client(base_url=base)
        form = reader.get("/login")
        reader.post("/login", data={"username": "reader", "password": PASSWORD, "csrf_token": csrf_token(form.text)})
        article_path = reader.get(f"/{big.article_id:05d}-x.html").headers["location"]

        ctx = mp.get_context("spawn")
        results, go = ctx.Queue(), ctx.Event()
        procs = [
            ctx.Process(target=editor, args=(base, f"editor{i}", args.seconds, results, go))
            for i in range(args.editors)
        ]
        procs.append(ctx.Process(target=writer, args=(url, args.seconds, results, go)))
        for proc in procs:
            proc.start()
        time.sleep(3)  # the clients log in (imports take a while in fresh processes)
        go.set()
        under_load = page_times(base, article_path, args.pages)
        reports = [results.get(timeout=args.seconds + 300) for _ in procs]
        for proc in procs:
            proc.join()
        idle = page_times(base, article_path, args.pages)
    finally:
        stop_process(server)
    eds = [r for r in reports if r["name"] != "writer"]
    wrote = next(r for r in reports if r["name"] == "writer")
    elapsed = max(r["window"][1] for r in eds) - min(r["window"][0] for r in eds)
    leased = [c for r in eds for c in r["leased"]]
    acknowledged = [c for r in eds for c in r["acknowledged"]]
    with Session(engine) as session:
        stored = {c: n for c, n in session.exec(select(Verdict.claim_id, func.count()).group_by(Verdict.claim_id))}
    lost = [c for c in acknowledged if c not in stored]
    loop = [t for r in eds for t in r["times"]]
    server_log = log.read_text()
    print(f"web: {args.editors} HTTP editors + writer for {args.seconds:.0f} s on {url}")
    print(f"  verdicts: {len(acknowledged)} in {elapsed:.1f} s = {len(acknowledged) / elapsed:.0f} verdicts/s in total")
    print(
        f"  next + verdict per editor: median {statistics.median(loop):.1f} ms, p99 {_p(loop, 0.99):.1f} ms"
        if loop
        else "  no verdicts"
    )
    print(f"  writer queued {wrote['claims']} claims in {wrote['articles']} articles meanwhile")
    print(
        f"  double leases: {len(leased) - len(set(leased))}; most verdicts on one claim: {max(stored.values(), default=0)} (1 expected)"
    )
    print(
        f"  lost verdicts (acknowledged, not stored): {len(lost)}; refused verdicts: {sum(len(r['errors']) for r in eds)}"
    )
    print(
        f"  'database is locked' in the server log: {server_log.count('database is locked')}; tracebacks: {server_log.count('Traceback')}"
    )
    print(
        f"  200-claim article page: under load p50 {statistics.median(under_load):.1f} ms, p99 {_p(under_load, 0.99):.1f} ms; "
        f"idle p50 {statistics.median(idle):.1f} ms, p99 {_p(idle, 0.99):.1f} ms"
    )


if __name__ == "__main__":
    main()

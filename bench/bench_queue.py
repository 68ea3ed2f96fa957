"""Load and fault benchmark of the review queue on one SQLite file (run by hand).

    .venv/bin/python bench/bench_queue.py                 # 4 editors + a writer, then `next` at 100,000 claims
    .venv/bin/python bench/bench_queue.py --writer flow   # the writer runs the real check-article flow

Part 1: EDITORS processes loop ``next`` + ``verdict`` (the library calls behind
``claims next`` and ``claims verdict``, without the report re-render) for SECONDS
while another process keeps queueing new articles: by default through
``save_article`` (what the flow's queue task calls), with ``--writer flow``
through the ``check-article`` flow itself on generated article files. Prints
verdicts/s in total, double leases, lost verdicts and "database is locked"
errors seen by an editor.

Part 2: fills a fresh database with CLAIMS pending claims and times ``next``.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import func, insert, text  # noqa: E402
from sqlalchemy.exc import OperationalError  # noqa: E402
from sqlmodel import Session, select  # noqa: E402

from claims.db import open_engine  # noqa: E402
from claims.errors import StoreError  # noqa: E402
from claims.extract import Claim  # noqa: E402
from claims.models import ClaimStatus, StoredArticle, StoredClaim, Verdict, utcnow  # noqa: E402
from claims.queue import lease_next  # noqa: E402
from claims.sources import Article  # noqa: E402
from claims.store import save_article  # noqa: E402
from claims.verdicts import record_verdict  # noqa: E402


def synthetic(n: int, claims: int) -> tuple[Article, list[Claim]]:
    """Article number ``n`` with ``claims`` numeric claims."""
    sentences = [f"In {1900 + i} district {n} spent {n * 1000 + i} dollars on item {i}." for i in range(claims)]
    body = " ".join(sentences)
    out, pos = [], 0
    for i, s in enumerate(sentences):
        start = body.index(s, pos)
        pos = start + len(s)
        out.append(Claim(s, start, pos, s, s, "quantity", 0.3 + (i % 7) / 10, "bench", {"value": n * 1000 + i}))
    return Article(source=f"bench/{n}.txt", text=body, title=f"Bench article {n}"), out


def editor(url: str, name: str, seconds: float, results: Any, go: Any) -> None:
    """Lease and decide claims until time is up; report what happened."""
    engine = open_engine(url)
    go.wait()
    leased: list[int] = []
    decided: list[int] = []
    locked = 0
    began = time.time()
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        try:
            item = lease_next(engine, name)
            if item is None:
                time.sleep(0.01)
                continue
            leased.append(item.claim.id)  # type: ignore[arg-type]
            verdict = record_verdict(engine, item.claim.id, "true", name)  # type: ignore[arg-type]
            decided.append(verdict.id)  # type: ignore[arg-type]
        except (OperationalError, StoreError) as exc:
            if "locked" in str(exc) or "busy" in str(exc):
                locked += 1
            else:
                raise
    results.put({"name": name, "leased": leased, "verdicts": decided, "locked": locked, "window": (began, time.time())})


def writer(url: str, seconds: float, mode: str, results: Any, go: Any) -> None:
    """Queue new articles for ``seconds``: through save_article, or through the check-article flow."""
    engine = open_engine(url)
    n, claims = 10_000, 0
    if mode == "flow":
        os.environ.setdefault("PREFECT_HOME", tempfile.mkdtemp(prefix="bench-prefect-"))
        os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
        os.environ.setdefault("PREFECT_LOGGING_TO_API_ENABLED", "false")
        os.environ.setdefault("PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL", "CRITICAL")
        os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")
        from prefect.settings import PREFECT_FLOWS_HEARTBEAT_FREQUENCY, temporary_settings

        from claims.config import Settings
        from claims.runtime import settings_in_environment
        from flows.check_article import check_article

        folder = Path(tempfile.mkdtemp(prefix="bench-articles-"))
        flow_settings = Settings(database_url=url, reports_dir=folder / "reports")
        with temporary_settings({PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None}), settings_in_environment(flow_settings):
            # Start Prefect's temporary server (a first run) before the editors start the clock.
            warm = folder / "warm-up.txt"
            warm.write_text("Warm up\n\nThe council spent $1 million on 2 bridges in 2001, the mayor said.\n")
            check_article(str(warm))
            go.set()
            end = time.monotonic() + seconds
            while time.monotonic() < end:
                n += 1
                path = folder / f"story-{n}.txt"
                path.write_text(
                    f"Bench story {n}\n\n"
                    + " ".join(
                        f"The council spent ${n + i} million on {i + 3} bridges in 20{i:02d}, the mayor said."
                        for i in range(20)
                    ),
                    encoding="utf-8",
                )
                state = check_article(str(path), return_state=True)
                claims += len(state.result().claims) if state.is_completed() else 0
    elif mode == "store":
        go.set()
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            n += 1
            claims += save_article(engine, *synthetic(n, 50)).claims
            time.sleep(0.05)
    else:
        go.set()
    results.put({"name": "writer", "articles": n - 10_000, "claims": claims})


def load_test(editors: int, seconds: float, seed: int, mode: str) -> None:
    """Part 1: editors and a writer on one SQLite file."""
    folder = Path(tempfile.mkdtemp(prefix="bench-queue-"))
    url = f"sqlite:///{folder / 'claims.db'}"
    engine = open_engine(url)
    for n in range(seed // 50):
        save_article(engine, *synthetic(n, 50))
    engine.dispose()
    ctx = mp.get_context("spawn")
    results, go = ctx.Queue(), ctx.Event()
    procs = [ctx.Process(target=editor, args=(url, f"editor{i}", seconds, results, go)) for i in range(editors)]
    procs.append(ctx.Process(target=writer, args=(url, seconds, mode, results, go)))
    for proc in procs:
        proc.start()
    reports = [results.get(timeout=seconds + 300) for _ in procs]
    for proc in procs:
        proc.join()
    eds = [r for r in reports if r["name"] != "writer"]
    # The editors' common window, without process start-up (imports take seconds on a busy machine).
    elapsed = max(r["window"][1] for r in eds) - min(r["window"][0] for r in eds)
    wrote = next(r for r in reports if r["name"] == "writer")
    leased = [cid for r in eds for cid in r["leased"]]
    made = {vid for r in eds for vid in r["verdicts"]}
    with Session(engine) as session:
        stored = set(session.exec(select(Verdict.id)))
        per_claim = session.exec(
            select(func.max(text("n"))).select_from(
                select(Verdict.claim_id, func.count().label("n")).group_by(Verdict.claim_id).subquery()
            )
        ).one()
        left = session.exec(select(func.count()).where(StoredClaim.status == ClaimStatus.PENDING)).one()
    print(f"load: {editors} editors + writer ({mode}) for {seconds:.0f} s on {url}")
    print(f"  verdicts: {len(made)} in {elapsed:.1f} s = {len(made) / elapsed:.0f} verdicts/s in total")
    print(f"  writer queued {wrote['claims']} claims in {wrote['articles']} articles meanwhile; {left} still pending")
    print(
        f"  double leases: {len(leased) - len(set(leased))}; most verdicts on one claim: {per_claim or 0} (1 expected)"
    )
    print(
        f"  lost verdicts (acknowledged, not stored): {len(made - stored)}; stored but not acknowledged: {len(stored - made)}"
    )
    print(f"  'database is locked' seen by editors: {sum(r['locked'] for r in eds)}")


def latency_test(count: int, samples: int) -> None:
    """Part 2: time ``next`` with ``count`` claims queued."""
    folder = Path(tempfile.mkdtemp(prefix="bench-next-"))
    url = f"sqlite:///{folder / 'claims.db'}"
    engine = open_engine(url)
    started = time.monotonic()
    now = utcnow()
    with engine.begin() as conn:
        per = 100
        for a in range(count // per):
            article_id = conn.execute(
                insert(StoredArticle).values(
                    source=f"a{a}", slug=f"a{a}", title=f"A {a}", content_hash=f"{a:064d}", text="x", checked_at=now,
                    revision=1, identity=f"a{a}",
                )
            ).inserted_primary_key[0]  # fmt: skip
            conn.execute(
                insert(StoredClaim),
                [
                    {"article_id": article_id, "position": i, "quote": f"q{i}", "start": 0, "end": 1, "sentence": "s",
                     "text": f"claim {a}-{i}", "kind": "quantity", "score": ((a * per + i) * 7919 % 1000) / 1000,
                     "reason": "", "values": {"value": i}, "status": ClaimStatus.PENDING, "normalized": "",
                     "created_at": now, "revision": 1, "fingerprint": ""}
                    for i in range(per)
                ],
            )  # fmt: skip
    print(f"next: {count} pending claims loaded in {time.monotonic() - started:.1f} s")
    with engine.connect() as conn:
        plan = conn.execute(
            text(
                "EXPLAIN QUERY PLAN SELECT id FROM claim WHERE status = 'pending' "
                "ORDER BY score DESC, created_at DESC, id DESC LIMIT 1"
            )
        ).all()
    print(f"  plan: {' / '.join(str(row[-1]) for row in plan)}")
    lease_next(engine, "warm-up")
    times = []
    for i in range(samples):
        t0 = time.perf_counter()
        item = lease_next(engine, f"reviewer{i}")
        times.append((time.perf_counter() - t0) * 1000)
        assert item is not None
    times.sort()
    over = sum(t >= 20 for t in times)
    print(
        f"  next over {samples} calls: median {statistics.median(times):.2f} ms, "
        f"p95 {times[int(len(times) * 0.95) - 1]:.2f} ms, p99 {times[int(len(times) * 0.99) - 1]:.2f} ms, "
        f"max {times[-1]:.2f} ms; {over} of {samples} at 20 ms or more"
    )


def main() -> None:
    """Run both parts."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--editors", type=int, default=4)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--seed", type=int, default=5000, help="claims queued before the editors start")
    parser.add_argument("--writer", choices=("store", "flow", "none"), default="store")
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--samples", type=int, default=1000)
    parser.add_argument("--skip-load", action="store_true")
    parser.add_argument("--skip-latency", action="store_true")
    args = parser.parse_args()
    if not args.skip_load:
        load_test(args.editors, args.seconds, args.seed, args.writer)
    if not args.skip_latency:
        latency_test(args.claims, args.samples)


if __name__ == "__main__":
    main()

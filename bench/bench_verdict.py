"""A verdict at 10,000 articles, end to end, static reports included (run by hand).

    .venv/bin/python bench/bench_verdict.py                  # 10,000 articles, 50 verdicts each way
    .venv/bin/python bench/bench_verdict.py --articles 2000 --verdicts 20
    .venv/bin/python bench/bench_verdict.py --library-only     # the first of the three only

Builds a SQLite file of ARTICLES articles (14 claims each, about 30 % reviewed, as
``bench_report.py`` does), renders the static reports once (the index's front page and
every archive page, the queue, the digest), then records VERDICTS verdicts three ways,
each on a different pending claim of a different article (no page or query is reused):

- the library path ``claims verdict`` runs: ``record_verdict`` and ``build_reports`` of that
  article (its page, the front page, its archive page, the queue, the digest), in one warm
  process; prints the median, p95 and max, and which pages were written;
- the ``claims verdict`` command, a fresh process each time (so its cold start is in it);
- the review desk: ``POST /claims/N/verdict`` to a real ``claims web`` on loopback (the
  desk records the verdict and answers with the next claim; it writes no static page).
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import httpx  # noqa: E402
from sqlmodel import Session, col, select  # noqa: E402

from bench import core_speed  # noqa: E402
from bench.bench_report import fill  # noqa: E402
from claims.db import open_engine  # noqa: E402
from claims.models import ClaimStatus, StoredClaim  # noqa: E402
from claims.queue import get_claim  # noqa: E402
from claims.report import build_reports  # noqa: E402
from claims.report.index import INDEX_PAGE, archive_count  # noqa: E402
from claims.users import add_user  # noqa: E402
from claims.verdicts import record_verdict  # noqa: E402

CLAIMS = str(Path(sys.executable).parent / "claims")
PASSWORD = "bench password 1234"


def _ms(values: list[float]) -> str:
    values = sorted(values)
    p95 = values[min(len(values) - 1, int(len(values) * 0.95))]
    return f"median {statistics.median(values):.1f} ms, p95 {p95:.1f} ms, max {values[-1]:.1f} ms (n={len(values)})"


def _load() -> str:
    return "| load average {:.2f} {:.2f} {:.2f}".format(*os.getloadavg())


def pending_claims(engine, count: int, seed: int) -> list[tuple[int, int]]:  # type: ignore[no-untyped-def]
    """``count`` (claim, article) pairs: pending claims of distinct articles, in random order."""
    with Session(engine) as session:
        rows = session.exec(
            select(col(StoredClaim.id), col(StoredClaim.article_id)).where(StoredClaim.status == ClaimStatus.PENDING)
        ).all()
    by_article: dict[int, int] = {}
    for claim_id, article_id in rows:
        by_article.setdefault(article_id, claim_id)
    pairs = [(c, a) for a, c in by_article.items() if a != 1]  # article 1 is the 200-claim one
    random.Random(seed).shuffle(pairs)
    return pairs[:count]


def library(engine, reports: Path, pairs: list[tuple[int, int]]) -> None:  # type: ignore[no-untyped-def]
    """What ``claims verdict`` does after its imports: record, then render and write the pages it changes."""
    wall, cpu, written = [], [], Counter()
    full: list[float] = []  # the cyclic collector's full (generation 2) passes, ms each
    started = [0.0]

    def collector(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            started[0] = time.perf_counter()
        elif info["generation"] == 2:
            full.append((time.perf_counter() - started[0]) * 1000)

    gc.callbacks.append(collector)
    for i, (claim_id, _) in enumerate(pairs):
        t0, c0 = time.perf_counter(), time.process_time()
        saved = record_verdict(engine, claim_id, "true", "bench", f"Checked, note {i}.", [f"https://example.org/{i}"])
        with Session(engine) as session:
            article_id = get_claim(session, saved.claim_id).article_id
        done = build_reports(engine, reports, [article_id])
        wall.append((time.perf_counter() - t0) * 1000)
        cpu.append((time.process_time() - c0) * 1000)
        written[len(done.written)] += 1
        for path in done.written:
            name = path.name
            written["page " + ("article" if name[:5].isdigit() else re.sub(r"index-\d+", "index-K", name))] += 1
    gc.callbacks.remove(collector)
    print(f"  library (record_verdict + build_reports of the article), wall: {_ms(wall)}")
    print(f"  the same, CPU: {_ms(cpu)}")
    print(f"  pages written per verdict: {dict(sorted((k, v) for k, v in written.items() if isinstance(k, int)))}")
    print(f"  which: {dict(sorted((k, v) for k, v in written.items() if isinstance(k, str)))}")
    print(f"  full garbage collections during them: {len(full)}, ms each: {[round(ms, 1) for ms in full]}")


def command(url: str, reports: Path, pairs: list[tuple[int, int]]) -> None:
    """The ``claims verdict`` command, one fresh process per verdict."""
    wall = []
    for i, (claim_id, _) in enumerate(pairs):
        t0 = time.perf_counter()
        done = subprocess.run(
            [CLAIMS, "verdict", str(claim_id), "false", "-r", "bench", "--note", f"cli {i}"]
            + ["--db", url, "--reports", str(reports)],
            capture_output=True,
            text=True,
        )
        wall.append((time.perf_counter() - t0) * 1000)
        assert done.returncode == 0, done.stderr
    print(f"  `claims verdict` process (cold start included), wall: {_ms(wall)}")


def desk(url: str, engine, count: int) -> None:  # type: ignore[no-untyped-def]
    """``POST /claims/N/verdict`` at a real ``claims web``, each on the claim the desk handed out."""
    from bench.bench_web import csrf_token as token
    from tests.helpers import start_desk, stop_process

    add_user(engine, "benchdesk", PASSWORD)
    server, base, _ = start_desk(Path(url.removeprefix("sqlite:///")).parent, url, "--no-access-log")
    try:
        client = httpx.Client(base_url=base, timeout=60)
        client.post(
            "/login",
            data={"username": "benchdesk", "password": PASSWORD, "csrf_token": token(client.get("/login").text)},
        )
        csrf = token(client.get("/queue.html").text)
        wall = []
        where = client.post("/next", data={"csrf_token": csrf}).headers["location"]
        for i in range(count):
            claim_id = int(where.rsplit("/", 1)[1].split("?")[0])
            t0 = time.perf_counter()
            done = client.post(
                f"/claims/{claim_id}/verdict", data={"csrf_token": csrf, "rating": "true", "note": f"desk {i}"}
            )
            wall.append((time.perf_counter() - t0) * 1000)
            assert done.status_code == 303, done.text[:200]
            where = done.headers["location"]
        print(f"  desk POST /claims/N/verdict (recorded, 303 to the next claim), wall: {_ms(wall)}")
    finally:
        stop_process(server)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--verdicts", type=int, default=50, help="verdicts each way (the command: a fifth as many)")
    parser.add_argument("--library-only", action="store_true", help="only the library path (no command, no desk)")
    args = parser.parse_args()
    print(core_speed(), _load())
    with tempfile.TemporaryDirectory(prefix="claims-bench-verdict-") as tmp:
        url = f"sqlite:///{tmp}/bench.db"
        engine = open_engine(url)
        t0 = time.perf_counter()
        fill(engine, args.articles, 14, 200)
        print(f"built {args.articles} articles in {time.perf_counter() - t0:.1f} s")
        reports = Path(tmp) / "reports"
        with Session(engine) as session:
            chunks = archive_count(session)
        t0 = time.perf_counter()
        first = build_reports(engine, reports, [1 + k * INDEX_PAGE for k in range(chunks)])
        print(
            f"static reports: {len(first.written)} pages written in {time.perf_counter() - t0:.1f} s "
            f"(the front page, {chunks} archive pages, one article of each, the queue, the digest)"
        )
        pairs = pending_claims(engine, args.verdicts * 2 + args.verdicts // 5, seed=13)
        print(f"verdicts at {args.articles} articles, each on a pending claim of another article:")
        library(engine, reports, pairs[: args.verdicts])
        if not args.library_only:
            command(url, reports, pairs[args.verdicts : args.verdicts + args.verdicts // 5])
            desk(url, engine, args.verdicts)
    print(core_speed(), _load())


if __name__ == "__main__":
    main()

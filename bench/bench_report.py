"""Benchmark the HTML reports: a 200-claim article page, and the index pages of 10,000 articles.

Run by hand: ``.venv/bin/python bench/bench_report.py [--articles 10000] [--claims 200]``.
Builds a temporary SQLite file with bulk inserts (not the store's per-article path,
which would time the inserts rather than the pages), then prints the median render
times. Targets: article page < 50 ms, index < 2 s. The index is paged (issue 13):
``index.html`` (the totals and the newest 100) and ``index-K.html`` (100 articles by number);
``bench_verdict.py`` times a whole verdict with the pages it rewrites.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlmodel import Session  # noqa: E402

from claims.db import open_engine  # noqa: E402
from claims.models import StoredArticle, StoredClaim, Verdict  # noqa: E402
from claims.report import build_reports, render_article, render_index  # noqa: E402
from claims.report.index import render_archive  # noqa: E402

RATINGS = ["true", "mostly-true", "mixed", "misleading", "false", "unverifiable"]
KINDS = ["quantity", "date", "comparison", "attribution", "event"]


def sentence(i: int) -> str:
    return f"Officials said spending on project {i} rose {i % 90 + 3} percent to ${i * 7 + 11} million in 2024."


def fill(engine, articles: int, claims_per_article: int, big_claims: int) -> int:  # type: ignore[no-untyped-def]
    """Insert ``articles`` articles (the first with ``big_claims`` claims); the big article's id."""
    rng = random.Random(5)
    start = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
    art_rows, claim_rows, verdict_rows = [], [], []
    claim_id = 0
    for a in range(1, articles + 1):
        n = big_claims if a == 1 else claims_per_article
        sentences = [sentence(a * 1000 + i) for i in range(n)]
        text = "\n".join(sentences)
        when = start + dt.timedelta(minutes=a)
        art_rows.append(
            {
                "id": a,
                "source": f"feed/{a}.html",
                "url": f"https://news.example.org/{a}",
                "slug": f"story-{a}",
                "title": f"Story number {a}: spending rises across projects",
                "author": "Staff",
                "published": when.date(),
                "checked_at": when,
                "content_hash": f"{a:064d}",
                "revision": 1,
                "text": text,
            }
        )
        offset = 0
        for i, s in enumerate(sentences):
            claim_id += 1
            q0 = s.index("rose")
            status, current = "pending", None
            if rng.random() < 0.3:
                status = "reviewed"
                for k in range(rng.choice((1, 1, 2))):
                    current = rng.choice(RATINGS)
                    verdict_rows.append(
                        {
                            "claim_id": claim_id,
                            "rating": current,
                            "explanation": "Checked against the published accounts.",
                            "sources": ["https://example.org/accounts.pdf"],
                            "reviewer": rng.choice(["Ana", "Bo", "Chen"]),
                            "created_at": when + dt.timedelta(hours=1 + k),
                        }
                    )
            claim_rows.append(
                {
                    "id": claim_id,
                    "article_id": a,
                    "position": i,
                    "quote": s[q0:],
                    "start": offset + q0,
                    "end": offset + len(s),
                    "sentence": s,
                    "text": s,
                    "kind": KINDS[i % len(KINDS)],
                    "score": round(rng.random(), 2),
                    "reason": "quantity; sentence check-worthiness 0.70",
                    "values": {"value": i % 90 + 3, "unit": "percent"},
                    "speaker": "Officials",
                    "status": status,
                    "verdict_rating": current,  # the latest verdict's, as record_verdict keeps it
                    "normalized": s.lower(),
                    "created_at": when,
                }
            )
            offset += len(s) + 1
    with engine.begin() as conn:
        conn.execute(StoredArticle.__table__.insert(), art_rows)  # type: ignore[attr-defined]
        conn.execute(StoredClaim.__table__.insert(), claim_rows)  # type: ignore[attr-defined]
        conn.execute(Verdict.__table__.insert(), verdict_rows)  # type: ignore[attr-defined]
    return 1


def timed(action, repeat: int) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    """Median wall-clock and CPU seconds of ``repeat`` runs (after one warm-up run).

    CPU time is shown too because on a shared machine wall-clock time mostly measures the neighbours.
    """
    action()
    wall, cpu = [], []
    for _ in range(repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        action()
        wall.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    return statistics.median(wall), statistics.median(cpu)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--claims", type=int, default=200, help="claims of the big article")
    parser.add_argument("--per-article", type=int, default=14)
    args = parser.parse_args()
    from bench import core_speed

    print(core_speed())
    with tempfile.TemporaryDirectory(prefix="claims-bench-") as tmp:
        engine = open_engine(f"sqlite:///{tmp}/bench.db")
        t0 = time.perf_counter()
        big = fill(engine, args.articles, args.per_article, args.claims)
        print(f"built {args.articles} articles in {time.perf_counter() - t0:.1f} s")
        with Session(engine) as session:
            article_s = timed(lambda: render_article(session, big), 20)
            index_s = timed(lambda: render_index(session), 10)
            html = render_index(session)
            archive_s = timed(lambda: render_archive(session, args.articles // 200 + 1), 10)
        t0 = time.perf_counter()
        build_reports(engine, Path(tmp) / "reports", [big])
        build_s = time.perf_counter() - t0
        print(
            f"article page, {args.claims} claims: {article_s[0] * 1000:7.1f} ms wall, "
            f"{article_s[1] * 1000:6.1f} ms CPU (target < 50 ms)"
        )
        print(
            f"index.html of {args.articles} articles (totals, newest 100): {index_s[0] * 1000:7.1f} ms wall, "
            f"{index_s[1] * 1000:6.1f} ms CPU ({len(html) / 1e3:.0f} kB)"
        )
        print(
            f"an archive page index-K.html (100 articles): {archive_s[0] * 1000:7.1f} ms wall, {archive_s[1] * 1000:6.1f} ms CPU"
        )
        print(f"write_reports (that article, index.html, its index-K.html, queue, digest): {build_s:.2f} s")
    print(core_speed())


if __name__ == "__main__":
    main()

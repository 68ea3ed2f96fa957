"""Benchmark claim extraction on unique sentences: ours next to spaCy's own parse, 1 MB on one line, cold start.

    .venv/bin/python bench/bench_extract.py [--sentences 3000] [--repeat 3] [--no-cli] [--no-mb]

Inputs are unique, as real traffic is: the 19 dev articles once, then CheckThat! 2024 train
sentences (real, distinct statements from ../shared), so no memo or cache can make the figure.
Reported, ``--repeat`` times in one process (CPU time of the process, so of one core): sentences/s
of spaCy's ``nlp.pipe`` as spaCy loads the pipeline, of the same pipeline as ``claims.extract.parse``
runs it (numpy's BLAS, the attribute ruler indexed: the same parse), and of ``extract_claims``, all
on the same sentences, with the share of our own work on top of the parse; then a 1 MB article on
one line (time, peak RSS growth; on one core, then in the parse workers a text this long gets,
``claims.extract.parse.PARALLEL_SENTENCES``), and the cold start of ``claims extract`` on one article. The
machine's load average is printed with each figure: the core is shared, so is the figure.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import resource
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "eval"
sys.path.insert(0, str(ROOT))


def dev_texts() -> list[str]:
    """Text of each dev article, as ``claims extract`` would load it."""
    from claims.sources import load_article

    out = []
    for path in sorted((SHARED / "dev").glob("*.gold.json")):
        article = SHARED / "dev" / json.loads(path.read_text(encoding="utf-8"))["article"]
        out.append(load_article(str(article)).text)
    return out


def ct24_sentences() -> list[str]:
    """CheckThat! 2024 train sentences, each once, longest first dropped of duplicates."""
    seen: dict[str, None] = {}
    with (SHARED / "checkthat2024" / "CT24_checkworthy_english_train.tsv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            text = " ".join(row["Text"].split())
            if len(text) > 30 and not text.endswith("?"):
                seen.setdefault(text if text[-1] in '.!"' else text + ".")
    return list(seen)


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def watch_children(peaks: dict[int, float]) -> None:
    """Peak RSS (VmHWM, MB) of each child process, read from /proc every 0.1 s until ``peaks[-1]`` is set."""
    me = str(os.getpid())
    while -1 not in peaks:
        for status in Path("/proc").glob("[0-9]*/status"):
            try:
                fields = dict(line.split(":", 1) for line in status.read_text().splitlines() if ":" in line)
            except OSError:
                continue
            if fields.get("PPid", "").strip() == me and "VmHWM" in fields:
                pid = int(status.parent.name)
                peaks[pid] = max(peaks.get(pid, 0.0), int(fields["VmHWM"].split()[0]) / 1024)
        time.sleep(0.1)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sentences", type=int, default=3000, help="CheckThat! sentences added to the dev articles")
    ap.add_argument("--repeat", type=int, default=3, help="times the throughput figures are taken")
    ap.add_argument("--no-cli", action="store_true", help="skip the cold-start measurement")
    ap.add_argument("--no-mb", action="store_true", help="skip the 1 MB case")
    args = ap.parse_args()
    from bench import core_speed

    print(core_speed())
    from claims.extract import extract_claims
    from claims.extract.parse import BATCH, load, model_name, nlp
    from claims.extract.score import has_classifier
    from claims.extract.sentences import sentences

    extra = ct24_sentences()[: args.sentences]
    articles = dev_texts() + ["\n".join(extra[i : i + 20]) for i in range(0, len(extra), 20)]
    every = [s.text for a in articles for s in sentences(a)]
    sents = list(dict.fromkeys(every))  # the extractor skips a sentence it has seen: count each once
    print(f"model: {model_name()}; classifier: {'claims.checkworthy' if has_classifier() else 'heuristic'}")
    print(
        f"input: {len(articles)} articles, {len(sents)} distinct sentences ({len(every) - len(sents)} repeats left out)"
    )

    stock = load()  # the pipeline as spaCy loads it (blis, the attribute ruler's Matcher)
    # Load both pipelines and the classifier before timing; the warm-up sentence is not in the input.
    stock("Warm up the model once.")
    extract_claims("The council said on Monday that it had spent $5 million on 12 new buses, up from 9 last year.")

    def cpu(work: Callable[[], object]) -> tuple[float, object]:
        c0 = time.process_time()
        out = work()
        return time.process_time() - c0, out

    # The parse inside extract_claims, timed where it runs (an article's sentences at a time), so
    # "our work" is what extract_claims spends outside spaCy, not a difference of two runs.
    from claims.extract import engine

    inner = {"cpu": 0.0}
    real_parse = engine.parse

    def timed_parse(texts, **kw):  # type: ignore[no-untyped-def]
        docs = real_parse(texts, **kw)
        while True:
            c0 = time.process_time()
            try:
                doc = next(docs)
            except StopIteration:
                inner["cpu"] += time.process_time() - c0
                return
            inner["cpu"] += time.process_time() - c0
            yield doc

    engine.parse = timed_parse
    for run in range(1, args.repeat + 1):
        stock_cpu, _ = cpu(lambda: sum(1 for _ in stock.pipe(sents, batch_size=BATCH)))
        parse_cpu, _ = cpu(lambda: sum(1 for _ in nlp().pipe(sents, batch_size=BATCH)))
        inner["cpu"] = 0.0
        ours_cpu, claims = cpu(lambda: sum(len(extract_claims(a)) for a in articles))
        in_parse = inner["cpu"]
        print(
            f"run {run} (load average {os.getloadavg()[0]:.2f}): "
            f"spaCy nlp.pipe as loaded {len(sents) / stock_cpu:,.0f} sentences/s ({stock_cpu:.2f} s CPU); "
            f"tuned (claims.extract.parse) {len(sents) / parse_cpu:,.0f} sentences/s ({parse_cpu:.2f} s); "
            f"extract_claims {len(sents) / ours_cpu:,.0f} sentences/s ({ours_cpu:.2f} s, {claims} claims), "
            f"of which the parse {in_parse:.2f} s and our work {ours_cpu - in_parse:.2f} s = "
            f"{(ours_cpu - in_parse) / in_parse:.0%} of the parse time",
            flush=True,
        )
    engine.parse = real_parse

    if not args.no_mb:
        line = " ".join(ct24_sentences())
        while len(line.encode()) < 1_000_000:  # the train set is about 2.4 MB; this loop never runs in practice
            line += " " + line
        line = line.encode()[:1_000_000].decode("utf-8", "ignore")
        n = len(list(sentences(line)))
        from claims.extract.parse import parse_processes

        for setting in ("1", ""):  # one core, then the workers the text gets by default
            os.environ["CLAIMS_PARSE_PROCESSES"] = setting
            workers = parse_processes(n)
            before = rss_mb()
            peaks: dict[int, float] = {}
            watch = threading.Thread(target=watch_children, args=(peaks,), daemon=True)
            watch.start()
            w0 = time.perf_counter()
            found = len(extract_claims(line))
            peaks[-1] = 0.0  # stops the watch
            watch.join()
            child = max(peaks.values())
            print(
                f"1 MB on one line ({n} sentences, {workers} parse process{'es' if workers > 1 else ''}, "
                f"load average {os.getloadavg()[0]:.2f}): {time.perf_counter() - w0:.1f} s, {found} claims, "
                f"peak RSS +{rss_mb() - before:.0f} MB (total {rss_mb():.0f} MB)"
                + (f", each parse worker at most {child:.0f} MB" if workers > 1 else ""),
                flush=True,
            )
        os.environ.pop("CLAIMS_PARSE_PROCESSES")

    exe = shutil.which("claims") or str(ROOT / ".venv" / "bin" / "claims")
    if not args.no_cli and Path(exe).exists():
        article = SHARED / "dev" / "putin-kim-summit.txt"
        runs = []
        for _ in range(5):
            w0 = time.perf_counter()
            subprocess.run([exe, "extract", "--format", "jsonl", str(article)], check=True, capture_output=True)
            runs.append(time.perf_counter() - w0)
        print(f"cold start, claims extract of one article: best {min(runs):.2f} s, worst {max(runs):.2f} s (5 runs)")
    print(core_speed())
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Train the check-worthiness model (CheckThat! 2024 task 1, English) into the package.

Fits a logistic regression over ``claims.checkworthy.features`` on CT24 ``train`` and
``dev`` together.  Everything is chosen by stratified 5-fold cross-validation over
train+dev (fixed seed): the feature set (with or without the parse features of
``claims.extract.score.parse_features``, with or without character n-grams), C, the
positive class weight, the pruned model size and the threshold.  ``dev-test`` is never
read here: score it once, at the end, with ``../shared/eval/score_checkworthy.py``.

The threshold is chosen for the extractor, which is what ships: a sentence counts as
check-worthy when one of its claims scores >= 0.5, and a claim's score is
``0.6 * probability + 0.4 * base`` (``claims.extract.score.claim_score``), where the
base depends on the claim's kind.  So the script runs the extractor once over every
sentence with the classifier stubbed (recording each claim's base and the parse the
classifier is given) and picks the cut that maximises the extractor's out-of-fold F1.
The classifier's own out-of-fold F1 is printed beside it.

Parsing and extracting 23,500 sentences takes minutes: the results are cached in a
temporary file (``--cache``), never in the repository.  Needs numpy + scikit-learn
(``pip install -e '.[train]'``), for training only.

    .venv/bin/python bench/train_checkworthy.py [--out PATH] [--sets text,text+parse] [--grid 1,2,4]
"""

from __future__ import annotations

import argparse
import csv
import gzip
import hashlib
import json
import math
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from claims.checkworthy import save_model  # noqa: E402
from claims.checkworthy.features import featurise  # noqa: E402

DATA = Path(__file__).resolve().parents[2] / "shared" / "eval" / "checkthat2024"
OUT = ROOT / "claims" / "checkworthy" / "model.weights.gz"
CACHE = Path(tempfile.gettempdir()) / "claims-checkworthy-prep.json.gz"
SEED = 13
FOLDS = 5
STEP = 0.02  # threshold grid (logits)
HALF = 0.3  # smoothing half-width of F1 around a cut (logits)

#: Feature sets: which features of ``featurise(text, parse_features)`` a model may weigh.
SETS: dict[str, Callable[[str], bool]] = {
    "text": lambda f: not f.startswith("p:"),
    "text+parse": lambda f: True,
    "words": lambda f: f[:2] in ("w:", "b:", "h:"),
    "words+parse": lambda f: f[:2] in ("w:", "b:", "h:", "p:"),
    "text+parse-pos": lambda f: not f.startswith(("p:pos=", "p:pp=")),
}


def load(name: str) -> tuple[list[str], list[int]]:
    """Read one CT24 TSV split as (texts, 0/1 labels); repairs rows glued by a lost newline."""
    texts: list[str] = []
    labels: list[int] = []
    with (DATA / f"CT24_checkworthy_english_{name}.tsv").open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
            label = (row["class_label"] or "").strip()
            texts.append(row["Text"].strip('"'))
            labels.append(int(label.lower().startswith("yes")))
            extra = row.get(None)  # type: ignore[call-overload]
            if extra and len(extra) == 2:  # "No29286<TAB>text<TAB>No": a second row
                texts.append(extra[0].strip('"'))
                labels.append(int(extra[1].strip().lower() == "yes"))
    return texts, labels


def prepare(texts: list[str], cache: Path) -> list[dict[str, Any]]:
    """Per text: its parse features, and what the extractor makes of it as a one-sentence file.

    ``subs``: the sentences the extractor scores, each ``[text, parse features]``;
    ``claims``: ``[sentence index, 0.4 * base, sentence-level?]`` of each claim.
    """
    key = hashlib.sha256("\x00".join(texts).encode()).hexdigest()
    if cache.exists():
        stored = json.loads(gzip.decompress(cache.read_bytes()))
        if stored.get("key") == key:
            return stored["rows"]
    import claims.extract.score as score
    from claims.extract import extract_claims, is_english
    from claims.extract.parse import parse

    started = time.perf_counter()
    whole = [score.parse_features(doc) for doc in parse(texts)]
    print(f"parsed {len(texts)} sentences in {time.perf_counter() - started:.0f}s", flush=True)
    seen: list[tuple[str, list[str]]] = []

    def stub(sentence: str, doc: Any = None) -> float:
        seen.append((sentence, score.parse_features(doc) if doc is not None else []))
        return 1.0  # a claim's score is then 0.6 + 0.4 * base

    real = score.sentence_score
    score.sentence_score = stub  # type: ignore[assignment]
    rows = []
    try:
        for text, pf in zip(texts, whole, strict=True):
            seen.clear()
            body = text + "\n"  # as score_checkworthy.py writes it
            found = extract_claims(body) if is_english(body) else []
            subs = list(seen)
            claims = []
            for c in found:
                k = next((k for k, (s, _) in enumerate(subs) if s.strip() == c.sentence), 0)
                claims.append([k, round(c.score - 0.6, 3), bool(c.values.get("sentence_level"))])
            rows.append({"pf": pf, "subs": subs, "claims": claims})
    finally:
        score.sentence_score = real  # type: ignore[assignment]
    print(f"prepared in {time.perf_counter() - started:.0f}s", flush=True)
    cache.write_bytes(gzip.compress(json.dumps({"key": key, "rows": rows}).encode(), compresslevel=3))
    return rows


def prf(gold: Sequence[int], pred: Sequence[int]) -> tuple[float, float, float]:
    """Precision, recall and F1 of the positive class."""
    tp = sum(g and p for g, p in zip(gold, pred, strict=True))
    fp = sum(p and not g for g, p in zip(gold, pred, strict=True))
    fn = sum(g and not p for g, p in zip(gold, pred, strict=True))
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _sigmoid(z: float) -> float:
    return 0.0 if z < -35 else 1.0 / (1.0 + math.exp(-z))


def extractor_says(margin_of: list[float], claims: list[list[Any]], cut: float) -> int:
    """Whether the extractor reports the sentence: a claim of score >= 0.5 (see the module doc)."""
    for k, b40, sentence_level in claims:
        p = _sigmoid(margin_of[k] - cut) if k < len(margin_of) else 0.0
        if (not sentence_level or p >= 0.5) and round(0.6 * p + b40, 3) >= 0.5:
            return 1
    return 0


def best_cut(score_at: Callable[[float], float], half: float = HALF) -> tuple[float, float]:
    """Margin cut maximising F1 smoothed over +-``half`` logits (a stable optimum), and that F1."""
    grid = [i * STEP for i in range(int(-4 / STEP), int(4 / STEP) + 1)]
    f1s = [score_at(cut) for cut in grid]
    k = round(half / STEP)
    best = (0.0, -1.0)
    for i in range(k, len(grid) - k):
        smooth = sum(f1s[i - k : i + k + 1]) / (2 * k + 1)
        if smooth > best[1] + 1e-12:
            best = (grid[i], smooth)
    return best


def fit(xs: list[dict[str, float]], ys: list[int], c: float, pos_weight: float) -> tuple[dict[str, float], float]:
    """Logistic regression over a DictVectorizer; returns (weights dict, bias)."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = DictVectorizer()
    mat = vec.fit_transform(xs).tocsr()
    mat.indices = mat.indices.astype("int32")  # liblinear wants 32-bit indices
    mat.indptr = mat.indptr.astype("int32")
    clf = LogisticRegression(
        C=c, class_weight={0: 1.0, 1: pos_weight}, max_iter=3000, solver="liblinear", random_state=SEED
    )
    clf.fit(mat, ys)
    names = vec.get_feature_names_out()
    return dict(zip(names, clf.coef_[0].tolist(), strict=True)), float(clf.intercept_[0])


def margin(weights: dict[str, float], bias: float, x: dict[str, float]) -> float:
    """The linear margin of one featurised sentence (what ``claims.checkworthy.margin`` computes)."""
    return bias + sum(weights.get(f, 0.0) * v for f, v in x.items())


def prune(weights: dict[str, float], keep: int) -> dict[str, float]:
    """The ``keep`` largest-magnitude weights, rounded for a compact file."""
    top = sorted(weights.items(), key=lambda kv: (-abs(kv[1]), kv[0]))[:keep]
    return {k: round(v, 4) for k, v in top if abs(v) >= 5e-5}


def main() -> int:
    """Cross-validate the grid on train+dev, refit the best on all of it, write the model file."""
    from sklearn.model_selection import StratifiedKFold

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--cache", type=Path, default=CACHE, help="temporary cache of the parses (not in the repo)")
    ap.add_argument("--sets", default=",".join(SETS), help="feature sets to try")
    ap.add_argument("--grid", default="1,4", help="values of C to try")
    ap.add_argument("--pos-weight", default="1", help="positive class weights to try")
    ap.add_argument("--keep", default="50000,100000,200000", help="pruned sizes to try")
    ap.add_argument("--dry-run", action="store_true", help="cross-validate only; write no model")
    ap.add_argument(
        "--cut",
        type=float,
        help="skip cross-validation: fit the one setting given (--sets, --grid, --pos-weight, --keep)"
        " on train+dev with this cut, as an earlier cross-validation run chose it",
    )
    args = ap.parse_args()
    tr_t, tr_y = load("train")
    dv_t, dv_y = load("dev")
    texts, ys = tr_t + dv_t, tr_y + dv_y
    print(f"train {len(tr_y)} ({sum(tr_y)} yes) + dev {len(dv_y)} ({sum(dv_y)} yes)", flush=True)
    rows = prepare(texts, args.cache)
    xs = [featurise(t, r["pf"]) for t, r in zip(texts, rows, strict=True)]
    # The sentences the extractor scores: mostly the text itself, sometimes its pieces.
    subx = [
        [xs[i] if s == texts[i] or s.strip() == texts[i].strip() else featurise(s, pf) for s, pf in r["subs"]]
        for i, r in enumerate(rows)
    ]
    folds = list(StratifiedKFold(FOLDS, shuffle=True, random_state=SEED).split(texts, ys))
    keeps = [int(v) for v in args.keep.split(",")]
    results: list[tuple[Any, ...]] = []
    if args.cut is not None:
        one = (args.sets, float(args.grid), float(args.pos_weight), int(args.keep))
        results.append((float("nan"), *one, args.cut, float("nan"), float("nan")))
    for name in args.sets.split(",") if args.cut is None else ():
        use = SETS[name]
        fx = [{f: v for f, v in x.items() if use(f)} for x in xs]
        for c in [float(v) for v in args.grid.split(",")]:
            for pw in [float(v) for v in args.pos_weight.split(",")]:
                oof = {k: [0.0] * len(ys) for k in keeps}
                oof_sub: dict[int, list[list[float]]] = {k: [[] for _ in ys] for k in keeps}
                started = time.perf_counter()
                for train_idx, test_idx in folds:
                    w, b = fit([fx[i] for i in train_idx], [ys[i] for i in train_idx], c, pw)
                    for k in keeps:
                        wk = prune(w, k)
                        for i in test_idx:
                            oof[k][i] = margin(wk, b, xs[i])
                            oof_sub[k][i] = [margin(wk, b, x) for x in subx[i]]
                for k in keeps:
                    m, ms = oof[k], oof_sub[k]
                    cut_c, f1_c = best_cut(lambda cut, m=m: prf(ys, [int(v >= cut) for v in m])[2])
                    cut_e, f1_e = best_cut(
                        lambda cut, ms=ms: prf(
                            ys, [extractor_says(ms[i], rows[i]["claims"], cut) for i in range(len(ys))]
                        )[2]
                    )
                    p, r, f1_at = prf(ys, [extractor_says(ms[i], rows[i]["claims"], cut_e) for i in range(len(ys))])
                    results.append((f1_e, name, c, pw, k, cut_e, f1_c, cut_c))
                    print(
                        f"{name:15s} C={c:<4g} pos_weight={pw:<3g} keep={k:<6d}  CV F1 classifier {f1_c:.3f} (cut {cut_c:+.2f})"
                        f"  extractor {f1_e:.3f} (cut {cut_e:+.2f}; at it P {p:.3f} R {r:.3f} F1 {f1_at:.3f})"
                        f"  [{time.perf_counter() - started:.0f}s]",
                        flush=True,
                    )
    # Prefer the simpler setting on near-ties (within 0.002): fewer weights, no parse, smaller C.
    top = max(r[0] for r in results)
    chosen = next((r for r in results if r[0] >= top - 0.002), results[0])
    f1_e, name, c, pw, keep, cut, f1_c, cut_c = chosen
    print(f"chosen: {name} C={c:g} pos_weight={pw:g} keep={keep} cut {cut:+.2f} (CV F1 extractor {f1_e:.3f})")
    if args.dry_run:
        return 0
    use = SETS[name]
    w, b = fit([{f: v for f, v in x.items() if use(f)} for x in xs], ys, c, pw)
    weights = prune(w, keep)
    bias = b - cut  # score >= 0.5  <=>  margin >= cut
    doc = {
        "bias": round(bias, 5),
        "weights": weights,
        "trained_on": "CT24_checkworthy_english_train+dev",
        "tuned_on": f"{FOLDS}-fold cross-validation over train+dev (seed {SEED})",
        "params": {
            "features": name,
            "C": c,
            "pos_weight": pw,
            "keep": keep,
            "cut": cut,
            "cv_f1_extractor": None if math.isnan(f1_e) else round(f1_e, 4),
        },
    }
    save_model(doc, args.out)
    print(
        f"wrote {args.out} ({args.out.stat().st_size / 1e6:.2f} MB, {len(weights)} weights, logit bias {bias:+.3f},"
        f" sigmoid(bias) {1 / (1 + math.exp(-bias)):.3f})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Train the check-worthiness model (CheckThat! 2024 task 1, English) into the package.

Fits a logistic regression on ``train`` only over ``claims.checkworthy.features``,
tunes C / class weight / pruning and the threshold on ``dev`` only, shifts the bias
so that score >= 0.5 is the dev-F1-optimal cut, and writes ``model.json.gz``.
``dev-test`` is only reported.  Needs numpy + scikit-learn (dev step only).

    .venv/bin/python bench/train_checkworthy.py [--out PATH]
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import math
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from claims.checkworthy.features import featurise  # noqa: E402

DATA = Path(__file__).resolve().parents[2] / "shared" / "eval" / "checkthat2024"
OUT = ROOT / "claims" / "checkworthy" / "model.json.gz"
SEED = 13
STEP = 0.02  # threshold grid (logits)
HALF = 0.3  # smoothing half-width of dev F1 around a cut (logits)


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


def prf(gold: list[int], pred: list[int]) -> tuple[float, float, float]:
    """Precision, recall and F1 of the positive class."""
    tp = sum(g and p for g, p in zip(gold, pred, strict=True))
    fp = sum(p and not g for g, p in zip(gold, pred, strict=True))
    fn = sum(g and not p for g, p in zip(gold, pred, strict=True))
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def best_cut(gold: list[int], margins: list[float], half: float = HALF) -> tuple[float, float]:
    """Margin cut maximising dev F1 smoothed over +-``half`` logits (a stable optimum), and it."""
    grid = [i * STEP for i in range(int(-6 / STEP), int(6 / STEP) + 1)]
    f1s = [prf(gold, [int(m >= cut) for m in margins])[2] for cut in grid]
    k = round(half / STEP)
    best = (0.0, -1.0)
    for i in range(k, len(grid) - k):
        smooth = sum(f1s[i - k : i + k + 1]) / (2 * k + 1)
        if smooth > best[1] + 1e-12:
            best = (grid[i], smooth)
    return best


def fit(xs: list[dict[str, float]], ys: list[int], c: float, pos_weight: float):  # noqa: ANN201
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


def margins(weights: dict[str, float], bias: float, xs: list[dict[str, float]]) -> list[float]:
    """Linear margins of featurised sentences."""
    return [bias + sum(weights.get(f, 0.0) * v for f, v in x.items()) for x in xs]


def prune(weights: dict[str, float], keep: int) -> dict[str, float]:
    """The ``keep`` largest-magnitude weights, rounded for a compact file."""
    top = sorted(weights.items(), key=lambda kv: (-abs(kv[1]), kv[0]))[:keep]
    return {k: round(v, 4) for k, v in top if abs(v) >= 5e-5}


def main() -> int:
    """Train, tune on dev, report dev and dev-test, write the model file."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--grid", default="1,2,4,8", help="values of C to try")
    ap.add_argument("--keep", default="50000,100000,400000", help="pruned sizes to try")
    args = ap.parse_args()
    tr_t, tr_y = load("train")
    dv_t, dv_y = load("dev")
    dt_t, dt_y = load("dev-test")
    tr_x = [featurise(t) for t in tr_t]
    dv_x = [featurise(t) for t in dv_t]
    dt_x = [featurise(t) for t in dt_t]
    print(f"train {len(tr_y)} ({sum(tr_y)} yes), dev {len(dv_y)}, dev-test {len(dt_y)}")
    best: tuple[float, ...] = (-1.0,)
    model: tuple[dict[str, float], float, float] | None = None
    for c in [float(v) for v in args.grid.split(",")]:
        pw = 1.0
        w, b = fit(tr_x, tr_y, c, pw)
        for keep in [int(v) for v in args.keep.split(",")]:
            pw_ = prune(w, keep)
            cut, f1 = best_cut(dv_y, margins(pw_, b, dv_x))
            print(f"C={c} keep={keep}: smoothed dev F1 {f1:.3f} (cut {cut:+.3f})", flush=True)
            if f1 > best[0] + 0.002:  # prefer earlier (smaller) settings on near-ties
                best, model = (f1, c, pw, keep), (pw_, b, cut)
    assert model is not None
    weights, bias, cut = model
    bias -= cut  # score >= 0.5  <=>  margin >= 0
    print(f"chosen C={best[1]} pos_weight={best[2]} keep={best[3]} ({len(weights)} weights)")
    for name, xs, ys in (("dev", dv_x, dv_y), ("dev-test", dt_x, dt_y)):
        p, r, f1 = prf(ys, [int(m >= 0) for m in margins(weights, bias, xs)])
        print(f"{name}: precision {p:.3f} recall {r:.3f} F1 {f1:.3f} at 0.5")
    doc = {
        "format": 1,
        "bias": round(bias, 5),
        "weights": weights,
        "trained_on": "CT24_checkworthy_english_train",
        "tuned_on": "dev",
        "params": {"C": best[1], "pos_weight": best[2], "keep": best[3]},
    }
    raw = json.dumps(doc, separators=(",", ":"), sort_keys=True).encode()
    args.out.write_bytes(gzip.compress(raw, compresslevel=9, mtime=0))
    print(
        f"wrote {args.out} ({args.out.stat().st_size / 1e6:.2f} MB, logit bias {bias:+.3f},"
        f" sigmoid(bias) {1 / (1 + math.exp(-bias)):.3f})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

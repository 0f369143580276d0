"""Train the verify scorer (a logistic regression) and write src/storycheck/data/verify/model.json.

Data recipe (FRANK has no train split; its test split is never read here):
- FRANK validation: 671 model summaries of 149 articles, label 1 when every sentence was
  judged error-free (the FRANK README's binarisation);
- synthetic pairs built from the validation articles (FactCC's recipe, `synthetic.py`): a
  source sentence copied or lightly compressed (consistent) and the same sentence with a
  name, number, date or place swapped for another of the article's, or negated
  (inconsistent). They teach the scorer what the slot checks catch.

Model selection is by out-of-fold AUC over the synthetic weight (0 leaves them out) and
the L2 penalty; the scores are then Platt-calibrated on the out-of-fold scores so that the
shipped score reads as the probability that FRANK's annotators would find no error.

Out-of-fold scores come from 5-fold cross-validation grouped by article over the validation
records (synthetic pairs follow their article's fold); the decision threshold is the one
that maximises balanced accuracy of the calibrated out-of-fold scores. The final model is
refit on all of it.

    .venv/bin/python benchmarks/frank/train.py  [--synthetic-weight W ...]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

import numpy as np
from frank_data import featurize
from metrics import auc, balanced_accuracy, best_threshold

ROOT = Path(__file__).resolve().parents[2]
OUTPUT = ROOT / "src" / "storycheck" / "data" / "verify" / "model.json"
FOLDS = 5
WEIGHT_GRID = (0.0, 0.3, 1.0, 3.0)
L2_GRID = (1.0, 3.0, 10.0, 30.0, 100.0, 300.0, 1000.0, 3000.0)


def fit_logistic(x: np.ndarray, y: np.ndarray, weight: np.ndarray, l2: float) -> tuple[np.ndarray, float]:
    """Weighted L2-regularised logistic regression by Newton's method (x standardised)."""
    design = np.hstack([x, np.ones((len(x), 1))])
    beta = np.zeros(design.shape[1])
    penalty = np.full(design.shape[1], l2)
    penalty[-1] = 0.0
    for _ in range(50):
        p = 1 / (1 + np.exp(-np.clip(design @ beta, -30, 30)))
        grad = design.T @ (weight * (p - y)) + penalty * beta
        hess = (design * (weight * p * (1 - p))[:, None]).T @ design + np.diag(penalty + 1e-9)
        step = np.linalg.solve(hess, grad)
        beta -= step
        if np.abs(step).max() < 1e-8:
            break
    return beta[:-1], float(beta[-1])


def standardise(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale < 1e-6] = 1.0
    return mean, scale


def predict(
    x: np.ndarray, mean: np.ndarray, scale: np.ndarray, coef: np.ndarray, intercept: float
) -> np.ndarray:
    return 1 / (1 + np.exp(-np.clip(((x - mean) / scale) @ coef + intercept, -30, 30)))


def train(x: np.ndarray, y: np.ndarray, weight: np.ndarray, l2: float) -> dict[str, Any]:
    mean, scale = standardise(x)
    coef, intercept = fit_logistic((x - mean) / scale, y, weight, l2 * weight.sum() / len(weight))
    return {"mean": mean, "scale": scale, "coef": coef, "intercept": intercept}


Synthetic = tuple[np.ndarray, np.ndarray, list[str]]


def out_of_fold(
    x: np.ndarray, y: np.ndarray, groups: list[str], synth: Synthetic, w: float, l2: float
) -> np.ndarray:
    """Scores of each validation record from a model that never saw its article."""
    unique = sorted(set(groups))
    fold_of = {group: i % FOLDS for i, group in enumerate(np.random.default_rng(0).permutation(unique))}
    folds = np.array([fold_of[g] for g in groups])
    synth_folds = np.array([fold_of.get(g, -1) for g in synth[2]])
    scores = np.zeros(len(y))
    for fold in range(FOLDS):
        keep, skeep = folds != fold, synth_folds != fold
        tx = np.vstack([x[keep], synth[0][skeep]])
        ty = np.concatenate([y[keep], synth[1][skeep]])
        tw = np.concatenate([np.ones(keep.sum()), np.full(skeep.sum(), w)])
        model = train(tx, ty, tw, l2)
        scores[~keep] = predict(x[~keep], model["mean"], model["scale"], model["coef"], model["intercept"])
    return scores


def matrix(features: list[dict[str, float]], names: list[str]) -> np.ndarray:
    return np.array([[f.get(name, 0.0) for name in names] for f in features], dtype=float)


def calibrate(labels: np.ndarray, scores: np.ndarray) -> tuple[float, float]:
    """Platt scaling (a, b) of out-of-fold scores onto FRANK's labels: p' = sigmoid(a logit(p) + b).

    Synthetic pairs shift the base rate; this puts the score back on the scale of "probability
    that FRANK's annotators find no error".
    """
    clipped = np.clip(scores, 1e-6, 1 - 1e-6)
    logits = np.log(clipped / (1 - clipped))[:, None]
    (a,), b = fit_logistic(logits, labels, np.ones(len(labels)), 1e-3)
    return float(a), b


def select(
    x: np.ndarray, y: np.ndarray, groups: list[str], names: list[str], weights: tuple[float, ...]
) -> tuple[float, float, float, np.ndarray]:
    """(synthetic weight, l2, AUC, out-of-fold scores) with the best out-of-fold AUC."""
    best: tuple[float, float, float, np.ndarray] | None = None
    for weight in weights:
        synth = _synthetic(names, weight)
        for l2 in L2_GRID:
            scores = out_of_fold(x, y, groups, synth, weight, l2)
            area = auc(y, scores)
            print(f"synthetic weight {weight:<4} l2={l2:<7} out-of-fold AUC {area:.4f}", file=sys.stderr)
            if best is None or area > best[2]:
                best = (weight, l2, area, scores)
    assert best is not None
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--synthetic-weight", type=float, action="append", help="weights to try")
    args = parser.parse_args()
    rows, features, _ = featurize("valid")
    names = sorted(features[0])
    x, y = matrix(features, names), np.array([r["label"] for r in rows], dtype=float)
    groups = [r["hash"] for r in rows]
    weight, l2, best_auc, scores = select(x, y, groups, names, tuple(args.synthetic_weight or WEIGHT_GRID))
    a, b = calibrate(y, scores)
    clipped = np.clip(scores, 1e-6, 1 - 1e-6)
    calibrated = 1 / (1 + np.exp(-(a * np.log(clipped / (1 - clipped)) + b)))
    threshold = best_threshold(y, calibrated)
    bacc = balanced_accuracy(y, calibrated >= threshold)
    synth = _synthetic(names, weight)
    tx, ty = np.vstack([x, synth[0]]), np.concatenate([y, synth[1]])
    tw = np.concatenate([np.ones(len(y)), np.full(len(synth[1]), weight)])
    model = train(tx, ty, tw, l2)
    described = f" + {len(synth[1])} synthetic pairs at weight {weight}" if len(synth[1]) else ""
    data = {
        "features": names,
        "mean": model["mean"].round(6).tolist(),
        "scale": model["scale"].round(6).tolist(),
        "coef": (a * model["coef"]).round(6).tolist(),
        "intercept": round(a * model["intercept"] + b, 6),
        "threshold": round(threshold, 6),
        "sentence_threshold": round(threshold, 6),
        "training": {
            "data": f"FRANK validation ({len(y)} summaries){described}",
            "l2": l2,
            "platt": [round(a, 6), round(b, 6)],
            "valid_out_of_fold": {"auc": round(best_auc, 4), "balanced_accuracy": round(bacc, 4)},
            "valid_out_of_fold_per_source": _per_source(rows, y, calibrated, threshold),
        },
    }
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    print(
        f"weight {weight} l2 {l2}: valid out-of-fold AUC {best_auc:.4f} BAcc {bacc:.4f}",
        f"threshold {threshold:.3f}",
    )


def _per_source(
    rows: list[dict[str, Any]], y: np.ndarray, scores: np.ndarray, threshold: float
) -> dict[str, dict[str, float]]:
    origins = np.array([r["origin"] for r in rows])
    return {
        origin: {
            "auc": round(auc(y[origins == origin], scores[origins == origin]), 4),
            "balanced_accuracy": round(
                balanced_accuracy(y[origins == origin], scores[origins == origin] >= threshold), 4
            ),
        }
        for origin in ("cnndm", "xsum")
    }


def _synthetic(names: list[str], weight: float) -> tuple[np.ndarray, np.ndarray, list[str]]:
    if weight <= 0:
        return np.zeros((0, len(names))), np.zeros(0), []
    from synthetic import synthetic_features

    features, labels, groups = synthetic_features("valid")
    return matrix(features, names), np.array(labels, dtype=float), groups


if __name__ == "__main__":
    main()

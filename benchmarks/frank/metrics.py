"""Balanced accuracy, ROC AUC and threshold choice, in plain numpy."""

from __future__ import annotations

import numpy as np


def auc(labels: np.ndarray, scores: np.ndarray) -> float:
    """ROC AUC by the rank-sum statistic (ties share their mean rank)."""
    labels, scores = np.asarray(labels, dtype=float), np.asarray(scores, dtype=float)
    order = np.argsort(scores, kind="mergesort")
    ranks = np.empty(len(scores))
    sorted_scores = scores[order]
    start = 0
    while start < len(scores):
        end = start
        while end + 1 < len(scores) and sorted_scores[end + 1] == sorted_scores[start]:
            end += 1
        ranks[order[start : end + 1]] = (start + end) / 2 + 1
        start = end + 1
    positives = labels.sum()
    negatives = len(labels) - positives
    if positives == 0 or negatives == 0:
        return float("nan")
    return float((ranks[labels == 1].sum() - positives * (positives + 1) / 2) / (positives * negatives))


def balanced_accuracy(labels: np.ndarray, predictions: np.ndarray) -> float:
    """Mean recall of consistent (1) and inconsistent (0) texts."""
    labels, predictions = np.asarray(labels), np.asarray(predictions).astype(int)
    rates = [
        float((predictions[labels == value] == value).mean()) for value in (0, 1) if (labels == value).any()
    ]
    return sum(rates) / len(rates)


def best_threshold(labels: np.ndarray, scores: np.ndarray) -> float:
    """The score threshold (midpoint between neighbours) that maximises balanced accuracy."""
    values = np.unique(scores)
    cuts = np.concatenate([[values[0] - 1e-9], (values[1:] + values[:-1]) / 2, [values[-1] + 1e-9]])
    best = max(cuts, key=lambda cut: balanced_accuracy(labels, scores >= cut))
    return float(best)

"""The learned scorer: a logistic regression over the verify features.

Weights ship as package data (`storycheck/data/verify/model.json`), written by
`benchmarks/frank/train.py` from FRANK's validation split and synthetic
negatives; see that script for the recipe. The output is the probability that the text
(or one sentence, scored as a one-sentence text) holds no factual error against the source.
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from typing import Any

from ..errors import ModelError

__all__ = ["Scorer", "load_scorer"]

WEIGHTS = "model.json"


@dataclass(frozen=True)
class Scorer:
    """Standardise, weight, squash: p = 1 / (1 + exp(-(b + sum w_i (x_i - mean_i) / scale_i)))."""

    features: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    coef: tuple[float, ...]
    intercept: float
    threshold: float  # document score at or above which the text is called consistent
    sentence_threshold: float  # sentence score at or above which a sentence is supported

    def score(self, features: Mapping[str, float]) -> float:
        """Probability of no factual error; a feature left out counts as its mean."""
        total = self.intercept
        for name, mean, scale, weight in zip(self.features, self.mean, self.scale, self.coef, strict=True):
            total += weight * (features.get(name, mean) - mean) / scale
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, total))))

    def to_dict(self) -> dict[str, Any]:
        return {
            "features": list(self.features),
            "mean": list(self.mean),
            "scale": list(self.scale),
            "coef": list(self.coef),
            "intercept": self.intercept,
            "threshold": self.threshold,
            "sentence_threshold": self.sentence_threshold,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Scorer:
        return cls(
            features=tuple(str(name) for name in data["features"]),
            mean=tuple(float(v) for v in data["mean"]),
            scale=tuple(float(v) for v in data["scale"]),
            coef=tuple(float(v) for v in data["coef"]),
            intercept=float(data["intercept"]),
            threshold=float(data["threshold"]),
            sentence_threshold=float(data["sentence_threshold"]),
        )


@functools.cache
def load_scorer() -> Scorer:
    """The shipped scorer, read once per process."""
    try:
        text = (resources.files("storycheck") / "data" / "verify" / WEIGHTS).read_text(encoding="utf-8")
        return Scorer.from_dict(json.loads(text))
    except (OSError, ValueError, KeyError, TypeError) as err:
        raise ModelError("SC300", name=f"verify/{WEIGHTS}", reason=str(err)) from err

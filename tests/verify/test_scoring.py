"""The learned scorer: shipped weights load, scores are probabilities, serialisation round-trips."""

from __future__ import annotations

import pytest

from storycheck.verify.scoring import Scorer, load_scorer


def _scorer() -> Scorer:
    return Scorer(
        features=("mean_lexical", "worst_conflicts"),
        mean=(0.5, 0.0),
        scale=(0.25, 1.0),
        coef=(2.0, -3.0),
        intercept=0.0,
        threshold=0.5,
        sentence_threshold=0.5,
    )


def test_shipped_scorer_loads_with_a_threshold_inside_zero_one() -> None:
    scorer = load_scorer()
    assert scorer.features
    assert 0.0 < scorer.threshold < 1.0


def test_score_rises_with_support_and_falls_with_conflicts() -> None:
    scorer = _scorer()
    assert scorer.score({"mean_lexical": 0.9}) > scorer.score({"mean_lexical": 0.2})
    assert scorer.score({"worst_conflicts": 1.0}) < scorer.score({"worst_conflicts": 0.0})


def test_a_missing_feature_counts_as_its_mean() -> None:
    assert _scorer().score({}) == pytest.approx(0.5)


def test_extreme_features_stay_finite() -> None:
    assert 0.0 <= _scorer().score({"mean_lexical": 1e9}) <= 1.0


def test_scorer_round_trips_through_a_dict() -> None:
    scorer = _scorer()
    assert Scorer.from_dict(scorer.to_dict()) == scorer

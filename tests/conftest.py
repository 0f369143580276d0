"""Shared fixtures: the real NLP models loaded once per session, small settings, paths."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
SCHEMA = SHARED / "report.schema.json"
EXAMPLES = ROOT / "examples"


@pytest.fixture(scope="session")
def nlp():  # type: ignore[no-untyped-def]
    """The spaCy pipeline (real model), loaded once."""
    from storycheck.nlp import spacy_model

    return spacy_model()


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is absent: seed tests need the shared folder beside the repo")
    return SEEDS


@pytest.fixture(scope="session")
def schema() -> dict:  # type: ignore[type-arg]
    import json

    if not SCHEMA.is_file():
        pytest.skip("../shared/report.schema.json is absent")
    return json.loads(SCHEMA.read_text())

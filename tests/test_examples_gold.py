"""Golden end-to-end checks on the bundled example stories (examples/*/gold.json).

Each example is an invented event told by 5-6 invented outlets, with discrepancies of
every kind planted and look-alikes that must not be flagged; the gold file says which.
The matching rules are those of `make bench` (benchmarks/scoring.py).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from benchmarks.scoring import flags_look_alike, matches_gold, score_story

from storycheck.pipeline import CheckResult, run_check
from storycheck.serialize import report_to_dict

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
SEEDS = ROOT.parent / "shared" / "seeds"
STORIES = sorted(path.parent.name for path in EXAMPLES.glob("*/gold.json"))
# Share of the required planted discrepancies the engine must find in every example.
# Pinned from what the engine found when these tests were written (harbor-bridge 4/8,
# lodz-fire 5/8, mendoza-election 4/8): raise it as the engine improves, never lower it
# to make a test pass.
RECALL_FLOOR = 0.5
# Seed numbers and names the examples must not reuse: a number token of two or more digits
# or a run of two or more capitalised words (weekdays and months are common English).
_SEED_NUMBER = re.compile(r"\d[\d,]*\d")
_SEED_NAME = re.compile(r"\b[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)+")

Loaded = tuple[dict[str, Any], dict[str, str], dict[str, Any]]


@pytest.fixture(scope="module")
def stories() -> dict[str, Loaded]:
    """Every example checked once: (report dict, article texts, gold), models loaded once."""
    loaded: dict[str, Loaded] = {}
    for story in STORIES:
        result: CheckResult = run_check([EXAMPLES / story])
        gold = json.loads((EXAMPLES / story / "gold.json").read_text(encoding="utf-8"))
        loaded[story] = (report_to_dict(result.report), result.texts, gold)
    return loaded


def _spans(data: dict[str, Any]) -> list[dict[str, Any]]:
    spans = [e for d in data["discrepancies"] for v in d["values"] for e in v["evidence"]]
    spans += [e for f in data["facts"] for e in f["evidence"]]
    spans += [s["evidence"] for s in data["single_source"]]
    spans += [e for q in data["quotes"] for v in q["variants"] for e in v.get("evidence", [])]
    return spans


def test_every_example_has_a_gold_file() -> None:
    folders = sorted(path.name for path in EXAMPLES.iterdir() if path.is_dir())
    assert folders == STORIES


@pytest.mark.parametrize("story", STORIES)
def test_gold_terms_occur_in_their_articles(story: str) -> None:
    gold = json.loads((EXAMPLES / story / "gold.json").read_text(encoding="utf-8"))
    articles = [path for path in (EXAMPLES / story).iterdir() if path.name != "gold.json"]
    text = "\n".join(path.read_text(encoding="utf-8") for path in articles)
    terms = [
        t
        for d in gold["discrepancies"]
        for raw in d["terms"].values()
        for t in ([raw] if isinstance(raw, str) else raw)
    ]
    terms += [t for item in gold["must_not_flag"] for t in item["terms"]]
    terms += [item["contains"] for item in gold["single_source"]]
    missing = [t for t in terms if t.lower() not in text.lower()]
    assert not missing


def test_examples_reuse_no_seed_numbers_or_names() -> None:
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is absent: nothing to compare the examples with")
    seeds = "\n".join(path.read_text(encoding="utf-8") for path in SEEDS.iterdir())
    numbers = set(_SEED_NUMBER.findall(seeds))
    names = set(_SEED_NAME.findall(seeds))
    leaks = []
    for path in sorted(EXAMPLES.rglob("*.*")):
        text = path.read_text(encoding="utf-8")
        leaks += [f"{path.name}: {n}" for n in set(_SEED_NUMBER.findall(text)) & numbers]
        leaks += [f"{path.name}: {n}" for n in names if re.search(rf"\b{re.escape(n)}\b", text)]
    assert not leaks


@pytest.mark.slow
@pytest.mark.parametrize("story", STORIES)
def test_report_validates_against_the_schema(
    stories: dict[str, Loaded], schema: dict[str, Any], story: str
) -> None:
    data, _, _ = stories[story]
    jsonschema.Draft202012Validator(schema).validate(json.loads(json.dumps(data)))


@pytest.mark.parametrize("story", STORIES)
def test_report_validates_against_the_shipped_schema_1_1(stories: dict[str, Loaded], story: str) -> None:
    """The package's own schema (1.1) adds unresolved differences and disputed timeline rows;
    every report also keeps validating against the shared version 1 (test above)."""
    from importlib.resources import files

    schema_1_1 = json.loads(files("storycheck").joinpath("data/report.schema.json").read_text())
    data, _, _ = stories[story]
    jsonschema.Draft202012Validator(schema_1_1).validate(json.loads(json.dumps(data)))
    assert "unresolved" in data and all("disputed" in event for event in data["timeline"])


@pytest.mark.slow
@pytest.mark.parametrize("story", STORIES)
def test_every_evidence_span_is_the_article_text(stories: dict[str, Loaded], story: str) -> None:
    data, texts, _ = stories[story]
    bad = [e for e in _spans(data) if texts[e["article"]][e["start"] : e["end"]] != e["text"]]
    assert not bad


@pytest.mark.slow
@pytest.mark.parametrize("story", STORIES)
def test_no_look_alike_is_flagged(stories: dict[str, Loaded], story: str) -> None:
    data, texts, gold = stories[story]
    real = [d for d in data["discrepancies"] if any(matches_gold(g, d, texts) for g in gold["discrepancies"])]
    flagged = [
        (item["note"], [v["value"] for v in d["values"]])
        for d in data["discrepancies"]
        if d not in real
        for item in gold["must_not_flag"]
        if flags_look_alike(item, d, texts)
    ]
    assert not flagged


@pytest.mark.slow
@pytest.mark.parametrize("story", STORIES)
def test_the_original_is_the_gold_original(stories: dict[str, Loaded], story: str) -> None:
    data, _, gold = stories[story]
    assert data["provenance"]["original"] == gold["original"]


@pytest.mark.slow
@pytest.mark.parametrize("story", STORIES)
def test_planted_discrepancies_are_found(stories: dict[str, Loaded], story: str) -> None:
    data, texts, gold = stories[story]
    score = score_story(gold, data, texts)
    misses = [f"{m['id']} {m['kind']}: {m['subject']}" for m in score.missed]
    assert score.recall >= RECALL_FLOOR, f"recall {score.recall:.0%}, missed: {misses}"

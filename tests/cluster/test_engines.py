"""The local and Spark engines give the same stories; a full run checks every story."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from storycheck.batch import run_stories
from storycheck.batch.engines import LocalEngine
from storycheck.batch.spark import SparkEngine
from storycheck.config import Settings


def _groups(outdir: Path) -> list[tuple[str, ...]]:
    index = json.loads((outdir / "index.json").read_text())
    return sorted(tuple(entry["members"]) for entry in index["story_list"])


@pytest.mark.spark
def test_spark_and_local_engines_give_the_same_stories(
    spark: Any, mixed_inputs: Path, tmp_path: Path, settings: Settings
) -> None:
    local = LocalEngine(2)
    try:
        run_stories([mixed_inputs], tmp_path / "local", settings=settings, engine=local, check=False)
    finally:
        local.close()
    run_stories(
        [mixed_inputs], tmp_path / "spark", settings=settings, engine=SparkEngine("local[2]"), check=False
    )
    assert _groups(tmp_path / "spark") == _groups(tmp_path / "local")
    assert sorted(len(group) for group in _groups(tmp_path / "local")) == [3, 3, 3]


@pytest.mark.slow
def test_cluster_checks_each_story_and_rechecks_only_changed_ones(mixed_inputs: Path, tmp_path: Path) -> None:
    from storycheck.batch.engines import SerialEngine

    outdir, settings = tmp_path / "out", Settings()
    extra = mixed_inputs / "a.jsonl"
    kept = extra.read_text().splitlines()
    extra.write_text(kept[0] + "\n")  # the harlow story gets its second version only later
    first = run_stories([mixed_inputs], outdir, settings=settings, engine=SerialEngine())
    extra.write_text("\n".join(kept) + "\n")
    second = run_stories([mixed_inputs], outdir, settings=settings, engine=SerialEngine())
    index = json.loads((outdir / "index.json").read_text())
    assert (first.checked, second.checked) == (2, 1)  # harlow has one article at first
    assert {entry["status"] for entry in index["story_list"]} == {"checked"}
    assert all(entry["independent_sources"] >= 1 for entry in index["story_list"])
    assert all((outdir / entry["page"]).exists() for entry in index["story_list"])
    assert "<table>" in (outdir / "index.html").read_text()

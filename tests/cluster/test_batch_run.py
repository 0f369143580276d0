"""Cluster runs into an output folder: inputs of every kind, re-runs, resumes, bad input."""

from __future__ import annotations

import dataclasses
import gzip
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from storycheck.batch import make_engine, run_stories
from storycheck.batch.engines import SerialEngine
from storycheck.batch.work import Signed
from storycheck.config import Settings
from storycheck.stages.ingest.sources import Source

from .conftest import article_json, write_feed, write_warc
from .texts import filler_article, gold_stories, story_articles


def _index(outdir: Path) -> dict[str, Any]:
    return json.loads((outdir / "index.json").read_text())


def _groups(outdir: Path) -> set[frozenset[str]]:
    return {frozenset(entry["members"]) for entry in _index(outdir)["story_list"]}


def _log_ids(outdir: Path) -> list[str]:
    lines = [line for path in (outdir / "articles").glob("*.jsonl") for line in path.read_text().splitlines()]
    return [json.loads(line)["id"] for line in lines]


def test_cluster_groups_warc_feed_and_jsonl_inputs(
    mixed_inputs: Path, tmp_path: Path, settings: Settings
) -> None:
    outdir = tmp_path / "out"
    run_stories([mixed_inputs], outdir, settings=settings, engine=SerialEngine(), check=False)
    index = _index(outdir)
    assert len(index["story_list"]) == 3
    assert index["copies"] == 3
    assert all(entry["articles"] == 3 for entry in index["story_list"])


def test_rerun_with_new_input_updates_stories_without_duplicates(tmp_path: Path, settings: Settings) -> None:
    articles = story_articles()
    first, second = tmp_path / "first.jsonl", tmp_path / "second.jsonl"
    first.write_text("\n".join(article_json(a) for a in articles[:5]) + "\n")
    second.write_text("\n".join(article_json(a) for a in articles) + "\n")
    outdir = tmp_path / "out"
    run_stories([first], outdir, settings=settings, engine=SerialEngine(), check=False)
    summary = run_stories([first, second], outdir, settings=settings, engine=SerialEngine(), check=False)
    assert summary.articles == len(articles) - 5
    assert _groups(outdir) == gold_stories()
    assert sorted(_log_ids(outdir)) == sorted(a.id for a in articles)


class _KilledEngine(SerialEngine):
    """The serial engine, stopped by an exception after `limit` signed items (a killed run)."""

    def __init__(self, limit: int) -> None:
        self.limit = limit

    def sign(self, sources: Any, settings: Settings) -> Iterator[Signed]:
        for number, item in enumerate(super().sign(sources, settings)):
            if number == self.limit:
                raise KeyboardInterrupt
            yield item


def test_killed_run_resumes_without_duplicates(tmp_path: Path, settings: Settings) -> None:
    corpus = tmp_path / "many.jsonl"
    corpus.write_text("\n".join(article_json(filler_article(n)) for n in range(50)) + "\n")
    outdir, small = tmp_path / "out", dataclasses.replace(settings.cluster, batch_size=1)
    settings = dataclasses.replace(settings, cluster=small)
    with pytest.raises(KeyboardInterrupt):
        run_stories([corpus], outdir, settings=settings, engine=_KilledEngine(45), check=False)
    assert json.loads((outdir / "state.json").read_text())["articles"]  # a checkpoint was written
    summary = run_stories([corpus], outdir, settings=settings, engine=SerialEngine(), check=False)
    members = [key for entry in _index(outdir)["story_list"] for key in entry["members"]]
    assert sorted(members) == sorted(f"council-{n}" for n in range(50))
    assert 0 < summary.articles < 50
    assert sorted(set(_log_ids(outdir))) == sorted(members)


def test_since_drops_older_articles(mixed_inputs: Path, tmp_path: Path, settings: Settings) -> None:
    import datetime as dt

    outdir = tmp_path / "out"
    run_stories(
        [mixed_inputs],
        outdir,
        settings=settings,
        engine=SerialEngine(),
        since=dt.date(2031, 3, 5),
        check=False,
    )
    assert _index(outdir)["filtered_by_since"] > 0


def _bad_inputs(folder: Path) -> None:
    articles = story_articles()
    write_warc(folder / "good.warc.gz", articles[:2], gzip=True)
    data = (folder / "good.warc.gz").read_bytes()
    (folder / "broken.warc.gz").write_bytes(data[: len(data) // 2] + b"\x00garbage" * 20)
    (folder / "junk.warc").write_bytes(gzip.compress(b"WARC/1.0\r\nnot a header\r\n\r\n") + b"\xff" * 100)
    (folder / "bad.rss").write_text("<rss><channel><item><title>cut off")
    write_feed(folder / "good.rss", articles[3:5])
    (folder / "latin.html").write_bytes(b"\xff\xfe\x00\x01\x02" * 400)


def test_bad_inputs_are_named_once_skipped_and_counted(tmp_path: Path) -> None:
    folder, outdir = tmp_path / "in", tmp_path / "out"
    folder.mkdir()
    _bad_inputs(folder)
    command = [sys.executable, "-m", "storycheck", "cluster", str(folder), "-o", str(outdir), "--no-check"]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120)
    errors = [line for line in done.stderr.splitlines() if line.startswith("error ")]
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    assert len(errors) == len(set(errors)) >= 3
    assert any("broken.warc.gz" in line and "SC120" in line for line in errors)
    assert any("bad.rss" in line for line in errors)
    index = _index(outdir)
    assert index["skipped"]["count"] == len(errors)
    assert index["articles"] == 4


def test_engines_are_made_by_name() -> None:
    engine = make_engine("local", workers=1)
    try:
        sources = [Source("file", "missing.txt")]
        assert [type(item).__name__ for item in engine.sign(sources, Settings())] == ["InputProblem"]
    finally:
        engine.close()

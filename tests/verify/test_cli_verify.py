"""`storycheck verify`: formats, exit codes, one-line errors, never a traceback."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from storycheck.cli import cli

from .pairs import SOURCE, UNFAITHFUL


def _run(*args: str, cwd: Path) -> Result:
    """Run the CLI in-process (models load once per test session) from `cwd`."""
    here = Path.cwd()
    os.chdir(cwd)
    try:
        return CliRunner().invoke(cli, ["-q", *args])
    finally:
        os.chdir(here)


@pytest.fixture()
def pair(tmp_path: Path) -> Path:
    (tmp_path / "wire.txt").write_text(SOURCE, encoding="utf-8")
    (tmp_path / "rewrite.txt").write_text(UNFAITHFUL, encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "blob.txt").write_bytes(bytes(range(256)) * 8)
    return tmp_path


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (("wire.txt", "missing.txt"), 1, "error SC100 missing.txt: no such file or directory"),
        (("wire.txt", "empty.txt"), 1, "error SC101 empty.txt: empty file, skipped"),
        (("blob.txt", "rewrite.txt"), 1, "error SC102 blob.txt: binary file, skipped"),
        (("wire.txt", "rewrite.txt", "--format", "pdf"), 2, "Invalid value for '-f' / '--format'"),
        (("wire.txt", "rewrite.txt", "--published", "someday"), 2, "error SC201: bad date 'someday'"),
    ],
)
def test_verify_bad_input_is_one_line_without_traceback(
    pair: Path, args: tuple[str, ...], code: int, message: str
) -> None:
    result = _run("verify", *args, cwd=pair)
    assert result.exit_code == code
    assert message in result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit)


@pytest.mark.slow
def test_verify_json_labels_every_sentence(pair: Path) -> None:
    result = _run("verify", "wire.txt", "rewrite.txt", "--format", "json", cwd=pair)
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert [s["label"] for s in data["sentences"]] == [
        "contradicted",
        "supported",
        "contradicted",
        "unsupported",
    ]
    assert 0.0 <= data["consistency"] <= 1.0


@pytest.mark.slow
def test_verify_html_is_written_to_a_file(pair: Path) -> None:
    result = _run("verify", "wire.txt", "rewrite.txt", "--format", "html", "-o", "out.html", cwd=pair)
    assert result.exit_code == 0, result.stderr
    assert (pair / "out.html").read_text(encoding="utf-8").startswith("<!doctype html>")


@pytest.mark.slow
def test_verify_checks_several_texts_and_skips_a_bad_one(pair: Path) -> None:
    (pair / "more").mkdir()
    (pair / "more" / "summary.txt").write_text("The ferry service was suspended on Monday.", encoding="utf-8")
    result = _run("verify", "wire.txt", "rewrite.txt", "missing.txt", "more", "--format", "json", cwd=pair)
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == ["error SC100 missing.txt: no such file or directory"]
    data = json.loads(result.stdout)
    assert [item["derived"] for item in data] == ["rewrite", "summary"]
    assert all(item["source"] == "wire" for item in data)


@pytest.mark.slow
def test_verify_leaves_out_the_source_when_a_story_folder_holds_it(pair: Path) -> None:
    (pair / "story").mkdir()
    (pair / "story" / "wire.txt").write_text(SOURCE, encoding="utf-8")
    (pair / "story" / "rewrite.txt").write_text(UNFAITHFUL, encoding="utf-8")
    result = _run("verify", "story/wire.txt", "story", "--format", "json", cwd=pair)
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["derived"] == "rewrite"

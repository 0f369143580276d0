"""Issue 11 (minor): the same bad input gets the same code in every command, said once."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from storycheck.cli import cli
from storycheck.config import IngestSettings
from storycheck.errors import InputError
from storycheck.stages.ingest import article_from_text, load_articles
from storycheck.stages.ingest.sources import expand_inputs

CHINESE = "中国国家主席周五在利马会见了美国总统和日本首相。双方讨论了地区安全问题。会议持续了两个小时。" * 3


def test_text_in_another_script_is_not_english_rather_than_too_short() -> None:
    with pytest.raises(InputError) as caught:
        article_from_text(CHINESE, id="zh", settings=IngestSettings())
    assert caught.value.code == "SC105"


@pytest.fixture
def loop(tmp_path: Path) -> Path:
    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    first.symlink_to(second)
    second.symlink_to(first)
    return first


def test_a_symlink_loop_is_sc112_in_check_and_in_cluster(loop: Path) -> None:
    _articles, check_problems = load_articles([str(loop)], IngestSettings())
    _sources, cluster_problems = expand_inputs([str(loop)])
    assert [p.code for p in check_problems] == ["SC112"]
    assert [p.code for p in cluster_problems] == ["SC112"]


def test_serve_refuses_an_open_host_before_saying_it_serves(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["serve", "--host", "0.0.0.0", "--db", str(tmp_path / "s.db")])
    assert result.exit_code == 2
    assert "SC407" in result.output
    assert "serving" not in result.output

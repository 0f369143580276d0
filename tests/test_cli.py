"""The CLI: formats, exit codes, one-line errors, never a traceback."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ARTICLE_A = """Harbour crane collapses in Port Amsel, injuring four workers

A harbour crane collapsed at the container terminal of Port Amsel on Tuesday, injuring four workers, the port authority said.
Harbour master Ilse Brandt said the crane had passed its last inspection in March.
"We are checking every crane on the quay tonight," Brandt told reporters at the terminal.
The terminal will stay closed until Thursday while engineers inspect the site, officials said.
"""

ARTICLE_B = """Four hurt as crane falls at Port Amsel terminal

Four workers were injured on Tuesday when a crane collapsed at Port Amsel's container terminal, according to the port authority.
Harbour master Ilse Brandt said the crane had passed an inspection in March.
"We are checking every crane on the quay tonight," Brandt said.
Engineers will inspect the site and the terminal stays closed until Thursday, officials said.
"""


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "storycheck", *args], capture_output=True, text=True, cwd=cwd, timeout=300
    )


@pytest.fixture(scope="module")
def story(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("story")
    (folder / "a.txt").write_text(ARTICLE_A)
    (folder / "b.txt").write_text(ARTICLE_B)
    return folder


def test_check_prints_a_json_report_and_exits_zero(story: Path, schema: dict) -> None:  # type: ignore[type-arg]
    import jsonschema

    done = _run("check", str(story), "--format", "json", "--published", "2025-03-12", cwd=story)
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    jsonschema.Draft202012Validator(schema).validate(data)
    assert sorted(a["id"] for a in data["articles"]) == ["a", "b"]


def test_bad_inputs_are_named_in_one_line_each_and_the_rest_is_reported(story: Path, tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "blob.txt").write_bytes(b"\x00\x01\x02binary\x00" * 50)
    done = _run(
        "check",
        str(story),
        str(tmp_path / "empty.txt"),
        str(tmp_path / "blob.txt"),
        str(tmp_path / "missing.txt"),
        "--format",
        "json",
        cwd=tmp_path,
    )
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    errors = [line for line in done.stderr.splitlines() if line.startswith("error ")]
    assert sorted(line.split()[1] for line in errors) == ["SC100", "SC101", "SC102"]
    assert json.loads(done.stdout)["articles"]


def test_nothing_usable_exits_one_with_one_line(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("")
    done = _run("check", str(tmp_path / "empty.txt"), cwd=tmp_path)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert done.stderr.strip().splitlines()[-1].startswith("error SC200")


@pytest.mark.parametrize(
    "args",
    [
        ("check",),
        ("check", ".", "--format", "pdf"),
        ("check", ".", "--published", "yesterday"),
        ("nonsense",),
    ],
)
def test_usage_errors_exit_two_without_traceback(args: tuple[str, ...], tmp_path: Path) -> None:
    done = _run(*args, cwd=tmp_path)
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_every_format_writes_to_a_file(story: Path, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"report.{fmt}"
    done = _run("check", str(story), "--format", fmt, "-o", str(out), "--quiet", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert out.read_text().strip()
    assert done.stdout == ""


def test_dash_output_is_stdout(tmp_path: Path) -> None:
    """Issue 10: `-o -` writes to stdout, not to a file named '-'."""
    import json

    from click.testing import CliRunner

    from storycheck.cli import cli

    story = Path(__file__).resolve().parents[1] / "examples" / "harbor-bridge"
    result = CliRunner().invoke(cli, ["check", str(story), "-q", "-f", "json", "-o", "-"])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["schema_version"] == "1"
    assert not (Path.cwd() / "-").exists()


def test_unwritable_output_fails_before_any_work(tmp_path: Path) -> None:
    """Issue 10: an -o that cannot be written is refused at once (usage error), not after the analysis."""
    from click.testing import CliRunner

    from storycheck.cli import cli

    result = CliRunner().invoke(cli, ["check", str(tmp_path), "-o", str(tmp_path / "missing" / "r.html")])
    assert result.exit_code == 2
    assert "SC112" in result.output
    assert "analyzing" not in result.output


def test_a_settings_error_says_what_to_do() -> None:
    """Issue 10: hints are printed for usage and settings errors ("use YYYY-MM-DD")."""
    from click.testing import CliRunner

    from storycheck.cli import cli

    story = Path(__file__).resolve().parents[1] / "examples" / "harbor-bridge"
    result = CliRunner().invoke(cli, ["check", str(story), "--published", "2025-13-45"])
    assert result.exit_code == 2
    assert "error SC201: bad date '2025-13-45' (use YYYY-MM-DD)" in result.output

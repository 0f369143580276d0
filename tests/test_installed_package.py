"""The package as users install it (`pip install .`, not editable) carries everything it
reads at run time: the verify scorer, the report schema, templates, data files.

Issue 10: the wheel lacked `data/verify/model.json`, so every installed `storycheck verify`
failed; editable installs hid it.
"""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "storycheck"
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "-q",
            "-w",
            str(out),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    return next(out.glob("storycheck-*.whl"))


def test_the_wheel_holds_every_data_file_of_the_package(wheel: Path) -> None:
    shipped = {name for name in zipfile.ZipFile(wheel).namelist() if name.startswith("storycheck/")}
    needed = {
        "storycheck/" + path.relative_to(PACKAGE).as_posix()
        for path in PACKAGE.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc"
    }
    assert needed - shipped == set()


def test_installed_verify_runs(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)],
        check=True,
        capture_output=True,
    )
    source = tmp_path / "source.txt"
    source.write_text(
        "The ferry Aldra ran aground near the northern breakwater of Port Keller on Monday, and all "
        "112 passengers were taken ashore by lifeboat, harbour officials said.",
        encoding="utf-8",
    )
    derived = tmp_path / "derived.txt"
    derived.write_text("All 112 passengers of the ferry Aldra were taken ashore on Monday.", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(target)}
    result = subprocess.run(
        [sys.executable, "-c", "import storycheck, sys; print(storycheck.__file__)"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip().startswith(str(target))  # the installed copy, not src/
    run = subprocess.run(
        [sys.executable, "-m", "storycheck", "verify", str(source), str(derived), "--format", "json"],
        env=env,
        capture_output=True,
        text=True,
    )
    assert run.returncode in (0, 1), run.stderr
    assert "SC300" not in run.stderr
    assert '"sentences"' in run.stdout or '"score"' in run.stdout or '"consistent"' in run.stdout, run.stdout[
        :300
    ]

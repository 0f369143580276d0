"""Issue 11: kill -9 of a `batch --workers 2` driver leaves no worker behind."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ARTICLE = (
    "The regional council of Varnhem approved a new tram line on {day}, officials said, after "
    "a debate that lasted {hours} hours. The line will link the port with the university "
    "campus and is expected to carry {riders} riders a day once it opens, the council said."
)


def _children(pid: int) -> set[int]:
    found = set()
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(line.split(":\t", 1) for line in status.read_text().splitlines() if ":\t" in line)
        except OSError:
            continue
        if fields.get("PPid", "").strip() == str(pid):
            found.add(int(status.parent.name))
    return found


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_killed_driver_leaves_no_workers(tmp_path: Path) -> None:
    corpus = tmp_path / "in"
    corpus.mkdir()
    for number in range(40):
        text = ARTICLE.format(day="Monday", hours=number + 2, riders=1000 + number)
        (corpus / f"a{number}.txt").write_text(text, encoding="utf-8")
    storycheck = Path(sys.executable).with_name("storycheck")
    driver = subprocess.Popen(
        [str(storycheck), "batch", str(corpus), "-o", str(tmp_path / "out"), "--workers", "2", "-q"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    workers: set[int] = set()
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(workers) < 2 and driver.poll() is None:
        workers |= _children(driver.pid)
        time.sleep(0.2)
    if not workers:
        driver.kill()
        pytest.skip("the run ended before its workers could be seen")
    os.kill(driver.pid, signal.SIGKILL)
    driver.wait()
    deadline = time.monotonic() + 15
    alive = workers
    while alive and time.monotonic() < deadline:
        alive = {pid for pid in alive if Path(f"/proc/{pid}").exists() and "zombie" not in _state(pid)}
        time.sleep(0.2)
    assert not alive, f"workers {sorted(alive)} outlived the driver"


def _state(pid: int) -> str:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return "zombie"
    line = next((line for line in status.splitlines() if line.startswith("State:")), "")
    return line.lower()

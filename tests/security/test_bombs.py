"""Issue 11: a compressed archive that expands without end is refused, not expanded."""

from __future__ import annotations

import gzip
from pathlib import Path

from storycheck.config import IngestSettings
from storycheck.model import InputProblem
from storycheck.stages.ingest.sources import read_warc


def _bomb(path: Path, mebibytes: int) -> Path:
    with gzip.open(path, "wb", 9) as handle:
        for _ in range(mebibytes):
            handle.write(b"\0" * (1 << 20))
    return path


def test_a_warc_bomb_gives_one_coded_problem(tmp_path: Path) -> None:
    items = list(read_warc(str(_bomb(tmp_path / "b.warc.gz", 64)), IngestSettings()))
    assert len(items) == 1
    assert isinstance(items[0], InputProblem)
    assert items[0].code == "SC121"
    assert "bomb" in items[0].message

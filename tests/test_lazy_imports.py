"""Issue 12: `storycheck check` on text files imports no HTML, feed, archive, server or Spark code."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HEAVY = ("trafilatura", "feedparser", "warcio", "fastapi", "uvicorn", "pyspark")

PROGRAM = """
import sys
from storycheck.config import Settings
from storycheck.pipeline import check_articles
from storycheck.stages import ingest
articles, problems = ingest.load_articles([sys.argv[1]], Settings().ingest)
assert articles and not problems, problems
print(" ".join(name for name in {heavy!r} if name in sys.modules))
"""


def test_checking_text_files_imports_no_heavy_stack(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(
        "Harbour officials in Port Keller said on Monday that the ferry Aldra ran aground near the "
        "northern breakwater, and that all 112 passengers were taken ashore by lifeboat.",
        encoding="utf-8",
    )
    result = subprocess.run(
        [sys.executable, "-c", PROGRAM.format(heavy=HEAVY), str(article)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.split() == []

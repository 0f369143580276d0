"""What a cluster run keeps in its output folder, so that a later run updates it.

OUTDIR/
  state.json              stories (centroids, members), every article's story and sketch,
                          copies, skipped inputs; rewritten atomically at each checkpoint
  articles/<story>.jsonl  the articles of a story, appended (read back deduplicated by id)
  stories/<story>.json    the story's StoryReport (report.schema.json)
  stories/<story>.html    the same report as a page
  stories/<story>.meta.json  which members the report covers, and its counts
  index.json, index.html  every story with its counts, and the skipped inputs

Every file but the article logs is written to a temporary file and moved into place with
os.replace, so a killed run leaves either the old or the new version, never half of one.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import os
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from ..model import Article, InputProblem
from ..stages.cluster import StoryCentroid

STATE_FILE = "state.json"
# Bumped when the layout of state.json changes; an older state is then refused, not misread.
STATE_VERSION = 1
Json = dict[str, Any]


@dataclass(frozen=True)
class ArticleRecord:
    """Where one article went: its story, its text fingerprint and MinHash sketch."""

    story: str
    digest: str
    minhash: tuple[int, ...]
    copy_of: str | None = None
    copy_kind: str | None = None
    similarity: float = 0.0


@dataclass
class ClusterState:
    """Everything a run needs to go on where the last one stopped (mutable, driver-only)."""

    stories: dict[str, StoryCentroid] = field(default_factory=dict)
    members: dict[str, list[str]] = field(default_factory=dict)
    articles: dict[str, ArticleRecord] = field(default_factory=dict)
    titles: dict[str, str] = field(default_factory=dict)  # story -> its first titled member's title
    problems: dict[str, InputProblem] = field(default_factory=dict)  # keyed by code + location
    filtered: int = 0  # articles dropped by --since

    def next_story_id(self) -> str:
        """A fresh story id, in creation order: `s000001`, `s000002`, ..."""
        return f"s{len(self.stories) + 1:06d}"


def write_atomic(path: Path, text: str) -> None:
    """Write `text` to `path` through a temporary file in the same folder and os.replace."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(text)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def problem_key(problem: InputProblem) -> str:
    return f"{problem.code} {problem.location}"


# ------------------------------------------------------------------ (de)serialising


def _array_to_text(values: np.ndarray[Any, Any], dtype: str) -> str:
    return base64.b64encode(np.asarray(values, dtype=dtype).tobytes()).decode("ascii")


def _array_from_text(text: str, dtype: str) -> np.ndarray[Any, Any]:
    return np.frombuffer(base64.b64decode(text), dtype=dtype).copy()


def _date_text(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _date_from(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def story_to_dict(story: StoryCentroid) -> Json:
    return {
        "total": _array_to_text(story.total, "<f4"),
        "entities": [list(pair) for pair in story.entity_counts],
        "first": _date_text(story.first),
        "last": _date_text(story.last),
        "size": story.size,
    }


def story_from_dict(story_id: str, data: Json) -> StoryCentroid:
    return StoryCentroid(
        story_id=story_id,
        total=_array_from_text(data["total"], "<f4").astype(np.float32),
        entity_counts=tuple((str(name), int(count)) for name, count in data["entities"]),
        first=_date_from(data["first"]),
        last=_date_from(data["last"]),
        size=int(data["size"]),
    )


def _record_to_dict(record: ArticleRecord) -> Json:
    data: Json = {"story": record.story, "digest": record.digest}
    data["minhash"] = _array_to_text(np.asarray(record.minhash), "<u4")
    if record.copy_of:
        data.update(copy_of=record.copy_of, copy_kind=record.copy_kind, similarity=record.similarity)
    return data


def _record_from_dict(data: Json) -> ArticleRecord:
    return ArticleRecord(
        story=data["story"],
        digest=data["digest"],
        minhash=tuple(int(x) for x in _array_from_text(data["minhash"], "<u4")),
        copy_of=data.get("copy_of"),
        copy_kind=data.get("copy_kind"),
        similarity=float(data.get("similarity", 0.0)),
    )


def state_to_json(state: ClusterState) -> str:
    """The state as JSON text (vectors and sketches base64-packed)."""
    return json.dumps(
        {
            "version": STATE_VERSION,
            "stories": {key: story_to_dict(story) for key, story in state.stories.items()},
            "members": state.members,
            "titles": state.titles,
            "articles": {key: _record_to_dict(record) for key, record in state.articles.items()},
            "problems": [vars(problem) for problem in state.problems.values()],
            "filtered": state.filtered,
        }
    )


def state_from_json(text: str) -> ClusterState:
    """A state written by `state_to_json`. Raises KeyError/ValueError when it is not one."""
    data = json.loads(text)
    if data.get("version") != STATE_VERSION:
        raise ValueError(f"state version {data.get('version')}, expected {STATE_VERSION}")
    problems = [InputProblem(**item) for item in data["problems"]]
    return ClusterState(
        stories={key: story_from_dict(key, value) for key, value in data["stories"].items()},
        members={key: list(value) for key, value in data["members"].items()},
        articles={key: _record_from_dict(value) for key, value in data["articles"].items()},
        titles=dict(data.get("titles", {})),
        problems={problem_key(problem): problem for problem in problems},
        filtered=int(data.get("filtered", 0)),
    )


def article_to_dict(article: Article) -> Json:
    data = {key: value for key, value in vars(article).items() if value is not None}
    if article.published:
        data["published"] = article.published.isoformat()
    return data


def article_from_dict(data: Json) -> Article:
    return Article(**{**data, "published": _date_from(data.get("published"))})


# ------------------------------------------------------------------ the folder


class OutDir:
    """The output folder of a cluster run: state, article logs, reports, index."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.articles_dir = root / "articles"
        self.stories_dir = root / "stories"

    def prepare(self) -> None:
        """Create the folders (the root included) when missing."""
        self.articles_dir.mkdir(parents=True, exist_ok=True)
        self.stories_dir.mkdir(parents=True, exist_ok=True)

    def load_state(self) -> ClusterState:
        """The saved state, or an empty one for a new folder."""
        path = self.root / STATE_FILE
        if not path.exists():
            return ClusterState()
        return state_from_json(path.read_text(encoding="utf-8"))

    def save_state(self, state: ClusterState) -> None:
        write_atomic(self.root / STATE_FILE, state_to_json(state))

    def append_articles(self, story_id: str, articles: Iterable[Article]) -> None:
        """Append articles to a story's log and flush them to disk."""
        lines = "".join(json.dumps(article_to_dict(article)) + "\n" for article in articles)
        with open(self.articles_dir / f"{story_id}.jsonl", "a", encoding="utf-8") as handle:
            handle.write(lines)
            handle.flush()
            os.fsync(handle.fileno())

    def story_paths(self, story_id: str) -> tuple[Path, Path, Path]:
        """The report JSON, report HTML and meta files of a story."""
        base = self.stories_dir / story_id
        return base.with_suffix(".json"), base.with_suffix(".html"), base.with_suffix(".meta.json")


def read_story_articles(path: Path, members: list[str]) -> list[Article]:
    """The members' articles from a story's log, in member order, each once.

    A line cut short by a killed run, or an article a resumed run appended again, is skipped.
    """
    found: dict[str, Article] = {}
    wanted = set(members)
    for data in _log_lines(path):
        key = data.get("id")
        if key in wanted and key not in found:
            found[key] = article_from_dict(data)
    return [found[key] for key in members if key in found]


def _log_lines(path: Path) -> Iterator[Json]:
    if not path.exists():
        return
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            try:
                data = json.loads(line)
            except json.JSONDecodeError:
                continue
            if isinstance(data, dict):
                yield data

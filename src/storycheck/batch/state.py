"""What a cluster run keeps in its output folder, so that a later run updates it.

OUTDIR/
  state.json              every story (dates, size; the centroid of those still open) and
                          every article's story, fingerprint and copy mark; the MinHash
                          sketches of the articles still in the time window; the newest date
                          seen; skipped inputs. Rewritten atomically at each checkpoint
  articles/<story>.jsonl  the articles of a story, appended (read back deduplicated by id)
  stories/<story>.json    the story's StoryReport (report.schema.json)
  stories/<story>.html    the same report as a page
  stories/<story>.meta.json  which members the report covers, and its counts
  index.json, index.html  every story with its counts, and the skipped inputs

Every file but the article logs is written to a temporary file and moved into place with
os.replace, so a killed run leaves either the old or the new version, never half of one.

Only the stories and articles of the time window (`batch/window.py`) keep what matching
needs (a story's vector and entities, an article's sketch); older stories are archived: they
keep their dates, size and members, and their vector is dropped, since no article can join
them any more. state.json version 1 (every sketch and centroid kept) is still read.
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
from ..stories.cluster import StoryCentroid
from ..stories.sketch import Sketch

STATE_FILE = "state.json"
# Bumped when the layout of state.json changes; a newer state is then refused, not misread.
# Version 2 keeps sketches and centroids of the time window only; version 1 is still read.
STATE_VERSION = 2
READABLE_VERSIONS = (1, 2)
# The vector of an archived story: empty, shared by all of them (no article joins them).
ARCHIVED_TOTAL = np.zeros(0, dtype=np.float32)
ARCHIVED_TOTAL.setflags(write=False)
Json = dict[str, Any]


@dataclass(frozen=True, slots=True)
class ArticleRecord:
    """Where one article went: its story, its text fingerprint, and what it copies."""

    story: str
    digest: str
    copy_of: str | None = None
    copy_kind: str | None = None
    similarity: float = 0.0


@dataclass(frozen=True, slots=True)
class OpenArticle:
    """An article still in the time window: its MinHash sketch and the date it counts as."""

    sketch: Sketch
    seen: dt.date | None  # its publication date, or the newest date seen when it arrived


@dataclass
class ClusterState:
    """Everything a run needs to go on where the last one stopped (mutable, driver-only)."""

    stories: dict[str, StoryCentroid] = field(default_factory=dict)
    members: dict[str, list[str]] = field(default_factory=dict)
    articles: dict[str, ArticleRecord] = field(default_factory=dict)
    titles: dict[str, str] = field(default_factory=dict)  # story -> its first titled member's title
    problems: dict[str, InputProblem] = field(default_factory=dict)  # keyed by code + location
    filtered: int = 0  # articles dropped by --since
    clock: dt.date | None = None  # the newest publication date seen
    open_stories: dict[str, dt.date | None] = field(default_factory=dict)  # id -> clock when last joined
    open_articles: dict[str, OpenArticle] = field(default_factory=dict)

    def next_story_id(self) -> str:
        """A fresh story id, in creation order: `s000001`, `s000002`, ..."""
        return f"s{len(self.stories) + 1:06d}"

    def archive_story(self, story_id: str) -> None:
        """Close a story to new articles: drop its vector and entities, keep dates and size."""
        story = self.stories[story_id]
        self.stories[story_id] = StoryCentroid(
            story_id, ARCHIVED_TOTAL, (), story.first, story.last, story.size
        )
        self.open_stories.pop(story_id, None)


def write_atomic(path: Path, text: str | Iterable[str]) -> None:
    """Write `text` (or its pieces, one by one) to `path` through a temporary file and os.replace."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.writelines([text] if isinstance(text, str) else text)
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
    data: Json = {"first": _date_text(story.first), "last": _date_text(story.last), "size": story.size}
    if len(story.total):
        data["total"] = _array_to_text(story.total, "<f4")
        data["entities"] = [list(pair) for pair in story.entity_counts]
    return data


def story_from_dict(story_id: str, data: Json) -> StoryCentroid:
    total = _array_from_text(data["total"], "<f4").astype(np.float32) if "total" in data else ARCHIVED_TOTAL
    return StoryCentroid(
        story_id=story_id,
        total=total if len(total) else ARCHIVED_TOTAL,
        entity_counts=tuple((str(name), int(count)) for name, count in data.get("entities", [])),
        first=_date_from(data["first"]),
        last=_date_from(data["last"]),
        size=int(data["size"]),
    )


def _record_to_dict(record: ArticleRecord) -> Json:
    data: Json = {"story": record.story, "digest": record.digest}
    if record.copy_of:
        data.update(copy_of=record.copy_of, copy_kind=record.copy_kind, similarity=record.similarity)
    return data


def _record_from_dict(data: Json) -> ArticleRecord:
    return ArticleRecord(
        story=data["story"],
        digest=data["digest"],
        copy_of=data.get("copy_of"),
        copy_kind=data.get("copy_kind"),
        similarity=float(data.get("similarity", 0.0)),
    )


def _open_to_dict(item: OpenArticle) -> Json:
    return {"minhash": _array_to_text(item.sketch, "<u4"), "seen": _date_text(item.seen)}


def _open_from_dict(data: Json) -> OpenArticle:
    return OpenArticle(_array_from_text(data["minhash"], "<u4").astype(np.uint32), _date_from(data["seen"]))


def _mapping_pieces(name: str, items: Iterable[tuple[str, Any]]) -> Iterator[str]:
    """`"name": {...}` as JSON pieces, one item at a time (no copy of the whole mapping)."""
    yield f"{json.dumps(name)}: {{"
    for number, (key, value) in enumerate(items):
        yield f"{', ' if number else ''}{json.dumps(key)}: {json.dumps(value)}"
    yield "}"


def state_pieces(state: ClusterState) -> Iterator[str]:
    """The state as JSON text in pieces (vectors and sketches base64-packed), version STATE_VERSION.

    Written piece by piece, a checkpoint costs no more memory than its largest story.
    """
    head = {"version": STATE_VERSION, "clock": _date_text(state.clock), "filtered": state.filtered}
    yield json.dumps(head)[:-1] + ", "
    yield from _mapping_pieces("stories", ((key, story_to_dict(s)) for key, s in state.stories.items()))
    yield ", "
    yield from _mapping_pieces(
        "open_stories", ((key, _date_text(d)) for key, d in state.open_stories.items())
    )
    yield ", "
    yield from _mapping_pieces("titles", state.titles.items())
    yield ", "
    yield from _mapping_pieces("articles", ((key, _record_to_dict(r)) for key, r in state.articles.items()))
    yield ", "
    yield from _mapping_pieces(
        "open_articles", ((key, _open_to_dict(a)) for key, a in state.open_articles.items())
    )
    yield f', "problems": {json.dumps([vars(problem) for problem in state.problems.values()])}}}'


def state_to_json(state: ClusterState) -> str:
    """The state as one JSON text; see `state_pieces`."""
    return "".join(state_pieces(state))


def _members_of(articles: dict[str, ArticleRecord]) -> dict[str, list[str]]:
    """Each story's members in the order they joined (the order of the article records)."""
    members: dict[str, list[str]] = {}
    for key, record in articles.items():
        members.setdefault(record.story, []).append(key)
    return members


def _from_version_1(data: Json, state: ClusterState) -> None:
    """Members and open sketches from a version 1 state, which kept every sketch and centroid.

    Every story and article is opened, dated by its story's last date; the window then
    closes those older than it when the run starts.
    """
    state.members = {key: list(value) for key, value in data["members"].items()}
    dates = [story.last for story in state.stories.values() if story.last is not None]
    state.clock = max(dates, default=None)
    state.open_stories = {key: story.last for key, story in state.stories.items()}
    for key, value in data["articles"].items():
        sketch = _array_from_text(value["minhash"], "<u4").astype(np.uint32)
        state.open_articles[key] = OpenArticle(sketch, state.stories[value["story"]].last)


def state_from_json(text: str) -> ClusterState:
    """A state written by `state_to_json` (this version or 1). Raises KeyError/ValueError otherwise."""
    data = json.loads(text)
    if data.get("version") not in READABLE_VERSIONS:
        raise ValueError(f"state version {data.get('version')}, expected one of {READABLE_VERSIONS}")
    problems = [InputProblem(**item) for item in data["problems"]]
    state = ClusterState(
        stories={key: story_from_dict(key, value) for key, value in data["stories"].items()},
        articles={key: _record_from_dict(value) for key, value in data["articles"].items()},
        titles=dict(data.get("titles", {})),
        problems={problem_key(problem): problem for problem in problems},
        filtered=int(data.get("filtered", 0)),
    )
    if data["version"] == 1:
        _from_version_1(data, state)
        return state
    state.members = _members_of(state.articles)
    state.clock = _date_from(data["clock"])
    state.open_stories = {key: _date_from(seen) for key, seen in data["open_stories"].items()}
    state.open_articles = {key: _open_from_dict(value) for key, value in data["open_articles"].items()}
    return state


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
        write_atomic(self.root / STATE_FILE, state_pieces(state))

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

"""The time window of a cluster run: the stories and articles new articles are compared with.

A stream of news is read oldest first, more or less, and an article can only join a story
whose dates lie within `window_days` of its own. So the driver keeps in memory only what a
new article can still match, and lets the rest go:

- the clock is the newest publication date seen so far; it only moves forward;
- a story is open while it was last joined at most `window_days + late_days` before the
  clock; an article's sketch is held while its date (an undated article: the clock when it
  arrived) lies within the same span;
- when the clock moves, stories and sketches older than that leave the `StoryIndex` and the
  `DuplicateIndex`; the stories are archived in the state (dates, size and members kept,
  vector dropped) and stay in OUTDIR with their articles and reports.

What this changes: nothing for an article dated at most `late_days` before the clock (every
story it could join is still open, since a closed story's last date lies over `window_days`
before it); an article dated earlier than that, or an undated one, is compared with the open
stories only, and copies are looked for among the articles of the last `window_days +
late_days`. Undated articles count as arriving at the clock; before any dated article is seen
nothing leaves (a corpus with no dates at all is held whole, as before). Closing happens only
when the clock moves, at the same article of the stream whatever the engine or the
checkpoints, so runs, resumed runs and engines give the same stories.
"""

from __future__ import annotations

import datetime as dt

from ..config import ClusterSettings
from ..stories.cluster import ArticleSignature, StoryCentroid, StoryIndex
from ..stories.dedupe import DuplicateIndex
from ..stories.sketch import pack_minhash
from .state import ClusterState, OpenArticle


class Window:
    """The open stories and held sketches of a state, indexed for matching (driver-only)."""

    def __init__(self, state: ClusterState, settings: ClusterSettings) -> None:
        self.state = state
        self.span = dt.timedelta(days=settings.window_days + settings.late_days)
        self.stories = StoryIndex(settings)
        self.duplicates = DuplicateIndex(threshold=settings.near_duplicate, num_perm=settings.num_perm)
        for story_id in state.open_stories:
            self.stories.put(state.stories[story_id])
        for key, item in state.open_articles.items():
            self.duplicates.insert(key, digest=state.articles[key].digest, sketch=item.sketch)
        self._close_old()

    def advance(self, published: dt.date | None) -> None:
        """Move the clock to `published` when it is newer, closing what falls out of the window."""
        if published is not None and (self.state.clock is None or published > self.state.clock):
            self.state.clock = published
            self._close_old()

    def put_story(self, story: StoryCentroid) -> None:
        """A story opened or joined now: (re)indexed and stamped with the clock."""
        self.state.stories[story.story_id] = story
        self.state.open_stories[story.story_id] = self.state.clock  # keeps the order of creation
        self.stories.put(story)

    def add_article(self, signature: ArticleSignature) -> None:
        """Hold an article's sketch so later copies of it are found."""
        sketch = pack_minhash(signature.minhash)
        seen = signature.published or self.state.clock
        self.state.open_articles[signature.article_id] = OpenArticle(sketch, seen)
        self.duplicates.insert(signature.article_id, digest=signature.digest, sketch=sketch)

    def _close_old(self) -> None:
        """Close the stories and drop the sketches last seen before clock - span."""
        state, clock = self.state, self.state.clock
        if clock is None:
            return
        horizon = clock - self.span
        old_stories = [key for key, seen in state.open_stories.items() if seen is not None and seen < horizon]
        old_articles = [
            key for key, item in state.open_articles.items() if item.seen is not None and item.seen < horizon
        ]
        self._stamp_undated(clock)
        self.stories.remove(old_stories)
        for story_id in old_stories:
            state.archive_story(story_id)
        for key in old_articles:
            self.duplicates.remove(key)
            del state.open_articles[key]

    def _stamp_undated(self, clock: dt.date) -> None:
        """Date what arrived before the first dated article by the first clock."""
        state = self.state
        for key, seen in state.open_stories.items():
            if seen is None:
                state.open_stories[key] = clock
        for key, item in state.open_articles.items():
            if item.seen is None:
                state.open_articles[key] = OpenArticle(item.sketch, clock)

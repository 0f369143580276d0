"""storycheck: cross-check how different outlets report the same news story.

>>> from storycheck import check
>>> report = check(["examples/harbor-bridge"])  # doctest: +SKIP
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .errors import ConfigError, InputError, ModelError, NoArticlesError, StoreError, StorycheckError
from .model import Article, StoryReport
from .version import __version__

if TYPE_CHECKING:
    from .pipeline import check, check_articles

__all__ = [
    "Article",
    "ConfigError",
    "InputError",
    "ModelError",
    "NoArticlesError",
    "StoreError",
    "StoryReport",
    "StorycheckError",
    "__version__",
    "check",
    "check_articles",
]


def __getattr__(name: str) -> Any:
    """Import the pipeline (and with it spaCy) only when `check` is first used."""
    if name in ("check", "check_articles"):
        from . import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module 'storycheck' has no attribute {name!r}")

"""Datelines: "SETTLEVILLE, Region, Nov. 3 (Wire) —" at the top of a wire story.

One pattern for every stage that needs it: analyze records the place and the credited
wire, compare leaves the dateline's date out of the dates it compares, and the report
takes the story's place from it. The city is written in capitals, in any alphabet
("ŁÓDŹ", "SETÚBAL"); the region, the date and the wire's name in parentheses are optional.
"""

from __future__ import annotations

import functools
import re

__all__ = ["DATELINE_WINDOW", "dateline_end", "find_dateline"]

# Characters at the top of an article searched for a dateline (past a "Published:" line).
DATELINE_WINDOW = 600
DATELINE = re.compile(
    r"^[ \t]*(?P<city>[^\W\d_](?:[^\W\d_]|[ .'’-]){2,}?)"  # CITY (checked for capitals below)
    r"(?P<region>(?:,\s*[A-Z][\w.]*(?:\s[A-Z][\w.]*)*)?)"  # , Region
    r"(?:,\s*[A-Z][a-z]{2,8}\.?\s\d{1,2})?"  # , Nov. 3 / , March 19
    r"\s*(?:\((?P<wire>[^)\n]{2,40})\))?\s*[—–-]",  # (Wire) —
    re.MULTILINE,
)


@functools.lru_cache(maxsize=512)
def find_dateline(text: str, window: int = DATELINE_WINDOW) -> re.Match[str] | None:
    """The first dateline in the top `window` characters: groups `city`, `region`, `wire`."""
    for match in DATELINE.finditer(text[:window]):
        if match.group("city").strip().isupper():
            return match
    return None


def dateline_end(text: str) -> int:
    """Where the dateline ends (0 without one): a date before it dates the report, not an event."""
    match = find_dateline(text)
    return match.end() if match else 0

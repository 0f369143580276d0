"""How verify reads a mention: place labels, unknown-token placeholders, and a "person" that is
a description ("the Briton") rather than a name."""

from __future__ import annotations

from ..model import Mention
from .align import words

PLACE_LABELS = frozenset({"GPE", "LOC"})
# Placeholders summarisers emit for out-of-vocabulary words.
UNKNOWN_TOKENS = frozenset({"unk"})
# Words before a "person" that make it a description, not a name ("the Briton", "the German").
DETERMINERS = frozenset({"the", "a", "an", "this", "that"})


def _described(text: str, mention: Mention) -> bool:
    """A "person" after a determiner is a description ("the Briton"): it names nobody."""
    before = words(text[: mention.span.start])[-1:]
    return mention.label == "PERSON" and bool(before) and before[0] in DETERMINERS

"""The words before a number that make it a range: "up to", "about", "more than", "between".

`_modifier_before` finds the longest modifier phrase before a number; `_bounds` turns the
number (and a range partner) into the closed range a Quantity carries.
"""

from __future__ import annotations

from spacy.tokens import Doc

# (words, normalised modifier, how the range is built). Longest phrases are tried first.
MODIFIERS: tuple[tuple[str, str, str], ...] = (
    ("an estimated", "about", "approx"),
    ("approximately", "about", "approx"),
    ("close to", "about", "approx"),
    ("roughly", "about", "approx"),
    ("around", "about", "approx"),
    ("about", "about", "approx"),
    ("some", "about", "approx"),
    ("estimated", "about", "approx"),
    ("nearly", "nearly", "nearly"),
    ("almost", "nearly", "nearly"),
    ("just under", "nearly", "nearly"),
    ("as many as", "up to", "max"),
    ("up to", "up to", "max"),
    ("at most", "up to", "max"),
    ("no more than", "up to", "max"),
    ("maximum of", "up to", "max"),
    ("a maximum of", "up to", "max"),
    ("more than", "more than", "min"),
    ("over", "more than", "min"),
    ("above", "more than", "min"),
    ("exceeding", "more than", "min"),
    ("upwards of", "more than", "min"),
    ("in excess of", "more than", "min"),
    ("at least", "at least", "min"),
    ("no fewer than", "at least", "min"),
    ("no less than", "at least", "min"),
    ("a minimum of", "at least", "min"),
    ("less than", "less than", "max"),
    ("fewer than", "less than", "max"),
    ("under", "less than", "max"),
    ("below", "less than", "max"),
    ("between", "between", "between"),
)


# "about" means within 10% either way: loose enough for rounding ("4,500" vs "about 4,300").
APPROX_TOLERANCE = 0.10


def _modifier_before(doc: Doc, index: int) -> tuple[str, str, int]:
    """The modifier phrase ending just before token `index`: (normalised, kind, first token)."""
    for phrase, normalised, kind in sorted(MODIFIERS, key=lambda item: -len(item[0].split())):
        words = phrase.split()
        begin = index - len(words)
        if begin >= 0 and [token.lower_ for token in doc[begin:index]] == words:
            return normalised, kind, begin
    return "", "exact", index


def _bounds(kind: str, value: float, upper: float) -> tuple[float | None, float | None]:
    if kind == "approx":
        return value * (1 - APPROX_TOLERANCE), value * (1 + APPROX_TOLERANCE)
    if kind == "approx_range":  # "about 4,000 to 5,000"
        return value * (1 - APPROX_TOLERANCE), upper * (1 + APPROX_TOLERANCE)
    if kind == "nearly":
        return value * (1 - APPROX_TOLERANCE), value
    if kind == "max":
        return None, value
    if kind == "min":
        return value, None
    return value, upper

"""Recasing an all-lower-case derived text from its source."""

from __future__ import annotations

import pytest

from storycheck.verify.prepare import recase

SOURCE = "Mayor Helen Marsh of Millbrook spoke on Tuesday. The council agreed."


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("mayor helen marsh spoke .", "Mayor Helen Marsh spoke ."),
        ("the council met in millbrook . i agree", "The council met in Millbrook . I agree"),
        ("Already Cased millbrook", "Already Cased millbrook"),
        ("unknown words stay", "Unknown words stay"),
    ],
)
def test_recase_takes_the_source_casing(text: str, expected: str) -> None:
    assert recase(text, SOURCE) == expected


def test_recase_keeps_every_offset() -> None:
    text = "straße helen marsh ﬁne millbrook"
    assert len(recase(text, "Helen Marsh of Millbrook")) == len(text)

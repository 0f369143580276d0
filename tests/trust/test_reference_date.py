"""Issue 9: the reference date comes from metadata, a date line, a dateline or the user;
never from a year mentioned in the body."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from storycheck.config import Settings
from storycheck.pipeline import check
from storycheck.stages.analyze.reference import own_date

# An invented undated story: the only years are history mentioned in passing.
UNDATED = {
    "north-wire.txt": (
        "Ferry Strikes Pier in Carrow Bay\n\n"
        "A passenger ferry struck the old pier at Carrow Bay on Friday, injuring 12 people, "
        "the harbour office said. The pier, which opened in 1963, was closed to the public.\n\n"
        "Harbour master Ilse Brandvold said the ferry lost steering shortly before the crash."
    ),
    "coast-daily.txt": (
        "Twelve hurt as ferry hits Carrow Bay pier\n\n"
        "A ferry hit the pier at Carrow Bay on Friday and 12 people were injured, officials said. "
        "The pier opened in 1963.\n\n"
        "Harbour master Ilse Brandvold said the ferry had lost steering."
    ),
}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Jury finds leader guilty\n\non August 04 2011 5:46 PM\n\nA jury found him guilty.",
            dt.date(2011, 8, 4),
        ),
        (
            "Leader sentenced\n\nAugust 10, 2011 -- Updated 0947 GMT\n\nHe was sentenced.",
            dt.date(2011, 8, 10),
        ),
        ("Published: 3 March 2020\nThe council met.", dt.date(2020, 3, 3)),
        ("The pier, which opened in 1963, was closed on Friday after a ferry struck it.", None),
        ("Ferry hits pier\nThe pier opened on June 5, 1963 and was closed on Friday after a crash.", None),
    ],
)
def test_own_date_reads_date_lines_never_the_body(text: str, expected: dt.date | None) -> None:
    assert own_date(text) == expected


def _write(folder: Path) -> Path:
    for name, text in UNDATED.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_an_undated_story_has_no_reference_date_and_says_so(tmp_path: Path) -> None:
    report = check([str(_write(tmp_path))])
    assert report.story.reference_date is None
    assert report.story.reference_inferred
    assert all(not event.date.startswith("196") or "1963" in event.event for event in report.timeline)
    # "Friday" cannot be placed: no timeline row and no "when" from it
    assert report.story.when is None


def test_published_flag_places_relative_dates(tmp_path: Path) -> None:
    report = check([str(_write(tmp_path))], settings=Settings(published=dt.date(2026, 5, 9)))
    assert report.story.reference_date == "2026-05-09"
    assert not report.story.reference_inferred
    assert report.story.when == "2026-05-08"

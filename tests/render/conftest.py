"""Fixtures of the render tests: the sample report and a hostile one, built without models."""

from __future__ import annotations

import pytest

from storycheck.model import Story, StoryReport
from tests.factories import hostile_report, hostile_story, sample_report, sample_story, texts_of


@pytest.fixture(scope="module")
def story() -> Story:
    return sample_story()


@pytest.fixture(scope="module")
def report() -> StoryReport:
    return sample_report()


@pytest.fixture(scope="module")
def texts(story: Story) -> dict[str, str]:
    return texts_of(story)


@pytest.fixture(scope="module")
def evil_story() -> Story:
    return hostile_story()


@pytest.fixture(scope="module")
def evil_report() -> StoryReport:
    return hostile_report()

"""Dates: normalisation against a reference date, extraction from text, reference inference."""

from __future__ import annotations

import datetime as dt

import pytest
from spacy.language import Language

from storycheck.stages.analyze.times import extract_times, infer_reference_date, normalize_time

D = dt.date
# A Wednesday.
REFERENCE = D(2024, 3, 13)


@pytest.mark.parametrize(
    ("text", "tense", "expected"),
    [
        ("Friday", "past", (D(2024, 3, 8), D(2024, 3, 8), "day", True)),
        ("Friday", "future", (D(2024, 3, 15), D(2024, 3, 15), "day", True)),
        ("on Monday", "", (D(2024, 3, 11), D(2024, 3, 11), "day", True)),
        ("Wednesday", "past", (D(2024, 3, 13), D(2024, 3, 13), "day", True)),
        ("last Friday", "", (D(2024, 3, 8), D(2024, 3, 8), "day", True)),
        ("next Monday", "", (D(2024, 3, 18), D(2024, 3, 18), "day", True)),
        ("last year", "", (D(2023, 1, 1), D(2023, 12, 31), "year", True)),
        ("earlier this year", "", (D(2024, 1, 1), REFERENCE, "range", True)),
        ("last month", "", (D(2024, 2, 1), D(2024, 2, 29), "month", True)),
        ("this month", "", (D(2024, 3, 1), D(2024, 3, 31), "month", True)),
        ("last week", "", (D(2024, 3, 4), D(2024, 3, 10), "range", True)),
        ("Oct. 1", "past", (D(2023, 10, 1), D(2023, 10, 1), "day", True)),
        ("Oct. 1", "future", (D(2024, 10, 1), D(2024, 10, 1), "day", True)),
        ("Feb. 20", "", (D(2024, 2, 20), D(2024, 2, 20), "day", True)),
        ("August 2023", "", (D(2023, 8, 1), D(2023, 8, 31), "month", False)),
        ("in August, 2021", "", (D(2021, 8, 1), D(2021, 8, 31), "month", False)),
        ("November 13th", "", (D(2023, 11, 13), D(2023, 11, 13), "day", True)),
        ("March 2nd", "", (D(2024, 3, 2), D(2024, 3, 2), "day", True)),
        ("Tuesday (March 12th)", "", (D(2024, 3, 12), D(2024, 3, 12), "day", True)),
        ("Friday, Nov. 3, 2023", "", (D(2023, 11, 3), D(2023, 11, 3), "day", False)),
        ("the 2nd of January 2022", "", (D(2022, 1, 2), D(2022, 1, 2), "day", False)),
        ("November 15th of 2022", "", (D(2022, 11, 15), D(2022, 11, 15), "day", False)),
        ("2019", "", (D(2019, 1, 1), D(2019, 12, 31), "year", False)),
        ("in 2019", "", (D(2019, 1, 1), D(2019, 12, 31), "year", False)),
        ("from 1890 to 1911", "", (D(1890, 1, 1), D(1911, 12, 31), "range", False)),
        ("12-15 November 2022", "", (D(2022, 11, 12), D(2022, 11, 15), "range", False)),
        ("Nov. 12-15", "past", (D(2023, 11, 12), D(2023, 11, 15), "range", True)),
        ("between October 2022 and March 2023", "", (D(2022, 10, 1), D(2023, 3, 31), "range", False)),
        ("May to July 2021", "", (D(2021, 5, 1), D(2021, 7, 31), "range", False)),
        ("the summer of 2020", "", (D(2020, 6, 1), D(2020, 8, 31), "season", False)),
        ("last summer", "", (D(2023, 6, 1), D(2023, 8, 31), "season", True)),
        ("three days ago", "", (D(2024, 3, 10), D(2024, 3, 10), "day", True)),
        ("yesterday", "", (D(2024, 3, 12), D(2024, 3, 12), "day", True)),
        ("the 1990s", "", (D(1990, 1, 1), D(1999, 12, 31), "range", False)),
        ("last December", "", (D(2023, 12, 1), D(2023, 12, 31), "month", True)),
    ],
)
def test_normalize_time_against_reference(
    text: str, tense: str, expected: tuple[dt.date, dt.date, str, bool]
) -> None:
    assert normalize_time(text, REFERENCE, tense=tense) == expected


@pytest.mark.parametrize("text", ["recent years", "for decades", "a six-day visit", "soon", "may"])
def test_normalize_time_rejects_unplaceable_expressions(text: str) -> None:
    assert normalize_time(text, REFERENCE) is None


def test_last_month_in_january_is_december_of_previous_year() -> None:
    assert normalize_time("last month", D(2025, 1, 9)) == (D(2024, 12, 1), D(2024, 12, 31), "month", True)


def test_earlier_this_year_ends_at_reference() -> None:
    assert normalize_time("earlier this year", D(2022, 9, 30)) == (
        D(2022, 1, 1),
        D(2022, 9, 30),
        "range",
        True,
    )


def _times(nlp, text: str, reference: dt.date = REFERENCE) -> list[tuple[str, dt.date, dt.date, str]]:
    doc = nlp(text)
    return [(t.span.text, t.start, t.end, t.granularity) for t in extract_times(doc, reference, [0])]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The harbour board met Friday to approve the new ferry timetable.",
            ("Friday", D(2024, 3, 8), D(2024, 3, 8), "day"),
        ),
        (
            "The harbour board will meet Friday to approve the new ferry timetable.",
            ("Friday", D(2024, 3, 15), D(2024, 3, 15), "day"),
        ),
        (
            "The harbour board is scheduled to meet Friday to approve the timetable.",
            ("Friday", D(2024, 3, 15), D(2024, 3, 15), "day"),
        ),
        (
            "The statistics office said last month that ferry traffic had fallen.",
            ("last month", D(2024, 2, 1), D(2024, 2, 29), "month"),
        ),
        (
            "The ferry line opened earlier this year with two boats.",
            ("earlier this year", D(2024, 1, 1), REFERENCE, "range"),
        ),
        (
            "The ferry vote is set for Oct. 1 in the town hall.",
            ("Oct. 1", D(2024, 10, 1), D(2024, 10, 1), "day"),
        ),
    ],
)
def test_extract_times_resolves_relative_dates(
    nlp: Language, text: str, expected: tuple[str, dt.date, dt.date, str]
) -> None:
    assert _times(nlp, text) == [expected]


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("The ministers signed the pact on November 15th of 2022 in the old fort.", "November 15th of 2022"),
        ("The festival ran 12-15 November 2022 in the port town.", "12-15 November 2022"),
        ("Prices climbed between October 2022 and March 2023, the bank said.", "October 2022 and March 2023"),
        ("The mayor spoke on Friday, Nov. 3, 2023, at the hall.", "Friday, Nov. 3, 2023"),
        ("The storm struck on the 2nd of January 2023 at dawn.", "2nd of January 2023"),
        ("The canal was dug from 1890 to 1911 by hand.", "1890 to 1911"),
        ("The governor took office in August 2021, replacing a rival.", "August 2021"),
        ("The governor took office in the summer of 2021.", "summer of 2021"),
    ],
)
def test_year_inside_a_longer_expression_gives_one_slot(nlp: Language, text: str, span: str) -> None:
    assert [found[0] for found in _times(nlp, text)] == [span]


def test_extract_times_offsets_index_the_text(nlp: Language) -> None:
    text = "Rescuers arrived on Tuesday (March 12th) and left in 2023.\nThe inquiry opens next week."
    doc = nlp(text)
    times = extract_times(doc, REFERENCE, [0, text.index("The inquiry")])
    assert [t.span.text for t in times] == ["Tuesday (March 12th)", "2023", "next week"]
    assert all(text[t.span.start : t.span.end] == t.span.text for t in times)
    assert [t.sentence for t in times] == [0, 0, 1]
    assert times[0].start == D(2024, 3, 12)


def test_extract_times_skips_ages_and_durations(nlp: Language) -> None:
    text = "The 54-year-old pilot flew for decades and led a six-day search in recent years."
    assert _times(nlp, text) == []


# infer_reference_date: invented stories, each a few outlets' texts.


def test_infer_reference_uses_latest_explicit_year_even_before_a_comma() -> None:
    texts = [
        "Governor Tala Rensik, who took office in October 2021, met the envoys on Friday.",
        "The accord follows a first agreement reached at Lake Varn in 2020.",
        "Talks began on November 12th and ended on November 15th with a joint statement.",
    ]
    assert infer_reference_date(texts) == D(2021, 11, 15)


def test_infer_reference_links_last_year_to_an_explicit_year() -> None:
    texts = [
        "The envoys met Friday to build on last year's fisheries accord signed at Lake Varn.",
        "The fisheries accord of 2020 set quotas for three fleets.",
        "The ministers met on Tuesday (March 9th) and again on March 12th.",
    ]
    assert infer_reference_date(texts) == D(2021, 3, 12)


def test_infer_reference_prefers_the_year_the_weekday_fits() -> None:
    texts = [
        "The fleet left port in 2021 for its first patrol.",
        "Officials said on Friday (June 10th) that the patrol had ended without incident.",
    ]
    assert infer_reference_date(texts) == D(2022, 6, 10)


def test_infer_reference_ignores_target_and_planned_years() -> None:
    texts = [
        "The city aims to cut emissions by 2040 and plans a new port in 2035.",
        "The council voted in 2019 on the plan, first announced on April 3rd.",
        "Works began on April 20th, officials said.",
    ]
    assert infer_reference_date(texts) == D(2019, 4, 20)


def test_infer_reference_ignores_a_lone_far_ahead_date() -> None:
    texts = [
        "The councillors met on May 2, 2022, and again on May 6, 2022.",
        "A referendum is planned for Nov. 8, 2022.",
    ]
    assert infer_reference_date(texts) == D(2022, 5, 6)


def test_infer_reference_skips_announced_dates() -> None:
    texts = [
        "The dam burst on April 3rd, flooding two villages, officials said on April 4th.",
        "The agency expects to reopen the valley road to lorries on April 20th.",
        "Engineers said they would inspect the other dams on May 2nd.",
        "The dam was built in 2017.",
    ]
    assert infer_reference_date(texts) == D(2017, 4, 4)


def test_infer_reference_prefers_a_published_line() -> None:
    texts = [
        "Dam bursts in the valley\nPublished: June 2, 2021\n\nThe dam burst on May 30.",
        "It rained in 2020.",
    ]
    assert infer_reference_date(texts) == D(2021, 6, 2)


def test_infer_reference_ignores_links_through_words_common_to_the_story() -> None:
    texts = [
        "The dam burst on Sept. 18, 2022. The dam had passed an inspection last year.",
        "The dam burst at dawn on Sept. 18, 2022, and the dam operator said the dam was sound.",
        "Water from the dam reached the town by noon.",
    ]
    assert infer_reference_date(texts) == D(2022, 9, 18)


def test_infer_reference_with_months_only_is_the_end_of_the_latest_month() -> None:
    texts = ["Exports have slowed since August 2022.", "The port reopened in January 2023, officials said."]
    assert infer_reference_date(texts) == D(2023, 1, 31)


def test_infer_reference_with_a_year_only_is_mid_year() -> None:
    assert infer_reference_date(["The bridge was finished in 2018 after long delays."]) == D(2018, 7, 1)


def test_infer_reference_without_dates_is_none() -> None:
    assert infer_reference_date(["The ferry left on Friday.", "Nobody was hurt."]) is None

"""Quantities: number parsing, modifiers as ranges, units, exclusions, range overlap."""

from __future__ import annotations

import pytest
from spacy.language import Language

from storycheck.model import Quantity, Span
from storycheck.stages.analyze.number_words import parse_number
from storycheck.stages.analyze.quantities import extract_quantities, overlaps

INF = None


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("4,700", 4700.0),
        ("4700", 4700.0),
        ("four thousand seven hundred", 4700.0),
        ("twelve thousand", 12000.0),
        ("12,000", 12000.0),
        ("12000", 12000.0),
        ("1.5 million", 1_500_000.0),
        ("2.25 billion", 2_250_000_000.0),
        ("a dozen", 12.0),
        ("two dozen", 24.0),
        ("a hundred", 100.0),
        ("one hundred and twenty", 120.0),
        ("twenty-five", 25.0),
        ("ninety nine", 99.0),
        ("3m", 3_000_000.0),
        ("$5bn", 5_000_000_000.0),
        ("€40", 40.0),
        ("40%", 40.0),
        ("7 percent", 7.0),
        ("0.5", 0.5),
        ("seven", 7.0),
        ("seventh", 7.0),
        ("103rd", 103.0),
    ],
)
def test_parse_number(text: str, value: float) -> None:
    assert parse_number(text) == pytest.approx(value)


@pytest.mark.parametrize("text", ["", "many", "the", "several people", "twelve apples"])
def test_parse_number_rejects_words(text: str) -> None:
    assert parse_number(text) is None


def _quantities(nlp: Language, text: str) -> list[Quantity]:
    return extract_quantities(nlp(text), [0])


def _row(quantity: Quantity) -> tuple[str, float | None, float | None, str, str]:
    low = None if quantity.low is None else round(quantity.low, 6)
    high = None if quantity.high is None else round(quantity.high, 6)
    return (quantity.span.text, low, high, quantity.unit, quantity.modifier)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Up to 4,700 volunteers cleared the beach.", ("Up to 4,700", INF, 4700.0, "volunteer", "up to")),
        (
            "As many as 4,700 volunteers cleared the beach.",
            ("As many as 4,700", INF, 4700.0, "volunteer", "up to"),
        ),
        ("About 4,700 volunteers cleared the beach.", ("About 4,700", 4230.0, 5170.0, "volunteer", "about")),
        (
            "Approximately 4700 volunteers cleared the beach.",
            ("Approximately 4700", 4230.0, 5170.0, "volunteer", "about"),
        ),
        (
            "More than 4,700 volunteers cleared the beach.",
            ("More than 4,700", 4700.0, INF, "volunteer", "more than"),
        ),
        ("Over 4,700 volunteers cleared the beach.", ("Over 4,700", 4700.0, INF, "volunteer", "more than")),
        (
            "Nearly 4,700 volunteers cleared the beach.",
            ("Nearly 4,700", 4230.0, 4700.0, "volunteer", "nearly"),
        ),
        ("At least 9 volunteers were hurt.", ("At least 9", 9.0, INF, "volunteer", "at least")),
        ("Fewer than 30 boats sailed.", ("Fewer than 30", INF, 30.0, "boat", "less than")),
        (
            "Twelve thousand volunteers cleared the beach.",
            ("Twelve thousand", 12000.0, 12000.0, "volunteer", ""),
        ),
        (
            "Some 1.5 million tourists visit the island.",
            ("Some 1.5 million", 1_350_000.0, 1_650_000.0, "tourist", "about"),
        ),
        ("Turnout reached 63% in the valley.", ("63%", 63.0, 63.0, "percent", "")),
        ("Rents rose 4.5 per cent last year.", ("4.5 per cent", 4.5, 4.5, "percent", "")),
        ("Nearly 70 percent of voters backed it.", ("Nearly 70 percent", 63.0, 70.0, "percent", "nearly")),
        ("The port paid $3.2 billion for cranes.", ("$3.2 billion", 3.2e9, 3.2e9, "usd", "")),
        ("The fund raised €80 million for schools.", ("€80 million", 8e7, 8e7, "eur", "")),
        ("The club was fined £12m by the league.", ("£12m", 1.2e7, 1.2e7, "gbp", "")),
        ("The tanker held 1.2m barrels of oil.", ("1.2m", 1.2e6, 1.2e6, "barrel", "")),
        ("Between 200 and 300 farmers marched.", ("Between 200 and 300", 200.0, 300.0, "farmer", "between")),
        (
            "About 4,000 to 5,000 farmers marched.",
            ("About 4,000 to 5,000", 3600.0, 5500.0, "farmer", "about"),
        ),
        ("Between 2 and 3 million birds migrate.", ("Between 2 and 3 million", 2e6, 3e6, "bird", "between")),
        ("Tens of thousands of fans filled the square.", ("Tens of thousands", 2e4, 1e5, "fan", "vague")),
        ("Several hundred miners went on strike.", ("Several hundred", 300.0, 900.0, "miner", "vague")),
        (
            "Over a thousand people attended the fair.",
            ("Over a thousand", 1000.0, INF, "people", "more than"),
        ),
    ],
)
def test_extract_quantity_with_modifier_range_and_unit(
    nlp: Language, text: str, expected: tuple[str, float | None, float | None, str, str]
) -> None:
    assert [_row(quantity) for quantity in _quantities(nlp, text)] == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "The canal opened in 1911 after a long dispute.",
        "Call the hotline on 555-123-4567 for details.",
        "A B-52 bomber flew over the strait.",
        "The rally was held on Nov. 14 in the square.",
        "Article 5 of the treaty was invoked.",
        "The six-day festival drew praise.",
        "The home side won 3-1 on penalties.",
    ],
)
def test_extract_quantities_skips_years_codes_dates_and_scores(nlp: Language, text: str) -> None:
    assert _quantities(nlp, text) == []


@pytest.mark.parametrize(
    ("text", "age"),
    [
        ("The 54-year-old captain was rescued.", 54.0),
        ("Forty-year-old Ana Lund is accused.", 40.0),
        ("a 12-year old girl was hurt", 12.0),
        ("She is 33 years old.", 33.0),
    ],
)
def test_extract_quantities_reads_ages_as_years_old(nlp: Language, text: str, age: float) -> None:
    """Issue 9: ages are compared across outlets ("60-year-old" against "61-year-old")."""
    found = _quantities(nlp, text)
    assert [(q.value, q.unit) for q in found] == [(age, "years old")]


def test_a_figure_hyphenated_to_its_scale_word_is_one_number(nlp: Language) -> None:
    found = _quantities(nlp, "The pension fund lost $250-million in one year.")
    assert [(q.span.text, q.value, q.unit) for q in found] == [("$250-million", 250e6, "usd")]


def test_written_forms_of_one_number_have_one_value(nlp: Language) -> None:
    texts = [
        "Rescuers saved 12,000 sheep.",
        "Rescuers saved 12000 sheep.",
        "Rescuers saved twelve thousand sheep.",
    ]
    values = {quantity.value for text in texts for quantity in _quantities(nlp, text)}
    assert values == {12000.0}


def test_from_x_to_y_is_a_change_not_a_range(nlp: Language) -> None:
    rows = [_row(quantity) for quantity in _quantities(nlp, "Turnout rose to 64% from 58% in the valley.")]
    assert rows == [("64%", 64.0, 64.0, "percent", ""), ("58%", 58.0, 58.0, "percent", "")]


def test_pronoun_is_not_a_unit(nlp: Language) -> None:
    quantities = _quantities(nlp, "Another 14 hikers were hurt, four of them badly.")
    assert [(quantity.span.text, quantity.unit) for quantity in quantities] == [("14", "hiker"), ("four", "")]


def test_spans_and_sentences_index_the_text(nlp: Language) -> None:
    text = "The ferry carried 300 cars.\nOfficials said up to 40 trucks waited."
    quantities = extract_quantities(nlp(text), [0, text.index("Officials")])
    assert [(q.span.text, q.sentence) for q in quantities] == [("300", 0), ("up to 40", 1)]
    assert all(text[q.span.start : q.span.end] == q.span.text for q in quantities)


def _quantity(low: float | None, high: float | None) -> Quantity:
    return Quantity(Span(0, 1, "x"), low or high or 0.0, low, high, "troop", "", 0)


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ((None, 12000.0), (10800.0, 13200.0), True),  # up to 12,000 / about 12,000
        ((None, 12000.0), (10000.0, None), True),  # up to 12,000 / over 10,000
        ((10000.0, None), (10800.0, 13200.0), True),  # over 10,000 / about 12,000
        ((12000.0, 12000.0), (12000.0, 12000.0), True),
        ((None, 8000.0), (10000.0, None), False),  # up to 8,000 / over 10,000
        ((13000.0, None), (None, 12000.0), False),  # more than 13,000 / up to 12,000
        ((200.0, 300.0), (300.0, 400.0), True),  # closed ranges touching
        ((200.0, 300.0), (301.0, 400.0), False),
        ((None, None), (5.0, 5.0), True),
    ],
)
def test_overlaps(
    a: tuple[float | None, float | None], b: tuple[float | None, float | None], expected: bool
) -> None:
    assert overlaps(_quantity(*a), _quantity(*b)) is expected
    assert overlaps(_quantity(*b), _quantity(*a)) is expected

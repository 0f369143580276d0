"""verify end to end on invented pairs: labels, typed conflicts, evidence, the score."""

from __future__ import annotations

import pytest

from storycheck.config import AnalyzeSettings
from storycheck.model import Article
from storycheck.verify.check import verify
from storycheck.verify.result import VerifyResult

from .pairs import FAITHFUL, SOURCE, SWAPPED, UNFAITHFUL

pytestmark = pytest.mark.slow


def _verify(derived: str) -> VerifyResult:
    return verify(Article(id="source", text=SOURCE), Article(id="derived", text=derived), AnalyzeSettings())


@pytest.fixture(scope="module")
def faithful() -> VerifyResult:
    return _verify(FAITHFUL)


@pytest.fixture(scope="module")
def unfaithful() -> VerifyResult:
    return _verify(UNFAITHFUL)


def test_verify_supports_a_faithful_rewrite(faithful: VerifyResult) -> None:
    assert [v.label for v in faithful.sentences] == ["supported", "supported"]
    assert faithful.consistent


def test_verify_scores_the_unfaithful_rewrite_lower(faithful: VerifyResult, unfaithful: VerifyResult) -> None:
    assert 0.0 <= unfaithful.consistency < faithful.consistency <= 1.0
    assert not unfaithful.consistent


@pytest.mark.parametrize(("index", "kind", "value"), [(0, "number", "6 million"), (2, "claim", None)])
def test_verify_finds_typed_conflicts(
    unfaithful: VerifyResult, index: int, kind: str, value: str | None
) -> None:
    verdict = unfaithful.sentences[index]
    assert verdict.label == "contradicted"
    conflict = verdict.conflicts[0]
    assert conflict.kind == kind
    if value is not None:
        assert conflict.derived.text == value
        assert conflict.source is not None and "4.2 million" in conflict.source.text


def test_verify_marks_a_novel_place_unsupported(unfaithful: VerifyResult) -> None:
    verdict = unfaithful.sentences[3]
    assert verdict.label == "unsupported"
    assert [span.text for span in verdict.novel] == ["Paris"]


def test_evidence_spans_index_the_source_text(unfaithful: VerifyResult) -> None:
    for verdict in unfaithful.sentences:
        assert verdict.evidence is not None
        assert SOURCE[verdict.evidence.start : verdict.evidence.end] == verdict.evidence.text
        assert unfaithful.derived_text[verdict.sentence.start : verdict.sentence.end] == verdict.sentence.text


def test_verify_reads_a_lower_case_summary(faithful: VerifyResult) -> None:
    result = _verify(FAITHFUL.lower())
    assert result.sentences[0].label == "supported"
    assert result.derived_text == FAITHFUL.lower()


@pytest.fixture(scope="module")
def swapped() -> VerifyResult:
    return _verify(SWAPPED)


@pytest.mark.parametrize(
    ("index", "kind", "derived", "source"), [(0, "date", "March 5, 2020", "March 3, 2020")]
)
def test_verify_finds_a_swapped_date(
    swapped: VerifyResult, index: int, kind: str, derived: str, source: str
) -> None:
    conflicts = {c.kind: c for c in swapped.sentences[index].conflicts}
    assert conflicts[kind].derived.text.endswith(derived)
    assert conflicts[kind].source is not None and source in conflicts[kind].source.text


def test_verify_finds_a_person_swapped_inside_a_copied_sentence(swapped: VerifyResult) -> None:
    verdict = swapped.sentences[1]
    assert verdict.label == "contradicted"
    conflict = verdict.conflicts[0]
    assert conflict.kind in ("name", "role")
    assert conflict.derived.text == "Tom Baker"
    assert conflict.source is not None and conflict.source.text == "Helen Marsh"


def test_a_number_is_checked_against_the_same_count_in_the_source() -> None:
    source = (
        "A tram left the rails in Orvel on Monday, killing two people. "
        "Another 17 people were injured, the city said."
    )
    result = verify(
        Article(id="source", text=source),
        Article(id="derived", text="A tram crash in Orvel on Monday left 71 people injured."),
        AnalyzeSettings(),
    )
    conflicts = [c for verdict in result.sentences for c in verdict.conflicts if c.kind == "number"]
    assert conflicts and "17" in conflicts[0].source.text


def test_only_the_source_sentences_a_derived_sentence_is_compared_with_are_embedded() -> None:
    from storycheck.verify.align import LEXICAL_CANDIDATES, align_sentences, index_source
    from storycheck.verify.prepare import analyze_derived, analyze_source

    filler = " ".join(
        f"The {word} committee met again to discuss routine business."
        for word in ("budget", "parks", "roads", "schools", "water", "housing", "transit", "library")
    )
    source_text = f"{filler} The ferry Lysander sank off Carrow Point with 31 passengers aboard."
    source = index_source(analyze_source(Article(id="source", text=source_text), AnalyzeSettings()))
    derived = analyze_derived(
        Article(id="derived", text="The ferry Lysander sank off Carrow Point."),
        source.analyzed,
        AnalyzeSettings(),
    )
    (alignment,) = align_sentences(source, derived.sentences)
    assert source.analyzed.sentences[alignment.sentences[0]].text.startswith("The ferry Lysander sank")
    assert alignment.similarity > 0.6
    assert 0 < int(source.embedded.sum()) <= LEXICAL_CANDIDATES < len(source.analyzed.sentences)


def test_a_person_described_by_a_demonym_is_not_a_swapped_name() -> None:
    source = (
        "Lewis Tarrant took pole position in Sepang on Saturday. Tarrant was four-hundredths of a "
        "second ahead of his team-mate Nico Brandt, the German said."
    )

    def name_conflicts(derived: str) -> list[str]:
        result = verify(
            Article(id="source", text=source), Article(id="derived", text=derived), AnalyzeSettings()
        )
        return [c.derived.text for v in result.sentences for c in v.conflicts if c.kind == "name"]

    assert name_conflicts("The Briton was four-hundredths of a second ahead of his team-mate Brandt.") == []
    assert name_conflicts("Carl Weller was four-hundredths of a second ahead of his team-mate Brandt.") == [
        "Carl Weller"
    ]


def _conflicts(source: str, derived: str, kind: str) -> list[tuple[str, str]]:
    result = verify(Article(id="source", text=source), Article(id="derived", text=derived), AnalyzeSettings())
    return [
        (c.derived.text, c.source.text if c.source else "")
        for v in result.sentences
        for c in v.conflicts
        if c.kind == kind
    ]


OFFICES = (
    "Mayor Tomas Ferrand visited the flooded quarter on Sunday. "
    "Lucie Berthier, director of the Vallon Water Board, said the pumps would run all week."
)


def test_a_person_given_another_office_is_a_role_conflict() -> None:
    found = _conflicts(OFFICES, "Deputy mayor Lucie Berthier said the pumps would run all week.", "role")
    assert [derived for derived, _ in found] == ["Deputy mayor"]
    assert "director of the Vallon Water Board" in found[0][1]


def test_an_office_holder_named_by_surname_alone_is_no_role_conflict() -> None:
    assert _conflicts(OFFICES, "Mr Ferrand, the mayor, visited the flooded quarter on Sunday.", "role") == []


def test_pair_support_drops_when_a_sentence_joins_what_the_source_says_apart() -> None:
    from storycheck.verify.align import content_words, index_source, words
    from storycheck.verify.features import _pair_support
    from storycheck.verify.prepare import analyze_source

    text = "The harbour master resigned on Tuesday. Auditors found fraud in the ferry accounts."
    source = index_source(analyze_source(Article(id="source", text=text), AnalyzeSettings()))

    def support(sentence: str) -> float:
        return _pair_support(source, content_words(words(sentence)))

    assert support("The harbour master resigned on Tuesday.") == 1.0
    assert support("The harbour master resigned over fraud.") < 0.7


MEETING = "Governor Ilse Brandt met Mayor Tomas Lund in Tarsk on Monday to discuss the flood barrier."


@pytest.mark.parametrize(
    ("derived", "expected"),
    [
        ("Governor Ilse Brandt met Mayor Petra Okafor in Tarsk on Monday.", [("Petra Okafor", "Tomas Lund")]),
        ("Ilse Brandt, Tomas Lund and Petra Okafor met in Tarsk on Monday.", []),
        ("Governor Karl Vesely met Mayor Petra Okafor in Tarsk on Monday.", []),
    ],
    ids=["one-for-one", "kept-beside", "several-for-several"],
)
def test_a_new_name_conflicts_only_when_it_replaces_the_source_s_one_name(
    derived: str, expected: list[tuple[str, str]]
) -> None:
    assert _conflicts(MEETING, derived, "name") == expected


def test_a_date_in_the_dateline_or_the_same_words_is_no_date_conflict() -> None:
    source = (
        "VARNO, Sept. 19 (Wire) — A warehouse burned early on Thursday in the port of Varno, officials said. "
        "Inspectors will visit the site on Wednesday, the port said."
    )
    assert (
        _conflicts(source, "A warehouse burned in the port of Varno on Thursday, officials said.", "date")
        == []
    )
    assert _conflicts(source, "Inspectors visited the site on Wednesday, the port said.", "date") == []
    assert _conflicts(
        source, "A warehouse burned early on Tuesday in the port of Varno, officials said.", "date"
    ) == [("Tuesday", "Thursday")]

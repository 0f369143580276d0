"""Rendering a verify result: JSON shape, text lines, escaped HTML."""

from __future__ import annotations

import json

from storycheck.model import Span
from storycheck.verify.render import render_verify, to_dict
from storycheck.verify.result import Conflict, SentenceVerdict, VerifyResult

HOSTILE = '<script>alert("x")</script> & <b>bold</b>'


def _result(text: str = "The fee rose to 6 dollars.") -> VerifyResult:
    sentence = Span(0, len(text), text)
    evidence = Span(0, 26, "The fee rose to 4 dollars.")
    conflict = Conflict("number", Span(16, 17, "6"), Span(16, 17, "4"), "source says 4")
    verdict = SentenceVerdict(sentence, "contradicted", 0.1, evidence, 0.9, (conflict,))
    return VerifyResult("wire", "rewrite", evidence.text, text, 0.12, 0.43, (verdict,))


def test_json_has_labels_spans_conflicts_and_the_score_meaning() -> None:
    data = json.loads(render_verify(_result(), "json"))
    assert data["consistent"] is False
    assert data["counts"] == {"supported": 0, "contradicted": 1, "unsupported": 0}
    sentence = data["sentences"][0]
    assert sentence["conflicts"][0]["kind"] == "number"
    assert sentence["evidence"] == {"start": 0, "end": 26, "text": "The fee rose to 4 dollars."}
    assert "probability" in data["score_meaning"]


def test_text_names_the_conflict_and_the_source_span() -> None:
    text = render_verify(_result(), "text")
    assert "number conflict: '6'" in text
    assert "source [0:26]" in text


def test_html_escapes_article_text() -> None:
    page = render_verify(_result(HOSTILE), "html")
    assert "<script>" not in page
    assert "&lt;script&gt;" in page
    assert "<b>bold" not in page


def test_to_dict_of_an_empty_result_is_consistent() -> None:
    empty = VerifyResult("a", "b", "", "", 1.0, 0.5, ())
    assert to_dict(empty)["consistent"] is True


def test_several_results_render_as_a_json_array_and_one_page() -> None:
    first, second = _result(), _result(HOSTILE)
    second = VerifyResult(
        "wire", HOSTILE, second.source_text, second.derived_text, 0.9, 0.43, second.sentences
    )
    data = json.loads(render_verify([first, second], "json"))
    assert [item["derived"] for item in data] == ["rewrite", HOSTILE]
    page = render_verify([first, second], "html")
    assert page.count("<section>") == 2 and page.count("<!doctype html>") == 1
    assert "<script>" not in page
    text = render_verify([first, second], "text")
    assert text.index("rewrite vs wire") < text.index("vs wire", text.index("rewrite vs wire") + 1)

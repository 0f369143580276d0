"""Ingest: formats, page furniture, metadata, JSONL, and every bad-input code."""

from __future__ import annotations

import codecs
import datetime as dt
import json
import socket
from pathlib import Path

import pytest

from storycheck.config import IngestSettings
from storycheck.errors import InputError
from storycheck.model import Article, InputProblem
from storycheck.stages.ingest import (
    article_from_html,
    article_from_text,
    articles_from_jsonl,
    load_articles,
)
from storycheck.stages.ingest.clean import parse_published

SETTINGS = IngestSettings()

HEADLINE = "Harbour bridge reopens after storm repairs"
LEDE = (
    "The Harbour Bridge in Port Alden reopened to traffic on Tuesday after six weeks of repairs, "
    "city officials said."
)
SECOND = (
    "Engineers replaced 40 steel cables damaged when a winter storm struck the coast in late January, "
    "according to the transport department."
)
QUOTE = (
    '"We are relieved to have the crossing back," said Mayor Tom Greer, who cut a ribbon at the '
    "northern end of the bridge on Tuesday morning."
)
BODY = f"{LEDE}\n\n{SECOND}\n\n{QUOTE}"
FRENCH = (
    "Le pont du port a rouvert mardi après six semaines de travaux, a indiqué la mairie. "
    "Les ingénieurs ont remplacé quarante câbles qui avaient été endommagés par la tempête de janvier, "
    "selon le service des transports de la ville et les élus de la région."
)
RUSSIAN = (
    "Мост в гавани открылся во вторник после шести недель ремонта, сообщили в мэрии города. "
    "Инженеры заменили сорок стальных тросов, повреждённых зимним штормом в конце января, "
    "по данным транспортного управления региона."
)


def _write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def _load_one(path: Path, settings: IngestSettings = SETTINGS) -> Article:
    articles, problems = load_articles([path], settings)
    assert problems == ()
    assert len(articles) == 1
    return articles[0]


def _problem_codes(path: str | Path, settings: IngestSettings = SETTINGS) -> list[str]:
    articles, problems = load_articles([path], settings)
    assert articles == ()
    return [problem.code for problem in problems]


# ------------------------------------------------------------------ plain text and Markdown


def test_text_file_gives_title_body_id_and_location(tmp_path: Path) -> None:
    path = _write(tmp_path / "herald.txt", f"{HEADLINE}\n\n{BODY}\n")
    article = _load_one(path)
    assert (article.id, article.title, article.text) == ("herald", HEADLINE, BODY)
    assert (article.location, article.language) == (str(path), "en")


def test_text_file_keeps_single_newline_paragraphs(tmp_path: Path) -> None:
    article = _load_one(_write(tmp_path / "a.txt", f"{HEADLINE}\n{LEDE}\n{SECOND}\n{QUOTE}"))
    assert article.text == f"{LEDE}\n{SECOND}\n{QUOTE}"


@pytest.mark.parametrize(
    "first_line",
    [
        pytest.param(LEDE, id="sentence-with-period"),
        pytest.param("Officials said the bridge reopened. Traffic resumed at noon", id="two-sentences"),
        pytest.param("- Traffic resumed on the bridge at noon", id="list-item"),
        pytest.param("With the cables replaced, traffic resumed across the span:", id="ends-with-colon"),
        pytest.param("The Harbour Bridge in Port Alden reopened", id="start-of-next-paragraph"),
    ],
)
def test_first_line_that_reads_as_prose_is_not_a_title(tmp_path: Path, first_line: str) -> None:
    article = _load_one(_write(tmp_path / "a.txt", f"{first_line}\n{LEDE}\n{QUOTE}"))
    assert article.title is None
    assert article.text.startswith(first_line)


def test_hard_wrapped_text_lines_are_joined_into_paragraphs(tmp_path: Path) -> None:
    wrapped = (
        f"{HEADLINE}\n\nThe Harbour Bridge in Port Alden reopened to traffic\n"
        f"on Tuesday after six weeks.\n\n{SECOND}"
    )
    article = _load_one(_write(tmp_path / "a.txt", wrapped))
    assert (
        article.text
        == f"The Harbour Bridge in Port Alden reopened to traffic on Tuesday after six weeks.\n\n{SECOND}"
    )


def test_markdown_marks_are_stripped_and_link_text_kept(tmp_path: Path) -> None:
    markdown = (
        f"# {HEADLINE}\n\n![A view of the bridge](bridge.jpg)\n\n"
        "The **Harbour Bridge** in [Port Alden](https://example.org/port-alden) reopened to traffic on "
        "Tuesday after _six weeks_ of repairs,\ncity officials said.\n\n"
        f"## Cables replaced\n\n{SECOND}\n\n[1]: https://example.org/ref\n"
    )
    article = _load_one(_write(tmp_path / "bridge.md", markdown))
    assert article.title == HEADLINE
    assert article.text == f"{LEDE}\n\nCables replaced\n\n{SECOND}"


# ------------------------------------------------------------------ page furniture


@pytest.mark.parametrize(
    "furniture",
    [
        pytest.param(
            "Home » Local » Harbour bridge reopens after storm repairs", id="breadcrumb-home-guillemet"
        ),
        pytest.param("Home > News > Local", id="breadcrumb-home-angle"),
        pytest.param("News » Local » Transport", id="breadcrumb-section-trail"),
        pytest.param("About The Author", id="about-the-author"),
        pytest.param("About the author", id="about-the-author-lower"),
        pytest.param("Copyright © All rights reserved.", id="copyright-symbol"),
        pytest.param("© 2023 Coastline Herald, All rights reserved", id="copyright-year"),
        pytest.param("Copyright 2023 Coastline Herald Media Group", id="copyright-word"),
        pytest.param("harbour_bridge-2023-1.jpg", id="image-jpg"),
        pytest.param("IMG_0042.webp", id="image-webp"),
        pytest.param("cables.png", id="image-png"),
        pytest.param("Share this article", id="share"),
        pytest.param("Share on Facebook", id="share-on"),
        pytest.param("Follow us on Twitter", id="follow-us"),
        pytest.param("Follow Maria Lopez on X", id="follow-reporter"),
        pytest.param("Subscribe to our daily newsletter", id="subscribe"),
        pytest.param("Sign up for breaking news alerts", id="sign-up"),
        pytest.param("Read more: Council approves new budget for coastal roads", id="read-more"),
        pytest.param("Related: Storm damage closes the coastal road", id="related-colon"),
        pytest.param("Related Stories", id="related-heading"),
        pytest.param("Advertisement", id="advertisement"),
    ],
)
def test_page_furniture_line_is_dropped(tmp_path: Path, furniture: str) -> None:
    text = f"{HEADLINE}\n\n{LEDE}\n\n{furniture}\n\n{SECOND}\n\n{QUOTE}\n\n{furniture}\n"
    article = _load_one(_write(tmp_path / "a.txt", text))
    assert article.text == BODY


@pytest.mark.parametrize(
    "prose",
    [
        pytest.param(
            "Shares of the ferry operator fell 4 percent after the bridge reopened on Tuesday.", id="shares"
        ),
        pytest.param(
            "Follow-up inspections are planned for the spring, the transport department said.", id="follow-up"
        ),
        pytest.param(
            "Subscribers to the toll scheme will get a refund for the weeks of closure.", id="subscribers"
        ),
    ],
)
def test_prose_resembling_furniture_is_kept(tmp_path: Path, prose: str) -> None:
    article = _load_one(_write(tmp_path / "a.txt", f"{HEADLINE}\n\n{LEDE}\n\n{prose}"))
    assert article.text == f"{LEDE}\n\n{prose}"


def test_tag_line_is_dropped_but_lede_after_last_tag_is_kept(tmp_path: Path) -> None:
    tags = "Harbour bridge reopening/ Port Alden/ storm repairs/ J. Smith/ Coastline Herald/ "
    article = _load_one(_write(tmp_path / "a.txt", f"{tags}{LEDE}\n{SECOND}\n{QUOTE}"))
    assert article.text == f"{LEDE}\n{SECOND}\n{QUOTE}"


def test_tag_only_line_is_dropped(tmp_path: Path) -> None:
    tags = "Harbour bridge / Port Alden / storm repairs / Coastline Herald"
    article = _load_one(_write(tmp_path / "a.txt", f"{tags}\n{LEDE}\n{SECOND}"))
    assert article.text == f"{LEDE}\n{SECOND}"


def test_slashes_inside_prose_are_not_tags(tmp_path: Path) -> None:
    prose = (
        "The 24/7 crossing and/or the ferry will run on 1/15/2024 while crews check the cables, "
        "officials said."
    )
    article = _load_one(_write(tmp_path / "a.txt", f"{prose}\n{SECOND}"))
    assert article.text == f"{prose}\n{SECOND}"


def test_repeated_standfirst_paragraph_is_dropped(tmp_path: Path) -> None:
    text = f"{HEADLINE}\n\n{LEDE}\n\nbridge-photo.jpg\n\n{LEDE}\n\n{SECOND}\n\n{QUOTE}"
    article = _load_one(_write(tmp_path / "a.txt", text))
    assert article.text == BODY


# ------------------------------------------------------------------ byline


@pytest.mark.parametrize(
    ("line", "byline"),
    [
        pytest.param("By Jane Doe", "Jane Doe", id="name"),
        pytest.param("By Jane Doe, Reuters", "Jane Doe, Reuters", id="name-and-agency"),
        pytest.param(
            "BY MARIA LOPEZ | Coastline Herald", "MARIA LOPEZ | Coastline Herald", id="capitals-pipe"
        ),
        pytest.param("By Ana de la Cruz and Tom Reyes", "Ana de la Cruz and Tom Reyes", id="two-authors"),
        pytest.param("By The Associated Press", "The Associated Press", id="agency"),
    ],
)
def test_byline_line_is_lifted_into_byline(tmp_path: Path, line: str, byline: str) -> None:
    article = _load_one(_write(tmp_path / "a.txt", f"{HEADLINE}\n{line}\n{LEDE}\n{SECOND}"))
    assert (article.byline, article.title, article.text) == (byline, HEADLINE, f"{LEDE}\n{SECOND}")


@pytest.mark.parametrize(
    "line",
    [
        pytest.param("By Friday, crews had restored both lanes of the bridge.", id="weekday"),
        pytest.param("By contrast, the ferry service kept running all winter.", id="lower-case"),
        pytest.param("By 2025 the city plans a second crossing", id="year"),
    ],
)
def test_prose_starting_with_by_is_not_a_byline(tmp_path: Path, line: str) -> None:
    article = _load_one(_write(tmp_path / "a.txt", f"{LEDE}\n{line}\n{SECOND}"))
    assert article.byline is None
    assert line in article.text


def test_explicit_metadata_wins_and_matching_first_line_is_dropped() -> None:
    article = article_from_text(
        f"{HEADLINE}\n{LEDE}\n{SECOND}",
        id="pasted",
        settings=SETTINGS,
        title=HEADLINE,
        outlet="Coastline Herald",
        byline="Maria Lopez",
        published=dt.date(2023, 3, 14),
        url="https://example.org/bridge",
    )
    assert article.text == f"{LEDE}\n{SECOND}"
    assert (article.title, article.outlet, article.byline) == (HEADLINE, "Coastline Herald", "Maria Lopez")
    assert (article.published, article.url, article.location) == (
        dt.date(2023, 3, 14),
        "https://example.org/bridge",
        None,
    )


# ------------------------------------------------------------------ HTML

HTML_PAGE = f"""<!doctype html>
<html lang="en"><head>
<title>{HEADLINE} | Coastline Herald</title>
<meta property="og:site_name" content="Coastline Herald">
<meta property="og:title" content="{HEADLINE}">
<meta property="article:published_time" content="2023-03-14T08:30:00Z">
<meta name="author" content="Maria Lopez">
</head><body>
<nav><a href="/">Home</a> <a href="/local">Local</a></nav>
<article><h1>{HEADLINE}</h1>
<p>{LEDE}</p><p>{SECOND}</p><p>{QUOTE}</p>
</article>
<footer><p>Copyright 2023 Coastline Herald</p></footer>
</body></html>"""


def test_html_page_gives_main_text_and_metadata(tmp_path: Path) -> None:
    article = _load_one(_write(tmp_path / "herald-bridge.html", HTML_PAGE))
    assert article.id == "herald-bridge"
    assert (article.title, article.outlet, article.byline) == (HEADLINE, "Coastline Herald", "Maria Lopez")
    assert article.published == dt.date(2023, 3, 14)
    assert article.text == f"{LEDE}\n{SECOND}\n{QUOTE}"


def test_html_url_argument_is_kept() -> None:
    article = article_from_html(HTML_PAGE, id="page", settings=SETTINGS, url="https://example.org/b")
    assert article.url == "https://example.org/b"


def test_html_without_main_text_raises_sc106() -> None:
    with pytest.raises(InputError) as caught:
        article_from_html(
            "<html><head><title>Empty</title></head><body><div></div></body></html>",
            id="x",
            settings=SETTINGS,
        )
    assert caught.value.code == "SC106"


# ------------------------------------------------------------------ JSONL


def _jsonl(*records: object) -> str:
    return "\n".join(record if isinstance(record, str) else json.dumps(record) for record in records)


def test_jsonl_lines_become_articles_with_metadata() -> None:
    text = _jsonl(
        {
            "id": "wire-1",
            "text": BODY,
            "title": HEADLINE,
            "outlet": "Coastline Herald",
            "published": "2023-03-14",
            "url": "https://example.org/1",
            "byline": "Maria Lopez",
        },
        "",
        {"text": f"{SECOND} {QUOTE}", "published": "2023-03-15T09:00:00+01:00"},
    )
    articles, problems = articles_from_jsonl(text, location="feed.jsonl", settings=SETTINGS)
    assert problems == []
    assert [article.id for article in articles] == ["wire-1", "feed-3"]
    first, second = articles
    assert (first.title, first.outlet, first.byline, first.url) == (
        HEADLINE,
        "Coastline Herald",
        "Maria Lopez",
        "https://example.org/1",
    )
    assert (first.published, second.published) == (dt.date(2023, 3, 14), dt.date(2023, 3, 15))
    assert (first.text, first.location) == (BODY, "feed.jsonl")


DUPLICATE_A = json.dumps({"id": "a", "text": f"{SECOND} {QUOTE}"})


@pytest.mark.parametrize(
    ("line", "location", "code"),
    [
        pytest.param('{"text": "unterminated', "feed.jsonl", "SC107", id="bad-json"),
        pytest.param('["a", "list"]', "feed.jsonl", "SC107", id="not-object"),
        pytest.param('{"title": "No body"}', "feed.jsonl", "SC108", id="no-text"),
        pytest.param('{"text": 42}', "feed.jsonl", "SC108", id="text-not-string"),
        pytest.param('{"text": "Too short."}', "feed.jsonl:2", "SC111", id="too-short"),
        pytest.param(DUPLICATE_A, "feed.jsonl", "SC110", id="duplicate-id"),
    ],
)
def test_bad_jsonl_line_is_skipped_and_others_kept(line: str, location: str, code: str) -> None:
    text = _jsonl({"id": "a", "text": BODY}, line, {"id": "c", "text": BODY})
    articles, problems = articles_from_jsonl(text, location="feed.jsonl", settings=SETTINGS)
    assert [article.id for article in articles] == ["a", "c"]
    assert [(problem.location, problem.code) for problem in problems] == [(location, code)]


@pytest.mark.parametrize(
    ("line", "message"),
    [
        pytest.param(
            "{oops", "bad JSON on line 1: Expecting property name enclosed in double quotes, skipped"
        ),
        pytest.param("[1, 2]", "bad JSON on line 1: not a JSON object, skipped"),
        pytest.param('{"id": "x"}', "line 1 has no 'text' string, skipped"),
    ],
)
def test_bad_jsonl_line_message_names_the_line(line: str, message: str) -> None:
    _, problems = articles_from_jsonl(line, location="feed.jsonl", settings=SETTINGS)
    assert [problem.message for problem in problems] == [message]


# ------------------------------------------------------------------ encodings


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(codecs.BOM_UTF8 + f"{LEDE} Café owners cheered.\n{SECOND}".encode(), id="utf-8-bom"),
        pytest.param(f"{LEDE} Café owners cheered.\n{SECOND}".encode("utf-16"), id="utf-16-bom"),
        pytest.param(f"{LEDE} Café owners cheered.\n{SECOND}".encode("cp1252"), id="cp1252"),
    ],
)
def test_text_in_other_encodings_is_decoded(tmp_path: Path, data: bytes) -> None:
    article = _load_one(_write(tmp_path / "a.txt", data))
    assert article.text == f"{LEDE} Café owners cheered.\n{SECOND}"


# ------------------------------------------------------------------ bad inputs

GARBLED = b"The mayor said the bridge \x81\x8d\x8f\x90\x9d\x81\x8d would reopen. " * 3
EMPTY_PAGE = b"<html><body><div></div></body></html>"
CONTROL_BYTES = bytes(range(1, 9)) * 40 + LEDE.encode()
SHORT = b"Bridge reopens.\nTraffic flows again."


@pytest.mark.parametrize(
    ("name", "content", "settings", "code"),
    [
        pytest.param("empty.txt", b"", SETTINGS, "SC101", id="empty"),
        pytest.param("blank.txt", b"  \n\n \t\n", SETTINGS, "SC101", id="whitespace-only"),
        pytest.param("nul.txt", b"Harbour\x00bridge\x00" * 20, SETTINGS, "SC102", id="binary-nul"),
        pytest.param("ctl.txt", CONTROL_BYTES, SETTINGS, "SC102", id="binary-control"),
        pytest.param("big.txt", BODY.encode(), IngestSettings(max_bytes=100), "SC103", id="too-large"),
        pytest.param("garbled.txt", GARBLED, SETTINGS, "SC104", id="undecodable"),
        pytest.param("french.txt", FRENCH.encode(), SETTINGS, "SC105", id="french"),
        pytest.param("russian.txt", RUSSIAN.encode(), SETTINGS, "SC105", id="russian"),
        pytest.param("page.html", EMPTY_PAGE, SETTINGS, "SC106", id="html-no-text"),
        pytest.param("bad.jsonl", b"{nope\n", SETTINGS, "SC107", id="jsonl-bad-json"),
        pytest.param("bad.jsonl", b'{"title": "x"}\n', SETTINGS, "SC108", id="jsonl-no-text"),
        pytest.param("notes.pdf", b"%PDF-1.4", SETTINGS, "SC109", id="unsupported-suffix"),
        pytest.param("README", LEDE.encode(), SETTINGS, "SC109", id="no-suffix"),
        pytest.param("short.txt", SHORT, SETTINGS, "SC111", id="too-short"),
    ],
)
def test_bad_file_is_reported_with_its_code(
    tmp_path: Path, name: str, content: bytes, settings: IngestSettings, code: str
) -> None:
    assert _problem_codes(_write(tmp_path / name, content), settings) == [code]


@pytest.mark.parametrize(
    ("text", "language"),
    [pytest.param(FRENCH, "French", id="french"), pytest.param(RUSSIAN, "Russian", id="russian")],
)
def test_non_english_message_names_the_language(text: str, language: str) -> None:
    with pytest.raises(InputError) as caught:
        article_from_text(text, id="x", settings=SETTINGS)
    assert (caught.value.code, caught.value.detail) == ("SC105", f"not English ({language}), skipped")


def test_missing_path_is_sc100(tmp_path: Path) -> None:
    missing = str(tmp_path / "gone.txt")
    assert load_articles([missing], SETTINGS) == (
        (),
        (InputProblem(missing, "SC100", "no such file or directory"),),
    )


def test_too_large_message_gives_size_and_limit(tmp_path: Path) -> None:
    path = _write(tmp_path / "big.txt", "x" * 150)
    _, problems = load_articles([path], IngestSettings(max_bytes=100))
    assert problems[0].message == "file too large (150 bytes > 100), skipped"


def test_unreadable_file_is_sc112(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # a short relative name: socket paths are limited in length
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind("sock.txt")
        assert _problem_codes("sock.txt") == ["SC112"]
    finally:
        server.close()


def test_pasted_text_too_short_raises_sc111() -> None:
    with pytest.raises(InputError) as caught:
        article_from_text("Bridge reopens on Tuesday.", id="x", settings=SETTINGS)
    assert (caught.value.code, caught.value.detail) == ("SC111", "text too short (4 words), skipped")


# ------------------------------------------------------------------ directories, ids, mixtures


def test_directory_is_read_recursively_in_sorted_order_skipping_hidden_and_other_files(
    tmp_path: Path,
) -> None:
    for name in ("b.txt", "a/z.md", "a/c.html", "d.jsonl", ".hidden.txt", ".git/e.txt", "notes.pdf", "f.TXT"):
        content = HTML_PAGE if name.endswith(".html") else BODY
        _write(tmp_path / name, _jsonl({"text": BODY}) if name.endswith(".jsonl") else content)
    articles, problems = load_articles([tmp_path], SETTINGS)
    assert problems == ()
    assert [article.id for article in articles] == ["c", "z", "b", "d-1", "f"]
    assert articles[0].location == str(tmp_path / "a" / "c.html")


def test_duplicate_id_keeps_the_first_and_reports_the_later(tmp_path: Path) -> None:
    first = _write(tmp_path / "one" / "herald.txt", BODY)
    later = _write(tmp_path / "two" / "herald.md", BODY)
    articles, problems = load_articles([first, later], SETTINGS)
    assert [article.location for article in articles] == [str(first)]
    assert problems == (InputProblem(str(later), "SC110", "duplicate article id 'herald', skipped"),)


def test_good_articles_survive_among_bad_inputs(tmp_path: Path) -> None:
    good = _write(tmp_path / "good.txt", BODY)
    empty = _write(tmp_path / "empty.txt", "")
    french = _write(tmp_path / "french.txt", FRENCH)
    feed = _write(tmp_path / "feed.jsonl", _jsonl({"id": "w", "text": BODY}, "{oops"))
    articles, problems = load_articles([empty, good, tmp_path / "missing.html", french, feed], SETTINGS)
    assert [article.id for article in articles] == ["good", "w"]
    assert [(Path(p.location).name, p.code) for p in problems] == [
        ("empty.txt", "SC101"),
        ("missing.html", "SC100"),
        ("french.txt", "SC105"),
        ("feed.jsonl", "SC107"),
    ]


@pytest.mark.parametrize(
    ("line", "date"),
    [
        ("Published: March 19, 2031", dt.date(2031, 3, 19)),
        ("Updated 19 March 2031 10:02", dt.date(2031, 3, 19)),
        ("Posted: 2031-03-19", dt.date(2031, 3, 19)),
        ("Published on Sept. 3, 2030", dt.date(2030, 9, 3)),
        ("The report was published Friday", None),
    ],
)
def test_a_publication_line_gives_the_date(line: str, date: dt.date | None) -> None:
    assert parse_published(line) == date


def test_the_publication_line_leaves_the_body_and_dates_the_article() -> None:
    text = "Dam inspectors find cracks\nBy Ana Ruiz, Valley Wire\nPublished: May 2, 2031\n\n" + (
        "Inspectors found three cracks in the Orvel dam on Tuesday, the regional water board said. "
        "Repairs will start next month and the reservoir will be lowered by two metres.\n"
    )
    article = article_from_text(text, id="dam", settings=IngestSettings())
    assert article.published == dt.date(2031, 5, 2)
    assert "Published" not in article.text


@pytest.mark.parametrize(
    "written",
    [
        "2025-03-21",
        "2025-03-21T08:00:00+00:00",
        "Fri, 21 Mar 2025 08:00:00 GMT",
        "March 21, 2025",
        "21 March 2025",
    ],
)
def test_jsonl_published_dates_as_feeds_and_exports_write_them(tmp_path: Path, written: str) -> None:
    """Issue 10: an RFC 2822 or written-out `published` is read, not silently dropped."""
    import json

    from storycheck.config import IngestSettings
    from storycheck.stages.ingest import load_articles

    text = (
        "The regional council of Varnhem approved a new tram line on Monday after a debate that "
        "lasted six hours, officials said, and the line will link the port with the campus."
    )
    path = tmp_path / "feed.jsonl"
    path.write_text(json.dumps({"id": "a", "text": text, "published": written}) + "\n", encoding="utf-8")
    articles, problems = load_articles([str(path)], IngestSettings())
    assert not problems
    assert articles[0].published is not None and articles[0].published.isoformat() == "2025-03-21"

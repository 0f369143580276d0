"""Builders of realistic model objects from invented text, for tests of the later stages.

No NLP model is loaded: sentences are split on end punctuation, each sentence is one claim,
places and dates are the phrases a test names, and embeddings are hashed bags of words (so
that sentences sharing words are close). Every Span and Evidence is sliced from the text,
so `text[start:end] == span.text` always holds.

`sample_story()`, `sample_comparison()`, `sample_provenance()` and `sample_report()` give one
invented story (a harbour crane collapse) read by four outlets: a wire original, a copy,
a rewrite that gets two numbers wrong, and an independent report.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import zlib
from collections.abc import Mapping, Sequence

import numpy as np

from storycheck.model import (
    AnalyzedArticle,
    Article,
    Claim,
    Comparison,
    Discrepancy,
    DiscrepancyKind,
    DiscrepancyValue,
    EdgeKind,
    EntityIndex,
    Evidence,
    Fact,
    Fidelity,
    Granularity,
    Mention,
    Provenance,
    ProvenanceEdge,
    QuoteComparison,
    QuoteVariant,
    Severity,
    SingleSourceClaim,
    Span,
    Story,
    StoryReport,
    TimeExpr,
    Vector,
)

REFERENCE = dt.date(2031, 3, 14)
# Width of the hashed bag-of-words embeddings: small, yet few collisions for test sentences.
DIM = 256
SENTENCE = re.compile(r"[^.!?]+[.!?]+[\"”]?")

DateSpec = tuple[str, dt.date, Granularity]  # phrase as written, its date, its granularity


def span_of(text: str, needle: str) -> Span:
    """The first occurrence of `needle` in `text` as a Span."""
    start = text.index(needle)
    return Span(start, start + len(needle), needle)


def embed(text: str) -> Vector:
    """A hashed, L2-normalised bag of lower-case words."""
    vector = np.zeros(DIM, dtype=np.float32)
    for word in re.findall(r"\w+", text.lower()):
        vector[zlib.crc32(word.encode()) % DIM] += 1.0
    norm = float(np.linalg.norm(vector))
    return vector / norm if norm else vector


def split_sentences(text: str) -> tuple[Span, ...]:
    """Sentences as Spans, surrounding blanks left out."""
    spans = []
    for match in SENTENCE.finditer(text):
        raw = match.group(0)
        start = match.start() + len(raw) - len(raw.lstrip())
        end = match.end() - (len(raw) - len(raw.rstrip()))
        if end > start:
            spans.append(Span(start, end, text[start:end]))
    return tuple(spans)


def _sentence_at(sentences: Sequence[Span], offset: int) -> int:
    return next((i for i, span in enumerate(sentences) if span.start <= offset < span.end), 0)


def _interval(day: dt.date, granularity: Granularity) -> tuple[dt.date, dt.date]:
    if granularity == "month":
        last = calendar.monthrange(day.year, day.month)[1]
        return day.replace(day=1), day.replace(day=last)
    if granularity == "year":
        return dt.date(day.year, 1, 1), dt.date(day.year, 12, 31)
    return day, day


def _all_spans(text: str, needle: str) -> list[Span]:
    return [Span(m.start(), m.end(), needle) for m in re.finditer(re.escape(needle), text)]


def analyzed_article(
    article_id: str,
    text: str,
    *,
    title: str | None = None,
    outlet: str | None = None,
    byline: str | None = None,
    published: dt.date | None = REFERENCE,
    places: Sequence[str] = (),
    dates: Sequence[DateSpec] = (),
) -> AnalyzedArticle:
    """An AnalyzedArticle: one claim per sentence; `places` become GPE mentions, `dates` times."""
    sentences = split_sentences(text)
    mentions = tuple(
        Mention(span, "GPE", _sentence_at(sentences, span.start))
        for place in places
        for span in _all_spans(text, place)
    )
    times = tuple(
        TimeExpr(span, *_interval(day, granularity), granularity, False, _sentence_at(sentences, span.start))
        for phrase, day, granularity in dates
        for span in _all_spans(text, phrase)
    )
    claims = tuple(
        Claim(
            span=sentence,
            sentence=index,
            mentions=tuple(i for i, mention in enumerate(mentions) if mention.sentence == index),
            times=tuple(i for i, time in enumerate(times) if time.sentence == index),
        )
        for index, sentence in enumerate(sentences)
    )
    vectors = [embed(claim.span.text) for claim in claims]
    article = Article(
        article_id,
        text,
        title=title,
        outlet=outlet,
        byline=byline,
        published=published,
        location=f"{article_id}.txt",
    )
    return AnalyzedArticle(
        article=article,
        reference_date=published or REFERENCE,
        sentences=sentences,
        mentions=mentions,
        roles=(),
        quantities=(),
        times=times,
        quotes=(),
        claims=claims,
        embeddings=np.stack(vectors) if vectors else np.zeros((0, DIM), dtype=np.float32),
    )


def make_story(
    *articles: AnalyzedArticle, reference_date: dt.date = REFERENCE, inferred: bool = False
) -> Story:
    return Story(articles=tuple(articles), reference_date=reference_date, reference_inferred=inferred)


def no_entities() -> EntityIndex:
    return EntityIndex(entities=(), by_mention={}, holdings=())


def evidence(story: Story, article_id: str, needle: str) -> Evidence:
    """Evidence for the first occurrence of `needle` in the article."""
    return Evidence.of(article_id, span_of(story.by_id(article_id).article.text, needle))


def make_fact(story: Story, statement: str, spans: Mapping[str, str], kind: str = "claim") -> Fact:
    """A fact supported by each article of `spans` (article id -> phrase it uses)."""
    return Fact(
        id="",
        statement=statement,
        kind=kind,
        support=tuple(spans),
        evidence=tuple(evidence(story, article_id, needle) for article_id, needle in spans.items()),
    )


def make_discrepancy(
    story: Story,
    kind: DiscrepancyKind,
    subject: str,
    severity: Severity,
    values: Sequence[tuple[str, Mapping[str, str]]],
    explanation: str = "",
) -> Discrepancy:
    """A discrepancy; each value is (value as written, {article id: phrase})."""
    return Discrepancy(
        id="",
        kind=kind,
        subject=subject,
        severity=severity,
        values=tuple(
            DiscrepancyValue(
                value=value,
                normalized=value.lower(),
                articles=tuple(spans),
                evidence=tuple(evidence(story, article_id, needle) for article_id, needle in spans.items()),
            )
            for value, spans in values
        ),
        explanation=explanation or f"The articles disagree on the {subject}.",
    )


def make_single(story: Story, article_id: str, needle: str, kind: str = "claim") -> SingleSourceClaim:
    return SingleSourceClaim(article_id, needle, kind, evidence(story, article_id, needle))


def make_quote(
    story: Story, speaker: str | None, variants: Sequence[tuple[str, Fidelity, Sequence[str]]]
) -> QuoteComparison:
    """A quote comparison; each variant is (wording, fidelity, article ids that use it)."""
    return QuoteComparison(
        speaker=speaker,
        text=variants[0][0],
        variants=tuple(
            QuoteVariant(text, tuple(ids), fidelity, tuple(evidence(story, i, text) for i in ids))
            for text, fidelity, ids in variants
        ),
    )


def make_provenance(
    original: str | None,
    edges: Sequence[tuple[str, str, float, EdgeKind]] = (),
    groups: Sequence[Sequence[str]] = (),
) -> Provenance:
    return Provenance(
        original=original,
        edges=tuple(ProvenanceEdge(*edge) for edge in edges),
        groups=tuple(tuple(group) for group in groups),
        reasons=("earliest and most complete version",) if original else (),
    )


# ---------------------------------------------------------------- the sample story

MARCH_11 = ("March 11", dt.date(2031, 3, 11), "day")
MARCH_20 = ("March 20", dt.date(2031, 3, 20), "day")
MARCH_22 = ("March 22", dt.date(2031, 3, 22), "day")
YEAR_2029 = ("2029", dt.date(2029, 1, 1), "year")
SAMPLE_DATES: tuple[DateSpec, ...] = (MARCH_11, MARCH_20, MARCH_22, YEAR_2029)  # type: ignore[assignment]
SAMPLE_PLACES = ("Port Kessel", "Marova")

WIRE = (
    "PORT KESSEL, Marova — A gantry crane collapsed at the Port Kessel container terminal on March 11, "
    "injuring 14 workers, the harbour authority said. The crane fell across two berths during a storm. "
    "Harbour master Ilse Brandvold said the terminal would stay closed until March 20. "
    '"We are checking every crane on the quay," Brandvold said. '
    "The terminal handles about 9,000 containers a day. The same crane failed an inspection in 2029."
)
COPY = WIRE.replace("The terminal handles", "The busy terminal handles")
REWRITE = (
    "A crane came down at Port Kessel's container terminal on March 11, leaving 16 workers hurt. "
    "The crane fell across two berths as a storm hit the coast. "
    "The harbour master said the terminal would stay closed until March 22. "
    '"We are inspecting all cranes," she said. '
    "Insurers estimate the damage at several million."
)
INDEPENDENT = (
    "Fourteen dock workers were taken to hospital after a gantry crane collapsed in Port Kessel on March 11. "
    "14 workers were hurt, hospital staff said. "
    "A union spokesman said workers had complained about the crane for months. "
    '"We are checking every crane on the quay," harbour master Ilse Brandvold told reporters.'
)


def sample_story() -> Story:
    """Four invented articles about one harbour accident (see the module docstring)."""
    common = {"places": SAMPLE_PLACES, "dates": SAMPLE_DATES}
    return make_story(
        analyzed_article(
            "w01",
            WIRE,
            title="Crane collapses at Port Kessel terminal, 14 hurt",
            outlet="Northline Wire",
            byline="By Ana Petrel",
            **common,
        ),  # type: ignore[arg-type]
        analyzed_article(
            "c02", COPY, title="Crane collapse injures 14 at Port Kessel", outlet="Daily Meridian", **common
        ),  # type: ignore[arg-type]
        analyzed_article(
            "r03", REWRITE, title="Storm topples crane in Port Kessel", outlet="Coastal Times", **common
        ),  # type: ignore[arg-type]
        analyzed_article(
            "i04",
            INDEPENDENT,
            title="Dock workers hurt in Port Kessel crane collapse",
            outlet="Kessel Evening Post",
            **common,
        ),  # type: ignore[arg-type]
    )


def sample_comparison(story: Story) -> Comparison:
    """What compare would find in `sample_story()`."""
    collapse = make_fact(
        story,
        "A gantry crane collapsed at the Port Kessel container terminal on March 11.",
        {
            "w01": "A gantry crane collapsed at the Port Kessel container terminal on March 11",
            "c02": "A gantry crane collapsed at the Port Kessel container terminal on March 11",
            "r03": "A crane came down at Port Kessel's container terminal on March 11",
            "i04": "a gantry crane collapsed in Port Kessel on March 11",
        },
        kind="event",
    )
    berths = make_fact(
        story,
        "The crane fell across two berths during a storm.",
        {
            "w01": "The crane fell across two berths during a storm.",
            "c02": "The crane fell across two berths during a storm.",
            "r03": "The crane fell across two berths as a storm hit the coast.",
        },
    )
    volume = make_fact(
        story,
        "The terminal handles about 9,000 containers a day.",
        {
            "w01": "The terminal handles about 9,000 containers a day.",
            "c02": "terminal handles about 9,000 containers a day.",
        },
        kind="number",
    )
    injured = make_fact(
        story,
        "14 workers were injured.",
        {
            "w01": "injuring 14 workers",
            "c02": "injuring 14 workers",
            "i04": "14 workers were hurt",
        },
        kind="number",
    )
    workers = make_discrepancy(
        story,
        "number",
        "workers injured",
        "high",
        [
            (
                "14",
                {"w01": "injuring 14 workers", "c02": "injuring 14 workers", "i04": "14 workers were hurt"},
            ),
            ("16", {"r03": "16 workers hurt"}),
        ],
    )
    reopening = make_discrepancy(
        story,
        "date",
        "reopening of the terminal",
        "medium",
        [
            ("March 20", {"w01": "until March 20", "c02": "until March 20"}),
            ("March 22", {"r03": "until March 22"}),
        ],
    )
    return Comparison(
        facts=(volume, injured, berths, collapse),
        discrepancies=(reopening, workers),
        single_source=(
            make_single(
                story, "i04", "A union spokesman said workers had complained about the crane for months."
            ),
            make_single(story, "r03", "Insurers estimate the damage at several million."),
        ),
        quotes=(
            make_quote(
                story,
                "Ilse Brandvold",
                [
                    ("We are checking every crane on the quay", "exact", ["w01", "c02", "i04"]),
                    ("We are inspecting all cranes", "altered", ["r03"]),
                ],
            ),
        ),
    )


def sample_provenance() -> Provenance:
    """The wire story is the original; one copy, one rewrite, one independent report."""
    return make_provenance(
        "w01",
        [("w01", "c02", 0.97, "copy"), ("w01", "r03", 0.45, "rewrite")],
        [("c02", "r03", "w01"), ("i04",)],
    )


def sample_report() -> StoryReport:
    """build_report on the sample story."""
    from storycheck.stages.report import build_report

    story = sample_story()
    return build_report(story, no_entities(), sample_comparison(story), sample_provenance())


def texts_of(story: Story) -> dict[str, str]:
    """Article id -> text, as render() takes it."""
    return {analyzed.id: analyzed.article.text for analyzed in story.articles}


# ---------------------------------------------------------------- a hostile story

# Article text, ids, titles and outlets that would break out of HTML or Markdown if a
# renderer forgot to escape them.
EVIL_ID = 'x"><script>alert(1)</script>'
EVIL_TEXT = (
    "The council met in Port Kessel on March 11 <script>alert('text')</script> and voted 5 to 2. "
    'Officials said "A&B <b>bold</b> & co" approved the plan. '
    "The mayor said 7 members attended."
)
PLAIN_TEXT = (
    "The council met in Port Kessel on March 11 and voted 5 to 2. "
    "Officials said the plan was approved. "
    "The mayor said 9 members attended."
)


def hostile_story() -> Story:
    """Two articles; one with markup in its id, title, outlet and text."""
    return make_story(
        analyzed_article(
            EVIL_ID,
            EVIL_TEXT,
            title='<img src=x onerror="alert(2)"> & "title"',
            outlet='<i>Evil</i> & Co "Wire"',
            places=SAMPLE_PLACES,
            dates=SAMPLE_DATES,
        ),
        analyzed_article(
            "p02",
            PLAIN_TEXT,
            title="Council votes",
            outlet="Plain Post",
            places=SAMPLE_PLACES,
            dates=SAMPLE_DATES,
        ),
    )


def hostile_report() -> StoryReport:
    """build_report on `hostile_story()`: one fact, one discrepancy, one single-source claim."""
    from storycheck.stages.report import build_report

    story = hostile_story()
    vote = make_fact(
        story,
        "The council met in Port Kessel on March 11.",
        {
            EVIL_ID: "The council met in Port Kessel on March 11",
            "p02": "The council met in Port Kessel on March 11",
        },
        kind="event",
    )
    members = make_discrepancy(
        story,
        "number",
        "<script>members</script> attending",
        "high",
        [
            ("7 <script>", {EVIL_ID: "7 members attended"}),
            ("9", {"p02": "9 members attended"}),
        ],
    )
    comparison = Comparison(
        facts=(vote,),
        discrepancies=(members,),
        single_source=(
            make_single(story, EVIL_ID, 'Officials said "A&B <b>bold</b> & co" approved the plan.'),
        ),
        quotes=(),
    )
    return build_report(story, no_entities(), comparison, make_provenance(None, (), [(EVIL_ID,), ("p02",)]))

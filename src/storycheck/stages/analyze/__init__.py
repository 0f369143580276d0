"""analyze: Article -> AnalyzedArticle (sentences, entities, roles, numbers, dates, quotes,
claims and claim embeddings), and a story's reference date.

The heavy lifting lives in one module per kind of slot (quantities, times, quotes, roles);
this module runs spaCy once per article, calls them and builds the claims.

May import `model`, `config`, `nlp`, `gazetteer` and `ingest.wires`.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import threading
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from typing import TYPE_CHECKING

from ... import gazetteer
from ...config import AnalyzeSettings
from ...model import AnalyzedArticle, Article, Claim, EntityLabel, Mention, RoleMention, Span, Story
from ...nlp import embed, embedder, spacy_model
from ..ingest.wires import wire_credit
from .datelines import find_dateline
from .quantities import extract_quantities
from .quotes import extract_quotes
from .reference import own_date
from .roles import extract_roles
from .spans import doc_entities, doc_sentences, doc_text, make_span, sentence_index
from .times import extract_times, infer_reference_date

if TYPE_CHECKING:
    from spacy.tokens import Doc

log = logging.getLogger(__name__)

__all__ = ["analyze_article", "analyze_story", "story_reference_date"]

# spaCy labels kept as entities, and the label each maps to.
ENTITY_LABELS: dict[str, EntityLabel] = {
    "PERSON": "PERSON",
    "ORG": "ORG",
    "GPE": "GPE",
    "LOC": "LOC",
    "NORP": "NORP",
    "FAC": "FAC",
    "EVENT": "EVENT",
}
# Prepositions after which a known place name is a place, whatever the tagger said.
PLACE_PREPOSITION = re.compile(
    r"\b(?:in|at|from|to|near|of|outside|inside|into)\s+(?:the\s+)?$", re.IGNORECASE
)
# Leading words that are not part of an entity's name ("the United States" -> "United States").
LEADING_ARTICLES = ("the ", "The ")


def story_reference_date(articles: Sequence[Article], published: dt.date | None) -> tuple[dt.date, bool]:
    """The date the story's relative dates are read against, and whether it is provisional.

    `published` (the --published flag) wins; then the latest date the articles give themselves
    (publication metadata, a "Published:" or date line at the top, a dated dateline). Without
    one the date is provisional (inferred from the dates the texts mention, else today): the
    report then gives no reference date, and relative dates are compared only with each other.
    """
    if published is not None:
        return published, False
    dates = [day for day in (article_date(article) for article in articles) if day is not None]
    if dates:
        return max(dates), False
    inferred = infer_reference_date([article.text for article in articles])
    return (inferred or dt.date.today()), True


def article_date(article: Article) -> dt.date | None:
    """The article's publication date: its metadata, else the date its top lines give it."""
    return article.published or own_date(article.text)


def analyze_story(
    articles: Sequence[Article],
    settings: AnalyzeSettings,
    *,
    published: dt.date | None = None,
    embed_claims: bool = True,
) -> Story:
    """Analyze every article of one story against one reference date.

    Analyses are kept in a small per-process cache keyed by the article, its reference date
    and the settings, so a story that gains an article (the web store, `cluster` re-runs)
    reads only the new one. With `embed_claims` off the claims are not embedded
    (`embeddings` is empty): `verify` embeds only the sentences it compares.
    """
    reference, inferred = story_reference_date(articles, published)
    keys = [
        (article, published or article_date(article) or reference, settings, embed_claims)
        for article in articles
    ]
    missing = [key for key in dict.fromkeys(keys) if key not in _CACHE]
    if missing:
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="storycheck-load") as loader:
            loading = loader.submit(embedder)  # onnxruntime loads in native code while spaCy loads
            docs = list(spacy_model().pipe([article.text for article, _, _, _ in missing]))
            loading.result()
        fresh = [
            _analyze_doc(article, doc, day, options)
            for (article, day, options, _), doc in zip(missing, docs, strict=True)
        ]
        if embed_claims:
            fresh = _with_embeddings(fresh)
        for key, item in zip(missing, fresh, strict=True):
            _remember(key, item)
    return Story(
        articles=tuple(_CACHE[key] for key in keys), reference_date=reference, reference_inferred=inferred
    )


# Analyses of recently seen articles, oldest first (a dict keeps insertion order).
CacheKey = tuple[Article, dt.date, AnalyzeSettings, bool]  # article, reference date, settings, embedded
_CACHE: dict[CacheKey, AnalyzedArticle] = {}
CACHE_ARTICLES = 256
_CACHE_LOCK = threading.Lock()


def _remember(key: CacheKey, item: AnalyzedArticle) -> None:
    with _CACHE_LOCK:
        _CACHE[key] = item
        while len(_CACHE) > CACHE_ARTICLES:
            del _CACHE[next(iter(_CACHE))]


def analyze_article(article: Article, settings: AnalyzeSettings, *, reference: dt.date) -> AnalyzedArticle:
    """Analyze one article whose relative dates are read against `reference`."""
    analyzed = _analyze_doc(article, spacy_model()(article.text), reference, settings)
    return _with_embeddings([analyzed])[0]


def _analyze_doc(
    article: Article, doc: Doc, reference: dt.date, settings: AnalyzeSettings
) -> AnalyzedArticle:
    sentences = split_sentences(doc)
    starts = [sentence.start for sentence in sentences]
    roles = tuple(extract_roles(doc, starts))
    mentions = with_role_holders(extract_mentions(doc, starts), roles)
    quantities = tuple(extract_quantities(doc, starts))
    times = tuple(extract_times(doc, reference, starts))
    quotes = tuple(extract_quotes(doc, starts))
    slots = {
        "mentions": [m.sentence for m in mentions],
        "quantities": [q.sentence for q in quantities],
        "times": [t.sentence for t in times],
        "quotes": [q.sentence for q in quotes],
        "roles": [r.sentence for r in roles],
    }
    claims = build_claims(doc, sentences, slots, settings)
    dateline = find_dateline(article.text)
    return AnalyzedArticle(
        article=article,
        reference_date=reference,
        sentences=tuple(sentences),
        mentions=tuple(mentions),
        roles=roles,
        quantities=quantities,
        times=times,
        quotes=quotes,
        claims=tuple(claims),
        embeddings=embed([]),
        dateline=(dateline.group("city") + dateline.group("region")).strip() if dateline else None,
        wire=wire_credit(article.text, article.byline),
    )


def _with_embeddings(analyzed: list[AnalyzedArticle]) -> list[AnalyzedArticle]:
    """Embed every claim of every article in one batched model call."""
    texts = [claim.span.text for item in analyzed for claim in item.claims]
    vectors = embed(texts)
    result, offset = [], 0
    for item in analyzed:
        count = len(item.claims)
        result.append(replace(item, embeddings=vectors[offset : offset + count]))
        offset += count
    return result


def split_sentences(doc: Doc) -> list[Span]:
    """spaCy's sentences, further split at line breaks (headings, bullets, paragraphs)."""
    text = doc_text(doc)
    spans: list[Span] = []
    for sent in doc_sentences(doc):
        start = sent.start_char
        for piece in re.split(r"(\n+)", text[sent.start_char : sent.end_char]):
            end = start + len(piece)
            if piece.strip() and not piece.startswith("\n"):
                spans.append(make_span(text, start, end))
            start = end
    return spans


def extract_mentions(doc: Doc, sentence_starts: Sequence[int]) -> list[Mention]:
    """Named entities of the kinds storycheck compares, with articles and possessives trimmed."""
    mentions = []
    for ent in doc_entities(doc):
        label = ENTITY_LABELS.get(ent.label_)
        if label is None:
            continue
        text = doc_text(doc)
        span = _trim_entity(text, ent.start_char, ent.end_char)
        if span.text and any(ch.isalpha() for ch in span.text):
            label = _place_label(text, span, label)
            mentions.append(
                Mention(span=span, label=label, sentence=sentence_index(sentence_starts, span.start))
            )
    return mentions


def _place_label(text: str, span: Span, label: EntityLabel) -> EntityLabel:
    """GPE for a known place the small model took for a person, group or nationality, when a
    place preposition comes before it ("sailed from Rotterdam", "residents of Zgierz")."""
    if label not in ("PERSON", "ORG", "NORP") or gazetteer.is_demonym(span.text):
        return label
    if PLACE_PREPOSITION.search(text[max(0, span.start - 20) : span.start]) and gazetteer.lookup(span.text):
        return "GPE"
    return label


def with_role_holders(mentions: list[Mention], roles: Sequence[RoleMention]) -> list[Mention]:
    """Add a PERSON mention for each role holder spaCy did not tag, in text order."""
    extra = [
        Mention(span=role.person, label="PERSON", sentence=role.sentence)
        for role in roles
        if not any(_overlaps(role.person, mention.span) for mention in mentions)
    ]
    unique = {(m.span.start, m.span.end): m for m in extra}
    return sorted([*mentions, *unique.values()], key=lambda m: (m.span.start, m.span.end))


def _overlaps(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end


def _trim_entity(text: str, start: int, end: int) -> Span:
    for article in LEADING_ARTICLES:
        if text.startswith(article, start) and end - start > len(article):
            start += len(article)
    for suffix in ("’s", "'s"):
        if text.endswith(suffix, start, end):
            end -= len(suffix)
    return make_span(text, start, end)


def build_claims(
    doc: Doc, sentences: Sequence[Span], slots: dict[str, list[int]], settings: AnalyzeSettings
) -> list[Claim]:
    """One claim per sentence long enough to say something, with the slots inside it."""
    negated = _negated_sentences(doc, [s.start for s in sentences])
    claims = []
    for index, sentence in enumerate(sentences):
        if len(sentence.text.split()) < settings.min_claim_words:
            continue
        claims.append(
            Claim(
                span=sentence,
                sentence=index,
                mentions=_in_sentence(slots["mentions"], index),
                quantities=_in_sentence(slots["quantities"], index),
                times=_in_sentence(slots["times"], index),
                quotes=_in_sentence(slots["quotes"], index),
                roles=_in_sentence(slots["roles"], index),
                negated=index in negated,
            )
        )
    return claims


def _in_sentence(sentence_of: list[int], index: int) -> tuple[int, ...]:
    return tuple(i for i, sentence in enumerate(sentence_of) if sentence == index)


def _negated_sentences(doc: Doc, sentence_starts: Sequence[int]) -> set[int]:
    """Sentences whose main verb is negated ("did not", "never")."""
    return {
        sentence_index(sentence_starts, token.idx)
        for token in doc
        if token.dep_ == "neg" and token.head.dep_ == "ROOT"
    }

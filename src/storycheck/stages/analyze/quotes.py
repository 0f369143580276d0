"""Direct quotes and who said them.

Quote marks are paired within a paragraph (curly “ ”, straight " ", guillemets « »). A
paragraph that ends inside a quote and is followed by a paragraph opening with a quote
mark continues the same quotation (news style for long quotes): each paragraph's part
becomes its own Quote, and all parts of one quotation share one speaker.

The speaker is the subject of a speech verb ("said", "told", "warned", "according to")
in the sentences holding the quote, outside the quote marks. A pronoun subject ("he said")
resolves to the last person named earlier in the same paragraph, else to the speaker of
the previous quotation. Fragments embedded in reported speech are `partial`; one- or
two-word phrases in quote marks with no speech verb near them (scare quotes, names of
operations) are not quotes at all.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span as SpacySpan, Token

from ...model import Quote, Span
from .spans import make_span, sentence_index

# Opening quote mark -> its closing mark.
QUOTE_MARKS = {"“": "”", '"': '"', "«": "»", "„": "“"}
# Lemmas of verbs that introduce direct speech.
SPEECH_VERBS = frozenset(
    "say tell add warn note state declare announce explain insist argue ask write claim stress "
    "emphasize emphasise reply respond continue urge acknowledge admit vow pledge predict recall "
    "suggest tweet post comment remark caution conclude observe accord describe call "
    "complain deny confirm assert contend maintain reiterate repeat testify cry shout "
    "whisper quip joke boast concede".split()
)
# Quotes of at most this many words, with no speech verb near, are scare quotes or names.
MAX_SCARE_WORDS = 2
# Quotes shorter than this, embedded mid-clause, are fragments of reported speech.
MIN_FULL_QUOTE_WORDS = 6
# Pronouns whose antecedent is the last person named before the quote.
PERSONAL_PRONOUNS = frozenset({"he", "she"})
# Subject dependencies that name who speaks.
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
# Entity labels a speaker can have: a person, or an organisation that issues statements.
SPEAKER_LABELS = frozenset({"PERSON", "ORG"})
# Trailing punctuation inside the marks that belongs to the attribution, not the words.
TRAILING_PUNCTUATION = ",;:"
# Title words dropped from the front of a speaker's name ("Prime Minister A B" -> "A B").
TITLE_PREFIXES = frozenset(
    "president prime minister secretary adviser advisor spokesman spokeswoman spokesperson "
    "national security foreign defense chief general gen sen rep gov capt dr mr mrs ms leader "
    "king queen mayor governor senator ambassador director chairman press deputy vice".split()
)


@dataclass(frozen=True)
class _Segment:
    """The inside of one pair of quote marks; `group` numbers the quotation it belongs to."""

    start: int  # first character inside the opening mark
    end: int  # the closing mark, or the paragraph end when the quote runs on
    open_mark: int  # offset of the opening mark
    group: int
    paragraph: tuple[int, int] = (0, 0)  # the line the segment sits in


@dataclass(frozen=True)
class _Speaker:
    name: str
    span: Span


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-empty line of the text."""
    paragraphs = []
    start = 0
    for line in text.split("\n"):
        if line.strip():
            paragraphs.append((start, start + len(line)))
        start += len(line) + 1
    return paragraphs


def _pairs_in(text: str, start: int, end: int) -> tuple[list[tuple[int, int, int]], bool]:
    """Quote pairs (open mark, inner start, inner end) in text[start:end], and whether the
    paragraph ends inside an unclosed quote."""
    pairs = []
    i = start
    while i < end:
        close_mark = QUOTE_MARKS.get(text[i])
        if close_mark is None:
            i += 1
            continue
        close = text.find(close_mark, i + 1, end)
        if close == -1:
            pairs.append((i, i + 1, end))
            return pairs, True
        pairs.append((i, i + 1, close))
        i = close + 1
    return pairs, False


def _segments(text: str) -> list[_Segment]:
    """Every quoted stretch, grouped into quotations that may run over several paragraphs."""
    segments: list[_Segment] = []
    group = -1
    runs_on = False
    for start, end in _paragraphs(text):
        pairs, unclosed = _pairs_in(text, start, end)
        for index, (mark, inner_start, inner_end) in enumerate(pairs):
            continues = runs_on and index == 0 and not text[start:mark].strip()
            group += 0 if continues else 1
            segments.append(_Segment(inner_start, inner_end, mark, group, (start, end)))
        runs_on = unclosed
    return segments


def extract_quotes(doc: Doc, sentence_starts: Sequence[int]) -> list[Quote]:
    """Every direct quote in the document, in text order, with its speaker when one is named."""
    text = doc.text
    segments = _segments(text)
    inside = [(segment.open_mark, segment.end + 1) for segment in segments]
    speakers_by_group: dict[int, _Speaker | None] = {}
    previous: _Speaker | None = None
    previous_paragraph = (-1, -1)
    found: list[tuple[_Segment, Span, bool]] = []
    for segment in segments:
        span = _inner_span(text, segment)
        if not span.text or not any(ch.isalpha() for ch in span.text):
            continue
        verb = _speech_verb(doc, segment, inside)
        words = len(span.text.split())
        if verb is None and words <= MAX_SCARE_WORDS:
            continue
        speaker = _speaker_of(doc, verb, segment, previous) if verb is not None else None
        if speaker is None and previous_paragraph == segment.paragraph:
            speaker = previous  # a second quote in the same paragraph, same speaker
        if speaker is not None:
            speakers_by_group.setdefault(segment.group, speaker)
            previous, previous_paragraph = speaker, segment.paragraph
        found.append((segment, span, _is_partial(text, segment, span, words)))
    quotes = []
    for segment, span, partial in found:
        speaker = speakers_by_group.get(segment.group)
        quotes.append(
            Quote(
                span=span,
                speaker=speaker.name if speaker else None,
                speaker_span=speaker.span if speaker else None,
                sentence=sentence_index(sentence_starts, span.start),
                partial=partial,
            )
        )
    return quotes


def _inner_span(text: str, segment: _Segment) -> Span:
    span = make_span(text, segment.start, segment.end)
    end = span.end
    while end > span.start and text[end - 1] in TRAILING_PUNCTUATION:
        end -= 1
    return make_span(text, span.start, end)


def _sentences_of(doc: Doc, segment: _Segment) -> list[SpacySpan]:
    """spaCy sentences overlapping the quote or its attribution."""
    return [
        sent
        for sent in doc.sents
        if sent.start_char <= segment.end + 1 and sent.end_char >= segment.open_mark
    ]


def _in_paragraph(token: Token, segment: _Segment) -> bool:
    start, end = segment.paragraph
    return start <= token.idx < end


def _outside(token: Token, inside: Sequence[tuple[int, int]]) -> bool:
    return not any(start <= token.idx < end for start, end in inside)


def _speech_verb(doc: Doc, segment: _Segment, inside: Sequence[tuple[int, int]]) -> Token | None:
    """The speech verb nearest the quote in its sentences, outside every pair of marks."""
    candidates = [
        token
        for sent in _sentences_of(doc, segment)
        for token in sent
        if token.lemma_.lower() in SPEECH_VERBS
        and token.pos_ in {"VERB", "AUX"}
        and token.dep_ != "amod"  # "so-called"
        and _in_paragraph(token, segment)
        and _outside(token, inside)
    ]
    if not candidates:
        return None
    return min(candidates, key=lambda token: _distance(token.idx, segment))


def _distance(offset: int, segment: _Segment) -> int:
    if offset < segment.open_mark:
        return segment.open_mark - offset
    return max(0, offset - segment.end)


def _speaker_of(doc: Doc, verb: Token, segment: _Segment, previous: _Speaker | None) -> _Speaker | None:
    """Who the speech verb attributes the quote to."""
    subject = next((child for child in verb.children if child.dep_ in SUBJECT_DEPS), None)
    if subject is None and verb.dep_ == "conj":  # "she called it X and said ..."
        subject = next((child for child in verb.head.children if child.dep_ in SUBJECT_DEPS), None)
    if verb.lemma_.lower() == "accord":  # "according to X"
        subject = next((t for t in verb.subtree if t.dep_ == "pobj"), None)
    if subject is None:
        return None
    if subject.lower_ in PERSONAL_PRONOUNS:
        return _last_person_before(doc, subject.idx, segment) or previous
    return _named(doc, subject)


def _named(doc: Doc, subject: Token) -> _Speaker | None:
    """The named person or organisation at `subject`, title words dropped."""
    entity = next(
        (ent for ent in doc.ents if ent.start <= subject.i < ent.end and ent.label_ in SPEAKER_LABELS), None
    )
    chain = _name_chain(subject)
    if entity is not None and len(entity) >= len(chain):
        tokens = list(entity)
    elif chain:
        tokens = chain
    else:
        appos = next((c for c in subject.children if c.dep_ == "appos" and c.pos_ == "PROPN"), None)
        if appos is not None:
            return _named(doc, appos)
        if subject.pos_ != "NOUN":
            return None
        # An unnamed source: "the port authority", "officials".
        tokens = [t for t in subject.lefts if t.dep_ == "compound" and t.i == subject.i - 1] + [subject]
    while len(tokens) > 1 and tokens[0].lower_.rstrip(".") in TITLE_PREFIXES:
        tokens = tokens[1:]
    if not tokens:
        return None
    span = make_span(doc.text, tokens[0].idx, tokens[-1].idx + len(tokens[-1].text))
    for suffix in ("’s", "'s"):
        if span.text.endswith(suffix):
            span = make_span(doc.text, span.start, span.end - len(suffix))
    return _Speaker(name=span.text, span=span)


def _name_chain(subject: Token) -> list[Token]:
    """The proper-noun words ending at `subject` ("Mayor Ana Costa")."""
    if subject.pos_ != "PROPN":
        return []
    tokens = [subject]
    for token in reversed(list(subject.doc[subject.left_edge.i : subject.i])):
        if token.pos_ != "PROPN" or token.dep_ not in {"compound", "flat", "nmod"}:
            break
        tokens.insert(0, token)
    return tokens


def _last_person_before(doc: Doc, offset: int, segment: _Segment) -> _Speaker | None:
    """The last PERSON named before `offset` and not inside the quote itself."""
    people = [
        ent
        for ent in doc.ents
        if ent.label_ == "PERSON"
        and ent.end_char <= offset
        and not (segment.open_mark <= ent.start_char <= segment.end)
    ]
    if not people:
        return None
    last = people[-1]
    return _named(doc, last.root)


def _is_partial(text: str, segment: _Segment, span: Span, words: int) -> bool:
    """A fragment woven into reported speech rather than a full quoted statement."""
    if span.text[:1].islower():
        return True
    line_start = text.rfind("\n", 0, segment.open_mark) + 1
    before = text[line_start : segment.open_mark].rstrip()
    if not before or before.endswith((":", ",", ".")):
        return False
    return words < MIN_FULL_QUOTE_WORDS

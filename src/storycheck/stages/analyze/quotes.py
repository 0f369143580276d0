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

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from ...model import Quote, Span
from .spans import doc_sentences, doc_text, make_span, sentence_index
from .speakers import (
    SUBJECT_DEPS,
    TITLE_PREFIXES,
    _gender_fits,
    _last_named_subject,
    _last_organisation_before,
    _last_person_before,
    _named,
    _paragraphs,
    _Speaker,
)

# Opening quote mark -> its closing mark.
QUOTE_MARKS = {"“": "”", '"': '"', "«": "»", "„": "“"}
# Lemmas of verbs that introduce direct speech.
SPEECH_VERBS = frozenset(
    "say tell add warn note state declare announce explain insist argue ask write claim stress "
    "emphasize emphasise reply respond continue urge acknowledge admit vow pledge predict recall "
    "suggest tweet post comment remark caution conclude observe accord describe call "
    "complain deny confirm assert contend maintain reiterate repeat testify cry shout "
    "whisper quip joke boast concede mention highlight indicate express".split()
)
# Quotes of at most this many words, with no speech verb near, are scare quotes or names.
MAX_SCARE_WORDS = 2
# Words right before quote marks that make the quoted words a name, not speech.
NAMING_WORDS = frozenset({"so-called", "named", "dubbed", "codenamed", "code-named", "nicknamed", "titled"})
# Longest quoted name after a naming word ("Operation Silver Harbor").
MAX_NAME_WORDS = 5
# Quotes shorter than this, embedded mid-clause, are fragments of reported speech.
MIN_FULL_QUOTE_WORDS = 6
# Pronouns whose antecedent is the last person named before the quote.
PERSONAL_PRONOUNS = frozenset({"he", "she"})
# Pronouns whose antecedent is the last organisation named before the quote ("it added").
THING_PRONOUNS = frozenset({"it"})
# Nouns that stand for an organisation named before ("the company said").
ORGANISATION_NOUNS = frozenset(
    "company firm agency group organisation organization corporation newspaper paper network "
    "studio ministry department office statement".split()
)
# Clause links across which a speech verb shares its subject ("urged them, declaring ...").
INHERITING_DEPS = frozenset({"conj", "advcl", "xcomp", "pcomp"})
# How far up such links a subject is looked for.
MAX_SUBJECT_HOPS = 3
# Trailing punctuation inside the marks that belongs to the attribution, not the words.
TRAILING_PUNCTUATION = ",;:"


@dataclass(frozen=True)
class _Segment:
    """The inside of one pair of quote marks; `group` numbers the quotation it belongs to."""

    start: int  # first character inside the opening mark
    end: int  # the closing mark, or the paragraph end when the quote runs on
    open_mark: int  # offset of the opening mark
    group: int
    paragraph: tuple[int, int] = (0, 0)  # the line the segment sits in


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


def _closing_tail(text: str, start: int, end: int, close_mark: str) -> int | None:
    """Where `close_mark` ends a quotation carried over from the previous line, when it comes
    before any opening mark ("...at this point.\n\nEverything is speculation," he said). A
    line that opens with a mark continues the quotation instead (handled by the caller)."""
    if text[start:end].lstrip()[:1] in QUOTE_MARKS:
        return None
    for i in range(start, end):
        if text[i] == close_mark:
            return i
        if text[i] in QUOTE_MARKS:
            return None
    return None


def _segments(text: str) -> list[_Segment]:
    """Every quoted stretch, grouped into quotations that may run over several paragraphs."""
    segments: list[_Segment] = []
    group = -1
    runs_on = False
    for start, end in _paragraphs(text):
        pairs, unclosed = _pairs_in(text, start, end)
        tail = None
        if runs_on:  # the closing mark of the quotation still open
            tail = _closing_tail(text, start, end, QUOTE_MARKS.get(text[segments[-1].open_mark], "”"))
        if tail is not None:  # the quotation ran on into this line without a new opening mark
            segments.append(_Segment(start, tail, start, group, (start, end)))
            pairs, unclosed = _pairs_in(text, tail + 1, end)
            runs_on = False
        for index, (mark, inner_start, inner_end) in enumerate(pairs):
            continues = runs_on and index == 0 and not text[start:mark].strip()
            group += 0 if continues else 1
            segments.append(_Segment(inner_start, inner_end, mark, group, (start, end)))
        runs_on = unclosed
    return segments


def extract_quotes(doc: Doc, sentence_starts: Sequence[int]) -> list[Quote]:
    """Every direct quote in the document, in text order, with its speaker when one is named."""
    text = doc_text(doc)
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
        verbs = _speech_verbs(doc, segment, inside)
        words = len(span.text.split())
        if _is_scare_quote(doc, segment, span, verbs[0] if verbs else None):
            continue
        speaker = next(
            (named for verb in verbs if (named := _speaker_of(doc, verb, segment, previous, inside))), None
        )
        if speaker is None and previous_paragraph == segment.paragraph:
            speaker = previous  # a second quote in the same paragraph, same speaker
        if speaker is None and _follows_on(text, previous_paragraph, segment):
            speaker = previous  # a quote paragraph right after an attributed quote: same speaker
        if speaker is not None:
            speakers_by_group.setdefault(segment.group, speaker)
            previous, previous_paragraph = speaker, segment.paragraph
        continues = any(other.group == segment.group for other, _span, _partial in found)
        found.append((segment, span, not continues and _is_partial(text, segment, span, words)))
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


def _follows_on(text: str, previous_paragraph: tuple[int, int], segment: _Segment) -> bool:
    """Whether the segment opens the paragraph right after the one whose quote had a speaker
    (news style: "“...,” X said." then "“...”" on the next line is X again)."""
    start, _end = segment.paragraph
    opens = not text[start : segment.open_mark].strip()
    between = text[previous_paragraph[1] : start]
    return previous_paragraph[1] >= 0 and opens and not between.strip()


def _is_scare_quote(doc: Doc, segment: _Segment, span: Span, verb: Token | None) -> bool:
    """Scare quotes and quoted names: a short phrase no speech verb governs, or a name after
    "so-called", "named", "dubbed" ("an exercise named "Silver Harbor"")."""
    words = span.text.split()
    before = doc_text(doc)[max(0, segment.open_mark - 20) : segment.open_mark].lower().split()
    if before and before[-1] in NAMING_WORDS and len(words) <= MAX_NAME_WORDS:
        capitalised = all(word[:1].isupper() or not word[:1].isalpha() for word in words)
        return before[-1] == "so-called" or capitalised
    if len(words) > MAX_SCARE_WORDS:
        return False
    return verb is None or not _governs(doc, verb, span)


def _governs(doc: Doc, verb: Token, span: Span) -> bool:
    """Whether `verb` is the head (or an ancestor) of the quoted words."""
    quoted = doc.char_span(span.start, span.end, alignment_mode="expand")
    if quoted is None:
        return False
    root = quoted.root
    return root.i == verb.i or any(ancestor.i == verb.i for ancestor in root.ancestors)


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
        for sent in doc_sentences(doc)
        if sent.start_char <= segment.end + 1 and sent.end_char >= segment.open_mark
    ]


def _in_paragraph(token: Token, segment: _Segment) -> bool:
    start, end = segment.paragraph
    return start <= token.idx < end


def _outside(token: Token, inside: Sequence[tuple[int, int]]) -> bool:
    return not any(start <= token.idx < end for start, end in inside)


def _speech_verbs(doc: Doc, segment: _Segment, inside: Sequence[tuple[int, int]]) -> list[Token]:
    """The speech verbs in the quote's sentences outside every pair of marks, nearest first."""
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
    return sorted(candidates, key=lambda token: _distance(token.idx, segment))


def _distance(offset: int, segment: _Segment) -> int:
    if offset < segment.open_mark:
        return segment.open_mark - offset
    return max(0, offset - segment.end)


def _speaker_of(
    doc: Doc, verb: Token, segment: _Segment, previous: _Speaker | None, inside: Sequence[tuple[int, int]]
) -> _Speaker | None:
    """Who the speech verb attributes the quote to."""
    if verb.lemma_.lower() == "accord":  # "according to X"
        subject = next((t for t in verb.subtree if t.dep_ == "pobj"), None)
    else:
        subject = _subject(verb, inside)
    if subject is None:
        return None
    if subject.lower_ in PERSONAL_PRONOUNS:
        pronoun = subject.lower_
        start = segment.paragraph[0]
        quote = (segment.open_mark, segment.end)
        in_paragraph = _last_person_before(doc, subject.idx, quote, start=start, pronoun=pronoun)
        earlier = _last_named_subject(doc, subject.idx, quote, segment.paragraph[0], pronoun)
        fits = previous is not None and _gender_fits(doc, previous.name.split()[-1], pronoun)
        return in_paragraph or earlier or (previous if fits else None)
    if subject.lower_ in THING_PRONOUNS or subject.lemma_.lower() in ORGANISATION_NOUNS:
        return _last_organisation_before(doc, subject.idx)  # "it added", "the company said"
    if subject.pos_ == "NOUN" and subject.lemma_.lower() in TITLE_PREFIXES:  # "the director said"
        quote = (segment.open_mark, segment.end)
        in_paragraph = _last_person_before(doc, subject.idx, quote, start=segment.paragraph[0])
        return in_paragraph or _last_named_subject(doc, subject.idx, quote, segment.paragraph[0])
    return _named(doc, subject)


def _subject(verb: Token, inside: Sequence[tuple[int, int]]) -> Token | None:
    """The subject of a speech verb outside the quote marks, inherited from the verb it hangs
    on when it has none ("she called it X and said ...", "He spoke, warning ...")."""
    token = verb
    for _step in range(MAX_SUBJECT_HOPS):
        subject = next((child for child in token.children if child.dep_ in SUBJECT_DEPS), None)
        if subject is not None:
            return subject if _outside(subject, inside) else None
        if token.dep_ not in INHERITING_DEPS or token.head.i == token.i:
            return None
        token = token.head
    return None


def _is_partial(text: str, segment: _Segment, span: Span, words: int) -> bool:
    """A fragment woven into reported speech rather than a full quoted statement."""
    if span.text[:1].islower():
        return True
    line_start = text.rfind("\n", 0, segment.open_mark) + 1
    before = text[line_start : segment.open_mark].rstrip()
    if not before or before.endswith((":", ",", ".")):
        return False
    return words < MIN_FULL_QUOTE_WORDS

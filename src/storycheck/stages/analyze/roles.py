"""People named with a role or title: "Japanese Prime Minister A B", "A B, Japan's prime minister".

Three shapes are read, on spaCy tokens, entities and dependencies:
- a title before the name, with an optional qualifier in front of it (a demonym, a place, a
  possessive or an organisation: "U.S. President A B", "Coast Guard Capt. A B") or an
  "of X" after it, and an optional comma before the name ("the foreign minister, A B,");
- an appositive after the name: "A B, the prime minister of Japan," / "A B, Japan's
  prime minister,";
- a copula or office verb: "A B became president", "A B, who took office as prime minister".

Titles come from a general vocabulary of office heads ("minister", "president", "adviser")
and the modifiers that build compound titles ("prime", "foreign", "national security").
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from ... import gazetteer
from ...model import RoleMention
from .spans import doc_entities, doc_text, make_span, sentence_index
from .titles import (
    ABBREVIATIONS,
    HYPHEN_SUFFIXES,
    MAX_ABBREVIATION_LETTERS,
    PORTFOLIOS,
    _is_head,
    _is_title_word,
    _word,
    normalize_role,
)

# Particles inside personal names ("Ursula von der Leyen", "Mohammed bin Salman").
NAME_PARTICLES = frozenset("de da di du del der van von bin ibn al el la le dos das".split())
# Name suffixes kept as part of the name.
NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
# Longest personal name read after a title, in tokens: longer runs are not one name.
MAX_NAME_TOKENS = 5
# Longest organisation qualifier read before a title ("U.S. Coast Guard", "State Department").
MAX_ORG_TOKENS = 4
# Verbs linking a person to an office: "became president", "took office as prime minister".
OFFICE_VERBS = frozenset(
    {"be", "become", "take", "serve", "swear", "elect", "appoint", "name", "nominate", "install",
     "remain", "succeed", "replace"}
)  # fmt: skip
# Entity labels that never form part of an organisation qualifier or a name.
NOT_NAME_LABELS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"})


def _title_runs(doc: Doc) -> list[tuple[int, int]]:
    """Token ranges [start, end) of title phrases: title words ending in a head word."""
    runs = []
    i = 0
    while i < len(doc):
        if not _is_title_word(doc[i]) or doc[i].text == "-":
            i += 1
            continue
        j = i
        while j < len(doc) and _is_title_word(doc[j]) and (doc[j].text != "-" or j > i):
            j += 1
        end = j
        while end > i and not _is_head(doc[end - 1]):
            end -= 1
        if end > i:
            runs.append((i, _hyphen_suffix(doc, end)))
        i = j
    return runs


def _hyphen_suffix(doc: Doc, end: int) -> int:
    """Extend a title over "-elect" / "-general" glued to it, or the dot of an abbreviation."""
    if end + 1 < len(doc) and doc[end].text == "-" and doc[end + 1].lower_ in HYPHEN_SUFFIXES:
        return end + 2
    abbreviation = _word(doc[end - 1]) in ABBREVIATIONS and len(doc[end - 1]) <= MAX_ABBREVIATION_LETTERS
    if end < len(doc) and doc[end].text == "." and not doc[end - 1].whitespace_ and abbreviation:
        return end + 1
    return end


def _of_object(doc: Doc, end: int) -> SpacySpan | None:
    """The object of an "of"/"for" right after a title ("of Japan", "of Foreign Affairs")."""
    if end >= len(doc) or doc[end].lower_ not in {"of", "for"}:
        return None
    objects = [child for child in doc[end].children if child.dep_ == "pobj"]
    if not objects:
        return None
    subtree = list(objects[0].subtree)
    start = subtree[0].i + (1 if subtree[0].lower_ in {"the", "a", "an"} else 0)
    return doc[start : subtree[-1].i + 1] if start <= subtree[-1].i else None


def _place_qualifier(text: str) -> str | None:
    """The canonical qualifier a place or demonym stands for: a country, else the place itself."""
    place = gazetteer.lookup(text)
    if place is not None:
        return place.name if place.kind in {"state", "city", "union"} else place.country
    return gazetteer.country_of(text) if gazetteer.is_demonym(text) else None


def _right_extension(doc: Doc, end: int) -> tuple[int, str | None]:
    """Where a title ends after an "of X" part, and the qualifier that part names.

    "of Japan" and "of the FBI" qualify the title; "of State", "of Foreign Affairs" and
    "of staff" belong to it.
    """
    obj = _of_object(doc, end)
    if obj is None:
        return end, None
    if _word(obj[-1]) in PORTFOLIOS:
        return obj.end, None
    qualifier = _place_qualifier(obj.text)
    if qualifier is not None:
        return obj.end, qualifier
    if any(token.ent_type_ == "ORG" for token in obj):  # the entity may open with "the"
        return obj.end, obj.text
    if len(obj) <= 3 and all(token.pos_ in {"PROPN", "NOUN", "ADJ"} for token in obj):
        return obj.end, None  # belongs to the title; caller checks it is not a person
    return end, None


def _left_qualifier(doc: Doc, start: int) -> tuple[int, str | None]:
    """Where the qualifier in front of a title starts, and what it names.

    Tried in order: a possessive ("Japan's"), a demonym or place ("North Korean", "U.S."),
    an organisation of capitalised words ("Coast Guard", "White House").
    """
    if start >= 2 and doc[start - 1].tag_ == "POS":
        owner = _name_before(doc, start - 1)
        if owner is None:  # "the company's chief executive": a common-noun owner
            noun = doc[start - 2]
            return (noun.left_edge.i, None) if noun.pos_ == "NOUN" else (start, None)
        return owner.start, _place_qualifier(owner.text) or owner.text
    for width in (3, 2, 1):
        if start - width >= 0:
            words = doc[start - width : start]
            if any(token.is_punct for token in words):
                continue  # "A B, president of ...": a qualifier never sits across a comma
            qualifier = _place_qualifier(words.text)
            if qualifier is not None and words[0].text[:1].isupper():
                return start - width, qualifier
    org = _capitalised_run_before(doc, start)
    return (org.start, org.text) if org is not None else (start, None)


def _capitalised_run_before(doc: Doc, end: int) -> SpacySpan | None:
    """Up to MAX_ORG_TOKENS capitalised proper nouns ending at `end` ("State Department")."""
    start = end
    while start > 0 and end - start < MAX_ORG_TOKENS and _org_word(doc[start - 1]):
        start -= 1
    return doc[start:end] if start < end else None


def _org_word(token: Token) -> bool:
    return (
        (token.pos_ == "PROPN" or token.ent_type_ == "ORG")
        and token.text[:1].isupper()
        and token.ent_type_ not in NOT_NAME_LABELS
        and token.ent_type_ != "PERSON"
    )


def _name_before(doc: Doc, end: int) -> SpacySpan | None:
    """The proper-noun phrase ending right before `end` (an entity when spaCy found one)."""
    token = doc[end - 1]
    if token.ent_type_ and token.ent_type_ not in NOT_NAME_LABELS:
        ents = [ent for ent in doc_entities(doc) if ent.start <= token.i < ent.end]
        return doc[_hyphenated_start(doc, ents[0].start) : end]
    start = end
    while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].text[:1].isupper():
        start -= 1
    return doc[_hyphenated_start(doc, start) : end] if start < end else None


def _hyphenated_start(doc: Doc, start: int) -> int:
    """Extend a name left over a hyphenated first part: "Ana-Maria Sousa", not "Maria Sousa"."""
    while (
        start >= 2
        and doc[start - 1].text in HYPHENS
        and not doc[start - 1].whitespace_
        and not doc[start - 2].whitespace_
        and doc[start - 2].text[:1].isupper()
    ):
        start -= 2
    return start


HYPHENS = frozenset({"-", "‐", "‑"})
# Capitalised words that follow titles without being names ("Prime Minister Office").
NOT_NAME_WORDS = frozenset(
    "office ministry department house government administration council party cabinet "
    "palace embassy state states republic kingdom court agency".split()
)
# Determiners that may open an appositive title ("A B, the prime minister of Japan,").
APPOSITIVE_DETERMINERS = frozenset({"the", "a", "an", "its", "his", "her", "their"})
# Pronouns that stand for the holder in "who took office as ...".
RELATIVE_PRONOUNS = frozenset({"who", "that", "whom"})


def _name_word(token: Token) -> bool:
    """Whether a token can be part of a personal name read after a title."""
    return (
        token.text[:1].isupper()
        and token.pos_ in {"PROPN", "NOUN", "ADJ"}
        and token.ent_type_ not in NOT_NAME_LABELS
        and _word(token) not in NOT_NAME_WORDS
        and not (_is_title_word(token) and token.ent_type_ != "PERSON")
    )


def _name_after(doc: Doc, start: int) -> SpacySpan | None:
    """The personal name starting at `start`: capitalised words, particles, hyphen joins, suffixes."""
    end = start
    while end < len(doc) and end - start < MAX_NAME_TOKENS:
        token = doc[end]
        if _name_word(token) or (_word(token) in NAME_SUFFIXES and end > start):
            end += 1
        elif _joins_name(doc, end, start):
            end += 2
        else:
            break
    if end == start or not any(
        doc[i].pos_ == "PROPN" or doc[i].ent_type_ == "PERSON" for i in range(start, end)
    ):
        return None
    return doc[start:end]


def _joins_name(doc: Doc, i: int, start: int) -> bool:
    """A particle or hyphen inside a name ("von der", "Suk-yeol"), followed by a name word."""
    if i == start or i + 1 >= len(doc):
        return False
    token = doc[i]
    glued = token.text == "-" and not doc[i - 1].whitespace_
    return (glued or token.lower_ in NAME_PARTICLES) and doc[i + 1].text[:1].isalpha()


def _person_of(token: Token) -> SpacySpan | None:
    """The name a subject token belongs to: its PERSON entity, else it with its compounds."""
    if token.ent_type_ == "PERSON":
        ent = next(ent for ent in doc_entities(token.doc) if ent.start <= token.i < ent.end)
        return ent
    if token.pos_ != "PROPN":
        return None
    start = min([token.i] + [c.i for c in token.children if c.dep_ == "compound" and c.i < token.i])
    return token.doc[start : token.i + 1]


def _office_holder(head: Token) -> SpacySpan | None:
    """The subject of "became <title>" / "took office as <title>" / "was elected <title>"."""
    if head.dep_ in {"attr", "oprd"}:
        verb = head.head
    elif head.dep_ == "pobj" and head.head.lower_ == "as":
        verb = head.head.head
    else:
        return None
    if verb.lemma_ not in OFFICE_VERBS:
        return None
    subjects = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}]
    if not subjects and verb.dep_ == "conj":
        subjects = [c for c in verb.head.children if c.dep_ in {"nsubj", "nsubjpass"}]
    if not subjects:
        return None
    subject = subjects[0]
    if subject.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
        subject = verb.head
    return _person_of(subject)


def _name_after_comma(doc: Doc, i: int) -> SpacySpan | None:
    """ "the foreign minister, A B," : a name set off by commas after a determined title."""
    if i >= len(doc) or doc[i].text != ",":
        return None
    start = i + 1
    while start < len(doc) and _is_title_word(doc[start]) and _is_head(doc[start]):
        start += 1  # "the head of the board, Judge A B,": the name after its own title
        if start < len(doc) and doc[start].text == ".":
            start += 1
    name = _name_after(doc, start)
    if name is None or (name.end < len(doc) and doc[name.end].text not in {",", ".", ";"}):
        return None
    return name


def _appositive_owner(doc: Doc, start: int) -> SpacySpan | None:
    """ "A B, the prime minister ..." : the name before the comma that opens the appositive."""
    if start > 0 and doc[start - 1].lower_ in APPOSITIVE_DETERMINERS:
        start -= 1
    if start < 2 or doc[start - 1].text != ",":
        return None
    name = _name_before(doc, start - 1)
    if name is None or not any(token.ent_type_ == "PERSON" or token.pos_ == "PROPN" for token in name):
        return None
    is_person = any(token.ent_type_ == "PERSON" for token in name)
    return name if is_person or gazetteer.lookup(name.text) is None else None


def _holder(doc: Doc, qualifier_start: int, title: tuple[int, int], after: int) -> SpacySpan | None:
    """The person a title phrase names, by the three shapes in the module docstring."""
    person = _name_after(doc, after)
    if person is None:
        before = doc[qualifier_start - 1] if qualifier_start > 0 else None
        determined = before is not None and (before.lower_ in APPOSITIVE_DETERMINERS or before.tag_ == "POS")
        determined = determined or qualifier_start < title[0]
        person = _name_after_comma(doc, after) if determined else None
    if person is None:
        person = _appositive_owner(doc, qualifier_start)
    if person is None:
        person = _office_holder(doc[title[1] - 1])
    return person


def _mention(doc: Doc, run: tuple[int, int], sentence_starts: Sequence[int]) -> RoleMention | None:
    """The RoleMention a title phrase makes, or None when it names nobody."""
    start, end = run
    after, right_qualifier = _right_extension(doc, end)
    title_end = after if right_qualifier is None else end
    qualifier_start, left_qualifier = _left_qualifier(doc, start)
    person = _holder(doc, qualifier_start, (start, title_end), after)
    if person is None or person.start < after <= person.end - 1:
        return None
    role = normalize_role(doc[start:title_end].text)
    if not role:
        return None
    text = doc_text(doc)
    person_span = make_span(text, person.start_char, person.end_char)
    role_span = make_span(text, doc[qualifier_start].idx, doc[after - 1].idx + len(doc[after - 1]))
    return RoleMention(
        person=person_span,
        role=role,
        role_span=role_span,
        qualifier=left_qualifier or right_qualifier,
        sentence=sentence_index(sentence_starts, person_span.start),
    )


def extract_roles(doc: Doc, sentence_starts: Sequence[int]) -> list[RoleMention]:
    """Every person named with a role or title in an article.

    Args:
        doc: the spaCy Doc of the article text (offsets index that text).
        sentence_starts: sorted character offsets where the article's sentences start.

    Returns:
        RoleMentions in text order, one per (person, title phrase).
    """
    mentions: dict[tuple[int, int], RoleMention] = {}
    for run in _title_runs(doc):
        mention = _mention(doc, run, sentence_starts)
        if mention is not None:
            mentions.setdefault((mention.person.start, mention.role_span.start), mention)
    return sorted(mentions.values(), key=lambda mention: (mention.role_span.start, mention.person.start))

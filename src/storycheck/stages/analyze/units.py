"""What a number counts: percent, a currency, or the lemma of the counted noun.

"4,500 soldiers", "4,500 of its soldiers", "$3m", "12 per cent": read from spaCy's parse.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from .number_words import (
    CURRENCIES,
    SCALES,
    _Number,
)

# Counted nouns that are really currencies.
UNIT_ALIASES = {"dollar": "usd", "euro": "eur", "%": "percent", "pct": "percent"}


def _unit(doc: Doc, number: _Number, last_number: _Number, currency_at: int, end_token: int) -> str:
    """The counted thing: percent, a currency code, or the lemma of the counted noun."""
    if end_token > last_number.last:
        return "percent"
    if currency_at < number.first:
        return CURRENCIES[doc[currency_at].lower_]
    for token in doc[number.first : last_number.last + 1]:
        counts_noun = token.dep_ in ("nummod", "quantmod") and token.head.pos_ in ("NOUN", "PROPN")
        if counts_noun and not number.first <= token.head.i <= last_number.last:
            return _lemma(token.head)
    of_object = _of_object(doc[last_number.last])
    return of_object or _following_noun(doc, end_token + 1)


def _of_object(token: Token) -> str:
    """'4,500 of its soldiers', 'thousands of troops': the object of the following 'of'."""
    for child in token.children:
        if child.lower_ == "of" and child.dep_ == "prep":
            objects = [grand for grand in child.children if grand.dep_ == "pobj"]
            if objects:
                return _lemma(objects[0])
    return ""


def _following_noun(doc: Doc, index: int) -> str:
    """A noun right after the number, across adjectives and nationality words."""
    for token in doc[index : index + 4]:
        if token.pos_ == "NOUN" and token.lower_ not in SCALES:
            return _lemma(token)
        if token.pos_ not in ("ADJ", "PROPN"):
            return ""
    return ""


def _lemma(token: Token) -> str:
    if token.pos_ == "PRON":  # "four of them": the counted thing is named elsewhere
        return ""
    lemma = token.lemma_.lower()
    return UNIT_ALIASES.get(lemma, lemma)

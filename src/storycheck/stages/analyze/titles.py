"""Office titles: which words make one ("deputy mayor", "Prime Minister") and its normal form.

`normalize_role` reduces a title as written to the key outlets are compared on
("P.M." and "prime minister" are one office; "then", "new", "incumbent" are dropped).
"""

from __future__ import annotations

import re

from spacy.tokens import Token

# Abbreviated titles and variant spellings -> the normal form compared across articles.
ABBREVIATIONS = {
    "capt": "captain", "gen": "general", "sen": "senator", "rep": "representative",
    "gov": "governor", "pm": "prime minister", "pres": "president", "lt": "lieutenant",
    "col": "colonel", "sgt": "sergeant", "adm": "admiral", "cmdr": "commander",
    "cdr": "commander", "brig": "brigadier", "maj": "major", "cpl": "corporal",
    "supt": "superintendent", "amb": "ambassador", "sec": "secretary",
    "secy": "secretary", "dep": "deputy", "atty": "attorney", "insp": "inspector",
    "ceo": "chief executive", "cfo": "chief financial officer", "coo": "chief operating officer",
    "advisor": "adviser", "defence": "defense", "labour": "labor", "spokesman": "spokesperson",
    "spokeswoman": "spokesperson", "chairman": "chair", "chairwoman": "chair",
    "chairperson": "chair", "congressman": "representative", "congresswoman": "representative",
}  # fmt: skip


# Words that end a title: an office, rank or function a named person holds.
TITLE_HEADS = frozenset(
    "president premier chancellor minister secretary adviser advisor spokesperson spokesman "
    "spokeswoman leader king queen prince princess emperor empress monarch sultan emir sheikh "
    "pope cardinal archbishop bishop governor mayor senator sen representative rep congressman "
    "congresswoman lawmaker legislator ambassador envoy general gen admiral adm captain capt "
    "colonel col lieutenant lt sergeant sgt commander cmdr chief ceo chairman chairwoman "
    "chairperson chair director commissioner judge justice magistrate prosecutor sheriff "
    "superintendent supt inspector marshal speaker treasurer counsel attorney negotiator "
    "pm pres gov amb executive officer head founder taoiseach councillor councilor alderman "
    "dean provost rector brigadier brig master".split()
)


# Words that build compound titles in front of a head ("prime", "national security").
TITLE_MODIFIERS = frozenset(
    "prime deputy vice foreign defense defence finance interior home trade economy economic "
    "health justice education energy environment agriculture labor labour transport "
    "transportation culture industry commerce treasury state homeland security national chief "
    "executive police fire army navy naval air military top senior acting former interim "
    "outgoing incoming assistant under press attorney supreme opposition majority minority "
    "party communications intelligence cabinet lead district federal general crown "
    "presidential principal special first financial operating managing policy harbour harbor "
    "port provincial regional municipal county city".split()
)


# Portfolios named after "of"/"for" in a title ("Secretary of State", "Minister for Foreign Affairs").
PORTFOLIOS = TITLE_MODIFIERS | frozenset(
    "affairs staff war fisheries tourism housing development planning relations communications "
    "infrastructure welfare veterans sport sports women youth immigration".split()
)


# Words that may sit inside a title phrase but say nothing about the office; dropped from `role`.
DROPPED_WORDS = frozenset({"new", "then", "current", "incumbent", "sitting", "newly", "-"})


# Suffixes glued with a hyphen that change the office ("president-elect", "secretary-general").
HYPHEN_SUFFIXES = frozenset({"elect", "general", "designate"})


# Longest title abbreviation a sentence-final dot may belong to ("Capt." but not "minister.").
MAX_ABBREVIATION_LETTERS = 5
_DOTS = re.compile(r"\.")


def normalize_role(text: str) -> str:
    """The normal form of a title, as compared across articles.

    Args:
        text: a title as written ("Prime Minister", "Capt.", "national security advisor",
            "then-President", "President-elect").

    Returns:
        Lower case, abbreviations expanded, British and gendered variants unified and
        "new"/"then-" dropped: "prime minister", "captain", "national security adviser",
        "president", "president-elect".
    """
    text = _DOTS.sub("", text.lower()).replace("then-", "then ").replace("’", "'")
    text = re.sub(r"\s*-\s*(elect|general|designate)\b", r"-\1", text)
    words = [ABBREVIATIONS.get(word, word) for word in text.split() if word not in DROPPED_WORDS]
    return " ".join(words)


def _word(token: Token) -> str:
    """A token's lower-case text without dots, as title tables key it."""
    return _DOTS.sub("", token.lower_)


def _is_title_word(token: Token) -> bool:
    return _word(token) in TITLE_HEADS or _word(token) in TITLE_MODIFIERS or _word(token) in DROPPED_WORDS


def _is_head(token: Token) -> bool:
    """Whether a token can end a title (and is not just a capitalised word such as "Chief Justice")."""
    return _word(token) in TITLE_HEADS and token.pos_ in {"NOUN", "PROPN"}

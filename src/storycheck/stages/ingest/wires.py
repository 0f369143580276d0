"""Wire credits: which news agency an article credits, from its byline, dateline or tagline.

Part of provenance: a wire story is the likely original of its rewrites. Known wires are
matched by name and abbreviation ("(AP) —", "By A. Writer, Reuters", "Reporting by ...;
Editing by ..."); any other agency is recognised by a byline or a dateline credit that
names it ("By A. Writer, Baltic Wire", "TALLINN, May 3 (Baltic Wire) —"). Mentions in the
body ("told The Associated Press") are not credits.
"""

from __future__ import annotations

import re

__all__ = ["WIRES", "wire_credit", "wire_phrase"]

# Characters at each end of a text searched for a dateline or a credit tagline.
DATELINE_CHARS = 400
TAGLINE_CHARS = 600
_CREDIT_WORDS = r"writer|writers|reporter|reporters|correspondent|correspondents|journalist"
# Wire services: canonical name -> (full-name pattern, case-insensitive; abbreviation
# pattern, case-sensitive). Longer names first so "Australian Associated Press" wins.
WIRES: tuple[tuple[str, str, str], ...] = (
    ("Australian Associated Press", r"Australian Associated Press", r"AAP"),
    ("Associated Press", r"(?:The )?Associated Press", r"AP"),
    ("Reuters", r"Reuters|Thomson Reuters", r"Reuters"),
    ("AFP", r"Agence France[- ]Presse", r"AFP"),
    ("Deutsche Presse-Agentur", r"Deutsche Presse[- ]Agentur", r"dpa|DPA"),
    ("Press Association", r"Press Association|PA Media", r"PA"),
    ("Canadian Press", r"(?:The )?Canadian Press", r"CP"),
    ("United Press International", r"United Press International", r"UPI"),
    ("Press Trust of India", r"Press Trust of India", r"PTI"),
    ("Bloomberg", r"Bloomberg News", r"Bloomberg"),
    ("Xinhua", r"Xinhua(?: News Agency)?", r"Xinhua"),
    ("Yonhap", r"Yonhap(?: News Agency)?", r"Yonhap"),
    ("Kyodo", r"Kyodo(?: News)?", r"Kyodo"),
    ("ANSA", r"Agenzia Nazionale Stampa Associata", r"ANSA"),
    ("EFE", r"Agencia EFE", r"EFE"),
    ("Anadolu", r"Anadolu(?: Agency| Ajansi)?", r"AA"),
    ("TASS", r"TASS", r"TASS"),
    ("Interfax", r"Interfax", r"Interfax"),
)

# Words that name a news agency, for wires not in WIRES ("Baltic Wire", "Andean Press Agency").
_WIRE_WORDS = r"(?:Wire|Agency|Press|Newswire|News Service|Presse|Agencia|Agenzia)"
BYLINE_LINE = re.compile(r"(?im)^\s*by\s+([^\n]{3,120})$")
BYLINE_WIRE = re.compile(rf"(?:^|,|\bfor\b)\s*((?:The\s+)?(?:[A-Z][\w'’&.-]*\s+){{0,5}}{_WIRE_WORDS})\b")
DATELINE_WIRE = re.compile(r"(?m)^[A-ZÀ-Þ][^\n(]{1,80}?\(\s*([A-Z][A-Za-z&.'’ -]{1,60}?)\s*\)\s*[—–-]")
MONTH_OR_NUMBER = re.compile(
    r"[\d\s.,-]+|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?(?:\s*\d+)?"
)
# Wire abbreviations that a byline may hold for something else ("Pittsburgh, PA").
BYLINE_UNSAFE_ABBR = ("PA", "CP", "AA")
# Reuters' closing tagline: "Reporting by A in City; Editing by B".
REUTERS_TAGLINE = r"(?i:reporting by)\s[^;\n]{3,120};\s*(?i:additional reporting|editing|writing) by"


def _wire_alternation(full: str, abbr: str) -> str:
    """Regex matching a wire's full name (any case) or its abbreviation (exact case)."""
    return rf"(?:(?i:{full})|{abbr})"


def _byline_alternation(full: str, abbr: str) -> str:
    """Like `_wire_alternation`, without abbreviations that mean other things in bylines."""
    return _wire_alternation(full, abbr) if abbr not in BYLINE_UNSAFE_ABBR else rf"(?i:{full})"


def _credit_patterns(wire: str) -> tuple[str, ...]:
    """Tagline patterns that credit `wire` (an alternation from `_wire_alternation`)."""
    return (
        rf"(?i:writes?|reported|wrote)\s+(?i:for)\s+{wire}\b",
        rf"\b{wire}\s+(?i:{_CREDIT_WORDS})\b[^\n]{{0,150}}?(?i:contributed)",
        rf"\b{wire}\s+(?i:contributed to this (?:report|story))",
        rf"(?:©|\((?i:c)\)|(?i:copyright))\s*(?:\d{{4}}\s*)?{wire}\b",
    )


def _dateline_pattern(wire: str) -> str:
    """Dateline credit: "OSLO, Norway (AP) —", "LONDON (Reuters) -"."""
    return rf"\(\s*{wire}\s*\)\s*(?:[—–-]|_)"


def wire_credit(text: str, byline: str | None) -> str | None:
    """The wire service an article credits in its byline, dateline or closing tagline.

    Mentions elsewhere in the body ("told The Associated Press") are not credits.

    Args:
        text: the article body.
        byline: the byline as read, if any ("By A. Writer, Associated Press").

    Returns:
        The wire's canonical name ("Associated Press", "Reuters", "AFP", ...) or None.
    """
    head, tail = text[:DATELINE_CHARS], text[-TAGLINE_CHARS:]
    for name, full, abbr in WIRES:
        wire = _wire_alternation(full, abbr)
        if byline and re.search(rf"\b{_byline_alternation(full, abbr)}\b", byline):
            return name
        if re.search(_dateline_pattern(wire), head):
            return name
        if any(re.search(pattern, tail) for pattern in _credit_patterns(wire)):
            return name
    if re.search(REUTERS_TAGLINE, tail):
        return "Reuters"
    return _named_wire(head, byline)


def _named_wire(head: str, byline: str | None) -> str | None:
    """A wire service not in WIRES, credited by name in a byline ("By A. Writer, Baltic Wire")
    or in a dateline ("TALLINN, Estonia, May 3 (Baltic Wire) —")."""
    for text in (byline or "", *BYLINE_LINE.findall(head)):
        match = BYLINE_WIRE.search(text)
        if match:
            return match.group(1).strip()
    match = DATELINE_WIRE.search(head)
    if match and not MONTH_OR_NUMBER.fullmatch(match.group(1).strip()):
        return match.group(1).strip()
    return None


def wire_phrase(name: str) -> str:
    """ "the Associated Press", "Reuters": the wire's name as used in a sentence."""
    return f"the {name}" if name.split()[-1] in ("Press", "Association") else name

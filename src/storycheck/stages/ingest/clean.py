"""Plain text and Markdown to an article body: paragraphs, page furniture, title, byline.

Pages saved as text carry the site's furniture (breadcrumbs, share buttons, image file
names, copyright lines, tag lists) around the article. These rules are general shapes of
such lines, never words of a particular story.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

# ------------------------------------------------------------------ furniture

# "Home » Section » Headline", "Home > News > World", "Home / Politics".
BREADCRUMB_HOME = re.compile(r"^home\s*[»›>|/]", re.IGNORECASE)
# Section trails without "Home": only the guillemets, which prose does not use as separators.
BREADCRUMB_SEPARATOR = re.compile(r"\s*[»›]\s*")
# Segments of a section trail are short: a section name is a few words.
BREADCRUMB_SEGMENT_MAX_WORDS = 8
ABOUT_AUTHOR = re.compile(r"^about\s+the\s+authors?\s*:?$", re.IGNORECASE)
COPYRIGHT = re.compile(r"^(copyright\b|©|\(c\)\s*\d{4})", re.IGNORECASE)
RIGHTS_RESERVED = re.compile(r"\ball rights reserved\b", re.IGNORECASE)
# A copyright notice is one short line; a longer paragraph mentioning rights is prose.
COPYRIGHT_MAX_WORDS = 25
IMAGE_FILE = re.compile(r"^\S+\.(jpe?g|png|webp|gif|svg|avif|bmp|tiff?)(\?\S*)?$", re.IGNORECASE)
SOCIAL_NETWORKS = r"(twitter|x|facebook|instagram|linkedin|threads|bluesky|tiktok|youtube|whatsapp|telegram)"
# Calls to action that sites put between and after paragraphs.
CALL_TO_ACTION = re.compile(
    r"^(share(\s+(this|on|via)\b.*|\s*:.*)?$"
    r"|follow\s+(us|me|@)"
    rf"|follow\b.*\bon\s+{SOCIAL_NETWORKS}\W*$"
    r"|subscribe\b|sign\s+up\b|read\s+more\b|continue\s+reading\b|also\s+read\b|read\s+also\b"
    r"|see\s+also\b|click\s+here\b"
    r"|related(\s+\w+){0,2}\s*:|related(\s+(articles|stories|posts|news|coverage|content))?$"
    r"|advertisement$)",
    re.IGNORECASE,
)
# A call to action is a short line; a paragraph of prose that starts the same way is not one.
CALL_TO_ACTION_MAX_WORDS = 25

# Tag lists: "tag one/ tag two/ tag three/ Lede of the article ..." -- slashes with a space
# on at least one side (so "24/7", "and/or" and dates do not split).
TAG_SEPARATOR = re.compile(r"\s*/\s+|\s+/\s*")
# Tags are short noun phrases.
TAG_MAX_WORDS = 6
TAG_MAX_CHARS = 60
# Fewer than this many slash-separated short phrases is likely prose, not a tag list.
TAG_MIN_COUNT = 3

# ------------------------------------------------------------------ title and byline

# Headlines are short: most run 6-15 words, few over 20.
HEADLINE_MAX_WORDS = 20
HEADLINE_MAX_CHARS = 160
# Prose ends a line with these; a headline does not.
SENTENCE_END = frozenset(".,;:")
CLOSING_QUOTES = "\"'”’»)"
# A full stop after a lower-case word, then a capital: two sentences, not a headline.
INNER_SENTENCE_BREAK = re.compile(r"[a-z]{2}[.!?][\"”’]?\s+[A-Z]")
BYLINE = re.compile(r"^(?:written\s+)?by\s*:?\s+(?P<who>\S.*)$", re.IGNORECASE)
# "Jane Doe, Reuters" / "JANE DOE | AP" / "Jane Doe and John Roe - Staff Writers"
BYLINE_PARTS = re.compile(r"\s*(?:,|\||\s[-–—]\s)\s*")
# A name (or two joined by "and") has a few words; a byline with its outlet a few more.
BYLINE_NAME_MAX_WORDS = 7
BYLINE_MAX_WORDS = 14
NAME_WORD = re.compile(r"^[A-Z][\w'’.-]*$")
NAME_JOINERS = frozenset({"and", "&", "de", "van", "von", "der", "da", "di", "la", "le", "bin", "al"})
# "By Friday, ..." / "By March ..." start prose, not bylines.
NOT_NAMES = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday january february march april
    may june july august september october november december early late noon midnight""".split()
)
# Bylines sit near the top of an article.
BYLINE_SEARCH_PARAGRAPHS = 6

# ------------------------------------------------------------------ markdown

MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
MD_HEADING_CLOSE = re.compile(r"\s+#+\s*$")
MD_QUOTE = re.compile(r"^\s{0,3}>\s?")
MD_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
MD_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
MD_REF_LINK = re.compile(r"\[([^\]]+)\]\[[^\]]*\]")
MD_LINK_DEFINITION = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*\S+")
MD_AUTOLINK = re.compile(r"<(?:https?|mailto):[^>\s]+>")
MD_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
MD_EMPHASIS = re.compile(r"(?<![\w*])([*_])(?=\S)(.+?)(?<=\S)\1(?![\w*])")
MD_STRIKE_CODE = re.compile(r"~~|`")
MD_RULE = re.compile(r"^\s{0,3}([-*_=])(\s*\1){2,}\s*$")
LIST_ITEM = re.compile(r"^\s*([-*+•]|\d+[.)])\s+")

INVISIBLE = str.maketrans({"\ufeff": None, "\u200b": None, "\u00ad": None, "\u00a0": " "})
SPACES = re.compile(r"\s+")
# A publication line at the top of a saved page: "Published: March 19, 2025".
PUBLISHED_LINE = re.compile(r"(?i)(?:published|posted|updated|first published)(?:\s+on)?\s*:?\s*(.{6,60})$")
PUBLISHED_LINES = 4
_MONTHS = "Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec"
MONTH_NUMBERS = {name.lower(): number for number, name in enumerate(_MONTHS.split("|"), start=1)}


@dataclass(frozen=True)
class CleanText:
    """A cleaned body and what was lifted out of it."""

    body: str
    title: str | None
    byline: str | None
    published: dt.date | None = None


def _word_count(text: str) -> int:
    return len(text.split())


def _is_breadcrumb(text: str) -> bool:
    if BREADCRUMB_HOME.match(text):
        return True
    segments = BREADCRUMB_SEPARATOR.split(text)
    return len(segments) > 1 and all(_word_count(seg) <= BREADCRUMB_SEGMENT_MAX_WORDS for seg in segments)


def _is_copyright(text: str) -> bool:
    short = _word_count(text) <= COPYRIGHT_MAX_WORDS
    return short and (COPYRIGHT.match(text) is not None or RIGHTS_RESERVED.search(text) is not None)


def _is_call_to_action(text: str) -> bool:
    return _word_count(text) <= CALL_TO_ACTION_MAX_WORDS and CALL_TO_ACTION.match(text) is not None


FURNITURE: tuple[Callable[[str], bool], ...] = (
    _is_breadcrumb,
    lambda text: ABOUT_AUTHOR.match(text) is not None,
    _is_copyright,
    lambda text: IMAGE_FILE.match(text) is not None,
    _is_call_to_action,
)


def is_furniture(text: str) -> bool:
    """True for a paragraph that is page furniture rather than article text."""
    return any(rule(text) for rule in FURNITURE)


def _is_tag(segment: str) -> bool:
    words = _word_count(segment)
    return 0 < words <= TAG_MAX_WORDS and len(segment) <= TAG_MAX_CHARS and segment[-1] not in '.!?,;:"”'


def strip_tag_list(text: str) -> str:
    """Drop a leading list of slash-separated tags; keep the lede that may follow it.

    Returns:
        `text` unchanged when it does not start with a tag list, else what follows the
        tags ("" when the paragraph is tags only).
    """
    start = 0
    tags = 0
    for match in TAG_SEPARATOR.finditer(text):
        if not _is_tag(text[start : match.start()].strip()):
            break
        tags += 1
        start = match.end()
    rest = text[start:].strip()
    if _is_tag(rest) and start > 0:
        tags += 1
        rest = ""
    return rest if tags >= TAG_MIN_COUNT else text


# ------------------------------------------------------------------ markdown


def _strip_markdown(text: str) -> str:
    """Markdown inline and block marks removed; link and emphasis text kept."""
    if MD_LINK_DEFINITION.match(text) or MD_RULE.match(text):
        return ""
    text = MD_HEADING_CLOSE.sub("", MD_HEADING.sub("", text)) if MD_HEADING.match(text) else text
    text = MD_QUOTE.sub("", text)
    text = MD_AUTOLINK.sub("", MD_IMAGE.sub("", text))
    text = MD_REF_LINK.sub(r"\1", MD_LINK.sub(r"\1", text))
    text = MD_EMPHASIS.sub(r"\2", MD_STRONG.sub(r"\2", text))
    return MD_STRIKE_CODE.sub("", text).strip()


def _continues_markdown(previous: str, line: str) -> bool:
    """Markdown joins the lines of a block, except headings, list items and rules."""
    starts_own = MD_HEADING.match(line) or LIST_ITEM.match(line) or MD_RULE.match(line)
    return not starts_own and not MD_HEADING.match(previous) and not MD_LINK_DEFINITION.match(line)


def _continues_text(previous: str, line: str) -> bool:
    """A hard-wrapped text line: the previous line ends mid-sentence, this one in lower case."""
    ending = previous.rstrip()[-1:]
    return ending not in '.!?:;"”’)' and line[:1].islower()


# ------------------------------------------------------------------ paragraphs


def _blocks(text: str) -> tuple[list[list[str]], str]:
    """Blocks of lines and the paragraph separator the text uses ("\\n\\n" or "\\n")."""
    lines = [line.rstrip() for line in text.split("\n")]
    if not any(not line.strip() for line in _trim(lines)):
        return [[line] for line in lines if line.strip()], "\n"
    blocks: list[list[str]] = [[]]
    for line in lines:
        if line.strip():
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    return [block for block in blocks if block], "\n\n"


def _trim(lines: list[str]) -> list[str]:
    first = next((i for i, line in enumerate(lines) if line.strip()), len(lines))
    last = max((i for i, line in enumerate(lines) if line.strip()), default=-1)
    return lines[first : last + 1]


def _join_block(block: list[str], *, markdown: bool) -> list[str]:
    continues = _continues_markdown if markdown else _continues_text
    paragraphs: list[str] = []
    for line in block:
        if paragraphs and continues(paragraphs[-1], line):
            paragraphs[-1] = f"{paragraphs[-1].rstrip()} {line.strip()}"
        else:
            paragraphs.append(line)
    return paragraphs


def _normalize(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n").translate(INVISIBLE)


def _key(text: str) -> str:
    return SPACES.sub(" ", text).strip().casefold()


def _unique(paragraphs: list[str]) -> list[str]:
    """Paragraphs in order, each later exact repeat (a repeated standfirst) dropped."""
    seen: set[str] = set()
    kept: list[str] = []
    for paragraph in paragraphs:
        key = _key(paragraph)
        if key not in seen:
            seen.add(key)
            kept.append(paragraph)
    return kept


# ------------------------------------------------------------------ byline and title


def parse_byline(text: str) -> str | None:
    """ "By Jane Doe, Reuters" -> "Jane Doe, Reuters"; None when `text` is not a byline."""
    match = BYLINE.match(text.strip())
    if match is None:
        return None
    who = match.group("who").strip()
    name = BYLINE_PARTS.split(who, maxsplit=1)[0].split()
    if not name or len(name) > BYLINE_NAME_MAX_WORDS or _word_count(who) > BYLINE_MAX_WORDS:
        return None
    if name[0].lower() in NOT_NAMES or INNER_SENTENCE_BREAK.search(who) or who.endswith((".", ":")):
        return None
    if not all(NAME_WORD.match(word) or word.lower() in NAME_JOINERS for word in name):
        return None
    return who


def _lift_byline(paragraphs: list[str]) -> tuple[list[str], str | None]:
    for index, paragraph in enumerate(paragraphs[:BYLINE_SEARCH_PARAGRAPHS]):
        byline = parse_byline(paragraph)
        if byline is not None:
            return paragraphs[:index] + paragraphs[index + 1 :], byline
    return paragraphs, None


def looks_like_headline(text: str) -> bool:
    """Short, starts with a capital, no final period, not two sentences."""
    text = text.strip()
    words = _word_count(text)
    if not 2 <= words <= HEADLINE_MAX_WORDS or len(text) > HEADLINE_MAX_CHARS:
        return False
    if not (text[0].isupper() or text[0].isdigit() or text[0] in "\"'“‘"):
        return False
    if LIST_ITEM.match(text) or INNER_SENTENCE_BREAK.search(text):
        return False
    return text.rstrip(CLOSING_QUOTES)[-1:] not in SENTENCE_END


def _lift_title(paragraphs: list[str], title: str | None, *, detect: bool) -> tuple[list[str], str | None]:
    if not paragraphs:
        return paragraphs, title
    first = paragraphs[0]
    if title is not None:
        return (paragraphs[1:] if _key(first) == _key(title) else paragraphs), title
    starts_body = len(paragraphs) > 1 and _key(paragraphs[1]).startswith(_key(first))
    if detect and len(paragraphs) > 1 and looks_like_headline(first) and not starts_body:
        return paragraphs[1:], first.strip()
    return paragraphs, None


def _paragraph(text: str, *, markdown: bool) -> str:
    text = _strip_markdown(text) if markdown else text.strip()
    if not text or is_furniture(text):
        return ""
    return strip_tag_list(text)


def clean_text(
    text: str, *, markdown: bool = False, title: str | None = None, detect_title: bool = True
) -> CleanText:
    """Split `text` into paragraphs and drop page furniture; lift out the title and byline.

    Args:
        text: the article as saved (plain text or Markdown).
        markdown: strip Markdown marks, keeping link and emphasis text.
        title: the known title; a first paragraph repeating it is dropped.
        detect_title: take a headline-like first paragraph as the title when `title` is None.

    Returns:
        The body (paragraphs joined by the separator the text used), title and byline.
    """
    blocks, separator = _blocks(_normalize(text))
    raw = [line for block in blocks for line in _join_block(block, markdown=markdown)]
    paragraphs = [p for p in (_paragraph(line, markdown=markdown) for line in raw) if p]
    paragraphs, byline = _lift_byline(_unique(paragraphs))
    paragraphs, published = _lift_published(paragraphs)
    paragraphs, found_title = _lift_title(paragraphs, title, detect=detect_title)
    return CleanText(body=separator.join(paragraphs), title=found_title, byline=byline, published=published)


def parse_published(text: str) -> dt.date | None:
    """ "Published: March 19, 2025" / "Updated 19 March 2025 10:02" / "Posted: 2025-03-19" -> the date."""
    match = PUBLISHED_LINE.match(text.strip())
    if match is None:
        return None
    value = match.group(1)
    iso = re.search(r"\b(\d{4})-(\d{2})-(\d{2})\b", value)
    if iso:
        parts = (int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
    else:
        month_first = re.search(
            rf"\b({_MONTHS})[a-z]*\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b", value
        )
        day_first = re.search(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+({_MONTHS})[a-z]*\.?,?\s+(\d{{4}})\b", value)
        if month_first:
            month, day, year = month_first.groups()
        elif day_first:
            day, month, year = day_first.groups()
        else:
            return None
        parts = (int(year), MONTH_NUMBERS[month[:3].lower()], int(day))
    try:
        return dt.date(*parts)
    except ValueError:
        return None


def _lift_published(paragraphs: list[str]) -> tuple[list[str], dt.date | None]:
    """Take a "Published: <date>" line near the top out of the body, with its date."""
    for index, paragraph in enumerate(paragraphs[:PUBLISHED_LINES]):
        date = parse_published(paragraph)
        if date is not None:
            return paragraphs[:index] + paragraphs[index + 1 :], date
    return paragraphs, None

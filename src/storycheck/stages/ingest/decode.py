"""Bytes to text for ingest: binary sniffing, decoding, and a cheap English check.

Everything here is offline and pure: bytes or str in, a value out, `InputError` on a bad
input.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

import charset_normalizer

from ...errors import InputError

# The first 8 KiB show whether a file is binary; executables and images give themselves
# away in their headers, and sniffing more only costs time.
BINARY_SNIFF_BYTES = 8192
# Text files hold almost no control bytes; above this share the file is not text.
BINARY_CONTROL_SHARE = 0.1
# Control bytes that text legitimately contains: tab, newline, vertical tab, form feed,
# carriage return, escape.
TEXT_CONTROL_BYTES = frozenset(b"\t\n\x0b\x0c\r\x1b")
# charset_normalizer's mess ratio (0 = clean) above which its guess is not trusted.
MAX_CHAOS = 0.1
# charset_normalizer's language coherence below which the decoded text reads as no
# language at all (random high bytes decode "cleanly" into some CJK code page with 0.0).
MIN_COHERENCE = 0.2
# The legacy code page of most mis-saved English text; preferred among equal guesses.
PREFERRED_LEGACY = "cp1252"
# BOMs tried before anything else, longest first (UTF-32 LE starts with UTF-16 LE's BOM).
BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# The language check reads this much of the text: enough words for a stable ratio.
LANGUAGE_SAMPLE_CHARS = 20_000
WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
# Common English function words; news prose has roughly a third of its words in this set,
# other Latin-script languages well under a tenth (a few short words like "a" overlap).
ENGLISH_WORDS = frozenset(
    """the of and to a in is was for on that with as by at from it he she his her they their
    this be are were has have had not but or an which who will would said says been after
    its about more than also into over when there we i you our up out new one two all can
    could should may other some no after before while where what if them him then year
    because against under between during since just only now last told""".split()
)
# A few frequent words that only (or mostly) one language uses: cheap enough to name the
# language of a rejected text. Ordered: the first language with the most hits wins.
LANGUAGE_MARKERS: dict[str, frozenset[str]] = {
    "French": frozenset("le la les des est une dans pour qui avec sur pas que du au et ont".split()),
    "Spanish": frozenset("el los las del una por para con que es en su al se lo como".split()),
    "German": frozenset("der die das und ist nicht mit den ein eine sich auf für dem von zu".split()),
    "Italian": frozenset("il della che di non per una sono gli nel alla anche come più".split()),
    "Portuguese": frozenset("os das não uma com para que em dos ao pelo pela mais foi".split()),
    "Dutch": frozenset("het een van en niet met voor zijn op ook dat wordt door bij".split()),
}
# Non-Latin scripts name their language (or its most likely one) from the Unicode names of
# most of the letters. Kana marks Japanese even where kanji (CJK) outnumber it.
SCRIPT_LANGUAGES: tuple[tuple[str, str], ...] = (
    ("HANGUL", "Korean"),
    ("HIRAGANA", "Japanese"),
    ("KATAKANA", "Japanese"),
    ("CJK", "Chinese"),
    ("CYRILLIC", "Russian"),
    ("ARABIC", "Arabic"),
    ("HEBREW", "Hebrew"),
    ("GREEK", "Greek"),
    ("DEVANAGARI", "Hindi"),
    ("THAI", "Thai"),
)


def is_binary(data: bytes) -> bool:
    """True when `data` holds NUL bytes or mostly control bytes in its first block."""
    head = data[:BINARY_SNIFF_BYTES]
    if b"\x00" in head:
        return True
    controls = sum(1 for byte in head if byte < 0x20 and byte not in TEXT_CONTROL_BYTES)
    return bool(head) and controls / len(head) > BINARY_CONTROL_SHARE


def _bom_encoding(data: bytes) -> str | None:
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return encoding
    return None


def _guess_encoding(data: bytes) -> str | None:
    """charset_normalizer's encoding when it is confident, preferring cp1252 on ties."""
    matches = charset_normalizer.from_bytes(data)
    best = matches.best()
    if best is None or best.chaos > MAX_CHAOS or best.coherence < MIN_COHERENCE:
        return None
    for match in matches:
        if match.chaos <= best.chaos and PREFERRED_LEGACY in match.could_be_from_charset:
            return PREFERRED_LEGACY
    return str(best.encoding)


def decode_bytes(data: bytes) -> str:
    """Decode a text file: BOM, then UTF-8, then a confident charset_normalizer guess.

    Args:
        data: the file's bytes.

    Returns:
        The text, without BOM.

    Raises:
        InputError: SC102 for binary data, SC104 when no encoding fits.
    """
    bom_encoding = _bom_encoding(data)
    if bom_encoding is not None:
        try:
            return data.decode(bom_encoding)
        except UnicodeDecodeError as err:
            raise InputError("SC104") from err
    if is_binary(data):
        raise InputError("SC102")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        encoding = _guess_encoding(data)
    if encoding is None:
        raise InputError("SC104")
    return data.decode(encoding, errors="replace")


def has_control_text(text: str) -> bool:
    """True when already-decoded text is mostly control characters (binary pasted as text)."""
    head = text[:BINARY_SNIFF_BYTES]
    if "\x00" in head:
        return True
    controls = sum(1 for char in head if unicodedata.category(char) == "Cc" and char not in "\t\n\r\f\v")
    return bool(head) and controls / len(head) > BINARY_CONTROL_SHARE


def english_ratio(text: str) -> float:
    """Share of the words of `text` that are common English function words (0 when none)."""
    words = WORD.findall(text[:LANGUAGE_SAMPLE_CHARS].lower())
    if not words:
        return 0.0
    return sum(1 for word in words if word in ENGLISH_WORDS) / len(words)


def _script_language(text: str) -> str | None:
    """The language of the script most letters of `text` are in, when it is not Latin."""
    counts: dict[str, int] = {}
    letters = 0
    for char in text:
        if not char.isalpha():
            continue
        letters += 1
        name = unicodedata.name(char, "")
        language = next((lang for prefix, lang in SCRIPT_LANGUAGES if name.startswith(prefix)), None)
        if language is not None:
            counts[language] = counts.get(language, 0) + 1
    if not counts:
        return None
    if "Japanese" in counts:
        counts["Japanese"] += counts.pop("Chinese", 0)
    language, count = max(counts.items(), key=lambda item: item[1])
    return language if count * 2 > letters else None


def guess_language(text: str) -> str:
    """Name the (non-English) language of `text` cheaply: script, then marker words.

    Returns:
        A language name such as "French" or "Korean", or "unknown".
    """
    sample = text[:LANGUAGE_SAMPLE_CHARS]
    script = _script_language(sample)
    if script is not None:
        return script
    words = WORD.findall(sample.lower())
    hits = {name: sum(1 for word in words if word in markers) for name, markers in LANGUAGE_MARKERS.items()}
    name, count = max(hits.items(), key=lambda item: item[1])
    return name if count > 0 else "unknown"

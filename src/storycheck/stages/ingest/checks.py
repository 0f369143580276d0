"""What makes an input unusable, and the dates its metadata gives.

Each check raises the coded InputError that the input is skipped with: too large (SC103),
empty (SC101), too short (SC111), not English (SC105, also for text mostly in another
script), binary or control text (SC102), a path that leads nowhere (SC100, SC112).
`_parse_date` reads publication dates as feeds and exports write them.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import os
from pathlib import Path

from ...config import IngestSettings
from ...errors import InputError
from .decode import english_ratio, guess_language, has_control_text


def _check_size(text: str, settings: IngestSettings) -> None:
    size = len(text.encode("utf-8", errors="replace"))
    if size > settings.max_bytes:
        raise InputError("SC103", size=size, limit=settings.max_bytes)


def _check_body(body: str, settings: IngestSettings) -> None:
    """Raise SC101/SC111/SC105 for a body that is empty, too short or not English (a text
    written mostly in another script is not English, however few spaces it has)."""
    words = len(body.split())
    if words == 0:
        raise InputError("SC101")
    letters = [char for char in body if char.isalpha()]
    if letters and sum(char.isascii() for char in letters) < len(letters) * MIN_LATIN_SHARE:
        raise InputError("SC105", language=guess_language(body))
    if words < settings.min_words:
        raise InputError("SC111", words=words)
    if english_ratio(body) < settings.min_english_ratio:
        raise InputError("SC105", language=guess_language(body))


# Share of letters that must be ASCII for a text to be read as English at all.
MIN_LATIN_SHARE = 0.5


def _check_raw(text: str, settings: IngestSettings) -> None:
    _check_size(text, settings)
    if not text.strip():
        raise InputError("SC101")
    if has_control_text(text):
        raise InputError("SC102")


# Written dates accepted in metadata ("March 21, 2025", "Mar 21, 2025", "21 March 2025").
WRITTEN_DATES = ("%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%d %b %Y", "%B %d %Y")


def _parse_date(value: object) -> dt.date | None:
    """A date as feeds and exports write it, as a date; None when absent or not a date.

    ISO dates and datetimes ("2025-03-21", "2025-03-21T08:00:00Z"), RFC 2822 ("Fri, 21 Mar 2025
    08:00:00 GMT", as RSS writes it) and written dates ("March 21, 2025", "21 March 2025").
    """
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    try:
        return dt.date.fromisoformat(text[:10]) if len(text) <= 10 else dt.datetime.fromisoformat(text).date()
    except ValueError:
        pass
    try:
        return email.utils.parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError):
        pass
    for pattern in WRITTEN_DATES:
        try:
            return dt.datetime.strptime(text.replace(".", ""), pattern).date()
        except ValueError:
            continue
    return None


def missing(path: Path) -> InputError:
    """Why a path that does not exist cannot be read: SC112 for a link that leads nowhere (a
    loop or a dangling link), SC100 for a name that is not there at all."""
    if os.path.lexists(path):
        return InputError("SC112", reason="symbolic link loop or dangling link")
    return InputError("SC100")

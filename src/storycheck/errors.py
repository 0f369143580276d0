"""The exception tree and every user-facing message, each with a stable code.

A pasted code (`SC101`) is one grep away from here. Library code raises these; the CLI
and server translate them into one line / one JSON error shape.
"""

from __future__ import annotations

# code -> (message template, hint)
MESSAGES: dict[str, tuple[str, str]] = {
    # input: 1xx (an input is skipped, the run goes on)
    "SC100": ("no such file or directory", "check the path"),
    "SC101": ("empty file, skipped", "the file holds no text"),
    "SC102": ("binary file, skipped", "give text, HTML or JSONL"),
    "SC103": (
        "file too large ({size} bytes > {limit}), skipped",
        "split it, or raise [ingest] max_bytes (config file or STORYCHECK_INGEST__MAX_BYTES)",
    ),
    "SC104": ("cannot decode as text, skipped", "save it as UTF-8"),
    "SC105": ("not English ({language}), skipped", "storycheck reads English articles"),
    "SC106": ("no article text found, skipped", "the page has no main text"),
    "SC107": ("bad JSON on line {line}: {reason}, skipped", "one JSON object per line"),
    "SC108": ("line {line} has no 'text' string, skipped", "each JSONL object needs 'text' as a string"),
    "SC109": ("unsupported file type '{suffix}', skipped", "give .txt, .md, .html or .jsonl"),
    "SC110": ("duplicate article id '{id}', skipped", "ids come from file names or 'id'"),
    "SC111": ("text too short ({words} words), skipped", "an article needs a few sentences"),
    "SC112": ("cannot read: {reason}", "check permissions"),
    # archives and feeds read by `storycheck cluster`: 12x-13x (a record or feed is skipped)
    "SC120": ("bad WARC record at offset {offset}: {reason}, skipped", "the rest of the archive is read"),
    "SC121": ("cannot read WARC archive: {reason}, skipped", "check that it is a .warc or .warc.gz file"),
    "SC122": ("malformed feed: {reason}, skipped", "give an RSS or Atom feed"),
    "SC123": ("feed entry has no text, skipped", "the entry carries neither content nor summary"),
    "SC124": ("bad OPML: {reason}, skipped", "give an OPML list of feeds (outline xmlUrl=...)"),
    "SC125": ("cannot fetch {url}: {reason}, skipped", "check the URL, or save the feed to a file"),
    "SC130": ("checking story {story} failed: {reason}", "the story is listed unchecked; re-run to retry"),
    "SC131": (
        "cannot read cluster state {path}: {reason}",
        "give a new --output-dir, or delete state.json to start over",
    ),
    # whole run: 2xx
    "SC200": ("no usable articles", "give at least one readable English article"),
    "SC201": ("bad date '{value}'", "use YYYY-MM-DD"),
    "SC202": ("bad setting {name}={value}: {reason}", "see `storycheck check --help`"),
    "SC203": ("unknown format '{value}'", "use text, json, markdown or html"),
    # models: 3xx
    "SC300": ("cannot load model {name}: {reason}", "reinstall with `make install`"),
    # store: 4xx
    "SC400": ("database error: {reason}", "check the --db path"),
    "SC401": ("article id '{id}' is already used by a different text", "give another id or leave it out"),
    "SC402": ("request too large ({size} bytes > {limit})", "send one article of at most 2 MB per request"),
    "SC403": ("missing or wrong token", "send 'Authorization: Bearer TOKEN' or '?token=TOKEN'"),
    "SC404": ("no {what} '{id}'", "list the stories at /api/stories"),
    "SC405": ("bad request: {reason}", 'send JSON {"text": ...} or a .txt/.html file upload'),
    "SC406": (
        "database schema version {found} is newer than this storycheck knows ({known})",
        "upgrade storycheck or use another --db",
    ),
    "SC407": ("refusing to serve on {host} without a token", "pass --token or bind 127.0.0.1"),
    "SC408": ("cross-site request refused", "post from the storycheck page itself"),
    "SC409": ("report for story '{id}' failed: {reason}", "see the server log"),
    # feeds: 5xx (a feed or entry is skipped, watching goes on)
    "SC501": ("not an http(s) URL: '{url}'", "feeds are fetched over http or https only"),
    "SC502": (
        "refusing private or loopback address {address} for {url}",
        "save the page to a file and give its path (storycheck watch: --allow-private)",
    ),
    "SC503": ("cannot fetch {url}: {reason}", "check the URL; it is retried on the next poll"),
    "SC504": ("cannot parse feed {url}: {reason}", "check that the URL is an RSS or Atom feed"),
}


class StorycheckError(Exception):
    """Root of every error storycheck raises on purpose."""

    code = "SC000"

    def __init__(self, code: str, subject: str | None = None, **values: object) -> None:
        template, hint = MESSAGES[code]
        self.code = code
        self.subject = subject
        self.values = values
        self.hint = hint
        self.detail = template.format(**values)
        super().__init__(self.line())

    def line(self) -> str:
        """One line for stderr: `error SC101 a.html: empty file, skipped`."""
        where = f" {self.subject}:" if self.subject else ":"
        return f"error {self.code}{where} {self.detail}"


class InputError(StorycheckError):
    """One input cannot be used; it is skipped and the run goes on."""


class ConfigError(StorycheckError):
    """A setting, flag or date is wrong; the run stops (exit 2)."""


class ModelError(StorycheckError):
    """An NLP model could not be loaded."""


class StoreError(StorycheckError):
    """The SQLite store failed."""


class NoArticlesError(StorycheckError):
    """Nothing usable remained after every input was read."""

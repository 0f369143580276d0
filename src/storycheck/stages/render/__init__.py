"""Render stage: a StoryReport as JSON, Markdown, terminal text or one HTML page.

`render()` is the one entry point; each format lives in its own module
(`text.py`, `markdown.py`, `html.py`; `svg.py` draws the provenance graph, `common.py`
holds what they share). Pure: returns a string, writes nothing. May import `model`,
`serialize` and `errors`.
"""

from __future__ import annotations

from collections.abc import Mapping

from ...errors import ConfigError
from ...model import StoryReport
from ...serialize import report_to_json
from .html import render_html
from .markdown import render_markdown
from .text import render_text

# The formats `render` knows, as the CLI's --format names them.
FORMATS = ("json", "markdown", "text", "html")


def render(
    report: StoryReport,
    fmt: str,
    *,
    texts: Mapping[str, str] | None = None,
    width: int = 100,
    color: bool = False,
) -> str:
    """The report in one format.

    Args:
        report: the StoryReport to show.
        fmt: "json", "markdown", "text" or "html".
        texts: article id -> article text; with them every format shows each disputed
            span inside its sentence, and the HTML page shows the articles marked up.
        width: line width of the terminal view.
        color: ANSI colours in the terminal view (for a tty).

    Returns:
        The rendered document (JSON ends without a newline; the others with one).

    Raises:
        ConfigError: SC203 for an unknown format.
    """
    if fmt == "json":
        return report_to_json(report)
    if fmt == "markdown":
        return render_markdown(report, texts=texts)
    if fmt == "text":
        return render_text(report, width=width, color=color, texts=texts)
    if fmt == "html":
        return render_html(report, texts=texts)
    raise ConfigError("SC203", value=fmt)

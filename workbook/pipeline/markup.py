"""Inline markup: **bold** and *italic*; every other character is literal.

The output is ReportLab paragraph markup, so `<`, `>` and `&` are escaped first and can never
open a tag."""

from __future__ import annotations

import re
from functools import lru_cache

_BOLD = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*", re.S)
_ITALIC = re.compile(r"(?<![*\w])\*(?=[^\s*])(.+?)(?<=[^\s*])\*(?![*\w])", re.S)
_SPACE = re.compile(r"[ \t\r\f\v]*\n[ \t\r\f\v]*|[ \t]{2,}")


@lru_cache(maxsize=4096)  # a batch converts the same handout text for every client
def to_markup(text: str) -> str:
    """Plain text with **bold**/*italic* -> ReportLab paragraph markup, escaped, with single
    spaces; paragraphs (split at blank lines) stay separated by one blank line."""
    return PARAGRAPH_BREAK.join(_inline(p) for p in re.split(r"\n\s*\n", text.strip()) if p.strip())


PARAGRAPH_BREAK = "\n\n"


def escape(text: str) -> str:
    """Text as literal paragraph markup: <, > and & print as themselves."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _inline(text: str) -> str:
    out = escape(_SPACE.sub(" ", text.strip()))
    out = _BOLD.sub(r"<b>\1</b>", out)
    return _ITALIC.sub(r"<i>\1</i>", out)


def plain(markup: str) -> str:
    """Markup back to plain text, for PDF metadata and bookmarks."""
    text = re.sub(r"</?[bi]>", "", markup)
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")

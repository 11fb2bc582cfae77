"""Inline markup: **bold** and *italic*; every other character is literal. Email and web
addresses become links, so that what looks like a link is one for a screen reader or a tap.

The output is ReportLab paragraph markup, so `<`, `>` and `&` are escaped first and can never
open a tag."""

from __future__ import annotations

import re
from functools import lru_cache

_BOLD = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*", re.S)
_ITALIC = re.compile(r"(?<![*\w])\*(?=[^\s*])(.+?)(?<=[^\s*])\*(?![*\w])", re.S)
_SPACE = re.compile(r"[ \t\r\f\v]*\n[ \t\r\f\v]*|[ \t]{2,}")
# An email address, or a web address starting https:// or www., not counting the punctuation
# that ends a sentence. Escaped text holds no quote or angle bracket, so neither can end up in
# the link's attribute.
_ADDRESS = re.compile(r"(?<![\w@/.])(?:[\w.+-]+@[\w-]+(?:\.[\w-]+)+|(?:https?://|www\.)[^\s<>\"]+?)"
                      r"(?=[.,;:!?)]*(?:\s|$|<))")
_TAG = re.compile(r"</?(?:b|i|a)(?:\s[^>]*)?>")


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
    out = _ITALIC.sub(r"<i>\1</i>", out)
    return _ADDRESS.sub(_link, out) if ("@" in out or "www." in out or "://" in out) else out


def _link(match: re.Match) -> str:
    address = match.group(0)
    target = f"mailto:{address}" if "@" in address and "/" not in address else (
        address if "://" in address else f"https://{address}")
    return f'<a href="{target}">{address}</a>'


def plain(markup: str) -> str:
    """Markup back to plain text, for PDF metadata and bookmarks."""
    text = _TAG.sub("", markup)
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")

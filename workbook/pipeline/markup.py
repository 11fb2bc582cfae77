"""Inline markup: **bold** and *italic*; every other character is literal. Email and web
addresses become links, so that what looks like a link is one for a screen reader or a tap.

The output is ReportLab paragraph markup, so `<`, `>` and `&` are escaped first and can never
open a tag. Markup is its own type: the layout's one Paragraph escapes any other string it is
handed, so text that skipped this module prints as itself instead of running as markup."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import SupportsIndex

_BOLD = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*", re.S)
_ITALIC = re.compile(r"(?<![*\w])\*(?=[^\s*])(.+?)(?<=[^\s*])\*(?![*\w])", re.S)
_SPACE = re.compile(r"[ \t\r\f\v]*\n[ \t\r\f\v]*|[ \t]{2,}")
# An email address, or a web address starting https:// or www., not counting the punctuation
# that ends a sentence. Escaped text holds no quote or angle bracket, so neither can end up in
# the link's attribute.
_ADDRESS = re.compile(r"(?<![\w@/.])(?:[\w.+-]+@[\w-]+(?:\.[\w-]+)+|(?:https?://|www\.)[^\s<>\"]+?)"
                      r"(?=[.,;:!?)]*(?:\s|$|<))")
_TAG = re.compile(r"</?(?:b|i|a)(?:\s[^>]*)?>")

# The only link targets a PDF of ours may open: no javascript:, file: or launch actions.
LINK_SCHEMES = ("https:", "http:", "mailto:", "tel:")


class Markup(str):
    """Paragraph markup that is safe to hand to ReportLab: escaped text and the tags this package
    writes (<b>, <i>, and the links it makes). Made only by this module's functions."""

    __slots__ = ()

    def split(self, sep: str | None = None, maxsplit: SupportsIndex = -1) -> list[Markup]:  # type: ignore[override]
        return [Markup(part) for part in str.split(self, sep, maxsplit)]


@lru_cache(maxsize=4096)  # a batch converts the same handout text for every client
def to_markup(text: str) -> Markup:
    """Plain text with **bold**/*italic* -> ReportLab paragraph markup, escaped, with single
    spaces; paragraphs (split at blank lines) stay separated by one blank line."""
    return Markup(PARAGRAPH_BREAK.join(_inline(p) for p in re.split(r"\n\s*\n", text.strip()) if p.strip()))


PARAGRAPH_BREAK = "\n\n"


def escape(text: str) -> str:
    """Text as literal paragraph markup: <, > and & print as themselves."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def as_markup(text: str) -> Markup:
    """Markup as it is; any other text escaped, so that it prints as itself."""
    return text if isinstance(text, Markup) else Markup(escape(text))


def markup(template: str, *parts: str) -> Markup:
    """Markup written in this package's code (`template`, with `{}` for each part), with each
    part escaped unless it is already Markup."""
    return Markup(template.format(*(as_markup(p) for p in parts)))


def link_target(url: str) -> Markup:
    """A link's address as an attribute value of paragraph markup; ValueError unless it is an
    https:, http:, mailto: or tel: address."""
    if not url.lower().startswith(LINK_SCHEMES) or any(c.isspace() or ord(c) < 32 for c in url):
        raise ValueError(f"links may only be {', '.join(LINK_SCHEMES)} addresses without spaces")
    return Markup(escape(url).replace('"', "&quot;"))


def _inline(text: str) -> str:
    out = _BOLD.sub(r"<b>\1</b>", escape(_SPACE.sub(" ", text.strip())))
    nested = _ITALIC.sub(r"<i>\1</i>", out)
    if not _well_nested(nested):
        # An italic span crossing a bold one (`**a *b** c*`) would give <b>a <i>b</b> c</i>, which
        # ReportLab refuses: then italic is looked for inside and outside each bold span apart.
        parts = out.split("<b>")
        nested = "<b>".join(_ITALIC.sub(r"<i>\1</i>", p) if "</b>" not in p else
                            "</b>".join(_ITALIC.sub(r"<i>\1</i>", q) for q in p.split("</b>")) for p in parts)
    return _ADDRESS.sub(_link, nested) if ("@" in nested or "www." in nested or "://" in nested) else nested


def _link(match: re.Match) -> str:
    """An address in escaped text, made a link (it holds no tag: the pattern stops at '<')."""
    address = match.group(0)
    url = address.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    target = f"mailto:{url}" if "@" in url and "/" not in url else url if "://" in url else f"https://{url}"
    return f'<a href="{link_target(target)}">{address}</a>'


def _well_nested(markup: str) -> bool:
    open_tags: list[str] = []
    for closing, tag in re.findall(r"<(/?)([bi])>", markup):
        if not closing:
            open_tags.append(tag)
        elif not open_tags or open_tags.pop() != tag:
            return False
    return not open_tags


def plain(markup: str) -> str:
    """Markup back to plain text, for PDF metadata and bookmarks."""
    text = _TAG.sub("", markup)
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")

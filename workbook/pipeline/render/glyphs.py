"""Characters the chosen font cannot draw: found after resolve, reported as warnings.

A missing glyph prints as an empty box, which a reader may not notice until the page is in
someone's hands; it is not an error, because the rest of the page is still right."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

from workbook.pipeline.markup import plain
from workbook.pipeline.render.fonts import FontFamily
from workbook.pipeline.resolve import Resolved


def missing_glyphs(resolved: Resolved, family: FontFamily) -> list[str]:
    """One warning per document and character, in order of first use."""
    warnings = []
    parts: dict[str, list[Any]] = {"cover": [resolved.cover], "strings": [resolved.words]}
    for doc in resolved.documents.values():
        parts[doc.id] = [doc.title, doc.summary, doc.safety, *doc.blocks, *(k.reference for k in doc.links.values())]
    for where, texts in parts.items():
        seen: dict[str, None] = {}
        for text in _strings(texts):
            for char in plain(text):
                if char not in seen and not char.isspace() and not family.has_glyph(char):
                    seen[char] = None
        warnings += [f"warning: {where}: the font {family.regular} has no glyph for '{c}' (U+{ord(c):04X}); "
                     "it will print as an empty box" for c in seen]
    return warnings


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _strings(getattr(value, name))
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _strings(item)

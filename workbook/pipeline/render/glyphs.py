"""Characters the chosen font cannot draw: found after resolve, reported as warnings.

A missing glyph prints as an empty box, which a reader may not notice until the page is in
someone's hands; it is not an error, because the rest of the page is still right."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from pydantic import BaseModel

from workbook.pipeline.markup import plain
from workbook.pipeline.render.fonts import FontFamily
from workbook.pipeline.resolve import Resolved


def missing_glyphs(resolved: Resolved, family: FontFamily, parts: Iterable[str]) -> dict[str, list[str]]:
    """For each part ('cover', or a document id): one warning per character the font lacks, in
    order of first use."""
    warnings = {}
    for where in parts:
        if where == "cover":
            texts: list[Any] = [resolved.cover]
        else:
            doc = resolved.documents[where]
            texts = [doc.title, doc.summary, doc.safety, *doc.blocks, *(k.reference for k in doc.links.values())]
        seen: dict[str, None] = {}
        for text in _strings(texts):
            for char in plain(text):
                if char not in seen and not char.isspace() and not family.has_glyph(char):
                    seen[char] = None
        warnings[where] = [f"warning: {where}: the font {family.regular} has no glyph for '{c}' (U+{ord(c):04X}); "
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

"""Characters the chosen font cannot draw: found after resolve, reported as located warnings.

A missing glyph prints as an empty box, which a reader may not notice until the page is in
someone's hands; it is not an error, because the rest of the page is still right."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from workbook.errors import Location, Notice
from workbook.model.base import Model
from workbook.model.project import Project
from workbook.pipeline.markup import plain
from workbook.pipeline.render.fonts import FontFamily
from workbook.pipeline.resolve import Resolved


def missing_glyphs(project: Project, resolved: Resolved, family: FontFamily) -> list[Notice]:
    """One warning per character and place it was written (the first use in each document),
    naming the documents that print it, in order of first use."""
    parts: dict[str, list[tuple[str, Location]]] = {
        "the cover": list(_strings(resolved.cover, resolved.cover.where())),
        "the frame's words": list(_strings(resolved.words, resolved.words.where())),
    }
    for doc in resolved.documents.values():
        source = project.documents[doc.id]
        texts = [(doc.title, source.where("title")), (doc.summary, source.where("summary"))]
        for piece in (doc.safety, *doc.blocks, *doc.closing, *(k.reference for k in doc.links.values())):
            texts += _strings(piece, piece.where())
        parts[doc.id] = texts
    found: dict[tuple[Location, str], list[str]] = {}
    for part, texts in parts.items():
        seen: set[str] = set()
        for text, where in texts:
            for char in plain(text):
                if char not in seen and not char.isspace() and not family.has_glyph(char):
                    seen.add(char)
                    found.setdefault((where, char), []).append(part)
    return [Notice(where, f"the font {family.regular} has no glyph for '{c}' (U+{ord(c):04X}), used in "
                          f"{', '.join(used)}; it will print as an empty box")
            for (where, c), used in found.items()]


def _strings(value: Any, where: Location) -> Iterator[tuple[str, Location]]:
    """Every string in a resolved value, with where it was written."""
    if isinstance(value, str):
        yield value, where
    elif isinstance(value, Model):
        for name in type(value).model_fields:
            field = getattr(value, name)
            if isinstance(field, (list, tuple)):
                for i, item in enumerate(field):
                    yield from _strings(item, value.where(name, i))
            else:
                yield from _strings(field, value.where(name))

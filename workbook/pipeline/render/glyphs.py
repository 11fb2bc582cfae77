"""Characters no embedded font can draw: found after resolve, reported as located warnings.

Text is drawn in the body font and, for what it lacks, in the fallback font (fonts.py); form
values in the form font, which has the same characters. A character neither has (Chinese,
Japanese or Korean, emoji) prints as an empty box, which a reader may not notice until the page
is in someone's hands; it is not an error, because the rest of the page is still right. A
character of the client's name is never quoted: the warning says what kind it is."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from typing import Any

from workbook.errors import Location, Notice
from workbook.model.base import Model
from workbook.model.project import Project
from workbook.pipeline.markup import plain
from workbook.pipeline.render.fonts import FALLBACK, FontFamily
from workbook.pipeline.resolve import Resolved


def missing_glyphs(project: Project, resolved: Resolved, family: FontFamily, client: str = "") -> list[Notice]:
    """One warning per character and place it was written (the first use in each document),
    naming the documents that print it, in order of first use; the characters of `client`
    (the client's name) that cannot print, one warning per place, without them."""
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
    printable: dict[str, bool] = {}  # each character asked about once, not once per use
    for part, texts in parts.items():
        seen: set[str] = set()
        for text, where in texts:
            for char in plain(text):
                if char in seen or char.isspace():
                    continue
                if char not in printable:
                    printable[char] = family.can_print(char)
                if not printable[char]:
                    seen.add(char)
                    key = (where, "" if char in client else char)
                    if part not in found.setdefault(key, []):
                        found[key].append(part)
    fonts = f"{family.regular} nor {FALLBACK[0]}"
    unprintable = [c for c in dict.fromkeys(client) if not c.isspace() and not family.can_print(c)]
    return [Notice(where, f"neither {fonts} has a glyph for '{c}' (U+{ord(c):04X}), used in {', '.join(used)}; "
                          "it will print as an empty box") if c else
            Notice(where, name_warning(unprintable, ", ".join(used)))
            for (where, c), used in found.items()]


def name_warning(chars: list[str], used_in: str) -> str:
    """What to say about characters of a client's name no font can draw, without quoting them."""
    kinds = sorted({"symbols or emoji" if unicodedata.category(c).startswith("S") else
                    unicodedata.name(c, "unnamed").split()[0].title().replace("Cjk", "Chinese, Japanese or Korean")
                    for c in chars})
    one = len(chars) == 1
    return (f"the client's name, used in {used_in}, has {len(chars)} character{'' if one else 's'} no embedded font "
            f"can draw ({', '.join(kinds)}); {'it' if one else 'they'} will print as {'an empty box' if one else 'empty boxes'}")


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

"""TrueType fonts, registered once per process and embedded (subset) in every PDF."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from workbook.pipeline.sources import FONTS_DIR


@dataclass(frozen=True)
class FontFamily:
    """ReportLab names of a registered family's faces."""

    regular: str
    bold: str
    italic: str
    bold_italic: str

    def has_glyph(self, char: str) -> bool:
        return ord(char) in pdfmetrics.getFont(self.regular).face.charToGlyph


BUILTIN_FILES = (
    FONTS_DIR / "Lato-Regular.ttf",
    FONTS_DIR / "Lato-Bold.ttf",
    FONTS_DIR / "Lato-Italic.ttf",
    FONTS_DIR / "Lato-BoldItalic.ttf",
)


@cache
def register(regular: Path, bold: Path, italic: Path, bold_italic: Path | None = None) -> FontFamily:
    """Register a family (once per process) so paragraphs can use <b> and <i>."""
    stem = regular.stem.split("-")[0] or "Body"
    names = FontFamily(f"{stem}", f"{stem}-Bold", f"{stem}-Italic", f"{stem}-BoldItalic")
    files = (regular, bold, italic, bold_italic or bold)
    for name, path in zip((names.regular, names.bold, names.italic, names.bold_italic), files):
        pdfmetrics.registerFont(TTFont(name, str(path)))
    addMapping(names.regular, 0, 0, names.regular)
    addMapping(names.regular, 1, 0, names.bold)
    addMapping(names.regular, 0, 1, names.italic)
    addMapping(names.regular, 1, 1, names.bold_italic)
    return names


def builtin() -> FontFamily:
    return register(*BUILTIN_FILES)

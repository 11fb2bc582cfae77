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


def register(regular: Path, bold: Path, italic: Path, bold_italic: Path | None = None) -> FontFamily:
    """Register a family so paragraphs can use <b> and <i>: once per process, and again when a
    file has changed since (a watching build picks up a practice font saved again)."""
    files = (regular, bold, italic, bold_italic or bold)
    return _register(files, tuple((p.stat().st_mtime_ns, p.stat().st_size) for p in files))


@cache
def _register(files: tuple[Path, Path, Path, Path], stamps: tuple) -> FontFamily:
    stem = files[0].stem.split("-")[0] or "Body"
    names = FontFamily(f"{stem}", f"{stem}-Bold", f"{stem}-Italic", f"{stem}-BoldItalic")
    for name, path in zip((names.regular, names.bold, names.italic, names.bold_italic), files):
        pdfmetrics.registerFont(TTFont(name, str(path)))
    addMapping(names.regular, 0, 0, names.regular)
    addMapping(names.regular, 1, 0, names.bold)
    addMapping(names.regular, 0, 1, names.italic)
    addMapping(names.regular, 1, 1, names.bold_italic)
    return names


def builtin() -> FontFamily:
    return register(*BUILTIN_FILES)

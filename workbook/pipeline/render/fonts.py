"""TrueType fonts, registered once per process and embedded (subset) in every PDF; and the
fallback for characters the body font lacks.

Text is drawn in the body font (Lato, or the practice's), and each run of characters it has no
glyph for in KapFormSans (Lato's shapes with Noto Sans for Vietnamese, Greek, Cyrillic and more
Latin letters), bold where the text is bold. So a client named Nguyễn, Σοφία or Иванова is
printed from embedded fonts on the cover and in every paragraph and label."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from reportlab.lib.fonts import addMapping, ps2tt
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
        return ord(char) in _chars(self.regular)

    def can_print(self, char: str) -> bool:
        """Drawn from an embedded font: the body font's, or the fallback's."""
        if self.has_glyph(char):
            return True
        _register_fallback()  # parsed only for content that needs it: a font costs ~18 ms
        return ord(char) in _chars(FALLBACK[0])


def share_codes(canv, family: FontFamily, characters: str) -> None:
    """Before anything is drawn: give `characters` the same codes, in each face, in every PDF
    this is called for. ReportLab numbers a subset's glyphs in the order a PDF first uses them;
    so the documents' PDFs of a build embed byte-identical subsets, and the workbook composed
    from them (compose.py) keeps one copy of each instead of one per document."""
    codes = "".join(sorted({*characters, *LAYOUT_CHARACTERS}))
    for face in dict.fromkeys((family.regular, family.bold, family.italic, family.bold_italic)):
        pdfmetrics.getFont(face).splitString(codes, canv._doc)


LAYOUT_CHARACTERS = "•·–"  # printed by the layout itself: list bullets, separators, empty cells


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


FALLBACK = ("KapFormSans", "KapFormSans-Bold")  # regular, bold


@cache
def _register_fallback() -> None:
    for name in FALLBACK:
        pdfmetrics.registerFont(TTFont(name, str(FONTS_DIR / f"{name}.ttf")))
    for bold in (0, 1):
        for italic in (0, 1):  # no italic: upright is closer than an empty box
            addMapping(FALLBACK[0], bold, italic, FALLBACK[bold])


@cache
def _chars(font: str) -> frozenset[int]:
    """The characters a registered TrueType font has glyphs for (glyph 0 is the missing glyph)."""
    face = pdfmetrics.getFont(font).face
    return frozenset(c for c, g in getattr(face, "charToGlyph", {}).items() if g)


def personal_face(face: str) -> str:
    """The personal twin of a registered face, for a client's own strings (name, clinician,
    date) on a cover: the same file under another PDF name, its subset numbered in order of
    use, so that what a packet embeds of it holds that client's characters only and the
    document's own fonts never depend on who the packet is for (pipeline/personalise.py)."""
    source = pdfmetrics.getFont(face)
    return _personal(face, id(source))


@cache
def _personal(face: str, _source: int) -> str:
    source = pdfmetrics.getFont(face)
    name = f"{face}{PERSONAL}"
    font = TTFont(name, source.face.filename, asciiReadable=False)
    font.face.name = source.face.name + PERSONAL.encode()
    pdfmetrics.registerFont(font)
    for bold in (0, 1):
        for italic in (0, 1):  # a personal run keeps its face inside <b> or <i>
            addMapping(name, bold, italic, name)
    _ORIGINAL[name] = face
    return name


PERSONAL = "-Personal"
_ORIGINAL: dict[str, str] = {}  # personal face -> the face it twins


def fallback_runs(text: str, font: str) -> list[tuple[str, str]]:
    """text as (run, font) pieces: the body font where it has the glyphs, else the fallback
    (for a personal face, the fallback's personal twin)."""
    if text.isascii():
        return [(text, font)]
    base = _ORIGINAL.get(font, font)
    have = _chars(base)
    if all(ord(c) in have for c in text):
        return [(text, font)]
    _register_fallback()
    try:
        bold = ps2tt(base)[1]
    except ValueError:
        bold = 0
    fallback = personal_face(FALLBACK[bold]) if base != font else FALLBACK[bold]
    runs: list[tuple[str, str]] = []
    for char in text:
        face = font if ord(char) in have else fallback
        if runs and runs[-1][1] == face:
            runs[-1] = (runs[-1][0] + char, face)
        else:
            runs.append((char, face))
    return runs


def string_width(text: str, font: str, size: float) -> float:
    return sum(pdfmetrics.stringWidth(run, face, size) for run, face in fallback_runs(text, font))


def draw_string(canv, x: float, y: float, text: str, anchor: str = "left") -> None:
    """canv.drawString in the canvas's current font, with the fallback for what it lacks;
    anchor left, centre or right of x."""
    font, size = canv._fontname, canv._fontsize
    runs = fallback_runs(text, font)
    x -= {"left": 0, "centre": 0.5, "right": 1}[anchor] * string_width(text, font, size)
    if len(runs) == 1:
        canv.drawString(x, y, text)
        return
    for run, face in runs:
        canv.setFont(face, size)
        canv.drawString(x, y, run)
        x += pdfmetrics.stringWidth(run, face, size)
    canv.setFont(font, size)

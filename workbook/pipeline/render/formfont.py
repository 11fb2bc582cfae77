"""The form font (KapFormSans) as a PDF font that every viewer can write a client's words with.

It is written as a Type0 font, Identity-H, whose character codes are the Unicode code points
(CID = Unicode, and in this font also the glyph id), with an explicit CIDToGIDMap stream, a
ToUnicode map of every character and the whole TrueType file embedded, never subset. Each choice
comes from filling and viewing in PDFium, pdf.js, poppler and pypdf:
- poppler writes a typed character's code point as its 2-byte code, and judges whether the font
  has a character through the CIDToGIDMap stream (without one it embeds a whole system font);
- pdf.js and PDFium find a character's code through the ToUnicode map, so it must list every
  character, not just those we happened to draw;
- pypdf writes glyph ids, which in this font are the code points too;
- an 8-bit font cannot hold Latin-1, Latin Extended-A and the curly quotes together.

The font is read once per process and its streams compressed once; each PDF gets its own
objects (`reference`)."""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from functools import cache, cached_property

from reportlab.pdfbase.pdfdoc import PDFArray, PDFDictionary, PDFName, PDFStream, PDFString
from reportlab.pdfbase.ttfonts import TTFontFile

from workbook.pipeline.sources import FONTS_DIR

FORM_FONT_FILE = FONTS_DIR / "KapFormSans.ttf"

# The font's key in /AcroForm /DR and in every field's /DA. PDFium (cpdf_bafontmap.cpp) uses a
# field's own font for a character only when its guess of the character's "charset" matches the
# font's, and gives an embedded font the charset ANSI unless its resource name is Wingdings,
# Wingdings2, Wingdings3 or Webdings (then Symbol, which it tries for every character). Under any
# other name, PDFium draws curly quotes, dashes and Greek from system fonts it does not embed, and
# drops ễ and Ș. pdf.js and poppler look the font up by this key and treat it like any other
# name. tests/e2e/test_readers.py catches a PDFium that stops doing this.
RESOURCE = "Wingdings"


@dataclass(frozen=True)
class FormFont:
    """The font file's metrics and, once compressed, the streams every PDF embeds."""

    ttf: TTFontFile
    data: bytes

    @cached_property
    def chars(self) -> frozenset[int]:
        # ReportLab lists the cmap's end marker U+FFFF as glyph 0: not a character of the font.
        return frozenset(c for c, g in self.ttf.charToGlyph.items() if g and c <= 0xFFFF)

    def has(self, char: str) -> bool:
        return ord(char) in self.chars

    def width(self, text: str, size: float) -> float:
        widths, default = self.ttf.charWidths, self.ttf.defaultWidth
        return sum(widths.get(ord(c), default) for c in text) * size / 1000

    def hex(self, text: str) -> str:
        """text as 2-byte codes (the code points) for a Tj; a character the font lacks is 0."""
        return "<" + "".join(f"{ord(c) if ord(c) in self.chars else 0:04X}" for c in text) + ">"

    @property
    def ascent(self) -> float:
        return self.ttf.ascent / 1000

    @property
    def descent(self) -> float:
        return self.ttf.descent / 1000

    # -- the PDF objects, made once per process --------------------------------------------
    @cached_property
    def _file(self) -> bytes:
        return zlib.compress(self.data, 9)

    @cached_property
    def _widths(self) -> list:
        """/W as runs of consecutive codes: first [w w w ...]."""
        widths, default = self.ttf.charWidths, self.ttf.defaultWidth
        out: list = []
        run: list[int] = []
        start = -1
        for code in sorted(self.chars):
            if run and code == start + len(run):
                run.append(round(widths.get(code, default)))
                continue
            if run:
                out += [start, PDFArray(run)]
            start, run = code, [round(widths.get(code, default))]
        return out + [start, PDFArray(run)]

    @cached_property
    def _cid_to_gid(self) -> bytes:
        table = bytearray(2 * (max(self.chars) + 1))
        for c in self.chars:
            table[2 * c:2 * c + 2] = self.ttf.charToGlyph[c].to_bytes(2, "big")
        return zlib.compress(bytes(table), 9)

    @cached_property
    def _to_unicode(self) -> bytes:
        codes = sorted(self.chars)
        lines = []
        for i in range(0, len(codes), 100):
            chunk = codes[i:i + 100]
            lines += [f"{len(chunk)} beginbfchar", *(f"<{c:04X}> <{c:04X}>" for c in chunk), "endbfchar"]
        cmap = ("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
                "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
                "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
                "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"
                + "\n".join(lines) + "\nendcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n")
        return zlib.compress(cmap.encode(), 9)

    def reference(self, doc):
        """The Type0 font in ReportLab document `doc`, added on first use."""
        ref = getattr(doc, "_kap_form_font", None)
        if ref is None:
            ref = doc._kap_form_font = doc.Reference(self._type0(doc))
        return ref

    def _type0(self, doc) -> PDFDictionary:
        t = self.ttf
        name = PDFName(t.name.decode() if isinstance(t.name, bytes) else t.name)
        descriptor = PDFDictionary({
            "Type": PDFName("FontDescriptor"), "FontName": name, "Flags": 32,
            "FontBBox": PDFArray([round(v) for v in t.bbox]), "ItalicAngle": 0, "Ascent": round(t.ascent),
            "Descent": round(t.descent), "CapHeight": round(t.capHeight), "StemV": t.stemV,
            "FontFile2": doc.Reference(_compressed(self._file, Length1=len(self.data))),
        })
        cid_font = PDFDictionary({
            "Type": PDFName("Font"), "Subtype": PDFName("CIDFontType2"), "BaseFont": name,
            "CIDSystemInfo": PDFDictionary({"Registry": PDFString("Adobe"), "Ordering": PDFString("Identity"),
                                            "Supplement": 0}),
            "FontDescriptor": doc.Reference(descriptor), "DW": 1000, "W": PDFArray(self._widths),
            "CIDToGIDMap": doc.Reference(_compressed(self._cid_to_gid)),
        })
        return PDFDictionary({
            "Type": PDFName("Font"), "Subtype": PDFName("Type0"), "BaseFont": name,
            "Encoding": PDFName("Identity-H"), "DescendantFonts": PDFArray([doc.Reference(cid_font)]),
            "ToUnicode": doc.Reference(_compressed(self._to_unicode)),
        })


def _compressed(data: bytes, **entries) -> PDFStream:
    """A stream whose bytes are already deflated (ReportLab leaves a stream with a Filter alone)."""
    return PDFStream(PDFDictionary({**entries, "Filter": PDFName("FlateDecode")}), data)


@cache
def form_font() -> FormFont:
    return FormFont(TTFontFile(str(FORM_FONT_FILE), validate=0), FORM_FONT_FILE.read_bytes())

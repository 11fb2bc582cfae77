"""Build KapFormSans, the font form fields and client names are drawn with.

    python tools/build_form_font.py NOTO_DIR [OUT_DIR]

Run by hand, at development time, when the repertoire below changes; the package ships the
result (workbook/fonts/KapFormSans.ttf and KapFormSans-Bold.ttf) and needs only ReportLab.
This script needs fontTools (`pip install fonttools`), which is not a dependency of the package.

Inputs:
- workbook/fonts/Lato-Regular.ttf and Lato-Bold.ttf (this repository's Lato);
- NotoSans-Regular.ttf, NotoSans-Bold.ttf and NotoSansSymbols2-Regular.ttf from NOTO_DIR: the
  static TTFs of Debian's `fonts-noto-core` 20201225-1 (`apt-get download fonts-noto-core`,
  `dpkg-deb -x fonts-noto-core_*.deb noto`, NOTO_DIR = noto/usr/share/fonts/truetype/noto).
  PyPI's Noto packages ship only the variable font, which ReportLab cannot read.

Why one merged font: a viewer that draws what a client typed uses exactly one font, the one the
field's /DA names, and never a second one of ours. So the form font holds every glyph we promise:
Lato's own (Latin-1, Latin Extended-A, punctuation) and, from Noto Sans scaled to Lato's 2000
units per em, what Lato lacks (Vietnamese and the rest of Latin Extended Additional, some Latin
Extended-B letters, Greek, Cyrillic), plus ✓ ✔ from Noto Sans Symbols 2. All three are under
the SIL Open Font License 1.1, whose Reserved Font Name "Lato" is why the result has its own name.
It has every character Lato has, so a value drawn in it never lacks one the page could print.

KapFormSans.ttf (the form font) puts each glyph at the index of its code point (empty glyphs fill
the gaps): then character code = CID = glyph id = Unicode, and every viewer agrees on the codes,
whether it writes glyph ids (pypdf) or code points (poppler). KapFormSans-Bold.ttf only ever
backs bold body text (ReportLab subsets it), so it stays compact. Output is deterministic.
"""

from __future__ import annotations

import sys
from pathlib import Path

from fontTools.fontBuilder import FontBuilder
from fontTools.pens.recordingPen import DecomposingRecordingPen
from fontTools.pens.transformPen import TransformPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont

FAMILY = "KapFormSans"
FONTS = Path(__file__).resolve().parents[1] / "workbook" / "fonts"
TIMESTAMP = 0x00000000E5A7A200  # fixed head.created/modified (2026-01-01), so rebuilds are identical


def ranges(*spans: tuple[int, int]) -> list[int]:
    return [c for lo, hi in spans for c in range(lo, hi + 1)]


REPERTOIRE = ranges(
    (0x20, 0x7E), (0xA0, 0xFF),  # Basic Latin, Latin-1 (¿ ¡ ñ ...)
    (0x100, 0x17F),  # Latin Extended-A (ł ř ő ğ ş ...)
    (0x181, 0x181), (0x18A, 0x18A), (0x18F, 0x18F), (0x192, 0x192), (0x198, 0x199),  # Ɓ Ɗ Ə ƒ Ƙ ƙ
    (0x1A0, 0x1A1), (0x1AF, 0x1B0),  # Ơ ơ Ư ư (Vietnamese)
    (0x1CD, 0x1DC),  # Pinyin tone letters ǎ ǐ ǒ ǔ ...
    (0x218, 0x21B), (0x253, 0x253), (0x257, 0x257), (0x259, 0x259),  # Ș ș Ț ț, ɓ ɗ ə
    (0x2C6, 0x2DD),  # spacing accents
    (0x384, 0x38A), (0x38C, 0x38C), (0x38E, 0x3A1), (0x3A3, 0x3CE),  # Greek
    (0x400, 0x45F), (0x490, 0x491),  # Cyrillic (Russian, Ukrainian, Belarusian, Bulgarian, Serbian...)
    (0x1E00, 0x1EFF),  # Latin Extended Additional: Vietnamese, Yoruba ṣ ẹ, Welsh ŵ ẃ, ẞ ...
    (0x2010, 0x2022), (0x2026, 0x2026), (0x2030, 0x2034), (0x2039, 0x203A), (0x2044, 0x2044),  # – “ ” • … ′ ″
    (0x20AC, 0x20AC), (0x2116, 0x2116), (0x2122, 0x2122),  # € № ™
    (0x2190, 0x2193), (0x2212, 0x2212), (0x25A1, 0x25A1), (0x25CF, 0x25CF), (0x2713, 0x2714),  # ← → − □ ● ✓ ✔
)


def glyph(source: TTFont, char: int, scale: float):
    """The glyph for char from source, outlines flattened (no components) and scaled."""
    name = source.getBestCmap()[char]
    glyph_set = source.getGlyphSet()
    flat = DecomposingRecordingPen(glyph_set)
    glyph_set[name].draw(flat)
    pen = TTGlyphPen(None)
    flat.replay(TransformPen(pen, (scale, 0, 0, scale, 0, 0)))
    return pen.glyph(), round(source["hmtx"][name][0] * scale)


def notdef():
    """An empty box, as fonts draw a character they lack."""
    pen = TTGlyphPen(None)
    for (left, bottom), (right, top), clockwise in (((100, 0), (900, 1400), True), ((180, 80), (820, 1320), False)):
        corners = [(left, bottom), (left, top), (right, top), (right, bottom)]
        for n, point in enumerate(corners if clockwise else corners[::-1]):
            (pen.moveTo if n == 0 else pen.lineTo)(point)
        pen.closePath()
    return pen.glyph()


def build(sources: list[Path], out: Path, style: str, gid_is_unicode: bool) -> None:
    fonts = [TTFont(p) for p in sources]
    upm = fonts[0]["head"].unitsPerEm
    glyphs, metrics, cmap = {".notdef": notdef()}, {".notdef": (1000, 100)}, {}
    used = [0] * len(fonts)
    for char in REPERTOIRE:
        for i, font in enumerate(fonts):
            if char in font.getBestCmap():
                name = f"uni{char:04X}"
                glyphs[name], advance = glyph(font, char, upm / font["head"].unitsPerEm)
                metrics[name] = (advance, 0)
                cmap[char] = name
                used[i] += 1
                break
    if gid_is_unicode:
        order = [".notdef"] + [cmap.get(i, f"empty{i}") for i in range(1, max(cmap) + 1)]
        blank = TTGlyphPen(None).glyph()
        for name in order:
            if name not in glyphs:
                glyphs[name], metrics[name] = blank, (0, 0)
    else:
        order = [".notdef"] + [cmap[c] for c in sorted(cmap)]
    lato = fonts[0]
    fb = FontBuilder(upm, isTTF=True)
    fb.setupGlyphOrder(order)
    fb.setupCharacterMap(cmap)
    fb.setupGlyf(glyphs)
    glyf = fb.font["glyf"]
    fb.setupHorizontalMetrics({n: (metrics[n][0], getattr(glyf[n], "xMin", 0)) for n in order})
    fb.setupHorizontalHeader(ascent=lato["hhea"].ascent, descent=lato["hhea"].descent)
    os2 = lato["OS/2"]
    fb.setupOS2(sTypoAscender=os2.sTypoAscender, sTypoDescender=os2.sTypoDescender, sTypoLineGap=os2.sTypoLineGap,
                usWinAscent=os2.usWinAscent, usWinDescent=os2.usWinDescent, sxHeight=os2.sxHeight,
                sCapHeight=os2.sCapHeight, achVendID="KAPW", fsType=0, usWeightClass=os2.usWeightClass,
                fsSelection=0x20 if style == "Bold" else 0x40)
    ps_name = FAMILY if style == "Regular" else f"{FAMILY}-{style}"
    fb.setupNameTable({"familyName": FAMILY, "styleName": style, "fullName": f"{FAMILY} {style}", "psName": ps_name,
                       "uniqueFontIdentifier": f"{ps_name} (kap-workbook)",
                       "copyright": "Glyphs from Lato (c) 2010-2011 Lukasz Dziedzic and from Noto Sans and "
                                    "Noto Sans Symbols 2 (c) 2012-2020 Google; SIL Open Font License 1.1"})
    fb.setupPost(keepGlyphNames=False)
    head = fb.font["head"]
    head.created = head.modified = TIMESTAMP
    head.macStyle = 1 if style == "Bold" else 0
    fb.save(str(out))
    missing = [f"U+{c:04X}" for c in REPERTOIRE if c not in cmap]
    print(f"{out}: {len(order)} glyph slots ({', '.join(f'{n} from {p.name}' for n, p in zip(used, sources))}); "
          f"missing: {len(missing)} {' '.join(missing[:12])}{' ...' if len(missing) > 12 else ''}")


def main(noto: Path, out: Path) -> None:
    symbols = noto / "NotoSansSymbols2-Regular.ttf"
    build([FONTS / "Lato-Regular.ttf", noto / "NotoSans-Regular.ttf", symbols], out / f"{FAMILY}.ttf",
          "Regular", gid_is_unicode=True)
    build([FONTS / "Lato-Bold.ttf", noto / "NotoSans-Bold.ttf", symbols], out / f"{FAMILY}-Bold.ttf",
          "Bold", gid_is_unicode=False)


if __name__ == "__main__":
    if len(sys.argv) not in (2, 3):
        sys.exit(__doc__)
    main(Path(sys.argv[1]), Path(sys.argv[2]) if len(sys.argv) == 3 else FONTS)

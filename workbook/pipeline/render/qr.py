"""QR codes drawn as vectors from the qrcode package's module matrix, and the resource card."""

from __future__ import annotations

from functools import cache

from reportlab.lib import colors
from reportlab.lib.units import cm
from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfgen.pathobject import PDFPathObject
from reportlab.platypus import Flowable

from workbook.model.strings import Strings
from workbook.pipeline.markup import link_target, markup, plain
from workbook.pipeline.render.paragraph import Paragraph
from workbook.pipeline.render.styles import Styles
from workbook.pipeline.render.tags import Elem, bbox, element
from workbook.pipeline.resolve import Link

QUIET = 4  # modules of white space around the code, as the QR standard asks
CODE_SIZE = 2.8 * cm  # the code itself; the quiet zone comes on top


Matrix = tuple[tuple[bool, ...], ...]
_matrices: dict[str, Matrix] = {}


def matrix(data: str) -> Matrix:
    """The QR module matrix for data (no border), computed once per process and text (or
    handed over by `known`): choosing the mask costs a few ms a code (qrmask.py)."""
    found = _matrices.get(data)
    if found is None:
        from qrcode.constants import ERROR_CORRECT_M

        from workbook.pipeline.render.qrmask import Code

        code = Code(error_correction=ERROR_CORRECT_M, border=0)
        code.add_data(data)
        code.make(fit=True)
        found = _matrices[data] = tuple(tuple(row) for row in code.get_matrix())
    return found


def known(data: str, rows: Matrix) -> None:
    """A matrix computed earlier (by this code, for the same data), e.g. kept in the build cache."""
    _matrices[data] = rows


@cache
def _path(data: str, size: float) -> PDFPathObject:
    """The code as one vector path at the origin; runs of dark modules become one rectangle."""
    rows = matrix(data)
    module = size / len(rows)
    path = PDFPathObject()
    for r, row in enumerate(rows):
        top = size - (r + 1) * module
        c = 0
        while c < len(row):
            if row[c]:
                start = c
                while c < len(row) and row[c]:
                    c += 1
                path.rect(start * module, top, (c - start) * module, module)
            else:
                c += 1
    return path


def draw_qr(canv: Canvas, data: str, x: float, y: float, size: float) -> None:
    """Draw the code with its lower-left corner at (x, y)."""
    canv.saveState()
    canv.translate(x, y)
    canv.setFillColor(colors.black)
    canv.drawPath(_path(data, size), fill=1, stroke=0)
    canv.restoreState()


class QRCard(Flowable):
    """A framed card: the code (also a link) at left; kind, title, source, summary, URL at right.

    Tagged: a Link holding the code as a Figure (its /Alt names the resource and the address
    it opens), then the paragraphs; the title and the printed address are links too (P > Link),
    so every way to the resource is announced. The frame is an artifact."""

    PAD = 10

    def __init__(self, link: Link, styles: Styles, words: Strings, language: str):
        super().__init__()
        self.link, self.styles = link, styles
        ref = link.reference
        # the strings file's words are plain text, the source markup: markup() escapes the former
        kind = getattr(words.resources, ref.kind)
        about = [kind, ref.source]
        if ref.language != language:  # e.g. a video only in English, in a Spanish packet
            about.append(words.in_language.format(language=words.language_name(ref.language)))
        title, url, say = plain(ref.title), link.target, words.spoken
        opens = say.open_resource.format(kind=kind.lower(), title=title)
        self.alt = say.qr_code.format(kind=kind.lower(), title=title, source=plain(ref.source), url=url)
        self.code_link = Elem("Link", alt=opens, contents=opens)
        self.parts = [
            Paragraph(markup(" · ".join("{}" for _ in about), *about), styles.small),
            Paragraph(markup('<a href="{}">{}</a>', link_target(url), ref.title), styles.label),
            *([Paragraph(ref.summary, styles.cell)] if ref.summary else []),
            Paragraph(markup('<a href="{}">{}</a>', link_target(url), url), styles.small),  # long words wrap anywhere
        ]
        self.parts[1].tag = Elem("Link", Elem("P"), contents=opens)
        self.parts[-1].tag = Elem("Link", Elem("P"), contents=say.open_address.format(url=url))
        self.qr_box = CODE_SIZE * (1 + 2 * QUIET / len(matrix(link.target)))

    def wrap(self, aw, ah):
        self.width = aw
        text_w = aw - self.qr_box - 3 * self.PAD
        self.heights = [p.wrap(text_w, ah)[1] for p in self.parts]
        text_h = sum(self.heights) + 4 * (len(self.parts) - 1)
        self.height = max(self.qr_box, text_h) + 2 * self.PAD
        return self.width, self.height

    def split(self, aw, ah):
        return []  # a card is never split across pages

    def draw(self):
        canv, s = self.canv, self.styles
        canv.saveState()
        canv.setStrokeColor(s.accent)
        canv.setLineWidth(1.2)
        canv.roundRect(0, 0, self.width, self.height, 6, stroke=1, fill=0)
        qx, qy = self.PAD, (self.height - self.qr_box) / 2
        quiet = (self.qr_box - CODE_SIZE) / 2
        with element(canv, self.code_link, content=False):
            figure = Elem("Figure", alt=self.alt, Layout={"BBox": bbox(canv, qx, qy, self.qr_box, self.qr_box)})
            with element(canv, figure):
                draw_qr(canv, self.link.target, qx + quiet, qy + quiet, CODE_SIZE)
            canv.linkURL(self.link.target, (qx, qy, qx + self.qr_box, qy + self.qr_box), relative=1, thickness=0)
        x = qx + self.qr_box + self.PAD
        y = self.height - self.PAD
        for part, h in zip(self.parts, self.heights):
            y -= h
            part.drawOn(canv, x, y)
            y -= 4
        canv.restoreState()


"""The rating grid: rows (what is rated) × columns (days), one choice per cell from min..max."""

from __future__ import annotations

import math
from contextlib import nullcontext

from reportlab.pdfbase.pdfmetrics import stringWidth

from workbook.pipeline.markup import plain
from workbook.pipeline.render.context import LayoutContext
from workbook.pipeline.render.flowables import Unsplittable, part_of
from workbook.pipeline.render.fonts import draw_string
from workbook.pipeline.render.naming import accessible_name
from workbook.pipeline.render.paragraph import Paragraph
from workbook.pipeline.render.styles import MUTED, RULE
from workbook.pipeline.render.tags import Elem, artifact, element, tags_of

TARGET = 25.0  # points: each choice's tap target, over WCAG 2.2's 24 x 24
GAP = 1.0  # between the targets of one cell
PAD = 1.5  # left and right of a cell's block of targets; rows are as tall as the block
CIRCLE = "#A9B4B6"  # the printed ring of each choice: light, so a chosen one stands out


class ScaleGrid(Unsplittable):
    """One radio group per cell (`<doc>.<block>.<row>-<column>`), values min..max.

    Each choice is a 25 pt target with its number printed in a light ring: on paper, circle
    one; on a screen, tap one (a dark ring shows it; tap it again to clear). A cell's choices
    sit in a block as square as the width allows (0 1 over 2 3 for a 0-3 grid on Letter and
    A4). When even then the row labels would get too narrow (large print), the columns are
    split into bands (Mon-Thu, then Fri-Sun), each with its own headings, one under the other.

    The legend (what the numbers mean) comes first, where it is read before choosing. A grid
    that fits on a page is never split; a taller one is split between rows, the headings of the
    band repeated on each part.

    Tagged: a Table per band (one for a grid without bands), shared by the parts of a split,
    the legend the first one's Caption. A header row of an empty corner cell and a TH (scope
    Column) per day, the headings a later part repeats being pagination artifacts; then per row
    a TH (scope Row) and a TD per cell. Fillable, a cell's TD holds one Form per choice, named
    "<row>: <day>: <value>", and the printed rings and numbers are artifacts (the names say
    them); on paper, the cell's numbers are its TD's content."""

    def __init__(self, ctx: LayoutContext, block_id: str, rows: list[str], columns: list[str], keys: list[str],
                 low: int, high: int, legend: str):
        super().__init__()
        s = ctx.styles
        self.ctx, self.block_id = ctx, block_id
        self.values = [str(v) for v in range(low, high + 1)]
        self.rows = [Paragraph(r, s.cell) for r in rows]
        self.columns = [plain(c) for c in columns]
        self.keys = keys  # each column's part of the field names, settled when the content was validated
        self.legend = Paragraph(legend, s.legend, role="Caption") if legend else None
        self.tables: dict[int, Elem] = {}  # band -> its Table, shared by the parts of a split
        self.lines: list[tuple[int, int]] | None = None  # this part's (band, row) pairs; None: all of them

    def wrap(self, aw, ah):
        s = self.ctx.styles
        self.width = aw
        self._lay_out(aw)
        self.row_h = [max(p.wrap(self.label_w - 8, ah)[1] + 8, self.block_h) for p in self.rows]
        if self.lines is None:
            self.lines = [(b, r) for b in range(len(self.bands)) for r in range(len(self.rows))]
        self.header_h = (s.small_size + 1) * 1.8
        self.digit_size = TARGET * 0.46 * min(s.scale, 1.15)  # larger in large print
        self.ring = max(TARGET * 0.36, self.digit_size * 0.72)  # inside the dark ring a choice shows
        self.legend_h = self.legend.wrap(aw, ah)[1] + 6 if self.legend else 0
        self.height = self._height(self.lines) + self.legend_h
        return aw, self.height

    def _lay_out(self, aw: float) -> None:
        """Choices per line of a cell, and the bands of columns, for this width."""
        s = self.ctx.styles
        n, cols = len(self.values), len(self.columns)
        label_min = 7.5 * s.body_size
        per_line = max(1, math.ceil(n / 2))  # two lines of choices per cell: 0 1 / 2 3
        self.cell_w = per_line * TARGET + (per_line - 1) * GAP + 2 * PAD
        per_band = max(1, min(cols, int((aw - label_min) // self.cell_w)))
        bands = math.ceil(cols / per_band)
        per_band = math.ceil(cols / bands)  # balanced: 4 + 3 rather than 5 + 2
        self.bands = [list(range(b, min(cols, b + per_band))) for b in range(0, cols, per_band)]
        self.label_w = aw - per_band * self.cell_w
        self.per_line = per_line
        lines = math.ceil(n / per_line)
        self.block_h = lines * TARGET + (lines - 1) * GAP

    def _height(self, lines: list[tuple[int, int]]) -> float:
        headers = sum(1 for i, (b, _) in enumerate(lines) if i == 0 or lines[i - 1][0] != b)
        return headers * self.header_h + (headers - 1) * PAD * 4 + sum(self.row_h[r] for _, r in lines)

    def split(self, aw, ah):
        self.wrap(aw, ah)
        fresh_page = self.ctx.styles.frame_height
        assert self.lines is not None
        if self.height <= fresh_page or len(self.lines) < 2:
            return []  # it fits on a page of its own (or cannot be split): move it there whole
        fit = 0
        while fit < len(self.lines) - 1 and self.legend_h + self._height(self.lines[:fit + 1]) <= ah:
            fit += 1
        if fit == 0 or (fit < 3 and ah < fresh_page - 1):
            return []  # a part too small for this page's foot: start on the next page
        return [self._part(self.lines[:fit], self.legend), self._part(self.lines[fit:], None)]

    def _part(self, lines: list[tuple[int, int]], legend: Paragraph | None) -> ScaleGrid:
        part = part_of(self)
        part.lines, part.legend = lines, legend
        return part

    def _table(self, band: int) -> Elem:
        if band not in self.tables:
            self.tables[band] = Elem("Table")
        return self.tables[band]

    def draw(self):
        with artifact(self.canv):  # tints, rules and rings; the cells open their elements inside
            self._draw()

    def _draw(self):
        s, canv = self.ctx.styles, self.canv
        assert self.lines is not None
        tags = tags_of(canv)
        # Tagged on paper, each cell's rings and numbers are drawn with the cell, the numbers
        # inside its TD; otherwise all rings are one path and all numbers one text object: a
        # weekly grid has hundreds of them, and drawing each on its own was a large share of a
        # packet's time.
        per_cell = tags is not None and not self.ctx.fields.fillable
        y = self.height
        if self.legend:
            y -= self.legend_h
            if tags:
                self.legend.tag = Elem("Caption", self._table(0))
            self.legend.drawOn(canv, 0, y + 6)
        rings, numbers = canv.beginPath(), self._numbers()
        canv.saveState()
        band_top = y
        for i, (band, r) in enumerate(self.lines):
            if i == 0 or self.lines[i - 1][0] != band:
                if i:
                    self._rules(band_top, y, self.lines[i - 1][0])
                    y -= PAD * 4
                y -= self.header_h
                # The headings are the table's first row where its first row follows them;
                # repeated over a later part, they are there for the page break: artifacts.
                self._headings(band, y, Elem("TR", self._table(band)) if tags and r == 0 else None)
                band_top = y
            h = self.row_h[r]
            y -= h
            if r % 2 == 0:
                canv.setFillColor(s.tint)
                canv.rect(0, y, self.label_w + len(self.bands[band]) * self.cell_w, h, stroke=0, fill=1)
            para = self.rows[r]
            row = Elem("TR", self._table(band)) if tags else None
            if row:
                para.tag = Elem("TH", row, Table={"Scope": "Row"})
            para.drawOn(canv, 4, y + (h - para.height) / 2)
            for slot, c in enumerate(self.bands[band]):
                x0 = self.label_w + slot * self.cell_w
                with element(canv, Elem("TD", row)) if row else nullcontext():
                    if per_cell:
                        self._own_cell(r, c, x0, y, h)
                    else:
                        self._cell(r, c, x0, y, h, rings, numbers)
        self._rules(band_top, y, self.lines[-1][0])
        if not per_cell:
            self._draw_rings(rings)
            canv.drawText(numbers)
        canv.restoreState()

    def _own_cell(self, r: int, c: int, x0: float, y: float, h: float) -> None:
        """A cell drawn by itself (tagged, on paper): its rings an artifact, its numbers the text
        of the TD open around it."""
        rings, numbers = self.canv.beginPath(), self._numbers()
        self._cell(r, c, x0, y, h, rings, numbers, " ")
        with artifact(self.canv):
            self._draw_rings(rings)
        self.canv.drawText(numbers)

    def _numbers(self):
        numbers = self.canv.beginText()
        numbers.setFont(self.ctx.styles.fonts.regular, self.digit_size)
        numbers.setFillColor(MUTED)
        return numbers

    def _draw_rings(self, rings) -> None:
        canv = self.canv
        canv.setStrokeColor(CIRCLE)
        canv.setFillColorRGB(1, 1, 1)
        canv.setLineWidth(0.8)
        canv.drawPath(rings, stroke=1, fill=1)

    def _headings(self, band: int, y: float, head: Elem | None) -> None:
        """A band's day names: tagged, a TH (scope Column) each in the row `head`, after an
        empty corner cell that keeps the rows the same length."""
        s, canv = self.ctx.styles, self.canv
        canv.setFont(s.fonts.bold, s.small_size + 1)
        canv.setFillColor(s.primary)
        if head:
            tags_of(canv).attach(Elem("TD", head))  # type: ignore[union-attr]
        for slot, c in enumerate(self.bands[band]):
            with element(canv, Elem("TH", head, Table={"Scope": "Column"})) if head else artifact(canv, "Pagination"):
                draw_string(canv, self.label_w + (slot + 0.5) * self.cell_w, y + 7, self.columns[c], "centre")

    def _rules(self, top: float, bottom: float, band: int) -> None:
        canv = self.canv
        canv.setStrokeColor(RULE)
        canv.setLineWidth(0.5)
        right = self.label_w + len(self.bands[band]) * self.cell_w
        for slot in range(len(self.bands[band]) + 1):
            x = self.label_w + slot * self.cell_w
            canv.line(x, top, x, bottom)
        canv.line(0, top, right, top)
        canv.line(0, bottom, right, bottom)

    def _cell(self, r: int, c: int, x0: float, y: float, h: float, rings, numbers, sep: str = "") -> None:
        """One cell's rings, numbers and choices; `sep` after each number (a space, so that
        "0 1 2 3" read from the page is not one number)."""
        s = self.ctx.styles
        name = self.ctx.name(self.block_id, f"{r + 1}-{self.keys[c]}")
        tooltip = accessible_name(plain(self.rows[r].text), self.columns[c])
        left = x0 + PAD
        top = y + (h + self.block_h) / 2
        size = self.digit_size
        for i, value in enumerate(self.values):
            x = left + (i % self.per_line) * (TARGET + GAP)
            by = top - (i // self.per_line + 1) * TARGET - (i // self.per_line) * GAP
            rings.circle(x + TARGET / 2, by + TARGET / 2, self.ring)
            numbers.setTextOrigin(x + (TARGET - stringWidth(value, s.fonts.regular, size)) / 2, by + (TARGET - size * 0.7) / 2)
            numbers.textOut(value + sep)
            self.ctx.fields.radio_widget(self.canv, name, value, x, by, TARGET, tooltip, mark="ring")

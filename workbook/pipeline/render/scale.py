"""The rating grid: rows (what is rated) × columns (days), one choice per cell from min..max."""

from __future__ import annotations

from reportlab.pdfbase.pdfmetrics import stringWidth

from workbook.pipeline.markup import plain
from workbook.pipeline.render.context import LayoutContext
from workbook.pipeline.render.flowables import Unsplittable, part_of
from workbook.pipeline.render.paragraph import Paragraph
from workbook.pipeline.render.styles import MUTED, RULE


class ScaleGrid(Unsplittable):
    """One radio group per cell (`<doc>.<block>.<row>-<column>`), values min..max.

    Each choice is a small box with its number printed faintly inside: on paper, tick or
    circle one; on a screen, click one (click it again to clear).

    A grid that fits on a page is never split; one taller than a page is split between rows,
    its column headings repeated on each part and its legend kept with its last row."""

    STEP = 1.5  # space between the choices of one cell

    def __init__(self, ctx: LayoutContext, block_id: str, rows: list[str], columns: list[str], keys: list[str],
                 low: int, high: int, legend: str):
        super().__init__()
        s = ctx.styles
        self.ctx, self.block_id = ctx, block_id
        self.values = [str(v) for v in range(low, high + 1)]
        self.rows = [Paragraph(r, s.cell) for r in rows]
        self.columns = [plain(c) for c in columns]
        self.keys = keys  # each column's part of the field names, settled when the content was validated
        self.legend = Paragraph(legend, s.small) if legend else None
        self.first = 0  # the index of this part's first row, when the grid is split

    def wrap(self, aw, ah):
        s = self.ctx.styles
        self.width = aw
        self.label_w = max(aw * 0.27, aw - len(self.columns) * (len(self.values) * 14 + 6))
        self.cell_w = (aw - self.label_w) / len(self.columns)
        self.box = min(12 * s.scale, (self.cell_w - 4) / len(self.values) - self.STEP)
        self.header_h = s.body_size * 1.9
        self.row_h = [max(p.wrap(self.label_w - 8, ah)[1] + 10, self.box + 12) for p in self.rows]
        self.legend_h = self.legend.wrap(aw, ah)[1] + 6 if self.legend else 0
        self.height = self.header_h + sum(self.row_h) + self.legend_h
        return aw, self.height

    def split(self, aw, ah):
        self.wrap(aw, ah)
        fresh_page = self.ctx.styles.frame_height
        if self.height <= fresh_page or len(self.rows) < 2:
            return []  # it fits on a page of its own (or cannot be split): move it there whole
        room, fit = ah - self.header_h, 0
        while fit < len(self.rows) and room >= self.row_h[fit]:
            room -= self.row_h[fit]
            fit += 1
        fit = min(fit, len(self.rows) - 1)  # the legend stays with the last row
        if fit == 0 or (fit < 3 and ah < fresh_page - 1):
            return []  # a part too small for this page's foot: start on the next page
        return [self._part(0, fit, legend=False), self._part(fit, len(self.rows), legend=True)]

    def _part(self, start: int, end: int, legend: bool) -> ScaleGrid:
        part = part_of(self)
        part.rows, part.first = self.rows[start:end], self.first + start
        part.legend = self.legend if legend else None
        return part

    def draw(self):
        s, canv = self.ctx.styles, self.canv
        top = self.height
        canv.saveState()
        canv.setFont(s.fonts.bold, s.small_size + 1)
        canv.setFillColor(s.primary)
        for c, name in enumerate(self.columns):
            cx = self.label_w + (c + 0.5) * self.cell_w
            canv.drawCentredString(cx, top - self.header_h + 7, name)
        y = top - self.header_h
        # All choice boxes are one path and all their numbers one text object: a weekly grid has
        # hundreds of them, and drawing each on its own was a large share of a packet's time.
        boxes, numbers = canv.beginPath(), canv.beginText()
        numbers.setFont(s.fonts.regular, self.box * 0.62)
        numbers.setFillColor(MUTED)
        for r, (para, h) in enumerate(zip(self.rows, self.row_h)):
            y -= h
            if (self.first + r) % 2 == 0:
                canv.setFillColor(s.tint)
                canv.rect(0, y, self.width, h, stroke=0, fill=1)
            para.drawOn(canv, 4, y + (h - para.height) / 2)
            for c in range(len(self.columns)):
                self._cell(r, c, y, h, boxes, numbers)
        canv.drawText(numbers)
        canv.setStrokeColor(RULE)
        canv.setLineWidth(1)
        canv.drawPath(boxes, stroke=1, fill=0)
        canv.setStrokeColor(RULE)
        canv.setLineWidth(0.5)
        body_top = top - self.header_h
        for c in range(len(self.columns) + 1):
            x = self.label_w + c * self.cell_w
            canv.line(x, body_top, x, y)
        canv.line(0, body_top, self.width, body_top)
        canv.line(0, y, self.width, y)
        canv.restoreState()
        if self.legend:
            self.legend.drawOn(canv, 0, 0)

    def _cell(self, r: int, c: int, y: float, h: float, boxes, numbers) -> None:
        s = self.ctx.styles
        n = len(self.values)
        step = self.box + self.STEP
        x = self.label_w + c * self.cell_w + (self.cell_w - (n * step - self.STEP)) / 2
        by = y + (h - self.box) / 2
        name = self.ctx.name(self.block_id, f"{self.first + r + 1}-{self.keys[c]}")
        tooltip = f"{plain(self.rows[r].text).rstrip('.')}: {self.columns[c]}"
        size = self.box * 0.62
        for value in self.values:
            boxes.rect(x, by, self.box, self.box)
            width = stringWidth(value, s.fonts.regular, size)
            numbers.setTextOrigin(x + (self.box - width) / 2, by + self.box * 0.28)
            numbers.textOut(value)
            self.ctx.fields.radio_widget(self.canv, name, value, x, by, self.box, tooltip)
            x += step

"""The measure block: numbered items, each rated once on the same labelled scale.

One radio group per item, `<doc>.<measure>.<item number>`, its values the scale's numbers, written
by the form writer's radio choices. The choices' labels and numbers head the columns, repeated at
the top of each page the items continue on."""

from __future__ import annotations

from reportlab.lib.enums import TA_CENTER

from workbook.pipeline.markup import plain
from workbook.pipeline.render.context import LayoutContext
from workbook.pipeline.render.paragraph import Paragraph
from workbook.pipeline.render.rows import RowGrid, looks
from workbook.pipeline.render.styles import MUTED, RULE


class MeasureGrid(RowGrid):
    PAD = 4

    def __init__(self, ctx: LayoutContext, block_id: str, items: list[str], choices: list[str], low: int):
        super().__init__(len(items))
        s, look = ctx.styles, looks(ctx.styles)
        centred = look["head"].clone("measure_head", alignment=TA_CENTER)
        self.ctx, self.block_id = ctx, block_id
        self.values = [str(low + i) for i in range(len(choices))]
        self.heads = [Paragraph(c, centred) for c in choices]
        self.items = [Paragraph(i, look["item"], bulletText=f"{n}.") for n, i in enumerate(items, 1)]
        self.tooltips = [f"{n}. {plain(i)}" for n, i in enumerate(items, 1)]
        self.box = 12 * s.scale
        self._measured: float | None = None

    def measure(self, width: float) -> None:
        if self._measured == width:
            return
        s = self.ctx.styles
        n = len(self.heads)
        self.choice_w = min(width * 0.55 / n, 80 * s.scale)
        self.label_w = width - n * self.choice_w
        number = s.small_size * 1.3
        self.header_h = max(h.wrap(self.choice_w - 4, 1e6)[1] for h in self.heads) + number + 2 * self.PAD
        text_w = self.label_w - 2 * self.PAD
        self.row_h = [max(p.wrap(text_w, 1e6)[1] + 2 * self.PAD + 6, self.box + 14) for p in self.items]
        self._measured = width

    def draw_header(self, top: float) -> None:
        s, canv = self.ctx.styles, self.canv
        for c, (head, value) in enumerate(zip(self.heads, self.values)):
            x = self.label_w + c * self.choice_w
            head.drawOn(canv, x + 2, top - self.header_h + self.PAD + s.small_size * 1.3)  # on its number
            canv.saveState()
            canv.setFont(s.fonts.regular, s.small_size)
            canv.setFillColor(MUTED)
            canv.drawCentredString(x + self.choice_w / 2, top - self.header_h + self.PAD + 1, value)
            canv.restoreState()
        canv.saveState()
        canv.setStrokeColor(s.primary)
        canv.setLineWidth(1)
        canv.line(0, top - self.header_h, self.width, top - self.header_h)
        canv.restoreState()

    def draw_row(self, row: int, y: float, height: float) -> None:
        s, canv = self.ctx.styles, self.canv
        canv.saveState()
        if row % 2 == 0:
            canv.setFillColor(s.tint)
            canv.rect(0, y, self.width, height, stroke=0, fill=1)
        canv.setStrokeColor(RULE)
        canv.setLineWidth(0.5)
        for c in range(len(self.values) + 1):
            x = self.label_w + c * self.choice_w
            canv.line(x, y, x, y + height)
        canv.line(0, y, self.width, y)
        canv.restoreState()
        para = self.items[row]
        para.drawOn(canv, self.PAD, y + (height - para.height) / 2)
        name = self.ctx.name(self.block_id, row + 1)
        by = y + (height - self.box) / 2
        for c, value in enumerate(self.values):
            x = self.label_w + (c + 0.5) * self.choice_w - self.box / 2
            self.ctx.fields.radio(canv, name, value, x, by, self.box, self.tooltips[row], s.primary)

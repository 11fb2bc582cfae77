"""The measure block: numbered items, each rated once on the same labelled scale.

One radio group per item, `<doc>.<measure>.<item number>`, its values the scale's numbers. The
choices' labels and numbers head the columns, repeated at the top of each page the items continue
on. Each choice is a finger's target (at least 24 pt, 30 pt where the columns allow) with its
number printed in a light ring: on paper, circle one; on a screen, tap one (a dark ring shows it).

Tagged, it is a Table (rows.py): a header row of an empty corner cell and a TH (scope Column) per
choice, its label and number; then per item a TH (scope Row), the item with its number, and a
TD per choice. Fillable, each TD holds the choice's /Form, named with the item, the value and
its label ("3. Feeling tired: 2 (More than half the days)"), and the printed ring and number
are artifacts; on paper, the number is the TD's content."""

from __future__ import annotations

from contextlib import nullcontext

from reportlab.lib.enums import TA_CENTER

from workbook.pipeline.markup import markup, plain
from workbook.pipeline.render.context import LayoutContext
from workbook.pipeline.render.fonts import draw_string
from workbook.pipeline.render.paragraph import Paragraph
from workbook.pipeline.render.rows import RowGrid, looks
from workbook.pipeline.render.styles import MUTED, RULE
from workbook.pipeline.render.tags import Elem, artifact, element

MIN_TARGET = 24.0  # points: WCAG 2.2's smallest target
RING = "#A9B4B6"  # the printed ring of each choice: light, so a chosen one stands out


class MeasureGrid(RowGrid):
    PAD = 4

    def __init__(self, ctx: LayoutContext, block_id: str, items: list[str], choices: list[str], low: int):
        super().__init__(len(items))
        s, look = ctx.styles, looks(ctx.styles)
        centred = look["head"].clone("measure_head", alignment=TA_CENTER)
        self.ctx, self.block_id = ctx, block_id
        self.values = [str(low + i) for i in range(len(choices))]
        # Each heading its label over its number, bottom-aligned so the numbers line up; the space
        # before the break keeps "Not at all 0" apart when read.
        head = '{} <br/><font name="{}" size="{}" color="#{}">{}</font>'
        self.heads = [Paragraph(markup(head, c, s.fonts.regular, f"{s.small_size:g}", MUTED.hexval()[2:], v), centred)
                      for c, v in zip(choices, self.values)]
        self.labels = [f"{v} ({plain(c)})" for v, c in zip(self.values, choices)]  # each choice's spoken name
        # "1. " not "1.": read from the page, the number and the item stay two words
        self.items = [Paragraph(i, look["item"], bulletText=f"{n}. ") for n, i in enumerate(items, 1)]
        self.tooltips = [f"{n}. {plain(i)}" for n, i in enumerate(items, 1)]
        self._measured: float | None = None

    def measure(self, width: float) -> None:
        if self._measured == width:
            return
        s = self.ctx.styles
        n = len(self.heads)
        # The choices take up to 55% of the width, more if their targets need it.
        self.choice_w = max(min(width * 0.55 / n, 80 * s.scale), MIN_TARGET + 6)
        self.box = max(MIN_TARGET, min(s.target, self.choice_w - 6))
        self.label_w = width - n * self.choice_w
        # A label wraps rather than run into its neighbour's: "Some days Most days" would read as one.
        self.head_inset = min(6.0, self.choice_w * 0.08)
        self.header_h = max(h.wrap(self.choice_w - 2 * self.head_inset, 1e6)[1] for h in self.heads) + 2 * self.PAD
        text_w = self.label_w - 2 * self.PAD
        self.row_h = [max(p.wrap(text_w, 1e6)[1] + 2 * self.PAD + 6, self.box + 10) for p in self.items]
        self.digit = min(s.body_size, self.box * 0.46)
        self._measured = width

    def draw_header(self, top: float, tr: Elem) -> None:
        s, canv = self.ctx.styles, self.canv
        with element(canv, Elem("TD", tr)):  # the corner over the items heads nothing
            pass
        for c, head in enumerate(self.heads):
            head.tag = Elem("TH", tr, Table={"Scope": "Column"})
            head.drawOn(canv, self.label_w + c * self.choice_w + self.head_inset, top - self.header_h + self.PAD)
        canv.saveState()
        canv.setStrokeColor(s.primary)
        canv.setLineWidth(1)
        canv.line(0, top - self.header_h, self.width, top - self.header_h)
        canv.restoreState()

    def draw_row(self, row: int, y: float, height: float, tr: Elem) -> None:
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
        para.tag = Elem("TH", tr, Table={"Scope": "Row"})
        para.drawOn(canv, self.PAD, y + (height - para.height) / 2)
        name = self.ctx.name(self.block_id, row + 1)
        by = y + (height - self.box) / 2
        fillable = self.ctx.fields.fillable
        for c, value in enumerate(self.values):
            x = self.label_w + (c + 0.5) * self.choice_w - self.box / 2
            with element(canv, Elem("TD", tr)):
                self._choice(x, by, value, fillable)
                self.ctx.fields.radio_widget(canv, name, value, x, by, self.box, self.tooltips[row], mark="ring",
                                             label=self.labels[c])

    def _choice(self, x: float, y: float, value: str, fillable: bool) -> None:
        """A light ring with the choice's number in it: the number is the cell's text on paper;
        fillable, the choice's /Form says it, so the printed one is read once, not twice."""
        s, canv, r = self.ctx.styles, self.canv, self.box / 2
        # Each save/restore inside its sequence: a stray "q" would give the cell marked content.
        with artifact(canv):
            canv.saveState()
            canv.setStrokeColor(RING)
            canv.setFillColorRGB(1, 1, 1)
            canv.setLineWidth(0.8)
            canv.circle(x + r, y + r, max(r * 0.72, self.digit * 0.8), stroke=1, fill=1)
            canv.restoreState()
        with artifact(canv) if fillable else nullcontext():
            canv.saveState()
            canv.setFont(s.fonts.regular, self.digit)
            canv.setFillColor(MUTED)
            draw_string(canv, x + r, y + r - self.digit * 0.35, value, "centre")
            canv.restoreState()

"""The table block: rows of short lines to write in under column headings (a medicines list).

Each cell is one single-line field, `<doc>.<table>.<row>-<column id>`, with the tooltip
"Row 3: Dose" (in the page's language: strings.yaml, tooltips.cell). When a column would be too
narrow to write in (large print, many columns), every row is stacked instead: its cells become
labelled lines, as many to a line as leave room to write. Each field is at least 24 pt tall (a
finger's target, WCAG 2.2), drawn by the form writer in KapFormSans like every other.

Tagged, it is a Table (rows.py): a header row of TH (scope Column) per column, its hint inside
it, after an empty corner cell when the rows are numbered; the example row, then a TR per row,
its number a TH (scope Row) and each cell a TD holding the field's /Form ("Row 3: Dose"). A
stacked table has no header row: each cell's TD holds its printed label and its field, and the
example is the table's Caption."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth

from workbook.pipeline.markup import plain
from workbook.pipeline.render.context import LayoutContext
from workbook.pipeline.render.fonts import draw_string
from workbook.pipeline.render.paragraph import Paragraph
from workbook.pipeline.render.rows import RowGrid, looks
from workbook.pipeline.render.styles import MUTED, RULE
from workbook.pipeline.render.tags import Elem, artifact, element


@dataclass(frozen=True)
class Column:
    key: str  # the column's part of each field name
    label: str  # markup
    width: int  # relative
    hint: str = ""  # markup


TARGET = 24.0  # points: a cell's field is at least this tall, a finger's target (WCAG 2.2)


class FormTable(RowGrid):
    PAD = 4
    MIN_WRITE = 16 * mm  # the narrowest cell a short handwritten entry (a dose, a date) fits in
    GUTTER = 18  # between the labelled lines of a stacked row

    def __init__(self, ctx: LayoutContext, block_id: str, columns: list[Column], rows: int,
                 numbered: bool, example: list[str]):
        super().__init__(rows)
        look = looks(ctx.styles)
        self.ctx, self.block_id, self.columns, self.numbered = ctx, block_id, columns, numbered
        self.heads = [Paragraph(c.label, look["head"]) for c in columns]
        self.hints = [Paragraph(c.hint, look["hint"]) if c.hint else None for c in columns]
        self.example = [Paragraph(v, look["example"]) for v in example]
        self.labels = [plain(c.label) for c in columns]
        self._measured: float | None = None

    # --- measuring ---------------------------------------------------------------------------

    def min_rows(self) -> int:
        return 1 if self.stacked else self.MIN_ROWS  # a stacked row stands alone like a card

    def measure(self, width: float) -> None:
        if self._measured == width:
            return
        s = self.ctx.styles
        number_w = s.body_size * 2
        self.num_w = number_w if self.numbered else 0.0
        usable = width - self.num_w
        units = sum(c.width for c in self.columns)
        self.col_w = [usable * c.width / units for c in self.columns]
        self.stacked = any(w < self._narrowest(i) for i, w in enumerate(self.col_w))
        self.line_h = max(s.gap, 9 * mm)
        if self.stacked:
            self.num_w = number_w  # a stacked row always shows its number
            self._measure_stacked(width - number_w)
        else:
            self._measure_columns()
        self._measured = width

    def _narrowest(self, column: int) -> float:
        """A column is too narrow when its longest heading word or a short entry does not fit."""
        s = self.ctx.styles
        head = self.heads[column].style
        words = self.labels[column].split() or [""]
        longest = max(stringWidth(w, head.fontName, head.fontSize) for w in words)
        return max(longest + 2 * self.PAD, self.MIN_WRITE * s.scale)

    def _measure_columns(self) -> None:
        pad = self.PAD
        heights = []
        for head, hint, w in zip(self.heads, self.hints, self.col_w):
            h = head.wrap(w - 2 * pad, 1e6)[1]
            if hint:
                h += hint.wrap(w - 2 * pad, 1e6)[1]
            heights.append(h)
        self.header_h = max(heights) + 2 * pad
        if self.example:
            tallest = max(p.wrap(w - 2 * pad, 1e6)[1] for p, w in zip(self.example, self.col_w))
            self.lead_h = max(tallest + 2 * pad, self.line_h * 0.8)
        self.row_h = [self.line_h] * self.count

    def _measure_stacked(self, usable: float) -> None:
        s = self.ctx.styles
        self.label_w = [stringWidth(t, s.fonts.bold, s.body_size) + 6 for t in self.labels]
        self.lines = self._pack(usable)
        self.header_h = 0.0
        if self.example:
            text = " · ".join(f"{label}: {plain(p.text)}" for label, p in zip(self.labels, self.example)
                              if plain(p.text))
            # plain text (the labels and values as written, the strings file's words): escaped by the Paragraph
            self.example_para = Paragraph(self.ctx.words.form.example.format(values=text), self.example[0].style)
            self.lead_h = self.example_para.wrap(usable, 1e6)[1] + 2 * self.PAD
        self.row_h = [len(self.lines) * self.line_h + 2 * self.PAD] * self.count

    def _pack(self, usable: float) -> list[list[tuple[int, float, float]]]:
        """The columns on each line of a stacked row, as (column, x, span): greedily as many to a
        line as leave each of them room to write, shared by their relative widths."""
        room = 1.2 * self.MIN_WRITE * self.ctx.styles.scale
        lines, i, n = [], 0, len(self.columns)
        while i < n:
            for k in range(n - i, 0, -1):
                group = range(i, i + k)
                units = sum(self.columns[c].width for c in group)
                share = usable - self.GUTTER * (k - 1)
                spans = [share * self.columns[c].width / units for c in group]
                if k == 1 or all(span - self.label_w[c] >= room for c, span in zip(group, spans)):
                    break
            x, line = 0.0, []
            for c, span in zip(group, spans):
                line.append((c, x, span))
                x += span + self.GUTTER
            lines.append(line)
            i += k
        return lines

    # --- drawing -----------------------------------------------------------------------------

    def draw_header(self, top: float, tr: Elem) -> None:
        if self.stacked:
            return
        pad, canv = self.PAD, self.canv
        if self.num_w:
            with element(canv, Elem("TD", tr)):  # the corner over the row numbers heads nothing
                pass
        x = self.num_w
        for head, hint, w in zip(self.heads, self.hints, self.col_w):
            head.tag = Elem("TH", tr, Table={"Scope": "Column"})
            y = top - pad - head.height
            head.drawOn(canv, x + pad, y)
            if hint:
                hint.tag = Elem("P", head.tag)
                hint.drawOn(canv, x + pad, y - hint.height)
            x += w
        self._verticals(top - self.header_h, top)
        canv.saveState()
        canv.setStrokeColor(self.ctx.styles.primary)
        canv.setLineWidth(1)
        canv.line(0, top - self.header_h, self.width, top - self.header_h)
        canv.restoreState()

    def draw_lead(self, top: float) -> None:
        if not self.example:
            return
        pad, canv, bottom = self.PAD, self.canv, top - self.lead_h
        if self.stacked:
            self.example_para.tag = Elem("Caption", self.tag)
            self.example_para.drawOn(canv, self.num_w, bottom + pad)
            return
        tr = Elem("TR", self.tag)
        if self.numbered:
            with element(canv, Elem("TH", tr, Table={"Scope": "Row"})):
                self._number(self.ctx.words.form.example_row, bottom, self.lead_h, italic=True)
        x = self.num_w
        for para, w in zip(self.example, self.col_w):
            para.tag = Elem("TD", tr)
            para.drawOn(canv, x + pad, top - pad - para.height)
            x += w
        self._verticals(bottom, top)

    def draw_row(self, row: int, y: float, height: float, tr: Elem) -> None:
        s, canv = self.ctx.styles, self.canv
        if row % 2 == 0:
            canv.saveState()
            canv.setFillColor(s.tint)
            canv.rect(0, y, self.width, height, stroke=0, fill=1)
            canv.restoreState()
        if self.numbered or self.stacked:
            with element(canv, Elem("TH", tr, Table={"Scope": "Row"})):
                self._number(str(row + 1), y, height if not self.stacked else None)
        if self.stacked:  # its writing lines and the tint of every other row set it apart
            self._stacked_row(row, y, height, tr)
            return
        x = self.num_w
        fh = min(height - 1, max(TARGET, self.ctx.fields.font_size * 1.6))
        for c, w in enumerate(self.col_w):
            with element(canv, Elem("TD", tr)):
                self._field(row, c, x + 2, y + (height - fh) / 2, w - 4, fh)
            x += w
        self._verticals(y, y + height)
        # Rules over this row's tint: above it (unless the header's line is there) and, for the
        # last row of a page, below it.
        if row > self.first or (self.first == 0 and self.example):
            self._rule(y + height)
        if row == self.last - 1:
            self._rule(y)

    def _stacked_row(self, row: int, y: float, height: float, tr: Elem) -> None:
        s, canv = self.ctx.styles, self.canv
        top = y + height - self.PAD
        for n, line in enumerate(self.lines):
            base = top - (n + 1) * self.line_h + 6
            for c, x, span in line:
                x += self.num_w
                with element(canv, Elem("TD", tr)):  # the label, then its field
                    canv.saveState()
                    canv.setFont(s.fonts.bold, s.body_size)
                    canv.setFillColor(s.primary)
                    draw_string(canv, x, base, self.labels[c])
                    canv.restoreState()
                    lx = x + self.label_w[c]
                    self._rule(base - 2, lx, x + span)
                    self._field(row, c, lx, base - 1, x + span - lx, max(TARGET, self.ctx.fields.font_size * 1.5))

    def _field(self, row: int, column: int, x: float, y: float, w: float, h: float) -> None:
        name = self.ctx.name(self.block_id, f"{row + 1}-{self.columns[column].key}")
        tooltip = self.ctx.words.tooltips.cell.format(row=row + 1, column=self.labels[column])
        self.ctx.fields.text(self.canv, name, x, y, w, h, tooltip)

    def _number(self, text: str, y: float, height: float | None, italic: bool = False) -> None:
        """The row's number in the narrow first column: centred, or at the top of a stacked row."""
        s, canv = self.ctx.styles, self.canv
        size = s.small_size + 1
        canv.saveState()
        canv.setFont(s.fonts.italic if italic else s.fonts.bold, size)
        canv.setFillColor(MUTED)
        if height is None:
            first = y + self.row_h[0] - self.PAD - self.line_h + 6
            draw_string(canv, 2, first, text)
        else:
            draw_string(canv, self.num_w / 2, y + (height - size * 0.7) / 2, text, "centre")
        canv.restoreState()

    def _verticals(self, y0: float, y1: float) -> None:
        canv = self.canv
        canv.saveState()
        canv.setStrokeColor(RULE)
        canv.setLineWidth(0.5)
        x = self.num_w
        for w in self.col_w[:-1]:
            x += w
            canv.line(x, y0, x, y1)
        canv.restoreState()

    def _rule(self, y: float, x0: float = 0.0, x1: float | None = None) -> None:
        canv = self.canv
        with artifact(canv):
            canv.saveState()
            canv.setStrokeColor(RULE)
            canv.setLineWidth(0.7)
            canv.line(x0, y, self.width if x1 is None else x1, y)
            canv.restoreState()

"""Custom flowables: writing areas and form rows that are drawn as one piece and never split
across pages, and the tinted callout box. Block handlers (blocks.py) only combine these.

Tagged: their paragraphs tag themselves; text drawn here directly (labels, captions) is drawn
inside an element; rules and boxes are artifacts; each widget becomes a /Form element where it
is written. No Div around a row or an area: readers ignore it, and every element is one more
object to write."""

from __future__ import annotations

import copy
from typing import Any

from reportlab.platypus import Flowable

from workbook.pipeline.markup import plain
from workbook.pipeline.render.context import LayoutContext
from workbook.pipeline.render.fonts import draw_string, string_width
from workbook.pipeline.render.formfont import form_font
from workbook.pipeline.render.paragraph import Paragraph
from workbook.pipeline.render.styles import MUTED, RULE
from workbook.pipeline.render.tags import Elem, Tagged, artifact, element


def part_of(flowable: Flowable) -> Any:
    """A copy of a flowable to hold one part of it when it is split; without ReportLab's mark
    that the whole was already moved to a new page once (the part has not been)."""
    part = copy.copy(flowable)
    part.__dict__.pop("_postponed", None)
    if isinstance(flowable, Tagged):  # one structure element for all the parts
        part.tag = flowable.tag
    return part


def flow(flowables: list[Flowable], aw: float, ah: float) -> list[Flowable]:
    """The flowables as a split's result, whose first part fits in ah; [] when even a piece of
    the first cannot (ReportLab then tries again on a new page)."""
    _, h = flowables[0].wrap(aw, ah)
    if h <= ah:
        return flowables
    pieces = flowables[0].split(aw, ah)
    return [*pieces, *flowables[1:]] if pieces else []


class Unsplittable(Tagged, Flowable):
    """A flowable that moves to the next page whole rather than split."""

    def split(self, aw, ah):
        return []

    def rule(self, x0: float, x1: float, y: float) -> None:
        with artifact(self.canv):
            self.canv.saveState()
            self.canv.setStrokeColor(RULE)
            self.canv.setLineWidth(0.7)
            self.canv.line(x0, y, x1, y)
            self.canv.restoreState()

    def caption(self, text: str, x: float, y: float, size: float) -> None:
        """A small grey label, read as part of the element open around it."""
        self.canv.saveState()
        self.canv.setFont(self.ctx.styles.fonts.regular, size)
        self.canv.setFillColor(MUTED)
        draw_string(self.canv, x, y, text)
        self.canv.restoreState()


class WritingArea(Unsplittable):
    """A prompt: its question, an optional hint, and ruled lines under one multi-line field.

    Kept on one page; only a question too long to share a page with its lines flows on its own,
    the lines (never split) following it."""

    def __init__(self, ctx: LayoutContext, name: str, label: str, lines: int, hint: str = ""):
        super().__init__()
        self.ctx, self.name, self.lines = ctx, name, lines
        self.tooltip = plain(label)
        self.paras = [Paragraph(label, ctx.styles.label)] + ([Paragraph(hint, ctx.styles.hint)] if hint else [])

    def wrap(self, aw, ah):
        self.width = aw
        self.para_h = [p.wrap(aw, ah)[1] for p in self.paras]
        self.height = sum(self.para_h) + self.lines * self.ctx.styles.gap + 8
        return aw, self.height

    def split(self, aw, ah):
        self.wrap(aw, ah)
        if self.height <= self.ctx.styles.frame_height or not self.paras:
            return []
        lines = part_of(self)
        lines.paras = []
        return flow([*self.paras, lines], aw, ah)

    def draw(self):
        y = self.height
        for p, h in zip(self.paras, self.para_h):
            y -= h
            p.drawOn(self.canv, 0, y)
        gap = self.ctx.styles.gap
        bottom = y - self.lines * gap
        for i in range(1, self.lines + 1):
            self.rule(0, self.width, y - i * gap)
        self.ctx.fields.text(self.canv, self.name, 0, bottom + 2, self.width, self.lines * gap - 2,
                             self.tooltip, multiline=True)


class FieldRow(Unsplittable):
    """Short labelled lines (name, date, session number), optionally pre-filled: on one row,
    or on as few rows as leave every line long enough for its value and for handwriting."""

    GUTTER = 18
    MIN_LINE = 54  # points: room for a handwritten date

    def __init__(self, ctx: LayoutContext, items: list[tuple[str, str, str, int]]):
        super().__init__()
        self.ctx, self.items = ctx, items  # (field name, label, value, relative width)

    def wrap(self, aw, ah):
        self.width = aw
        self.rows = self._rows(aw)
        if self.ctx.log is not None and any(value for *_, value, _ in self.items):
            self.ctx.log.append(self)  # its rows depend on the values' widths
        self.row_h = self.ctx.styles.body_size * 2.6
        self.height = self.row_h * len(self.rows)
        return aw, self.height

    def _rows(self, width: float) -> list[list[tuple]]:
        for per_row in range(len(self.items), 1, -1):
            rows = [self.items[i:i + per_row] for i in range(0, len(self.items), per_row)]
            if all(self._fits(row, width) for row in rows):
                return rows
        return [[item] for item in self.items]

    def _spans(self, row: list[tuple], width: float):
        """Each item of a row with its x, its span and its label's width."""
        s = self.ctx.styles
        total = sum(w for *_, w in row)
        usable = width - self.GUTTER * (len(row) - 1)
        x = 0.0
        for item in row:
            span = usable * item[3] / total
            yield item, x, span, string_width(plain(item[1]), s.fonts.bold, s.body_size) + 6
            x += span + self.GUTTER

    def _fits(self, row: list[tuple], width: float) -> bool:
        size = self.ctx.fields.font_size
        return all(span - label_w >= max(self.MIN_LINE, form_font().width(plain(value), size) + 8)
                   for (_, _, value, _), _, span, label_w in self._spans(row, width))

    def draw(self):
        s, canv = self.ctx.styles, self.canv
        for r, row in enumerate(self.rows):
            y = self.height - (r + 1) * self.row_h
            for (name, label, value, _), x, span, label_w in self._spans(row, self.width):
                text = plain(label)
                with element(canv, Elem("P")):  # the label, then its field (or printed value)
                    canv.saveState()
                    canv.setFont(s.fonts.bold, s.body_size)
                    canv.setFillColor(s.primary)
                    draw_string(canv, x, y + 6, text)
                    canv.restoreState()
                    lx = x + label_w
                    self.rule(lx, x + span, y + 4)
                    self.ctx.fields.text(canv, name, lx, y + 5, x + span - lx, self.ctx.fields.font_size * 1.5,
                                         text, value=plain(value))


class CheckItem(Unsplittable):
    """One checklist line: a box to tick (a finger's target) and its text, a one-line text
    centred on the box. Tagged: an LI of `checklist` (one L for the block's items), its
    checkbox the Lbl, its text the LBody."""

    def __init__(self, ctx: LayoutContext, name: str, text: str, checklist: Elem):
        super().__init__()
        self.tag = Elem("LI", checklist)
        self.ctx, self.name = ctx, name
        self.para = Paragraph(text, ctx.styles.cell)
        self.box = ctx.styles.target
        self.indent = self.box + 10

    def wrap(self, aw, ah):
        self.width = aw
        self.para_h = self.para.wrap(aw - self.indent, ah)[1]
        self.drop = max(0.0, (self.box - self.ctx.styles.cell.leading) / 2)  # text below the box's top
        self.height = max(self.para_h + self.drop, self.box) + self.ctx.styles.body_size * 0.55
        return aw, self.height

    def draw(self):
        top = self.height
        with element(self.canv, Elem("Lbl", self.tag), content=False):
            self.ctx.fields.checkbox(self.canv, self.name, 0, top - self.box, self.box, plain(self.para.text),
                                     self.ctx.styles.primary)
        self.para.tag = Elem("LBody", self.tag)
        self.para.drawOn(self.canv, self.indent, top - self.drop - self.para_h)


class CheckPair(Unsplittable):
    """Two short checklist lines side by side: with finger-sized boxes, a list of short options
    ("tick one") takes half the height, and the lines read across, left then right. Tagged, it
    is nothing itself: each item is an LI of the one list, in reading order."""

    GUTTER = 18

    def __init__(self, left: CheckItem, right: CheckItem | None = None):
        super().__init__()
        self.items = [i for i in (left, right) if i]

    def wrap(self, aw, ah):
        self.width = aw
        self.half = (aw - self.GUTTER) / 2
        self.height = max(i.wrap(self.half, ah)[1] for i in self.items)
        return aw, self.height

    def draw(self):
        for n, item in enumerate(self.items):
            item.drawOn(self.canv, n * (self.half + self.GUTTER), self.height - item.height)

    @staticmethod
    def fits(items: list[CheckItem], width: float) -> bool:
        """Whether every line fits beside its box in half the width (two lines of text at most)."""
        half = (width - CheckPair.GUTTER) / 2
        return all(i.para.wrap(half - i.indent, 1e6)[1] <= i.box for i in items)


class YesNoItem(Unsplittable):
    """A screening question: Yes and No boxes (one choice, each a finger's target) and a line
    for details."""

    def __init__(self, ctx: LayoutContext, name: str, text: str, details: str):
        super().__init__()
        s = ctx.styles
        self.ctx, self.name, self.details = ctx, name, plain(details)
        self.para = Paragraph(text, s.cell)
        self.box = s.target
        form = ctx.words.form
        self.answer_w = max(string_width(a, s.fonts.regular, s.body_size) for a in (form.answer_yes, form.answer_no))
        self.choices_w = 2 * (self.box + 6 + self.answer_w) + 14

    def wrap(self, aw, ah):
        s = self.ctx.styles
        self.width = aw
        self.para_h = self.para.wrap(aw - self.choices_w - 12, ah)[1]
        self.drop = max(0.0, (self.box - s.cell.leading) / 2)
        self.height = max(self.para_h + self.drop, self.box) + s.gap + 8
        return aw, self.height

    def draw(self):
        s, canv = self.ctx.styles, self.canv
        top = self.height
        self.para.drawOn(canv, 0, top - self.drop - self.para_h)
        y = top - self.box
        x = self.width - self.choices_w
        tooltip = plain(self.para.text)
        form = self.ctx.words.form
        # The values stay Yes and No in every language, so answers read back alike; only the
        # printed labels are translated.
        for value, shown in (("Yes", form.answer_yes), ("No", form.answer_no)):
            # Fillable, the choice's /Form is named "question: Yes", so the printed word is an
            # artifact (read once, not twice); on paper the word is what there is to read.
            with artifact(canv) if self.ctx.fields.fillable else element(canv, Elem("P")):
                self.ctx.fields.radio(canv, self.name, value, x, y, self.box, tooltip, s.primary, shown)
                canv.setFont(s.fonts.regular, s.body_size)
                canv.setFillColor(MUTED)
                draw_string(canv, x + self.box + 6, y + (self.box - s.body_size * 0.7) / 2, shown)
            x += self.box + 6 + self.answer_w + 14
        line_y = 8
        label = f"{self.details}:"
        with element(canv, Elem("P")):
            self.caption(label, 12, line_y + 2, s.small_size + 0.5)
            lx = 12 + string_width(label, s.fonts.regular, s.small_size + 0.5) + 6
            self.rule(lx, self.width, line_y)
            self.ctx.fields.text(canv, f"{self.name}-details", lx, line_y + 1, self.width - lx, s.gap - 3,
                                 self.ctx.words.tooltips.details.format(question=tooltip, details=self.details.lower()))


class InitialsItem(Unsplittable):
    """A statement to agree to, with a box for the client's initials."""

    def __init__(self, ctx: LayoutContext, name: str, text: str):
        super().__init__()
        self.ctx, self.name = ctx, name
        self.para = Paragraph(text, ctx.styles.cell)
        self.box_w, self.box_h = 64, max(28, ctx.styles.gap * 1.0)

    def wrap(self, aw, ah):
        self.width = aw
        self.para_h = self.para.wrap(aw - self.box_w - 20, ah)[1]
        self.height = max(self.para_h, self.box_h + 12) + 10
        return aw, self.height

    def draw(self):
        s, canv = self.ctx.styles, self.canv
        top = self.height
        self.para.drawOn(canv, 0, top - self.para_h)
        x, y = self.width - self.box_w, top - self.box_h - 2
        canv.saveState()
        canv.setStrokeColor(s.primary)
        canv.rect(x, y, self.box_w, self.box_h, stroke=1, fill=0)
        canv.restoreState()
        with element(canv, Elem("P")):
            self.caption(self.ctx.words.form.initials, x, y - s.small_size - 1, s.small_size)
            self.ctx.fields.text(canv, self.name, x + 2, y + 2, self.box_w - 4, self.box_h - 4,
                                 self.ctx.words.tooltips.initials.format(statement=plain(self.para.text)), align="center")


class SignatureBlock(Unsplittable):
    """Per role: signature and date lines, and the printed name. Tagged: a Table, a row per
    role headed by the role (TH, scope Row), a cell per line (its caption and its field)."""

    role = "Table"

    def __init__(self, ctx: LayoutContext, block_id: str, roles: list[tuple[str, str, str, str]]):
        super().__init__()
        self.ctx, self.block_id, self.roles = ctx, block_id, roles  # (slug, role, name, date)

    def wrap(self, aw, ah):
        s = self.ctx.styles
        self.width = aw
        self.row = s.gap * 1.5
        role_h = 2 * self.row + s.body_size * 1.3 + s.small_size + 16  # lines, title, captions
        self.height = len(self.roles) * role_h
        return aw, self.height

    def draw(self):
        s, canv = self.ctx.styles, self.canv
        y = self.height
        for key, role, name, date in self.roles:
            role_text = plain(role)
            row = Elem("TR", self.tag)
            y -= s.body_size * 1.3
            with element(canv, Elem("TH", row, Table={"Scope": "Row"})):
                canv.setFont(s.fonts.bold, s.body_size)
                canv.setFillColor(s.primary)
                draw_string(canv, 0, y, role_text)
            y -= self.row
            split = self.width * 0.66
            form, tips = self.ctx.words.form, self.ctx.words.tooltips
            self._line(row, f"{key}-signature", form.signature, "", 0, split - 18, y, tips.signature.format(role=role_text))
            self._line(row, f"{key}-date", form.date, date, split, self.width, y, tips.date.format(role=role_text))
            y -= self.row
            self._line(row, f"{key}-name", form.printed_name, name, 0, split - 18, y,
                       tips.printed_name.format(role=role_text))
            y -= s.small_size + 16

    def _line(self, row: Elem, item: str, label: str, value: str, x0: float, x1: float, y: float,
              tooltip: str) -> None:
        s = self.ctx.styles
        self.rule(x0, x1, y)
        with element(self.canv, Elem("TD", row)):
            self.caption(label, x0, y - s.small_size - 2, s.small_size)
            self.ctx.fields.text(self.canv, self.ctx.name(self.block_id, item), x0, y + 1, x1 - x0,
                                 s.gap - 2, tooltip, value=plain(value))


class Box(Tagged, Flowable):
    """A tinted callout: optional title and paragraphs, with an accent bar at the left. Kept on
    one page when it fits on one; a longer one (a long crisis text) flows on, between lines.
    Tagged: a Sect titled by its heading (one level below the section it is in), one for all
    its parts."""

    PAD = 10

    def __init__(self, ctx: LayoutContext, title: str, paragraphs: list[str], tone: str = "calm"):
        super().__init__()
        s = ctx.styles
        self.tag = Elem("Sect", title=plain(title) or None)
        self.ctx, self.tone = ctx, tone
        self.parts = ([Paragraph(title, s.callout_title)] if title else []) + [Paragraph(p, s.callout_body) for p in paragraphs]

    def wrap(self, aw, ah):
        self.width = aw
        inner = aw - 2 * self.PAD - 4
        self.heights = [p.wrap(inner, ah)[1] for p in self.parts]
        spacing = sum(p.style.spaceAfter for p in self.parts[:-1])
        self.height = sum(self.heights) + spacing + 2 * self.PAD
        return aw, self.height

    def split(self, aw, ah):
        self.wrap(aw, ah)
        if self.height <= self.ctx.styles.frame_height:
            return []
        inner, room = aw - 2 * self.PAD - 4, ah - 2 * self.PAD
        for i, (part, h) in enumerate(zip(self.parts, self.heights)):
            if h > room:
                pieces = part.split(inner, room)
                head, tail = (self.parts[:i] + pieces[:1], pieces[1:] + self.parts[i + 1:]) if pieces else \
                    (self.parts[:i], self.parts[i:])
                return [self._with(head), self._with(tail)] if head and tail else []
            room -= h + part.style.spaceAfter
        return []

    def _with(self, parts: list) -> Box:
        box = part_of(self)
        box.parts = parts
        return box

    def draw(self):
        s, canv = self.ctx.styles, self.canv
        canv.saveState()
        if self.tone == "safety":
            canv.setFillColor(s.tint)
            canv.setStrokeColor(s.primary)
            canv.setLineWidth(1.4)
            canv.roundRect(0, 0, self.width, self.height, 6, stroke=1, fill=1)
        else:
            canv.setFillColor(s.tint)
            canv.roundRect(0, 0, self.width, self.height, 6, stroke=0, fill=1)
            canv.setFillColor(s.accent)
            canv.rect(0, 0, 4, self.height, stroke=0, fill=1)
        canv.restoreState()
        y = self.height - self.PAD
        for part, h in zip(self.parts, self.heights):
            y -= h
            part.drawOn(canv, self.PAD + 4, y)
            y -= part.style.spaceAfter

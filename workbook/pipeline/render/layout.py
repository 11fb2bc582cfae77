"""Block -> flowables: one small function per block type, and the registry that maps each block
model to its function (checked complete by a unit test)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from reportlab.platypus import Flowable, KeepTogether, ListItem, PageBreakIfNotEmpty

from workbook.model import blocks as b
from workbook.model.base import slug
from workbook.pipeline.markup import PARAGRAPH_BREAK, plain
from workbook.pipeline.render.context import LayoutContext
from workbook.pipeline.render.flowables import (
    Box,
    CheckItem,
    CheckPair,
    FieldRow,
    InitialsItem,
    SignatureBlock,
    WritingArea,
    YesNoItem,
)
from workbook.pipeline.render.keep import Gap, KeepLead, KeptList
from workbook.pipeline.render.measure import MeasureGrid
from workbook.pipeline.render.paragraph import Paragraph
from workbook.pipeline.render.qr import QRCard
from workbook.pipeline.render.scale import ScaleGrid
from workbook.pipeline.render.table import Column, FormTable
from workbook.pipeline.render.tags import Elem, tag_list


def flowables_for(block: b.Block, ctx: LayoutContext) -> list[Flowable]:
    """The block's flowables, each knowing where the block was written: a flowable that cannot
    fit on any page is refused at that location (see pages.PageDocTemplate.handle_flowable)."""
    out = LAYOUT[type(block)](block, ctx)
    for flowable in out:
        for part in [flowable, *getattr(flowable, "_content", ())]:  # a KeepTogether's rows too
            part.where = block.where()
    return out


class HeadingParagraph(Paragraph):
    """A heading that also becomes a PDF bookmark under its document. It is never split: a
    heading taller than a page is refused, located, instead."""

    def __init__(self, text, style, key: str):
        super().__init__(text, style)
        self.key = key

    def split(self, aw, ah):
        return []

    def draw(self):
        super().draw()
        key = f"{self.key}@{self.canv.getPageNumber()}"  # the same heading may recur (repeats)
        self.canv.bookmarkPage(key)
        self.canv.addOutlineEntry(plain(self.text), key, level=1, closed=True)


def heading(block: b.Heading, ctx: LayoutContext) -> list[Flowable]:
    # It never ends a page alone: keep.py keeps it with the start of the block it heads. The empty
    # gap before it keeps its whole space above, not overlapped with the space after the text above.
    key = f"{ctx.doc.id}/{slug(block.text)}"
    return [Gap(1, 0), HeadingParagraph(block.text, ctx.styles.heading, key)]


def text(block: b.Paragraph, ctx: LayoutContext) -> list[Flowable]:
    return [Paragraph(p, ctx.styles.body) for p in block.text.split(PARAGRAPH_BREAK)]


def _list(items, ctx: LayoutContext, numbered: bool) -> list[Flowable]:
    s = ctx.styles
    kind = dict(bulletType="1", bulletFormat="%s.", bulletFontName=s.fonts.bold) if numbered else \
        dict(bulletType="bullet", start="•", bulletFontName=s.fonts.regular)
    return [tag_list(KeptList(
        [ListItem(Paragraph(i, s.bullet)) for i in items],
        leftIndent=s.body_size * 1.6, bulletFontSize=s.body_size, bulletColor=s.primary,
        bulletOffsetY=0, spaceAfter=s.body_size * 0.4, **kind,
    ))]


def bullets(block: b.Bullets, ctx: LayoutContext) -> list[Flowable]:
    return _list(block.items, ctx, numbered=False)


def steps(block: b.Steps, ctx: LayoutContext) -> list[Flowable]:
    return _list(block.items, ctx, numbered=True)


def _spaced(*flowables: Flowable, ctx: LayoutContext, after: float = 0.8) -> list[Flowable]:
    return [*flowables, Gap(1, ctx.styles.body_size * after)]


def callout(block: b.Callout, ctx: LayoutContext) -> list[Flowable]:
    return _spaced(Box(ctx, block.title, block.text.split(PARAGRAPH_BREAK)), ctx=ctx)


def safety(block: b.Safety, ctx: LayoutContext) -> list[Flowable]:
    if not block.show:
        return []
    box = ctx.doc.safety
    return _spaced(Box(ctx, box.title, box.text.split(PARAGRAPH_BREAK), tone="safety"), ctx=ctx)


def page_break(block: b.PageBreak, ctx: LayoutContext) -> list[Flowable]:
    return [PageBreakIfNotEmpty()] if block.show else []  # none at the top of a fresh page


def resource(block: b.Resource, ctx: LayoutContext) -> list[Flowable]:
    return _spaced(QRCard(ctx.doc.links[block.ref], ctx.styles, ctx.words, ctx.language), ctx=ctx, after=0.7)


def prompt(block: b.Prompt, ctx: LayoutContext) -> list[Flowable]:
    return _spaced(WritingArea(ctx, ctx.name(block.id, 1), block.label, block.lines, block.hint), ctx=ctx)


def fields(block: b.Fields, ctx: LayoutContext) -> list[Flowable]:
    items = [(ctx.name(block.id, i.key), i.label, i.value, i.width) for i in block.items]
    return _spaced(FieldRow(ctx, items), ctx=ctx)


def checklist(block: b.Checklist, ctx: LayoutContext) -> list[Flowable]:
    checklist = Elem("L")  # one list, whether or not its items break across pages or sit in pairs
    items = [CheckItem(ctx, ctx.name(block.id, n), t, checklist) for n, t in enumerate(block.items, 1)]
    rows: list[Flowable] = list(items)
    if len(items) > 1 and CheckPair.fits(items, ctx.styles.frame_width):
        rows = [CheckPair(*items[i:i + 2]) for i in range(0, len(items), 2)]
    return _spaced(*_keep_short(rows), ctx=ctx, after=0.4)


def _keep_short(items: list[Flowable], limit: int = 8) -> list[Flowable]:
    """Keep a short run of rows on one page; a long one may break between rows."""
    return [KeepTogether(items)] if len(items) <= limit else items


def scale(block: b.Scale, ctx: LayoutContext) -> list[Flowable]:
    grid = ScaleGrid(ctx, block.id, list(block.rows), list(block.columns), list(block.keys or ()), block.min, block.max,
                     block.legend)
    return _spaced(grid, ctx=ctx)


def yes_no(block: b.YesNo, ctx: LayoutContext) -> list[Flowable]:
    details = block.details or ctx.words.form.details
    items = [YesNoItem(ctx, ctx.name(block.id, n), t, details) for n, t in enumerate(block.items, 1)]
    return _spaced(*items, ctx=ctx, after=0.4)


def initials(block: b.Initials, ctx: LayoutContext) -> list[Flowable]:
    items = [InitialsItem(ctx, ctx.name(block.id, n), t) for n, t in enumerate(block.items, 1)]
    return _spaced(*items, ctx=ctx, after=0.4)


def signature(block: b.Signature, ctx: LayoutContext) -> list[Flowable]:
    roles = []
    for r in block.roles:
        assert r.key is not None  # settled when the content was validated
        roles.append((r.key, r.role, r.name, r.date))
    return _spaced(SignatureBlock(ctx, block.id, roles), ctx=ctx)


def table(block: b.Table, ctx: LayoutContext) -> list[Flowable]:
    columns = [Column(c.id, c.label, c.width, c.hint) for c in block.columns]
    return _spaced(FormTable(ctx, block.id, columns, block.rows, block.numbered, list(block.example)), ctx=ctx)


def measure(block: b.Measure, ctx: LayoutContext) -> list[Flowable]:
    grid = MeasureGrid(ctx, block.id, list(block.items), list(block.choices), block.low)
    if block.instructions:
        return _spaced(KeepLead([Paragraph(block.instructions, ctx.styles.label), grid], 1), ctx=ctx)
    return _spaced(grid, ctx=ctx)


Handler = Callable[[Any, LayoutContext], list[Flowable]]

# Every block type but repeat (expanded by the resolve stage) has its layout function here.
LAYOUT: dict[type[b.Block], Handler] = {
    b.Heading: heading,
    b.Paragraph: text,
    b.Bullets: bullets,
    b.Steps: steps,
    b.Callout: callout,
    b.Safety: safety,
    b.PageBreak: page_break,
    b.Resource: resource,
    b.Prompt: prompt,
    b.Fields: fields,
    b.Checklist: checklist,
    b.Scale: scale,
    b.YesNo: yes_no,
    b.Initials: initials,
    b.Signature: signature,
    b.Table: table,
    b.Measure: measure,
}

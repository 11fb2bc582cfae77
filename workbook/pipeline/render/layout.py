"""Block -> flowables: one small function per block type, and the registry that maps each block
model to its function (checked complete by a unit test)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from reportlab.platypus import Flowable, KeepTogether, ListItem, PageBreakIfNotEmpty

from workbook.model import blocks as b
from workbook.pipeline.markup import PARAGRAPH_BREAK, plain
from workbook.pipeline.render.context import LayoutContext
from workbook.pipeline.render.flowables import Box, CheckItem, FieldRow, InitialsItem, SignatureBlock, WritingArea, YesNoItem
from workbook.pipeline.render.keep import Gap, KeepLead, KeptList
from workbook.pipeline.render.measure import MeasureGrid
from workbook.pipeline.render.naming import item_keys, slug
from workbook.pipeline.render.paragraph import Paragraph
from workbook.pipeline.render.qr import QRCard
from workbook.pipeline.render.scale import ScaleGrid
from workbook.pipeline.render.table import Column, FormTable


def flowables_for(block: b.Block, ctx: LayoutContext) -> list[Flowable]:
    return LAYOUT[type(block)](block, ctx)


class HeadingParagraph(Paragraph):
    """A heading that also becomes a PDF bookmark under its document."""

    def __init__(self, text, style, key: str):
        super().__init__(text, style)
        self.key = key

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
    return [KeptList(
        [ListItem(Paragraph(i, s.bullet)) for i in items],
        leftIndent=s.body_size * 1.6, bulletFontSize=s.body_size, bulletColor=s.primary,
        bulletOffsetY=0, spaceAfter=s.body_size * 0.4, **kind,
    )]


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
    return _spaced(QRCard(ctx.doc.links[block.ref], ctx.styles), ctx=ctx, after=0.7)


def prompt(block: b.Prompt, ctx: LayoutContext) -> list[Flowable]:
    return _spaced(WritingArea(ctx, ctx.name(block.id, 1), block.label, block.lines, block.hint), ctx=ctx)


def fields(block: b.Fields, ctx: LayoutContext) -> list[Flowable]:
    keys = item_keys(i.label for i in block.items)
    items = [(ctx.name(block.id, k), i.label, i.value, i.width) for k, i in zip(keys, block.items)]
    return _spaced(FieldRow(ctx, items), ctx=ctx)


def checklist(block: b.Checklist, ctx: LayoutContext) -> list[Flowable]:
    items = [CheckItem(ctx, ctx.name(block.id, n), t) for n, t in enumerate(block.items, 1)]
    return _spaced(*_keep_short(items), ctx=ctx, after=0.4)


def _keep_short(items: list[Flowable], limit: int = 8) -> list[Flowable]:
    """Keep a short run of rows on one page; a long one may break between rows."""
    return [KeepTogether(items)] if len(items) <= limit else items


def scale(block: b.Scale, ctx: LayoutContext) -> list[Flowable]:
    grid = ScaleGrid(ctx, block.id, list(block.rows), list(block.columns), block.min, block.max, block.legend)
    return _spaced(grid, ctx=ctx)


def yes_no(block: b.YesNo, ctx: LayoutContext) -> list[Flowable]:
    items = [YesNoItem(ctx, ctx.name(block.id, n), t, block.details) for n, t in enumerate(block.items, 1)]
    return _spaced(*items, ctx=ctx, after=0.4)


def initials(block: b.Initials, ctx: LayoutContext) -> list[Flowable]:
    items = [InitialsItem(ctx, ctx.name(block.id, n), t) for n, t in enumerate(block.items, 1)]
    return _spaced(*items, ctx=ctx, after=0.4)


def signature(block: b.Signature, ctx: LayoutContext) -> list[Flowable]:
    keys = item_keys(r.role for r in block.roles)
    roles = [(k, r.role, r.name, r.date) for k, r in zip(keys, block.roles)]
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

"""Where pages may break: what keeps with what, beyond a single flowable's own rules.

- A heading, and its short intro, start on the same page as the first row, card, item or lines
  of the block they lead into; so does a short text that introduces a list or a writing block.
  (Not a fixed room: a tall QR card or rating grid takes its whole height with it.)
- A list breaks only between items, keeping at least two on each side.
- The space after a block never starts a page or carries onto a page of its own. (A page break
  block is ReportLab's PageBreakIfNotEmpty: at the top of a fresh page, it does nothing.)
- The closing lines of a document share a page with the end of what comes before them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from reportlab.platypus import Flowable, KeepTogether, ListFlowable, Spacer
from reportlab.platypus.doctemplate import ActionFlowable
from reportlab.platypus.flowables import _listWrapOn

from workbook.model import blocks as b
from workbook.pipeline.render.context import LayoutContext

# Blocks a short text may introduce: it then keeps with their first item, row or card.
INTRODUCED = (b.Bullets, b.Steps, b.Resource, b.Writable)
SHORT_LINES = 3  # a text of at most this many lines counts as an introduction


class Gap(Spacer):
    """The space after a block: none at the top of a page, and at the foot of a page only what
    is left, so that it never carries onto a page of its own (then a page break after it would
    leave that page blank)."""

    _ZEROSIZE = True  # asked to wrap even when the page is full, so it is used up, not carried

    def wrap(self, aw, ah):
        frame = getattr(self, "_frame", None)
        if frame is not None and frame._atTop:
            return aw, 0
        return aw, max(0.0, min(self.height, ah))


class KeptList(ListFlowable):
    """A list that breaks only between items, with at least two items on each side."""

    SIDE = 2

    def split(self, aw, ah):
        items = list(self._content)
        frame = getattr(self, "_frame", None)
        if frame is not None and frame._atTop:
            return items  # taller than a page: let it break where it must
        if len(items) < 2 * self.SIDE or _listWrapOn(items[:self.SIDE], aw, getattr(self, "canv", None))[1] > ah:
            return []
        middle = [KeepTogether([item]) for item in items[self.SIDE:-self.SIDE]]
        return [*items[:self.SIDE], *middle, KeepTogether(items[-self.SIDE:])]


class KeepLead(KeepTogether):
    """The first `lead` flowables all on one page, with at least the start of the one after them:
    a paragraph's first lines, a list's first items, a table's first rows, or the whole of
    something that does not split. Otherwise, all of it moves to the next page."""

    def __init__(self, flowables: list[Flowable], lead: int):
        super().__init__(flowables)
        self.lead = lead
        for f in flowables[:lead]:
            # This group decides what goes with the heading; the style's keepWithNext would bind
            # it to the whole of the next flowable and move a grid taller than a page (which
            # splits between rows) to a page of its own, leaving most of this one empty.
            f.keepWithNext = 0

    def split(self, aw, ah):
        content = list(self._content)
        frame = getattr(self, "_frame", None)
        if frame is None or frame._atTop or self._starts(aw, ah) or not self._starts(aw, frame._height):
            return _placeable(content)  # it fits, or could not fit even on an empty page: moving would only waste one
        return [self.FrameBreak(), *content]

    def _starts(self, aw: float, ah: float) -> bool:
        head, tail = self._content[:self.lead], self._content[self.lead:]
        used = _height(head, aw)
        return used <= ah and (not tail or _begins(tail[0], aw, ah - used))


def _placeable(parts: list[Flowable]) -> list[Flowable]:
    """A split's result the frame can place: a group first (a measure's instructions and grid)
    wraps as impossibly tall to be split, so the frame would refuse to place it as the first part;
    a null action first puts it back on the list to go through its own split."""
    return [KeepTogether.NullActionFlowable(), *parts] if parts and isinstance(parts[0], KeepTogether) else parts


def _height(flowables: Sequence[Flowable], aw: float) -> float:
    """The height of flowables stacked, with the space around each."""
    total = 0.0
    for i, f in enumerate(flowables):
        # A KeepTogether wraps to an impossible height to make the frame split it: measure its content.
        h = _height(f._content, aw) if isinstance(f, KeepTogether) else f.wrap(aw, 1e6)[1]
        total += h + f.getSpaceAfter() + (f.getSpaceBefore() if i else 0)
    return total


def _begins(f: Flowable, aw: float, room: float) -> bool:
    """Whether f fits in room, or splits so that its first part does."""
    if isinstance(f, KeepLead):
        return f._starts(aw, room)
    if isinstance(f, KeepEnd):
        return f.starts(aw, room)
    if isinstance(f, KeepTogether):
        return _height(f._content, aw) <= room
    room -= f.getSpaceBefore()
    if f.wrap(aw, room)[1] <= room:
        return True
    parts = f.split(aw, room)
    return bool(parts) and not isinstance(parts[0], ActionFlowable) and parts[0].wrap(aw, room)[1] <= room


def keep_leads(blocks: Sequence[b.Block], ctx: LayoutContext,
               flowables_for: Callable[[b.Block, LayoutContext], list[Flowable]]) -> list[Flowable]:
    """The flowables of a document's blocks, with each heading (and short intro) or short
    introducing text bound to the start of the block it leads into."""
    out: list[Flowable] = []
    head: list[Flowable] = []
    for i, block in enumerate(blocks):
        flows = flowables_for(block, ctx)
        following = blocks[i + 1] if i + 1 < len(blocks) else None
        if flows and following is not None and _leads(block, flows, following, bool(head), ctx):
            head += flows
            continue
        if head:
            out.append(KeepLead(head + flows[:1], len(head)))
            out += flows[1:]
            head = []
        else:
            out += flows
    return out


def _leads(block: b.Block, flows: list[Flowable], following: b.Block, after_heading: bool,
           ctx: LayoutContext) -> bool:
    if isinstance(following, b.PageBreak):
        return False
    if isinstance(block, b.Heading) or (isinstance(block, b.Fields) and after_heading):
        return True  # a heading, and a row of short lines under it (a date), lead into what follows
    if isinstance(block, b.Paragraph) and (after_heading or isinstance(following, INTRODUCED)):
        lines = sum(f.wrap(ctx.styles.frame_width, 1e6)[1] for f in flows) / ctx.styles.body.leading
        return lines <= SHORT_LINES + 0.2
    return False


def with_closing(story: list[Flowable], closing: list[Flowable]) -> list[Flowable]:
    """The story with the closing lines kept with the end of its last real flowable, so that
    they never stand alone on a page; when that flowable is a heading's group, with the group's
    last part."""
    if not closing:
        return story
    last = max(i for i, f in enumerate(story) if not isinstance(f, Spacer))
    f, end = story[last], [*story[last + 1:], *closing]
    if isinstance(f, KeepLead) and f.lead < len(f._content):
        content = list(f._content)
        kept: Flowable = KeepLead([*content[:-1], KeepEnd([content[-1], *end], len(end))], f.lead)
    else:
        kept = KeepEnd([f, *end], len(end))
    return [*story[:last], kept]


class KeepEnd(KeepTogether):
    """Flowables whose last `end` (the closing lines) must share a page with the end of those
    before them. Those may still split across pages: a long table, list or text breaks as it
    would, and only its last part stays with the end."""

    def __init__(self, flowables: list[Flowable], end: int):
        # A plain KeepTogether inside would measure as impossibly tall: take its flowables.
        flat = [g for f in flowables for g in (f._content if type(f) is KeepTogether else [f])]
        super().__init__(flat)
        self.end = end

    def split(self, aw, ah):
        content = list(self._content)
        if _height(content, aw) <= ah:
            return _placeable(content)
        first, body = content[0], len(content) - self.end
        if body > 1 and _height([first], aw) <= ah:
            # Let the first go here; a group goes through the frame's own keeping (a null action first).
            return [*([self.NullActionFlowable()] if isinstance(first, KeepTogether) else []),
                    first, KeepEnd(content[1:], self.end)]
        parts = self._first_part(aw, ah) if body >= 1 else []
        if parts:
            return [parts[0], KeepEnd([*parts[1:], *content[1:]], self.end)]
        return super().split(aw, ah)

    def starts(self, aw: float, room: float) -> bool:
        """Whether something of it can go in room without leaving the end behind."""
        content = self._content
        if _height(content, aw) <= room:
            return True
        if len(content) - self.end > 1:
            return _begins(content[0], aw, room)
        return bool(self._first_part(aw, room))

    def _first_part(self, aw: float, ah: float) -> list[Flowable]:
        """The first flowable split so that its first part fits in ah, or []."""
        first = self._content[0]
        if isinstance(first, KeepTogether):
            return []
        parts = first.split(aw, ah)
        if len(parts) > 1 and not isinstance(parts[0], ActionFlowable) and parts[0].wrap(aw, ah)[1] <= ah:
            return parts
        return []

"""A grid of rows under a header that may continue on the next page: it splits between rows
only, repeats its header at the top of each part, and leaves at least two rows (or what
`min_rows` says) on either side of a page break. The table and measure blocks draw their rows
on it.

Tagged, the grid is one Table element for all its parts: the header is its first row (a TR
whose cells the subclass makes) and each row drawn a TR. The header a later part repeats is a
header row again where it stands, not page furniture: its headings are often a line of eight or
more words (a medicines list's, a measure's choices), and outloud's TAG-002 (an error) rightly
says that prose marked as an artifact is skipped by every reader unless it recurs on most pages."""

from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable

from workbook.pipeline.render.flowables import part_of
from workbook.pipeline.render.styles import MUTED, Styles
from workbook.pipeline.render.tags import Elem, Tagged


class RowGrid(Tagged, Flowable):
    """Subclasses measure their parts in `measure(width)` (setting header_h, lead_h and row_h,
    one height per row) and draw them, each row's cells in the TR they are given; this class
    decides what goes on which page."""

    role = "Table"
    MIN_ROWS = 2  # on each side of a page break

    def __init__(self, count: int):
        super().__init__()
        self.count = count
        self.first, self.last = 0, count  # the rows this part draws
        self.header_h = self.lead_h = 0.0
        self.row_h: list[float] = []

    def measure(self, width: float) -> None:
        raise NotImplementedError

    def min_rows(self) -> int:
        """The fewest rows a page may hold of this grid (asked once it is measured)."""
        return self.MIN_ROWS

    def draw_header(self, top: float, tr: Elem) -> None:
        """The column headings, below `top` (every part)."""

    def draw_lead(self, top: float) -> None:
        """What comes between the header and the first row (the first part only)."""

    def draw_row(self, row: int, y: float, height: float, tr: Elem) -> None:
        raise NotImplementedError

    def _fixed(self) -> float:
        return self.header_h + (self.lead_h if self.first == 0 else 0)

    def wrap(self, aw, ah):
        self.width = aw
        self.measure(aw)
        self.height = self._fixed() + sum(self.row_h[self.first:self.last])
        return aw, self.height

    def split(self, aw, ah):
        self.wrap(aw, ah)
        used = self._fixed()
        fits = 0
        for h in self.row_h[self.first:self.last]:
            if used + h > ah:
                break
            used += h
            fits += 1
        rows, least = self.last - self.first, self.min_rows()
        keep = min(fits, rows - least)
        frame = getattr(self, "_frame", None)
        at_top = bool(frame and frame._atTop)
        if keep < least and not (at_top and fits >= 1):
            return []  # too little room here: the grid starts on the next page
        keep = max(1, min(keep, rows - 1))  # at a page's top, whatever fits; never an empty part
        return [self._part(self.first, self.first + keep), self._part(self.first + keep, self.last)]

    def _part(self, first: int, last: int) -> RowGrid:
        part = part_of(self)  # one Table element for all the parts
        part.first, part.last = first, last
        return part

    def draw(self):
        top = self.height
        self.draw_header(top, Elem("TR", self.tag))
        top -= self.header_h
        if self.first == 0:
            self.draw_lead(top)
            top -= self.lead_h
        for row in range(self.first, self.last):
            top -= self.row_h[row]
            self.draw_row(row, top, self.row_h[row], Elem("TR", self.tag))


_LOOKS: dict[int, tuple[Styles, dict[str, ParagraphStyle]]] = {}


def looks(styles: Styles) -> dict[str, ParagraphStyle]:
    """Small paragraph styles for headings and examples inside grids, made once per look (the
    paragraph cache is keyed by style, so new styles for every table would only churn it)."""
    hit = _LOOKS.get(id(styles))
    if hit is None or hit[0] is not styles:
        s = styles
        size = s.small_size + 1
        made = {
            "head": s.label.clone("grid_head", fontSize=size, leading=size * 1.25, textColor=s.primary),
            "hint": s.hint.clone("grid_hint", fontSize=s.small_size, leading=s.small_size * 1.25),
            "example": s.cell.clone("grid_example", fontName=s.fonts.italic, textColor=MUTED),
            "item": s.cell.clone("grid_item", leftIndent=s.body_size * 1.9, bulletIndent=0,
                                 bulletFontName=s.fonts.bold, bulletFontSize=s.body_size, bulletColor=s.primary),
        }
        if len(_LOOKS) > 16:  # a long-lived process making many looks (tests) stays small
            _LOOKS.clear()
        hit = _LOOKS[id(styles)] = (styles, made)
    return hit[1]

"""Platypus hooks: a mixin by which a flowable declares the structure element it is (and keeps
one element for all the parts a split makes), tagged list items and tables, any flowable
wrapped in an element, and real spaces at paragraph line ends."""

from __future__ import annotations

from contextlib import nullcontext

from reportlab.platypus import Flowable, Table
from reportlab.platypus.flowables import LIIndenter, ListFlowable
from reportlab.platypus.paragraph import _HSFrag

from workbook.pipeline.render.tags.marks import pagination, tags_of
from workbook.pipeline.render.tags.tree import Elem

# Elements that hold other elements: what such a flowable paints itself (a tint, a frame, a
# rule) is an artifact. Every other role is a leaf whose painting is its content.
CONTAINERS = frozenset({"Document", "Part", "Sect", "Div", "Art", "BlockQuote", "L", "LI", "Table", "THead",
                        "TBody", "TFoot", "TR", "TOC", "TOCI", "Form"})


class Tagged:
    """Mixin for a Flowable: declare `role` (a structure type: "P", "Sect", "Table"...) and the
    flowable is drawn inside an element of that type, placed in the tree where it is drawn.

        class Box(Tagged, Flowable):
            role = "Sect"

    `tag` is the element itself (made on first use; assign one to give it a parent or an /Alt).
    Every part `split` makes shares it, so a paragraph that breaks across pages stays one
    element. A container role paints artifacts and holds the elements its children declare;
    text a flowable draws itself (drawString) goes inside `element(canv, Elem("P"))` or is an
    artifact. A flowable that declares nothing is drawn as part of whatever is open around it:
    inside a container that is an artifact, which the coverage test reports."""

    role: str | None = None
    _tag: Elem | None = None

    @property
    def tag(self) -> Elem | None:
        if self._tag is None and self.role:
            self._tag = Elem(self.role)
        return self._tag

    @tag.setter
    def tag(self, elem: Elem | None) -> None:
        self._tag = elem

    def drawOn(self, canv, x, y, _sW=0):
        tags = tags_of(canv)
        elem = self.tag if tags else None
        if elem is None:
            return super().drawOn(canv, x, y, _sW)  # type: ignore[misc]
        with tags.element(elem, elem.type not in CONTAINERS):  # type: ignore[union-attr]
            return super().drawOn(canv, x, y, _sW)  # type: ignore[misc]

    def split(self, aw, ah):
        parts = super().split(aw, ah)  # type: ignore[misc]
        if len(parts) > 1:
            elem = self.tag
            for part in parts:
                if isinstance(part, Tagged):
                    part.tag = elem
        return parts


class TaggedLI(LIIndenter):
    """One list item: LI > Lbl (the bullet or number) + LBody (the item's flowables). An item
    that is one tagged leaf (a paragraph) is the LBody itself, one element fewer."""

    _IndenterAttrs = LIIndenter._IndenterAttrs + ["li", "body"]

    def __init__(self, item: LIIndenter, li: Elem, body: Elem | None):
        super().__init__(item._flowable, item._leftIndent, item._rightIndent, item._bullet)
        for a in ("spaceBefore", "spaceAfter"):
            if a in item.__dict__:
                self.__dict__[a] = item.__dict__[a]
        self.li, self.body = li, body  # body None: the flowable is tagged LBody itself

    def split(self, aw, ah):
        return [TaggedLI(part, self.li, self.body) for part in super().split(aw, ah)]

    def drawOn(self, canv, x, y, _sW=0):
        tags = tags_of(canv)
        if tags is None:
            return super().drawOn(canv, x, y, _sW)
        with tags.element(self.li, content=False):
            if self._bullet:
                with tags.element(Elem("Lbl", self.li)):
                    self._bullet.drawOn(self, canv, x, y, 0)
            with tags.element(self.body, content=False) if self.body else nullcontext():
                self._flowable.drawOn(canv, x + self._leftIndent, y, max(0, _sW - self._leftIndent - self._rightIndent))


def tag_list(flowable: ListFlowable, elem: Elem | None = None) -> ListFlowable:
    """Make a ListFlowable's items LI elements of one L element (created here if not given),
    whether the list is drawn whole or split between pages."""
    lst = elem or Elem("L")
    content = []
    for item in flowable._content:  # builds ListFlowable's items (bullets, indents) once
        if isinstance(item, LIIndenter):
            li = Elem("LI", lst)
            body = item._flowable
            if isinstance(body, Tagged) and body.role and body.role not in CONTAINERS:
                body.tag = Elem("LBody", li)
                item = TaggedLI(item, li, None)
            else:
                item = TaggedLI(item, li, Elem("LBody", li))
        content.append(item)
    flowable._list_content = content
    return flowable


def spaced_lines(bl, frags, continued: bool = False):
    """A paragraph's broken lines with a space after the last word of every line that ends
    where the text has a space (not inside a word a long URL was split in): text read from the
    structure tree, or copied, then has a space where the eye sees a line break. The space is
    drawn after the last glyph, so nothing moves. `frags` are the paragraph's own fragments,
    whose text says where the spaces were; `continued`: the paragraph goes on on the next page,
    so its last line ends at a space too. Returns new line objects: the broken lines may be
    cached and shared between paragraphs."""
    lines = bl.lines
    if len(lines) < 2 and not continued:
        return bl
    # The paragraph's words as running totals of their characters: a line that ends exactly at
    # a word's end was broken at a space.
    ends, total = set(), 0
    for word in "".join(map(_frag_text, frags)).split(" "):
        total += len(word)
        ends.add(total)
    out, done = [], 0
    for line in lines if continued else lines[:-1]:
        if bl.kind == 0:  # (extra space, [words]): one font
            text = " ".join(line[1])
        else:  # a line of fragments
            text = "".join(getattr(w, "text", "") for w in line.words)
        done += len(text) - text.count(" ")
        if done in ends and text and text[-1] != " ":
            if bl.kind == 0:
                line = (line[0], line[1][:-1] + [line[1][-1] + " "])
            else:  # on the last word that has text: a space alone is lost on some readers
                n = max(i for i, w in enumerate(line.words) if getattr(w, "text", ""))
                words = list(line.words)
                words[n] = words[n].clone(text=words[n].text + " ")
                line = line.clone(words=words)
        out.append(line)
    if not continued:
        out.append(lines[-1])
    return bl.clone(lines=out)


def _frag_text(frag) -> str:
    """A fragment's text: a style run (.text); once the paragraph has been wrapped, a word as
    a list [width, (frag, text)...] whose class says whether a space follows it; in a part of
    a split one-style paragraph, its words."""
    if isinstance(frag, list):
        return "".join(t for _, t in frag[1:]) + (" " if isinstance(frag, _HSFrag) else "")
    return getattr(frag, "text", "") or " ".join(getattr(frag, "words", ()))


class TaggedTable(Tagged, Table):
    """A ReportLab Table as a Table element: a TR per row, a TH for each cell of the first
    `header_rows` rows (scope Column) and `header_cols` columns (scope Row), a TD for the rest
    and for an empty corner, which heads nothing. A cell's paragraphs are tagged inside it;
    plain strings are the cell's content. The grid and backgrounds are artifacts. Split across
    pages, it stays one Table; the rows `repeatRows` repeats at the top of a later part are
    pagination artifacts. Spanned cells are not handled."""

    role = "Table"
    repeated = 0  # rows at the top of this part that repeat the headings of the first

    def __init__(self, data, *args, header_rows: int = 1, header_cols: int = 0, **kwargs):
        super().__init__(data, *args, **kwargs)
        self.header_rows, self.header_cols = header_rows, header_cols

    def split(self, aw, ah):
        parts = super().split(aw, ah)
        if parts:  # ReportLab makes each part anew: it keeps this one's headers
            parts[0].header_rows, parts[0].header_cols, parts[0].repeated = self.header_rows, self.header_cols, self.repeated
        for part in parts[1:]:  # rows carried to the next page are data, in the same Table
            part.header_rows, part.header_cols = 0, self.header_cols
            part.repeated = self.repeatRows if isinstance(self.repeatRows, int) else 0
        return parts

    def draw(self):
        self._cell_no = 0
        self._rows = [Elem("TR", self.tag) for _ in range(self._nrows)]
        super().draw()

    def _drawCell(self, cellval, cellstyle, pos, size):
        tags = tags_of(self.canv)
        if tags is None:
            return super()._drawCell(cellval, cellstyle, pos, size)
        row, col = divmod(self._cell_no, self._ncols)
        self._cell_no += 1
        if row < self.repeated:
            with pagination(self.canv):
                return super()._drawCell(cellval, cellstyle, pos, size)
        if cellval in ("", None):  # an empty cell holds its place; what ReportLab draws for it is no text
            tags.attach(Elem("TD", self._rows[row]))
            return super()._drawCell(cellval, cellstyle, pos, size)
        if row < self.header_rows:
            cell = Elem("TH", self._rows[row], Table={"Scope": "Column"})
        elif col < self.header_cols:
            cell = Elem("TH", self._rows[row], Table={"Scope": "Row"})
        else:
            cell = Elem("TD", self._rows[row])
        with tags.element(cell):
            return super()._drawCell(cellval, cellstyle, pos, size)


class TaggedWrap(Flowable):
    """Any flowable drawn inside an element (a Drawing as a Figure, say), which gets its /BBox
    (a Layout attribute) from where it lands on the page."""

    def __init__(self, flowable: Flowable, elem: Elem):
        super().__init__()
        self.flowable, self.elem = flowable, elem

    def wrap(self, aw, ah):
        self.width, self.height = self.flowable.wrap(aw, ah)
        return self.width, self.height

    def split(self, aw, ah):
        return []

    def drawOn(self, canv, x, y, _sW=0):
        tags = tags_of(canv)
        if tags is None:
            return self.flowable.drawOn(canv, x, y, _sW)
        self.elem.attrs["Layout"] = {"BBox": bbox(canv, x, y, self.width, self.height)}
        with tags.element(self.elem):
            self.flowable.drawOn(canv, x, y, _sW)


def bbox(canv, x: float, y: float, w: float, h: float) -> tuple[float, float, float, float]:
    """A rectangle in the canvas's current coordinates, on the page (for a Figure's /BBox)."""
    x0, y0 = canv.absolutePosition(x, y)
    x1, y1 = canv.absolutePosition(x + w, y + h)
    return (x0, y0, x1, y1)


class SectionStart(Flowable):
    """Zero-size: what is drawn after it, up to the next one, is a top-level Sect titled `title`
    (a page of a chart, say)."""

    def __init__(self, title: str):
        super().__init__()
        self.title = title

    def wrap(self, aw, ah):
        return 0, 0

    def draw(self):
        tags = tags_of(self.canv)
        if tags is not None:
            tags.section(Elem("Sect", title=self.title))

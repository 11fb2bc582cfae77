"""Pages: the document template with the running header and footer on every page.

"Page X of Y" needs Y before the last page exists, and the contents need each document's first
page. Instead of laying the document out twice, each page's footer and each contents number is a
form XObject, defined just before the PDF is saved, once the pages are known; bookmarks stay
where they are.

Tagged, each document is a Sect; the running header and footer are pagination artifacts (inside
the footer XObject too), except on the PDF's first page, where the logo is a Figure named by the
practice and the footer's lines above the last (by default the crisis line) are a P read at the
end of the first section: a screen reader hears them once per PDF, not once per page.

The footer's last line names the document (by default its title, version and review date) and
ends with the page number. Those words are the document's own and said nowhere else, so they are
read too: the left part is content on the first two pages it is printed on, and from its third
page on, where it has become a running footer, an artifact. (A line on one or two pages is not
running: PDF/UA checkers such as outloud then take artifacted words for hidden prose, which is
how a one-page handout in Spanish, "Página 1 de 1", failed.) Its two pages' words are one P with
/ActualText, at the end of the section it starts in, so it is heard once. The page number is
always an artifact: a reader announces pages itself."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from reportlab.lib.utils import ImageReader, simpleSplit
from reportlab.pdfbase.pdfdoc import PDFObject
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate
from reportlab.platypus.doctemplate import LayoutError

from workbook.errors import Location, Problem, WorkbookError
from workbook.pipeline.markup import plain
from workbook.pipeline.render.fields import nest_fields
from workbook.pipeline.render.fonts import draw_string, share_codes, string_width
from workbook.pipeline.render.styles import MUTED, Styles
from workbook.pipeline.render.tags import Elem, Tagged, TaggingCanvas, artifact, element, mark_accessible, tags_of
from workbook.pipeline.render.tags.packing import PackedDocument
from workbook.pipeline.resolve import Resolved

MIN_FOOTER_SIZE = 6.5  # a footer line shrinks this far to stay on one line, then wraps
READ_PAGES = 2  # the footer's last line is content on the first pages it is on, up to this many
FOOTER = "/Artifact <</Type /Pagination /Subtype /Footer>> BDC"


@dataclass(frozen=True)
class Meta:
    title: str
    author: str
    subject: str
    creator: str
    lang: str  # the language its words are in, e.g. en-US: the PDF's /Lang
    date: tuple[int, int, int] | None = None  # no timestamp unless a date is given


@dataclass(frozen=True)
class Continued:
    """A page after a workbook's front matter, laid out in a document's own PDF: what its
    footer needs."""

    context: dict  # its document's
    lead: bool  # its footer's lines above the last are content (the document's first page)
    named: bool  # its footer's last line is content


@dataclass(frozen=True)
class Numbers:
    """The objects of a saved PDF that compose.py needs: each footer form by its name
    (FormXob.footer12), and the placeholder a document's links point at, by its key."""

    forms: dict[str, int]
    placeholders: dict[str, int]


class _Placeholder(PDFObject):
    """An object to link to until the page it stands for exists (composing replaces it)."""

    def format(self, document) -> bytes:
        return b"null"


def _placeholder(canv: Canvas, dest) -> str:
    """Bind a destination no page of this PDF has to a placeholder object; its name."""
    name = f"Placeholder.{dest.name}"
    dest.fit()
    dest.page = canv._doc.Reference(_Placeholder(), name)
    return name


class _PackedCanvas(Canvas):
    """An untagged PDF, written the way tagged ones are (a cross-reference stream), so that
    compose.py reads it too."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._doc.__class__ = PackedDocument


class DocStart(Flowable):
    """Zero-size marker at the start of a document: its pages get its footer and a bookmark."""

    def __init__(self, context: dict, key: str, title: str, where: Location, lang: str = ""):
        super().__init__()
        self.context, self.key, self.title, self.where = context, key, title, where
        self.lang = lang  # its language, when it may not be the PDF's (an untranslated document)

    def wrap(self, aw, ah):
        return 0, 0

    def draw(self):
        pass


class PageRef(Tagged, Flowable):
    """The first page of a document, right-aligned: like the footers, a form XObject that is
    defined once the page is known, so the contents need no second layout pass. Tagged, it is
    a link (`tag`) whose content is the XObject: the number is read, not an artifact."""

    def __init__(self, key: str, size: float, leading: float, tag: Elem, label: str):
        super().__init__()
        self.key, self.size, self.leading = key, size, leading
        self.tag, self.label = tag, label

    def wrap(self, aw, ah):
        self.width = aw
        return aw, self.leading

    def draw(self):
        self.canv.saveState()
        self.canv.translate(self.width, self.leading - self.size)
        self.canv.doForm(f"start-{self.key}")
        self.canv.linkRect(self.label, self.key, (-40, -4, 0, self.size + 2), relative=1, thickness=0)
        self.canv.restoreState()


class PageDocTemplate(BaseDocTemplate):
    def __init__(self, out: BytesIO, styles: Styles, resolved: Resolved, meta: Meta, logo: Path | None,
                 tagged: bool = True, characters: str = ""):
        s = styles
        width, height = s.pagesize
        super().__init__(
            out, pagesize=s.pagesize, leftMargin=s.margin, rightMargin=s.margin,
            topMargin=s.margin + s.header_space, bottomMargin=s.margin + s.footer_space,
            title=meta.title, author=meta.author, subject=meta.subject, creator=meta.creator,
            producer="kap-workbook (ReportLab)", invariant=1, lang=meta.lang,
            initialFontName=s.fonts.regular, initialFontSize=s.body_size,
        )
        self._doSave = 0  # save ourselves, after the footers are defined (see finish)
        self.styles, self.resolved, self.meta = styles, resolved, meta
        self.logo = ImageReader(str(logo)) if logo else None
        frame = Frame(self.leftMargin, self.bottomMargin, self.width, self.height, id="body",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        self.addPageTemplates([PageTemplate("body", frames=[frame], onPageEnd=self._decorate)])
        self.current: dict = {}
        self.current_where = Location("<built-in>")  # the file of the document being laid out
        self.page_contexts: list[dict] = []
        self.starts: dict[str, int] = {}  # DocStart key -> the page it landed on
        self.tagged = tagged
        self.characters = characters  # their font codes are the same in every PDF of the build
        self.lead_pages: set[int] = set()  # pages whose footer lines above the last are content
        self.named_pages: set[int] = set()  # pages whose footer's last line (its left part) is content
        self.names: dict[str, tuple[Elem, int]] = {}  # that line's element, by its words, and its pages so far

    def build(self, flowables, **kwargs):
        super().build(flowables, canvasmaker=TaggingCanvas if self.tagged else _PackedCanvas, **kwargs)

    def beforeDocument(self):
        share_codes(self.canv, self.styles.fonts, self.characters)
        tags = tags_of(self.canv)
        if tags:
            tags.email = self.resolved.words.spoken.email

    def handle_flowable(self, flowables):
        """ReportLab's, with a flowable too tall for any page refused at the block that made it."""
        first = flowables[0] if flowables else None
        try:
            super().handle_flowable(flowables)
        except LayoutError:
            s = self.styles
            where = getattr(first, "where", None) or self.current_where
            raise WorkbookError([Problem(where, f"this block is taller than a page: a {s.paper} page has "
                                                f"{s.frame_height:.0f} pt ({s.frame_height / 72 * 2.54:.1f} cm) "
                                                "to write in; shorten it or make it several blocks")]) from None

    def afterFlowable(self, flowable):
        if isinstance(flowable, DocStart):
            self.current, self.current_where = flowable.context, flowable.where
            self.starts[flowable.key] = self.page
            tags = tags_of(self.canv)
            if tags:
                lang = flowable.lang if flowable.lang and flowable.lang != self.meta.lang else None
                tags.section(Elem("Sect", title=flowable.title, lang=lang))
            self.canv.bookmarkPage(flowable.key)
            self.canv.addOutlineEntry(flowable.title, flowable.key, level=0, closed=False)

    def _decorate(self, canv, doc):
        s = self.styles
        width, height = s.pagesize
        top = height - s.margin
        tags = tags_of(canv)
        first = tags is not None and self.page == 1
        canv.saveState()
        with artifact(canv, "Pagination", "Header"):
            header = self.resolved.header(self.current)
            canv.setFont(s.fonts.bold, 10)
            canv.setFillColor(s.primary)
            draw_string(canv, s.margin, top - 10, header)
            if self.logo:
                iw, ih = self.logo.getSize()
                box_h = s.header_space - 10
                w = min(iw * box_h / ih, 2.2 * 72)
                h = ih * w / iw
                x, y = width - s.margin - w, top - h + 2
                # On the first page the logo is read, first: a Figure named by the practice.
                logo = Elem("Figure", alt=self.meta.author, Layout={"BBox": (x, y, x + w, y + h)})
                with element(canv, logo, index=0) if first else artifact(canv, "Pagination", "Header"):
                    canv.drawImage(self.logo, x, y, w, h, mask="auto")
            canv.setStrokeColor(s.accent)
            canv.setLineWidth(1)
            canv.line(s.margin, top - s.header_space + 12, width - s.margin, top - s.header_space + 12)
        canv.restoreState()
        self.page_contexts.append(self.current)
        n = len(self.page_contexts)
        if first and len(self.resolved.footer({**self.current, "page": n, "pages": n})) > 1:
            assert tags is not None
            self.lead_pages.add(n)
            lead = Elem("P")
            tags.trailer(lead)
            with tags.element(lead, place=False):
                canv.doForm(f"footer-lead{n}")
        name = self._name(n) if tags is not None else None
        if name is not None:
            assert tags is not None
            self.named_pages.add(n)
            with tags.element(name, place=False):
                canv.doForm(f"footer-name{n}")
        with artifact(canv, "Pagination", "Footer"):
            canv.doForm(f"footer{n}")

    def _name(self, n: int) -> Elem | None:
        """The element page n's footer name (its last line's left part) is drawn in, or None
        where that line has become a running footer (see the module's docstring)."""
        lines = self.resolved.footer({**self.current, "page": n, "pages": n})
        text = " ".join(plain(lines[-1][0]).split()) if lines else ""
        if not text:
            return None
        key = re.sub(r"\d+", "#", text)  # the same line whatever page it is on
        elem, pages = self.names.get(key, (None, 0))
        if pages >= READ_PAGES:
            return None
        if elem is None:
            elem = Elem("P", actual=text)
            tags = tags_of(self.canv)
            assert tags is not None
            tags.trailer(elem)
        self.names[key] = (elem, pages + 1)
        return elem

    def finish(self, more: Sequence[Continued] = (), starts: dict[str, int] | None = None) -> Numbers:
        """Define each page's footer now that the page count is known, then save.

        For a workbook's front matter (compose.py), `more` are the pages that follow it, laid out
        in other PDFs: their footers are defined here too, and `starts` gives the first page of
        each document the contents link to. What is defined here, and the placeholder each
        link to a document not in this PDF points at, are returned with their objects."""
        canv, s = self.canv, self.styles
        width = s.pagesize[0]
        contexts = self.page_contexts + [page.context for page in more]
        for n, after in enumerate(more, len(self.page_contexts) + 1):
            if after.lead:
                self.lead_pages.add(n)
            if after.named:
                self.named_pages.add(n)
        self.starts.update(starts or {})
        pages = len(contexts)
        step = s.footer_size * 1.4
        for n, context in enumerate(contexts, 1):
            lines = self._wrapped(self.resolved.footer({**context, "page": n, "pages": pages}))
            # Lines start above the bottom margin; more of them (a long crisis line, wrapped)
            # start no higher than the rule and go down into the margin, as far as is printable.
            y = min(s.margin + step * (len(lines) - 1), s.margin + s.footer_space - 8 - s.footer_size)
            if y - step * (len(lines) - 1) < s.margin * 0.4:
                raise WorkbookError([Problem(self.resolved.footer_at, f"the footer needs {len(lines)} lines on page {n}, "
                                             "more than fit under the page: shorten it (or practice.crisis)")])
            # Where the lines above the last are content, they get their own XObject, drawn
            # inside that content's marked sequence; the rest is an artifact, inside too.
            if n in self.lead_pages:
                canv.beginForm(f"footer-lead{n}", 0, 0, width, s.margin + s.footer_space)
                y = self._lines([line for line in lines if not line[2]], y, step)
                canv.endForm()
                lines = [line for line in lines if line[2]]
            if n in self.named_pages:  # the last line's left part is content; its right stays an artifact
                above = sum(1 for line in lines if not line[2])
                canv.beginForm(f"footer-name{n}", 0, 0, width, s.margin + s.footer_space)
                self._lines([line for line in lines if line[2]], y - step * above, step, right=False)
                canv.endForm()
                lines = [("", right, last) if last else (left, right, last) for left, right, last in lines]
            canv.beginForm(f"footer{n}", 0, 0, width, s.margin + s.footer_space)
            if self.tagged:
                canv._code.append(FOOTER)
            canv.setStrokeColor(s.accent)
            canv.setLineWidth(0.6)
            canv.line(s.margin, s.margin + s.footer_space - 6, width - s.margin, s.margin + s.footer_space - 6)
            self._lines(lines, y, step)
            if self.tagged:
                canv._code.append("EMC")
            canv.endForm()
        for key, page in self.starts.items():
            canv.beginForm(f"start-{key}", -60, -4, 0, 30)
            canv.setFont(s.fonts.bold, s.label.fontSize)
            canv.setFillColor(s.primary)
            canv.drawRightString(0, 0, str(page))
            canv.endForm()
        placeholders = {key: _placeholder(canv, dest) for key, dest in sorted(canv._destinations.items())
                        if dest.page is None and key in self.starts}
        nest_fields(canv)
        if self.tagged:
            canv.tags.finish()
            mark_accessible(canv, self.meta.lang)
        if self.meta.date:
            # Invariant mode stamps a fixed date; with a build date given, record that instead.
            stamp = canv._doc._timeStamp
            stamp.YMDhms, stamp.dhh, stamp.dmm = (*self.meta.date, 0, 0, 0), 0, 0
        canv.save()
        numbers = canv._doc.idToObjectNumberAndVersion
        return Numbers({name: numbers[name][0] for name in numbers if name.startswith("FormXob.footer")},
                       {key: numbers[name][0] for key, name in placeholders.items()})

    def _lines(self, lines: list[tuple[str, str, bool]], y: float, step: float, right: bool = True) -> float:
        """Footer lines from y down (right=False: their left parts only). The last line (title,
        version, page) is quiet; those above it stand out: by default that is the crisis line."""
        s = self.styles
        for left_text, right_text, last in lines:
            self.canv.setFillColor(MUTED if last else s.primary)
            self._line(left_text, right_text, y, s.fonts.regular if last else s.fonts.bold, right)
            y -= step
        return y

    def _wrapped(self, lines: Sequence[tuple[str, str]]) -> list[tuple[str, str, bool]]:
        """Footer lines as printed: (left, right, is the last line); a left text too long for
        the page even in smaller type is broken into several lines instead of running off it."""
        s, out = self.styles, []
        for i, (left_markup, right_markup) in enumerate(lines):
            left, right, last = plain(left_markup), plain(right_markup), i == len(lines) - 1
            font = s.fonts.regular if last else s.fonts.bold
            room = self._room(right, font)
            if string_width(left, font, MIN_FOOTER_SIZE) <= room:
                out.append((left, right, last))
                continue
            pieces = simpleSplit(left, font, s.footer_size, room)
            # A piece that goes on ends with its space, so that read aloud its words stay apart.
            out += [(piece, right, last) if j == len(pieces) - 1 else (piece + " ", "", last)
                    for j, piece in enumerate(pieces)]
        return out

    def _room(self, right: str, font: str) -> float:
        s = self.styles
        return s.pagesize[0] - 2 * s.margin - (string_width(right, font, s.footer_size) + 14 if right else 0)

    def _line(self, left: str, right: str, y: float, font: str, draw_right: bool = True) -> None:
        """One footer line: left text, right text; the left shrinks a little rather than collide
        (with the right text, drawn or not: a line drawn in two parts looks like one drawn whole)."""
        s, canv = self.styles, self.canv
        size = s.footer_size
        right_x = s.pagesize[0] - s.margin
        room = self._room(right, font)
        left_size = size
        while left and string_width(left.rstrip(), font, left_size) > room and left_size > MIN_FOOTER_SIZE:
            left_size -= 0.25
        if left:
            canv.setFont(font, left_size)
            draw_string(canv, s.margin, y, left)
        if right and draw_right:
            canv.setFont(font, size)
            draw_string(canv, right_x, y, right, "right")

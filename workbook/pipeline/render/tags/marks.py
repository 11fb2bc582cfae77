"""Marked content on a ReportLab canvas, and the bookkeeping that ties it to the structure tree.

Everything painted on a page is in exactly one marked-content sequence, never nested:

* the page starts (and ends) in an /Artifact sequence, so decorations that no code marks —
  rules, tints, box outlines, table grids — are artifacts by default; so is text that no code
  marks, which the tests catch (the structure tree must read every word of the page body);
* `Tagger.element(e)` closes the current sequence, opens `/<type> <</MCID n>> BDC` for e on
  this page, and on exit closes it and reopens whatever was open before (a fresh MCID if that
  was an element: one element may own several sequences, on one page or on several);
* containers (Sect, L, LI, Table, TR...) own no content: inside them the painting is an
  artifact until a leaf element opens.

Keeping the sequences flat (close, open, close, reopen) rather than nested means an MCID is
never inside an artifact or another MCID, and that BT/ET never straddle a boundary: ReportLab
appends whole text objects and paths to `canv._code`, and boundaries are only placed between
entries of that list.

Annotations (links, form widgets) pass through `Canvas._addAnnotation`; TaggingCanvas hands
each one to the tagger, which puts an /OBJR for it in the open /Link or /Form element (or in a
new one, named by the widget's tooltip or the link's description) and gives the annotation its
/StructParent at save. Whatever writes a widget therefore needs no tagging code of its own."""

from __future__ import annotations

import weakref
from contextlib import AbstractContextManager, nullcontext

from reportlab.pdfbase.pdfdoc import Annotation, PDFDictionary, PDFName, PDFObjectReference, PDFString
from reportlab.pdfgen.canvas import Canvas

from workbook.pipeline.render.tags.packing import PackedDocument
from workbook.pipeline.render.tags.tree import Elem, MCRef, ObjRef, text_string, write_tree

ARTIFACT = "/Artifact BMC"
PRINT = 4  # annotation flag: print it (and show it to readers)


class Tagger:
    def __init__(self, canv: Canvas):
        self.canv = weakref.proxy(canv)  # the canvas holds the tagger: no cycle between them
        self.root = Elem("Document")
        self.root.placed = True
        self.stack: list[Elem] = [self.root]  # open elements: new ones are placed in the last
        self.marks: list[Elem | str] = [ARTIFACT]  # open marked content: an element, or an artifact opener
        self.mcids: dict[int, int] = {}  # page -> next MCID
        self.level = 0  # the level of the last section heading (H1, H2...)
        self.trailers: list[tuple[Elem, Elem]] = []  # (element, parent) placed when the section closes
        self.pages_with_annots: set[int] = set()
        self.email = "Email {address}"  # the name of a mailto: link that has none (in the PDF's language)
        self._opened: int | None = None  # where in the page's code the open sequence began
        self._opened_mcid: tuple[Elem, MCRef] | None = None  # if that sequence is an element's
        self._lead = True  # the page begins inside the default artifact

    # -- structure --------------------------------------------------------------------------

    def attach(self, elem: Elem, parent: Elem | None = None, index: int | None = None) -> Elem:
        """Place elem in the tree (once): under its declared parent, else under `parent`, else
        under the innermost open element."""
        if elem.placed:
            return elem
        host = elem.parent or parent or self.stack[-1]
        if not host.placed:
            self.attach(host)
        if elem.type[0] == "H":
            if elem.type == "H+1":
                elem.type = f"H{min(6, self.level + 1)}"
            elif elem.type[1:].isdigit():
                self.level = int(elem.type[1:])
        host.kids.insert(len(host.kids) if index is None else index, elem)
        # Placed, it needs no way up: without one, the tree holds no reference cycle and is
        # freed as soon as the PDF is, not at the garbage collector's next full pass.
        elem.parent, elem.placed = None, True
        return elem

    def section(self, elem: Elem) -> None:
        """Start a new top-level section (a document of the workbook): close the last one."""
        self.close_section()
        self.stack[1:] = []
        self.level = 0
        self.attach(elem)
        self.stack.append(elem)

    def close_section(self) -> None:
        for elem, parent in self.trailers:
            self.attach(elem, parent)
        self.trailers = []

    def trailer(self, elem: Elem) -> None:
        """Place elem at the end of the current section (the crisis line of its first page's
        footer, say, painted before the section's later pages)."""
        self.trailers.append((elem, self.stack[1] if len(self.stack) > 1 else self.root))

    def element(self, elem: Elem, content: bool | None = True, index: int | None = None,
                place: bool = True) -> _Scope:
        """A context in which to draw inside elem: placed in the tree (unless place=False: see
        trailer) and open for children. content=True: what is painted is elem's content;
        False (a container): what is painted is an artifact; None: the marked content is left
        as it is (an element for an annotation, such as a Form, which paints nothing)."""
        if place:
            self.attach(elem, index=index)
        return _Scope(self, elem, elem if content else ARTIFACT if content is False else None)

    def artifact(self, kind: str | None = None, subtype: str | None = None) -> _Scope:
        """A context for painting that is not content: /Artifact, optionally typed."""
        opener = ARTIFACT if not kind else f"/Artifact <</Type /{kind}{f' /Subtype /{subtype}' if subtype else ''}>> BDC"
        return _Scope(self, None, opener)

    # -- marked content ---------------------------------------------------------------------

    def _push(self, mark: Elem | str) -> None:
        if mark != self.marks[-1] or mark.__class__ is Elem:
            self._close()
            self._open(mark)
        self.marks.append(mark)

    def _pop(self) -> None:
        mark = self.marks.pop()
        if mark != self.marks[-1] or mark.__class__ is Elem:
            self._close()
            self._open(self.marks[-1])

    def _open(self, mark: Elem | str) -> None:
        code = self.canv._code
        self._opened, self._opened_mcid = len(code), None
        if mark.__class__ is Elem:
            assert isinstance(mark, Elem)
            page = self.canv._pageNumber
            mcid = self.mcids.get(page, 0)
            self.mcids[page] = mcid + 1
            ref = MCRef(page, mcid)
            self._opened_mcid = (mark, ref)
            mark.kids.append(ref)
            code.append(f"/{mark.type} <</MCID {mcid}>> BDC")
        else:
            code.append(mark)

    def _close(self) -> None:
        """End the open sequence; one in which nothing was drawn is taken back instead (form
        widgets, for one, draw nothing on the page), MCID and all."""
        code = self.canv._code
        if self._opened is None:  # the page's leading artifact, written by page_done
            if code:
                code.append("EMC")
            else:
                self._lead = False  # nothing drawn before the first element: no leading artifact
        elif len(code) == self._opened + 1:
            code.pop()
            if self._opened_mcid:
                elem, ref = self._opened_mcid
                del elem.kids[len(elem.kids) - 1 - elem.kids[::-1].index(ref)]
                self.mcids[ref.page] -= 1
        else:
            code.append("EMC")

    def page_done(self) -> None:
        """Called just before the page is shown. Marked content never straddles pages (a
        flowable is drawn on one page), so only the default artifact is open: close it, and
        open it at the top of the page if anything was drawn before the first element."""
        assert self.marks == [ARTIFACT], "marked content left open at the end of a page"
        self._close()
        if self._lead:
            self.canv._code.insert(0, ARTIFACT)
        self._opened, self._opened_mcid, self._lead = None, None, True

    # -- annotations ------------------------------------------------------------------------

    def annotation(self, annot: PDFDictionary, ref: PDFObjectReference) -> None:
        page = self.canv.getPageNumber()
        self.pages_with_annots.add(page)
        subtype = str(annot.dict.get("Subtype", "")).lstrip("/")
        want = {"Widget": "Form", "Link": "Link"}.get(subtype, "Annot")
        host = self.stack[-1]
        if host.type != want:
            # No element of the right kind is open: make one, named by the annotation.
            action = annot.dict.get("A")
            uri = action.dict.get("URI") if isinstance(action, PDFDictionary) else None
            if isinstance(uri, PDFString) and uri.s.startswith("mailto:"):
                uri = PDFString(self.email.format(address=uri.s[7:]))
            name = annot.dict.get("TU") or annot.dict.get("Contents") or uri
            host = self.attach(Elem(want, alt=name.s if isinstance(name, PDFString) else None))
        host.kids.append(ObjRef(page, ref, annot))
        if subtype == "Link":
            annot["F"] = PRINT
            contents = annot.dict.get("Contents")
            text = host.contents or host.alt
            if text and not (isinstance(contents, PDFString) and contents.s):
                annot["Contents"] = text_string(text)

    # -- save ---------------------------------------------------------------------------------

    def finish(self) -> None:
        """Write the tree and mark the document tagged; call just before canv.save()."""
        self.close_section()
        doc = self.canv._doc
        pages = doc.Pages.pages
        refs = [PDFObjectReference(f"Page{n}") for n in range(1, len(pages) + 1)]
        tree, marked_pages = write_tree(doc, self.root, refs)
        for n in marked_pages:
            _page_entry(pages[n - 1], "StructParents", n - 1)
        for n in self.pages_with_annots:
            _page_entry(pages[n - 1], "Tabs", PDFName("S"))  # tab order = structure order
        catalog = doc.Catalog
        catalog.StructTreeRoot = tree
        catalog.MarkInfo = PDFDictionary({"Marked": "true"})


class _Scope:
    """What Tagger.element and Tagger.artifact return (a class, not @contextmanager: there is
    one per paragraph, cell and widget, and generators cost more to enter and leave)."""

    __slots__ = ("tags", "elem", "mark")

    def __init__(self, tags: Tagger, elem: Elem | None, mark: Elem | str | None):
        self.tags, self.elem, self.mark = tags, elem, mark

    def __enter__(self) -> Elem | None:
        if self.elem is not None:
            self.tags.stack.append(self.elem)
        if self.mark is not None:
            self.tags._push(self.mark)
        return self.elem

    def __exit__(self, *exc) -> None:
        if self.mark is not None:
            self.tags._pop()
        if self.elem is not None:
            self.tags.stack.pop()


def tags_of(canv: Canvas) -> Tagger | None:
    """The canvas's Tagger, or None when the document is not being tagged."""
    return getattr(canv, "tags", None)


def element(canv: Canvas, elem: Elem, content: bool | None = True, **kwargs) -> AbstractContextManager:
    """canv.tags.element(...), or nothing when the canvas is not tagging."""
    tags = tags_of(canv)
    return tags.element(elem, content, **kwargs) if tags else nullcontext()


def artifact(canv: Canvas, kind: str | None = None, subtype: str | None = None) -> AbstractContextManager:
    """canv.tags.artifact(...), or nothing when the canvas is not tagging."""
    tags = tags_of(canv)
    return tags.artifact(kind, subtype) if tags else nullcontext()


class _Repeated:
    """What pagination() returns: a pagination artifact inside which nothing tags itself."""

    __slots__ = ("canv", "tags", "scope")

    def __init__(self, canv: Canvas, tags: Tagger):
        self.canv, self.tags, self.scope = canv, tags, tags.artifact("Pagination")

    def __enter__(self) -> None:
        self.scope.__enter__()
        self.canv.tags = None  # flowables drawn inside see an untagged canvas

    def __exit__(self, *exc) -> None:
        self.canv.tags = self.tags
        self.scope.__exit__(*exc)


def pagination(canv: Canvas) -> AbstractContextManager:
    """Draw what a page break repeats (a table's headings over its later parts) as a pagination
    artifact, flowables that would tag themselves included: their elements were placed where
    they were first drawn. Nothing when the canvas is not tagging."""
    tags = tags_of(canv)
    return _Repeated(canv, tags) if tags else nullcontext()


def _page_entry(page, key: str, value) -> None:
    """ReportLab's PDFPage writes only the keys it knows, plus its __Defaults__."""
    page.__Defaults__ = {**page.__Defaults__, key: value}


class TaggingCanvas(Canvas):
    """A canvas whose pages carry marked content and whose annotations join the tree."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._doc.__class__ = PackedDocument  # structure elements go into object streams
        self.tags = Tagger(self)

    def showPage(self):
        self.tags.page_done()
        super().showPage()

    def _addAnnotation(self, annotation, name=None, addtopage=1):
        if isinstance(annotation, Annotation):
            # linkRect's LinkAnnotation refuses keys it does not know (/StructParent, /F):
            # make it the plain dictionary it would become anyway.
            annotation = annotation.Dict()
        super()._addAnnotation(annotation, name, addtopage)
        if addtopage and not self._formData:
            self.tags.annotation(annotation, self._doc.refAnnotation(name or f"NUMBER{self._annotationCount}"))

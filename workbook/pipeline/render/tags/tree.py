"""The logical structure: elements as plain Python objects while the document is laid out, and
the PDF objects they become (/StructTreeRoot, /StructElem, /ParentTree, /MCR, /OBJR) at save.

An element can be created before it is placed: a list item knows its list, a split paragraph
shares one element between its two halves, a table cell knows its row. It is placed in the tree
(`Tagger.attach`) the first time something of it is drawn, so the tree follows drawing order
unless the code says otherwise."""

from __future__ import annotations

from typing import NamedTuple, Union

from reportlab.pdfbase.pdfdoc import PDFDictionary, PDFObject, PDFObjectReference, PDFString

KEEP_EMPTY = frozenset({"TD", "TH"})  # an empty cell still holds its place in the grid


class MCRef(NamedTuple):
    """A marked-content sequence: MCID `mcid` in the content stream of page `page` (1-based)."""

    page: int
    mcid: int


class ObjRef(NamedTuple):
    """An annotation (link, widget) that belongs to an element, on page `page` (1-based)."""

    page: int
    ref: PDFObjectReference
    annotation: PDFDictionary  # receives its /StructParent at save


Kid = Union["Elem", MCRef, ObjRef]


class Elem(PDFObject):
    """One structure element. `type` is a standard PDF 1.7 type (P, H1, L, LI, Lbl, LBody,
    Table, TR, TH, TD, Figure, Form, Link, Sect, TOC, TOCI, Reference, Caption, Span...), or
    "H+1" for a heading one level below the current section heading (resolved when placed).

    It is also the PDF object it becomes (`data`, made by write_tree): one Python object per
    element, not two, keeps the garbage collector's work down in documents of thousands."""

    __slots__ = ("type", "parent", "kids", "alt", "actual", "title", "lang", "contents", "attrs", "placed", "data",
                 "__InternalName__")

    def __init__(self, type: str, parent: Elem | None = None, *, alt: str | None = None,
                 actual: str | None = None, title: str | None = None, lang: str | None = None,
                 contents: str | None = None, **attrs: dict):
        self.type = type
        self.parent = parent  # the declared parent (None: whatever is open when it is placed)
        self.kids: list[Kid] = []
        self.alt, self.title, self.lang = alt, title, lang
        self.actual = actual  # /ActualText: what is read instead of its content (the same words printed twice, once)
        self.contents = contents  # /Contents for the link annotations it owns
        self.attrs = attrs  # owner -> {key: value}, e.g. Table={"Scope": "Row"}, Layout={...}
        self.placed = False

    def __repr__(self) -> str:
        return f"<{self.type} {len(self.kids)} kids>"

    def format(self, document) -> bytes:
        return self.data


def write_tree(doc, root: Elem, page_refs: list[PDFObjectReference]) -> tuple[PDFObjectReference, list[int]]:
    """Add the structure tree under `root` to ReportLab's PDFDocument `doc`; return the
    reference to the /StructTreeRoot and the pages that have marked content. `page_refs[i]` is
    page i+1.

    Parent tree keys: page i+1 gets key i (its /StructParents); annotations get the keys after
    the last page, in drawing order. Keys, objects and their order depend only on the tree, so
    the output is deterministic. Elements with no content at all are left out.

    The objects are written by hand, as bytes made once: ReportLab numbers an object when it is
    registered, and the pages and annotations were registered as they were drawn. Formatting
    thousands of small dictionaries through its generic PDFDictionary/PDFName machinery was
    most of what tagging cost. Element dictionaries leave out the optional /Type."""
    tree = _Raw()
    tree_ref = _ref(doc, tree)
    writer = _Writer(doc, page_refs)
    kept: dict[Elem, bool] = {}
    top = writer.emit(root, tree_ref, kept)[0] if _keep(root, kept) else ""
    rows = []
    for page in sorted(writer.page_elems):
        mcids = writer.page_elems[page]
        # Every MCID on a page is claimed by the element it was opened for: index = MCID.
        assert all(mcids), f"page {page}: unclaimed MCIDs"
        rows.append(f"{page - 1}[{' '.join(mcids)}]")
    key = len(page_refs)
    for objref, owner in writer.annots:
        objref.annotation["StructParent"] = key
        rows.append(f"{key} {owner}")
        key += 1
    parent_tree = _Raw()
    parent_tree.data = f"<</Nums[{' '.join(rows)}]>>".encode("latin-1")
    tree.data = (f"<</Type/StructTreeRoot/K[{top}]/ParentTree {_ref(doc, parent_tree)}"
                 f"/ParentTreeNextKey {key}>>").encode("latin-1")
    return PDFObjectReference(tree.__InternalName__), sorted(writer.page_elems)


class _Writer:
    """Writes elements, collecting what the parent tree needs: the element of each MCID per
    page, and of each annotation. (A class, not a closure that calls itself: that would be a
    reference cycle holding the whole tree until the garbage collector's next full pass.)"""

    def __init__(self, doc, page_refs: list[PDFObjectReference]):
        self.doc, self.numbers = doc, doc.idToObjectNumberAndVersion
        self.pages = [f"{self.numbers[r.name][0]} 0 R" for r in page_refs]
        self.page_elems: dict[int, list[str]] = {}
        self.annots: list[tuple[ObjRef, str]] = []

    def emit(self, elem: Elem, parent: str, kept: dict[Elem, bool]) -> tuple[str, int | None]:
        """Write elem and its kept kids: its reference and its page, the page of its first
        kid (for a container, the page its content starts on: checkers locate tables and
        sections by it). An MCID on that page is a number, one on another an /MCR."""
        pages, numbers = self.pages, self.numbers
        self.doc.Reference(elem)
        me = f"{numbers[elem.__InternalName__][0]} 0 R"
        home: int | None = None
        k = []
        for kid in elem.kids:
            if isinstance(kid, MCRef):
                page, mcid = kid
                home = home or page
                mcids = self.page_elems.setdefault(page, [])
                if len(mcids) <= mcid:
                    mcids.extend([""] * (mcid + 1 - len(mcids)))
                mcids[mcid] = me
                k.append(str(mcid) if page == home else f"<</Type/MCR/Pg {pages[page - 1]}/MCID {mcid}>>")
            elif isinstance(kid, ObjRef):
                home = home or kid.page
                self.annots.append((kid, me))
                k.append(f"<</Type/OBJR/Obj {numbers[kid.ref.name][0]} 0 R/Pg {pages[kid.page - 1]}>>")
            elif kept[kid]:
                ref, first = self.emit(kid, me, kept)
                home = home or first
                k.append(ref)
        data = f"<</S/{elem.type}/P {parent}"
        if home:
            data += f"/Pg {pages[home - 1]}"
        data += f"/K {k[0]}" if len(k) == 1 and k[0].isdigit() else f"/K[{' '.join(k)}]"
        if elem.alt:
            data += "/Alt" + _text(elem.alt)
        if elem.actual:
            data += "/ActualText" + _text(elem.actual)
        if elem.title:
            data += "/T" + _text(elem.title)
        if elem.lang:
            data += "/Lang" + _text(elem.lang)
        if elem.attrs:
            data += "/A[" + "".join(_attributes(o, v) for o, v in sorted(elem.attrs.items())) + "]"
        elem.data = (data + ">>").encode("latin-1")
        return me, home


def _keep(elem: Elem, kept: dict[Elem, bool]) -> bool:
    """Whether elem is written (noted in `kept` for it and all below it): it has content
    somewhere below it, or is a table cell."""
    keep = bool(elem.alt)
    for kid in elem.kids:
        keep = (_keep(kid, kept) if isinstance(kid, Elem) else True) or keep
    kept[elem] = keep = keep or elem.type in KEEP_EMPTY
    return keep


class _Raw(PDFObject):
    """A PDF object written as the bytes it was given."""

    __slots__ = ("data", "__InternalName__")

    def format(self, document) -> bytes:
        return self.data


def _ref(doc, obj: PDFObject) -> str:
    """Register obj with ReportLab's document: its indirect reference, written out."""
    return f"{doc.idToObjectNumberAndVersion[doc.Reference(obj).name][0]} 0 R"


def text_string(text: str) -> PDFString:
    """A PDF text string: ASCII as is, anything else UTF-16BE. ReportLab would otherwise pick
    PDFDocEncoding where it can (an em dash as byte 0x84), which some tools print raw."""
    return PDFString(text) if text.isascii() else PDFString(text, enc="UTF-16BE")


def _text(text: str) -> str:
    """text_string, written out: a literal for printable ASCII, else UTF-16BE in hex."""
    if text.isascii() and text.isprintable():
        return "(" + text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ")"
    return "<FEFF" + text.encode("utf-16-be").hex().upper() + ">"


def _attributes(owner: str, values: dict) -> str:
    out = [f"/O/{owner}"]
    for key, value in sorted(values.items()):
        if isinstance(value, str):
            out.append(f"/{key}/{value}")
        elif isinstance(value, (list, tuple)):
            out.append(f"/{key}[" + " ".join(f"{v:.2f}".rstrip("0").rstrip(".") for v in value) + "]")
        else:
            out.append(f"/{key} {value}")
    return "<<" + "".join(out) + ">>"

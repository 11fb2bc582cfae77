"""The logical structure: elements as plain Python objects while the document is laid out, and
the PDF objects they become (/StructTreeRoot, /StructElem, /ParentTree, /MCR, /OBJR) at save.

An element can be created before it is placed: a list item knows its list, a split paragraph
shares one element between its two halves, a table cell knows its row. It is placed in the tree
(`Tagger.attach`) the first time something of it is drawn, so the tree follows drawing order
unless the code says otherwise."""

from __future__ import annotations

from collections.abc import Callable
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


class Elem:
    """One structure element. `type` is a standard PDF 1.7 type (P, H1, L, LI, Lbl, LBody,
    Table, TR, TH, TD, Figure, Form, Link, Sect, TOC, TOCI, Reference, Caption, Span...), or
    "H+1" for a heading one level below the current section heading (resolved when placed)."""

    __slots__ = ("type", "parent", "kids", "alt", "title", "lang", "contents", "attrs", "placed")

    def __init__(self, type: str, parent: Elem | None = None, *, alt: str | None = None,
                 title: str | None = None, lang: str | None = None, contents: str | None = None,
                 **attrs: dict):
        self.type = type
        self.parent = parent  # the declared parent; None: whatever is open when it is placed
        self.kids: list[Kid] = []
        self.alt, self.title, self.lang = alt, title, lang
        self.contents = contents  # /Contents for the link annotations it owns
        self.attrs = attrs  # owner -> {key: value}, e.g. Table={"Scope": "Row"}, Layout={...}
        self.placed = False

    def __repr__(self) -> str:
        return f"<{self.type} {len(self.kids)} kids>"


def write_tree(doc, root: Elem, page_refs: list[PDFObjectReference]) -> tuple[PDFObjectReference, list[int]]:
    """Add the structure tree under `root` to ReportLab's PDFDocument `doc`; return the
    reference to the /StructTreeRoot and the pages that have marked content. `page_refs[i]` is
    page i+1.

    Parent tree keys: page i+1 gets key i (its /StructParents); annotations get the keys after
    the last page, in drawing order. Keys, objects and their order depend only on the tree, so
    the output is deterministic. Elements with no content at all are left out.

    The objects are written by hand (_Raw): formatting thousands of small dictionaries through
    ReportLab's generic PDFDictionary/PDFName machinery was most of what tagging cost."""
    pages = [r.name for r in page_refs]
    tree = _Raw()
    tree_name = doc.Reference(tree).name
    page_elems: dict[int, dict[int, str]] = {}
    annots: list[tuple[ObjRef, str]] = []
    kept = _kept(root)

    def emit(elem: Elem, parent: str) -> tuple[str, int | None] | None:
        """Write elem (and its kids): its object's name and its page (for a container, the
        page its content starts on: checkers locate tables and sections by it)."""
        if not kept[elem]:
            return None
        node = _Raw()
        name = doc.Reference(node).name
        home = next((k.page for k in elem.kids if not isinstance(k, Elem)), None)
        kids: list = []  # an int (MCID on the home page), a name, or a (format, names...) tuple
        for kid in elem.kids:
            if isinstance(kid, Elem):
                written = emit(kid, name)
                if written is not None:
                    kids.append(written[0])
                    home = home or written[1]
            elif isinstance(kid, MCRef):
                page_elems.setdefault(kid.page, {})[kid.mcid] = name
                kids.append(kid.mcid if kid.page == home else
                            ("<< /Type /MCR /Pg {} /MCID " + str(kid.mcid) + " >>", pages[kid.page - 1]))
            else:
                annots.append((kid, name))
                kids.append(("<< /Type /OBJR /Obj {} /Pg {} >>", kid.ref.name, pages[kid.page - 1]))
        extra = "".join(f" /{key} {_text(value)}" for key, value in (
            ("Alt", elem.alt), ("T", elem.title), ("Lang", elem.lang)) if value)
        if elem.attrs:
            extra += " /A [" + " ".join(_attributes(o, v) for o, v in sorted(elem.attrs.items())) + "]"
        head = f"<< /Type /StructElem /S /{elem.type}"

        def write(ids, parent=parent, home=home, kids=kids, head=head, extra=extra):
            ref = _refs(ids)
            if len(kids) == 1 and isinstance(kids[0], int):
                k = str(kids[0])
            else:
                k = "[" + " ".join(str(kid) if isinstance(kid, int) else ref(kid) if isinstance(kid, str)
                                   else kid[0].format(*map(ref, kid[1:])) for kid in kids) + "]"
            pg = f" /Pg {ref(pages[home - 1])}" if home else ""
            return f"{head} /P {ref(parent)}{pg} /K {k}{extra} >>"

        node.write = write
        return name, home

    written = emit(root, tree_name)
    top = written[0] if written else None
    rows: list[tuple[int, list[str] | str]] = []
    for page in sorted(page_elems):
        mcids = page_elems[page]
        # Every MCID on a page is claimed by the element it was opened for: index = MCID.
        assert sorted(mcids) == list(range(len(mcids))), f"page {page}: unclaimed MCIDs"
        rows.append((page - 1, [mcids[i] for i in range(len(mcids))]))
    key = len(page_refs)
    for objref, owner in annots:
        objref.annotation["StructParent"] = key
        rows.append((key, owner))
        key += 1
    parent_tree = _Raw()
    parent_tree_name = doc.Reference(parent_tree).name

    def write_parent_tree(ids) -> str:
        ref = _refs(ids)
        nums = " ".join(f"{k} [{' '.join(map(ref, v))}]" if isinstance(v, list) else f"{k} {ref(v)}" for k, v in rows)
        return f"<< /Nums [{nums}] >>"

    parent_tree.write = write_parent_tree
    tree.write = lambda ids: (f"<< /Type /StructTreeRoot /K [{_refs(ids)(top) if top else ''}] "
                              f"/ParentTree {_refs(ids)(parent_tree_name)} /ParentTreeNextKey {key} >>")
    return PDFObjectReference(tree_name), sorted(page_elems)


def _kept(root: Elem) -> dict[Elem, bool]:
    """Which elements are written: those with content somewhere below them, and table cells."""
    kept: dict[Elem, bool] = {}

    def visit(elem: Elem) -> bool:
        keep = bool(elem.alt)
        for kid in elem.kids:
            keep = (visit(kid) if isinstance(kid, Elem) else True) or keep
        kept[elem] = keep = keep or elem.type in KEEP_EMPTY
        return keep

    visit(root)
    return kept


class _Raw(PDFObject):
    """A PDF object whose text a function writes at save time, given ReportLab's table of
    object numbers (names are only numbered when the file is written)."""

    write: Callable[[dict], str]

    def format(self, document) -> bytes:
        return self.write(document.idToObjectNumberAndVersion).encode("latin-1")


def _refs(ids: dict) -> Callable[[str], str]:
    def ref(name: str) -> str:
        n, v = ids[name]
        return f"{n} {v} R"
    return ref


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
    out = [f"/O /{owner}"]
    for key, value in sorted(values.items()):
        if isinstance(value, str):
            out.append(f"/{key} /{value}")
        elif isinstance(value, (list, tuple)):
            out.append(f"/{key} [" + " ".join(f"{v:.2f}".rstrip("0").rstrip(".") for v in value) + "]")
        else:
            out.append(f"/{key} {value}")
    return "<< " + " ".join(out) + " >>"

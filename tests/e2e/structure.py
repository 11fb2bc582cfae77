"""A tagged PDF read back independently of the code that wrote it: the structure tree, the
content streams (with the text of each marked-content sequence) and the annotations with
pikepdf, the words on each page with PDFium, QR codes with zxing. Each check returns a list of
problems (empty: it passed)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pikepdf
import pypdfium2
import zxingcpp

TEXT_OPS = {"Tj", "TJ", "'", '"'}
RADIO = 1 << 15


@dataclass
class Element:
    type: str
    obj: pikepdf.Object
    page: int | None  # 0-based, from /Pg (inherited from the parent when absent)
    kids: list[Element] = field(default_factory=list)
    mcids: list[tuple[int, int]] = field(default_factory=list)  # (page, MCID) in order
    annots: list[pikepdf.Object] = field(default_factory=list)  # the annotations of its OBJRs

    @property
    def alt(self) -> str:
        return str(self.obj.get("/Alt", ""))

    def walk(self) -> Iterator[Element]:
        yield self
        for kid in self.kids:
            yield from kid.walk()


def tree(pdf: pikepdf.Pdf) -> Element:
    """The structure tree, as Elements in reading order (the root is the StructTreeRoot)."""
    pages = {p.objgen: i for i, p in enumerate(pdf.pages)}
    root_obj = pdf.Root.StructTreeRoot

    def build(obj, page) -> Element:
        if obj.get("/Pg") is not None:
            page = pages[obj.Pg.objgen]
        elem = Element(str(obj.get("/S", "/StructTreeRoot"))[1:], obj, page)
        kids = obj.get("/K")
        for kid in (kids if isinstance(kids, pikepdf.Array) else [] if kids is None else [kids]):
            if isinstance(kid, int):
                elem.mcids.append((page, int(kid)))
            elif kid.get("/Type") == "/MCR":
                elem.mcids.append((pages[kid.Pg.objgen] if kid.get("/Pg") is not None else page, int(kid.MCID)))
            elif kid.get("/Type") == "/OBJR":
                elem.annots.append(kid.Obj)
            else:
                elem.kids.append(build(kid, page))
        return elem

    return build(root_obj, None)


def _parent_tree(pdf: pikepdf.Pdf) -> dict[int, pikepdf.Object]:
    nums: list = []

    def collect(node):
        nums.extend(node.get("/Nums", []))
        for kid in node.get("/Kids", []):
            collect(kid)

    collect(pdf.Root.StructTreeRoot.ParentTree)
    return {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}


# -- the structure ----------------------------------------------------------------------------

def structure_problems(pdf: pikepdf.Pdf) -> list[str]:
    """Catalog entries; every element's /P; every MCID painted once, claimed once and mapped by
    the parent tree; no text shown outside an element's content or an artifact (form XObjects
    followed where they are drawn); no MCID inside an artifact or another MCID; every widget
    the only OBJR of a /Form element with an accessible name (the choices of a group each their own),
    every link in a /Link element with /Contents, both ways (/StructParent); /Tabs /S; headings
    from H1 and never skipping a level, each section starting at H1."""
    problems: list[str] = []
    root = pdf.Root
    if not (root.get("/MarkInfo") and root.MarkInfo.get("/Marked") is True):
        problems.append("MarkInfo /Marked is not true")
    if not re.fullmatch(r"[a-z]{2,3}(-[A-Za-z0-9]+)*", str(root.get("/Lang", ""))):
        problems.append(f"/Lang is {root.get('/Lang')!r}")
    if not (root.get("/ViewerPreferences") and root.ViewerPreferences.get("/DisplayDocTitle") is True):
        problems.append("DisplayDocTitle is not true")
    with pdf.open_metadata() as xmp:
        title = str(pdf.docinfo.get("/Title", ""))
        if xmp.get("dc:title") != title or not title:
            problems.append(f"XMP dc:title {xmp.get('dc:title')!r} is not the document title {title!r}")
        if xmp.get("pdfuaid:part") != "1":
            problems.append("XMP has no pdfuaid:part 1")
    if root.get("/StructTreeRoot") is None:
        return problems + ["no StructTreeRoot"]

    top = tree(pdf)
    claimed: dict[tuple[int, int], pikepdf.Object] = {}

    def check_parents(elem: Element) -> None:
        for kid in elem.kids:
            if kid.obj.get("/P") is None or kid.obj.P.objgen != elem.obj.objgen:
                problems.append(f"a {kid.type} has a wrong /P")
            check_parents(kid)

    check_parents(top)
    owner_of: dict[tuple[int, int], Element] = {}
    for elem in top.walk():
        for ref in elem.mcids:
            if ref in claimed:
                problems.append(f"page {ref[0] + 1}: MCID {ref[1]} claimed twice")
            claimed[ref] = elem.obj
        for annot in elem.annots:
            owner_of[annot.objgen] = elem
    parents = _parent_tree(pdf)
    choice_names: dict[tuple, list[str]] = {}  # radio group -> its choices' names, told apart

    for i, page in enumerate(pdf.pages):
        content = page_content(page)
        painted = content.painted
        if content.untagged:
            problems.append(f"page {i + 1}: {content.untagged} text operator(s) outside any element or artifact")
        if content.nested:
            problems.append(f"page {i + 1}: {content.nested} MCID(s) inside an artifact or another MCID")
        mine = {m for (p, m) in claimed if p == i}
        if set(painted) != mine:
            problems.append(f"page {i + 1}: MCIDs painted but unclaimed {sorted(set(painted) - mine)[:5]}, "
                            f"claimed but unpainted {sorted(mine - set(painted))[:5]}")
        if any(n > 1 for n in painted.values()):
            problems.append(f"page {i + 1}: an MCID is painted twice")
        if mine:
            key = page.obj.get("/StructParents")
            row = parents.get(int(key)) if key is not None else None
            if row is None or any(row[m].objgen != claimed[(i, m)].objgen for m in mine):
                problems.append(f"page {i + 1}: the parent tree does not map its MCIDs to their elements")
        annots = page.obj.get("/Annots") or []
        if len(annots) and page.obj.get("/Tabs") != "/S":
            problems.append(f"page {i + 1}: annotations but no /Tabs /S")
        for annot in annots:
            problems += _annotation_problems(i, annot, owner_of.get(annot.objgen), parents, choice_names)

    headings = [int(e.type[1]) for e in top.walk() if re.fullmatch(r"H[1-6]", e.type)]
    if headings and headings[0] != 1:
        problems.append(f"the first heading is H{headings[0]}")
    problems += [f"heading order skips from H{a} to H{b}" for a, b in zip(headings, headings[1:]) if b > a + 1]
    for sect in (e for e in top.walk() if e.type == "Sect" and e.obj.P.get("/S") == "/Document"):
        first = next((e.type for e in sect.walk() if re.fullmatch(r"H[1-6]", e.type)), "H1")
        if first != "H1":
            problems.append(f"section {sect.obj.get('/T')!r} starts with {first}")
    return problems


def _annotation_problems(i: int, annot, owner: Element | None, parents: dict,
                         choice_names: dict[tuple, list[str]]) -> list[str]:
    sub = str(annot.Subtype)[1:]
    want = {"Widget": "Form", "Link": "Link"}.get(sub)
    if want is None:
        return []
    where = f"page {i + 1}: a {sub} ({annot.get('/T') or annot.get('/Contents') or ''})"
    if owner is None or owner.type != want:
        return [f"{where} is not in a /{want} element"]
    problems = []
    key = annot.get("/StructParent")
    if key is None or parents.get(int(key)) is None or parents[int(key)].objgen != owner.obj.objgen:
        problems.append(f"{where}: its /StructParent does not lead to its /{want}")
    if sub == "Widget":
        if len(owner.annots) != 1 or owner.kids or owner.mcids:
            problems.append(f"{where}: its /Form holds more than the widget")
        name = owner.alt or str(annot.get("/TU", ""))
        if not name:
            problems.append(f"{where} has no accessible name")
        parent = annot.get("/Parent")
        if parent is not None and int(parent.get("/Ff", 0)) & RADIO:
            named = choice_names.setdefault(parent.objgen, [])
            if name in named:
                problems.append(f"{where}: two choices of one group are both named {name!r}")
            named.append(name)
    if sub == "Link" and not str(annot.get("/Contents", "")):
        problems.append(f"{where} has no /Contents")
    return problems


@dataclass
class PageContent:
    """One page's content stream (and the form XObjects it draws), read by its marks."""

    painted: Counter = field(default_factory=Counter)  # MCID -> sequences opened on the page
    text: dict[int, str] = field(default_factory=dict)  # MCID -> its strings, joined as drawn
    furniture: list[str] = field(default_factory=list)  # strings inside pagination artifacts
    untagged: int = 0  # text operators outside any marked content
    nested: int = 0  # MCIDs opened inside marked content


def page_content(page: pikepdf.Page) -> PageContent:
    content = PageContent()
    _walk_stream(page.obj, page.obj.get("/Resources"), [], content, {})
    return content


def _walk_stream(obj, resources, marks: list, content: PageContent, cmaps: dict, depth: int = 0) -> None:
    """Marks are ("mcid", n), ("pagination", None) or ("other", None); form XObjects are
    followed with the marks open around their Do. Strings are decoded with their font's
    /ToUnicode and joined exactly as drawn: no space is made up between two of them."""
    font = None
    for operands, op in pikepdf.parse_content_stream(obj):
        op = str(op)
        if op in ("BDC", "BMC"):
            props = operands[1] if op == "BDC" else None
            if isinstance(props, pikepdf.Dictionary) and "/MCID" in props:
                content.nested += bool(marks)
                if depth == 0:
                    content.painted[int(props.MCID)] += 1
                marks.append(("mcid", int(props.MCID)))
            elif isinstance(props, pikepdf.Dictionary) and props.get("/Type") == "/Pagination":
                marks.append(("pagination", None))
            else:
                marks.append(("other", None))
        elif op == "EMC":
            marks.pop()
        elif op == "Tf":
            font = resources.Font[str(operands[0])]
        elif op in TEXT_OPS:
            if not marks:
                content.untagged += 1
                continue
            strings = operands[0] if op == "TJ" else [operands[-1]]
            text = "".join(_decode(font, bytes(s), cmaps) for s in strings if isinstance(s, pikepdf.String))
            kind, mcid = next((m for m in reversed(marks) if m[0] != "other"), ("other", None))
            if kind == "mcid":
                content.text[mcid] = content.text.get(mcid, "") + text
            elif kind == "pagination":
                content.furniture.append(text)
        elif op == "Do" and resources is not None:
            xobj = resources.get("/XObject", {}).get(str(operands[0]))
            if xobj is not None and xobj.get("/Subtype") == "/Form":
                _walk_stream(xobj, xobj.get("/Resources", resources), marks, content, cmaps, depth + 1)


def _decode(font, data: bytes, cmaps: dict) -> str:
    """One-byte codes through the font's /ToUnicode (bfchar and bfrange), else as Latin-1."""
    if font is None or font.get("/ToUnicode") is None:
        return data.decode("latin-1")
    key = font.objgen
    if key not in cmaps:
        cmap: dict[int, str] = {}
        text = font.ToUnicode.read_bytes().decode("latin-1")
        for block in re.findall(r"beginbfchar(.*?)endbfchar", text, re.S):
            for src, dst in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]*)>", block):
                cmap[int(src, 16)] = bytes.fromhex(dst).decode("utf-16-be")
        for block in re.findall(r"beginbfrange(.*?)endbfrange", text, re.S):
            for lo, hi, dst in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
                first = int(dst, 16)
                for n, code in enumerate(range(int(lo, 16), int(hi, 16) + 1)):
                    cmap[code] = chr(first + n)
        cmaps[key] = cmap
    return "".join(cmaps[key].get(b, "") for b in data).replace("\x00", "")


# -- the words --------------------------------------------------------------------------------

def words(text: str) -> list[str]:
    return re.findall(r"[^\W_]+", text.lower())


def coverage_problems(path: Path) -> list[str]:
    """Every word PDFium reads on each page, apart from the running header and footer
    (pagination artifacts), is read from the structure tree: the text of the marked content
    each element owns on that page, its strings joined exactly as drawn (as poppler's
    `pdfinfo -struct-text` joins them: words at line ends or side by side that run together
    do not match), plus the names of its widgets and figures (the words drawn inside a
    figure are read as its name). A word a line break splits (a long address) counts once,
    whole. Text no code marked sits in the page's default artifact,
    so a flowable that forgets to tag itself fails here."""
    problems = []
    pdf = pikepdf.open(path)
    doc = pypdfium2.PdfDocument(str(path))
    try:
        owned: set[tuple[int, int]] = set()
        named: dict[int, list[str]] = {}  # page -> the names read in place of content
        figures: dict[int, list[tuple]] = {}  # page -> the boxes of figures, read as their names
        for elem in tree(pdf).walk():
            if elem.type != "Figure":
                owned.update(elem.mcids)
            if elem.type in ("Form", "Figure") and elem.alt:
                page = elem.page
                if page is None and elem.annots:
                    page = next(i for i, p in enumerate(pdf.pages) if p.objgen == elem.annots[0].P.objgen)
                named.setdefault(page, []).append(elem.alt)
                if elem.type == "Figure":
                    figures.setdefault(page, []).append(_bbox(elem))
        for i, page in enumerate(pdf.pages):
            content = page_content(page)
            texts = [t for mcid, t in content.text.items() if (i, mcid) in owned] + named.get(i, [])
            read = Counter(w for text in texts for w in words(text))
            text_page = doc[i].get_textpage()
            inside = [text_page.get_text_bounded(*box) for box in figures.get(i, []) if box]
            furniture = Counter(w for text in content.furniture + inside for w in words(text))
            lines = [words(line) for line in text_page.get_text_range().splitlines()]
            missing = _unread(lines, read, furniture)
            if missing:
                problems.append(f"page {i + 1}: the structure tree does not read {' '.join(missing[:12])}")
    finally:
        doc.close()
        pdf.close()
    return problems


def _unread(lines: list[list[str]], read: Counter, furniture: Counter) -> list[str]:
    tokens = [(w, n == len(line) - 1) for line in lines for n, w in enumerate(line)]
    missing, i = [], 0
    while i < len(tokens):
        word, line_end = tokens[i]
        joined = word + tokens[i + 1][0] if line_end and i + 1 < len(tokens) else None
        if furniture[word]:
            furniture[word] -= 1
        elif read[word]:
            read[word] -= 1
        elif joined and read[joined]:  # one word split by a line break
            read[joined] -= 1
            i += 1
        else:
            missing.append(word)
        i += 1
    return missing


# -- QR codes ---------------------------------------------------------------------------------

def qr_problems(path: Path) -> list[str]:
    """Every QR code PDFium draws and zxing decodes (on the pages with web links) lies inside
    a Figure of that page whose /Alt names a resource and says the address the code holds."""
    problems = []
    pdf = pikepdf.open(path)
    doc = pypdfium2.PdfDocument(str(path))
    try:
        figures = [e for e in tree(pdf).walk() if e.type == "Figure"]
        for i, page in enumerate(pdf.pages):
            if not any(a.get("/A") is not None and a.A.get("/URI") is not None for a in page.obj.get("/Annots", [])):
                continue
            scale, height = 2.0, float(page.mediabox[3])
            image = doc[i].render(scale=scale).to_pil()
            for code in zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode):
                pos = code.position
                x = (pos.top_left.x + pos.bottom_right.x) / 2 / scale
                y = height - (pos.top_left.y + pos.bottom_right.y) / 2 / scale
                if not any(f.page == i and _inside(f, x, y) and code.text in f.alt and re.search(r"“.+”", f.alt)
                           for f in figures):
                    problems.append(f"page {i + 1}: the QR code for {code.text} is not a Figure that names it")
    finally:
        doc.close()
        pdf.close()
    return problems


def _bbox(elem: Element) -> tuple[float, float, float, float] | None:
    attrs = elem.obj.get("/A")
    for a in (attrs if isinstance(attrs, pikepdf.Array) else [attrs] if attrs is not None else []):
        if a.get("/BBox") is not None:
            x0, y0, x1, y1 = (float(v) for v in a.BBox)
            return x0, y0, x1, y1
    return None


def _inside(figure: Element, x: float, y: float) -> bool:
    box = _bbox(figure)
    return box is not None and box[0] <= x <= box[2] and box[1] <= y <= box[3]


def widgets_in_reading_order(pdf: pikepdf.Pdf) -> list[tuple[int, pikepdf.Object]]:
    """(page, widget) in the order of the structure tree, which /Tabs /S makes the tab order."""
    pages = {p.objgen: i for i, p in enumerate(pdf.pages)}
    return [(pages[a.P.objgen], a) for e in tree(pdf).walk() if e.type == "Form" for a in e.annots]

"""The bound workbook, composed from PDFs already laid out: its front matter (cover and contents,
laid out by ReportLab with every page's footer defined) and each document's own PDF, whose pages
are taken as they are. Each page is laid out once in a build, not twice.

What changes on the way in is in the documents' dictionaries, not their pages' content (but
for one marking on a document's first page, see _lead_as_artifact): objects are renumbered after
the front matter's; each page's footer forms ("Page 3 of 5") are
swapped for the workbook's ("Page 12 of 40"), which the front matter defined under the same names;
structure elements join the workbook's Document element, and the parent tree is re-keyed (pages
first, in order, then annotations); bookmarks are chained after the front matter's; form fields
join one /AcroForm (their top-level names are document ids, so they never clash); the contents'
links, which pointed at placeholder objects, point at each document's first page. Fonts and
images that are the same bytes in several documents are kept once; nothing else is shared (a
reader that fills a field rewrites its appearance in place).

Only for PDFs this tool wrote (see splice.py): ReportLab's dictionaries, in its spacing."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from workbook.pipeline.render.splice import (
    STRING,
    Parts,
    decoded,
    encoded,
    is_stream,
    join,
    split,
    stream_parts,
    with_content_id,
)

# Text from the content in a PDF string (a title, a label, a link's description) may read like
# PDF syntax, "/Next 3 0 R", and is never taken for it: every pattern below is matched outside
# strings (splice.STRING; a dictionary with no "(" is searched without that alternative).
_REF = rb"(?<![\d.])(?P<n>\d+) 0 R\b"  # an indirect reference
_FOOTER = re.compile(rb"/FormXob\.(footer(?:-lead|-name)?)(\d+) (\d+) 0 R")


@cache
def _outside(pattern: bytes, strings: bool = True) -> re.Pattern:
    """pattern as group "hit", after an alternative that consumes strings (when there may be
    some: most dictionaries have none, and are searched faster without it)."""
    return re.compile((STRING.pattern + rb"|" if strings else b"") + rb"(?P<hit>" + pattern + rb")", re.S)


def _find(body: bytes, pattern: bytes) -> re.Match | None:
    """The first match of pattern in body, outside strings."""
    return next((m for m in _outside(pattern, b"(" in body).finditer(body) if m.group("hit")), None)


def _sub(body: bytes, pattern: bytes, repl: Callable[[re.Match], bytes], count: int = 0) -> bytes:
    """body with matches of pattern outside strings replaced by repl(match)."""
    done = 0

    def one(m: re.Match) -> bytes:
        nonlocal done
        if not m.group("hit") or (count and done >= count):
            return m.group(0)
        done += 1
        return repl(m)

    return _outside(pattern, b"(" in body).sub(one, body)


def _ref(body: bytes, key: bytes) -> int | None:
    m = _find(body, rb"/" + key + rb"\s+(?P<n>\d+) 0 R")
    return int(m.group("n")) if m else None


def _refs(text: bytes) -> list[int]:
    return [int(m.group("n")) for m in _outside(_REF, b"(" in text).finditer(text) if m.group("hit")]


def _array(body: bytes, key: bytes) -> tuple[int, int] | None:
    """Where the array of `key` sits in body (the span between its brackets; it holds numbers,
    names and references only)."""
    m = _find(body, rb"/" + key + rb"\s*\[")
    if m is None:
        return None
    return m.end(), body.index(b"]", m.end())


def _number(body: bytes, key: bytes) -> int:
    m = _find(body, rb"/" + key + rb" (?P<n>-?\d+)")
    assert m is not None
    return int(m.group("n"))


def _head(body: bytes) -> bytes:
    """A stream's dictionary, or the whole body of any other object: where references are."""
    return stream_parts(body)[0] if is_stream(body) else body


@dataclass
class _Catalog:
    """What composing needs of a PDF's catalog, by object number."""

    pages_root: int
    pages: list[int]  # in order
    outlines: int | None
    acroform: int | None
    lang: bytes  # its /Lang entry as written, e.g. (es-US)
    tree: int | None  # the /StructTreeRoot, when tagged
    parent_tree: int | None
    document: int | None  # the Document element at the top of the tree
    next_key: int  # /ParentTreeNextKey


def _catalog(parts: Parts) -> _Catalog:
    catalog = parts.objects[parts.root]
    pages_root = _ref(catalog, b"Pages")
    assert pages_root is not None
    kids = _array(parts.objects[pages_root], b"Kids")
    assert kids is not None
    lang = _find(catalog, rb"/Lang (?P<s>\([^)]*\))")
    tree = _ref(catalog, b"StructTreeRoot")
    parent_tree = document = None
    next_key = 0
    if tree is not None:
        body = parts.objects[tree]
        parent_tree = _ref(body, b"ParentTree")
        top = _array(body, b"K")
        assert top is not None
        document = _refs(body[top[0]:top[1]])[0]
        next_key = _number(body, b"ParentTreeNextKey")
    return _Catalog(pages_root, _refs(parts.objects[pages_root][kids[0]:kids[1]]), _ref(catalog, b"Outlines"),
                    _ref(catalog, b"AcroForm"), lang.group("s") if lang else b"", tree, parent_tree, document, next_key)


@dataclass
class Document:
    """One document's PDF, read for composing."""

    parts: Parts
    catalog: _Catalog
    leads: set[int]  # its pages (1-based) whose footer has its lines above the last as content
    names: set[int]  # its pages whose footer's last line is content

    @property
    def count(self) -> int:
        return len(self.catalog.pages)


_LEAD = re.compile(rb"/P <</MCID (\d+)>> BDC\n(/FormXob\.footer-lead1 Do\nEMC\n)")


def _lead_as_artifact(parts: Parts, page: int, parent_tree: int) -> None:
    """A document's first page, as the workbook's: its footer's lines above the last (the crisis
    line) are read once, on the workbook's first page, so here they become a running footer
    again. Its marked content becomes an artifact, its element leaves the tree, and its slot in
    the page's parent tree entry is null."""
    contents = _ref(parts.objects[page], b"Contents")
    assert contents is not None
    content = decoded(parts.objects[contents])
    m = _LEAD.search(content)
    if m is None:
        return
    parts.objects[contents] = encoded(parts.objects[contents], content[:m.start()] + b"/Artifact <</Type /Pagination "
                                      b"/Subtype /Footer>> BDC\n" + m.group(2) + content[m.end():])
    nums = parts.objects[parent_tree]
    entry = re.compile(rb"0\s*\[([^\]]*)\]").match(nums, nums.index(b"[") + 1)  # page 1's key comes first
    assert entry is not None
    at = entry.start(1)
    refs = re.findall(rb"\d+ 0 R|null", entry.group(1))
    elem = int(refs[int(m.group(1))].split()[0])
    refs[int(m.group(1))] = b"null"
    parts.objects[parent_tree] = nums[:at] + b" ".join(refs) + nums[at + len(entry.group(1)):]
    host = _ref(parts.packed[elem], b"P")
    assert host is not None
    parts.packed[host] = _sub(parts.packed[host], rb"(?<!\d)%d 0 R ?" % elem, lambda m: b"", count=1)
    del parts.packed[elem]


def read(data: bytes) -> Document:
    parts = split(data)
    catalog = _catalog(parts)
    leads, names = set(), set()
    for i, page in enumerate(catalog.pages, 1):
        for kind, _, _ in _FOOTER.findall(parts.objects[page]):
            if kind == b"footer-lead":
                leads.add(i)
            elif kind == b"footer-name":
                names.add(i)
    return Document(parts, catalog, leads, names)


@dataclass(frozen=True)
class Front:
    """The front matter's PDF and what composing needs of it: the object of each form by its
    name (FormXob.footer12), and the placeholder each document's links point at, by document."""

    data: bytes
    forms: dict[str, int]
    placeholders: dict[str, int]


class _Composer:
    """The workbook's objects: the front matter's, under their own numbers, then each
    document's, renumbered after them."""

    def __init__(self, front: Front, pages_after: int):
        self.parts = split(front.data)
        self.front = _catalog(self.parts)
        self.forms = front.forms
        self.total = total = len(self.front.pages) + pages_after
        self.objects = dict(self.parts.objects)
        self.packed = dict(self.parts.packed)
        self.next = max(*self.objects, *self.packed) + 1
        self.page_list = list(self.front.pages)
        self.fields: list[int] = []
        self.form_dict: bytes | None = None  # the first document's /AcroForm, renumbered
        self.tops = self._outline_tops(self.parts.objects, self.front.outlines) if self.front.outlines else []
        self.outline_count = 0
        self.shared: dict[bytes, int] = {}  # a font's or image's renumbered bytes -> its object
        self._number_shared(self.parts, set(), {n: n for n in self.objects}, keep=False)
        self.nums: list[tuple[int, bytes]] = []  # parent tree: key -> value, as written
        self.sections: list[int] = []  # the documents' top structure elements, in order
        pages = len(self.page_list)
        self.annots = 0  # annotation keys handed out so far
        if self.front.parent_tree is not None:
            self.annots = self.front.next_key - pages
            # The front matter's annotations get their keys after the workbook's last page.
            self.nums = [(k if k < pages else total + k - pages, v) for k, v in _nums(self.objects[self.front.parent_tree])]
            for n, body in self.parts.objects.items():
                if b"/StructParent " in body:
                    self.objects[n] = _sub(body, rb"/StructParent (?P<n>\d+)",
                                           lambda m: b"/StructParent %d" % (total + int(m.group("n")) - pages))

    # -- the documents --------------------------------------------------------------------------

    def add(self, doc: Document) -> None:
        """Append doc's pages after those already in."""
        parts, cat, offset = doc.parts, doc.catalog, len(self.page_list)
        skip = {parts.root, parts.info, *_refs(parts.objects[parts.root])}  # its catalog and what hangs from it
        skip |= {n for n in (cat.parent_tree, cat.document) if n}
        if cat.parent_tree and 1 in doc.leads:
            _lead_as_artifact(parts, cat.pages[0], cat.parent_tree)
        # What the front matter has one of for the whole workbook.
        mapping = {cat.pages_root: self.front.pages_root}
        if cat.outlines and self.front.outlines:
            mapping[cat.outlines] = self.front.outlines
        if cat.document and self.front.document:
            mapping[cat.document] = self.front.document
        # Each page's footer forms become the workbook's for that page.
        for i, page in enumerate(cat.pages, 1):
            for kind, number, obj in _FOOTER.findall(parts.objects[page]):
                assert int(number) == i
                mapping[int(obj)] = self.forms[f"FormXob.{kind.decode()}{offset + i}"]
                skip.add(int(obj))
        skip |= self._number_shared(parts, skip, mapping)
        for n in sorted({*parts.objects, *parts.packed} - skip - mapping.keys()):
            mapping[n] = self._take()
        first_annot = self.total + self.annots

        def key(old: int) -> int:  # pages first, in order, then annotations
            return offset + old if old < doc.count else first_annot + old - doc.count

        for n, body in parts.objects.items():
            if n not in skip:
                body = _renumber(body, mapping)
                if b"/StructParent" in body:
                    body = _sub(body, rb"/(?P<k>StructParents?) (?P<n>\d+)",
                                lambda m: b"/%s %d" % (m.group("k"), key(int(m.group("n")))))
                self.objects[mapping[n]] = body
        for n, body in parts.packed.items():
            if n not in skip:
                self.packed[mapping[n]] = _renumber(body, mapping)
        if cat.parent_tree and cat.document:
            self.nums += [(key(old), _renumber(value, mapping)) for old, value in _nums(parts.objects[cat.parent_tree])]
            self.annots += cat.next_key - doc.count
            span = _array(parts.packed[cat.document], b"K")
            tops = [mapping[n] for n in _refs(parts.packed[cat.document][span[0]:span[1]])] if span else []
            if cat.lang and cat.lang != self.front.lang:  # a document in another language than the workbook's
                for top in tops:
                    if _find(self.packed[top], rb"/Lang") is None:
                        self.packed[top] = self.packed[top][:-2] + b"/Lang" + cat.lang + b">>"
            self.sections += tops
        if cat.outlines:
            self._chain(self._outline_tops(parts.objects, cat.outlines, mapping))
            self.outline_count += _number(parts.objects[cat.outlines], b"Count")
        if cat.acroform:
            body = parts.objects[cat.acroform]
            span = _array(body, b"Fields")
            assert span is not None
            self.fields += [mapping[n] for n in _refs(body[span[0]:span[1]])]
            if self.form_dict is None:
                self.form_dict = _renumber(body, mapping)
        self.page_list += [mapping[p] for p in cat.pages]

    def _take(self) -> int:
        self.next += 1
        return self.next - 1

    def _number_shared(self, parts: Parts, skip: set[int], mapping: dict[int, int], keep: bool = True) -> set[int]:
        """Give fonts and images (and what they hold) the object of the same bytes kept from an
        earlier PDF, when there is one, else keep them under a new number; children first, so
        that their parents' bytes compare. The objects so kept."""
        kept: set[int] = set()

        def visit(n: int) -> None:
            if n in kept or n in skip or n not in parts.objects:
                return
            children = _refs(_head(parts.objects[n]))
            for child in children:
                visit(child)
            if any(c not in mapping for c in children):
                return  # holds something that is not shared: numbered with the rest
            body = _renumber(parts.objects[n], mapping)
            if not keep:  # the front matter's own, under their own numbers
                self.shared.setdefault(body, n)
                kept.add(n)
                return
            if body not in self.shared:
                self.shared[body] = self._take()
                self.objects[self.shared[body]] = body
            mapping[n] = self.shared[body]
            kept.add(n)

        for n in sorted(parts.objects):
            head = _head(parts.objects[n])
            if b"/Type /Font" in head or b"/Subtype /Image" in head:
                if _find(head, rb"/Type /Font\b|/Subtype /Image\b"):
                    visit(n)
        return kept

    # -- bookmarks ------------------------------------------------------------------------------

    @staticmethod
    def _outline_tops(objects: dict[int, bytes], root: int, mapping: dict[int, int] | None = None) -> list[int]:
        out, n = [], _ref(objects[root], b"First")
        while n is not None:
            out.append(mapping[n] if mapping else n)
            n = _ref(objects[n], b"Next")
        return out

    def _chain(self, tops: list[int]) -> None:
        if not tops:
            return
        if self.tops:
            last, first = self.tops[-1], tops[0]
            self.objects[last] = _set(self.objects[last], b"Next", b"%d 0 R" % first)
            self.objects[first] = _set(self.objects[first], b"Prev", b"%d 0 R" % last)
        self.tops += tops

    # -- the workbook ---------------------------------------------------------------------------

    def finish(self, placeholders: dict[str, int], starts: dict[str, int]) -> bytes:
        objects = self.objects
        # The contents' links: from placeholders to each document's first page.
        to_page = {placeholders[k]: self.page_list[starts[k] - 1] for k in placeholders}
        for n in self.parts.objects:
            body = objects[n]
            if n not in to_page and any(p in to_page for p in _refs(_head(body))):
                objects[n] = _renumber(body, to_page)
        for n in to_page:
            objects[n] = b"null\n"  # numbers stay contiguous: an unused object
        root = objects[self.front.pages_root]
        root = _sub(root, rb"/Count \d+", lambda m: b"/Count %d" % len(self.page_list), count=1)
        span = _array(root, b"Kids")
        assert span is not None
        objects[self.front.pages_root] = root[:span[0]] + b" " + b" ".join(b"%d 0 R" % p for p in self.page_list) + b" " + \
            root[span[1]:]
        if self.front.outlines and self.tops:
            body = objects[self.front.outlines]
            count = _number(body, b"Count") + self.outline_count
            body = _sub(body, rb"/Count -?\d+", lambda m: b"/Count %d" % count, count=1)
            objects[self.front.outlines] = _set(body, b"Last", b"%d 0 R" % self.tops[-1])
        if self.front.tree is not None:
            self._finish_tree()
        if self.fields:
            self._finish_fields()
        parts = Parts(self.parts.header, objects, self.packed, self.parts.root, self.parts.info)
        return with_content_id(join(parts, b"0" * 32))

    def _finish_tree(self) -> None:
        """The documents' sections under the workbook's Document element; one parent tree."""
        tree, parent_tree, document = self.front.tree, self.front.parent_tree, self.front.document
        assert tree is not None and parent_tree is not None and document is not None
        span = _array(self.packed[document], b"K")
        assert span is not None
        body = self.packed[document]
        self.packed[document] = body[:span[1]] + b"".join(b" %d 0 R" % s for s in self.sections) + body[span[1]:]
        nums = sorted(self.nums)
        self.objects[parent_tree] = b"<</Nums[" + b" ".join(b"%d %s" % kv for kv in nums) + b"]>>"
        self.objects[tree] = _sub(self.objects[tree], rb"/ParentTreeNextKey \d+",
                                  lambda m: b"/ParentTreeNextKey %d" % (nums[-1][0] + 1))

    def _finish_fields(self) -> None:
        """One /AcroForm: the front matter's fields (if any), then every document's."""
        acroform = self.front.acroform
        if acroform is None:
            assert self.form_dict is not None
            acroform = self._take()
            self.objects[acroform] = self.form_dict
            self.objects[self.parts.root] = _set(self.objects[self.parts.root], b"AcroForm", b"%d 0 R" % acroform)
            before: list[bytes] = []
        else:
            span = _array(self.objects[acroform], b"Fields")
            assert span is not None
            before = self.objects[acroform][span[0]:span[1]].split()
        body = self.objects[acroform]
        span = _array(body, b"Fields")
        assert span is not None
        fields = b" ".join([*before, *(b"%d 0 R" % f for f in self.fields)])
        self.objects[acroform] = body[:span[0]] + b" " + fields + b" " + body[span[1]:]


def compose(front: Front, documents: list[tuple[str, Document]]) -> bytes:
    """The workbook: the front matter's pages, then each document's, in order."""
    c = _Composer(front, sum(d.count for _, d in documents))
    starts = {}
    for key, doc in documents:
        starts[key] = len(c.page_list) + 1
        c.add(doc)
    return c.finish(front.placeholders, starts)


def _nums(body: bytes) -> list[tuple[int, bytes]]:
    """A parent tree's /Nums: (key, value as written)."""
    inner = body[body.index(b"[") + 1:body.rindex(b"]")]
    return [(int(m.group(1)), m.group(2)) for m in re.finditer(rb"(\d+)\s*(\[[^\]]*\]|\d+ 0 R)", inner)]


def _renumber(body: bytes, mapping: dict[int, int]) -> bytes:
    """body with its references renumbered (in a stream, only in its dictionary)."""
    def new(m: re.Match) -> bytes:
        n = int(m.group("n"))
        return b"%d 0 R" % mapping[n] if n in mapping else m.group(0)

    if is_stream(body):
        head, _, _ = stream_parts(body)
        return _sub(head, _REF, new) + body[len(head):]
    return _sub(body, _REF, new)


def _set(body: bytes, key: bytes, value: bytes) -> bytes:
    """A dictionary with /key set to value (replaced, or added at its end)."""
    if _find(body, rb"/" + key + rb" \d+ 0 R") is not None:
        return _sub(body, rb"/" + key + rb" \d+ 0 R", lambda m: b"/" + key + b" " + value, count=1)
    end = body.rindex(b">>")
    return body[:end] + b"/" + key + b" " + value + b" " + body[end:]

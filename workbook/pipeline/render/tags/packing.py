"""Structure elements packed into compressed object streams (PDF 1.5), with the cross-reference
table written as a stream, which object streams need.

A tagged handout has thousands of small structure elements. Written as ordinary indirect
objects, uncompressed, they made the PDFs about 38% bigger; packed, they compress like the page
content does. ReportLab cannot write object streams, so its document's `format` is taken over
here: the same loop over the objects, except that structure elements are set aside, and the
same trailer entries, in the cross-reference stream's dictionary. Encrypted and signed
documents are not handled (this tool makes neither).

The dictionaries among the objects (widget annotations, fonts, pages' parts) are formatted here
too, to the byte as ReportLab formats them, without its generic dispatch: a PDF holds thousands
of their names, numbers and references, about a quarter of the time spent writing it."""

from __future__ import annotations

import struct
import zlib
from collections import OrderedDict
from functools import cache
from itertools import chain
from typing import Any

from reportlab import rl_config
from reportlab.lib.rl_accel import escapePDF, fp_str
from reportlab.pdfbase.pdfdoc import (
    NoEncryption,
    PDFArray,
    PDFDictionary,
    PDFDocument,
    PDFFile,
    PDFName,
    PDFObjectReference,
    PDFString,
)
from reportlab.pdfbase.pdfdoc import format as pdf_format

from workbook.pipeline.render.tags.tree import Elem

PER_STREAM = 200  # objects per object stream: readers parse a stream whole to find one


class PackedDocument(PDFDocument):
    """ReportLab's PDFDocument, writing Elem objects into object streams."""

    def format(self) -> bytes:
        assert not self.encrypt.info() and not getattr(self, "_digiSigs", None), "not for encrypted or signed PDFs"
        self.encrypt.prepare(self)
        self.Reference(self.Catalog)
        self.Reference(self.info)
        self._pdfVersion: tuple[int, int] = max(self._pdfVersion, (1, 5))
        numbers, objects, offsets = self.numberToId, self.idToObject, self.idToOffset
        self.__accum__ = out = PDFFile(self._pdfVersion)
        entries: dict[int, tuple[int, int, int]] = {}  # number -> (type, field 2, field 3), as in the xref stream
        packed: list[tuple[int, bytes]] = []
        n = 0
        while n + 1 in numbers:  # formatting may register new objects: go on until none is left
            n += 1
            name = numbers[n]
            obj = objects[name]
            if isinstance(obj, Elem):
                packed.append((n, obj.data))
                continue
            body = _dictionary(obj, self) if type(obj) is PDFDictionary else pdf_format(obj, self, toplevel=1)
            offsets[name] = out.add(b"%d 0 obj\n%s%sendobj\n" % (n, body, b"" if body.endswith(b"\n") else b"\n"))
            entries[n] = (1, offsets[name], 0)
        del self.__accum__
        last = n
        for chunk, members in object_streams(packed, n + 1):
            entries.update(members)
            last = next(iter(members.values()))[1]
            entries[last] = (1, out.add(chunk), 0)
        xref = last + 1
        entries[xref] = (1, out.offset, 0)
        stream = xref_table(entries, xref)
        ids = self.ID().split(b"%")[0].strip()  # ReportLab's [<id><id>], without its comment
        root, info = (pdf_format(self.Reference(o), self) for o in (self.Catalog, self.info))
        out.add(b"%d 0 obj\n<</Type/XRef/Size %d/W[1 4 2]/Root %s/Info %s/ID %s/Filter/FlateDecode/Length %d>>"
                b"stream\n" % (xref, xref + 1, root, info, ids, len(stream)) + stream + b"\nendstream\nendobj\n")
        out.add(b"startxref\n%d\n%%%%EOF\n" % entries[xref][1])
        return out.format(self)


def _dictionary(d: PDFDictionary, doc: PDFDocument) -> bytes:
    """PDFDictionary.format, with its entries formatted by `_value`."""
    keys = list(d.dict)
    if not isinstance(d.dict, OrderedDict):
        keys.sort()
    return b"<<\n" + _joined([_name(k) + b" " + _value(d.dict[k], doc) for k in keys], d.multiline, 6) + b"\n>>"


def _value(v: Any, doc: PDFDocument) -> bytes:
    """ReportLab's `format` of a value inside an object, the same bytes, for the kinds of value
    dictionaries are made of; anything else (streams, other objects' own formats) is ReportLab's."""
    kind = type(v)
    if kind is str and v.isascii() and v.isprintable():  # the PDFDocEncoding of printable ASCII is itself
        return v.encode()
    if kind is int or kind is float:
        return fp_str(v).encode()
    if kind is bytes:
        return v
    if kind is PDFObjectReference:
        return b"%d %d R" % doc.idToObjectNumberAndVersion[v.name]
    if kind is PDFString and _plain(v, doc):
        return b"(" + escapePDF(v.s.encode()).encode() + b")"
    if "__RefOnly__" not in getattr(v, "__dict__", ()):
        if kind is PDFDictionary:
            return _dictionary(v, doc)
        if kind is PDFArray:
            return _array(v, doc)
    return pdf_format(v, doc)


def _array(a: PDFArray, doc: PDFDocument) -> bytes:
    """PDFArray.format, with its elements formatted by `_value`."""
    return b"[ " + _joined([_value(e, doc) for e in a.sequence], a.multiline, 10) + b" ]"


def _joined(items: list[bytes], multiline: bool | str, every: int) -> bytes:
    """Items as ReportLab joins them: one a line when multiline, else a line break after every
    `every` of them."""
    if (multiline and rl_config.pdfMultiLine) or multiline == "forced":
        return b"\n ".join(items)
    for i in reversed(range(every, len(items), every)):
        items.insert(i, b"\n ")
    return b" ".join(items)


def _plain(s: PDFString, doc: PDFDocument) -> bool:
    """A string PDFString.format writes as printable ASCII in parentheses, escaped."""
    text = s.s
    return (type(text) is str and text.isascii() and text.isprintable() and getattr(s, "escape", 1) == 1
            and getattr(s, "enc", "auto") == "auto" and isinstance(doc.encrypt, NoEncryption))


@cache
def _name(key: str) -> bytes:
    return pdf_format(PDFName(key), None)


def object_streams(packed: list[tuple[int, bytes]], first: int) -> list[tuple[bytes, dict[int, tuple[int, int, int]]]]:
    """`packed` (object number, body) in object streams numbered from `first`: each stream as an
    indirect object's bytes, with its members' cross-reference entries."""
    out = []
    for number, start in enumerate(range(0, len(packed), PER_STREAM), first):
        chunk = packed[start:start + PER_STREAM]
        head, body, at, members = [], [], 0, {}
        for index, (member, data) in enumerate(chunk):
            head.append(b"%d %d" % (member, at))
            body.append(data)
            at += len(data) + 1
            members[member] = (2, number, index)
        offsets = b" ".join(head) + b"\n"
        stream = zlib.compress(offsets + b"\n".join(body))
        out.append((b"%d 0 obj\n<</Type/ObjStm/N %d/First %d/Filter/FlateDecode/Length %d>>stream\n"
                    % (number, len(chunk), len(offsets), len(stream)) + stream + b"\nendstream\nendobj\n", members))
    return out


def xref_table(entries: dict[int, tuple[int, int, int]], xref: int) -> bytes:
    """The compressed data of a cross-reference stream (/W [1 4 2]) for objects 1 to `xref`."""
    # object 0 is the free list's head; one pack call for the rest (a packet's join is mostly this)
    return zlib.compress(b"\x00\x00\x00\x00\x00\xff\xff" + struct.pack(
        ">" + "BIH" * xref, *chain.from_iterable(entries[i] for i in range(1, xref + 1))))

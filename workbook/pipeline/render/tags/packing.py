"""Structure elements packed into compressed object streams (PDF 1.5), with the cross-reference
table written as a stream, which object streams need.

A tagged handout has thousands of small structure elements. Written as ordinary indirect
objects, uncompressed, they made the PDFs about 38% bigger; packed, they compress like the page
content does. ReportLab cannot write object streams, so its document's `format` is taken over
here: the same loop over the objects, except that structure elements are set aside, and the
same trailer entries, in the cross-reference stream's dictionary. Encrypted and signed
documents are not handled (this tool makes neither)."""

from __future__ import annotations

import struct
import zlib
from itertools import chain

from reportlab.pdfbase.pdfdoc import PDFDocument, PDFFile
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
            body = pdf_format(obj, self, toplevel=1)
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

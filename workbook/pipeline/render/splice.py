"""Our own PDFs as numbered objects, and numbered objects as a PDF again.

Only for what tags/packing.py writes: numbered objects in number order (`N 0 obj ... endobj`),
structure elements in object streams, one cross-reference stream. `join(split(pdf))` is the same
bytes (tested), so a PDF put together here from a laid-out one reads exactly like a laid-out
one. Also the pieces personalise.py rewrites objects with: streams encoded as ReportLab encodes
them, PDF text strings, and a content stream's tokens."""

from __future__ import annotations

import hashlib
import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass

from reportlab import rl_config
from reportlab.pdfbase.pdfdoc import PDFDocument, PDFString
from reportlab.pdfbase.pdfutils import _wrap, asciiBase85Decode, asciiBase85Encode

from workbook.pipeline.render.tags.packing import object_streams, xref_table

_XREF = re.compile(rb"(\d+) 0 obj\n<</Type/XRef/Size (\d+)/W\[1 4 2\]/Root (\d+) 0 R/Info (\d+) 0 R/ID (\[<\w+><\w+>\])"
                   rb"/Filter/FlateDecode/Length (\d+)>>stream\n")
_OBJSTM = re.compile(rb"<</Type/ObjStm/N (\d+)/First (\d+)/Filter/FlateDecode/Length (\d+)>>stream\n")


@dataclass
class Parts:
    header: bytes  # %PDF-1.5 and the binary comment line
    objects: dict[int, bytes]  # number -> what is between "N 0 obj\n" and "endobj\n"
    packed: dict[int, bytes]  # number -> a structure element, as kept in an object stream
    root: int
    info: int

    def body(self, number: int) -> bytes:
        return self.objects[number] if number in self.objects else self.packed[number]


def split(data: bytes) -> Parts:
    start = int(data[data.rindex(b"startxref") + 9:].split()[0])
    head = _XREF.match(data, start)
    if head is None:
        raise ValueError("not a PDF this tool wrote")
    xref, size, root, info = (int(head.group(i)) for i in (1, 2, 3, 4))
    table = zlib.decompress(data[head.end():head.end() + int(head.group(6))])
    entries = [(table[i], int.from_bytes(table[i + 1:i + 5], "big"), int.from_bytes(table[i + 5:i + 7], "big"))
               for i in range(7, 7 * size, 7)]  # objects 1 .. size - 1
    streams = {field for kind, field, _ in entries if kind == 2}
    objects: dict[int, bytes] = {}
    packed: dict[int, bytes] = {}
    first_offset = start
    for number, (kind, field, _) in enumerate(entries, 1):
        if kind != 1 or number == xref:
            continue
        first_offset = min(first_offset, field)
        opening = b"%d 0 obj\n" % number
        if not data.startswith(opening, field):
            raise ValueError("not a PDF this tool wrote")
        body_start = field + len(opening)
        end = data.index(b"endobj\n", body_start + (int(_stream_length(data, body_start)) if number in streams else 0))
        if number in streams:
            packed.update(_unpack(data[body_start:end]))
        else:
            objects[number] = data[body_start:end]
    return Parts(data[:first_offset], objects, packed, root, info)


def _stream_length(data: bytes, at: int) -> int:
    m = _OBJSTM.match(data, at)
    if m is None:
        raise ValueError("not a PDF this tool wrote")
    return m.end() - at + int(m.group(3))


def _unpack(body: bytes) -> dict[int, bytes]:
    m = _OBJSTM.match(body)
    assert m is not None
    content = zlib.decompress(body[m.end():m.end() + int(m.group(3))])
    first = int(m.group(2))
    pairs = [int(v) for v in content[:first].split()]
    numbers, offsets = pairs[0::2], pairs[1::2]
    ends = [o - 1 for o in offsets[1:]] + [len(content) - first]
    return {n: content[first + o:first + e] for n, o, e in zip(numbers, offsets, ends)}


def join(parts: Parts, file_id: bytes) -> bytes:
    """The PDF, written as tags/packing.py writes it; `file_id` is the /ID's hex digits."""
    return Joiner(parts, ()).join({}, file_id)


class Joiner:
    """Writes PDFs that differ from `parts` only in the objects numbered `changing`: the others
    are formatted (and structure elements packed and compressed) once."""

    def __init__(self, parts: Parts, changing: tuple[int, ...]):
        self.parts, self.changing = parts, set(changing)
        self.order = sorted(parts.objects)
        self.chunks = {n: _chunk(n, parts.objects[n]) for n in self.order if n not in self.changing}
        self.streams = None if self.changing & parts.packed.keys() else self._streams(parts.packed)

    def join(self, changed: dict[int, bytes], file_id: bytes) -> bytes:
        """The PDF with these objects' new bodies (structure elements included)."""
        out = [self.parts.header]
        at = len(self.parts.header)
        entries: dict[int, tuple[int, int, int]] = {}  # cross-reference entries: type, field 2, field 3
        for number in self.order:
            chunk = self.chunks.get(number) or _chunk(number, changed.get(number, self.parts.objects[number]))
            entries[number] = (1, at, 0)
            out.append(chunk)
            at += len(chunk)
        streams = self.streams or self._streams({**self.parts.packed, **{n: b for n, b in changed.items()
                                                                           if n in self.parts.packed}})
        for chunk, members in streams:
            entries.update(members)
            entries[next(iter(members.values()))[1]] = (1, at, 0)
            out.append(chunk)
            at += len(chunk)
        xref = max(entries) + 1
        entries[xref] = (1, at, 0)
        stream = xref_table(entries, xref)
        out.append(b"%d 0 obj\n<</Type/XRef/Size %d/W[1 4 2]/Root %d 0 R/Info %d 0 R/ID [<%s><%s>]/Filter/FlateDecode"
                   b"/Length %d>>stream\n" % (xref, xref + 1, self.parts.root, self.parts.info, file_id, file_id, len(stream))
                   + stream + b"\nendstream\nendobj\n")
        out.append(b"startxref\n%d\n%%%%EOF\n" % at)
        return b"".join(out)

    def _streams(self, packed: dict[int, bytes]) -> list[tuple[bytes, dict[int, tuple[int, int, int]]]]:
        """The object streams: each one's bytes, and its members' cross-reference entries."""
        return object_streams(sorted(packed.items()), max(*self.parts.objects, *packed) + 1)

def _chunk(number: int, body: bytes) -> bytes:
    return b"%d 0 obj\n%sendobj\n" % (number, body)


def file_id(data: bytes) -> bytes:
    """The /ID's hex digits of a PDF this tool wrote."""
    start = int(data[data.rindex(b"startxref") + 9:].split()[0])
    head = _XREF.match(data, start)
    if head is None:
        raise ValueError("not a PDF this tool wrote")
    return head.group(5)[2:34]


_ID = re.compile(rb"/ID\s*\[<[0-9a-fA-F]{32}><[0-9a-fA-F]{32}>\]")


def with_content_id(data: bytes) -> bytes:
    """The PDF with an /ID that is the MD5 of its bytes (the /ID left blank): unique to what it
    holds, and the same for the same bytes however they were made."""
    # the first /ID after where startxref points: in the cross-reference stream's dictionary
    # (before its binary data, which may hold any bytes), or in the trailer after the table
    found = _ID.search(data, int(data[data.rindex(b"startxref") + 9:].split()[0]))
    if found is None:
        raise ValueError("not a PDF this tool wrote")
    at = found.end() - 68  # the first of the two 32-digit ids
    digest = hashlib.md5(data[:at] + b"0" * 66 + data[at + 66:]).hexdigest().encode()
    return data[:at] + digest + b"><" + digest + data[at + 66:]


# Streams ------------------------------------------------------------------------------------------

def is_stream(body: bytes) -> bool:
    return body.endswith(b"endstream\n") or body.endswith(b"endstream")


def stream_parts(body: bytes) -> tuple[bytes, bytes, bytes]:
    """A stream object's dictionary (up to `stream`), its encoded data, and what follows."""
    length = re.search(rb"/Length (\d+)", body)
    assert length is not None
    i = body.index(b"stream", length.end())
    start = i + 6 + (2 if body[i + 6:i + 8] == b"\r\n" else 1)
    end = start + int(length.group(1))
    return body[:i], body[start:end], body[end:]


def decoded(body: bytes) -> bytes:
    """A stream's content with its filters (ReportLab's: ASCII85 over Flate, or Flate) undone."""
    head, data, _ = stream_parts(body)
    if b"/ASCII85Decode" in head:
        data = asciiBase85Decode(data.replace(b"\n", b""))
    if b"/FlateDecode" in head:
        data = zlib.decompress(data)
    return data


def encoded(body: bytes, content: bytes) -> bytes:
    """The stream object `body` holding `content` instead, encoded with the filters its dictionary
    names, as ReportLab encodes them (the same content gives the same bytes)."""
    head, _, tail = stream_parts(body)
    data = content
    if b"/FlateDecode" in head:
        data = zlib.compress(data)
    if b"/ASCII85Decode" in head:
        text = asciiBase85Encode(data)
        data = (_wrap(text) if rl_config.wrapA85 else text).encode("latin-1")
    head = re.sub(rb"/Length \d+", b"/Length %d" % len(data), head, count=1)
    return head + b"stream\n" + data + tail


# Strings --------------------------------------------------------------------------------------------

# A literal string (ReportLab escapes every parenthesis inside one) or a hex string (not <<).
STRING = re.compile(rb"\((?:\\.|[^\\()])*\)|<(?!<)[0-9A-Fa-f\s]*>", re.S)
_ESCAPES = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}


def string_bytes(token: bytes) -> bytes:
    """The bytes a PDF string token stands for."""
    if token.startswith(b"<"):
        digits = re.sub(rb"\s", b"", token[1:-1])
        return bytes.fromhex((digits + b"0" * (len(digits) % 2)).decode())
    return re.sub(rb"\\([0-7]{1,3}|.)", _unescape, token[1:-1], flags=re.S)


def _unescape(m: re.Match) -> bytes:
    code = m.group(1)
    if code[:1].isdigit():
        return bytes((int(code, 8) & 255,))
    return _ESCAPES.get(code, code if code != b"\n" else b"")


def text_of(token: bytes) -> str:
    """A PDF text string's text: UTF-16 with its byte order mark, else PDFDocEncoding (ReportLab
    writes ł as 0x9B, not as Latin-1 would)."""
    raw = string_bytes(token)
    return raw[2:].decode("utf-16-be") if raw.startswith(b"\xfe\xff") else raw.decode("pdfdoc")


def text_token(text: str) -> bytes:
    """A text string as ReportLab writes it in a dictionary."""
    return PDFString(text).format(PDF)


PDF = PDFDocument()  # for formatting values as ReportLab does

# Content streams: strings, names, numbers and operators, arrays and dictionaries' brackets.
TOKEN = re.compile(rb"\((?:\\.|[^\\()])*\)|<<|>>|<[0-9A-Fa-f\s]*>|\[|\]|/[^\s/\[\]()<>{}%]*|[^\s/\[\]()<>{}%]+", re.S)


def tokens(content: bytes) -> Iterator[re.Match]:
    return TOKEN.finditer(content)

"""Lay a packet out once, then write each client's packet by changing only what is personal.

Between two clients' packets of one layout, a few dozen of about 2,600 objects differ: the
cover's page (name, clinician, date), the name and date fields (/V and their appearance
streams), the metadata's dates, and the personal font faces the cover's strings are set in
(fonts.personal_face: the document's own fonts never depend on the client). So:

1. A template per shape of the personal strings (which there are, and their runs in the body
   font and the fallback font): the packet laid out for two made-up probe clients of that shape;
   every object that differs between the two is personal, all others are kept as bytes. No kept
   object may hold a probe's string (decompressed streams too), and the template must turn
   probe one's packet into probe two's exactly, or it is not used (`Unusable`): what it cannot
   rewrite, it does not pretend to.
2. Per client whose strings lay out as the probe's (`fits`: the cover's lines, the rows of name
   and date fields): each personal object is rewritten (text strings in dictionaries, the
   cover's runs in the personal faces, the fields' appearances drawn as fields.py draws them),
   the personal faces subset to the client's characters, a fresh cross-reference and an /ID
   from the content. Before the packet is returned, its personal objects are searched
   (decompressed) for every probe string: one found, and it is refused (`Leak`) and that
   client's packet laid out in full instead.

The result is the bytes a layout for that client gives, except the /ID (tested). Templates live
in memory only and hold probe strings, never a client's; nothing here is stored."""

from __future__ import annotations

import datetime
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import lru_cache

from reportlab.lib.rl_accel import escapePDF
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfdoc import PDFArray
from reportlab.pdfbase.ttfonts import makeToUnicodeCMap

from workbook.errors import Problems
from workbook.model.project import Project
from workbook.model.settings import Settings
from workbook.pipeline.markup import Markup, escape
from workbook.pipeline.render import Press, Rendered, personal_values, render_workbook, splice
from workbook.pipeline.render.fields import value_appearance
from workbook.pipeline.render.flowables import FieldRow
from workbook.pipeline.render.fonts import PERSONAL, fallback_runs
from workbook.pipeline.render.formfont import form_font
from workbook.pipeline.render.paragraph import Paragraph
from workbook.pipeline.render.story import cover_texts, personal_cover
from workbook.pipeline.resolve import Resolved, resolve

# Letters for probe strings: Latin ones Lato has, and Greek ones only the fallback font has.
_LATIN, _OTHER = "QzvxPqjkwb", "ψξζΩφχλπθβ"
PROBE_DATES = (datetime.date(1901, 2, 3), datetime.date(1902, 4, 5))


class Unusable(Exception):
    """This layout's personal objects are not all ones a template can rewrite."""


class Leak(Exception):  # noqa: N818 - what it is, as Unusable
    """A probe's string survived in a packet: it is not written."""


def runs(value: str, font: str) -> list[tuple[str, str]]:
    """A personal string as the cover draws it: (run, face) pieces, split where the face
    changes (the fallback font's letters)."""
    return fallback_runs(value, font) if value else []


def shape(values: tuple[str, ...], font: str) -> tuple:
    """What of a packet's personal strings decides which objects it has: which strings there
    are, and each one's runs (the body font's letters, the fallback's, spaces between them)."""
    return tuple(tuple("space" if run.isspace() else face != font for run, face in runs(v, font)) for v in values)


def probes(settings: Settings, font: str) -> tuple[Settings, Settings]:
    """Two made-up clients whose name and clinician have the shape of `settings`' (each run of
    letters a made-up word of its own, the second probe's with an accent), with other dates:
    nothing in them comes from the client's strings."""
    def made(value: str, k: int, first: int) -> str:
        """Each run its own letters: the probe's, then the run's number, written in letters."""
        out = []
        for i, (run, face) in enumerate(runs(value, font), first):
            letters = _OTHER if face != font else _LATIN
            accent = "é" if k and face == font else ""
            out.append(run if run.isspace() else letters[k] + "".join(letters[int(d)] for d in f"{i:03d}") + accent)
        return "".join(out)

    return tuple(replace(settings, client=made(settings.client, k, 0), clinician=made(settings.clinician, k, 500),  # type: ignore[return-value]
                         date=PROBE_DATES[k] if settings.date else None) for k in (0, 1))


@dataclass(frozen=True)
class Strings:
    """A packet's personal strings as printed (render.personal_values), and its /Info date."""

    values: tuple[str, ...]
    stamp: str

    @classmethod
    def of(cls, values: tuple[str, ...], date: datetime.date | None) -> Strings:
        # pages.py stamps the build date at midnight UTC
        return cls(values, date.strftime("D:%Y%m%d000000+00'00'") if date else "")

    def pairs(self, other: Strings) -> list[tuple[str, str]]:
        """(this packet's string, the other's), longest first."""
        pairs = [(a, b) for a, b in zip((*self.values, self.stamp), (*other.values, other.stamp)) if a]
        return sorted(pairs, key=lambda p: -len(p[0]))


@dataclass(frozen=True)
class Probe:
    """A probe client: its settings, its strings, and the cover's paragraphs as laid out."""

    settings: Settings
    strings: Strings
    cover: list[tuple[str, ParagraphStyle]]


@dataclass(frozen=True)
class _Face:
    """A personal face in a template (by its resource name in the pages): its font objects."""

    font: str  # ReportLab's name
    objects: tuple[int, int, int]  # font dictionary, ToUnicode, FontFile2
    base: str  # e.g. AAAAAA+Lato-Bold-Personal


@dataclass
class _Content:
    """A content stream that draws personal runs: the bytes between them, and each run as
    (face's resource, string index, run index)."""

    number: int
    pieces: list[bytes]
    runs: list[tuple[bytes, int, int]]


class Packets:
    """Bound packets of one list of documents in one language, for any client: written into a
    template of the client's shape when one was prepared and the client's strings fit it, else
    laid out in full. Both give the same bytes (tested), so `batch` and `build --client` make
    the same packet for the same client."""

    MIN_CLIENTS = 3  # a template costs about three layouts: worth it from this many packets on

    def __init__(self, project: Project, press: Press, ids: tuple[str, ...]):
        self.project, self.press, self.ids = project, press, ids
        self.font = press.styles.fonts.regular
        self.templates: dict[tuple, Template | None] = {}
        self._first: Settings | None = None  # the first client expected
        self._shapes: Counter[tuple] = Counter()  # how many expected clients have each shape
        self._examples: dict[tuple, Settings] = {}  # per shape, the last client expected of it

    @property
    def _templated(self) -> bool:
        """Only tagged, fillable packets: their form is what splice.py reads, and --flat prints
        pre-filled values in the body font."""
        return self.press.tagged and self.press.writer.fillable

    def expect(self, settings: Settings) -> None:
        """Count a client of a batch by its shape, for prepare(): the clients themselves are
        not kept, so that a batch's memory does not grow with its clients."""
        if self._first is None:
            self._first = settings
        if self._templated and settings.client:
            key = self.key(settings)
            self._shapes[key] += 1
            self._examples[key] = settings

    def prepare(self) -> None:
        """Make a template for each shape that this many expected clients share, before any
        worker forks."""
        if not self._templated:
            if self._first:  # fill the caches every layout shares (paragraphs, QR codes) once
                self.rendered(replace(self._first, client="", clinician="", date=None))
            return
        for key, settings in self._examples.items():
            if self._shapes[key] >= self.MIN_CLIENTS and key not in self.templates:
                one, two = (self.probe(p) for p in probes(settings, self.font))
                try:
                    self.templates[key] = Template(self.rendered, one, two, self.font, self.press.styles.frame_width)
                except Unusable:
                    self.templates[key] = None

    def packet(self, settings: Settings) -> Rendered:
        """The client's packet, with an /ID made from its bytes."""
        template = self.templates.get(self.key(settings)) if settings.client else None
        strings = self.strings(settings)
        if template is not None and template.fits(strings):
            try:
                return Rendered("workbook.pdf", splice.with_content_id(template.write(strings)), template.pages)
            except Leak:
                pass  # that packet is never returned; laid out in full, it is the same, without a probe
        laid = self.rendered(settings)
        return replace(laid, data=splice.with_content_id(laid.data)) if settings.client else laid

    def key(self, settings: Settings) -> tuple:
        """Which template a client's packet is written into: the shape of its strings."""
        return shape(self.strings(settings).values, self.font)

    def strings(self, settings: Settings) -> Strings:
        return Strings.of(personal_values(settings, self.project.strings), settings.date)

    def probe(self, settings: Settings) -> Probe:
        strings = self.strings(settings)
        cover = personal_cover(self._resolved(settings, ()).cover, strings.values, self.press.styles)
        texts = [(t, style) for t, style in cover_texts(cover, self.press.styles) if PERSONAL in t]
        return Probe(settings, strings, texts)

    def rendered(self, settings: Settings, log: list | None = None) -> Rendered:
        return render_workbook(self.press, self._resolved(settings, self.ids), settings, self.ids, log)

    def _resolved(self, settings: Settings, ids: tuple[str, ...]) -> Resolved:
        problems = Problems()
        resolved = resolve(self.project, settings, problems, list(ids))
        problems.raise_if_any()
        assert resolved is not None
        return resolved


class Template:
    """One layout's packet, with what is personal in it found and checked."""

    def __init__(self, lay_out: Callable[[Settings, list | None], Rendered], one: Probe, two: Probe,
                 font: str, width: float):
        log: list = []
        laid = lay_out(one.settings, log)
        first, second, self.pages = laid.data, lay_out(two.settings, None).data, laid.pages
        self.probe, self.font, self.width = one, font, width
        self.rows = list({id(r): r for r in log}.values())  # FieldRows holding values, as laid out
        self.lines = [_lines(text, style, width, one.strings.values) for text, style in one.cover]
        a, b = splice.split(first), splice.split(second)
        if a.objects.keys() != b.objects.keys() or a.packed.keys() != b.packed.keys():
            raise Unusable("the probes' packets have different objects")
        self.parts = a
        self.personal = sorted(n for n in (*a.objects, *a.packed) if a.body(n) != b.body(n))
        self._check_kept(one.strings, two.strings)
        self.faces = self._faces()
        self.widgets = self._widgets()
        handled = {n for f in self.faces.values() for n in f.objects} | set(self.widgets) | set(self.widgets.values())
        self.contents = [self._content(n) for n in self.personal
                         if n in a.objects and n not in handled and splice.is_stream(a.objects[n])]
        handled |= {c.number for c in self.contents}
        self.others = [n for n in self.personal if n not in handled]
        self.joiner = splice.Joiner(a, tuple(self.personal))
        if _without_id(self.write(two.strings)) != _without_id(second):
            raise Unusable("the template does not make the second probe's packet")

    # -- made once -----------------------------------------------------------------------------
    def _check_kept(self, *probes: Strings) -> None:
        needles = [n for p in probes for n in _needles(p)]
        personal = set(self.personal)
        for n, body in (*self.parts.objects.items(), *self.parts.packed.items()):
            if n not in personal and _holds(body, needles):
                raise Unusable("a probe string is in an object both probes share")

    def _faces(self) -> dict[bytes, _Face]:
        faces = {}
        for n in self.personal:
            body = self.parts.body(n)
            m = re.search(rb"/BaseFont /(\w+)\+([\w-]+-Personal) .*?/Name /([\w+]+) ", body, re.S)
            if m and b"/Type /Font" in body:
                desc = self.parts.objects[_ref(b"FontDescriptor", body)]
                face = m.group(2)
                font = next(f for f in pdfmetrics.getRegisteredFontNames()
                            if getattr(pdfmetrics.getFont(f).face, "name", b"") == face)
                faces[m.group(3)] = _Face(font, (n, _ref(b"ToUnicode", body), _ref(b"FontFile2", desc)),
                                          (m.group(1) + b"+" + face).decode())
        return faces

    def _widgets(self) -> dict[int, int]:
        """Personal text widgets -> their appearance streams."""
        out = {}
        for n in self.personal:
            body = self.parts.body(n)
            if b"/FT /Tx" in body and b"/V " in body:
                out[n] = _ref(b"AP <<\n/N", body)
        return out

    def _content(self, number: int) -> _Content:
        """Where the personal faces' runs are in a content stream (read through each face's
        ToUnicode map), and which string's run each is."""
        data = splice.decoded(self.parts.objects[number])
        maps = {r: _cmap(splice.decoded(self.parts.objects[f.objects[1]])) for r, f in self.faces.items()}
        known = {run: (k, i) for k, v in enumerate(self.probe.strings.values) for i, (run, _) in enumerate(runs(v, self.font))}
        if len(known) != sum(len(runs(v, self.font)) for v in self.probe.strings.values):
            raise Unusable("two personal strings have a run in common")
        pieces, found, font, at, last = [], [], b"", 0, [b"", b""]
        for m in splice.tokens(data):
            token = m.group()
            if token == b"Tf":
                font = last[0][1:]
            elif token.startswith(b"(") and font in self.faces:
                text = "".join(maps[font].get(c, "\ufffd") for c in splice.string_bytes(token))
                if text not in known:
                    raise Unusable("a personal face draws something that is not a personal string")
                pieces.append(data[at:m.start()])
                found.append((font, *known[text]))
                at = m.end()
            last = [last[1], token]
        pieces.append(data[at:])
        return _Content(number, pieces, found)

    # -- per client ------------------------------------------------------------------------------
    def fits(self, strings: Strings) -> bool:
        """The client's strings lay out as the probe's: the same shape, the cover's paragraphs
        the same lines, the name and date rows the same rows."""
        if shape(strings.values, self.font) != shape(self.probe.strings.values, self.font):
            return False
        if any(" ".join(v.split()) != v for v in strings.values):
            return False  # a paragraph prints runs of spaces as one
        pairs = [(escape(a), escape(b)) for a, b in self.probe.strings.pairs(strings)]
        for (text, style), lines in zip(self.probe.cover, self.lines):
            if _lines(_replaced(text, pairs), style, self.width, strings.values) != lines:
                return False
        for row in self.rows:
            items = [(n, label, _replaced(value, pairs), w) for n, label, value, w in row.items]
            if [len(r) for r in FieldRow(row.ctx, items)._rows(row.width)] != [len(r) for r in row.rows]:
                return False
        return True

    def write(self, strings: Strings) -> bytes:
        """The client's packet. Raises Leak rather than return one holding a probe string."""
        objects: dict[int, bytes] = {}  # the personal objects, structure elements among them
        texts = self.probe.strings.pairs(strings)
        for n in self.others:
            objects[n] = _text_strings(self.parts.body(n), texts)
        for widget, ap in self.widgets.items():
            objects[widget] = _text_strings(self.parts.objects[widget], texts)
            objects[ap] = _appearance(objects[widget], self.parts.objects[ap])
        encoders = {r: _Encoder(f.font) for r, f in self.faces.items()}
        for content in self.contents:
            out = [content.pieces[0]]
            for (resource, k, i), piece in zip(content.runs, content.pieces[1:]):
                out += [b"(" + encoders[resource].encode(runs(strings.values[k], self.font)[i][0]) + b")", piece]
            objects[content.number] = splice.encoded(self.parts.objects[content.number], b"".join(out))
        for resource, face in self.faces.items():
            objects.update(_font_objects(face, tuple(encoders[resource].codes()),
                                         tuple(self.parts.objects[n] for n in face.objects)))
        self._check(objects, strings)
        return self.joiner.join(objects, b"0" * 32)

    def _check(self, objects: dict[int, bytes], strings: Strings) -> None:
        mine = b"\0".join(_needles(strings))
        needles = [n for n in _needles(self.probe.strings) if n not in mine]
        if objects.keys() != set(self.personal) or any(_holds(body, needles) for body in objects.values()):
            raise Leak("a probe string survived personalisation; the packet was not written")


def _without_id(data: bytes) -> bytes:
    return data.replace(splice.file_id(data), b"")


def _ref(key: bytes, body: bytes) -> int:
    m = re.search(rb"/" + key + rb" (\d+) 0 R", body)
    if m is None:
        raise Unusable("an object of an unexpected form")
    return int(m.group(1))


def _holds(body: bytes, needles: list[bytes]) -> bool:
    texts = (body, splice.decoded(body)) if splice.is_stream(body) else (body,)
    return any(needle in text for text in texts for needle in needles)


def _lines(text: str, style: ParagraphStyle, width: float, values: tuple[str, ...]) -> list[str]:
    """A paragraph's lines as broken, each personal string in them a placeholder: equal for two
    clients when the same words end each line and each string is whole on one line."""
    broken = Paragraph(text, style).breakLines([width])
    lines = [" ".join(("".join(w.text for w in line.words) if broken.kind else " ".join(line[1])).split())
             for line in broken.lines]
    for k, value in sorted(enumerate(values), key=lambda kv: -len(kv[1])):
        lines = [line.replace(value, f"\0{k}") for line in lines] if value else lines
    return lines


def _replaced(text: str, pairs: list[tuple[str, str]]) -> str:
    new = str(text)
    for old, value in pairs:
        new = new.replace(old, value)
    return Markup(new) if isinstance(text, Markup) else new


def _text_strings(body: bytes, pairs: list[tuple[str, str]]) -> bytes:
    """Every text string of a dictionary with the probe's strings made the client's."""
    def swap(m: re.Match) -> bytes:
        text = splice.text_of(m.group())
        new = text
        for old, value in pairs:
            new = new.replace(old, value)
        return m.group() if new == text else splice.text_token(new)

    return splice.STRING.sub(swap, body)


def _appearance(widget: bytes, probe: bytes) -> bytes:
    """A pre-filled field's appearance for its (new) /V, drawn as fields.py draws it."""
    m = re.search(rb"/V (" + splice.STRING.pattern + rb")", widget, re.S)
    size = re.search(rb"/DA \(/\w+ ([\d.]+) Tf", widget)
    box = re.search(rb"/BBox \[ 0 0 ([\d.]+) ([\d.]+) \]", splice.stream_parts(probe)[0])
    if m is None or size is None or box is None:
        raise Unusable("a pre-filled field of an unexpected form")
    q = re.search(rb"/Q (\d)", widget)
    align = ("left", "center", "right")[int(q.group(1)) if q else 0]
    ops = value_appearance(splice.text_of(m.group(1)), float(box.group(1)), float(box.group(2)),
                           float(size.group(1)), align)
    return splice.encoded(probe, ops.encode("latin-1"))


def _needles(strings: Strings) -> list[bytes]:
    """A packet's strings in every form they can take in its bytes."""
    out = []
    for text in (*strings.values, strings.stamp):
        if text:
            out += [text.encode("utf-16-be"), text.encode("utf-8"), form_font().hex(text)[1:-1].encode()]
            for encoding in ("latin-1", "pdfdoc"):
                try:
                    out.append(text.encode(encoding))
                except UnicodeEncodeError:
                    pass
    return out


def _cmap(data: bytes) -> dict[int, str]:
    return {int(code, 16): chr(int(uni, 16))
            for code, uni in re.findall(rb"<([0-9A-Fa-f]{2})> <([0-9A-Fa-f]{4,})>", data)}


class _Encoder:
    """A personal face's codes for one packet, assigned in the order the cover draws its runs,
    as ReportLab assigns them within a document."""

    def __init__(self, font: str):
        self.font = pdfmetrics.getFont(font)
        self.doc = _Packet()  # ReportLab keeps a font's codes per document, weakly, by this key

    def encode(self, text: str) -> bytes:
        escaped = escapePDF(b"".join(chunk for _, chunk in self.font.splitString(text, self.doc)))
        return escaped if isinstance(escaped, bytes) else escaped.encode("latin-1")

    def codes(self) -> list[int]:
        state = self.font.state.get(self.doc)
        return list(state.subsets[0]) if state else []


class _Packet:
    """Stands for one packet's document where ReportLab asks for one."""


@lru_cache(maxsize=512)  # bounded: memory stays flat however many clients
def _font_objects(face: _Face, codes: tuple[int, ...], bodies: tuple[bytes, bytes, bytes]) -> dict[int, bytes]:
    """A personal face's font dictionary, ToUnicode map and font file for these codes."""
    ttf = pdfmetrics.getFont(face.font).face
    widths = PDFArray([ttf.getCharWidth(c) for c in codes]).format(splice.PDF)
    font_dict = re.sub(rb"/LastChar \d+", b"/LastChar %d" % (len(codes) - 1), bodies[0])
    font_dict = re.sub(rb"/Widths \[[^\]]*\]", lambda _: b"/Widths " + widths, font_dict)
    to_unicode = splice.encoded(bodies[1], makeToUnicodeCMap(face.base, list(codes)).encode("latin-1"))
    file = ttf.makeSubset(list(codes))
    font_file = splice.encoded(re.sub(rb"/Length1 \d+", b"/Length1 %d" % len(file), bodies[2]), file)
    return dict(zip(face.objects, (font_dict, to_unicode, font_file)))

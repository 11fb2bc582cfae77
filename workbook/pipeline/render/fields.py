"""Form fields: one writer that either adds AcroForm fields or, for paper (--flat), only prints
pre-filled values. Names are dotted (`doc.block.item`) and written as a field hierarchy, because a
period inside one field's own name is read differently by viewers.

Every widget dictionary is written here (not with ReportLab's acroForm helpers) in the form that
PDFium (Chrome, Edge), pdf.js (Firefox), poppler (Evince, Okular) and pypdf all fill, show and
read back alike:
- text fields name the embedded form font (formfont.py) in their /DA, and /AcroForm /DR lists it,
  so a viewer that draws what a client typed draws it with our glyphs, whatever the script;
- every text widget has an appearance stream of its own, even blank: pypdf writes a value into
  the existing /AP /N object, so a shared blank stream would show one field's value in all;
- a value we pre-fill (the client's name, the date) is drawn by us in that font, /V in UTF-16;
- every check box and radio widget has its own appearance dictionary with an on and an Off state
  (poppler does not draw a choice whose dictionary is shared); only the streams are shared;
- writing areas have an opaque background and automatic font size: once typed in, each viewer's
  own appearance covers the printed rules, and a long answer shrinks to fit instead of being cut.

Tagged, a widget needs nothing here: every one passes through the canvas's _addAnnotation, which
puts it in a /Form element named by its /TU, and each choice of a group has a /TU of its own
(`accessible_name`: "Woke up exhausted: Mon: 2", "Any heart problems?: Sí")."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from typing import Any

from reportlab.lib import colors
from reportlab.pdfbase.pdfdoc import PDFArray, PDFDictionary, PDFName, PDFStream, PDFString
from reportlab.pdfgen.canvas import Canvas

from workbook.pipeline.render.fonts import draw_string
from workbook.pipeline.render.formfont import RESOURCE, form_font
from workbook.pipeline.render.naming import accessible_name
from workbook.pipeline.render.tags import Elem, element

FIELD_TEXT = colors.HexColor("#1A1A1A")
INK = "0.102 0.102 0.102"  # FIELD_TEXT as PDF colour operands
PRINT = 4  # annotation flag: print the field with the page
MULTILINE, DO_NOT_SPELL_CHECK, RADIO = 1 << 12, 1 << 22, 1 << 15
# A viewer that rebuilds a check box or radio appearance itself (poppler with /NeedAppearances)
# draws /MK /CA in this font and colour.
CHOICE_DA = f"/ZaDb 0 Tf {INK.split()[0]} g"
CAPTION = {"check": "4", "ring": "l"}  # ZapfDingbats: a tick, a dot
MIN_VALUE_SIZE = 6.0  # a pre-filled value shrinks to fit its line, down to this


@dataclass(frozen=True)
class FieldWriter:
    fillable: bool = True
    font_size: float = 11.0
    paper_font: str = "Helvetica"  # values printed on paper (--flat): the body font

    def text(self, canv: Canvas, name: str, x: float, y: float, w: float, h: float,
             tooltip: str, value: str = "", multiline: bool = False, align: str = "left") -> None:
        """A line (or, multiline, a writing area over ruled lines) to type into."""
        value = unicodedata.normalize("NFC", value)
        if not self.fillable:
            if value:  # a Span of the element open around it, read apart from its label
                with element(canv, Elem("Span")):
                    canv.saveState()
                    canv.setFont(self.paper_font, self.font_size)
                    canv.setFillColor(FIELD_TEXT)
                    draw_string(canv, x + 2, y + (h - self.font_size) / 2 + 2, value)
                    canv.restoreState()
            return
        form = _form(canv)
        x, y = canv.absolutePosition(x, y)
        # A writing area lets the viewer choose the size (0): a long answer shrinks rather than
        # disappearing past the box. Its white background covers the rules under typed text.
        size = 0 if multiline else self.font_size
        widget = _annotation(canv, (x, y, x + w, y + h), {
            "FT": PDFName("Tx"), "TU": PDFString(tooltip), "DA": PDFString(f"/{RESOURCE} {size:g} Tf {INK} rg"),
            "Ff": MULTILINE if multiline else DO_NOT_SPELL_CHECK,
            "AP": PDFDictionary({"N": canv._doc.Reference(form.text_appearance(value, w, h, self.font_size, align))}),
        })
        if multiline:
            widget["MK"] = PDFDictionary({"BG": PDFArray([1])})
        if value:
            widget["V"] = widget["DV"] = PDFString(value)
        if align != "left":
            widget["Q"] = {"center": 1, "right": 2}[align]
        canv._addAnnotation(widget)
        form.terminals.append((name, canv._doc.Reference(widget)))

    def checkbox(self, canv: Canvas, name: str, x: float, y: float, size: float, tooltip: str,
                 border: colors.Color) -> None:
        # The box is printed on the page (paper and screen look the same); the widget over it
        # draws only the tick.
        _box(canv, x, y, size, border)
        if not self.fillable:
            return
        form = _form(canv)
        x, y = canv.absolutePosition(x, y)
        widget = _annotation(canv, (x, y, x + size, y + size), {
            "FT": PDFName("Btn"), "TU": PDFString(tooltip), "V": PDFName("Off"), "DA": PDFString(CHOICE_DA),
            **form.choice("Yes", size, "check"),
        })
        canv._addAnnotation(widget)
        form.terminals.append((name, canv._doc.Reference(widget)))

    def radio(self, canv: Canvas, name: str, value: str, x: float, y: float, size: float,
              tooltip: str, border: colors.Color, label: str = "") -> None:
        _box(canv, x, y, size, border)
        self.radio_widget(canv, name, value, x, y, size, tooltip, label=label)

    def radio_widget(self, canv: Canvas, name: str, value: str, x: float, y: float, size: float,
                     tooltip: str, mark: str = "check", label: str = "") -> None:
        """Only the clickable part of a radio choice, for callers that print the choice themselves.
        `tooltip` names the group (the question, or a grid's row and day); each choice is named
        for its value too (or for `label`, the choice as printed and spoken when that is not its
        value: Sí for Yes), for screen readers and the viewers that read a choice's own name."""
        if not self.fillable:
            return
        form = _form(canv)
        group = form.group(canv, name, tooltip)
        x, y = canv.absolutePosition(x, y)
        widget = _annotation(canv, (x, y, x + size, y + size), {
            "Parent": group[0], "TU": PDFString(accessible_name(tooltip, label or value)), **form.choice(value, size, mark),
        })
        canv._addAnnotation(widget)
        group[1]["Kids"].sequence.append(canv._doc.Reference(widget))


def _annotation(canv: Canvas, rect: tuple[float, float, float, float], entries: dict) -> PDFDictionary:
    return PDFDictionary({
        "Type": PDFName("Annot"), "Subtype": PDFName("Widget"), "F": PRINT, "P": canv._doc.thisPageRef(),
        "Rect": PDFArray([round(v, 3) for v in rect]), **entries,
    })


def _box(canv: Canvas, x: float, y: float, size: float, border: colors.Color) -> None:
    canv.saveState()
    canv.setStrokeColor(border)
    canv.setLineWidth(1.2)
    canv.roundRect(x, y, size, size, min(4.0, size * 0.12), stroke=1, fill=0)
    canv.restoreState()


@dataclass
class _Form:
    """One PDF's fields while it is laid out: terminal fields in drawing order, radio groups, and
    the choice appearance streams shared by every widget of the same look."""

    doc: Any
    terminals: list[tuple[str, Any]] = field(default_factory=list)  # (full name, reference), in drawing order
    groups: dict[str, tuple[Any, PDFDictionary]] = field(default_factory=dict)  # name -> (reference, group)
    marks: dict[tuple, Any] = field(default_factory=dict)

    def group(self, canv: Canvas, name: str, tooltip: str) -> tuple[Any, PDFDictionary]:
        if name not in self.groups:
            # Without NoToggleToOff: clicking the chosen value again clears it.
            node = PDFDictionary({"FT": PDFName("Btn"), "Ff": RADIO, "TU": PDFString(tooltip), "V": PDFName("Off"),
                                  "DA": PDFString(CHOICE_DA), "Kids": PDFArray([])})
            self.groups[name] = (canv._doc.Reference(node), node)
            self.terminals.append((name, self.groups[name][0]))
        return self.groups[name]

    def choice(self, on: str, size: float, mark: str) -> dict:
        """A choice widget's own state dictionary (a new one each time), over shared streams."""
        states = PDFDictionary({on: self._mark(mark, size), "Off": self._mark(None, size)})
        return {"AS": PDFName("Off"), "AP": PDFDictionary({"N": states}),
                "MK": PDFDictionary({"CA": PDFString(CAPTION[mark])}), "H": PDFName("N")}

    def _mark(self, mark: str | None, size: float):
        """A tick, a ring, or nothing (Off), drawn as paths: no font needed."""
        key = (mark, round(size, 3))
        if key not in self.marks:
            s = size
            if mark == "check":
                ops = (f"q {INK} RG {max(1.6, s * 0.1):.2f} w 1 J 1 j {s * 0.24:.2f} {s * 0.52:.2f} m "
                       f"{s * 0.43:.2f} {s * 0.3:.2f} l {s * 0.78:.2f} {s * 0.76:.2f} l S Q")
            elif mark == "ring":
                ops = f"q {INK} RG {max(1.8, s * 0.08):.2f} w {_circle(s / 2, s / 2, s * 0.44)} S Q"
            else:
                ops = ""
            self.marks[key] = self.doc.Reference(_form_xobject(s, s, ops))
        return self.marks[key]

    def text_appearance(self, value: str, w: float, h: float, size: float, align: str) -> PDFStream:
        """Blank, or the value on one line in the form font, shrunk to fit, centred vertically."""
        if not value:
            return _form_xobject(w, h, "/Tx BMC EMC")
        resources = PDFDictionary({"Font": PDFDictionary({RESOURCE: form_font().reference(self.doc)})})
        return _form_xobject(w, h, value_appearance(value, round(w, 3), round(h, 3), size, align), resources)


def value_appearance(value: str, w: float, h: float, size: float, align: str) -> str:
    """The drawing of a pre-filled value in a widget w x h (as its /BBox records them), from its
    /DA font size and alignment: so that a client's packet can draw its own values in a laid-out
    packet's widgets (pipeline/personalise.py)."""
    font = form_font()
    size = min(size, h * 0.8)
    while size > MIN_VALUE_SIZE and font.width(value, size) > w - 4:
        size -= 0.25
    tw = font.width(value, size)
    x = {"left": 2, "center": (w - tw) / 2, "right": w - 2 - tw}[align]
    y = (h - size * (font.ascent - font.descent)) / 2 - size * font.descent
    return (f"/Tx BMC q 1 1 {w - 2:.2f} {h - 2:.2f} re W n BT /{RESOURCE} {size:g} Tf {INK} rg "
            f"1 0 0 1 {x:.2f} {y:.2f} Tm {font.hex(value)} Tj ET Q EMC")


def _circle(cx: float, cy: float, r: float) -> str:
    k = 0.5523 * r
    return (f"{cx + r:.2f} {cy:.2f} m {cx + r:.2f} {cy + k:.2f} {cx + k:.2f} {cy + r:.2f} {cx:.2f} {cy + r:.2f} c "
            f"{cx - k:.2f} {cy + r:.2f} {cx - r:.2f} {cy + k:.2f} {cx - r:.2f} {cy:.2f} c "
            f"{cx - r:.2f} {cy - k:.2f} {cx - k:.2f} {cy - r:.2f} {cx:.2f} {cy - r:.2f} c "
            f"{cx + k:.2f} {cy - r:.2f} {cx + r:.2f} {cy - k:.2f} {cx + r:.2f} {cy:.2f} c")


def _form_xobject(w: float, h: float, ops: str, resources: PDFDictionary | None = None) -> PDFStream:
    entries = {"Type": PDFName("XObject"), "Subtype": PDFName("Form"), "BBox": PDFArray([0, 0, round(w, 3), round(h, 3)])}
    if resources is not None:
        entries["Resources"] = resources
    return PDFStream(PDFDictionary(entries), ops)


def _form(canv: Canvas) -> _Form:
    """This PDF's fields, begun with its first field (a PDF without fields has no /AcroForm)."""
    form = getattr(canv, "_kap_fields", None)
    if form is None:
        form = canv._kap_fields = _Form(canv._doc)
    return form


def nest_fields(canv: Canvas) -> None:
    """Just before the PDF is saved: dotted names become a parent/kids hierarchy, and the
    /AcroForm dictionary names the form font and ZapfDingbats as default resources."""
    form = getattr(canv, "_kap_fields", None)
    if form is None:
        return
    doc = canv._doc
    roots: list = []
    parents: dict[str, tuple] = {}

    def parent(path: str):
        if path not in parents:
            node = PDFDictionary({"T": PDFString(path.rpartition(".")[2]), "Kids": PDFArray([])})
            ref = doc.Reference(node)
            parents[path] = (ref, node)
            if "." in path:
                head = path.rpartition(".")[0]
                node["Parent"] = parent(head)
                parents[head][1]["Kids"].sequence.append(ref)
            else:
                roots.append(ref)
        return parents[path][0]

    for full, ref in form.terminals:
        obj = doc.idToObject[ref.name]
        head, _, leaf = full.rpartition(".")
        obj["T"] = PDFString(leaf)
        if head:
            obj["Parent"] = parent(head)
            parents[head][1]["Kids"].sequence.append(ref)
        else:
            roots.append(ref)
    acro = canv.acroForm
    acro.fields = roots
    acro.extras.update({
        "DA": PDFString(f"/{RESOURCE} 0 Tf {INK} rg"),
        "DR": PDFDictionary({"Font": PDFDictionary({
            RESOURCE: form_font().reference(doc),
            "ZaDb": doc.Reference(PDFDictionary({"Type": PDFName("Font"), "Subtype": PDFName("Type1"),
                                                 "BaseFont": PDFName("ZapfDingbats")})),
        })}),
    })
    _tab_in_drawing_order(doc)


def _tab_in_drawing_order(doc) -> None:
    """Tab through each page's fields in reading order (a grid cell's four choices, then the next
    day): /Tabs /S, structure order. That is the structure tree's in a tagged PDF (whose tagger
    sets it too, for links as well) and, in one without a tree, the order of the page's
    annotations, which is the order they were drawn in. Row order (/R) would run across the top
    choices of every day before the bottom ones."""
    for page in doc.Pages.pages:
        if page.Annots:
            page.__Defaults__ = {**page.__Defaults__, "Tabs": PDFName("S")}

"""Form fields: one writer that either adds AcroForm fields or, for paper (--flat), only
prints pre-filled values. Names are dotted (`doc.block.item`) and written as a field
hierarchy, because a period inside one field's own name is read differently by viewers.

Tagged PDFs need nothing here for a widget with a tooltip: every widget passes through the
canvas's _addAnnotation, which puts it in a /Form element named by its tooltip. A choice of a
group has no tooltip of its own; it is written inside `form_field`, named by `accessible_name`."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.pdfbase.acroform import RadioGroup
from reportlab.pdfbase.pdfdoc import PDFArray, PDFDictionary, PDFName, PDFString
from reportlab.pdfgen.canvas import Canvas

from workbook.pipeline.render.tags import Elem, element, form_field

TRANSPARENT = colors.Color(1, 1, 1, alpha=0)
FIELD_TEXT = colors.HexColor("#1A1A1A")
FIELD_FONT = "Helvetica"


def accessible_name(*parts: str) -> str:
    """What a screen reader says for a field (its tooltip) or for one choice of it: the
    question, then the row, the day or column and the value, as far as they apply
    ("Woke up exhausted: Mon: 2", "Any heart problems?: Yes")."""
    return ": ".join(p.strip().rstrip(".:").strip() for p in parts if p.strip())


@dataclass(frozen=True)
class FieldWriter:
    fillable: bool = True
    font_size: float = 11.0
    paper_font: str = FIELD_FONT  # values printed on paper (--flat): an embedded font

    def text(self, canv: Canvas, name: str, x: float, y: float, w: float, h: float,
             tooltip: str, value: str = "", multiline: bool = False, align: str = "left") -> None:
        if not self.fillable:
            if value:  # a Span of the element open around it, read apart from its label
                with element(canv, Elem("Span")):
                    canv.saveState()
                    canv.setFont(self.paper_font, self.font_size)
                    canv.setFillColor(FIELD_TEXT)
                    canv.drawString(x + 2, y + (h - self.font_size) / 2 + 2, value)
                    canv.restoreState()
            return
        flags = "multiline" if multiline else ""
        x, y = canv.absolutePosition(x, y)
        canv.acroForm.textfield(
            name=name, tooltip=tooltip, value=value, x=x, y=y, width=w, height=h,
            fontName=FIELD_FONT, fontSize=self.font_size, textColor=FIELD_TEXT,
            fillColor=TRANSPARENT, borderWidth=0, borderColor=None,
            fieldFlags=flags, maxlen=0 if multiline else 200,
        )
        if align != "left":
            _set_quadding(canv, align)

    def checkbox(self, canv: Canvas, name: str, x: float, y: float, size: float, tooltip: str,
                 border: colors.Color) -> None:
        # The box is printed on the page (so paper and screen look the same); the widget over it
        # only draws the tick.
        _box(canv, x, y, size, border)
        if self.fillable:
            x, y = canv.absolutePosition(x, y)
            canv.acroForm.checkbox(
                name=name, tooltip=tooltip, x=x, y=y, size=size, buttonStyle="check",
                borderWidth=0, borderColor=None, fillColor=TRANSPARENT, textColor=FIELD_TEXT, fieldFlags="",
            )

    def radio(self, canv: Canvas, name: str, value: str, x: float, y: float, size: float,
              tooltip: str, border: colors.Color, label: str = "") -> None:
        _box(canv, x, y, size, border)
        self.radio_widget(canv, name, value, x, y, size, tooltip, label)

    def radio_widget(self, canv: Canvas, name: str, value: str, x: float, y: float, size: float,
                     tooltip: str, label: str = "") -> None:
        """Only the clickable part of a radio choice, for callers that print the boxes themselves.
        `label`: the choice as printed and spoken, when that is not its value (Sí for Yes).

        Written here rather than with ReportLab's acroForm.radio, which builds three appearance
        dictionaries per widget: a weekly tracker has hundreds of choices, and they were a third
        of a packet's time. The field is the same: a kid of the group, with one shared normal
        appearance per value and size."""
        if not self.fillable:
            return
        form = canv.acroForm
        group = form._radios.get(name)
        if group is None:
            # Flags without noToggleToOff: clicking the chosen box again clears it.
            group = form._radios[name] = RadioGroup(name, tooltip=tooltip, fieldFlags="radio")
            group._ref = form.getRef(group)
            form.fields.append(group._ref)
        x, y = canv.absolutePosition(x, y)
        widget = PDFDictionary({
            "Type": PDFName("Annot"), "Subtype": PDFName("Widget"), "FT": PDFName("Btn"), "F": PRINT,
            "P": canv._doc.thisPageRef(), "Parent": group._ref, "Rect": PDFArray((x, y, x + size, y + size)),
            "AS": PDFName("Off"), "AP": PDFDictionary({"N": _choice_appearance(form, value, size)}),
            "MK": PDFDictionary({"CA": PDFString(CHECK)}), "H": PDFName("N"),
        })
        with form_field(canv, accessible_name(tooltip, label or value)):
            canv._addAnnotation(widget)
        group.kids.append(form.getRef(widget))


PRINT = 4  # annotation flag: print the field with the page
CHECK = "4"  # ZapfDingbats' check mark, as ReportLab's checkboxes draw it


def share_appearances(form) -> None:
    """Build each checkbox and text-field appearance stream once per PDF, not once per widget:
    ReportLab regenerates identical streams for every box and blank line before de-duplicating
    them."""
    for method in ("checkboxAP", "txAP"):
        setattr(form, method, _memoized(getattr(form, method)))
    form.choice_appearances = {}


def _memoized(make):
    made: dict = {}

    def shared(*args, **kwargs):
        key = (args, tuple(kwargs.items()))  # ReportLab always passes them in the same order
        if key not in made:
            made[key] = make(*args, **kwargs)
        return made[key]

    return shared


def _choice_appearance(form, value: str, size: float):
    """The normal appearance of one radio choice (on: a check; off: nothing), one per PDF."""
    key = (value, size)
    if key not in form.choice_appearances:
        states = {}
        for state, look in ((value, "Yes"), ("Off", "Off")):
            stream = form.checkboxAP("N", look, buttonStyle="check", shape="square", fillColor=TRANSPARENT,
                                     borderColor=None, textColor=FIELD_TEXT, borderWidth=0, borderStyle="solid",
                                     size=size, dashLen=3)
            states[state] = form.getRef(stream)
        form.choice_appearances[key] = form.getRef(PDFDictionary(states))
    return form.choice_appearances[key]


def _box(canv: Canvas, x: float, y: float, size: float, border: colors.Color) -> None:
    canv.saveState()
    canv.setStrokeColor(border)
    canv.setLineWidth(1)
    canv.rect(x, y, size, size, stroke=1, fill=0)
    canv.restoreState()


def _set_quadding(canv: Canvas, align: str) -> None:
    """Centre or right-align the text of the field just added (ReportLab has no option)."""
    ref = canv.acroForm.fields[-1]
    canv._doc.idToObject[ref.name]["Q"] = {"center": 1, "right": 2}[align]


def nest_fields(canv: Canvas) -> None:
    """Turn dotted field names into a parent/kids hierarchy, just before the PDF is saved."""
    form = getattr(canv, "AcroForm", None)
    if form is None or not form.fields:
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

    for ref in form.fields:
        obj = doc.idToObject[ref.name]
        radio = isinstance(obj, RadioGroup)
        full = obj.T if radio else obj["T"].s
        head, _, leaf = full.rpartition(".")
        if not head:
            roots.append(ref)
            continue
        if radio:  # RadioGroup cannot carry a parent: write it as a plain field dictionary
            for kid in obj.kids:
                _normal_appearance_only(doc.idToObject[kid.name])
            obj = doc.idToObject[ref.name] = PDFDictionary(
                {"FT": PDFName("Btn"), "Ff": obj.Ff, "Kids": PDFArray(obj.kids), "TU": PDFString(obj.TU)})
        else:
            _normal_appearance_only(obj)
        obj["T"] = PDFString(leaf)
        obj["Parent"] = parent(head)
        parents[head][1]["Kids"].sequence.append(ref)
    form.fields = roots
    _tab_by_rows(doc)


def _normal_appearance_only(widget: PDFDictionary) -> None:
    """Drop the pressed (D) and rollover (R) appearances ReportLab adds to every box: viewers
    need only the normal one, and a tracker has hundreds of boxes to write."""
    appearance = widget.dict.get("AP")
    if isinstance(appearance, PDFDictionary):
        appearance.dict.pop("D", None)
        appearance.dict.pop("R", None)


def _tab_by_rows(doc) -> None:
    """Tab through each page's fields row by row, top to bottom (/Tabs /R), whatever order a
    viewer would otherwise guess from the structure or the annotation list."""
    for page in doc.Pages.pages:
        if page.Annots:
            page.__Defaults__ = {**page.__Defaults__, "Tabs": PDFName("R")}

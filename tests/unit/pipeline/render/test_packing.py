"""packing.py formats dictionaries, arrays, names, numbers, strings and references itself (for
speed): the bytes must be ReportLab's own, value by value and for whole PDFs."""

from __future__ import annotations

import copy
import datetime

import pytest
from reportlab.pdfbase.pdfdoc import PDFArray, PDFArrayCompact, PDFDictionary, PDFDocument, PDFName, PDFStream, PDFString
from reportlab.pdfbase.pdfdoc import format as reportlab_format

from workbook import pipeline
from workbook.errors import Problems
from workbook.model.settings import Settings
from workbook.pipeline.render import make_press, render_all
from workbook.pipeline.render.tags import packing
from workbook.pipeline.resolve import resolve


def _document() -> tuple[PDFDocument, object]:
    doc = PDFDocument()
    target = doc.Reference(PDFDictionary({"Type": PDFName("Page")}))
    return doc, target


def _forced(obj):
    obj.multiline = "forced"  # one entry a line, whatever rl_config says
    return obj


VALUES = [
    0, -3, 2.5, 1e-7, 612.0, True, None, b"raw bytes", "/Name", "plain words", "tab\there", "café",
    PDFName("Off"), PDFName("with space#(x)"),
    PDFString("Name (first) \\ last"), PDFString("Señora Núñez"), PDFString("Ψάρα"), PDFString(b"bytes ok"),
    PDFString("no escape", escape=0), PDFString("line\nbreak"),
    PDFArray([1, 2, 3]), PDFArray(list(range(23))), PDFArrayCompact(list(range(15))), PDFArray([]),
    PDFArray([PDFArray([0.5, 1]), PDFString("x")]),
    PDFDictionary({}), PDFDictionary({"A": 1, "Z": PDFName("B"), "M": PDFArray([1])}),
    PDFDictionary({k: i for i, k in enumerate("ABCDEFGHIJKLMN")}),
    _forced(PDFArray(list(range(12)))), _forced(PDFDictionary({k: i for i, k in enumerate("ABCDEFGH")})),
    PDFStream(PDFDictionary({"Type": PDFName("XObject")}), "0 0 m"),  # only at top level, as a reference
]


def _formatted(value, inside, whole) -> tuple[bytes, bytes]:
    """The value formatted inside an object, and a dictionary holding it (and a reference)
    formatted as a whole object, in a document of their own."""
    doc, target = _document()
    item = copy.deepcopy(value)  # a stream becomes an object of the document that formats it
    holder = PDFDictionary({"Ref": target, "V": item, "Kids": PDFArray([target, item])})
    return inside(copy.deepcopy(value), doc), whole(holder, doc)


@pytest.mark.parametrize("value", VALUES, ids=lambda v: type(v).__name__)
def test_a_value_is_formatted_as_reportlab_formats_it(value):
    ours = _formatted(value, packing._value, packing._dictionary)
    theirs = _formatted(value, reportlab_format, lambda d, doc: reportlab_format(d, doc, toplevel=1))
    assert ours == theirs


def test_whole_pdfs_are_the_bytes_reportlab_formatting_gives(monkeypatch):
    """Every document of a Spanish client build (accents in names, tooltips and fields)."""
    settings = Settings(client="Señora Núñez (Ana)", date=datetime.date(2026, 3, 4))
    project = pipeline.load(None, "es")
    resolved = resolve(project, settings, Problems(), ["intention-worksheet", "resources", "symptom-checklist"])
    assert resolved is not None

    def pdfs() -> dict[str, bytes]:
        press = make_press(project, settings, True, True)
        return {r.name: r.data for r in render_all(press, resolved, settings)}

    ours = pdfs()
    monkeypatch.setattr(packing, "_dictionary", lambda d, doc: reportlab_format(d, doc, toplevel=1))
    assert pdfs() == ours

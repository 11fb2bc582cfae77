"""Form fields, checked with two independent readers (pypdf and pdfium): names, tooltips,
kinds, appearance streams, tab order (the structure tree's, with pikepdf), and that blank
fields print nothing over the page."""

from __future__ import annotations

import ctypes

import pikepdf
import pypdfium2 as pdfium
import pypdfium2.raw as raw
import pytest
from pypdf import PdfReader
from structure import widgets_in_reading_order

from workbook.pipeline import load

FILLABLE = ["intention-worksheet", "symptom-checklist", "contraindication-consent", "integration-journal", "session-day",
            "my-safety-plan", "my-medicines", "progress-review"]
MULTILINE, RADIO = 1 << 12, 1 << 15


def pypdf_fields(path) -> dict[str, dict]:
    """Terminal fields by full name (parents that only group fields left out)."""
    return {k: v for k, v in (PdfReader(path).get_fields() or {}).items() if "/FT" in v}


def pdfium_names(path) -> set[str]:
    pdf = pdfium.PdfDocument(path)
    pdf.init_forms()
    env = pdf.formenv.raw
    names = set()
    for page in pdf:
        for i in range(raw.FPDFPage_GetAnnotCount(page.raw)):
            annot = raw.FPDFPage_GetAnnot(page.raw, i)
            if raw.FPDFAnnot_GetSubtype(annot) == raw.FPDF_ANNOT_WIDGET:
                size = raw.FPDFAnnot_GetFormFieldName(env, annot, None, 0)
                buf = (ctypes.c_ushort * (size // 2))()
                raw.FPDFAnnot_GetFormFieldName(env, annot, buf, size)
                names.add(bytes(buf).decode("utf-16-le").rstrip("\x00"))
            raw.FPDFPage_CloseAnnot(annot)
    return names


def widgets(path):
    """(page number, widget dictionary) in each page's annotation order."""
    for n, page in enumerate(PdfReader(path).pages):
        for ref in page.get("/Annots", []):
            annot = ref.get_object()
            if annot.get("/Subtype") == "/Widget":
                yield n, page, annot


@pytest.mark.parametrize("doc", FILLABLE)
def test_two_readers_agree_on_meaningful_dotted_names_with_tooltips(default_build, doc):
    path = default_build / f"{doc}.pdf"
    fields = pypdf_fields(path)
    assert fields and set(fields) == pdfium_names(path)
    for name, field in fields.items():
        parts = name.split(".")
        assert len(parts) == 3 and parts[0] == doc and all(parts), name
        assert str(field.get("/TU", "")).strip(), f"{name} has no tooltip"


def test_kinds_prompts_multiline_checkboxes_and_one_radio_group_per_cell(default_build):
    sheet = pypdf_fields(default_build / "intention-worksheet.pdf")
    prompts = [f for n, f in sheet.items() if n.endswith(".1")]
    assert len(prompts) == 7 and all(f["/FT"] == "/Tx" and f["/Ff"] & MULTILINE for f in prompts)
    tracker = pypdf_fields(default_build / "symptom-checklist.pdf")
    cells = {n: f for n, f in tracker.items() if n.startswith("symptom-checklist.week.")}
    assert len(cells) == 70  # 10 rows x 7 days
    for field in cells.values():
        assert field["/FT"] == "/Btn" and field["/Ff"] & RADIO
        assert [str(k.get_object()["/AP"]["/N"].keys() - {"/Off"}) for k in field["/Kids"]] == \
            ["{'/0'}", "{'/1'}", "{'/2'}", "{'/3'}"]
    baseline = [f for n, f in tracker.items() if ".baseline." in n]
    items = next(b.items for b in load(None).documents["symptom-checklist"].blocks if getattr(b, "id", "") == "baseline")
    assert len(baseline) == len(items) and all(f["/FT"] == "/Btn" and not f.get("/Ff", 0) & RADIO for f in baseline)


@pytest.mark.parametrize("doc", FILLABLE)
def test_every_widget_has_an_appearance_and_only_writing_areas_paint_a_background(default_build, doc):
    """A writing area's white background covers the printed rules once a viewer draws typed text
    (and auto size, 0 Tf, shrinks a long answer to fit); every other field is see-through."""
    for _, _, annot in widgets(default_build / f"{doc}.pdf"):
        assert "/N" in annot["/AP"]
        background = annot.get("/MK", {}).get("/BG")
        if annot.get("/Ff", 0) & MULTILINE:
            assert list(background) == [1] and annot["/DA"].startswith("/Wingdings 0 Tf ")
        else:
            assert not background and not annot.get("/MK", {}).get("/BC")


@pytest.mark.parametrize("doc", FILLABLE)
def test_tab_order_follows_the_structure_and_runs_top_to_bottom(default_build, doc):
    """/Tabs /S: tab order is the structure tree's, which is reading order: top to bottom, and in
    a rating grid cell by cell (its four choices, then the next day), never across the top
    choices of every day first."""
    pdf = pikepdf.open(default_build / f"{doc}.pdf")
    for page in pdf.pages:
        if page.get("/Annots"):
            assert page.Tabs == "/S"
    in_order = widgets_in_reading_order(pdf)
    assert len(in_order) == sum(1 for _ in widgets(default_build / f"{doc}.pdf"))
    last: dict = {}
    first_of_group: dict = {}
    for n, annot in in_order:
        # a choice of a group stands where the group's first choice does
        parent = annot.get("/Parent")
        group = parent if parent is not None and int(parent.get("/Ff", 0)) & RADIO else None
        rect = first_of_group.setdefault(group.objgen, annot.Rect) if group is not None else annot.Rect
        x, top = float(rect[0]), float(rect[3])
        if n in last and (x, top) != last[n]:
            prev_x, prev_top = last[n]
            assert top < prev_top - 1 or (abs(top - prev_top) <= 12 and x > prev_x), (doc, n, annot.get("/T"))
        last[n] = x, top
    cells = [a for _, _, a in widgets(default_build / "symptom-checklist.pdf") if a.get("/Parent", {}).get("/T") == "1-mon"]
    assert [next(iter(set(a["/AP"]["/N"]) - {"/Off"})) for a in cells] == ["/0", "/1", "/2", "/3"]


@pytest.mark.parametrize("doc, page", [("symptom-checklist", -1), ("contraindication-consent", 1)])  # the grid; yes/no
def test_blank_fields_print_nothing_so_paper_works_with_a_pen(default_build, doc, page):
    pdf = pdfium.PdfDocument(default_build / f"{doc}.pdf")
    pdf.init_forms()
    page = page % len(pdf)
    with_forms = pdf[page].render(scale=1, may_draw_forms=True).to_pil()
    without = pdf[page].render(scale=1, may_draw_forms=False).to_pil()
    assert with_forms.tobytes() == without.tobytes()

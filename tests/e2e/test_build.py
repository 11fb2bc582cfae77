"""The default build, read back from the real PDFs."""

from __future__ import annotations

import re

import pypdf
import pypdfium2
import pytest
from pdfcheck import qr_codes, text_runs

from workbook.errors import Problems
from workbook.pipeline.render import fonts
from workbook.pipeline.validate import load_project

INCH = 72


@pytest.fixture(scope="session")
def project():
    problems = Problems()
    loaded = load_project(None, problems)
    assert not problems, problems.items
    return loaded


def test_writes_every_document_and_the_workbook(default_build, project):
    names = {p.name for p in default_build.glob("*.pdf")}
    assert names == {f"{i}.pdf" for i in project.enabled} | {"workbook.pdf"}


def test_build_prints_each_path_written_then_one_summary_line(cli, tmp_path):
    result = cli("build", "welcome", "-o", tmp_path)
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [str(tmp_path / "welcome.pdf")]
    assert not (tmp_path / "workbook.pdf").exists()
    summary = result.stderr.splitlines()
    assert len(summary) == 1
    assert re.fullmatch(r"Built 1 document, unbranded \(no practice found\): 1 page in 1 file in .*/, \d+\.\d s\.", summary[0])


def test_every_page_has_header_and_page_x_of_y_footer(workbook_pdf, project):
    pages = len(workbook_pdf.pages)
    for n, page in enumerate(workbook_pdf.pages, 1):
        text = page.extract_text()
        assert f"Page {n} of {pages}" in text
        assert "Your KAP Workbook" in text  # header: the workbook title when there is no practice


def test_pages_a_client_reads_or_signs_carry_the_crisis_line_and_clinician_ones_do_not(default_build, project):
    for doc in project.enabled.values():
        text = pypdf.PdfReader(default_build / f"{doc.id}.pdf").pages[0].extract_text()
        assert ("988" in text) == (doc.audience == "client" or doc.kind == "consent"), doc.id
        assert f"Version {doc.version}" in text and f"Reviewed {doc.reviewed.isoformat()}" in text


def test_every_qr_code_decodes_to_its_url_and_is_at_least_2_5_cm(default_build, project):
    codes = qr_codes(default_build / "resources.pdf")
    assert {text for _, text, _ in codes} == {r.url for r in project.references.values()}
    assert all(side >= 2.5 for *_, side in codes), codes


def test_qr_cards_are_links_to_the_same_urls(default_build, project):
    reader = pypdf.PdfReader(default_build / "resources.pdf")
    uris = {a.get_object()["/A"]["/URI"] for p in reader.pages for a in p.get("/Annots", [])
            if a.get_object().get("/Subtype") == "/Link" and "/URI" in a.get_object().get("/A", {})}
    assert uris == {r.url for r in project.references.values()}


def test_form_fields_have_stable_hierarchical_names(default_build):
    fields = pypdf.PdfReader(default_build / "intention-worksheet.pdf").get_fields()
    assert "intention-worksheet.hope.1" in fields
    assert fields["intention-worksheet.hope.1"]["/FT"] == "/Tx"
    assert fields["intention-worksheet.hope"].get("/Kids")  # a parent, not a dotted flat name
    scale = pypdf.PdfReader(default_build / "symptom-checklist.pdf").get_fields()
    assert scale["symptom-checklist.week.1-mon"]["/FT"] == "/Btn"


def test_flat_build_has_no_fields(cli, tmp_path):
    assert cli("build", "intention-worksheet", "--flat", "-o", tmp_path).exit_code == 0
    assert not pypdf.PdfReader(tmp_path / "intention-worksheet.pdf").get_fields()


def test_same_inputs_give_identical_bytes(cli, tmp_path, default_build):
    assert cli("build", "-o", tmp_path).exit_code == 0
    for pdf in default_build.glob("*.pdf"):
        assert (tmp_path / pdf.name).read_bytes() == pdf.read_bytes(), pdf.name


def test_no_timestamp_unless_date_given(cli, tmp_path, default_build):
    assert cli("build", "welcome", "--date", "2026-03-04", "-o", tmp_path).exit_code == 0
    dated = pypdf.PdfReader(tmp_path / "welcome.pdf").metadata["/CreationDate"]
    undated = pypdf.PdfReader(default_build / "welcome.pdf").metadata["/CreationDate"]
    assert dated.startswith("D:20260304")
    assert undated.startswith("D:2000")  # ReportLab's fixed invariant date, not the clock


def test_workbook_has_a_bookmark_per_document_where_the_contents_say(workbook_pdf, project):
    outline = [o for o in workbook_pdf.outline if not isinstance(o, list)]
    titles = {o.title: workbook_pdf.get_destination_page_number(o) + 1 for o in outline}
    contents_text = workbook_pdf.pages[1].extract_text()
    for doc_id in project.workbook.documents:
        title = project.documents[doc_id].title
        assert title in titles, title
        listed = re.search(re.escape(title) + r".*?(\d+)\s*$", contents_text, re.S | re.M)
        assert listed and int(listed.group(1)) == titles[title], title


def test_metadata(default_build):
    info = pypdf.PdfReader(default_build / "what-to-expect.pdf").metadata
    assert info.title == "What to Expect from Ketamine-Assisted Psychotherapy"
    assert info.author and info.subject
    assert info.creator.startswith("kap-workbook")


def _fonts_used(obj, resources) -> set:
    """(name, font dict) of every font a content stream sets with Tf, forms included."""
    used = set()
    for operands, operator in pypdf.generic.ContentStream(obj, None).operations:
        if operator == b"Tf":
            font = resources["/Font"][operands[0]].get_object()
            used.add((str(font["/BaseFont"]), font.indirect_reference.idnum))
        elif operator == b"Do":
            xobject = resources["/XObject"][operands[0]].get_object()
            if xobject.get("/Subtype") == "/Form":
                used |= _fonts_used(xobject, xobject.get("/Resources") or resources)
    return used


def test_page_text_uses_only_embedded_truetype_fonts(default_build):
    reader = pypdf.PdfReader(default_build / "workbook.pdf")
    used = set()
    for page in reader.pages:
        used |= _fonts_used(page.get_contents(), page["/Resources"])
    for name, idnum in used:
        font = reader.get_object(idnum)
        if font["/Subtype"] == "/Type0":
            font = font["/DescendantFonts"][0].get_object()
        assert "/FontFile2" in font["/FontDescriptor"].get_object(), name
    assert {n.split("+")[-1] for n, _ in used} >= {"Lato-Regular", "Lato-Bold"}


def test_names_and_typography_render_without_missing_glyphs(cli, tmp_path, project):
    assert cli("build", "welcome", "--client", "Ana Núñez", "-o", tmp_path).exit_code == 0
    family = fonts.builtin()
    for char in "Ana Núñez “quoted” — it’s … café":
        assert family.has_glyph(char), char
    # every character the shipped content uses is in the font
    text = "".join(pypdf.PdfReader(p).pages[0].extract_text() for p in [tmp_path / "welcome.pdf"])
    assert all(family.has_glyph(c) for c in text if c.strip()), [c for c in text if not family.has_glyph(c)]


def test_text_stays_inside_0_6_inch_margins(default_build):
    doc = pypdfium2.PdfDocument(str(default_build / "workbook.pdf"))
    for page in doc:
        width, height = page.get_size()
        textpage = page.get_textpage()
        for i in range(textpage.count_chars()):
            left, bottom, right, top = textpage.get_charbox(i)
            if right - left > 0:
                assert 0.6 * INCH <= left and right <= width - 0.6 * INCH
                assert 0.6 * INCH <= bottom and top <= height - 0.6 * INCH


def test_no_page_ends_with_a_heading(workbook_pdf):
    for n, page in enumerate(workbook_pdf.pages, 1):
        body = [r for r in text_runs(page) if r[0] > 1.2 * INCH]  # above the footer
        lowest = min(body, key=lambda r: r[0])
        assert lowest[1] < 14, f"page {n} ends with a heading: {lowest[2]!r}"


def test_writing_areas_are_never_split(default_build):
    """Each field sits on the same page as the question it belongs to (its tooltip)."""
    for pdf in default_build.glob("*.pdf"):
        reader = pypdf.PdfReader(pdf)
        for page in reader.pages:
            text = re.sub(r"\s+", " ", page.extract_text())
            for annot in page.get("/Annots", []):
                widget = annot.get_object()
                tooltip = widget.get("/TU") or widget.get("/Parent", {}).get("/TU")
                if widget.get("/Subtype") == "/Widget" and tooltip and widget.get("/FT") == "/Tx" \
                        and widget.get("/Ff", 0) & 4096:
                    assert re.sub(r"\s+", " ", tooltip)[:40] in text, (pdf.name, tooltip)

"""The bound workbook is composed from the documents' own PDFs (render/compose.py), not laid out
again: it must read, fill and navigate exactly like the workbook laid out whole, in PDFium,
poppler and pypdf, with its structure tree whole and each font kept once."""

from __future__ import annotations

import collections
import hashlib
import io
import re
import subprocess
from pathlib import Path

import pikepdf
import pypdf
import pytest
from pdfcheck import render
from PIL import ImageChops
from structure import structure_problems

from workbook import pipeline
from workbook.errors import Problems
from workbook.model.settings import Settings
from workbook.pipeline.render import compose_workbook, make_press, render_all, render_workbook
from workbook.pipeline.render.compose import _renumber
from workbook.pipeline.resolve import resolve


def _both(practice: Path | None, settings: Settings, tmp_path: Path, language: str | None = None, *,
          fillable: bool = True, tagged: bool = True) -> tuple[Path, Path]:
    """The workbook laid out whole, and composed from the documents' PDFs, for the same inputs."""
    project = pipeline.load(practice, language)
    resolved = resolve(project, settings, Problems(), None)
    assert resolved is not None
    press = make_press(project, settings, fillable, tagged)
    whole = render_workbook(press, resolved, settings)
    singles = {r.name.removesuffix(".pdf"): r.data for r in render_all(press, resolved, settings)}
    composed = compose_workbook(press, resolved, settings, singles)
    assert composed.pages == whole.pages
    (tmp_path / "whole.pdf").write_bytes(whole.data)
    (tmp_path / "composed.pdf").write_bytes(composed.data)
    return tmp_path / "whole.pdf", tmp_path / "composed.pdf"


@pytest.fixture(scope="module")
def default_pair(tmp_path_factory) -> tuple[Path, Path]:
    return _both(None, Settings(), tmp_path_factory.mktemp("compose"))


def test_every_page_looks_the_same_in_pdfium_and_poppler(default_pair, tmp_path):
    whole, composed = default_pair
    for a, b in zip(render(whole, 1.0), render(composed, 1.0), strict=True):
        assert ImageChops.difference(a.convert("RGB"), b.convert("RGB")).getbbox() is None
    for name, pdf in (("w", whole), ("c", composed)):
        subprocess.run(["pdftoppm", "-r", "40", "-png", str(pdf), str(tmp_path / name)], check=True)
    pages = sorted(tmp_path.glob("w-*.png"))
    assert pages
    for page in pages:
        other = page.with_name("c" + page.name[1:])
        assert hashlib.sha256(page.read_bytes()).digest() == hashlib.sha256(other.read_bytes()).digest(), page.name


def test_text_fields_bookmarks_and_links_are_the_same(default_pair):
    whole, composed = (pypdf.PdfReader(p) for p in default_pair)
    for a, b in zip(whole.pages, composed.pages, strict=True):
        # The same lines; a document's first page reads its crisis line in another order (it is
        # content there, read once per document, and an artifact on the pages after).
        assert sorted(line.strip() for line in a.extract_text().splitlines()) == \
            sorted(line.strip() for line in b.extract_text().splitlines())
    fields = {k: (v.get("/FT"), v.get("/V")) for k, v in whole.get_fields().items()}
    assert fields and fields == {k: (v.get("/FT"), v.get("/V")) for k, v in composed.get_fields().items()}

    def where(reader: pypdf.PdfReader) -> list:
        out = []
        for n, page in enumerate(reader.pages):
            for annot in page.get("/Annots") or []:
                a = annot.get_object()
                dest = a.get("/Dest")
                target = reader.get_page_number(dest[0].get_object()) if dest else a.get("/A", {}).get("/URI")
                out.append((n, a.get("/Subtype"), a.get("/T"), [round(float(x), 2) for x in a["/Rect"]], target))
        return out

    assert where(whole) == where(composed)

    def outline(reader: pypdf.PdfReader, items=None, level=0) -> list:
        out = []
        for item in reader.outline if items is None else items:
            if isinstance(item, list):
                out += outline(reader, item, level + 1)
            else:
                out.append((level, item.title, reader.get_destination_page_number(item)))
        return out

    assert outline(whole) == outline(composed) and len(outline(composed)) > 20


def test_the_structure_tree_is_whole_and_in_document_order(default_pair):
    with pikepdf.open(default_pair[1]) as pdf:
        assert structure_problems(pdf) == []
        root = pdf.Root.StructTreeRoot.K[0]
        titles = [str(k.get("/T", "")) for k in root.K if k.get("/S") == "/Sect"]
    with pikepdf.open(default_pair[0]) as pdf:
        assert titles == [str(k.get("/T", "")) for k in pdf.Root.StructTreeRoot.K[0].K if k.get("/S") == "/Sect"]


def test_fonts_and_images_are_kept_once(default_pair):
    whole, composed = default_pair
    with pikepdf.open(composed) as pdf:
        programs = [o.read_raw_bytes() for o in pdf.objects
                    if isinstance(o, pikepdf.Stream) and ("/Length1" in o or "/Subtype" in o and o.Subtype == "/Image")]
    assert len(programs) == len(set(programs))
    with pikepdf.open(whole) as pdf:
        laid_out = sum(1 for o in pdf.objects if isinstance(o, pikepdf.Stream) and "/Length1" in o)
    assert len(programs) <= laid_out + 1  # the documents share their subsets: not one copy per document
    assert composed.stat().st_size < whole.stat().st_size * 1.1


def test_checked_by_qpdf_and_filled_elsewhere(default_pair, tmp_path):
    composed = default_pair[1]
    assert subprocess.run(["qpdf", "--check", str(composed)], capture_output=True).returncode == 0
    reader = pypdf.PdfReader(composed)
    writer = pypdf.PdfWriter(clone_from=reader)
    name = next(k for k, v in reader.get_fields().items() if v.get("/FT") == "/Tx")
    page = next(p for p in writer.pages if any(a.get_object().get("/T") for a in p.get("/Annots") or []))
    writer.update_page_form_field_values(None, {name: "Filled in composed"}, auto_regenerate=False)
    out = io.BytesIO()
    writer.write(out)
    assert pypdf.PdfReader(out).get_fields()[name].get("/V") == "Filled in composed"
    assert page is not None


def test_a_document_in_another_language_keeps_its_language(tmp_path, cli):
    """A practice document with no Spanish version, bound in a Spanish workbook: its section
    says it is in English, as when the workbook was laid out whole."""
    practice = tmp_path / "practice"
    assert cli("init", practice).exit_code == 0
    whole, composed = _both(practice, Settings(), tmp_path, "es")
    with pikepdf.open(whole) as a, pikepdf.open(composed) as b:
        langs = [(str(k.get("/T", "")), str(k.get("/Lang", ""))) for k in a.Root.StructTreeRoot.K[0].K]
        assert ("", "") not in langs and any(lang for _, lang in langs)
        assert langs == [(str(k.get("/T", "")), str(k.get("/Lang", ""))) for k in b.Root.StructTreeRoot.K[0].K]
        assert str(a.Root.Lang) == str(b.Root.Lang)


@pytest.mark.parametrize("fillable, tagged", [(False, True), (True, False)], ids=["flat", "untagged"])
def test_flat_and_untagged_workbooks_compose_alike(tmp_path, fillable, tagged):
    whole, composed = _both(None, Settings(paper="a4", large_print=True), tmp_path, fillable=fillable, tagged=tagged)
    for a, b in zip(render(whole, 0.5), render(composed, 0.5), strict=True):
        assert ImageChops.difference(a.convert("RGB"), b.convert("RGB")).getbbox() is None
    a, b = pypdf.PdfReader(whole), pypdf.PdfReader(composed)
    assert bool(a.get_fields()) == bool(b.get_fields()) == fillable
    assert ("/StructTreeRoot" in b.trailer["/Root"]) == tagged
    assert subprocess.run(["qpdf", "--check", str(composed)], capture_output=True).returncode == 0


ODD = "Odd /Next 3 0 R /Prev 2 0 R /Count 9 (x /StructParent 7 /Lang (zz)) /Kids [ 1 0 R ] /Type /Font \\"


def test_text_that_reads_like_pdf_syntax_is_only_text(tmp_path, cli):
    """A title, heading, label and summary written like PDF dictionary entries end up in
    bookmarks, section titles, field names and link descriptions: composing never takes them
    for the dictionaries around them."""
    practice = tmp_path / "practice"
    assert cli("init", practice).exit_code == 0
    (practice / "content" / "welcome.yaml").write_text(
        "id: welcome\ntitle: '" + ODD + "'\nkind: handout\naudience: client\nversion: '1.0'\n"
        "reviewed: 2026-01-01\nsummary: '" + ODD + "'\nblocks:\n"
        "  - heading: '" + ODD + "'\n"
        "  - fields: {id: odd, items: ['" + ODD + "']}\n"
        "  - heading: 'Second " + ODD + "'\n", encoding="utf-8")
    whole, composed = _both(practice, Settings(), tmp_path)
    for a, b in zip(render(whole, 0.5), render(composed, 0.5), strict=True):
        assert ImageChops.difference(a.convert("RGB"), b.convert("RGB")).getbbox() is None
    a, b = pypdf.PdfReader(whole), pypdf.PdfReader(composed)

    def titles(reader: pypdf.PdfReader, items=None) -> list:
        out = []
        for item in reader.outline if items is None else items:
            out += titles(reader, item) if isinstance(item, list) else [(item.title, reader.get_destination_page_number(item))]
        return out

    assert titles(a) == titles(b) and sum(ODD in t for t, _ in titles(b)) == 3
    assert {k: v.get("/TU") for k, v in a.get_fields().items()} == {k: v.get("/TU") for k, v in b.get_fields().items()}
    with pikepdf.open(composed) as pdf:
        assert structure_problems(pdf) == []
        assert any(ODD in str(k.get("/T", "")) for k in pdf.Root.StructTreeRoot.K[0].K)
    assert subprocess.run(["qpdf", "--check", str(composed)], capture_output=True).returncode == 0


def test_references_in_strings_are_not_renumbered():
    body = b"<< /P 12 0 R /T (see 12 0 R) /ActualText (a \\) 12 0 R) /K [ 12 0 R ] >>"
    assert _renumber(body, {12: 40}) == b"<< /P 40 0 R /T (see 12 0 R) /ActualText (a \\) 12 0 R) /K [ 40 0 R ] >>"


def test_the_build_writes_the_composed_workbook(default_build):
    """What `workbook build` writes is the composed workbook: each document's pages, once."""
    data = (default_build / "workbook.pdf").read_bytes()
    counts = collections.Counter(re.findall(rb"/Length1 (\d+)", data))
    assert counts and max(counts.values()) == 1

"""Branding and print options read back from real PDFs: the logo's shape, the practice's fonts,
missing glyphs, A4, large print, and the personal details that pre-fill a packet."""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import pypdf
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest
import reportlab
from click.testing import CliRunner
from PIL import Image

from workbook.cli import main

VERA = Path(reportlab.__file__).parent / "fonts"  # a TrueType family that is not the built-in Lato


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture
def practice(tmp_path) -> Path:
    folder = tmp_path / "practice"
    assert run("init", folder).exit_code == 0
    return folder


def set_setting(practice: Path, old: str, new: str) -> None:
    path = practice / "practice.yaml"
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new))


def full_name(field) -> str:
    parts = []
    while field is not None:
        if "/T" in field:
            parts.append(str(field["/T"]))
        field = field.get("/Parent")
        field = field.get_object() if field is not None else None
    return ".".join(reversed(parts))


def font_sizes(pdf: Path, page: int = 0) -> Counter:
    """Characters drawn at each font size on one page."""
    sizes: Counter = Counter()

    def visit(text, cm, tm, font, size):
        if text.strip():
            sizes[round(size * tm[0], 1)] += len(text.strip())

    pypdf.PdfReader(pdf).pages[page].extract_text(visitor_text=visit)
    return sizes


@pytest.mark.parametrize("width, height", [(900, 120), (120, 480)])
def test_logo_fits_the_header_with_its_shape_kept(practice, tmp_path, width, height):
    Image.new("RGB", (width, height), (47, 93, 98)).save(practice / "logo.png")
    assert run("build", "welcome", "-p", practice, "-o", tmp_path).exit_code == 0
    page = pdfium.PdfDocument(tmp_path / "welcome.pdf")[0]
    [image] = list(page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE]))
    left, bottom, right, top = image.get_bounds()
    assert (right - left) / (top - bottom) == pytest.approx(width / height, rel=0.01)
    page_w, page_h = page.get_size()
    margin = 0.75 * 72
    assert right <= page_w - margin + 0.5 and top <= page_h - margin + 3
    assert bottom >= page_h - margin - 0.5 * 72  # above the header rule
    assert right - left <= 2.2 * 72 + 0.5


def test_practice_fonts_are_embedded(practice, tmp_path):
    (practice / "fonts").mkdir()
    for face, source in (("Regular", "Vera"), ("Bold", "VeraBd"), ("Italic", "VeraIt")):
        shutil.copyfile(VERA / f"{source}.ttf", practice / "fonts" / f"House-{face}.ttf")
    set_setting(practice, "# fonts:\n#   regular: fonts/YourFont-Regular.ttf\n#   bold: fonts/YourFont-Bold.ttf\n"
                          "#   italic: fonts/YourFont-Italic.ttf",
                "fonts:\n  regular: fonts/House-Regular.ttf\n  bold: fonts/House-Bold.ttf\n  italic: fonts/House-Italic.ttf")
    assert run("build", "welcome", "-p", practice, "-o", tmp_path).exit_code == 0
    fonts = {str(f["/BaseFont"]) for f in pypdf.PdfReader(tmp_path / "welcome.pdf").pages[0]["/Resources"]["/Font"].values()}
    assert fonts == {"/AAAAAA+BitstreamVeraSans-" + face for face in ("Roman", "Bold", "Oblique")}


def test_a_glyph_the_font_lacks_is_a_warning_at_its_line_naming_document_and_character(practice, tmp_path):
    doc = practice / "content" / "your-care-team.yaml"
    text = doc.read_text()
    doc.write_text(text + "  - text: Our garden sign reads 庭.\n")
    line = text.count("\n") + 1
    result = run("build", "your-care-team", "-p", practice, "-o", tmp_path)
    assert result.exit_code == 0
    assert (f"{doc}:{line}:11: warning: neither Lato nor KapFormSans has a glyph for '庭' (U+5EAD), used in your-care-team; "
            "it will print as an empty box") in result.stderr.splitlines()
    assert (tmp_path / "your-care-team.pdf").exists()


def test_a4_from_the_command_line_and_from_the_practice(practice, tmp_path):
    assert run("build", "welcome", "--paper", "a4", "-o", tmp_path / "cli").exit_code == 0
    set_setting(practice, "paper: letter", "paper: a4")
    assert run("build", "welcome", "-p", practice, "-o", tmp_path / "practice").exit_code == 0
    assert run("build", "welcome", "-p", practice, "--paper", "letter", "-o", tmp_path / "back").exit_code == 0
    for folder, size in (("cli", (595, 842)), ("practice", (595, 842)), ("back", (612, 792))):
        box = pypdf.PdfReader(tmp_path / folder / "welcome.pdf").pages[0].mediabox
        assert (round(box.width), round(box.height)) == size, folder


def test_large_print_body_is_16pt_with_the_same_content(tmp_path):
    for flag, folder in (([], "regular"), (["--large-print"], "large")):
        assert run("build", "intention-worksheet", *flag, "-o", tmp_path / folder).exit_code == 0
    regular, large = (pypdf.PdfReader(tmp_path / f / "intention-worksheet.pdf") for f in ("regular", "large"))
    body = font_sizes(tmp_path / "large" / "intention-worksheet.pdf").most_common(1)[0][0]
    assert body >= 16
    assert font_sizes(tmp_path / "regular" / "intention-worksheet.pdf").most_common(1)[0][0] < 12
    assert len(large.pages) > len(regular.pages)
    words = lambda r: " ".join(p.extract_text() for p in r.pages).split()  # noqa: E731
    assert [w for w in words(regular) if not w.isdigit()][:60] == [w for w in words(large) if not w.isdigit()][:60]
    assert set(regular.get_fields()) == set(large.get_fields())


def writing_areas(pdf: Path) -> tuple[dict[str, set], dict[str, float]]:
    """Each field's pages, and each multi-line field's height."""
    pages_of: dict[str, set] = {}
    heights = {}
    for n, page in enumerate(pypdf.PdfReader(pdf).pages):
        for annot in page.get("/Annots", []):
            annot = annot.get_object()
            name = full_name(annot)
            pages_of.setdefault(name, set()).add(n)
            if annot.get("/Ff", 0) & 4096:  # multiline: a prompt's writing area
                rect = [float(v) for v in annot["/Rect"]]
                heights[name] = rect[3] - rect[1]
    return pages_of, heights


def test_large_print_writing_areas_are_taller_and_never_split(tmp_path):
    for flag, folder in (([], "regular"), (["--large-print"], "large")):
        assert run("build", "intention-worksheet", "integration-journal", *flag, "-o", tmp_path / folder).exit_code == 0
    for doc in ("intention-worksheet", "integration-journal"):
        _, regular = writing_areas(tmp_path / "regular" / f"{doc}.pdf")
        pages_of, large = writing_areas(tmp_path / "large" / f"{doc}.pdf")
        assert all(len(pages) == 1 for pages in pages_of.values())
        assert regular.keys() == large.keys() and all(large[k] > regular[k] * 1.15 for k in regular)


def test_client_clinician_and_date_prefill_a_packet(tmp_path):
    result = run("build", "-o", tmp_path, "--client", "Ada Example", "--clinician", "Dr. Rivera", "--date", "2026-02-03")
    assert result.exit_code == 0, result.output
    reader = pypdf.PdfReader(tmp_path / "workbook.pdf")
    cover = reader.pages[0].extract_text()
    assert "Prepared for Ada Example" in cover and "Your clinician: Dr. Rivera" in cover
    values = {k: v.get("/V") for k, v in reader.get_fields().items()}
    assert values["intention-worksheet.about.name"] == "Ada Example"
    assert values["intention-worksheet.about.date"] == "2026-02-03"
    assert (tmp_path / "workbook.pdf").stat().st_mode & 0o777 == 0o600


def test_without_a_client_name_fields_are_blank(default_build):
    values = {k: v.get("/V") for k, v in pypdf.PdfReader(default_build / "workbook.pdf").get_fields().items()}
    assert not values.get("intention-worksheet.about.name")
    assert not values.get("intention-worksheet.about.date")

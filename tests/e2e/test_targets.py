"""Targets a finger can hit, names a screen reader can say, and the weekly grid's layout on every
paper size, in large print and in Spanish: read back with PDFium from the built PDFs."""

from __future__ import annotations

from pathlib import Path

import pypdf
import pytest
from conftest import run
from pdfcheck import text_runs
from pdfium_form import PdfiumForm, Widget

BUILDS = {"letter": [], "a4": ["--paper", "a4"], "large-print": ["--large-print"],
          "large-print-a4": ["--large-print", "--paper", "a4"], "spanish": ["--lang", "es"]}
DOCS = ["symptom-checklist", "contraindication-consent", "session-day", "progress-review", "my-medicines"]
TABLES = {"my-medicines": 10 * 5, "contraindication-consent": 6 * 4}  # medicines tables: rows x columns


@pytest.fixture(scope="module")
def builds(tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("targets")
    for name, args in BUILDS.items():
        assert run("build", *DOCS, "-o", out / name, *args).exit_code == 0
    return {name: out / name for name in BUILDS}


def widgets(pdf: Path) -> list[Widget]:
    with PdfiumForm(pdf) as form:
        return form.widgets()


@pytest.mark.parametrize("build", BUILDS)
def test_every_check_box_and_radio_is_at_least_24_pt_square(builds, build):
    sizes: dict[str, set] = {}
    for doc in DOCS:
        for w in widgets(builds[build] / f"{doc}.pdf"):
            if w.kind in ("checkbox", "radio"):
                width, height = w.size
                assert width >= 24 and height >= 24, (build, w.name, w.size)
                kind = "grid" if ".week." in w.name else w.kind
                sizes.setdefault(kind, set()).add(round(min(width, height)))
    large = build.startswith("large")
    assert sizes == {"grid": {25}, "checkbox": {36 if large else 30}, "radio": {36 if large else 30}}, build


@pytest.mark.parametrize("build", BUILDS)
def test_every_table_cell_is_a_field_at_least_24_pt_tall(builds, build):
    """The medicines tables, in columns or (large print) stacked as labelled lines: each cell a
    text field a finger can hit, named by row and column."""
    for doc, count in TABLES.items():
        cells = [w for w in widgets(builds[build] / f"{doc}.pdf") if ".medicines." in w.name]
        assert len(cells) == len({w.name for w in cells}) == count, (build, doc)
        small = [(w.name, w.size) for w in cells if w.kind != "text" or round(min(w.size), 2) < 24]  # PDFium: float32
        assert not small, (build, small)


@pytest.mark.parametrize("flags", [[], ["--paper", "a4"], ["--large-print"], ["--large-print", "--paper", "a4"]])
def test_every_choice_of_a_measure_is_a_30_pt_target(measure_practice, tmp_path, flags):
    """A questionnaire's choices: one radio group per item, a 30 pt target per value (36 in
    large print), each named by its item, value and label."""
    assert run("build", "check-in", "-p", measure_practice, "-o", tmp_path, *flags).exit_code == 0
    choices = [w for w in widgets(tmp_path / "check-in.pdf") if w.kind == "radio"]
    assert len(choices) == 5 * 4 and len({w.name for w in choices}) == 5
    assert {round(min(w.size)) for w in choices} == {36 if "--large-print" in flags else 30}
    assert {w.export for w in choices} == {"0", "1", "2", "3"}


@pytest.mark.parametrize("build", BUILDS)
def test_the_week_is_one_page_with_its_start_date(builds, build):
    """Letter and A4, in English and Spanish: the week's start, the key and all 70 cells on one
    page. Large print on A4 is narrower than the labels need beside seven days: Mon-Thu on the
    page with the start, Fri-Sun on the next."""
    cells = [w for w in widgets(builds[build] / "symptom-checklist.pdf") if ".week." in w.name]
    assert len(cells) == 280 and len({w.name for w in cells}) == 70
    pages = {w.page for w in cells}
    start = next(w for w in widgets(builds[build] / "symptom-checklist.pdf") if w.name.endswith("week-of.week-starting"))
    if build == "large-print-a4":
        assert {w.page for w in cells if w.name.endswith("-mon")} == {start.page}
        assert {w.page for w in cells if w.name.endswith("-sun")} == {start.page + 1}
    else:
        assert pages == {start.page}, build
    assert sorted({w.export for w in cells}) == ["0", "1", "2", "3"]


def test_each_choice_is_named_with_its_row_day_and_value_and_yes_differs_from_no(builds):
    """pdf.js and poppler read a choice's own /TU; PDFium reads the group's (row and day)."""
    reader = pypdf.PdfReader(builds["letter"] / "symptom-checklist.pdf")
    kids = [a.get_object() for p in reader.pages for a in p.get("/Annots", []) if "/Parent" in a.get_object()]
    cell = [k for k in kids if k["/Parent"].get_object().get("/T") == "1-mon"]
    assert [k["/TU"] for k in cell] == [f"Woke up exhausted: Mon: {v}" for v in range(4)]
    assert cell[0]["/Parent"].get_object()["/TU"] == "Woke up exhausted: Mon"
    grid = next(w for w in widgets(builds["letter"] / "symptom-checklist.pdf") if w.name.endswith(".week.1-mon"))
    assert grid.tooltip == "Woke up exhausted: Mon"
    consent = pypdf.PdfReader(builds["letter"] / "contraindication-consent.pdf")
    answers = [a.get_object() for p in consent.pages for a in p.get("/Annots", [])
               if a.get_object().get("/Parent", {}).get("/T") == "1"
               and a.get_object()["/Parent"].get_object().get("/Parent", {}).get("/T") == "screening"]
    assert [str(a["/TU"]).rsplit(": ", 1)[1] for a in answers] == ["Yes", "No"]
    spanish = pypdf.PdfReader(builds["spanish"] / "symptom-checklist.pdf")
    tips = {str(a.get_object()["/TU"]) for p in spanish.pages for a in p.get("/Annots", []) if "/Parent" in a.get_object()}
    assert "Me desperté sin fuerzas: Lun: 2" in tips


WIDE = """id: wide-grid
title: A grid of five values
kind: worksheet
audience: client
version: "1.0"
reviewed: 2026-11-01
blocks:
  - fields: {id: week-of, items: [{label: Week starting, role: week-start}]}
  - scale:
      id: week
      rows: [{rows}]
      columns: [Mon, Tue, Wed, Thu, Fri, Sat, Sun]
      min: 0
      max: 4
      legend: "0 = none · 4 = all day"
"""


def test_a_grid_too_wide_for_the_page_splits_its_days_and_a_tall_one_its_rows(tmp_path):
    """Five values a cell do not fit seven days across: the days go in two bands (Mon-Thu,
    Fri-Sun), each with its headings; 24 rows do not fit a page: the grid goes on between rows,
    its headings repeated. Names stay <doc>.<block>.<row>-<day> and read back."""
    practice = tmp_path / "practice"
    (practice / "content").mkdir(parents=True)
    (practice / "practice.yaml").write_text("name: Test Practice\n")
    rows = ", ".join(f"Row {n}" for n in range(1, 25))
    (practice / "content" / "wide-grid.yaml").write_text(WIDE.replace("{rows}", rows))
    assert run("build", "wide-grid", "-p", practice, "-o", tmp_path).exit_code == 0
    pdf = tmp_path / "wide-grid.pdf"
    cells = [w for w in widgets(pdf) if ".week." in w.name]
    assert len({w.name for w in cells}) == 24 * 7 and len(cells) == 24 * 7 * 5
    assert all(min(w.size) >= 25 for w in cells)
    reader = pypdf.PdfReader(pdf)
    grid_pages = sorted({w.page for w in cells})
    headings = [[t for _, _, t in text_runs(reader.pages[p]) if t in ("Mon", "Fri")] for p in grid_pages]
    assert len(grid_pages) >= 3 and all(h for h in headings)  # every page of the grid has its days
    assert sum(h.count("Fri") for h in headings) >= 2 and sum(h.count("Mon") for h in headings) >= 2
    monday = {w.page for w in cells if w.name.endswith("-mon")}
    friday = {w.page for w in cells if w.name.endswith("-fri")}
    assert max(monday) <= min(friday)  # Mon-Thu first, then Fri-Sun
    with PdfiumForm(pdf) as form:
        for w in form.widgets():
            if w.name in ("wide-grid.week.24-sun", "wide-grid.week.1-mon") and w.export == "4":
                form.click(w)
        (tmp_path / "filled.pdf").write_bytes(form.save())
    read = run("read", tmp_path / "filled.pdf", "-p", practice)
    assert read.exit_code == 0 and read.stdout.count('"value": "4"') == 2

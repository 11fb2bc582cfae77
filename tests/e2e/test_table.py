"""The table block on real PDFs: cells filled with pypdf read back by row and column, the
headings repeat on every page a table continues on, a row never splits, and in large print a
table too wide to write in stacks each row as labelled lines with the same fields."""

from __future__ import annotations

import json

import pypdf
import pytest
from conftest import run
from fill import fill
from pdfcheck import field_pages

MEDICINES = {
    "my-medicines.medicines.1-medicine": "Sertraline (Zoloft)",
    "my-medicines.medicines.1-dose": "100 mg",
    "my-medicines.medicines.3-session-day": "hold from 8 pm the night before",
    "my-medicines.medicines.10-prescriber": "Dr. Ñúñez",
}
CONSENT = {"contraindication-consent.medicines.2-how-often": "twice a day",
           "contraindication-consent.medicines.6-prescriber": "Dr. Lee"}
COLUMNS = ["medicine", "dose", "when", "prescriber", "session-day"]


def records(result) -> dict[str, dict]:
    return {f"{r['document']}.{r['block']}.{r['item']}": r for r in json.loads(result.stdout)}


def test_cells_filled_with_pypdf_read_back_by_row_and_column(default_build, tmp_path):
    filled = [fill(default_build / "my-medicines.pdf", tmp_path / "meds.pdf", MEDICINES),
              fill(default_build / "contraindication-consent.pdf", tmp_path / "consent.pdf", CONSENT)]
    result = run("read", *filled)
    assert result.exit_code == 0, result.output
    got = records(result)
    assert {k: got[k]["value"] for k in {**MEDICINES, **CONSENT}} == {**MEDICINES, **CONSENT}
    assert got["my-medicines.medicines.3-session-day"]["label"] == "Row 3: On session day"
    assert got["contraindication-consent.medicines.2-how-often"]["label"] == "Row 2: How often"
    cells = [k for k in got if k.startswith("my-medicines.medicines.")]
    assert cells == [f"my-medicines.medicines.{r}-{c}" for r in range(1, 11) for c in COLUMNS]  # row by row
    assert got["my-medicines.medicines.2-dose"]["value"] is None


@pytest.mark.parametrize("flags", [[], ["--large-print"], ["--paper", "a4", "--large-print"]])
def test_every_row_is_whole_on_one_page(default_build, tmp_path, flags):
    out = default_build if not flags else tmp_path
    if flags:
        assert run("build", "my-medicines", "-o", tmp_path, *flags).exit_code == 0
    pages = field_pages(out / "my-medicines.pdf")
    for row in range(1, 11):
        assert len({pages[f"my-medicines.medicines.{row}-{c}"] for c in COLUMNS}) == 1, row


LONG_TABLE = """\
id: long-table
title: A long table
kind: worksheet
audience: client
version: "1.0"
reviewed: 2026-11-01
blocks:
  - text: {text: "Above the table."}
  - table:
      id: log
      columns: [{id: day, label: Day, width: 1}, {id: what, label: What happened, width: 4, hint: a few words}]
      example: [Monday, Slept well]
      rows: 30
"""


@pytest.fixture(scope="module")
def long_table(tmp_path_factory):
    folder = tmp_path_factory.mktemp("long")
    (folder / "content").mkdir()
    (folder / "practice.yaml").write_text("name: Test Practice\n")
    (folder / "content" / "long-table.yaml").write_text(LONG_TABLE)
    out = {}
    for name, flags in (("letter", []), ("large", ["--large-print"])):
        result = run("build", "long-table", "-p", folder, "-o", folder / name, *flags)
        assert result.exit_code == 0, result.output
        out[name] = folder / name / "long-table.pdf"
    return out


@pytest.mark.parametrize("size", ["letter", "large"])
def test_a_long_table_repeats_its_headings_and_leaves_no_lone_row(long_table, size):
    path = long_table[size]
    pages = field_pages(path)
    rows_on = {}
    for row in range(1, 31):
        where = {pages[f"long-table.log.{row}-day"], pages[f"long-table.log.{row}-what"]}
        assert len(where) == 1, row
        rows_on.setdefault(where.pop(), []).append(row)
    assert len(rows_on) >= 2, "30 rows should not fit on one page"
    texts = [p.extract_text() for p in pypdf.PdfReader(path).pages]
    for page, rows in rows_on.items():
        assert len(rows) >= 2, (page, rows)
        assert "What happened" in texts[page] and "a few words" in texts[page]
    assert "Monday" in texts[min(rows_on)] and all("Monday" not in texts[p] for p in rows_on if p != min(rows_on))


def test_in_large_print_a_wide_table_stacks_its_rows_as_labelled_lines(tmp_path):
    assert run("build", "my-medicines", "-o", tmp_path, "--large-print").exit_code == 0
    text = " ".join(p.extract_text() for p in pypdf.PdfReader(tmp_path / "my-medicines.pdf").pages)
    assert text.count("On session day") >= 10 and text.count("Prescribed by") >= 10  # a label per row
    assert "For example: Medicine: Sertraline (Zoloft)" in text
    fields = pypdf.PdfReader(tmp_path / "my-medicines.pdf").get_fields()
    assert fields["my-medicines.medicines.7-when"]["/TU"] == "Row 7: When I take it"

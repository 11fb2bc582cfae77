"""A questionnaire a practice enters as a `measure` block (placeholder wording here: no validated
questionnaire is shipped or copied): filled with pypdf over three dated files, `read` reports each
filling's total, band and flagged answers, and `progress` charts the totals over the bands with
the flagged answers in a red box at the top of the page."""

from __future__ import annotations

import csv
import io
import json

import pypdf
import pypdfium2
import pytest
from conftest import run
from fill import fill, tracker_week
from measure_sample import MEASURE_DOC, filled_values
from pdfcheck import field_pages, text_runs


@pytest.fixture(scope="module")
def practice(tmp_path_factory):
    folder = tmp_path_factory.mktemp("measure-practice")
    (folder / "content").mkdir()
    (folder / "practice.yaml").write_text("name: Harbor Mind Care\n")
    (folder / "content" / "check-in.yaml").write_text(MEASURE_DOC)
    return folder


@pytest.fixture(scope="module")
def filled(practice):
    out = practice / "out"
    result = run("build", "check-in", "-p", practice, "-o", out, "--client", "Alex Doe")
    assert result.exit_code == 0, result.output
    files = []
    # Written out of date order: the chart orders fillings by their date line.
    for date in ("2026-10-19", "2026-11-02", "2026-10-05"):
        files.append(fill(out / "check-in.pdf", practice / f"filled-{date}.pdf", filled_values(date, date)))
    return files


def scored(practice, files, fmt="json"):
    result = run("read", "--format", fmt, "-p", practice, *files)
    assert result.exit_code == 0, result.output
    return result


def test_read_reports_each_fillings_total_band_and_flags(practice, filled):
    records = json.loads(scored(practice, filled).stdout)
    by_file = {}
    for r in records:
        if r["block"] == "mood" and not r["item"].isdigit():
            by_file.setdefault(r["file"][-14:-4], {})[r["item"]] = r["value"]
    assert by_file == {
        "2026-10-05": {"total": "11", "band": "High", "answered": "5", "flag-5": "1"},
        "2026-10-19": {"total": "5", "band": "Middle", "answered": "5"},
        "2026-11-02": {"total": None, "band": None, "answered": "4"},
    }
    flag = next(r for r in records if r["item"] == "flag-5")
    assert flag["label"] == "Example measure item 5 flagged: Ask about safety today and follow the practice's protocol."
    assert (flag["client"], flag["date"]) == ("Alex Doe", "2026-10-05")
    item = next(r for r in records if r["item"] == "5" and r["file"].endswith("2026-10-05.pdf"))
    assert (item["label"], item["value"], item["choices"]) == ("5. Placeholder about safety.", "1", ["0", "1", "2", "3"])
    # The scores follow the answers they add up, in the same record shape.
    names = [r["item"] for r in records if r["file"].endswith("2026-10-05.pdf") and r["block"] == "mood"]
    assert names == ["1", "2", "3", "4", "5", "total", "band", "answered", "flag-5"]


def test_csv_carries_the_same_scores(practice, filled):
    rows = list(csv.DictReader(io.StringIO(scored(practice, filled[:1], fmt="csv").stdout)))
    assert [(r["item"], r["value"]) for r in rows if r["item"] in ("total", "band")] == [("total", "5"), ("band", "Middle")]


@pytest.fixture(scope="module")
def chart(practice, filled):
    out = practice / "progress.pdf"
    result = run("progress", "-p", practice, "-o", out, *filled)
    assert result.exit_code == 0, result.output
    return out


def test_the_chart_puts_flagged_answers_first_then_totals_over_the_bands(chart):
    reader = pypdf.PdfReader(chart)
    assert len(reader.pages) == 1
    text = " ".join(reader.pages[0].extract_text().split())
    assert "Alex Doe" in text and "5 October 2026 to 2 November 2026 · 3 fillings" in text
    assert "Flagged answer: review before anything else" in text
    assert "5 October 2026 · item 5 answered 1 (Some days)" in text and "Ask about safety today" in text
    for band in ("Low (0–4)", "Middle (5–9)", "High (10–15)"):
        assert band in text
    assert "4 of 5" in text  # the filling with a blank item: no total, and said why
    runs = text_runs(reader.pages[0])
    flag_y = max(y for y, _, t in runs if t.startswith("Flagged answer"))
    assert flag_y > max(y for y, _, t in runs if t.startswith("Total score"))  # above the chart
    assert flag_y > max(y for y, _, t in runs if "High (10" in t)


def test_the_flag_box_is_red_and_at_the_top_of_the_page(chart):
    page = pypdfium2.PdfDocument(chart)[0].render(scale=1).to_pil().convert("RGB")
    width, height = page.size
    reds = [(x, y) for y in range(0, height, 2) for x in range(0, width, 2)
            if (lambda p: p[0] > 140 and p[1] < 60 and p[2] < 60)(page.getpixel((x, y)))]
    assert reds, "no red frame drawn"
    top = [y for _, y in reds if y < height * 0.35]
    assert min(y for _, y in reds) < height * 0.2 and len(top) > 0.8 * len(reds)  # a frame at the top


def test_a_filling_without_its_date_is_named_and_nothing_is_written(practice, filled, tmp_path):
    undated = fill(practice / "out" / "check-in.pdf", tmp_path / "undated.pdf", {"check-in.mood.1": "/2"})
    out = tmp_path / "progress.pdf"
    result = run("progress", "-p", practice, "-o", out, filled[0], undated)
    assert result.exit_code == 1 and not out.exists()
    assert f"{undated}: the 'Date' date is blank, so the 'Example measure' answers cannot be placed" in result.stderr


def test_the_same_date_twice_is_refused(practice, filled, tmp_path):
    again = tmp_path / "again.pdf"
    again.write_bytes(filled[0].read_bytes())
    result = run("progress", "-p", practice, "-o", tmp_path / "p.pdf", filled[0], again)
    assert result.exit_code == 1 and "is the same 'Example measure' date (2026-10-19)" in result.stderr


def test_a_measure_that_cannot_add_up_is_a_located_problem(tmp_path):
    (tmp_path / "content").mkdir()
    (tmp_path / "practice.yaml").write_text("name: Test\n")
    broken = MEASURE_DOC.replace("{min: 5, max: 9, label: Middle}", "{min: 4, max: 9, label: Middle}")
    broken = broken.replace("{item: 5, above: 0", "{item: 6, above: 0")
    (tmp_path / "content" / "check-in.yaml").write_text(broken)
    result = run("check", "-p", tmp_path)
    assert result.exit_code == 1
    assert "content/check-in.yaml:10:7: bands must not overlap and go lowest first: 'Middle' starts at 4, " \
           "'Low' ends at 4; a flag names item 6, but there are 5 items" in result.stderr


def test_measures_and_a_weekly_tracker_chart_together_measures_first(practice, filled, tmp_path):
    assert run("build", "symptom-checklist", "-p", practice, "-o", tmp_path).exit_code == 0
    week = fill(tmp_path / "symptom-checklist.pdf", tmp_path / "week.pdf",
                tracker_week("symptom-checklist", "2026-10-12", "Alex Doe", [[1] * 7] * 10))
    out = tmp_path / "both.pdf"
    result = run("progress", "-p", practice, "-o", out, *filled, week)
    assert result.exit_code == 0, result.output
    pages = [p.extract_text() for p in pypdf.PdfReader(out).pages]
    assert len(pages) == 2
    assert "Clinician chart · Example measure" in pages[0] and "Flagged answer" in pages[0]
    assert "Clinician chart · mood tracker" in pages[1] and "Woke up exhausted" in pages[1]


MEASURE_DOC_ES = """\
id: check-in
title: Revisión de dos semanas
version: "1.0"
blocks:
  - fields: {id: about, items: [{label: Nombre, value: "{{ client.name }}"}, {label: Fecha, value: "{{ date }}"}]}
  - measure:
      id: mood
      name: Medida de ejemplo
      instructions: "Instrucciones de ejemplo: ¿con qué frecuencia ha pasado cada cosa?"
      choices: [Nunca, Algunos días, Casi todos los días, Todos los días]
      items: [Ejemplo uno., Ejemplo dos., Ejemplo tres., Ejemplo cuatro., Ejemplo sobre la seguridad.]
      bands:
        - {min: 0, max: 4, label: Bajo}
        - {min: 5, max: 9, label: Medio}
        - {min: 10, max: 15, label: Alto}
      flags:
        - {item: 5, above: 0, note: "Pregunte hoy por su seguridad y siga el protocolo."}
"""
# Dates as a Spanish-speaking client writes them: day first, or with the month's name.
SPANISH_DATES = {"2026-10-05": "5 de octubre de 2026", "2026-10-19": "19/10/2026", "2026-11-02": "2 nov 2026"}


@pytest.fixture(scope="module")
def spanish(practice, tmp_path_factory):
    """The same measure translated, filled on Spanish pages: (practice, filled files)."""
    folder = tmp_path_factory.mktemp("measure-es")
    (folder / "content" / "es").mkdir(parents=True)
    (folder / "practice.yaml").write_text("name: Harbor Mind Care\n")
    (folder / "content" / "check-in.yaml").write_text(MEASURE_DOC)
    (folder / "content" / "es" / "check-in.yaml").write_text(MEASURE_DOC_ES, encoding="utf-8")
    out = folder / "out"
    result = run("build", "check-in", "-p", folder, "--lang", "es", "-o", out, "--client", "Ana Peña")
    assert result.exit_code == 0, result.output
    files = []
    for date, written in SPANISH_DATES.items():
        files.append(fill(out / "check-in.pdf", folder / f"lleno-{date}.pdf", filled_values(date, written)))
    return folder, files


def test_a_spanish_measure_is_read_and_charted_in_spanish(spanish, tmp_path):
    folder, files = spanish
    result = run("read", "-p", folder, "--lang", "es", *files)
    assert result.exit_code == 0, result.output
    flag = next(r for r in json.loads(result.stdout) if r["item"] == "flag-5")
    assert flag["label"] == "Medida de ejemplo: pregunta 5 señalada: Pregunte hoy por su seguridad y siga el protocolo."
    assert flag["value"] == "1" and flag["date"] == "5 de octubre de 2026"
    out = tmp_path / "progreso.pdf"
    result = run("progress", "-p", folder, "--lang", "es", "-o", out, *files)
    assert result.exit_code == 0, result.output
    reader = pypdf.PdfReader(out)
    text = " ".join(reader.pages[0].extract_text().split())
    assert reader.trailer["/Root"]["/Lang"] == "es-US"
    assert "Gráfica para el profesional · Medida de ejemplo" in text and "Ana Peña" in text
    assert "Del 5 de octubre de 2026 al 2 de noviembre de 2026 · 3 formularios llenados" in text
    assert "Respuesta señalada: revísela antes que nada" in text
    assert "5 de octubre de 2026 · a la pregunta 5 respondió 1 (Algunos días)" in text
    for words in ("Bajo (0–4)", "Medio (5–9)", "Alto (10–15)", "Puntuación total", "4 de 5", "ninguna"):
        assert words in text
    for english in ("Flagged", "Total score", "item", "fillings", "none", "October", " of "):
        assert english not in text, english


@pytest.mark.parametrize("size", [[], ["--large-print"]])
def test_a_heading_keeps_with_the_instructions_and_first_items_of_the_last_measure(tmp_path, size):
    """A heading, then a measure with instructions as the document's last block (its closing lines
    kept with it): the groups nest, and the page still lays out with the heading on the first items."""
    (tmp_path / "content").mkdir()
    (tmp_path / "practice.yaml").write_text("name: Test\n")
    doc = MEASURE_DOC.replace("  - measure:", "  - text: '" + "A paragraph to fill the page. " * 60 + "'\n"
                              "  - heading: How the last two weeks went\n  - measure:")
    (tmp_path / "content" / "check-in.yaml").write_text(doc)
    result = run("build", "check-in", "-p", tmp_path, "-o", tmp_path / "out", *size)
    assert result.exit_code == 0, result.output
    path = tmp_path / "out" / "check-in.pdf"
    texts = [p.extract_text() for p in pypdf.PdfReader(path).pages]
    heading = next(n for n, t in enumerate(texts) if "How the last two weeks went" in t)
    assert "Placeholder instructions" in texts[heading] and "Placeholder one." in texts[heading]
    assert field_pages(path)["check-in.mood.1"] == heading

"""`workbook progress`: three weeks filled with pypdf -> a one-page chart with the right numbers."""

from __future__ import annotations

import datetime

import pypdfium2
import pytest
from fill import fill, tracker_week
from pypdf import PdfReader

from workbook.commands.progress import weekly_progress
from workbook.commands.read import read_files
from workbook.pipeline import form_map, load
from workbook.pipeline.render.chart import day_points

DOC = "symptom-checklist"
_ = None
# grid[row][day]: 10 rows x Mon..Sun. Week two leaves Thursday and Friday blank, and one cell.
WEEKS = {
    "2026-11-09": [[2, 2, 1, _, _, 1, 1]] * 5 + [[1, 1, 1, _, _, 0, 0]] * 4 + [[3, _, 3, _, _, 3, 3]],
    "2026-11-02": [[3, 3, 2, 2, 2, 2, 3]] * 10,
    "2026-11-16": [[1, 0, 0, 1, 0, 0, 1]] * 10,
}
EXPECTED_TOTALS = {
    "2026-11-02": (30, 30, 20, 20, 20, 20, 30),
    "2026-11-09": (17, 14, 12, None, None, 8, 8),
    "2026-11-16": (10, 0, 0, 10, 0, 0, 10),
}


@pytest.fixture(scope="module")
def weeks(default_build, tmp_path_factory):
    out = tmp_path_factory.mktemp("weeks")
    src = default_build / f"{DOC}.pdf"
    # Written out of date order, to show the chart orders weeks by their date field.
    return [fill(src, out / f"week-{start}.pdf", tracker_week(DOC, start, "Alex Doe", grid))
            for start, grid in WEEKS.items()]


@pytest.fixture(scope="module")
def progress(weeks):
    project = load(None)
    forms = form_map(project)
    return weekly_progress(read_files(weeks, forms, project.strings), forms).progress


def test_weeks_are_ordered_by_date_and_blank_days_stay_blank(progress):
    assert [w.start.isoformat() for w in progress.weeks] == sorted(WEEKS)
    assert {w.start.isoformat(): w.totals for w in progress.weeks} == EXPECTED_TOTALS
    assert progress.client == "Alex Doe"
    assert (progress.first, progress.last) == (datetime.date(2026, 11, 2), datetime.date(2026, 11, 22))
    assert progress.days == ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun") and progress.top == 3
    second = progress.weeks[1]
    assert second.averages[0] == pytest.approx(7 / 5) and second.averages[9] == 3.0


def test_the_plotted_line_breaks_at_blank_days(progress):
    runs = day_points(progress)
    assert [len(r) for r in runs] == [10, 9]  # 2-11 Nov, then 14-22 Nov
    assert runs[0][7:] == [(7, 17), (8, 14), (9, 12)] and runs[1][0] == (12, 8)


def test_the_chart_is_one_page_with_the_name_range_and_averages(cli, weeks, tmp_path):
    out = tmp_path / "progress.pdf"
    result = cli("progress", *weeks, "-o", out)
    assert result.exit_code == 0, result.output
    reader = PdfReader(out)
    assert len(reader.pages) == 1 and reader.metadata["/Creator"].startswith("kap-workbook")
    text = reader.pages[0].extract_text()
    assert "Alex Doe" in text and "2 November 2026 to 22 November 2026" in text
    for label in ("2 Nov", "9 Nov", "16 Nov", "Woke up exhausted", "Felt anxious or on edge", "1.4", "0.4"):
        assert label in text
    bitmap = pypdfium2.PdfDocument(out)[0].render(scale=1).to_pil().convert("L")
    assert bitmap.getextrema()[0] < 100  # something dark was drawn


def test_mixed_clients_and_undated_weeks_write_nothing(cli, default_build, weeks, tmp_path):
    other = fill(default_build / f"{DOC}.pdf", tmp_path / "other.pdf",
                 tracker_week(DOC, "2026-11-23", "Someone Else", WEEKS["2026-11-02"]))
    undated = fill(default_build / f"{DOC}.pdf", tmp_path / "undated.pdf",
                   tracker_week(DOC, "", "Alex Doe", WEEKS["2026-11-02"]))
    out = tmp_path / "progress.pdf"
    result = cli("progress", weeks[0], other, undated, default_build / "welcome.pdf", "-o", out)
    assert result.exit_code == 1 and not out.exists()
    assert "different client names" in result.stderr and f"{weeks[0]}, {other}: " in result.stderr
    assert f"{undated}: the 'Week starting' date is blank" in result.stderr
    assert "welcome.pdf: has nothing to chart: no rating grid" in result.stderr


RENAMED = """\
id: weekly-check
title: My Week
kind: checklist
audience: client
version: "1.0"
reviewed: 2026-11-01
blocks:
  - fields: {id: who, items: [{label: Your name, value: "{{ client.name }}"}]}
  - fields: {id: starting, items: [{label: First day, role: week-start}]}
  - scale: {id: days, rows: [Slept badly, Felt low], columns: [Mon, Tue, Wed, Thu, Fri, Sat, Sun], max: 3}
"""


def test_a_practice_tracker_with_other_ids_still_charts(cli, tmp_path):
    practice = tmp_path / "practice"
    (practice / "content").mkdir(parents=True)
    (practice / "practice.yaml").write_text("name: Test Practice\n")
    (practice / "content" / "symptom-checklist.yaml").write_text("id: symptom-checklist\ndisabled: true\n")
    (practice / "content" / "weekly-check.yaml").write_text(RENAMED)
    (practice / "content" / "workbook.yaml").write_text("title: T\ndocuments: [welcome, weekly-check]\n")
    assert cli("build", "weekly-check", "-p", practice, "-o", tmp_path, "--client", "Kim Park").exit_code == 0
    weeks = []
    for start, grid in (("2026-11-02", [[1, 2, 3, 0, 0, 1, 1], [0] * 7]), ("2026-11-09", [[3] * 7, [1] * 7])):
        values = {"weekly-check.starting.first-day": start}
        values |= {f"weekly-check.days.{r}-{d}": f"/{v}" for r, row in enumerate(grid, 1)
                   for d, v in zip(("mon", "tue", "wed", "thu", "fri", "sat", "sun"), row)}
        weeks.append(fill(tmp_path / "weekly-check.pdf", tmp_path / f"week-{start}.pdf", values))
    out = tmp_path / "chart.pdf"
    result = cli("progress", *weeks, "-p", practice, "-o", out)
    assert result.exit_code == 0, result.output
    text = PdfReader(out).pages[0].extract_text()
    assert "Kim Park" in text and "Slept badly" in text and "2 November 2026 to 15 November 2026" in text
    without = cli("progress", *weeks, "-o", tmp_path / "none.pdf")  # the built-in content has no such grid
    assert without.exit_code == 1 and "has nothing to chart: no rating grid" in without.stderr

"""Field names, and the description of a document's form that `read` and `progress` rely on."""

from __future__ import annotations

from practice_files import document

from workbook.errors import Problems
from workbook.model.settings import Settings
from workbook.pipeline.render.naming import form_map
from workbook.pipeline.resolve import resolve
from workbook.pipeline.validate import load_project


def test_a_renamed_tracker_is_found_by_block_type_and_role(practice):
    folder = practice({"content/extra.yaml": document(
        "- fields: {id: who, items: [{label: Your name, value: '{{ client.name }}'}]}",
        "- repeat:",
        "    count: 2",
        "    blocks:",
        "      - fields: {id: started, items: [{label: First day, role: week-start}]}",
        "      - scale: {id: mood, rows: [Low, Tired], columns: [Day 1, Day 2], max: 4}",
    )})
    problems = Problems()
    project = load_project(folder, problems)
    resolved = resolve(project, Settings(), problems, ["extra"])
    assert not problems
    forms = form_map(resolved.documents.values())
    assert forms.roles == {"extra.who.your-name": "client-name", "extra.started-1.first-day": "week-start",
                           "extra.started-2.first-day": "week-start"}
    first, second = forms.scales
    assert (first.block, first.start, first.high) == ("mood-1", "extra.started-1.first-day", 4)
    assert second.start == "extra.started-2.first-day"
    assert first.rows == ("Low", "Tired") and first.cell(1, 1) == "extra.mood-1.2-day-2"


def test_a_measure_is_described_with_its_scoring_and_the_date_line_above_it(practice):
    folder = practice({"content/extra.yaml": document(
        "- fields: {id: about, items: [{label: Filled in on, value: '{{ date }}'}]}",
        "- measure:",
        "    id: check",
        "    name: 'Check for {{ practice.name }}'",
        "    low: 1",
        "    choices: [Never, Sometimes, Often]",
        "    items: ['**First**', Second]",
        "    bands: [{min: 2, max: 3, label: Low}, {min: 4, max: 6, label: High}]",
        "    flags: [{item: 2, above: 1, note: Ask today.}]",
    )})
    problems = Problems()
    project = load_project(folder, problems)
    resolved = resolve(project, Settings(), problems, ["extra"])
    assert not problems
    measure, = form_map(resolved.documents.values()).measures
    assert (measure.name, measure.items, measure.choices) == ("Check for Test Practice", ("First", "Second"),
                                                             ("Never", "Sometimes", "Often"))
    assert (measure.low, measure.high, measure.date, measure.item(2)) == (1, 3, "extra.about.filled-in-on", "extra.check.2")
    assert [(b.low, b.high, b.label) for b in measure.bands] == [(2, 3, "Low"), (4, 6, "High")]
    assert measure.score([1, 3]).total == 4 and measure.score([1, 3]).flagged[0].note == "Ask today."

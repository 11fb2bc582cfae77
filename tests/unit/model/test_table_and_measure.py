"""The table and measure blocks check their own consistency, and a measure scores like a clinician would."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from workbook.model.blocks import Measure, Paragraph, Table
from workbook.model.forms import FormBand, FormFlag, FormMeasure

COLUMNS = [{"id": "medicine", "label": "Medicine"}, {"id": "dose", "label": "Dose"}]
MEASURE = {"id": "check", "name": "Check", "choices": ["Never", "Sometimes", "Often", "Always"],
           "items": ["One", "Two", "Three"]}


def test_a_table_names_its_columns_once_and_gives_one_example_value_per_column():
    table = Table(id="meds", columns=COLUMNS, rows=3, example=["Sertraline", "50 mg"])
    assert table.rows == 3 and not table.numbered
    with pytest.raises(ValidationError, match="'dose' is used twice"):
        Table(id="meds", columns=[*COLUMNS, {"id": "dose", "label": "Again"}])
    with pytest.raises(ValidationError, match="the example has 1 values for 2 columns"):
        Table(id="meds", columns=COLUMNS, example=["Sertraline"])
    with pytest.raises(ValidationError):
        Table(id="meds", columns=COLUMNS[:1])  # a table has at least two columns


def test_a_measures_bands_lie_within_its_totals_and_do_not_overlap():
    measure = Measure(**MEASURE, bands=[{"min": 0, "max": 3, "label": "Low"}, {"min": 4, "max": 9, "label": "High"}])
    assert (measure.low, measure.high) == (0, 3)
    with pytest.raises(ValidationError, match="must lie within the possible totals, 0 to 9"):
        Measure(**MEASURE, bands=[{"min": 0, "max": 10, "label": "All"}])
    with pytest.raises(ValidationError, match="must not overlap"):
        Measure(**MEASURE, bands=[{"min": 0, "max": 5, "label": "Low"}, {"min": 5, "max": 9, "label": "High"}])


def test_a_flag_names_an_item_there_is_and_a_threshold_some_answer_is_above():
    assert Measure(**MEASURE, flags=[{"item": 3, "note": "Ask today."}]).flags[0].above == 0
    with pytest.raises(ValidationError, match="names item 4, but there are 3 items"):
        Measure(**MEASURE, flags=[{"item": 4, "note": "x"}])
    with pytest.raises(ValidationError, match="'above' must be from 0 to 2"):
        Measure(**MEASURE, flags=[{"item": 1, "above": 3, "note": "x"}])


def test_any_block_may_carry_a_condition():
    assert Paragraph(text="Hi", when="practice.consent_reviewed").when == "practice.consent_reviewed"
    assert Paragraph(text="Hi").when is None


SCORED = FormMeasure("doc", "check", "Check", ("One", "Two", "Three"), ("Never", "Sometimes", "Often", "Always"), 0,
                     (FormBand(0, 3, "Low"), FormBand(4, 9, "High")), (FormFlag(3, 0, "Ask about it today."),))


def test_a_total_and_band_only_when_every_item_is_answered_but_flags_always():
    full = SCORED.score([2, 1, 1])
    assert (full.total, full.band, full.answered) == (4, "High", 3)
    assert [(f.item, f.answer, f.note) for f in full.flagged] == [(3, 1, "Ask about it today.")]
    partial = SCORED.score([3, None, 2])
    assert (partial.total, partial.band, partial.answered) == (None, None, 2)
    assert [f.answer for f in partial.flagged] == [2]  # a blank item does not hide a flagged one
    assert SCORED.score([0, 0, 0]).flagged == () and SCORED.score([0, 0, 0]).band == "Low"
    assert SCORED.choice(2) == "Often" and SCORED.item(3) == "doc.check.3" and (SCORED.lowest, SCORED.highest) == (0, 9)

"""The table block checks its own consistency; any block may carry a condition."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from workbook.model.blocks import Paragraph, Table

COLUMNS = [{"id": "medicine", "label": "Medicine"}, {"id": "dose", "label": "Dose"}]


def test_a_table_names_its_columns_once_and_gives_one_example_value_per_column():
    table = Table(id="meds", columns=COLUMNS, rows=3, example=["Sertraline", "50 mg"])
    assert table.rows == 3 and not table.numbered
    with pytest.raises(ValidationError, match="'dose' is used twice"):
        Table(id="meds", columns=[*COLUMNS, {"id": "dose", "label": "Again"}])
    with pytest.raises(ValidationError, match="the example has 1 values for 2 columns"):
        Table(id="meds", columns=COLUMNS, example=["Sertraline"])
    with pytest.raises(ValidationError):
        Table(id="meds", columns=COLUMNS[:1])  # a table has at least two columns


def test_any_block_may_carry_a_condition():
    assert Paragraph(text="Hi", when="practice.consent_reviewed").when == "practice.consent_reviewed"
    assert Paragraph(text="Hi").when is None

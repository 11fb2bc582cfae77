"""How a form field and each of its choices are announced to someone who cannot see the page."""

from __future__ import annotations

from workbook.pipeline.render.naming import accessible_name


def test_a_field_or_one_choice_is_announced_by_its_parts():
    assert accessible_name("Woke up exhausted. ", "Mon", "2") == "Woke up exhausted: Mon: 2"
    assert accessible_name("Any heart problems?", "Yes") == "Any heart problems?: Yes"
    assert accessible_name("Name", "") == "Name"

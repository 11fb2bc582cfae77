"""The layout registry covers every block type; versions order as numbers."""

from __future__ import annotations

from workbook.model.blocks import BLOCK_TYPES, Repeat
from workbook.pipeline.render import _version_key
from workbook.pipeline.render.layout import LAYOUT


def test_every_block_type_but_repeat_has_a_layout_function():
    assert set(LAYOUT) == set(BLOCK_TYPES.values()) - {Repeat}  # repeats are expanded by the resolve stage


def test_the_workbook_takes_the_highest_version_as_numbers_not_text():
    assert max(["9.0", "10.0", "2.1"], key=_version_key) == "10.0"
    assert max(["1.9", "1.10"], key=_version_key) == "1.10"

"""The block models: one union, one list of kinds, every field described for editors."""

from __future__ import annotations

from typing import get_args

import pytest
from pydantic import BaseModel, TypeAdapter

from workbook.model import blocks, document, frame, practice, project, references
from workbook.model.blocks import BLOCK_TYPES, AnyBlock, FieldItem, Heading, Repeat


def test_every_member_of_the_union_is_listed_once_by_its_kind():
    members = [get_args(m)[0] for m in get_args(get_args(AnyBlock)[0])]
    assert list(BLOCK_TYPES.values()) == members
    assert all(BLOCK_TYPES[m.kind] is m for m in members)


def test_the_union_picks_the_model_named_by_a_blocks_kind():
    adapter = TypeAdapter(AnyBlock)
    assert adapter.validate_python(Heading(text="x")) == Heading(text="x")
    with pytest.raises(ValueError):
        adapter.validate_python({"no-such-kind": "x"})


def test_a_repeat_holds_typed_blocks():
    assert Repeat(count=2, blocks=(Heading(text="Week {{ n }}"),)).blocks[0].text == "Week {{ n }}"


@pytest.mark.parametrize("module", [blocks, document, frame, practice, project, references])
def test_every_field_has_a_description(module):
    models = [m for m in vars(module).values()
              if isinstance(m, type) and issubclass(m, BaseModel) and m.__module__ == module.__name__]
    assert models
    for model in models:
        for name, info in model.model_fields.items():
            assert info.description, f"{model.__name__}.{name}"


@pytest.mark.parametrize(("value", "role"), [("{{ client.name }}", "client-name"), ("{{date}}", "date"), ("", None)])
def test_a_line_prefilled_with_the_name_or_date_has_that_role(value, role):
    assert FieldItem(label="x", value=value).role == role
    assert FieldItem(label="x", value=value, role="week-start").role == "week-start"

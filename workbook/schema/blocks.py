"""The block types a document is made of, one model each, and the registry that names them.

A block is written in YAML as a one-key mapping, `- <type>: <value>`. Types whose value is a
single string or list (heading, text, bullets, steps, resource, page_break, safety) take it
as-is; the others take a mapping.
"""

from __future__ import annotations

from typing import Any

from pydantic import Field, field_validator, model_validator

from workbook.schema.base import Id, Model, Text


def _strings_as(key: str):
    """A before-validator: list items written as plain strings become {key: string}."""

    def convert(cls, value: Any) -> Any:
        if isinstance(value, list):
            return [{key: item} if isinstance(item, str) else item for item in value]
        return value

    return classmethod(convert)


class Heading(Model):
    text: Text


class Paragraph(Model):
    text: Text


class Bullets(Model):
    items: list[Text] = Field(min_length=1)


class Steps(Model):
    items: list[Text] = Field(min_length=1)


class Callout(Model):
    title: Text = ""
    text: Text


class Safety(Model):
    """The practice's crisis box, from templates/safety.yaml."""

    show: bool = True


class PageBreak(Model):
    show: bool = True


class Resource(Model):
    ref: str


class Prompt(Model):
    id: Id
    label: Text
    lines: int = Field(default=4, ge=1, le=20)
    hint: Text = ""


class FieldItem(Model):
    label: Text
    value: Text = ""
    width: int = Field(default=1, ge=1, le=4, description="relative width on its row")


class Fields(Model):
    id: Id
    items: list[FieldItem] = Field(min_length=1, max_length=4)

    _bare_labels = field_validator("items", mode="before")(_strings_as("label"))


class Checklist(Model):
    id: Id
    items: list[Text] = Field(min_length=1)


class Scale(Model):
    id: Id
    rows: list[Text] = Field(min_length=1)
    columns: list[Text] = Field(min_length=1, max_length=10)
    min: int = 0
    max: int = 3
    legend: Text = ""

    @model_validator(mode="after")
    def _range(self) -> "Scale":
        if not 0 <= self.max - self.min <= 5:
            raise ValueError("max must be at least min, with at most 6 choices (for example min: 0, max: 3)")
        return self


class YesNo(Model):
    id: Id
    items: list[Text] = Field(min_length=1)
    details: Text = "Details"


class Initials(Model):
    id: Id
    items: list[Text] = Field(min_length=1)


class Role(Model):
    role: Text
    name: Text = ""
    date: Text = ""


class Signature(Model):
    id: Id
    roles: list[Role] = Field(min_length=1, max_length=4)

    _bare_roles = field_validator("roles", mode="before")(_strings_as("role"))


class Repeat(Model):
    """Repeats its blocks `count` times, with a page break between repetitions; `{{ n }}` is
    1..count inside."""

    count: int = Field(ge=1, le=52)
    blocks: list[Any] = Field(min_length=1)


# Block type name -> (model, name of the field a bare scalar or list value fills, or None).
REGISTRY: dict[str, tuple[type[Model], str | None]] = {
    "heading": (Heading, "text"),
    "text": (Paragraph, "text"),
    "bullets": (Bullets, "items"),
    "steps": (Steps, "items"),
    "callout": (Callout, None),
    "safety": (Safety, "show"),
    "page_break": (PageBreak, "show"),
    "resource": (Resource, "ref"),
    "prompt": (Prompt, None),
    "fields": (Fields, None),
    "checklist": (Checklist, None),
    "scale": (Scale, None),
    "yes_no": (YesNo, None),
    "initials": (Initials, None),
    "signature": (Signature, None),
    "repeat": (Repeat, None),
}

# Blocks that carry form fields, so their `id` must be unique within a document.
WRITABLE = (Prompt, Fields, Checklist, Scale, YesNo, Initials, Signature)

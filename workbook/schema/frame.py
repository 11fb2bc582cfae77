"""The frame templates in templates/*.yaml: the cover, the safety box and the closing blocks."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from workbook.schema.base import Model, Text


class Cover(Model):
    title: Text
    subtitle: Text = ""
    prepared_for: Text = ""
    note: Text = ""
    details: list[Text] = Field(default_factory=list)


class SafetyBox(Model):
    title: Text
    text: Text


class Closing(Model):
    """Blocks appended to the end of every document, by audience."""

    client: tuple[Any, ...] = ()
    clinician: tuple[Any, ...] = ()

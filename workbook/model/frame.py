"""The frame around every document, from templates/: the cover, the safety box, the closing
blocks, and the running header and footer."""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import Field

from workbook.errors import Location
from workbook.model.base import Model, Text
from workbook.model.blocks import AnyBlock


class Cover(Model):
    """templates/cover.yaml: the bound workbook's first page."""

    title: Text = Field(description="The cover title.")
    subtitle: Text = Field(default="", description="A line under the title.")
    prepared_for: Text = Field(default="", description="Who the packet is for, e.g. 'Prepared for {{ client.name }}'.")
    note: Text = Field(default="", description="A short note to the reader.")
    details: list[Text] = Field(default_factory=list, description="Lines at the foot: practice, clinician, contact, date.")


class SafetyBox(Model):
    """templates/safety.yaml: the crisis box a document shows where it writes `- safety: true`."""

    title: Text = Field(description="The box's title.")
    text: Text = Field(description="The box's text.")


class Closing(Model):
    """templates/closing.yaml: blocks appended to the end of every document, by audience."""

    client: tuple[AnyBlock, ...] = Field(default=(), description="Blocks ending every client document.")
    clinician: tuple[AnyBlock, ...] = Field(default=(), description="Blocks ending every clinician document.")


@dataclass(frozen=True)
class Frame:
    """The validated templates that frame every document."""

    cover: Cover
    safety: SafetyBox
    closing: Closing
    text: dict[str, tuple[str, Location]]  # header.j2 / footer.j2: source and location

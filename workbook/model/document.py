"""A document: one handout, worksheet, checklist or consent form, as one YAML file."""

from __future__ import annotations

import datetime
from typing import Literal

from pydantic import Field

from workbook.model.base import Id, Model, Text
from workbook.model.blocks import AnyBlock


class Document(Model):
    id: Id = Field(description="Names the PDF and prefixes its form fields; defaults to the file name.")
    title: Text = Field(description="The title on the first page, in bookmarks and the contents.")
    kind: Literal["handout", "worksheet", "checklist", "consent"] = Field(description="What sort of document it is.")
    audience: Literal["client", "clinician"] = Field(description="Who reads it; client pages carry the crisis line.")
    version: str = Field(min_length=1, description="Printed in every footer, e.g. \"1.0\" (quote it).")
    reviewed: datetime.date = Field(description="When a clinician last reviewed it (YYYY-MM-DD).")
    summary: Text = Field(default="", description="One line under the title and on the contents page.")
    disabled: bool = Field(default=False, description="true hides the document from builds and the workbook.")
    # Validated block by block (see pipeline/validate), so each error points at its own block.
    blocks: tuple[AnyBlock, ...] = Field(default=(), description="What the document says, top to bottom.")

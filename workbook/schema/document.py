"""Documents, references and the bound workbook."""

from __future__ import annotations

import datetime
from typing import Any, Literal

from pydantic import Field, field_validator

from workbook.schema.base import Id, Model, Text


class Document(Model):
    id: Id
    title: Text
    kind: Literal["handout", "worksheet", "checklist", "consent"]
    audience: Literal["client", "clinician"]
    version: str = Field(min_length=1)
    reviewed: datetime.date
    summary: Text = ""
    disabled: bool = False
    # Validated block by block (see validate.py), so each error points at its own block.
    blocks: tuple[Any, ...] = ()


class Reference(Model):
    id: Id
    title: Text
    kind: Literal["video", "article", "page"]
    source: Text
    url: str
    summary: Text = ""

    @field_validator("url")
    @classmethod
    def _http(cls, v: str) -> str:
        if not (v.startswith("https://") or v.startswith("http://")) or " " in v:
            raise ValueError(f"url must be an http(s) address, got '{v}'")
        return v


class WorkbookSpec(Model):
    title: Text
    subtitle: Text = ""
    documents: tuple[Id, ...] = Field(min_length=1)

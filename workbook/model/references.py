"""The outside resources QR codes point to (content/references.yaml)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, field_validator

from workbook.model.base import BASE_LANGUAGE, Id, Language, Model, Text


class Reference(Model):
    id: Id = Field(description="How a `resource:` block names it.")
    title: Text = Field(description="The title printed on its card.")
    kind: Literal["video", "article", "page"] = Field(description="What it is.")
    source: Text = Field(description="Who made it, e.g. Yale Medicine.")
    url: str = Field(description="Its https:// address; the QR code opens it (or link_base + id).")
    summary: Text = Field(default="", description="One or two plain sentences on what it offers.")
    language: Language = Field(default=BASE_LANGUAGE, description="The language it is in; a card in a document of "
                                                                  "another language says so (e.g. 'en inglés').")

    @field_validator("url")
    @classmethod
    def _http(cls, v: str) -> str:
        if not (v.startswith("https://") or v.startswith("http://")) or " " in v:
            raise ValueError(f"url must be an http(s) address, got '{v}'")
        return v

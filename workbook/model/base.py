"""What every model shares: strict keys, frozen values, and the `Text` marker."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, PrivateAttr, StringConstraints

from workbook.errors import Location


class TextMarker:
    """Marks a str field as user-facing text: a Jinja2 template with inline **bold**/*italic*."""


Text = Annotated[str, TextMarker()]

# Ids name form fields and files: lowercase words joined by hyphens.
ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
Id = Annotated[str, StringConstraints(pattern=ID_PATTERN)]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, coerce_numbers_to_str=True)

    # Where the model and each of its fields were written, set by the validate stage so that
    # later stages (resolve) can still point at the exact line of a bad template.
    _where: Location = PrivateAttr(default=Location("<built-in>"))
    _at: dict = PrivateAttr(default_factory=dict)

    def where(self, field: str | None = None, index: int | None = None) -> Location:
        at = self._at.get(field, self._where) if field else self._where
        if isinstance(at, list):
            return at[index] if index is not None and index < len(at) else self._where
        return at

"""What every model shares: strict keys, frozen values, and the `Text` marker."""

from __future__ import annotations

import re
import unicodedata
from typing import Annotated

from pydantic import BaseModel, ConfigDict, PrivateAttr, StringConstraints

from workbook.errors import Location


class TextMarker:
    """Marks a str field as user-facing text: a Jinja2 template with inline **bold**/*italic*."""


Text = Annotated[str, TextMarker()]

# Ids name form fields and files: lowercase words joined by hyphens.
ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
Id = Annotated[str, StringConstraints(pattern=ID_PATTERN)]

# A language, as its folder is named: en, es, pt-br...
LANGUAGE_PATTERN = r"^[a-z]{2,3}(?:-[a-z0-9]{2,8})*$"
Language = Annotated[str, StringConstraints(pattern=LANGUAGE_PATTERN)]
BASE_LANGUAGE = "en"  # its files sit at the top of content/ and templates/; the others in a folder each


def slug(text: str) -> str:
    """Words as an id: tags dropped, accents folded (Mié -> mie), anything else a hyphen."""
    folded = unicodedata.normalize("NFKD", re.sub(r"<[^>]+>", "", text)).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")


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

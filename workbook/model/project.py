"""The validated project: everything a build needs, after every input was checked."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from pydantic import Field

from workbook.errors import Notice
from workbook.model.base import BASE_LANGUAGE, Id, Model, Text
from workbook.model.document import Document
from workbook.model.frame import Frame
from workbook.model.practice import Practice
from workbook.model.references import Reference
from workbook.model.strings import Strings


class WorkbookSpec(Model):
    """content/workbook.yaml: the bound workbook's title and contents."""

    title: Text = Field(description="The workbook's title, on the cover and in its metadata.")
    subtitle: Text = Field(default="", description="A line under the title.")
    documents: tuple[Id, ...] = Field(min_length=1, description="Document ids, in the order they are bound.")


@dataclass(frozen=True)
class Assets:
    """The practice's files, checked and resolved inside its folder."""

    logo: Path | None = None
    fonts: tuple[Path, Path, Path] | None = None  # regular, bold, italic


@dataclass(frozen=True)
class Project:
    """Everything a build needs, in one language: its documents, each translated or else in the
    base language (`untranslated`), its frame and its words."""

    documents: dict[str, Document]  # every document, disabled ones included
    origins: dict[str, str]  # document id -> "built-in" or "practice"
    references: dict[str, Reference]
    workbook: WorkbookSpec
    practice: Practice  # its crisis line settled: the text for this language
    frame: Frame
    strings: Strings
    assets: Assets = Assets()
    practice_dir: Path | None = None
    language: str = BASE_LANGUAGE
    untranslated: frozenset[str] = frozenset()  # ids of documents shown in the base language
    warnings: tuple[Notice, ...] = ()  # worth saying, not worth stopping for: what is not translated

    @cached_property
    def characters(self) -> str:
        """The characters beyond ASCII in the project's text, in code point order: every PDF of
        a build gives them the same font codes (render/fonts.share_codes), so that the workbook
        composed from the documents' PDFs embeds each font once; being an input of every PDF,
        they are in each one's cache key. What a template adds only at build time is printed
        all the same, with codes of its own in each PDF."""
        text = repr((self.enabled, self.references, self.workbook, self.practice, self.frame, self.strings))
        return "".join(sorted({c for c in text if ord(c) > 127}))

    @property
    def enabled(self) -> dict[str, Document]:
        return {k: d for k, d in self.documents.items() if not d.disabled}

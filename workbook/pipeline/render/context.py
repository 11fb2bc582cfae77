"""What every block layout function is handed: the look, the field writer, the document, and the
words of the build's language."""

from __future__ import annotations

from dataclasses import dataclass

from workbook.model.strings import Strings
from workbook.pipeline.render.fields import FieldWriter
from workbook.pipeline.render.styles import Styles
from workbook.pipeline.resolve import ResolvedDocument


@dataclass(frozen=True)
class LayoutContext:
    styles: Styles
    fields: FieldWriter
    doc: ResolvedDocument
    words: Strings
    language: str  # the build's, e.g. es: a resource in another language says so
    log: list | None = None  # layout decisions a client's strings can change, when recorded

    def name(self, block_id: str, item: object) -> str:
        """A form field's full name: <doc id>.<block id>.<item>."""
        return f"{self.doc.id}.{block_id}.{item}"


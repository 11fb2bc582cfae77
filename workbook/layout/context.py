"""What every block layout function is handed: the look, the field writer, and the document."""

from __future__ import annotations

import re
from dataclasses import dataclass

from workbook.layout.fields import FieldWriter
from workbook.layout.styles import Styles
from workbook.resolve import ResolvedDocument


@dataclass(frozen=True)
class LayoutContext:
    styles: Styles
    fields: FieldWriter
    doc: ResolvedDocument

    def name(self, block_id: str, item: object) -> str:
        """A form field's full name: <doc id>.<block id>.<item>."""
        return f"{self.doc.id}.{block_id}.{item}"


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", re.sub(r"<[^>]+>", "", text).lower()).strip("-")

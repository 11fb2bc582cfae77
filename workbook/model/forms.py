"""What a built document's form holds, described from its content: which fields carry a role
(the client's name, the date, the date a week starts) and which radio groups make up a rating
grid. `workbook read` and `workbook progress` interpret filled PDFs with it, so they follow the
content rather than any document's id."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class FormScale:
    """One rating grid: a radio group per row and column, named `<doc>.<block>.<row>-<key>`."""

    document: str
    block: str
    rows: tuple[str, ...]  # what each row rates, plain text
    columns: tuple[str, ...]  # column headings, plain text
    keys: tuple[str, ...]  # each column's part of the field names
    low: int
    high: int
    start: str | None = None  # full name of the field giving the date its week starts

    def cell(self, row: int, column: int) -> str:
        """The radio group of a row (0-based) and column (0-based)."""
        return f"{self.document}.{self.block}.{row + 1}-{self.keys[column]}"


@dataclass(frozen=True)
class FormMap:
    roles: dict[str, str] = field(default_factory=dict)  # full field name -> role
    scales: tuple[FormScale, ...] = ()

"""What a built document's form holds, described from its content: which fields carry a role
(the client's name, the date, the date a week starts), which radio groups make up a rating
grid, and which make up a measure (and how it is scored). `workbook read` and `workbook
progress` interpret filled PDFs with it, so they follow the content rather than any document's id."""

from __future__ import annotations

from collections.abc import Sequence
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
class FormBand:
    low: int
    high: int
    label: str


@dataclass(frozen=True)
class FormFlag:
    item: int  # 1-based
    above: int  # an answer above this is flagged
    note: str  # what the care team reads beside it


@dataclass(frozen=True)
class Flagged:
    item: int
    text: str  # the item, plain text
    answer: int
    note: str


@dataclass(frozen=True)
class Score:
    answers: tuple[int | None, ...]  # per item; None when left blank
    total: int | None  # None unless every item is answered: a partial sum would read as too low
    band: str | None  # the band the total falls in
    flagged: tuple[Flagged, ...]  # flagged answers, also when some items are blank

    @property
    def answered(self) -> int:
        return sum(a is not None for a in self.answers)


@dataclass(frozen=True)
class FormMeasure:
    """One questionnaire: a radio group per item, named `<doc>.<block>.<item number>`."""

    document: str
    block: str
    name: str
    items: tuple[str, ...]  # plain text
    choices: tuple[str, ...]  # each answer's label, from the lowest answer up
    low: int  # the lowest answer
    bands: tuple[FormBand, ...] = ()
    flags: tuple[FormFlag, ...] = ()
    date: str | None = None  # full name of the field giving the date it was filled in

    @property
    def high(self) -> int:
        return self.low + len(self.choices) - 1

    def choice(self, answer: int) -> str:
        return self.choices[answer - self.low]

    def item(self, number: int) -> str:
        """The radio group of an item (1-based)."""
        return f"{self.document}.{self.block}.{number}"

    @property
    def lowest(self) -> int:
        return self.low * len(self.items)

    @property
    def highest(self) -> int:
        return self.high * len(self.items)

    def score(self, answers: Sequence[int | None]) -> Score:
        complete = all(a is not None for a in answers)
        total = sum(a for a in answers if a is not None) if complete else None
        band = next((b.label for b in self.bands if total is not None and b.low <= total <= b.high), None)
        flagged = tuple(Flagged(f.item, self.items[f.item - 1], a, f.note) for f in self.flags
                        if (a := answers[f.item - 1]) is not None and a > f.above)
        return Score(tuple(answers), total, band, flagged)


@dataclass(frozen=True)
class FormMap:
    roles: dict[str, str] = field(default_factory=dict)  # full field name -> role
    scales: tuple[FormScale, ...] = ()
    measures: tuple[FormMeasure, ...] = ()

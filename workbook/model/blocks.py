"""The block types a document is made of: one model each, and one union of them all.

A block is written in YAML as a one-key mapping, `- <kind>: <value>`. Types with a `shorthand`
field also take a bare string or list for it (`- heading: Before you start`); the others take a
mapping. `BLOCK_TYPES`, derived from the union, is the one list of kinds the validator, the
layout registry and the JSON Schema all read.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Annotated, Any, ClassVar, Literal, Union, get_args

from pydantic import Discriminator, Field, Tag, field_validator, model_validator

from workbook.model.base import Id, Model, Text


def _strings_as(key: str) -> Any:
    """A before-validator: list items written as plain strings become {key: string}."""

    def convert(cls: type, value: Any) -> Any:
        if isinstance(value, list):
            return [{key: item} if isinstance(item, str) else item for item in value]
        return value

    return classmethod(convert)


def _or_string(schema: dict[str, Any]) -> None:
    """JSON Schema: the list's items may also be written as a bare string (see _strings_as)."""
    schema["items"] = {"anyOf": [{"type": "string"}, schema["items"]]}


class Block(Model):
    """What every block type shares: its YAML name, optionally a shorthand field, and a
    condition that leaves the block out."""

    kind: ClassVar[str]
    shorthand: ClassVar[str | None] = None  # the field a bare scalar or list value fills

    when: str | None = Field(
        default=None, description="A Jinja2 condition with the same variables as text, e.g. "
                                  "'not practice.consent_reviewed': when it is false, the block is left out.")


class Writable(Block):
    """A block with form fields: its id names them (`<document>.<id>.<item>`), so it is unique
    within a document."""

    id: Id = Field(description="Names the block's form fields: lowercase words joined by hyphens.")


class Heading(Block):
    """A section heading; it becomes a bookmark and never ends a page alone."""

    kind = "heading"
    shorthand = "text"
    text: Text = Field(description="The heading, one line.")


class Paragraph(Block):
    """Body text; a blank line starts a new paragraph. **bold** and *italic* work."""

    kind = "text"
    shorthand = "text"
    text: Text = Field(description="The text; a blank line starts a new paragraph.")


class Bullets(Block):
    """A bulleted list."""

    kind = "bullets"
    shorthand = "items"
    items: list[Text] = Field(min_length=1, description="One entry per bullet.")


class Steps(Block):
    """A numbered list."""

    kind = "steps"
    shorthand = "items"
    items: list[Text] = Field(min_length=1, description="One entry per step, numbered in order.")


class Callout(Block):
    """A tinted box that sets a paragraph or two apart."""

    kind = "callout"
    title: Text = Field(default="", description="A short title, in the primary colour.")
    text: Text = Field(description="The box's text; a blank line starts a new paragraph.")


class Safety(Block):
    """The practice's crisis box, from templates/safety.yaml."""

    kind = "safety"
    shorthand = "show"
    show: bool = Field(default=True, description="false leaves the box out.")


class PageBreak(Block):
    """Starts a new page."""

    kind = "page_break"
    shorthand = "show"
    show: bool = Field(default=True, description="false leaves the break out.")


class Resource(Block):
    """A QR card for a video or article from references.yaml."""

    kind = "resource"
    shorthand = "ref"
    ref: str = Field(description="The id of a reference in content/references.yaml.")


class Prompt(Writable):
    """A question with ruled lines to write on (one multi-line form field)."""

    kind = "prompt"
    label: Text = Field(description="The question, printed above the lines.")
    lines: int = Field(default=4, ge=1, le=20, description="How many writing lines.")
    hint: Text = Field(default="", description="A quiet line of help under the question.")


FieldRole = Literal["client-name", "date", "week-start"]

# Content written before roles existed: a line pre-filled with one of these has its role.
IMPLIED_ROLES = {"{{client.name}}": "client-name", "{{date}}": "date"}  # compared without spaces


class FieldItem(Model):
    """One short labelled line."""

    label: Text = Field(description="The label printed before the line.")
    key: Id | None = Field(default=None, description="Names the line's form field (default: the label's words, e.g. "
                                                     "week-starting); a translation takes the English key.")
    value: Text = Field(default="", description="A pre-filled value, e.g. '{{ client.name }}'.")
    width: int = Field(default=1, ge=1, le=4, description="Relative width on its row.")
    role: FieldRole | None = Field(
        default=None, description="What the line holds, for `workbook read` and `progress`: the client's name, "
                                  "the date, or the date a week of a rating grid starts.")

    @model_validator(mode="before")
    @classmethod
    def _implied_role(cls, data: Any) -> Any:
        if isinstance(data, dict) and data.get("role") is None:
            implied = IMPLIED_ROLES.get("".join(str(data.get("value", "")).split()))
            if implied:
                return {**data, "role": implied}
        return data


class Fields(Writable):
    """Short labelled lines on one row (name, date, session number)."""

    kind = "fields"
    items: list[FieldItem] = Field(min_length=1, max_length=4, description="The lines: a label, or a mapping.",
                                   json_schema_extra=_or_string)

    _bare_labels = field_validator("items", mode="before")(_strings_as("label"))


class Checklist(Writable):
    """Boxes to tick, one per item."""

    kind = "checklist"
    items: list[Text] = Field(min_length=1, description="One entry per box.")


class Scale(Writable):
    """A rating grid: rows (what is rated) by columns (e.g. days), one choice per cell."""

    kind = "scale"
    rows: list[Text] = Field(min_length=1, description="What each row rates.")
    columns: list[Text] = Field(min_length=1, max_length=10, description="Column headings, e.g. Mon..Sun.")
    keys: list[Id] | None = Field(default=None, description="Each column's part of the form field names (default: the "
                                                            "headings' words, e.g. mon); a translation takes the English keys.")
    min: int = Field(default=0, description="The lowest choice.")
    max: int = Field(default=3, description="The highest choice.")
    legend: Text = Field(default="", description="What the numbers mean, printed under the grid.")

    @model_validator(mode="after")
    def _range(self) -> Scale:
        if not 0 <= self.max - self.min <= 5:
            raise ValueError("max must be at least min, with at most 6 choices (for example min: 0, max: 3)")
        if self.keys is not None and len(self.keys) != len(self.columns):
            raise ValueError(f"keys names {len(self.keys)} columns, but there are {len(self.columns)}")
        return self


class YesNo(Writable):
    """Screening questions, each with Yes and No and a line for details."""

    kind = "yes_no"
    items: list[Text] = Field(min_length=1, description="One question per entry.")
    details: Text = Field(default="", description="The label of each question's details line "
                                                  "(default: the language's word, e.g. Details).")


class Initials(Writable):
    """Statements to agree to, each with a box for initials."""

    kind = "initials"
    items: list[Text] = Field(min_length=1, description="One statement per entry.")


class Role(Model):
    """One person who signs."""

    role: Text = Field(description="Who signs, e.g. Client.")
    key: Id | None = Field(default=None, description="Names the role's form fields (default: the role's words, "
                                                     "e.g. client); a translation takes the English key.")
    name: Text = Field(default="", description="A pre-filled printed name.")
    date: Text = Field(default="", description="A pre-filled date.")


class Signature(Writable):
    """Signature, date and printed-name lines for each role."""

    kind = "signature"
    roles: list[Role] = Field(min_length=1, max_length=4, description="Who signs: a role, or a mapping.",
                              json_schema_extra=_or_string)

    _bare_roles = field_validator("roles", mode="before")(_strings_as("role"))


class TableColumn(Model):
    """One column of a table: its heading, and the part of each cell's field name it gives."""

    id: Id = Field(description="Names the column's fields (<document>.<table>.<row>-<column id>).")
    label: Text = Field(description="The column heading.")
    width: int = Field(default=1, ge=1, le=6, description="Relative width among the columns.")
    hint: Text = Field(default="", description="A quiet line of help printed small under the heading.")


class Table(Writable):
    """Rows of short lines to write in, under column headings (a medicines list): one field per
    cell, named `<document>.<id>.<row>-<column id>`. A long table continues on the next page
    with its headings repeated."""

    kind = "table"
    columns: list[TableColumn] = Field(min_length=2, max_length=6, description="The columns, left to right.")
    rows: int = Field(default=5, ge=1, le=30, description="How many blank rows to write in.")
    numbered: bool = Field(default=False, description="true prints a narrow first column numbering the rows.")
    example: list[Text] = Field(default_factory=list, description="One filled-in row, printed in italics above "
                                                                  "the blank rows (not a field): a value per column.")

    @model_validator(mode="after")
    def _consistent(self) -> Table:
        ids = [c.id for c in self.columns]
        repeated = sorted({i for i in ids if ids.count(i) > 1})
        if repeated:
            raise ValueError(f"column ids must differ; '{repeated[0]}' is used twice")
        if self.example and len(self.example) != len(self.columns):
            raise ValueError(f"the example has {len(self.example)} values for {len(self.columns)} columns; "
                             "give one per column (\"\" for an empty cell)")
        return self


class Band(Model):
    """A range of totals and what it is called, e.g. 5 to 9: Mild."""

    min: int = Field(description="The lowest total in the band.")
    max: int = Field(description="The highest total in the band.")
    label: Text = Field(description="The band's name, shown with the total to the care team.")


class Flag(Model):
    """An answer the care team must see at once, e.g. any answer above 0 on an item about self-harm."""

    item: int = Field(ge=1, description="The item's number, counting from 1.")
    above: int = Field(default=0, description="The answer is flagged when it is above this value.")
    note: Text = Field(description="What the care team reads beside the flagged answer (not printed on the form).")


class Measure(Writable):
    """A questionnaire: numbered items, each rated on the same scale (one choice per item), a
    total with severity bands, and flagged answers. Enter only a questionnaire your practice
    may use; its form fields are `<document>.<id>.<item number>`."""

    kind = "measure"
    name: Text = Field(description="The short name on charts and in `workbook read`, e.g. 'PHQ-9'.")
    instructions: Text = Field(default="", description="Printed above the items, e.g. the time frame they ask about.")
    low: int = Field(default=0, ge=0, le=10, description="The value of the first choice; each next choice is one more.")
    choices: list[Text] = Field(min_length=2, max_length=7, description="The label of each point of the scale, "
                                                                        "lowest first.")
    items: list[Text] = Field(min_length=1, max_length=40, description="The items, in order; numbered from 1.")
    bands: list[Band] = Field(default_factory=list, description="Ranges of the total and their names, lowest first.")
    flags: list[Flag] = Field(default_factory=list, description="Answers to flag to the care team.")

    @property
    def high(self) -> int:
        return self.low + len(self.choices) - 1

    @model_validator(mode="after")
    def _consistent(self) -> Measure:
        lowest, highest = self.low * len(self.items), self.high * len(self.items)
        wrong = []
        previous: Band | None = None
        for band in self.bands:
            if not lowest <= band.min <= band.max <= highest:
                wrong.append(f"band '{band.label}' ({band.min} to {band.max}) must lie within the possible "
                             f"totals, {lowest} to {highest}, with min at most max")
            if previous is not None and band.min <= previous.max:
                wrong.append(f"bands must not overlap and go lowest first: '{band.label}' starts at {band.min}, "
                             f"'{previous.label}' ends at {previous.max}")
            previous = band
        for flag in self.flags:
            if flag.item > len(self.items):
                wrong.append(f"a flag names item {flag.item}, but there are {len(self.items)} items")
            if not self.low <= flag.above < self.high:
                wrong.append(f"a flag's 'above' must be from {self.low} to {self.high - 1}, so that some answer is above it")
        if wrong:
            raise ValueError("; ".join(wrong))
        return self


class Repeat(Block):
    """Repeats its blocks `count` times, with a page break between repetitions; `{{ n }}` is
    1..count inside."""

    kind = "repeat"
    count: int = Field(ge=1, le=52, description="How many times.")
    blocks: tuple[AnyBlock, ...] = Field(min_length=1, description="The blocks to repeat (no repeat inside).")


def _kind(value: Any) -> str | None:
    """The union's discriminator: a model's kind, or the one key of a YAML block mapping."""
    if isinstance(value, Block):
        return value.kind
    if isinstance(value, dict) and len(value) == 1:
        return str(next(iter(value)))
    return None


AnyBlock = Annotated[
    Union[  # noqa: UP007 - one tagged member per line reads better than an 18-way `|`
        Annotated[Heading, Tag(Heading.kind)],
        Annotated[Paragraph, Tag(Paragraph.kind)],
        Annotated[Bullets, Tag(Bullets.kind)],
        Annotated[Steps, Tag(Steps.kind)],
        Annotated[Callout, Tag(Callout.kind)],
        Annotated[Safety, Tag(Safety.kind)],
        Annotated[PageBreak, Tag(PageBreak.kind)],
        Annotated[Resource, Tag(Resource.kind)],
        Annotated[Prompt, Tag(Prompt.kind)],
        Annotated[Fields, Tag(Fields.kind)],
        Annotated[Checklist, Tag(Checklist.kind)],
        Annotated[Scale, Tag(Scale.kind)],
        Annotated[YesNo, Tag(YesNo.kind)],
        Annotated[Initials, Tag(Initials.kind)],
        Annotated[Signature, Tag(Signature.kind)],
        Annotated[Table, Tag(Table.kind)],
        Annotated[Measure, Tag(Measure.kind)],
        Annotated[Repeat, Tag(Repeat.kind)],
    ],
    Discriminator(_kind),
]

def iter_blocks(blocks: Sequence[Block]) -> Iterator[Block]:
    """Every block, including those inside a repeat."""
    for block in blocks:
        yield block
        if isinstance(block, Repeat):
            yield from iter_blocks(block.blocks)


BLOCK_TYPES: dict[str, type[Block]] = {get_args(t)[0].kind: get_args(t)[0] for t in get_args(get_args(AnyBlock)[0])}

Repeat.model_rebuild()

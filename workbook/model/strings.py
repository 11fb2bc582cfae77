"""The words the compiler itself puts on the page, in one language (templates/strings.yaml, or
templates/<language>/strings.yaml): kind labels, captions, tooltips, the progress chart's labels,
how dates are written, and the default crisis line.

A string may hold `{name}` placeholders, only the names its field allows (checked when it is
read), filled in when the page is laid out. Babel writes dates, numbers, plurals and language
names, so no month or language name is typed here; it is imported only when one is needed."""

from __future__ import annotations

import datetime
import re
import string
from typing import Annotated, Any

from pydantic import AfterValidator, Field

from workbook.model.base import Model

ISO = "yyyy-MM-dd"  # written without Babel: the English pages' dates, and the common case
# A CLDR date pattern (letters, 'quoted text', spaces and punctuation), or one of Babel's named formats.
_PATTERN = re.compile(r"^(?:short|medium|long|full|(?:[GyYuUQqMLlwWdDFgEecabBhHKkjJmsSA]+|'[^']*'|[\s.,/\-:·])+)$")


def fills(*allowed: str) -> AfterValidator:
    """For Annotated[str, ...]: the string's `{...}` placeholders must be among `allowed`, with no
    format specs, so that filling it in can do nothing but put those words in."""

    def check(value: str) -> str:
        try:
            parts = list(string.Formatter().parse(value))
        except ValueError:
            raise ValueError("a lone '{' or '}': write {{ or }} for the brace itself") from None
        for _, name, spec, conversion in parts:
            if name is None:
                continue
            if name not in allowed:
                names = ", ".join("{" + a + "}" for a in allowed) or "none"
                raise ValueError(f"'{{{name}}}' cannot be filled in here; the placeholders here: {names}")
            if spec or conversion:
                raise ValueError(f"write the placeholder plainly, as {{{name}}}, with nothing after its name")
        return value

    return AfterValidator(check)


def _date_pattern(value: str) -> str:
    if not _PATTERN.match(value):
        raise ValueError(f"'{value}' is not a date pattern: write e.g. yyyy-MM-dd, d MMM, or long")
    return value


DatePattern = Annotated[str, AfterValidator(_date_pattern)]
Plain = Annotated[str, fills()]


class Dates(Model):
    """How dates are written: CLDR patterns (d MMMM y) or short, medium, long, full."""

    page: DatePattern = Field(description="On the cover and in pre-filled date fields ({{ date }}).")
    reviewed: DatePattern = Field(description="A document's review date, in the footer ({{ doc.reviewed }}).")
    long: DatePattern = Field(description="The progress chart's date range.")
    short: DatePattern = Field(description="The progress chart's axis and week headings.")


class Kinds(Model):
    handout: Plain
    worksheet: Plain
    checklist: Plain
    consent: Plain


class FormWords(Model):
    """Captions printed beside form fields."""

    answer_yes: Plain = Field(description="The label of a Yes choice (its field value stays 'Yes' in every language).")
    answer_no: Plain = Field(description="The label of a No choice (its field value stays 'No').")
    details: Plain = Field(description="The default label of a yes/no question's details line.")
    initials: Plain
    signature: Plain
    date: Plain
    printed_name: Plain
    example: Annotated[str, fills("values")] = Field(
        description="A table's example row when its cells are stacked as labelled lines (large print).")
    example_row: Plain = Field(description="Marks a numbered table's example row, in its number column.")


class Tooltips(Model):
    """What a form field says about itself when pointed at, and what `workbook read` reports as its label."""

    details: Annotated[str, fills("question", "details")]
    initials: Annotated[str, fills("statement")]
    signature: Annotated[str, fills("role")]
    date: Annotated[str, fills("role")]
    printed_name: Annotated[str, fills("role")]
    cell: Annotated[str, fills("row", "column")] = Field(description="A table's cell.")


class ResourceKinds(Model):
    video: Plain
    article: Plain
    page: Plain


class Plural(Model):
    """One text per CLDR plural category the language uses; `other` is required."""

    zero: Annotated[str, fills("n")] | None = None
    one: Annotated[str, fills("n")] | None = None
    two: Annotated[str, fills("n")] | None = None
    few: Annotated[str, fills("n")] | None = None
    many: Annotated[str, fills("n")] | None = None
    other: Annotated[str, fills("n")]


class ChartWords(Model):
    """The clinician's progress chart."""

    title: Annotated[str, fills("client")]
    untitled: Plain
    kicker: Plain
    no_client: Plain
    range: Annotated[str, fills("first", "last", "weeks")]
    weeks: Plural
    totals: Plain
    totals_note: Annotated[str, fills("lines", "most")]
    averages: Plain
    averages_note: Annotated[str, fills("top")]
    week_of: Plain


class MeasureChartWords(Model):
    """The clinician's chart of a measure (a page per measure in `workbook progress`)."""

    kicker: Annotated[str, fills("measure")]
    one_day: Annotated[str, fills("day", "fillings")]
    range: Annotated[str, fills("first", "last", "fillings")]
    fillings: Plural
    flagged: Plural = Field(description="The title of the box of flagged answers; {n} is how many.")
    flagged_answer: Annotated[str, fills("date", "item", "answer", "choice")]
    total: Plain
    total_note: Annotated[str, fills("items", "low", "high")]
    band: Annotated[str, fills("label", "low", "high")] = Field(description="A band's name beside the chart.")
    date: Plain = Field(description="The table of fillings' column headings: date, total, band, answered, flagged.")
    total_column: Plain
    band_column: Plain
    answered_column: Plain
    flagged_column: Plain
    answered: Annotated[str, fills("answered", "items")]
    flagged_item: Annotated[str, fills("item", "answer")]
    none_flagged: Plain


class MeasureReadWords(Model):
    """The labels of what `workbook read` adds after a measure's answers."""

    total: Annotated[str, fills("measure", "low", "high")]
    band: Annotated[str, fills("measure")]
    answered: Annotated[str, fills("measure", "items")]
    flagged: Annotated[str, fills("measure", "item", "note")]


class Spoken(Model):
    """What a screen reader says where the page has no words of its own, or not enough: the
    names of QR codes and links, and the progress chart in words."""

    qr_code: Annotated[str, fills("kind", "title", "source", "url")] = Field(
        description="Read in place of a QR code: the resource and the address it opens.")
    open_resource: Annotated[str, fills("kind", "title")] = Field(
        description="The name of a resource card's links (the code and the title).")
    open_address: Annotated[str, fills("url")] = Field(description="The name of a printed address made a link.")
    email: Annotated[str, fills("address")] = Field(description="The name of an email address made a link.")
    go_to: Annotated[str, fills("title")] = Field(description="The name of a contents entry's link.")
    go_to_page: Annotated[str, fills("title")] = Field(description="The name of a contents page number's link.")
    chart: Annotated[str, fills("first", "last", "most")] = Field(
        description="The progress chart's line, in words: what it shows.")
    chart_days: Plural = Field(description="How many days were filled in.")
    chart_extremes: Annotated[str, fills("low", "low_day", "high", "high_day")]
    chart_trend: Annotated[str, fills("first", "last")] = Field(description="The first and the last week's mean.")
    chart_no_days: Plain
    chart_table: Plain = Field(description="Says that the numbers follow as a table.")
    measure_chart: Annotated[str, fills("measure", "first", "last", "low", "high")] = Field(
        description="A measure's chart of totals, in words: what it shows.")
    measure_totals: Plural = Field(description="How many fillings have a total.")
    measure_latest: Annotated[str, fills("day", "total")] = Field(description="The latest total (no band covers it).")
    measure_latest_band: Annotated[str, fills("day", "total", "band")] = Field(description="The latest total and its band.")
    measure_no_totals: Plain
    measure_table: Plain = Field(description="Says that every filling's numbers follow as a table.")


class Strings(Model):
    locale: str = Field(pattern=r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$",
                        description="The language tag, e.g. es-US: each PDF's /Lang, and how Babel writes dates.")
    dates: Dates
    crisis: Plain = Field(description="The crisis line on every client page, unless practice.yaml gives one.")
    kinds: Kinds = Field(description="The label above each document's title.")
    for_clinician: Plain = Field(description="Added to the label of clinician documents.")
    in_language: Annotated[str, fills("language")] = Field(
        description="Marks a document or resource in another language, e.g. 'in {language}'.")
    workbook: Plain = Field(description="The label above the workbook's title on its cover.")
    contents: Plain = Field(description="The contents page's bookmark.")
    contents_title: Plain = Field(description="The contents page's title.")
    form: FormWords
    tooltips: Tooltips
    resources: ResourceKinds = Field(description="The label of each kind of resource card.")
    chart: ChartWords
    measure_chart: MeasureChartWords
    measure_read: MeasureReadWords
    spoken: Spoken

    def date(self, day: datetime.date, pattern: str) -> str:
        if pattern == ISO:
            return day.isoformat()
        from babel.dates import format_date

        return format_date(day, pattern, locale=self._babel())

    def decimal(self, value: float) -> str:
        """One decimal, with the language's decimal mark (2.4 in en-US and es-US, 2,4 in es-ES)."""
        from babel.numbers import format_decimal

        return format_decimal(value, "0.0", locale=self._babel())

    def plural(self, forms: Plural, n: int) -> str:
        category = self._babel().plural_form(n)
        return (getattr(forms, category) or forms.other).format(n=n)

    def language_name(self, code: str) -> str:
        """A language's name in this language, e.g. 'inglés' for en in Spanish."""
        from babel import Locale, UnknownLocaleError

        try:
            return Locale.parse(code, sep="-").get_display_name(self._babel()) or code
        except (ValueError, UnknownLocaleError):
            return code

    def _babel(self) -> Any:
        from babel import Locale, UnknownLocaleError

        try:
            return Locale.parse(self.locale, sep="-")
        except (ValueError, UnknownLocaleError):  # e.g. a region Babel does not know: the language alone
            return Locale.parse(self.locale.split("-")[0])

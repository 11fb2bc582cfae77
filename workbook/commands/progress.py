"""Filled rating grids -> the numbers a progress chart shows: one Week per grid and file, in date
order. The grids and their week-start fields are found from the content (a `scale` block and a
field with `role: week-start`), whatever the documents are called.

Blank answers stay None all the way through, so a day nobody filled in is a gap, never a zero."""

from __future__ import annotations

import datetime
import re
import unicodedata
from dataclasses import dataclass

from workbook.commands.read import Reading, Record
from workbook.errors import Location, Problem
from workbook.model.forms import FormMap, FormScale
from workbook.model.progress import Progress, Week

# Weeks a chart can place: a span the chart's day axis can draw (and 9999-12-31 plus six days
# is past the last date Python has).
FIRST_WEEK, LAST_WEEK = datetime.date(1900, 1, 1), datetime.date(2199, 12, 31)
DATE_FORMATS = ("%Y-%m-%d", "%m/%d/%Y", "%m/%d/%y", "%d %b %Y", "%d %B %Y", "%b %d, %Y", "%B %d, %Y", "%b %d %Y", "%B %d %Y")


@dataclass(frozen=True)
class Outcome:
    progress: Progress | None  # None when any problem was found
    problems: list[Problem]


def weekly_progress(reading: Reading, forms: FormMap) -> Outcome:
    problems: list[Problem] = []
    weeks: list[Week] = []
    grid: FormScale | None = None
    by_file: dict[str, dict[str, Record]] = {file: {} for file in reading.files}
    for r in reading.records:
        by_file[r.file][f"{r.document}.{r.block}.{r.item}"] = r
    for file, fields in by_file.items():
        found = [s for s in forms.scales if s.cell(0, 0) in fields]
        if not found:
            problems.append(_problem(file, "has no rating grid to chart (a `scale` block of this content)"))
        for scale in found:
            if grid is not None and (scale.rows, scale.columns, scale.high) != (grid.rows, grid.columns, grid.high):
                problems.append(_problem(file, f"its rating grid '{scale.block}' asks other questions than "
                                               f"'{grid.block}'; chart one kind of grid at a time"))
                continue
            grid = grid or scale
            start = _week_start(file, fields, scale, reading.languages.get(file, ""), problems)
            week = _week(file, start, scale, fields, problems)
            if start is not None and week is not None:
                weeks.append(week)
    records = [r for r in reading.records if r.file in by_file]
    _check_same_client(records, problems)
    _check_distinct_weeks(weeks, problems)
    if problems or not weeks or grid is None:
        return Outcome(None, problems)
    client = next((r.client for r in records if r.client), None)
    return Outcome(Progress(client, grid.rows, grid.columns, grid.high, tuple(sorted(weeks, key=lambda w: w.start))), [])


def _week(file: str, start: datetime.date | None, scale: FormScale, fields: dict[str, Record],
          problems: list[Problem]) -> Week | None:
    answers: list[list[int | None]] = []
    for r in range(len(scale.rows)):
        row: list[int | None] = []
        for c in range(len(scale.columns)):
            field = fields.get(scale.cell(r, c))
            if field is None or field.value is None:
                row.append(None)
            elif field.value.isascii() and field.value.isdigit() and scale.low <= int(field.value) <= scale.high:
                row.append(int(field.value))
            else:  # the value is not quoted: a changed file may hold anything there
                problems.append(_problem(file, f"the answer in '{field.label}' is not one of the choices "
                                               f"{scale.low} to {scale.high}"))
                return None
        answers.append(row)
    totals = tuple(_sum(row[i] for row in answers) for i in range(len(scale.columns)))
    averages = tuple(_mean(row) for row in answers)
    return Week(file, start, totals, averages) if start else None


def _sum(values) -> int | None:
    given = [v for v in values if v is not None]
    return sum(given) if given else None


def _mean(values) -> float | None:
    given = [v for v in values if v is not None]
    return sum(given) / len(given) if given else None


def _week_start(file: str, fields: dict[str, Record], scale: FormScale, language: str,
                problems: list[Problem]) -> datetime.date | None:
    field = fields.get(scale.start) if scale.start else None
    if field is None:
        problems.append(_problem(file, f"the rating grid '{scale.block}' has no 'week starting' date field; "
                                       "mark one fields item with `role: week-start`"))
        return None
    if not field.value:
        problems.append(_problem(file, f"the '{field.label}' date is blank, so the week cannot be placed"))
        return None
    text = " ".join(field.value.split())
    day = _english_date(text) if language.split("-")[0] in ("", "en") else _written_date(text, language)
    # What the client wrote is not quoted: it may be anything, a name included.
    if day is None:
        problems.append(_problem(file, f"the '{field.label}' field does not hold a date I can read; "
                                       "write it like 2026-11-02 or 11/02/2026"))
    elif not FIRST_WEEK <= day <= LAST_WEEK:
        problems.append(_problem(file, f"the '{field.label}' date is not a year between "
                                       f"{FIRST_WEEK.year} and {LAST_WEEK.year}"))
        return None
    return day


def _english_date(text: str) -> datetime.date | None:
    for fmt in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def _written_date(text: str, language: str) -> datetime.date | None:
    """A date as a page in another language has it written: ISO, numbers in the language's order
    (2/11/2026 is 2 November in Spanish), or with the month's name (2 de noviembre de 2026)."""
    from babel import Locale, UnknownLocaleError
    from babel.dates import get_month_names, parse_date

    try:
        locale = Locale.parse(language, sep="-")
    except (ValueError, UnknownLocaleError):
        return _english_date(text)
    try:
        if re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}", text):
            return datetime.date.fromisoformat("-".join(part.zfill(2) for part in text.split("-")))
        if re.fullmatch(r"\d{1,2}[/.\-]\d{1,2}[/.\-]\d{2,4}", text):
            return parse_date(text, locale=locale)
    except ValueError:
        return None
    months = {_fold(name): number for width in ("wide", "abbreviated") for context in ("format", "stand-alone")
              for number, name in get_month_names(width, context, locale).items()}
    words = re.findall(r"[^\W\d_]+", text)
    numbers = re.findall(r"\d+", text)
    month = next((months[_fold(w)] for w in words if _fold(w) in months), None)
    # a day of one or two digits and a year of four (a number of 5,000 digits is not read)
    if month is None or len(numbers) != 2 or len(numbers[0]) > 2 or len(numbers[1]) != 4:
        return None
    try:
        return datetime.date(int(numbers[1]), month, int(numbers[0]))
    except ValueError:
        return None


def _fold(word: str) -> str:
    """Lowercase without accents or a trailing full stop: 'Sept.' and 'sept' are one month."""
    return unicodedata.normalize("NFKD", word.lower().rstrip(".")).encode("ascii", "ignore").decode()


def _check_same_client(records: list[Record], problems: list[Problem]) -> None:
    """One chart, one person: never mix two clients' weeks."""
    first_file: dict[str, str] = {}
    for r in records:
        if r.client:
            first_file.setdefault(r.client.strip().casefold(), r.file)
    if len(first_file) > 1:
        files = ", ".join(first_file.values())
        problems.append(_problem(files, "these files carry different client names; chart one client at a time"))


def _check_distinct_weeks(weeks: list[Week], problems: list[Problem]) -> None:
    seen: dict[datetime.date, str] = {}
    for w in weeks:
        if w.start in seen:
            problems.append(_problem(w.file, f"is the same week ({w.start.isoformat()}) as {seen[w.start]}"))
        seen.setdefault(w.start, w.file)


def _problem(file: str, message: str) -> Problem:
    return Problem(Location(file), message)

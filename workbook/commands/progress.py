"""Filled rating grids and measures -> the numbers a progress chart shows: one Week per grid and
file, and one filling per measure and file, in date order. Grids, measures and the fields that
date them are found from the content (a `scale` block and a field with `role: week-start`; a
`measure` block and a field with `role: date`), whatever the documents are called.

Blank answers stay None all the way through, so a day nobody filled in is a gap, never a zero."""

from __future__ import annotations

import datetime
import re
import unicodedata
from dataclasses import dataclass

from workbook.commands.read import Reading, Record, measure_score
from workbook.errors import Location, Problem
from workbook.model.forms import FormMap, FormMeasure, FormScale
from workbook.model.progress import Filling, MeasureProgress, Progress, Week

# Dates a chart can place: a span the chart's day axis can draw (and 9999-12-31 plus six days
# is past the last date Python has).
FIRST_WEEK, LAST_WEEK = datetime.date(1900, 1, 1), datetime.date(2199, 12, 31)
DATE_FORMATS = ("%Y-%m-%d", "%m/%d/%Y", "%m/%d/%y", "%d %b %Y", "%d %B %Y", "%b %d, %Y", "%B %d, %Y", "%b %d %Y", "%B %d %Y")


@dataclass(frozen=True)
class Outcome:
    progress: Progress | None  # None when any problem was found, or no file holds a rating grid
    problems: list[Problem]
    measures: tuple[MeasureProgress, ...] = ()  # one per measure filled in; () when any problem was found


def weekly_progress(reading: Reading, forms: FormMap) -> Outcome:
    """Weeks of a rating grid, one per file; a file without a grid is a problem."""
    problems: list[Problem] = []
    by_file = _by_file(reading)
    for file, fields in by_file.items():
        if not _grids(fields, forms):
            problems.append(_problem(file, "has no rating grid to chart (a `scale` block of this content)"))
    weeks, grid = _weeks(by_file, forms, reading.languages, problems)
    _check_same_client([r for r in reading.records if r.file in by_file], problems)
    _check_distinct_weeks(weeks, problems)
    if problems or not weeks or grid is None:
        return Outcome(None, problems)
    return Outcome(_progress(weeks, grid, reading.records), [])


def chart_progress(reading: Reading, forms: FormMap) -> Outcome:
    """Every measure filled in, and the weeks of a rating grid, from the same files. A file's
    grid is left out when the file holds a filled measure and the grid is blank and undated (a
    workbook where only the questionnaire was filled in); a file with neither is a problem."""
    problems: list[Problem] = []
    by_file = _by_file(reading)
    measures = measure_progress(by_file, forms, reading.languages, problems)
    measured = {f.file for m in measures for f in m.fillings}
    weekly: dict[str, dict[str, Record]] = {}
    for file, fields in by_file.items():
        grids = _grids(fields, forms)
        if grids and not (file in measured and not any(_touched(g, fields) for g in grids)):
            weekly[file] = fields
        elif not grids and not any(m.item(1) in fields for m in forms.measures):
            problems.append(_problem(file, "has nothing to chart: no rating grid (a `scale` block) and "
                                           "no measure (a `measure` block) of this content"))
    weeks, grid = _weeks(weekly, forms, reading.languages, problems)
    _check_same_client([r for r in reading.records if r.file in by_file], problems)
    _check_distinct_weeks(weeks, problems)
    if not weeks and not measures and not problems:
        problems.append(_problem(", ".join(by_file), "nothing is filled in to chart"))
    if problems:
        return Outcome(None, problems)
    progress = _progress(weeks, grid, reading.records) if weeks and grid else None
    return Outcome(progress, [], measures)


def measure_progress(by_file: dict[str, dict[str, Record]], forms: FormMap, languages: dict[str, str],
                     problems: list[Problem]) -> tuple[MeasureProgress, ...]:
    """One series per measure answered in any file: a filling per file, dated by the date field
    of its document (read as the file's language writes dates), in date order."""
    found: dict[FormMeasure, list[Filling]] = {}
    for file, fields in by_file.items():
        for measure in forms.measures:
            score = measure_score(measure, fields)
            if score is None or not score.answered:
                continue
            date = _filling_date(file, measure, fields, languages.get(file, ""), problems)
            if date is not None:
                found.setdefault(measure, []).append(Filling(file, date, score))
    series = []
    for measure, fillings in found.items():
        fillings.sort(key=lambda f: f.date)
        for before, after in zip(fillings, fillings[1:]):
            if before.date == after.date:
                problems.append(_problem(after.file, f"is the same '{measure.name}' date "
                                                     f"({after.date.isoformat()}) as {before.file}"))
        client = next((r.client for f in fillings for r in by_file[f.file].values() if r.client), None)
        series.append(MeasureProgress(client, measure, tuple(fillings)))
    return tuple(series)


def _filling_date(file: str, measure: FormMeasure, fields: dict[str, Record], language: str,
                  problems: list[Problem]) -> datetime.date | None:
    field = fields.get(measure.date) if measure.date else None
    if field is None:
        problems.append(_problem(file, f"the measure '{measure.name}' has no date field to place it by; "
                                       "mark one fields item of its document with `role: date`"))
        return None
    if not field.value:
        problems.append(_problem(file, f"the '{field.label}' date is blank, so the '{measure.name}' answers "
                                       "cannot be placed"))
        return None
    return read_date(file, field, language, problems)


def _by_file(reading: Reading) -> dict[str, dict[str, Record]]:
    by_file: dict[str, dict[str, Record]] = {file: {} for file in reading.files}
    for r in reading.records:
        by_file[r.file][f"{r.document}.{r.block}.{r.item}"] = r
    return by_file


def _grids(fields: dict[str, Record], forms: FormMap) -> list[FormScale]:
    return [s for s in forms.scales if s.cell(0, 0) in fields]


def _touched(scale: FormScale, fields: dict[str, Record]) -> bool:
    """Whether any of the grid's answers, or its week's start date, is filled in."""
    start = fields.get(scale.start) if scale.start else None
    cells = (fields.get(scale.cell(r, c)) for r in range(len(scale.rows)) for c in range(len(scale.columns)))
    return bool(start and start.value) or any(f is not None and f.value is not None for f in cells)


def _progress(weeks: list[Week], grid: FormScale, records: list[Record]) -> Progress:
    client = next((r.client for r in records if r.client), None)
    return Progress(client, grid.rows, grid.columns, grid.high, tuple(sorted(weeks, key=lambda w: w.start)))


def _weeks(by_file: dict[str, dict[str, Record]], forms: FormMap, languages: dict[str, str],
           problems: list[Problem]) -> tuple[list[Week], FormScale | None]:
    weeks: list[Week] = []
    grid: FormScale | None = None
    for file, fields in by_file.items():
        for scale in _grids(fields, forms):
            if grid is not None and (scale.rows, scale.columns, scale.high) != (grid.rows, grid.columns, grid.high):
                problems.append(_problem(file, f"its rating grid '{scale.block}' asks other questions than "
                                               f"'{grid.block}'; chart one kind of grid at a time"))
                continue
            grid = grid or scale
            start = _week_start(file, fields, scale, languages.get(file, ""), problems)
            week = _week(file, start, scale, fields, problems)
            if start is not None and week is not None:
                weeks.append(week)
    return weeks, grid


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
    return read_date(file, field, language, problems)


def read_date(file: str, field: Record, language: str, problems: list[Problem]) -> datetime.date | None:
    """A date field's value as a date, read as a page in `language` writes dates, or a problem
    saying how to write it."""
    text = " ".join((field.value or "").split())
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

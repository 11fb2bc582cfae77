"""Filled mood trackers -> the numbers a progress chart shows: one Week per file, in date order.

Blank answers stay None all the way through, so a day nobody filled in is a gap, never a zero."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass

from workbook.errors import Location, Problem
from workbook.readback import Reading, Record

# Ids from content/symptom-checklist.yaml: the document, its weekly rating grid, and the
# fields block whose first item is the date the week starts.
DOCUMENT, GRID, WEEK_OF = "symptom-checklist", "week", "week-of"
DATE_FORMATS = ("%Y-%m-%d", "%m/%d/%Y", "%m/%d/%y", "%d %b %Y", "%d %B %Y", "%b %d, %Y", "%B %d, %Y", "%b %d %Y", "%B %d %Y")


@dataclass(frozen=True)
class Week:
    file: str
    start: datetime.date
    totals: tuple[int | None, ...]  # per day: the sum of that day's answers; None if none
    averages: tuple[float | None, ...]  # per row: the mean of its answered days; None if none


@dataclass(frozen=True)
class Progress:
    client: str | None
    rows: tuple[str, ...]  # what each row rates
    days: tuple[str, ...]  # column headings, e.g. Mon..Sun
    top: int  # the highest choice, e.g. 3
    weeks: tuple[Week, ...]  # ordered by start date

    @property
    def first(self) -> datetime.date:
        return self.weeks[0].start

    @property
    def last(self) -> datetime.date:
        return self.weeks[-1].start + datetime.timedelta(days=len(self.days) - 1)


@dataclass(frozen=True)
class Outcome:
    progress: Progress | None  # None when any problem was found
    problems: list[Problem]


def weekly_progress(reading: Reading) -> Outcome:
    problems: list[Problem] = []
    by_file: dict[str, list[Record]] = defaultdict(list)
    for r in reading.records:
        if r.document == DOCUMENT:
            by_file[r.file].append(r)
    for file in (f for f in reading.files if f not in by_file):
        problems.append(_problem(file, f"has no {DOCUMENT} pages"))
    weeks, grid = [], None
    for file, recs in by_file.items():
        cells = [r for r in recs if r.block == GRID]
        start = _week_start(file, recs, problems)
        if not cells:
            problems.append(_problem(file, f"has no '{GRID}' rating grid"))
        if not cells or start is None:
            continue
        grid = grid or _grid(cells)
        weeks.append(_week(file, start, cells))
    _check_same_client(by_file, problems)
    _check_distinct_weeks(weeks, problems)
    if problems or not weeks:
        return Outcome(None, problems)
    rows, days, top = grid
    client = next((r.client for f in by_file.values() for r in f if r.client), None)
    return Outcome(Progress(client, rows, days, top, tuple(sorted(weeks, key=lambda w: w.start))), [])


def _grid(cells: list[Record]) -> tuple[tuple[str, ...], tuple[str, ...], int]:
    """Row labels, day labels and the top choice, from the fields' names and tooltips
    (`<row>-<day>`, "<row text>: <day>")."""
    rows: dict[str, str] = {}
    days: dict[str, str] = {}
    for c in cells:
        row, _, day = c.item.partition("-")
        text, _, day_label = c.label.rpartition(": ")
        rows.setdefault(row, text)
        days.setdefault(day, day_label)
    top = max(int(v) for c in cells for v in c.choices)
    return tuple(rows.values()), tuple(days.values()), top


def _week(file: str, start: datetime.date, cells: list[Record]) -> Week:
    row_keys = list(dict.fromkeys(c.item.partition("-")[0] for c in cells))
    day_keys = list(dict.fromkeys(c.item.partition("-")[2] for c in cells))
    value = {(c.item.partition("-")[0], c.item.partition("-")[2]): c.value for c in cells}
    answers = [[_number(value.get((r, d))) for d in day_keys] for r in row_keys]
    totals = tuple(_sum(row[i] for row in answers) for i in range(len(day_keys)))
    averages = tuple(_mean(row) for row in answers)
    return Week(file, start, totals, averages)


def _number(value: str | None) -> int | None:
    return int(value) if value not in (None, "") else None


def _sum(values) -> int | None:
    given = [v for v in values if v is not None]
    return sum(given) if given else None


def _mean(values) -> float | None:
    given = [v for v in values if v is not None]
    return sum(given) / len(given) if given else None


def _week_start(file: str, recs: list[Record], problems: list[Problem]) -> datetime.date | None:
    field = next((r for r in recs if r.block == WEEK_OF), None)
    if field is None or not field.value:
        problems.append(_problem(file, f"the '{field.label if field else WEEK_OF}' date is blank, so the week cannot be placed"))
        return None
    text = " ".join(field.value.split())
    for fmt in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    problems.append(_problem(file, f"'{text}' in '{field.label}' is not a date I can read; write it like 2026-11-02 or 11/02/2026"))
    return None


def _check_same_client(by_file: dict[str, list[Record]], problems: list[Problem]) -> None:
    """One chart, one person: never mix two clients' weeks."""
    first_file: dict[str, str] = {}
    for recs in by_file.values():
        for r in recs:
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

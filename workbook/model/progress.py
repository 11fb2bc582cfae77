"""Weeks of a filled rating grid, and fillings of a measure, as numbers a progress chart shows.

Blank answers stay None all the way through, so a day nobody filled in is a gap, never a zero."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from workbook.model.forms import Flagged, FormMeasure, Score


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
class Filling:
    """One filled-in measure: the file, the date it was filled in, and its score."""

    file: str
    date: datetime.date
    score: Score


@dataclass(frozen=True)
class MeasureProgress:
    """One measure's fillings over time, as a progress chart shows them."""

    client: str | None
    measure: FormMeasure
    fillings: tuple[Filling, ...]  # ordered by date

    @property
    def flagged(self) -> tuple[tuple[Filling, Flagged], ...]:
        return tuple((f, flag) for f in self.fillings for flag in f.score.flagged)

"""Located problems, and the one exception that carries all of them to the CLI."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import click


@dataclass(frozen=True, order=True)
class Location:
    path: str
    line: int = 0
    col: int = 0

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}" if self.line else self.path


@dataclass(frozen=True, order=True)
class Problem:
    where: Location
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


class WorkbookError(click.ClickException):
    """Invalid content or configuration: every problem found, each with its location.

    A ClickException, so click prints it (without a traceback) and exits with code 1.
    """

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems))
        super().__init__("\n".join(str(p) for p in self.problems))

    def show(self, file=None) -> None:
        n = len(self.problems)
        summary = f"{n} problem{'s' if n != 1 else ''} found; nothing was written."
        click.echo(f"{self.format_message()}\n{summary}", err=True, file=file)


class Problems:
    """Collects problems during a stage, so that one run reports all of them."""

    def __init__(self) -> None:
        self.items: list[Problem] = []

    def add(self, where: Location | Path | str, message: str) -> None:
        if not isinstance(where, Location):
            where = Location(str(where))
        self.items.append(Problem(where, message))

    def raise_if_any(self) -> None:
        if self.items:
            raise WorkbookError(self.items)

    def __bool__(self) -> bool:
        return bool(self.items)

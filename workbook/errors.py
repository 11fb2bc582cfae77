"""Located problems, and the exceptions that carry them to the command line's one error boundary.

Nothing here knows about click: the CLI maps each exception to its exit code and message."""

from __future__ import annotations

import difflib
import os
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path


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

    LONGEST = 400  # characters of a message shown: one quoting a huge value stays one line

    def __str__(self) -> str:
        message = self.message if len(self.message) <= self.LONGEST else self.message[:self.LONGEST] + "…"
        return f"{self.where}: {message}"


@dataclass(frozen=True, order=True)
class Notice:
    """A located warning: the work goes on, but someone should look (`--strict` makes it an error)."""

    where: Location
    message: str

    def __str__(self) -> str:
        return f"{self.where}: warning: {self.message}"

    def as_problem(self) -> Problem:
        return Problem(self.where, f"warning: {self.message}")


class WorkbookError(Exception):
    """Invalid content or configuration: every problem found, each with its location (exit 1)."""

    def __init__(self, problems: Iterable[Problem], outcome: str = "nothing was written"):
        self.problems = sorted(set(problems))
        self.outcome = outcome  # what became of the command's work, said after the problems
        super().__init__(self.problems, outcome)  # the arguments again, so it pickles across processes

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self.problems)


class EnvironmentFailure(Exception):
    """The machine failed us, not the content: a path that cannot be read or written, a full
    disk, a permission (exit 3). The message names the path and the system's reason only."""

    def __init__(self, path: Path | str, error: OSError, action: str = "write to"):
        super().__init__(path, error, action)
        self.path, self.error, self.action = Path(path), error, action

    def __str__(self) -> str:
        return f"cannot {self.action} {display_path(self.path)}: {self.error.strerror or type(self.error).__name__}"


# Set by the command line's Ctrl-C handler. The KeyboardInterrupt it raises can be swallowed or
# rewrapped by library code (ReportLab has bare `except:` clauses), so the flag is checked again
# before anything is renamed into place (pipeline/write.py).
interrupted = threading.Event()


class Interrupted(Exception):
    """Ctrl-C during a command that had already finished some of its work (exit 130); the
    message says what was written."""


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


def suggest(word: object, choices: Iterable[object], prefix: str = "") -> str:
    """'; did you mean …?' for the closest choice (shown after prefix, e.g. 'practice.'), or nothing."""
    close = difflib.get_close_matches(str(word), [str(c) for c in choices], n=1, cutoff=0.6)
    return f"; did you mean '{prefix}{close[0]}'?" if close else ""


def display_path(path: Path) -> str:
    """The path as a user would type it: relative to the working directory when inside it."""
    try:
        rel = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)
    return str(path) if rel.startswith("..") else rel

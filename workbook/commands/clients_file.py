"""The clients file of `workbook batch`: checked whole before anything is written, then read
again, row by row, each time the batch needs its rows, so that no process holds every row and
a batch's memory does not grow with its clients. Its bytes are read once and kept (a few dozen
bytes a row), so every pass reads the same rows.
Client names are personal health information: no message here quotes a cell that could hold one."""

from __future__ import annotations

import csv
import dataclasses
import datetime
import io
import itertools
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from workbook.errors import Location, Problem, Problems, WorkbookError, display_path, suggest
from workbook.model.base import LANGUAGE_PATTERN
from workbook.model.project import Project
from workbook.model.settings import Settings
from workbook.pipeline import CSV_CAP, Unreadable, read_capped

COLUMNS = ("client", "clinician", "date", "documents", "language")
_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


@dataclass(frozen=True)
class Row:
    number: int  # as a spreadsheet shows it: the header is row 1
    settings: Settings
    documents: tuple[str, ...]
    file_name: str
    language: str


@dataclass(frozen=True)
class Refused:
    """A row that cannot be built, and why."""

    number: int
    problem: str


class Projects:
    """The project in each language the rows ask for, each loaded the first time a row does."""

    def __init__(self, default: Project, load: Callable[[str], Project], known: list[str]):
        self.default, self._load, self.known = default, load, known
        self.loaded = {default.language: default}

    def get(self, language: str) -> Project:
        if language not in self.known:
            # quoted back only when it is a language tag, which cannot be a client's name
            shown = f" '{language}'" if re.fullmatch(LANGUAGE_PATTERN, language) else ""
            raise ValueError(f"unknown language{shown}{suggest(language, self.known)}; "
                             f"the languages are {', '.join(self.known)}")
        if language not in self.loaded:
            self.loaded[language] = self._load(language)
        return self.loaded[language]


class ClientsFile:
    """The rows of a clients file. Made, it has read every row once: a file this tool cannot
    read is refused whole (every problem of its header at once), and every language a row asks
    for is loaded."""

    def __init__(self, path: Path, projects: Projects, base: Settings):
        self.shown = display_path(path)
        self.projects, self.base = projects, base
        self._data = _read(path, self.shown)
        self.count = self.refused = 0  # rows to build, and rows that cannot be
        for item in self:
            if isinstance(item, Row):
                self.count += 1
            else:
                self.refused += 1

    def __iter__(self) -> Iterator[Row | Refused]:
        """Every row that is not blank, in order: a Row to build, or one Refused (with why). The
        same rows, file names included, on every pass."""
        reader = csv.reader(io.TextIOWrapper(io.BytesIO(self._data), encoding="utf-8-sig", newline=""))
        try:
            header = [h.strip().lower() for h in next(reader, [])]
            _check_header(header, self.shown)
            taken: set[str] = set()
            for cells in reader:
                number = reader.line_num
                if not any(c.strip() for c in cells):
                    continue  # a blank line
                try:
                    settings, ids, language = _parse_row(dict(zip(header, cells)), self.projects, self.base)
                except ValueError as exc:
                    yield Refused(number, f"{self.shown}:{number}: {exc}")
                    continue
                yield Row(number, settings, ids, _unique_name(safe_name(settings.client), number, taken), language)
        except csv.Error as exc:  # a cell over csv.field_size_limit() (131,072 characters), a NUL byte...
            raise WorkbookError([Problem(Location(self.shown, reader.line_num), f"not a CSV file this tool can read "
                                                                               f"({_csv_reason(exc)})")]) from None

    def rows(self) -> Iterator[Row]:
        """The rows to build, in order."""
        return (item for item in self if isinstance(item, Row))


def _read(path: Path, shown: str) -> bytes:
    """The file's bytes, once they are known to be UTF-8 text without a NUL."""
    problems = Problems()
    try:
        data = read_capped(path, CSV_CAP, "a clients file")
        data.decode("utf-8-sig")
    except Unreadable as exc:
        problems.add(shown, str(exc))
    except OSError as exc:
        problems.add(shown, f"cannot read the clients file: {exc.strerror or type(exc).__name__}")
    except UnicodeDecodeError:
        problems.add(shown, "the clients file is not UTF-8 text: save it as CSV UTF-8")
    problems.raise_if_any()
    if b"\0" in data:
        problems.add(Location(shown, data[:data.index(b"\0")].count(b"\n") + 1), "a NUL character: save the file again as CSV")
        problems.raise_if_any()
    return data


def _check_header(header: list[str], shown: str) -> None:
    """The first line names the columns. Its cells are never quoted back: a file without a
    header line has a client's name there."""
    problems = Problems()
    for i, name in enumerate(header, 1):
        if name not in COLUMNS:
            problems.add(Location(shown, 1, 1), f"column {i} is not one of the columns{suggest(name, COLUMNS)}; "
                                                "the columns are client, clinician, date, documents and language")
        elif name in header[:i - 1]:
            problems.add(Location(shown, 1, 1), f"column {i}: '{name}' is named twice; name each column once")
    if "client" not in header:
        problems.add(Location(shown, 1, 1),
                     "no 'client' column; the first line must name the columns, e.g. client,clinician,date")
    problems.raise_if_any()


# Latin letters that do not decompose into an ASCII letter and an accent.
_LATIN = str.maketrans({"ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ø": "o", "Ø": "O", "ı": "i", "ħ": "h", "Ħ": "H",
                        "ß": "ss", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "þ": "th", "Þ": "TH", "ð": "d", "Ð": "D"})


def safe_name(client: str) -> str:
    """A file name stem from a client's name: ASCII letters, digits and hyphens only (Paweł
    Nowak -> pawel-nowak; a name in another script -> client)."""
    ascii_name = unicodedata.normalize("NFKD", client.translate(_LATIN)).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")[:60].strip("-") or "client"


def _unique_name(stem: str, number: int, taken: set[str]) -> str:
    """A file name no other row of this batch has: the name, else with '-rowN', else numbered
    on (rows "Ann Lee", "Ann Lee" and "Ann Lee Row3" must not write one file twice)."""
    candidates = itertools.chain((stem, f"{stem}-row{number}"), (f"{stem}-row{number}-{k}" for k in itertools.count(2)))
    name = next(c for c in candidates if c not in taken)
    taken.add(name)
    return f"{name}.pdf"


def _csv_reason(exc: csv.Error) -> str:
    text = str(exc)
    if "field larger than field limit" in text:
        return f"a cell longer than {csv.field_size_limit():,} characters"
    return "a NUL character" if "NUL" in text else "a broken quote or line"


def _parse_row(record: dict, projects: Projects, base: Settings):
    cell = {k: (record.get(k) or "").strip() for k in COLUMNS}
    if not cell["client"]:
        raise ValueError("missing client name")
    project = projects.get(cell["language"] or projects.default.language)
    enabled = project.enabled  # made on each call
    default_ids = tuple(i for i in project.workbook.documents if i in enabled)
    date = base.date
    if cell["date"]:
        try:
            date = datetime.datetime.strptime(cell["date"], "%Y-%m-%d").date()
        except ValueError:
            raise ValueError("the date is not a date; write it as YYYY-MM-DD, e.g. 2026-01-15") from None
    # Cells are not quoted back (a shifted column puts a client's name in any of them), except a
    # document id, which cannot be a name.
    ids = tuple(dict.fromkeys(re.split(r"[\s;,]+", cell["documents"]))) if cell["documents"] else default_ids
    for doc_id in ids:
        if doc_id not in enabled:
            shown = f" '{doc_id}'" if _ID.fullmatch(doc_id) and len(doc_id) <= 60 else ""
            raise ValueError(f"unknown document{shown} in the documents column{suggest(doc_id, enabled)}")
    settings = dataclasses.replace(base, client=cell["client"], clinician=cell["clinician"] or base.clinician, date=date)
    return settings, ids, project.language

"""`workbook batch`: one bound packet per row of a clients CSV, rows checked one by one.

What does not depend on the client (loading and validating content, styles and fonts, compiled
templates, QR paths, the paragraph caches) is done once, in this process, before any worker is
forked from it; a worker only resolves, lays out and writes.
Client names are personal health information: they reach the file system only as a safe file
name and the PDF itself, and no message here carries them."""

from __future__ import annotations

import csv
import dataclasses
import datetime
import io
import multiprocessing
import re
import signal
import sys
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from workbook.errors import Interrupted, Location, Problems, WorkbookError, display_path, suggest
from workbook.model.project import Project
from workbook.model.settings import Settings
from workbook.pipeline import packet, write_private

if TYPE_CHECKING:
    from workbook.pipeline import Press

COLUMNS = ("client", "clinician", "date", "documents", "language")


@dataclass(frozen=True)
class Row:
    number: int  # as a spreadsheet shows it: the header is row 1
    settings: Settings
    documents: tuple[str, ...]
    file_name: str
    language: str


class Projects:
    """The project in each language the rows ask for, each loaded the first time a row does."""

    def __init__(self, default: Project, load: Callable[[str], Project], known: list[str]):
        self.default, self._load, self.known = default, load, known
        self.loaded = {default.language: default}

    def get(self, language: str) -> Project:
        if language not in self.known:
            raise ValueError(f"unknown language '{language}'{suggest(language, self.known)}; "
                             f"the languages are {', '.join(self.known)}")
        if language not in self.loaded:
            self.loaded[language] = self._load(language)
        return self.loaded[language]


@dataclass(frozen=True)
class Outcome:
    number: int
    path: Path | None  # the packet written, or None when the row failed
    problem: str = ""


def safe_name(client: str) -> str:
    """A file name stem from a client's name: ASCII letters, digits and hyphens only."""
    ascii_name = unicodedata.normalize("NFKD", client).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")[:60].strip("-") or "client"


def read_rows(path: Path, projects: Projects, base: Settings) -> tuple[list[Row], list[Outcome]]:
    """The rows to build, and the rows that cannot be built (with why, by row number)."""
    shown = display_path(path)
    problems = Problems()
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        problems.add(shown, f"cannot read the clients file: {exc}")
        problems.raise_if_any()
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = [(h or "").strip().lower() for h in reader.fieldnames or []]
    for name in header:
        if name not in COLUMNS:
            problems.add(Location(shown, 1, 1), f"unknown column '{name}'{suggest(name, COLUMNS)}; "
                                                "the columns are client, clinician, date, documents and language")
    if "client" not in header:
        problems.add(Location(shown, 1, 1),
                     "no 'client' column; the first line must name the columns, e.g. client,clinician,date")
    problems.raise_if_any()
    reader.fieldnames = header
    rows, failed, taken = [], [], set()
    for record in reader:
        number = reader.line_num
        try:
            settings, ids, language = _parse_row(record, projects, base)
        except ValueError as exc:
            failed.append(Outcome(number, None, f"{shown}:{number}: {exc}"))
            continue
        stem = safe_name(settings.client)
        name = f"{stem}.pdf" if stem not in taken else f"{stem}-row{number}.pdf"
        taken.add(stem)
        rows.append(Row(number, settings, ids, name, language))
    return rows, failed


def _parse_row(record: dict, projects: Projects, base: Settings):
    cell = {k: (record.get(k) or "").strip() for k in COLUMNS}
    if not cell["client"]:
        raise ValueError("missing client name")
    project = projects.get(cell["language"] or projects.default.language)
    default_ids = tuple(i for i in project.workbook.documents if i in project.enabled)
    date = base.date
    if cell["date"]:
        try:
            date = datetime.datetime.strptime(cell["date"], "%Y-%m-%d").date()
        except ValueError:
            raise ValueError(f"bad date '{cell['date']}'; write it as YYYY-MM-DD, e.g. 2026-01-15") from None
    ids = tuple(re.split(r"[\s;,]+", cell["documents"])) if cell["documents"] else default_ids
    for doc_id in ids:
        if doc_id not in project.enabled:
            raise ValueError(f"unknown document '{doc_id}'{suggest(doc_id, project.enabled)}")
    settings = dataclasses.replace(base, client=cell["client"], clinician=cell["clinician"] or base.clinician, date=date)
    return settings, ids, project.language


class PacketMaker:
    """Builds the packets of one batch: the projects (one per language), look and output folder
    are shared."""

    def __init__(self, projects: dict[str, Project], press: Press, out_dir: Path):
        self.projects, self.press, self.out_dir = projects, press, out_dir

    def warm_up(self, rows: list[Row], base: Settings) -> None:
        """Lay out one packet per language without a client, so that every shared cache (fonts,
        compiled templates, QR paths, paragraphs) is filled once, before workers fork."""
        for language, first in {row.language: row for row in reversed(rows)}.items():
            packet(self.projects[language], self.press, base, first.documents)

    def make(self, row: Row) -> Outcome:
        try:
            data = packet(self.projects[row.language], self.press, row.settings, row.documents)
        except WorkbookError as exc:
            return Outcome(row.number, None, "\n".join(f"row {row.number}: {p}" for p in exc.problems))
        return Outcome(row.number, write_private(self.out_dir / row.file_name, data))


_MAKER: PacketMaker | None = None  # the forked workers' copy


def _make(row: Row) -> Outcome:
    assert _MAKER is not None  # set before the pool forks
    return _MAKER.make(row)


def _worker() -> None:
    """Ctrl-C is the parent's to handle; when it stops the pool (SIGTERM), a worker unwinds, so a
    packet being written leaves no temporary file."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))


def run(maker: PacketMaker, rows: list[Row], jobs: int) -> Iterator[Outcome]:
    """Build every row, yielding outcomes as they finish (in any order when jobs > 1)."""
    global _MAKER
    if jobs <= 1 or len(rows) < 2 or "fork" not in multiprocessing.get_all_start_methods():
        yield from map(maker.make, rows)
        return
    _MAKER = maker
    try:
        with multiprocessing.get_context("fork").Pool(jobs, initializer=_worker) as pool:
            yield from pool.imap_unordered(_make, rows, chunksize=2)
    finally:
        _MAKER = None


def collect(outcomes: Iterator[Outcome]) -> list[Outcome]:
    """Every outcome; on Ctrl-C, say how many packets were already written."""
    done: list[Outcome] = []
    try:
        done.extend(outcomes)
    except KeyboardInterrupt:
        written = sum(1 for o in done if o.path)
        raise Interrupted(f"{written} packet{'s' * (written != 1)} written before it; no other row was built") from None
    return done


def summary(outcomes: list[Outcome], out_dir: Path) -> str:
    written = sum(1 for o in outcomes if o.path)
    failed = len(outcomes) - written
    return (f"{written} packet{'s' * (written != 1)} written to {display_path(out_dir)}; "
            f"{failed} row{'s' * (failed != 1)} failed.")

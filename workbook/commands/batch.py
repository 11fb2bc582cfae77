"""`workbook batch`: one bound packet per row of a clients CSV, rows checked one by one.

What does not depend on the client (loading and validating content, styles and fonts, each kind
of packet laid out once as a template) is done once, in this process, before any worker is
forked from it; a worker writes each client's strings into a template, or lays out in full a
packet whose strings fit none (pipeline/personalise.py).
Client names are personal health information: they reach the file system only as a safe file
name and the PDF itself, and no message here carries them."""

from __future__ import annotations

import csv
import dataclasses
import datetime
import io
import multiprocessing
import os
import re
import signal
import time
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from workbook.errors import Interrupted, Location, Notice, Problem, Problems, WorkbookError, display_path, suggest
from workbook.model.base import LANGUAGE_PATTERN
from workbook.model.project import Project
from workbook.model.settings import Settings
from workbook.pipeline import CSV_CAP, Unreadable, interrupted, packets, read_capped, unprintable_name, write_private

if TYPE_CHECKING:
    from workbook.pipeline import Packets, Press

COLUMNS = ("client", "clinician", "date", "documents", "language")
_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


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
            # quoted back only when it is a language tag, which cannot be a client's name
            shown = f" '{language}'" if re.fullmatch(LANGUAGE_PATTERN, language) else ""
            raise ValueError(f"unknown language{shown}{suggest(language, self.known)}; "
                             f"the languages are {', '.join(self.known)}")
        if language not in self.loaded:
            self.loaded[language] = self._load(language)
        return self.loaded[language]


@dataclass(frozen=True)
class Outcome:
    number: int
    path: Path | None  # the packet written, or None when the row failed
    problem: str = ""


# Latin letters that do not decompose into an ASCII letter and an accent.
_LATIN = str.maketrans({"ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ø": "o", "Ø": "O", "ı": "i", "ħ": "h", "Ħ": "H",
                        "ß": "ss", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "þ": "th", "Þ": "TH", "ð": "d", "Ð": "D"})


def safe_name(client: str) -> str:
    """A file name stem from a client's name: ASCII letters, digits and hyphens only (Paweł
    Nowak -> pawel-nowak; a name in another script -> client)."""
    ascii_name = unicodedata.normalize("NFKD", client.translate(_LATIN)).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")[:60].strip("-") or "client"


def read_rows(path: Path, projects: Projects, base: Settings) -> tuple[list[Row], list[Outcome]]:
    """The rows to build, and the rows that cannot be built (with why, by row number)."""
    shown = display_path(path)
    problems = Problems()
    try:
        text = read_capped(path, CSV_CAP, "a clients file").decode("utf-8-sig")
    except Unreadable as exc:
        problems.add(shown, str(exc))
    except OSError as exc:
        problems.add(shown, f"cannot read the clients file: {exc.strerror or type(exc).__name__}")
    except UnicodeDecodeError:
        problems.add(shown, "the clients file is not UTF-8 text: save it as CSV UTF-8")
    problems.raise_if_any()
    if "\0" in text:
        problems.add(Location(shown, text[:text.index("\0")].count("\n") + 1), "a NUL character: save the file again as CSV")
        problems.raise_if_any()
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [h.strip().lower() for h in next(reader, [])]
        _check_header(header, shown, problems)
        problems.raise_if_any()
        return _rows(reader, header, shown, projects, base)
    except csv.Error as exc:  # a cell over csv.field_size_limit() (131,072 characters), a NUL byte...
        raise WorkbookError([Problem(Location(shown, reader.line_num), f"not a CSV file this tool can read "
                                                                      f"({_csv_reason(exc)})")]) from None


def _check_header(header: list[str], shown: str, problems: Problems) -> None:
    """The first line names the columns. Its cells are never quoted back: a file without a
    header line has a client's name there."""
    for i, name in enumerate(header, 1):
        if name not in COLUMNS:
            problems.add(Location(shown, 1, 1), f"column {i} is not one of the columns{suggest(name, COLUMNS)}; "
                                                "the columns are client, clinician, date, documents and language")
        elif name in header[:i - 1]:
            problems.add(Location(shown, 1, 1), f"column {i}: '{name}' is named twice; name each column once")
    if "client" not in header:
        problems.add(Location(shown, 1, 1),
                     "no 'client' column; the first line must name the columns, e.g. client,clinician,date")


def _rows(reader, header: list[str], shown: str, projects: Projects, base: Settings) -> tuple[list[Row], list[Outcome]]:
    rows: list[Row] = []
    failed: list[Outcome] = []
    taken: set[str] = set()
    for cells in reader:
        number = reader.line_num
        if not any(c.strip() for c in cells):
            continue  # a blank line
        try:
            settings, ids, language = _parse_row(dict(zip(header, cells)), projects, base)
        except ValueError as exc:
            failed.append(Outcome(number, None, f"{shown}:{number}: {exc}"))
            continue
        rows.append(Row(number, settings, ids, _unique_name(safe_name(settings.client), number, taken), language))
    return rows, failed


def name_notices(rows: list[Row], path: Path, press: Press) -> list[Notice]:
    """A warning for each row whose client's name has characters no embedded font can draw."""
    notices = []
    for row in rows:
        message = unprintable_name(press, row.settings.client, "this row's packet")
        if message:
            notices.append(Notice(Location(display_path(path), row.number, 1), message))
    return notices


def _unique_name(stem: str, number: int, taken: set[str]) -> str:
    """A file name no other row of this batch has: the name, else with '-rowN', else numbered
    on (rows "Ann Lee", "Ann Lee" and "Ann Lee Row3" must not write one file twice)."""
    candidates = [stem, f"{stem}-row{number}"] + [f"{stem}-row{number}-{k}" for k in range(2, len(taken) + 3)]
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
    default_ids = tuple(i for i in project.workbook.documents if i in project.enabled)
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
        if doc_id not in project.enabled:
            shown = f" '{doc_id}'" if _ID.fullmatch(doc_id) and len(doc_id) <= 60 else ""
            raise ValueError(f"unknown document{shown} in the documents column{suggest(doc_id, project.enabled)}")
    settings = dataclasses.replace(base, client=cell["client"], clinician=cell["clinician"] or base.clinician, date=date)
    return settings, ids, project.language


class PacketMaker:
    """Builds the packets of one batch: the projects (one per language), look and output folder
    are shared, and so is each list of documents' packets (laid out once per shape of the
    clients' strings, see pipeline/personalise.py)."""

    def __init__(self, projects: dict[str, Project], press: Press, out_dir: Path):
        self.projects, self.press, self.out_dir = projects, press, out_dir
        self.packets: dict[tuple[str, tuple[str, ...]], Packets] = {}

    def warm_up(self, rows: list[Row]) -> None:
        """Make the template of every kind of row here, before workers fork: each is made
        once, and every shared cache (fonts, compiled templates, QR paths, paragraphs) is
        filled once."""
        for key in dict.fromkeys((r.language, r.documents) for r in rows):
            self._packets(key).prepare([r.settings for r in rows if (r.language, r.documents) == key])

    def make(self, row: Row) -> Outcome:
        try:
            data = self._packets((row.language, row.documents)).packet(row.settings).data
        except WorkbookError as exc:
            return Outcome(row.number, None, "\n".join(f"row {row.number}: {p}" for p in exc.problems))
        global _WRITING
        _WRITING = True  # a stop now lets the packet be written whole (or not at all) first
        try:
            return Outcome(row.number, write_private(self.out_dir / row.file_name, data))
        finally:
            _WRITING = False

    def _packets(self, key: tuple[str, tuple[str, ...]]) -> Packets:
        if key not in self.packets:
            self.packets[key] = packets(self.projects[key[0]], self.press, key[1])
        return self.packets[key]


_MAKER: PacketMaker | None = None  # the forked workers' copy
_STOPPING = False  # a worker asked to stop (SIGTERM from the pool)
_BUSY = False  # a worker is making a packet
_WRITING = False  # ... and writing it: a packet takes milliseconds to make, most of them here


@dataclass(frozen=True)
class _Started:
    """What a running batch writes, so that an interrupt can say what is on the disk."""

    out_dir: Path
    names: tuple[str, ...]
    since: int  # time.time_ns() before the first packet
    stop: list = field(default_factory=list)  # how to stop its workers, once they are started

    def written(self) -> int:
        """Packets of this batch on the disk: its files, modified since it started."""
        count = 0
        for name in self.names:
            try:
                count += (self.out_dir / name).stat().st_mtime_ns >= self.since
            except OSError:
                pass
        return count


_CURRENT: _Started | None = None


def _make(row: Row) -> Outcome:
    """One packet in a worker. Stopped (SIGTERM), it unwinds so that the packet being written
    leaves no temporary file, then leaves at once: library code may have swallowed or reworded
    the exception (ReportLab rewrites it, and a reworded SystemExit prints a paragraph's text)."""
    global _BUSY
    assert _MAKER is not None  # set before the pool forks
    _BUSY = True
    try:
        outcome = _MAKER.make(row)
    except BaseException:
        if _STOPPING:
            os._exit(1)
        raise
    finally:
        _BUSY = False
    if _STOPPING:
        os._exit(1)
    return outcome


class _Stop(BaseException):
    """Raised in a worker's packet when the pool stops it."""


def _on_term(signum: int, frame: object) -> None:
    global _STOPPING
    _STOPPING = True
    if not _BUSY:
        os._exit(1)
    if _WRITING:
        return  # raising inside the write could skip removing its temporary file; _make leaves after it
    raise _Stop


def _worker() -> None:
    """Ctrl-C is the parent's to handle; when it stops the pool (SIGTERM), a worker unwinds (see
    _make), so a packet being written leaves no temporary file, and prints nothing."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _on_term)


def run(maker: PacketMaker, rows: list[Row], jobs: int) -> Iterator[Outcome]:
    """Build every row, yielding outcomes as they finish (in any order when jobs > 1)."""
    global _MAKER, _CURRENT
    _CURRENT = _Started(maker.out_dir, tuple(r.file_name for r in rows), time.time_ns())
    if jobs <= 1 or len(rows) < 2 or "fork" not in multiprocessing.get_all_start_methods():
        yield from map(maker.make, rows)
        return
    _MAKER = maker
    try:
        with multiprocessing.get_context("fork").Pool(jobs, initializer=_worker) as pool:
            _CURRENT.stop.append(pool.terminate)
            yield from pool.imap_unordered(_make, rows, chunksize=2)
            # Done: let the workers leave on their own. Stopping them (what leaving the `with`
            # does) can catch one holding the task queue's lock, and the other waits on it forever.
            pool.close()
            pool.join()
    finally:
        _MAKER = None


def collect(outcomes: Iterator[Outcome]) -> list[Outcome]:
    """Every outcome; on Ctrl-C, say how many packets were already written: counted on the disk,
    since a worker may have written one whose outcome had not come back yet."""
    done: list[Outcome] = []
    try:
        done.extend(outcomes)
    except (KeyboardInterrupt, Exception) as exc:
        # Ctrl-C, or what library code made of it (ReportLab turns some into other errors).
        if not isinstance(exc, KeyboardInterrupt) and not interrupted.is_set():
            raise
        for stop in _CURRENT.stop if _CURRENT else ():
            stop()  # the workers end (a packet half made leaves nothing) before the disk is counted
        written = _CURRENT.written() if _CURRENT else sum(1 for o in done if o.path)
        raise Interrupted(f"{written} packet{'s' * (written != 1)} written before it; no other row was built") from None
    return done


def summary(outcomes: list[Outcome], out_dir: Path) -> str:
    written = sum(1 for o in outcomes if o.path)
    failed = len(outcomes) - written
    return (f"{written} packet{'s' * (written != 1)} written to {display_path(out_dir)}; "
            f"{failed} row{'s' * (failed != 1)} failed.")

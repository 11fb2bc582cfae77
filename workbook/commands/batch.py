"""`workbook batch`: one bound packet per row of a clients CSV (clients_file.py reads its rows).

What does not depend on the client (loading and validating content, styles and fonts, each kind
of packet laid out once as a template) is done once, in this process, before any worker is
forked from it; a worker writes each client's strings into a template, or lays out in full a
packet whose strings fit none (pipeline/personalise.py).
The rows are read from the file each time they are needed, and an outcome is kept only when
a row failed, so that memory does not grow with the clients.
Client names are personal health information: they reach the file system only as a safe file
name and the PDF itself, and no message here carries them."""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from workbook.commands.clients_file import ClientsFile, Refused, Row
from workbook.errors import Interrupted, Location, Notice, WorkbookError, display_path
from workbook.model.project import Project
from workbook.pipeline import interrupted, packets, unprintable_name, write_private

if TYPE_CHECKING:
    from workbook.pipeline import Packets, Press


def name_notices(rows: Iterator[Row], shown: str, press: Press) -> Iterator[Notice]:
    """A warning for each row whose client's name has characters no embedded font can draw."""
    for row in rows:
        message = unprintable_name(press, row.settings.client, "this row's packet")
        if message:
            yield Notice(Location(shown, row.number, 1), message)


class PacketMaker:
    """Builds the packets of one batch: the projects (one per language), look and output folder
    are shared, and so is each list of documents' packets (laid out once per shape of the
    clients' strings, see pipeline/personalise.py)."""

    def __init__(self, projects: dict[str, Project], press: Press, out_dir: Path):
        self.projects, self.press, self.out_dir = projects, press, out_dir
        self.packets: dict[tuple[str, tuple[str, ...]], Packets] = {}

    def warm_up(self, rows: Iterable[Row]) -> None:
        """Make the template of every kind of row here, before workers fork: each is made
        once, and every shared cache (fonts, compiled templates, QR paths, paragraphs) is
        filled once."""
        for row in rows:
            self._packets((row.language, row.documents)).expect(row.settings)
        for maker in self.packets.values():
            maker.prepare()

    def make(self, row: Row) -> Outcome:
        try:
            data = self._packets((row.language, row.documents)).packet(row.settings).data
        except WorkbookError as exc:
            return Outcome(row.number, "\n".join(f"row {row.number}: {p}" for p in exc.problems))
        global _WRITING
        _WRITING = True  # a stop now lets the packet be written whole (or not at all) first
        try:
            write_private(self.out_dir / row.file_name, data)
            return Outcome(row.number)
        finally:
            _WRITING = False

    def _packets(self, key: tuple[str, tuple[str, ...]]) -> Packets:
        if key not in self.packets:
            self.packets[key] = packets(self.projects[key[0]], self.press, key[1])
        return self.packets[key]


@dataclass(frozen=True)
class Outcome:
    """What became of a row a worker built: its packet was written, or why not. No path: pathlib
    interns every name it is given, in a table that grows with them and never shrinks."""

    number: int
    problem: str | None = None  # None: written


_MAKER: PacketMaker | None = None  # the forked workers' copy
_STOPPING = False  # a worker asked to stop (SIGTERM from the pool)
_BUSY = False  # a worker is making a packet
_WRITING = False  # ... and writing it: a packet takes milliseconds to make, most of them here


@dataclass(frozen=True)
class _Started:
    """What a running batch writes, so that an interrupt can say what is on the disk."""

    out_dir: Path
    names: Callable[[], Iterable[str]]  # its files' names, read again from the clients file
    since: int  # time.time_ns() before the first packet
    stop: list = field(default_factory=list)  # how to stop its workers, once they are started

    def written(self) -> int:
        """Packets of this batch on the disk: its files, modified since it started."""
        count = 0
        for name in self.names():
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
    sys.unraisablehook = _unraisable


def _unraisable(unraisable: sys.UnraisableHookArgs) -> None:
    """A _Stop raised while Python ran a callback (a weak reference's, a __del__) cannot
    propagate: Python would print "Exception ignored in ..." and go on with the packet. _Stop
    is never raised during a write, so there is nothing to unwind: leave now, silently."""
    if isinstance(unraisable.exc_value, _Stop):
        os._exit(1)
    sys.__unraisablehook__(unraisable)


def run(maker: PacketMaker, clients: ClientsFile, jobs: int) -> Iterator[Outcome]:
    """Build every row, yielding outcomes as they finish (in any order when jobs > 1)."""
    global _MAKER, _CURRENT
    _CURRENT = _Started(maker.out_dir, lambda: (r.file_name for r in clients.rows()), time.time_ns())
    if jobs <= 1 or clients.count < 2 or "fork" not in multiprocessing.get_all_start_methods():
        yield from map(maker.make, clients.rows())
        return
    _MAKER = maker
    try:
        with multiprocessing.get_context("fork").Pool(jobs, initializer=_worker) as pool:
            _CURRENT.stop.append(pool.terminate)
            # the pool's task thread reads the rows as the workers need them
            yield from pool.imap_unordered(_make, clients.rows(), chunksize=2)
            # Done: let the workers leave on their own. Stopping them (what leaving the `with`
            # does) can catch one holding the task queue's lock, and the other waits on it forever.
            pool.close()
            pool.join()
    finally:
        _MAKER = None


def collect(outcomes: Iterator[Outcome]) -> dict[int, str]:
    """Why each row that failed failed, by row number (every other row was written); on Ctrl-C,
    say how many packets were already written: counted on the disk, since a worker may have
    written one whose outcome had not come back yet."""
    failed: dict[int, str] = {}
    written = 0
    try:
        for outcome in outcomes:
            if interrupted.is_set():  # a Ctrl-C swallowed where it landed still stops the batch
                raise KeyboardInterrupt
            if outcome.problem is None:
                written += 1
            else:
                failed[outcome.number] = outcome.problem
    except (KeyboardInterrupt, Exception) as exc:
        # Ctrl-C, or what library code made of it (ReportLab turns some into other errors).
        if not isinstance(exc, KeyboardInterrupt) and not interrupted.is_set():
            raise
        for stop in _CURRENT.stop if _CURRENT else ():
            stop()  # the workers end (a packet half made leaves nothing) before the disk is counted
        written = _CURRENT.written() if _CURRENT else written
        raise Interrupted(f"{written} packet{'s' * (written != 1)} written before it; no other row was built") from None
    return failed


def report(clients: ClientsFile, failed: dict[int, str], out_dir: Path) -> Iterator[tuple[str, bool]]:
    """Every row's line, in row order, the rows read again: (its packet's path, True), or (why it
    has none, False)."""
    folder = str(out_dir / "_")[:-1]  # what `out_dir / name` prints, without a Path a row (see Outcome)
    for item in clients:
        if isinstance(item, Refused):
            yield item.problem, False
        elif item.number in failed:
            yield failed[item.number], False
        else:
            yield folder + item.file_name, True


def summary(written: int, failed: int, out_dir: Path) -> str:
    return (f"{written} packet{'s' * (written != 1)} written to {display_path(out_dir)}; "
            f"{failed} row{'s' * (failed != 1)} failed.")

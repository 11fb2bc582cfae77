"""`workbook build --watch`: build, then build again each time an input is saved.

One process stays warm (imports, fonts, compiled templates, paragraph and QR caches), and the
build cache lays out only the PDFs an edit touches, so a rebuild costs a fraction of a cold
build. Content problems are reported and the watch goes on: the save that fixes them builds
again. Nothing here prints; the command line says what each rebuild did."""

from __future__ import annotations

import gc
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Generic, TypeVar

from workbook.errors import Notice, WorkbookError, display_path
from workbook.pipeline import without_gc

# Never inputs: PDFs (the build's own output, wherever it is written), temporary files, editors'
# backups and vim's write test (a file named 4913); hidden files and folders (the build's own
# temporary files, .git), caches and schemas (written by `workbook init`, read by editors only).
_NOT_INPUTS = (".pdf", ".tmp", "~", ".swp", ".swx")
_NOT_FOLDERS = {"__pycache__", "node_modules", "schemas"}


T = TypeVar("T")


@dataclass(frozen=True)
class Rebuild(Generic[T]):
    changed: tuple[str, ...]  # the files saved since the last build, as the user would type them
    built: T | None  # what the build gave; None when the inputs have problems
    problems: WorkbookError | None
    warnings: list[Notice]
    seconds: float  # wall time of the build


def rebuilds(folders: list[Path], make: Callable[[list[Notice]], T]) -> Iterator[Rebuild[T]]:
    """The first build, then one rebuild per batch of saves in `folders`, forever (until
    Ctrl-C, which raises KeyboardInterrupt). `make(warnings)` builds once."""
    import watchfiles

    watching = [f.resolve() for f in folders if f.is_dir()]

    def is_input(change: object, path: str) -> bool:
        where = Path(path)
        inside = next((where.relative_to(f) for f in watching if where.is_relative_to(f)), where)
        return not (where.name.endswith(_NOT_INPUTS) or where.name == "4913"
                    or any(part.startswith(".") or part in _NOT_FOLDERS for part in inside.parts))

    # The watcher starts before the first build (its first, empty, answer comes after 0.1 s), so
    # that a file saved during that build is not missed; it keeps what changes between two looks.
    first = True
    for changes in watchfiles.watch(*watching, watch_filter=is_input, step=50, rust_timeout=100,
                                    yield_on_timeout=True, raise_interrupt=True):
        if first:
            first = False
            yield _attempt((), make)
            continue
        # A file made and removed again in one save (an editor's or sed's scratch copy) is no change.
        passing = {path for change, path in changes if change == watchfiles.Change.added and not Path(path).exists()}
        changed = sorted({display_path(Path(path)) for _, path in changes if path not in passing})
        if changed:
            yield _attempt(tuple(changed), make)
            gc.collect()  # the build's garbage, while there is time


def _attempt(changed: tuple[str, ...], make: Callable[[list[Notice]], T]) -> Rebuild[T]:
    start = time.perf_counter()
    warnings: list[Notice] = []
    try:
        with without_gc():
            built = make(warnings)
    except WorkbookError as exc:
        return Rebuild(changed, None, exc, warnings, time.perf_counter() - start)
    return Rebuild(changed, built, None, warnings, time.perf_counter() - start)

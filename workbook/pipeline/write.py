"""Stage 5, write: every PDF to a temporary file in the output folder, then renamed into place.

All PDFs are rendered before the first is written, so a failed build writes nothing, and a
reader never sees half a file. Temporary names carry no document or client name."""

from __future__ import annotations

import os
import signal
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from workbook.errors import EnvironmentFailure, interrupted


def write_atomically(out_dir: Path, files: dict[str, bytes], mode: int = 0o644, remove: Iterable[Path] = ()) -> list[Path]:
    """Write every file or none (names may hold subfolders, made as needed), then remove the
    files in `remove` (in the same moment that Ctrl-C cannot split); an OSError becomes an
    EnvironmentFailure naming the folder only (file names may be made from a client's name)."""
    staged: list[tuple[str, Path]] = []
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        for name, data in files.items():
            final = out_dir / name
            final.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=final.parent, prefix=".workbook-", suffix=".tmp")
            staged.append((tmp, final))
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            os.chmod(tmp, mode)
        with _no_interrupt():
            if interrupted.is_set():  # a Ctrl-C that library code swallowed still counts
                raise KeyboardInterrupt
            for tmp, final in staged:
                os.replace(tmp, final)
            for path in remove:
                path.unlink(missing_ok=True)
    except OSError as exc:
        raise EnvironmentFailure(out_dir, exc) from None
    finally:
        for tmp, _ in staged:
            if os.path.exists(tmp):
                os.unlink(tmp)
    return [final for _, final in staged]


@contextmanager
def _no_interrupt() -> Iterator[None]:
    """Ignore Ctrl-C for the moment the files are renamed into place, so a build is never left
    half old and half new (an interrupt then is too late to stop anything)."""
    try:
        previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    except ValueError:  # not the main thread: signals are not ours to handle
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)

"""Part of stage 5, write: the output folder holds exactly what was built.

Each build records in the folder's manifest (a small JSON file: name -> sha256) the PDFs it
wrote. A later full build removes the PDFs an earlier build wrote and this one did not (a
handout the practice disabled or that was withdrawn must not stay printable); a file is removed
only while it still has the bytes a build wrote, so nothing a person made or changed is touched."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from workbook.pipeline.sources import MB, PDF_CAP, Unreadable, read_capped

MANIFEST = ".workbook-manifest.json"
MANIFEST_CAP = MB  # a manifest lists a build's file names and digests: a few KB


@dataclass(frozen=True)
class Plan:
    manifest: bytes  # the manifest to write with this build's files
    removed: tuple[Path, ...] = ()  # written by an earlier build, not by this one: to remove
    changed: tuple[Path, ...] = ()  # written by an earlier build, changed since: left alone
    foreign: tuple[Path, ...] = ()  # PDFs no build recorded: left alone


def plan(out_dir: Path, files: dict[str, bytes], full: bool) -> Plan:
    """What writing `files` into out_dir will leave there; with full, the files earlier builds
    wrote and this one does not are to go. Reads the folder, changes nothing."""
    before = _read(out_dir)
    now = {name: _digest(data) for name, data in files.items()}
    if not full:  # some documents only: the others stay, and stay recorded
        kept = {n: d for n, d in before.items() if n not in now and (out_dir / n).is_file()}
        return Plan(_dump(kept | now))
    removed: list[Path] = []
    changed: list[Path] = []
    for name, digest in sorted(before.items()):
        path = out_dir / name
        if name in now or path.is_symlink() or not path.is_file():
            continue
        (removed if _digest_of(path) == digest else changed).append(path)
    foreign = sorted(p for p in out_dir.glob("*.pdf") if p.name not in now and p.name not in before) \
        if out_dir.is_dir() else []
    return Plan(_dump(now), tuple(removed), tuple(changed), tuple(foreign))


def _read(out_dir: Path) -> dict[str, str]:
    """The files an earlier build recorded; a missing or damaged manifest records none, and a
    name that is not a plain PDF file name in this folder is ignored."""
    try:  # read within a cap, and never from a pipe or a device left in its place
        files = json.loads(read_capped(out_dir / MANIFEST, MANIFEST_CAP, "a manifest").decode("utf-8")).get("files", {})
    except (OSError, Unreadable, ValueError, AttributeError):
        return {}
    if not isinstance(files, dict):
        return {}
    return {name: digest for name, digest in files.items()
            if isinstance(name, str) and isinstance(digest, str) and name.endswith(".pdf")
            and Path(name).name == name and not name.startswith(".")}


def _dump(files: dict[str, str]) -> bytes:
    record = {"written by": "kap-workbook", "files": dict(sorted(files.items()))}
    return (json.dumps(record, indent=1) + "\n").encode()


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _digest_of(path: Path) -> str | None:
    """A recorded file's digest; None (so it counts as changed, and is left alone) when it has
    grown past what a PDF of ours can be, or cannot be read."""
    try:
        return _digest(read_capped(path, PDF_CAP, "a PDF"))
    except (OSError, Unreadable):
        return None

"""A practice's copies of built-in files: where each came from, and whether the built-in has
changed since, so that a correction in a later release reaches a practice that copied the file.

`workbook eject` writes a copy whose first line records the built-in's name, version and the
sha256 of its text, and keeps that text, untouched, under .workbook/originals/ in the practice
folder: it is what `workbook diff` compares the installed built-in with."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from workbook.errors import Location, Notice, Problems, WorkbookError, display_path
from workbook.model.base import ID_PATTERN
from workbook.pipeline.load import LocDict, load_yaml, parse_yaml
from workbook.pipeline.sources import (
    SPECIAL_FILES,
    YAML_CAP,
    Builtin,
    Unreadable,
    builtins,
    confined_file,
    find_builtin,
    read_capped,
)

ORIGINALS = Path(".workbook", "originals")
_RECORD = re.compile(r"ejected from kap-workbook built-in (?P<name>[\w.-]+)(?:, version (?P<version>.+?))? "
                     r"\(sha256 (?P<digest>[0-9a-f]{16,64})\)")
_ID = re.compile(ID_PATTERN)
_DIGEST_CHARS = 16  # enough to tell one text from another; short enough to read


@dataclass(frozen=True)
class Record:
    """What the first line of a copy says it was copied from."""

    name: str
    version: str | None
    digest: str

    def matches(self, data: bytes) -> bool:
        return digest(data).startswith(self.digest)

    def described(self) -> str:
        return f"version {self.version}" if self.version else f"(sha256 {self.digest})"


@dataclass(frozen=True)
class Upstream:
    """A built-in, the practice's copy of it, and the built-in's text as it was copied."""

    builtin: Builtin
    copy: Path | None  # the practice's file for it, if any
    mine: bytes | None  # that file's text
    record: Record | None  # what that file's first line says
    original: bytes | None  # the built-in's text as copied, when kept and intact
    current: bytes  # the installed built-in's text

    @property
    def changed(self) -> bool:
        """The built-in is not the one the copy was taken from (unknown without a record)."""
        return self.record is not None and not self.record.matches(self.current)


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def version_of(builtin: Builtin, data: bytes | None = None) -> str | None:
    """A built-in document's `version:` (in data, its text, when given); None for templates and
    workbook.yaml."""
    if not builtin.is_document:
        return None
    text = (data if data is not None else builtin.path.read_bytes()).decode("utf-8", "replace")
    parsed = parse_yaml(text, builtin.name, Problems())
    return str(parsed["version"]) if isinstance(parsed, dict) and "version" in parsed else None


def header(builtin: Builtin, data: bytes) -> str:
    """The first lines of a copy: the record, then a word to the person editing it."""
    version = version_of(builtin, data)
    record = (f"ejected from kap-workbook built-in {builtin.name}" + (f", version {version}" if version else "")
              + f" (sha256 {digest(data)[:_DIGEST_CHARS]})")
    note = "Yours to edit. Keep this first line: `workbook check` uses it to tell you when the built-in changes."
    if builtin.path.suffix == ".j2":
        return f"{{# {record}\n   {note} -#}}\n"  # -#}: the comment leaves no blank line in the output
    return f"# {record}\n# {note}\n"


def with_header(text: bytes, builtin: Builtin, data: bytes) -> bytes:
    """A practice's file with its record replaced by (or, without one, headed by) a record of the
    built-in text `data`; the rest of the file is kept byte for byte."""
    new = header(builtin, data)
    first, sep, rest = text.partition(b"\n")
    if _RECORD.search(first.decode("utf-8", "replace")):
        return new.partition("\n")[0].encode() + sep + rest
    return new.encode() + text


def read_record(path: Path) -> Record | None:
    try:
        with path.open("rb") as fh:
            first = fh.readline(400).decode("utf-8", "replace")
    except OSError:
        return None
    found = _RECORD.search(first)
    return Record(found["name"], found["version"], found["digest"]) if found else None


def original_path(practice_dir: Path, builtin: Builtin) -> Path:
    return practice_dir / ORIGINALS / builtin.rel


def practice_file(practice_dir: Path | None, name: str) -> Path | None:
    """The practice's file for a document id, a template or workbook.yaml, if it has one. A
    document's file is found by its id, whatever the file is called."""
    if practice_dir is None:
        return None
    content = practice_dir / "content"
    if "." in name:  # a file name (ids have no dots)
        path = (content if name in SPECIAL_FILES else practice_dir / "templates") / name
        return path if path.is_file() else None
    documents = [p for p in _files(content, "*.yaml") if p.name not in SPECIAL_FILES]
    for path in sorted(documents, key=lambda p: p.stem != name):  # the file named by the id first
        data = load_yaml(path, Problems())
        if (data.get("id", path.stem) if isinstance(data, LocDict) else path.stem) == name:
            return path
    return None


@dataclass(frozen=True)
class InEffect:
    """The file a build uses for a name: the practice's own, or the built-in."""

    path: Path
    origin: str  # "built-in" or "practice"
    disabled_by: Path | None = None  # a practice file that hides this built-in document


def in_effect(practice_dir: Path | None, name: str) -> InEffect | None:
    """The file in effect for a document id, a template or workbook.yaml; None for an unknown name."""
    builtin = find_builtin(name)
    if builtin is None and not _ID.match(name):  # only names, never a path, lead into the practice folder
        return None
    own = practice_file(practice_dir, builtin.name if builtin else name)
    if own is None:
        return InEffect(builtin.path, "built-in") if builtin else None
    data = load_yaml(own, Problems())
    switch = isinstance(data, LocDict) and "disabled" in data and set(data) <= {"id", "disabled"}
    if builtin and builtin.is_document and switch:  # `id` and `disabled` only: the built-in, on or off
        return InEffect(builtin.path, "built-in", own if data["disabled"] is True else None)
    return InEffect(own, "practice")


def read_own(path: Path, practice_dir: Path | None) -> bytes:
    """A practice file's bytes, read as a build reads it: inside the practice folder, a regular
    file, within the YAML and template cap; else a located WorkbookError."""
    problems, data = Problems(), None
    if practice_dir is None or confined_file(path, practice_dir, "practice", problems):
        try:
            data = read_capped(path, YAML_CAP, "a practice's copy of a built-in")
        except Unreadable as exc:
            problems.add(display_path(path), str(exc))
        except OSError as exc:
            problems.add(display_path(path), f"cannot read file: {exc.strerror or exc}")
    problems.raise_if_any()
    assert data is not None  # a file not read is a problem
    return data


def upstream(practice_dir: Path | None, builtin: Builtin) -> Upstream:
    copy = practice_file(practice_dir, builtin.name)
    mine = read_own(copy, practice_dir) if copy else None
    record = read_record(copy) if copy else None
    original = None
    if record and practice_dir is not None:
        kept = original_path(practice_dir, builtin)
        try:  # a kept original that is not a file, or not what was copied, is as good as none
            data: bytes | None = read_own(kept, practice_dir) if kept.is_file() else None
        except WorkbookError:
            data = None
        original = data if data is not None and record.matches(data) else None
    return Upstream(builtin, copy, mine, record, original, builtin.path.read_bytes())


def stale_copies(practice_dir: Path | None) -> list[Notice]:
    """A warning at the first line of every copy whose built-in has changed since it was copied,
    or is no longer shipped."""
    if practice_dir is None:
        return []
    every = builtins()
    files = [*_files(practice_dir / "content", "*.yaml"), *_files(practice_dir / "templates", "*")]
    notices = []
    for path in files:
        record = read_record(path)
        if record is None:
            continue
        where = Location(display_path(path), 1, 1)
        builtin = every.get(record.name)
        if builtin is None:
            notices.append(Notice(where, f"copied from the built-in '{record.name}', which this version of kap-workbook "
                                         "no longer has: check whether the practice still wants this file"))
            continue
        current = builtin.path.read_bytes()
        if record.matches(current):
            continue
        version = version_of(builtin, current)
        if version and version != record.version:
            now = f"built-in is version {version}"
        else:
            now = f"built-in (still version {version}) has changed since" if version else "built-in has changed since"
        notices.append(Notice(where, f"copied from the built-in {record.name} {record.described()}; the installed "
                                     f"{now}: `workbook diff {record.name}` shows what changed"))
    return notices


def _files(folder: Path, pattern: str) -> list[Path]:
    return sorted(p for p in folder.glob(pattern) if p.is_file()) if folder.is_dir() else []

"""Stage 0, sources: where the inputs live, the built-in content and templates overlaid by a
practice folder; and how any input file is read: only from inside its folder, only a regular
file, and never more than its size cap, so that a link, a pipe or a device cannot make a build
read elsewhere, hang or fill the memory.

The base language (English) sits at the top of content/ and templates/; every other language has
a folder of the same shape in each, named for it (content/es/, templates/es/). A language exists
where a templates/<language>/strings.yaml does, built-in or in the practice folder; its folders
are read under the same rules, confined to the same layer's root."""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

from workbook.errors import Problems, display_path
from workbook.model.base import BASE_LANGUAGE, LANGUAGE_PATTERN

_PACKAGE = Path(__file__).resolve().parent.parent  # the workbook package
SPECIAL_FILES = ("references.yaml", "workbook.yaml")

MB = 1024 * 1024
# The most any one input file may hold (see the README's Limits).
YAML_CAP = 2 * MB
TEMPLATE_CAP = 2 * MB
IMAGE_CAP = 10 * MB
FONT_CAP = 5 * MB
CSV_CAP = 10 * MB
PDF_CAP = 50 * MB


def builtin_dir(name: str) -> Path:
    """content/ or templates/: inside the installed package, or at the top of a source checkout."""
    packaged = _PACKAGE / name
    return packaged if packaged.is_dir() else _PACKAGE.parent / name


FONTS_DIR = _PACKAGE / "fonts"
PRACTICE_FILE = "practice.yaml"
PRACTICE_ENV = "WORKBOOK_PRACTICE"


def find_practice(start: Path, environ: dict[str, str]) -> tuple[Path, str] | None:
    """The practice folder to use when none was named, and how it was found: the nearest folder
    holding practice.yaml, from start up to the root, else the WORKBOOK_PRACTICE variable."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / PRACTICE_FILE).is_file():
            return folder, "found from the current folder"
    if environ.get(PRACTICE_ENV):
        return Path(environ[PRACTICE_ENV]).resolve(), f"from {PRACTICE_ENV}"
    return None


@dataclass(frozen=True)
class Builtin:
    """A built-in file a practice can copy: a document (by id), a template or the workbook's
    contents (by file name)."""

    name: str  # as typed on the command line: welcome, header.j2, workbook.yaml
    path: Path  # the built-in file
    rel: Path  # where a practice's copy of it lives, e.g. content/welcome.yaml

    @property
    def is_document(self) -> bool:
        return self.rel.parent.name == "content" and self.rel.name not in SPECIAL_FILES


def builtins() -> dict[str, Builtin]:
    """Every built-in file a practice can copy, by name. A built-in document's file is named by
    its id (tests/unit checks it)."""
    content, templates = builtin_dir("content"), builtin_dir("templates")
    found = [Builtin(p.stem, p, Path("content", p.name)) for p in sorted(content.glob("*.yaml"))
             if p.name not in SPECIAL_FILES]
    found.append(Builtin("workbook.yaml", content / "workbook.yaml", Path("content", "workbook.yaml")))
    found += [Builtin(p.name, p, Path("templates", p.name)) for p in sorted(templates.iterdir()) if p.is_file()]
    return {b.name: b for b in found}


def find_builtin(name: str) -> Builtin | None:
    """A built-in by its name, or a template or workbook.yaml by its name without the extension."""
    every = builtins()
    return every.get(name) or next((b for b in every.values() if not b.is_document and b.path.stem == name), None)


class Unreadable(Exception):
    """A file that is not read, and why (its message completes 'FILE ...')."""


def size_text(cap: int) -> str:
    return f"{cap // MB} MB" if cap >= MB else f"{cap // 1024} KB"


def read_capped(path: Path, cap: int, what: str) -> bytes:
    """The bytes of a regular file of at most `cap` bytes (`what` names the kind of file in the
    message). Opened without blocking and checked before reading: a FIFO or a device such as
    /dev/zero is refused at once, never read. OSError when the system cannot open it."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise Unreadable("is a folder, not a file")
        if not stat.S_ISREG(mode):
            raise Unreadable("is not a regular file (a device, a pipe or a socket): use an ordinary file")
        chunks, size = [], 0
        while size <= cap:
            chunk = os.read(fd, min(cap + 1 - size, MB))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > cap:
            raise Unreadable(f"is larger than {size_text(cap)}, the limit for {what}")
        return b"".join(chunks)
    finally:
        os.close(fd)


def outside(path: Path, root: Path) -> bool:
    """True when path, with every link followed (its folders' too), is not inside root."""
    return not path.resolve().is_relative_to(root.resolve())


def confined_file(path: Path, root: Path, origin: str, problems: Problems) -> bool:
    """Whether path is a file to read: one that is a link leading out of root (the `origin`
    folder), a folder, a pipe or a device is a problem, never a file to skip or to open."""
    if outside(path, root):
        problems.add(display_path(path), f"is a link leading outside the {origin} folder; "
                                         "copy the file into the folder instead")
        return False
    if path.is_dir():
        problems.add(display_path(path), "is a folder, not a file")
        return False
    if not path.is_file():
        problems.add(display_path(path), "is not a regular file (a device, a pipe, a socket or a broken link)")
        return False
    return True


@dataclass(frozen=True)
class Layer:
    """One place inputs come from: 'built-in' or 'practice'. Nothing outside `root` is read."""

    origin: str
    root: Path
    content: Path
    templates: Path

    def documents(self, problems: Problems) -> list[Path]:
        if not self._folder(self.content, problems):
            return []
        found = sorted(p for p in self.content.glob("*.yaml") if p.name not in SPECIAL_FILES)
        return [p for p in found if self._file(p, problems)]

    def special(self, name: str, problems: Problems) -> Path | None:
        path = self.content / name
        return path if self._folder(self.content, problems) and self._file(path, problems) else None

    def template(self, name: str, problems: Problems) -> Path | None:
        path = self.templates / name
        return path if self._folder(self.templates, problems) and self._file(path, problems) else None

    def _folder(self, path: Path, problems: Problems) -> bool:
        """Whether the folder is there to read; a link leading out of the layer is a problem."""
        if not os.path.lexists(path):
            return False
        if outside(path, self.root):
            problems.add(display_path(path), f"is a link leading outside the {self.origin} folder; "
                                             "keep content and templates inside it")
            return False
        if not path.is_dir():
            problems.add(display_path(path), "is a file; it must be a folder")
            return False
        return True

    def _file(self, path: Path, problems: Problems) -> bool:
        return os.path.lexists(path) and confined_file(path, self.root, self.origin, problems)

    def languages(self) -> set[str]:
        if not self.templates.is_dir():
            return set()
        return {p.parent.name for p in self.templates.glob("*/strings.yaml") if re.match(LANGUAGE_PATTERN, p.parent.name)}

    def translated(self, language: str) -> Layer:
        """The same origin's folders for a language other than the base one, read under the same
        root: a content/es/ that is a link leading out of the practice folder is refused too."""
        return Layer(self.origin, self.root, self.content / language, self.templates / language)


@dataclass(frozen=True)
class Sources:
    """The search path, first layer lowest: later layers override earlier ones."""

    layers: tuple[Layer, ...]
    practice_dir: Path | None

    @classmethod
    def find(cls, practice_dir: Path | None) -> Sources:
        content, templates = builtin_dir("content"), builtin_dir("templates")
        layers = [Layer("built-in", content.parent, content, templates)]
        if practice_dir is not None:
            practice_dir = practice_dir.resolve()
            layers.append(Layer("practice", practice_dir, practice_dir / "content", practice_dir / "templates"))
        return cls(tuple(layers), practice_dir)

    def template(self, name: str, problems: Problems) -> Path | None:
        for layer in reversed(self.layers):
            found = layer.template(name, problems)
            if found:
                return found
        return None

    def languages(self) -> list[str]:
        """The base language and every language some layer has strings for."""
        return sorted({BASE_LANGUAGE}.union(*(layer.languages() for layer in self.layers)))

    def translated(self, language: str) -> Sources:
        """The search path of a language: each layer's folder for it (the base language: itself)."""
        if language == BASE_LANGUAGE:
            return self
        return Sources(tuple(layer.translated(language) for layer in self.layers), self.practice_dir)
